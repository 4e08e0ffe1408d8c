using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Backprop.Generators;
using Backprop.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace Backprop.Tests
{
    /// <summary>
    /// The incremental generator's caching contract: its cached models hold no Roslyn object, edits elsewhere leave
    /// every step cached, and editing one method regenerates only that method's file.
    /// </summary>
    public sealed class CachingTests
    {
        private const string Unrelated = "namespace Other { public static class Helper { public static int Twice(int x) => 2 * x; } }";
        private readonly ITestOutputHelper _output;

        public CachingTests(ITestOutputHelper output) => _output = output;

        private static string Corpus => File.ReadAllText(Path.Combine(Snapshot.RepositoryRoot(), "tests/Backprop.Generators.Tests/Corpus/Functions.cs"));

        [Fact]
        public void CachedModelsHoldNoRoslynObjects()
        {
            CSharpCompilation compilation = GeneratorHarness.Compilation(("Functions.cs", Corpus));
            GeneratorDriver driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation);
            IncrementalGeneratorRunStep[] steps = driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.Parse].ToArray();
            Assert.NotEmpty(steps);

            var forbidden = new[] { typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(IOperation) };
            var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
            int visited = 0;
            foreach (object model in steps.SelectMany(s => s.Outputs).Select(o => o.Value))
            {
                Walk(model, "model");
            }

            Assert.True(visited > 1000, $"walked only {visited} objects");

            void Walk(object? value, string path)
            {
                if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
                {
                    return;
                }

                visited++;
                Type type = value.GetType();
                Assert.False(forbidden.Any(f => f.IsAssignableFrom(type)), $"{path} is a {type.FullName}");
                if (value is IEnumerable sequence)
                {
                    int index = 0;
                    foreach (object? item in sequence)
                    {
                        Walk(item, $"{path}[{index++}]");
                    }
                }

                for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
                {
                    foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    {
                        Assert.False(forbidden.Any(f => f.IsAssignableFrom(field.FieldType)), $"{path}.{field.Name} is declared as {field.FieldType}");
                        Walk(field.GetValue(value), $"{path}.{field.Name}");
                    }
                }
            }
        }

        [Fact]
        public void EditInAnotherFileKeepsEveryStepCached()
        {
            (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(("Functions.cs", Corpus), ("Other.cs", Unrelated));
            SyntaxTree other = compilation.SyntaxTrees.Single(t => t.FilePath == "Other.cs");
            CSharpCompilation edited = compilation.ReplaceSyntaxTree(other, CSharpSyntaxTree.ParseText(Unrelated.Replace("2 * x", "x + x"), GeneratorHarness.ParseOptions, "Other.cs"));
            GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();
            AssertAllCached(result);
        }

        [Fact]
        public void EditElsewhereInTheSameFileKeepsEveryStepCached()
        {
            (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(("Functions.cs", Corpus));
            SyntaxTree tree = compilation.SyntaxTrees.Single();
            // Lines added above every method move all their locations, but change none of them.
            string moved = "// a comment\n// and another\n" + Corpus.Replace("public const double Decay = 0.9;", "public const double Decay = 0.9;\n        public static int Unrelated() => 42;");
            CSharpCompilation edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(moved, GeneratorHarness.ParseOptions, "Functions.cs"));
            GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();
            AssertAllCached(result);
        }

        [Fact]
        public void EditingOneMethodRegeneratesOnlyItsFile()
        {
            (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(("Functions.cs", Corpus));
            SyntaxTree tree = compilation.SyntaxTrees.Single();
            string edited = Corpus.Replace("public static double Polynomial(double x) => (3 * x * x * x)", "public static double Polynomial(double x) => (4 * x * x * x)");
            Assert.NotEqual(Corpus, edited);
            GeneratorRunResult result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, "Functions.cs"))).GetRunResult().Results.Single();

            var parse = result.TrackedSteps[TrackingNames.Parse].SelectMany(s => s.Outputs).ToArray();
            Assert.Equal(1, parse.Count(o => o.Reason == IncrementalStepRunReason.Modified));
            Assert.All(parse.Where(o => o.Reason != IncrementalStepRunReason.Modified), o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));

            var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToArray();
            Assert.Equal(1, outputs.Count(o => o.Reason == IncrementalStepRunReason.Modified));
            Assert.Contains("4.0 * x", result.GeneratedSources.Single(s => s.HintName.EndsWith(".Polynomial.g.cs", StringComparison.Ordinal)).SourceText.ToString());
        }

        [Fact]
        public void GenerationTimeForTwoHundredMethods()
        {
            var source = new System.Text.StringBuilder("using System; using Backprop;\nnamespace Many { public static partial class Models {\n");
            for (int i = 0; i < 200; i++)
            {
                source.Append($$"""
                    [Differentiable]
                    public static double Loss{{i}}(double[] w, [NoDerivative] double[] x, double s)
                    {
                        double[] h = new double[x.Length];
                        double loss = 0;
                        for (int j = 0; j < x.Length; j++)
                        {
                            h[j] = Math.Tanh(w[j] * x[j] + s * {{i}});
                            if (h[j] > 0) { loss += h[j] * h[j]; } else { loss -= h[j] * 0.5; }
                        }
                        return loss;
                    }

                    """);
            }

            source.Append("} }");
            CSharpCompilation compilation = GeneratorHarness.Compilation(("Many.cs", source.ToString()));
            GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
            TimeSpan cold = driver.GetTimingInfo().ElapsedTime;
            driver = GeneratorHarness.Driver().RunGenerators(compilation);
            TimeSpan warm = driver.GetTimingInfo().ElapsedTime;
            GeneratorRunResult result = driver.GetRunResult().Results.Single();
            Assert.Equal(200, result.GeneratedSources.Length);
            Assert.Empty(result.Diagnostics);
            _output.WriteLine($"200 differentiable methods: first run {cold.TotalMilliseconds:F0} ms, second fresh driver {warm.TotalMilliseconds:F0} ms");
        }

        [Theory]
        [InlineData("samples/AbcLoss/AbcModel.cs")]
        [InlineData("samples/Xor/Network.cs")]
        public void GenerationTimeForSamples(string path)
        {
            string text = File.ReadAllText(Path.Combine(Snapshot.RepositoryRoot(), path));
            CSharpCompilation compilation = GeneratorHarness.Compilation((path, text));
            TimeSpan best = TimeSpan.MaxValue;
            for (int run = 0; run < 5; run++)
            {
                GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
                Assert.NotEmpty(driver.GetRunResult().GeneratedTrees);
                best = driver.GetTimingInfo().ElapsedTime < best ? driver.GetTimingInfo().ElapsedTime : best;
            }

            _output.WriteLine($"{path}: best of 5 fresh generator runs {best.TotalMilliseconds:F1} ms");
        }

        private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun(params (string Path, string Text)[] sources)
        {
            CSharpCompilation compilation = GeneratorHarness.Compilation(sources);
            GeneratorDriver driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation);
            return (driver, compilation);
        }

        private void AssertAllCached(GeneratorRunResult result)
        {
            IncrementalStepRunReason[] allowed = { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged };
            var parse = result.TrackedSteps[TrackingNames.Parse].SelectMany(s => s.Outputs).ToArray();
            Assert.NotEmpty(parse);
            Assert.All(parse, o => Assert.Contains(o.Reason, allowed));
            var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToArray();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.Contains(o.Reason, allowed));
            _output.WriteLine($"{parse.Length} parse outputs and {outputs.Length} source outputs, all cached or unchanged");
        }
    }
}
