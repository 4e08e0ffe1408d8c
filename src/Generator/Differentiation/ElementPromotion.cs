using System.Collections.Generic;
using System.Linq;
using Backprop.Generators.Differentiation.Regions;
using Backprop.Generators.Ir;
using Backprop.Generators.Model;

namespace Backprop.Generators.Differentiation
{
    /// <summary>
    /// Keeps the elements of the method's own arrays that one iteration of a loop reads and writes several times in
    /// locals for that iteration: the LSTM cell's reverse
    /// <c>for (j …) { stateAdj[h + j] += …; … stateAdj[h + b + j] += stateAdj[h + j] * …; … }</c> becomes
    /// <c>for (j …) { double stateAdjElement = stateAdj[h + j]; double stateAdjElement2 = stateAdj[h + b + j]; …
    /// stateAdj[h + j] = stateAdjElement; stateAdj[h + b + j] = stateAdjElement2; }</c>.
    /// </summary>
    /// <remarks>
    /// <para>Why: each <c>+=</c> into an element is a load and a store, and the JIT keeps neither in a register
    /// across the stores into other arrays of the iteration, which it cannot tell apart from them. In the LSTM
    /// benchmark's reverse sweep, three elements per unit are read and written eleven times; keeping them in locals
    /// took the gradient from 1.96–2.05 to 1.85–1.92 ms in a hand-edited copy (docs/benchmarks.md, "Ninth
    /// round").</para>
    /// <para>Why it is exact: every value goes through the local in the same order of operations, so each element
    /// ends with the same bits. It applies only when nothing else can see an element during the iteration: the array
    /// is the method's own (which no parameter can alias, and which nothing outside the method sees, even after an
    /// exception), every mention of it in the body is an element access at the top level of the body or of plain
    /// blocks in it (not in an <c>if</c>, an inner loop, a branch of <c>?:</c>, the right of <c>&amp;&amp;</c> or
    /// <c>||</c>, a call statement or a raw statement; an array passed whole to a call is not an element access), each index is integer arithmetic that cannot throw over
    /// variables the body does not write, and any two different indices are proven different, for every value of
    /// the counter the loop runs through (see <see cref="Distinct"/>). Every such access runs in every iteration,
    /// so reading the element at the top of the body reads an element the iteration would read or write anyway.
    /// An element the body only reads gets no store.</para>
    /// </remarks>
    internal static class ElementPromotion
    {
        // The uses an element needs in an iteration to get a local: read and cleared (the usual reverse of an
        // assignment) is a load and a store either way.
        private const int MinimumUses = 3;

        /// <summary>Rewrites every <c>for</c> loop in <paramref name="code"/>, at any depth.</summary>
        /// <param name="code">Generated statements (a sweep).</param>
        /// <param name="privateArrays">Arrays and spans the method allocated itself, which nothing else aliases.</param>
        /// <param name="names">The method's name allocator, which knows every name the generated method declares.</param>
        /// <returns>The rewritten statements.</returns>
        public static List<GStmt> Promote(IReadOnlyList<GStmt> code, ISet<string> privateArrays, NameAllocator names)
            => GeneratedCode.RewriteForLoops(code, (loop, output) => output.Add(PromoteIn(loop, privateArrays, names)));

        private static GFor PromoteIn(GFor loop, ISet<string> privateArrays, NameAllocator names)
        {
            // Where each array is accessed: the distinct indices in order of first use, and how often; arrays seen
            // anywhere an access might not run (or might be hidden) are left out.
            var accesses = new Dictionary<string, List<(ElementRef Element, int Count, bool Written)>>();
            var excluded = new HashSet<string>();
            foreach (GStmt stmt in loop.Body)
            {
                Collect(stmt, accesses, excluded);
            }

            HashSet<string> written = LoopInvariantIndices.WrittenIn(loop.Body);
            Dictionary<string, int> mentions = GeneratedCode.CountMentions(loop.Body);
            CounterRange? range = RangeOf(loop, written);
            var locals = new Dictionary<ElementRef, string>();
            var before = new List<GStmt>();
            var after = new List<GStmt>();
            foreach (KeyValuePair<string, List<(ElementRef Element, int Count, bool Written)>> array in accesses.OrderBy(a => a.Key, System.StringComparer.Ordinal))
            {
                List<(ElementRef Element, int Count, bool Written)> elements = array.Value;
                bool qualifies = privateArrays.Contains(array.Key)
                    && !excluded.Contains(array.Key)
                    && mentions[array.Key] == elements.Sum(e => e.Count)
                    && elements.All(e => e.Element.Index2 is null && !e.Element.Jagged && !e.Element.Type.IsSequence
                        && LoopInvariantIndices.IsInvariant(e.Element.Index, written))
                    && elements.SelectMany((e, i) => elements.Skip(i + 1), (a, b) => Distinct(a.Element.Index, b.Element.Index, written, range)).All(d => d);
                if (!qualifies)
                {
                    continue;
                }

                foreach ((ElementRef element, int count, bool isWritten) in elements.Where(e => e.Count >= MinimumUses))
                {
                    string name = names.Reserve(element.Array + "Element");
                    locals[element] = name;
                    before.Add(new GLocal(element.Type, name, element));
                    if (isWritten)
                    {
                        after.Add(new GAssign(element, new VarRef(name, element.Type), Accumulate: false));
                    }
                }
            }

            if (locals.Count == 0)
            {
                return loop;
            }

            string list = string.Join(", ", locals.Keys.Select(Emitting.ExpressionPrinter.Print));
            var body = new List<GStmt> { new GComment($"Used several times in each iteration, kept in locals for it: {list}.") };
            body.AddRange(before);
            body.AddRange(loop.Body.Select(s => Rewrite(s, locals)));
            body.AddRange(after);
            return loop with { Body = body };
        }

