using System;
using Backprop;

namespace Backprop.Tests.Corpus
{
    /// <summary>Float methods using MathF, each with a double twin that finite differences can check precisely.</summary>
    public static partial class FloatFn
    {
        [Differentiable]
        public static float MathFunctions(float x, float y)
        {
            float a = MathF.Exp(x * 0.5f) + MathF.Log(y * y + 1f) + MathF.Sqrt(x * x + 2f);
            float b = MathF.Sin(x) * MathF.Cos(y) + MathF.Tan(x * 0.3f) + MathF.Tanh(y);
            float c = MathF.Pow(y * y + 1f, x) + MathF.Abs(x - y) + MathF.Max(x, y) - MathF.Min(x * 2f, y);
            return a * b + c;
        }

        [Differentiable]
        public static double MathFunctionsTwin(double x, double y)
        {
            double a = Math.Exp(x * 0.5) + Math.Log(y * y + 1) + Math.Sqrt(x * x + 2);
            double b = Math.Sin(x) * Math.Cos(y) + Math.Tan(x * 0.3) + Math.Tanh(y);
            double c = Math.Pow(y * y + 1, x) + Math.Abs(x - y) + Math.Max(x, y) - Math.Min(x * 2, y);
            return a * b + c;
        }

        [Differentiable]
        public static float ArrayLoop(float[] w, ReadOnlySpan<float> x)
        {
            float[] h = new float[3];
            float loss = 0f;
            for (int i = 0; i < 3; i++)
            {
                float z = 0f;
                for (int j = 0; j < x.Length; j++)
                {
                    z += w[i * x.Length + j] * x[j];
                }

                h[i] = MathF.Tanh(z);
                loss += h[i] * h[i] * (float)(i + 1);
            }

            return loss;
        }

        [Differentiable]
        public static double ArrayLoopTwin(double[] w, ReadOnlySpan<double> x)
        {
            double[] h = new double[3];
            double loss = 0;
            for (int i = 0; i < 3; i++)
            {
                double z = 0;
                for (int j = 0; j < x.Length; j++)
                {
                    z += w[i * x.Length + j] * x[j];
                }

                h[i] = Math.Tanh(z);
                loss += h[i] * h[i] * (double)(i + 1);
            }

            return loss;
        }

        [Differentiable]
        public static double Mixed(double x, float f) => x * f + MathF.Sin(f) * Math.Exp(x);
    }
}
