using System;
using Backprop;

namespace Backprop.Tests.Corpus
{
    /// <summary>
    /// One method per System.Math function (and a MathF twin of each), so that each derivative rule is checked
    /// alone: at ordinary points by <see cref="CorpusTests"/>, and near the edges of its domain by MathRuleTests.
    /// </summary>
    public static partial class MathLib
    {
        [Differentiable] public static double Exp(double x) => Math.Exp(x);

        /// <summary>exp(−x²): its square's derivative, 2x·(x·a), must stay 0 where x² overflows (MathRuleTests).</summary>
        [Differentiable] public static double Gaussian(double x) => Math.Exp(-(x * x));
        [Differentiable] public static double Log(double x) => Math.Log(x);
        [Differentiable] public static double LogBase(double x, double b) => Math.Log(x, b);
        [Differentiable] public static double Log10(double x) => Math.Log10(x);
        [Differentiable] public static double Log2(double x) => Math.Log2(x);
        [Differentiable] public static double Sqrt(double x) => Math.Sqrt(x);
        [Differentiable] public static double Cbrt(double x) => Math.Cbrt(x);
        [Differentiable] public static double Pow(double x, double y) => Math.Pow(x, y);
        [Differentiable] public static double Sin(double x) => Math.Sin(x);
        [Differentiable] public static double Cos(double x) => Math.Cos(x);
        [Differentiable] public static double Tan(double x) => Math.Tan(x);
        [Differentiable] public static double Asin(double x) => Math.Asin(x);
        [Differentiable] public static double Acos(double x) => Math.Acos(x);
        [Differentiable] public static double Atan(double x) => Math.Atan(x);
        [Differentiable] public static double Atan2(double y, double x) => Math.Atan2(y, x);
        [Differentiable] public static double Sinh(double x) => Math.Sinh(x);
        [Differentiable] public static double Cosh(double x) => Math.Cosh(x);
        [Differentiable] public static double Tanh(double x) => Math.Tanh(x);
        [Differentiable] public static double Asinh(double x) => Math.Asinh(x);
        [Differentiable] public static double Acosh(double x) => Math.Acosh(x);
        [Differentiable] public static double Atanh(double x) => Math.Atanh(x);
        [Differentiable] public static double Abs(double x) => Math.Abs(x);
        [Differentiable] public static double Max(double x, double y) => Math.Max(x, y);
        [Differentiable] public static double Min(double x, double y) => Math.Min(x, y);
        [Differentiable] public static double Clamp(double x, double lo, double hi) => Math.Clamp(x, lo, hi);
        [Differentiable] public static double FusedMultiplyAdd(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);

        /// <summary>The piecewise-constant functions add nothing to the derivative of x.</summary>
        [Differentiable]
        public static double PiecewiseConstant(double x)
            => x + Math.Floor(x) + Math.Ceiling(x) + Math.Round(x) + Math.Truncate(x) + Math.Sign(x);

        /// <summary>Several rules composed, with a clamp bound that is itself differentiable.</summary>
        [Differentiable]
        public static double Composed(double x, double y)
        {
            double r = Math.Atan2(y, x) + Math.Log(Math.Cosh(x), 3.0);
            double s = Math.Clamp(Math.Sinh(y), -x, x * x + 1);
            return Math.FusedMultiplyAdd(r, s, Math.Cbrt(x * x + 2) + Math.Log10(y * y + 1) * Math.Log2(x * x + 1.5));
        }
    }

    /// <summary>The MathF twins of <see cref="MathLib"/>: each rule in single precision.</summary>
    public static partial class MathLibF
    {
        [Differentiable] public static float Exp(float x) => MathF.Exp(x);
        [Differentiable] public static float Log(float x) => MathF.Log(x);
        [Differentiable] public static float LogBase(float x, float b) => MathF.Log(x, b);
        [Differentiable] public static float Log10(float x) => MathF.Log10(x);
        [Differentiable] public static float Log2(float x) => MathF.Log2(x);
        [Differentiable] public static float Sqrt(float x) => MathF.Sqrt(x);
        [Differentiable] public static float Cbrt(float x) => MathF.Cbrt(x);
        [Differentiable] public static float Pow(float x, float y) => MathF.Pow(x, y);
        [Differentiable] public static float Sin(float x) => MathF.Sin(x);
        [Differentiable] public static float Cos(float x) => MathF.Cos(x);
        [Differentiable] public static float Tan(float x) => MathF.Tan(x);
        [Differentiable] public static float Asin(float x) => MathF.Asin(x);
        [Differentiable] public static float Acos(float x) => MathF.Acos(x);
        [Differentiable] public static float Atan(float x) => MathF.Atan(x);
        [Differentiable] public static float Atan2(float y, float x) => MathF.Atan2(y, x);
        [Differentiable] public static float Sinh(float x) => MathF.Sinh(x);
        [Differentiable] public static float Cosh(float x) => MathF.Cosh(x);
        [Differentiable] public static float Tanh(float x) => MathF.Tanh(x);
        [Differentiable] public static float Asinh(float x) => MathF.Asinh(x);
        [Differentiable] public static float Acosh(float x) => MathF.Acosh(x);
        [Differentiable] public static float Atanh(float x) => MathF.Atanh(x);
        [Differentiable] public static float Abs(float x) => MathF.Abs(x);
        [Differentiable] public static float Max(float x, float y) => MathF.Max(x, y);
        [Differentiable] public static float Min(float x, float y) => MathF.Min(x, y);
        [Differentiable] public static float Clamp(float x, float lo, float hi) => Math.Clamp(x, lo, hi);
        [Differentiable] public static float FusedMultiplyAdd(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);

        /// <summary>The piecewise-constant functions add nothing to the derivative of x.</summary>
        [Differentiable]
        public static float PiecewiseConstant(float x)
            => x + MathF.Floor(x) + MathF.Ceiling(x) + MathF.Round(x) + MathF.Truncate(x) + MathF.Sign(x);
    }
}
