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
        public void AnElementReadAndClearedOnlyKeepsItsArray()
        {
            // The usual reverse of an assignment reads the adjoint once and clears it: a local saves nothing there.
            string code = s_generated.Value["LowerTriangularProduct"];
            Assert.DoesNotContain("cAdjElement", code);
        }
    }
}
