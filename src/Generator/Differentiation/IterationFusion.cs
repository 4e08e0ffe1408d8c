using System.Collections.Generic;
using System.Linq;
using Backprop.Generators.Differentiation.Regions;
using Backprop.Generators.Ir;

namespace Backprop.Generators.Differentiation
{
    /// <summary>A loop reversed iteration by iteration, what its stores need not save, and what must be checked before it.</summary>
    /// <param name="Loop">The loop.</param>
    /// <param name="WrittenOnce">The arrays no iteration writes twice at one element: their writes in the loop need not save the value they overwrite.</param>
    /// <param name="Bounds">Upper bounds of the magnitudes of the index arithmetic the proof relies on, as C# expressions each to be checked below 2³¹ before the loop (see <see cref="WrittenRegions.Bounds"/>).</param>
    /// <param name="Accumulators">The scalars the loop carries from one iteration to the next, each changed only by <c>+=</c> or <c>-=</c>.</param>
    internal sealed record FusedLoop(For Loop, HashSet<string> WrittenOnce, IReadOnlyList<string> Bounds, HashSet<string> Accumulators);

    /// <summary>
    /// Chooses the loop whose iterations the pullback reverses one at a time, each right after its forward, instead
    /// of running all forwards and then all reverses: the tape then holds one iteration, and nothing an iteration
    /// overwrites for the next needs saving.
    /// </summary>
    /// <remarks>
    /// <para>That gives the same gradient (up to the order of additions into the adjoints) when no iteration hands
    /// an active value to a later one, and what comes after the loop gives its adjoints before the loop runs. The
    /// syntactic conditions are checked here, on the last top-level <c>for</c> loop of a method that returns a value:</para>
    /// <list type="bullet">
    /// <item><description>no <c>return</c>, <c>break</c> or <c>continue</c> in its body (lowering has already turned
    /// them into flags and branches, which the conditions below then cover; the check stays in case it does not);</description></item>
    /// <item><description>only assignments of scalars after it (<c>return total / pointCount</c>);</description></item>
    /// <item><description>every scalar its body writes is declared in the body (C#'s definite assignment then means
    /// each iteration writes it before reading it), or an accumulator changed only by <c>acc += e</c> or
    /// <c>acc -= e</c> and read nowhere else in the body;</description></item>
    /// <item><description>every array its body writes is allocated in the method, used only element by element,
    /// not read after the loop, and each iteration reads only elements it wrote before
    /// (<see cref="WrittenRegions"/>).</description></item>
    /// </list>
    /// <para>The rest depends on what the reverse sweep reads, and <see cref="ReverseMode"/> checks it after the
    /// transform (falling back to the usual sweeps): the reverse of the code after the loop reads nothing the loop or
    /// that code writes, the reverse of the code before it reads nothing the loop writes, nothing after the loop
    /// saves a value, and no accumulator is saved.</para>
    /// </remarks>
    internal static class IterationFusion
    {
        /// <summary>
        /// The loop to reverse iteration by iteration, with the arrays no iteration writes twice at one element (those
        /// need no saving in it); null when no loop qualifies.
        /// </summary>
        public static FusedLoop? Candidate(Function function)
        {
            if (function.ReturnType is null)
            {
                return null;
            }

            IReadOnlyList<Stmt> top = function.Body.Statements;
            int index = top.Count - 1;
            while (index >= 0 && top[index] is not For)
            {
                index--;
            }

            if (index < 0)
            {
                return null;
            }

            var loop = (For)top[index];
            List<Stmt> after = top.Skip(index + 1).ToList();
            if (!after.All(s => s is Declare { Initializer: not null } or Assign { Target: VarRef })
                || IrQueries.AllStatements(loop.Body).Any(s => s is Return or Break or Continue))
            {
                return null;
            }

            // A method the generator knows nothing about may depend on state the reverse of an iteration changes (a
            // draw the reverse makes again, CallValues): run between two forward iterations, it would change what the
            // next one computes.
            if (IrQueries.AllStatements(loop.Body).Prepend(loop).SelectMany(IrQueries.Expressions).SelectMany(IrQueries.Subexpressions).Any(CallValues.MayDiffer))
            {
                return null;
            }

            var variables = function.Parameters.Concat(function.Locals).ToDictionary(v => v.Name);
            var allocated = new HashSet<string>(IrQueries.AllStatements(function.Body).OfType<DeclareArray>().Select(a => a.Variable));
            var declaredInBody = new HashSet<string>(IrQueries.AllStatements(loop.Body).OfType<Declare>().Select(d => d.Variable));
            var counters = new HashSet<string>(IrQueries.AllStatements(loop.Body).OfType<For>().Select(f => f.Counter));
            var arrays = new HashSet<string>();
            var accumulators = new HashSet<string>();
            foreach (string name in IrQueries.Assigned(loop.Body).Where(n => !counters.Contains(n)))
            {
                if (!variables.TryGetValue(name, out Variable? variable))
                {
                    return null;
                }

                if (variable.Type.IsSequence)
                {
                    if (!allocated.Contains(name))
                    {
                        return null;
                    }

                    arrays.Add(name);
                }
                else if (!declaredInBody.Contains(name))
                {
                    if (!IsAccumulator(loop, variable))
                    {
                        return null;
                    }

                    accumulators.Add(name);
                }
            }

            var readAfter = new HashSet<string>();
            foreach (Expr expr in after.SelectMany(IrQueries.Expressions))
            {
                IrQueries.AllReads(expr, readAfter);
            }

            if (arrays.Overlaps(readAfter) || WrittenRegions.Analyse(function, loop, arrays) is not { } regions)
            {
                return null;
            }

            return new FusedLoop(loop, regions.WrittenOnce, regions.Bounds, accumulators);
        }

        /// <summary>
        /// Whether a local is changed in the loop only by <c>acc = acc ± e</c> (with e not reading it) and read
        /// nowhere else in it: the adjoint of each iteration's value is then the adjoint after the loop.
        /// </summary>
        private static bool IsAccumulator(For loop, Variable variable)
        {
            if (variable.Role != VariableRole.Local)
            {
                return false;
            }

            int updates = 0;
            int reads = 0;
            foreach (Stmt stmt in IrQueries.AllStatements(loop.Body))
            {
                if (stmt is Assign { Target: VarRef target, Value: Binary { Op: BinaryOp.Add or BinaryOp.Subtract, Left: VarRef left } sum }
                    && target.Name == variable.Name
                    && left.Name == variable.Name)
                {
                    updates++;
                    reads += CountReads(sum.Right, variable.Name);
                    continue;
                }

                if (stmt is Declare { Variable: var declared } && declared == variable.Name)
                {
                    return false;
                }

                if (stmt is Assign { Target: VarRef other } && other.Name == variable.Name)
                {
                    return false;
                }

                reads += IrQueries.Expressions(stmt).Sum(e => CountReads(e, variable.Name));
            }

            return updates > 0 && reads == 0;
        }

        private static int CountReads(Expr expr, string name)
            => IrQueries.Subexpressions(expr).Count(e => e is VarRef v && v.Name == name);
    }
}
