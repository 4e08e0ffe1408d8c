using System.Collections.Generic;
using System.Linq;
using Backprop.Generators.Ir;
using Backprop.Generators.Model;

namespace Backprop.Generators.Differentiation
{
    /// <summary>
    /// Keeps an adjoint that a loop only adds into, at an index the loop does not change, in a local for the length
    /// of the loop: <c>for (j …) xAdj[i] += w[…] * yAdj[j];</c> becomes
    /// <c>double xAdjSum = xAdj[i]; for (j …) xAdjSum += w[…] * yAdj[j]; xAdj[i] = xAdjSum;</c>.
    /// </summary>
    /// <remarks>
    /// <para>Why: every <c>xAdj[i] += …</c> is a load and a store of the same element, so each iteration waits for
    /// the previous one's store (and a bounds check). The GMM's triangular product accumulates d − 1 − i terms into
    /// <c>xcenteredAdj[i]</c> this way; keeping the sum in a register took gmm-d10-K25 from about 4.3 to 3.8 ms in a
    /// hand-edited copy.</para>
    /// <para>Why it is exact: the local starts from the element and adds the same values in the same order, so the
    /// element ends with the same bits. It applies only when nothing else can see the element during the loop: the
    /// array is the method's own (a pooled local array, an adjoint buffer or a stackalloc'd span, which no other
    /// name can alias), the loop mentions it nowhere else (no read, no other write, not in a call or a raw
    /// statement), the additions are statements of the loop body itself (not under an <c>if</c> or in an inner
    /// loop, so the first iteration makes one), and the index is arithmetic that cannot throw over variables the
    /// loop does not write. The element is read before the loop and written after it only when the loop runs at
    /// least once, tested with the loop's own start and bound (which have no calls, so testing them twice changes
    /// nothing): a loop that runs no iteration must not touch an element whose index may be out of range.</para>
    /// </remarks>
    internal static class AccumulatorPromotion
    {
        /// <summary>Rewrites every <c>for</c> loop in <paramref name="code"/>, at any depth.</summary>
        /// <param name="code">Generated statements (a sweep).</param>
        /// <param name="privateArrays">Arrays and spans the method allocated itself, which nothing else aliases.</param>
        /// <param name="names">The method's name allocator, which knows every name the generated method declares.</param>
        /// <returns>The rewritten statements.</returns>
        public static List<GStmt> Promote(IReadOnlyList<GStmt> code, ISet<string> privateArrays, NameAllocator names)
            => GeneratedCode.RewriteForLoops(code, (loop, output) => output.Add(PromoteIn(loop, privateArrays, names)));

        private static GStmt PromoteIn(GFor loop, ISet<string> privateArrays, NameAllocator names)
        {
            if (HasCall(loop.Start) || HasCall(loop.End))
            {
                return loop;
            }

            HashSet<string> written = LoopInvariantIndices.WrittenIn(loop);

            // Candidates: direct statements array[index] += value with a one-dimensional private array and an
            // invariant index, the same index for every addition into that array.
            var targets = new Dictionary<string, ElementRef>();
            var rejected = new HashSet<string>();
            foreach (GStmt stmt in loop.Body)
            {
                if (stmt is GAssign { Accumulate: true, Target: ElementRef { Index2: null, Jagged: false } e }
                    && privateArrays.Contains(e.Array)
                    && !e.Type.IsSequence
                    && LoopInvariantIndices.IsInvariant(e.Index, written))
                {
                    if (targets.TryGetValue(e.Array, out ElementRef? seen) && !seen.Equals(e))
                    {
                        rejected.Add(e.Array);
                    }

                    targets[e.Array] = e;
                }
            }

            // Any other mention of the array anywhere in the loop keeps it as it is.
            Dictionary<string, int> mentioned = GeneratedCode.CountMentions(loop.Body);
            // (An addition at another index, cAdj[j] += … next to cAdj[i] += …, is such a mention: j may equal i.)
            int additions(ElementRef element) => loop.Body.Count(s => s is GAssign { Accumulate: true, Target: ElementRef e } && e.Equals(element));
            List<ElementRef> promoted = targets
                .Where(t => !rejected.Contains(t.Key) && mentioned.TryGetValue(t.Key, out int count) && count == additions(t.Value))
                .OrderBy(t => t.Key, System.StringComparer.Ordinal)
                .Select(t => t.Value)
                .ToList();
            if (promoted.Count == 0)
            {
                return loop;
            }

            var locals = new Dictionary<string, string>();
            var before = new List<GStmt>();
            var after = new List<GStmt>();
            foreach (ElementRef element in promoted)
            {
                string name = names.Reserve(element.Array + "Sum");
                locals[element.Array] = name;
                before.Add(new GComment($"The loop adds into {Emitting.ExpressionPrinter.Print(element)} only: summed in {name}, stored after it."));
                before.Add(new GLocal(element.Type, name, element));
                after.Add(new GAssign(element, new VarRef(name, element.Type), Accumulate: false));
            }

            List<GStmt> body = loop.Body
                .Select(s => s is GAssign { Accumulate: true, Target: ElementRef e } a && locals.TryGetValue(e.Array, out string? local) && promoted.Contains(e)
                    ? a with { Target = new VarRef(local, e.Type) }
                    : s)
                .ToList();
            // The if below also stands for the loop's own guard, if it has one (the same condition, without wrapping).
            var then = new List<GStmt>(before) { loop with { Body = body, RunsIf = null } };
            then.AddRange(after);
            Expr runsOnce = loop.RunsIf ?? new Binary(loop.Comparison, loop.Start, loop.End, IrType.Bool);
            return new GIf(runsOnce, null, then, new List<GStmt>());
        }

        private static bool HasCall(Expr expr)
            => IrQueries.Subexpressions(expr).Any(e => e is DifferentiableCall or OpaqueCall);
    }
}
