using System;
using Backprop;

namespace Backprop.Tests.Corpus
{
    /// <summary>
    /// Cases for the performance transforms: which overwritten values are saved (the to-be-recorded analysis),
    /// derivatives that reuse the forward value, callees with constant arguments. Each has a twin where the
    /// shortcut would be wrong, so that a too-eager analysis fails against finite differences.
    /// </summary>
    public static partial class Perf
    {
        /// <summary>Partial sums need no saves, but the row's final sum is read by the reverse of <c>total += sum * sum</c>: the next row's restart of the sum must save it.</summary>
        [Differentiable]
        public static double SquaredRowSums(double[] w, int rows)
        {
            double total = 0;
            for (int r = 0; r < rows; r++)
            {
                double sum = 0.5;
                for (int i = 0; i < 3; i++)
                {
                    sum += w[r * 3 + i] * w[r * 3 + i];
                }

                total += sum * sum;
            }

            return total;
        }

        /// <summary>An element overwritten by a product with its old value (saved, since its own reverse reads it), several passes over the array.</summary>
        [Differentiable]
        public static double RepeatedElementProducts(double[] x)
        {
            double[] a = new double[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                a[i] = x[i];
            }

            double total = 0;
            for (int pass = 0; pass < 3; pass++)
            {
                for (int i = 0; i < x.Length; i++)
                {
                    a[i] = a[i] * x[i];
                }

                for (int i = 0; i < x.Length; i++)
                {
                    total += Math.Sin(a[i]);
                }
            }

            return total;
        }

        /// <summary>
        /// The mixture model's shape: a loop that rewrites every element of <c>q</c> makes the later <c>q[j] += …</c>
        /// overwrite only values no reverse statement reads, so they are not saved.
        /// </summary>
        [Differentiable]
        public static double CentredQuadratic(double[] m, [NoDerivative] double[] data, int n)
        {
            double[] c = new double[2];
            double[] q = new double[2];
            double total = 0;
            for (int p = 0; p < n; p++)
            {
                for (int id = 0; id < 2; id++)
                {
                    c[id] = data[p * 2 + id] - m[id];
                }

                for (int id = 0; id < 2; id++)
                {
                    q[id] = m[2 + id] * c[id];
                }

                q[1] += m[4] * c[0];
                double s = 0;
                for (int id = 0; id < 2; id++)
                {
                    s += q[id] * q[id];
                }

                total += Math.Exp(-0.5 * s);
            }

            return total;
        }

        /// <summary>The twin of <see cref="CentredQuadratic"/> whose loop leaves the last element of <c>q</c> alone: <c>q[2] += …</c> must save.</summary>
        [Differentiable]
        public static double PartlyRewrittenArray(double[] m, [NoDerivative] double[] data, int n)
        {
            double[] q = new double[3];
            double total = 0;
            for (int p = 0; p < n; p++)
            {
                for (int id = 0; id < 2; id++)
                {
                    q[id] = m[id] * data[p * 2 + id];
                }

                q[2] += m[2] * data[p * 2];
                total += q[0] * q[1] * q[2];
            }

            return total;
        }

        /// <summary>
        /// <c>c</c> is written at the top of each iteration from constants, but also read after the loop: the reverse
        /// sweep cannot recompute it per iteration alone, so it is saved (the twin of <see cref="CentredQuadratic"/>'s <c>c</c>).
        /// </summary>
        [Differentiable]
        public static double ReadAfterTheLoop(double[] m, [NoDerivative] double[] data, int n)
        {
            double c = 0;
            double total = 0;
            for (int p = 0; p < n; p++)
            {
                c = data[p] - m[0];
                total += c * c * m[1];
            }

            return total + (c * m[2]);
        }

        /// <summary>y = M x, a helper for <see cref="ConstantVectorArgument"/>.</summary>
        [Differentiable]
        public static void MatVec(ReadOnlySpan<double> m, ReadOnlySpan<double> x, Span<double> y, int k)
        {
            for (int i = 0; i < k; i++)
            {
                double sum = 0;
                for (int j = 0; j < k; j++)
                {
                    sum += m[i * k + j] * x[j];
                }

                y[i] = sum;
            }
        }

