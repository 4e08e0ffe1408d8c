using System.Collections.Generic;
using System.Linq;
using Backprop.Generators.Ir;
using Backprop.Generators.Model;

namespace Backprop.Generators.Differentiation
{
    /// <summary>
    /// Moves the loop-invariant part of element indices out of generated <c>for</c> loops:
    /// <c>icfGrad[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1]</c> inside <c>for (j …)</c> becomes
    /// <c>icfGrad[jBase + j]</c> after <c>int jBase = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;</c>.
    /// </summary>
    /// <remarks>
    /// <para>Why: the JIT does not hoist these itself in large generated methods. In the GMM's reverse sweep the
    /// triangular product's index (a multiplication, a division and five additions) was computed twice per inner
    /// iteration, with its inputs reloaded from the stack; hoisting it took gmm-d10-K25's gradient from about
    /// 6.4 to 4.6 ms in a hand-edited copy.</para>
    /// <para>Why it is exact: an index is split at its top-level <c>+</c> and <c>-</c> into signed terms; a term is
    /// invariant when it is integer arithmetic (<c>+ - *</c>, unary <c>-</c>, and <c>/ %</c> by a literal other than
    /// 0 and −1) over literals and <c>int</c> variables that nothing in the loop writes (the loop's own counter, the
    /// counters and locals of nested loops and blocks, targets of assignments, and every name a raw statement or
    /// call mentions count as written). Integer addition wraps, so any regrouping of the terms gives the same
    /// index. The hoisted value is computed once before the loop, even when the loop runs no iteration; the allowed
    /// operations cannot throw in an unchecked context, so that changes nothing either. In a project compiled with
    /// overflow checking they can (before a loop that runs no iteration, or in a regrouped partial sum), so there
    /// nothing is hoisted (<see cref="Function.CheckedArithmetic"/>).</para>
    /// </remarks>
    internal static class LoopInvariantIndices
    {
        // The operations an index's invariant part must cost before it gets a local of its own.
        private const int MinimumCost = 4;

        /// <summary>Rewrites every <c>for</c> loop in <paramref name="code"/>, at any depth.</summary>
        /// <param name="code">Generated statements (a sweep).</param>
        /// <param name="names">The method's name allocator, which knows every name the generated method declares; hoisted locals get fresh names from it.</param>
        /// <returns>The rewritten statements.</returns>
        public static List<GStmt> Hoist(IReadOnlyList<GStmt> code, NameAllocator names)
            => GeneratedCode.RewriteForLoops(code, (loop, output) =>
            {
                List<GLocal> hoisted = Hoister.HoistOutOf(loop, names, out GFor rewritten);

                // Above the comment that quotes the loop, so that the comment stays next to it. Inner loops were
                // rewritten first: what they hoisted is in this loop's body, and goes no further (a GLocal in the body
                // counts as written by it).
                int at = output.Count;
                while (at > 0 && output[at - 1] is GComment)
                {
                    at--;
                }

                output.InsertRange(at, hoisted);
                output.Add(rewritten);
            });

        /// <summary>The names the statements may write (see <see cref="Hoister.Written"/>).</summary>
        internal static HashSet<string> WrittenIn(GFor loop)
        {
            var written = new HashSet<string> { loop.Counter };
            Hoister.Written(loop.Body, written);
            return written;
        }

        /// <summary>The names statements may write (see <see cref="Hoister.Written"/>), without a loop's own counter.</summary>
        internal static HashSet<string> WrittenIn(IReadOnlyList<GStmt> code)
        {
            var written = new HashSet<string>();
            Hoister.Written(code, written);
            return written;
        }

        /// <summary>Integer arithmetic that cannot throw over literals and variables the loop does not write.</summary>
        internal static bool IsInvariant(Expr expr, HashSet<string> written) => Hoister.IsInvariant(expr, written);

        private static class Hoister
        {
            /// <summary>The declarations to put before the loop; <paramref name="rewritten"/> is the loop reading them.</summary>
            public static List<GLocal> HoistOutOf(GFor loop, NameAllocator names, out GFor rewritten)
            {
                HashSet<string> written = WrittenIn(loop);
                var hoisted = new List<GLocal>();
                var byText = new Dictionary<string, string>();
                Expr Index(Expr index)
                {
                    if (index.Type.Scalar != ScalarKind.Int || index.Type.IsSequence)
                    {
                        return index;
                    }

                    var terms = new List<(Expr Term, bool Negative)>();
                    Flatten(index, false, terms);
                    List<(Expr Term, bool Negative)> invariant = terms.Where(t => IsInvariant(t.Term, written)).ToList();
                    // A multiplication or two are left to the JIT: a local per cheap index costs registers in a
                    // large method (gmm-d2-K5 was 10% slower hoisting ik * d out of loops over two elements).
                    if (invariant.Sum(t => Cost(t.Term)) + invariant.Count - 1 < MinimumCost)
                    {
                        return index;
                    }

                    Expr value = Combine(invariant)!;
                    string text = Emitting.ExpressionPrinter.Print(value);
                    if (!byText.TryGetValue(text, out string? name))
                    {
                        name = names.Reserve(loop.Counter + "Base");
                        byText[text] = name;
                        hoisted.Add(new GLocal(IrType.Int, name, value));
                    }

                    var rest = new List<(Expr Term, bool Negative)> { (new VarRef(name, IrType.Int), false) };
                    rest.AddRange(terms.Where(t => !IsInvariant(t.Term, written)));
                    return Combine(rest)!;
                }

                rewritten = loop with { Body = RewriteIndices(loop.Body, Index) };
                return hoisted;
            }

