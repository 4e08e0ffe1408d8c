using System;

// What-if variants of the generated pullback, for the ablation in docs/benchmarks.md ("Why the targets are missed").
// Each method is a copy of the generator's output for AbcModel.Loss (as of this commit) with one more hand edit than the
// previous one; the edits are the changes to the transform proposed there. Run with --ablation: every variant is
// checked against the generated gradient (relative 1e-8) and timed. They are not updated when the generator changes.
#pragma warning disable IDE0059, CS0219
namespace Backprop.Benchmarks.Experiments
{
    /// <summary>Hand-edited copies of the generated pullback of AbcModel.Loss.</summary>
    public static partial class AbcVariants
    {
        /// <summary>A variant of the generated pullback (see the file header).</summary>
        public static double LossPullbackAsGenerated(global::System.ReadOnlySpan<double> a, global::System.ReadOnlySpan<double> b, global::System.ReadOnlySpan<double> c, global::System.ReadOnlySpan<double> x, int k, double resultAdj, global::System.Span<double> aGrad, global::System.Span<double> bGrad, global::System.Span<double> cGrad)
        {
            // Forward sweep: the original computation.
            global::System.Span<double> y = stackalloc double[k];
            global::System.Span<double> yAdj = stackalloc double[y.Length];
            yAdj.Clear();
            global::System.Span<double> u = stackalloc double[k];
            global::System.Span<double> uAdj = stackalloc double[u.Length];
            uAdj.Clear();
            global::System.Span<double> v = stackalloc double[k];
            global::System.Span<double> vAdj = stackalloc double[v.Length];
            vAdj.Clear();
            global::System.Span<double> z = stackalloc double[k];
            global::System.Span<double> zAdj = stackalloc double[z.Length];
            zAdj.Clear();
            global::System.Span<double> w = stackalloc double[k];
            global::System.Span<double> wAdj = stackalloc double[w.Length];
            wAdj.Clear();
            global::Backprop.Benchmarks.Abc.AbcModel.MatVec(a, x, y, k);
            global::Backprop.Benchmarks.Abc.AbcModel.MatVec(b, x, v, k);
            for (int i = 0; i < k; i++)
            {
                u[i] = global::Backprop.Benchmarks.Abc.AbcModel.Sigmoid(y[i]);
                z[i] = u[i] + v[i];
            }

            global::Backprop.Benchmarks.Abc.AbcModel.MatVec(c, z, w, k);
            double loss = 0.0;
            for (int i = 0; i < k; i++)
            {
                loss = loss + w[i] * w[i];
            }

            double result = loss;

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double lossAdj = 0.0;

            // return loss;
            lossAdj += resultAdj;

            // for (int i = 0; i < k; i++), in reverse
            for (int i = k - 1; i >= 0; i--)
            {
                // loss += w[i] * w[i];  ->  d(uv) = v du + u dv
                wAdj[i] += lossAdj * w[i];
                wAdj[i] += w[i] * lossAdj;
            }

            // MatVec(c, z, w, k);  ->  chain rule through MatVecPullback
            w.Clear();
            global::Backprop.Benchmarks.Abc.AbcModel.MatVecPullback(c, z, w, k, cGrad, zAdj, wAdj);

            // for (int i = 0; i < k; i++), in reverse
            for (int i = k - 1; i >= 0; i--)
            {
                // z[i] = u[i] + v[i];  ->  d(u ± v) = du ± dv
                uAdj[i] += zAdj[i];
                vAdj[i] += zAdj[i];
                zAdj[i] = 0.0;

                // u[i] = Sigmoid(y[i]);  ->  chain rule through SigmoidPullback
                global::Backprop.Benchmarks.Abc.AbcModel.SigmoidPullback(y[i], uAdj[i], ref yAdj[i]);
                uAdj[i] = 0.0;
            }

            // MatVec(b, x, v, k);  ->  chain rule through MatVecPullback
            {
                v.Clear();
                double[] xScratch = global::Backprop.Support.LocalArrayPool<double>.Rent(x.Length);
                global::Backprop.Benchmarks.Abc.AbcModel.MatVecPullback(b, x, v, k, bGrad, xScratch, vAdj);
                global::Backprop.Support.LocalArrayPool<double>.Return(xScratch);
            }

            // MatVec(a, x, y, k);  ->  chain rule through MatVecPullback
            {
                y.Clear();
                double[] xScratch = global::Backprop.Support.LocalArrayPool<double>.Rent(x.Length);
                global::Backprop.Benchmarks.Abc.AbcModel.MatVecPullback(a, x, y, k, aGrad, xScratch, yAdj);
                global::Backprop.Support.LocalArrayPool<double>.Return(xScratch);
            }
            return result;
        }

