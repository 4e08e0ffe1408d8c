using System.Collections.Generic;
using System.Linq;
using Backprop.Generators.Ir;
using Backprop.Generators.Model;

namespace Backprop.Generators.Differentiation
{
    /// <summary>
    /// Names the value of each call of a method the generator knows nothing about (an opaque call: a constant for
    /// differentiation) inside a larger expression, so that the reverse sweep reads the value the forward sweep got
    /// instead of calling the method again: <c>y = x * Noise();</c> becomes <c>double noise = Noise(); y = x * noise;</c>,
    /// and <c>if (Coin())</c> becomes <c>bool coin = Coin(); if (coin)</c>.
    /// </summary>
    /// <remarks>
    /// <para>Why: a method that draws a random number, counts its calls or reads a clock returns something else the
    /// second time; the reverse sweep that called it again used another factor, or took another branch, than the
    /// forward sweep, a silently wrong gradient. A named value is read again like any local (saved on the tape where a
    /// loop overwrites it).</para>
    /// <para>Order: only calls that the statement always evaluates are named (not in a branch of <c>?:</c> or to the
    /// right of <c>&amp;&amp;</c> or <c>||</c>, where they may not run), and so that they still run in the order C#
    /// runs them, every call and static field read that C# evaluates before the last such call is named with it,
    /// first to last (an index of the assigned element comes before the value). A loop's start is named the same way;
    /// its end, evaluated at every iteration, and calls under a condition are evaluated again by the reverse sweep,
    /// which is right for a method that returns the same value for the same arguments (README).</para>
    /// </remarks>
    internal static class CallValues
    {
        /// <summary>Returns the function with such values named; the same function when there are none.</summary>
        public static Function Bind(Function function)
        {
            var names = new NameAllocator(function.Parameters.Concat(function.Locals).Select(v => v.Name));
            var locals = new List<Variable>(function.Locals);
            Block body = BindBlock(function.Body, names, locals);
            return locals.Count == function.Locals.Count ? function : function with { Body = body, Locals = locals.ToEquatableArray() };
        }

        private static Block BindBlock(Block block, NameAllocator names, List<Variable> locals)
        {
            var output = new List<Stmt>();
            foreach (Stmt stmt in block.Statements)
            {
                var binder = new Binder(stmt, names, locals, output);
                switch (stmt)
                {
                    case Assign a:
                        {
                            // C# evaluates the target's index before the value.
                            Expr[] parts = binder.Name(a.Target is ElementRef ? new[] { a.Target, a.Value } : new[] { a.Value }, wholeValue: a.Value);
                            output.Add(a.Target is ElementRef ? a with { Target = parts[0], Value = parts[1] } : a with { Value = parts[0] });
                            break;
                        }

                    case Declare { Initializer: { } initializer } d:
                        output.Add(d with { Initializer = binder.Name(new[] { initializer }, wholeValue: initializer)[0] });
                        break;
                    case CallStatement { Call: DifferentiableCall call } c:
                        output.Add(c with { Call = call with { Arguments = binder.Name(call.Arguments.ToArray(), wholeValue: null).ToEquatableArray() } });
                        break;
                    case If i:
                        output.Add(i with { Condition = binder.Name(new[] { i.Condition }, wholeValue: null)[0], Then = BindBlock(i.Then, names, locals), Else = BindBlock(i.Else, names, locals) });
                        break;
                    case For f:
                        output.Add(f with { Start = binder.Name(new[] { f.Start }, wholeValue: null)[0], Body = BindBlock(f.Body, names, locals) });
                        break;
                    case While w:
                        output.Add(w with { Body = BindBlock(w.Body, names, locals) });
                        break;
                    default:
                        output.Add(stmt);
                        break;
                }
            }

            return new Block(output.ToEquatableArray());
        }

