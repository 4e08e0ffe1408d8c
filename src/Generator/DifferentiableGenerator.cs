using System;
using Backprop.Generators.Diagnostics;
using Backprop.Generators.Emitting;
using Backprop.Generators.Model;
using Backprop.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Backprop.Generators
{
    /// <summary>
    /// The incremental source generator: for every method marked <c>[Differentiable]</c>, it writes the method's
    /// pullback and gradient into the same partial type.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class DifferentiableGenerator : IIncrementalGenerator
    {
        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            // 1. Find the marked methods through the attribute index, and turn each into our own equatable model
            //    (IR plus diagnostics) straight away, so that no symbol, syntax node or compilation is cached.
            IncrementalValuesProvider<ParseResult> methods = context.SyntaxProvider.ForAttributeWithMetadataName(
                TypeMapper.DifferentiableAttributeName,
                predicate: static (node, _) => node is MethodDeclarationSyntax,
                transform: static (attributeContext, cancellationToken) => ParseSafely(attributeContext, cancellationToken))
                .WithTrackingName(TrackingNames.Parse);

            // 2. Emit one file per method that has no error. The user's errors and warnings are reported by
            //    DifferentiableAnalyzer, which runs the same parser (reporting them here too would show each twice in a
            //    build); the generator reports only its own internal failures, BP9999.
            context.RegisterSourceOutput(methods, static (productionContext, result) =>
            {
                foreach (DiagnosticInfo diagnostic in result.Diagnostics)
                {
                    if (diagnostic.Id == DiagnosticDescriptors.InternalError.Id)
                    {
                        productionContext.ReportDiagnostic(diagnostic.ToDiagnostic());
                    }
                }

                if (result.Function is not { } function)
                {
                    return;
                }

                string source;
                try
                {
                    source = Emitter.Emit(function);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    productionContext.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, function.Location?.ToLocation() ?? Location.None, function.Name, exception.GetType().Name + ": " + exception.Message));
                    return;
                }

                productionContext.AddSource(function.HintName, source);
            });
        }

        private static ParseResult ParseSafely(GeneratorAttributeSyntaxContext context, System.Threading.CancellationToken cancellationToken)
        {
            var syntax = (MethodDeclarationSyntax)context.TargetNode;
            try
            {
                return MethodParser.Parse(syntax, (IMethodSymbol)context.TargetSymbol, context.SemanticModel, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Never crash the compilation: one located diagnostic names the method instead.
                var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, LocationInfo.From(syntax.Identifier.GetLocation()), syntax.Identifier.Text, exception.GetType().Name + ": " + exception.Message);
                return new ParseResult(null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));
            }
        }
    }

    /// <summary>The names of the pipeline's tracked steps, for incremental-caching tests.</summary>
    public static class TrackingNames
    {
        /// <summary>The step that parses a marked method into its model.</summary>
        public const string Parse = nameof(Parse);
    }
}
