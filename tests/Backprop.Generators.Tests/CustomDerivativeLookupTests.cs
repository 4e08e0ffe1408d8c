using Backprop.Tests.Corpus;
using Xunit;

namespace Backprop.Tests
{
    /// <summary>
    /// Which derivative a call uses, where finite differences cannot tell (a deliberately wrong derivative shows that
    /// it was the one called). The corpus cases check the gradients of the correct ones.
    /// </summary>
    public sealed class CustomDerivativeLookupTests
    {
        [Fact]
        public void ADerivativeInTheCallersBaseTypeIsUsed()
        {
            // CurveBase's derivative of Math.Cbrt is tripled: 1 / cbrt(x)² instead of 1 / (3 cbrt(x)²); at x = 8, 1/4.
            double grad = 0;
            double value = new Curve().UsesInheritedDerivativeGradient(8.0, ref grad);
            Assert.Equal(2.0, value);
            Assert.Equal(0.25, grad);
        }

        [Fact]
        public void TheCallersDerivativeWinsOverTheOneNextToTheFunction()
        {
            // BuggyLibrary.SquareDerivative returns 0; Custom's own is 2x. d/dx (xy)² + y = 2xy², d/dy = 2x²y + 1.
            double xGrad = 0, yGrad = 0;
            Custom.UsesOverriddenLibraryGradient(0.5, 3.0, ref xGrad, ref yGrad);
            Assert.Equal((9.0, 2.5), (xGrad, yGrad));
        }
    }
}
