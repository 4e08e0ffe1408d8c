using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Backprop.Generators.Parsing
{
    /// <summary>The two shapes a <c>[DerivativeOf]</c> method may have.</summary>
    internal enum CustomDerivativeForm
    {
        /// <summary><c>T FDerivative(T x)</c>: returns dF/dx for a function of one scalar.</summary>
        Scalar,

        /// <summary>The pullback the generator would write for F: F's parameters, the result's adjoint, a buffer per differentiable parameter.</summary>
        Pullback,
    }

    /// <summary>A <c>[DerivativeOf]</c> method matched to the overload of F it differentiates.</summary>
    internal sealed class CustomDerivative
    {
        public CustomDerivative(IMethodSymbol method, CustomDerivativeForm form)
        {
            Method = method;
            Form = form;
        }

        /// <summary>The user's derivative method.</summary>
        public IMethodSymbol Method { get; }

        /// <summary>Which of the two forms it has.</summary>
        public CustomDerivativeForm Form { get; }
    }

    /// <summary>
    /// Finds and checks user-supplied derivatives: methods marked <c>[DerivativeOf(nameof(F))]</c> (F in the same
    /// type) or <c>[DerivativeOf(typeof(T), nameof(T.F))]</c> (F in another type, such as a library's). The parser
    /// uses them at calls of F; the analyzer checks every one of them, so a wrong signature is reported where it is
    /// written.
    /// </summary>
    internal static class CustomDerivatives
    {
        public const string AttributeName = "Backprop.DerivativeOfAttribute";

        /// <summary>
        /// The derivative of <paramref name="target"/> declared next to it or in one of the types around
        /// <paramref name="caller"/>, or null.
        /// </summary>
        public static CustomDerivative? Find(IMethodSymbol target, IMethodSymbol caller)
        {
            target = target.OriginalDefinition;
            var searched = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            var types = new List<INamedTypeSymbol>();
            if (target.ContainingType is { } home)
            {
                types.Add(home.OriginalDefinition);
            }

            for (INamedTypeSymbol? type = caller.ContainingType; type is not null; type = type.ContainingType)
            {
                types.Add(type.OriginalDefinition);
            }

            foreach (INamedTypeSymbol type in types)
            {
                if (!searched.Add(type))
                {
                    continue;
                }

                foreach (IMethodSymbol candidate in type.GetMembers().OfType<IMethodSymbol>())
                {
                    if (TargetOf(candidate) is (INamedTypeSymbol targetType, string name)
                        && name == target.Name
                        && SymbolEqualityComparer.Default.Equals(targetType.OriginalDefinition, target.ContainingType?.OriginalDefinition)
                        && Match(candidate, target) is CustomDerivativeForm form)
                    {
                        return new CustomDerivative(candidate, form);
                    }
                }
            }

            return null;
        }

        /// <summary>The type and method name a <c>[DerivativeOf]</c> method names, or null when it is not marked.</summary>
        public static (INamedTypeSymbol? Type, string Name)? TargetOf(IMethodSymbol method)
        {
            foreach (AttributeData attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() != AttributeName)
                {
                    continue;
                }

                var arguments = attribute.ConstructorArguments;
                if (arguments.Length == 1 && arguments[0].Value is string name)
                {
                    return (method.ContainingType, name);
                }

                if (arguments.Length == 2 && arguments[1].Value is string otherName)
                {
                    return (arguments[0].Value as INamedTypeSymbol, otherName);
                }

                return (null, string.Empty);
            }

            return null;
        }

        /// <summary>Which form <paramref name="derivative"/> has for <paramref name="target"/>, or null if neither fits.</summary>
        public static CustomDerivativeForm? Match(IMethodSymbol derivative, IMethodSymbol target)
        {
            if (derivative.IsStatic != target.IsStatic || derivative.IsGenericMethod || target.IsGenericMethod)
            {
                return null;
            }

            if (IsScalarForm(target)
                && derivative.Parameters.Length == 1
                && Same(derivative.Parameters[0], target.Parameters[0])
                && SymbolEqualityComparer.Default.Equals(derivative.ReturnType, target.ReturnType))
            {
                return CustomDerivativeForm.Scalar;
            }

            List<Expected>? expected = PullbackParameters(target);
            if (expected is null
                || !(derivative.ReturnsVoid || SymbolEqualityComparer.Default.Equals(derivative.ReturnType, target.ReturnType))
                || derivative.Parameters.Length != expected.Count)
            {
                return null;
            }

            for (int i = 0; i < expected.Count; i++)
            {
                if (!expected[i].Accepts(derivative.Parameters[i]))
                {
                    return null;
                }
            }

            return CustomDerivativeForm.Pullback;
        }

        /// <summary>The signatures a derivative of <paramref name="target"/> may have, written out for a diagnostic.</summary>
        public static string ExpectedSignatures(IMethodSymbol target, string derivativeName)
        {
            var forms = new List<string>();
            string modifier = target.IsStatic ? "static " : string.Empty;
            if (IsScalarForm(target))
            {
                string type = target.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                forms.Add($"'{modifier}{type} {derivativeName}({type} {target.Parameters[0].Name})'");
            }

            if (PullbackParameters(target) is { } pullback)
            {
                var names = target.Parameters.Select(p => p.Name).ToList();
                if (!target.ReturnsVoid)
                {
                    names.Add("resultAdj");
                }

                names.AddRange(target.Parameters.Where(IsDifferentiable).Select(p => p.Name + "Grad"));
                string parameters = string.Join(", ", pullback.Select((p, i) => $"{p} {names[i]}"));
                forms.Add($"'{modifier}void {derivativeName}({parameters})'");
            }

            return forms.Count == 0 ? "none: the function's parameters or result cannot be differentiated" : string.Join(" or ", forms);
        }

        private static bool IsScalarForm(IMethodSymbol target)
            => target.Parameters.Length == 1
               && target.Parameters[0].RefKind == RefKind.None
               && target.Parameters[0].Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single
               && SymbolEqualityComparer.Default.Equals(target.Parameters[0].Type, target.ReturnType);

        /// <summary>
        /// F's parameters, then (unless F is void) its result's adjoint, then a buffer per differentiable parameter:
        /// <c>ref T</c> for a scalar, <c>Span&lt;T&gt;</c> for an array or span, <c>T[,]</c> for a rectangular array.
        /// Null when F takes or returns something the generator cannot pass.
        /// </summary>
        private static List<Expected>? PullbackParameters(IMethodSymbol target)
        {
            if (!target.ReturnsVoid && target.ReturnType.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single))
            {
                return null;
            }

            var parameters = target.Parameters.Select(p => new Expected(p.Type, null, p.RefKind)).ToList();
            if (!target.ReturnsVoid)
            {
                parameters.Add(new Expected(target.ReturnType, null, RefKind.None));
            }

            foreach (IParameterSymbol parameter in target.Parameters.Where(IsDifferentiable))
            {
                Expected? buffer = BufferOf(parameter.Type);
                if (buffer is null)
                {
                    return null;
                }

                parameters.Add(buffer);
            }

            return parameters;
        }

        private static bool IsDifferentiable(IParameterSymbol parameter)
            => TypeMapper.Map(parameter.Type) is { IsFloatingPoint: true } && !TypeMapper.HasAttribute(parameter, TypeMapper.NoDerivativeAttributeName);

        private static Expected? BufferOf(ITypeSymbol type) => type switch
        {
            { SpecialType: SpecialType.System_Double or SpecialType.System_Single } => new Expected(type, null, RefKind.Ref),
            IArrayTypeSymbol { Rank: 2 } => new Expected(type, null, RefKind.None),
            IArrayTypeSymbol { Rank: 1, ElementType: var element } when element.SpecialType is SpecialType.System_Double or SpecialType.System_Single
                => new Expected(null, element, RefKind.None),
            INamedTypeSymbol { IsGenericType: true, Name: "Span" or "ReadOnlySpan", TypeArguments: var arguments } => new Expected(null, arguments[0], RefKind.None),
            _ => null,
        };

        /// <summary>One parameter a pullback must have: an exact type, or <c>Span&lt;SpanElement&gt;</c>.</summary>
        private sealed class Expected
        {
            public Expected(ITypeSymbol? type, ITypeSymbol? spanElement, RefKind refKind)
            {
                Type = type;
                SpanElement = spanElement;
                RefKind = refKind;
            }

            public ITypeSymbol? Type { get; }

            public ITypeSymbol? SpanElement { get; }

            public RefKind RefKind { get; }

            public bool Accepts(IParameterSymbol parameter)
                => parameter.RefKind == RefKind
                   && (Type is not null
                       ? SymbolEqualityComparer.Default.Equals(parameter.Type, Type)
                       : parameter.Type is INamedTypeSymbol { Name: "Span", TypeArguments.Length: 1 } span
                         && span.ContainingNamespace?.ToDisplayString() == "System"
                         && SymbolEqualityComparer.Default.Equals(span.TypeArguments[0], SpanElement));

            public override string ToString()
                => RefPrefix(RefKind) + (Type is not null
                    ? Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)
                    : $"Span<{SpanElement!.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}>");
        }

        private static bool Same(IParameterSymbol a, IParameterSymbol b)
            => SymbolEqualityComparer.Default.Equals(a.Type, b.Type) && a.RefKind == b.RefKind;

        private static string RefPrefix(RefKind kind) => kind switch
        {
            RefKind.Ref => "ref ",
            RefKind.In => "in ",
            RefKind.Out => "out ",
            RefKind.RefReadOnlyParameter => "ref readonly ",
            _ => string.Empty,
        };
    }
}
