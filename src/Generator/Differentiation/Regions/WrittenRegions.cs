using System.Collections.Generic;
using System.Linq;
using Backprop.Generators.Ir;

namespace Backprop.Generators.Differentiation.Regions
{
    /// <summary>
    /// Proves that one iteration of a loop reads only array elements that the same iteration wrote before: then no
    /// iteration passes values to the next through those arrays.
    /// </summary>
    /// <remarks>
    /// <para>Walks the body in order, keeping for each array the intervals <c>[lo, hi)</c> written so far in the
    /// iteration (at least those: an under-approximation), each valid when its guards are non-negative. A write
    /// <c>a[e] = …</c> adds <c>[e, e + 1)</c>. A read <c>a[e]</c> must lie in a chain of adjacent intervals
    /// (<c>[a, b) ∪ [b, c) ⊇ [a, c)</c> holds for any a, b, c), which <see cref="IndexProver"/> shows from the
    /// enclosing loops' ranges; a guard it cannot prove splits the proof into the case where it holds and the case
    /// where it does not.</para>
    /// <para>An inner loop <c>for (v = a; v &lt; b; v++)</c> whose iteration writes <c>[g(v), g(v + 1))</c> has, by
    /// induction, written <c>[g(a), g(v))</c> when iteration v starts, and <c>[g(a), g(b))</c> after it when
    /// <c>a ≤ b</c>: the pieces are adjacent, so their union covers that interval whatever the sign of each piece.
    /// That is the step the layered network needs: layer l reads <c>hidden[(l − 1)·width + i]</c>, inside
    /// <c>[0, width) ∪ [width, l·width)</c>.</para>
    /// <para>A read outside the array throws in the forward method too, so <c>0 ≤ e &lt; length</c> may be assumed.
    /// Indices must be polynomials in the counters and in variables the loop does not assign; anything else (a
    /// division, an index read from an array, a whole array passed to a call) is not proven.</para>
    /// <para>All of this reasons over the integers, but C#'s <c>int</c> arithmetic wraps around: <c>65536 * 65536</c>
    /// is element 0 at run time. Since that arithmetic is exact modulo 2³², a polynomial whose exact value is in the
    /// <c>int</c> range has that value at run time. Each polynomial the proof relies on (indices, lengths, loop
    /// bounds) therefore adds an upper bound of its magnitude, as C# over the variables before the loop
    /// (<see cref="Bounds"/>, <see cref="Rely"/>): the generated code checks that each is below 2³¹.</para>
    /// <para>The work is bounded (<see cref="ProofBudget"/> statement visits and prover questions, and the sizes in
    /// <see cref="Polynomial"/>): a loop that needs more keeps the usual sweeps, so that no shape of loop can make the
    /// generator slow.</para>
    /// </remarks>
    internal sealed class WrittenRegions
    {
        /// <summary>The statement visits and prover questions (answered or remembered) one loop may take before it is given up.</summary>
        public const int ProofBudget = 4000;

        // The intervals an array may have before the loop is given up (a read chains at most three of them).
        private const int MaxIntervals = 12;

        // The largest index polynomials analysed (Polynomial's own, larger limits bound the work on them).
        private const int MaxIndexDegree = 3;
        private const int MaxIndexTerms = 16;

        private readonly HashSet<string> _arrays;
        private readonly HashSet<string> _assignedInLoop;
        private readonly For _loop;
        private readonly Dictionary<string, Expr> _definitions = new Dictionary<string, Expr>();
        private readonly Dictionary<string, Polynomial> _lengths = new Dictionary<string, Polynomial>();
        private readonly HashSet<string> _writtenTwice = new HashSet<string>();
        private readonly Dictionary<string, bool> _proofs = new Dictionary<string, bool>();
        private readonly Dictionary<string, List<string>> _bounds = new Dictionary<string, List<string>>();
        private int _questions;
        private bool _failed;

