using System.Collections.Generic;
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
    /// <c>foreach</c>, a null test, or a method known to read (<c>CopyTo</c>, <c>Array.IndexOf</c>, …), or a helper
    /// of this compilation whose body reads it (followed through helpers, each read once; a virtual, abstract,
    /// interface, extern or delegate call, or a generic T, may write). So an unusual read may be reported, never a
    /// write missed. Only a method whose body is in the compilation can be read; F from a referenced assembly is
    /// assumed not to write (README, custom derivatives).
    /// </remarks>
    internal static class ParameterWrites
    {
        private static readonly string[] s_readingInstanceMethods = { "CopyTo", "TryCopyTo", "ToArray", "Clone", "GetLength", "GetLowerBound", "GetUpperBound", "IndexOf", "Contains", "SequenceEqual", "GetHashCode", "Equals", "ToString" };

        private static readonly string[] s_readingArrayMethods = { "IndexOf", "LastIndexOf", "BinarySearch", "Exists", "TrueForAll", "Find", "FindIndex", "FindLast", "FindLastIndex", "FindAll", "ConvertAll" };

        /// <summary>The first array or span parameter the method may write, with the line of the write; or null.</summary>
        public static (string Name, int Line)? First(IMethodSymbol method, Compilation compilation)
            => new Reader(compilation).FirstWrite(method, only: null);

        private static bool IsWritableSequence(ITypeSymbol? type)
            => type is IArrayTypeSymbol || (type is INamedTypeSymbol { Name: "Span" or "Memory", Arity: 1 } named && named.ContainingNamespace?.ToDisplayString() == "System");

        private static bool IsReadOnlyView(ITypeSymbol? type)
            => type is INamedTypeSymbol { Name: "ReadOnlySpan" or "ReadOnlyMemory" or "IEnumerable" or "IReadOnlyList" or "IReadOnlyCollection" } named
               && named.ContainingNamespace?.ToDisplayString() is "System" or "System.Collections.Generic" or "System.Collections";

        private sealed class Reader
        {
            private readonly Compilation _compilation;

            // What is known of a helper's parameter: whether it may be written. A parameter whose method is being read
            // counts as not written while it is (a recursive helper writes only where some call's body does).
            private readonly Dictionary<(IMethodSymbol Method, int Ordinal), bool> _writes = new Dictionary<(IMethodSymbol, int), bool>();

            public Reader(Compilation compilation) => _compilation = compilation;

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
                            && SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, withBody)
                            && (only is null || parameter.Parameter.Ordinal == only.Ordinal)
                            && MayWrite(parameter))
                        {
                            return (parameter.Parameter.Name, use.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1);
                        }
                    }
                }

                return null;
            }

            /// <summary>
            /// Whether a helper may write the array it gets as this parameter: read in its body when that body is
            /// here and is the one that runs (not abstract, virtual, an interface's, extern or a delegate's), and
            /// the parameter is an array or span itself (not a T that may be one); otherwise it may.
            /// </summary>
            private bool HelperMayWrite(IMethodSymbol target, IParameterSymbol parameter)
            {
                IMethodSymbol method = target.OriginalDefinition;
                IMethodSymbol withBody = method.PartialImplementationPart ?? method;
                bool readable = !method.IsAbstract && !method.IsVirtual && !method.IsOverride && !method.IsExtern
                    && method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction
                    && method.ContainingType?.TypeKind != TypeKind.Interface
                    && IsWritableSequence(method.Parameters[parameter.Ordinal].Type)
                    && withBody.DeclaringSyntaxReferences.Any(r => _compilation.ContainsSyntaxTree(r.SyntaxTree)
                        && r.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax { Body: not null } or Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax { ExpressionBody: not null } or Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax);
                if (!readable)
                {
                    return true;
                }

                var key = (method, parameter.Ordinal);
                if (_writes.TryGetValue(key, out bool known))
                {
                    return known;
                }

                _writes[key] = false;
                bool writes = FirstWrite(method, method.Parameters[parameter.Ordinal]) is not null;
                _writes[key] = writes;
                return writes;
            }

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
                    case IBinaryOperation or INameOfOperation:
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
                            return argument.Parameter is not { } parameter || argument.Value != use || HelperMayWrite(target, parameter);
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
