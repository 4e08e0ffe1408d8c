using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Backprop.Generators.Parsing
{
    /// <summary>The shapes a <c>[DerivativeOf]</c> method may have.</summary>
    internal enum CustomDerivativeForm
    {
        /// <summary><c>T FDerivative(T x)</c>: returns dF/dx for a function of one scalar.</summary>
        Scalar,

        /// <summary><c>[DerivativeOf(…, FromResult = true)] T FDerivative(T y)</c>: returns dF/dx from y = F(x).</summary>
        FromResult,

        /// <summary>The pullback the generator would write for F: F's parameters, the result's adjoint, a buffer per differentiable parameter.</summary>
        Pullback,
    }

    /// <summary>A <c>[DerivativeOf]</c> method matched to the overload of F it differentiates.</summary>
    internal sealed class CustomDerivative
    {
        public CustomDerivative(IMethodSymbol method, CustomDerivativeForm form, string home, string? problem)
        {
            Method = method;
            Form = form;
            Home = home;
            Problem = problem;
        }

        /// <summary>The user's derivative method.</summary>
        public IMethodSymbol Method { get; }

        /// <summary>Which of the two forms it has.</summary>
        public CustomDerivativeForm Form { get; }

        /// <summary>
        /// The fully qualified type to call it on, constructed as at the call (<c>Lib&lt;double&gt;</c>, not
        /// <c>Lib&lt;T&gt;</c>), or <c>this</c> for an instance derivative.
        /// </summary>
        public string Home { get; }

        /// <summary>Why the generated gradient could not call it (for example, it is private to another type), or null.</summary>
        public string? Problem { get; }
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
        /// The derivative of <paramref name="call"/>'s method that a gradient of <paramref name="caller"/> uses, or
        /// null. The types around the caller (with their base types) are searched first, innermost first, and F's own
        /// type last, so that a
        /// user's derivative overrides the one a library ships next to F. A derivative found but not callable from the
        /// generated code comes back with its <see cref="CustomDerivative.Problem"/>, for the caller to report: falling
        /// back to another rule would silently ignore what the user wrote.
        /// </summary>
        public static CustomDerivative? Find(IMethodSymbol call, IMethodSymbol caller, Compilation compilation)
        {
            IMethodSymbol target = call.OriginalDefinition;
            INamedTypeSymbol? targetHome = target.ContainingType?.OriginalDefinition;
            // As C# looks names up: the caller's type and its bases, then each type around it and its bases.
            var types = new List<INamedTypeSymbol>();
            for (INamedTypeSymbol? type = caller.ContainingType; type is not null; type = type.ContainingType)
            {
                for (INamedTypeSymbol? self = type; self is not null && self.SpecialType != SpecialType.System_Object; self = self.BaseType)
                {
                    types.Add(self.OriginalDefinition);
                }
            }

            if (targetHome is not null)
            {
                types.Add(targetHome);
            }

            var searched = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (INamedTypeSymbol type in types)
            {
                if (!searched.Add(type))
                {
                    continue;
                }

                foreach (IMethodSymbol candidate in type.GetMembers().OfType<IMethodSymbol>())
                {
                    if (Differentiates(candidate, target) is CustomDerivativeForm form)
                    {
                        return Resolve(candidate, form, call, caller, compilation);
                    }
                }
            }

            return null;
        }

        /// <summary>The form in which <paramref name="candidate"/> is marked as the derivative of <paramref name="target"/>, or null.</summary>
        private static CustomDerivativeForm? Differentiates(IMethodSymbol candidate, IMethodSymbol target)
            => TargetOf(candidate) is (INamedTypeSymbol targetType, string name)
               && name == target.Name
               && SymbolEqualityComparer.Default.Equals(targetType.OriginalDefinition, target.ContainingType?.OriginalDefinition)
                   ? Match(candidate, target)
                   : null;

        /// <summary>How generated code in the caller's type calls the derivative, or why it cannot.</summary>
        private static CustomDerivative Resolve(IMethodSymbol derivative, CustomDerivativeForm form, IMethodSymbol call, IMethodSymbol caller, Compilation compilation)
        {
            INamedTypeSymbol callerType = caller.ContainingType;
            INamedTypeSymbol derivativeType = derivative.ContainingType;
            string? problem = null;
            if (!compilation.IsSymbolAccessibleWithin(derivative, callerType))
            {
                string remedy = SymbolEqualityComparer.Default.Equals(derivative.ContainingAssembly, compilation.Assembly)
                    ? "make it internal or public"
                    : "make it public (it is in another assembly)";
                problem = $"it is {AccessibilityOf(derivative)} in '{derivativeType.Name}', so the gradient of '{caller.Name}', generated in '{callerType.Name}', cannot call it; {remedy}";
            }
            else if (!derivative.IsStatic && !IsOrDerivesFrom(callerType, derivativeType))
            {
                problem = $"it is an instance method of '{derivativeType.Name}', so the gradient of '{caller.Name}' cannot call it on 'this' (a '{callerType.Name}'); declare it in '{call.ContainingType?.Name}', next to the method it differentiates";
            }
            else if (!call.ReturnsVoid && ParameterWrites.First(call.OriginalDefinition, compilation) is (string written, int line))
            {
                // The gradient takes such a call for a pure function of its arguments: it would neither save what the
                // write overwrote nor carry an adjoint back through it, a silently wrong gradient.
                problem = $"'{call.Name}' returns a value and may write its parameter '{written}' (line {line}), which a derivative of a value-returning method cannot account for; make '{call.Name}' a void method with a pullback, or let it copy '{written}' into a local array";
            }

            // Next to F, the type is the one F is called on, type arguments and all; elsewhere it is a type around
            // the caller, where its own type parameters are in scope.
            INamedTypeSymbol home = call.ContainingType is { } called && SymbolEqualityComparer.Default.Equals(called.OriginalDefinition, derivativeType.OriginalDefinition)
                ? called
                : derivativeType;
            return new CustomDerivative(derivative, form, derivative.IsStatic ? TypeMapper.FullName(home) : "this", problem);
        }

        /// <summary>Whether <paramref name="type"/> is <paramref name="ancestor"/> or inherits from it, type arguments aside.</summary>
        private static bool IsOrDerivesFrom(INamedTypeSymbol type, INamedTypeSymbol ancestor)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, ancestor.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The C# keyword for a symbol's declared accessibility, for a message.</summary>
        private static string AccessibilityOf(ISymbol symbol) => symbol.DeclaredAccessibility switch
        {
            Accessibility.Private => "private",
            Accessibility.Protected => "protected",
            Accessibility.ProtectedAndInternal => "private protected",
            Accessibility.Internal => "internal",
            _ => "not accessible",
        };

        /// <summary>
        /// The other <c>[DerivativeOf]</c> method declared before <paramref name="derivative"/> in its type for the same
        /// overload, which the generator uses instead of it; or null.
        /// </summary>
        public static IMethodSymbol? EarlierDuplicate(IMethodSymbol derivative, IMethodSymbol target)
        {
            foreach (IMethodSymbol other in derivative.ContainingType.GetMembers().OfType<IMethodSymbol>())
            {
                if (SymbolEqualityComparer.Default.Equals(other, derivative))
                {
                    return null;
                }

                if (Differentiates(other, target) is not null)
                {
                    return other;
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

        /// <summary>Whether a <c>[DerivativeOf]</c> method sets <c>FromResult = true</c>: it receives F's value, not its argument.</summary>
        public static bool IsFromResult(IMethodSymbol method)
            => method.GetAttributes()
                .Where(a => a.AttributeClass?.ToDisplayString() == AttributeName)
                .SelectMany(a => a.NamedArguments)
                .Any(a => a.Key == "FromResult" && a.Value.Value is true);

        /// <summary>Which form <paramref name="derivative"/> has for <paramref name="target"/>, or null if none fits.</summary>
        public static CustomDerivativeForm? Match(IMethodSymbol derivative, IMethodSymbol target)
        {
            if (derivative.IsStatic != target.IsStatic || derivative.IsGenericMethod || target.IsGenericMethod)
            {
                return null;
            }

            bool sameScalarSignature = IsScalarForm(target)
                && derivative.Parameters.Length == 1
                && Same(derivative.Parameters[0], target.Parameters[0])
                && SymbolEqualityComparer.Default.Equals(derivative.ReturnType, target.ReturnType);
            if (IsFromResult(derivative))
            {
                // The flag says what the one parameter means; a pullback cannot take F's value instead of its arguments.
                return sameScalarSignature ? CustomDerivativeForm.FromResult : null;
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
        public static string ExpectedSignatures(IMethodSymbol target, string derivativeName, bool fromResult)
        {
            var forms = new List<string>();
            string modifier = target.IsStatic ? "static " : string.Empty;
            if (fromResult)
            {
                if (!IsScalarForm(target))
                {
                    return $"a derivative with FromResult = true only for a function of one scalar passed by value ('T {target.Name}(T x)', T double or float); for '{target.Name}' remove FromResult and write a pullback: "
                           + ExpectedSignatures(target, derivativeName, fromResult: false);
                }

                string type = target.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                return $"'{modifier}{type} {derivativeName}({type} result)', which receives the value of '{target.Name}'";
            }

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