        private WrittenRegions(Function function, For loop, HashSet<string> arrays)
        {
            _arrays = arrays;
            _loop = loop;
            _assignedInLoop = IrQueries.Assigned(loop.Body);

            // Locals declared once at the top and never written again stand for their definition
            // (lastLayer = (hiddenLayers - 1) * width), so that the prover sees through them, when what the
            // definition reads does not change either.
            HashSet<string> assigned = IrQueries.Assigned(function.Body);
            foreach (KeyValuePair<string, Expr> definition in IrQueries.DefinedOnceAtTop(function.Body))
            {
                if (IrQueries.AllReads(definition.Value).All(n => !assigned.Contains(n) || _definitions.ContainsKey(n)))
                {
                    _definitions[definition.Key] = definition.Value;
                }
            }

            // Arrays allocated once at the top have a known length.
            foreach (DeclareArray array in function.Body.Statements.OfType<DeclareArray>().Where(a => a.Length2 is null && arrays.Contains(a.Variable)))
            {
                var reads = IrQueries.AllReads(array.Length);
                if (reads.All(n => !assigned.Contains(n) || _definitions.ContainsKey(n)) && Convert(array.Length, new List<CounterRange>()) is { } length)
                {
                    _lengths[array.Variable] = length;
                    Rely(length, new List<CounterRange>());
                }
            }
        }

        /// <summary>The arrays no iteration writes twice at one element.</summary>
        public HashSet<string> WrittenOnce { get; private set; } = new HashSet<string>();

        /// <summary>
        /// C# expressions, each of type double, that bound the magnitudes of the polynomials the proof relies on, over
        /// the method's variables as they are before the loop: each must be below 2³¹ (see <see cref="Rely"/>).
        /// </summary>
        public IReadOnlyList<string> Bounds => _bounds
            .Where(b => b.Value.Count > 0 && !_bounds.Any(other => other.Key != b.Key && Includes(other.Value, b.Value)))
            .Select(b => b.Key)
            .OrderBy(b => b, System.StringComparer.Ordinal)
            .ToList();

        /// <summary>Whether every term of bound b is a term of bound a (all terms are non-negative, so a ≥ b).</summary>
        private static bool Includes(List<string> a, List<string> b)
        {
            var remaining = new List<string>(a);
            return b.All(remaining.Remove);
        }

        /// <summary>
        /// Analyses one iteration of <paramref name="loop"/>: null unless every element of <paramref name="arrays"/>
        /// that it reads was written earlier in the same iteration and the arrays are used only element by element.
        /// </summary>
        public static WrittenRegions? Analyse(Function function, For loop, HashSet<string> arrays)
        {
            WrittenRegions analysis;
            try
            {
                analysis = new WrittenRegions(function, loop, arrays);
                analysis.Walk(loop.Body, new State(), new List<CounterRange>(), check: true);
            }
            catch (System.OverflowException)
            {
                // A coefficient beyond long (an index like big * big * big * big): not analysed.
                return null;
            }

            if (analysis._failed)
            {
                return null;
            }

            analysis.WrittenOnce = new HashSet<string>(arrays);
            analysis.WrittenOnce.ExceptWith(analysis._writtenTwice);
            return analysis;
        }

        private State Walk(Block block, State state, List<CounterRange> ranges, bool check)
        {
            foreach (Stmt stmt in block.Statements)
            {
                state = Visit(stmt, state, ranges, check);
            }

            return state;
        }

