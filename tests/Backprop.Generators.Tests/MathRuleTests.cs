using System;
using System.Collections.Generic;
using System.Linq;
using Backprop.Tests.Corpus;
using Xunit;

namespace Backprop.Tests
{
    /// <summary>
    /// Each System.Math and MathF derivative rule, alone, from ordinary points to the edges of its domain: the double
    /// gradient against fourth-order central differences whose step shrinks with the distance to the edge, and the
    /// float gradient against the derivative's closed form evaluated in double at the same float point.
    /// </summary>
    public sealed class MathRuleTests
    {
        private delegate double Grad1(double x, ref double xGrad);

        private delegate float Grad1F(float x, ref float xGrad);

        /// <summary>A one-argument function: its forward and generated gradient in double and float, and its derivative.</summary>
        private sealed record Unary(
            string Name,
            Func<double, double> F,
            Grad1 G,
            Func<float, float> FloatF,
            Grad1F FloatG,
            Func<double, double> Derivative,
            Func<double, double> DistanceToEdge,
            double[] Points);

        private static readonly Func<double, double> s_noEdge = _ => double.PositiveInfinity;
        private static readonly Func<double, double> s_positive = x => x;
        private static readonly Func<double, double> s_unitInterval = x => 1 - Math.Abs(x);

        private static readonly Unary[] s_unary =
        {
            new("Exp", MathLib.Exp, MathLib.ExpGradient, MathLibF.Exp, MathLibF.ExpGradient, Math.Exp, s_noEdge, new[] { -30, -1, 0, 0.5, 20 }),
            new("Log", MathLib.Log, MathLib.LogGradient, MathLibF.Log, MathLibF.LogGradient, x => 1 / x, s_positive, new[] { 1e-6, 1e-3, 0.5, 1, 10, 1e6 }),
            new("Log10", MathLib.Log10, MathLib.Log10Gradient, MathLibF.Log10, MathLibF.Log10Gradient, x => 1 / (x * Math.Log(10)), s_positive, new[] { 1e-6, 1e-3, 0.5, 1, 10, 1e6 }),
            new("Log2", MathLib.Log2, MathLib.Log2Gradient, MathLibF.Log2, MathLibF.Log2Gradient, x => 1 / (x * Math.Log(2)), s_positive, new[] { 1e-6, 1e-3, 0.5, 1, 10, 1e6 }),
            new("Sqrt", MathLib.Sqrt, MathLib.SqrtGradient, MathLibF.Sqrt, MathLibF.SqrtGradient, x => 0.5 / Math.Sqrt(x), s_positive, new[] { 1e-6, 1e-3, 2, 1e6 }),
            new("Cbrt", MathLib.Cbrt, MathLib.CbrtGradient, MathLibF.Cbrt, MathLibF.CbrtGradient, x => 1 / (3 * Math.Pow(Math.Abs(x), 2.0 / 3)), x => Math.Abs(x), new[] { -27, -1e-3, 1e-6, 0.4, 8, 1e6 }),
            new("Sin", MathLib.Sin, MathLib.SinGradient, MathLibF.Sin, MathLibF.SinGradient, Math.Cos, s_noEdge, new[] { -2, 0, 0.7, Math.PI / 2 }),
            new("Cos", MathLib.Cos, MathLib.CosGradient, MathLibF.Cos, MathLibF.CosGradient, x => -Math.Sin(x), s_noEdge, new[] { -2, 0, 0.7, Math.PI }),
            new("Tan", MathLib.Tan, MathLib.TanGradient, MathLibF.Tan, MathLibF.TanGradient, x => 1 + (Math.Tan(x) * Math.Tan(x)), x => Math.Abs((Math.PI / 2) - Math.Abs(x)), new[] { -1.5, 0, 0.7, 1.57 }),
            new("Asin", MathLib.Asin, MathLib.AsinGradient, MathLibF.Asin, MathLibF.AsinGradient, x => 1 / Math.Sqrt(1 - (x * x)), s_unitInterval, new[] { -1 + 1e-6, -0.999, 0, 0.5, 0.999, 1 - 1e-6 }),
            new("Acos", MathLib.Acos, MathLib.AcosGradient, MathLibF.Acos, MathLibF.AcosGradient, x => -1 / Math.Sqrt(1 - (x * x)), s_unitInterval, new[] { -1 + 1e-6, -0.999, 0, 0.5, 0.999, 1 - 1e-6 }),
            new("Atan", MathLib.Atan, MathLib.AtanGradient, MathLibF.Atan, MathLibF.AtanGradient, x => 1 / (1 + (x * x)), s_noEdge, new[] { -1e3, -1, 0, 0.5, 1e8 }),
            new("Sinh", MathLib.Sinh, MathLib.SinhGradient, MathLibF.Sinh, MathLibF.SinhGradient, Math.Cosh, s_noEdge, new[] { -20, -1, 0, 0.5, 20 }),
            new("Cosh", MathLib.Cosh, MathLib.CoshGradient, MathLibF.Cosh, MathLibF.CoshGradient, Math.Sinh, s_noEdge, new[] { -20, -1, 0, 0.5, 20 }),
            new("Tanh", MathLib.Tanh, MathLib.TanhGradient, MathLibF.Tanh, MathLibF.TanhGradient, x => 1 / (Math.Cosh(x) * Math.Cosh(x)), s_noEdge, new[] { -40, -20, -3, -2, 0, 0.5, 2, 2.5, 20, 300 }),
            new("Asinh", MathLib.Asinh, MathLib.AsinhGradient, MathLibF.Asinh, MathLibF.AsinhGradient, x => 1 / double.Hypot(x, 1), s_noEdge, new[] { -1e200, -1e3, -1, 0, 0.5, 1, 1e6, 1e30, 1e200 }),
            new("Acosh", MathLib.Acosh, MathLib.AcoshGradient, MathLibF.Acosh, MathLibF.AcoshGradient, x => 1 / (Math.Sqrt(x - 1) * Math.Sqrt(x + 1)), x => x - 1, new[] { 1 + 1e-6, 1.001, 2, 2.5, 1e3, 1e30, 1e200 }),
            new("Atanh", MathLib.Atanh, MathLib.AtanhGradient, MathLibF.Atanh, MathLibF.AtanhGradient, x => 1 / (1 - (x * x)), s_unitInterval, new[] { -1 + 1e-6, -0.999, 0, 0.5, 0.999, 1 - 1e-6 }),
            new("Abs", MathLib.Abs, MathLib.AbsGradient, MathLibF.Abs, MathLibF.AbsGradient, x => Math.Sign(x), x => Math.Abs(x), new[] { -2, -1e-3, 1e-3, 3 }),
            new("PiecewiseConstant", MathLib.PiecewiseConstant, MathLib.PiecewiseConstantGradient, MathLibF.PiecewiseConstant, MathLibF.PiecewiseConstantGradient, _ => 1, x => Math.Min(Math.Abs(x - Math.Round(x)), Math.Abs(Math.Abs(x - Math.Floor(x)) - 0.5)), new[] { -1.7, -0.3, 0.3, 2.2 }),
        };

