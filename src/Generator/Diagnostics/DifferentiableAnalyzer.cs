using System;
using System.Collections.Immutable;
using System.Linq;
using Backprop.Generators.Model;
using Backprop.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Backprop.Generators.Diagnostics
{
    /// <summary>
    /// Reports the <c>BPnnnn</c> diagnostics of every <c>[Differentiable]</c> method, in the IDE as the user types and
    /// in the build. It runs the generator's own <see cref="MethodParser"/>, so the two can never disagree about what
    /// is supported: the generator emits nothing for a method this analyzer reports an error on.
    /// </summary>
    /// <remarks>
    /// The work is split so that nothing is reported twice: this analyzer reports what the parser finds, and the
    /// generator reports only BP9999, an internal failure of the parser or of the emitter (which only the generator
    /// runs). When the parser itself fails, this analyzer stays silent and lets the generator's BP9999 speak.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DifferentiableAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = DiagnosticDescriptors.All.ToImmutableArray();

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(static start =>
            {
                // Without the attribute type nothing can be marked: a compilation that does not reference Backprop costs nothing.
                INamedTypeSymbol? attribute = start.Compilation.GetTypeByMetadataName(TypeMapper.DifferentiableAttributeName);
                if (attribute is null)
                {
                    return;
                }

                start.RegisterSyntaxNodeAction(node => AnalyzeMethod(node, attribute), SyntaxKind.MethodDeclaration);
                start.RegisterSymbolAction(AnalyzeCustomDerivative, SymbolKind.Method);
                start.RegisterSyntaxNodeAction(node => AnalyzeLocalFunction(node, attribute), SyntaxKind.LocalFunctionStatement);
            });
        }

        private static void AnalyzeMethod(SyntaxNodeAnalysisContext context, INamedTypeSymbol attribute)
        {
            var syntax = (MethodDeclarationSyntax)context.Node;
            if (syntax.AttributeLists.Count == 0
                || context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not IMethodSymbol method
                || !IsMarked(method, attribute))
            {
                return;
            }

            ParseResult result;
            try
            {
                result = MethodParser.Parse(syntax, method, context.SemanticModel, context.CancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The generator runs the same parser on the same method and reports this failure as BP9999.
                return;
            }

            foreach (DiagnosticInfo diagnostic in result.Diagnostics)
            {
                if (diagnostic.Id != DiagnosticDescriptors.InternalError.Id)
                {
                    context.ReportDiagnostic(diagnostic.ToDiagnostic(context.Node.SyntaxTree));
                }
            }
        }

        /// <summary>Checks a <c>[DerivativeOf]</c> method against the method it names, where it is written.</summary>
        private static void AnalyzeCustomDerivative(SymbolAnalysisContext context)
        {
            var derivative = (IMethodSymbol)context.Symbol;
            if (CustomDerivatives.TargetOf(derivative) is not (var targetType, string name) || derivative.Locations.IsEmpty)
            {
                return;
            }

            string? problem;
            string targetDisplay = targetType is null ? name : $"{targetType.Name}.{name}";
            if (targetType is null || name.Length == 0)
            {
                problem = "the attribute does not name a type and a method; write [DerivativeOf(nameof(F))] or [DerivativeOf(typeof(T), nameof(T.F))]";
            }
            else
            {
                // typeof(Home<>) names the unbound type, whose members are those of its definition.
                IMethodSymbol[] overloads = targetType.OriginalDefinition.GetMembers(name).OfType<IMethodSymbol>().ToArray();
                IMethodSymbol? matched = overloads.FirstOrDefault(o => CustomDerivatives.Match(derivative, o) is not null);
                if (overloads.Length == 0)
                {
                    problem = $"'{targetType.Name}' has no method named '{name}'";
                }
                else if (derivative.IsGenericMethod)
                {
                    problem = "it is generic; write one derivative per element type (double, float)";
                }
                else if (overloads.All(o => o.IsGenericMethod))
                {
                    problem = $"'{name}' is generic, and generic methods cannot have custom derivatives; give it double and float overloads and a derivative for each";
                }
                else if (matched is not null)
                {
                    problem = CustomDerivatives.EarlierDuplicate(derivative, matched) is { } earlier
                        ? $"'{earlier.Name}', declared before it in '{derivative.ContainingType.Name}', is already the derivative of this overload, and only one is used; remove one of them"
                        : null;
                }
                else
                {
                    string expected = string.Join("; for another overload, ", overloads.Where(o => !o.IsGenericMethod).Select(o => CustomDerivatives.ExpectedSignatures(o, derivative.Name, CustomDerivatives.IsFromResult(derivative))));
                    problem = CustomDerivatives.IsFromResult(derivative)
                        ? $"its signature does not fit a derivative from the result; write {expected}"
                        : $"its signature fits neither a scalar derivative nor a pullback; write {expected}";
                }
            }

            if (problem is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidCustomDerivative, derivative.Locations[0], derivative.Name, targetDisplay, problem));
            }
            else if (targetType is not null
                     && !SymbolEqualityComparer.Default.Equals(derivative.ContainingType.OriginalDefinition, targetType.OriginalDefinition)
                     && (derivative.ContainingType.IsStatic || derivative.ContainingType.IsSealed)
                     && !DeclaresDifferentiableMethod(derivative.ContainingType))
            {
                // The generator looks for a derivative next to F and in the types around the calling method and their
                // bases only, so one declared anywhere else would be ignored without a word. (A type that can be
                // derived from may serve callers in a derived type, which an analyzer of this type cannot see.)
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnreachableCustomDerivative,
                    derivative.Locations[0],
                    derivative.Name,
                    targetDisplay,
                    derivative.ContainingType.Name));
            }
        }

        /// <summary>Whether a <c>[Differentiable]</c> method is declared in <paramref name="type"/> or a type nested in it.</summary>
        private static bool DeclaresDifferentiableMethod(INamedTypeSymbol type)
            => type.GetMembers().Any(m => m is IMethodSymbol method && TypeMapper.HasAttribute(method, TypeMapper.DifferentiableAttributeName))
               || type.GetTypeMembers().Any(DeclaresDifferentiableMethod);

        private static void AnalyzeLocalFunction(SyntaxNodeAnalysisContext context, INamedTypeSymbol attribute)
        {
            // The generator only looks at methods, so a marked local function would silently get no gradient.
            var syntax = (LocalFunctionStatementSyntax)context.Node;
            if (syntax.AttributeLists.Count > 0
                && context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is IMethodSymbol function
                && IsMarked(function, attribute))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnsupportedMethod,
                    syntax.Identifier.GetLocation(),
                    function.Name,
                    "it is a local function, which the generator cannot add members next to; make it a static method of a partial type"));
            }
        }

        private static bool IsMarked(IMethodSymbol method, INamedTypeSymbol attribute)
            => method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));
    }
}
