using System;
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
            // s = ((x0·1)·0.5 + x1·2)·0.5 + x2·3.
            CheckVector(Impure.NoisyChain, Impure.NoisyChainGradient, (0.5 * 0.25) - 1.5 + 6.0, new[] { 0.25, 1.0, 3.0 });
        }

        [Fact]
        public void ACoinChoosesTheSameBranchInBothSweeps()
        {
            // Draws 1..3 for the ifs (false, true, false), 4 for the ?: (true): s = x1² + 3·x0.
            CheckVector(Impure.CoinFlips, Impure.CoinFlipsGradient, (-1.5 * -1.5) + (3 * 0.5), new[] { 3.0, -3.0, 0.0 });
        }

        [Fact]
        public void CallsKeepTheirOrder()
        {
            // Draw<Marker> gets 1, Noise 2.
            Check(() => Impure.GenericDraw(0.5), g => Impure.GenericDrawGradient(0.5, ref g[0]), 0.5 + 2, 1.0);

            // The branch's draw (1) comes before the factor's (2).
            Check(() => Impure.DrawInABranch(0.5, true), g => Impure.DrawInABranchGradient(0.5, true, ref g[0]), 1 + (2 * 0.5), 2.0);
            Check(() => Impure.DrawInABranch(0.5, false), g => Impure.DrawInABranchGradient(0.5, false, ref g[0]), 0.5, 1.0);
        }

        [Fact]
        public void ReadsComeBeforeTheCallsThatChangeWhatTheyRead()
        {
            // k[0] is read (2) before Mutate adds 100 to it.
            int[] k = { 2 };
            Check(() => Impure.ReadBeforeMutate(0.5, k), g => Impure.ReadBeforeMutateGradient(0.5, k, ref g[0]), 1.0, 2.0, () => k[0] = 2);

            // The level is read (0) before Tick raises it: y = x · 1, result x².
            Check(() => Impure.FieldBeforeTick(0.5), g => Impure.FieldBeforeTickGradient(0.5, ref g[0]), 0.25, 1.0);
        }

        [Fact]
        public void AnInlinedHelpersArgumentIsEvaluatedOnce()
        {
            // The index is drawn once (1): a = { x1², x1 }.
            CheckVector(Impure.HelperOfDrawnElement, Impure.HelperOfDrawnElementGradient, (-1.5 * -1.5) - 1.5, new[] { 0.0, (2 * -1.5) + 1, 0.0 });
        }

        [Fact]
        public void AGenericTypesDrawsAreNamed()
        {
            // Draws 1 and 2: y = x + 2x².
            Check(() => Impure.DrawFromAGenericType(0.5), g => Impure.DrawFromAGenericTypeGradient(0.5, ref g[0]), 0.5 + (2 * 0.25), 1 + (4 * 0.5));
        }

        [Fact]
        public void ACoinChoosingADrawingBranchIsNotFlippedAgain()
        {
            // Coins 1 (false: x0 + Noise 2), 3 (false: x1 + Noise 4), 5 (false: x2 + Noise 6): odd draws are false.
            CheckVector(Impure.CoinChoosesADrawingBranch, Impure.CoinChoosesADrawingBranchGradient, 0.5 - 1.5 + 2.0 + 2 + 4 + 6, new[] { 1.0, 1.0, 1.0 });
        }

        [Fact]
        public void ACoinThatMayNotRunChoosesTheSameBranch()
        {
            // One draw first, so that the coin gets the second (true): y = 5x.
            Check(() => { Impure.Noise(); return Impure.CoinAfterATest(0.5); }, g => { Impure.Noise(); return Impure.CoinAfterATestGradient(0.5, ref g[0]); }, 2.5, 5.0);
        }

        [Fact]
        public void ACallInABranchOfAChoiceIsNotMadeAgain()
        {
            // One draw first, so that the coin gets the second (true): y = x².
            Check(() => { Impure.Noise(); return Impure.CoinInABranch(0.5, true); }, g => { Impure.Noise(); return Impure.CoinInABranchGradient(0.5, true, ref g[0]); }, 0.25, 1.0);
            Check(() => Impure.CoinInABranch(0.5, false), g => Impure.CoinInABranchGradient(0.5, false, ref g[0]), 0.5, 1.0);

            // Two draws first: y = 3x.
            Check(() => { Impure.Noise(); Impure.Noise(); return Impure.FactorInABranch(0.5, true); }, g => { Impure.Noise(); Impure.Noise(); return Impure.FactorInABranchGradient(0.5, true, ref g[0]); }, 1.5, 3.0);
        }

        [Fact]
        public void BranchesThatDrawInALoopUseTheirDraws()
        {
            // x0 > 0: 0.5·Noise 1; x1 < 0: Coin 2 (true), x1²; x2 > 0: 2·Noise 3. s = ((0.5)·0.5 + 2.25)·0.5 + 6.
            CheckVector(Impure.BranchesInALoop, Impure.BranchesInALoopGradient, (((0.5 * 0.5) + 2.25) * 0.5) + 6, new[] { 0.25 * 1, 0.5 * 2 * -1.5, 1.0 * 3 });
        }

        [Fact]
        public void AnInlinedCalleesDrawsAreNamed()
        {
            // Draws 1, 2, 3: s = ((0.5·1)·0.5 + (−1.5)·2)·0.5 + 2·3.
            CheckVector(Impure.InlinedDraws, Impure.InlinedDrawsGradient, (((0.5 * 0.5) - 3) * 0.5) + 6, new[] { 0.25 * 1, 0.5 * 2, 1.0 * 3 });
        }

        [Fact]
        public void ADrawingCalleeInABranchIsInlinedThere()
        {
            // Draw 1: y = x² · 1, dy/dx = 2x.
            Check(() => Impure.DrawingCalleeInABranch(0.5, true), g => Impure.DrawingCalleeInABranchGradient(0.5, true, ref g[0]), 0.25, 1.0);
        }

        [Fact]
        public void ACallGivenACallsArrayIsNamedWholeInOrder()
        {
            // First draws 1 (3 + 1 = 4), then the branch draws 2: y = 4x + 2x.
            Check(() => Impure.ArrayArgumentBeforeADraw(0.5, true), g => Impure.ArrayArgumentBeforeADrawGradient(0.5, true, ref g[0]), 3.0, 6.0);
        }

        [Fact]
        public void APropertyThatDrawsIsReadOnce()
        {
            // Draw 1: y = x².
            Check(() => Impure.PropertyDraw(0.5), g => Impure.PropertyDrawGradient(0.5, ref g[0]), 0.25, 1.0);
        }

        [Fact]
        public void AFieldReadBeforeACalleeChangesItIsTheOneRead()
        {
            // Level 0: y = x · x², dy/dx = 3x². Ticker's pullback ticks again, after the forward's tick.
            Check(() => Impure.LevelThenTicker(0.5), g => Impure.LevelThenTickerGradient(0.5, ref g[0]), 0.125, 0.75);
        }

        [Fact]
        public void ADrawingCalleeGivenConstantsIsCalledOnce()
        {
            // Draw 1: y = x · 2 · 1.
            double[] c = { 2.0 };
            Check(() => Impure.ConstantDrawingCallee(0.5, c), g => Impure.ConstantDrawingCalleeGradient(0.5, c, ref g[0]), 1.0, 2.0);
        }

        [Fact]
        public void StateThatMayChangeIsReadOnce()
        {
            // Leveled(2) at level 0 is 2: y = 2x. Its value is named, not computed again after Tick.
            Check(() => Impure.ConstantLeveledThenTick(0.5), g => Impure.ConstantLeveledThenTickGradient(0.5, ref g[0]), 1.0, 2.0);

            // Draws 1 and 2: y = 2x.
            Check(() => Impure.TimesDrawnProperty(0.5), g => Impure.TimesDrawnPropertyGradient(0.5, ref g[0]), 1.0, 2.0);

            // A partial property's getter is read in its implementing part: draws 1 and 2, y = 2x.
            Check(() => Impure.TimesPartlyDrawn(0.5), g => Impure.TimesPartlyDrawnGradient(0.5, ref g[0]), 1.0, 2.0);

            // k[0] = 2 when read, then Mutate adds 100 and returns 1: y = 2x.
            int[] k = { 2 };
            Check(() => Impure.ReadThenMutateLater(0.5, k), g => Impure.ReadThenMutateLaterGradient(0.5, k, ref g[0]), 1.0, 2.0, () => k[0] = 2);

            // [Pure] says W and V have no effect, not that they never change: x · 1 · 1, then · 2 · 2 after Update.
            Check(() => new PureButMutable().Twice(0.5), g => new PureButMutable().TwiceGradient(0.5, ref g[0]), 2.0, 4.0);

            // A virtual property may be computed: the drawing model's scale is drawn once per read (1, then 2).
            Check(() => new DrawingModel().Squared(0.5), g => new DrawingModel().SquaredGradient(0.5, ref g[0]), 0.25, 1.0);
        }

        [Fact]
        public void HelpersThatWriteStateOutOfSightAreCalledOnce()
        {
            // Each helper counts (1, then 2, after a reset) through a ref local, an alias of a field's array, a helper
            // given that array, another object's property, a recursive pair, an alias given to a writing helper, an
            // operator, or a field initializer: y = 2x², dy/dx = 4x.
            Check(() => Impure.ByRef(0.5), g => Impure.ByRefGradient(0.5, ref g[0]), 0.5, 2.0);
            Check(() => Impure.ByAlias(0.5), g => Impure.ByAliasGradient(0.5, ref g[0]), 0.5, 2.0);
            Check(() => Impure.ByHelper(0.5), g => Impure.ByHelperGradient(0.5, ref g[0]), 0.5, 2.0);
            Check(() => Impure.ByProperty(0.5), g => Impure.ByPropertyGradient(0.5, ref g[0]), 0.5, 2.0);
            Check(() => Impure.ByRecursion(0.5), g => Impure.ByRecursionGradient(0.5, ref g[0]), 0.5, 2.0);
            Check(() => Impure.ByAliasGiven(0.5), g => Impure.ByAliasGivenGradient(0.5, ref g[0]), 0.5, 2.0);
            Check(() => Impure.ByOperator(0.5), g => Impure.ByOperatorGradient(0.5, ref g[0]), 0.5, 2.0);
            Check(() => Impure.ByInitializer(0.5), g => Impure.ByInitializerGradient(0.5, ref g[0]), 0.5, 2.0);

            // A struct's array field is shared: First(h) is 2 when read, then Bump adds 10. y = 2x², dy/dx = 4x.
            var h = new Holder { Values = new[] { 2.0 } };
            Check(() => Impure.ThroughAStruct(0.5, h), g => Impure.ThroughAStructGradient(0.5, h, ref g[0]), 0.5, 2.0, () => h.Values[0] = 2);
        }

        /// <summary>Runs a method of x = { 0.5, -1.5, 2 } and its gradient from the same draws, and checks both.</summary>
        private static void CheckVector(Func<double[], double> forward, Func<double[], Span<double>, double> gradient, double value, double[] derivative)
        {
            double[] x = { 0.5, -1.5, 2.0 };
            Impure.Reset();
            double expected = forward(x);
            Assert.Equal(value, expected, 12);
            Impure.Reset();
            var g = new double[3];
            Assert.Equal(expected, gradient(x, g));
            Assert.Equal(derivative, g);
        }

        /// <summary>Runs the method and its gradient from the same draws, and checks both.</summary>
        private static void Check(Func<double> forward, Func<double[], double> gradient, double value, double derivative, Action? restore = null)
        {
            Impure.Reset();
            restore?.Invoke();
            double expected = forward();
            Assert.Equal(value, expected, 12);
            Impure.Reset();
            restore?.Invoke();
            var g = new double[1];
            Assert.Equal(expected, gradient(g));
            Assert.Equal(derivative, g[0], 12);
        }
    }
}
