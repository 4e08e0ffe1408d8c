using System;
using System.IO;
using System.Linq;
using Backprop.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Backprop.Tests
{
    /// <summary>
    /// A reversed loop visits its counter values backwards, down to its start (<c>i &gt;= start</c>). That test
    /// always holds at <c>int.MinValue</c> (<c>i &lt;= start</c> at <c>int.MaxValue</c> for a descending loop), so
    /// such a start is refused: a constant one with BP0008 (see the diagnostic tests), a variable one when the
    /// gradient runs. Before, the reverse stepped past the start, wrapped, and ran on for 2³² iterations.
    /// </summary>
    public sealed class ReversedLoopTests
    {
        private const string Check = "NotSupportedException";

        [Fact]
        public void AVariableStartAtIntMinValueIsRefusedWhenTheGradientRuns()
        {
            double[] x = { 0.5, 2.0, -0.7 };
            double value = Corpus.Fn.WindowFrom(x, int.MinValue);
            Assert.True(double.IsFinite(value));

            var thrown = Assert.Throws<NotSupportedException>(() => Corpus.Fn.WindowFromGradient(x, int.MinValue, new double[3]));
            Assert.Contains("WindowFrom", thrown.Message);
            Assert.Contains("for (int i = start; i < start + 3; i++)", thrown.Message);
            Assert.Contains("int.MinValue", thrown.Message);
        }

        [Fact]
        public void AVariableDescendingStartAtIntMaxValueIsRefusedWhenTheGradientRuns()
        {
            double[] x = { 0.5, 2.0, -0.7 };
            Assert.True(double.IsFinite(Corpus.Fn.WindowDownFrom(x, int.MaxValue)));

            var thrown = Assert.Throws<NotSupportedException>(() => Corpus.Fn.WindowDownFromGradient(x, int.MaxValue, new double[3]));
            Assert.Contains("WindowDownFrom", thrown.Message);
            Assert.Contains("int.MaxValue", thrown.Message);
        }

        [Fact]
        public void AStartThatCannotBeTheLimitIsNotChecked()
        {
            string path = Path.Combine(Snapshot.RepositoryRoot(), "tests/Backprop.Generators.Tests/Corpus/Functions.cs");
            (GeneratorDriverRunResult result, _) = GeneratorHarness.Run((path, File.ReadAllText(path)));
            string Generated(string method) => result.Results.Single().GeneratedSources
                .Single(g => g.HintName.EndsWith(".Fn." + method + ".g.cs", StringComparison.Ordinal)).SourceText.ToString();

            // Inner loops from the outer counter or one past it, and loops from a literal.
            Assert.DoesNotContain(Check, Generated("FromOuterCounter"));
            Assert.Contains("for (int j = x.Length - 1; j >= i + 1; j--)", Generated("FromOuterCounter"));
            Assert.DoesNotContain(Check, Generated("BoundAtIntMin"));

            // A start read from an argument is checked, once, before its loop.
            Assert.Single(Generated("WindowFrom").Split(Check)[1..]);
        }
    }
}
