using System.Collections.Generic;
using System.Linq;
using Backprop.Generators.Ir;

namespace Backprop.Generators.Differentiation
{
    /// <summary>
    /// Finds top-level loops whose iterations are independent, so that the reverse sweep can run each iteration
    /// again and reverse it at once, with a tape of one iteration instead of the whole loop.
    /// </summary>
    /// <remarks>
    /// <para>The shape is a sum over data points: <c>for (p …) { private work; total += term; }</c>. Every variable
    /// the body writes is either a <b>reduction</b> (<c>total += term</c> at the top of the body, <c>total</c> read
    /// nowhere else in it: the reverse of <c>+=</c> passes the same adjoint to every iteration and reads nothing) or
    /// <b>private</b> to an iteration: written before it is read in each iteration (a scalar assigned, an array
    /// rewritten whole by <c>for (i = 0; i &lt; n; i++) a[i] = …</c> with <c>a = new T[n]</c>) and used nowhere outside the
    /// loop. Then no iteration sees another's values, and everything else the body reads is constant during the loop.</para>
    /// <para>The forward sweep runs such a loop without saving anything; the reverse sweep, for each iteration from the
    /// last, re-runs its forward statements (but not the reductions) with the saves, then its reverse. That costs one
    /// more forward of the loop and keeps the tape small enough to stay in cache, which is what a hand-written
    /// gradient of a sum over points does.</para>
    /// </remarks>
    internal static class IndependentLoops
    {
        /// <summary>One such loop: its reduction statements and the variables its body reads from outside.</summary>
        public sealed class Loop
        {
            public Loop(For statement, List<Stmt> reductions, HashSet<string> outsideReads)
            {
                Statement = statement;
                Reductions = reductions;
                OutsideReads = outsideReads;
            }

            public For Statement { get; }

            public List<Stmt> Reductions { get; }

            public HashSet<string> OutsideReads { get; }
        }

        /// <summary>The independent top-level loops of <paramref name="function"/>.</summary>
        public static List<Loop> Find(Function function, IReadOnlyDictionary<string, Variable> variables)
        {
            var found = new List<Loop>();
            var arrays = new Dictionary<string, DeclareArray>();
            foreach (DeclareArray declaration in IrQueries.AllStatements(function.Body).OfType<DeclareArray>())
            {
                arrays[declaration.Variable] = declaration;
            }

            HashSet<string> assignedAnywhere = IrQueries.Assigned(function.Body);
            foreach (For loop in function.Body.Statements.OfType<For>())
            {
                Loop? candidate = Analyse(function, loop, variables, arrays, assignedAnywhere);
                if (candidate is not null)
                {
                    found.Add(candidate);
                }
            }

            return found;
        }

        private static Loop? Analyse(Function function, For loop, IReadOnlyDictionary<string, Variable> variables, Dictionary<string, DeclareArray> arrays, HashSet<string> assignedAnywhere)
        {
            List<Stmt> statements = IrQueries.AllStatements(loop.Body).ToList();
            var inLoop = new HashSet<Stmt>(statements, ReferenceComparer.Instance);
            // A body without a loop of its own saves a few values per iteration at most: re-running it would cost
            // more (its exponentials again) than the tape it spares.
            if (statements.Any(s => s is DeclareArray or CallStatement) || !statements.Any(s => s is For or While))
            {
                return null;
            }

            bool IsCounter(string name) => variables.TryGetValue(name, out Variable? v) && v.Role == VariableRole.LoopCounter;
            var written = new HashSet<string>(IrQueries.Assigned(loop.Body).Where(n => !IsCounter(n)));

            // Reductions: total = total + term at the top of the body, total read nowhere else in it.
            var reductions = new List<Stmt>();
            var reductionNames = new HashSet<string>();
            foreach (string name in written)
            {
                if (!variables.TryGetValue(name, out Variable? variable) || variable.Type.IsSequence || variable.Role != VariableRole.Local)
                {
                    continue;
                }

                var writes = new HashSet<Stmt>(statements.Where(s => s is Assign or Declare && Writes(s, name)), ReferenceComparer.Instance);
                bool allReductions = writes.Count > 0 && writes.All(w =>
                    loop.Body.Statements.Any(top => ReferenceEquals(top, w))
                    && w is Assign { Target: VarRef, Value: Binary { Op: BinaryOp.Add, Left: VarRef left } sum } && left.Name == name
                    && !IrQueries.AllReads(sum.Right).Contains(name));
                bool readElsewhere = statements.Where(s => !writes.Contains(s)).Any(s => Reads(s).Contains(name));
                if (allReductions && !readElsewhere)
                {
                    reductions.AddRange(writes);
                    reductionNames.Add(name);
                }
            }

            var privates = new HashSet<string>(written.Where(n => !reductionNames.Contains(n)));
            if (reductions.Count == 0 || privates.Count == 0)
            {
                return null;
            }

            // Private variables are used nowhere outside the loop (declarations without a value aside).
            foreach (Stmt stmt in IrQueries.AllStatements(function.Body).Where(s => !inLoop.Contains(s) && !ReferenceEquals(s, loop)))
            {
                if (stmt is DeclareArray || stmt is Declare { Initializer: null })
                {
                    continue;
                }

                var touched = new HashSet<string>(Reads(stmt));
                if (stmt is Assign or Declare)
                {
                    IrQueries.Assigned(stmt, touched);
                }

                if (touched.Overlaps(privates))
                {
                    return null;
                }
            }

            // ... and written before they are read in every iteration.
            if (!WrittenBeforeRead(loop.Body, new HashSet<string>(), privates, arrays, assignedAnywhere, out _))
            {
                return null;
            }

            var outside = new HashSet<string>();
            foreach (Stmt stmt in statements)
            {
                outside.UnionWith(Reads(stmt));
            }

            outside.ExceptWith(written);
            outside.RemoveWhere(IsCounter);
            outside.Add(loop.Counter);
            return new Loop(loop, reductions, outside);
        }

