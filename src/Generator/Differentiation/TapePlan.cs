using System.Collections.Generic;
using System.Linq;
using Backprop.Generators.Ir;

namespace Backprop.Generators.Differentiation
{
    /// <summary>
    /// The to-be-recorded analysis: which writes must save the value they overwrite for the reverse sweep.
    /// </summary>
    /// <remarks>
    /// <para>The reverse sweep undoes the forward statements last to first. When it reaches a write, every statement
    /// reversed after it ran, in the forward sweep, before the write; if one of those reads the written variable, it
    /// expects the overwritten value back, so the write saves it and its reverse restores it. Only the statements
    /// since the write that produced that value matter: an earlier value was restored by an earlier save already.</para>
    /// <para>So this is a forward data-flow over the IR: at each point, the set of variables whose current value some
    /// reverse statement reads ("dirty"). A read by the reverse of a statement marks the variable dirty; a write of a
    /// whole variable, or a loop that writes every element of a local array (<c>for (i = 0; i &lt; n; i++) a[i] = …</c>
    /// with <c>a = new T[n]</c>), makes it clean again; an element write keeps the other elements' state. A write saves
    /// when its variable is dirty before it, or when its own reverse reads it (as in <c>x = x * y</c>). Loops iterate to
    /// a fixed point (a value read in one iteration is overwritten by the next), except for an array the loop touches
    /// only at its counter's element, which no other iteration overwrites; branches join by union.</para>
    /// <para>Partial sums are the case this gets right and a per-variable rule does not: the reverse of
    /// <c>sum += a * b</c> does not read <c>sum</c>, so none of its overwrites is saved; only the write that starts the
    /// sum over again, after a reverse statement read the previous sum, saves.</para>
    /// </remarks>
    internal static class TapePlan
    {
        /// <summary>
        /// The (write, variable) pairs that must save the overwritten value.
        /// </summary>
        /// <param name="function">The lowered function.</param>
        /// <param name="position">Each statement's position, in source order.</param>
        /// <param name="reverseReads">The variables the reverse of the statement at each position reads (values before that statement).</param>
        /// <param name="reverseReadsAfter">The variables whose new value the reverse of the statement at each position reads (a derivative that reuses the value it wrote).</param>
        /// <param name="fused">A loop whose iterations are each reversed right after their forward (see <see cref="IterationFusion"/>), or null.</param>
        /// <param name="writtenOnce">Arrays no iteration of <paramref name="fused"/> writes twice at one element.</param>
        /// <returns>The writes that save, compared by statement identity and variable name.</returns>
        public static HashSet<(Stmt Write, string Variable)> Compute(
            Function function,
            IReadOnlyDictionary<Stmt, int> position,
            ILookup<int, string> reverseReads,
            ILookup<int, string> reverseReadsAfter,
            For? fused = null,
            ISet<string>? writtenOnce = null)
        {
            var analysis = new Analysis(function, position, reverseReads, reverseReadsAfter, fused, writtenOnce ?? new HashSet<string>());
            analysis.Visit(function.Body, new HashSet<string>());
            return analysis.Saves;
        }

        private sealed class Analysis
        {
            private readonly IReadOnlyDictionary<Stmt, int> _position;
            private readonly ILookup<int, string> _reverseReads;
            private readonly ILookup<int, string> _reverseReadsAfter;
            private readonly Dictionary<string, DeclareArray> _arrays = new Dictionary<string, DeclareArray>();
            private readonly HashSet<string> _assigned;
            private readonly For? _fused;
            private readonly ISet<string> _writtenOnce;
            private readonly HashSet<Stmt> _inFused;

            public Analysis(Function function, IReadOnlyDictionary<Stmt, int> position, ILookup<int, string> reverseReads, ILookup<int, string> reverseReadsAfter, For? fused, ISet<string> writtenOnce)
            {
                _fused = fused;
                _writtenOnce = writtenOnce;
                _inFused = new HashSet<Stmt>(fused is null ? Enumerable.Empty<Stmt>() : IrQueries.AllStatements(fused.Body), ReferenceComparer.Instance);
                _position = position;
                _reverseReads = reverseReads;
                _reverseReadsAfter = reverseReadsAfter;
                _assigned = IrQueries.Assigned(function.Body);
                foreach (DeclareArray declaration in IrQueries.AllStatements(function.Body).OfType<DeclareArray>())
                {
                    _arrays[declaration.Variable] = declaration;
                }
            }

