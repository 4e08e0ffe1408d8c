using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Backprop.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Backprop.Tests.Infrastructure
{
    /// <summary>Runs the generator in memory over C# sources, as the compiler does in a build.</summary>
    public static class GeneratorHarness
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
        {
            // The running framework's assemblies (the test host runs on net10.0) plus the Backprop runtime.
            string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
            return platform
                .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .Append(MetadataReference.CreateFromFile(typeof(DifferentiableAttribute).Assembly.Location))
                .ToImmutableArray();
        });

        // Documentation comments are checked, as in a project that generates its documentation file (but a test's
        // source may leave its members undocumented: CS1591 is off).
        public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

        public static CSharpCompilation Compilation(params (string Path, string Text)[] sources)
            => CSharpCompilation.Create(
                "Generated",
                sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
                s_references.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                    .WithSpecificDiagnosticOptions(new[] { new System.Collections.Generic.KeyValuePair<string, ReportDiagnostic>("CS1591", ReportDiagnostic.Suppress) }));

        public static GeneratorDriver Driver(bool trackSteps = false)
            => CSharpGeneratorDriver.Create(
                new[] { new DifferentiableGenerator().AsSourceGenerator() },
                parseOptions: ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

        /// <summary>Runs the generator and returns its result and the diagnostics of the final compilation.</summary>
        public static (GeneratorDriverRunResult Result, ImmutableArray<Diagnostic> CompilationDiagnostics) Run(params (string Path, string Text)[] sources)
        {
            CSharpCompilation compilation = Compilation(sources);
            GeneratorDriver driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
            return (driver.GetRunResult(), output.GetDiagnostics());
        }

        /// <summary>
        /// The code generated for a corpus file (a path under the repository root), by method name: the file
        /// <c>Ns.Type.Method.g.cs</c> under <c>Method</c>. For corpus files without overloads, whose hint names are plain.
        /// </summary>
        public static System.Collections.Generic.Dictionary<string, string> GeneratedForCorpus(string path)
        {
            string fullPath = System.IO.Path.Combine(Snapshot.RepositoryRoot(), path);
            (GeneratorDriverRunResult result, _) = Run((fullPath, System.IO.File.ReadAllText(fullPath)));
            return result.Results.Single().GeneratedSources
                .GroupBy(g => g.HintName.Split('.')[^3])
                .Where(group => group.Count() == 1)
                .ToDictionary(group => group.Key, group => group.Single().SourceText.ToString());
        }
    }
}