        public static IEnumerable<object[]> UnaryPoints
            => s_unary.SelectMany(u => u.Points.Select(p => new object[] { u.Name, p }));

        [Theory]
        [MemberData(nameof(UnaryPoints))]
        public void DoubleRuleMatchesFiniteDifferences(string name, double x)
        {
            Unary u = s_unary.Single(f => f.Name == name);
            double grad = 0;
            double value = u.G(x, ref grad);
            Assert.Equal(BitConverter.DoubleToInt64Bits(u.F(x)), BitConverter.DoubleToInt64Bits(value));
            double numeric = CentralDifference(u.F, x, u.DistanceToEdge(x));
            AssertClose(grad, numeric, 1e-6, $"{name}'({x:R})");

            // Finite differences cannot see a derivative that is tiny next to the value (tanh'(20) = 2e-17 beside
            // tanh(20) = 1), so the closed form checks the digits too, relative to the derivative itself.
            AssertRelative(grad, u.Derivative(x), 1e-9, $"{name}'({x:R})");
        }

        [Theory]
        [MemberData(nameof(UnaryPoints))]
        public void FloatRuleMatchesTheClosedForm(string name, double point)
        {
            Unary u = s_unary.Single(f => f.Name == name);
            float x = (float)point;
            if (u.DistanceToEdge(x) <= 0 || !float.IsFinite(x))
            {
                // The point rounded onto the edge in single precision (1 - 1e-6 rounds to 0.999999 but not onto 1),
                // or out of its range (1e200).
                return;
            }

            float grad = 0;
            float value = u.FloatG(x, ref grad);
            Assert.Equal(BitConverter.SingleToInt32Bits(u.FloatF(x)), BitConverter.SingleToInt32Bits(value));
            // Rounded to float, as tanh'(300) = 1e-260 is 0 there.
            AssertRelative(grad, (float)u.Derivative(x), 1e-5, $"{name}'({x:R}f)");
        }