            public HashSet<(Stmt, string)> Saves { get; } = new HashSet<(Stmt, string)>(new WriteComparer());

            /// <summary>Runs the statements of a block from the <paramref name="dirty"/> state and returns the state after it.</summary>
            public HashSet<string> Visit(Block block, HashSet<string> dirty)
            {
                foreach (Stmt stmt in block.Statements)
                {
                    dirty = Visit(stmt, dirty);
                }

                return dirty;
            }

            private HashSet<string> Visit(Stmt stmt, HashSet<string> dirty)
            {
                var reads = new HashSet<string>(_reverseReads[_position[stmt]]);
                switch (stmt)
                {
                    case Declare { Initializer: not null } d:
                        Write(stmt, d.Variable, dirty, reads);
                        dirty.UnionWith(reads);
                        dirty.Remove(d.Variable);
                        dirty.UnionWith(_reverseReadsAfter[_position[stmt]]);
                        return dirty;

                    case Assign a:
                        {
                            string name = IrQueries.TargetName(a.Target);
                            Write(stmt, name, dirty, reads);
                            dirty.UnionWith(reads);
                            if (a.Target is VarRef)
                            {
                                // A whole new value: nothing has read it yet.
                                dirty.Remove(name);
                            }

                            dirty.UnionWith(_reverseReadsAfter[_position[stmt]]);
                            return dirty;
                        }

                    case CallStatement c:
                        foreach (string array in IrQueries.WrittenArrays(c.Call))
                        {
                            Write(stmt, array, dirty, reads);
                        }

                        dirty.UnionWith(reads);
                        return dirty;

                    case If i:
                        {
                            // The reverse sweep tests the condition when the branch has not changed what it reads.
                            dirty.UnionWith(reads);
                            HashSet<string> then = Visit(i.Then, new HashSet<string>(dirty));
                            HashSet<string> otherwise = Visit(i.Else, new HashSet<string>(dirty));
                            then.UnionWith(otherwise);
                            return then;
                        }

                    case For f when ReferenceEquals(f, _fused):
                        {
                            // Each iteration's reverse runs before the next iteration: only its own reads count. The
                            // state after the loop is the state before it: the reverse of the code before the loop reads
                            // nothing the loop writes, and no accumulator is saved (ReverseMode.FusionHolds checks both).
                            dirty.UnionWith(reads);
                            Visit(f.Body, new HashSet<string>(dirty));
                            return dirty;
                        }

                    case For f:
                        dirty.UnionWith(reads);
                        return Loop(f, f.Body, dirty);

                    case While w:
                        dirty.UnionWith(reads);
                        return Loop(w, w.Body, dirty);

                    default:
                        dirty.UnionWith(reads);
                        return dirty;
                }
            }

            /// <summary>
            /// A loop body runs zero or more times: iterate until the state at its start stops growing. An array each
            /// iteration touches only at its own element (<see cref="PerIterationArrays"/>) does not carry its state from
            /// one iteration to the next: what one iteration's reverse reads, no other iteration overwrites.
            /// </summary>
            private HashSet<string> Loop(Stmt loop, Block body, HashSet<string> before)
            {
                var start = new HashSet<string>(before);
                HashSet<string> perIteration = loop is For forLoop ? PerIterationArrays(forLoop) : new HashSet<string>();
                HashSet<string> end;
                while (true)
                {
                    end = Visit(body, new HashSet<string>(start));
                    int count = start.Count;
                    start.UnionWith(end.Where(variable => !perIteration.Contains(variable)));
                    if (start.Count == count)
                    {
                        break;
                    }
                }

                end.UnionWith(before);
                if (loop is For f)
                {
                    foreach (string array in FullyWritten(f))
                    {
                        end.Remove(array);
                    }
                }

                return end;
            }