        /// <summary>A logistic function with a branch, a helper for <see cref="ConstantVectorArgument"/>.</summary>
        [Differentiable]
        public static double Logistic(double x)
        {
            if (x >= 0)
            {
                return 1.0 / (1.0 + Math.Exp(-x));
            }

            double e = Math.Exp(x);
            return e / (1.0 + e);
        }

        /// <summary>
        /// Helpers inlined: <c>MatVec</c> with a constant <c>x</c> (no adjoint of it is computed), then with an active
        /// one, and a branching logistic function whose exponentials the reverse sweep takes from the tape.
        /// </summary>
        [Differentiable]
        public static double ConstantVectorArgument(ReadOnlySpan<double> a, ReadOnlySpan<double> b, [NoDerivative] ReadOnlySpan<double> x, int k)
        {
            Span<double> y = stackalloc double[k];
            Span<double> z = stackalloc double[k];
            MatVec(a, x, y, k);
            for (int i = 0; i < k; i++)
            {
                y[i] = Logistic(y[i]) * y[i];
            }

            MatVec(b, y, z, k);
            double total = 0;
            for (int i = 0; i < k; i++)
            {
                total += z[i] * z[i];
            }

            return total;
        }

        /// <summary>
        /// Locals named like what the transforms add (<c>exp</c> for a named exponential, <c>logistic</c> for an
        /// inlined call's result, <c>sum</c> and <c>x</c> from the inlined <c>MatVec</c> and <c>Logistic</c>): the
        /// generated names must step around them.
        /// </summary>
        [Differentiable]
        public static double NamesTheTransformsUse(double[] m, double[] x)
        {
            double exp = Math.Exp(x[0]);
            double logistic = 0.5 * exp;
            double sum = 0;
            Span<double> y = stackalloc double[2];
            MatVec(m, x, y, 2);
            for (int i = 0; i < 2; i++)
            {
                sum += Logistic(y[i]) * (1 + Math.Exp(-y[i] * y[i]));
            }

            return sum + logistic;
        }

        /// <summary>Scales by a constant factor, a helper for <see cref="ActiveIntoConstantParameter"/>.</summary>
        [Differentiable]
        public static double Scaled(double u, [NoDerivative] double s) => u * s;

        /// <summary>
        /// An active argument for a <c>[NoDerivative]</c> parameter: the call is kept (not inlined), so that no
        /// derivative flows through <c>s</c>, as the callee's pullback promises. Pinned by its snapshot only: finite
        /// differences would see the derivative the attribute discards.
        /// </summary>
        [Differentiable]
        public static double ActiveIntoConstantParameter(double[] x)
        {
            double total = 0;
            for (int i = 0; i < x.Length; i++)
            {
#pragma warning disable BP0014 // The stop at s is what this case pins.
                total += Scaled(x[i], x[i]);
#pragma warning restore BP0014
            }

            return total;
        }

        // ---- regressions found in review: what recomputation must not take for unchanging

        /// <summary>A ring buffer: each iteration writes a different element, so re-running the write would not restore the other.</summary>
        [Differentiable]
        public static double RingBuffer(double[] a, double p)
        {
            double[] c = new double[2];
            double t = 1;
            for (int k = 0; k < 4; k++)
            {
                c[k % 2] = a[k % 3] * p;
                t += c[0] * c[1] * t;
            }

            return t;
        }

        /// <summary>An inner loop whose range grows with the outer counter writes a different set of elements each time.</summary>
        [Differentiable]
        public static double GrowingRewrite(double[] a, double p)
        {
            double[] c = new double[3];
            double t = p;
            for (int k = 0; k < 3; k++)
            {
                for (int id = 0; id <= k; id++)
                {
                    c[id] = a[id] - k;
                }

                t += c[0] * c[1] * c[2] * p * t;
            }

            return t;
        }

        /// <summary>A local declared at the top without a value and assigned in the loop changes every iteration.</summary>
        [Differentiable]
        public static double AssignedInTheLoop(double[] a, double p)
        {
            double s;
            double total = p;
            for (int k = 0; k < 3; k++)
            {
                s = a[k] * total;
                double c = s + 1;
                total += c * c * a[k];
            }

            return total;
        }

        /// <summary>An element of the array a called (not inlined) helper writes, passed as its scalar argument.</summary>
        [Differentiable]
        public static double ElementOfTheWrittenArray(double[] a, double p)
        {
            double[] c = new double[3];
            for (int i = 0; i < 3; i++)
            {
                c[i] = a[i] * p;
            }

            OtherHelpers.Scale(c, c[1]);
            return c[0] + (c[2] * c[1]);
        }