        [Theory]
        [InlineData(2.0, 10.0)]
        [InlineData(1e-3, 10.0)]
        [InlineData(2.0, 1.001)]
        [InlineData(3.0, 0.5)]
        [InlineData(1e6, 2.0)]
        public void LogWithBase(double x, double b)
        {
            double xGrad = 0, bGrad = 0;
            double value = MathLib.LogBaseGradient(x, b, ref xGrad, ref bGrad);
            Assert.Equal(MathLib.LogBase(x, b), value);
            double edge = Math.Min(x, Math.Min(b, Math.Abs(b - 1)));
            AssertClose(xGrad, CentralDifference(v => MathLib.LogBase(v, b), x, edge), 1e-6, "d/dx");
            AssertClose(bGrad, CentralDifference(v => MathLib.LogBase(x, v), b, edge), 1e-6, "d/db");

            float xf = 0, bf = 0;
            MathLibF.LogBaseGradient((float)x, (float)b, ref xf, ref bf);
            double lnB = Math.Log((float)b);
            AssertClose(xf, 1 / ((float)x * lnB), 1e-4, "float d/dx");
            AssertClose(bf, -Math.Log((float)x) / ((float)b * lnB * lnB), 1e-4, "float d/db");
        }

        [Theory]
        [InlineData(2.0, 3.0)]
        [InlineData(0.5, -1.5)]
        [InlineData(1e-3, 2.5)]
        [InlineData(-2.0, 3.0)]
        public void Pow(double x, double y)
        {
            double xGrad = 0, yGrad = 0;
            MathLib.PowGradient(x, y, ref xGrad, ref yGrad);
            AssertClose(xGrad, CentralDifference(v => MathLib.Pow(v, y), x, Math.Abs(x)), 1e-6, "d/dx");
            if (x > 0)
            {
                AssertClose(yGrad, CentralDifference(v => MathLib.Pow(x, v), y, double.PositiveInfinity), 1e-6, "d/dy");
            }
        }

        [Theory]
        [InlineData(2.5)]
        [InlineData(1.0)]
        public void PowAtZeroBaseHasNoExponentGradient(double y)
        {
            // 0^v is 0 for every v > 0: the exponent's partial derivative is 0, not 0 · log(0) = NaN.
            double xGrad = 0, yGrad = 0;
            MathLib.PowGradient(0.0, y, ref xGrad, ref yGrad);
            Assert.Equal(0.0, yGrad);
            Assert.Equal(y * Math.Pow(0.0, y - 1), xGrad);

            float xf = 0, yf = 0;
            MathLibF.PowGradient(0f, (float)y, ref xf, ref yf);
            Assert.Equal(0f, yf);
        }