            private void Write(Stmt stmt, string variable, HashSet<string> dirty, HashSet<string> reads)
            {
                // In an iteration reversed right away, an element written once is read, by this iteration's reverse,
                // only as the value written (every element read was written earlier in the iteration, at another
                // element than this write's); the next iteration rewrites it before reading it.
                if (_inFused.Contains(stmt) && _writtenOnce.Contains(variable))
                {
                    return;
                }

                if (dirty.Contains(variable) || reads.Contains(variable))
                {
                    Saves.Add((stmt, variable));
                }
            }

            /// <summary>
            /// The arrays that a <c>for</c> loop's body reads and writes only at the element of the loop's counter
            /// (<c>u[i] = Sigmoid(y[i])</c>), with a counter the body does not assign: different iterations touch
            /// different elements. Any other use (another index, the whole array passed to a call) leaves it out.
            /// </summary>
            private static HashSet<string> PerIterationArrays(For f)
            {
                var result = new HashSet<string>();
                var excluded = new HashSet<string>();
                if (IrQueries.Assigned(f.Body).Contains(f.Counter))
                {
                    return result;
                }

                foreach (Stmt stmt in IrQueries.AllStatements(f.Body))
                {
                    if (stmt is Declare or DeclareArray)
                    {
                        excluded.Add(stmt is Declare d ? d.Variable : ((DeclareArray)stmt).Variable);
                    }

                    foreach (Expr expr in IrQueries.Expressions(stmt))
                    {
                        Classify(expr);
                    }
                }

                result.ExceptWith(excluded);
                return result;

                void Classify(Expr expr)
                {
                    switch (expr)
                    {
                        case ElementRef { Index: VarRef index, Index2: null, Jagged: false, Type.IsSequence: false } element when index.Name == f.Counter:
                            result.Add(element.Array);
                            return;
                        case ElementRef element:
                            excluded.Add(element.Array);
                            break;
                        case VarRef variable:
                            excluded.Add(variable.Name);
                            return;
                    }

                    foreach (Expr child in IrQueries.Children(expr))
                    {
                        Classify(child);
                    }
                }
            }

            /// <summary>
            /// The local arrays a <c>for (i = 0; i &lt; n; i++)</c> loop overwrites entirely with <c>a[i] = …</c> where
            /// <c>a = new T[n]</c>, provided no reverse statement in the loop reads <c>a</c> (it could read an element
            /// the loop has already overwritten, and the loop then does not leave only unread values).
            /// </summary>
            private IEnumerable<string> FullyWritten(For f)
            {
                if (f is not { Start: Literal { Value: 0 }, Comparison: BinaryOp.Less, Step: 1 } || IrQueries.AllReads(f.End).Overlaps(_assigned))
                {
                    yield break;
                }

                int first = _position[f];
                int last = IrQueries.AllStatements(f.Body).Select(s => _position[s]).DefaultIfEmpty(first).Max();
                foreach (Stmt stmt in f.Body.Statements)
                {
                    if (stmt is Assign { Target: ElementRef { Index: VarRef index, Index2: null, Jagged: false } element }
                        && index.Name == f.Counter
                        && _arrays.TryGetValue(element.Array, out DeclareArray? declaration)
                        && declaration.Length2 is null
                        && declaration.Length.Equals(f.End)
                        && !Enumerable.Range(first, last - first + 1).Any(p => _reverseReads[p].Contains(element.Array) || _reverseReadsAfter[p].Contains(element.Array)))
                    {
                        yield return element.Array;
                    }
                }
            }
        }

        private sealed class WriteComparer : IEqualityComparer<(Stmt Write, string Variable)>
        {
            public bool Equals((Stmt Write, string Variable) x, (Stmt Write, string Variable) y)
                => ReferenceEquals(x.Write, y.Write) && x.Variable == y.Variable;

            public int GetHashCode((Stmt Write, string Variable) obj)
                => (System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Write) * 397) ^ obj.Variable.GetHashCode();
        }
    }
}