        /// <summary>Records the element accesses of a statement; arrays mentioned where an access may not run are excluded.</summary>
        private static void Collect(GStmt stmt, Dictionary<string, List<(ElementRef Element, int Count, bool Written)>> accesses, HashSet<string> excluded)
        {
            switch (stmt)
            {
                case GBlock block:
                    foreach (GStmt inner in block.Statements)
                    {
                        Collect(inner, accesses, excluded);
                    }

                    break;
                case GLocal local:
                    CollectExpr(local.Value, accesses, excluded, unconditional: true);
                    break;
                case GAssign assign:
                    if (assign.Target is ElementRef target)
                    {
                        Note(target, accesses, written: true);
                        CollectExpr(target.Index, accesses, excluded, unconditional: true);
                    }

                    CollectExpr(assign.Value, accesses, excluded, unconditional: true);
                    break;
                case GComment or GBlankLine:
                    break;
                default:
                    // An if, a loop, a call statement or raw text: whatever it mentions stays as it is.
                    foreach (string name in GeneratedCode.CountMentions(new[] { stmt }).Keys)
                    {
                        excluded.Add(name);
                    }

                    break;
            }
        }

        private static void CollectExpr(Expr expr, Dictionary<string, List<(ElementRef Element, int Count, bool Written)>> accesses, HashSet<string> excluded, bool unconditional)
        {
            switch (expr)
            {
                case ElementRef element when unconditional:
                    Note(element, accesses, written: false);
                    CollectExpr(element.Index, accesses, excluded, unconditional);
                    if (element.Index2 is not null)
                    {
                        CollectExpr(element.Index2, accesses, excluded, unconditional);
                    }

                    return;
                case ElementRef element:
                    excluded.Add(element.Array);
                    break;
                case LengthOf length:
                    excluded.Add(length.Array);
                    break;
                case VarRef variable:
                    // An array passed whole (to a call) may be read or written through it.
                    excluded.Add(variable.Name);
                    break;
                case Conditional conditional:
                    CollectExpr(conditional.Condition, accesses, excluded, unconditional);
                    CollectExpr(conditional.WhenTrue, accesses, excluded, unconditional: false);
                    CollectExpr(conditional.WhenFalse, accesses, excluded, unconditional: false);
                    return;
                case Binary { Op: BinaryOp.And or BinaryOp.Or } logical:
                    CollectExpr(logical.Left, accesses, excluded, unconditional);
                    CollectExpr(logical.Right, accesses, excluded, unconditional: false);
                    return;
            }

            foreach (Expr child in IrQueries.Children(expr))
            {
                CollectExpr(child, accesses, excluded, unconditional);
            }
        }

        private static void Note(ElementRef element, Dictionary<string, List<(ElementRef Element, int Count, bool Written)>> accesses, bool written)
        {
            if (!accesses.TryGetValue(element.Array, out List<(ElementRef Element, int Count, bool Written)>? elements))
            {
                elements = new List<(ElementRef Element, int Count, bool Written)>();
                accesses[element.Array] = elements;
            }

            int at = elements.FindIndex(e => e.Element.Equals(element));
            if (at < 0)
            {
                elements.Add((element, 1, written));
            }
            else
            {
                elements[at] = (element, elements[at].Count + 1, elements[at].Written || written);
            }
        }

        private static GStmt Rewrite(GStmt stmt, Dictionary<ElementRef, string> locals)
        {
            Expr Map(Expr expr) => expr is ElementRef e && locals.TryGetValue(e, out string? name)
                ? new VarRef(name, e.Type)
                : IrQueries.MapChildren(expr, Map);
            return stmt switch
            {
                GBlock block => new GBlock(block.Statements.Select(s => Rewrite(s, locals)).ToList()),
                GLocal local => local with { Value = Map(local.Value) },
                GAssign assign => assign with { Target = Map(assign.Target), Value = Map(assign.Value) },
                _ => stmt,
            };
        }

