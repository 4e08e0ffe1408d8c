using Backprop.Generators.Ir;
using Microsoft.CodeAnalysis;

namespace Backprop.Generators.Parsing
{
    /// <summary>Maps Roslyn types to IR types.</summary>
    internal static class TypeMapper
    {
        public const string DifferentiableAttributeName = "Backprop.DifferentiableAttribute";
        public const string NoDerivativeAttributeName = "Backprop.NoDerivativeAttribute";
        public const string PureAttributeName = "System.Diagnostics.Contracts.PureAttribute";

        /// <summary>The IR type of a supported type, or null.</summary>
        public static IrType? Map(ITypeSymbol? type)
        {
            if (type is null)
            {
                return null;
            }

            ScalarKind? scalar = MapScalar(type);
            if (scalar is ScalarKind kind)
            {
                return IrType.ScalarOf(kind);
            }

            if (type is IArrayTypeSymbol { Rank: 1 } array && MapSequenceElement(array.ElementType) is ScalarKind element)
            {
                return new IrType(element, ContainerKind.Array);
            }

            if (type is IArrayTypeSymbol { Rank: 2 } rectangular && MapSequenceElement(rectangular.ElementType) is ScalarKind rectangularElement)
            {
                return new IrType(rectangularElement, ContainerKind.Array2D);
            }

            if (type is IArrayTypeSymbol { Rank: 1, ElementType: IArrayTypeSymbol { Rank: 1 } row } && MapSequenceElement(row.ElementType) is ScalarKind jaggedElement)
            {
                return new IrType(jaggedElement, ContainerKind.Jagged);
            }

            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
                && named.ContainingNamespace?.ToDisplayString() == "System"
                && MapSequenceElement(named.TypeArguments[0]) is ScalarKind spanElement)
            {
                if (named.Name == "Span")
                {
                    return new IrType(spanElement, ContainerKind.Span);
                }

                if (named.Name == "ReadOnlySpan")
                {
                    return new IrType(spanElement, ContainerKind.ReadOnlySpan);
                }
            }

            return null;
        }

        public static string FullName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        public static bool HasAttribute(ISymbol symbol, string fullName)
        {
            foreach (AttributeData attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == fullName)
                {
                    return true;
                }
            }

            return false;
        }

        private static ScalarKind? MapScalar(ITypeSymbol type) => type.SpecialType switch
        {
            SpecialType.System_Double => ScalarKind.Double,
            SpecialType.System_Single => ScalarKind.Float,
            SpecialType.System_Int32 => ScalarKind.Int,
            SpecialType.System_Boolean => ScalarKind.Bool,
            _ => null,
        };

        private static ScalarKind? MapSequenceElement(ITypeSymbol type) => type.SpecialType switch
        {
            SpecialType.System_Double => ScalarKind.Double,
            SpecialType.System_Single => ScalarKind.Float,
            SpecialType.System_Int32 => ScalarKind.Int,
            _ => null,
        };
    }
}
