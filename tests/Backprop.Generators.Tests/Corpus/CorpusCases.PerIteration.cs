using System.Collections.Generic;
using static Backprop.Tests.GradientCase;

namespace Backprop.Tests.Corpus
{
    public static partial class CorpusCases
    {
        public static IEnumerable<GradientCase> PerIteration()
        {
            double[] inputs = Random(120, 4);
            yield return Vector("LayeredPerPoint", Random(121, 3 * 3 + 9), w => PerIter.Layered(w, inputs, 3, 3, 4), (w, g) => PerIter.LayeredGradient(w, inputs, 3, 3, 4, g));
            yield return Vector("LayeredOneLayer", Random(122, 2 * 2 + 4), w => PerIter.Layered(w, inputs, 1, 2, 4), (w, g) => PerIter.LayeredGradient(w, inputs, 1, 2, 4, g));
            yield return Vector("ScratchPairEachIteration", Random(123, 5), x => PerIter.ScratchPairEachIteration(x, 5), (x, g) => PerIter.ScratchPairEachIterationGradient(x, 5, g));

            // Width 1: the second layer's last unit reads hidden[1], which this point has not written yet.
            yield return Vector("ReadsPastTheWrittenLayer", Random(124, 3), w => PerIter.ReadsPastTheWrittenLayer(w, 1, 3), (w, g) => PerIter.ReadsPastTheWrittenLayerGradient(w, 1, 3, g));
            yield return Vector("ReadsPastTheWrittenLayerWide", Random(125, 3), w => PerIter.ReadsPastTheWrittenLayer(w, 3, 3), (w, g) => PerIter.ReadsPastTheWrittenLayerGradient(w, 3, 3, g));

            yield return Vector("TimestampsSmall", Random(127, 4), r => PerIter.Timestamps(r, 100, 104), (r, g) => PerIter.TimestampsGradient(r, 100, 104, g));
            yield return Vector("TimestampsEpoch", Random(128, 4), r => PerIter.Timestamps(r, 1_700_000_000, 1_700_000_004), (r, g) => PerIter.TimestampsGradient(r, 1_700_000_000, 1_700_000_004, g));
            yield return Vector("CounterNamedLikeAFact", new[] { 0.3, -0.8, 1.1, 0.45 }, w => PerIter.CounterNamedLikeAFact(w, 4), (w, g) => PerIter.CounterNamedLikeAFactGradient(w, 4, g));
            yield return Vector("TwoSimilarBounds", Random(129, 3), x => PerIter.TwoSimilarBounds(x, 0, 1, 1), (x, g) => PerIter.TwoSimilarBoundsGradient(x, 0, 1, 1, g));
            yield return Vector("StridedScratch", Random(126, 4), x => PerIter.StridedScratch(x, 1), (x, g) => PerIter.StridedScratchGradient(x, 1, g));
            yield return Vector("ClampedNeighbour", Random(128, 4), PerIter.ClampedNeighbour, PerIter.ClampedNeighbourGradient);
            yield return Vector("StridedScratchFrom", Random(127, 4), x => PerIter.StridedScratchFrom(x, 1, true), (x, g) => PerIter.StridedScratchFromGradient(x, 1, true, g));

            foreach ((string name, System.Func<double[], double, double> f, GradAP g) in new (string, System.Func<double[], double, double>, GradAP)[]
            {
                ("WrittenInBothBranches", PerIter.WrittenInBothBranches, PerIter.WrittenInBothBranchesGradient),
                ("WrittenTwiceInAnIteration", PerIter.WrittenTwiceInAnIteration, PerIter.WrittenTwiceInAnIterationGradient),
                ("LogOfTheSum", PerIter.LogOfTheSum, PerIter.LogOfTheSumGradient),
                ("AccumulatorReadBeforeTheLoop", PerIter.AccumulatorReadBeforeTheLoop, PerIter.AccumulatorReadBeforeTheLoopGradient),
                ("ShiftRegister", PerIter.ShiftRegister, PerIter.ShiftRegisterGradient),
                ("RunningSumReadInTheBody", PerIter.RunningSumReadInTheBody, PerIter.RunningSumReadInTheBodyGradient),
                ("ScalarReadAfterTheLoop", PerIter.ScalarReadAfterTheLoop, PerIter.ScalarReadAfterTheLoopGradient),
                ("ArrayReadAfterTheLoop", PerIter.ArrayReadAfterTheLoop, PerIter.ArrayReadAfterTheLoopGradient),
                ("WrittenInOneBranch", PerIter.WrittenInOneBranch, PerIter.WrittenInOneBranchGradient),
                ("ConstantIndexThatWraps", PerIter.ConstantIndexThatWraps, PerIter.ConstantIndexThatWrapsGradient),
                ("ConstantBeyondLong", PerIter.ConstantBeyondLong, PerIter.ConstantBeyondLongGradient),
                ("ShiftedByOne", PerIter.ShiftedByOne, PerIter.ShiftedByOneGradient),
            })
            {
                yield return ArrayAndScalar(name, new[] { 0.3, -0.8, 1.1, 0.45 }, 0.7, f, g);
            }
        }
    }
}
