using System;

// What-if variants of the generated pullback, for the ablation in docs/benchmarks.md ("Why the targets are missed").
// Each method is a copy of the generator's output for AbcModel.Loss (as of this commit) with one more hand edit than the
// previous one; the edits are the changes to the transform proposed there. Run with --ablation: every variant is
// checked against the generated gradient (relative 1e-8) and timed. They are not updated when the generator
// changes: the pullbacks they call and the tape and pool they use are copies too (below and ExperimentRuntime.cs).
// Round 3 (the "round 3" variants, 2026-11-29): a copy of the generator's output at that date (…Current, using the real
// runtime's tape and pool) and variants that each make one edit to that copy; "timing only" variants leave a part
// out to measure what it costs, so their gradients are wrong and not checked.
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

        /// <summary>A copy of the generated pullback as of the third round.</summary>
        public static double LossPullbackCurrent(global::System.ReadOnlySpan<double> a, global::System.ReadOnlySpan<double> b, global::System.ReadOnlySpan<double> c, global::System.ReadOnlySpan<double> x, int k, double resultAdj, global::System.Span<double> aGrad, global::System.Span<double> bGrad, global::System.Span<double> cGrad)
        {
            double sum = 0.0;
            double sum2 = 0.0;
            double sum3 = 0.0;

            // Forward sweep: the original computation.
            global::System.Span<double> y = stackalloc double[k];
            global::System.Span<double> yAdj = stackalloc double[y.Length];
            global::System.Span<double> u = stackalloc double[k];
            global::System.Span<double> uAdj = stackalloc double[u.Length];
            global::System.Span<double> v = stackalloc double[k];
            global::System.Span<double> vAdj = stackalloc double[v.Length];
            global::System.Span<double> z = stackalloc double[k];
            global::System.Span<double> zAdj = stackalloc double[z.Length];
            global::System.Span<double> w = stackalloc double[k];
            global::System.Span<double> wAdj = stackalloc double[w.Length];
            for (int i2 = 0; i2 < k; i2++)
            {
                sum = 0.0;
                for (int j = 0; j < k; j++)
                {
                    sum = sum + a[i2 * k + j] * x[j];
                }

                y[i2] = sum;
            }

            for (int i3 = 0; i3 < k; i3++)
            {
                sum2 = 0.0;
                for (int j2 = 0; j2 < k; j2++)
                {
                    sum2 = sum2 + b[i3 * k + j2] * x[j2];
                }

                v[i3] = sum2;
            }

            for (int i = 0; i < k; i++)
            {
                u[i] = global::Backprop.Benchmarks.Abc.AbcModel.Sigmoid(y[i]);
                z[i] = u[i] + v[i];
            }

            for (int i4 = 0; i4 < k; i4++)
            {
                sum3 = 0.0;
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

            double result = loss;

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double lossAdj = 0.0;
            double sumAdj = 0.0;
            double sum2Adj = 0.0;
            double sum3Adj = 0.0;

            // return loss;
            lossAdj += resultAdj;

            // for (int i = 0; i < k; i++), in reverse
            for (int i = k - 1; i >= 0; i--)
            {
                // loss += w[i] * w[i];  ->  d(uv) = v du + u dv
                wAdj[i] += lossAdj * w[i];
                wAdj[i] += w[i] * lossAdj;
            }

            // MatVec(c, z, w, k): for (int i = 0; i < k; i++), in reverse
            for (int i4 = k - 1; i4 >= 0; i4--)
            {
                // MatVec(c, z, w, k): y[i] = sum;
                sum3Adj += wAdj[i4];
                wAdj[i4] = 0.0;

                // MatVec(c, z, w, k): for (int j = 0; j < k; j++), in reverse
                for (int j3 = k - 1; j3 >= 0; j3--)
                {
                    // MatVec(c, z, w, k): sum += m[i * k + j] * x[j];  ->  d(uv) = v du + u dv
                    cGrad[i4 * k + j3] += sum3Adj * z[j3];
                    zAdj[j3] += c[i4 * k + j3] * sum3Adj;
                }

                // MatVec(c, z, w, k): double sum = 0;
                sum3Adj = 0.0;
            }

            // for (int i = 0; i < k; i++), in reverse
            for (int i = k - 1; i >= 0; i--)
            {
                // z[i] = u[i] + v[i];  ->  d(u ± v) = du ± dv
                uAdj[i] += zAdj[i];
                vAdj[i] += zAdj[i];
                zAdj[i] = 0.0;

                // u[i] = Sigmoid(y[i]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du
                yAdj[i] += uAdj[i] * global::Backprop.Benchmarks.Abc.AbcModel.SigmoidDerivative(u[i]);
                uAdj[i] = 0.0;
            }

            // MatVec(b, x, v, k): for (int i = 0; i < k; i++), in reverse
            for (int i3 = k - 1; i3 >= 0; i3--)
            {
                // MatVec(b, x, v, k): y[i] = sum;
                sum2Adj += vAdj[i3];
                vAdj[i3] = 0.0;

                // MatVec(b, x, v, k): for (int j = 0; j < k; j++), in reverse
                for (int j2 = k - 1; j2 >= 0; j2--)
                {
                    // MatVec(b, x, v, k): sum += m[i * k + j] * x[j];  ->  d(uv) = v du + u dv
                    bGrad[i3 * k + j2] += sum2Adj * x[j2];
                }

                // MatVec(b, x, v, k): double sum = 0;
                sum2Adj = 0.0;
            }

            // MatVec(a, x, y, k): for (int i = 0; i < k; i++), in reverse
            for (int i2 = k - 1; i2 >= 0; i2--)
            {
                // MatVec(a, x, y, k): y[i] = sum;
                sumAdj += yAdj[i2];
                yAdj[i2] = 0.0;

                // MatVec(a, x, y, k): for (int j = 0; j < k; j++), in reverse
                for (int j = k - 1; j >= 0; j--)
                {
                    // MatVec(a, x, y, k): sum += m[i * k + j] * x[j];  ->  d(uv) = v du + u dv
                    aGrad[i2 * k + j] += sumAdj * x[j];
                }

                // MatVec(a, x, y, k): double sum = 0;
                sumAdj = 0.0;
            }
            return result;
        }

        /// <summary><see cref="LossPullbackCurrent"/> with adjacent loops over the same range fused (five loops to two in each sweep).</summary>
        public static double LossPullbackFusedLoops(global::System.ReadOnlySpan<double> a, global::System.ReadOnlySpan<double> b, global::System.ReadOnlySpan<double> c, global::System.ReadOnlySpan<double> x, int k, double resultAdj, global::System.Span<double> aGrad, global::System.Span<double> bGrad, global::System.Span<double> cGrad)
        {
            double sum = 0.0;
            double sum2 = 0.0;
            double sum3 = 0.0;
            global::System.Span<double> y = stackalloc double[k];
            global::System.Span<double> yAdj = stackalloc double[y.Length];
            global::System.Span<double> u = stackalloc double[k];
            global::System.Span<double> uAdj = stackalloc double[u.Length];
            global::System.Span<double> v = stackalloc double[k];
            global::System.Span<double> vAdj = stackalloc double[v.Length];
            global::System.Span<double> z = stackalloc double[k];
            global::System.Span<double> zAdj = stackalloc double[z.Length];
            global::System.Span<double> w = stackalloc double[k];
            global::System.Span<double> wAdj = stackalloc double[w.Length];
            for (int i2 = 0; i2 < k; i2++)
            {
                sum = 0.0;
                for (int j = 0; j < k; j++)
                {
                    sum = sum + a[i2 * k + j] * x[j];
                }

                y[i2] = sum;
                sum2 = 0.0;
                for (int j2 = 0; j2 < k; j2++)
                {
                    sum2 = sum2 + b[i2 * k + j2] * x[j2];
                }

                v[i2] = sum2;
                u[i2] = global::Backprop.Benchmarks.Abc.AbcModel.Sigmoid(y[i2]);
                z[i2] = u[i2] + v[i2];
            }

            double loss = 0.0;
            for (int i4 = 0; i4 < k; i4++)
            {
                sum3 = 0.0;
                for (int j3 = 0; j3 < k; j3++)
                {
                    sum3 = sum3 + c[i4 * k + j3] * z[j3];
                }

                w[i4] = sum3;
                loss = loss + w[i4] * w[i4];
            }

            double result = loss;
            double lossAdj = 0.0;
            double sumAdj = 0.0;
            double sum2Adj = 0.0;
            double sum3Adj = 0.0;
            lossAdj += resultAdj;
            for (int i4 = k - 1; i4 >= 0; i4--)
            {
                wAdj[i4] += lossAdj * w[i4];
                wAdj[i4] += w[i4] * lossAdj;
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
                yAdj[i] += uAdj[i] * global::Backprop.Benchmarks.Abc.AbcModel.SigmoidDerivative(u[i]);
                uAdj[i] = 0.0;
                sum2Adj += vAdj[i];
                vAdj[i] = 0.0;
                for (int j2 = k - 1; j2 >= 0; j2--)
                {
                    bGrad[i * k + j2] += sum2Adj * x[j2];
                }

                sum2Adj = 0.0;
                sumAdj += yAdj[i];
                yAdj[i] = 0.0;
                for (int j = k - 1; j >= 0; j--)
                {
                    aGrad[i * k + j] += sumAdj * x[j];
                }

                sumAdj = 0.0;
            }

            return result;
        }

        /// <summary><see cref="LossPullbackCurrent"/> with its ten spans carved from one stackalloc.</summary>
        public static double LossPullbackOneStackalloc(global::System.ReadOnlySpan<double> a, global::System.ReadOnlySpan<double> b, global::System.ReadOnlySpan<double> c, global::System.ReadOnlySpan<double> x, int k, double resultAdj, global::System.Span<double> aGrad, global::System.Span<double> bGrad, global::System.Span<double> cGrad)
        {
            double sum = 0.0;
            double sum2 = 0.0;
            double sum3 = 0.0;

            // Forward sweep: the original computation.
            global::System.Span<double> all = stackalloc double[10 * k];
            global::System.Span<double> y = all.Slice(0, k);
            global::System.Span<double> yAdj = all.Slice(k, k);
            global::System.Span<double> u = all.Slice(2 * k, k);
            global::System.Span<double> uAdj = all.Slice(3 * k, k);
            global::System.Span<double> v = all.Slice(4 * k, k);
            global::System.Span<double> vAdj = all.Slice(5 * k, k);
            global::System.Span<double> z = all.Slice(6 * k, k);
            global::System.Span<double> zAdj = all.Slice(7 * k, k);
            global::System.Span<double> w = all.Slice(8 * k, k);
            global::System.Span<double> wAdj = all.Slice(9 * k, k);
            for (int i2 = 0; i2 < k; i2++)
            {
                sum = 0.0;
                for (int j = 0; j < k; j++)
                {
                    sum = sum + a[i2 * k + j] * x[j];
                }

                y[i2] = sum;
            }

            for (int i3 = 0; i3 < k; i3++)
            {
                sum2 = 0.0;
                for (int j2 = 0; j2 < k; j2++)
                {
                    sum2 = sum2 + b[i3 * k + j2] * x[j2];
                }

                v[i3] = sum2;
            }

            for (int i = 0; i < k; i++)
            {
                u[i] = global::Backprop.Benchmarks.Abc.AbcModel.Sigmoid(y[i]);
                z[i] = u[i] + v[i];
            }

            for (int i4 = 0; i4 < k; i4++)
            {
                sum3 = 0.0;
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

            double result = loss;

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double lossAdj = 0.0;
            double sumAdj = 0.0;
            double sum2Adj = 0.0;
            double sum3Adj = 0.0;

            // return loss;
            lossAdj += resultAdj;

            // for (int i = 0; i < k; i++), in reverse
            for (int i = k - 1; i >= 0; i--)
            {
                // loss += w[i] * w[i];  ->  d(uv) = v du + u dv
                wAdj[i] += lossAdj * w[i];
                wAdj[i] += w[i] * lossAdj;
            }

            // MatVec(c, z, w, k): for (int i = 0; i < k; i++), in reverse
            for (int i4 = k - 1; i4 >= 0; i4--)
            {
                // MatVec(c, z, w, k): y[i] = sum;
                sum3Adj += wAdj[i4];
                wAdj[i4] = 0.0;

                // MatVec(c, z, w, k): for (int j = 0; j < k; j++), in reverse
                for (int j3 = k - 1; j3 >= 0; j3--)
                {
                    // MatVec(c, z, w, k): sum += m[i * k + j] * x[j];  ->  d(uv) = v du + u dv
                    cGrad[i4 * k + j3] += sum3Adj * z[j3];
                    zAdj[j3] += c[i4 * k + j3] * sum3Adj;
                }

                // MatVec(c, z, w, k): double sum = 0;
                sum3Adj = 0.0;
            }

            // for (int i = 0; i < k; i++), in reverse
            for (int i = k - 1; i >= 0; i--)
            {
                // z[i] = u[i] + v[i];  ->  d(u ± v) = du ± dv
                uAdj[i] += zAdj[i];
                vAdj[i] += zAdj[i];
                zAdj[i] = 0.0;

                // u[i] = Sigmoid(y[i]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du
                yAdj[i] += uAdj[i] * global::Backprop.Benchmarks.Abc.AbcModel.SigmoidDerivative(u[i]);
                uAdj[i] = 0.0;
            }

            // MatVec(b, x, v, k): for (int i = 0; i < k; i++), in reverse
            for (int i3 = k - 1; i3 >= 0; i3--)
            {
                // MatVec(b, x, v, k): y[i] = sum;
                sum2Adj += vAdj[i3];
                vAdj[i3] = 0.0;

                // MatVec(b, x, v, k): for (int j = 0; j < k; j++), in reverse
                for (int j2 = k - 1; j2 >= 0; j2--)
                {
                    // MatVec(b, x, v, k): sum += m[i * k + j] * x[j];  ->  d(uv) = v du + u dv
                    bGrad[i3 * k + j2] += sum2Adj * x[j2];
                }

                // MatVec(b, x, v, k): double sum = 0;
                sum2Adj = 0.0;
            }

            // MatVec(a, x, y, k): for (int i = 0; i < k; i++), in reverse
            for (int i2 = k - 1; i2 >= 0; i2--)
            {
                // MatVec(a, x, y, k): y[i] = sum;
                sumAdj += yAdj[i2];
                yAdj[i2] = 0.0;

                // MatVec(a, x, y, k): for (int j = 0; j < k; j++), in reverse
                for (int j = k - 1; j >= 0; j--)
                {
                    // MatVec(a, x, y, k): sum += m[i * k + j] * x[j];  ->  d(uv) = v du + u dv
                    aGrad[i2 * k + j] += sumAdj * x[j];
                }

                // MatVec(a, x, y, k): double sum = 0;
                sumAdj = 0.0;
            }
            return result;
        }

        /// <summary><see cref="LossPullbackCurrent"/> with every span access unchecked (Unsafe.Add).</summary>
        public static double LossPullbackUnchecked(global::System.ReadOnlySpan<double> a, global::System.ReadOnlySpan<double> b, global::System.ReadOnlySpan<double> c, global::System.ReadOnlySpan<double> x, int k, double resultAdj, global::System.Span<double> aGrad, global::System.Span<double> bGrad, global::System.Span<double> cGrad)
        {
            double sum = 0.0;
            double sum2 = 0.0;
            double sum3 = 0.0;

            // Forward sweep: the original computation.
            global::System.Span<double> y = stackalloc double[k];
            global::System.Span<double> yAdj = stackalloc double[y.Length];
            global::System.Span<double> u = stackalloc double[k];
            global::System.Span<double> uAdj = stackalloc double[u.Length];
            global::System.Span<double> v = stackalloc double[k];
            global::System.Span<double> vAdj = stackalloc double[v.Length];
            global::System.Span<double> z = stackalloc double[k];
            global::System.Span<double> zAdj = stackalloc double[z.Length];
            global::System.Span<double> w = stackalloc double[k];
            global::System.Span<double> wAdj = stackalloc double[w.Length];
            ref double aRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(a);
            ref double bRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(b);
            ref double cRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(c);
            ref double xRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
            ref double aGradRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(aGrad);
            ref double bGradRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(bGrad);
            ref double cGradRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(cGrad);
            ref double yRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(y);
            ref double yAdjRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(yAdj);
            ref double uRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(u);
            ref double uAdjRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(uAdj);
            ref double vRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(v);
            ref double vAdjRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(vAdj);
            ref double zRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(z);
            ref double zAdjRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(zAdj);
            ref double wRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(w);
            ref double wAdjRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(wAdj);
            for (int i2 = 0; i2 < k; i2++)
            {
                sum = 0.0;
                for (int j = 0; j < k; j++)
                {
                    sum = sum + global::System.Runtime.CompilerServices.Unsafe.Add(ref aRef, i2 * k + j) * global::System.Runtime.CompilerServices.Unsafe.Add(ref xRef, j);
                }

                global::System.Runtime.CompilerServices.Unsafe.Add(ref yRef, i2) = sum;
            }

            for (int i3 = 0; i3 < k; i3++)
            {
                sum2 = 0.0;
                for (int j2 = 0; j2 < k; j2++)
                {
                    sum2 = sum2 + global::System.Runtime.CompilerServices.Unsafe.Add(ref bRef, i3 * k + j2) * global::System.Runtime.CompilerServices.Unsafe.Add(ref xRef, j2);
                }

                global::System.Runtime.CompilerServices.Unsafe.Add(ref vRef, i3) = sum2;
            }

            for (int i = 0; i < k; i++)
            {
                global::System.Runtime.CompilerServices.Unsafe.Add(ref uRef, i) = global::Backprop.Benchmarks.Abc.AbcModel.Sigmoid(global::System.Runtime.CompilerServices.Unsafe.Add(ref yRef, i));
                global::System.Runtime.CompilerServices.Unsafe.Add(ref zRef, i) = global::System.Runtime.CompilerServices.Unsafe.Add(ref uRef, i) + global::System.Runtime.CompilerServices.Unsafe.Add(ref vRef, i);
            }

            for (int i4 = 0; i4 < k; i4++)
            {
                sum3 = 0.0;
                for (int j3 = 0; j3 < k; j3++)
                {
                    sum3 = sum3 + global::System.Runtime.CompilerServices.Unsafe.Add(ref cRef, i4 * k + j3) * global::System.Runtime.CompilerServices.Unsafe.Add(ref zRef, j3);
                }

                global::System.Runtime.CompilerServices.Unsafe.Add(ref wRef, i4) = sum3;
            }

            double loss = 0.0;
            for (int i = 0; i < k; i++)
            {
                loss = loss + global::System.Runtime.CompilerServices.Unsafe.Add(ref wRef, i) * global::System.Runtime.CompilerServices.Unsafe.Add(ref wRef, i);
            }

            double result = loss;

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double lossAdj = 0.0;
            double sumAdj = 0.0;
            double sum2Adj = 0.0;
            double sum3Adj = 0.0;

            // return loss;
            lossAdj += resultAdj;

            // for (int i = 0; i < k; i++), in reverse
            for (int i = k - 1; i >= 0; i--)
            {
                // loss += global::System.Runtime.CompilerServices.Unsafe.Add(ref wRef, i) * global::System.Runtime.CompilerServices.Unsafe.Add(ref wRef, i);  ->  d(uv) = v du + u dv
                global::System.Runtime.CompilerServices.Unsafe.Add(ref wAdjRef, i) += lossAdj * global::System.Runtime.CompilerServices.Unsafe.Add(ref wRef, i);
                global::System.Runtime.CompilerServices.Unsafe.Add(ref wAdjRef, i) += global::System.Runtime.CompilerServices.Unsafe.Add(ref wRef, i) * lossAdj;
            }

            // MatVec(c, z, w, k): for (int i = 0; i < k; i++), in reverse
            for (int i4 = k - 1; i4 >= 0; i4--)
            {
                // MatVec(c, z, w, k): global::System.Runtime.CompilerServices.Unsafe.Add(ref yRef, i) = sum;
                sum3Adj += global::System.Runtime.CompilerServices.Unsafe.Add(ref wAdjRef, i4);
                global::System.Runtime.CompilerServices.Unsafe.Add(ref wAdjRef, i4) = 0.0;

                // MatVec(c, z, w, k): for (int j = 0; j < k; j++), in reverse
                for (int j3 = k - 1; j3 >= 0; j3--)
                {
                    // MatVec(c, z, w, k): sum += m[i * k + j] * global::System.Runtime.CompilerServices.Unsafe.Add(ref xRef, j);  ->  d(uv) = v du + u dv
                    global::System.Runtime.CompilerServices.Unsafe.Add(ref cGradRef, i4 * k + j3) += sum3Adj * global::System.Runtime.CompilerServices.Unsafe.Add(ref zRef, j3);
                    global::System.Runtime.CompilerServices.Unsafe.Add(ref zAdjRef, j3) += global::System.Runtime.CompilerServices.Unsafe.Add(ref cRef, i4 * k + j3) * sum3Adj;
                }

                // MatVec(c, z, w, k): double sum = 0;
                sum3Adj = 0.0;
            }

            // for (int i = 0; i < k; i++), in reverse
            for (int i = k - 1; i >= 0; i--)
            {
                // global::System.Runtime.CompilerServices.Unsafe.Add(ref zRef, i) = global::System.Runtime.CompilerServices.Unsafe.Add(ref uRef, i) + global::System.Runtime.CompilerServices.Unsafe.Add(ref vRef, i);  ->  d(u ± v) = du ± dv
                global::System.Runtime.CompilerServices.Unsafe.Add(ref uAdjRef, i) += global::System.Runtime.CompilerServices.Unsafe.Add(ref zAdjRef, i);
                global::System.Runtime.CompilerServices.Unsafe.Add(ref vAdjRef, i) += global::System.Runtime.CompilerServices.Unsafe.Add(ref zAdjRef, i);
                global::System.Runtime.CompilerServices.Unsafe.Add(ref zAdjRef, i) = 0.0;

                // global::System.Runtime.CompilerServices.Unsafe.Add(ref uRef, i) = Sigmoid(global::System.Runtime.CompilerServices.Unsafe.Add(ref yRef, i));  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du
                global::System.Runtime.CompilerServices.Unsafe.Add(ref yAdjRef, i) += global::System.Runtime.CompilerServices.Unsafe.Add(ref uAdjRef, i) * global::Backprop.Benchmarks.Abc.AbcModel.SigmoidDerivative(global::System.Runtime.CompilerServices.Unsafe.Add(ref uRef, i));
                global::System.Runtime.CompilerServices.Unsafe.Add(ref uAdjRef, i) = 0.0;
            }

            // MatVec(b, x, v, k): for (int i = 0; i < k; i++), in reverse
            for (int i3 = k - 1; i3 >= 0; i3--)
            {
                // MatVec(b, x, v, k): global::System.Runtime.CompilerServices.Unsafe.Add(ref yRef, i) = sum;
                sum2Adj += global::System.Runtime.CompilerServices.Unsafe.Add(ref vAdjRef, i3);
                global::System.Runtime.CompilerServices.Unsafe.Add(ref vAdjRef, i3) = 0.0;

                // MatVec(b, x, v, k): for (int j = 0; j < k; j++), in reverse
                for (int j2 = k - 1; j2 >= 0; j2--)
                {
                    // MatVec(b, x, v, k): sum += m[i * k + j] * global::System.Runtime.CompilerServices.Unsafe.Add(ref xRef, j);  ->  d(uv) = v du + u dv
                    global::System.Runtime.CompilerServices.Unsafe.Add(ref bGradRef, i3 * k + j2) += sum2Adj * global::System.Runtime.CompilerServices.Unsafe.Add(ref xRef, j2);
                }

                // MatVec(b, x, v, k): double sum = 0;
                sum2Adj = 0.0;
            }

            // MatVec(a, x, y, k): for (int i = 0; i < k; i++), in reverse
            for (int i2 = k - 1; i2 >= 0; i2--)
            {
                // MatVec(a, x, y, k): global::System.Runtime.CompilerServices.Unsafe.Add(ref yRef, i) = sum;
                sumAdj += global::System.Runtime.CompilerServices.Unsafe.Add(ref yAdjRef, i2);
                global::System.Runtime.CompilerServices.Unsafe.Add(ref yAdjRef, i2) = 0.0;

                // MatVec(a, x, y, k): for (int j = 0; j < k; j++), in reverse
                for (int j = k - 1; j >= 0; j--)
                {
                    // MatVec(a, x, y, k): sum += m[i * k + j] * global::System.Runtime.CompilerServices.Unsafe.Add(ref xRef, j);  ->  d(uv) = v du + u dv
                    global::System.Runtime.CompilerServices.Unsafe.Add(ref aGradRef, i2 * k + j) += sumAdj * global::System.Runtime.CompilerServices.Unsafe.Add(ref xRef, j);
                }

                // MatVec(a, x, y, k): double sum = 0;
                sumAdj = 0.0;
            }
            return result;
        }

        /// <summary><see cref="LossPullbackCurrent"/> with adjoint elements a loop body updates several times kept in locals.</summary>
        public static double LossPullbackAdjointsInLocals(global::System.ReadOnlySpan<double> a, global::System.ReadOnlySpan<double> b, global::System.ReadOnlySpan<double> c, global::System.ReadOnlySpan<double> x, int k, double resultAdj, global::System.Span<double> aGrad, global::System.Span<double> bGrad, global::System.Span<double> cGrad)
        {
            double sum = 0.0;
            double sum2 = 0.0;
            double sum3 = 0.0;

            // Forward sweep: the original computation.
            global::System.Span<double> y = stackalloc double[k];
            global::System.Span<double> yAdj = stackalloc double[y.Length];
            global::System.Span<double> u = stackalloc double[k];
            global::System.Span<double> uAdj = stackalloc double[u.Length];
            global::System.Span<double> v = stackalloc double[k];
            global::System.Span<double> vAdj = stackalloc double[v.Length];
            global::System.Span<double> z = stackalloc double[k];
            global::System.Span<double> zAdj = stackalloc double[z.Length];
            global::System.Span<double> w = stackalloc double[k];
            global::System.Span<double> wAdj = stackalloc double[w.Length];
            for (int i2 = 0; i2 < k; i2++)
            {
                sum = 0.0;
                for (int j = 0; j < k; j++)
                {
                    sum = sum + a[i2 * k + j] * x[j];
                }

                y[i2] = sum;
            }

            for (int i3 = 0; i3 < k; i3++)
            {
                sum2 = 0.0;
                for (int j2 = 0; j2 < k; j2++)
                {
                    sum2 = sum2 + b[i3 * k + j2] * x[j2];
                }

                v[i3] = sum2;
            }

            for (int i = 0; i < k; i++)
            {
                u[i] = global::Backprop.Benchmarks.Abc.AbcModel.Sigmoid(y[i]);
                z[i] = u[i] + v[i];
            }

            for (int i4 = 0; i4 < k; i4++)
            {
                sum3 = 0.0;
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

            double result = loss;

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double lossAdj = 0.0;
            double sumAdj = 0.0;
            double sum2Adj = 0.0;
            double sum3Adj = 0.0;

            // return loss;
            lossAdj += resultAdj;

            // for (int i = 0; i < k; i++), in reverse
            for (int i = k - 1; i >= 0; i--)
            {
                // loss += w[i] * w[i];  ->  d(uv) = v du + u dv
                double wAdjElement = wAdj[i];
                wAdjElement += lossAdj * w[i];
                wAdjElement += w[i] * lossAdj;
                wAdj[i] = wAdjElement;
            }

            // MatVec(c, z, w, k): for (int i = 0; i < k; i++), in reverse
            for (int i4 = k - 1; i4 >= 0; i4--)
            {
                // MatVec(c, z, w, k): y[i] = sum;
                sum3Adj += wAdj[i4];
                wAdj[i4] = 0.0;

                // MatVec(c, z, w, k): for (int j = 0; j < k; j++), in reverse
                for (int j3 = k - 1; j3 >= 0; j3--)
                {
                    // MatVec(c, z, w, k): sum += m[i * k + j] * x[j];  ->  d(uv) = v du + u dv
                    cGrad[i4 * k + j3] += sum3Adj * z[j3];
                    zAdj[j3] += c[i4 * k + j3] * sum3Adj;
                }

                // MatVec(c, z, w, k): double sum = 0;
                sum3Adj = 0.0;
            }

            // for (int i = 0; i < k; i++), in reverse
            for (int i = k - 1; i >= 0; i--)
            {
                // z[i] = u[i] + v[i];  ->  d(u ± v) = du ± dv
                double zAdjElement = zAdj[i];
                double uAdjElement = uAdj[i] + zAdjElement;
                vAdj[i] += zAdjElement;
                zAdj[i] = 0.0;

                // u[i] = Sigmoid(y[i]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du
                yAdj[i] += uAdjElement * global::Backprop.Benchmarks.Abc.AbcModel.SigmoidDerivative(u[i]);
                uAdj[i] = 0.0;
            }

            // MatVec(b, x, v, k): for (int i = 0; i < k; i++), in reverse
            for (int i3 = k - 1; i3 >= 0; i3--)
            {
                // MatVec(b, x, v, k): y[i] = sum;
                sum2Adj += vAdj[i3];
                vAdj[i3] = 0.0;

                // MatVec(b, x, v, k): for (int j = 0; j < k; j++), in reverse
                for (int j2 = k - 1; j2 >= 0; j2--)
                {
                    // MatVec(b, x, v, k): sum += m[i * k + j] * x[j];  ->  d(uv) = v du + u dv
                    bGrad[i3 * k + j2] += sum2Adj * x[j2];
                }

                // MatVec(b, x, v, k): double sum = 0;
                sum2Adj = 0.0;
            }

            // MatVec(a, x, y, k): for (int i = 0; i < k; i++), in reverse
            for (int i2 = k - 1; i2 >= 0; i2--)
            {
                // MatVec(a, x, y, k): y[i] = sum;
                sumAdj += yAdj[i2];
                yAdj[i2] = 0.0;

                // MatVec(a, x, y, k): for (int j = 0; j < k; j++), in reverse
                for (int j = k - 1; j >= 0; j--)
                {
                    // MatVec(a, x, y, k): sum += m[i * k + j] * x[j];  ->  d(uv) = v du + u dv
                    aGrad[i2 * k + j] += sumAdj * x[j];
                }

                // MatVec(a, x, y, k): double sum = 0;
                sumAdj = 0.0;
            }
            return result;
        }
    }
}