        // ---- loop-invariant index arithmetic, computed once before the loop (LoopInvariantIndices)

        /// <summary>
        /// Lower triangles stored column by column, as GMM's icf: <c>w[b * size + i * (2n - i - 1) / 2 + j - i - 1]</c>
        /// inside <c>for (j …)</c> reads through one hoisted offset in both sweeps.
        /// </summary>
        [Differentiable]
        public static double TriangularIndex(double[] w, int n, int blocks)
        {
            int size = n * (n - 1) / 2;
            double[] q = new double[n];
            double total = 0;
            for (int b = 0; b < blocks; b++)
            {
                for (int i = 0; i < n; i++)
                {
                    q[i] = w[b * size + i % size] + 1;
                }

                for (int i = 0; i < n; i++)
                {
                    for (int j = i + 1; j < n; j++)
                    {
                        q[j] += w[b * size + i * (2 * n - i - 1) / 2 + j - i - 1] * q[i];
                    }
                }

                for (int i = 0; i < n; i++)
                {
                    total += q[i] * q[i];
                }
            }

            return total;
        }

        /// <summary>
        /// The near miss: <c>row</c> changes inside the inner loop, so <c>row * 2 + row / 2</c> is not invariant there
        /// (only in the outer loop, where <c>start</c> is hoisted out of nothing but its own iteration).
        /// </summary>
        [Differentiable]
        public static double IndexChangedInTheLoop(double[] a, int n)
        {
            double total = 0;
            for (int start = 0; start < 2; start++)
            {
                int row = start;
                for (int j = 0; j < n; j++)
                {
                    total += a[row * 2 + row / 2 + start * 3 + start / 2 + j] * a[j] * (j + 1);
                    row += j % 2;
                }
            }

            return total;
        }

        /// <summary>
        /// The other near miss: the inner loop runs no iteration and its index divides by zero. Computing the
        /// index's invariant part before the loop would throw; only division by a literal is hoisted.
        /// </summary>
        [Differentiable]
        public static double DividedIndexInAnEmptyLoop(double[] a, int m, int z)
        {
            double total = a[0] * a[1];
            for (int i = 0; i < 2; i++)
            {
                for (int j = 0; j < m; j++)
                {
                    total += a[(i * 3 + i * i + 1) / z + (i * 5 + 2) % z + j] * a[j];
                }

                total += a[i] * total;
            }

            return total;
        }

        // ---- an adjoint a loop only adds into at one index, summed in a local (AccumulatorPromotion)

        /// <summary>
        /// GMM's Q·(x − μ) with a local centred vector: the reverse of <c>q[j] += w[…] * c[i]</c> adds into
        /// <c>cAdj[i]</c> for every j, and sums in a local.
        /// </summary>
        [Differentiable]
        public static double LowerTriangularProduct(double[] w, [NoDerivative] double[] a, int n)
        {
            double[] c = new double[n];
            double[] q = new double[n];
            for (int i = 0; i < n; i++)
            {
                c[i] = a[i] - w[0];
            }

            for (int i = 0; i < n; i++)
            {
                q[i] = c[i] * w[i + 1];
            }

            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    q[j] += w[i * (2 * n - i - 1) / 2 + j - i - 1] * c[i];
                }
            }

            double total = 0;
            for (int i = 0; i < n; i++)
            {
                total += q[i] * q[i];
            }