        private static bool Writes(Stmt stmt, string name)
        {
            var written = new HashSet<string>();
            IrQueries.Assigned(stmt, written);
            return written.Contains(name);
        }

        /// <summary>The variables a statement itself reads (for a branch or loop: its condition or bounds).</summary>
        private static HashSet<string> Reads(Stmt stmt)
        {
            var reads = new HashSet<string>();
            foreach (Expr expr in IrQueries.Expressions(stmt))
            {
                IrQueries.AllReads(expr, reads);
            }

            if (stmt is Assign assign)
            {
                // The target is written, not read; only its indices are.
                reads.Clear();
                IrQueries.AllReads(assign.Value, reads);
                if (assign.Target is ElementRef element)
                {
                    IrQueries.AllReads(element.Index, reads);
                    if (element.Index2 is not null)
                    {
                        IrQueries.AllReads(element.Index2, reads);
                    }
                }
            }

            return reads;
        }

        private static bool WrittenBeforeRead(Block block, HashSet<string> killed, HashSet<string> privates, Dictionary<string, DeclareArray> arrays, HashSet<string> assignedAnywhere, out HashSet<string> after)
        {
            after = killed;
            foreach (Stmt stmt in block.Statements)
            {
                HashSet<string> reads = Reads(stmt);
                reads.IntersectWith(privates);
                if (!reads.IsSubsetOf(killed))
                {
                    return false;
                }

                switch (stmt)
                {
                    case Declare { Initializer: not null } d:
                        killed.Add(d.Variable);
                        break;
                    case Assign { Target: VarRef v }:
                        killed.Add(v.Name);
                        break;
                    case If i:
                        {
                            if (!WrittenBeforeRead(i.Then, new HashSet<string>(killed), privates, arrays, assignedAnywhere, out HashSet<string> then)
                                || !WrittenBeforeRead(i.Else, new HashSet<string>(killed), privates, arrays, assignedAnywhere, out HashSet<string> otherwise))
                            {
                                return false;
                            }

                            then.IntersectWith(otherwise);
                            killed.UnionWith(then);
                            break;
                        }

                    case For f:
                        if (!WrittenBeforeRead(f.Body, new HashSet<string>(killed), privates, arrays, assignedAnywhere, out _))
                        {
                            return false;
                        }

                        killed.UnionWith(FullyWritten(f, arrays, assignedAnywhere));
                        break;
                    case While w:
                        if (!WrittenBeforeRead(w.Body, new HashSet<string>(killed), privates, arrays, assignedAnywhere, out _))
                        {
                            return false;
                        }

                        break;
                }
            }

            after = killed;
            return true;
        }

        /// <summary>The local arrays that <c>for (i = 0; i &lt; n; i++) { a[i] = …; }</c> rewrites whole, <c>a</c> being <c>new T[n]</c>.</summary>
        public static IEnumerable<string> FullyWritten(For f, Dictionary<string, DeclareArray> arrays, HashSet<string> assignedAnywhere)
        {
            if (f is not { Start: Literal { Value: 0 }, Comparison: BinaryOp.Less, Step: 1 } || IrQueries.AllReads(f.End).Overlaps(assignedAnywhere))
            {
                yield break;
            }

            foreach (Stmt stmt in f.Body.Statements)
            {
                if (stmt is Assign { Target: ElementRef { Index: VarRef index, Index2: null, Jagged: false } element }
                    && index.Name == f.Counter
                    && arrays.TryGetValue(element.Array, out DeclareArray? declaration)
                    && declaration.Length2 is null
                    && declaration.Length.Equals(f.End))
                {
                    yield return element.Array;
                }
            }
        }
    }
}
