using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Backprop.CodeFixes;
using Backprop.Generators.Diagnostics;
using Backprop.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Backprop.Tests.Diagnostics
{
    /// <summary>
    /// The code fixes, run as the IDE runs them: in a workspace, on the analyzer's diagnostics, through the code
    /// action's operations (which simplify and format). Each must produce the expected text, and the fixed code must
    /// build with no Backprop diagnostic left.
    /// </summary>
    public sealed class CodeFixTests
    {
        [Fact]
        public async Task MakeContainingTypesPartial_AddsPartialToEveryTypeAroundTheMethod()
        {
            const string Before = """
                using Backprop;

                namespace Models
                {
                    public class Outer
                    {
                        internal static class Inner
                        {
                            [Differentiable]
                            public static double Square(double x) => x * x;
                        }
                    }
                }
                """;
            const string After = """
                using Backprop;

                namespace Models
                {
                    public partial class Outer
                    {
                        internal static partial class Inner
                        {
                            [Differentiable]
                            public static double Square(double x) => x * x;
                        }
                    }
                }
                """;
            await AssertFixAsync(new MakeContainingTypesPartialCodeFix(), Before, After);
        }

        [Fact]
        public async Task MakeContainingTypesPartial_TypeWithoutModifiersKeepsItsIndentation()
        {
            const string Before = "using Backprop;\n\n[System.Serializable]\nclass Model\n{\n    [Differentiable]\n    public static double F(double x) => x * x;\n}\n";
            const string After = "using Backprop;\n\n[System.Serializable]\npartial class Model\n{\n    [Differentiable]\n    public static double F(double x) => x * x;\n}\n";
            await AssertFixAsync(new MakeContainingTypesPartialCodeFix(), Before, After);
        }

        [Fact]
        public async Task MakeContainingTypesPartial_WorksForStructsAndRecords()
        {
            const string Before = "using Backprop;\n\npublic readonly struct Outer\n{\n    public record Model\n    {\n        [Differentiable]\n        public static double F(double x) => x * x;\n    }\n}\n";
            const string After = "using Backprop;\n\npublic readonly partial struct Outer\n{\n    public partial record Model\n    {\n        [Differentiable]\n        public static double F(double x) => x * x;\n    }\n}\n";
            await AssertFixAsync(new MakeContainingTypesPartialCodeFix(), Before, After);
        }

        [Fact]
        public async Task MarkNoDerivative_AddsTheAttributeToTheParameter()
        {
            const string Before = """
                using Backprop;

                public static partial class Model
                {
                    [Differentiable]
                    public static double Affine(double x, double weight, double bias) => x * weight;
                }
                """;
            const string After = """
                using Backprop;

                public static partial class Model
                {
                    [Differentiable]
                    public static double Affine(double x, double weight, [NoDerivative] double bias) => x * weight;
                }
                """;
            await AssertFixAsync(new MarkNoDerivativeCodeFix(), Before, After);
        }

        [Fact]
        public async Task MarkNoDerivative_QualifiesTheAttributeWithoutAUsing()
        {
            const string Before = "public static partial class Model\n{\n    [Backprop.Differentiable]\n    public static double F(\n        double[] unused,\n        double x) => x * x;\n}\n";
            const string After = "public static partial class Model\n{\n    [Backprop.Differentiable]\n    public static double F(\n        [Backprop.NoDerivative] double[] unused,\n        double x) => x * x;\n}\n";
            await AssertFixAsync(new MarkNoDerivativeCodeFix(), Before, After);
        }

        [Fact]
        public async Task MarkNoDerivative_FixAllInDocumentMarksEveryUnusedParameter()
        {
            const string Before = """
                using Backprop;

                public static partial class Model
                {
                    [Differentiable]
                    public static double F(double x, double a, double b) => x * x;

                    [Differentiable]
                    public static double G(double[] w, double y) => y;
                }
                """;
            const string After = """
                using Backprop;

                public static partial class Model
                {
                    [Differentiable]
                    public static double F(double x, [NoDerivative] double a, [NoDerivative] double b) => x * x;

                    [Differentiable]
                    public static double G([NoDerivative] double[] w, double y) => y;
                }
                """;
            Document document = CreateDocument(Before);
            var provider = new MarkNoDerivativeCodeFix();
            ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(document);
            Diagnostic first = diagnostics.First(d => d.Id == "BP0009");
            CodeAction action = (await ActionsAsync(provider, document, first)).Single();

            var fixAll = new FixAllContext(document, provider, FixAllScope.Document, action.EquivalenceKey, new[] { "BP0009" }, new DiagnosticProvider(diagnostics), CancellationToken.None);
            CodeAction? fixAllAction = await provider.GetFixAllProvider()!.GetFixAsync(fixAll);
            Assert.NotNull(fixAllAction);
            Document fixedDocument = await ApplyAsync(document, fixAllAction!);
            Assert.Equal(After, (await fixedDocument.GetTextAsync()).ToString());
            await AssertCleanAsync(fixedDocument);
        }

        [Fact]
        public void FixedIdsAreTheGeneratorsIds()
        {
            ImmutableArray<DiagnosticDescriptor> descriptors = new DifferentiableAnalyzer().SupportedDiagnostics;
            Assert.Equal("The containing type must be partial", descriptors.Single(d => d.Id == DiagnosticIds.TypeNotPartial).Title.ToString());
            Assert.Equal("Gradient is always zero", descriptors.Single(d => d.Id == DiagnosticIds.ParameterDoesNotAffectResult).Title.ToString());
        }

        [Fact]
        public void CodeFixesLiveOutsideTheGeneratorAssembly()
        {
            // The generator assembly must not load Workspaces (the compiler does not ship it): the fixes are separate.
            Assert.DoesNotContain(typeof(DifferentiableAnalyzer).Assembly.GetReferencedAssemblies(), a => a.Name!.Contains("Workspaces", StringComparison.Ordinal));
            Assert.NotEqual(typeof(DifferentiableAnalyzer).Assembly, typeof(MarkNoDerivativeCodeFix).Assembly);
        }

        private static async Task AssertFixAsync(CodeFixProvider provider, string before, string after)
        {
            Document document = CreateDocument(before);
            ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(document);
            Diagnostic diagnostic = diagnostics.First(d => provider.FixableDiagnosticIds.Contains(d.Id));
            CodeAction action = Assert.Single(await ActionsAsync(provider, document, diagnostic));
            Document fixedDocument = await ApplyAsync(document, action);
            Assert.Equal(after, (await fixedDocument.GetTextAsync()).ToString());
            await AssertCleanAsync(fixedDocument);
        }

        private static async Task AssertCleanAsync(Document document)
        {
            Assert.Empty((await AnalyzeAsync(document)).Where(d => d.Id.StartsWith("BP", StringComparison.Ordinal)));
            AnalyzerHarness.Result build = AnalyzerHarness.Run(("Fixed.cs", (await document.GetTextAsync()).ToString()));
            Assert.Empty(build.Backprop);
            Assert.NotEmpty(build.GeneratedSources);
            Assert.DoesNotContain(build.Compiler, d => d.Severity == DiagnosticSeverity.Error);
        }

        private static async Task<List<CodeAction>> ActionsAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic)
        {
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            await provider.RegisterCodeFixesAsync(context);
            Assert.All(actions, a => Assert.Equal(a.Title, a.EquivalenceKey));
            return actions;
        }

        private static async Task<Document> ApplyAsync(Document document, CodeAction action)
        {
            ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
            Solution changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            return changed.GetDocument(document.Id)!;
        }

        private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Document document)
        {
            Compilation compilation = (await document.Project.GetCompilationAsync())!;
            return await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DifferentiableAnalyzer())).GetAnalyzerDiagnosticsAsync();
        }

        private static Document CreateDocument(string source)
        {
            var workspace = new AdhocWorkspace();
            ProjectId projectId = ProjectId.CreateNewId();
            string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
            IEnumerable<MetadataReference> references = platform
                .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll")
                .Select(p => MetadataReference.CreateFromFile(p))
                .Append(MetadataReference.CreateFromFile(typeof(DifferentiableAttribute).Assembly.Location));
            Solution solution = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Test", "Test", LanguageNames.CSharp,
                    compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                    parseOptions: GeneratorHarness.ParseOptions,
                    metadataReferences: references))
                .AddDocument(DocumentId.CreateNewId(projectId), "Test.cs", SourceText.From(source));
            return solution.Projects.Single().Documents.Single();
        }

        private sealed class DiagnosticProvider : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> _diagnostics;

            public DiagnosticProvider(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(ImmutableArray<Diagnostic>.Empty);
        }
    }
}
