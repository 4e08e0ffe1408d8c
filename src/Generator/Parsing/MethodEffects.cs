using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Backprop.Generators.Parsing
{
    /// <summary>
    /// What a method the generator treats as opaque (a helper without a derivative, or a property's getter) may do,
    /// read from its body when the body is in the compilation: whether it writes state (a field, a property, an
    /// element of an array held in a field), reads state that may change, or calls something that may return another
    /// value each time. A helper that does none of these is a function of its arguments and is as pure as
    /// <c>Math.Min</c>; one that only reads state returns the same value while the state is the same.
    /// </summary>
    /// <remarks>
    /// Why: counting every helper as a noise source named values that needed no name, kept loops from being
    /// reversed per iteration, and refused correct programs (BP0008, BP0015) whose helpers only compute. A body that
    /// cannot be read (another assembly, virtual, abstract, an interface's, extern, a delegate) may do anything, except
    /// the methods of <c>System.Math</c> and the number types and those the user marked <c>[Pure]</c>, which are pure,
    /// and writes to the console or a debug listener, which change nothing a method reads. This class is the one place
    /// that knows these; the IR carries its verdicts (<c>OpaqueCall.Effect</c>, <c>MayChangeState</c>).
    /// </remarks>
    internal sealed class MethodEffects
    {
        private static readonly string[] s_pureTypes = { "System.Math", "System.MathF", "int", "double", "float", "long", "bool" };
        private static readonly string[] s_outputTypes = { "System.Console", "System.Diagnostics.Debug", "System.Diagnostics.Trace" };

        private readonly Compilation _compilation;
        private readonly Dictionary<IMethodSymbol, Effects> _known = new Dictionary<IMethodSymbol, Effects>(SymbolEqualityComparer.Default);

        // The methods whose bodies are being read, innermost on top.
        private readonly Stack<IMethodSymbol> _reading = new Stack<IMethodSymbol>();

        public MethodEffects(Compilation compilation) => _compilation = compilation;

        /// <summary>What a method may do.</summary>
        /// <param name="Writes">It may change a field, a property or an element of an array held in one.</param>
        /// <param name="ReadsState">It reads a field or property that may change.</param>
        /// <param name="Differs">It may return another value for the same arguments and state (it draws, counts, reads a clock).</param>
        internal readonly record struct Effects(bool Writes, bool ReadsState, bool Differs)
        {
            public static readonly Effects None = new Effects(false, false, false);

            public static readonly Effects Anything = new Effects(true, true, true);

            public bool IsPure => !Writes && !ReadsState && !Differs;

            public Effects With(Effects other) => new Effects(Writes || other.Writes, ReadsState || other.ReadsState, Differs || other.Differs);

            /// <summary>What calling or reading it again may give; a call that may write an array it is given is not pure.</summary>
            public Ir.OpaqueEffect Kind(bool writesArrays = false)
                => IsPure && !writesArrays ? Ir.OpaqueEffect.Pure : !Writes && !Differs && !writesArrays ? Ir.OpaqueEffect.ReadsState : Ir.OpaqueEffect.MayDiffer;
        }

        /// <summary>
        /// Whether the user marked the method, or its type, <c>[Pure]</c> (System.Diagnostics.Contracts): their word that
        /// it returns the same value for the same arguments and changes nothing, including the arrays it is given.
        /// </summary>
        public static bool IsMarkedPure(IMethodSymbol method)
            => TypeMapper.HasAttribute(method.OriginalDefinition, TypeMapper.PureAttributeName)
                || (method.ContainingType is { } type && TypeMapper.HasAttribute(type.OriginalDefinition, TypeMapper.PureAttributeName));

        /// <summary>What calling <paramref name="method"/> may do.</summary>
        public Effects Of(IMethodSymbol method)
        {
            method = method.OriginalDefinition;
            string type = method.ContainingType?.ToDisplayString() ?? string.Empty;
            if (IsMarkedPure(method) || s_pureTypes.Contains(type) || (method.MethodKind == MethodKind.Constructor && type == "object"))
            {
                return Effects.None;
            }

            if (s_outputTypes.Contains(type))
            {
                // Writing changes nothing a method reads; reading (Console.ReadLine) may return anything.
                return method.ReturnsVoid ? Effects.None : new Effects(false, false, true);
            }

            if (_known.TryGetValue(method, out Effects known))
            {
                return known;
            }

            if (_reading.Contains(method))
            {
                // Recursion. A method calling itself does what its body does; one reached again through another (a
                // cycle of several) is not worked out, and may do anything. So every body is read once.
                return SymbolEqualityComparer.Default.Equals(_reading.Peek(), method) ? Effects.None : Effects.Anything;
            }

            IMethodSymbol withBody = method.PartialImplementationPart ?? method;
            SyntaxNode? declaration = withBody.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).FirstOrDefault(s => _compilation.ContainsSyntaxTree(s.SyntaxTree));
            bool readable = declaration is not null && !method.IsAbstract && !method.IsVirtual && !method.IsOverride && !method.IsExtern
                && method.ContainingType?.TypeKind != TypeKind.Interface && !method.ReturnsByRef;
            IOperation? body = readable ? _compilation.GetSemanticModel(declaration!.SyntaxTree).GetOperation(declaration!) : null;
            if (body is null)
            {
                // Not here, overridable, or returning a reference (to a field, say) that its callers may write through.
                return _known[method] = Effects.Anything;
            }

            _reading.Push(method);
            Effects effects = Walk(body);

            // A constructor also runs the initializers of the fields and properties it sets up.
            if (method.MethodKind == MethodKind.Constructor && method.ContainingType is { } constructed)
            {
                foreach (ISymbol member in constructed.GetMembers().Where(m => m.IsStatic == method.IsStatic && m is IFieldSymbol or IPropertySymbol))
                {
                    foreach (SyntaxReference reference in member.DeclaringSyntaxReferences)
                    {
                        SyntaxNode? initializer = reference.GetSyntax() switch
                        {
                            Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax variable => variable.Initializer,
                            Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax property => property.Initializer,
                            _ => null,
                        };
                        if (initializer is not null && _compilation.GetSemanticModel(initializer.SyntaxTree).GetOperation(initializer) is { } initialization)
                        {
                            effects = effects.With(Walk(initialization));
                        }
                    }
                }
            }

            _reading.Pop();
            return _known[method] = effects;
        }

        /// <summary>
        /// What reading a property may do: an auto-property's read is a field's (immutable when it has no setter or an
        /// init-only one); a getter with a body does what the body does; a virtual one, or one from another assembly,
        /// may do anything. <c>[Pure]</c> on the property, its getter or its type says that reading it has no effect,
        /// not that it never changes.
        /// </summary>
        public Effects OfProperty(IPropertySymbol property)
        {
            property = property.OriginalDefinition;
            if (TypeMapper.HasAttribute(property, TypeMapper.PureAttributeName)
                || (property.GetMethod is { } marked && TypeMapper.HasAttribute(marked, TypeMapper.PureAttributeName))
                || TypeMapper.HasAttribute(property.ContainingType, TypeMapper.PureAttributeName))
            {
                return new Effects(false, true, false);
            }

            if (property.IsVirtual || property.IsOverride || property.IsAbstract || property.GetMethod is null)
            {
                return Effects.Anything;
            }

            // A partial property's accessors are in its implementing part; a record's positional property is an
            // auto-property the compiler declares.
            IPropertySymbol implemented = property.PartialImplementationPart ?? property;
            SyntaxNode? declared = implemented.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).FirstOrDefault(s => _compilation.ContainsSyntaxTree(s.SyntaxTree));
            bool immutable = property.SetMethod is null || property.SetMethod.IsInitOnly;
            switch (declared)
            {
                case Microsoft.CodeAnalysis.CSharp.Syntax.ParameterSyntax:
                    return immutable ? Effects.None : new Effects(false, true, false);
                case Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax declaration
                    when declaration.ExpressionBody is null && declaration.AccessorList?.Accessors.All(a => a.Body is null && a.ExpressionBody is null) == true:
                    return immutable ? Effects.None : new Effects(false, true, false);
                case Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax:
                    return Of((implemented.GetMethod ?? property.GetMethod)!);
                default:
                    return Effects.Anything;
            }
        }

        private Effects Walk(IOperation body)
        {
            var local = new Locals(body);
            Effects effects = Effects.None;
            foreach (IOperation operation in body.Descendants())
            {
                switch (operation)
                {
                    case IAssignmentOperation assignment when local.IsState(assignment.Target):
                    case IIncrementOrDecrementOperation step when local.IsState(step.Target):
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } byReference when local.IsState(byReference.Value):
                    case IAddressOfOperation address when local.IsState(address.Reference):
                    case IVariableDeclaratorOperation { Symbol.IsRef: true }:
                    case IEventAssignmentOperation:
                        // A ref local may stand for a field, and writes through it are not seen: counted as a write.
                        effects = effects.With(new Effects(true, false, false));
                        break;
                    // A struct the helper holds is its own, but an array or object one of its fields holds is not.
                    case IFieldReferenceOperation { Field: var field } read
                        when !field.IsConst && (!field.IsReadOnly || !field.Type.IsValueType) && !(field.Type.IsValueType && read.Instance is ILocalReferenceOperation or IParameterReferenceOperation && read.Instance.Type is { IsValueType: true }):
                        // A readonly field of an array or object still holds contents that may change.
                        effects = effects.With(new Effects(false, true, false));
                        break;
                    case IPropertyReferenceOperation property when property.Instance is null or IInstanceReferenceOperation:
                        effects = effects.With(OfProperty(property.Property));
                        break;
                    case IPropertyReferenceOperation { Instance.Type: IArrayTypeSymbol, Property.Name: "Length" or "LongLength" or "Rank" }:
                    case IPropertyReferenceOperation { Instance: ILocalReferenceOperation or IParameterReferenceOperation, Property: { IsIndexer: true } or { Name: "Length" } } read
                        when read.Instance!.Type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", ContainingNamespace.Name: "System" } or { SpecialType: SpecialType.System_String }:
                        // Like an element of an array the method holds: whatever state it shows was read where it was taken.
                        break;
                    case IPropertyReferenceOperation property:
                        // Another object's property reads that object's state, and its getter may do anything.
                        effects = effects.With(OfProperty(property.Property)).With(new Effects(false, true, false));
                        break;
                    case IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction }:
                        // Its body is among these operations.
                        break;
                    case IInvocationOperation invocation:
                        // A method of a value the helper holds (rng.NextDouble()) changes and reads that value's state.
                        effects = effects.With(invocation.Instance switch
                        {
                            null or IInstanceReferenceOperation => Of(invocation.TargetMethod),
                            { Type: IArrayTypeSymbol } when invocation.TargetMethod.Name is "GetLength" or "GetLowerBound" or "GetUpperBound" => Effects.None,
                            { Type.SpecialType: >= SpecialType.System_Boolean and <= SpecialType.System_Double } => Of(invocation.TargetMethod),
                            _ => Effects.Anything,
                        });

                        // An array the helper did not create, and was not given, may be held in a field: given to a
                        // method that may write the array it gets, it is state written.
                        if (invocation.Arguments.Any(a => a.Value.Type is IArrayTypeSymbol && !local.IsOwn(a.Value))
                            && (invocation.TargetMethod.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty || ParameterWrites.First(invocation.TargetMethod.OriginalDefinition, _compilation) is not null))
                        {
                            effects = effects.With(new Effects(true, false, false));
                        }

                        break;
                    case IObjectCreationOperation { Constructor: { } constructor }:
                        effects = effects.With(Of(constructor));
                        break;
                    case IBinaryOperation { OperatorMethod: { } binary }:
                        // A user-defined operator or conversion is a call.
                        effects = effects.With(Of(binary));
                        break;
                    case IUnaryOperation { OperatorMethod: { } unary }:
                        effects = effects.With(Of(unary));
                        break;
                    case IIncrementOrDecrementOperation { OperatorMethod: { } step }:
                        effects = effects.With(Of(step));
                        break;
                    case IConversionOperation { OperatorMethod: { } conversion }:
                        effects = effects.With(Of(conversion));
                        break;
                    case IForEachLoopOperation { Collection: var collection } when !(Unwrapped(collection).Type is IArrayTypeSymbol or { SpecialType: SpecialType.System_String } or INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", ContainingNamespace.Name: "System" }):
                    case IDeconstructionAssignmentOperation { Value.Type: not INamedTypeSymbol { IsTupleType: true } }:
                    case IUsingOperation or IUsingDeclarationOperation:
                    case IDynamicInvocationOperation or IDynamicMemberReferenceOperation or IFunctionPointerInvocationOperation:
                    case { Kind: OperationKind.None } unknown when unknown.Syntax is not (Microsoft.CodeAnalysis.CSharp.Syntax.StackAllocArrayCreationExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ImplicitStackAllocArrayCreationExpressionSyntax):
                        // Calls the operations do not show (an enumerator's, Deconstruct, Dispose), pointers and the like.
                        effects = effects.With(Effects.Anything);
                        break;
                }
            }

            return effects;
        }

        private static IOperation Unwrapped(IOperation value) => value is IConversionOperation conversion ? Unwrapped(conversion.Operand) : value;

        /// <summary>
        /// The helper's own locals: those only ever assigned values it creates (a new array, stackalloc, a struct), whose
        /// contents are not state outside it.
        /// </summary>
        private sealed class Locals
        {
            private readonly HashSet<ILocalSymbol> _own = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);

            public Locals(IOperation body)
            {
                var other = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
                foreach (IOperation operation in body.Descendants())
                {
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation declarator:
                            (Created(declarator.GetVariableInitializer()?.Value) ? _own : other).Add(declarator.Symbol);
                            break;
                        case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                            (Created(assignment.Value) ? _own : other).Add(target.Local);
                            break;
                        case ILocalReferenceOperation reference when reference.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } or ITupleOperation:
                            // Passed by reference, or a part of a deconstruction's target: it may be given anything.
                            other.Add(reference.Local);
                            break;
                    }
                }

                _own.ExceptWith(other);
            }

            /// <summary>A value the helper holds on its own: a parameter's array, or a local it created.</summary>
            public bool IsOwn(IOperation value) => Unwrapped(value) switch
            {
                IParameterReferenceOperation => true,
                ILocalReferenceOperation local => _own.Contains(local.Local),
                IArrayCreationOperation => true,
                _ => false,
            };

            /// <summary>
            /// A write target outside the helper: a field, a property, or an element of an array (or span) that is not its
            /// own (a parameter's array the caller sees as a written argument instead); a field of a struct local is not.
            /// </summary>
            public bool IsState(IOperation target) => target switch
            {
                IFieldReferenceOperation { Instance: ILocalReferenceOperation { Type.IsValueType: true } } => false,
                IFieldReferenceOperation => true,
                IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } span } when span.Type is INamedTypeSymbol { Name: "Span", ContainingNamespace.Name: "System" } => !IsOwn(span),
                IPropertyReferenceOperation => true,
                IArrayElementReferenceOperation element => !IsOwn(element.ArrayReference),
                IConversionOperation conversion => IsState(conversion.Operand),
                ITupleOperation tuple => tuple.Elements.Any(IsState),
                _ => false,
            };

            private static bool Created(IOperation? value)
                => value is not null
                    && (Unwrapped(value) is IArrayCreationOperation or IObjectCreationOperation { Type.IsValueType: true } or IDefaultValueOperation
                        || Unwrapped(value).Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.StackAllocArrayCreationExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ImplicitStackAllocArrayCreationExpressionSyntax);
        }
    }
}
