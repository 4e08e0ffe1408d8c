using System.Linq;
using Backprop.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Backprop.Tests.Diagnostics
{
    /// <summary>
    /// BP0011 depends on another method's body, possibly in another file: the incremental generator must notice when
    /// that method is fixed (or broken) by an edit of the other file only.
    /// </summary>
    public sealed class CalleeTests
    {
        private const string Broken = """
            using Backprop;

            public static partial class Helpers
            {
                private static double s_calls;

                [Differentiable]
                public static double Square(double x)
                {
                    s_calls = s_calls + 1;
                    return x * x;
                }
            }
            """;

        private const string Caller = """
            using Backprop;

            public static partial class Model
            {
                [Differentiable]
                public static double Loss(double x) => Helpers.Square(x) + x;
            }
            """;

        private static string Fixed => Broken.Replace("s_calls = s_calls + 1;", string.Empty, System.StringComparison.Ordinal);

        [Fact]
        public void FixingTheCalleeInAnotherFileRegeneratesTheCaller()
        {
            CSharpCompilation compilation = GeneratorHarness.Compilation(("Helpers.cs", Broken), ("Model.cs", Caller));
            GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
            Assert.Empty(driver.GetRunResult().GeneratedTrees);

            SyntaxTree helpers = compilation.SyntaxTrees.Single(t => t.FilePath == "Helpers.cs");
            CSharpCompilation edited = compilation.ReplaceSyntaxTree(helpers, CSharpSyntaxTree.ParseText(Fixed, GeneratorHarness.ParseOptions, "Helpers.cs"));
            driver = driver.RunGeneratorsAndUpdateCompilation(edited, out Compilation output, out _);
            Assert.Equal(new[] { "Helpers.Square.g.cs", "Model.Loss.g.cs" }, driver.GetRunResult().Results.Single().GeneratedSources.Select(s => s.HintName).OrderBy(n => n, System.StringComparer.Ordinal));
            Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);

            // And back: breaking the callee again removes the caller's gradient instead of leaving a call to a
            // pullback that no longer exists.
            SyntaxTree fixedTree = edited.SyntaxTrees.Single(t => t.FilePath == "Helpers.cs");
            CSharpCompilation broken = edited.ReplaceSyntaxTree(fixedTree, CSharpSyntaxTree.ParseText(Broken, GeneratorHarness.ParseOptions, "Helpers.cs"));
            driver = driver.RunGeneratorsAndUpdateCompilation(broken, out output, out _);
            Assert.Empty(driver.GetRunResult().GeneratedTrees);
            Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) == true);
        }

        [Fact]
        public void RecursionAndMutualRecursionAreNotErrors()
        {
            const string Source = """
                using System;
                using Backprop;

                public static partial class Chain
                {
                    [Differentiable]
                    public static double Even(double x, int n) => n <= 0 ? x : Math.Tanh(Odd(x, n - 1));

                    [Differentiable]
                    public static double Odd(double x, int n) => n <= 0 ? x * x : Even(x * 0.5, n - 1) + x;
                }
                """;
            AnalyzerHarness.Result result = AnalyzerHarness.Run(("Chain.cs", Source));
            Assert.Empty(result.Backprop);
            Assert.Equal(2, result.GeneratedSources.Length);
            Assert.DoesNotContain(result.Compiler, d => d.Severity == DiagnosticSeverity.Error);
        }
    }
}
