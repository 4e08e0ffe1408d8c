using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Backprop.CodeFixes
{
    /// <summary>
    /// Fixes BP0001 ("the containing type must be partial"): adds <c>partial</c> to the reported type and to every
    /// type around it that lacks it, so the generated gradient can join them.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeContainingTypesPartialCodeFix))]
    [Shared]
    public sealed class MakeContainingTypesPartialCodeFix : CodeFixProvider
    {
        /// <summary>The title of the fix, as the light bulb shows it.</summary>
        public const string Title = "Make containing types partial";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.TypeNotPartial);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
        {
            // One pass per document: every reported type (and the types around it) at once.
            SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            TypeDeclarationSyntax[] types = diagnostics
                .Select(d => root.FindToken(d.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>())
                .OfType<TypeDeclarationSyntax>()
                .SelectMany(t => t.AncestorsAndSelf().OfType<TypeDeclarationSyntax>())
                .Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword))
                .Distinct()
                .ToArray();
            return document.WithSyntaxRoot(root.ReplaceNodes(types, (original, rewritten) => AddPartial(rewritten)));
        });

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>() is TypeDeclarationSyntax type)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, cancellationToken => MakePartialAsync(context.Document, type, cancellationToken), equivalenceKey: Title),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> MakePartialAsync(Document document, TypeDeclarationSyntax type, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            // The reported type and every type it is nested in: all must be partial for the generated part to join.
            IEnumerable<TypeDeclarationSyntax> types = type.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword));
            SyntaxNode updated = root.ReplaceNodes(types, (original, rewritten) => AddPartial(rewritten));
            return document.WithSyntaxRoot(updated);
        }

        /// <summary>Adds <c>partial</c> last among the modifiers, right before the keyword, as C# requires.</summary>
        private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax type)
        {
            if (type.Modifiers.Count == 0)
            {
                // The keyword's indentation moves to the new first token.
                SyntaxToken partial = SyntaxFactory.Token(type.Keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
                return type.WithKeyword(type.Keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial));
            }

            return type.WithModifiers(type.Modifiers.Add(SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space))));
        }
    }
}
