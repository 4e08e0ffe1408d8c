using System;
using System.Runtime.CompilerServices;

// Round 4 (2026-11-29): where abc-K3's 25–30 ns go. A copy of today's generated pullback (LossPullbackRound4Copy: the
// third round's copy still propagated d(w²) as two additions), "timing only" variants that split it and the
// hand-written gradient into their forward parts, and checked variants that move its adjoint stackallocs. Every
// variant is compiled as the generated code is (AggressiveOptimization: fully optimised at once, no tiering), and its
// two sweeps are inlined unless the variant says otherwise, so that the variants differ in the one edit they name.
namespace Backprop.Benchmarks.Experiments
{
    public static partial class AbcVariants
    {
        /// <summary>A copy of the generated pullback as of the fourth round: its ten stackallocs in the generated order, then its two sweeps.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double LossPullbackRound4Copy(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> x, int k, double resultAdj, Span<double> aGrad, Span<double> bGrad, Span<double> cGrad)
        {
            Span<double> y = stackalloc double[k];
            Span<double> yAdj = stackalloc double[y.Length];
            Span<double> u = stackalloc double[k];
            Span<double> uAdj = stackalloc double[u.Length];
            Span<double> v = stackalloc double[k];
            Span<double> vAdj = stackalloc double[v.Length];
            Span<double> z = stackalloc double[k];
            Span<double> zAdj = stackalloc double[z.Length];
            Span<double> w = stackalloc double[k];
            Span<double> wAdj = stackalloc double[w.Length];
            double result = ForwardSweep(a, b, c, x, k, y, u, v, z, w);
            ReverseSweepInto(a, b, c, x, k, resultAdj, aGrad, bGrad, cGrad, u, z, w, yAdj, uAdj, vAdj, zAdj, wAdj);
            return result;
        }

        /// <summary>Timing only: the forward sweep of <see cref="LossPullbackRound4Copy"/> alone, with its ten stackallocs.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double LossForwardSweepOnly(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> x, int k, double resultAdj, Span<double> aGrad, Span<double> bGrad, Span<double> cGrad)
        {
            Span<double> y = stackalloc double[k];
            Span<double> yAdj = stackalloc double[y.Length];
            Span<double> u = stackalloc double[k];
            Span<double> uAdj = stackalloc double[u.Length];
            Span<double> v = stackalloc double[k];
            Span<double> vAdj = stackalloc double[v.Length];
            Span<double> z = stackalloc double[k];
            Span<double> zAdj = stackalloc double[z.Length];
            Span<double> w = stackalloc double[k];
            Span<double> wAdj = stackalloc double[w.Length];
            double loss = ForwardSweep(a, b, c, x, k, y, u, v, z, w);

            // Touch the adjoint spans so that the JIT keeps their stackallocs.
            return loss + yAdj[0] + uAdj[0] + vAdj[0] + zAdj[0] + wAdj[0];
        }

        /// <summary>Timing only: the forward sweep of <see cref="LossPullbackRound4Copy"/> with the five primal stackallocs only.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double LossForwardSweepPrimalStackallocsOnly(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> x, int k, double resultAdj, Span<double> aGrad, Span<double> bGrad, Span<double> cGrad)
        {
            Span<double> y = stackalloc double[k];
            Span<double> u = stackalloc double[k];
            Span<double> v = stackalloc double[k];
            Span<double> z = stackalloc double[k];
            Span<double> w = stackalloc double[k];
            return ForwardSweep(a, b, c, x, k, y, u, v, z, w);
        }

