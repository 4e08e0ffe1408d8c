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
    /// the methods of <c>System.Math</c> and the number types, which are pure, and writes to the console or a debug
    /// listener, which change nothing a method reads.
    /// </remarks>
    internal sealed class MethodEffects
    {
        private static readonly string[] s_pureTypes = { "System.Math", "System.MathF", "int", "double", "float", "long", "bool" };
        private static readonly string[] s_outputTypes = { "System.Console", "System.Diagnostics.Debug", "System.Diagnostics.Trace" };

        private readonly Compilation _compilation;
        private readonly Dictionary<IMethodSymbol, Effects> _known = new Dictionary<IMethodSymbol, Effects>(SymbolEqualityComparer.Default);

        // Methods being read (a recursive cycle), with what they are assumed to do meanwhile; how often an assumption was used.
        private readonly Dictionary<IMethodSymbol, Effects> _assumed = new Dictionary<IMethodSymbol, Effects>(SymbolEqualityComparer.Default);
        private int _guessesUsed;

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
        }

        /// <summary>What calling <paramref name="method"/> may do.</summary>
        public Effects Of(IMethodSymbol method)
        {
            method = method.OriginalDefinition;
            string type = method.ContainingType?.ToDisplayString() ?? string.Empty;
            if (s_pureTypes.Contains(type) || (method.MethodKind == MethodKind.Constructor && type == "object"))
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

            if (_assumed.TryGetValue(method, out Effects assumed))
            {
                // A recursive cycle: what the method is assumed to do while it is read.
                _guessesUsed++;
                return assumed;
            }

            IMethodSymbol withBody = method.PartialImplementationPart ?? method;
            SyntaxNode? declaration = withBody.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).FirstOrDefault(s => _compilation.ContainsSyntaxTree(s.SyntaxTree));
            bool readable = declaration is not null && !method.IsAbstract && !method.IsVirtual && !method.IsOverride && !method.IsExtern
                && method.ContainingType?.TypeKind != TypeKind.Interface;
            if (!readable)
            {
                return _known[method] = Effects.Anything;
            }

            // A method that returns a reference (to a field, say) lets its callers write through it.
            if (method.ReturnsByRef)
            {
                return _known[method] = Effects.Anything;
            }

            // A method being read is assumed to do nothing, then what a read found, until a read finds nothing more (the
            // effects only grow, so this ends). A result that used the assumption of another method still being read
            // is not kept: it may grow when that one's does.
            IOperation? body = _compilation.GetSemanticModel(declaration!.SyntaxTree).GetOperation(declaration);
            if (body is null)
            {
                return _known[method] = Effects.Anything;
            }

            _assumed[method] = Effects.None;
            while (true)
            {
                int before = _guessesUsed;
                Effects effects = Walk(body);
                bool guessed = _guessesUsed != before;
                if (guessed && effects != _assumed[method])
                {
                    _assumed[method] = effects;
                    continue;
                }

                _assumed.Remove(method);
                if (!guessed || _assumed.Count == 0)
                {
                    _known[method] = effects;
                }

                return effects;
            }
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
            Effects effects = Effects.None;
            foreach (IOperation operation in body.Descendants())
            {
                switch (operation)
                {
                    case IAssignmentOperation assignment when IsState(assignment.Target):
                    case IIncrementOrDecrementOperation step when IsState(step.Target):
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } byReference when IsState(byReference.Value):
                    case IAddressOfOperation address when IsState(address.Reference):
                    case IVariableDeclaratorOperation { Symbol.IsRef: true }:
                        // A ref local may stand for a field, and writes through it are not seen: counted as a write.
                        effects = effects.With(new Effects(true, false, false));
                        break;
                    case IFieldReferenceOperation { Field: var field } when !field.IsConst && (!field.IsReadOnly || !field.Type.IsValueType):
                        // A readonly field of an array or object still holds contents that may change.
                        effects = effects.With(new Effects(false, true, false));
                        break;
                    case IPropertyReferenceOperation property when property.Instance is null or IInstanceReferenceOperation:
                        effects = effects.With(OfProperty(property.Property));
                        break;
                    case IPropertyReferenceOperation { Instance.Type: IArrayTypeSymbol, Property.Name: "Length" or "LongLength" or "Rank" }:
                    case IPropertyReferenceOperation { Instance: ILocalReferenceOperation or IParameterReferenceOperation, Property: { IsIndexer: true } or { Name: "Length" } } read
                        when read.Instance.Type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", ContainingNamespace.Name: "System" } or { SpecialType: SpecialType.System_String }:
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

                        // An array held in a field, given to a method that may write the array it gets, is state written.
                        if (invocation.Arguments.Any(a => IsState(Unwrapped(a.Value)) && a.Value.Type is { IsReferenceType: true })
                            && (invocation.TargetMethod.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty || ParameterWrites.First(invocation.TargetMethod.OriginalDefinition, _compilation) is not null))
                        {
                            effects = effects.With(new Effects(true, false, false));
                        }

                        break;
                    case IObjectCreationOperation { Constructor: { } constructor }:
                        effects = effects.With(Of(constructor));
                        break;
                    case IDynamicInvocationOperation or IDynamicMemberReferenceOperation or IFunctionPointerInvocationOperation:
                        effects = effects.With(Effects.Anything);
                        break;
                }
            }

            return effects;
        }

        private static IOperation Unwrapped(IOperation value) => value is IConversionOperation conversion ? Unwrapped(conversion.Operand) : value;

        /// <summary>
        /// A field, a property (an indexer of a span too), an element of an array that may be held in one (any but a
        /// parameter's, which the caller sees as a written argument, or a local array the method creates), or a tuple
        /// of those: state outside the method.
        /// </summary>
        private static bool IsState(IOperation target) => target switch
        {
            IFieldReferenceOperation or IPropertyReferenceOperation => true,
            IArrayElementReferenceOperation { ArrayReference: IParameterReferenceOperation } => false,
            IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation local } => !IsCreatedHere(local),
            IArrayElementReferenceOperation => true,
            IConversionOperation conversion => IsState(conversion.Operand),
            ITupleOperation tuple => tuple.Elements.Any(IsState),
            IDeclarationExpressionOperation => false,
            _ => false,
        };

        /// <summary>Whether a local array is only ever assigned arrays the method creates.</summary>
        private static bool IsCreatedHere(ILocalReferenceOperation local)
        {
            IOperation root = local;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            bool assigned = false;
            foreach (IOperation operation in root.Descendants())
            {
                IOperation? value = operation switch
                {
                    IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local) => declarator.GetVariableInitializer()?.Value,
                    ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local.Local) => assignment.Value,
                    _ => null,
                };
                if (value is null)
                {
                    continue;
                }

                assigned = true;
                while (value is IConversionOperation conversion)
                {
                    value = conversion.Operand;
                }

                if (value is not IArrayCreationOperation)
                {
                    return false;
                }
            }

            return assigned;
        }
    }
}
