using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Backprop.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Backprop.Tests
{
    /// <summary>
    /// Pins the generated text of every corpus construct and every sample method, and the diagnostics of bad input,
    /// so that any change to the output is reviewed as a diff.
    /// </summary>
    public sealed class SnapshotTests
    {
        public static IEnumerable<object[]> Sources => new[]
        {
            new object[] { "Smoke", "tests/Backprop.Generators.Tests/Corpus/Smoke.cs" },
            new object[] { "Corpus", "tests/Backprop.Generators.Tests/Corpus/Functions.cs" },
            new object[] { "Float", "tests/Backprop.Generators.Tests/Corpus/FloatFunctions.cs" },
            new object[] { "ControlFlow", "tests/Backprop.Generators.Tests/Corpus/ControlFlow.cs" },
            new object[] { "TypesAndShapes", "tests/Backprop.Generators.Tests/Corpus/TypesAndShapes.cs" },
            new object[] { "Arrays2D", "tests/Backprop.Generators.Tests/Corpus/Arrays2D.cs" },
            new object[] { "MathLibrary", "tests/Backprop.Generators.Tests/Corpus/MathLibrary.cs" },
            new object[] { "CustomDerivatives", "tests/Backprop.Generators.Tests/Corpus/CustomDerivatives.cs" },
            new object[] { "Performance", "tests/Backprop.Generators.Tests/Corpus/Performance.cs" },
            new object[] { "PerIteration", "tests/Backprop.Generators.Tests/Corpus/PerIteration.cs" },
            new object[] { "AbcLoss", "samples/AbcLoss" },
            new object[] { "Xor", "samples/Xor" },
        };

        [Theory]
        [MemberData(nameof(Sources))]
        public void GeneratedCode(string test, string path)
        {
            (string, string)[] sources = ReadSources(path);
            (GeneratorDriverRunResult result, var compilationDiagnostics) = GeneratorHarness.Run(sources);
            GeneratorRunResult run = result.Results.Single();
            var generatedTrees = run.GeneratedSources.Select(g => g.SyntaxTree).ToHashSet();
            Assert.Empty(compilationDiagnostics.Where(d => d.Location.SourceTree is { } tree && generatedTrees.Contains(tree)));
            Assert.Null(run.Exception);
            Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
            Assert.NotEmpty(run.GeneratedSources);
            // Check every file before failing, so that one run writes every received file to review.
            var mismatches = new List<string>();
            foreach (GeneratedSourceResult generated in run.GeneratedSources)
            {
                try
                {
                    Snapshot.Verify($"{nameof(SnapshotTests)}.{test}#{generated.HintName}", "cs", generated.SourceText.ToString());
                }
                catch (Xunit.Sdk.XunitException mismatch)
                {
                    mismatches.Add(mismatch.Message);
                }
            }

            Assert.True(mismatches.Count == 0, string.Join("\n\n", mismatches));
        }

        [Fact]
        public void Diagnostics()
        {
            const string source = """
                using System;
                using System.Linq;
                using Backprop;

                public class NotPartial
                {
                    [Differentiable]
                    public static double F(double x) => x;
                }

                public static partial class Bad
                {
                    static double state;

                    [Differentiable]
                    public static double WhileLoop(double x)
                    {
                        while (x > 1) { x = x / 2; }
                        return x;
                    }

                    [Differentiable]
                    public static double UnknownCall(double x) => Math.IEEERemainder(x, 2.0);

                    [Differentiable]
                    public static double Field(double x)
                    {
                        state = x;
                        return x;
                    }

                    [Differentiable]
                    public static double Lambda(double[] x) => x.Sum(v => v * v);

                    [Differentiable]
                    public static int WrongReturn(double x) => 1;

                    [Differentiable]
                    public static double Unused(double x, double y) => x * 2;
                }
                """;
            // The analyzer reports what the parser finds; the generator only its own internal failures (issue 4).
            AnalyzerHarness.Result result = AnalyzerHarness.Run(("Bad.cs", source));
            var text = new StringBuilder();
            foreach (Diagnostic diagnostic in result.Backprop.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id))
            {
                FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
                text.Append(diagnostic.Id).Append(' ').Append(diagnostic.Severity)
                    .Append(" (").Append(span.StartLinePosition.Line + 1).Append(',').Append(span.StartLinePosition.Character + 1)
                    .Append(")-(").Append(span.EndLinePosition.Line + 1).Append(',').Append(span.EndLinePosition.Character + 1).Append("): ")
                    .AppendLine(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            }

            Snapshot.Verify($"{nameof(SnapshotTests)}.{nameof(Diagnostics)}", "txt", text.ToString());
        }

        private static (string, string)[] ReadSources(string path)
        {
            string full = Path.Combine(Snapshot.RepositoryRoot(), path);
            IEnumerable<string> files = File.Exists(full) ? new[] { full } : Directory.GetFiles(full, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")).OrderBy(f => f, StringComparer.Ordinal);
            return files
                .Select(f => (Path.GetRelativePath(Snapshot.RepositoryRoot(), f).Replace('\\', '/'), File.ReadAllText(f)))
                .Where(s => s.Item2.Contains("[Differentiable]"))
                .ToArray();
        }
    }
}