        private State Visit(Stmt stmt, State state, List<CounterRange> ranges, bool check)
        {
            // Each loop is walked twice (what one iteration writes, then the check), so nesting multiplies the walks.
            if (++_questions > ProofBudget || _failed)
            {
                _failed = true;
                return state;
            }

            switch (stmt)
            {
                case Declare d:
                    if (d.Initializer is not null)
                    {
                        CheckReads(d.Initializer, state, ranges, check);
                    }

                    return state;

                case DeclareArray:
                    // Local arrays are declared at the top level of the method only (BP0004).
                    _failed = true;
                    return state;

                case Assign { Target: ElementRef element } a when _arrays.Contains(element.Array):
                    CheckReads(a.Value, state, ranges, check);
                    CheckReads(element.Index, state, ranges, check);
                    if (element.Index2 is not null || element.Jagged)
                    {
                        _failed = true;
                        return state;
                    }

                    state = state.Copy();
                    if (Convert(element.Index, ranges) is { } index)
                    {
                        Rely(index, ranges);
                        if (check && !WritesNewElement(element.Array, index, state, ranges))
                        {
                            _writtenTwice.Add(element.Array);
                        }

                        state.Add(element.Array, new Interval(index, index.Plus(1), new List<Polynomial>()));
                    }
                    else
                    {
                        _writtenTwice.Add(element.Array);
                        state.Inexact.Add(element.Array);
                    }

                    return state;

                case Assign a:
                    CheckReads(a.Target, state, ranges, check);
                    CheckReads(a.Value, state, ranges, check);
                    return state;

                case CallStatement c:
                    CheckReads(c.Call, state, ranges, check);
                    return state;

                case If i:
                    {
                        CheckReads(i.Condition, state, ranges, check);
                        State then = Walk(i.Then, state, ranges, check);
                        State otherwise = Walk(i.Else, state, ranges, check);
                        return then.Join(otherwise);
                    }

                case While w:
                    {
                        // What earlier iterations wrote is not known: neither is whether a write is the first.
                        State unknown = state.Copy();
                        unknown.Inexact.UnionWith(IrQueries.Assigned(w.Body).Where(_arrays.Contains));
                        CheckReads(w.Condition, unknown, ranges, check);
                        Walk(w.Body, unknown, ranges, check);
                        return unknown;
                    }

                case For f:
                    return VisitFor(f, state, ranges, check);

                default:
                    // Lowering turns break, continue and return into flags; anything else is not analysed.
                    _failed = true;
                    return state;
            }
        }

        private State VisitFor(For f, State state, List<CounterRange> ranges, bool check)
        {
            CheckReads(f.Start, state, ranges, check);
            CheckReads(f.End, state, ranges, check);
            Polynomial? start = Convert(f.Start, ranges);
            Polynomial? end = Convert(f.End, ranges);
            if (f is not { Comparison: BinaryOp.Less, Step: 1 } || start is null || end is null)
            {
                // Any other loop: its body is checked against what was written before it, and adds nothing.
                State unknown = state.Copy();
                unknown.Inexact.UnionWith(IrQueries.Assigned(f.Body).Where(_arrays.Contains));
                Walk(f.Body, unknown, ranges, check);
                return unknown;
            }

            Rely(start, ranges);
            Rely(end, ranges);
            var inner = new List<CounterRange>(ranges) { new CounterRange(f.Counter, start, end) };
            var counter = Polynomial.Variable(f.Counter);

            // First pass: what one iteration writes, without checking reads.
            State once = Walk(f.Body, state, inner, check: false);
            var atStart = state.Copy();
            var after = state.Copy();
            atStart.Inexact.UnionWith(once.Inexact);
            after.Inexact.UnionWith(once.Inexact);
            foreach (KeyValuePair<string, List<Interval>> entry in once.Written)
            {
                foreach (Interval written in entry.Value.Where(x => !state.Contains(entry.Key, x)))
                {
                    bool summarised = false;
                    if (written.Guards.Any(g => g.Mentions(f.Counter)))
                    {
                        // Left out.
                    }
                    else if (written.Hi.Equals(written.Lo.Substitute(f.Counter, counter.Plus(1))))
                    {
                        // Iteration v writes [g(v), g(v + 1)): the earlier ones wrote [g(start), g(v)), exactly
                        // that when g does not decrease (otherwise the pieces' union may be larger).
                        atStart.Add(entry.Key, new Interval(written.Lo.Substitute(f.Counter, start), written.Lo, written.Guards.Append(counter.Minus(start)).ToList()));
                        after.Add(entry.Key, new Interval(written.Lo.Substitute(f.Counter, start), written.Lo.Substitute(f.Counter, end), written.Guards.Append(end.Minus(start)).ToList()));
                        summarised = Proves(written.Hi.Minus(written.Lo), inner, written.Guards);
                    }
                    else if (!written.Lo.Mentions(f.Counter) && !written.Hi.Mentions(f.Counter))
                    {
                        // The same elements every iteration: written once the first iteration has run.
                        atStart.Add(entry.Key, new Interval(written.Lo, written.Hi, written.Guards.Append(counter.Minus(start).Plus(-1)).ToList()));
                        after.Add(entry.Key, new Interval(written.Lo, written.Hi, written.Guards.Append(end.Minus(start).Plus(-1)).ToList()));
                        summarised = true;
                    }

                    if (!summarised)
                    {
                        atStart.Inexact.Add(entry.Key);
                        after.Inexact.Add(entry.Key);
                    }
                }
            }

            // Second pass: each iteration's reads against what is written when it starts.
            Walk(f.Body, atStart, inner, check);
            return after;
        }

