using Backprop.Tests.Corpus;
using Xunit;

namespace Backprop.Tests
{
    /// <summary>
    /// The reverse sweep reads the value a call of an unknown method returned in the forward sweep instead of calling it
    /// again (CallValues): with a noise source or a coin, calling again gave another factor or another branch, and a
    /// silently wrong gradient. Each gradient here is checked against the derivative written out for the draws the
    /// forward computation made.
    /// </summary>
    public sealed class ImpureCallTests
    {
        [Fact]
        public void ANoisyFactorIsTheOneTheForwardDrew()
        {
            double[] x = { 0.5, -1.5, 2.0 };
            Impure.Reset();
            double expected = Impure.NoisyChain(x);
            Impure.Reset();
            var gradient = new double[3];
            Assert.Equal(expected, Impure.NoisyChainGradient(x, gradient));

            // s = ((x0·1)·0.5 + x1·2)·0.5 + x2·3.
            Assert.Equal(new[] { 0.25, 1.0, 3.0 }, gradient);
        }

        [Fact]
        public void ACoinChoosesTheSameBranchInBothSweeps()
        {
            double[] x = { 0.5, -1.5, 2.0 };
            Impure.Reset();
            double expected = Impure.CoinFlips(x);
            Impure.Reset();
            var gradient = new double[3];
            Assert.Equal(expected, Impure.CoinFlipsGradient(x, gradient));

            // Draws 1..3 for the ifs (false, true, false), 4 for the ?: (true): s = x1² + 3·x0.
            Assert.Equal((-1.5 * -1.5) + (3 * 0.5), expected, 12);
            Assert.Equal(new[] { 3.0, -3.0, 0.0 }, gradient);
        }
    }
}
