using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Backprop.Generators.Ir;
using Backprop.Generators.Model;

namespace Backprop.Generators.Differentiation
{
    /// <summary>
    /// Rewrites every early exit (return, break, continue) into structured code, so that the reverse sweep sees
    /// straight-line code, branches and loops only.
    /// </summary>
    /// <remarks>
    /// <para>All three follow one rule: the statements after a branch that may exit run only on the paths that did
    /// not, so they move into both branches, where the exit cuts them off:
    /// <c>if (c) return a; rest; return b;</c> becomes <c>if (c) result = a; else { rest; result = b; }</c>.</para>
    /// <para>A <c>break</c> also sets a flag that the loop's condition tests; a <c>return</c> inside a loop sets the
    /// result and a flag that every enclosing loop tests, and guards what follows each loop. A <c>for</c> loop with
    /// such a flag becomes a <c>while</c> loop over its counter, which the reverse sweep replays by count.</para>
    /// </remarks>
    internal static class Lowering
    {
        public const string ResultBaseName = "result";

        public static Function? Lower(Function function, List<DiagnosticInfo> diagnostics)
        {
            var context = new Context(function);
            Block body = context.LowerBlock(FoldConstantBranches(function.Body).Statements.ToList(), null, out _);
            if (context.ReturnedFlag is not null)
            {
                body = new Block(new Stmt[] { new Declare(context.ReturnedFlag, Literal.Of(0, ScalarKind.Bool), "bool returned = false;", null) }.Concat(body.Statements).ToEquatableArray());
            }

            return function with { Body = body, Locals = context.Locals.ToEquatableArray() };
        }

        /// <summary>
        /// Replaces each <c>if</c> whose condition is a constant (the parser folds constant expressions) by the branch
        /// it always takes, before anything else looks at the body: the generated code then holds no branch C# calls
        /// unreachable, and an exit in the branch never taken is not an exit.
        /// </summary>
        private static Block FoldConstantBranches(Block block)
        {
            var output = new List<Stmt>();
            foreach (Stmt stmt in block.Statements)
            {
                switch (stmt)
                {
                    case If { Condition: Literal constant } i:
                        output.AddRange(FoldConstantBranches(constant.Value != 0 ? i.Then : i.Else).Statements);
                        break;
                    case If i:
                        output.Add(i with { Then = FoldConstantBranches(i.Then), Else = FoldConstantBranches(i.Else) });
                        break;
                    case For f:
                        output.Add(f with { Body = FoldConstantBranches(f.Body) });
                        break;
                    case While w:
                        output.Add(w with { Body = FoldConstantBranches(w.Body) });
                        break;
                    default:
                        output.Add(stmt);
                        break;
                }
            }

            return new Block(output.ToEquatableArray());
        }

        private sealed class LoopContext
        {
            public string? BreakFlag { get; set; }
        }

        private sealed class Context
        {
            private readonly HashSet<string> _names;
            private readonly IrType? _returnType;
            private readonly string? _result;

            public Context(Function function)
            {
                _names = new HashSet<string>(function.Parameters.Select(p => p.Name).Concat(function.Locals.Select(l => l.Name)));
                _returnType = function.ReturnType;
                Locals = function.Locals.ToList();
                if (function.ReturnType is not null)
                {
                    _result = Fresh(ResultBaseName);
                    Locals.Add(new Variable(_result, function.ReturnType, VariableRole.Result));
                }
            }

            public List<Variable> Locals { get; }

            /// <summary>The flag a return inside a loop sets, or null when no return is inside a loop.</summary>
            public string? ReturnedFlag { get; private set; }

            public Block LowerBlock(List<Stmt> statements, LoopContext? loop, out bool alwaysExits)
            {
                var output = new List<Stmt>();
                alwaysExits = false;
                for (int k = 0; k < statements.Count; k++)
                {
                    Stmt stmt = statements[k];
                    List<Stmt> Rest() => statements.Skip(k + 1).Select(Copy).ToList();
                    switch (stmt)
                    {
                        case Return r:
                            if (_returnType is not null)
                            {
                                output.Add(new Assign(new VarRef(_result!, _returnType), r.Value, r.Source, r.Location));
                            }

                            if (loop is not null)
                            {
                                output.Add(SetFlag(ReturnedFlag ??= NewFlag("returned"), r));
                            }

                            alwaysExits = true;
                            return Done(output);

                        case Break b:
                            output.Add(SetFlag(loop!.BreakFlag ??= NewFlag("exitLoop"), b));
                            alwaysExits = true;
                            return Done(output);

                        case Continue:
                            alwaysExits = true;
                            return Done(output);

                        case If i when MayExit(i.Then) || MayExit(i.Else):
                            {
                                Block then = LowerBlock(i.Then.Statements.Concat(Rest()).ToList(), loop, out bool thenExits);
                                Block otherwise = LowerBlock(i.Else.Statements.Concat(Rest()).ToList(), loop, out bool elseExits);
                                output.Add(i with { Then = then, Else = otherwise });
                                alwaysExits = thenExits && elseExits;
                                return Done(output);
                            }

                        case If i:
                            output.Add(i with { Then = LowerBlock(i.Then.Statements.ToList(), loop, out _), Else = LowerBlock(i.Else.Statements.ToList(), loop, out _) });
                            break;

                        case For or While:
                            {
                                bool mayReturn = IrQueries.AllStatements(new Block(new[] { stmt }.ToEquatableArray())).Any(s => s is Return);
                                output.AddRange(LowerLoop(stmt));
                                if (mayReturn)
                                {
                                    // What follows the loop runs only if the loop did not return.
                                    Block rest = LowerBlock(Rest(), loop, out _);
                                    // (The flag may not exist yet: a return that follows a break or continue is never
                                    // reached, so nothing sets it; it then stays false.)
                                    Expr notReturned = new Unary(UnaryOp.Not, new VarRef(ReturnedFlag ??= NewFlag("returned"), IrType.Bool), IrType.Bool);
                                    if (rest.Statements.Count > 0)
                                    {
                                        output.Add(new If(notReturned, rest, Block.Empty, "if (!returned)", stmt.Location));
                                    }

                                    return Done(output);
                                }

                                break;
                            }

                        default:
                            output.Add(stmt);
                            break;
                    }
                }

                return Done(output);
            }