        /// <summary>
        /// Whether two indices differ for every value the loop's counter takes: their difference is a constant other
        /// than 0, or plus or minus one variable that the loop's range proves at least 1 (or at most −1). Either way
        /// the difference is not a multiple of 2³², so the indices differ even where int arithmetic wraps.
        /// </summary>
        private static bool Distinct(Expr first, Expr second, HashSet<string> written, CounterRange? range)
        {
            if (ToPolynomial(first) is not { } a || ToPolynomial(second) is not { } b)
            {
                return false;
            }

            Polynomial difference;
            try
            {
                difference = a.Minus(b);
            }
            catch (System.OverflowException)
            {
                return false;
            }

            List<(IReadOnlyList<string> Factors, long Coefficient)> terms = difference.Terms.ToList();
            if (terms.Count == 1 && terms[0].Factors.Count == 0)
            {
                return terms[0].Coefficient is not 0 and > -(1L << 32) and < 1L << 32;
            }

            if (terms.Count != 1 || terms[0].Factors.Count != 1 || terms[0].Coefficient is not (1 or -1) || range is null
                || written.Contains(terms[0].Factors[0]))
            {
                return false;
            }

            // |difference| ≥ 1: difference − 1 ≥ 0 or −difference − 1 ≥ 0.
            var ranges = new[] { range };
            var none = new List<Polynomial>();
            return IndexProver.NonNegative(difference.Plus(-1), ranges, none)
                || IndexProver.NonNegative(difference.Times(Polynomial.Constant(-1)).Plus(-1), ranges, none);
        }

        /// <summary>
        /// The counter's range, <c>Start ≤ counter &lt; End</c>, for a loop that steps by one after each iteration and
        /// whose bounds the body does not change. The prover counts in integers, so the bounds must be the values the
        /// loop uses, without wrapping: a literal or a variable each, or, for a reversed loop that the generator
        /// guards with <see cref="GFor.RunsIf"/> (<c>if (0 &lt; b)</c>), a start one below a literal or a variable
        /// (<c>b - 1</c>, which the guard keeps from wrapping).
        /// </summary>
        private static CounterRange? RangeOf(GFor loop, HashSet<string> written)
        {
            static bool IsAtom(Expr bound) => bound is Literal or VarRef;
            bool startHolds = IsAtom(loop.Start)
                || (loop.Step < 0 && loop.RunsIf is not null && loop.Start is Binary { Op: BinaryOp.Subtract, Right: Literal { Value: 1 } } below && IsAtom(below.Left));
            if (loop.StepsFirst || written.Contains(loop.Counter) || !startHolds || !IsAtom(loop.End)
                || ToPolynomial(loop.Start) is not { } start || ToPolynomial(loop.End) is not { } end
                || start.Variables.Concat(end.Variables).Any(written.Contains))
            {
                return null;
            }

            return (loop.Step, loop.Comparison) switch
            {
                (1, BinaryOp.Less) => new CounterRange(loop.Counter, start, end),
                (1, BinaryOp.LessOrEqual) => new CounterRange(loop.Counter, start, end.Plus(1)),
                (-1, BinaryOp.GreaterOrEqual) => new CounterRange(loop.Counter, end, start.Plus(1)),
                (-1, BinaryOp.Greater) => new CounterRange(loop.Counter, end.Plus(1), start.Plus(1)),
                _ => null,
            };
        }

        /// <summary>
        /// An index as a polynomial over its variables, when it is made of literals, variables, <c>+ - *</c> and
        /// negation, and small enough to reason about (<see cref="Polynomial"/> throws past its limits).
        /// </summary>
        private static Polynomial? ToPolynomial(Expr expr)
        {
            try
            {
                return Convert(expr);
            }
            catch (System.OverflowException)
            {
                return null;
            }
        }

        private static Polynomial? Convert(Expr expr)
        {
            if (expr.Type.Scalar != ScalarKind.Int || expr.Type.IsSequence)
            {
                return null;
            }

            switch (expr)
            {
                case Literal literal when literal.Value == System.Math.Floor(literal.Value) && System.Math.Abs(literal.Value) < 1e9:
                    return Polynomial.Constant((long)literal.Value);
                case VarRef variable:
                    return Polynomial.Variable(variable.Name);
                case Unary { Op: UnaryOp.Negate } negation:
                    return Convert(negation.Operand)?.Times(Polynomial.Constant(-1));
                case Binary { Op: BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply } binary
                    when Convert(binary.Left) is { } left && Convert(binary.Right) is { } right:
                    return binary.Op switch
                    {
                        BinaryOp.Add => left.Plus(right),
                        BinaryOp.Subtract => left.Minus(right),
                        _ => left.Times(right),
                    };
                default:
                    return null;
            }
        }
    }
}
