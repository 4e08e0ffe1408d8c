using System;
using System.Collections.Generic;
using Backprop.Tests.Infrastructure;
using Xunit;

namespace Backprop.Tests
{
    /// <summary>
    /// Elements of the method's own arrays that an iteration uses several times are kept in locals for it
    /// (ElementPromotion), and only where that cannot change what the gradient reads or writes. The corpus checks the
    /// gradients of these functions against finite differences (RecurrentCells, ElementsThatMayBeOne with a gap of
    /// 0 and 1, ElementsUnderACondition); here the choice of elements is pinned.
    /// </summary>
    public sealed class ElementPromotionTests
    {
        private const string Kept = "kept in locals for it: ";

        private static readonly Lazy<Dictionary<string, string>> s_generated = new(() => GeneratorHarness.GeneratedForCorpus("tests/Backprop.Generators.Tests/Corpus/Performance.cs"));

        [Fact]
        public void TwoIndicesTheLoopsRangeProvesDifferentBothGetLocals()
        {
            // j and cells + j differ since j < cells makes cells at least 1.
            string code = s_generated.Value["RecurrentCells"];
            Assert.Contains(Kept + "state[j], state[cells + j], stateAdj[j], stateAdj[cells + j].", code);
            Assert.Contains("double stateAdjElement2 = stateAdj[cells + j];", code);
            Assert.Contains("stateAdj[cells + j] = stateAdjElement2;", code);
        }

        [Fact]
        public void IndicesThatMayBeTheSameElementKeepTheirArray()
        {
            // j and j + gap are one element when gap is 0.
            string code = s_generated.Value["ElementsThatMayBeOne"];
            foreach (string line in code.Split('\n'))
            {
                if (line.Contains(Kept, StringComparison.Ordinal))
                {
                    Assert.DoesNotContain("gap", line);
                }
            }

            Assert.DoesNotContain("qElement2", code);
            Assert.Contains("qAdj[j + gap] +=", code);
        }

        [Fact]
        public void AnElementUsedUnderAConditionKeepsItsArray()
        {
            // c[i] exists only for i < m: read at the top of each iteration, it would throw.
            string code = s_generated.Value["ElementsUnderACondition"];
            Assert.DoesNotContain(Kept, code);
        }

        [Fact]
        public void BoundsTooLargeToReasonAboutLeaveTheLoopAlone()
        {
            // A loop's bounds become polynomials, which throw past their limits (a degree above 8, a coefficient past
            // long); the pass must then leave the loop as it is, not fail the build with BP9999.
            const string source = """
                using Backprop;

                public static partial class Bounds
                {
                    [Differentiable]
                    public static double HighDegree(double[] a, int n)
                    {
                        double total = 0;
                        for (int j = 0; j < n * n * n * n * n * n * n * n * n; j++) total += a[0] * a[1];
                        return total;
                    }

                    [Differentiable]
                    public static double LargeCoefficient(double[] a, int n)
                    {
                        double total = 0;
                        for (int j = 0; j < n * 999999999 * 999999999 * 999999999 + 2; j++) total += a[0] * a[1];
                        return total;
                    }
                }
                """;
            AnalyzerHarness.Result result = AnalyzerHarness.Run(("Bounds.cs", source));
            Assert.Empty(result.Backprop);
            Assert.DoesNotContain(result.Compiler, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
            Assert.Equal(2, result.GeneratedSources.Length);
        }

        [Fact]
        public void AnElementReadAndClearedOnlyKeepsItsArray()
        {
            // The usual reverse of an assignment reads the adjoint once and clears it: a local saves nothing there.
            string code = s_generated.Value["LowerTriangularProduct"];
            Assert.DoesNotContain("cAdjElement", code);
        }
    }
}
