using System.Collections.Generic;
using System.Linq;
using Backprop.Generators.Ir;
using Backprop.Generators.Model;

namespace Backprop.Generators.Differentiation
{
    /// <summary>
    /// Inlines small <c>[Differentiable]</c> callees into their caller before differentiation, so that the caller's
    /// own reverse sweep differentiates the callee's statements.
    /// </summary>
    /// <remarks>
    /// <para>Calling a callee's pullback costs more than the call: the pullback re-runs the callee's forward (the
    /// exponentials of a sigmoid, once more per call), and it computes the adjoint of every differentiable
    /// parameter, even for an argument that is a constant of the caller (<c>MatVec(a, x, y, k)</c> with a constant
    /// <c>x</c> accumulates K² products into a scratch buffer that is thrown away). Inlined, the callee's values
    /// are saved or reused like the caller's own, and the caller's activity analysis drops the dead adjoints.</para>
    /// <para>Only callees the generator differentiates itself are inlined (a <c>[DerivativeOf]</c> rule or a
    /// library pullback is a deliberate choice, kept as a call): static, small, without local arrays (which would be
    /// rented on every call in a loop), and without a constant (<c>[NoDerivative]</c>) parameter that receives an
    /// active argument. Calls nested in a callee are inlined too, to a small depth, never recursively. Each inlined
    /// statement keeps its source text, prefixed with the callee's name (or the whole call, for a void callee), for the
    /// comments of the reverse sweep.</para>
    /// </remarks>
    internal static class Inlining
    {
        private const int MaxStatements = 60;
        private const int MaxDepth = 3;

        /// <summary>Returns the function with its inlinable calls inlined; the same function when there are none.</summary>
        public static Function Inline(Function function)
        {
            if (!IrQueries.AllStatements(function.Body).SelectMany(IrQueries.Expressions).SelectMany(IrQueries.Subexpressions)
                .Any(e => e is DifferentiableCall { Callee.Body: not null }))
            {
                return function;
            }

            var context = new Context(function);
            Block body = context.InlineBlock(function.Body, new List<string> { function.Name });
            return function with { Body = body, Locals = context.Locals.ToEquatableArray() };
        }

        private sealed class Context
        {
            private readonly NameAllocator _names;
            private readonly ActivityAnalysis _activity;

            public Context(Function function)
            {
                _names = new NameAllocator(function.Parameters.Concat(function.Locals).Select(v => v.Name));
                Locals = new List<Variable>(function.Locals);
                _activity = ActivityAnalysis.Run(function);
            }

            public List<Variable> Locals { get; }

            public Block InlineBlock(Block block, List<string> stack)
            {
                var output = new List<Stmt>();
                foreach (Stmt stmt in block.Statements)
                {
                    switch (stmt)
                    {
                        case CallStatement { Call: DifferentiableCall call } c when CanInline(call, stack):
                            {
                                var before = new List<Stmt>();
                                InlineCall(call, c, before, stack);
                                output.AddRange(before);
                                break;
                            }

                        case Assign a when !HasOtherCalls(a.Value):
                            {
                                var before = new List<Stmt>();
                                Expr value = InlineCalls(a.Value, a, before, stack);
                                output.AddRange(before);
                                output.Add(ReferenceEquals(value, a.Value) ? a : a with { Value = value });
                                break;
                            }

                        case Declare { Initializer: { } initializer } d when !HasOtherCalls(initializer):
                            {
                                var before = new List<Stmt>();
                                Expr value = InlineCalls(initializer, d, before, stack);
                                output.AddRange(before);
                                output.Add(ReferenceEquals(value, initializer) ? d : d with { Initializer = value });
                                break;
                            }

                        case If i:
                            output.Add(i with { Then = InlineBlock(i.Then, stack), Else = InlineBlock(i.Else, stack) });
                            break;
                        case For f:
                            output.Add(f with { Body = InlineBlock(f.Body, stack) });
                            break;
                        case While w:
                            output.Add(w with { Body = InlineBlock(w.Body, stack) });
                            break;
                        default:
                            output.Add(stmt);
                            break;
                    }
                }

                return new Block(output.ToEquatableArray());
            }