        /// <summary>Checks every element read of the tracked arrays in an expression; whole-array uses fail.</summary>
        private void CheckReads(Expr expr, State state, List<CounterRange> ranges, bool check)
        {
            foreach (Expr sub in IrQueries.Subexpressions(expr))
            {
                switch (sub)
                {
                    case VarRef v when _arrays.Contains(v.Name):
                        _failed = true;
                        break;
                    case ElementRef e when _arrays.Contains(e.Array):
                        if (e.Index2 is not null || e.Jagged)
                        {
                            _failed = true;
                        }
                        else if (check && !Covered(e.Array, e.Index, state, ranges))
                        {
                            _failed = true;
                        }

                        break;
                }
            }
        }

        private bool Covered(string array, Expr indexExpr, State state, List<CounterRange> ranges)
        {
            if (Convert(indexExpr, ranges) is not { } index)
            {
                return false;
            }

            Rely(index, ranges);
            List<Interval> intervals = state.Written.TryGetValue(array, out List<Interval>? list) ? list : new List<Interval>();
            return Covered(index, intervals, ranges, InBounds(array, index), depth: 0);
        }

        /// <summary>
        /// Whether a write at <paramref name="index"/> lies outside every element the iteration has written so far:
        /// the intervals must be all it wrote, and each must lie wholly below or above the index (or be absent).
        /// </summary>
        private bool WritesNewElement(string array, Polynomial index, State state, List<CounterRange> ranges)
        {
            if (state.Inexact.Contains(array))
            {
                return false;
            }

            List<Polynomial> facts = InBounds(array, index);
            List<Interval> intervals = state.Written.TryGetValue(array, out List<Interval>? list) ? list : new List<Interval>();
            return intervals.All(x =>
            {
                var assumed = facts.Concat(x.Guards).ToList();
                return Proves(index.Minus(x.Hi), ranges, assumed) || Proves(x.Lo.Minus(index).Plus(-1), ranges, assumed);
            });
        }

        /// <summary>An index outside the array throws in the forward method as well, so <c>0 ≤ index &lt; length</c> may be assumed.</summary>
        private List<Polynomial> InBounds(string array, Polynomial index)
        {
            var facts = new List<Polynomial> { index };
            if (_lengths.TryGetValue(array, out Polynomial? length))
            {
                facts.Add(length.Minus(index).Plus(-1));
            }

            return facts;
        }