            return total;
        }

        /// <summary>
        /// The near miss: with <c>j</c> from <c>i</c>, the reverse adds into <c>cAdj[j]</c> too, which is
        /// <c>cAdj[i]</c> in the first iteration; a local sum of <c>cAdj[i]</c> would lose that addition.
        /// </summary>
        [Differentiable]
        public static double TriangleWithItsDiagonal(double[] a, int n)
        {
            double[] c = new double[n];
            double[] q = new double[n];
            for (int i = 0; i < n; i++)
            {
                c[i] = a[i] * a[i] - 0.5;
            }

            for (int i = 0; i < n; i++)
            {
                for (int j = i; j < n; j++)
                {
                    q[j] += c[i] * c[j];
                }
            }

            double total = 0;
            for (int i = 0; i < n; i++)
            {
                total += q[i] * a[i];
            }

            return total;
        }

        /// <summary>
        /// The other near miss: the outer loop runs one past the end, where the inner loop runs no iteration; the
        /// element <c>cAdj[n]</c> does not exist, so it must not be read or written around the empty loop.
        /// </summary>
        [Differentiable]
        public static double OuterCounterPastTheEnd(double[] a, int n)
        {
            double[] c = new double[n];
            double[] q = new double[n];
            for (int i = 0; i < n; i++)
            {
                c[i] = a[i] + 1;
            }

            for (int i = 0; i <= n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    q[j] += a[j] * c[i];
                }
            }

            return q[n - 1] * q[n - 1] + q[1];
        }

        /// <summary>A callee that ignores a parameter keeps the call (inlined, the caller's constant local would be unused: CS0219).</summary>
        [Differentiable]
        public static double IgnoresSecond(double x, [NoDerivative] double unused) => x * x;

        /// <summary>Calls <see cref="IgnoresSecond"/> with a constant local.</summary>
        [Differentiable]
        public static double PassesAnUnusedConstant(double[] a, double p)
        {
            double zero = 0.0;
            return IgnoresSecond(p, zero) * a[0];
        }

        // ---- arrays each iteration touches only at its own element: u[i] written and read back, nothing saved

        /// <summary>
        /// Each iteration writes u[i] and its reverse reads u[i] back (exp's derivative reuses its value); no other
        /// iteration touches u[i], so no value is saved. The second loop then reads every u[i] again.
        /// </summary>
        [Differentiable]
        public static double OwnElementEachIteration(double[] a, double p)
        {
            double[] u = new double[a.Length];
            double total = 0;
            for (int i = 0; i < a.Length; i++)
            {
                u[i] = Math.Exp(a[i] * p);
                total += u[i] * a[i];
            }

            for (int i = a.Length - 1; i >= 0; i--)
            {
                u[i] = Math.Sin(u[i]) * p;
                total += u[i];
            }

            return total;
        }

        /// <summary>
        /// The near miss: each iteration also reads the next element, which the next iteration overwrites, so those
        /// writes must save (a rule that looked only at u[i] would give a wrong gradient here).
        /// </summary>
        [Differentiable]
        public static double NextElementEachIteration(double[] a, double p)
        {
            double[] u = new double[a.Length];
            for (int i = 0; i < a.Length; i++)
            {
                u[i] = a[i] * a[i];
            }

            double total = 0;
            for (int i = 0; i < a.Length - 1; i++)
            {
                u[i] = Math.Exp(a[i] * p);
                total += u[i] * u[i + 1];
            }

            return total;
        }

        /// <summary>The outer loop touches only w's own element; the inner loop rewrites it once per j.</summary>
        [Differentiable]
        public static double OwnElementAcrossAnInnerLoop(double[] a, double p)
        {
            double[] w = new double[a.Length];
            double total = 0;
            for (int i = 0; i < a.Length; i++)
            {
                for (int j = 0; j < a.Length; j++)
                {
                    w[i] = Math.Tanh((w[i] * p) + a[j]);
                }

                total += w[i] * a[i];
            }

            return total;
        }

        // ---- regressions the fuzzer found

        /// <summary>Compares its two parameters, a helper for <see cref="SameVariableTwice"/>.</summary>
        [Differentiable]
        public static double PickLarger(double u, double v)
        {
            double r = u * v;
            if (v < u)
            {
                r = u;
            }

            return r;
        }

        /// <summary>
        /// One variable for both parameters: inlined, the helper's <c>v &lt; u</c> would become <c>p &lt; p</c>
        /// (warning CS1718, an error in this warnings-as-errors project), so the call is kept.
        /// </summary>
        [Differentiable]
        public static double SameVariableTwice(double[] a, double p) => (PickLarger(p, p) * p) + a[0];

        /// <summary>
        /// After the break, the loop's condition would index past the end: C# does not evaluate it, and neither may
        /// the gradient (it tested its break flag after the condition and threw IndexOutOfRangeException).
        /// </summary>
        [Differentiable]
        public static double BreakBeforeTheCondition(double[] a, double p)
        {
            double total = 0;
            int i = 0;
            do
            {
                total += a[i] * p * a[i];
                i++;
                if (i >= a.Length)
                {
                    break;
                }
            }
            while (a[i] > -10.0);

            return total;
        }
        // ---- elements an iteration uses several times, kept in locals for it (ElementPromotion)

        /// <summary>
        /// An LSTM-like cell over one state array, hidden values then cell values: each iteration reads and writes
        /// <c>state[j]</c> and <c>state[cells + j]</c>, and its reverse their adjoints, several times. The two indices
        /// differ because the loop's range gives <c>cells ≥ 1</c>, so both elements get locals.
        /// </summary>
        [Differentiable]
        public static double RecurrentCells(double[] p, int cells, int steps)
        {
            double[] state = new double[2 * cells];
            double total = 0;
            for (int t = 0; t < steps; t++)
            {
                for (int j = 0; j < cells; j++)
                {
                    double gate = Math.Tanh(state[j] * p[j] + p[cells + j]);
                    state[cells + j] = state[cells + j] * p[2 * cells + j] + gate * (state[j] + 1);
                    state[j] = Math.Tanh(state[cells + j]) * (1 + state[j] * p[3 * cells + j]);
                }

                total += state[0] * state[cells];
            }

            return total;
        }

        /// <summary>
        /// The near miss: <c>q[j]</c> and <c>q[j + gap]</c> are the same element when <c>gap</c> is 0, which nothing
        /// rules out, so neither gets a local (a local each would lose the writes through the other).
        /// </summary>
        [Differentiable]
        public static double ElementsThatMayBeOne(double[] a, int gap, int n)
        {
            double[] q = new double[n + gap];
            for (int j = 0; j < n + gap; j++)
            {
                q[j] = a[j];
            }

            for (int j = 0; j < n; j++)
            {
                q[j] = q[j] * q[j + gap] + a[j];
                q[j + gap] = q[j + gap] * q[j] - a[j];
            }

            double total = 0;
            for (int j = 0; j < n + gap; j++)
            {
                total += q[j] * q[j];
            }

            return total;
        }

        /// <summary>
        /// The other near miss: <c>c[i]</c> is used three times, but only for <c>i &lt; m</c>, past the end of <c>c</c>
        /// otherwise. Read at the top of every iteration it would throw; an element used under a condition gets no local.
        /// </summary>
        [Differentiable]
        public static double ElementsUnderACondition(double[] a, int m, int n)
        {
            double[] c = new double[m];
            for (int i = 0; i < m; i++)
            {
                c[i] = a[i] * a[i];
            }

            double total = 0;
            for (int i = 0; i < n; i++)
            {
                if (i < m)
                {
                    total += c[i] * c[i] * c[i];
                }
            }

            return total;
        }
    }

    /// <summary>
    /// Under [SkipLocalsInit], stackalloc memory is not zeroed, so the generated gradient clears its stackalloc'd
    /// adjoints itself (elsewhere the compiler's zeroing does it). The stack is dirtied first, so a missing clear
    /// would show as a wrong gradient.
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    public static partial class NotZeroedStack
    {
        [Differentiable]
        public static double StackAdjoints(double[] a, double p)
        {
            Span<double> u = stackalloc double[a.Length];
            Span<double> v = stackalloc double[a.Length];
            double total = 0;
            for (int i = 0; i < a.Length; i++)
            {
                u[i] = Math.Sin(a[i] * p);
                v[i] = u[i] * u[i];
            }

            for (int i = 0; i < a.Length; i++)
            {
                total += v[i] * a[(i + 1) % a.Length];
            }

            return total;
        }

        /// <summary>Leaves large values on the stack where the next call's stackalloc will be.</summary>
        /// <returns>A checksum, so the writes are not optimised away.</returns>
        public static double DirtyTheStack()
        {
            Span<double> junk = stackalloc double[64];
            junk.Fill(1e6);
            double sum = 0;
            foreach (double value in junk)
            {
                sum += value;
            }

            return sum;
        }
    }

    /// <summary>Helpers of another type, which are called through their pullbacks rather than inlined.</summary>
    public static partial class OtherHelpers
    {
        /// <summary>Scales y in place by s.</summary>
        /// <param name="y">Scaled in place.</param>
        /// <param name="s">The factor.</param>
        [Differentiable]
        public static void Scale(Span<double> y, double s)
        {
            for (int i = 0; i < y.Length; i++)
            {
                y[i] = y[i] * s;
            }
        }

    }
}
