using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Backprop.Generators.Parsing
{
    /// <summary>
    /// Whether a method that returns a value may write one of its array or span parameters. A call of such a method
    /// with a custom derivative is refused (BP0012): the gradient takes the call for a pure function of its arguments,
    /// so it would neither save what the write overwrote nor carry an adjoint through it.
    /// </summary>
    /// <remarks>
    /// A use of the parameter counts as a write unless it is known to read: an element or a slice read, <c>Length</c>,
    /// a conversion to a read-only view (<c>ReadOnlySpan&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c>, …), a
    /// <c>foreach</c>, a null test, or a method known to read (<c>CopyTo</c>, <c>Array.IndexOf</c>, …). So an
    /// unusual read may be reported, never a write missed. Only a method whose body is in the compilation can be
    /// read; one from a referenced assembly is assumed not to write (README, custom derivatives).
    /// </remarks>
    internal static class ParameterWrites
    {
        private static readonly string[] s_readingInstanceMethods = { "CopyTo", "TryCopyTo", "ToArray", "Clone", "GetLength", "GetLowerBound", "GetUpperBound", "IndexOf", "Contains", "SequenceEqual", "GetHashCode", "Equals", "ToString" };

        private static readonly string[] s_readingArrayMethods = { "IndexOf", "LastIndexOf", "BinarySearch", "Exists", "TrueForAll", "Find", "FindIndex", "FindLast", "FindLastIndex", "FindAll", "ConvertAll" };

        // How deep the check follows an array into the methods it is passed to (in this compilation).
        private const int MaxDepth = 4;

        /// <summary>The first array or span parameter the method may write, with the line of the write; or null.</summary>
        public static (string Name, int Line)? First(IMethodSymbol method, Compilation compilation)
            => new Reader(compilation, 0).FirstWrite(method, only: null);

        private sealed class Reader
        {
            private readonly Compilation _compilation;
            private readonly int _depth;

            public Reader(Compilation compilation, int depth)
            {
                _compilation = compilation;
                _depth = depth;
            }

            /// <summary>The first write of one of the method's array or span parameters (or of <paramref name="only"/>).</summary>
            public (string Name, int Line)? FirstWrite(IMethodSymbol method, IParameterSymbol? only)
            {
                // A partial method's body is in its implementing part.
                IMethodSymbol withBody = method.PartialImplementationPart ?? method;
                if (!withBody.Parameters.Any(p => IsWritableSequence(p.Type)))
                {
                    return null;
                }

                foreach (SyntaxReference reference in withBody.DeclaringSyntaxReferences)
                {
                    SyntaxNode declaration = reference.GetSyntax();
                    if (!_compilation.ContainsSyntaxTree(declaration.SyntaxTree))
                    {
                        continue;
                    }

                    IOperation? body = _compilation.GetSemanticModel(declaration.SyntaxTree).GetOperation(declaration);
                    foreach (IOperation use in body?.Descendants() ?? Enumerable.Empty<IOperation>())
                    {
                        if (use is IParameterReferenceOperation parameter
                            && IsWritableSequence(parameter.Parameter.Type)
                            && (only is null || parameter.Parameter.Ordinal == only.Ordinal)
                            && MayWrite(parameter))
                        {
                            return (parameter.Parameter.Name, use.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1);
                        }
                    }
                }

                return null;
            }

        private static bool IsWritableSequence(ITypeSymbol? type)
            => type is IArrayTypeSymbol || (type is INamedTypeSymbol { Name: "Span" or "Memory", Arity: 1 } named && named.ContainingNamespace?.ToDisplayString() == "System");

        private static bool IsReadOnlyView(ITypeSymbol? type)
            => type is INamedTypeSymbol { Name: "ReadOnlySpan" or "ReadOnlyMemory" or "IEnumerable" or "IReadOnlyList" or "IReadOnlyCollection" } named
               && named.ContainingNamespace?.ToDisplayString() is "System" or "System.Collections.Generic" or "System.Collections";

            /// <summary>Whether this use of an array or span (the parameter, or a slice or alias of it) may write it.</summary>
            private bool MayWrite(IOperation use)
            {
                switch (use.Parent)
                {
                    case IArrayElementReferenceOperation element when element.ArrayReference == use:
                        return IsWrittenPlace(element);
                    case IPropertyReferenceOperation { Property.IsIndexer: true } element when element.Instance == use:
                        return IsWrittenPlace(element);
                    case IImplicitIndexerReferenceOperation element when element.Instance == use:
                        // span[^1] is an element; span[1..] a slice, which is the parameter again.
                        return IsWritableSequence(element.Type) ? MayWrite(element) : IsWrittenPlace(element);
                    case IPropertyReferenceOperation { Property.Name: "Length" or "LongLength" or "IsEmpty" or "Rank" }:
                        return false;
                    case IConversionOperation conversion:
                        return IsReadOnlyView(conversion.Type) ? false
                            : IsWritableSequence(conversion.Type) ? MayWrite(conversion)
                            : conversion.Type?.SpecialType != SpecialType.System_Object || !IsNullTest(conversion.Parent);
                    case IConditionalOperation { IsRef: false } choice when choice.Condition != use:
                        return MayWrite(choice);
                    case IForEachLoopOperation loop:
                        return loop.Locals.Any(l => l.RefKind == RefKind.Ref);
                    case IIsPatternOperation test:
                        // x is double[] y (or x is [_, ..] y) names the same array: a write through y is a write of x. The
                        // patterns of its elements ([var a, ..]) name elements, which are read.
                        return NamesTheWhole(test.Pattern);
                    case IBinaryOperation:
                        return false;
                    case IInvocationOperation call when call.Instance == use:
                        return call.TargetMethod.Name is "Slice" or "AsSpan" or "AsMemory" ? MayWrite(call) : !s_readingInstanceMethods.Contains(call.TargetMethod.Name);
                    case IArgumentOperation { Parent: IInvocationOperation call } argument:
                        {
                            IMethodSymbol target = call.TargetMethod;
                            if (target.IsExtensionMethod && argument.Parameter?.Ordinal == 0 && target.Name is "AsSpan" or "AsMemory")
                            {
                                return MayWrite(call);
                            }

                            bool arrayMethod = target.ContainingType?.SpecialType == SpecialType.System_Array;
                            if (arrayMethod && (s_readingArrayMethods.Contains(target.Name) || (target.Name is "Copy" or "ConstrainedCopy" && argument.Parameter?.Ordinal == 0)))
                            {
                                return false;
                            }

                            // A method of this compilation that takes the array as it is: read what it does with it.
                            return !(argument.Parameter is { } parameter && _depth < MaxDepth
                                && argument.Value == use && !target.DeclaringSyntaxReferences.IsEmpty
                                && new Reader(_compilation, _depth + 1).FirstWrite(target.OriginalDefinition, parameter) is null
                                && (target.PartialImplementationPart ?? target).DeclaringSyntaxReferences.Any(r => _compilation.ContainsSyntaxTree(r.SyntaxTree)));
                        }

                    default:
                        return true;
                }
            }

            /// <summary>Whether a pattern applied to the array names the array itself (not one of its elements).</summary>
            private static bool NamesTheWhole(IPatternOperation pattern) => pattern switch
            {
                IDeclarationPatternOperation { DeclaredSymbol: not null } or IRecursivePatternOperation { DeclaredSymbol: not null } or IListPatternOperation { DeclaredSymbol: not null } => true,
                INegatedPatternOperation negated => NamesTheWhole(negated.Pattern),
                IBinaryPatternOperation both => NamesTheWhole(both.LeftPattern) || NamesTheWhole(both.RightPattern),
                _ => false,
            };

            /// <summary>Whether a conversion to object is only tested against null (<c>x == null</c>, <c>ThrowIfNull(x)</c>).</summary>
            private static bool IsNullTest(IOperation? parent)
                => parent is IBinaryOperation or IIsPatternOperation
                   || (parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "ThrowIfNull" } });

            /// <summary>
            /// Whether an element is assigned (also as part of a deconstruction), incremented, passed by <c>ref</c>/<c>out</c>,
            /// bound to a <c>ref</c> local, or is itself an array (a jagged array's row) that may be written.
            /// </summary>
            private bool IsWrittenPlace(IOperation element)
            {
                if (IsWritableSequence(element.Type))
                {
                    return MayWrite(element);
                }

                switch (element.Parent)
                {
                    case IAssignmentOperation assignment:
                        return assignment.Target == element || assignment is ISimpleAssignmentOperation { IsRef: true };
                    case IIncrementOrDecrementOperation:
                        return true;
                    case IArgumentOperation argument:
                        return argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out;
                    case IVariableInitializerOperation initializer:
                        return initializer.Parent is IVariableDeclaratorOperation { Symbol.RefKind: RefKind.Ref };
                    case IConditionalOperation { IsRef: true } choice:
                        return IsWrittenPlace(choice);
                    case ITupleOperation tuple:
                        {
                            // (x[0], x[1]) = (x[1], x[0]): an element of the tuple a deconstruction assigns.
                            IOperation outer = tuple;
                            while (outer.Parent is ITupleOperation enclosing)
                            {
                                outer = enclosing;
                            }

                            return outer.Parent is IDeconstructionAssignmentOperation deconstruction && deconstruction.Target == outer;
                        }

                    default:
                        return false;
                }
            }
        }
    }
}
