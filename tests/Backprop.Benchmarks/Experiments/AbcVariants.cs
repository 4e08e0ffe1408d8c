using System;

// What-if variants of the generated pullback, for the ablation in docs/benchmarks.md ("Why the targets are missed").
// Each method is a copy of the generator's output for AbcModel.Loss (as of this commit) with one more hand edit than the
// previous one; the edits are the changes to the transform proposed there. Run with --ablation: every variant is
// checked against the generated gradient (relative 1e-8) and timed. They are not updated when the generator
// changes: the pullbacks they call and the tape and pool they use are copies too (below and ExperimentRuntime.cs).
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
            MatVecPullbackCopy(c, z, w, k, cGrad, zAdj, wAdj);

            // for (int i = 0; i < k; i++), in reverse
            for (int i = k - 1; i >= 0; i--)
            {
                // z[i] = u[i] + v[i];  ->  d(u ± v) = du ± dv
                uAdj[i] += zAdj[i];
                vAdj[i] += zAdj[i];
                zAdj[i] = 0.0;

                // u[i] = Sigmoid(y[i]);  ->  chain rule through SigmoidPullback
                SigmoidPullbackCopy(y[i], uAdj[i], ref yAdj[i]);
                uAdj[i] = 0.0;
            }

            // MatVec(b, x, v, k);  ->  chain rule through MatVecPullback
            {
                v.Clear();
                double[] xScratch = ExperimentPool<double>.Rent(x.Length);
                MatVecPullbackCopy(b, x, v, k, bGrad, xScratch, vAdj);
                ExperimentPool<double>.Return(xScratch);
            }

            // MatVec(a, x, y, k);  ->  chain rule through MatVecPullback
            {
                y.Clear();
                double[] xScratch = ExperimentPool<double>.Rent(x.Length);
                MatVecPullbackCopy(a, x, y, k, aGrad, xScratch, yAdj);
                ExperimentPool<double>.Return(xScratch);
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
            MatVecPullbackCopy(c, z, w, k, cGrad, zAdj, wAdj);

            // for (int i = 0; i < k; i++), in reverse
            for (int i = k - 1; i >= 0; i--)
            {
                // z[i] = u[i] + v[i];  ->  d(u ± v) = du ± dv
                uAdj[i] += zAdj[i];
                vAdj[i] += zAdj[i];
                zAdj[i] = 0.0;

                // u[i] = Sigmoid(y[i]);  ->  chain rule through SigmoidPullback
                SigmoidPullbackCopy(y[i], uAdj[i], ref yAdj[i]);
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
            MatVecPullbackCopy(c, z, w, k, cGrad, zAdj, wAdj);

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

        // A copy of the generated MatVecPullback, so that these variants keep compiling when the generator changes.
        private static void MatVecPullbackCopy(global::System.ReadOnlySpan<double> m, global::System.ReadOnlySpan<double> x, global::System.Span<double> y, int k, global::System.Span<double> mGrad, global::System.Span<double> xGrad, global::System.Span<double> yGrad)
        {
            // Forward sweep: the original computation.

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double sumAdj = 0.0;

            // for (int i = 0; i < k; i++), in reverse
            for (int i = k - 1; i >= 0; i--)
            {
                // y[i] = sum;
                sumAdj += yGrad[i];
                yGrad[i] = 0.0;

                // for (int j = 0; j < k; j++), in reverse
                for (int j = k - 1; j >= 0; j--)
                {
                    // sum += m[i * k + j] * x[j];  ->  d(uv) = v du + u dv
                    mGrad[i * k + j] += sumAdj * x[j];
                    xGrad[j] += m[i * k + j] * sumAdj;
                }

                // double sum = 0;
                sumAdj = 0.0;
            }
        }

        // A copy of the generated SigmoidPullback, so that these variants keep compiling when the generator changes.
        private static double SigmoidPullbackCopy(double x, double resultAdj, ref double xGrad)
        {
            double result = 0.0;
            double e = 0.0;

            // Forward sweep: the original computation.
            if (x >= 0.0)
            {
                result = 1.0 / (1.0 + global::System.Math.Exp(-x));
            }
            else
            {
                e = global::System.Math.Exp(x);
                result = e / (1.0 + e);
            }

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double eAdj = 0.0;

            // if (x >= 0), in reverse
            if (x >= 0.0)
            {
                // return 1.0 / (1.0 + Math.Exp(-x));  ->  d(u/v) = du/v - u dv/v²; d(u ± v) = du ± dv; d exp(u) = exp(u) du; d(-u) = -du
                {
                    double denominator = 1.0 + global::System.Math.Exp(-x);
                    double exp = global::System.Math.Exp(-x);
                    xGrad += resultAdj / (denominator * denominator) * exp;
                }
            }
            else
            {
                // return e / (1.0 + e);  ->  d(u/v) = du/v - u dv/v²; d(u ± v) = du ± dv
                {
                    double denominator = 1.0 + e;
                    eAdj += resultAdj / denominator;
                    eAdj += -(resultAdj * e / (denominator * denominator));
                }

                // double e = Math.Exp(x);  ->  d exp(u) = exp(u) du
                {
                    double exp = global::System.Math.Exp(x);
                    xGrad += eAdj * exp;
                }
            }
            return result;
        }
    }
}