        /// <summary>
        /// <see cref="LossPullbackRound4Copy"/> with its reverse sweep in a method of its own, so that neither sweep keeps
        /// the other's spans in registers or on the stack.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double LossPullbackSplitSweeps(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> x, int k, double resultAdj, Span<double> aGrad, Span<double> bGrad, Span<double> cGrad)
        {
            Span<double> y = stackalloc double[k];
            Span<double> u = stackalloc double[k];
            Span<double> v = stackalloc double[k];
            Span<double> z = stackalloc double[k];
            Span<double> w = stackalloc double[k];
            double result = ForwardSweep(a, b, c, x, k, y, u, v, z, w);
            ReverseSweep(a, b, c, x, k, resultAdj, aGrad, bGrad, cGrad, u, z, w);
            return result;
        }

        /// <summary><see cref="LossPullbackRound4Copy"/> with its five adjoint spans carved from one stackalloc.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double LossPullbackOneAdjointStackalloc(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> x, int k, double resultAdj, Span<double> aGrad, Span<double> bGrad, Span<double> cGrad)
        {
            Span<double> y = stackalloc double[k];
            Span<double> u = stackalloc double[k];
            Span<double> v = stackalloc double[k];
            Span<double> z = stackalloc double[k];
            Span<double> w = stackalloc double[k];
            double result = ForwardSweep(a, b, c, x, k, y, u, v, z, w);
            Span<double> adjoints = stackalloc double[5 * k];
            ReverseSweepInto(a, b, c, x, k, resultAdj, aGrad, bGrad, cGrad, u, z, w, adjoints.Slice(0, k), adjoints.Slice(k, k), adjoints.Slice(2 * k, k), adjoints.Slice(3 * k, k), adjoints.Slice(4 * k, k));
            return result;
        }

        /// <summary>Timing only: the hand-written scalar gradient without its backward part (σ, z and the loss only).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double HandForwardPart(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> x, int k)
        {
            Span<double> u = stackalloc double[k];
            Span<double> z = stackalloc double[k];
            return HandForwardLoops(a, b, c, x, k, u, z);
        }

        /// <summary>
        /// Timing only: <see cref="HandForwardPart"/> with five stackallocs, as many as the generated forward sweep
        /// has, so that what is left of the difference between the two is their loops.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double HandForwardPartFiveStackallocs(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> x, int k)
        {
            Span<double> u = stackalloc double[k];
            Span<double> z = stackalloc double[k];
            Span<double> unused1 = stackalloc double[k];
            Span<double> unused2 = stackalloc double[k];
            Span<double> unused3 = stackalloc double[k];
            return HandForwardLoops(a, b, c, x, k, u, z) + unused1[0] + unused2[0] + unused3[0];
        }

        // The hand-written scalar gradient's forward part: y, v, σ and z in one loop, then w and the loss.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double HandForwardLoops(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> x, int k, Span<double> u, Span<double> z)
        {
            x = x.Slice(0, k);
            for (int i = 0; i < k; i++)
            {
                ReadOnlySpan<double> rowA = a.Slice(i * k, k);
                ReadOnlySpan<double> rowB = b.Slice(i * k, k);
                double yi = 0;
                double vi = 0;
                for (int j = 0; j < rowA.Length; j++)
                {
                    yi += rowA[j] * x[j];
                }

                for (int j = 0; j < rowB.Length; j++)
                {
                    vi += rowB[j] * x[j];
                }

                double s = Backprop.Benchmarks.Abc.AbcModel.Sigmoid(yi);
                u[i] = s;
                z[i] = s + vi;
            }

            double loss = 0;
            for (int i = 0; i < k; i++)
            {
                ReadOnlySpan<double> rowC = c.Slice(i * k, k);
                double wi = 0;
                for (int j = 0; j < rowC.Length; j++)
                {
                    wi += rowC[j] * z[j];
                }

                loss += wi * wi;
            }

            return loss + u[0];
        }

