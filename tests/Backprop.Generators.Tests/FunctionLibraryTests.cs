using System;
using Backprop.Tests.Corpus;
using Xunit;

namespace Backprop.Tests
{
    /// <summary>
    /// The stable function library where the naive formulas fail: values and derivatives at extreme inputs against
    /// exact closed forms, and derivatives against finite differences elsewhere (the corpus cases check them
    /// through generated gradients).
    /// </summary>
    public sealed class FunctionLibraryTests
    {
        /// <summary>
        /// Values against references computed to 60 significant digits (Python's decimal module, rounded to the
        /// nearest double), not against another double formula: σ(x) = 1 / (1 + e^-x), σ'(x) = σ(x)(1 - σ(x)),
        /// softplus(x) = ln(1 + e^x), log σ(x) = -ln(1 + e^-x). At ±1000 the exact values below 1e-400 round to 0.
        /// </summary>
        [Theory]
        [InlineData(-1000.0, 0.0, 0.0, 0.0, -1000.0)]
        [InlineData(-40.0, 4.248354255291589e-18, 4.248354255291589e-18, 4.248354255291589e-18, -40.0)]
        [InlineData(-1e-9, 0.49999999975, 0.25, 0.6931471800599454, -0.6931471810599453)]
        [InlineData(0.0, 0.5, 0.25, 0.6931471805599453, -0.6931471805599453)]
        [InlineData(3.0, 0.9525741268224333, 0.04517665973091213, 3.048587351573742, -0.04858735157374206)]
        [InlineData(40.0, 1.0, 4.248354255291589e-18, 40.0, -4.248354255291589e-18)]
        [InlineData(1000.0, 1.0, 0.0, 1000.0, 0.0)]
        public void ScalarFunctionsAreExactInTheTails(double x, double sigmoid, double derivative, double softplus, double logSigmoid)
        {
            AssertRelative(sigmoid, Functions.Sigmoid(x), 2e-16);
            AssertRelative(derivative, Functions.SigmoidDerivative(x), 5e-16);
            AssertRelative(softplus, Functions.Softplus(x), 2e-16);
            AssertRelative(logSigmoid, Functions.LogSigmoid(x), 2e-16);

            // The derivatives of softplus and log σ are σ(x) and σ(-x), which the rows above pin down.
            Assert.Equal(Functions.Sigmoid(x), Functions.SoftplusDerivative(x));
            Assert.Equal(Functions.Sigmoid(-x), Functions.LogSigmoidDerivative(x));
        }

        [Fact]
        public void SigmoidDerivativeDoesNotRoundToZeroAboveThirtySeven()
        {
            // σ(1 - σ) is 0 for x > 37 in double; the true derivative is e^-x there.
            Assert.Equal(0.0, Functions.Sigmoid(40.0) * (1 - Functions.Sigmoid(40.0)));
            AssertRelative(Math.Exp(-40), Functions.SigmoidDerivative(40.0), 1e-15);
        }

        [Fact]
        public void BinaryCrossEntropyWithLogitsAtExtremeLogits()
        {
            // At z = 1000 with t = 0 the loss is 1000; the naive -log(1 - σ(z)) is ∞.
            Assert.Equal(1000.0, Functions.BinaryCrossEntropyWithLogits(1000.0, 0.0));
            Assert.Equal(0.0, Functions.BinaryCrossEntropyWithLogits(1000.0, 1.0));
            double zGrad = 0, tGrad = 0;
            Functions.BinaryCrossEntropyWithLogitsPullback(-1000.0, 1.0, 2.0, ref zGrad, ref tGrad);
            Assert.Equal((2.0 * (0 - 1), 2000.0), (zGrad, tGrad));

            // Through a generated gradient: d/dz = σ(z) - t, d/dt = -z.
            double z = 0, t = 0;
            Custom.LibraryBinaryCrossEntropyTargetGradient(-800.0, 0.25, ref z, ref t);
            Assert.Equal((-0.25, 800.0), (z, t));
        }

        [Fact]
        public void LogSumExpAndSoftmaxDoNotOverflow()
        {
            double[] x = { 1000.0, 1000.0, -1000.0 };
            AssertRelative(1000 + Math.Log(2), Functions.LogSumExp(x), 1e-15);
            double[] p = new double[3];
            Functions.Softmax(x, p);
            Assert.Equal(new[] { 0.5, 0.5, 0.0 }, p);

            double[] g = new double[3];
            Functions.LogSumExpPullback(x, 3.0, g);
            Assert.Equal(new[] { 1.5, 1.5, 0.0 }, g);

            Assert.Equal(double.NegativeInfinity, Functions.LogSumExp(ReadOnlySpan<double>.Empty));
            Assert.Equal(double.PositiveInfinity, Functions.LogSumExp(new[] { 1.0, double.PositiveInfinity }));
            Assert.Equal(MathF.Log(2f), Functions.LogSumExp(new[] { 0f, 0f }));
        }

