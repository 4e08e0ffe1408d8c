using System;
using System.Linq;
using Backprop.Tests.Corpus;
using Xunit;

namespace Backprop.Tests
{
    /// <summary>
    /// Float gradients, end to end: each float method's gradient must agree with finite differences of its double
    /// twin to float precision (1e-4 relative), while the twin's own gradient meets the 1e-6 bar.
    /// </summary>
    public sealed class FloatTests
    {
        [Theory]
        [InlineData(0.7, 0.4)]
        [InlineData(-0.6, 1.3)]
        public void MathFFunctionsMatchTheirDoubleTwin(double x, double y)
        {
            float xGrad = 0, yGrad = 0;
            float value = FloatFn.MathFunctionsGradient((float)x, (float)y, ref xGrad, ref yGrad);
            Assert.Equal(FloatFn.MathFunctions((float)x, (float)y), value);

            double[] point = { x, y };
            double[] numeric = new double[2];
            FiniteDifferences.Gradient(() => FloatFn.MathFunctionsTwin(point[0], point[1]), point, numeric);
            double tx = 0, ty = 0;
            FloatFn.MathFunctionsTwinGradient(x, y, ref tx, ref ty);
            Assert.True(GradientCheck.Compare(new[] { tx, ty }, numeric).Passes(1e-6));
            GradientCheckResult single = GradientCheck.Compare(new double[] { xGrad, yGrad }, numeric);
            Assert.True(single.Passes(1e-4), single.ToString());
        }

        [Theory]
        [InlineData(0.7f, -0.4f)]
        [InlineData(-1.5f, 2.0f)]
        public void FloatDerivativeFromResultMatchesTheClosedForm(float x, float y)
        {
            // f = σ(xy)·y: df/dx = σ′(xy)·y², df/dy = σ′(xy)·xy + σ(xy), with σ′ = σ(1 − σ).
            float xGrad = 0, yGrad = 0;
            float value = Custom.LogisticFloatGradient(x, y, ref xGrad, ref yGrad);
            double s = 1 / (1 + Math.Exp(-(double)x * y));
            double slope = s * (1 - s);
            Assert.Equal(Custom.LogisticFloat(x, y), value);
            Assert.Equal(slope * y * y, xGrad, 1e-6);
            Assert.Equal((slope * x * y) + s, yGrad, 1e-6);
        }

        [Fact]
        public void FloatArraysMatchTheirDoubleTwin()
        {
            double[] w = GradientCase.Random(51, 12);
            double[] x = GradientCase.Random(52, 4);
            float[] wf = w.Select(v => (float)v).ToArray();
            float[] xf = x.Select(v => (float)v).ToArray();
            float[] wGrad = new float[12];
            float[] xGrad = new float[4];
            float value = FloatFn.ArrayLoopGradient(wf, xf, wGrad, xGrad);
            Assert.Equal(FloatFn.ArrayLoop(wf, xf), value);

            double[] numeric = new double[12];
            FiniteDifferences.Gradient(() => FloatFn.ArrayLoopTwin(w, x), w, numeric);
            GradientCheckResult single = GradientCheck.Compare(wGrad.Select(v => (double)v).ToArray(), numeric);
            Assert.True(single.Passes(1e-4), single.ToString());

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int call = 0; call < 1000; call++)
            {
                FloatFn.ArrayLoopGradient(wf, xf, wGrad, xGrad);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void MixedFloatAndDoubleParameters()
        {
            double xGrad = 0;
            float fGrad = 0;
            double value = FloatFn.MixedGradient(0.3, 0.8f, ref xGrad, ref fGrad);
            Assert.Equal(FloatFn.Mixed(0.3, 0.8f), value);
            double expectedX = 0.8f + (MathF.Sin(0.8f) * Math.Exp(0.3));
            double expectedF = 0.3 + (MathF.Cos(0.8f) * Math.Exp(0.3));
            Assert.Equal(expectedX, xGrad, 12);
            Assert.Equal(expectedF, fGrad, 5);
        }
    }
}