        [Theory]
        [InlineData(1.0, 1.0)]
        [InlineData(-1e-3, -1.0)]
        [InlineData(1e-3, -1.0)]
        [InlineData(-2.0, 0.5)]
        [InlineData(3.0, 1e-8)]
        [InlineData(1e200, -3e200)]   // x² + y² overflows
        [InlineData(-2e-200, 1e-200)] // x² + y² underflows
        [InlineData(1e30, 3e30)]      // x² + y² overflows in float
        public void Atan2(double y, double x)
        {
            double yGrad = 0, xGrad = 0;
            MathLib.Atan2Gradient(y, x, ref yGrad, ref xGrad);
            // The edge is the branch cut along the negative x axis (and the origin).
            double r = double.Hypot(x, y);
            double edge = x < 0 ? Math.Abs(y) : r;
            AssertClose(yGrad, CentralDifference(v => MathLib.Atan2(v, x), y, edge), 1e-6, "d/dy");
            AssertClose(xGrad, CentralDifference(v => MathLib.Atan2(y, v), x, edge), 1e-6, "d/dx");
            AssertRelative(yGrad, x / r / r, 1e-14, "d/dy");
            AssertRelative(xGrad, -y / r / r, 1e-14, "d/dx");

            float yf = 0, xf = 0;
            (float fy, float fx) = ((float)y, (float)x);
            if (fy == 0 || fx == 0 || !float.IsFinite(fy) || !float.IsFinite(fx))
            {
                return; // out of float's range
            }

            MathLibF.Atan2Gradient(fy, fx, ref yf, ref xf);
            double rf = double.Hypot(fx, fy);
            AssertRelative(yf, fx / rf / rf, 1e-6, "float d/dy");
            AssertRelative(xf, -fy / rf / rf, 1e-6, "float d/dx");
        }

        [Theory]
        [InlineData(0.5, 0.0, 1.0, 1, 0, 0)]    // inside: to x
        [InlineData(-0.5, 0.0, 1.0, 0, 1, 0)]   // below: to lo
        [InlineData(1.5, 0.0, 1.0, 0, 0, 1)]    // above: to hi
        [InlineData(0.0, 0.0, 1.0, 1, 0, 0)]    // on an end: to x, as Max and Min give a tie to their first argument
        [InlineData(1.0, 0.0, 1.0, 1, 0, 0)]
        public void Clamp(double x, double lo, double hi, double dx, double dlo, double dhi)
        {
            double xGrad = 0, loGrad = 0, hiGrad = 0;
            double value = MathLib.ClampGradient(x, lo, hi, ref xGrad, ref loGrad, ref hiGrad);
            Assert.Equal(Math.Clamp(x, lo, hi), value);
            Assert.Equal((dx, dlo, dhi), (xGrad, loGrad, hiGrad));

            float xf = 0, lof = 0, hif = 0;
            MathLibF.ClampGradient((float)x, (float)lo, (float)hi, ref xf, ref lof, ref hif);
            Assert.Equal(((float)dx, (float)dlo, (float)dhi), (xf, lof, hif));
        }

        [Fact]
        public void ClampAwayFromItsEndsMatchesFiniteDifferences()
        {
            foreach ((double x, double lo, double hi) in new[] { (0.3, -1.0, 2.0), (-3.0, -1.0, 2.0), (5.0, -1.0, 2.0) })
            {
                double xGrad = 0, loGrad = 0, hiGrad = 0;
                MathLib.ClampGradient(x, lo, hi, ref xGrad, ref loGrad, ref hiGrad);
                AssertClose(xGrad, CentralDifference(v => Math.Clamp(v, lo, hi), x, 0.5), 1e-9, "d/dx");
                AssertClose(loGrad, CentralDifference(v => Math.Clamp(x, v, hi), lo, 0.5), 1e-9, "d/dlo");
                AssertClose(hiGrad, CentralDifference(v => Math.Clamp(x, lo, v), hi, 0.5), 1e-9, "d/dhi");
            }
        }

