using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Backprop.Generators.Diagnostics;
using Backprop.Generators.Ir;
using Backprop.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Backprop.Generators.Parsing
{
    /// <summary>
    /// Turns a C# method into IR, or into located diagnostics. This is the only code that touches Roslyn's symbols,
    /// syntax and operations; it accepts a whitelist of constructs and reports everything else.
    /// </summary>
    internal sealed class MethodParser
    {
        private static readonly Dictionary<string, MathFunction> s_mathFunctions = Enum.GetValues(typeof(MathFunction))
            .Cast<MathFunction>()
            .ToDictionary(f => f.ToString(), f => f);

        private readonly SemanticModel _semanticModel;
        private readonly IMethodSymbol _method;
        private readonly CancellationToken _cancellationToken;
        private readonly List<DiagnosticInfo> _diagnostics = new List<DiagnosticInfo>();
        private readonly Dictionary<ISymbol, Variable> _variables = new Dictionary<ISymbol, Variable>(SymbolEqualityComparer.Default);
        private readonly HashSet<string> _names = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<Variable> _locals = new List<Variable>();
        private readonly Dictionary<string, Variable> _counters = new Dictionary<string, Variable>(StringComparer.Ordinal);
        private int _nesting;

        // Set when the method has a compiler error: the compiler reports it, so the parser adds nothing of its own
        // (an error the user is still typing should not come with a second, confusing one) and generates nothing.
        private bool _hasCompilerErrors;

        // How deep ParseExpression is; deeper than MaxExpressionDepth is refused (once, with BP0005).
        private const int MaxExpressionDepth = 128;
        private const int MaxSyntaxDepth = 1000;
        private int _expressionDepth;
        private bool _reportedDepth;

        // Which [Differentiable] callees in this compilation get a pullback, shared by the parsers of one method and
        // of the callees it checks; a callee still being checked (recursion) counts as differentiable.
        private readonly Dictionary<IMethodSymbol, bool> _calleeVerdicts;

        // The lowered IR of the callees checked so far, which the reverse-mode transform may inline (Inlining).
        private readonly Dictionary<IMethodSymbol, Function> _calleeBodies;

        // What opaque helpers and property getters may do, read from their bodies.
        private readonly MethodEffects _effects;

        private MethodParser(SemanticModel semanticModel, IMethodSymbol method, CancellationToken cancellationToken, Dictionary<IMethodSymbol, bool> calleeVerdicts, Dictionary<IMethodSymbol, Function> calleeBodies)
        {
            _semanticModel = semanticModel;
            _method = method;
            _cancellationToken = cancellationToken;
            _calleeVerdicts = calleeVerdicts;
            _calleeBodies = calleeBodies;
            _effects = new MethodEffects(semanticModel.Compilation);
        }

        /// <summary>Parses <paramref name="syntax"/>, a method marked <c>[Differentiable]</c>.</summary>
        public static ParseResult Parse(MethodDeclarationSyntax syntax, IMethodSymbol method, SemanticModel semanticModel, CancellationToken cancellationToken)
            => Parse(syntax, method, semanticModel, cancellationToken, new Dictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default), new Dictionary<IMethodSymbol, Function>(SymbolEqualityComparer.Default));

        private static ParseResult Parse(MethodDeclarationSyntax syntax, IMethodSymbol method, SemanticModel semanticModel, CancellationToken cancellationToken, Dictionary<IMethodSymbol, bool> calleeVerdicts, Dictionary<IMethodSymbol, Function> calleeBodies)
        {
            calleeVerdicts[method] = true;
            var parser = new MethodParser(semanticModel, method, cancellationToken, calleeVerdicts, calleeBodies);
            Function? function = parser.ParseMethod(syntax);
            if (function is not null)
            {
                function = Differentiation.Lowering.Lower(function, parser._diagnostics);
            }

            if (function is not null && !parser._diagnostics.Any(IsError))
            {
                Differentiation.Validation.Validate(function, parser._diagnostics);
            }

            bool failed = parser._hasCompilerErrors || parser._diagnostics.Any(IsError);
            return new ParseResult(failed ? null : function, parser._diagnostics.ToEquatableArray());
        }

        private static bool IsError(DiagnosticInfo diagnostic) => DiagnosticDescriptors.ById(diagnostic.Id).DefaultSeverity == DiagnosticSeverity.Error;

        private Function? ParseMethod(MethodDeclarationSyntax syntax)
        {
            LocationInfo? nameLocation = LocationInfo.From(syntax.Identifier.GetLocation());

            // Every containing type must be partial, or the generated part cannot join it.
            for (SyntaxNode? parent = syntax.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is TypeDeclarationSyntax type && !type.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    Report(DiagnosticDescriptors.TypeNotPartial, LocationInfo.From(type.Identifier.GetLocation()), type.Identifier.Text, _method.Name);
                }
            }

            if (!_method.IsStatic && _method.ContainingType.TypeKind == TypeKind.Interface)
            {
                Report(DiagnosticDescriptors.UnsupportedMethod, nameLocation, _method.Name, "interface members cannot be differentiated");
            }

            if (_method.MethodKind == MethodKind.ExplicitInterfaceImplementation)
            {
                Report(DiagnosticDescriptors.UnsupportedMethod, nameLocation, _method.Name, "explicit interface implementations are not supported; implement the member with a call of a [Differentiable] method");
            }

            if (_method.IsGenericMethod)
            {
                Report(DiagnosticDescriptors.UnsupportedMethod, nameLocation, _method.Name, "generic methods are not supported");
            }

            if (_method.IsAsync || _method.ReturnsByRef || _method.ReturnsByRefReadonly)
            {
                Report(DiagnosticDescriptors.UnsupportedMethod, nameLocation, _method.Name, "async and ref-returning methods are not supported");
            }

            if (_method.ReturnType is IErrorTypeSymbol || _method.Parameters.Any(p => p.Type is IErrorTypeSymbol))
            {
                _hasCompilerErrors = true;
                return null;
            }

            IrType? returnType = null;
            if (!_method.ReturnsVoid && !_method.IsAsync)
            {
                returnType = TypeMapper.Map(_method.ReturnType);
                if (returnType is null || !returnType.IsFloatingPoint || returnType.IsSequence)
                {
                    Report(DiagnosticDescriptors.UnsupportedMethod, LocationInfo.From(syntax.ReturnType), _method.Name, $"it returns '{_method.ReturnType.ToDisplayString()}', but a [Differentiable] method returns double, float or void");
                    returnType = null;
                }
            }

            foreach (IParameterSymbol parameter in _method.Parameters)
            {
                _names.Add(Identifiers.Escape(parameter.Name));
            }

            var parameters = new List<Variable>();
            foreach (IParameterSymbol parameter in _method.Parameters)
            {
                Variable? variable = ParseParameter(parameter);
                if (variable is not null)
                {
                    parameters.Add(variable);
                    _variables[parameter] = variable;
                }
            }

            if (!_diagnostics.Any(IsError))
            {
                ReportTakenNames(nameLocation);
            }

            if (_diagnostics.Any(IsError))
            {
                return null;
            }

            // Roslyn builds operation trees recursively: a machine-written body nested thousands of levels deep would
            // overflow the stack (which kills the compiler) before any check of ours could run.
            if (TooDeep(syntax) is SyntaxNode deep)
            {
                string advice = $"it nests more than {MaxSyntaxDepth} levels of blocks, branches, loops and operators; split it into smaller statements or methods";
                if (deep is ExpressionSyntax)
                {
                    ReportExpression(deep, advice);
                }
                else
                {
                    ReportStatement(deep, $"The statement '{Quote(deep)}'", advice);
                }

                return null;
            }

            if (_semanticModel.GetOperation(syntax, _cancellationToken) is not IMethodBodyOperation body)
            {
                Report(DiagnosticDescriptors.UnsupportedMethod, nameLocation, _method.Name, "it has no body");
                return null;
            }

            ReportOverflowContexts(syntax);

            if (body.Descendants().Any(o => o is IInvalidOperation || o.Type is IErrorTypeSymbol))
            {
                _hasCompilerErrors = true;
                return null;
            }

            var statements = new List<Stmt>();
            if (body.BlockBody is not null)
            {
                ParseBlockInto(body.BlockBody, statements);
            }
            else if (body.ExpressionBody is not null)
            {
                ParseBlockInto(body.ExpressionBody, statements);
            }

            if (_diagnostics.Any(IsError))
            {
                return null;
            }

            HierarchyInfo hierarchy = BuildHierarchy(_method.ContainingType);
            return new Function(
                _method.Name,
                AccessibilityText(_method.DeclaredAccessibility),
                hierarchy,
                returnType,
                parameters.ToEquatableArray(),
                _locals.ToEquatableArray(),
                new Block(statements.ToEquatableArray()),
                nameLocation)
            {
                IsStatic = _method.IsStatic,
                StackAllocZeroed = !SkipsLocalsInit(_method),
                CheckedArithmetic = _semanticModel.Compilation.Options.CheckOverflow,
                OverloadId = HasNamesakes(_method) ? _method.GetDocumentationCommentId() : null,
                HintName = HintName(_method, hierarchy),
                ParameterLocations = _method.Parameters
                    .Select(p => LocationInfo.From(p.Locations.FirstOrDefault()) ?? nameLocation!)
                    .ToEquatableArray(),
            };
        }

        /// <summary>
        /// Reports every <c>checked</c> (or, in a project compiled with overflow checking, <c>unchecked</c>) expression and
        /// block: the generated code does its integer arithmetic in the project's context, so it would not throw where
        /// such code does (or would throw where it does not).
        /// </summary>
        private void ReportOverflowContexts(MethodDeclarationSyntax method)
        {
            bool projectChecks = _semanticModel.Compilation.Options.CheckOverflow;
            string advice = projectChecks
                ? "the project checks overflow (CheckForOverflowUnderflow), and the generated code does its integer arithmetic in the project's context; compute the wrapping value outside the method and pass it in"
                : "the generated code does its integer arithmetic in the project's context, unchecked, so it would not throw where this does; check the value before calling the method, or check overflow project-wide (CheckForOverflowUnderflow)";
            SyntaxKind expressionKind = projectChecks ? SyntaxKind.UncheckedExpression : SyntaxKind.CheckedExpression;
            SyntaxKind statementKind = projectChecks ? SyntaxKind.UncheckedStatement : SyntaxKind.CheckedStatement;
            // Not inside lambdas (reported as such), nor constant expressions, which the compiler evaluates itself, nor
            // floating-point ones, which checked does not change.
            foreach (SyntaxNode node in method.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax))
            {
                if (node.IsKind(expressionKind) && !_semanticModel.GetConstantValue(node, _cancellationToken).HasValue
                    && _semanticModel.GetTypeInfo(node, _cancellationToken).Type?.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single))
                {
                    ReportExpression(node, advice);
                }
                else if (node.IsKind(statementKind))
                {
                    ReportStatement(node, DescribeStatement(node), advice);
                }
            }
        }

        /// <summary>
        /// Reports what the generated <c>NameGradient</c> or <c>NamePullback</c> would clash with: a member of that name
        /// in the type or a base type that is not a method, a non-generic method with the generated one's parameters
        /// (as a custom derivative <c>[DerivativeOf(nameof(F))] FPullback</c> has), or the same generated method of
        /// another <c>[Differentiable]</c> overload. A method with other parameters is an overload and is left alone.
        /// The analyzer, which runs on the compilation with the generated members in it, recognises those by their
        /// <c>[GeneratedCode]</c>.
        /// </summary>
        private void ReportTakenNames(LocationInfo? nameLocation)
        {
            string advice = $"rename that member (if it is a custom derivative of '{_method.Name}', remove [Differentiable] instead: callers then use the derivative)";
            foreach ((string name, List<(ITypeSymbol Type, bool ByRef)> signature) in GeneratedSignatures(_method))
            {
                for (INamedTypeSymbol? type = _method.ContainingType; type is not null; type = type.BaseType)
                {
                    // A base type's private members are not inherited, so nothing is hidden.
                    foreach (ISymbol taken in type.GetMembers(name).Where(m => !IsGeneratedByUs(m)
                        && (SymbolEqualityComparer.Default.Equals(type, _method.ContainingType) || m.DeclaredAccessibility != Accessibility.Private)))
                    {
                        if (taken is not IMethodSymbol method)
                        {
                            Report(DiagnosticDescriptors.UnsupportedMethod, nameLocation, _method.Name, $"'{type.Name}' declares a member named '{name}', the name of a method the generator writes for it; {advice}");
                            return;
                        }

                        if (method.Arity == 0 && SameParameters(method.Parameters.Select(p => (p.Type, p.RefKind != RefKind.None)).ToList(), signature))
                        {
                            Report(DiagnosticDescriptors.UnsupportedMethod, nameLocation, _method.Name, $"'{type.Name}' declares '{name}' with the parameters of the method the generator writes for it; {advice}");
                            return;
                        }
                    }
                }

                foreach (IMethodSymbol other in _method.ContainingType.GetMembers(_method.Name).OfType<IMethodSymbol>()
                    .Where(m => !SymbolEqualityComparer.Default.Equals(m, _method) && TypeMapper.HasAttribute(m, TypeMapper.DifferentiableAttributeName)))
                {
                    if (GeneratedSignatures(other).Any(g => g.Name == name && SameParameters(g.Parameters, signature)))
                    {
                        Report(DiagnosticDescriptors.UnsupportedMethod, nameLocation, _method.Name, $"the overload '{other.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}' is [Differentiable] too, and the generator would write '{name}' with the same parameters for both; rename one of them");
                        return;
                    }
                }
            }
        }

        /// <summary>
        /// The methods the generator writes for <paramref name="method"/>, by name, with their parameter types and whether
        /// each is passed by reference: the original parameters, then the seed (the pullback of a method that returns a
        /// value), then a buffer per differentiable parameter (<c>ref T</c> for a scalar, <c>Span&lt;T&gt;</c> for an
        /// array or span, the array type itself for a 2-D or jagged one). The same rule as the emitter's
        /// <c>Signature</c>, read from symbols: a change to one is a change to both.
        /// </summary>
        private List<(string Name, List<(ITypeSymbol Type, bool ByRef)> Parameters)> GeneratedSignatures(IMethodSymbol method)
        {
            var originals = method.Parameters.Select(p => (p.Type, p.RefKind != RefKind.None)).ToList();
            var buffers = new List<(ITypeSymbol Type, bool ByRef)>();
            INamedTypeSymbol? span = _semanticModel.Compilation.GetTypeByMetadataName("System.Span`1");
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                if (TypeMapper.Map(parameter.Type) is not { IsFloatingPoint: true } mapped || TypeMapper.HasAttribute(parameter, TypeMapper.NoDerivativeAttributeName))
                {
                    continue;
                }

                ITypeSymbol? element = parameter.Type switch
                {
                    IArrayTypeSymbol { Rank: 1 } array when mapped.Container == ContainerKind.Array => array.ElementType,
                    INamedTypeSymbol named when mapped.Container is ContainerKind.Span or ContainerKind.ReadOnlySpan => named.TypeArguments[0],
                    _ => null,
                };
                buffers.Add(mapped.IsSequence
                    ? (element is not null && span is not null ? span.Construct(element) : parameter.Type, false)
                    : (parameter.Type, true));
            }

            var generated = new List<(string, List<(ITypeSymbol, bool)>)>();
            if (!method.ReturnsVoid)
            {
                generated.Add((method.Name + "Gradient", originals.Concat(buffers).ToList()));
                generated.Add((method.Name + "Pullback", originals.Append((method.ReturnType, false)).Concat(buffers).ToList()));
            }
            else
            {
                generated.Add((method.Name + "Pullback", originals.Concat(buffers).ToList()));
            }

            return generated;
        }

        /// <summary>
        /// Whether two parameter lists are the same to C#'s overloading: the same types, up to tuple element names and
        /// <c>dynamic</c> (which is <c>object</c>), and by reference at the same places (ref, in and out are alike).
        /// </summary>
        private bool SameParameters(List<(ITypeSymbol Type, bool ByRef)> a, List<(ITypeSymbol Type, bool ByRef)> b)
            => a.Count == b.Count && a.Zip(b, (x, y) => x.ByRef == y.ByRef && SymbolEqualityComparer.Default.Equals(Erased(x.Type), Erased(y.Type))).All(same => same);

        /// <summary>A type as overloading sees it: tuples without element names, <c>dynamic</c> as <c>object</c>, at any depth.</summary>
        private ITypeSymbol Erased(ITypeSymbol type) => type switch
        {
            IDynamicTypeSymbol => _semanticModel.Compilation.GetSpecialType(SpecialType.System_Object),
            IArrayTypeSymbol array => _semanticModel.Compilation.CreateArrayTypeSymbol(Erased(array.ElementType), array.Rank),
            INamedTypeSymbol { IsTupleType: true, TupleUnderlyingType: { } underlying } => Erased(underlying),
            INamedTypeSymbol { IsGenericType: true } named when !named.IsUnboundGenericType => named.ConstructedFrom.Construct(named.TypeArguments.Select(Erased).ToArray()),
            _ => type,
        };

        /// <summary>Whether a member is one this generator wrote (it carries <c>[GeneratedCode("Backprop.Generators", …)]</c>).</summary>
        private static bool IsGeneratedByUs(ISymbol member)
            => member.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute"
                && a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0].Value as string == ToolInfo.Name);

        /// <summary>Whether other ordinary methods of the method's type have its name, ignoring case.</summary>
        private static bool HasNamesakes(IMethodSymbol method)
            => method.ContainingType.GetMembers().OfType<IMethodSymbol>()
                .Count(m => m.MethodKind == MethodKind.Ordinary && string.Equals(m.Name, method.Name, StringComparison.OrdinalIgnoreCase)) > 1;

        /// <summary>
        /// The generated file's name (see <see cref="Function.HintName"/>). Hint names are compared ignoring case and
        /// allow only some characters, so where a name alone could repeat (an overload, or a method or type whose name
        /// differs from another's only in case) the file name adds the parameter types, cleaned, and a hash of the
        /// case-sensitive documentation ID.
        /// </summary>
        private static string HintName(IMethodSymbol method, HierarchyInfo hierarchy)
        {
            string plain = $"{hierarchy.MetadataName}.{method.Name}";
            // A type or namespace on the way up with a sibling type or namespace of the same name but for case (Model and
            // model, Outer and namespace outer; generic types of other arities differ in the file name).
            bool typeNamesakes = false;
            for (ISymbol level = method.ContainingType; level.ContainingSymbol is { } container && level is not INamespaceSymbol { IsGlobalNamespace: true }; level = container)
            {
                IEnumerable<ISymbol> siblings = container is INamespaceSymbol ns ? ns.GetMembers() : ((INamedTypeSymbol)container).GetTypeMembers();
                typeNamesakes |= siblings.Any(t => !SymbolEqualityComparer.Default.Equals(t, level)
                    && string.Equals(t.Name, level.Name, StringComparison.OrdinalIgnoreCase)
                    && !(t is INamedTypeSymbol a && level is INamedTypeSymbol b && a.Arity != b.Arity));
            }

            if (!HasNamesakes(method) && !typeNamesakes)
            {
                return plain + ".g.cs";
            }

            string parameters = string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
            var readable = new System.Text.StringBuilder();
            foreach (char c in parameters.Replace('<', '{').Replace('>', '}'))
            {
                readable.Append(char.IsLetterOrDigit(c) || "_.,()[]{} ".IndexOf(c) >= 0 ? c : '_');
            }

            // FNV-1a of the documentation ID: stable from build to build, unlike string.GetHashCode.
            uint hash = 2166136261;
            foreach (char c in method.GetDocumentationCommentId() ?? method.ToDisplayString())
            {
                hash = unchecked((hash ^ c) * 16777619);
            }

            return $"{plain}({readable}).{hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture)}.g.cs";
        }

        /// <summary>
        /// Whether <c>[SkipLocalsInit]</c> applies to members generated next to <paramref name="method"/>: on a type
        /// around it or on its module (on the method itself it does not reach the generated members).
        /// </summary>
        private static bool SkipsLocalsInit(IMethodSymbol method)
        {
            const string name = "System.Runtime.CompilerServices.SkipLocalsInitAttribute";
            bool Marked(ISymbol symbol) => symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == name);
            for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                if (Marked(type))
                {
                    return true;
                }
            }

            return Marked(method.ContainingModule);
        }

        private Variable? ParseParameter(IParameterSymbol parameter)
        {
            LocationInfo? location = LocationInfo.From(parameter.Locations.FirstOrDefault());
            string typeText = parameter.Type.ToDisplayString();
            // in and ref readonly parameters are read-only, so they differentiate like values; ref and out write back.
            string modifier = parameter.RefKind switch
            {
                RefKind.None => string.Empty,
                RefKind.In => "in ",
                RefKind.RefReadOnlyParameter => "ref readonly ",
                _ => "?",
            };
            if (modifier == "?")
            {
                Report(DiagnosticDescriptors.UnsupportedParameter, location, parameter.Name, typeText, "ref and out parameters are not supported; pass it by value (or as in) and return the result");
                return null;
            }

            bool noDerivative = TypeMapper.HasAttribute(parameter, TypeMapper.NoDerivativeAttributeName);
            IrType? type = TypeMapper.Map(parameter.Type);
            if (type is null)
            {
                if (parameter.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
                {
                    Report(DiagnosticDescriptors.UnsupportedParameter, location, parameter.Name, typeText, "pointers cannot be differentiated; pass an array or a span");
                    return null;
                }

                if (parameter.Type is IArrayTypeSymbol or ITypeParameterSymbol || IsFloatingPointName(parameter.Type))
                {
                    Report(DiagnosticDescriptors.UnsupportedParameter, location, parameter.Name, typeText, "differentiable values are double and float, in scalars, arrays (T[], T[,], T[][]), Span<T> and ReadOnlySpan<T>; int and bool (and arrays and spans of them) are indices and flags; other types, such as a string or a class, may be passed on to calls as constants; decimal and Half cannot be differentiated");
                    return null;
                }

                // Any other type is a constant that may only be handed on to calls.
                type = new IrType(ScalarKind.Opaque, ContainerKind.Scalar, TypeMapper.FullName(parameter.Type));
            }

            return new Variable(Identifiers.Escape(parameter.Name), type, VariableRole.Parameter, type.IsFloatingPoint && !noDerivative, TypeMapper.FullName(parameter.Type), modifier);
        }

        private static bool IsFloatingPointName(ITypeSymbol type)
            => type.SpecialType is SpecialType.System_Decimal || type.ToDisplayString().Contains("Half");

        private void ParseBlockInto(IOperation operation, List<Stmt> output)
        {
            if (operation is IBlockOperation block)
            {
                foreach (IOperation statement in block.Operations)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    ParseStatement(statement, output);
                }
            }
            else
            {
                ParseStatement(operation, output);
            }
        }

        private Block ParseNestedBlock(IOperation? operation)
        {
            var statements = new List<Stmt>();
            if (operation is not null)
            {
                _nesting++;
                ParseBlockInto(operation, statements);
                _nesting--;
            }

            return new Block(statements.ToEquatableArray());
        }

        private void ParseStatement(IOperation operation, List<Stmt> output)
        {
            // A host with a small stack gets an exception here (reported as BP9999), never a stack overflow.
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            switch (operation)
            {
                case IBlockOperation block:
                    ParseBlockInto(block, output);
                    break;

                case IEmptyOperation:
                    break;

                case IVariableDeclarationGroupOperation group:
                    foreach (IVariableDeclarationOperation declaration in group.Declarations)
                    {
                        foreach (IVariableDeclaratorOperation declarator in declaration.Declarators)
                        {
                            ParseDeclarator(declarator, output);
                        }
                    }

                    break;

                case IExpressionStatementOperation expressionStatement:
                    ParseExpressionStatement(expressionStatement, output);
                    break;

                case IConditionalOperation conditional:
                    {
                        Expr? condition = ParseExpression(conditional.Condition);
                        Block then = ParseNestedBlock(conditional.WhenTrue);
                        Block otherwise = ParseNestedBlock(conditional.WhenFalse);
                        if (condition is not null)
                        {
                            string header = conditional.Syntax is IfStatementSyntax ifSyntax ? $"if ({Text(ifSyntax.Condition)})" : Text(conditional.Syntax);
                            output.Add(new If(condition, then, otherwise, header, Where(conditional.Syntax)));
                        }

                        break;
                    }

                case IForLoopOperation loop:
                    ParseFor(loop, output);
                    break;

                case IWhileLoopOperation { ConditionIsUntil: false, Condition: not null } whileLoop:
                    {
                        Expr? condition = ParseExpression(whileLoop.Condition);
                        Block body = ParseNestedBlock(whileLoop.Body);
                        if (condition is not null)
                        {
                            bool isDo = !whileLoop.ConditionIsTop;
                            string header = isDo ? $"do ... while ({Text(whileLoop.Condition.Syntax)})" : $"while ({Text(whileLoop.Condition.Syntax)})";
                            output.Add(new While(condition, body, isDo, header, Where(whileLoop.Syntax)));
                        }

                        break;
                    }

                case IBranchOperation { BranchKind: BranchKind.Break } breakStatement when breakStatement.Syntax is BreakStatementSyntax:
                    output.Add(new Break("break;", Where(breakStatement.Syntax)));
                    break;

                case IBranchOperation { BranchKind: BranchKind.Continue } continueStatement:
                    output.Add(new Continue("continue;", Where(continueStatement.Syntax)));
                    break;

                case ISwitchOperation switchOperation:
                    ParseSwitch(switchOperation, output);
                    break;

                case IReturnOperation { ReturnedValue: null } voidReturn:
                    // A bare return in a void helper: allowed only as its last statement, which lowering checks.
                    output.Add(new Return(Literal.Of(0, ScalarKind.Double), "return;", Where(voidReturn.Syntax)));
                    break;

                case IReturnOperation returnOperation:
                    {
                        Expr? value = ParseExpression(returnOperation.ReturnedValue!);
                        if (value is not null)
                        {
                            string source = returnOperation.Syntax is ReturnStatementSyntax ? Text(returnOperation.Syntax) : $"return {Text(returnOperation.Syntax)};";
                            output.Add(new Return(value, source, Where(returnOperation.Syntax)));
                        }

                        break;
                    }

                default:
                    ReportStatement(operation.Syntax, DescribeStatement(operation.Syntax), "rewrite it with locals, assignments, calls, if/else, switch statements, for, while and do loops, break, continue and return");
                    break;
            }
        }

        private void ParseDeclarator(IVariableDeclaratorOperation declarator, List<Stmt> output)
        {
            ILocalSymbol local = declarator.Symbol;
            IOperation? initializer = declarator.GetVariableInitializer()?.Value;
            IrType? type = TypeMapper.Map(local.Type);
            string source = Text(declarator.Syntax.Parent?.Parent ?? declarator.Syntax);
            if (declarator.Syntax.Parent is VariableDeclarationSyntax { Variables.Count: > 1 })
            {
                source = $"{local.Type.ToDisplayString()} {Text(declarator.Syntax)};";
            }

            LocationInfo? location = Where(declarator.Syntax);
            if (Unwrap(initializer) is IDelegateCreationOperation or IAnonymousFunctionOperation)
            {
                ReportExpression(initializer!.Syntax, "lambdas, anonymous methods and delegates cannot be differentiated; write the computation inline or as a [Differentiable] static method");
                return;
            }

            if (type is null)
            {
                ReportStatement(declarator.Syntax, $"A local of type '{local.Type.ToDisplayString()}'", "locals may be double, float, int or bool, or arrays and spans of double, float or int");
                return;
            }

            if (type.IsSequence)
            {
                ParseArrayDeclarator(local, type, declarator, initializer, source, location, output);
                return;
            }

            if (local.IsConst)
            {
                // Every read of a constant is its value (see ParseExpression); a declaration would go unread.
                return;
            }

            Variable variable = DeclareLocal(local, type, VariableRole.Local);
            Expr? value = null;
            if (initializer is not null)
            {
                value = ParseExpression(initializer);
                if (value is null)
                {
                    return;
                }
            }

            output.Add(new Declare(variable.Name, value, source, location));
        }

        private void ParseArrayDeclarator(ILocalSymbol local, IrType type, IVariableDeclaratorOperation declarator, IOperation? initializer, string source, LocationInfo? location, List<Stmt> output)
        {
            if (_nesting > 0)
            {
                ReportStatement(declarator.Syntax, "A local array declared inside a loop or branch", "declare it at the top level of the method body and reuse it");
                return;
            }

            ExpressionSyntax? valueSyntax = (declarator.Syntax as VariableDeclaratorSyntax)?.Initializer?.Value;
            ExpressionSyntax? lengthSyntax = null;
            if (type.Container == ContainerKind.Array2D && Unwrap(initializer) is IArrayCreationOperation { DimensionSizes.Length: 2, Initializer: null } rectangular)
            {
                Expr? rows = ParseExpression(rectangular.DimensionSizes[0]);
                Expr? columns = ParseExpression(rectangular.DimensionSizes[1]);
                if (rows is not null && columns is not null)
                {
                    Variable rectangularVariable = DeclareLocal(local, type, VariableRole.Local);
                    output.Add(new DeclareArray(rectangularVariable.Name, rows, source, location, columns));
                }

                return;
            }

            if (type.Container == ContainerKind.Jagged)
            {
                ReportStatement(declarator.Syntax, "A local jagged array", "jagged arrays can be parameters; for a local table use a rectangular array 'new double[n, m]'");
                return;
            }

            if (type.Container == ContainerKind.Array && Unwrap(initializer) is IArrayCreationOperation { DimensionSizes.Length: 1, Initializer: null } creation)
            {
                lengthSyntax = creation.DimensionSizes[0].Syntax as ExpressionSyntax;
            }
            else if (type.Container == ContainerKind.Span && valueSyntax is StackAllocArrayCreationExpressionSyntax { Initializer: null } stackAlloc
                && stackAlloc.Type is ArrayTypeSyntax { RankSpecifiers.Count: 1 } arrayType && arrayType.RankSpecifiers[0].Sizes.Count == 1)
            {
                lengthSyntax = arrayType.RankSpecifiers[0].Sizes[0];
            }

            if (lengthSyntax is null || _semanticModel.GetOperation(lengthSyntax, _cancellationToken) is not IOperation lengthOperation)
            {
                ReportStatement(declarator.Syntax, "This local array", "create local arrays with 'new double[n]' or 'stackalloc double[n]'; other arrays cannot be aliased");
                return;
            }

            Expr? length = ParseExpression(lengthOperation);
            if (length is null)
            {
                return;
            }

            Variable variable = DeclareLocal(local, type, VariableRole.Local);
            output.Add(new DeclareArray(variable.Name, length, source, location));
        }

        private void ParseExpressionStatement(IExpressionStatementOperation statement, List<Stmt> output)
        {
            string source = Text(statement.Syntax);
            LocationInfo? location = Where(statement.Syntax);
            switch (statement.Operation)
            {
                case ISimpleAssignmentOperation assignment:
                    {
                        Expr? target = ParseTarget(assignment.Target);
                        Expr? value = target is null ? null : ParseExpression(assignment.Value);
                        if (target is not null && value is not null)
                        {
                            output.Add(new Assign(target, value, source, location));
                        }

                        break;
                    }

                case ICompoundAssignmentOperation compound:
                    {
                        BinaryOp? op = compound.OperatorKind switch
                        {
                            BinaryOperatorKind.Add => BinaryOp.Add,
                            BinaryOperatorKind.Subtract => BinaryOp.Subtract,
                            BinaryOperatorKind.Multiply => BinaryOp.Multiply,
                            BinaryOperatorKind.Divide => BinaryOp.Divide,
                            BinaryOperatorKind.Remainder => BinaryOp.Remainder,
                            _ => null,
                        };
                        if (op is null || compound.OperatorMethod is not null)
                        {
                            ReportStatement(statement.Syntax, $"The compound assignment '{source}'", "use +=, -=, *=, /= or %= on numbers");
                            break;
                        }

                        Expr? target = ParseTarget(compound.Target);
                        Expr? value = target is null ? null : ParseExpression(compound.Value);
                        if (target is not null && value is not null)
                        {
                            output.Add(new Assign(target, Cast(Arithmetic(op.Value, target, value), target.Type), source, location));
                        }

                        break;
                    }

                case IIncrementOrDecrementOperation increment:
                    {
                        Expr? target = ParseTarget(increment.Target);
                        if (target is not null)
                        {
                            BinaryOp op = increment.Kind == OperationKind.Increment ? BinaryOp.Add : BinaryOp.Subtract;
                            output.Add(new Assign(target, new Binary(op, target, Literal.Of(1, target.Type.Scalar), target.Type), source, location));
                        }

                        break;
                    }

                case IInvocationOperation invocation:
                    {
                        Expr? call = ParseInvocation(invocation, allowVoid: true);
                        if (call is not null)
                        {
                            output.Add(new CallStatement(call, source, location));
                        }

                        break;
                    }

                default:
                    ReportStatement(statement.Syntax, $"The statement '{source}'", "only assignments and calls can stand alone as statements");
                    break;
            }
        }

        /// <summary>
        /// A switch becomes an if/else chain on a local copy of its value: <c>case 1: case 2: A; break; default: B;</c>
        /// is <c>if (v == 1 || v == 2) { A } else { B }</c>. Each section must end by leaving the switch.
        /// </summary>
        private void ParseSwitch(ISwitchOperation switchOperation, List<Stmt> output)
        {
            var syntax = (SwitchStatementSyntax)switchOperation.Syntax;
            Expr? value = ParseExpression(switchOperation.Value);
            if (value is null)
            {
                return;
            }

            if (value.Type.IsSequence || value.Type.Scalar == ScalarKind.Opaque)
            {
                ReportExpression(switchOperation.Value.Syntax, $"switch on an int, double, float or bool, not a '{switchOperation.Value.Type?.ToDisplayString() ?? "value"}'");
                return;
            }

            // Evaluate the switch value once, as C# does.
            string name = symbolFreeName("switchValue");
            var variable = new Variable(name, value.Type, VariableRole.Local);
            _locals.Add(variable);
            output.Add(new Declare(name, value, $"switch ({Text(syntax.Expression)})", Where(syntax.Expression)));
            var subject = new VarRef(name, value.Type);

            var sections = new List<(Expr? Condition, Block Body)>();
            Block? defaultBody = null;
            foreach (ISwitchCaseOperation section in switchOperation.Cases)
            {
                Expr? condition = null;
                bool isDefault = false;
                foreach (ICaseClauseOperation clause in section.Clauses)
                {
                    if (clause is IDefaultCaseClauseOperation)
                    {
                        isDefault = true;
                        continue;
                    }

                    // A constant label is a single value on an int or bool, and a constant pattern on a double or float.
                    IOperation? labelValue = clause switch
                    {
                        ISingleValueCaseClauseOperation single => single.Value,
                        IPatternCaseClauseOperation { Guard: null, Pattern: IConstantPatternOperation constant } => constant.Value,
                        _ => null,
                    };
                    if (labelValue is null || ParseExpression(labelValue) is not Expr label)
                    {
                        ReportStatement(clause.Syntax, "This case label", "use constant case labels (case 1:), not patterns or guards");
                        return;
                    }

                    if (label is Literal { Value: double.NaN })
                    {
                        // The pattern matches NaN, which == never does.
                        ReportStatement(clause.Syntax, "A NaN case label", "test double.IsNaN in an if instead");
                        return;
                    }

                    Expr test = new Binary(BinaryOp.Equal, subject, label, IrType.Bool);
                    condition = condition is null ? test : new Binary(BinaryOp.Or, condition, test, IrType.Bool);
                }

                // The section's statements, without the break that ends it.
                var body = new List<IOperation>(section.Body);
                if (body.Count > 0 && body[body.Count - 1] is IBranchOperation { BranchKind: BranchKind.Break })
                {
                    body.RemoveAt(body.Count - 1);
                }

                if (body.Any(ContainsSwitchBreak))
                {
                    ReportStatement(section.Syntax, "A 'break' before the end of a switch section", "end each section with its only break, or use if/else");
                    return;
                }

                var statements = new List<Stmt>();
                _nesting++;
                foreach (IOperation statement in body)
                {
                    ParseStatement(statement, statements);
                }

                _nesting--;
                var block = new Block(statements.ToEquatableArray());
                if (isDefault && condition is null)
                {
                    defaultBody = block;
                }
                else
                {
                    sections.Add((condition, block));
                    if (isDefault)
                    {
                        defaultBody = block;
                    }
                }
            }

            Block chain = defaultBody ?? Block.Empty;
            for (int i = sections.Count - 1; i >= 0; i--)
            {
                var link = new If(sections[i].Condition!, sections[i].Body, chain, $"case of switch ({Text(syntax.Expression)})", Where(syntax));
                chain = new Block(new Stmt[] { link }.ToEquatableArray());
            }

            output.AddRange(chain.Statements);

            string symbolFreeName(string baseName)
            {
                string candidate = baseName;
                for (int suffix = 2; !_names.Add(candidate); suffix++)
                {
                    candidate = baseName + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return candidate;
            }
        }

        /// <summary>Whether an operation contains a break that leaves the enclosing switch (not one of a nested loop).</summary>
        private static bool ContainsSwitchBreak(IOperation operation) => operation switch
        {
            IBranchOperation { BranchKind: BranchKind.Break } => true,
            ILoopOperation or ISwitchOperation => false,
            _ => operation.ChildOperations.Any(ContainsSwitchBreak),
        };

        private void ParseFor(IForLoopOperation loop, List<Stmt> output)
        {
            var syntax = (ForStatementSyntax)loop.Syntax;
            string header = $"for ({Text(syntax.Declaration)}; {Text(syntax.Condition)}; {string.Join(", ", syntax.Incrementors.Select(Text))})";
            LocationInfo? location = LocationInfo.From(Microsoft.CodeAnalysis.Location.Create(syntax.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(syntax.ForKeyword.SpanStart, syntax.CloseParenToken.Span.End)));
            const string Shape = "write it as 'for (int i = start; i < end; i++)', with <, <=, > or >= and ++ or --";

            if (loop.Before.Length != 1 || loop.Before[0] is not IVariableDeclarationGroupOperation group
                || group.Declarations.Length != 1 || group.Declarations[0].Declarators.Length != 1)
            {
                Report(DiagnosticDescriptors.UnsupportedLoop, location, "it must declare exactly one int counter; " + Shape);
                return;
            }

            IVariableDeclaratorOperation counterDeclarator = group.Declarations[0].Declarators[0];
            ILocalSymbol counterSymbol = counterDeclarator.Symbol;
            IOperation? startOperation = counterDeclarator.GetVariableInitializer()?.Value;
            if (counterSymbol.Type.SpecialType != SpecialType.System_Int32 || startOperation is null)
            {
                Report(DiagnosticDescriptors.UnsupportedLoop, location, "its counter must be an initialized int; " + Shape);
                return;
            }

            if (loop.Condition is not IBinaryOperation comparison || !TryComparison(comparison, counterSymbol, out BinaryOp comparisonOp, out IOperation? endOperation))
            {
                Report(DiagnosticDescriptors.UnsupportedLoop, location, "its condition must compare the counter with a bound; " + Shape);
                return;
            }

            if (comparison.LeftOperand.Type?.SpecialType != SpecialType.System_Int32 || comparison.RightOperand.Type?.SpecialType != SpecialType.System_Int32)
            {
                // i < n / 2.0 or i < aLong compares after converting the counter: the last value is not bound - 1.
                Report(DiagnosticDescriptors.UnsupportedLoop, location, "its bound must be an int; compute it into an int local first (int end = (int)Math.Ceiling(n / 2.0);)");
                return;
            }

            int step = loop.AtLoopBottom.Length == 1 ? StepOf(loop.AtLoopBottom[0], counterSymbol) : 0;
            bool ascending = comparisonOp is BinaryOp.Less or BinaryOp.LessOrEqual;
            if (step == 0 || (step > 0) != ascending)
            {
                Report(DiagnosticDescriptors.UnsupportedLoop, location, "its counter must move by one towards the bound; " + Shape);
                return;
            }

            Expr? start = ParseExpression(startOperation);
            Expr? end = ParseExpression(endOperation!);
            Variable counter = DeclareLocal(counterSymbol, IrType.Int, VariableRole.LoopCounter);
            Block body = ParseNestedBlock(loop.Body);
            if (start is not null && end is not null)
            {
                output.Add(new For(counter.Name, start, comparisonOp, end, step, body, header, location));
            }
        }

        private static bool TryComparison(IBinaryOperation comparison, ILocalSymbol counter, out BinaryOp op, out IOperation? bound)
        {
            bool counterLeft = Unwrap(comparison.LeftOperand) is ILocalReferenceOperation left && SymbolEqualityComparer.Default.Equals(left.Local, counter);
            bool counterRight = Unwrap(comparison.RightOperand) is ILocalReferenceOperation right && SymbolEqualityComparer.Default.Equals(right.Local, counter);
            bound = counterLeft ? comparison.RightOperand : comparison.LeftOperand;
            op = BinaryOp.Less;
            if (counterLeft == counterRight)
            {
                return false;
            }

            BinaryOp? mapped = comparison.OperatorKind switch
            {
                BinaryOperatorKind.LessThan => counterLeft ? BinaryOp.Less : BinaryOp.Greater,
                BinaryOperatorKind.LessThanOrEqual => counterLeft ? BinaryOp.LessOrEqual : BinaryOp.GreaterOrEqual,
                BinaryOperatorKind.GreaterThan => counterLeft ? BinaryOp.Greater : BinaryOp.Less,
                BinaryOperatorKind.GreaterThanOrEqual => counterLeft ? BinaryOp.GreaterOrEqual : BinaryOp.LessOrEqual,
                _ => null,
            };
            op = mapped ?? BinaryOp.Less;
            return mapped is not null;
        }

        private static int StepOf(IOperation operation, ILocalSymbol counter)
        {
            IOperation inner = operation is IExpressionStatementOperation statement ? statement.Operation : operation;
            switch (inner)
            {
                case IIncrementOrDecrementOperation increment when increment.Target is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, counter):
                    return increment.Kind == OperationKind.Increment ? 1 : -1;
                case ICompoundAssignmentOperation compound when compound.Target is ILocalReferenceOperation local
                    && SymbolEqualityComparer.Default.Equals(local.Local, counter)
                    && compound.Value.ConstantValue is { HasValue: true, Value: int one } && one == 1:
                    return compound.OperatorKind == BinaryOperatorKind.Add ? 1 : compound.OperatorKind == BinaryOperatorKind.Subtract ? -1 : 0;
                default:
                    return 0;
            }
        }

        private Expr? ParseTarget(IOperation target)
        {
            switch (target)
            {
                case ILocalReferenceOperation or IParameterReferenceOperation:
                    {
                        Expr? variable = ParseExpression(target);
                        if (variable is not null && variable.Type.IsSequence)
                        {
                            ReportExpression(target.Syntax, "an array or span variable cannot be reassigned; write its elements instead");
                            return null;
                        }

                        return variable;
                    }

                case IArrayElementReferenceOperation { ArrayReference: var array } when OutsideState(array) is string outside:
                    Report(DiagnosticDescriptors.WriteOutsideMethod, Where(target.Syntax), _method.Name, outside);
                    return null;

                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when IsSpan(indexer.Property.ContainingType) && OutsideState(indexer.Instance) is string outside:
                    Report(DiagnosticDescriptors.WriteOutsideMethod, Where(target.Syntax), _method.Name, outside);
                    return null;

                case IArrayElementReferenceOperation:
                case IPropertyReferenceOperation { Property.IsIndexer: true } spanElement when IsSpan(spanElement.Property.ContainingType):
                    {
                        Expr? element = ParseExpression(target);
                        if (element is { Type.IsSequence: true })
                        {
                            ReportExpression(target.Syntax, "a row of a jagged array cannot be replaced; write its elements instead");
                            return null;
                        }

                        return element;
                    }

                case IFieldReferenceOperation field:
                    Report(DiagnosticDescriptors.WriteOutsideMethod, Where(target.Syntax), _method.Name, field.Field.Name);
                    return null;

                case IPropertyReferenceOperation property:
                    // A property setter runs code outside the method, and what it stores outlives the call.
                    Report(DiagnosticDescriptors.WriteOutsideMethod, Where(target.Syntax), _method.Name, property.Property.Name);
                    return null;

                default:
                    ReportExpression(target.Syntax, "only locals, parameters and array or span elements can be assigned");
                    return null;
            }
        }

        /// <summary>The name of the field or property an array expression reads, when it is state outside the method.</summary>
        private static string? OutsideState(IOperation? array) => Unwrap(array) switch
        {
            IFieldReferenceOperation field => field.Field.Name,
            IPropertyReferenceOperation property => property.Property.Name,
            _ => null,
        };

        private Expr? ParseExpression(IOperation operation)
        {
            // Every later pass walks expressions recursively, so a machine-written expression thousands of operations
            // deep would overflow the stack and kill the compiler: refuse it here, with advice.
            if (_expressionDepth >= MaxExpressionDepth)
            {
                if (!_reportedDepth)
                {
                    _reportedDepth = true;
                    ReportExpression(operation.Syntax, $"it nests more than {MaxExpressionDepth} operations deep; split it into several statements with locals");
                }

                return null;
            }

            _expressionDepth++;
            try
            {
                return ParseExpressionCore(operation);
            }
            finally
            {
                _expressionDepth--;
            }
        }

        private Expr? ParseExpressionCore(IOperation operation)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            if (operation.ConstantValue.HasValue && TypeMapper.Map(operation.Type) is { IsSequence: false } constantType && constantType.Scalar != ScalarKind.Opaque)
            {
                object? value = operation.ConstantValue.Value;
                double number = value is bool flag ? (flag ? 1 : 0) : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                return new Literal(number, constantType);
            }

            switch (operation)
            {
                case ILocalReferenceOperation local when _variables.TryGetValue(local.Local, out Variable? localVariable):
                    return new VarRef(localVariable.Name, localVariable.Type);

                case IParameterReferenceOperation parameter when _variables.TryGetValue(parameter.Parameter, out Variable? parameterVariable):
                    return new VarRef(parameterVariable.Name, parameterVariable.Type);

                case ILocalReferenceOperation when _diagnostics.Any(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity == DiagnosticSeverity.Error):
                    // A local the parser never declared: the statement or pattern that declares it was rejected and
                    // reported, so an error at each of its uses would only repeat that one.
                    return null;

                case IArrayElementReferenceOperation { Indices.Length: 2 } rectangularElement:
                    return ParseElement2D(rectangularElement);

                case IPropertyReferenceOperation { Property.Name: "Length", Instance: IArrayElementReferenceOperation { Indices.Length: 1 } jaggedRow }
                    when ParseExpression(jaggedRow) is ElementRef { Index2: null, Type.Container: ContainerKind.Array } row:
                    return new LengthOf(row.Array, Row: row.Index);

                case IArrayElementReferenceOperation { Indices.Length: 1 } element:
                    return ParseElement(element.ArrayReference, element.Indices[0]);

                case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when IsSpan(indexer.Property.ContainingType):
                    return ParseElement(indexer.Instance!, indexer.Arguments[0].Value);

                case IPropertyReferenceOperation { Property.Name: "Length", Instance: not null } length
                    when ParseExpression(length.Instance) is VarRef { Type.IsSequence: true } sequence:
                    return new LengthOf(sequence.Name);

                case IFieldReferenceOperation { Field.IsStatic: true } field when TypeMapper.Map(field.Type) is { IsSequence: false } fieldType:
                    return Read($"{TypeMapper.FullName(field.Field.ContainingType)}.{Identifiers.Escape(field.Field.Name)}", field.Field, fieldType, field.Syntax);

                case IPropertyReferenceOperation { Property.IsStatic: true, Property.IsIndexer: false } property when TypeMapper.Map(property.Type) is { IsSequence: false } propertyType:
                    return Read($"{TypeMapper.FullName(property.Property.ContainingType)}.{Identifiers.Escape(property.Property.Name)}", property.Property, propertyType, property.Syntax);

                case IFieldReferenceOperation { Field.IsStatic: true } otherField:
                    ReportExpression(otherField.Syntax, otherField.Field.Type switch
                    {
                        IArrayTypeSymbol => "arrays held in static fields cannot be read in a [Differentiable] method; pass the array as a parameter",
                        { TypeKind: TypeKind.Enum } => $"enum values ('{otherField.Field.Type.Name}') are not supported; use an int or a bool, or move the call that needs it into a method with a [DerivativeOf] derivative",
                        _ => $"a static field of type '{otherField.Field.Type.ToDisplayString()}' cannot be read; double, float, int and bool ones can",
                    });
                    return null;

                // An instance method reads its object's fields and properties as constants.
                case IFieldReferenceOperation { Instance: IInstanceReferenceOperation } thisField when TypeMapper.Map(thisField.Type) is { IsSequence: false } thisFieldType && thisFieldType.Scalar != ScalarKind.Opaque:
                    return Read($"this.{Identifiers.Escape(thisField.Field.Name)}", thisField.Field, thisFieldType, thisField.Syntax);

                case IPropertyReferenceOperation { Instance: IInstanceReferenceOperation, Property.IsIndexer: false } thisProperty when TypeMapper.Map(thisProperty.Type) is { IsSequence: false } thisPropertyType && thisPropertyType.Scalar != ScalarKind.Opaque:
                    return Read($"this.{Identifiers.Escape(thisProperty.Property.Name)}", thisProperty.Property, thisPropertyType, thisProperty.Syntax);

                case IFieldReferenceOperation instanceField:
                    ReportExpression(instanceField.Syntax, "instance fields are not supported; pass the value as a parameter");
                    return null;

                case ITranslatedQueryOperation:
                    ReportExpression(operation.Syntax, "LINQ queries cannot be differentiated; write a for loop");
                    return null;

                case IConversionOperation conversion:
                    return ParseConversion(conversion);

                case IBinaryOperation binary:
                    return ParseBinary(binary);

                case IUnaryOperation { OperatorMethod: null } unary:
                    {
                        Expr? operand = ParseExpression(unary.Operand);
                        switch (unary.OperatorKind)
                        {
                            case UnaryOperatorKind.Plus:
                                return operand;
                            case UnaryOperatorKind.Minus when operand is not null && IsNumeric(operand.Type):
                                return new Unary(UnaryOp.Negate, operand, operand.Type);
                            case UnaryOperatorKind.Not when operand is not null:
                                return new Unary(UnaryOp.Not, operand, IrType.Bool);
                        }

                        if (operand is not null)
                        {
                            ReportExpression(unary.Syntax, "this operator is not supported");
                        }

                        return null;
                    }

                case IConditionalOperation { WhenFalse: not null } ternary:
                    {
                        Expr? condition = ParseExpression(ternary.Condition);
                        Expr? whenTrue = ParseExpression(ternary.WhenTrue);
                        Expr? whenFalse = ParseExpression(ternary.WhenFalse);
                        IrType? type = TypeMapper.Map(ternary.Type);
                        if (condition is null || whenTrue is null || whenFalse is null)
                        {
                            return null;
                        }

                        if (type is null || type.IsSequence)
                        {
                            ReportExpression(ternary.Syntax, "a conditional expression must produce a number or a bool");
                            return null;
                        }

                        return new Conditional(condition, whenTrue, whenFalse, type);
                    }

                case IParenthesizedOperation parenthesized:
                    return ParseExpression(parenthesized.Operand);

                case IInvocationOperation invocation:
                    return ParseInvocation(invocation, allowVoid: false);

                case IArrayCreationOperation:
                    ReportExpression(operation.Syntax, "arrays can only be created in a local declaration at the top level of the method, as 'double[] a = new double[n];'");
                    return null;

                case IAnonymousFunctionOperation:
                    ReportExpression(operation.Syntax, "lambdas and anonymous methods cannot be differentiated");
                    return null;

                default:
                    ReportExpression(operation.Syntax, "the generator does not know how to differentiate this kind of expression");
                    return null;
            }
        }

        private Expr? ParseElement(IOperation arrayOperation, IOperation indexOperation)
        {
            Expr? array = ParseExpression(Unwrap(arrayOperation)!);
            Expr? index = ParseExpression(indexOperation);
            if (array is null || index is null)
            {
                return null;
            }

            if (index.Type.Scalar != ScalarKind.Int)
            {
                ReportExpression(indexOperation.Syntax, "indices must be int");
                return null;
            }

            // a[i][j] of a jagged array: the row a[i] was parsed first.
            if (array is ElementRef { Index2: null, Type.Container: ContainerKind.Array } row && _variables.Values.Any(v => v.Name == row.Array && v.Type.Container == ContainerKind.Jagged))
            {
                return new ElementRef(row.Array, row.Index, row.Type.Element, index, Jagged: true);
            }

            if (array is not VarRef { Type.IsSequence: true } sequence || sequence.Type.Container == ContainerKind.Array2D)
            {
                ReportExpression(arrayOperation.Syntax, "index only array and span variables, with one index per dimension");
                return null;
            }

            if (sequence.Type.Container == ContainerKind.Jagged)
            {
                // A row of a jagged array: only indexed further or asked its length.
                return new ElementRef(sequence.Name, index, new IrType(sequence.Type.Scalar, ContainerKind.Array));
            }

            return new ElementRef(sequence.Name, index, sequence.Type.Element);
        }

        private Expr? ParseElement2D(IArrayElementReferenceOperation element)
        {
            Expr? array = ParseExpression(element.ArrayReference);
            Expr? first = ParseExpression(element.Indices[0]);
            Expr? second = ParseExpression(element.Indices[1]);
            if (array is not VarRef { Type.Container: ContainerKind.Array2D } rectangular || first is null || second is null)
            {
                if (array is not null && first is not null && second is not null)
                {
                    ReportExpression(element.Syntax, "index only rectangular array variables with two indices");
                }

                return null;
            }

            return new ElementRef(rectangular.Name, first, rectangular.Type.Element, second);
        }

        private Expr? ParseConversion(IConversionOperation conversion)
        {
            IrType? target = TypeMapper.Map(conversion.Type);
            Expr? operand = ParseExpression(conversion.Operand);
            if (operand is null)
            {
                return null;
            }

            if (target is not null && target == operand.Type)
            {
                return operand;
            }

            // An array (or a jagged array's row) passed where a span is expected: the same storage, seen through a span.
            if (target is not null && target.IsSequence && operand is VarRef or ElementRef { Index2: null } && operand.Type.IsSequence && target.Scalar == operand.Type.Scalar)
            {
                return operand;
            }

            if (target is not null && IsNumeric(target) && IsNumeric(operand.Type) && conversion.OperatorMethod is null)
            {
                return new Cast(operand, target);
            }

            ReportExpression(conversion.Syntax, $"the conversion from '{conversion.Operand.Type?.ToDisplayString()}' to '{conversion.Type?.ToDisplayString()}' is not supported");
            return null;
        }

        private Expr? ParseBinary(IBinaryOperation binary)
        {
            Expr? left = ParseExpression(binary.LeftOperand);
            Expr? right = ParseExpression(binary.RightOperand);
            if (left is null || right is null)
            {
                return null;
            }

            BinaryOp? op = binary.OperatorKind switch
            {
                BinaryOperatorKind.Add => BinaryOp.Add,
                BinaryOperatorKind.Subtract => BinaryOp.Subtract,
                BinaryOperatorKind.Multiply => BinaryOp.Multiply,
                BinaryOperatorKind.Divide => BinaryOp.Divide,
                BinaryOperatorKind.Remainder => BinaryOp.Remainder,
                BinaryOperatorKind.LessThan => BinaryOp.Less,
                BinaryOperatorKind.LessThanOrEqual => BinaryOp.LessOrEqual,
                BinaryOperatorKind.GreaterThan => BinaryOp.Greater,
                BinaryOperatorKind.GreaterThanOrEqual => BinaryOp.GreaterOrEqual,
                BinaryOperatorKind.Equals => BinaryOp.Equal,
                BinaryOperatorKind.NotEquals => BinaryOp.NotEqual,
                BinaryOperatorKind.ConditionalAnd => BinaryOp.And,
                BinaryOperatorKind.ConditionalOr => BinaryOp.Or,
                _ => null,
            };
            IrType? type = TypeMapper.Map(binary.Type);
            if (op is null || binary.OperatorMethod is not null || type is null || type.IsSequence || type.Scalar == ScalarKind.Opaque)
            {
                ReportExpression(binary.Syntax, "this operator is not supported; use arithmetic, comparisons, && and ||");
                return null;
            }

            if (op == BinaryOp.Remainder && type.IsFloatingPoint)
            {
                ReportExpression(binary.Syntax, "the remainder of floating-point values has no derivative rule yet");
                return null;
            }

            return new Binary(op.Value, left, right, type);
        }

        private Expr? ParseInvocation(IInvocationOperation invocation, bool allowVoid)
        {
            IMethodSymbol target = invocation.TargetMethod;
            string display = target.ContainingType is null ? target.Name : $"{target.ContainingType.Name}.{target.Name}";
            if (target.ContainingType?.ToDisplayString() is "System.Linq.Enumerable" or "System.Linq.Queryable" or "System.Linq.ParallelEnumerable")
            {
                ReportExpression(invocation.Syntax, $"LINQ ('{display}') cannot be differentiated; write a for loop");
                return null;
            }

            if (target.MethodKind == MethodKind.DelegateInvoke)
            {
                ReportExpression(invocation.Syntax, "lambdas, anonymous methods and delegates cannot be differentiated; write the computation inline or as a [Differentiable] static method");
                return null;
            }

            if (target.MethodKind == MethodKind.LocalFunction)
            {
                ReportExpression(invocation.Syntax, $"the local function '{target.Name}' cannot be differentiated; make it a [Differentiable] static method of the type");
                return null;
            }

            if (target.Name == "GetLength" && invocation.Instance is not null && invocation.Arguments.Length == 1
                && ParseExpression(invocation.Instance) is VarRef { Type.Container: ContainerKind.Array2D } rectangular
                && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: int dimension } && dimension is 0 or 1)
            {
                return new LengthOf(rectangular.Name, dimension);
            }

            // Calls on this object (explicit or implicit this) are allowed; calls on other objects are not.
            bool onThis = invocation.Instance is IInstanceReferenceOperation;
            if ((!target.IsStatic || invocation.Instance is not null) && !onThis)
            {
                ReportExpression(invocation.Syntax, $"the instance method '{display}' cannot be called; only static methods can");
                return null;
            }

            if (target.IsStatic && (target.IsAbstract || target.IsVirtual))
            {
                // T.F() on a type parameter: the generated code would have to name T, not the interface.
                ReportExpression(invocation.Syntax, $"the static abstract or virtual interface member '{display}' cannot be called yet; call a static method of a concrete type");
                return null;
            }

            // base.F() must stay a non-virtual call to the base's F in the generated code too.
            string receiver = invocation.Instance?.Syntax is BaseExpressionSyntax ? "base" : "this";

            if (target.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out))
            {
                ReportExpression(invocation.Syntax, $"'{display}' takes ref, out or in parameters");
                return null;
            }

            var arguments = new List<Expr>();
            List<IArgumentOperation> inParameterOrder = invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).ToList();
            foreach (IArgumentOperation argument in inParameterOrder)
            {
                Expr? value = ParseExpression(argument.Value);
                if (value is null)
                {
                    return null;
                }

                arguments.Add(value);
            }

            // Named arguments written out of order run in the written order; the generated call passes them in the
            // parameters' order, which would run calls among them in another order.
            int[] written = inParameterOrder.Where(a => !a.IsImplicit).Select(a => a.Syntax.SpanStart).ToArray();
            if (written.Zip(written.Skip(1), (a, b) => a > b).Any(outOfOrder => outOfOrder)
                && arguments.SelectMany(Differentiation.IrQueries.Subexpressions).Any(e => e is OpaqueCall { IsInvocation: true } or DifferentiableCall))
            {
                ReportExpression(invocation.Syntax, "its named arguments are written out of the parameters' order and call methods, which the gradient would call in another order; write them in order, or compute them into locals first");
                return null;
            }

            IrType? returnType = target.ReturnsVoid ? null : TypeMapper.Map(target.ReturnType);
            LocationInfo? location = Where(invocation.Syntax);
            string containing = onThis ? receiver : TypeMapper.FullName(target.ContainingType!);
            // A derivative the user wrote wins over the generator's own, as an explicit statement of intent: it is how
            // a numerically stable rule replaces the naive one, and how a Math function without a rule gets one.
            if (CustomDerivatives.Find(target, _method, _semanticModel.Compilation) is { } custom)
            {
                if (custom.Problem is not null)
                {
                    Report(DiagnosticDescriptors.InvalidCustomDerivative, location, custom.Method.Name, display, custom.Problem);
                    return null;
                }

                List<CalleeParameter>? customParameters = CalleeParameters(invocation, target, arguments, display);
                if (customParameters is null)
                {
                    return null;
                }

                if (returnType is null && !allowVoid)
                {
                    ReportExpression(invocation.Syntax, $"the void method '{display}' can only be called as a statement");
                    return null;
                }

                var customCallee = new CalleeInfo(
                    containing,
                    Identifiers.Escape(target.Name),
                    customParameters.ToEquatableArray(),
                    returnType,
                    $"{(custom.Method.IsStatic ? custom.Home : receiver)}.{Identifiers.Escape(custom.Method.Name)}",
                    custom.Form switch
                    {
                        CustomDerivativeForm.Scalar => CalleeDerivative.OfArgument,
                        CustomDerivativeForm.FromResult => CalleeDerivative.OfResult,
                        _ => CalleeDerivative.Pullback,
                    });
                return new DifferentiableCall(customCallee, arguments.ToEquatableArray(), returnType ?? IrType.Double, location);
            }

            // double.Sqrt, float.Exp, …: the generic-math spellings, which call the Math and MathF functions; not
            // double.Clamp, which differs from Math.Clamp (a NaN bound gives NaN, and -0 and 0 are ordered).
            string? home = target.ContainingType?.ToDisplayString();
            if ((home is "System.Math" or "System.MathF" || (home is "double" or "float" && target.Name != "Clamp"))
                && s_mathFunctions.TryGetValue(target.Name, out MathFunction function)
                && returnType is { IsSequence: false }
                && (returnType.IsFloatingPoint || Differentiation.DerivativeRules.IsPiecewiseConstant(function))
                && arguments.Count > 0 && arguments[0].Type.IsFloatingPoint
                && arguments.All(a => !a.Type.IsSequence && (a.Type.IsFloatingPoint
                    // Math.Round(x, digits): whatever the digits, the derivative is zero wherever it exists.
                    || (a.Type.Scalar == ScalarKind.Int && Differentiation.DerivativeRules.IsPiecewiseConstant(function)))))
            {
                return new MathCall(function, arguments.ToEquatableArray(), returnType);
            }

            if (TypeMapper.HasAttribute(target, TypeMapper.DifferentiableAttributeName))
            {
                List<CalleeParameter>? parameters = CalleeParameters(invocation, target, arguments, display);
                if (parameters is null)
                {
                    return null;
                }

                if (returnType is null && !target.ReturnsVoid)
                {
                    ReportExpression(invocation.Syntax, $"'{display}' does not return double, float or void");
                    return null;
                }

                if (!HasPullback(target))
                {
                    Report(DiagnosticDescriptors.CalleeNotDifferentiable, location, display);
                    return null;
                }

                var callee = new CalleeInfo(containing, Identifiers.Escape(target.Name), parameters.ToEquatableArray(), returnType, $"{containing}.{target.Name}Pullback")
                {
                    // Only from the same type: the body may use its private members, which another type cannot see.
                    // Only static ones are inlined.
                    Body = target.IsStatic && SymbolEqualityComparer.Default.Equals(target.ContainingType, _method.ContainingType)
                        && _calleeBodies.TryGetValue(target.OriginalDefinition, out Function? body) ? body : null,
                    Redraws = _calleeBodies.TryGetValue(target.OriginalDefinition, out Function? parsed) ? Differentiation.CallValues.RedrawnCall(parsed) : null,
                    ReadsState = parsed is null ? null : Differentiation.CallValues.StateRead(parsed),
                    ChangesState = parsed is null ? null : Differentiation.CallValues.StateChange(parsed),
                };
                if (returnType is null && !allowVoid)
                {
                    ReportExpression(invocation.Syntax, $"the void helper '{display}' can only be called as a statement");
                    return null;
                }

                return new DifferentiableCall(callee, arguments.ToEquatableArray(), returnType ?? IrType.Double, location);
            }

            if (returnType is null && !(allowVoid && target.ReturnsVoid))
            {
                ReportExpression(invocation.Syntax, $"'{display}' returns '{target.ReturnType.ToDisplayString()}', which a [Differentiable] method cannot hold");
                return null;
            }

            string name = target.IsGenericMethod
                ? $"{Identifiers.Escape(target.Name)}<{string.Join(", ", target.TypeArguments.Select(TypeMapper.FullName))}>"
                : Identifiers.Escape(target.Name);
            MethodEffects.Effects effects = _effects.Of(target);

            // Whether it may write an array it is given: seen in its body when the body is here; assumed otherwise.
            bool writesArrays = !MethodEffects.IsMarkedPure(target) && arguments.Any(a => a.Type.IsSequence)
                && (target.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty || ParameterWrites.First(target.OriginalDefinition, _semanticModel.Compilation) is not null);
            return new OpaqueCall($"{containing}.{name}", arguments.ToEquatableArray(), true, returnType ?? IrType.Double, location)
            {
                Effect = effects.Kind(writesArrays),
                MayChangeState = effects.Writes,
                WritesArrays = writesArrays,
            };
        }

        /// <summary>
        /// A read of a field or property, with what the reverse sweep may assume of reading it again (MethodEffects):
        /// a constant, a readonly field, or an immutable property never changes (pure); a property whose getter may
        /// draw, count or change state is read like a call (computed); anything else is state that a call may change.
        /// </summary>
        private OpaqueCall Read(string target, ISymbol member, IrType type, SyntaxNode syntax)
        {
            var read = new OpaqueCall(target, EquatableArray<Expr>.Empty, false, type, Where(syntax));
            if (member is IFieldSymbol field)
            {
                return read with { Effect = field.IsConst || field.IsReadOnly ? OpaqueEffect.Pure : OpaqueEffect.ReadsState };
            }

            MethodEffects.Effects effects = _effects.OfProperty((IPropertySymbol)member);
            return read with { Effect = effects.Kind(), MayChangeState = effects.Writes };
        }

        /// <summary>
        /// The parameters of a callee whose pullback the generated code calls, or null (after reporting why) when an
        /// argument cannot be passed to it.
        /// </summary>
        private List<CalleeParameter>? CalleeParameters(IInvocationOperation invocation, IMethodSymbol target, List<Expr> arguments, string display)
        {
            var parameters = new List<CalleeParameter>();
            for (int i = 0; i < target.Parameters.Length; i++)
            {
                IParameterSymbol parameter = target.Parameters[i];
                IrType? parameterType = TypeMapper.Map(parameter.Type) ?? new IrType(ScalarKind.Opaque, ContainerKind.Scalar, TypeMapper.FullName(parameter.Type));
                if (parameterType.IsSequence && arguments[i] is ElementRef { Index2: null, Type.Container: ContainerKind.Array })
                {
                    // A row of a jagged array: its gradient is the same row of the gradient buffer, as long as the
                    // callee only reads it (a written row would have to be saved and restored like a whole array).
                    if (parameterType.IsWritableSequence && target.ReturnsVoid)
                    {
                        ReportExpression(invocation.Arguments.First(a => a.Parameter?.Ordinal == i).Syntax, $"a row of a jagged array can be passed to '{display}' only where it cannot be written: as a ReadOnlySpan<T> parameter, or to a method that returns a value; copy the row into a local array first");
                        return null;
                    }
                }
                else if (parameterType.IsSequence && arguments[i] is not VarRef)
                {
                    ReportExpression(invocation.Arguments.First(a => a.Parameter?.Ordinal == i).Syntax, $"pass arrays and spans to '{display}' as variables, not as expressions or slices");
                    return null;
                }

                if (parameterType.Container == ContainerKind.Jagged)
                {
                    ReportExpression(invocation.Arguments.First(a => a.Parameter?.Ordinal == i).Syntax, $"jagged arrays cannot be passed to '{display}' yet; pass a rectangular array or one row's values");
                    return null;
                }

                bool differentiable = parameterType.IsFloatingPoint && !TypeMapper.HasAttribute(parameter, TypeMapper.NoDerivativeAttributeName);
                parameters.Add(new CalleeParameter(parameterType, differentiable, parameter.RefKind == RefKind.RefReadOnlyParameter, Identifiers.Escape(parameter.Name)));
            }

            return parameters;
        }

        /// <summary>
        /// Whether a <c>[Differentiable]</c> callee has a pullback to call: in this compilation, when the generator
        /// accepts it (checked by parsing it too, so that an error in the callee is never an error in generated code);
        /// from a referenced assembly, when its pullback is there.
        /// </summary>
        private bool HasPullback(IMethodSymbol target)
        {
            IMethodSymbol callee = target.OriginalDefinition;
            if (_calleeVerdicts.TryGetValue(callee, out bool known))
            {
                return known;
            }

            bool verdict;
            if (callee.DeclaringSyntaxReferences.IsEmpty)
            {
                verdict = callee.ContainingType.GetMembers(callee.Name + "Pullback").Any(m => m is IMethodSymbol pullback && pullback.IsStatic == callee.IsStatic);
            }
            else if (callee.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is MethodDeclarationSyntax calleeSyntax)
            {
                SemanticModel model = calleeSyntax.SyntaxTree == _semanticModel.SyntaxTree
                    ? _semanticModel
                    : _semanticModel.Compilation.GetSemanticModel(calleeSyntax.SyntaxTree);
                _calleeVerdicts[callee] = true;
                try
                {
                    Function? body = Parse(calleeSyntax, callee, model, _cancellationToken, _calleeVerdicts, _calleeBodies).Function;
                    verdict = body is not null;
                    if (body is not null)
                    {
                        _calleeBodies[callee] = body;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The callee's own parse reports the failure (BP9999); it has no pullback.
                    verdict = false;
                }
            }
            else
            {
                verdict = false;
            }

            _calleeVerdicts[callee] = verdict;
            return verdict;
        }

        private Variable DeclareLocal(ILocalSymbol symbol, IrType type, VariableRole role)
        {
            if (_variables.TryGetValue(symbol, out Variable? existing))
            {
                return existing;
            }

            // Loop counters stay scoped to their loops in the generated code too, so sibling loops keep sharing a
            // name like i. Other locals in disjoint scopes may also share a name, but the generated code hoists
            // some of them, so each gets a name of its own.
            string sourceName = Identifiers.Escape(symbol.Name);
            if (role == VariableRole.LoopCounter && _counters.TryGetValue(sourceName, out Variable? sibling))
            {
                _variables[symbol] = sibling;
                return sibling;
            }

            string name = sourceName;
            for (int suffix = 2; !_names.Add(name); suffix++)
            {
                name = symbol.Name + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var variable = new Variable(name, type, role);
            if (role == VariableRole.LoopCounter && name == sourceName)
            {
                _counters[name] = variable;
            }

            _variables[symbol] = variable;
            _locals.Add(variable);
            return variable;
        }

        private static Expr Arithmetic(BinaryOp op, Expr left, Expr right)
            => new Binary(op, left, right, Wider(left.Type, right.Type));

        private static Expr Cast(Expr value, IrType type) => value.Type == type ? value : new Cast(value, type);

        private static IrType Wider(IrType a, IrType b)
        {
            if (a.Scalar == ScalarKind.Double || b.Scalar == ScalarKind.Double)
            {
                return IrType.Double;
            }

            return a.Scalar == ScalarKind.Float || b.Scalar == ScalarKind.Float ? IrType.Float : IrType.Int;
        }

        private static bool IsNumeric(IrType type) => !type.IsSequence && type.Scalar is ScalarKind.Double or ScalarKind.Float or ScalarKind.Int;

        private static bool IsSpan(INamedTypeSymbol? type)
            => type is not null && type.ContainingNamespace?.ToDisplayString() == "System" && type.Name is "Span" or "ReadOnlySpan";

        private static IOperation? Unwrap(IOperation? operation)
        {
            while (operation is IConversionOperation { IsImplicit: true } conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        // A namespace as the generated file declares it: keyword parts keep their @ (namespace Models.@event).
        private static readonly SymbolDisplayFormat s_namespaceFormat = new SymbolDisplayFormat(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

        private static HierarchyInfo BuildHierarchy(INamedTypeSymbol type)
        {
            var types = new List<ContainingTypeInfo>();
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                string keyword = current.IsRecord
                    ? (current.IsValueType ? "record struct" : "record")
                    : current.IsValueType ? "struct" : current.TypeKind == TypeKind.Interface ? "interface" : "class";
                string name = current.TypeParameters.Length == 0
                    ? Identifiers.Escape(current.Name)
                    : $"{Identifiers.Escape(current.Name)}<{string.Join(", ", current.TypeParameters.Select(p => Identifiers.Escape(p.Name)))}>";
                types.Insert(0, new ContainingTypeInfo(keyword, name, current.IsStatic));
            }

            string? ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString(s_namespaceFormat) : null;
            return new HierarchyInfo(ns, types.ToEquatableArray());
        }

        private static string AccessibilityText(Accessibility accessibility) => accessibility switch
        {
            Accessibility.Public => "public",
            Accessibility.Internal => "internal",
            Accessibility.Protected => "protected",
            Accessibility.ProtectedOrInternal => "protected internal",
            Accessibility.ProtectedAndInternal => "private protected",
            _ => "private",
        };

        private static string DescribeStatement(SyntaxNode syntax) => syntax switch
        {
            WhileStatementSyntax => "A 'while' loop",
            DoStatementSyntax => "A 'do' loop",
            ForEachStatementSyntax => "A 'foreach' loop",
            BreakStatementSyntax => "'break'",
            ContinueStatementSyntax => "'continue'",
            GotoStatementSyntax => "'goto'",
            SwitchStatementSyntax => "A 'switch' statement",
            TryStatementSyntax => "A 'try' statement",
            ThrowStatementSyntax => "'throw'",
            LocalFunctionStatementSyntax => "A local function",
            UsingStatementSyntax => "A 'using' statement",
            LockStatementSyntax => "A 'lock' statement",
            UnsafeStatementSyntax or FixedStatementSyntax => "Unsafe code",
            YieldStatementSyntax => "'yield'",
            LabeledStatementSyntax labeled => $"The label '{labeled.Identifier.Text}:'",
            CheckedStatementSyntax => "A 'checked' or 'unchecked' block",
            _ => $"The statement '{Quote(syntax)}'",
        };

        private void ReportStatement(SyntaxNode syntax, string what, string advice)
            => Report(DiagnosticDescriptors.UnsupportedStatement, Where(syntax), what, advice);

        private void ReportExpression(SyntaxNode syntax, string advice)
            => Report(DiagnosticDescriptors.UnsupportedExpression, Where(syntax), Quote(syntax), advice);

        /// <summary>
        /// The outermost statement of the body (or the expression body) inside which syntax nests deeper than
        /// <see cref="MaxSyntaxDepth"/>, found without recursion; null for ordinary code.
        /// </summary>
        private SyntaxNode? TooDeep(MethodDeclarationSyntax method)
        {
            IEnumerable<SyntaxNode> roots = method.Body is not null ? method.Body.Statements : method.ExpressionBody is not null ? new[] { method.ExpressionBody.Expression } : Enumerable.Empty<SyntaxNode>();
            foreach (SyntaxNode root in roots)
            {
                var pending = new Stack<(SyntaxNode Node, int Depth)>();
                pending.Push((root, 1));
                while (pending.Count > 0)
                {
                    (SyntaxNode node, int depth) = pending.Pop();
                    if (depth > MaxSyntaxDepth)
                    {
                        return root;
                    }

                    foreach (SyntaxNode child in node.ChildNodes())
                    {
                        pending.Push((child, depth + 1));
                    }
                }

                _cancellationToken.ThrowIfCancellationRequested();
            }

            return null;
        }

        /// <summary>Source text for a diagnostic message: on one line, and cut short if long (the location shows it all).</summary>
        private static string Quote(SyntaxNode syntax)
        {
            const int MaxLength = 100;
            string text = Text(syntax);
            return text.Length <= MaxLength ? text : text.Substring(0, MaxLength - 3) + "...";
        }

        private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
            => _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

        private static LocationInfo? Where(SyntaxNode syntax)
        {
            // Point at the first line of a multi-line statement, which is what the reader looks for.
            return LocationInfo.From(syntax);
        }

        private static string Text(SyntaxNode? syntax)
            => syntax is null ? string.Empty : Regex.Replace(syntax.ToString(), @"\s+", " ").Trim();
    }
}