        [Fact]
        public void InfiniteInputsGiveTheLimits()
        {
            // As xᵢ → +∞, softmax(x) → the indicator of the largest entries, so the gradient of log Σ e^x goes to
            // them in equal shares; nothing is NaN.
            double[] x = { double.PositiveInfinity, 2.0, double.PositiveInfinity, double.NegativeInfinity };
            double[] g = new double[4];
            Functions.LogSumExpPullback(x, 4.0, g);
            Assert.Equal(new[] { 2.0, 0.0, 2.0, 0.0 }, g);

            double[] p = new double[4];
            Functions.Softmax(x, p);
            Assert.Equal(new[] { 0.5, 0.0, 0.5, 0.0 }, p);

            double[] allMinusInfinity = { double.NegativeInfinity, double.NegativeInfinity };
            double[] uniform = new double[2];
            Functions.Softmax(allMinusInfinity, uniform);
            Assert.Equal(new[] { 0.5, 0.5 }, uniform);
            g = new double[2];
            Functions.LogSumExpPullback(allMinusInfinity, 1.0, g);
            Assert.Equal(new double[2], g);

            double[] xGrad = new double[4];
            double[] pAdj = { 1.0, 2.0, 3.0, 4.0 };
            Functions.SoftmaxPullback(x, p, xGrad, pAdj);
            Assert.Equal(new double[4], xGrad);
            Assert.Equal(new double[4], pAdj);
        }

        [Fact]
        public void SoftmaxPullbackMatchesFiniteDifferencesAndClearsTheOutputAdjoint()
        {
            double[] x = { 0.3, -1.2, 2.0, 0.5 };
            double[] upstream = { 0.7, -0.2, 0.4, 1.1 };
            double[] xGrad = new double[4];
            double[] pAdj = (double[])upstream.Clone();
            Functions.SoftmaxPullback(x, new double[4], xGrad, pAdj);
            Assert.Equal(new double[4], pAdj);

            double Weighted()
            {
                double[] p = new double[4];
                Functions.Softmax(x, p);
                double s = 0;
                for (int i = 0; i < 4; i++)
                {
                    s += upstream[i] * p[i];
                }

                return s;
            }

            double[] numeric = new double[4];
            FiniteDifferences.Gradient(Weighted, x, numeric);
            GradientCheckResult check = GradientCheck.Compare(xGrad, numeric);
            Assert.True(check.Passes(1e-9), check.ToString());
        }

        [Fact]
        public void FloatLibraryMatchesFiniteDifferencesOfTheDoubleFormulas()
        {
            float[] v = { 0.4f, -0.3f, 1.1f };
            float x = 0.6f;
            float xGrad = 0;
            float[] vGrad = new float[3];
            float value = Custom.LibraryFloatGradient(x, v, ref xGrad, vGrad);
            Assert.Equal(Custom.LibraryFloat(x, v), value);

            double[] point = { x, v[0], v[1], v[2] };
            double Twin()
            {
                double[] vd = { point[1], point[2], point[3] };
                double[] p = new double[3];
                Functions.Softmax(vd, p);
                return (Functions.Sigmoid(point[0]) * p[0]) + Functions.LogSumExp(vd) + Functions.Softplus(point[0])
                    + Functions.LogSigmoid(-point[0]) + Functions.BinaryCrossEntropyWithLogits(point[0], 0.25);
            }

            double[] numeric = new double[4];
            FiniteDifferences.Gradient(Twin, point, numeric);
            GradientCheckResult check = GradientCheck.Compare(new double[] { xGrad, vGrad[0], vGrad[1], vGrad[2] }, numeric);
            Assert.True(check.Passes(1e-5), check.ToString());

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int call = 0; call < 1000; call++)
            {
                Custom.LibraryFloatGradient(x, v, ref xGrad, vGrad);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        private static void AssertRelative(double expected, double actual, double tolerance)
        {
            double error = Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), double.Epsilon);
            Assert.True(error <= tolerance || expected == actual, $"expected {expected:R}, got {actual:R} (relative error {error:E2})");
        }
    }
}