        /// <summary>A variant of the generated pullback (see the file header).</summary>
        public static double LossPullbackNoScratch(global::System.ReadOnlySpan<double> a, global::System.ReadOnlySpan<double> b, global::System.ReadOnlySpan<double> c, global::System.ReadOnlySpan<double> x, int k, double resultAdj, global::System.Span<double> aGrad, global::System.Span<double> bGrad, global::System.Span<double> cGrad)
        {
            // Forward sweep: the original computation.
            global::System.Span<double> y = stackalloc double[k];
            global::System.Span<double> yAdj = stackalloc double[y.Length];
            yAdj.Clear();
            global::System.Span<double> u = stackalloc double[k];
            global::System.Span<double> uAdj = stackalloc double[u.Length];
            uAdj.Clear();
            global::System.Span<double> v = stackalloc double[k];
            global::System.Span<double> vAdj = stackalloc double[v.Length];
            vAdj.Clear();
            global::System.Span<double> z = stackalloc double[k];
            global::System.Span<double> zAdj = stackalloc double[z.Length];
            zAdj.Clear();
            global::System.Span<double> w = stackalloc double[k];
            global::System.Span<double> wAdj = stackalloc double[w.Length];
            wAdj.Clear();
            global::Backprop.Benchmarks.Abc.AbcModel.MatVec(a, x, y, k);
            global::Backprop.Benchmarks.Abc.AbcModel.MatVec(b, x, v, k);
            for (int i = 0; i < k; i++)
            {
                u[i] = global::Backprop.Benchmarks.Abc.AbcModel.Sigmoid(y[i]);
                z[i] = u[i] + v[i];
            }

            global::Backprop.Benchmarks.Abc.AbcModel.MatVec(c, z, w, k);
            double loss = 0.0;
            for (int i = 0; i < k; i++)
            {
                loss = loss + w[i] * w[i];
            }

            double result = loss;

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double lossAdj = 0.0;

            // return loss;
            lossAdj += resultAdj;

            // for (int i = 0; i < k; i++), in reverse
            for (int i = k - 1; i >= 0; i--)
            {
                // loss += w[i] * w[i];  ->  d(uv) = v du + u dv
                wAdj[i] += lossAdj * w[i];
                wAdj[i] += w[i] * lossAdj;
            }

            // MatVec(c, z, w, k);  ->  chain rule through MatVecPullback
            w.Clear();
            global::Backprop.Benchmarks.Abc.AbcModel.MatVecPullback(c, z, w, k, cGrad, zAdj, wAdj);

            // for (int i = 0; i < k; i++), in reverse
            for (int i = k - 1; i >= 0; i--)
            {
                // z[i] = u[i] + v[i];  ->  d(u ± v) = du ± dv
                uAdj[i] += zAdj[i];
                vAdj[i] += zAdj[i];
                zAdj[i] = 0.0;

                // u[i] = Sigmoid(y[i]);  ->  chain rule through SigmoidPullback
                global::Backprop.Benchmarks.Abc.AbcModel.SigmoidPullback(y[i], uAdj[i], ref yAdj[i]);
                uAdj[i] = 0.0;
            }

            // MatVec(b, x, v, k);  ->  chain rule through MatVecPullback
            {
                v.Clear();
                AbcVariants.MatVecPullbackWithoutX(b, x, k, bGrad, vAdj);
            }

            // MatVec(a, x, y, k);  ->  chain rule through MatVecPullback
            {
                y.Clear();
                AbcVariants.MatVecPullbackWithoutX(a, x, k, aGrad, yAdj);
            }
            return result;
        }

