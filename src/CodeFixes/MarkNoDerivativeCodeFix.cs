using System.Collections.Immutable;
using System.Linq;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Backprop.CodeFixes
{
    /// <summary>
    /// Fixes BP0009 ("gradient is always zero"): marks the parameter <c>[NoDerivative]</c>, which says the zero
    /// gradient is intended and removes the parameter's gradient buffer.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MarkNoDerivativeCodeFix))]
    [Shared]
    public sealed class MarkNoDerivativeCodeFix : CodeFixProvider
    {
        /// <summary>The title of the fix, as the light bulb shows it.</summary>
        public const string Title = "Mark parameter [NoDerivative]";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ParameterDoesNotAffectResult);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
        {
            // One pass per document: every reported parameter at once, so no two fixes have to be merged.
            SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            ParameterSyntax[] parameters = diagnostics
                .Select(d => root.FindToken(d.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<ParameterSyntax>())
                .OfType<ParameterSyntax>()
                .Distinct()
                .ToArray();
            return document.WithSyntaxRoot(root.ReplaceNodes(parameters, (original, rewritten) => Mark(rewritten)));
        });

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<ParameterSyntax>() is ParameterSyntax parameter)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, cancellationToken => MarkAsync(context.Document, parameter, cancellationToken), equivalenceKey: Title),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> MarkAsync(Document document, ParameterSyntax parameter, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            return document.WithSyntaxRoot(root.ReplaceNode(parameter, Mark(parameter)));
        }

        private static ParameterSyntax Mark(ParameterSyntax parameter)
        {
            // Fully qualified and annotated: the simplifier shortens it to [NoDerivative] where `using Backprop;` is in scope.
            AttributeListSyntax attribute = SyntaxFactory.AttributeList(
                    SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.ParseName("global::Backprop.NoDerivative"))))
                .WithTrailingTrivia(SyntaxFactory.Space)
                .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
            // The parameter's leading trivia (a line break and indentation, say) stays in front of the whole parameter.
            return parameter.WithoutLeadingTrivia()
                .WithAttributeLists(parameter.WithoutLeadingTrivia().AttributeLists.Add(attribute))
                .WithLeadingTrivia(parameter.GetLeadingTrivia());
        }
    }
}