            /// <summary>Applies <paramref name="index"/> to every element index in the statements, nested loops included.</summary>
            private static List<GStmt> RewriteIndices(IReadOnlyList<GStmt> code, System.Func<Expr, Expr> index)
            {
                Expr E(Expr expr) => RewriteExpr(expr, index);
                List<GStmt> All(IReadOnlyList<GStmt> list) => RewriteIndices(list, index);
                return code.Select(stmt => stmt switch
                {
                    GLocal l => l with { Value = E(l.Value) },
                    GAssign a => a with { Target = E(a.Target), Value = E(a.Value) },
                    GCall c => c with { Call = E(c.Call) },
                    GBlock b => new GBlock(All(b.Statements)),
                    GIf i => i with { Condition = i.Condition is null ? null : E(i.Condition), Then = All(i.Then), Else = All(i.Else) },
                    GFor f => f with { Start = E(f.Start), End = E(f.End), Body = All(f.Body) },
                    GWhile w => w with { Condition = E(w.Condition), Body = All(w.Body) },
                    GCountedLoop c => c with { Body = All(c.Body) },
                    _ => stmt,
                }).ToList();
            }

            private static Expr RewriteExpr(Expr expr, System.Func<Expr, Expr> index)
            {
                Expr inner = IrQueries.MapChildren(expr, e => RewriteExpr(e, index));
                return inner is ElementRef e
                    ? e with { Index = index(e.Index), Index2 = e.Index2 is null ? null : index(e.Index2) }
                    : inner;
            }

            /// <summary>The names the statements may write: assignment targets, declared locals, loop counters, and every name in raw text or a call.</summary>
            internal static void Written(IReadOnlyList<GStmt> code, HashSet<string> into)
            {
                foreach (GStmt stmt in GeneratedCode.Flattened(code))
                {
                    switch (stmt)
                    {
                        case GAssign { Target: VarRef v }:
                            into.Add(v.Name);
                            break;
                        case GAssign { Target: ElementRef e }:
                            into.Add(e.Array);
                            break;
                        case GCall c:
                            // A call could take a variable by reference.
                            IrQueries.AllReads(c.Call, into);
                            break;
                        default:
                            GeneratedCode.NamesOf(stmt, into);
                            break;
                    }
                }
            }

            private static void Flatten(Expr expr, bool negative, List<(Expr, bool)> terms)
            {
                if (expr is Binary { Op: BinaryOp.Add or BinaryOp.Subtract } b && b.Type.Scalar == ScalarKind.Int && !b.Type.IsSequence)
                {
                    Flatten(b.Left, negative, terms);
                    Flatten(b.Right, b.Op == BinaryOp.Subtract ? !negative : negative, terms);
                }
                else
                {
                    terms.Add((expr, negative));
                }
            }

            /// <summary>Integer arithmetic that cannot throw (unchecked) over literals and variables the loop does not write.</summary>
            internal static bool IsInvariant(Expr expr, HashSet<string> written)
            {
                if (expr.Type.Scalar != ScalarKind.Int || expr.Type.IsSequence)
                {
                    return false;
                }

                return expr switch
                {
                    Literal => true,
                    VarRef v => !written.Contains(v.Name),
                    Unary { Op: UnaryOp.Negate } u => IsInvariant(u.Operand, written),
                    Binary { Op: BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply } b => IsInvariant(b.Left, written) && IsInvariant(b.Right, written),
                    Binary { Op: BinaryOp.Divide or BinaryOp.Remainder, Right: Literal { Value: not 0 and not -1 } } b => IsInvariant(b.Left, written),
                    _ => false,
                };
            }

            /// <summary>Operations in an invariant term, a division or remainder counting as three.</summary>
            private static int Cost(Expr expr) => expr switch
            {
                Binary { Op: BinaryOp.Divide or BinaryOp.Remainder } b => 3 + Cost(b.Left) + Cost(b.Right),
                Binary b => 1 + Cost(b.Left) + Cost(b.Right),
                Unary u => 1 + Cost(u.Operand),
                _ => 0,
            };

            /// <summary>The signed terms added up left to right (a leading negative term is negated).</summary>
            private static Expr? Combine(List<(Expr Term, bool Negative)> terms)
            {
                Expr? sum = null;
                foreach ((Expr term, bool negative) in terms)
                {
                    sum = sum is null
                        ? (negative ? new Unary(UnaryOp.Negate, term, IrType.Int) : term)
                        : new Binary(negative ? BinaryOp.Subtract : BinaryOp.Add, sum, term, IrType.Int);
                }

                return sum;
            }
        }
    }
}
