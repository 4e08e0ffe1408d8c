using System.Collections.Generic;
using static Backprop.Tests.GradientCase;

namespace Backprop.Tests.Corpus
{
    public static partial class CorpusCases
    {
        /// <summary>The gradient of a function of an array and a scalar.</summary>
        public delegate double GradAP(double[] a, double p, System.Span<double> aGrad, ref double pGrad);

        /// <summary>A case for a function of an array and a scalar, both differentiated.</summary>
        private static GradientCase ArrayAndScalar(string name, double[] a, double p, System.Func<double[], double, double> f, GradAP g)
            => new GradientCase(
                name,
                new[] { a, new[] { p } },
                v => f(v[0], v[1][0]),
                (v, d) =>
                {
                    double pGrad = 0;
                    double value = g(v[0], v[1][0], d[0], ref pGrad);
                    d[1][0] += pGrad;
                    return value;
                });

        public static IEnumerable<GradientCase> Performance()
        {
            yield return Vector("SquaredRowSums", Random(81, 12), w => Perf.SquaredRowSums(w, 4), (w, g) => Perf.SquaredRowSumsGradient(w, 4, g));
            yield return Vector("RepeatedElementProducts", Random(82, 5, 0.5, 1.2), Perf.RepeatedElementProducts, Perf.RepeatedElementProductsGradient);
            double[] points = Random(83, 8);
            yield return Vector("CentredQuadratic", Random(84, 5), m => Perf.CentredQuadratic(m, points, 4), (m, g) => Perf.CentredQuadraticGradient(m, points, 4, g));
            double[] constantX = Random(86, 3);
            yield return new GradientCase(
                "ConstantVectorArgument",
                new[] { Random(87, 9), Random(88, 9) },
                v => Perf.ConstantVectorArgument(v[0], v[1], constantX, 3),
                (v, g) => Perf.ConstantVectorArgumentGradient(v[0], v[1], constantX, 3, g[0], g[1]));
            yield return Vector("ReadAfterTheLoop", Random(89, 3), m => Perf.ReadAfterTheLoop(m, points, 4), (m, g) => Perf.ReadAfterTheLoopGradient(m, points, 4, g));
            yield return new GradientCase(
                "NamesTheTransformsUse",
                new[] { Random(90, 4), Random(91, 2) },
                v => Perf.NamesTheTransformsUse(v[0], v[1]),
                (v, g) => Perf.NamesTheTransformsUseGradient(v[0], v[1], g[0], g[1]));
            foreach ((string name, System.Func<double[], double, double> f, GradAP g) in new (string, System.Func<double[], double, double>, GradAP)[]
            {
                ("RingBuffer", Perf.RingBuffer, Perf.RingBufferGradient),
                ("GrowingRewrite", Perf.GrowingRewrite, Perf.GrowingRewriteGradient),
                ("AssignedInTheLoop", Perf.AssignedInTheLoop, Perf.AssignedInTheLoopGradient),
                ("PassesAnUnusedConstant", Perf.PassesAnUnusedConstant, Perf.PassesAnUnusedConstantGradient),
                ("ElementOfTheWrittenArray", Perf.ElementOfTheWrittenArray, Perf.ElementOfTheWrittenArrayGradient),
                ("OwnElementEachIteration", Perf.OwnElementEachIteration, Perf.OwnElementEachIterationGradient),
                ("NextElementEachIteration", Perf.NextElementEachIteration, Perf.NextElementEachIterationGradient),
                ("OwnElementAcrossAnInnerLoop", Perf.OwnElementAcrossAnInnerLoop, Perf.OwnElementAcrossAnInnerLoopGradient),
                ("SameVariableTwice", Perf.SameVariableTwice, Perf.SameVariableTwiceGradient),
                ("BreakBeforeTheCondition", Perf.BreakBeforeTheCondition, Perf.BreakBeforeTheConditionGradient),
                ("StackAdjointsUnderSkipLocalsInit", NotZeroedStack.StackAdjoints, (double[] a, double p, System.Span<double> aGrad, ref double pGrad) =>
                {
                    _ = NotZeroedStack.DirtyTheStack();
                    return NotZeroedStack.StackAdjointsGradient(a, p, aGrad, ref pGrad);
                }),
            })
            {
                yield return ArrayAndScalar(name, new[] { 0.3, -0.8, 1.1 }, 0.7, f, g);
            }

            yield return Vector("TriangularIndex", Random(92, 12, 0.2, 0.9), w => Perf.TriangularIndex(w, 4, 2), (w, g) => Perf.TriangularIndexGradient(w, 4, 2, g));
            yield return Vector("IndexChangedInTheLoop", Random(93, 12), a => Perf.IndexChangedInTheLoop(a, 4), (a, g) => Perf.IndexChangedInTheLoopGradient(a, 4, g));
            yield return Vector("DividedIndexInAnEmptyLoop", Random(94, 4), a => Perf.DividedIndexInAnEmptyLoop(a, 0, 0), (a, g) => Perf.DividedIndexInAnEmptyLoopGradient(a, 0, 0, g));
            double[] centres = Random(95, 4);
            yield return Vector("LowerTriangularProduct", Random(96, 11), w => Perf.LowerTriangularProduct(w, centres, 4), (w, g) => Perf.LowerTriangularProductGradient(w, centres, 4, g));
            yield return Vector("TriangleWithItsDiagonal", Random(97, 4), a => Perf.TriangleWithItsDiagonal(a, 4), (a, g) => Perf.TriangleWithItsDiagonalGradient(a, 4, g));
            yield return Vector("OuterCounterPastTheEnd", Random(98, 4), a => Perf.OuterCounterPastTheEnd(a, 4), (a, g) => Perf.OuterCounterPastTheEndGradient(a, 4, g));
            yield return Vector("PartlyRewrittenArray", Random(85, 3), m => Perf.PartlyRewrittenArray(m, points, 4), (m, g) => Perf.PartlyRewrittenArrayGradient(m, points, 4, g));
            yield return Vector("RecurrentCells", Random(86, 12, -0.8, 0.8), p => Perf.RecurrentCells(p, 3, 4), (p, g) => Perf.RecurrentCellsGradient(p, 3, 4, g));
            yield return Vector("ElementsThatMayBeOne", Random(87, 4), a => Perf.ElementsThatMayBeOne(a, 0, 4), (a, g) => Perf.ElementsThatMayBeOneGradient(a, 0, 4, g));
            yield return Vector("ElementsThatMayBeOneApart", Random(88, 5), a => Perf.ElementsThatMayBeOne(a, 1, 4), (a, g) => Perf.ElementsThatMayBeOneGradient(a, 1, 4, g));
            yield return Vector("ElementsUnderACondition", Random(89, 3), a => Perf.ElementsUnderACondition(a, 3, 5), (a, g) => Perf.ElementsUnderAConditionGradient(a, 3, 5, g));
        }
    }
}
