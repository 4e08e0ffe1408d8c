using System.Collections.Immutable;
using System.Linq;
using Backprop.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Backprop.Tests.Infrastructure
{
    /// <summary>
    /// Runs what a build runs over C# sources: the generator, then the compiler and <see cref="DifferentiableAnalyzer"/>
    /// over the generated compilation. Every BPnnnn diagnostic a user would see is in <see cref="Result.Backprop"/>.
    /// </summary>
    public static class AnalyzerHarness
    {
        /// <summary>The diagnostics of one build.</summary>
        /// <param name="Generator">What the generator reported (only BP9999 by design).</param>
        /// <param name="Analyzer">What <see cref="DifferentiableAnalyzer"/> reported.</param>
        /// <param name="Compiler">The compiler's diagnostics of the final compilation, generated files included.</param>
        /// <param name="GeneratedSources">The generated files.</param>
        public sealed record Result(
            ImmutableArray<Diagnostic> Generator,
            ImmutableArray<Diagnostic> Analyzer,
            ImmutableArray<Diagnostic> Compiler,
            ImmutableArray<GeneratedSourceResult> GeneratedSources)
        {
            /// <summary>Every BPnnnn diagnostic, from the generator and the analyzer, in source order.</summary>
            public ImmutableArray<Diagnostic> Backprop => Generator.Concat(Analyzer)
                .OrderBy(d => d.Location.SourceTree?.FilePath, System.StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ThenBy(d => d.Id, System.StringComparer.Ordinal)
                .ToImmutableArray();
        }

        public static Result Run(params (string Path, string Text)[] sources)
        {
            Compilation compilation = GeneratorHarness.Compilation(sources);
            GeneratorDriver driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
            GeneratorRunResult run = driver.GetRunResult().Results.Single();
            ImmutableArray<Diagnostic> analyzer = output
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DifferentiableAnalyzer()))
                .GetAnalyzerDiagnosticsAsync()
                .GetAwaiter()
                .GetResult();
            return new Result(run.Diagnostics, analyzer, output.GetDiagnostics(), run.GeneratedSources);
        }
    }
}
