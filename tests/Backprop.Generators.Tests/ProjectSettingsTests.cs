using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Backprop.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Backprop.Tests
{
    /// <summary>
    /// The generated code follows the project's settings. Stackalloc'd adjoints rely on the compiler zeroing stackalloc
    /// memory, except where <c>[SkipLocalsInit]</c> turns that off for the generated members (on a type around them or
    /// on the module): there they are cleared. Under overflow checking, index arithmetic is not moved out of loops.
    /// </summary>
    public sealed class ProjectSettingsTests
    {
        private const string Model = """
            using System;
            using Backprop;
            using System.Runtime.CompilerServices;

            {module}
            {outer}
            public static partial class Outer
            {
                {inner}
                public static partial class M
                {
                    [Differentiable]
                    public static double F(double[] x)
                    {
                        Span<double> u = stackalloc double[x.Length];
                        double s = 0;
                        for (int i = 0; i < x.Length; i++)
                        {
                            u[i] = x[i] * x[i];
                            s += u[i] * u[i];
                        }

                        return s;
                    }
                }
            }
            """;

        [Theory]
        [InlineData("", "", "", false)]
        [InlineData("[module: SkipLocalsInit]", "", "", true)]
        [InlineData("", "[SkipLocalsInit]", "", true)]
        [InlineData("", "", "[SkipLocalsInit]", true)]
        public void AdjointsAreClearedOnlyUnderSkipLocalsInit(string module, string outer, string inner, bool cleared)
        {
            string source = Model.Replace("{module}", module).Replace("{outer}", outer).Replace("{inner}", inner);
            (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(("M.cs", source));
            string generated = Assert.Single(result.Results.Single().GeneratedSources).SourceText.ToString();
            Assert.Contains("uAdj = stackalloc double[u.Length];", generated, System.StringComparison.Ordinal);
            Assert.Equal(cleared, generated.Contains("global::Backprop.Support.Zero.Clear(uAdj);", System.StringComparison.Ordinal));
        }

        private const string Triangle = """
            using Backprop;

            public static partial class M
            {
                [Differentiable]
                public static double Tri(double[] w, int n, int m)
                {
                    double s = 0;
                    for (int i = 0; i < n; i++)
                    {
                        for (int j = i + 1; j < m; j++)
                        {
                            s += w[(i * (2 * n - i - 1) / 2) + j - i - 1] * w[0];
                        }
                    }

                    return s;
                }
            }
            """;

        private const string Unchecked = """
            using Backprop;

            public static partial class M
            {
                [Differentiable]
                public static double F(double[] w, int a)
                {
                    int k = unchecked(a * a);
                    return w[(k % 2) + 1] * w[0];
                }
            }
            """;

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async System.Threading.Tasks.Task UncheckedIsReportedOnlyUnderOverflowChecking(bool checkOverflow)
        {
            // The generated code does its arithmetic in the project's context: under overflow checking it would throw
            // where unchecked(a * a) wraps, so the method is refused (BP0005); otherwise unchecked changes nothing.
            CSharpCompilation compilation = GeneratorHarness.Compilation(("M.cs", Unchecked));
            compilation = compilation.WithOptions(compilation.Options.WithOverflowChecks(checkOverflow));
            GeneratorDriverRunResult result = GeneratorHarness.Driver().RunGenerators(compilation).GetRunResult();
            var analyzer = await compilation
                .WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<DiagnosticAnalyzer>(new Backprop.Generators.Diagnostics.DifferentiableAnalyzer()))
                .GetAnalyzerDiagnosticsAsync();
            Assert.Equal(checkOverflow, analyzer.Any(d => d.Id == "BP0005"));
            Assert.Equal(checkOverflow, result.Results.Single().GeneratedSources.IsEmpty);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void IndexArithmeticIsHoistedOnlyWithoutOverflowChecking(bool checkOverflow)
        {
            // Hoisted, i * (2n - i - 1) would be computed before an inner loop that may not run: with overflow checking
            // on, it could throw (n = 100000, m = 0) where Tri returns 0.
            CSharpCompilation compilation = GeneratorHarness.Compilation(("M.cs", Triangle));
            compilation = compilation.WithOptions(compilation.Options.WithOverflowChecks(checkOverflow));
            GeneratorDriverRunResult result = GeneratorHarness.Driver().RunGenerators(compilation).GetRunResult();
            string generated = Assert.Single(result.Results.Single().GeneratedSources).SourceText.ToString();
            Assert.Equal(!checkOverflow, generated.Contains("int jBase = ", System.StringComparison.Ordinal));
        }
    }
}