        private sealed class Binder
        {
            private readonly Stmt _stmt;
            private readonly NameAllocator _names;
            private readonly List<Variable> _locals;
            private readonly List<Stmt> _output;

            public Binder(Stmt stmt, NameAllocator names, List<Variable> locals, List<Stmt> output)
            {
                _stmt = stmt;
                _names = names;
                _locals = locals;
                _output = output;
            }

            /// <summary>
            /// The expressions with the values named (declared before the statement), in C#'s order of evaluation;
            /// <paramref name="wholeValue"/>, the value an assignment stores, is not named itself: its target holds it.
            /// </summary>
            public Expr[] Name(Expr[] parts, Expr? wholeValue)
            {
                // Every call and field read the statement always evaluates, in evaluation order (arguments first).
                var evaluated = new List<Expr>();
                foreach (Expr part in parts)
                {
                    Collect(part, evaluated);
                }

                int last = evaluated.FindLastIndex(e => e is OpaqueCall { IsInvocation: true } && !ReferenceEquals(e, wholeValue));
                if (last < 0 || evaluated.Take(last + 1).Any(e => e.Type.IsSequence || e.Type.Scalar == ScalarKind.Opaque))
                {
                    // Nothing to name, or a value no local of ours can hold (an object passed to the call): as written.
                    return parts;
                }

                var named = new Dictionary<Expr, VarRef>(new ReferenceEquality());
                for (int k = 0; k <= last; k++)
                {
                    Expr value = Replace(evaluated[k], named);
                    string stem = value is OpaqueCall opaque ? MethodName(opaque.Target) : ((DifferentiableCall)value).Callee.Name;
                    string name = _names.Reserve(char.ToLowerInvariant(stem[0]) + stem.Substring(1));
                    _locals.Add(new Variable(name, value.Type, VariableRole.Local));
                    _output.Add(new Declare(name, value, $"{Emitting.ExpressionPrinter.Keyword(value.Type.Scalar)} {name} = {Emitting.ExpressionPrinter.Print(value).Replace("global::", string.Empty)};", _stmt.Location));
                    named[evaluated[k]] = new VarRef(name, value.Type);
                }

                return parts.Select(p => Replace(p, named)).ToArray();
            }

            private static void Collect(Expr expr, List<Expr> evaluated)
            {
                switch (expr)
                {
                    case Conditional conditional:
                        // Only the condition always runs.
                        Collect(conditional.Condition, evaluated);
                        return;
                    case Binary { Op: BinaryOp.And or BinaryOp.Or } shortCircuit:
                        Collect(shortCircuit.Left, evaluated);
                        return;
                }

                foreach (Expr child in IrQueries.Children(expr))
                {
                    Collect(child, evaluated);
                }

                // Once each: `a[F()] += v` is lowered to `a[F()] = a[F()] + v` with one element node in both places,
                // for the one evaluation C# makes.
                if (expr is OpaqueCall or DifferentiableCall && !evaluated.Any(e => ReferenceEquals(e, expr)))
                {
                    evaluated.Add(expr);
                }
            }

            private static Expr Replace(Expr expr, Dictionary<Expr, VarRef> named)
                => named.TryGetValue(expr, out VarRef? local) ? local : IrQueries.MapChildren(expr, e => Replace(e, named));

            /// <summary><c>global::Ns.Type.Next</c> or <c>this.Field</c> gives <c>Next</c>, <c>Field</c>.</summary>
            private static string MethodName(string target)
            {
                string name = target.Substring(target.LastIndexOf('.') + 1);
                int generic = name.IndexOf('<');
                return Identifiers.Unescaped(generic < 0 ? name : name.Substring(0, generic));
            }
        }

        /// <summary>Compares expressions by identity: two equal calls are two calls.</summary>
        private sealed class ReferenceEquality : IEqualityComparer<Expr>
        {
            public bool Equals(Expr? x, Expr? y) => ReferenceEquals(x, y);

            public int GetHashCode(Expr obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