        [Fact]
        public void FusedMultiplyAdd()
        {
            double a = 1.3, b = -0.7, c = 2.1;
            double da = 0, db = 0, dc = 0;
            double value = MathLib.FusedMultiplyAddGradient(a, b, c, ref da, ref db, ref dc);
            Assert.Equal(Math.FusedMultiplyAdd(a, b, c), value);
            Assert.Equal((b, a, 1.0), (da, db, dc));
            float fa = 0, fb = 0, fc = 0;
            MathLibF.FusedMultiplyAddGradient(1.3f, -0.7f, 2.1f, ref fa, ref fb, ref fc);
            Assert.Equal((-0.7f, 1.3f, 1f), (fa, fb, fc));
        }

        [Fact]
        public void MaxAndMinGiveTiesToTheirFirstArgument()
        {
            double dx = 0, dy = 0;
            MathLib.MaxGradient(2, 2, ref dx, ref dy);
            Assert.Equal((1.0, 0.0), (dx, dy));
            dx = dy = 0;
            MathLib.MinGradient(2, 3, ref dx, ref dy);
            Assert.Equal((1.0, 0.0), (dx, dy));
            dx = dy = 0;
            MathLib.MinGradient(3, 2, ref dx, ref dy);
            Assert.Equal((0.0, 1.0), (dx, dy));
        }

        [Theory]
        [InlineData(0.7)]
        [InlineData(-3.0)]
        [InlineData(1e200)]
        [InlineData(1e308)]
        [InlineData(-1e308)]
        public void SquareKeepsItsDerivativeFiniteWhereTheSquareOverflows(double x)
        {
            // d exp(−x²) = −2x·exp(−x²): 0 once exp(−x²) underflows. The square's rule computes 2·(x·a), which is
            // 0 here; (2x)·a would be ∞·0 = NaN for |x| > max/2.
            double xGrad = 0;
            MathLib.GaussianGradient(x, ref xGrad);
            Assert.Equal(-2 * (x * Math.Exp(-(x * x))), xGrad, 1e-15);
        }

        [Fact]
        public void AbsAtZeroHasZeroDerivative()
        {
            double dx = 0;
            MathLib.AbsGradient(0.0, ref dx);
            Assert.Equal(0.0, dx);
        }

        /// <summary>
        /// Fourth-order central differences with the project's step, shrunk to a hundredth of the distance to the
        /// edge of the domain, so that the stencil never leaves it and its truncation error stays below 1e-8.
        /// </summary>
        private static double CentralDifference(Func<double, double> f, double x, double distanceToEdge)
        {
            double h = Math.Min(FiniteDifferences.StepFor(x), distanceToEdge / 100);
            return ((8 * (f(x + h) - f(x - h))) - (f(x + (2 * h)) - f(x - (2 * h)))) / (12 * h);
        }

        /// <summary>Relative to the larger magnitude, so a derivative of 1e-17 must be right to its own digits.</summary>
        private static void AssertRelative(double actual, double expected, double tolerance, string what)
        {
            double error = actual == expected ? 0 : Math.Abs(actual - expected) / Math.Max(Math.Abs(actual), Math.Abs(expected));
            Assert.True(error <= tolerance, $"{what}: generated {actual:R}, closed form {expected:R}, relative error {error:E2} > {tolerance:E0}");
        }

        /// <summary>Relative above 1 and absolute below it, as finite differences are only that good for tiny derivatives.</summary>
        private static void AssertClose(double actual, double expected, double tolerance, string what)
        {
            double error = Math.Abs(actual - expected) / Math.Max(1, Math.Max(Math.Abs(actual), Math.Abs(expected)));
            Assert.True(error <= tolerance, $"{what}: generated {actual:R}, expected {expected:R}, relative error {error:E2} > {tolerance:E0}");
        }
    }
}