            private IEnumerable<Stmt> LowerLoop(Stmt stmt)
            {
                var loop = new LoopContext();
                if (stmt is While w)
                {
                    Block body = LowerBlock(w.Body.Statements.ToList(), loop, out _);
                    Expr condition = Guard(w.Condition, loop);
                    if (loop.BreakFlag is not null)
                    {
                        yield return new Declare(loop.BreakFlag, Literal.Of(0, ScalarKind.Bool), $"bool {loop.BreakFlag} = false;", w.Location);
                    }

                    yield return w with { Condition = condition, Body = body };
                    yield break;
                }

                var f = (For)stmt;
                Block forBody = LowerBlock(f.Body.Statements.ToList(), loop, out _);
                bool returns = IrQueries.AllStatements(f.Body).Any(s => s is Return);
                if (loop.BreakFlag is null && !returns)
                {
                    // Only continue: the body already skips the rest, and the header still counts.
                    yield return f with { Body = forBody };
                    yield break;
                }

                // The loop can stop early: it becomes a while loop over its own copy of the counter.
                string counter = Fresh(f.Counter);
                Locals.Add(new Variable(counter, IrType.Int, VariableRole.Local));
                forBody = IrRewriter.Rename(forBody, f.Counter, counter);
                var counterRef = new VarRef(counter, IrType.Int);
                Expr test = Guard(new Binary(f.Comparison, counterRef, f.End, IrType.Bool), loop);
                var step = new Assign(counterRef, new Binary(f.Step > 0 ? BinaryOp.Add : BinaryOp.Subtract, counterRef, Literal.Of(1, ScalarKind.Int), IrType.Int), f.Step > 0 ? $"{counter}++;" : $"{counter}--;", f.Location);
                if (loop.BreakFlag is not null)
                {
                    yield return new Declare(loop.BreakFlag, Literal.Of(0, ScalarKind.Bool), $"bool {loop.BreakFlag} = false;", f.Location);
                }

                yield return new Declare(counter, f.Start, $"int {counter} = {Emitting.ExpressionPrinter.Print(f.Start)};", f.Location);
                yield return new While(test, new Block(forBody.Statements.Concat(new[] { step }).ToEquatableArray()), false, f.Source, f.Location);
            }

            /// <summary>
            /// Adds the break and return flags to a loop's condition, before it: after a <c>break</c>, C# does not
            /// evaluate the condition again, and neither may the gradient (it could throw where the method does not).
            /// </summary>
            private Expr Guard(Expr condition, LoopContext loop)
            {
                foreach (string? flag in new[] { loop.BreakFlag, ReturnedFlag })
                {
                    if (flag is not null)
                    {
                        condition = new Binary(BinaryOp.And, new Unary(UnaryOp.Not, new VarRef(flag, IrType.Bool), IrType.Bool), condition, IrType.Bool);
                    }
                }

                return condition;
            }

            private static Block Done(List<Stmt> output) => new Block(output.ToEquatableArray());

            /// <summary>Whether a block may leave by return, or by break or continue of the loop around it.</summary>
            private static bool MayExit(Block block)
            {
                foreach (Stmt stmt in block.Statements)
                {
                    switch (stmt)
                    {
                        case Return or Break or Continue:
                            return true;
                        case If i when MayExit(i.Then) || MayExit(i.Else):
                            return true;
                        case For or While when IrQueries.AllStatements(new Block(new[] { stmt }.ToEquatableArray())).Any(s => s is Return):
                            return true;
                    }
                }

                return false;
            }

            private Stmt SetFlag(string flag, Stmt at) => new Assign(new VarRef(flag, IrType.Bool), Literal.Of(1, ScalarKind.Bool), at.Source, at.Location);

            private string NewFlag(string baseName)
            {
                string name = Fresh(baseName);
                Locals.Add(new Variable(name, IrType.Bool, VariableRole.Local));
                return name;
            }

            private string Fresh(string baseName)
            {
                string name = baseName;
                for (int suffix = 2; !_names.Add(name); suffix++)
                {
                    name = baseName + suffix.ToString(CultureInfo.InvariantCulture);
                }

                return name;
            }

            /// <summary>A deep copy, so that a statement moved into two branches is two distinct nodes.</summary>
            private static Stmt Copy(Stmt stmt) => stmt switch
            {
                If i => i with { Then = Copy(i.Then), Else = Copy(i.Else) },
                For f => f with { Body = Copy(f.Body) },
                While w => w with { Body = Copy(w.Body) },
                _ => stmt with { },
            };

            private static Block Copy(Block block) => new Block(block.Statements.Select(Copy).ToEquatableArray());
        }
    }
}