            // Opaque calls may have effects whose order inlining would change.
            private static bool HasOtherCalls(Expr value) => IrQueries.Subexpressions(value).Any(e => e is OpaqueCall { IsInvocation: true });

            private bool CanInline(DifferentiableCall call, List<string> stack)
            {
                Function? body = call.Callee.Body;
                if (body is null || call.Callee.Derivative != CalleeDerivative.Pullback || stack.Count > MaxDepth || stack.Contains(call.Callee.ContainingType + "." + call.Callee.Name))
                {
                    return false;
                }

                // A row of a jagged array has no name to substitute for the callee's array: the call is kept.
                if (call.Arguments.Any(a => a is ElementRef { Type.IsSequence: true }))
                {
                    return false;
                }

                // The same variable for two parameters keeps the call too: substituted, the callee's `v < u` would
                // become `p < p`, which the compiler warns about (CS1718), failing builds that treat warnings as errors.
                if (call.Arguments.OfType<VarRef>().GroupBy(a => a.Name).Any(g => g.Count() > 1))
                {
                    return false;
                }

                List<Stmt> statements = IrQueries.AllStatements(body.Body).ToList();
                if (statements.Count > MaxStatements || statements.Any(s => s is DeclareArray) || body.Parameters.Count != call.Arguments.Count)
                {
                    return false;
                }

                // Every name in the body must be a parameter or local, which inlining renames.
                var known = new HashSet<string>(body.Parameters.Concat(body.Locals).Select(v => v.Name));
                var used = IrQueries.Assigned(body.Body);
                foreach (Expr expr in statements.SelectMany(IrQueries.Expressions))
                {
                    IrQueries.AllReads(expr, used);
                }

                if (!used.IsSubsetOf(known))
                {
                    return false;
                }

                // A scalar parameter the callee never reads keeps the call: inlined, its argument would vanish, and a
                // caller local holding a constant only for that argument would be assigned and never used (CS0219).
                var read = new HashSet<string>();
                foreach (Expr expr in statements.SelectMany(IrQueries.Expressions))
                {
                    IrQueries.AllReads(expr, read);
                }

                if (body.Parameters.Any(p => !p.Type.IsSequence && !read.Contains(p.Name)))
                {
                    return false;
                }

                for (int i = 0; i < body.Parameters.Count; i++)
                {
                    // A constant parameter stays constant only through the pullback: an active argument keeps the call.
                    // (Within an inlined callee, the caller's activity does not know the names: keep the call.)
                    Variable parameter = body.Parameters[i];
                    bool constant = parameter.Type.IsFloatingPoint && !parameter.IsDifferentiable;
                    if (parameter.Modifier.Length > 0 || (constant && (stack.Count > 1 || _activity.IsActive(call.Arguments[i]))))
                    {
                        return false;
                    }
                }

                return true;
            }

            /// <summary>Replaces each inlinable call in <paramref name="value"/> (outside conditional branches) by the variable holding its result.</summary>
            private Expr InlineCalls(Expr value, Stmt at, List<Stmt> before, List<string> stack)
            {
                switch (value)
                {
                    case DifferentiableCall call:
                        {
                            var inner = call with { Arguments = call.Arguments.Select(a => InlineCalls(a, at, before, stack)).ToEquatableArray() };
                            return CanInline(inner, stack) ? InlineCall(inner, at, before, stack)! : inner;
                        }

                    case Unary u:
                        return Same(u.Operand, InlineCalls(u.Operand, at, before, stack), value, o => u with { Operand = o });
                    case Binary b:
                        {
                            Expr left = InlineCalls(b.Left, at, before, stack);
                            Expr right = InlineCalls(b.Right, at, before, stack);
                            return ReferenceEquals(left, b.Left) && ReferenceEquals(right, b.Right) ? value : b with { Left = left, Right = right };
                        }

                    case Cast c:
                        return Same(c.Operand, InlineCalls(c.Operand, at, before, stack), value, o => c with { Operand = o });
                    case MathCall m:
                        {
                            Expr[] arguments = m.Arguments.Select(a => InlineCalls(a, at, before, stack)).ToArray();
                            return arguments.Where((a, i) => !ReferenceEquals(a, m.Arguments[i])).Any() ? m with { Arguments = arguments.ToEquatableArray() } : value;
                        }

                    default:
                        // Variables, elements, literals, opaque reads; and conditionals, whose branches may not run.
                        return value;
                }
            }

