using System;
using System.Collections.Generic;
using Backprop.Tests.Infrastructure;
using Xunit;

namespace Backprop.Tests
{
    /// <summary>
    /// A reversed loop visits its counter values backwards, down to its start: <c>i &gt;= start</c>, a test that
    /// always holds at <c>int.MinValue</c> (<c>i &lt;= start</c> at <c>int.MaxValue</c> for a descending loop). Where
    /// the start may be the limit, the reverse steps first and then tests against the start; elsewhere it keeps the
    /// usual form. Before, it stepped past the start, wrapped and ran on for 2³² iterations. The corpus checks the
    /// gradients at the limits (WindowFromIntMin, WindowDownFromIntMax, FromIntMin); here the choice of form is pinned.
    /// </summary>
    public sealed class ReversedLoopTests
    {
        private const string StepsFirst = "// Steps first:";

        private static readonly Lazy<Dictionary<string, string>> s_generated = new(() => GeneratorHarness.GeneratedForCorpus("tests/Backprop.Generators.Tests/Corpus/Functions.cs"));

        [Fact]
        public void AStartThatMayBeTheLimitStepsFirst()
        {
            string window = s_generated.Value["WindowFrom"];
            Assert.Contains("for (int i = start + 3; i > start;)", window);
            Assert.Contains("i--; " + StepsFirst + " i >= start cannot end a loop that starts at int.MinValue.", window);

            Assert.Contains("for (int i = top - 3; i < top;)", s_generated.Value["WindowDownFrom"]);
            Assert.Contains("for (int i = -2147483645; i > int.MinValue;)", s_generated.Value["FromIntMin"]);
        }

        [Fact]
        public void AStartThatCannotBeTheLimitKeepsTheUsualForm()
        {
            // Inner loops from the outer counter or one past it, and loops from a literal or a length.
            string outer = s_generated.Value["FromOuterCounter"];
            Assert.DoesNotContain(StepsFirst, outer);
            Assert.Contains("for (int j = x.Length - 1; j >= i + 1; j--)", outer);
            Assert.DoesNotContain(StepsFirst, s_generated.Value["BoundAtIntMin"]);
            Assert.DoesNotContain(StepsFirst, s_generated.Value["ConditionalBounds"]);
        }

        [Fact]
        public void AConditionalBoundKeepsItsParentheses()
        {
            string code = s_generated.Value["ConditionalBounds"];
            Assert.Contains("for (int i = (wide ? 3 : 2) - 1; i >= (wide ? 0 : 1); i--)", code);
        }
    }
}