        // The forward sweep of the generated pullback.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double ForwardSweep(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> x, int k, Span<double> y, Span<double> u, Span<double> v, Span<double> z, Span<double> w)
        {
            for (int i2 = 0; i2 < k; i2++)
            {
                double sum = 0.0;
                for (int j = 0; j < k; j++)
                {
                    sum = sum + a[i2 * k + j] * x[j];
                }

                y[i2] = sum;
            }

            for (int i3 = 0; i3 < k; i3++)
            {
                double sum2 = 0.0;
                for (int j2 = 0; j2 < k; j2++)
                {
                    sum2 = sum2 + b[i3 * k + j2] * x[j2];
                }

                v[i3] = sum2;
            }

            for (int i = 0; i < k; i++)
            {
                u[i] = Backprop.Benchmarks.Abc.AbcModel.Sigmoid(y[i]);
                z[i] = u[i] + v[i];
            }

            for (int i4 = 0; i4 < k; i4++)
            {
                double sum3 = 0.0;
                for (int j3 = 0; j3 < k; j3++)
                {
                    sum3 = sum3 + c[i4 * k + j3] * z[j3];
                }

                w[i4] = sum3;
            }

            double loss = 0.0;
            for (int i = 0; i < k; i++)
            {
                loss = loss + w[i] * w[i];
            }

            return loss;
        }

        // The reverse sweep of the generated pullback with its five adjoint spans, kept out of its caller.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ReverseSweep(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> x, int k, double resultAdj, Span<double> aGrad, Span<double> bGrad, Span<double> cGrad, Span<double> u, Span<double> z, Span<double> w)
        {
            Span<double> yAdj = stackalloc double[k];
            Span<double> uAdj = stackalloc double[k];
            Span<double> vAdj = stackalloc double[k];
            Span<double> zAdj = stackalloc double[k];
            Span<double> wAdj = stackalloc double[k];
            ReverseSweepInto(a, b, c, x, k, resultAdj, aGrad, bGrad, cGrad, u, z, w, yAdj, uAdj, vAdj, zAdj, wAdj);
        }

        // The loops of the reverse sweep, given zeroed adjoint spans.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void ReverseSweepInto(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> x, int k, double resultAdj, Span<double> aGrad, Span<double> bGrad, Span<double> cGrad, Span<double> u, Span<double> z, Span<double> w, Span<double> yAdj, Span<double> uAdj, Span<double> vAdj, Span<double> zAdj, Span<double> wAdj)
        {
            double lossAdj = resultAdj;
            double sumAdj = 0.0;
            double sum2Adj = 0.0;
            double sum3Adj = 0.0;
            for (int i = k - 1; i >= 0; i--)
            {
                wAdj[i] += 2.0 * (w[i] * lossAdj);
            }

            for (int i4 = k - 1; i4 >= 0; i4--)
            {
                sum3Adj += wAdj[i4];
                wAdj[i4] = 0.0;
                for (int j3 = k - 1; j3 >= 0; j3--)
                {
                    cGrad[i4 * k + j3] += sum3Adj * z[j3];
                    zAdj[j3] += c[i4 * k + j3] * sum3Adj;
                }

                sum3Adj = 0.0;
            }

            for (int i = k - 1; i >= 0; i--)
            {
                uAdj[i] += zAdj[i];
                vAdj[i] += zAdj[i];
                zAdj[i] = 0.0;
                yAdj[i] += uAdj[i] * Backprop.Benchmarks.Abc.AbcModel.SigmoidDerivative(u[i]);
                uAdj[i] = 0.0;
            }

            for (int i3 = k - 1; i3 >= 0; i3--)
            {
                sum2Adj += vAdj[i3];
                vAdj[i3] = 0.0;
                for (int j2 = k - 1; j2 >= 0; j2--)
                {
                    bGrad[i3 * k + j2] += sum2Adj * x[j2];
                }

                sum2Adj = 0.0;
            }

            for (int i2 = k - 1; i2 >= 0; i2--)
            {
                sumAdj += yAdj[i2];
                yAdj[i2] = 0.0;
                for (int j = k - 1; j >= 0; j--)
                {
                    aGrad[i2 * k + j] += sumAdj * x[j];
                }

                sumAdj = 0.0;
            }
        }
    }
}