            private static Expr Same(Expr old, Expr updated, Expr whole, System.Func<Expr, Expr> rebuild)
                => ReferenceEquals(old, updated) ? whole : rebuild(updated);

            /// <summary>Appends the callee's statements to <paramref name="before"/>; returns the variable holding its result (null for a void callee).</summary>
            private Expr? InlineCall(DifferentiableCall call, Stmt at, List<Stmt> before, List<string> stack)
            {
                Function callee = call.Callee.Body!;
                var renames = new Dictionary<string, string>();
                var values = new Dictionary<string, Expr>();
                HashSet<string> assigned = IrQueries.Assigned(callee.Body);
                var writtenArrays = new HashSet<string>();
                for (int i = 0; i < callee.Parameters.Count; i++)
                {
                    if (callee.Parameters[i].Type.IsSequence && assigned.Contains(callee.Parameters[i].Name))
                    {
                        writtenArrays.Add(((VarRef)call.Arguments[i]).Name);
                    }
                }

                // A statement call names the caller's arrays in its comment: "MatVec(c, z, w, k): y[i] = sum;".
                string prefix = (at is CallStatement ? at.Source.TrimEnd(';') : call.Callee.Name) + ": ";
                var parameterCopies = new List<Stmt>();
                for (int i = 0; i < callee.Parameters.Count; i++)
                {
                    Variable parameter = callee.Parameters[i];
                    Expr argument = call.Arguments[i];
                    if (parameter.Type.IsSequence)
                    {
                        // Arrays are passed by reference: the callee's statements use the caller's array.
                        renames[parameter.Name] = ((VarRef)argument).Name;
                    }
                    else if (!assigned.Contains(parameter.Name) && argument.Type == parameter.Type
                        && argument is VarRef or ElementRef && !IrQueries.AllReads(argument).Overlaps(writtenArrays))
                    {
                        // A variable or element the callee cannot change: used in place. (Not a literal: a branch on
                        // it would become a constant condition, with unreachable code.)
                        values[parameter.Name] = argument;
                    }
                    else
                    {
                        string copy = _names.Reserve(parameter.Name);
                        renames[parameter.Name] = copy;
                        Locals.Add(new Variable(copy, parameter.Type, VariableRole.Local));
                        parameterCopies.Add(new Declare(copy, Ops.CastTo(argument, parameter.Type), $"{prefix}{parameter.Name} = argument {i + 1}", at.Location));
                    }
                }

                VarRef? result = null;
                foreach (Variable local in callee.Locals)
                {
                    bool isResult = local.Role == VariableRole.Result;
                    string name = _names.Reserve(isResult ? char.ToLowerInvariant(call.Callee.Name[0]) + call.Callee.Name.Substring(1) : local.Name);
                    renames[local.Name] = name;
                    Locals.Add(local with { Name = name, Role = isResult ? VariableRole.Local : local.Role, IsDifferentiable = false });
                    if (isResult)
                    {
                        // The callee's returns assign it; the caller declares it.
                        result = new VarRef(name, local.Type);
                        parameterCopies.Add(new Declare(name, null, $"{prefix}{local.Type.Element.Scalar.ToString().ToLowerInvariant()} {name};", at.Location));
                    }
                }

                before.AddRange(parameterCopies);
                Block body = IrRewriter.Substitute(callee.Body, renames, values, source => prefix + source);

                // The callee's own calls, now in terms of the caller's variables.
                var inner = new List<string>(stack) { call.Callee.ContainingType + "." + call.Callee.Name };
                Block inlined = InlineBlock(body, inner);
                before.AddRange(inlined.Statements);
                return result;
            }
        }
    }
}
