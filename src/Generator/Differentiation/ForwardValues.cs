using System.Collections.Generic;
using System.Linq;
using Backprop.Generators.Ir;
using Backprop.Generators.Model;

namespace Backprop.Generators.Differentiation
{
    /// <summary>
    /// Names the forward values that derivative rules need again: <c>Math.Exp</c>, <c>Math.Sqrt</c>,
    /// <c>Math.Cbrt</c>, <c>Math.Tanh</c> and <c>Math.Pow</c> with an active exponent, and calls of a method whose
    /// user derivative takes its result (<c>[DerivativeOf(…, FromResult = true)]</c>), when they sit inside a larger
    /// expression. <c>y = 1 / (1 + Math.Exp(-x))</c> becomes <c>double exp = Math.Exp(-x); y = 1 / (1 + exp);</c>.
    /// </summary>
    /// <remarks>
    /// The derivative of each of these is written with its own value (d exp(u) = exp(u) du), and the reverse sweep
    /// reads the value from the variable that holds it instead of calling the function again: outside loops it is
    /// still there; inside a loop the to-be-recorded analysis saves it on the tape, a push and a pop instead of an
    /// exponential. The forward value is unchanged to the bit: the same call, its result stored in a double.
    /// Calls inside a conditional expression's branches are left alone (they may not run), and so are statements
    /// that call other methods (naming a value first would change the order of the calls); naming every call of a
    /// statement keeps their order, so several derivative-from-result calls are named together.
    /// </remarks>
    internal static class ForwardValues
    {
        /// <summary>
        /// Whether the reverse sweep differentiates <paramref name="call"/> with a rule that reads the call's own
        /// value: the call is active, and its rule is written with its result (Pow's only for an active exponent).
        /// </summary>
        public static bool RuleReadsResult(Expr call, ActivityAnalysis activity)
            => activity.IsActive(call)
               && call switch
               {
                   MathCall m => DerivativeRules.ReadsResult(m.Function)
                                 || (m.Function == MathFunction.Pow && activity.IsActive(m.Arguments[1])),
                   DifferentiableCall d => d.Callee.Derivative == CalleeDerivative.OfResult,
                   _ => false,
               };

        /// <summary>The call as the comment above its reverse shows it: <c>Math.Exp(-x)</c>, <c>Model.Sigmoid(sum)</c>.</summary>
        private static string SourceText(Expr call)
        {
            string text = Emitting.ExpressionPrinter.Print(call).Replace("global::System.", string.Empty);
            if (call is DifferentiableCall { Callee.ContainingType: var type } && type.StartsWith("global::", System.StringComparison.Ordinal))
            {
                text = text.Replace(type + ".", type.Substring(System.Math.Max(type.LastIndexOf('.'), "global:".Length) + 1) + ".");
            }

            return text;
        }

        /// <summary>Whether <paramref name="call"/> is a call of a method whose user derivative takes its result.</summary>
        private static bool IsOfResult(Expr call) => call is DifferentiableCall { Callee.Derivative: CalleeDerivative.OfResult };

        /// <summary>Returns the function with such values named; the same function when there are none.</summary>
        public static Function Bind(Function function)
        {
            var activity = ActivityAnalysis.Run(function);
            var names = new NameAllocator(function.Parameters.Concat(function.Locals).Select(v => v.Name));
            var locals = new List<Variable>(function.Locals);
            Block body = BindBlock(function.Body, activity, names, locals);
            return locals.Count == function.Locals.Count ? function : function with { Body = body, Locals = locals.ToEquatableArray() };
        }

        private static Block BindBlock(Block block, ActivityAnalysis activity, NameAllocator names, List<Variable> locals)
        {
            var output = new List<Stmt>();
            foreach (Stmt stmt in block.Statements)
            {
                switch (stmt)
                {
                    case Assign a when activity.IsActive(IrQueries.TargetName(a.Target)):
                        output.Add(a with { Value = Bind(a.Value, stmt, activity, names, locals, output) });
                        break;
                    case Declare { Initializer: { } initializer } d when activity.IsActive(d.Variable):
                        output.Add(d with { Initializer = Bind(initializer, stmt, activity, names, locals, output) });
                        break;
                    case If i:
                        output.Add(i with { Then = BindBlock(i.Then, activity, names, locals), Else = BindBlock(i.Else, activity, names, locals) });
                        break;
                    case For f:
                        output.Add(f with { Body = BindBlock(f.Body, activity, names, locals) });
                        break;
                    case While w:
                        output.Add(w with { Body = BindBlock(w.Body, activity, names, locals) });
                        break;
                    default:
                        output.Add(stmt);
                        break;
                }
            }

            return new Block(output.ToEquatableArray());
        }

        private static Expr Bind(Expr value, Stmt stmt, ActivityAnalysis activity, NameAllocator names, List<Variable> locals, List<Stmt> output)
        {
            if (IrQueries.Subexpressions(value).Any(e => (e is DifferentiableCall && !IsOfResult(e)) || e is OpaqueCall { IsInvocation: true }))
            {
                return value;
            }

            var bound = new Dictionary<Expr, VarRef>();

            // A call that is the whole value is not named: the reverse sweep reads it from the assignment's target.
            return value is MathCall or DifferentiableCall ? IrQueries.MapChildren(value, Rewrite) : Rewrite(value);

            Expr Rewrite(Expr expr)
            {
                switch (expr)
                {
                    case MathCall or DifferentiableCall when RuleReadsResult(expr, activity):
                        {
                            Expr call = IrQueries.MapChildren(expr, Rewrite);
                            if (!bound.TryGetValue(call, out VarRef? local))
                            {
                                string stem = call is MathCall named ? named.Function.ToString() : ((DifferentiableCall)call).Callee.Name;
                                string name = names.Reserve(char.ToLowerInvariant(stem[0]) + stem.Substring(1));
                                local = new VarRef(name, call.Type);
                                locals.Add(new Variable(name, call.Type, VariableRole.Local));
                                string text = SourceText(call);
                                output.Add(new Declare(name, call, $"{Emitting.ExpressionPrinter.Keyword(call.Type.Scalar)} {name} = {text};", stmt.Location));
                                bound[call] = local;
                            }

                            return local;
                        }

                    case Conditional or ElementRef or LengthOf:
                        // A conditional's branches may not run; indices and lengths are integers.
                        return expr;

                    default:
                        return IrQueries.MapChildren(expr, Rewrite);
                }
            }
        }
    }
}