        /// <summary>A variant of the generated pullback (see the file header).</summary>
        public static double LossPullbackNoScratchSavedSigmoid(global::System.ReadOnlySpan<double> a, global::System.ReadOnlySpan<double> b, global::System.ReadOnlySpan<double> c, global::System.ReadOnlySpan<double> x, int k, double resultAdj, global::System.Span<double> aGrad, global::System.Span<double> bGrad, global::System.Span<double> cGrad)
        {
            // Forward sweep: the original computation.
            global::System.Span<double> y = stackalloc double[k];
            global::System.Span<double> yAdj = stackalloc double[y.Length];
            yAdj.Clear();
            global::System.Span<double> u = stackalloc double[k];
            global::System.Span<double> uAdj = stackalloc double[u.Length];
            uAdj.Clear();
            global::System.Span<double> v = stackalloc double[k];
            global::System.Span<double> vAdj = stackalloc double[v.Length];
            vAdj.Clear();
            global::System.Span<double> z = stackalloc double[k];
            global::System.Span<double> zAdj = stackalloc double[z.Length];
            zAdj.Clear();
            global::System.Span<double> w = stackalloc double[k];
            global::System.Span<double> wAdj = stackalloc double[w.Length];
            wAdj.Clear();
            global::Backprop.Benchmarks.Abc.AbcModel.MatVec(a, x, y, k);
            global::Backprop.Benchmarks.Abc.AbcModel.MatVec(b, x, v, k);
            for (int i = 0; i < k; i++)
            {
                u[i] = global::Backprop.Benchmarks.Abc.AbcModel.Sigmoid(y[i]);
                z[i] = u[i] + v[i];
            }

            global::Backprop.Benchmarks.Abc.AbcModel.MatVec(c, z, w, k);
            double loss = 0.0;
            for (int i = 0; i < k; i++)
            {
                loss = loss + w[i] * w[i];
            }

            double result = loss;

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double lossAdj = 0.0;

            // return loss;
            lossAdj += resultAdj;

            // for (int i = 0; i < k; i++), in reverse
            for (int i = k - 1; i >= 0; i--)
            {
                // loss += w[i] * w[i];  ->  d(uv) = v du + u dv
                wAdj[i] += lossAdj * w[i];
                wAdj[i] += w[i] * lossAdj;
            }

            // MatVec(c, z, w, k);  ->  chain rule through MatVecPullback
            w.Clear();
            global::Backprop.Benchmarks.Abc.AbcModel.MatVecPullback(c, z, w, k, cGrad, zAdj, wAdj);

            // for (int i = 0; i < k; i++), in reverse
            for (int i = k - 1; i >= 0; i--)
            {
                // z[i] = u[i] + v[i];  ->  d(u ± v) = du ± dv
                uAdj[i] += zAdj[i];
                vAdj[i] += zAdj[i];
                zAdj[i] = 0.0;

                // u[i] = Sigmoid(y[i]);  ->  chain rule through SigmoidPullback
                yAdj[i] += uAdj[i] * (u[i] * (1.0 - u[i]));
                uAdj[i] = 0.0;
            }

            // MatVec(b, x, v, k);  ->  chain rule through MatVecPullback
            {
                v.Clear();
                AbcVariants.MatVecPullbackWithoutX(b, x, k, bGrad, vAdj);
            }

            // MatVec(a, x, y, k);  ->  chain rule through MatVecPullback
            {
                y.Clear();
                AbcVariants.MatVecPullbackWithoutX(a, x, k, aGrad, yAdj);
            }
            return result;
        }

        /// <summary>MatVecPullback specialised for a constant x: no adjoint of x, so no scratch buffer and no dead updates.</summary>
        /// <param name="m">The matrix.</param>
        /// <param name="x">The constant vector.</param>
        /// <param name="k">K.</param>
        /// <param name="mGrad">Added into.</param>
        /// <param name="yGrad">The adjoint of y; cleared on return, as the generated pullback does.</param>
        public static void MatVecPullbackWithoutX(ReadOnlySpan<double> m, ReadOnlySpan<double> x, int k, Span<double> mGrad, Span<double> yGrad)
        {
            for (int i = k - 1; i >= 0; i--)
            {
                double sumAdj = yGrad[i];
                yGrad[i] = 0.0;
                for (int j = k - 1; j >= 0; j--)
                {
                    mGrad[i * k + j] += sumAdj * x[j];
                }
            }
        }
    }
}
