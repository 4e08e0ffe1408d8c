using System;
using Backprop;

namespace Backprop.Tests.Corpus
{
    public static partial class Smoke
    {
        [Differentiable]
        public static double Square(double x) => x * x;

        [Differentiable]
        public static double Sigmoid(double x)
        {
            if (x >= 0)
            {
                return 1.0 / (1.0 + Math.Exp(-x));
            }

            double e = Math.Exp(x);
            return e / (1.0 + e);
        }

        [Differentiable]
        public static void MatVec(ReadOnlySpan<double> m, ReadOnlySpan<double> x, Span<double> y, int k)
        {
            for (int i = 0; i < k; i++)
            {
                double sum = 0;
                for (int j = 0; j < k; j++)
                {
                    sum += m[i * k + j] * x[j];
                }

                y[i] = sum;
            }
        }

        [Differentiable]
        public static double Abc(double[] a, double[] b, double[] c, [NoDerivative] double[] x, int k)
        {
            double[] y = new double[k];
            double[] v = new double[k];
            double[] z = new double[k];
            double[] w = new double[k];
            MatVec(a, x, y, k);
            MatVec(b, x, v, k);
            for (int i = 0; i < k; i++)
            {
                z[i] = Sigmoid(y[i]) + v[i];
            }

            MatVec(c, z, w, k);
            double loss = 0;
            for (int i = 0; i < k; i++)
            {
                loss += w[i] * w[i];
            }

            return loss;
        }

        [Differentiable]
        public static double Recurrence(double[] p, int steps)
        {
            double s = 1.0;
            for (int t = 0; t < steps; t++)
            {
                s = Math.Sin(s * p[0]) + s * p[1];
            }

            return s;
        }
    }
}