        /// <summary>Whether a chain of adjacent intervals contains the index, splitting on a guard not proven.</summary>
        private bool Covered(Polynomial index, List<Interval> intervals, List<CounterRange> ranges, List<Polynomial> facts, int depth)
        {
            foreach (List<Interval> chain in Chains(intervals))
            {
                var unproven = chain.SelectMany(x => x.Guards).Distinct().Where(g => !Proves(g, ranges, facts)).ToList();
                var assumed = facts.Concat(unproven).ToList();
                if (!Proves(index.Minus(chain[0].Lo), ranges, assumed)
                    || !Proves(chain[chain.Count - 1].Hi.Minus(index).Plus(-1), ranges, assumed))
                {
                    continue;
                }

                if (unproven.Count == 0)
                {
                    return true;
                }

                // Where the guard holds this chain covers the read; where it does not, another chain must.
                Polynomial guard = unproven[0];
                if (depth < 2
                    && Covered(index, intervals, ranges, facts.Append(guard).ToList(), depth + 1)
                    && Covered(index, intervals, ranges, facts.Append(guard.Times(Polynomial.Constant(-1)).Plus(-1)).ToList(), depth + 1))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <see cref="IndexProver.NonNegative"/>, remembered: the two passes over nested loops and the chains of
        /// intervals ask the same questions many times.
        /// </summary>
        private bool Proves(Polynomial target, IReadOnlyList<CounterRange> ranges, IReadOnlyList<Polynomial> facts)
        {
            if (++_questions > ProofBudget)
            {
                _failed = true;
                return false;
            }

            string key = target + " | " + string.Join(", ", ranges.Select(r => $"{r.Start} <= {r.Counter} < {r.End}")) + " | " + string.Join(", ", facts);
            if (!_proofs.TryGetValue(key, out bool proven))
            {
                proven = IndexProver.NonNegative(target, ranges, facts);
                _proofs[key] = proven;
            }

            return proven;
        }

        /// <summary>Sequences of up to three distinct intervals, each ending where the next starts.</summary>
        private IEnumerable<List<Interval>> Chains(List<Interval> intervals)
        {
            if (intervals.Count > MaxIntervals)
            {
                _failed = true;
                yield break;
            }

            foreach (Interval first in intervals)
            {
                yield return new List<Interval> { first };
                foreach (Interval second in intervals.Where(x => !ReferenceEquals(x, first) && x.Lo.Equals(first.Hi)))
                {
                    yield return new List<Interval> { first, second };
                    foreach (Interval third in intervals.Where(x => !ReferenceEquals(x, first) && !ReferenceEquals(x, second) && x.Lo.Equals(second.Hi)))
                    {
                        yield return new List<Interval> { first, second, third };
                    }
                }
            }
        }

        /// <summary>
        /// Records a check that a polynomial the proof relies on has its exact value at run time (see
        /// <see cref="Bounds"/>). Each counter is written as its start plus an offset below <c>end − start</c>, so
        /// that <c>t - start</c> over <c>for (t = start; t &lt; end; t++)</c> is bounded by <c>|end − start|</c>, not
        /// by |start| + |end|: |Σ Q·σ…| ≤ Σ |Q|·|σ|…, where each Q, over variables that do not change in the loop, is
        /// evaluated exactly (in checked <c>long</c>) before the loop. A lone variable needs no check; a constant is
        /// checked here.
        /// </summary>
        private void Rely(Polynomial polynomial, IReadOnlyList<CounterRange> ranges)
        {
            var own = polynomial.Terms.ToList();
            if (own.Count == 1 && own[0].Coefficient == 1 && own[0].Factors.Count == 1)
            {
                // A variable itself: its value is what it is.
                return;
            }

            if (own.All(t => t.Factors.Count == 0))
            {
                // A constant: it wraps for every call or for none.
                _failed |= own.Sum(t => System.Math.Abs(t.Coefficient)) > int.MaxValue;
                return;
            }

            if (BoundTerms(polynomial, ranges) is not { } bound)
            {
                _failed = true;
                return;
            }

            _bounds[string.Join(" + ", bound)] = bound;
        }

        /// <summary>
        /// C# expressions of type double, each non-negative, whose sum is at least |p| for every value the counters
        /// take; none when p is 0; null if a counter's range is unknown.
        /// </summary>
        private List<string>? BoundTerms(Polynomial polynomial, IReadOnlyList<CounterRange> ranges)
        {
            if (++_questions > ProofBudget)
            {
                return null;
            }

            // Counters, innermost first, become start + offset; the reversed loop's counter too (ascending only).
            var offsets = new List<(string Offset, Polynomial Span, IReadOnlyList<CounterRange> Outer)>();
            for (int k = ranges.Count - 1; k >= 0; k--)
            {
                string offset = "$o" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
                polynomial = polynomial.Substitute(ranges[k].Counter, ranges[k].Start.Plus(Polynomial.Variable(offset)));
                offsets.Add((offset, ranges[k].End.Minus(ranges[k].Start), ranges.Take(k).ToList()));
            }

            if (polynomial.Mentions(_loop.Counter))
            {
                if (_loop is not { Comparison: BinaryOp.Less, Step: 1 }
                    || Convert(_loop.Start, new List<CounterRange>()) is not { } start
                    || Convert(_loop.End, new List<CounterRange>()) is not { } end)
                {
                    return null;
                }

                polynomial = polynomial.Substitute(_loop.Counter, start.Plus(Polynomial.Variable("$oL")));
                offsets.Add(("$oL", end.Minus(start), new List<CounterRange>()));
            }

            // Group the terms by their offsets: the rest of each group is exact and evaluated as it is.
            var groups = new Dictionary<string, (List<string> Offsets, Polynomial Remainder)>();
            foreach ((IReadOnlyList<string> factors, long coefficient) in polynomial.Terms)
            {
                var offsetFactors = factors.Where(f => f.StartsWith("$o", System.StringComparison.Ordinal)).ToList();
                Polynomial rest = Polynomial.Constant(coefficient);
                foreach (string factor in factors.Where(f => !f.StartsWith("$o", System.StringComparison.Ordinal)))
                {
                    rest = rest.Times(Polynomial.Variable(factor));
                }

                string key = string.Join("*", offsetFactors);
                groups[key] = groups.TryGetValue(key, out var group) ? (group.Offsets, group.Remainder.Plus(rest)) : (offsetFactors, rest);
            }

            var terms = new List<string>();
            foreach ((List<string> offsetFactors, Polynomial rest) in groups.Values.Where(g => g.Remainder.TermCount > 0))
            {
                var factors = new List<string>();
                var restTerms = rest.Terms.ToList();
                if (restTerms.Count == 1 && restTerms[0].Factors.Count == 0)
                {
                    long constant = System.Math.Abs(restTerms[0].Coefficient);
                    if (constant != 1 || offsetFactors.Count == 0)
                    {
                        factors.Add(constant.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".0");
                    }
                }
                else
                {
                    factors.Add($"global::System.Math.Abs({ExactText(rest)})");
                }

                foreach (string offset in offsetFactors)
                {
                    (string _, Polynomial span, IReadOnlyList<CounterRange> outer) = offsets.First(o => o.Offset == offset);
                    if (BoundTerms(span, outer) is not { } spanBound)
                    {
                        return null;
                    }

                    string spanText = spanBound.Count == 0 ? "0.0" : string.Join(" + ", spanBound);
                    factors.Add(spanBound.Count > 1 ? "(" + spanText + ")" : spanText);
                }

                terms.Add(string.Join(" * ", factors));
            }

            return terms.OrderBy(t => t, System.StringComparer.Ordinal).ToList();
        }

        /// <summary>
        /// A polynomial over variables that do not change in the loop, as a double holding its exact value: one
        /// variable as it is, anything else computed in checked <c>long</c> (each term's first factor widened).
        /// </summary>
        private static string ExactText(Polynomial polynomial)
        {
            var terms = polynomial.Terms.ToList();
            if (terms.Count == 1 && terms[0].Coefficient == 1 && terms[0].Factors.Count == 1)
            {
                return "(double)" + terms[0].Factors[0];
            }

            var text = new System.Text.StringBuilder();
            foreach ((IReadOnlyList<string> factors, long coefficient) in terms.OrderBy(t => t.Factors.Count == 0))
            {
                text.Append(text.Length == 0 ? (coefficient < 0 ? "-" : string.Empty) : coefficient < 0 ? " - " : " + ");
                long magnitude = System.Math.Abs(coefficient);
                var parts = factors.Select((f, k) => k == 0 ? "(long)" + f : f).ToList();
                if (magnitude != 1 || parts.Count == 0)
                {
                    parts.Insert(0, magnitude.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L");
                }

                text.Append(string.Join(" * ", parts));
            }

            return "(double)checked(" + text + ")";
        }

        /// <summary>
        /// An integer expression as a polynomial over the enclosing counters and variables the loop does not assign
        /// (locals defined once at the top replaced by their definition); null for anything else.
        /// </summary>
        private Polynomial? Convert(Expr expr, IReadOnlyList<CounterRange> ranges, int depth = 0)
        {
            if (depth > 8 || expr.Type.Scalar != ScalarKind.Int || expr.Type.IsSequence)
            {
                return null;
            }

            switch (expr)
            {
                case Literal l when l.Value == System.Math.Floor(l.Value) && System.Math.Abs(l.Value) < 1e9:
                    return Polynomial.Constant((long)l.Value);
                case LengthOf { Dimension: -1, Row: null } length:
                    // Arrays are never reassigned: a length is a variable the loop does not change.
                    return Polynomial.Variable(length.Array + ".Length");
                case VarRef v when _definitions.TryGetValue(v.Name, out Expr? definition) && Convert(definition, ranges, depth + 1) is { } defined:
                    return defined;
                case VarRef v when !_assignedInLoop.Contains(v.Name) || ranges.Any(r => r.Counter == v.Name):
                    // Unchanged while the loop runs, or a counter whose range is known here.
                    return Polynomial.Variable(v.Name);
                case Unary { Op: UnaryOp.Negate } u:
                    return Convert(u.Operand, ranges, depth + 1)?.Times(Polynomial.Constant(-1));
                case Cast c:
                    return Convert(c.Operand, ranges, depth + 1);
                case Binary { Op: BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply } b
                    when Convert(b.Left, ranges, depth + 1) is { } left && Convert(b.Right, ranges, depth + 1) is { } right:
                    Polynomial result = b.Op switch
                    {
                        BinaryOp.Add => left.Plus(right),
                        BinaryOp.Subtract => left.Minus(right),
                        _ => left.Times(right),
                    };

                    // Beyond this, proofs get expensive and indices rare: left unproven.
                    return result.Degree <= MaxIndexDegree && result.TermCount <= MaxIndexTerms ? result : null;
                default:
                    return null;
            }
        }

        /// <summary>An interval <c>[Lo, Hi)</c> written whenever every guard is at least zero.</summary>
        private sealed record Interval(Polynomial Lo, Polynomial Hi, List<Polynomial> Guards)
        {
            public bool SameAs(Interval other) => Lo.Equals(other.Lo) && Hi.Equals(other.Hi) && Guards.Count == other.Guards.Count && Guards.Zip(other.Guards, (a, b) => a.Equals(b)).All(x => x);
        }

        /// <summary>
        /// The intervals written so far, per array; for the arrays not in <see cref="Inexact"/>, the intervals whose
        /// guards hold are exactly what the iteration wrote, not merely part of it.
        /// </summary>
        private sealed class State
        {
            public Dictionary<string, List<Interval>> Written { get; } = new Dictionary<string, List<Interval>>();

            public HashSet<string> Inexact { get; } = new HashSet<string>();

            public State Copy()
            {
                var copy = new State();
                foreach (KeyValuePair<string, List<Interval>> entry in Written)
                {
                    copy.Written[entry.Key] = new List<Interval>(entry.Value);
                }

                copy.Inexact.UnionWith(Inexact);
                return copy;
            }

            public void Add(string array, Interval interval)
            {
                if (!Written.TryGetValue(array, out List<Interval>? list))
                {
                    list = new List<Interval>();
                    Written[array] = list;
                }

                if (!list.Any(x => x.SameAs(interval)))
                {
                    list.Add(interval);
                }
            }

            public bool Contains(string array, Interval interval) => Written.TryGetValue(array, out List<Interval>? list) && list.Any(x => x.SameAs(interval));

            /// <summary>
            /// After a branch: what both sides wrote, exact for an array when both sides are exact and wrote the same
            /// intervals.
            /// </summary>
            public State Join(State other)
            {
                var both = new State();
                both.Inexact.UnionWith(Inexact);
                both.Inexact.UnionWith(other.Inexact);
                foreach (string array in Written.Keys.Union(other.Written.Keys))
                {
                    List<Interval> mine = Written.TryGetValue(array, out List<Interval>? m) ? m : new List<Interval>();
                    List<Interval> theirs = other.Written.TryGetValue(array, out List<Interval>? t) ? t : new List<Interval>();
                    foreach (Interval interval in mine.Where(x => other.Contains(array, x)))
                    {
                        both.Add(array, interval);
                    }

                    if (mine.Count != theirs.Count || mine.Any(x => !other.Contains(array, x)))
                    {
                        both.Inexact.Add(array);
                    }
                }

                return both;
            }
        }
    }
}
