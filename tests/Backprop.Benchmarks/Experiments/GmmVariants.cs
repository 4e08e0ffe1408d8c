using System;

// What-if variants of the generated pullback, for the ablation in docs/benchmarks.md ("Why the targets are missed").
// Each method is a copy of the generator's output for GmmModel.Objective (as of this commit) with one more hand edit than the
// previous one; the edits are the changes to the transform proposed there. Run with --ablation: every variant is
// checked against the generated gradient (relative 1e-8) and timed. They are not updated when the generator
// changes: the pullbacks they call and the tape and pool they use are copies too (below and ExperimentRuntime.cs).
// Round 3 (the "round 3" variants, 2026-11-29): a copy of the generator's output at that date (…Current, using the real
// runtime's tape and pool) and variants that each make one edit to that copy; "timing only" variants leave a part
// out to measure what it costs, so their gradients are wrong and not checked.
namespace Backprop.Benchmarks.Experiments
{
    /// <summary>Hand-edited copies of the generated pullback of GmmModel.Objective.</summary>
    public static partial class GmmVariants
    {
        /// <summary>A variant of the generated pullback (see the file header).</summary>
        public static double ObjectivePullbackAsGenerated(global::System.ReadOnlySpan<double> alphas, global::System.ReadOnlySpan<double> means, global::System.ReadOnlySpan<double> icf, global::System.ReadOnlySpan<double> x, int d, int k, int n, double wishartGamma, int wishartM, double resultAdj, global::System.Span<double> alphasGrad, global::System.Span<double> meansGrad, global::System.Span<double> icfGrad)
        {
            double[] qdiags = global::System.Array.Empty<double>();
            double[] qdiagsAdj = global::System.Array.Empty<double>();
            double[] sumQs = global::System.Array.Empty<double>();
            double[] sumQsAdj = global::System.Array.Empty<double>();
            double[] xcentered = global::System.Array.Empty<double>();
            double[] xcenteredAdj = global::System.Array.Empty<double>();
            double[] qxcentered = global::System.Array.Empty<double>();
            double[] qxcenteredAdj = global::System.Array.Empty<double>();
            double[] mainTerm = global::System.Array.Empty<double>();
            double[] mainTermAdj = global::System.Array.Empty<double>();
            double sqnorm = 0.0;
            double frobenius = 0.0;
            var savedDoubles = new ExperimentTape<double>(64);

            try
            {
                // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
                int icfSize = d * (d + 1) / 2;
                qdiags = ExperimentPool<double>.Rent(d * k);
                qdiagsAdj = ExperimentPool<double>.Rent(qdiags.Length);
                sumQs = ExperimentPool<double>.Rent(k);
                sumQsAdj = ExperimentPool<double>.Rent(sumQs.Length);
                xcentered = ExperimentPool<double>.Rent(d);
                xcenteredAdj = ExperimentPool<double>.Rent(xcentered.Length);
                qxcentered = ExperimentPool<double>.Rent(d);
                qxcenteredAdj = ExperimentPool<double>.Rent(qxcentered.Length);
                mainTerm = ExperimentPool<double>.Rent(k);
                mainTermAdj = ExperimentPool<double>.Rent(mainTerm.Length);
                for (int ik = 0; ik < k; ik++)
                {
                    for (int id = 0; id < d; id++)
                    {
                        sumQs[ik] = sumQs[ik] + icf[ik * icfSize + id];
                        qdiags[ik * d + id] = global::System.Math.Exp(icf[ik * icfSize + id]);
                    }
                }

                double slse = 0.0;
                for (int ix = 0; ix < n; ix++)
                {
                    for (int ik = 0; ik < k; ik++)
                    {
                        for (int id = 0; id < d; id++)
                        {
                            savedDoubles.Push(xcentered[id]);
                            xcentered[id] = x[ix * d + id] - means[ik * d + id];
                        }

                        for (int id = 0; id < d; id++)
                        {
                            savedDoubles.Push(qxcentered[id]);
                            qxcentered[id] = qdiags[ik * d + id] * xcentered[id];
                        }

                        for (int i = 0; i < d; i++)
                        {
                            for (int j = i + 1; j < d; j++)
                            {
                                savedDoubles.Push(qxcentered[j]);
                                qxcentered[j] = qxcentered[j] + icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * xcentered[i];
                            }
                        }

                        sqnorm = 0.0;
                        for (int id = 0; id < d; id++)
                        {
                            sqnorm = sqnorm + qxcentered[id] * qxcentered[id];
                        }

                        savedDoubles.Push(mainTerm[ik]);
                        mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;
                    }

                    slse = slse + global::Backprop.Benchmarks.Gmm.GmmModel.LogSumExp(mainTerm, k);
                }

                double lseAlphas = global::Backprop.Benchmarks.Gmm.GmmModel.LogSumExp(alphas, k);
                double constant = (double)(-n * d) * 0.5 * global::System.Math.Log(6.283185307179586);
                int priorN = d + wishartM + 1;
                double priorC = (double)(priorN * d) * (global::System.Math.Log(wishartGamma) - 0.5 * global::System.Math.Log(2.0)) - global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * (double)priorN, d);
                double prior = 0.0;
                for (int ik = 0; ik < k; ik++)
                {
                    frobenius = 0.0;
                    for (int id = 0; id < d; id++)
                    {
                        frobenius = frobenius + qdiags[ik * d + id] * qdiags[ik * d + id];
                    }

                    for (int i = d; i < icfSize; i++)
                    {
                        frobenius = frobenius + icf[ik * icfSize + i] * icf[ik * icfSize + i];
                    }

                    prior = prior + (0.5 * wishartGamma * wishartGamma * frobenius - (double)wishartM * sumQs[ik]);
                }

                double result = constant + slse - (double)n * lseAlphas + prior - (double)k * priorC;

                // Reverse sweep: the chain rule, from the result back to the inputs.
                double slseAdj = 0.0;
                double sqnormAdj = 0.0;
                double lseAlphasAdj = 0.0;
                double priorAdj = 0.0;
                double frobeniusAdj = 0.0;

                // return constant + slse - n * lseAlphas + prior - k * priorC;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                slseAdj += resultAdj;
                lseAlphasAdj += (double)n * -resultAdj;
                priorAdj += resultAdj;

                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                    frobeniusAdj += 0.5 * wishartGamma * wishartGamma * priorAdj;
                    sumQsAdj[ik] += (double)wishartM * -priorAdj;

                    // for (int i = d; i < icfSize; i++), in reverse
                    for (int i = icfSize - 1; i >= d; i--)
                    {
                        // frobenius += icf[ik * icfSize + i] * icf[ik * icfSize + i];  ->  d(uv) = v du + u dv
                        icfGrad[ik * icfSize + i] += frobeniusAdj * icf[ik * icfSize + i];
                        icfGrad[ik * icfSize + i] += icf[ik * icfSize + i] * frobeniusAdj;
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // frobenius += qdiags[ik * d + id] * qdiags[ik * d + id];  ->  d(uv) = v du + u dv
                        qdiagsAdj[ik * d + id] += frobeniusAdj * qdiags[ik * d + id];
                        qdiagsAdj[ik * d + id] += qdiags[ik * d + id] * frobeniusAdj;
                    }

                    // double frobenius = 0;
                    frobeniusAdj = 0.0;
                }

                // double lseAlphas = LogSumExp(alphas, k);  ->  chain rule through LogSumExpPullback
                LogSumExpPullbackCopy(alphas, k, lseAlphasAdj, alphasGrad);

                // for (int ix = 0; ix < n; ix++), in reverse
                for (int ix = n - 1; ix >= 0; ix--)
                {
                    // slse += LogSumExp(mainTerm, k);  ->  chain rule through LogSumExpPullback
                    LogSumExpPullbackCopy(mainTerm, k, slseAdj, mainTermAdj);

                    // for (int ik = 0; ik < k; ik++), in reverse
                    for (int ik = k - 1; ik >= 0; ik--)
                    {
                        // mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                        mainTerm[ik] = savedDoubles.Pop();
                        alphasGrad[ik] += mainTermAdj[ik];
                        sumQsAdj[ik] += mainTermAdj[ik];
                        sqnormAdj += 0.5 * -mainTermAdj[ik];
                        mainTermAdj[ik] = 0.0;

                        // for (int id = 0; id < d; id++), in reverse
                        for (int id = d - 1; id >= 0; id--)
                        {
                            // sqnorm += qxcentered[id] * qxcentered[id];  ->  d(uv) = v du + u dv
                            qxcenteredAdj[id] += sqnormAdj * qxcentered[id];
                            qxcenteredAdj[id] += qxcentered[id] * sqnormAdj;
                        }

                        // double sqnorm = 0;
                        sqnormAdj = 0.0;

                        // for (int i = 0; i < d; i++), in reverse
                        for (int i = d - 1; i >= 0; i--)
                        {
                            // for (int j = i + 1; j < d; j++), in reverse
                            for (int j = d - 1; j >= i + 1; j--)
                            {
                                // qxcentered[j] += icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * xcentered[i];  ->  d(uv) = v du + u dv
                                qxcentered[j] = savedDoubles.Pop();
                                icfGrad[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] += qxcenteredAdj[j] * xcentered[i];
                                xcenteredAdj[i] += icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * qxcenteredAdj[j];
                            }
                        }

                        // for (int id = 0; id < d; id++), in reverse
                        for (int id = d - 1; id >= 0; id--)
                        {
                            // qxcentered[id] = qdiags[ik * d + id] * xcentered[id];  ->  d(uv) = v du + u dv
                            qxcentered[id] = savedDoubles.Pop();
                            qdiagsAdj[ik * d + id] += qxcenteredAdj[id] * xcentered[id];
                            xcenteredAdj[id] += qdiags[ik * d + id] * qxcenteredAdj[id];
                            qxcenteredAdj[id] = 0.0;
                        }

                        // for (int id = 0; id < d; id++), in reverse
                        for (int id = d - 1; id >= 0; id--)
                        {
                            // xcentered[id] = x[ix * d + id] - means[ik * d + id];  ->  d(u ± v) = du ± dv
                            xcentered[id] = savedDoubles.Pop();
                            meansGrad[ik * d + id] += -xcenteredAdj[id];
                            xcenteredAdj[id] = 0.0;
                        }
                    }
                }

                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // qdiags[ik * d + id] = Math.Exp(icf[ik * icfSize + id]);  ->  d exp(u) = exp(u) du
                        {
                            double arg = icf[ik * icfSize + id];
                            double exp = global::System.Math.Exp(arg);
                            icfGrad[ik * icfSize + id] += qdiagsAdj[ik * d + id] * exp;
                            qdiagsAdj[ik * d + id] = 0.0;
                        }

                        // sumQs[ik] += icf[ik * icfSize + id];
                        icfGrad[ik * icfSize + id] += sumQsAdj[ik];
                    }
                }
                return result;
            }
            finally
            {
                ExperimentPool<double>.Return(qdiags);
                ExperimentPool<double>.Return(qdiagsAdj);
                ExperimentPool<double>.Return(sumQs);
                ExperimentPool<double>.Return(sumQsAdj);
                ExperimentPool<double>.Return(xcentered);
                ExperimentPool<double>.Return(xcenteredAdj);
                ExperimentPool<double>.Return(qxcentered);
                ExperimentPool<double>.Return(qxcenteredAdj);
                ExperimentPool<double>.Return(mainTerm);
                ExperimentPool<double>.Return(mainTermAdj);
                savedDoubles.Dispose();
            }
        }

        /// <summary>A variant of the generated pullback (see the file header).</summary>
        public static double ObjectivePullbackPresizedTape(global::System.ReadOnlySpan<double> alphas, global::System.ReadOnlySpan<double> means, global::System.ReadOnlySpan<double> icf, global::System.ReadOnlySpan<double> x, int d, int k, int n, double wishartGamma, int wishartM, double resultAdj, global::System.Span<double> alphasGrad, global::System.Span<double> meansGrad, global::System.Span<double> icfGrad)
        {
            double[] qdiags = global::System.Array.Empty<double>();
            double[] qdiagsAdj = global::System.Array.Empty<double>();
            double[] sumQs = global::System.Array.Empty<double>();
            double[] sumQsAdj = global::System.Array.Empty<double>();
            double[] xcentered = global::System.Array.Empty<double>();
            double[] xcenteredAdj = global::System.Array.Empty<double>();
            double[] qxcentered = global::System.Array.Empty<double>();
            double[] qxcenteredAdj = global::System.Array.Empty<double>();
            double[] mainTerm = global::System.Array.Empty<double>();
            double[] mainTermAdj = global::System.Array.Empty<double>();
            double sqnorm = 0.0;
            double frobenius = 0.0;
            var savedDoubles = new ExperimentTape<double>(n * k * (d + d * (d + 1) / 2 + 1));

            try
            {
                // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
                int icfSize = d * (d + 1) / 2;
                qdiags = ExperimentPool<double>.Rent(d * k);
                qdiagsAdj = ExperimentPool<double>.Rent(qdiags.Length);
                sumQs = ExperimentPool<double>.Rent(k);
                sumQsAdj = ExperimentPool<double>.Rent(sumQs.Length);
                xcentered = ExperimentPool<double>.Rent(d);
                xcenteredAdj = ExperimentPool<double>.Rent(xcentered.Length);
                qxcentered = ExperimentPool<double>.Rent(d);
                qxcenteredAdj = ExperimentPool<double>.Rent(qxcentered.Length);
                mainTerm = ExperimentPool<double>.Rent(k);
                mainTermAdj = ExperimentPool<double>.Rent(mainTerm.Length);
                for (int ik = 0; ik < k; ik++)
                {
                    for (int id = 0; id < d; id++)
                    {
                        sumQs[ik] = sumQs[ik] + icf[ik * icfSize + id];
                        qdiags[ik * d + id] = global::System.Math.Exp(icf[ik * icfSize + id]);
                    }
                }

                double slse = 0.0;
                for (int ix = 0; ix < n; ix++)
                {
                    for (int ik = 0; ik < k; ik++)
                    {
                        for (int id = 0; id < d; id++)
                        {
                            savedDoubles.Push(xcentered[id]);
                            xcentered[id] = x[ix * d + id] - means[ik * d + id];
                        }

                        for (int id = 0; id < d; id++)
                        {
                            savedDoubles.Push(qxcentered[id]);
                            qxcentered[id] = qdiags[ik * d + id] * xcentered[id];
                        }

                        for (int i = 0; i < d; i++)
                        {
                            for (int j = i + 1; j < d; j++)
                            {
                                savedDoubles.Push(qxcentered[j]);
                                qxcentered[j] = qxcentered[j] + icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * xcentered[i];
                            }
                        }

                        sqnorm = 0.0;
                        for (int id = 0; id < d; id++)
                        {
                            sqnorm = sqnorm + qxcentered[id] * qxcentered[id];
                        }

                        savedDoubles.Push(mainTerm[ik]);
                        mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;
                    }

                    slse = slse + global::Backprop.Benchmarks.Gmm.GmmModel.LogSumExp(mainTerm, k);
                }

                double lseAlphas = global::Backprop.Benchmarks.Gmm.GmmModel.LogSumExp(alphas, k);
                double constant = (double)(-n * d) * 0.5 * global::System.Math.Log(6.283185307179586);
                int priorN = d + wishartM + 1;
                double priorC = (double)(priorN * d) * (global::System.Math.Log(wishartGamma) - 0.5 * global::System.Math.Log(2.0)) - global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * (double)priorN, d);
                double prior = 0.0;
                for (int ik = 0; ik < k; ik++)
                {
                    frobenius = 0.0;
                    for (int id = 0; id < d; id++)
                    {
                        frobenius = frobenius + qdiags[ik * d + id] * qdiags[ik * d + id];
                    }

                    for (int i = d; i < icfSize; i++)
                    {
                        frobenius = frobenius + icf[ik * icfSize + i] * icf[ik * icfSize + i];
                    }

                    prior = prior + (0.5 * wishartGamma * wishartGamma * frobenius - (double)wishartM * sumQs[ik]);
                }

                double result = constant + slse - (double)n * lseAlphas + prior - (double)k * priorC;

                // Reverse sweep: the chain rule, from the result back to the inputs.
                double slseAdj = 0.0;
                double sqnormAdj = 0.0;
                double lseAlphasAdj = 0.0;
                double priorAdj = 0.0;
                double frobeniusAdj = 0.0;

                // return constant + slse - n * lseAlphas + prior - k * priorC;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                slseAdj += resultAdj;
                lseAlphasAdj += (double)n * -resultAdj;
                priorAdj += resultAdj;

                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                    frobeniusAdj += 0.5 * wishartGamma * wishartGamma * priorAdj;
                    sumQsAdj[ik] += (double)wishartM * -priorAdj;

                    // for (int i = d; i < icfSize; i++), in reverse
                    for (int i = icfSize - 1; i >= d; i--)
                    {
                        // frobenius += icf[ik * icfSize + i] * icf[ik * icfSize + i];  ->  d(uv) = v du + u dv
                        icfGrad[ik * icfSize + i] += frobeniusAdj * icf[ik * icfSize + i];
                        icfGrad[ik * icfSize + i] += icf[ik * icfSize + i] * frobeniusAdj;
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // frobenius += qdiags[ik * d + id] * qdiags[ik * d + id];  ->  d(uv) = v du + u dv
                        qdiagsAdj[ik * d + id] += frobeniusAdj * qdiags[ik * d + id];
                        qdiagsAdj[ik * d + id] += qdiags[ik * d + id] * frobeniusAdj;
                    }

                    // double frobenius = 0;
                    frobeniusAdj = 0.0;
                }

                // double lseAlphas = LogSumExp(alphas, k);  ->  chain rule through LogSumExpPullback
                LogSumExpPullbackCopy(alphas, k, lseAlphasAdj, alphasGrad);

                // for (int ix = 0; ix < n; ix++), in reverse
                for (int ix = n - 1; ix >= 0; ix--)
                {
                    // slse += LogSumExp(mainTerm, k);  ->  chain rule through LogSumExpPullback
                    LogSumExpPullbackCopy(mainTerm, k, slseAdj, mainTermAdj);

                    // for (int ik = 0; ik < k; ik++), in reverse
                    for (int ik = k - 1; ik >= 0; ik--)
                    {
                        // mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                        mainTerm[ik] = savedDoubles.Pop();
                        alphasGrad[ik] += mainTermAdj[ik];
                        sumQsAdj[ik] += mainTermAdj[ik];
                        sqnormAdj += 0.5 * -mainTermAdj[ik];
                        mainTermAdj[ik] = 0.0;

                        // for (int id = 0; id < d; id++), in reverse
                        for (int id = d - 1; id >= 0; id--)
                        {
                            // sqnorm += qxcentered[id] * qxcentered[id];  ->  d(uv) = v du + u dv
                            qxcenteredAdj[id] += sqnormAdj * qxcentered[id];
                            qxcenteredAdj[id] += qxcentered[id] * sqnormAdj;
                        }

                        // double sqnorm = 0;
                        sqnormAdj = 0.0;

                        // for (int i = 0; i < d; i++), in reverse
                        for (int i = d - 1; i >= 0; i--)
                        {
                            // for (int j = i + 1; j < d; j++), in reverse
                            for (int j = d - 1; j >= i + 1; j--)
                            {
                                // qxcentered[j] += icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * xcentered[i];  ->  d(uv) = v du + u dv
                                qxcentered[j] = savedDoubles.Pop();
                                icfGrad[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] += qxcenteredAdj[j] * xcentered[i];
                                xcenteredAdj[i] += icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * qxcenteredAdj[j];
                            }
                        }

                        // for (int id = 0; id < d; id++), in reverse
                        for (int id = d - 1; id >= 0; id--)
                        {
                            // qxcentered[id] = qdiags[ik * d + id] * xcentered[id];  ->  d(uv) = v du + u dv
                            qxcentered[id] = savedDoubles.Pop();
                            qdiagsAdj[ik * d + id] += qxcenteredAdj[id] * xcentered[id];
                            xcenteredAdj[id] += qdiags[ik * d + id] * qxcenteredAdj[id];
                            qxcenteredAdj[id] = 0.0;
                        }

                        // for (int id = 0; id < d; id++), in reverse
                        for (int id = d - 1; id >= 0; id--)
                        {
                            // xcentered[id] = x[ix * d + id] - means[ik * d + id];  ->  d(u ± v) = du ± dv
                            xcentered[id] = savedDoubles.Pop();
                            meansGrad[ik * d + id] += -xcenteredAdj[id];
                            xcenteredAdj[id] = 0.0;
                        }
                    }
                }

                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // qdiags[ik * d + id] = Math.Exp(icf[ik * icfSize + id]);  ->  d exp(u) = exp(u) du
                        {
                            double arg = icf[ik * icfSize + id];
                            double exp = global::System.Math.Exp(arg);
                            icfGrad[ik * icfSize + id] += qdiagsAdj[ik * d + id] * exp;
                            qdiagsAdj[ik * d + id] = 0.0;
                        }

                        // sumQs[ik] += icf[ik * icfSize + id];
                        icfGrad[ik * icfSize + id] += sumQsAdj[ik];
                    }
                }
                return result;
            }
            finally
            {
                ExperimentPool<double>.Return(qdiags);
                ExperimentPool<double>.Return(qdiagsAdj);
                ExperimentPool<double>.Return(sumQs);
                ExperimentPool<double>.Return(sumQsAdj);
                ExperimentPool<double>.Return(xcentered);
                ExperimentPool<double>.Return(xcenteredAdj);
                ExperimentPool<double>.Return(qxcentered);
                ExperimentPool<double>.Return(qxcenteredAdj);
                ExperimentPool<double>.Return(mainTerm);
                ExperimentPool<double>.Return(mainTermAdj);
                savedDoubles.Dispose();
            }
        }

        /// <summary>A variant of the generated pullback (see the file header).</summary>
        public static double ObjectivePullbackOnlyNeededSaves(global::System.ReadOnlySpan<double> alphas, global::System.ReadOnlySpan<double> means, global::System.ReadOnlySpan<double> icf, global::System.ReadOnlySpan<double> x, int d, int k, int n, double wishartGamma, int wishartM, double resultAdj, global::System.Span<double> alphasGrad, global::System.Span<double> meansGrad, global::System.Span<double> icfGrad)
        {
            double[] qdiags = global::System.Array.Empty<double>();
            double[] qdiagsAdj = global::System.Array.Empty<double>();
            double[] sumQs = global::System.Array.Empty<double>();
            double[] sumQsAdj = global::System.Array.Empty<double>();
            double[] xcentered = global::System.Array.Empty<double>();
            double[] xcenteredAdj = global::System.Array.Empty<double>();
            double[] qxcentered = global::System.Array.Empty<double>();
            double[] qxcenteredAdj = global::System.Array.Empty<double>();
            double[] mainTerm = global::System.Array.Empty<double>();
            double[] mainTermAdj = global::System.Array.Empty<double>();
            double sqnorm = 0.0;
            double frobenius = 0.0;
            var savedDoubles = new ExperimentTape<double>(n * k * (2 * d + 1));

            try
            {
                // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
                int icfSize = d * (d + 1) / 2;
                qdiags = ExperimentPool<double>.Rent(d * k);
                qdiagsAdj = ExperimentPool<double>.Rent(qdiags.Length);
                sumQs = ExperimentPool<double>.Rent(k);
                sumQsAdj = ExperimentPool<double>.Rent(sumQs.Length);
                xcentered = ExperimentPool<double>.Rent(d);
                xcenteredAdj = ExperimentPool<double>.Rent(xcentered.Length);
                qxcentered = ExperimentPool<double>.Rent(d);
                qxcenteredAdj = ExperimentPool<double>.Rent(qxcentered.Length);
                mainTerm = ExperimentPool<double>.Rent(k);
                mainTermAdj = ExperimentPool<double>.Rent(mainTerm.Length);
                for (int ik = 0; ik < k; ik++)
                {
                    for (int id = 0; id < d; id++)
                    {
                        sumQs[ik] = sumQs[ik] + icf[ik * icfSize + id];
                        qdiags[ik * d + id] = global::System.Math.Exp(icf[ik * icfSize + id]);
                    }
                }

                double slse = 0.0;
                for (int ix = 0; ix < n; ix++)
                {
                    for (int ik = 0; ik < k; ik++)
                    {
                        for (int id = 0; id < d; id++)
                        {
                            savedDoubles.Push(xcentered[id]);
                            xcentered[id] = x[ix * d + id] - means[ik * d + id];
                        }

                        for (int id = 0; id < d; id++)
                        {
                            savedDoubles.Push(qxcentered[id]);
                            qxcentered[id] = qdiags[ik * d + id] * xcentered[id];
                        }

                        for (int i = 0; i < d; i++)
                        {
                            for (int j = i + 1; j < d; j++)
                            {
                                qxcentered[j] = qxcentered[j] + icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * xcentered[i];
                            }
                        }

                        sqnorm = 0.0;
                        for (int id = 0; id < d; id++)
                        {
                            sqnorm = sqnorm + qxcentered[id] * qxcentered[id];
                        }

                        savedDoubles.Push(mainTerm[ik]);
                        mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;
                    }

                    slse = slse + global::Backprop.Benchmarks.Gmm.GmmModel.LogSumExp(mainTerm, k);
                }

                double lseAlphas = global::Backprop.Benchmarks.Gmm.GmmModel.LogSumExp(alphas, k);
                double constant = (double)(-n * d) * 0.5 * global::System.Math.Log(6.283185307179586);
                int priorN = d + wishartM + 1;
                double priorC = (double)(priorN * d) * (global::System.Math.Log(wishartGamma) - 0.5 * global::System.Math.Log(2.0)) - global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * (double)priorN, d);
                double prior = 0.0;
                for (int ik = 0; ik < k; ik++)
                {
                    frobenius = 0.0;
                    for (int id = 0; id < d; id++)
                    {
                        frobenius = frobenius + qdiags[ik * d + id] * qdiags[ik * d + id];
                    }

                    for (int i = d; i < icfSize; i++)
                    {
                        frobenius = frobenius + icf[ik * icfSize + i] * icf[ik * icfSize + i];
                    }

                    prior = prior + (0.5 * wishartGamma * wishartGamma * frobenius - (double)wishartM * sumQs[ik]);
                }

                double result = constant + slse - (double)n * lseAlphas + prior - (double)k * priorC;

                // Reverse sweep: the chain rule, from the result back to the inputs.
                double slseAdj = 0.0;
                double sqnormAdj = 0.0;
                double lseAlphasAdj = 0.0;
                double priorAdj = 0.0;
                double frobeniusAdj = 0.0;

                // return constant + slse - n * lseAlphas + prior - k * priorC;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                slseAdj += resultAdj;
                lseAlphasAdj += (double)n * -resultAdj;
                priorAdj += resultAdj;

                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                    frobeniusAdj += 0.5 * wishartGamma * wishartGamma * priorAdj;
                    sumQsAdj[ik] += (double)wishartM * -priorAdj;

                    // for (int i = d; i < icfSize; i++), in reverse
                    for (int i = icfSize - 1; i >= d; i--)
                    {
                        // frobenius += icf[ik * icfSize + i] * icf[ik * icfSize + i];  ->  d(uv) = v du + u dv
                        icfGrad[ik * icfSize + i] += frobeniusAdj * icf[ik * icfSize + i];
                        icfGrad[ik * icfSize + i] += icf[ik * icfSize + i] * frobeniusAdj;
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // frobenius += qdiags[ik * d + id] * qdiags[ik * d + id];  ->  d(uv) = v du + u dv
                        qdiagsAdj[ik * d + id] += frobeniusAdj * qdiags[ik * d + id];
                        qdiagsAdj[ik * d + id] += qdiags[ik * d + id] * frobeniusAdj;
                    }

                    // double frobenius = 0;
                    frobeniusAdj = 0.0;
                }

                // double lseAlphas = LogSumExp(alphas, k);  ->  chain rule through LogSumExpPullback
                LogSumExpPullbackCopy(alphas, k, lseAlphasAdj, alphasGrad);

                // for (int ix = 0; ix < n; ix++), in reverse
                for (int ix = n - 1; ix >= 0; ix--)
                {
                    // slse += LogSumExp(mainTerm, k);  ->  chain rule through LogSumExpPullback
                    LogSumExpPullbackCopy(mainTerm, k, slseAdj, mainTermAdj);

                    // for (int ik = 0; ik < k; ik++), in reverse
                    for (int ik = k - 1; ik >= 0; ik--)
                    {
                        // mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                        mainTerm[ik] = savedDoubles.Pop();
                        alphasGrad[ik] += mainTermAdj[ik];
                        sumQsAdj[ik] += mainTermAdj[ik];
                        sqnormAdj += 0.5 * -mainTermAdj[ik];
                        mainTermAdj[ik] = 0.0;

                        // for (int id = 0; id < d; id++), in reverse
                        for (int id = d - 1; id >= 0; id--)
                        {
                            // sqnorm += qxcentered[id] * qxcentered[id];  ->  d(uv) = v du + u dv
                            qxcenteredAdj[id] += sqnormAdj * qxcentered[id];
                            qxcenteredAdj[id] += qxcentered[id] * sqnormAdj;
                        }

                        // double sqnorm = 0;
                        sqnormAdj = 0.0;

                        // for (int i = 0; i < d; i++), in reverse
                        for (int i = d - 1; i >= 0; i--)
                        {
                            // for (int j = i + 1; j < d; j++), in reverse
                            for (int j = d - 1; j >= i + 1; j--)
                            {
                                // qxcentered[j] += icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * xcentered[i];  ->  d(uv) = v du + u dv
                                icfGrad[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] += qxcenteredAdj[j] * xcentered[i];
                                xcenteredAdj[i] += icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * qxcenteredAdj[j];
                            }
                        }

                        // for (int id = 0; id < d; id++), in reverse
                        for (int id = d - 1; id >= 0; id--)
                        {
                            // qxcentered[id] = qdiags[ik * d + id] * xcentered[id];  ->  d(uv) = v du + u dv
                            qxcentered[id] = savedDoubles.Pop();
                            qdiagsAdj[ik * d + id] += qxcenteredAdj[id] * xcentered[id];
                            xcenteredAdj[id] += qdiags[ik * d + id] * qxcenteredAdj[id];
                            qxcenteredAdj[id] = 0.0;
                        }

                        // for (int id = 0; id < d; id++), in reverse
                        for (int id = d - 1; id >= 0; id--)
                        {
                            // xcentered[id] = x[ix * d + id] - means[ik * d + id];  ->  d(u ± v) = du ± dv
                            xcentered[id] = savedDoubles.Pop();
                            meansGrad[ik * d + id] += -xcenteredAdj[id];
                            xcenteredAdj[id] = 0.0;
                        }
                    }
                }

                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // qdiags[ik * d + id] = Math.Exp(icf[ik * icfSize + id]);  ->  d exp(u) = exp(u) du
                        {
                            double arg = icf[ik * icfSize + id];
                            double exp = global::System.Math.Exp(arg);
                            icfGrad[ik * icfSize + id] += qdiagsAdj[ik * d + id] * exp;
                            qdiagsAdj[ik * d + id] = 0.0;
                        }

                        // sumQs[ik] += icf[ik * icfSize + id];
                        icfGrad[ik * icfSize + id] += sumQsAdj[ik];
                    }
                }
                return result;
            }
            finally
            {
                ExperimentPool<double>.Return(qdiags);
                ExperimentPool<double>.Return(qdiagsAdj);
                ExperimentPool<double>.Return(sumQs);
                ExperimentPool<double>.Return(sumQsAdj);
                ExperimentPool<double>.Return(xcentered);
                ExperimentPool<double>.Return(xcenteredAdj);
                ExperimentPool<double>.Return(qxcentered);
                ExperimentPool<double>.Return(qxcenteredAdj);
                ExperimentPool<double>.Return(mainTerm);
                ExperimentPool<double>.Return(mainTermAdj);
                savedDoubles.Dispose();
            }
        }

        /// <summary>A variant of the generated pullback (see the file header).</summary>
        public static double ObjectivePullbackOnlyNeededSavesLseOnce(global::System.ReadOnlySpan<double> alphas, global::System.ReadOnlySpan<double> means, global::System.ReadOnlySpan<double> icf, global::System.ReadOnlySpan<double> x, int d, int k, int n, double wishartGamma, int wishartM, double resultAdj, global::System.Span<double> alphasGrad, global::System.Span<double> meansGrad, global::System.Span<double> icfGrad)
        {
            double[] qdiags = global::System.Array.Empty<double>();
            double[] qdiagsAdj = global::System.Array.Empty<double>();
            double[] sumQs = global::System.Array.Empty<double>();
            double[] sumQsAdj = global::System.Array.Empty<double>();
            double[] xcentered = global::System.Array.Empty<double>();
            double[] xcenteredAdj = global::System.Array.Empty<double>();
            double[] qxcentered = global::System.Array.Empty<double>();
            double[] qxcenteredAdj = global::System.Array.Empty<double>();
            double[] mainTerm = global::System.Array.Empty<double>();
            double[] mainTermAdj = global::System.Array.Empty<double>();
            double sqnorm = 0.0;
            double frobenius = 0.0;
            var savedDoubles = new ExperimentTape<double>(n * k * (2 * d + 1));

            try
            {
                // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
                int icfSize = d * (d + 1) / 2;
                qdiags = ExperimentPool<double>.Rent(d * k);
                qdiagsAdj = ExperimentPool<double>.Rent(qdiags.Length);
                sumQs = ExperimentPool<double>.Rent(k);
                sumQsAdj = ExperimentPool<double>.Rent(sumQs.Length);
                xcentered = ExperimentPool<double>.Rent(d);
                xcenteredAdj = ExperimentPool<double>.Rent(xcentered.Length);
                qxcentered = ExperimentPool<double>.Rent(d);
                qxcenteredAdj = ExperimentPool<double>.Rent(qxcentered.Length);
                mainTerm = ExperimentPool<double>.Rent(k);
                mainTermAdj = ExperimentPool<double>.Rent(mainTerm.Length);
                for (int ik = 0; ik < k; ik++)
                {
                    for (int id = 0; id < d; id++)
                    {
                        sumQs[ik] = sumQs[ik] + icf[ik * icfSize + id];
                        qdiags[ik * d + id] = global::System.Math.Exp(icf[ik * icfSize + id]);
                    }
                }

                double slse = 0.0;
                for (int ix = 0; ix < n; ix++)
                {
                    for (int ik = 0; ik < k; ik++)
                    {
                        for (int id = 0; id < d; id++)
                        {
                            savedDoubles.Push(xcentered[id]);
                            xcentered[id] = x[ix * d + id] - means[ik * d + id];
                        }

                        for (int id = 0; id < d; id++)
                        {
                            savedDoubles.Push(qxcentered[id]);
                            qxcentered[id] = qdiags[ik * d + id] * xcentered[id];
                        }

                        for (int i = 0; i < d; i++)
                        {
                            for (int j = i + 1; j < d; j++)
                            {
                                qxcentered[j] = qxcentered[j] + icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * xcentered[i];
                            }
                        }

                        sqnorm = 0.0;
                        for (int id = 0; id < d; id++)
                        {
                            sqnorm = sqnorm + qxcentered[id] * qxcentered[id];
                        }

                        savedDoubles.Push(mainTerm[ik]);
                        mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;
                    }

                    slse = slse + global::Backprop.Benchmarks.Gmm.GmmModel.LogSumExp(mainTerm, k);
                }

                double lseAlphas = global::Backprop.Benchmarks.Gmm.GmmModel.LogSumExp(alphas, k);
                double constant = (double)(-n * d) * 0.5 * global::System.Math.Log(6.283185307179586);
                int priorN = d + wishartM + 1;
                double priorC = (double)(priorN * d) * (global::System.Math.Log(wishartGamma) - 0.5 * global::System.Math.Log(2.0)) - global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * (double)priorN, d);
                double prior = 0.0;
                for (int ik = 0; ik < k; ik++)
                {
                    frobenius = 0.0;
                    for (int id = 0; id < d; id++)
                    {
                        frobenius = frobenius + qdiags[ik * d + id] * qdiags[ik * d + id];
                    }

                    for (int i = d; i < icfSize; i++)
                    {
                        frobenius = frobenius + icf[ik * icfSize + i] * icf[ik * icfSize + i];
                    }

                    prior = prior + (0.5 * wishartGamma * wishartGamma * frobenius - (double)wishartM * sumQs[ik]);
                }

                double result = constant + slse - (double)n * lseAlphas + prior - (double)k * priorC;

                // Reverse sweep: the chain rule, from the result back to the inputs.
                double slseAdj = 0.0;
                double sqnormAdj = 0.0;
                double lseAlphasAdj = 0.0;
                double priorAdj = 0.0;
                double frobeniusAdj = 0.0;

                // return constant + slse - n * lseAlphas + prior - k * priorC;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                slseAdj += resultAdj;
                lseAlphasAdj += (double)n * -resultAdj;
                priorAdj += resultAdj;

                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                    frobeniusAdj += 0.5 * wishartGamma * wishartGamma * priorAdj;
                    sumQsAdj[ik] += (double)wishartM * -priorAdj;

                    // for (int i = d; i < icfSize; i++), in reverse
                    for (int i = icfSize - 1; i >= d; i--)
                    {
                        // frobenius += icf[ik * icfSize + i] * icf[ik * icfSize + i];  ->  d(uv) = v du + u dv
                        icfGrad[ik * icfSize + i] += frobeniusAdj * icf[ik * icfSize + i];
                        icfGrad[ik * icfSize + i] += icf[ik * icfSize + i] * frobeniusAdj;
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // frobenius += qdiags[ik * d + id] * qdiags[ik * d + id];  ->  d(uv) = v du + u dv
                        qdiagsAdj[ik * d + id] += frobeniusAdj * qdiags[ik * d + id];
                        qdiagsAdj[ik * d + id] += qdiags[ik * d + id] * frobeniusAdj;
                    }

                    // double frobenius = 0;
                    frobeniusAdj = 0.0;
                }

                // double lseAlphas = LogSumExp(alphas, k);  ->  chain rule through LogSumExpPullback
                LogSumExpPullbackCopy(alphas, k, lseAlphasAdj, alphasGrad);

                // for (int ix = 0; ix < n; ix++), in reverse
                for (int ix = n - 1; ix >= 0; ix--)
                {
                    // slse += LogSumExp(mainTerm, k);  ->  chain rule through LogSumExpPullback
                    GmmVariants.LogSumExpPullbackOnce(mainTerm, k, slseAdj, mainTermAdj);

                    // for (int ik = 0; ik < k; ik++), in reverse
                    for (int ik = k - 1; ik >= 0; ik--)
                    {
                        // mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                        mainTerm[ik] = savedDoubles.Pop();
                        alphasGrad[ik] += mainTermAdj[ik];
                        sumQsAdj[ik] += mainTermAdj[ik];
                        sqnormAdj += 0.5 * -mainTermAdj[ik];
                        mainTermAdj[ik] = 0.0;

                        // for (int id = 0; id < d; id++), in reverse
                        for (int id = d - 1; id >= 0; id--)
                        {
                            // sqnorm += qxcentered[id] * qxcentered[id];  ->  d(uv) = v du + u dv
                            qxcenteredAdj[id] += sqnormAdj * qxcentered[id];
                            qxcenteredAdj[id] += qxcentered[id] * sqnormAdj;
                        }

                        // double sqnorm = 0;
                        sqnormAdj = 0.0;

                        // for (int i = 0; i < d; i++), in reverse
                        for (int i = d - 1; i >= 0; i--)
                        {
                            // for (int j = i + 1; j < d; j++), in reverse
                            for (int j = d - 1; j >= i + 1; j--)
                            {
                                // qxcentered[j] += icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * xcentered[i];  ->  d(uv) = v du + u dv
                                icfGrad[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] += qxcenteredAdj[j] * xcentered[i];
                                xcenteredAdj[i] += icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * qxcenteredAdj[j];
                            }
                        }

                        // for (int id = 0; id < d; id++), in reverse
                        for (int id = d - 1; id >= 0; id--)
                        {
                            // qxcentered[id] = qdiags[ik * d + id] * xcentered[id];  ->  d(uv) = v du + u dv
                            qxcentered[id] = savedDoubles.Pop();
                            qdiagsAdj[ik * d + id] += qxcenteredAdj[id] * xcentered[id];
                            xcenteredAdj[id] += qdiags[ik * d + id] * qxcenteredAdj[id];
                            qxcenteredAdj[id] = 0.0;
                        }

                        // for (int id = 0; id < d; id++), in reverse
                        for (int id = d - 1; id >= 0; id--)
                        {
                            // xcentered[id] = x[ix * d + id] - means[ik * d + id];  ->  d(u ± v) = du ± dv
                            xcentered[id] = savedDoubles.Pop();
                            meansGrad[ik * d + id] += -xcenteredAdj[id];
                            xcenteredAdj[id] = 0.0;
                        }
                    }
                }

                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // qdiags[ik * d + id] = Math.Exp(icf[ik * icfSize + id]);  ->  d exp(u) = exp(u) du
                        {
                            double arg = icf[ik * icfSize + id];
                            double exp = global::System.Math.Exp(arg);
                            icfGrad[ik * icfSize + id] += qdiagsAdj[ik * d + id] * exp;
                            qdiagsAdj[ik * d + id] = 0.0;
                        }

                        // sumQs[ik] += icf[ik * icfSize + id];
                        icfGrad[ik * icfSize + id] += sumQsAdj[ik];
                    }
                }
                return result;
            }
            finally
            {
                ExperimentPool<double>.Return(qdiags);
                ExperimentPool<double>.Return(qdiagsAdj);
                ExperimentPool<double>.Return(sumQs);
                ExperimentPool<double>.Return(sumQsAdj);
                ExperimentPool<double>.Return(xcentered);
                ExperimentPool<double>.Return(xcenteredAdj);
                ExperimentPool<double>.Return(qxcentered);
                ExperimentPool<double>.Return(qxcenteredAdj);
                ExperimentPool<double>.Return(mainTerm);
                ExperimentPool<double>.Return(mainTermAdj);
                savedDoubles.Dispose();
            }
        }

        /// <summary>The log-sum-exp pullback computing each exponential once and skipping the (exactly cancelling) adjoint of the max.</summary>
        /// <param name="x">The values.</param>
        /// <param name="n">How many.</param>
        /// <param name="resultAdj">The adjoint of the result.</param>
        /// <param name="xGrad">Added into.</param>
        /// <returns>The log-sum-exp.</returns>
        public static double LogSumExpPullbackOnce(ReadOnlySpan<double> x, int n, double resultAdj, Span<double> xGrad)
        {
            Span<double> e = stackalloc double[n];
            double mx = x[0];
            for (int i = 1; i < n; i++)
            {
                if (mx < x[i])
                {
                    mx = x[i];
                }
            }

            double semx = 0.0;
            for (int i = 0; i < n; i++)
            {
                e[i] = Math.Exp(x[i] - mx);
                semx += e[i];
            }

            double scale = resultAdj / semx;
            for (int i = 0; i < n; i++)
            {
                xGrad[i] += scale * e[i];
            }

            return Math.Log(semx) + mx;
        }

        // A copy of the generated LogSumExpPullback, so that these variants keep compiling when the generator changes.
        private static double LogSumExpPullbackCopy(global::System.ReadOnlySpan<double> x, int n, double resultAdj, global::System.Span<double> xGrad)
        {
            // Forward sweep: the original computation.
            double mx = global::Backprop.Benchmarks.Gmm.GmmModel.ArrMax(x, n);
            double semx = 0.0;
            for (int i = 0; i < n; i++)
            {
                semx = semx + global::System.Math.Exp(x[i] - mx);
            }

            double result = global::System.Math.Log(semx) + mx;

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double mxAdj = 0.0;
            double semxAdj = 0.0;

            // return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
            semxAdj += resultAdj / semx;
            mxAdj += resultAdj;

            // for (int i = 0; i < n; i++), in reverse
            for (int i = n - 1; i >= 0; i--)
            {
                // semx += Math.Exp(x[i] - mx);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                {
                    double arg = x[i] - mx;
                    double exp = global::System.Math.Exp(arg);
                    double adj = semxAdj * exp;
                    xGrad[i] += adj;
                    mxAdj += -adj;
                }
            }

            // double mx = ArrMax(x, n);  ->  chain rule through ArrMaxPullback
            ArrMaxPullbackCopy(x, n, mxAdj, xGrad);
            return result;
        }

        // A copy of the generated ArrMaxPullback, so that these variants keep compiling when the generator changes.
        private static double ArrMaxPullbackCopy(global::System.ReadOnlySpan<double> x, int n, double resultAdj, global::System.Span<double> xGrad)
        {
            var savedBools = new ExperimentTape<bool>(64);

            try
            {
                // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
                double m = x[0];
                for (int i = 1; i < n; i++)
                {
                    if (m < x[i])
                    {
                        m = x[i];
                        savedBools.Push(true);
                    }
                    else
                    {
                        savedBools.Push(false);
                    }
                }

                double result = m;

                // Reverse sweep: the chain rule, from the result back to the inputs.
                double mAdj = 0.0;

                // return m;
                mAdj += resultAdj;

                // for (int i = 1; i < n; i++), in reverse
                for (int i = n - 1; i >= 1; i--)
                {
                    // if (m < x[i]), in reverse
                    if (savedBools.Pop())
                    {
                        // m = x[i];
                        xGrad[i] += mAdj;
                        mAdj = 0.0;
                    }
                }

                // double m = x[0];
                xGrad[0] += mAdj;
                return result;
            }
            finally
            {
                savedBools.Dispose();
            }
        }

        /// <summary>A copy of the generated pullback as of the third round (using the real runtime's tape and pool).</summary>
        public static double ObjectivePullbackCurrent(global::System.ReadOnlySpan<double> alphas, global::System.ReadOnlySpan<double> means, global::System.ReadOnlySpan<double> icf, global::System.ReadOnlySpan<double> x, int d, int k, int n, double wishartGamma, int wishartM, double resultAdj, global::System.Span<double> alphasGrad, global::System.Span<double> meansGrad, global::System.Span<double> icfGrad)
        {
            double[] qdiags = global::System.Array.Empty<double>();
            double[] qdiagsAdj = global::System.Array.Empty<double>();
            double[] sumQs = global::System.Array.Empty<double>();
            double[] sumQsAdj = global::System.Array.Empty<double>();
            double[] xcentered = global::System.Array.Empty<double>();
            double[] xcenteredAdj = global::System.Array.Empty<double>();
            double[] qxcentered = global::System.Array.Empty<double>();
            double[] qxcenteredAdj = global::System.Array.Empty<double>();
            double[] mainTerm = global::System.Array.Empty<double>();
            double[] mainTermAdj = global::System.Array.Empty<double>();
            double sqnorm = 0.0;
            double logSumExp = 0.0;
            double arrMax = 0.0;
            double m = 0.0;
            double mx = 0.0;
            double semx = 0.0;
            double exp = 0.0;
            double exp2 = 0.0;
            double frobenius = 0.0;
            var savedDoubles = new global::Backprop.Support.ValueTape<double>(64);
            var savedBools = new global::Backprop.Support.ValueTape<bool>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            int icfSize = d * (d + 1) / 2;
            qdiags = global::Backprop.Support.LocalArrayPool<double>.Rent(d * k);
            qdiagsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qdiags.Length);
            sumQs = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            sumQsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(sumQs.Length);
            xcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            xcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(xcentered.Length);
            qxcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            qxcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qxcentered.Length);
            mainTerm = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            mainTermAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(mainTerm.Length);
            for (int ik = 0; ik < k; ik++)
            {
                for (int id = 0; id < d; id++)
                {
                    sumQs[ik] = sumQs[ik] + icf[ik * icfSize + id];
                    savedDoubles.Push(qdiags[ik * d + id]);
                    qdiags[ik * d + id] = global::System.Math.Exp(icf[ik * icfSize + id]);
                }
            }

            double slse = 0.0;
            for (int ix = 0; ix < n; ix++)
            {
                for (int ik = 0; ik < k; ik++)
                {
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    for (int id = 0; id < d; id++)
                    {
                        savedDoubles.Push(qxcentered[id]);
                        qxcentered[id] = qdiags[ik * d + id] * xcentered[id];
                    }

                    for (int i = 0; i < d; i++)
                    {
                        int jBase = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        for (int j = i + 1; j < d; j++)
                        {
                            qxcentered[j] = qxcentered[j] + icf[jBase + j] * xcentered[i];
                        }
                    }

                    sqnorm = 0.0;
                    for (int id = 0; id < d; id++)
                    {
                        sqnorm = sqnorm + qxcentered[id] * qxcentered[id];
                    }

                    mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;
                }

                m = mainTerm[0];
                for (int i3 = 1; i3 < k; i3++)
                {
                    if (m < mainTerm[i3])
                    {
                        m = mainTerm[i3];
                        savedBools.Push(true);
                    }
                    else
                    {
                        savedBools.Push(false);
                    }
                }

                arrMax = m;
                mx = arrMax;
                savedDoubles.Push(semx);
                semx = 0.0;
                for (int i2 = 0; i2 < k; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(mainTerm[i2] - mx);
                    semx = semx + exp;
                }

                logSumExp = global::System.Math.Log(semx) + mx;
                slse = slse + logSumExp;
            }

            double logSumExp2 = 0.0;
            double arrMax2 = 0.0;
            double m2 = alphas[0];
            for (int i5 = 1; i5 < k; i5++)
            {
                if (m2 < alphas[i5])
                {
                    m2 = alphas[i5];
                    savedBools.Push(true);
                }
                else
                {
                    savedBools.Push(false);
                }
            }

            arrMax2 = m2;
            double mx2 = arrMax2;
            double semx2 = 0.0;
            for (int i4 = 0; i4 < k; i4++)
            {
                savedDoubles.Push(exp2);
                exp2 = global::System.Math.Exp(alphas[i4] - mx2);
                semx2 = semx2 + exp2;
            }

            logSumExp2 = global::System.Math.Log(semx2) + mx2;
            double lseAlphas = logSumExp2;
            double constant = (double)(-n * d) * 0.5 * global::System.Math.Log(6.283185307179586);
            int priorN = d + wishartM + 1;
            double priorC = (double)(priorN * d) * (global::System.Math.Log(wishartGamma) - 0.5 * global::System.Math.Log(2.0)) - global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * (double)priorN, d);
            double prior = 0.0;
            for (int ik = 0; ik < k; ik++)
            {
                frobenius = 0.0;
                for (int id = 0; id < d; id++)
                {
                    frobenius = frobenius + qdiags[ik * d + id] * qdiags[ik * d + id];
                }

                for (int i = d; i < icfSize; i++)
                {
                    frobenius = frobenius + icf[ik * icfSize + i] * icf[ik * icfSize + i];
                }

                prior = prior + (0.5 * wishartGamma * wishartGamma * frobenius - (double)wishartM * sumQs[ik]);
            }

            double result = constant + slse - (double)n * lseAlphas + prior - (double)k * priorC;

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double slseAdj = 0.0;
            double sqnormAdj = 0.0;
            double lseAlphasAdj = 0.0;
            double priorAdj = 0.0;
            double frobeniusAdj = 0.0;
            double mxAdj = 0.0;
            double semxAdj = 0.0;
            double logSumExpAdj = 0.0;
            double mAdj = 0.0;
            double arrMaxAdj = 0.0;
            double mx2Adj = 0.0;
            double semx2Adj = 0.0;
            double logSumExp2Adj = 0.0;
            double m2Adj = 0.0;
            double arrMax2Adj = 0.0;
            double expAdj = 0.0;
            double exp2Adj = 0.0;

            // return constant + slse - n * lseAlphas + prior - k * priorC;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
            slseAdj += resultAdj;
            lseAlphasAdj += (double)n * -resultAdj;
            priorAdj += resultAdj;

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                frobeniusAdj += 0.5 * wishartGamma * wishartGamma * priorAdj;
                sumQsAdj[ik] += (double)wishartM * -priorAdj;

                // for (int i = d; i < icfSize; i++), in reverse
                for (int i = icfSize - 1; i >= d; i--)
                {
                    // frobenius += icf[ik * icfSize + i] * icf[ik * icfSize + i];  ->  d(uv) = v du + u dv
                    icfGrad[ik * icfSize + i] += frobeniusAdj * icf[ik * icfSize + i];
                    icfGrad[ik * icfSize + i] += icf[ik * icfSize + i] * frobeniusAdj;
                }

                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // frobenius += qdiags[ik * d + id] * qdiags[ik * d + id];  ->  d(uv) = v du + u dv
                    qdiagsAdj[ik * d + id] += frobeniusAdj * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] += qdiags[ik * d + id] * frobeniusAdj;
                }

                // double frobenius = 0;
                frobeniusAdj = 0.0;
            }

            // double lseAlphas = LogSumExp(alphas, k);
            logSumExp2Adj += lseAlphasAdj;

            // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
            semx2Adj += logSumExp2Adj / semx2;
            mx2Adj += logSumExp2Adj;

            // LogSumExp: for (int i = 0; i < n; i++), in reverse
            for (int i4 = k - 1; i4 >= 0; i4--)
            {
                // LogSumExp: semx += Math.Exp(x[i] - mx);
                exp2Adj += semx2Adj;

                // double exp2 = Math.Exp(alphas[i4] - mx2);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                {
                    double adj = exp2Adj * exp2;
                    alphasGrad[i4] += adj;
                    mx2Adj += -adj;
                    exp2Adj = 0.0;
                    exp2 = savedDoubles.Pop();
                }
            }

            // LogSumExp: double mx = ArrMax(x, n);
            arrMax2Adj += mx2Adj;

            // ArrMax: return m;
            m2Adj += arrMax2Adj;

            // ArrMax: for (int i = 1; i < n; i++), in reverse
            for (int i5 = k - 1; i5 >= 1; i5--)
            {
                // ArrMax: if (m < x[i]), in reverse
                if (savedBools.Pop())
                {
                    // ArrMax: m = x[i];
                    alphasGrad[i5] += m2Adj;
                    m2Adj = 0.0;
                }
            }

            // ArrMax: double m = x[0];
            alphasGrad[0] += m2Adj;

            // for (int ix = 0; ix < n; ix++), in reverse
            for (int ix = n - 1; ix >= 0; ix--)
            {
                // slse += LogSumExp(mainTerm, k);
                logSumExpAdj += slseAdj;

                // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
                semxAdj += logSumExpAdj / semx;
                mxAdj += logSumExpAdj;
                logSumExpAdj = 0.0;

                // LogSumExp: for (int i = 0; i < n; i++), in reverse
                for (int i2 = k - 1; i2 >= 0; i2--)
                {
                    // LogSumExp: semx += Math.Exp(x[i] - mx);
                    expAdj += semxAdj;

                    // double exp = Math.Exp(mainTerm[i2] - mx);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                    {
                        double adj = expAdj * exp;
                        mainTermAdj[i2] += adj;
                        mxAdj += -adj;
                        expAdj = 0.0;
                        exp = savedDoubles.Pop();
                    }
                }

                // LogSumExp: double semx = 0;
                semx = savedDoubles.Pop();
                semxAdj = 0.0;

                // LogSumExp: double mx = ArrMax(x, n);
                arrMaxAdj += mxAdj;
                mxAdj = 0.0;

                // ArrMax: return m;
                mAdj += arrMaxAdj;
                arrMaxAdj = 0.0;

                // ArrMax: for (int i = 1; i < n; i++), in reverse
                for (int i3 = k - 1; i3 >= 1; i3--)
                {
                    // ArrMax: if (m < x[i]), in reverse
                    if (savedBools.Pop())
                    {
                        // ArrMax: m = x[i];
                        mainTermAdj[i3] += mAdj;
                        mAdj = 0.0;
                    }
                }

                // ArrMax: double m = x[0];
                mainTermAdj[0] += mAdj;
                mAdj = 0.0;

                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // Recomputed rather than saved: for (int id = 0; id < d; id++) …
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    // mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                    alphasGrad[ik] += mainTermAdj[ik];
                    sumQsAdj[ik] += mainTermAdj[ik];
                    sqnormAdj += 0.5 * -mainTermAdj[ik];
                    mainTermAdj[ik] = 0.0;

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // sqnorm += qxcentered[id] * qxcentered[id];  ->  d(uv) = v du + u dv
                        qxcenteredAdj[id] += sqnormAdj * qxcentered[id];
                        qxcenteredAdj[id] += qxcentered[id] * sqnormAdj;
                    }

                    // double sqnorm = 0;
                    sqnormAdj = 0.0;

                    // for (int i = 0; i < d; i++), in reverse
                    for (int i = d - 1; i >= 0; i--)
                    {
                        int jBase2 = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        // for (int j = i + 1; j < d; j++), in reverse
                        if (d - 1 >= i + 1)
                        {
                            // The loop adds into xcenteredAdj[i] only: summed in xcenteredAdjSum, stored after it.
                            double xcenteredAdjSum = xcenteredAdj[i];
                            for (int j = d - 1; j >= i + 1; j--)
                            {
                                // qxcentered[j] += icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * xcentered[i];  ->  d(uv) = v du + u dv
                                icfGrad[jBase2 + j] += qxcenteredAdj[j] * xcentered[i];
                                xcenteredAdjSum += icf[jBase2 + j] * qxcenteredAdj[j];
                            }
                            xcenteredAdj[i] = xcenteredAdjSum;
                        }
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // qxcentered[id] = qdiags[ik * d + id] * xcentered[id];  ->  d(uv) = v du + u dv
                        qxcentered[id] = savedDoubles.Pop();
                        qdiagsAdj[ik * d + id] += qxcenteredAdj[id] * xcentered[id];
                        xcenteredAdj[id] += qdiags[ik * d + id] * qxcenteredAdj[id];
                        qxcenteredAdj[id] = 0.0;
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // xcentered[id] = x[ix * d + id] - means[ik * d + id];  ->  d(u ± v) = du ± dv
                        meansGrad[ik * d + id] += -xcenteredAdj[id];
                        xcenteredAdj[id] = 0.0;
                    }
                }
            }

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // qdiags[ik * d + id] = Math.Exp(icf[ik * icfSize + id]);  ->  d exp(u) = exp(u) du
                    icfGrad[ik * icfSize + id] += qdiagsAdj[ik * d + id] * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] = 0.0;
                    qdiags[ik * d + id] = savedDoubles.Pop();

                    // sumQs[ik] += icf[ik * icfSize + id];
                    icfGrad[ik * icfSize + id] += sumQsAdj[ik];
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(qdiags);
            global::Backprop.Support.LocalArrayPool<double>.Return(qdiagsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQs);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTerm);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTermAdj);
            savedDoubles.Dispose();
            savedBools.Dispose();
            return result;
        }

        /// <summary>
        /// <see cref="ObjectivePullbackCurrent"/> with the reverse of each point run right after its forward: the adjoint
        /// of <c>slse</c> is <c>resultAdj</c> before the loop, so the tape holds one point's values at a time.
        /// </summary>
        public static double ObjectivePullbackPerPoint(global::System.ReadOnlySpan<double> alphas, global::System.ReadOnlySpan<double> means, global::System.ReadOnlySpan<double> icf, global::System.ReadOnlySpan<double> x, int d, int k, int n, double wishartGamma, int wishartM, double resultAdj, global::System.Span<double> alphasGrad, global::System.Span<double> meansGrad, global::System.Span<double> icfGrad)
        {
            double[] qdiags = global::System.Array.Empty<double>();
            double[] qdiagsAdj = global::System.Array.Empty<double>();
            double[] sumQs = global::System.Array.Empty<double>();
            double[] sumQsAdj = global::System.Array.Empty<double>();
            double[] xcentered = global::System.Array.Empty<double>();
            double[] xcenteredAdj = global::System.Array.Empty<double>();
            double[] qxcentered = global::System.Array.Empty<double>();
            double[] qxcenteredAdj = global::System.Array.Empty<double>();
            double[] mainTerm = global::System.Array.Empty<double>();
            double[] mainTermAdj = global::System.Array.Empty<double>();
            double sqnorm = 0.0;
            double logSumExp = 0.0;
            double arrMax = 0.0;
            double m = 0.0;
            double mx = 0.0;
            double semx = 0.0;
            double exp = 0.0;
            double exp2 = 0.0;
            double frobenius = 0.0;
            var savedDoubles = new global::Backprop.Support.ValueTape<double>(64);
            var savedBools = new global::Backprop.Support.ValueTape<bool>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            int icfSize = d * (d + 1) / 2;
            qdiags = global::Backprop.Support.LocalArrayPool<double>.Rent(d * k);
            qdiagsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qdiags.Length);
            sumQs = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            sumQsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(sumQs.Length);
            xcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            xcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(xcentered.Length);
            qxcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            qxcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qxcentered.Length);
            mainTerm = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            mainTermAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(mainTerm.Length);
            for (int ik = 0; ik < k; ik++)
            {
                for (int id = 0; id < d; id++)
                {
                    sumQs[ik] = sumQs[ik] + icf[ik * icfSize + id];
                    savedDoubles.Push(qdiags[ik * d + id]);
                    qdiags[ik * d + id] = global::System.Math.Exp(icf[ik * icfSize + id]);
                }
            }

            double slse = 0.0;
            // Adjoints, declared before the points' loop: the adjoint of slse is resultAdj throughout.
            double slseAdj = 0.0;
            double sqnormAdj = 0.0;
            double lseAlphasAdj = 0.0;
            double priorAdj = 0.0;
            double frobeniusAdj = 0.0;
            double mxAdj = 0.0;
            double semxAdj = 0.0;
            double logSumExpAdj = 0.0;
            double mAdj = 0.0;
            double arrMaxAdj = 0.0;
            double mx2Adj = 0.0;
            double semx2Adj = 0.0;
            double logSumExp2Adj = 0.0;
            double m2Adj = 0.0;
            double arrMax2Adj = 0.0;
            double expAdj = 0.0;
            double exp2Adj = 0.0;

            slseAdj += resultAdj;
            for (int ix = 0; ix < n; ix++)
            {
                for (int ik = 0; ik < k; ik++)
                {
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    for (int id = 0; id < d; id++)
                    {
                        savedDoubles.Push(qxcentered[id]);
                        qxcentered[id] = qdiags[ik * d + id] * xcentered[id];
                    }

                    for (int i = 0; i < d; i++)
                    {
                        int jBase = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        for (int j = i + 1; j < d; j++)
                        {
                            qxcentered[j] = qxcentered[j] + icf[jBase + j] * xcentered[i];
                        }
                    }

                    sqnorm = 0.0;
                    for (int id = 0; id < d; id++)
                    {
                        sqnorm = sqnorm + qxcentered[id] * qxcentered[id];
                    }

                    mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;
                }

                m = mainTerm[0];
                for (int i3 = 1; i3 < k; i3++)
                {
                    if (m < mainTerm[i3])
                    {
                        m = mainTerm[i3];
                        savedBools.Push(true);
                    }
                    else
                    {
                        savedBools.Push(false);
                    }
                }

                arrMax = m;
                mx = arrMax;
                savedDoubles.Push(semx);
                semx = 0.0;
                for (int i2 = 0; i2 < k; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(mainTerm[i2] - mx);
                    semx = semx + exp;
                }

                logSumExp = global::System.Math.Log(semx) + mx;
                slse = slse + logSumExp;

                // The point's reverse.
                // slse += LogSumExp(mainTerm, k);
                logSumExpAdj += slseAdj;

                // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
                semxAdj += logSumExpAdj / semx;
                mxAdj += logSumExpAdj;
                logSumExpAdj = 0.0;

                // LogSumExp: for (int i = 0; i < n; i++), in reverse
                for (int i2 = k - 1; i2 >= 0; i2--)
                {
                    // LogSumExp: semx += Math.Exp(x[i] - mx);
                    expAdj += semxAdj;

                    // double exp = Math.Exp(mainTerm[i2] - mx);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                    {
                        double adj = expAdj * exp;
                        mainTermAdj[i2] += adj;
                        mxAdj += -adj;
                        expAdj = 0.0;
                        exp = savedDoubles.Pop();
                    }
                }

                // LogSumExp: double semx = 0;
                semx = savedDoubles.Pop();
                semxAdj = 0.0;

                // LogSumExp: double mx = ArrMax(x, n);
                arrMaxAdj += mxAdj;
                mxAdj = 0.0;

                // ArrMax: return m;
                mAdj += arrMaxAdj;
                arrMaxAdj = 0.0;

                // ArrMax: for (int i = 1; i < n; i++), in reverse
                for (int i3 = k - 1; i3 >= 1; i3--)
                {
                    // ArrMax: if (m < x[i]), in reverse
                    if (savedBools.Pop())
                    {
                        // ArrMax: m = x[i];
                        mainTermAdj[i3] += mAdj;
                        mAdj = 0.0;
                    }
                }

                // ArrMax: double m = x[0];
                mainTermAdj[0] += mAdj;
                mAdj = 0.0;

                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // Recomputed rather than saved: for (int id = 0; id < d; id++) …
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    // mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                    alphasGrad[ik] += mainTermAdj[ik];
                    sumQsAdj[ik] += mainTermAdj[ik];
                    sqnormAdj += 0.5 * -mainTermAdj[ik];
                    mainTermAdj[ik] = 0.0;

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // sqnorm += qxcentered[id] * qxcentered[id];  ->  d(uv) = v du + u dv
                        qxcenteredAdj[id] += sqnormAdj * qxcentered[id];
                        qxcenteredAdj[id] += qxcentered[id] * sqnormAdj;
                    }

                    // double sqnorm = 0;
                    sqnormAdj = 0.0;

                    // for (int i = 0; i < d; i++), in reverse
                    for (int i = d - 1; i >= 0; i--)
                    {
                        int jBase2 = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        // for (int j = i + 1; j < d; j++), in reverse
                        if (d - 1 >= i + 1)
                        {
                            // The loop adds into xcenteredAdj[i] only: summed in xcenteredAdjSum, stored after it.
                            double xcenteredAdjSum = xcenteredAdj[i];
                            for (int j = d - 1; j >= i + 1; j--)
                            {
                                // qxcentered[j] += icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * xcentered[i];  ->  d(uv) = v du + u dv
                                icfGrad[jBase2 + j] += qxcenteredAdj[j] * xcentered[i];
                                xcenteredAdjSum += icf[jBase2 + j] * qxcenteredAdj[j];
                            }
                            xcenteredAdj[i] = xcenteredAdjSum;
                        }
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // qxcentered[id] = qdiags[ik * d + id] * xcentered[id];  ->  d(uv) = v du + u dv
                        qxcentered[id] = savedDoubles.Pop();
                        qdiagsAdj[ik * d + id] += qxcenteredAdj[id] * xcentered[id];
                        xcenteredAdj[id] += qdiags[ik * d + id] * qxcenteredAdj[id];
                        qxcenteredAdj[id] = 0.0;
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // xcentered[id] = x[ix * d + id] - means[ik * d + id];  ->  d(u ± v) = du ± dv
                        meansGrad[ik * d + id] += -xcenteredAdj[id];
                        xcenteredAdj[id] = 0.0;
                    }
                }
            }

            double logSumExp2 = 0.0;
            double arrMax2 = 0.0;
            double m2 = alphas[0];
            for (int i5 = 1; i5 < k; i5++)
            {
                if (m2 < alphas[i5])
                {
                    m2 = alphas[i5];
                    savedBools.Push(true);
                }
                else
                {
                    savedBools.Push(false);
                }
            }

            arrMax2 = m2;
            double mx2 = arrMax2;
            double semx2 = 0.0;
            for (int i4 = 0; i4 < k; i4++)
            {
                savedDoubles.Push(exp2);
                exp2 = global::System.Math.Exp(alphas[i4] - mx2);
                semx2 = semx2 + exp2;
            }

            logSumExp2 = global::System.Math.Log(semx2) + mx2;
            double lseAlphas = logSumExp2;
            double constant = (double)(-n * d) * 0.5 * global::System.Math.Log(6.283185307179586);
            int priorN = d + wishartM + 1;
            double priorC = (double)(priorN * d) * (global::System.Math.Log(wishartGamma) - 0.5 * global::System.Math.Log(2.0)) - global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * (double)priorN, d);
            double prior = 0.0;
            for (int ik = 0; ik < k; ik++)
            {
                frobenius = 0.0;
                for (int id = 0; id < d; id++)
                {
                    frobenius = frobenius + qdiags[ik * d + id] * qdiags[ik * d + id];
                }

                for (int i = d; i < icfSize; i++)
                {
                    frobenius = frobenius + icf[ik * icfSize + i] * icf[ik * icfSize + i];
                }

                prior = prior + (0.5 * wishartGamma * wishartGamma * frobenius - (double)wishartM * sumQs[ik]);
            }

            double result = constant + slse - (double)n * lseAlphas + prior - (double)k * priorC;

            // return constant + slse - n * lseAlphas + prior - k * priorC;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
            lseAlphasAdj += (double)n * -resultAdj;
            priorAdj += resultAdj;

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                frobeniusAdj += 0.5 * wishartGamma * wishartGamma * priorAdj;
                sumQsAdj[ik] += (double)wishartM * -priorAdj;

                // for (int i = d; i < icfSize; i++), in reverse
                for (int i = icfSize - 1; i >= d; i--)
                {
                    // frobenius += icf[ik * icfSize + i] * icf[ik * icfSize + i];  ->  d(uv) = v du + u dv
                    icfGrad[ik * icfSize + i] += frobeniusAdj * icf[ik * icfSize + i];
                    icfGrad[ik * icfSize + i] += icf[ik * icfSize + i] * frobeniusAdj;
                }

                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // frobenius += qdiags[ik * d + id] * qdiags[ik * d + id];  ->  d(uv) = v du + u dv
                    qdiagsAdj[ik * d + id] += frobeniusAdj * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] += qdiags[ik * d + id] * frobeniusAdj;
                }

                // double frobenius = 0;
                frobeniusAdj = 0.0;
            }

            // double lseAlphas = LogSumExp(alphas, k);
            logSumExp2Adj += lseAlphasAdj;

            // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
            semx2Adj += logSumExp2Adj / semx2;
            mx2Adj += logSumExp2Adj;

            // LogSumExp: for (int i = 0; i < n; i++), in reverse
            for (int i4 = k - 1; i4 >= 0; i4--)
            {
                // LogSumExp: semx += Math.Exp(x[i] - mx);
                exp2Adj += semx2Adj;

                // double exp2 = Math.Exp(alphas[i4] - mx2);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                {
                    double adj = exp2Adj * exp2;
                    alphasGrad[i4] += adj;
                    mx2Adj += -adj;
                    exp2Adj = 0.0;
                    exp2 = savedDoubles.Pop();
                }
            }

            // LogSumExp: double mx = ArrMax(x, n);
            arrMax2Adj += mx2Adj;

            // ArrMax: return m;
            m2Adj += arrMax2Adj;

            // ArrMax: for (int i = 1; i < n; i++), in reverse
            for (int i5 = k - 1; i5 >= 1; i5--)
            {
                // ArrMax: if (m < x[i]), in reverse
                if (savedBools.Pop())
                {
                    // ArrMax: m = x[i];
                    alphasGrad[i5] += m2Adj;
                    m2Adj = 0.0;
                }
            }

            // ArrMax: double m = x[0];
            alphasGrad[0] += m2Adj;


            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // qdiags[ik * d + id] = Math.Exp(icf[ik * icfSize + id]);  ->  d exp(u) = exp(u) du
                    icfGrad[ik * icfSize + id] += qdiagsAdj[ik * d + id] * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] = 0.0;
                    qdiags[ik * d + id] = savedDoubles.Pop();

                    // sumQs[ik] += icf[ik * icfSize + id];
                    icfGrad[ik * icfSize + id] += sumQsAdj[ik];
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(qdiags);
            global::Backprop.Support.LocalArrayPool<double>.Return(qdiagsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQs);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTerm);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTermAdj);
            savedDoubles.Dispose();
            savedBools.Dispose();
            return result;
        }

        /// <summary><see cref="ObjectivePullbackCurrent"/> with every array and span access unchecked (Unsafe.Add).</summary>
        public static double ObjectivePullbackUnchecked(global::System.ReadOnlySpan<double> alphas, global::System.ReadOnlySpan<double> means, global::System.ReadOnlySpan<double> icf, global::System.ReadOnlySpan<double> x, int d, int k, int n, double wishartGamma, int wishartM, double resultAdj, global::System.Span<double> alphasGrad, global::System.Span<double> meansGrad, global::System.Span<double> icfGrad)
        {
            double[] qdiags = global::System.Array.Empty<double>();
            double[] qdiagsAdj = global::System.Array.Empty<double>();
            double[] sumQs = global::System.Array.Empty<double>();
            double[] sumQsAdj = global::System.Array.Empty<double>();
            double[] xcentered = global::System.Array.Empty<double>();
            double[] xcenteredAdj = global::System.Array.Empty<double>();
            double[] qxcentered = global::System.Array.Empty<double>();
            double[] qxcenteredAdj = global::System.Array.Empty<double>();
            double[] mainTerm = global::System.Array.Empty<double>();
            double[] mainTermAdj = global::System.Array.Empty<double>();
            double sqnorm = 0.0;
            double logSumExp = 0.0;
            double arrMax = 0.0;
            double m = 0.0;
            double mx = 0.0;
            double semx = 0.0;
            double exp = 0.0;
            double exp2 = 0.0;
            double frobenius = 0.0;
            var savedDoubles = new global::Backprop.Support.ValueTape<double>(64);
            var savedBools = new global::Backprop.Support.ValueTape<bool>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            int icfSize = d * (d + 1) / 2;
            qdiags = global::Backprop.Support.LocalArrayPool<double>.Rent(d * k);
            qdiagsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qdiags.Length);
            sumQs = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            sumQsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(sumQs.Length);
            xcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            xcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(xcentered.Length);
            qxcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            qxcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qxcentered.Length);
            mainTerm = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            mainTermAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(mainTerm.Length);
            ref double xcenteredRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(global::System.MemoryExtensions.AsSpan(xcentered));
            ref double mainTermRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(global::System.MemoryExtensions.AsSpan(mainTerm));
            ref double qxcenteredRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(global::System.MemoryExtensions.AsSpan(qxcentered));
            ref double qdiagsRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(global::System.MemoryExtensions.AsSpan(qdiags));
            ref double sumQsRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(global::System.MemoryExtensions.AsSpan(sumQs));
            ref double xcenteredAdjRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(global::System.MemoryExtensions.AsSpan(xcenteredAdj));
            ref double mainTermAdjRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(global::System.MemoryExtensions.AsSpan(mainTermAdj));
            ref double qdiagsAdjRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(global::System.MemoryExtensions.AsSpan(qdiagsAdj));
            ref double qxcenteredAdjRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(global::System.MemoryExtensions.AsSpan(qxcenteredAdj));
            ref double sumQsAdjRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(global::System.MemoryExtensions.AsSpan(sumQsAdj));
            ref double alphasRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(alphas);
            ref double meansRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(means);
            ref double icfRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(icf);
            ref double xRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
            ref double alphasGradRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(alphasGrad);
            ref double meansGradRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(meansGrad);
            ref double icfGradRef = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(icfGrad);
            for (int ik = 0; ik < k; ik++)
            {
                for (int id = 0; id < d; id++)
                {
                    global::System.Runtime.CompilerServices.Unsafe.Add(ref sumQsRef, ik) = global::System.Runtime.CompilerServices.Unsafe.Add(ref sumQsRef, ik) + global::System.Runtime.CompilerServices.Unsafe.Add(ref icfRef, ik * icfSize + id);
                    savedDoubles.Push(global::System.Runtime.CompilerServices.Unsafe.Add(ref qdiagsRef, ik * d + id));
                    global::System.Runtime.CompilerServices.Unsafe.Add(ref qdiagsRef, ik * d + id) = global::System.Math.Exp(global::System.Runtime.CompilerServices.Unsafe.Add(ref icfRef, ik * icfSize + id));
                }
            }

            double slse = 0.0;
            for (int ix = 0; ix < n; ix++)
            {
                for (int ik = 0; ik < k; ik++)
                {
                    for (int id = 0; id < d; id++)
                    {
                        global::System.Runtime.CompilerServices.Unsafe.Add(ref xcenteredRef, id) = global::System.Runtime.CompilerServices.Unsafe.Add(ref xRef, ix * d + id) - global::System.Runtime.CompilerServices.Unsafe.Add(ref meansRef, ik * d + id);
                    }

                    for (int id = 0; id < d; id++)
                    {
                        savedDoubles.Push(global::System.Runtime.CompilerServices.Unsafe.Add(ref qxcenteredRef, id));
                        global::System.Runtime.CompilerServices.Unsafe.Add(ref qxcenteredRef, id) = global::System.Runtime.CompilerServices.Unsafe.Add(ref qdiagsRef, ik * d + id) * global::System.Runtime.CompilerServices.Unsafe.Add(ref xcenteredRef, id);
                    }

                    for (int i = 0; i < d; i++)
                    {
                        int jBase = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        for (int j = i + 1; j < d; j++)
                        {
                            global::System.Runtime.CompilerServices.Unsafe.Add(ref qxcenteredRef, j) = global::System.Runtime.CompilerServices.Unsafe.Add(ref qxcenteredRef, j) + global::System.Runtime.CompilerServices.Unsafe.Add(ref icfRef, jBase + j) * global::System.Runtime.CompilerServices.Unsafe.Add(ref xcenteredRef, i);
                        }
                    }

                    sqnorm = 0.0;
                    for (int id = 0; id < d; id++)
                    {
                        sqnorm = sqnorm + global::System.Runtime.CompilerServices.Unsafe.Add(ref qxcenteredRef, id) * global::System.Runtime.CompilerServices.Unsafe.Add(ref qxcenteredRef, id);
                    }

                    global::System.Runtime.CompilerServices.Unsafe.Add(ref mainTermRef, ik) = global::System.Runtime.CompilerServices.Unsafe.Add(ref alphasRef, ik) + global::System.Runtime.CompilerServices.Unsafe.Add(ref sumQsRef, ik) - 0.5 * sqnorm;
                }

                m = global::System.Runtime.CompilerServices.Unsafe.Add(ref mainTermRef, 0);
                for (int i3 = 1; i3 < k; i3++)
                {
                    if (m < global::System.Runtime.CompilerServices.Unsafe.Add(ref mainTermRef, i3))
                    {
                        m = global::System.Runtime.CompilerServices.Unsafe.Add(ref mainTermRef, i3);
                        savedBools.Push(true);
                    }
                    else
                    {
                        savedBools.Push(false);
                    }
                }

                arrMax = m;
                mx = arrMax;
                savedDoubles.Push(semx);
                semx = 0.0;
                for (int i2 = 0; i2 < k; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(global::System.Runtime.CompilerServices.Unsafe.Add(ref mainTermRef, i2) - mx);
                    semx = semx + exp;
                }

                logSumExp = global::System.Math.Log(semx) + mx;
                slse = slse + logSumExp;
            }

            double logSumExp2 = 0.0;
            double arrMax2 = 0.0;
            double m2 = global::System.Runtime.CompilerServices.Unsafe.Add(ref alphasRef, 0);
            for (int i5 = 1; i5 < k; i5++)
            {
                if (m2 < global::System.Runtime.CompilerServices.Unsafe.Add(ref alphasRef, i5))
                {
                    m2 = global::System.Runtime.CompilerServices.Unsafe.Add(ref alphasRef, i5);
                    savedBools.Push(true);
                }
                else
                {
                    savedBools.Push(false);
                }
            }

            arrMax2 = m2;
            double mx2 = arrMax2;
            double semx2 = 0.0;
            for (int i4 = 0; i4 < k; i4++)
            {
                savedDoubles.Push(exp2);
                exp2 = global::System.Math.Exp(global::System.Runtime.CompilerServices.Unsafe.Add(ref alphasRef, i4) - mx2);
                semx2 = semx2 + exp2;
            }

            logSumExp2 = global::System.Math.Log(semx2) + mx2;
            double lseAlphas = logSumExp2;
            double constant = (double)(-n * d) * 0.5 * global::System.Math.Log(6.283185307179586);
            int priorN = d + wishartM + 1;
            double priorC = (double)(priorN * d) * (global::System.Math.Log(wishartGamma) - 0.5 * global::System.Math.Log(2.0)) - global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * (double)priorN, d);
            double prior = 0.0;
            for (int ik = 0; ik < k; ik++)
            {
                frobenius = 0.0;
                for (int id = 0; id < d; id++)
                {
                    frobenius = frobenius + global::System.Runtime.CompilerServices.Unsafe.Add(ref qdiagsRef, ik * d + id) * global::System.Runtime.CompilerServices.Unsafe.Add(ref qdiagsRef, ik * d + id);
                }

                for (int i = d; i < icfSize; i++)
                {
                    frobenius = frobenius + global::System.Runtime.CompilerServices.Unsafe.Add(ref icfRef, ik * icfSize + i) * global::System.Runtime.CompilerServices.Unsafe.Add(ref icfRef, ik * icfSize + i);
                }

                prior = prior + (0.5 * wishartGamma * wishartGamma * frobenius - (double)wishartM * global::System.Runtime.CompilerServices.Unsafe.Add(ref sumQsRef, ik));
            }

            double result = constant + slse - (double)n * lseAlphas + prior - (double)k * priorC;

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double slseAdj = 0.0;
            double sqnormAdj = 0.0;
            double lseAlphasAdj = 0.0;
            double priorAdj = 0.0;
            double frobeniusAdj = 0.0;
            double mxAdj = 0.0;
            double semxAdj = 0.0;
            double logSumExpAdj = 0.0;
            double mAdj = 0.0;
            double arrMaxAdj = 0.0;
            double mx2Adj = 0.0;
            double semx2Adj = 0.0;
            double logSumExp2Adj = 0.0;
            double m2Adj = 0.0;
            double arrMax2Adj = 0.0;
            double expAdj = 0.0;
            double exp2Adj = 0.0;

            // return constant + slse - n * lseAlphas + prior - k * priorC;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
            slseAdj += resultAdj;
            lseAlphasAdj += (double)n * -resultAdj;
            priorAdj += resultAdj;

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * global::System.Runtime.CompilerServices.Unsafe.Add(ref sumQsRef, ik);  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                frobeniusAdj += 0.5 * wishartGamma * wishartGamma * priorAdj;
                global::System.Runtime.CompilerServices.Unsafe.Add(ref sumQsAdjRef, ik) += (double)wishartM * -priorAdj;

                // for (int i = d; i < icfSize; i++), in reverse
                for (int i = icfSize - 1; i >= d; i--)
                {
                    // frobenius += global::System.Runtime.CompilerServices.Unsafe.Add(ref icfRef, ik * icfSize + i) * global::System.Runtime.CompilerServices.Unsafe.Add(ref icfRef, ik * icfSize + i);  ->  d(uv) = v du + u dv
                    global::System.Runtime.CompilerServices.Unsafe.Add(ref icfGradRef, ik * icfSize + i) += frobeniusAdj * global::System.Runtime.CompilerServices.Unsafe.Add(ref icfRef, ik * icfSize + i);
                    global::System.Runtime.CompilerServices.Unsafe.Add(ref icfGradRef, ik * icfSize + i) += global::System.Runtime.CompilerServices.Unsafe.Add(ref icfRef, ik * icfSize + i) * frobeniusAdj;
                }

                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // frobenius += global::System.Runtime.CompilerServices.Unsafe.Add(ref qdiagsRef, ik * d + id) * global::System.Runtime.CompilerServices.Unsafe.Add(ref qdiagsRef, ik * d + id);  ->  d(uv) = v du + u dv
                    global::System.Runtime.CompilerServices.Unsafe.Add(ref qdiagsAdjRef, ik * d + id) += frobeniusAdj * global::System.Runtime.CompilerServices.Unsafe.Add(ref qdiagsRef, ik * d + id);
                    global::System.Runtime.CompilerServices.Unsafe.Add(ref qdiagsAdjRef, ik * d + id) += global::System.Runtime.CompilerServices.Unsafe.Add(ref qdiagsRef, ik * d + id) * frobeniusAdj;
                }

                // double frobenius = 0;
                frobeniusAdj = 0.0;
            }

            // double lseAlphas = LogSumExp(alphas, k);
            logSumExp2Adj += lseAlphasAdj;

            // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
            semx2Adj += logSumExp2Adj / semx2;
            mx2Adj += logSumExp2Adj;

            // LogSumExp: for (int i = 0; i < n; i++), in reverse
            for (int i4 = k - 1; i4 >= 0; i4--)
            {
                // LogSumExp: semx += Math.Exp(global::System.Runtime.CompilerServices.Unsafe.Add(ref xRef, i) - mx);
                exp2Adj += semx2Adj;

                // double exp2 = Math.Exp(global::System.Runtime.CompilerServices.Unsafe.Add(ref alphasRef, i4) - mx2);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                {
                    double adj = exp2Adj * exp2;
                    global::System.Runtime.CompilerServices.Unsafe.Add(ref alphasGradRef, i4) += adj;
                    mx2Adj += -adj;
                    exp2Adj = 0.0;
                    exp2 = savedDoubles.Pop();
                }
            }

            // LogSumExp: double mx = ArrMax(x, n);
            arrMax2Adj += mx2Adj;

            // ArrMax: return m;
            m2Adj += arrMax2Adj;

            // ArrMax: for (int i = 1; i < n; i++), in reverse
            for (int i5 = k - 1; i5 >= 1; i5--)
            {
                // ArrMax: if (m < global::System.Runtime.CompilerServices.Unsafe.Add(ref xRef, i)), in reverse
                if (savedBools.Pop())
                {
                    // ArrMax: m = global::System.Runtime.CompilerServices.Unsafe.Add(ref xRef, i);
                    global::System.Runtime.CompilerServices.Unsafe.Add(ref alphasGradRef, i5) += m2Adj;
                    m2Adj = 0.0;
                }
            }

            // ArrMax: double m = global::System.Runtime.CompilerServices.Unsafe.Add(ref xRef, 0);
            global::System.Runtime.CompilerServices.Unsafe.Add(ref alphasGradRef, 0) += m2Adj;

            // for (int ix = 0; ix < n; ix++), in reverse
            for (int ix = n - 1; ix >= 0; ix--)
            {
                // slse += LogSumExp(mainTerm, k);
                logSumExpAdj += slseAdj;

                // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
                semxAdj += logSumExpAdj / semx;
                mxAdj += logSumExpAdj;
                logSumExpAdj = 0.0;

                // LogSumExp: for (int i = 0; i < n; i++), in reverse
                for (int i2 = k - 1; i2 >= 0; i2--)
                {
                    // LogSumExp: semx += Math.Exp(global::System.Runtime.CompilerServices.Unsafe.Add(ref xRef, i) - mx);
                    expAdj += semxAdj;

                    // double exp = Math.Exp(global::System.Runtime.CompilerServices.Unsafe.Add(ref mainTermRef, i2) - mx);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                    {
                        double adj = expAdj * exp;
                        global::System.Runtime.CompilerServices.Unsafe.Add(ref mainTermAdjRef, i2) += adj;
                        mxAdj += -adj;
                        expAdj = 0.0;
                        exp = savedDoubles.Pop();
                    }
                }

                // LogSumExp: double semx = 0;
                semx = savedDoubles.Pop();
                semxAdj = 0.0;

                // LogSumExp: double mx = ArrMax(x, n);
                arrMaxAdj += mxAdj;
                mxAdj = 0.0;

                // ArrMax: return m;
                mAdj += arrMaxAdj;
                arrMaxAdj = 0.0;

                // ArrMax: for (int i = 1; i < n; i++), in reverse
                for (int i3 = k - 1; i3 >= 1; i3--)
                {
                    // ArrMax: if (m < global::System.Runtime.CompilerServices.Unsafe.Add(ref xRef, i)), in reverse
                    if (savedBools.Pop())
                    {
                        // ArrMax: m = global::System.Runtime.CompilerServices.Unsafe.Add(ref xRef, i);
                        global::System.Runtime.CompilerServices.Unsafe.Add(ref mainTermAdjRef, i3) += mAdj;
                        mAdj = 0.0;
                    }
                }

                // ArrMax: double m = global::System.Runtime.CompilerServices.Unsafe.Add(ref xRef, 0);
                global::System.Runtime.CompilerServices.Unsafe.Add(ref mainTermAdjRef, 0) += mAdj;
                mAdj = 0.0;

                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // Recomputed rather than saved: for (int id = 0; id < d; id++) …
                    for (int id = 0; id < d; id++)
                    {
                        global::System.Runtime.CompilerServices.Unsafe.Add(ref xcenteredRef, id) = global::System.Runtime.CompilerServices.Unsafe.Add(ref xRef, ix * d + id) - global::System.Runtime.CompilerServices.Unsafe.Add(ref meansRef, ik * d + id);
                    }

                    // global::System.Runtime.CompilerServices.Unsafe.Add(ref mainTermRef, ik) = global::System.Runtime.CompilerServices.Unsafe.Add(ref alphasRef, ik) + global::System.Runtime.CompilerServices.Unsafe.Add(ref sumQsRef, ik) - 0.5 * sqnorm;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                    global::System.Runtime.CompilerServices.Unsafe.Add(ref alphasGradRef, ik) += global::System.Runtime.CompilerServices.Unsafe.Add(ref mainTermAdjRef, ik);
                    global::System.Runtime.CompilerServices.Unsafe.Add(ref sumQsAdjRef, ik) += global::System.Runtime.CompilerServices.Unsafe.Add(ref mainTermAdjRef, ik);
                    sqnormAdj += 0.5 * -global::System.Runtime.CompilerServices.Unsafe.Add(ref mainTermAdjRef, ik);
                    global::System.Runtime.CompilerServices.Unsafe.Add(ref mainTermAdjRef, ik) = 0.0;

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // sqnorm += global::System.Runtime.CompilerServices.Unsafe.Add(ref qxcenteredRef, id) * global::System.Runtime.CompilerServices.Unsafe.Add(ref qxcenteredRef, id);  ->  d(uv) = v du + u dv
                        global::System.Runtime.CompilerServices.Unsafe.Add(ref qxcenteredAdjRef, id) += sqnormAdj * global::System.Runtime.CompilerServices.Unsafe.Add(ref qxcenteredRef, id);
                        global::System.Runtime.CompilerServices.Unsafe.Add(ref qxcenteredAdjRef, id) += global::System.Runtime.CompilerServices.Unsafe.Add(ref qxcenteredRef, id) * sqnormAdj;
                    }

                    // double sqnorm = 0;
                    sqnormAdj = 0.0;

                    // for (int i = 0; i < d; i++), in reverse
                    for (int i = d - 1; i >= 0; i--)
                    {
                        int jBase2 = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        // for (int j = i + 1; j < d; j++), in reverse
                        if (d - 1 >= i + 1)
                        {
                            // The loop adds into global::System.Runtime.CompilerServices.Unsafe.Add(ref xcenteredAdjRef, i) only: summed in xcenteredAdjSum, stored after it.
                            double xcenteredAdjSum = global::System.Runtime.CompilerServices.Unsafe.Add(ref xcenteredAdjRef, i);
                            for (int j = d - 1; j >= i + 1; j--)
                            {
                                // global::System.Runtime.CompilerServices.Unsafe.Add(ref qxcenteredRef, j) += global::System.Runtime.CompilerServices.Unsafe.Add(ref icfRef, ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1) * global::System.Runtime.CompilerServices.Unsafe.Add(ref xcenteredRef, i);  ->  d(uv) = v du + u dv
                                global::System.Runtime.CompilerServices.Unsafe.Add(ref icfGradRef, jBase2 + j) += global::System.Runtime.CompilerServices.Unsafe.Add(ref qxcenteredAdjRef, j) * global::System.Runtime.CompilerServices.Unsafe.Add(ref xcenteredRef, i);
                                xcenteredAdjSum += global::System.Runtime.CompilerServices.Unsafe.Add(ref icfRef, jBase2 + j) * global::System.Runtime.CompilerServices.Unsafe.Add(ref qxcenteredAdjRef, j);
                            }
                            global::System.Runtime.CompilerServices.Unsafe.Add(ref xcenteredAdjRef, i) = xcenteredAdjSum;
                        }
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // global::System.Runtime.CompilerServices.Unsafe.Add(ref qxcenteredRef, id) = global::System.Runtime.CompilerServices.Unsafe.Add(ref qdiagsRef, ik * d + id) * global::System.Runtime.CompilerServices.Unsafe.Add(ref xcenteredRef, id);  ->  d(uv) = v du + u dv
                        global::System.Runtime.CompilerServices.Unsafe.Add(ref qxcenteredRef, id) = savedDoubles.Pop();
                        global::System.Runtime.CompilerServices.Unsafe.Add(ref qdiagsAdjRef, ik * d + id) += global::System.Runtime.CompilerServices.Unsafe.Add(ref qxcenteredAdjRef, id) * global::System.Runtime.CompilerServices.Unsafe.Add(ref xcenteredRef, id);
                        global::System.Runtime.CompilerServices.Unsafe.Add(ref xcenteredAdjRef, id) += global::System.Runtime.CompilerServices.Unsafe.Add(ref qdiagsRef, ik * d + id) * global::System.Runtime.CompilerServices.Unsafe.Add(ref qxcenteredAdjRef, id);
                        global::System.Runtime.CompilerServices.Unsafe.Add(ref qxcenteredAdjRef, id) = 0.0;
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // global::System.Runtime.CompilerServices.Unsafe.Add(ref xcenteredRef, id) = global::System.Runtime.CompilerServices.Unsafe.Add(ref xRef, ix * d + id) - global::System.Runtime.CompilerServices.Unsafe.Add(ref meansRef, ik * d + id);  ->  d(u ± v) = du ± dv
                        global::System.Runtime.CompilerServices.Unsafe.Add(ref meansGradRef, ik * d + id) += -global::System.Runtime.CompilerServices.Unsafe.Add(ref xcenteredAdjRef, id);
                        global::System.Runtime.CompilerServices.Unsafe.Add(ref xcenteredAdjRef, id) = 0.0;
                    }
                }
            }

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // global::System.Runtime.CompilerServices.Unsafe.Add(ref qdiagsRef, ik * d + id) = Math.Exp(global::System.Runtime.CompilerServices.Unsafe.Add(ref icfRef, ik * icfSize + id));  ->  d exp(u) = exp(u) du
                    global::System.Runtime.CompilerServices.Unsafe.Add(ref icfGradRef, ik * icfSize + id) += global::System.Runtime.CompilerServices.Unsafe.Add(ref qdiagsAdjRef, ik * d + id) * global::System.Runtime.CompilerServices.Unsafe.Add(ref qdiagsRef, ik * d + id);
                    global::System.Runtime.CompilerServices.Unsafe.Add(ref qdiagsAdjRef, ik * d + id) = 0.0;
                    global::System.Runtime.CompilerServices.Unsafe.Add(ref qdiagsRef, ik * d + id) = savedDoubles.Pop();

                    // global::System.Runtime.CompilerServices.Unsafe.Add(ref sumQsRef, ik) += global::System.Runtime.CompilerServices.Unsafe.Add(ref icfRef, ik * icfSize + id);
                    global::System.Runtime.CompilerServices.Unsafe.Add(ref icfGradRef, ik * icfSize + id) += global::System.Runtime.CompilerServices.Unsafe.Add(ref sumQsAdjRef, ik);
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(qdiags);
            global::Backprop.Support.LocalArrayPool<double>.Return(qdiagsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQs);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTerm);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTermAdj);
            savedDoubles.Dispose();
            savedBools.Dispose();
            return result;
        }


        /// <summary><see cref="ObjectivePullbackCurrent"/> with the triangular product's reverse in a method of its own.</summary>
        public static double ObjectivePullbackTriangularOutlined(global::System.ReadOnlySpan<double> alphas, global::System.ReadOnlySpan<double> means, global::System.ReadOnlySpan<double> icf, global::System.ReadOnlySpan<double> x, int d, int k, int n, double wishartGamma, int wishartM, double resultAdj, global::System.Span<double> alphasGrad, global::System.Span<double> meansGrad, global::System.Span<double> icfGrad)
        {
            double[] qdiags = global::System.Array.Empty<double>();
            double[] qdiagsAdj = global::System.Array.Empty<double>();
            double[] sumQs = global::System.Array.Empty<double>();
            double[] sumQsAdj = global::System.Array.Empty<double>();
            double[] xcentered = global::System.Array.Empty<double>();
            double[] xcenteredAdj = global::System.Array.Empty<double>();
            double[] qxcentered = global::System.Array.Empty<double>();
            double[] qxcenteredAdj = global::System.Array.Empty<double>();
            double[] mainTerm = global::System.Array.Empty<double>();
            double[] mainTermAdj = global::System.Array.Empty<double>();
            double sqnorm = 0.0;
            double logSumExp = 0.0;
            double arrMax = 0.0;
            double m = 0.0;
            double mx = 0.0;
            double semx = 0.0;
            double exp = 0.0;
            double exp2 = 0.0;
            double frobenius = 0.0;
            var savedDoubles = new global::Backprop.Support.ValueTape<double>(64);
            var savedBools = new global::Backprop.Support.ValueTape<bool>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            int icfSize = d * (d + 1) / 2;
            qdiags = global::Backprop.Support.LocalArrayPool<double>.Rent(d * k);
            qdiagsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qdiags.Length);
            sumQs = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            sumQsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(sumQs.Length);
            xcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            xcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(xcentered.Length);
            qxcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            qxcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qxcentered.Length);
            mainTerm = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            mainTermAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(mainTerm.Length);
            for (int ik = 0; ik < k; ik++)
            {
                for (int id = 0; id < d; id++)
                {
                    sumQs[ik] = sumQs[ik] + icf[ik * icfSize + id];
                    savedDoubles.Push(qdiags[ik * d + id]);
                    qdiags[ik * d + id] = global::System.Math.Exp(icf[ik * icfSize + id]);
                }
            }

            double slse = 0.0;
            for (int ix = 0; ix < n; ix++)
            {
                for (int ik = 0; ik < k; ik++)
                {
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    for (int id = 0; id < d; id++)
                    {
                        savedDoubles.Push(qxcentered[id]);
                        qxcentered[id] = qdiags[ik * d + id] * xcentered[id];
                    }

                    for (int i = 0; i < d; i++)
                    {
                        int jBase = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        for (int j = i + 1; j < d; j++)
                        {
                            qxcentered[j] = qxcentered[j] + icf[jBase + j] * xcentered[i];
                        }
                    }

                    sqnorm = 0.0;
                    for (int id = 0; id < d; id++)
                    {
                        sqnorm = sqnorm + qxcentered[id] * qxcentered[id];
                    }

                    mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;
                }

                m = mainTerm[0];
                for (int i3 = 1; i3 < k; i3++)
                {
                    if (m < mainTerm[i3])
                    {
                        m = mainTerm[i3];
                        savedBools.Push(true);
                    }
                    else
                    {
                        savedBools.Push(false);
                    }
                }

                arrMax = m;
                mx = arrMax;
                savedDoubles.Push(semx);
                semx = 0.0;
                for (int i2 = 0; i2 < k; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(mainTerm[i2] - mx);
                    semx = semx + exp;
                }

                logSumExp = global::System.Math.Log(semx) + mx;
                slse = slse + logSumExp;
            }

            double logSumExp2 = 0.0;
            double arrMax2 = 0.0;
            double m2 = alphas[0];
            for (int i5 = 1; i5 < k; i5++)
            {
                if (m2 < alphas[i5])
                {
                    m2 = alphas[i5];
                    savedBools.Push(true);
                }
                else
                {
                    savedBools.Push(false);
                }
            }

            arrMax2 = m2;
            double mx2 = arrMax2;
            double semx2 = 0.0;
            for (int i4 = 0; i4 < k; i4++)
            {
                savedDoubles.Push(exp2);
                exp2 = global::System.Math.Exp(alphas[i4] - mx2);
                semx2 = semx2 + exp2;
            }

            logSumExp2 = global::System.Math.Log(semx2) + mx2;
            double lseAlphas = logSumExp2;
            double constant = (double)(-n * d) * 0.5 * global::System.Math.Log(6.283185307179586);
            int priorN = d + wishartM + 1;
            double priorC = (double)(priorN * d) * (global::System.Math.Log(wishartGamma) - 0.5 * global::System.Math.Log(2.0)) - global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * (double)priorN, d);
            double prior = 0.0;
            for (int ik = 0; ik < k; ik++)
            {
                frobenius = 0.0;
                for (int id = 0; id < d; id++)
                {
                    frobenius = frobenius + qdiags[ik * d + id] * qdiags[ik * d + id];
                }

                for (int i = d; i < icfSize; i++)
                {
                    frobenius = frobenius + icf[ik * icfSize + i] * icf[ik * icfSize + i];
                }

                prior = prior + (0.5 * wishartGamma * wishartGamma * frobenius - (double)wishartM * sumQs[ik]);
            }

            double result = constant + slse - (double)n * lseAlphas + prior - (double)k * priorC;

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double slseAdj = 0.0;
            double sqnormAdj = 0.0;
            double lseAlphasAdj = 0.0;
            double priorAdj = 0.0;
            double frobeniusAdj = 0.0;
            double mxAdj = 0.0;
            double semxAdj = 0.0;
            double logSumExpAdj = 0.0;
            double mAdj = 0.0;
            double arrMaxAdj = 0.0;
            double mx2Adj = 0.0;
            double semx2Adj = 0.0;
            double logSumExp2Adj = 0.0;
            double m2Adj = 0.0;
            double arrMax2Adj = 0.0;
            double expAdj = 0.0;
            double exp2Adj = 0.0;

            // return constant + slse - n * lseAlphas + prior - k * priorC;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
            slseAdj += resultAdj;
            lseAlphasAdj += (double)n * -resultAdj;
            priorAdj += resultAdj;

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                frobeniusAdj += 0.5 * wishartGamma * wishartGamma * priorAdj;
                sumQsAdj[ik] += (double)wishartM * -priorAdj;

                // for (int i = d; i < icfSize; i++), in reverse
                for (int i = icfSize - 1; i >= d; i--)
                {
                    // frobenius += icf[ik * icfSize + i] * icf[ik * icfSize + i];  ->  d(uv) = v du + u dv
                    icfGrad[ik * icfSize + i] += frobeniusAdj * icf[ik * icfSize + i];
                    icfGrad[ik * icfSize + i] += icf[ik * icfSize + i] * frobeniusAdj;
                }

                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // frobenius += qdiags[ik * d + id] * qdiags[ik * d + id];  ->  d(uv) = v du + u dv
                    qdiagsAdj[ik * d + id] += frobeniusAdj * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] += qdiags[ik * d + id] * frobeniusAdj;
                }

                // double frobenius = 0;
                frobeniusAdj = 0.0;
            }

            // double lseAlphas = LogSumExp(alphas, k);
            logSumExp2Adj += lseAlphasAdj;

            // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
            semx2Adj += logSumExp2Adj / semx2;
            mx2Adj += logSumExp2Adj;

            // LogSumExp: for (int i = 0; i < n; i++), in reverse
            for (int i4 = k - 1; i4 >= 0; i4--)
            {
                // LogSumExp: semx += Math.Exp(x[i] - mx);
                exp2Adj += semx2Adj;

                // double exp2 = Math.Exp(alphas[i4] - mx2);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                {
                    double adj = exp2Adj * exp2;
                    alphasGrad[i4] += adj;
                    mx2Adj += -adj;
                    exp2Adj = 0.0;
                    exp2 = savedDoubles.Pop();
                }
            }

            // LogSumExp: double mx = ArrMax(x, n);
            arrMax2Adj += mx2Adj;

            // ArrMax: return m;
            m2Adj += arrMax2Adj;

            // ArrMax: for (int i = 1; i < n; i++), in reverse
            for (int i5 = k - 1; i5 >= 1; i5--)
            {
                // ArrMax: if (m < x[i]), in reverse
                if (savedBools.Pop())
                {
                    // ArrMax: m = x[i];
                    alphasGrad[i5] += m2Adj;
                    m2Adj = 0.0;
                }
            }

            // ArrMax: double m = x[0];
            alphasGrad[0] += m2Adj;

            // for (int ix = 0; ix < n; ix++), in reverse
            for (int ix = n - 1; ix >= 0; ix--)
            {
                // slse += LogSumExp(mainTerm, k);
                logSumExpAdj += slseAdj;

                // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
                semxAdj += logSumExpAdj / semx;
                mxAdj += logSumExpAdj;
                logSumExpAdj = 0.0;

                // LogSumExp: for (int i = 0; i < n; i++), in reverse
                for (int i2 = k - 1; i2 >= 0; i2--)
                {
                    // LogSumExp: semx += Math.Exp(x[i] - mx);
                    expAdj += semxAdj;

                    // double exp = Math.Exp(mainTerm[i2] - mx);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                    {
                        double adj = expAdj * exp;
                        mainTermAdj[i2] += adj;
                        mxAdj += -adj;
                        expAdj = 0.0;
                        exp = savedDoubles.Pop();
                    }
                }

                // LogSumExp: double semx = 0;
                semx = savedDoubles.Pop();
                semxAdj = 0.0;

                // LogSumExp: double mx = ArrMax(x, n);
                arrMaxAdj += mxAdj;
                mxAdj = 0.0;

                // ArrMax: return m;
                mAdj += arrMaxAdj;
                arrMaxAdj = 0.0;

                // ArrMax: for (int i = 1; i < n; i++), in reverse
                for (int i3 = k - 1; i3 >= 1; i3--)
                {
                    // ArrMax: if (m < x[i]), in reverse
                    if (savedBools.Pop())
                    {
                        // ArrMax: m = x[i];
                        mainTermAdj[i3] += mAdj;
                        mAdj = 0.0;
                    }
                }

                // ArrMax: double m = x[0];
                mainTermAdj[0] += mAdj;
                mAdj = 0.0;

                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // Recomputed rather than saved: for (int id = 0; id < d; id++) …
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    // mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                    alphasGrad[ik] += mainTermAdj[ik];
                    sumQsAdj[ik] += mainTermAdj[ik];
                    sqnormAdj += 0.5 * -mainTermAdj[ik];
                    mainTermAdj[ik] = 0.0;

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // sqnorm += qxcentered[id] * qxcentered[id];  ->  d(uv) = v du + u dv
                        qxcenteredAdj[id] += sqnormAdj * qxcentered[id];
                        qxcenteredAdj[id] += qxcentered[id] * sqnormAdj;
                    }

                    // double sqnorm = 0;
                    sqnormAdj = 0.0;

                    TriangularReverse(d, ik, icfSize, icf, icfGrad, qxcenteredAdj, xcentered, xcenteredAdj);

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // qxcentered[id] = qdiags[ik * d + id] * xcentered[id];  ->  d(uv) = v du + u dv
                        qxcentered[id] = savedDoubles.Pop();
                        qdiagsAdj[ik * d + id] += qxcenteredAdj[id] * xcentered[id];
                        xcenteredAdj[id] += qdiags[ik * d + id] * qxcenteredAdj[id];
                        qxcenteredAdj[id] = 0.0;
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // xcentered[id] = x[ix * d + id] - means[ik * d + id];  ->  d(u ± v) = du ± dv
                        meansGrad[ik * d + id] += -xcenteredAdj[id];
                        xcenteredAdj[id] = 0.0;
                    }
                }
            }

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // qdiags[ik * d + id] = Math.Exp(icf[ik * icfSize + id]);  ->  d exp(u) = exp(u) du
                    icfGrad[ik * icfSize + id] += qdiagsAdj[ik * d + id] * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] = 0.0;
                    qdiags[ik * d + id] = savedDoubles.Pop();

                    // sumQs[ik] += icf[ik * icfSize + id];
                    icfGrad[ik * icfSize + id] += sumQsAdj[ik];
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(qdiags);
            global::Backprop.Support.LocalArrayPool<double>.Return(qdiagsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQs);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTerm);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTermAdj);
            savedDoubles.Dispose();
            savedBools.Dispose();
            return result;
        }

        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining | global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private static void TriangularReverse(int d, int ik, int icfSize, global::System.ReadOnlySpan<double> icf, global::System.Span<double> icfGrad, double[] qxcenteredAdj, double[] xcentered, double[] xcenteredAdj)
        {
            // for (int i = 0; i < d; i++), in reverse
            for (int i = d - 1; i >= 0; i--)
            {
                int jBase2 = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                // for (int j = i + 1; j < d; j++), in reverse
                if (d - 1 >= i + 1)
                {
                    // The loop adds into xcenteredAdj[i] only: summed in xcenteredAdjSum, stored after it.
                    double xcenteredAdjSum = xcenteredAdj[i];
                    for (int j = d - 1; j >= i + 1; j--)
                    {
                        // qxcentered[j] += icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * xcentered[i];  ->  d(uv) = v du + u dv
                        icfGrad[jBase2 + j] += qxcenteredAdj[j] * xcentered[i];
                        xcenteredAdjSum += icf[jBase2 + j] * qxcenteredAdj[j];
                    }
                    xcenteredAdj[i] = xcenteredAdjSum;
                }
            }

        }

        /// <summary><see cref="ObjectivePullbackCurrent"/> with the four d-sized scratch arrays stackalloc'd instead of rented (other addresses).</summary>
        public static double ObjectivePullbackStackScratch(global::System.ReadOnlySpan<double> alphas, global::System.ReadOnlySpan<double> means, global::System.ReadOnlySpan<double> icf, global::System.ReadOnlySpan<double> x, int d, int k, int n, double wishartGamma, int wishartM, double resultAdj, global::System.Span<double> alphasGrad, global::System.Span<double> meansGrad, global::System.Span<double> icfGrad)
        {
            double[] qdiags = global::System.Array.Empty<double>();
            double[] qdiagsAdj = global::System.Array.Empty<double>();
            double[] sumQs = global::System.Array.Empty<double>();
            double[] sumQsAdj = global::System.Array.Empty<double>();
            double[] mainTerm = global::System.Array.Empty<double>();
            double[] mainTermAdj = global::System.Array.Empty<double>();
            double sqnorm = 0.0;
            double logSumExp = 0.0;
            double arrMax = 0.0;
            double m = 0.0;
            double mx = 0.0;
            double semx = 0.0;
            double exp = 0.0;
            double exp2 = 0.0;
            double frobenius = 0.0;
            var savedDoubles = new global::Backprop.Support.ValueTape<double>(64);
            var savedBools = new global::Backprop.Support.ValueTape<bool>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            int icfSize = d * (d + 1) / 2;
            qdiags = global::Backprop.Support.LocalArrayPool<double>.Rent(d * k);
            qdiagsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qdiags.Length);
            sumQs = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            sumQsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(sumQs.Length);
            global::System.Span<double> xcentered = stackalloc double[d];
            global::System.Span<double> xcenteredAdj = stackalloc double[d];
            global::System.Span<double> qxcentered = stackalloc double[d];
            global::System.Span<double> qxcenteredAdj = stackalloc double[d];
            mainTerm = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            mainTermAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(mainTerm.Length);
            for (int ik = 0; ik < k; ik++)
            {
                for (int id = 0; id < d; id++)
                {
                    sumQs[ik] = sumQs[ik] + icf[ik * icfSize + id];
                    savedDoubles.Push(qdiags[ik * d + id]);
                    qdiags[ik * d + id] = global::System.Math.Exp(icf[ik * icfSize + id]);
                }
            }

            double slse = 0.0;
            for (int ix = 0; ix < n; ix++)
            {
                for (int ik = 0; ik < k; ik++)
                {
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    for (int id = 0; id < d; id++)
                    {
                        savedDoubles.Push(qxcentered[id]);
                        qxcentered[id] = qdiags[ik * d + id] * xcentered[id];
                    }

                    for (int i = 0; i < d; i++)
                    {
                        int jBase = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        for (int j = i + 1; j < d; j++)
                        {
                            qxcentered[j] = qxcentered[j] + icf[jBase + j] * xcentered[i];
                        }
                    }

                    sqnorm = 0.0;
                    for (int id = 0; id < d; id++)
                    {
                        sqnorm = sqnorm + qxcentered[id] * qxcentered[id];
                    }

                    mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;
                }

                m = mainTerm[0];
                for (int i3 = 1; i3 < k; i3++)
                {
                    if (m < mainTerm[i3])
                    {
                        m = mainTerm[i3];
                        savedBools.Push(true);
                    }
                    else
                    {
                        savedBools.Push(false);
                    }
                }

                arrMax = m;
                mx = arrMax;
                savedDoubles.Push(semx);
                semx = 0.0;
                for (int i2 = 0; i2 < k; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(mainTerm[i2] - mx);
                    semx = semx + exp;
                }

                logSumExp = global::System.Math.Log(semx) + mx;
                slse = slse + logSumExp;
            }

            double logSumExp2 = 0.0;
            double arrMax2 = 0.0;
            double m2 = alphas[0];
            for (int i5 = 1; i5 < k; i5++)
            {
                if (m2 < alphas[i5])
                {
                    m2 = alphas[i5];
                    savedBools.Push(true);
                }
                else
                {
                    savedBools.Push(false);
                }
            }

            arrMax2 = m2;
            double mx2 = arrMax2;
            double semx2 = 0.0;
            for (int i4 = 0; i4 < k; i4++)
            {
                savedDoubles.Push(exp2);
                exp2 = global::System.Math.Exp(alphas[i4] - mx2);
                semx2 = semx2 + exp2;
            }

            logSumExp2 = global::System.Math.Log(semx2) + mx2;
            double lseAlphas = logSumExp2;
            double constant = (double)(-n * d) * 0.5 * global::System.Math.Log(6.283185307179586);
            int priorN = d + wishartM + 1;
            double priorC = (double)(priorN * d) * (global::System.Math.Log(wishartGamma) - 0.5 * global::System.Math.Log(2.0)) - global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * (double)priorN, d);
            double prior = 0.0;
            for (int ik = 0; ik < k; ik++)
            {
                frobenius = 0.0;
                for (int id = 0; id < d; id++)
                {
                    frobenius = frobenius + qdiags[ik * d + id] * qdiags[ik * d + id];
                }

                for (int i = d; i < icfSize; i++)
                {
                    frobenius = frobenius + icf[ik * icfSize + i] * icf[ik * icfSize + i];
                }

                prior = prior + (0.5 * wishartGamma * wishartGamma * frobenius - (double)wishartM * sumQs[ik]);
            }

            double result = constant + slse - (double)n * lseAlphas + prior - (double)k * priorC;

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double slseAdj = 0.0;
            double sqnormAdj = 0.0;
            double lseAlphasAdj = 0.0;
            double priorAdj = 0.0;
            double frobeniusAdj = 0.0;
            double mxAdj = 0.0;
            double semxAdj = 0.0;
            double logSumExpAdj = 0.0;
            double mAdj = 0.0;
            double arrMaxAdj = 0.0;
            double mx2Adj = 0.0;
            double semx2Adj = 0.0;
            double logSumExp2Adj = 0.0;
            double m2Adj = 0.0;
            double arrMax2Adj = 0.0;
            double expAdj = 0.0;
            double exp2Adj = 0.0;

            // return constant + slse - n * lseAlphas + prior - k * priorC;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
            slseAdj += resultAdj;
            lseAlphasAdj += (double)n * -resultAdj;
            priorAdj += resultAdj;

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                frobeniusAdj += 0.5 * wishartGamma * wishartGamma * priorAdj;
                sumQsAdj[ik] += (double)wishartM * -priorAdj;

                // for (int i = d; i < icfSize; i++), in reverse
                for (int i = icfSize - 1; i >= d; i--)
                {
                    // frobenius += icf[ik * icfSize + i] * icf[ik * icfSize + i];  ->  d(uv) = v du + u dv
                    icfGrad[ik * icfSize + i] += frobeniusAdj * icf[ik * icfSize + i];
                    icfGrad[ik * icfSize + i] += icf[ik * icfSize + i] * frobeniusAdj;
                }

                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // frobenius += qdiags[ik * d + id] * qdiags[ik * d + id];  ->  d(uv) = v du + u dv
                    qdiagsAdj[ik * d + id] += frobeniusAdj * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] += qdiags[ik * d + id] * frobeniusAdj;
                }

                // double frobenius = 0;
                frobeniusAdj = 0.0;
            }

            // double lseAlphas = LogSumExp(alphas, k);
            logSumExp2Adj += lseAlphasAdj;

            // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
            semx2Adj += logSumExp2Adj / semx2;
            mx2Adj += logSumExp2Adj;

            // LogSumExp: for (int i = 0; i < n; i++), in reverse
            for (int i4 = k - 1; i4 >= 0; i4--)
            {
                // LogSumExp: semx += Math.Exp(x[i] - mx);
                exp2Adj += semx2Adj;

                // double exp2 = Math.Exp(alphas[i4] - mx2);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                {
                    double adj = exp2Adj * exp2;
                    alphasGrad[i4] += adj;
                    mx2Adj += -adj;
                    exp2Adj = 0.0;
                    exp2 = savedDoubles.Pop();
                }
            }

            // LogSumExp: double mx = ArrMax(x, n);
            arrMax2Adj += mx2Adj;

            // ArrMax: return m;
            m2Adj += arrMax2Adj;

            // ArrMax: for (int i = 1; i < n; i++), in reverse
            for (int i5 = k - 1; i5 >= 1; i5--)
            {
                // ArrMax: if (m < x[i]), in reverse
                if (savedBools.Pop())
                {
                    // ArrMax: m = x[i];
                    alphasGrad[i5] += m2Adj;
                    m2Adj = 0.0;
                }
            }

            // ArrMax: double m = x[0];
            alphasGrad[0] += m2Adj;

            // for (int ix = 0; ix < n; ix++), in reverse
            for (int ix = n - 1; ix >= 0; ix--)
            {
                // slse += LogSumExp(mainTerm, k);
                logSumExpAdj += slseAdj;

                // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
                semxAdj += logSumExpAdj / semx;
                mxAdj += logSumExpAdj;
                logSumExpAdj = 0.0;

                // LogSumExp: for (int i = 0; i < n; i++), in reverse
                for (int i2 = k - 1; i2 >= 0; i2--)
                {
                    // LogSumExp: semx += Math.Exp(x[i] - mx);
                    expAdj += semxAdj;

                    // double exp = Math.Exp(mainTerm[i2] - mx);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                    {
                        double adj = expAdj * exp;
                        mainTermAdj[i2] += adj;
                        mxAdj += -adj;
                        expAdj = 0.0;
                        exp = savedDoubles.Pop();
                    }
                }

                // LogSumExp: double semx = 0;
                semx = savedDoubles.Pop();
                semxAdj = 0.0;

                // LogSumExp: double mx = ArrMax(x, n);
                arrMaxAdj += mxAdj;
                mxAdj = 0.0;

                // ArrMax: return m;
                mAdj += arrMaxAdj;
                arrMaxAdj = 0.0;

                // ArrMax: for (int i = 1; i < n; i++), in reverse
                for (int i3 = k - 1; i3 >= 1; i3--)
                {
                    // ArrMax: if (m < x[i]), in reverse
                    if (savedBools.Pop())
                    {
                        // ArrMax: m = x[i];
                        mainTermAdj[i3] += mAdj;
                        mAdj = 0.0;
                    }
                }

                // ArrMax: double m = x[0];
                mainTermAdj[0] += mAdj;
                mAdj = 0.0;

                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // Recomputed rather than saved: for (int id = 0; id < d; id++) …
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    // mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                    alphasGrad[ik] += mainTermAdj[ik];
                    sumQsAdj[ik] += mainTermAdj[ik];
                    sqnormAdj += 0.5 * -mainTermAdj[ik];
                    mainTermAdj[ik] = 0.0;

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // sqnorm += qxcentered[id] * qxcentered[id];  ->  d(uv) = v du + u dv
                        qxcenteredAdj[id] += sqnormAdj * qxcentered[id];
                        qxcenteredAdj[id] += qxcentered[id] * sqnormAdj;
                    }

                    // double sqnorm = 0;
                    sqnormAdj = 0.0;

                    // for (int i = 0; i < d; i++), in reverse
                    for (int i = d - 1; i >= 0; i--)
                    {
                        int jBase2 = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        // for (int j = i + 1; j < d; j++), in reverse
                        if (d - 1 >= i + 1)
                        {
                            // The loop adds into xcenteredAdj[i] only: summed in xcenteredAdjSum, stored after it.
                            double xcenteredAdjSum = xcenteredAdj[i];
                            for (int j = d - 1; j >= i + 1; j--)
                            {
                                // qxcentered[j] += icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * xcentered[i];  ->  d(uv) = v du + u dv
                                icfGrad[jBase2 + j] += qxcenteredAdj[j] * xcentered[i];
                                xcenteredAdjSum += icf[jBase2 + j] * qxcenteredAdj[j];
                            }
                            xcenteredAdj[i] = xcenteredAdjSum;
                        }
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // qxcentered[id] = qdiags[ik * d + id] * xcentered[id];  ->  d(uv) = v du + u dv
                        qxcentered[id] = savedDoubles.Pop();
                        qdiagsAdj[ik * d + id] += qxcenteredAdj[id] * xcentered[id];
                        xcenteredAdj[id] += qdiags[ik * d + id] * qxcenteredAdj[id];
                        qxcenteredAdj[id] = 0.0;
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // xcentered[id] = x[ix * d + id] - means[ik * d + id];  ->  d(u ± v) = du ± dv
                        meansGrad[ik * d + id] += -xcenteredAdj[id];
                        xcenteredAdj[id] = 0.0;
                    }
                }
            }

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // qdiags[ik * d + id] = Math.Exp(icf[ik * icfSize + id]);  ->  d exp(u) = exp(u) du
                    icfGrad[ik * icfSize + id] += qdiagsAdj[ik * d + id] * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] = 0.0;
                    qdiags[ik * d + id] = savedDoubles.Pop();

                    // sumQs[ik] += icf[ik * icfSize + id];
                    icfGrad[ik * icfSize + id] += sumQsAdj[ik];
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(qdiags);
            global::Backprop.Support.LocalArrayPool<double>.Return(qdiagsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQs);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTerm);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTermAdj);
            savedDoubles.Dispose();
            savedBools.Dispose();
            return result;
        }
#pragma warning disable CS0219 // timing-only copies leave some adjoints unread
        /// <summary>Timing only (a wrong gradient): <see cref="ObjectivePullbackCurrent"/> without the recomputed xcentered.</summary>
        public static double ObjectivePullbackWithoutRecomputedXcentered(global::System.ReadOnlySpan<double> alphas, global::System.ReadOnlySpan<double> means, global::System.ReadOnlySpan<double> icf, global::System.ReadOnlySpan<double> x, int d, int k, int n, double wishartGamma, int wishartM, double resultAdj, global::System.Span<double> alphasGrad, global::System.Span<double> meansGrad, global::System.Span<double> icfGrad)
        {
            double[] qdiags = global::System.Array.Empty<double>();
            double[] qdiagsAdj = global::System.Array.Empty<double>();
            double[] sumQs = global::System.Array.Empty<double>();
            double[] sumQsAdj = global::System.Array.Empty<double>();
            double[] xcentered = global::System.Array.Empty<double>();
            double[] xcenteredAdj = global::System.Array.Empty<double>();
            double[] qxcentered = global::System.Array.Empty<double>();
            double[] qxcenteredAdj = global::System.Array.Empty<double>();
            double[] mainTerm = global::System.Array.Empty<double>();
            double[] mainTermAdj = global::System.Array.Empty<double>();
            double sqnorm = 0.0;
            double logSumExp = 0.0;
            double arrMax = 0.0;
            double m = 0.0;
            double mx = 0.0;
            double semx = 0.0;
            double exp = 0.0;
            double exp2 = 0.0;
            double frobenius = 0.0;
            var savedDoubles = new global::Backprop.Support.ValueTape<double>(64);
            var savedBools = new global::Backprop.Support.ValueTape<bool>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            int icfSize = d * (d + 1) / 2;
            qdiags = global::Backprop.Support.LocalArrayPool<double>.Rent(d * k);
            qdiagsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qdiags.Length);
            sumQs = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            sumQsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(sumQs.Length);
            xcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            xcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(xcentered.Length);
            qxcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            qxcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qxcentered.Length);
            mainTerm = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            mainTermAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(mainTerm.Length);
            for (int ik = 0; ik < k; ik++)
            {
                for (int id = 0; id < d; id++)
                {
                    sumQs[ik] = sumQs[ik] + icf[ik * icfSize + id];
                    savedDoubles.Push(qdiags[ik * d + id]);
                    qdiags[ik * d + id] = global::System.Math.Exp(icf[ik * icfSize + id]);
                }
            }

            double slse = 0.0;
            for (int ix = 0; ix < n; ix++)
            {
                for (int ik = 0; ik < k; ik++)
                {
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    for (int id = 0; id < d; id++)
                    {
                        savedDoubles.Push(qxcentered[id]);
                        qxcentered[id] = qdiags[ik * d + id] * xcentered[id];
                    }

                    for (int i = 0; i < d; i++)
                    {
                        int jBase = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        for (int j = i + 1; j < d; j++)
                        {
                            qxcentered[j] = qxcentered[j] + icf[jBase + j] * xcentered[i];
                        }
                    }

                    sqnorm = 0.0;
                    for (int id = 0; id < d; id++)
                    {
                        sqnorm = sqnorm + qxcentered[id] * qxcentered[id];
                    }

                    mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;
                }

                m = mainTerm[0];
                for (int i3 = 1; i3 < k; i3++)
                {
                    if (m < mainTerm[i3])
                    {
                        m = mainTerm[i3];
                        savedBools.Push(true);
                    }
                    else
                    {
                        savedBools.Push(false);
                    }
                }

                arrMax = m;
                mx = arrMax;
                savedDoubles.Push(semx);
                semx = 0.0;
                for (int i2 = 0; i2 < k; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(mainTerm[i2] - mx);
                    semx = semx + exp;
                }

                logSumExp = global::System.Math.Log(semx) + mx;
                slse = slse + logSumExp;
            }

            double logSumExp2 = 0.0;
            double arrMax2 = 0.0;
            double m2 = alphas[0];
            for (int i5 = 1; i5 < k; i5++)
            {
                if (m2 < alphas[i5])
                {
                    m2 = alphas[i5];
                    savedBools.Push(true);
                }
                else
                {
                    savedBools.Push(false);
                }
            }

            arrMax2 = m2;
            double mx2 = arrMax2;
            double semx2 = 0.0;
            for (int i4 = 0; i4 < k; i4++)
            {
                savedDoubles.Push(exp2);
                exp2 = global::System.Math.Exp(alphas[i4] - mx2);
                semx2 = semx2 + exp2;
            }

            logSumExp2 = global::System.Math.Log(semx2) + mx2;
            double lseAlphas = logSumExp2;
            double constant = (double)(-n * d) * 0.5 * global::System.Math.Log(6.283185307179586);
            int priorN = d + wishartM + 1;
            double priorC = (double)(priorN * d) * (global::System.Math.Log(wishartGamma) - 0.5 * global::System.Math.Log(2.0)) - global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * (double)priorN, d);
            double prior = 0.0;
            for (int ik = 0; ik < k; ik++)
            {
                frobenius = 0.0;
                for (int id = 0; id < d; id++)
                {
                    frobenius = frobenius + qdiags[ik * d + id] * qdiags[ik * d + id];
                }

                for (int i = d; i < icfSize; i++)
                {
                    frobenius = frobenius + icf[ik * icfSize + i] * icf[ik * icfSize + i];
                }

                prior = prior + (0.5 * wishartGamma * wishartGamma * frobenius - (double)wishartM * sumQs[ik]);
            }

            double result = constant + slse - (double)n * lseAlphas + prior - (double)k * priorC;

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double slseAdj = 0.0;
            double sqnormAdj = 0.0;
            double lseAlphasAdj = 0.0;
            double priorAdj = 0.0;
            double frobeniusAdj = 0.0;
            double mxAdj = 0.0;
            double semxAdj = 0.0;
            double logSumExpAdj = 0.0;
            double mAdj = 0.0;
            double arrMaxAdj = 0.0;
            double mx2Adj = 0.0;
            double semx2Adj = 0.0;
            double logSumExp2Adj = 0.0;
            double m2Adj = 0.0;
            double arrMax2Adj = 0.0;
            double expAdj = 0.0;
            double exp2Adj = 0.0;

            // return constant + slse - n * lseAlphas + prior - k * priorC;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
            slseAdj += resultAdj;
            lseAlphasAdj += (double)n * -resultAdj;
            priorAdj += resultAdj;

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                frobeniusAdj += 0.5 * wishartGamma * wishartGamma * priorAdj;
                sumQsAdj[ik] += (double)wishartM * -priorAdj;

                // for (int i = d; i < icfSize; i++), in reverse
                for (int i = icfSize - 1; i >= d; i--)
                {
                    // frobenius += icf[ik * icfSize + i] * icf[ik * icfSize + i];  ->  d(uv) = v du + u dv
                    icfGrad[ik * icfSize + i] += frobeniusAdj * icf[ik * icfSize + i];
                    icfGrad[ik * icfSize + i] += icf[ik * icfSize + i] * frobeniusAdj;
                }

                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // frobenius += qdiags[ik * d + id] * qdiags[ik * d + id];  ->  d(uv) = v du + u dv
                    qdiagsAdj[ik * d + id] += frobeniusAdj * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] += qdiags[ik * d + id] * frobeniusAdj;
                }

                // double frobenius = 0;
                frobeniusAdj = 0.0;
            }

            // double lseAlphas = LogSumExp(alphas, k);
            logSumExp2Adj += lseAlphasAdj;

            // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
            semx2Adj += logSumExp2Adj / semx2;
            mx2Adj += logSumExp2Adj;

            // LogSumExp: for (int i = 0; i < n; i++), in reverse
            for (int i4 = k - 1; i4 >= 0; i4--)
            {
                // LogSumExp: semx += Math.Exp(x[i] - mx);
                exp2Adj += semx2Adj;

                // double exp2 = Math.Exp(alphas[i4] - mx2);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                {
                    double adj = exp2Adj * exp2;
                    alphasGrad[i4] += adj;
                    mx2Adj += -adj;
                    exp2Adj = 0.0;
                    exp2 = savedDoubles.Pop();
                }
            }

            // LogSumExp: double mx = ArrMax(x, n);
            arrMax2Adj += mx2Adj;

            // ArrMax: return m;
            m2Adj += arrMax2Adj;

            // ArrMax: for (int i = 1; i < n; i++), in reverse
            for (int i5 = k - 1; i5 >= 1; i5--)
            {
                // ArrMax: if (m < x[i]), in reverse
                if (savedBools.Pop())
                {
                    // ArrMax: m = x[i];
                    alphasGrad[i5] += m2Adj;
                    m2Adj = 0.0;
                }
            }

            // ArrMax: double m = x[0];
            alphasGrad[0] += m2Adj;

            // for (int ix = 0; ix < n; ix++), in reverse
            for (int ix = n - 1; ix >= 0; ix--)
            {
                // slse += LogSumExp(mainTerm, k);
                logSumExpAdj += slseAdj;

                // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
                semxAdj += logSumExpAdj / semx;
                mxAdj += logSumExpAdj;
                logSumExpAdj = 0.0;

                // LogSumExp: for (int i = 0; i < n; i++), in reverse
                for (int i2 = k - 1; i2 >= 0; i2--)
                {
                    // LogSumExp: semx += Math.Exp(x[i] - mx);
                    expAdj += semxAdj;

                    // double exp = Math.Exp(mainTerm[i2] - mx);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                    {
                        double adj = expAdj * exp;
                        mainTermAdj[i2] += adj;
                        mxAdj += -adj;
                        expAdj = 0.0;
                        exp = savedDoubles.Pop();
                    }
                }

                // LogSumExp: double semx = 0;
                semx = savedDoubles.Pop();
                semxAdj = 0.0;

                // LogSumExp: double mx = ArrMax(x, n);
                arrMaxAdj += mxAdj;
                mxAdj = 0.0;

                // ArrMax: return m;
                mAdj += arrMaxAdj;
                arrMaxAdj = 0.0;

                // ArrMax: for (int i = 1; i < n; i++), in reverse
                for (int i3 = k - 1; i3 >= 1; i3--)
                {
                    // ArrMax: if (m < x[i]), in reverse
                    if (savedBools.Pop())
                    {
                        // ArrMax: m = x[i];
                        mainTermAdj[i3] += mAdj;
                        mAdj = 0.0;
                    }
                }

                // ArrMax: double m = x[0];
                mainTermAdj[0] += mAdj;
                mAdj = 0.0;

                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                    alphasGrad[ik] += mainTermAdj[ik];
                    sumQsAdj[ik] += mainTermAdj[ik];
                    sqnormAdj += 0.5 * -mainTermAdj[ik];
                    mainTermAdj[ik] = 0.0;

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // sqnorm += qxcentered[id] * qxcentered[id];  ->  d(uv) = v du + u dv
                        qxcenteredAdj[id] += sqnormAdj * qxcentered[id];
                        qxcenteredAdj[id] += qxcentered[id] * sqnormAdj;
                    }

                    // double sqnorm = 0;
                    sqnormAdj = 0.0;

                    // for (int i = 0; i < d; i++), in reverse
                    for (int i = d - 1; i >= 0; i--)
                    {
                        int jBase2 = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        // for (int j = i + 1; j < d; j++), in reverse
                        if (d - 1 >= i + 1)
                        {
                            // The loop adds into xcenteredAdj[i] only: summed in xcenteredAdjSum, stored after it.
                            double xcenteredAdjSum = xcenteredAdj[i];
                            for (int j = d - 1; j >= i + 1; j--)
                            {
                                // qxcentered[j] += icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * xcentered[i];  ->  d(uv) = v du + u dv
                                icfGrad[jBase2 + j] += qxcenteredAdj[j] * xcentered[i];
                                xcenteredAdjSum += icf[jBase2 + j] * qxcenteredAdj[j];
                            }
                            xcenteredAdj[i] = xcenteredAdjSum;
                        }
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // qxcentered[id] = qdiags[ik * d + id] * xcentered[id];  ->  d(uv) = v du + u dv
                        qxcentered[id] = savedDoubles.Pop();
                        qdiagsAdj[ik * d + id] += qxcenteredAdj[id] * xcentered[id];
                        xcenteredAdj[id] += qdiags[ik * d + id] * qxcenteredAdj[id];
                        qxcenteredAdj[id] = 0.0;
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // xcentered[id] = x[ix * d + id] - means[ik * d + id];  ->  d(u ± v) = du ± dv
                        meansGrad[ik * d + id] += -xcenteredAdj[id];
                        xcenteredAdj[id] = 0.0;
                    }
                }
            }

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // qdiags[ik * d + id] = Math.Exp(icf[ik * icfSize + id]);  ->  d exp(u) = exp(u) du
                    icfGrad[ik * icfSize + id] += qdiagsAdj[ik * d + id] * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] = 0.0;
                    qdiags[ik * d + id] = savedDoubles.Pop();

                    // sumQs[ik] += icf[ik * icfSize + id];
                    icfGrad[ik * icfSize + id] += sumQsAdj[ik];
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(qdiags);
            global::Backprop.Support.LocalArrayPool<double>.Return(qdiagsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQs);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTerm);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTermAdj);
            savedDoubles.Dispose();
            savedBools.Dispose();
            return result;
        }

        /// <summary>Timing only (a wrong gradient): <see cref="ObjectivePullbackCurrent"/> without the sqnorm reverse.</summary>
        public static double ObjectivePullbackWithoutSqnormReverse(global::System.ReadOnlySpan<double> alphas, global::System.ReadOnlySpan<double> means, global::System.ReadOnlySpan<double> icf, global::System.ReadOnlySpan<double> x, int d, int k, int n, double wishartGamma, int wishartM, double resultAdj, global::System.Span<double> alphasGrad, global::System.Span<double> meansGrad, global::System.Span<double> icfGrad)
        {
            double[] qdiags = global::System.Array.Empty<double>();
            double[] qdiagsAdj = global::System.Array.Empty<double>();
            double[] sumQs = global::System.Array.Empty<double>();
            double[] sumQsAdj = global::System.Array.Empty<double>();
            double[] xcentered = global::System.Array.Empty<double>();
            double[] xcenteredAdj = global::System.Array.Empty<double>();
            double[] qxcentered = global::System.Array.Empty<double>();
            double[] qxcenteredAdj = global::System.Array.Empty<double>();
            double[] mainTerm = global::System.Array.Empty<double>();
            double[] mainTermAdj = global::System.Array.Empty<double>();
            double sqnorm = 0.0;
            double logSumExp = 0.0;
            double arrMax = 0.0;
            double m = 0.0;
            double mx = 0.0;
            double semx = 0.0;
            double exp = 0.0;
            double exp2 = 0.0;
            double frobenius = 0.0;
            var savedDoubles = new global::Backprop.Support.ValueTape<double>(64);
            var savedBools = new global::Backprop.Support.ValueTape<bool>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            int icfSize = d * (d + 1) / 2;
            qdiags = global::Backprop.Support.LocalArrayPool<double>.Rent(d * k);
            qdiagsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qdiags.Length);
            sumQs = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            sumQsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(sumQs.Length);
            xcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            xcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(xcentered.Length);
            qxcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            qxcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qxcentered.Length);
            mainTerm = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            mainTermAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(mainTerm.Length);
            for (int ik = 0; ik < k; ik++)
            {
                for (int id = 0; id < d; id++)
                {
                    sumQs[ik] = sumQs[ik] + icf[ik * icfSize + id];
                    savedDoubles.Push(qdiags[ik * d + id]);
                    qdiags[ik * d + id] = global::System.Math.Exp(icf[ik * icfSize + id]);
                }
            }

            double slse = 0.0;
            for (int ix = 0; ix < n; ix++)
            {
                for (int ik = 0; ik < k; ik++)
                {
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    for (int id = 0; id < d; id++)
                    {
                        savedDoubles.Push(qxcentered[id]);
                        qxcentered[id] = qdiags[ik * d + id] * xcentered[id];
                    }

                    for (int i = 0; i < d; i++)
                    {
                        int jBase = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        for (int j = i + 1; j < d; j++)
                        {
                            qxcentered[j] = qxcentered[j] + icf[jBase + j] * xcentered[i];
                        }
                    }

                    sqnorm = 0.0;
                    for (int id = 0; id < d; id++)
                    {
                        sqnorm = sqnorm + qxcentered[id] * qxcentered[id];
                    }

                    mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;
                }

                m = mainTerm[0];
                for (int i3 = 1; i3 < k; i3++)
                {
                    if (m < mainTerm[i3])
                    {
                        m = mainTerm[i3];
                        savedBools.Push(true);
                    }
                    else
                    {
                        savedBools.Push(false);
                    }
                }

                arrMax = m;
                mx = arrMax;
                savedDoubles.Push(semx);
                semx = 0.0;
                for (int i2 = 0; i2 < k; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(mainTerm[i2] - mx);
                    semx = semx + exp;
                }

                logSumExp = global::System.Math.Log(semx) + mx;
                slse = slse + logSumExp;
            }

            double logSumExp2 = 0.0;
            double arrMax2 = 0.0;
            double m2 = alphas[0];
            for (int i5 = 1; i5 < k; i5++)
            {
                if (m2 < alphas[i5])
                {
                    m2 = alphas[i5];
                    savedBools.Push(true);
                }
                else
                {
                    savedBools.Push(false);
                }
            }

            arrMax2 = m2;
            double mx2 = arrMax2;
            double semx2 = 0.0;
            for (int i4 = 0; i4 < k; i4++)
            {
                savedDoubles.Push(exp2);
                exp2 = global::System.Math.Exp(alphas[i4] - mx2);
                semx2 = semx2 + exp2;
            }

            logSumExp2 = global::System.Math.Log(semx2) + mx2;
            double lseAlphas = logSumExp2;
            double constant = (double)(-n * d) * 0.5 * global::System.Math.Log(6.283185307179586);
            int priorN = d + wishartM + 1;
            double priorC = (double)(priorN * d) * (global::System.Math.Log(wishartGamma) - 0.5 * global::System.Math.Log(2.0)) - global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * (double)priorN, d);
            double prior = 0.0;
            for (int ik = 0; ik < k; ik++)
            {
                frobenius = 0.0;
                for (int id = 0; id < d; id++)
                {
                    frobenius = frobenius + qdiags[ik * d + id] * qdiags[ik * d + id];
                }

                for (int i = d; i < icfSize; i++)
                {
                    frobenius = frobenius + icf[ik * icfSize + i] * icf[ik * icfSize + i];
                }

                prior = prior + (0.5 * wishartGamma * wishartGamma * frobenius - (double)wishartM * sumQs[ik]);
            }

            double result = constant + slse - (double)n * lseAlphas + prior - (double)k * priorC;

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double slseAdj = 0.0;
            double sqnormAdj = 0.0;
            double lseAlphasAdj = 0.0;
            double priorAdj = 0.0;
            double frobeniusAdj = 0.0;
            double mxAdj = 0.0;
            double semxAdj = 0.0;
            double logSumExpAdj = 0.0;
            double mAdj = 0.0;
            double arrMaxAdj = 0.0;
            double mx2Adj = 0.0;
            double semx2Adj = 0.0;
            double logSumExp2Adj = 0.0;
            double m2Adj = 0.0;
            double arrMax2Adj = 0.0;
            double expAdj = 0.0;
            double exp2Adj = 0.0;

            // return constant + slse - n * lseAlphas + prior - k * priorC;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
            slseAdj += resultAdj;
            lseAlphasAdj += (double)n * -resultAdj;
            priorAdj += resultAdj;

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                frobeniusAdj += 0.5 * wishartGamma * wishartGamma * priorAdj;
                sumQsAdj[ik] += (double)wishartM * -priorAdj;

                // for (int i = d; i < icfSize; i++), in reverse
                for (int i = icfSize - 1; i >= d; i--)
                {
                    // frobenius += icf[ik * icfSize + i] * icf[ik * icfSize + i];  ->  d(uv) = v du + u dv
                    icfGrad[ik * icfSize + i] += frobeniusAdj * icf[ik * icfSize + i];
                    icfGrad[ik * icfSize + i] += icf[ik * icfSize + i] * frobeniusAdj;
                }

                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // frobenius += qdiags[ik * d + id] * qdiags[ik * d + id];  ->  d(uv) = v du + u dv
                    qdiagsAdj[ik * d + id] += frobeniusAdj * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] += qdiags[ik * d + id] * frobeniusAdj;
                }

                // double frobenius = 0;
                frobeniusAdj = 0.0;
            }

            // double lseAlphas = LogSumExp(alphas, k);
            logSumExp2Adj += lseAlphasAdj;

            // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
            semx2Adj += logSumExp2Adj / semx2;
            mx2Adj += logSumExp2Adj;

            // LogSumExp: for (int i = 0; i < n; i++), in reverse
            for (int i4 = k - 1; i4 >= 0; i4--)
            {
                // LogSumExp: semx += Math.Exp(x[i] - mx);
                exp2Adj += semx2Adj;

                // double exp2 = Math.Exp(alphas[i4] - mx2);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                {
                    double adj = exp2Adj * exp2;
                    alphasGrad[i4] += adj;
                    mx2Adj += -adj;
                    exp2Adj = 0.0;
                    exp2 = savedDoubles.Pop();
                }
            }

            // LogSumExp: double mx = ArrMax(x, n);
            arrMax2Adj += mx2Adj;

            // ArrMax: return m;
            m2Adj += arrMax2Adj;

            // ArrMax: for (int i = 1; i < n; i++), in reverse
            for (int i5 = k - 1; i5 >= 1; i5--)
            {
                // ArrMax: if (m < x[i]), in reverse
                if (savedBools.Pop())
                {
                    // ArrMax: m = x[i];
                    alphasGrad[i5] += m2Adj;
                    m2Adj = 0.0;
                }
            }

            // ArrMax: double m = x[0];
            alphasGrad[0] += m2Adj;

            // for (int ix = 0; ix < n; ix++), in reverse
            for (int ix = n - 1; ix >= 0; ix--)
            {
                // slse += LogSumExp(mainTerm, k);
                logSumExpAdj += slseAdj;

                // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
                semxAdj += logSumExpAdj / semx;
                mxAdj += logSumExpAdj;
                logSumExpAdj = 0.0;

                // LogSumExp: for (int i = 0; i < n; i++), in reverse
                for (int i2 = k - 1; i2 >= 0; i2--)
                {
                    // LogSumExp: semx += Math.Exp(x[i] - mx);
                    expAdj += semxAdj;

                    // double exp = Math.Exp(mainTerm[i2] - mx);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                    {
                        double adj = expAdj * exp;
                        mainTermAdj[i2] += adj;
                        mxAdj += -adj;
                        expAdj = 0.0;
                        exp = savedDoubles.Pop();
                    }
                }

                // LogSumExp: double semx = 0;
                semx = savedDoubles.Pop();
                semxAdj = 0.0;

                // LogSumExp: double mx = ArrMax(x, n);
                arrMaxAdj += mxAdj;
                mxAdj = 0.0;

                // ArrMax: return m;
                mAdj += arrMaxAdj;
                arrMaxAdj = 0.0;

                // ArrMax: for (int i = 1; i < n; i++), in reverse
                for (int i3 = k - 1; i3 >= 1; i3--)
                {
                    // ArrMax: if (m < x[i]), in reverse
                    if (savedBools.Pop())
                    {
                        // ArrMax: m = x[i];
                        mainTermAdj[i3] += mAdj;
                        mAdj = 0.0;
                    }
                }

                // ArrMax: double m = x[0];
                mainTermAdj[0] += mAdj;
                mAdj = 0.0;

                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // Recomputed rather than saved: for (int id = 0; id < d; id++) …
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    // mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                    alphasGrad[ik] += mainTermAdj[ik];
                    sumQsAdj[ik] += mainTermAdj[ik];
                    sqnormAdj += 0.5 * -mainTermAdj[ik];
                    mainTermAdj[ik] = 0.0;

                    // double sqnorm = 0;
                    sqnormAdj = 0.0;

                    // for (int i = 0; i < d; i++), in reverse
                    for (int i = d - 1; i >= 0; i--)
                    {
                        int jBase2 = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        // for (int j = i + 1; j < d; j++), in reverse
                        if (d - 1 >= i + 1)
                        {
                            // The loop adds into xcenteredAdj[i] only: summed in xcenteredAdjSum, stored after it.
                            double xcenteredAdjSum = xcenteredAdj[i];
                            for (int j = d - 1; j >= i + 1; j--)
                            {
                                // qxcentered[j] += icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * xcentered[i];  ->  d(uv) = v du + u dv
                                icfGrad[jBase2 + j] += qxcenteredAdj[j] * xcentered[i];
                                xcenteredAdjSum += icf[jBase2 + j] * qxcenteredAdj[j];
                            }
                            xcenteredAdj[i] = xcenteredAdjSum;
                        }
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // qxcentered[id] = qdiags[ik * d + id] * xcentered[id];  ->  d(uv) = v du + u dv
                        qxcentered[id] = savedDoubles.Pop();
                        qdiagsAdj[ik * d + id] += qxcenteredAdj[id] * xcentered[id];
                        xcenteredAdj[id] += qdiags[ik * d + id] * qxcenteredAdj[id];
                        qxcenteredAdj[id] = 0.0;
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // xcentered[id] = x[ix * d + id] - means[ik * d + id];  ->  d(u ± v) = du ± dv
                        meansGrad[ik * d + id] += -xcenteredAdj[id];
                        xcenteredAdj[id] = 0.0;
                    }
                }
            }

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // qdiags[ik * d + id] = Math.Exp(icf[ik * icfSize + id]);  ->  d exp(u) = exp(u) du
                    icfGrad[ik * icfSize + id] += qdiagsAdj[ik * d + id] * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] = 0.0;
                    qdiags[ik * d + id] = savedDoubles.Pop();

                    // sumQs[ik] += icf[ik * icfSize + id];
                    icfGrad[ik * icfSize + id] += sumQsAdj[ik];
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(qdiags);
            global::Backprop.Support.LocalArrayPool<double>.Return(qdiagsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQs);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTerm);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTermAdj);
            savedDoubles.Dispose();
            savedBools.Dispose();
            return result;
        }

        /// <summary>Timing only (a wrong gradient): <see cref="ObjectivePullbackCurrent"/> without the triangular product’s reverse.</summary>
        public static double ObjectivePullbackWithoutTriangularReverse(global::System.ReadOnlySpan<double> alphas, global::System.ReadOnlySpan<double> means, global::System.ReadOnlySpan<double> icf, global::System.ReadOnlySpan<double> x, int d, int k, int n, double wishartGamma, int wishartM, double resultAdj, global::System.Span<double> alphasGrad, global::System.Span<double> meansGrad, global::System.Span<double> icfGrad)
        {
            double[] qdiags = global::System.Array.Empty<double>();
            double[] qdiagsAdj = global::System.Array.Empty<double>();
            double[] sumQs = global::System.Array.Empty<double>();
            double[] sumQsAdj = global::System.Array.Empty<double>();
            double[] xcentered = global::System.Array.Empty<double>();
            double[] xcenteredAdj = global::System.Array.Empty<double>();
            double[] qxcentered = global::System.Array.Empty<double>();
            double[] qxcenteredAdj = global::System.Array.Empty<double>();
            double[] mainTerm = global::System.Array.Empty<double>();
            double[] mainTermAdj = global::System.Array.Empty<double>();
            double sqnorm = 0.0;
            double logSumExp = 0.0;
            double arrMax = 0.0;
            double m = 0.0;
            double mx = 0.0;
            double semx = 0.0;
            double exp = 0.0;
            double exp2 = 0.0;
            double frobenius = 0.0;
            var savedDoubles = new global::Backprop.Support.ValueTape<double>(64);
            var savedBools = new global::Backprop.Support.ValueTape<bool>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            int icfSize = d * (d + 1) / 2;
            qdiags = global::Backprop.Support.LocalArrayPool<double>.Rent(d * k);
            qdiagsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qdiags.Length);
            sumQs = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            sumQsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(sumQs.Length);
            xcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            xcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(xcentered.Length);
            qxcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            qxcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qxcentered.Length);
            mainTerm = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            mainTermAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(mainTerm.Length);
            for (int ik = 0; ik < k; ik++)
            {
                for (int id = 0; id < d; id++)
                {
                    sumQs[ik] = sumQs[ik] + icf[ik * icfSize + id];
                    savedDoubles.Push(qdiags[ik * d + id]);
                    qdiags[ik * d + id] = global::System.Math.Exp(icf[ik * icfSize + id]);
                }
            }

            double slse = 0.0;
            for (int ix = 0; ix < n; ix++)
            {
                for (int ik = 0; ik < k; ik++)
                {
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    for (int id = 0; id < d; id++)
                    {
                        savedDoubles.Push(qxcentered[id]);
                        qxcentered[id] = qdiags[ik * d + id] * xcentered[id];
                    }

                    for (int i = 0; i < d; i++)
                    {
                        int jBase = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        for (int j = i + 1; j < d; j++)
                        {
                            qxcentered[j] = qxcentered[j] + icf[jBase + j] * xcentered[i];
                        }
                    }

                    sqnorm = 0.0;
                    for (int id = 0; id < d; id++)
                    {
                        sqnorm = sqnorm + qxcentered[id] * qxcentered[id];
                    }

                    mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;
                }

                m = mainTerm[0];
                for (int i3 = 1; i3 < k; i3++)
                {
                    if (m < mainTerm[i3])
                    {
                        m = mainTerm[i3];
                        savedBools.Push(true);
                    }
                    else
                    {
                        savedBools.Push(false);
                    }
                }

                arrMax = m;
                mx = arrMax;
                savedDoubles.Push(semx);
                semx = 0.0;
                for (int i2 = 0; i2 < k; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(mainTerm[i2] - mx);
                    semx = semx + exp;
                }

                logSumExp = global::System.Math.Log(semx) + mx;
                slse = slse + logSumExp;
            }

            double logSumExp2 = 0.0;
            double arrMax2 = 0.0;
            double m2 = alphas[0];
            for (int i5 = 1; i5 < k; i5++)
            {
                if (m2 < alphas[i5])
                {
                    m2 = alphas[i5];
                    savedBools.Push(true);
                }
                else
                {
                    savedBools.Push(false);
                }
            }

            arrMax2 = m2;
            double mx2 = arrMax2;
            double semx2 = 0.0;
            for (int i4 = 0; i4 < k; i4++)
            {
                savedDoubles.Push(exp2);
                exp2 = global::System.Math.Exp(alphas[i4] - mx2);
                semx2 = semx2 + exp2;
            }

            logSumExp2 = global::System.Math.Log(semx2) + mx2;
            double lseAlphas = logSumExp2;
            double constant = (double)(-n * d) * 0.5 * global::System.Math.Log(6.283185307179586);
            int priorN = d + wishartM + 1;
            double priorC = (double)(priorN * d) * (global::System.Math.Log(wishartGamma) - 0.5 * global::System.Math.Log(2.0)) - global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * (double)priorN, d);
            double prior = 0.0;
            for (int ik = 0; ik < k; ik++)
            {
                frobenius = 0.0;
                for (int id = 0; id < d; id++)
                {
                    frobenius = frobenius + qdiags[ik * d + id] * qdiags[ik * d + id];
                }

                for (int i = d; i < icfSize; i++)
                {
                    frobenius = frobenius + icf[ik * icfSize + i] * icf[ik * icfSize + i];
                }

                prior = prior + (0.5 * wishartGamma * wishartGamma * frobenius - (double)wishartM * sumQs[ik]);
            }

            double result = constant + slse - (double)n * lseAlphas + prior - (double)k * priorC;

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double slseAdj = 0.0;
            double sqnormAdj = 0.0;
            double lseAlphasAdj = 0.0;
            double priorAdj = 0.0;
            double frobeniusAdj = 0.0;
            double mxAdj = 0.0;
            double semxAdj = 0.0;
            double logSumExpAdj = 0.0;
            double mAdj = 0.0;
            double arrMaxAdj = 0.0;
            double mx2Adj = 0.0;
            double semx2Adj = 0.0;
            double logSumExp2Adj = 0.0;
            double m2Adj = 0.0;
            double arrMax2Adj = 0.0;
            double expAdj = 0.0;
            double exp2Adj = 0.0;

            // return constant + slse - n * lseAlphas + prior - k * priorC;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
            slseAdj += resultAdj;
            lseAlphasAdj += (double)n * -resultAdj;
            priorAdj += resultAdj;

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                frobeniusAdj += 0.5 * wishartGamma * wishartGamma * priorAdj;
                sumQsAdj[ik] += (double)wishartM * -priorAdj;

                // for (int i = d; i < icfSize; i++), in reverse
                for (int i = icfSize - 1; i >= d; i--)
                {
                    // frobenius += icf[ik * icfSize + i] * icf[ik * icfSize + i];  ->  d(uv) = v du + u dv
                    icfGrad[ik * icfSize + i] += frobeniusAdj * icf[ik * icfSize + i];
                    icfGrad[ik * icfSize + i] += icf[ik * icfSize + i] * frobeniusAdj;
                }

                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // frobenius += qdiags[ik * d + id] * qdiags[ik * d + id];  ->  d(uv) = v du + u dv
                    qdiagsAdj[ik * d + id] += frobeniusAdj * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] += qdiags[ik * d + id] * frobeniusAdj;
                }

                // double frobenius = 0;
                frobeniusAdj = 0.0;
            }

            // double lseAlphas = LogSumExp(alphas, k);
            logSumExp2Adj += lseAlphasAdj;

            // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
            semx2Adj += logSumExp2Adj / semx2;
            mx2Adj += logSumExp2Adj;

            // LogSumExp: for (int i = 0; i < n; i++), in reverse
            for (int i4 = k - 1; i4 >= 0; i4--)
            {
                // LogSumExp: semx += Math.Exp(x[i] - mx);
                exp2Adj += semx2Adj;

                // double exp2 = Math.Exp(alphas[i4] - mx2);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                {
                    double adj = exp2Adj * exp2;
                    alphasGrad[i4] += adj;
                    mx2Adj += -adj;
                    exp2Adj = 0.0;
                    exp2 = savedDoubles.Pop();
                }
            }

            // LogSumExp: double mx = ArrMax(x, n);
            arrMax2Adj += mx2Adj;

            // ArrMax: return m;
            m2Adj += arrMax2Adj;

            // ArrMax: for (int i = 1; i < n; i++), in reverse
            for (int i5 = k - 1; i5 >= 1; i5--)
            {
                // ArrMax: if (m < x[i]), in reverse
                if (savedBools.Pop())
                {
                    // ArrMax: m = x[i];
                    alphasGrad[i5] += m2Adj;
                    m2Adj = 0.0;
                }
            }

            // ArrMax: double m = x[0];
            alphasGrad[0] += m2Adj;

            // for (int ix = 0; ix < n; ix++), in reverse
            for (int ix = n - 1; ix >= 0; ix--)
            {
                // slse += LogSumExp(mainTerm, k);
                logSumExpAdj += slseAdj;

                // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
                semxAdj += logSumExpAdj / semx;
                mxAdj += logSumExpAdj;
                logSumExpAdj = 0.0;

                // LogSumExp: for (int i = 0; i < n; i++), in reverse
                for (int i2 = k - 1; i2 >= 0; i2--)
                {
                    // LogSumExp: semx += Math.Exp(x[i] - mx);
                    expAdj += semxAdj;

                    // double exp = Math.Exp(mainTerm[i2] - mx);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                    {
                        double adj = expAdj * exp;
                        mainTermAdj[i2] += adj;
                        mxAdj += -adj;
                        expAdj = 0.0;
                        exp = savedDoubles.Pop();
                    }
                }

                // LogSumExp: double semx = 0;
                semx = savedDoubles.Pop();
                semxAdj = 0.0;

                // LogSumExp: double mx = ArrMax(x, n);
                arrMaxAdj += mxAdj;
                mxAdj = 0.0;

                // ArrMax: return m;
                mAdj += arrMaxAdj;
                arrMaxAdj = 0.0;

                // ArrMax: for (int i = 1; i < n; i++), in reverse
                for (int i3 = k - 1; i3 >= 1; i3--)
                {
                    // ArrMax: if (m < x[i]), in reverse
                    if (savedBools.Pop())
                    {
                        // ArrMax: m = x[i];
                        mainTermAdj[i3] += mAdj;
                        mAdj = 0.0;
                    }
                }

                // ArrMax: double m = x[0];
                mainTermAdj[0] += mAdj;
                mAdj = 0.0;

                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // Recomputed rather than saved: for (int id = 0; id < d; id++) …
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    // mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                    alphasGrad[ik] += mainTermAdj[ik];
                    sumQsAdj[ik] += mainTermAdj[ik];
                    sqnormAdj += 0.5 * -mainTermAdj[ik];
                    mainTermAdj[ik] = 0.0;

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // sqnorm += qxcentered[id] * qxcentered[id];  ->  d(uv) = v du + u dv
                        qxcenteredAdj[id] += sqnormAdj * qxcentered[id];
                        qxcenteredAdj[id] += qxcentered[id] * sqnormAdj;
                    }

                    // double sqnorm = 0;
                    sqnormAdj = 0.0;

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // qxcentered[id] = qdiags[ik * d + id] * xcentered[id];  ->  d(uv) = v du + u dv
                        qxcentered[id] = savedDoubles.Pop();
                        qdiagsAdj[ik * d + id] += qxcenteredAdj[id] * xcentered[id];
                        xcenteredAdj[id] += qdiags[ik * d + id] * qxcenteredAdj[id];
                        qxcenteredAdj[id] = 0.0;
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // xcentered[id] = x[ix * d + id] - means[ik * d + id];  ->  d(u ± v) = du ± dv
                        meansGrad[ik * d + id] += -xcenteredAdj[id];
                        xcenteredAdj[id] = 0.0;
                    }
                }
            }

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // qdiags[ik * d + id] = Math.Exp(icf[ik * icfSize + id]);  ->  d exp(u) = exp(u) du
                    icfGrad[ik * icfSize + id] += qdiagsAdj[ik * d + id] * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] = 0.0;
                    qdiags[ik * d + id] = savedDoubles.Pop();

                    // sumQs[ik] += icf[ik * icfSize + id];
                    icfGrad[ik * icfSize + id] += sumQsAdj[ik];
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(qdiags);
            global::Backprop.Support.LocalArrayPool<double>.Return(qdiagsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQs);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTerm);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTermAdj);
            savedDoubles.Dispose();
            savedBools.Dispose();
            return result;
        }

        /// <summary>Timing only (a wrong gradient): <see cref="ObjectivePullbackCurrent"/> without the means reverse.</summary>
        public static double ObjectivePullbackWithoutMeansReverse(global::System.ReadOnlySpan<double> alphas, global::System.ReadOnlySpan<double> means, global::System.ReadOnlySpan<double> icf, global::System.ReadOnlySpan<double> x, int d, int k, int n, double wishartGamma, int wishartM, double resultAdj, global::System.Span<double> alphasGrad, global::System.Span<double> meansGrad, global::System.Span<double> icfGrad)
        {
            double[] qdiags = global::System.Array.Empty<double>();
            double[] qdiagsAdj = global::System.Array.Empty<double>();
            double[] sumQs = global::System.Array.Empty<double>();
            double[] sumQsAdj = global::System.Array.Empty<double>();
            double[] xcentered = global::System.Array.Empty<double>();
            double[] xcenteredAdj = global::System.Array.Empty<double>();
            double[] qxcentered = global::System.Array.Empty<double>();
            double[] qxcenteredAdj = global::System.Array.Empty<double>();
            double[] mainTerm = global::System.Array.Empty<double>();
            double[] mainTermAdj = global::System.Array.Empty<double>();
            double sqnorm = 0.0;
            double logSumExp = 0.0;
            double arrMax = 0.0;
            double m = 0.0;
            double mx = 0.0;
            double semx = 0.0;
            double exp = 0.0;
            double exp2 = 0.0;
            double frobenius = 0.0;
            var savedDoubles = new global::Backprop.Support.ValueTape<double>(64);
            var savedBools = new global::Backprop.Support.ValueTape<bool>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            int icfSize = d * (d + 1) / 2;
            qdiags = global::Backprop.Support.LocalArrayPool<double>.Rent(d * k);
            qdiagsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qdiags.Length);
            sumQs = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            sumQsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(sumQs.Length);
            xcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            xcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(xcentered.Length);
            qxcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            qxcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qxcentered.Length);
            mainTerm = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            mainTermAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(mainTerm.Length);
            for (int ik = 0; ik < k; ik++)
            {
                for (int id = 0; id < d; id++)
                {
                    sumQs[ik] = sumQs[ik] + icf[ik * icfSize + id];
                    savedDoubles.Push(qdiags[ik * d + id]);
                    qdiags[ik * d + id] = global::System.Math.Exp(icf[ik * icfSize + id]);
                }
            }

            double slse = 0.0;
            for (int ix = 0; ix < n; ix++)
            {
                for (int ik = 0; ik < k; ik++)
                {
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    for (int id = 0; id < d; id++)
                    {
                        savedDoubles.Push(qxcentered[id]);
                        qxcentered[id] = qdiags[ik * d + id] * xcentered[id];
                    }

                    for (int i = 0; i < d; i++)
                    {
                        int jBase = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        for (int j = i + 1; j < d; j++)
                        {
                            qxcentered[j] = qxcentered[j] + icf[jBase + j] * xcentered[i];
                        }
                    }

                    sqnorm = 0.0;
                    for (int id = 0; id < d; id++)
                    {
                        sqnorm = sqnorm + qxcentered[id] * qxcentered[id];
                    }

                    mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;
                }

                m = mainTerm[0];
                for (int i3 = 1; i3 < k; i3++)
                {
                    if (m < mainTerm[i3])
                    {
                        m = mainTerm[i3];
                        savedBools.Push(true);
                    }
                    else
                    {
                        savedBools.Push(false);
                    }
                }

                arrMax = m;
                mx = arrMax;
                savedDoubles.Push(semx);
                semx = 0.0;
                for (int i2 = 0; i2 < k; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(mainTerm[i2] - mx);
                    semx = semx + exp;
                }

                logSumExp = global::System.Math.Log(semx) + mx;
                slse = slse + logSumExp;
            }

            double logSumExp2 = 0.0;
            double arrMax2 = 0.0;
            double m2 = alphas[0];
            for (int i5 = 1; i5 < k; i5++)
            {
                if (m2 < alphas[i5])
                {
                    m2 = alphas[i5];
                    savedBools.Push(true);
                }
                else
                {
                    savedBools.Push(false);
                }
            }

            arrMax2 = m2;
            double mx2 = arrMax2;
            double semx2 = 0.0;
            for (int i4 = 0; i4 < k; i4++)
            {
                savedDoubles.Push(exp2);
                exp2 = global::System.Math.Exp(alphas[i4] - mx2);
                semx2 = semx2 + exp2;
            }

            logSumExp2 = global::System.Math.Log(semx2) + mx2;
            double lseAlphas = logSumExp2;
            double constant = (double)(-n * d) * 0.5 * global::System.Math.Log(6.283185307179586);
            int priorN = d + wishartM + 1;
            double priorC = (double)(priorN * d) * (global::System.Math.Log(wishartGamma) - 0.5 * global::System.Math.Log(2.0)) - global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * (double)priorN, d);
            double prior = 0.0;
            for (int ik = 0; ik < k; ik++)
            {
                frobenius = 0.0;
                for (int id = 0; id < d; id++)
                {
                    frobenius = frobenius + qdiags[ik * d + id] * qdiags[ik * d + id];
                }

                for (int i = d; i < icfSize; i++)
                {
                    frobenius = frobenius + icf[ik * icfSize + i] * icf[ik * icfSize + i];
                }

                prior = prior + (0.5 * wishartGamma * wishartGamma * frobenius - (double)wishartM * sumQs[ik]);
            }

            double result = constant + slse - (double)n * lseAlphas + prior - (double)k * priorC;

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double slseAdj = 0.0;
            double sqnormAdj = 0.0;
            double lseAlphasAdj = 0.0;
            double priorAdj = 0.0;
            double frobeniusAdj = 0.0;
            double mxAdj = 0.0;
            double semxAdj = 0.0;
            double logSumExpAdj = 0.0;
            double mAdj = 0.0;
            double arrMaxAdj = 0.0;
            double mx2Adj = 0.0;
            double semx2Adj = 0.0;
            double logSumExp2Adj = 0.0;
            double m2Adj = 0.0;
            double arrMax2Adj = 0.0;
            double expAdj = 0.0;
            double exp2Adj = 0.0;

            // return constant + slse - n * lseAlphas + prior - k * priorC;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
            slseAdj += resultAdj;
            lseAlphasAdj += (double)n * -resultAdj;
            priorAdj += resultAdj;

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                frobeniusAdj += 0.5 * wishartGamma * wishartGamma * priorAdj;
                sumQsAdj[ik] += (double)wishartM * -priorAdj;

                // for (int i = d; i < icfSize; i++), in reverse
                for (int i = icfSize - 1; i >= d; i--)
                {
                    // frobenius += icf[ik * icfSize + i] * icf[ik * icfSize + i];  ->  d(uv) = v du + u dv
                    icfGrad[ik * icfSize + i] += frobeniusAdj * icf[ik * icfSize + i];
                    icfGrad[ik * icfSize + i] += icf[ik * icfSize + i] * frobeniusAdj;
                }

                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // frobenius += qdiags[ik * d + id] * qdiags[ik * d + id];  ->  d(uv) = v du + u dv
                    qdiagsAdj[ik * d + id] += frobeniusAdj * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] += qdiags[ik * d + id] * frobeniusAdj;
                }

                // double frobenius = 0;
                frobeniusAdj = 0.0;
            }

            // double lseAlphas = LogSumExp(alphas, k);
            logSumExp2Adj += lseAlphasAdj;

            // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
            semx2Adj += logSumExp2Adj / semx2;
            mx2Adj += logSumExp2Adj;

            // LogSumExp: for (int i = 0; i < n; i++), in reverse
            for (int i4 = k - 1; i4 >= 0; i4--)
            {
                // LogSumExp: semx += Math.Exp(x[i] - mx);
                exp2Adj += semx2Adj;

                // double exp2 = Math.Exp(alphas[i4] - mx2);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                {
                    double adj = exp2Adj * exp2;
                    alphasGrad[i4] += adj;
                    mx2Adj += -adj;
                    exp2Adj = 0.0;
                    exp2 = savedDoubles.Pop();
                }
            }

            // LogSumExp: double mx = ArrMax(x, n);
            arrMax2Adj += mx2Adj;

            // ArrMax: return m;
            m2Adj += arrMax2Adj;

            // ArrMax: for (int i = 1; i < n; i++), in reverse
            for (int i5 = k - 1; i5 >= 1; i5--)
            {
                // ArrMax: if (m < x[i]), in reverse
                if (savedBools.Pop())
                {
                    // ArrMax: m = x[i];
                    alphasGrad[i5] += m2Adj;
                    m2Adj = 0.0;
                }
            }

            // ArrMax: double m = x[0];
            alphasGrad[0] += m2Adj;

            // for (int ix = 0; ix < n; ix++), in reverse
            for (int ix = n - 1; ix >= 0; ix--)
            {
                // slse += LogSumExp(mainTerm, k);
                logSumExpAdj += slseAdj;

                // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
                semxAdj += logSumExpAdj / semx;
                mxAdj += logSumExpAdj;
                logSumExpAdj = 0.0;

                // LogSumExp: for (int i = 0; i < n; i++), in reverse
                for (int i2 = k - 1; i2 >= 0; i2--)
                {
                    // LogSumExp: semx += Math.Exp(x[i] - mx);
                    expAdj += semxAdj;

                    // double exp = Math.Exp(mainTerm[i2] - mx);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                    {
                        double adj = expAdj * exp;
                        mainTermAdj[i2] += adj;
                        mxAdj += -adj;
                        expAdj = 0.0;
                        exp = savedDoubles.Pop();
                    }
                }

                // LogSumExp: double semx = 0;
                semx = savedDoubles.Pop();
                semxAdj = 0.0;

                // LogSumExp: double mx = ArrMax(x, n);
                arrMaxAdj += mxAdj;
                mxAdj = 0.0;

                // ArrMax: return m;
                mAdj += arrMaxAdj;
                arrMaxAdj = 0.0;

                // ArrMax: for (int i = 1; i < n; i++), in reverse
                for (int i3 = k - 1; i3 >= 1; i3--)
                {
                    // ArrMax: if (m < x[i]), in reverse
                    if (savedBools.Pop())
                    {
                        // ArrMax: m = x[i];
                        mainTermAdj[i3] += mAdj;
                        mAdj = 0.0;
                    }
                }

                // ArrMax: double m = x[0];
                mainTermAdj[0] += mAdj;
                mAdj = 0.0;

                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // Recomputed rather than saved: for (int id = 0; id < d; id++) …
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    // mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                    alphasGrad[ik] += mainTermAdj[ik];
                    sumQsAdj[ik] += mainTermAdj[ik];
                    sqnormAdj += 0.5 * -mainTermAdj[ik];
                    mainTermAdj[ik] = 0.0;

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // sqnorm += qxcentered[id] * qxcentered[id];  ->  d(uv) = v du + u dv
                        qxcenteredAdj[id] += sqnormAdj * qxcentered[id];
                        qxcenteredAdj[id] += qxcentered[id] * sqnormAdj;
                    }

                    // double sqnorm = 0;
                    sqnormAdj = 0.0;

                    // for (int i = 0; i < d; i++), in reverse
                    for (int i = d - 1; i >= 0; i--)
                    {
                        int jBase2 = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        // for (int j = i + 1; j < d; j++), in reverse
                        if (d - 1 >= i + 1)
                        {
                            // The loop adds into xcenteredAdj[i] only: summed in xcenteredAdjSum, stored after it.
                            double xcenteredAdjSum = xcenteredAdj[i];
                            for (int j = d - 1; j >= i + 1; j--)
                            {
                                // qxcentered[j] += icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * xcentered[i];  ->  d(uv) = v du + u dv
                                icfGrad[jBase2 + j] += qxcenteredAdj[j] * xcentered[i];
                                xcenteredAdjSum += icf[jBase2 + j] * qxcenteredAdj[j];
                            }
                            xcenteredAdj[i] = xcenteredAdjSum;
                        }
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // qxcentered[id] = qdiags[ik * d + id] * xcentered[id];  ->  d(uv) = v du + u dv
                        qxcentered[id] = savedDoubles.Pop();
                        qdiagsAdj[ik * d + id] += qxcenteredAdj[id] * xcentered[id];
                        xcenteredAdj[id] += qdiags[ik * d + id] * qxcenteredAdj[id];
                        qxcenteredAdj[id] = 0.0;
                    }

                }
            }

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // qdiags[ik * d + id] = Math.Exp(icf[ik * icfSize + id]);  ->  d exp(u) = exp(u) du
                    icfGrad[ik * icfSize + id] += qdiagsAdj[ik * d + id] * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] = 0.0;
                    qdiags[ik * d + id] = savedDoubles.Pop();

                    // sumQs[ik] += icf[ik * icfSize + id];
                    icfGrad[ik * icfSize + id] += sumQsAdj[ik];
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(qdiags);
            global::Backprop.Support.LocalArrayPool<double>.Return(qdiagsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQs);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTerm);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTermAdj);
            savedDoubles.Dispose();
            savedBools.Dispose();
            return result;
        }

        /// <summary>Timing only (a wrong gradient): <see cref="ObjectivePullbackCurrent"/> without the log-sum-exp reverse (tape kept).</summary>
        public static double ObjectivePullbackWithoutLogSumExpReverse(global::System.ReadOnlySpan<double> alphas, global::System.ReadOnlySpan<double> means, global::System.ReadOnlySpan<double> icf, global::System.ReadOnlySpan<double> x, int d, int k, int n, double wishartGamma, int wishartM, double resultAdj, global::System.Span<double> alphasGrad, global::System.Span<double> meansGrad, global::System.Span<double> icfGrad)
        {
            double[] qdiags = global::System.Array.Empty<double>();
            double[] qdiagsAdj = global::System.Array.Empty<double>();
            double[] sumQs = global::System.Array.Empty<double>();
            double[] sumQsAdj = global::System.Array.Empty<double>();
            double[] xcentered = global::System.Array.Empty<double>();
            double[] xcenteredAdj = global::System.Array.Empty<double>();
            double[] qxcentered = global::System.Array.Empty<double>();
            double[] qxcenteredAdj = global::System.Array.Empty<double>();
            double[] mainTerm = global::System.Array.Empty<double>();
            double[] mainTermAdj = global::System.Array.Empty<double>();
            double sqnorm = 0.0;
            double logSumExp = 0.0;
            double arrMax = 0.0;
            double m = 0.0;
            double mx = 0.0;
            double semx = 0.0;
            double exp = 0.0;
            double exp2 = 0.0;
            double frobenius = 0.0;
            var savedDoubles = new global::Backprop.Support.ValueTape<double>(64);
            var savedBools = new global::Backprop.Support.ValueTape<bool>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            int icfSize = d * (d + 1) / 2;
            qdiags = global::Backprop.Support.LocalArrayPool<double>.Rent(d * k);
            qdiagsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qdiags.Length);
            sumQs = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            sumQsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(sumQs.Length);
            xcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            xcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(xcentered.Length);
            qxcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            qxcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qxcentered.Length);
            mainTerm = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            mainTermAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(mainTerm.Length);
            for (int ik = 0; ik < k; ik++)
            {
                for (int id = 0; id < d; id++)
                {
                    sumQs[ik] = sumQs[ik] + icf[ik * icfSize + id];
                    savedDoubles.Push(qdiags[ik * d + id]);
                    qdiags[ik * d + id] = global::System.Math.Exp(icf[ik * icfSize + id]);
                }
            }

            double slse = 0.0;
            for (int ix = 0; ix < n; ix++)
            {
                for (int ik = 0; ik < k; ik++)
                {
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    for (int id = 0; id < d; id++)
                    {
                        savedDoubles.Push(qxcentered[id]);
                        qxcentered[id] = qdiags[ik * d + id] * xcentered[id];
                    }

                    for (int i = 0; i < d; i++)
                    {
                        int jBase = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        for (int j = i + 1; j < d; j++)
                        {
                            qxcentered[j] = qxcentered[j] + icf[jBase + j] * xcentered[i];
                        }
                    }

                    sqnorm = 0.0;
                    for (int id = 0; id < d; id++)
                    {
                        sqnorm = sqnorm + qxcentered[id] * qxcentered[id];
                    }

                    mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;
                }

                m = mainTerm[0];
                for (int i3 = 1; i3 < k; i3++)
                {
                    if (m < mainTerm[i3])
                    {
                        m = mainTerm[i3];
                        savedBools.Push(true);
                    }
                    else
                    {
                        savedBools.Push(false);
                    }
                }

                arrMax = m;
                mx = arrMax;
                savedDoubles.Push(semx);
                semx = 0.0;
                for (int i2 = 0; i2 < k; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(mainTerm[i2] - mx);
                    semx = semx + exp;
                }

                logSumExp = global::System.Math.Log(semx) + mx;
                slse = slse + logSumExp;
            }

            double logSumExp2 = 0.0;
            double arrMax2 = 0.0;
            double m2 = alphas[0];
            for (int i5 = 1; i5 < k; i5++)
            {
                if (m2 < alphas[i5])
                {
                    m2 = alphas[i5];
                    savedBools.Push(true);
                }
                else
                {
                    savedBools.Push(false);
                }
            }

            arrMax2 = m2;
            double mx2 = arrMax2;
            double semx2 = 0.0;
            for (int i4 = 0; i4 < k; i4++)
            {
                savedDoubles.Push(exp2);
                exp2 = global::System.Math.Exp(alphas[i4] - mx2);
                semx2 = semx2 + exp2;
            }

            logSumExp2 = global::System.Math.Log(semx2) + mx2;
            double lseAlphas = logSumExp2;
            double constant = (double)(-n * d) * 0.5 * global::System.Math.Log(6.283185307179586);
            int priorN = d + wishartM + 1;
            double priorC = (double)(priorN * d) * (global::System.Math.Log(wishartGamma) - 0.5 * global::System.Math.Log(2.0)) - global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * (double)priorN, d);
            double prior = 0.0;
            for (int ik = 0; ik < k; ik++)
            {
                frobenius = 0.0;
                for (int id = 0; id < d; id++)
                {
                    frobenius = frobenius + qdiags[ik * d + id] * qdiags[ik * d + id];
                }

                for (int i = d; i < icfSize; i++)
                {
                    frobenius = frobenius + icf[ik * icfSize + i] * icf[ik * icfSize + i];
                }

                prior = prior + (0.5 * wishartGamma * wishartGamma * frobenius - (double)wishartM * sumQs[ik]);
            }

            double result = constant + slse - (double)n * lseAlphas + prior - (double)k * priorC;

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double slseAdj = 0.0;
            double sqnormAdj = 0.0;
            double lseAlphasAdj = 0.0;
            double priorAdj = 0.0;
            double frobeniusAdj = 0.0;
            double mxAdj = 0.0;
            double semxAdj = 0.0;
            double logSumExpAdj = 0.0;
            double mAdj = 0.0;
            double arrMaxAdj = 0.0;
            double mx2Adj = 0.0;
            double semx2Adj = 0.0;
            double logSumExp2Adj = 0.0;
            double m2Adj = 0.0;
            double arrMax2Adj = 0.0;
            double expAdj = 0.0;
            double exp2Adj = 0.0;

            // return constant + slse - n * lseAlphas + prior - k * priorC;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
            slseAdj += resultAdj;
            lseAlphasAdj += (double)n * -resultAdj;
            priorAdj += resultAdj;

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                frobeniusAdj += 0.5 * wishartGamma * wishartGamma * priorAdj;
                sumQsAdj[ik] += (double)wishartM * -priorAdj;

                // for (int i = d; i < icfSize; i++), in reverse
                for (int i = icfSize - 1; i >= d; i--)
                {
                    // frobenius += icf[ik * icfSize + i] * icf[ik * icfSize + i];  ->  d(uv) = v du + u dv
                    icfGrad[ik * icfSize + i] += frobeniusAdj * icf[ik * icfSize + i];
                    icfGrad[ik * icfSize + i] += icf[ik * icfSize + i] * frobeniusAdj;
                }

                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // frobenius += qdiags[ik * d + id] * qdiags[ik * d + id];  ->  d(uv) = v du + u dv
                    qdiagsAdj[ik * d + id] += frobeniusAdj * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] += qdiags[ik * d + id] * frobeniusAdj;
                }

                // double frobenius = 0;
                frobeniusAdj = 0.0;
            }

            // double lseAlphas = LogSumExp(alphas, k);
            logSumExp2Adj += lseAlphasAdj;

            // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
            semx2Adj += logSumExp2Adj / semx2;
            mx2Adj += logSumExp2Adj;

            // LogSumExp: for (int i = 0; i < n; i++), in reverse
            for (int i4 = k - 1; i4 >= 0; i4--)
            {
                // LogSumExp: semx += Math.Exp(x[i] - mx);
                exp2Adj += semx2Adj;

                // double exp2 = Math.Exp(alphas[i4] - mx2);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                {
                    double adj = exp2Adj * exp2;
                    alphasGrad[i4] += adj;
                    mx2Adj += -adj;
                    exp2Adj = 0.0;
                    exp2 = savedDoubles.Pop();
                }
            }

            // LogSumExp: double mx = ArrMax(x, n);
            arrMax2Adj += mx2Adj;

            // ArrMax: return m;
            m2Adj += arrMax2Adj;

            // ArrMax: for (int i = 1; i < n; i++), in reverse
            for (int i5 = k - 1; i5 >= 1; i5--)
            {
                // ArrMax: if (m < x[i]), in reverse
                if (savedBools.Pop())
                {
                    // ArrMax: m = x[i];
                    alphasGrad[i5] += m2Adj;
                    m2Adj = 0.0;
                }
            }

            // ArrMax: double m = x[0];
            alphasGrad[0] += m2Adj;

            // for (int ix = 0; ix < n; ix++), in reverse
            for (int ix = n - 1; ix >= 0; ix--)
            {
                // slse += LogSumExp(mainTerm, k);
                logSumExpAdj += slseAdj;

                for (int i2 = k - 1; i2 >= 0; i2--) { exp = savedDoubles.Pop(); }
                semx = savedDoubles.Pop();
                for (int i3 = k - 1; i3 >= 1; i3--) { savedBools.Pop(); }
                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // Recomputed rather than saved: for (int id = 0; id < d; id++) …
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    // mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                    alphasGrad[ik] += mainTermAdj[ik];
                    sumQsAdj[ik] += mainTermAdj[ik];
                    sqnormAdj += 0.5 * -mainTermAdj[ik];
                    mainTermAdj[ik] = 0.0;

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // sqnorm += qxcentered[id] * qxcentered[id];  ->  d(uv) = v du + u dv
                        qxcenteredAdj[id] += sqnormAdj * qxcentered[id];
                        qxcenteredAdj[id] += qxcentered[id] * sqnormAdj;
                    }

                    // double sqnorm = 0;
                    sqnormAdj = 0.0;

                    // for (int i = 0; i < d; i++), in reverse
                    for (int i = d - 1; i >= 0; i--)
                    {
                        int jBase2 = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        // for (int j = i + 1; j < d; j++), in reverse
                        if (d - 1 >= i + 1)
                        {
                            // The loop adds into xcenteredAdj[i] only: summed in xcenteredAdjSum, stored after it.
                            double xcenteredAdjSum = xcenteredAdj[i];
                            for (int j = d - 1; j >= i + 1; j--)
                            {
                                // qxcentered[j] += icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * xcentered[i];  ->  d(uv) = v du + u dv
                                icfGrad[jBase2 + j] += qxcenteredAdj[j] * xcentered[i];
                                xcenteredAdjSum += icf[jBase2 + j] * qxcenteredAdj[j];
                            }
                            xcenteredAdj[i] = xcenteredAdjSum;
                        }
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // qxcentered[id] = qdiags[ik * d + id] * xcentered[id];  ->  d(uv) = v du + u dv
                        qxcentered[id] = savedDoubles.Pop();
                        qdiagsAdj[ik * d + id] += qxcenteredAdj[id] * xcentered[id];
                        xcenteredAdj[id] += qdiags[ik * d + id] * qxcenteredAdj[id];
                        qxcenteredAdj[id] = 0.0;
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // xcentered[id] = x[ix * d + id] - means[ik * d + id];  ->  d(u ± v) = du ± dv
                        meansGrad[ik * d + id] += -xcenteredAdj[id];
                        xcenteredAdj[id] = 0.0;
                    }
                }
            }

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // qdiags[ik * d + id] = Math.Exp(icf[ik * icfSize + id]);  ->  d exp(u) = exp(u) du
                    icfGrad[ik * icfSize + id] += qdiagsAdj[ik * d + id] * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] = 0.0;
                    qdiags[ik * d + id] = savedDoubles.Pop();

                    // sumQs[ik] += icf[ik * icfSize + id];
                    icfGrad[ik * icfSize + id] += sumQsAdj[ik];
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(qdiags);
            global::Backprop.Support.LocalArrayPool<double>.Return(qdiagsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQs);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTerm);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTermAdj);
            savedDoubles.Dispose();
            savedBools.Dispose();
            return result;
        }

        /// <summary>Timing only (a wrong gradient): the hand-written gradient without its triangular product's backward loop.</summary>
        public static double HandWithoutTriangular(
            ReadOnlySpan<double> alphas,
            ReadOnlySpan<double> means,
            ReadOnlySpan<double> icf,
            ReadOnlySpan<double> x,
            int d,
            int k,
            int n,
            double wishartGamma,
            int wishartM,
            Span<double> alphasGrad,
            Span<double> meansGrad,
            Span<double> icfGrad)
        {
            int icfSize = d * (d + 1) / 2;
            int lowerSize = icfSize - d;
            Span<double> qdiags = stackalloc double[d * k];
            Span<double> qdiagsGrad = stackalloc double[d * k];
            Span<double> sumQs = stackalloc double[k];
            Span<double> sumQsGrad = stackalloc double[k];
            Span<double> mainTerm = stackalloc double[k];
            Span<double> centered = stackalloc double[d * k];
            Span<double> product = stackalloc double[d * k];
            Span<double> productBar = stackalloc double[d];
            Span<double> centeredBar = stackalloc double[d];
            for (int i = 0; i < qdiagsGrad.Length; i++)
            {
                qdiagsGrad[i] = 0;
            }

            for (int i = 0; i < sumQsGrad.Length; i++)
            {
                sumQsGrad[i] = 0;
            }

            for (int ik = 0; ik < k; ik++)
            {
                double sum = 0;
                for (int id = 0; id < d; id++)
                {
                    double logDiagonal = icf[ik * icfSize + id];
                    sum += logDiagonal;
                    qdiags[ik * d + id] = Math.Exp(logDiagonal);
                }

                sumQs[ik] = sum;
            }

            double slse = 0;
            for (int ix = 0; ix < n; ix++)
            {
                ReadOnlySpan<double> point = x.Slice(ix * d, d);
                double max = double.NegativeInfinity;
                for (int ik = 0; ik < k; ik++)
                {
                    ReadOnlySpan<double> mean = means.Slice(ik * d, d);
                    ReadOnlySpan<double> qdiag = qdiags.Slice(ik * d, d);
                    ReadOnlySpan<double> lower = icf.Slice(ik * icfSize + d, lowerSize);
                    Span<double> xc = centered.Slice(ik * d, d);
                    Span<double> q = product.Slice(ik * d, d);
                    for (int id = 0; id < xc.Length; id++)
                    {
                        double c = point[id] - mean[id];
                        xc[id] = c;
                        q[id] = qdiag[id] * c;
                    }

                    int li = 0;
                    for (int i = 0; i < d; i++)
                    {
                        double c = xc[i];
                        for (int j = i + 1; j < q.Length; j++)
                        {
                            q[j] += lower[li++] * c;
                        }
                    }

                    double sqnorm = 0;
                    for (int id = 0; id < q.Length; id++)
                    {
                        sqnorm += q[id] * q[id];
                    }

                    double term = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;
                    mainTerm[ik] = term;
                    max = Math.Max(max, term);
                }

                double sumExp = 0;
                for (int ik = 0; ik < k; ik++)
                {
                    double e = Math.Exp(mainTerm[ik] - max);
                    mainTerm[ik] = e;
                    sumExp += e;
                }

                slse += Math.Log(sumExp) + max;

                // Backward: responsibilities wₖ = exp(termₖ − lse).
                double inverse = 1.0 / sumExp;
                for (int ik = 0; ik < k; ik++)
                {
                    double w = mainTerm[ik] * inverse;
                    alphasGrad[ik] += w;
                    sumQsGrad[ik] += w;
                    ReadOnlySpan<double> qdiag = qdiags.Slice(ik * d, d);
                    ReadOnlySpan<double> lower = icf.Slice(ik * icfSize + d, lowerSize);
                    Span<double> lowerGrad = icfGrad.Slice(ik * icfSize + d, lowerSize);
                    Span<double> qdiagGrad = qdiagsGrad.Slice(ik * d, d);
                    ReadOnlySpan<double> xc = centered.Slice(ik * d, d);
                    ReadOnlySpan<double> q = product.Slice(ik * d, d);
                    for (int id = 0; id < q.Length; id++)
                    {
                        double bar = -w * q[id];
                        productBar[id] = bar;
                        qdiagGrad[id] += bar * xc[id];
                        centeredBar[id] = qdiag[id] * bar;
                    }


                    Span<double> meanGrad = meansGrad.Slice(ik * d, d);
                    for (int id = 0; id < meanGrad.Length; id++)
                    {
                        meanGrad[id] -= centeredBar[id];
                    }
                }
            }

            // −n · logsumexp(alphas).
            double alphaMax = double.NegativeInfinity;
            for (int ik = 0; ik < k; ik++)
            {
                alphaMax = Math.Max(alphaMax, alphas[ik]);
            }

            double alphaSum = 0;
            for (int ik = 0; ik < k; ik++)
            {
                alphaSum += Math.Exp(alphas[ik] - alphaMax);
            }

            double lseAlphas = Math.Log(alphaSum) + alphaMax;
            for (int ik = 0; ik < k; ik++)
            {
                alphasGrad[ik] -= n * Math.Exp(alphas[ik] - lseAlphas);
            }

            // The Wishart prior: ½γ²(‖diag Q‖² + ‖L‖²) − m Σ log Qᵢᵢ per component.
            double gamma2 = wishartGamma * wishartGamma;
            int priorN = d + wishartM + 1;
            double priorC = priorN * d * (Math.Log(wishartGamma) - 0.5 * Math.Log(2)) - global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * priorN, d);
            double prior = 0;
            for (int ik = 0; ik < k; ik++)
            {
                ReadOnlySpan<double> qdiag = qdiags.Slice(ik * d, d);
                ReadOnlySpan<double> lower = icf.Slice(ik * icfSize + d, lowerSize);
                Span<double> lowerGrad = icfGrad.Slice(ik * icfSize + d, lowerSize);
                Span<double> qdiagGrad = qdiagsGrad.Slice(ik * d, d);
                double frobenius = 0;
                for (int id = 0; id < qdiag.Length; id++)
                {
                    frobenius += qdiag[id] * qdiag[id];
                    qdiagGrad[id] += gamma2 * qdiag[id];
                }

                for (int i = 0; i < lower.Length; i++)
                {
                    frobenius += lower[i] * lower[i];
                    lowerGrad[i] += gamma2 * lower[i];
                }

                prior += 0.5 * gamma2 * frobenius - wishartM * sumQs[ik];
                sumQsGrad[ik] -= wishartM;
            }

            // Through Qᵢᵢ = exp(icfᵢ) and Σ log Qᵢᵢ into the log-diagonal entries.
            for (int ik = 0; ik < k; ik++)
            {
                for (int id = 0; id < d; id++)
                {
                    icfGrad[ik * icfSize + id] += qdiagsGrad[ik * d + id] * qdiags[ik * d + id] + sumQsGrad[ik];
                }
            }

            double constant = -n * d * 0.5 * Math.Log(2 * Math.PI);
            return constant + slse - n * lseAlphas + prior - k * priorC;
        }

        /// <summary>Timing only (a wrong gradient): the hand-written gradient without its backward pass over the points.</summary>
        public static double HandForwardPart(
            ReadOnlySpan<double> alphas,
            ReadOnlySpan<double> means,
            ReadOnlySpan<double> icf,
            ReadOnlySpan<double> x,
            int d,
            int k,
            int n,
            double wishartGamma,
            int wishartM,
            Span<double> alphasGrad,
            Span<double> meansGrad,
            Span<double> icfGrad)
        {
            int icfSize = d * (d + 1) / 2;
            int lowerSize = icfSize - d;
            Span<double> qdiags = stackalloc double[d * k];
            Span<double> qdiagsGrad = stackalloc double[d * k];
            Span<double> sumQs = stackalloc double[k];
            Span<double> sumQsGrad = stackalloc double[k];
            Span<double> mainTerm = stackalloc double[k];
            Span<double> centered = stackalloc double[d * k];
            Span<double> product = stackalloc double[d * k];
            Span<double> productBar = stackalloc double[d];
            Span<double> centeredBar = stackalloc double[d];
            for (int i = 0; i < qdiagsGrad.Length; i++)
            {
                qdiagsGrad[i] = 0;
            }

            for (int i = 0; i < sumQsGrad.Length; i++)
            {
                sumQsGrad[i] = 0;
            }

            for (int ik = 0; ik < k; ik++)
            {
                double sum = 0;
                for (int id = 0; id < d; id++)
                {
                    double logDiagonal = icf[ik * icfSize + id];
                    sum += logDiagonal;
                    qdiags[ik * d + id] = Math.Exp(logDiagonal);
                }

                sumQs[ik] = sum;
            }

            double slse = 0;
            for (int ix = 0; ix < n; ix++)
            {
                ReadOnlySpan<double> point = x.Slice(ix * d, d);
                double max = double.NegativeInfinity;
                for (int ik = 0; ik < k; ik++)
                {
                    ReadOnlySpan<double> mean = means.Slice(ik * d, d);
                    ReadOnlySpan<double> qdiag = qdiags.Slice(ik * d, d);
                    ReadOnlySpan<double> lower = icf.Slice(ik * icfSize + d, lowerSize);
                    Span<double> xc = centered.Slice(ik * d, d);
                    Span<double> q = product.Slice(ik * d, d);
                    for (int id = 0; id < xc.Length; id++)
                    {
                        double c = point[id] - mean[id];
                        xc[id] = c;
                        q[id] = qdiag[id] * c;
                    }

                    int li = 0;
                    for (int i = 0; i < d; i++)
                    {
                        double c = xc[i];
                        for (int j = i + 1; j < q.Length; j++)
                        {
                            q[j] += lower[li++] * c;
                        }
                    }

                    double sqnorm = 0;
                    for (int id = 0; id < q.Length; id++)
                    {
                        sqnorm += q[id] * q[id];
                    }

                    double term = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;
                    mainTerm[ik] = term;
                    max = Math.Max(max, term);
                }

                double sumExp = 0;
                for (int ik = 0; ik < k; ik++)
                {
                    double e = Math.Exp(mainTerm[ik] - max);
                    mainTerm[ik] = e;
                    sumExp += e;
                }

                slse += Math.Log(sumExp) + max;

            }

            // −n · logsumexp(alphas).
            double alphaMax = double.NegativeInfinity;
            for (int ik = 0; ik < k; ik++)
            {
                alphaMax = Math.Max(alphaMax, alphas[ik]);
            }

            double alphaSum = 0;
            for (int ik = 0; ik < k; ik++)
            {
                alphaSum += Math.Exp(alphas[ik] - alphaMax);
            }

            double lseAlphas = Math.Log(alphaSum) + alphaMax;
            for (int ik = 0; ik < k; ik++)
            {
                alphasGrad[ik] -= n * Math.Exp(alphas[ik] - lseAlphas);
            }

            // The Wishart prior: ½γ²(‖diag Q‖² + ‖L‖²) − m Σ log Qᵢᵢ per component.
            double gamma2 = wishartGamma * wishartGamma;
            int priorN = d + wishartM + 1;
            double priorC = priorN * d * (Math.Log(wishartGamma) - 0.5 * Math.Log(2)) - global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * priorN, d);
            double prior = 0;
            for (int ik = 0; ik < k; ik++)
            {
                ReadOnlySpan<double> qdiag = qdiags.Slice(ik * d, d);
                ReadOnlySpan<double> lower = icf.Slice(ik * icfSize + d, lowerSize);
                Span<double> lowerGrad = icfGrad.Slice(ik * icfSize + d, lowerSize);
                Span<double> qdiagGrad = qdiagsGrad.Slice(ik * d, d);
                double frobenius = 0;
                for (int id = 0; id < qdiag.Length; id++)
                {
                    frobenius += qdiag[id] * qdiag[id];
                    qdiagGrad[id] += gamma2 * qdiag[id];
                }

                for (int i = 0; i < lower.Length; i++)
                {
                    frobenius += lower[i] * lower[i];
                    lowerGrad[i] += gamma2 * lower[i];
                }

                prior += 0.5 * gamma2 * frobenius - wishartM * sumQs[ik];
                sumQsGrad[ik] -= wishartM;
            }

            // Through Qᵢᵢ = exp(icfᵢ) and Σ log Qᵢᵢ into the log-diagonal entries.
            for (int ik = 0; ik < k; ik++)
            {
                for (int id = 0; id < d; id++)
                {
                    icfGrad[ik * icfSize + id] += qdiagsGrad[ik * d + id] * qdiags[ik * d + id] + sumQsGrad[ik];
                }
            }

            double constant = -n * d * 0.5 * Math.Log(2 * Math.PI);
            return constant + slse - n * lseAlphas + prior - k * priorC;
        }
#pragma warning restore CS0219

        /// <summary><see cref="ObjectivePullbackCurrent"/>, triangular reverse: reading xcentered[i] once.</summary>
        public static double ObjectivePullbackTriangularHoisted(global::System.ReadOnlySpan<double> alphas, global::System.ReadOnlySpan<double> means, global::System.ReadOnlySpan<double> icf, global::System.ReadOnlySpan<double> x, int d, int k, int n, double wishartGamma, int wishartM, double resultAdj, global::System.Span<double> alphasGrad, global::System.Span<double> meansGrad, global::System.Span<double> icfGrad)
        {
            double[] qdiags = global::System.Array.Empty<double>();
            double[] qdiagsAdj = global::System.Array.Empty<double>();
            double[] sumQs = global::System.Array.Empty<double>();
            double[] sumQsAdj = global::System.Array.Empty<double>();
            double[] xcentered = global::System.Array.Empty<double>();
            double[] xcenteredAdj = global::System.Array.Empty<double>();
            double[] qxcentered = global::System.Array.Empty<double>();
            double[] qxcenteredAdj = global::System.Array.Empty<double>();
            double[] mainTerm = global::System.Array.Empty<double>();
            double[] mainTermAdj = global::System.Array.Empty<double>();
            double sqnorm = 0.0;
            double logSumExp = 0.0;
            double arrMax = 0.0;
            double m = 0.0;
            double mx = 0.0;
            double semx = 0.0;
            double exp = 0.0;
            double exp2 = 0.0;
            double frobenius = 0.0;
            var savedDoubles = new global::Backprop.Support.ValueTape<double>(64);
            var savedBools = new global::Backprop.Support.ValueTape<bool>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            int icfSize = d * (d + 1) / 2;
            qdiags = global::Backprop.Support.LocalArrayPool<double>.Rent(d * k);
            qdiagsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qdiags.Length);
            sumQs = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            sumQsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(sumQs.Length);
            xcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            xcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(xcentered.Length);
            qxcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            qxcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qxcentered.Length);
            mainTerm = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            mainTermAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(mainTerm.Length);
            for (int ik = 0; ik < k; ik++)
            {
                for (int id = 0; id < d; id++)
                {
                    sumQs[ik] = sumQs[ik] + icf[ik * icfSize + id];
                    savedDoubles.Push(qdiags[ik * d + id]);
                    qdiags[ik * d + id] = global::System.Math.Exp(icf[ik * icfSize + id]);
                }
            }

            double slse = 0.0;
            for (int ix = 0; ix < n; ix++)
            {
                for (int ik = 0; ik < k; ik++)
                {
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    for (int id = 0; id < d; id++)
                    {
                        savedDoubles.Push(qxcentered[id]);
                        qxcentered[id] = qdiags[ik * d + id] * xcentered[id];
                    }

                    for (int i = 0; i < d; i++)
                    {
                        int jBase = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        for (int j = i + 1; j < d; j++)
                        {
                            qxcentered[j] = qxcentered[j] + icf[jBase + j] * xcentered[i];
                        }
                    }

                    sqnorm = 0.0;
                    for (int id = 0; id < d; id++)
                    {
                        sqnorm = sqnorm + qxcentered[id] * qxcentered[id];
                    }

                    mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;
                }

                m = mainTerm[0];
                for (int i3 = 1; i3 < k; i3++)
                {
                    if (m < mainTerm[i3])
                    {
                        m = mainTerm[i3];
                        savedBools.Push(true);
                    }
                    else
                    {
                        savedBools.Push(false);
                    }
                }

                arrMax = m;
                mx = arrMax;
                savedDoubles.Push(semx);
                semx = 0.0;
                for (int i2 = 0; i2 < k; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(mainTerm[i2] - mx);
                    semx = semx + exp;
                }

                logSumExp = global::System.Math.Log(semx) + mx;
                slse = slse + logSumExp;
            }

            double logSumExp2 = 0.0;
            double arrMax2 = 0.0;
            double m2 = alphas[0];
            for (int i5 = 1; i5 < k; i5++)
            {
                if (m2 < alphas[i5])
                {
                    m2 = alphas[i5];
                    savedBools.Push(true);
                }
                else
                {
                    savedBools.Push(false);
                }
            }

            arrMax2 = m2;
            double mx2 = arrMax2;
            double semx2 = 0.0;
            for (int i4 = 0; i4 < k; i4++)
            {
                savedDoubles.Push(exp2);
                exp2 = global::System.Math.Exp(alphas[i4] - mx2);
                semx2 = semx2 + exp2;
            }

            logSumExp2 = global::System.Math.Log(semx2) + mx2;
            double lseAlphas = logSumExp2;
            double constant = (double)(-n * d) * 0.5 * global::System.Math.Log(6.283185307179586);
            int priorN = d + wishartM + 1;
            double priorC = (double)(priorN * d) * (global::System.Math.Log(wishartGamma) - 0.5 * global::System.Math.Log(2.0)) - global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * (double)priorN, d);
            double prior = 0.0;
            for (int ik = 0; ik < k; ik++)
            {
                frobenius = 0.0;
                for (int id = 0; id < d; id++)
                {
                    frobenius = frobenius + qdiags[ik * d + id] * qdiags[ik * d + id];
                }

                for (int i = d; i < icfSize; i++)
                {
                    frobenius = frobenius + icf[ik * icfSize + i] * icf[ik * icfSize + i];
                }

                prior = prior + (0.5 * wishartGamma * wishartGamma * frobenius - (double)wishartM * sumQs[ik]);
            }

            double result = constant + slse - (double)n * lseAlphas + prior - (double)k * priorC;

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double slseAdj = 0.0;
            double sqnormAdj = 0.0;
            double lseAlphasAdj = 0.0;
            double priorAdj = 0.0;
            double frobeniusAdj = 0.0;
            double mxAdj = 0.0;
            double semxAdj = 0.0;
            double logSumExpAdj = 0.0;
            double mAdj = 0.0;
            double arrMaxAdj = 0.0;
            double mx2Adj = 0.0;
            double semx2Adj = 0.0;
            double logSumExp2Adj = 0.0;
            double m2Adj = 0.0;
            double arrMax2Adj = 0.0;
            double expAdj = 0.0;
            double exp2Adj = 0.0;

            // return constant + slse - n * lseAlphas + prior - k * priorC;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
            slseAdj += resultAdj;
            lseAlphasAdj += (double)n * -resultAdj;
            priorAdj += resultAdj;

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                frobeniusAdj += 0.5 * wishartGamma * wishartGamma * priorAdj;
                sumQsAdj[ik] += (double)wishartM * -priorAdj;

                // for (int i = d; i < icfSize; i++), in reverse
                for (int i = icfSize - 1; i >= d; i--)
                {
                    // frobenius += icf[ik * icfSize + i] * icf[ik * icfSize + i];  ->  d(uv) = v du + u dv
                    icfGrad[ik * icfSize + i] += frobeniusAdj * icf[ik * icfSize + i];
                    icfGrad[ik * icfSize + i] += icf[ik * icfSize + i] * frobeniusAdj;
                }

                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // frobenius += qdiags[ik * d + id] * qdiags[ik * d + id];  ->  d(uv) = v du + u dv
                    qdiagsAdj[ik * d + id] += frobeniusAdj * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] += qdiags[ik * d + id] * frobeniusAdj;
                }

                // double frobenius = 0;
                frobeniusAdj = 0.0;
            }

            // double lseAlphas = LogSumExp(alphas, k);
            logSumExp2Adj += lseAlphasAdj;

            // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
            semx2Adj += logSumExp2Adj / semx2;
            mx2Adj += logSumExp2Adj;

            // LogSumExp: for (int i = 0; i < n; i++), in reverse
            for (int i4 = k - 1; i4 >= 0; i4--)
            {
                // LogSumExp: semx += Math.Exp(x[i] - mx);
                exp2Adj += semx2Adj;

                // double exp2 = Math.Exp(alphas[i4] - mx2);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                {
                    double adj = exp2Adj * exp2;
                    alphasGrad[i4] += adj;
                    mx2Adj += -adj;
                    exp2Adj = 0.0;
                    exp2 = savedDoubles.Pop();
                }
            }

            // LogSumExp: double mx = ArrMax(x, n);
            arrMax2Adj += mx2Adj;

            // ArrMax: return m;
            m2Adj += arrMax2Adj;

            // ArrMax: for (int i = 1; i < n; i++), in reverse
            for (int i5 = k - 1; i5 >= 1; i5--)
            {
                // ArrMax: if (m < x[i]), in reverse
                if (savedBools.Pop())
                {
                    // ArrMax: m = x[i];
                    alphasGrad[i5] += m2Adj;
                    m2Adj = 0.0;
                }
            }

            // ArrMax: double m = x[0];
            alphasGrad[0] += m2Adj;

            // for (int ix = 0; ix < n; ix++), in reverse
            for (int ix = n - 1; ix >= 0; ix--)
            {
                // slse += LogSumExp(mainTerm, k);
                logSumExpAdj += slseAdj;

                // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
                semxAdj += logSumExpAdj / semx;
                mxAdj += logSumExpAdj;
                logSumExpAdj = 0.0;

                // LogSumExp: for (int i = 0; i < n; i++), in reverse
                for (int i2 = k - 1; i2 >= 0; i2--)
                {
                    // LogSumExp: semx += Math.Exp(x[i] - mx);
                    expAdj += semxAdj;

                    // double exp = Math.Exp(mainTerm[i2] - mx);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                    {
                        double adj = expAdj * exp;
                        mainTermAdj[i2] += adj;
                        mxAdj += -adj;
                        expAdj = 0.0;
                        exp = savedDoubles.Pop();
                    }
                }

                // LogSumExp: double semx = 0;
                semx = savedDoubles.Pop();
                semxAdj = 0.0;

                // LogSumExp: double mx = ArrMax(x, n);
                arrMaxAdj += mxAdj;
                mxAdj = 0.0;

                // ArrMax: return m;
                mAdj += arrMaxAdj;
                arrMaxAdj = 0.0;

                // ArrMax: for (int i = 1; i < n; i++), in reverse
                for (int i3 = k - 1; i3 >= 1; i3--)
                {
                    // ArrMax: if (m < x[i]), in reverse
                    if (savedBools.Pop())
                    {
                        // ArrMax: m = x[i];
                        mainTermAdj[i3] += mAdj;
                        mAdj = 0.0;
                    }
                }

                // ArrMax: double m = x[0];
                mainTermAdj[0] += mAdj;
                mAdj = 0.0;

                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // Recomputed rather than saved: for (int id = 0; id < d; id++) …
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    // mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                    alphasGrad[ik] += mainTermAdj[ik];
                    sumQsAdj[ik] += mainTermAdj[ik];
                    sqnormAdj += 0.5 * -mainTermAdj[ik];
                    mainTermAdj[ik] = 0.0;

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // sqnorm += qxcentered[id] * qxcentered[id];  ->  d(uv) = v du + u dv
                        qxcenteredAdj[id] += sqnormAdj * qxcentered[id];
                        qxcenteredAdj[id] += qxcentered[id] * sqnormAdj;
                    }

                    // double sqnorm = 0;
                    sqnormAdj = 0.0;

                    // for (int i = 0; i < d; i++), in reverse
                    for (int i = d - 1; i >= 0; i--)
                    {
                        int jBase2 = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        // for (int j = i + 1; j < d; j++), in reverse
                        if (d - 1 >= i + 1)
                        {
                            // The loop adds into xcenteredAdj[i] only: summed in xcenteredAdjSum, stored after it.
                            double xcenteredAdjSum = xcenteredAdj[i];
                            double xcenteredI = xcentered[i];
                            for (int j = d - 1; j >= i + 1; j--)
                            {
                                icfGrad[jBase2 + j] += qxcenteredAdj[j] * xcenteredI;
                                xcenteredAdjSum += icf[jBase2 + j] * qxcenteredAdj[j];
                            }
                            xcenteredAdj[i] = xcenteredAdjSum;
                        }
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // qxcentered[id] = qdiags[ik * d + id] * xcentered[id];  ->  d(uv) = v du + u dv
                        qxcentered[id] = savedDoubles.Pop();
                        qdiagsAdj[ik * d + id] += qxcenteredAdj[id] * xcentered[id];
                        xcenteredAdj[id] += qdiags[ik * d + id] * qxcenteredAdj[id];
                        qxcenteredAdj[id] = 0.0;
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // xcentered[id] = x[ix * d + id] - means[ik * d + id];  ->  d(u ± v) = du ± dv
                        meansGrad[ik * d + id] += -xcenteredAdj[id];
                        xcenteredAdj[id] = 0.0;
                    }
                }
            }

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // qdiags[ik * d + id] = Math.Exp(icf[ik * icfSize + id]);  ->  d exp(u) = exp(u) du
                    icfGrad[ik * icfSize + id] += qdiagsAdj[ik * d + id] * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] = 0.0;
                    qdiags[ik * d + id] = savedDoubles.Pop();

                    // sumQs[ik] += icf[ik * icfSize + id];
                    icfGrad[ik * icfSize + id] += sumQsAdj[ik];
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(qdiags);
            global::Backprop.Support.LocalArrayPool<double>.Return(qdiagsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQs);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTerm);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTermAdj);
            savedDoubles.Dispose();
            savedBools.Dispose();
            return result;
        }

        /// <summary><see cref="ObjectivePullbackCurrent"/>, triangular reverse: + j ascending.</summary>
        public static double ObjectivePullbackTriangularAscending(global::System.ReadOnlySpan<double> alphas, global::System.ReadOnlySpan<double> means, global::System.ReadOnlySpan<double> icf, global::System.ReadOnlySpan<double> x, int d, int k, int n, double wishartGamma, int wishartM, double resultAdj, global::System.Span<double> alphasGrad, global::System.Span<double> meansGrad, global::System.Span<double> icfGrad)
        {
            double[] qdiags = global::System.Array.Empty<double>();
            double[] qdiagsAdj = global::System.Array.Empty<double>();
            double[] sumQs = global::System.Array.Empty<double>();
            double[] sumQsAdj = global::System.Array.Empty<double>();
            double[] xcentered = global::System.Array.Empty<double>();
            double[] xcenteredAdj = global::System.Array.Empty<double>();
            double[] qxcentered = global::System.Array.Empty<double>();
            double[] qxcenteredAdj = global::System.Array.Empty<double>();
            double[] mainTerm = global::System.Array.Empty<double>();
            double[] mainTermAdj = global::System.Array.Empty<double>();
            double sqnorm = 0.0;
            double logSumExp = 0.0;
            double arrMax = 0.0;
            double m = 0.0;
            double mx = 0.0;
            double semx = 0.0;
            double exp = 0.0;
            double exp2 = 0.0;
            double frobenius = 0.0;
            var savedDoubles = new global::Backprop.Support.ValueTape<double>(64);
            var savedBools = new global::Backprop.Support.ValueTape<bool>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            int icfSize = d * (d + 1) / 2;
            qdiags = global::Backprop.Support.LocalArrayPool<double>.Rent(d * k);
            qdiagsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qdiags.Length);
            sumQs = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            sumQsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(sumQs.Length);
            xcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            xcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(xcentered.Length);
            qxcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            qxcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qxcentered.Length);
            mainTerm = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            mainTermAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(mainTerm.Length);
            for (int ik = 0; ik < k; ik++)
            {
                for (int id = 0; id < d; id++)
                {
                    sumQs[ik] = sumQs[ik] + icf[ik * icfSize + id];
                    savedDoubles.Push(qdiags[ik * d + id]);
                    qdiags[ik * d + id] = global::System.Math.Exp(icf[ik * icfSize + id]);
                }
            }

            double slse = 0.0;
            for (int ix = 0; ix < n; ix++)
            {
                for (int ik = 0; ik < k; ik++)
                {
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    for (int id = 0; id < d; id++)
                    {
                        savedDoubles.Push(qxcentered[id]);
                        qxcentered[id] = qdiags[ik * d + id] * xcentered[id];
                    }

                    for (int i = 0; i < d; i++)
                    {
                        int jBase = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        for (int j = i + 1; j < d; j++)
                        {
                            qxcentered[j] = qxcentered[j] + icf[jBase + j] * xcentered[i];
                        }
                    }

                    sqnorm = 0.0;
                    for (int id = 0; id < d; id++)
                    {
                        sqnorm = sqnorm + qxcentered[id] * qxcentered[id];
                    }

                    mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;
                }

                m = mainTerm[0];
                for (int i3 = 1; i3 < k; i3++)
                {
                    if (m < mainTerm[i3])
                    {
                        m = mainTerm[i3];
                        savedBools.Push(true);
                    }
                    else
                    {
                        savedBools.Push(false);
                    }
                }

                arrMax = m;
                mx = arrMax;
                savedDoubles.Push(semx);
                semx = 0.0;
                for (int i2 = 0; i2 < k; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(mainTerm[i2] - mx);
                    semx = semx + exp;
                }

                logSumExp = global::System.Math.Log(semx) + mx;
                slse = slse + logSumExp;
            }

            double logSumExp2 = 0.0;
            double arrMax2 = 0.0;
            double m2 = alphas[0];
            for (int i5 = 1; i5 < k; i5++)
            {
                if (m2 < alphas[i5])
                {
                    m2 = alphas[i5];
                    savedBools.Push(true);
                }
                else
                {
                    savedBools.Push(false);
                }
            }

            arrMax2 = m2;
            double mx2 = arrMax2;
            double semx2 = 0.0;
            for (int i4 = 0; i4 < k; i4++)
            {
                savedDoubles.Push(exp2);
                exp2 = global::System.Math.Exp(alphas[i4] - mx2);
                semx2 = semx2 + exp2;
            }

            logSumExp2 = global::System.Math.Log(semx2) + mx2;
            double lseAlphas = logSumExp2;
            double constant = (double)(-n * d) * 0.5 * global::System.Math.Log(6.283185307179586);
            int priorN = d + wishartM + 1;
            double priorC = (double)(priorN * d) * (global::System.Math.Log(wishartGamma) - 0.5 * global::System.Math.Log(2.0)) - global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * (double)priorN, d);
            double prior = 0.0;
            for (int ik = 0; ik < k; ik++)
            {
                frobenius = 0.0;
                for (int id = 0; id < d; id++)
                {
                    frobenius = frobenius + qdiags[ik * d + id] * qdiags[ik * d + id];
                }

                for (int i = d; i < icfSize; i++)
                {
                    frobenius = frobenius + icf[ik * icfSize + i] * icf[ik * icfSize + i];
                }

                prior = prior + (0.5 * wishartGamma * wishartGamma * frobenius - (double)wishartM * sumQs[ik]);
            }

            double result = constant + slse - (double)n * lseAlphas + prior - (double)k * priorC;

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double slseAdj = 0.0;
            double sqnormAdj = 0.0;
            double lseAlphasAdj = 0.0;
            double priorAdj = 0.0;
            double frobeniusAdj = 0.0;
            double mxAdj = 0.0;
            double semxAdj = 0.0;
            double logSumExpAdj = 0.0;
            double mAdj = 0.0;
            double arrMaxAdj = 0.0;
            double mx2Adj = 0.0;
            double semx2Adj = 0.0;
            double logSumExp2Adj = 0.0;
            double m2Adj = 0.0;
            double arrMax2Adj = 0.0;
            double expAdj = 0.0;
            double exp2Adj = 0.0;

            // return constant + slse - n * lseAlphas + prior - k * priorC;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
            slseAdj += resultAdj;
            lseAlphasAdj += (double)n * -resultAdj;
            priorAdj += resultAdj;

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                frobeniusAdj += 0.5 * wishartGamma * wishartGamma * priorAdj;
                sumQsAdj[ik] += (double)wishartM * -priorAdj;

                // for (int i = d; i < icfSize; i++), in reverse
                for (int i = icfSize - 1; i >= d; i--)
                {
                    // frobenius += icf[ik * icfSize + i] * icf[ik * icfSize + i];  ->  d(uv) = v du + u dv
                    icfGrad[ik * icfSize + i] += frobeniusAdj * icf[ik * icfSize + i];
                    icfGrad[ik * icfSize + i] += icf[ik * icfSize + i] * frobeniusAdj;
                }

                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // frobenius += qdiags[ik * d + id] * qdiags[ik * d + id];  ->  d(uv) = v du + u dv
                    qdiagsAdj[ik * d + id] += frobeniusAdj * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] += qdiags[ik * d + id] * frobeniusAdj;
                }

                // double frobenius = 0;
                frobeniusAdj = 0.0;
            }

            // double lseAlphas = LogSumExp(alphas, k);
            logSumExp2Adj += lseAlphasAdj;

            // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
            semx2Adj += logSumExp2Adj / semx2;
            mx2Adj += logSumExp2Adj;

            // LogSumExp: for (int i = 0; i < n; i++), in reverse
            for (int i4 = k - 1; i4 >= 0; i4--)
            {
                // LogSumExp: semx += Math.Exp(x[i] - mx);
                exp2Adj += semx2Adj;

                // double exp2 = Math.Exp(alphas[i4] - mx2);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                {
                    double adj = exp2Adj * exp2;
                    alphasGrad[i4] += adj;
                    mx2Adj += -adj;
                    exp2Adj = 0.0;
                    exp2 = savedDoubles.Pop();
                }
            }

            // LogSumExp: double mx = ArrMax(x, n);
            arrMax2Adj += mx2Adj;

            // ArrMax: return m;
            m2Adj += arrMax2Adj;

            // ArrMax: for (int i = 1; i < n; i++), in reverse
            for (int i5 = k - 1; i5 >= 1; i5--)
            {
                // ArrMax: if (m < x[i]), in reverse
                if (savedBools.Pop())
                {
                    // ArrMax: m = x[i];
                    alphasGrad[i5] += m2Adj;
                    m2Adj = 0.0;
                }
            }

            // ArrMax: double m = x[0];
            alphasGrad[0] += m2Adj;

            // for (int ix = 0; ix < n; ix++), in reverse
            for (int ix = n - 1; ix >= 0; ix--)
            {
                // slse += LogSumExp(mainTerm, k);
                logSumExpAdj += slseAdj;

                // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
                semxAdj += logSumExpAdj / semx;
                mxAdj += logSumExpAdj;
                logSumExpAdj = 0.0;

                // LogSumExp: for (int i = 0; i < n; i++), in reverse
                for (int i2 = k - 1; i2 >= 0; i2--)
                {
                    // LogSumExp: semx += Math.Exp(x[i] - mx);
                    expAdj += semxAdj;

                    // double exp = Math.Exp(mainTerm[i2] - mx);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                    {
                        double adj = expAdj * exp;
                        mainTermAdj[i2] += adj;
                        mxAdj += -adj;
                        expAdj = 0.0;
                        exp = savedDoubles.Pop();
                    }
                }

                // LogSumExp: double semx = 0;
                semx = savedDoubles.Pop();
                semxAdj = 0.0;

                // LogSumExp: double mx = ArrMax(x, n);
                arrMaxAdj += mxAdj;
                mxAdj = 0.0;

                // ArrMax: return m;
                mAdj += arrMaxAdj;
                arrMaxAdj = 0.0;

                // ArrMax: for (int i = 1; i < n; i++), in reverse
                for (int i3 = k - 1; i3 >= 1; i3--)
                {
                    // ArrMax: if (m < x[i]), in reverse
                    if (savedBools.Pop())
                    {
                        // ArrMax: m = x[i];
                        mainTermAdj[i3] += mAdj;
                        mAdj = 0.0;
                    }
                }

                // ArrMax: double m = x[0];
                mainTermAdj[0] += mAdj;
                mAdj = 0.0;

                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // Recomputed rather than saved: for (int id = 0; id < d; id++) …
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    // mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                    alphasGrad[ik] += mainTermAdj[ik];
                    sumQsAdj[ik] += mainTermAdj[ik];
                    sqnormAdj += 0.5 * -mainTermAdj[ik];
                    mainTermAdj[ik] = 0.0;

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // sqnorm += qxcentered[id] * qxcentered[id];  ->  d(uv) = v du + u dv
                        qxcenteredAdj[id] += sqnormAdj * qxcentered[id];
                        qxcenteredAdj[id] += qxcentered[id] * sqnormAdj;
                    }

                    // double sqnorm = 0;
                    sqnormAdj = 0.0;

                    // for (int i = 0; i < d; i++), in reverse
                    for (int i = d - 1; i >= 0; i--)
                    {
                        int jBase2 = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        // for (int j = i + 1; j < d; j++), in reverse
                        if (d - 1 >= i + 1)
                        {
                            // The loop adds into xcenteredAdj[i] only: summed in xcenteredAdjSum, stored after it.
                            double xcenteredAdjSum = xcenteredAdj[i];
                            double xcenteredI = xcentered[i];
                            for (int j = i + 1; j < d; j++)
                            {
                                icfGrad[jBase2 + j] += qxcenteredAdj[j] * xcenteredI;
                                xcenteredAdjSum += icf[jBase2 + j] * qxcenteredAdj[j];
                            }
                            xcenteredAdj[i] = xcenteredAdjSum;
                        }
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // qxcentered[id] = qdiags[ik * d + id] * xcentered[id];  ->  d(uv) = v du + u dv
                        qxcentered[id] = savedDoubles.Pop();
                        qdiagsAdj[ik * d + id] += qxcenteredAdj[id] * xcentered[id];
                        xcenteredAdj[id] += qdiags[ik * d + id] * qxcenteredAdj[id];
                        qxcenteredAdj[id] = 0.0;
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // xcentered[id] = x[ix * d + id] - means[ik * d + id];  ->  d(u ± v) = du ± dv
                        meansGrad[ik * d + id] += -xcenteredAdj[id];
                        xcenteredAdj[id] = 0.0;
                    }
                }
            }

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // qdiags[ik * d + id] = Math.Exp(icf[ik * icfSize + id]);  ->  d exp(u) = exp(u) du
                    icfGrad[ik * icfSize + id] += qdiagsAdj[ik * d + id] * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] = 0.0;
                    qdiags[ik * d + id] = savedDoubles.Pop();

                    // sumQs[ik] += icf[ik * icfSize + id];
                    icfGrad[ik * icfSize + id] += sumQsAdj[ik];
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(qdiags);
            global::Backprop.Support.LocalArrayPool<double>.Return(qdiagsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQs);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTerm);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTermAdj);
            savedDoubles.Dispose();
            savedBools.Dispose();
            return result;
        }

        /// <summary><see cref="ObjectivePullbackCurrent"/>, triangular reverse: + rows as slices, as the hand-written loop.</summary>
        public static double ObjectivePullbackTriangularSliced(global::System.ReadOnlySpan<double> alphas, global::System.ReadOnlySpan<double> means, global::System.ReadOnlySpan<double> icf, global::System.ReadOnlySpan<double> x, int d, int k, int n, double wishartGamma, int wishartM, double resultAdj, global::System.Span<double> alphasGrad, global::System.Span<double> meansGrad, global::System.Span<double> icfGrad)
        {
            double[] qdiags = global::System.Array.Empty<double>();
            double[] qdiagsAdj = global::System.Array.Empty<double>();
            double[] sumQs = global::System.Array.Empty<double>();
            double[] sumQsAdj = global::System.Array.Empty<double>();
            double[] xcentered = global::System.Array.Empty<double>();
            double[] xcenteredAdj = global::System.Array.Empty<double>();
            double[] qxcentered = global::System.Array.Empty<double>();
            double[] qxcenteredAdj = global::System.Array.Empty<double>();
            double[] mainTerm = global::System.Array.Empty<double>();
            double[] mainTermAdj = global::System.Array.Empty<double>();
            double sqnorm = 0.0;
            double logSumExp = 0.0;
            double arrMax = 0.0;
            double m = 0.0;
            double mx = 0.0;
            double semx = 0.0;
            double exp = 0.0;
            double exp2 = 0.0;
            double frobenius = 0.0;
            var savedDoubles = new global::Backprop.Support.ValueTape<double>(64);
            var savedBools = new global::Backprop.Support.ValueTape<bool>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            int icfSize = d * (d + 1) / 2;
            qdiags = global::Backprop.Support.LocalArrayPool<double>.Rent(d * k);
            qdiagsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qdiags.Length);
            sumQs = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            sumQsAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(sumQs.Length);
            xcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            xcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(xcentered.Length);
            qxcentered = global::Backprop.Support.LocalArrayPool<double>.Rent(d);
            qxcenteredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(qxcentered.Length);
            mainTerm = global::Backprop.Support.LocalArrayPool<double>.Rent(k);
            mainTermAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(mainTerm.Length);
            for (int ik = 0; ik < k; ik++)
            {
                for (int id = 0; id < d; id++)
                {
                    sumQs[ik] = sumQs[ik] + icf[ik * icfSize + id];
                    savedDoubles.Push(qdiags[ik * d + id]);
                    qdiags[ik * d + id] = global::System.Math.Exp(icf[ik * icfSize + id]);
                }
            }

            double slse = 0.0;
            for (int ix = 0; ix < n; ix++)
            {
                for (int ik = 0; ik < k; ik++)
                {
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    for (int id = 0; id < d; id++)
                    {
                        savedDoubles.Push(qxcentered[id]);
                        qxcentered[id] = qdiags[ik * d + id] * xcentered[id];
                    }

                    for (int i = 0; i < d; i++)
                    {
                        int jBase = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        for (int j = i + 1; j < d; j++)
                        {
                            qxcentered[j] = qxcentered[j] + icf[jBase + j] * xcentered[i];
                        }
                    }

                    sqnorm = 0.0;
                    for (int id = 0; id < d; id++)
                    {
                        sqnorm = sqnorm + qxcentered[id] * qxcentered[id];
                    }

                    mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;
                }

                m = mainTerm[0];
                for (int i3 = 1; i3 < k; i3++)
                {
                    if (m < mainTerm[i3])
                    {
                        m = mainTerm[i3];
                        savedBools.Push(true);
                    }
                    else
                    {
                        savedBools.Push(false);
                    }
                }

                arrMax = m;
                mx = arrMax;
                savedDoubles.Push(semx);
                semx = 0.0;
                for (int i2 = 0; i2 < k; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(mainTerm[i2] - mx);
                    semx = semx + exp;
                }

                logSumExp = global::System.Math.Log(semx) + mx;
                slse = slse + logSumExp;
            }

            double logSumExp2 = 0.0;
            double arrMax2 = 0.0;
            double m2 = alphas[0];
            for (int i5 = 1; i5 < k; i5++)
            {
                if (m2 < alphas[i5])
                {
                    m2 = alphas[i5];
                    savedBools.Push(true);
                }
                else
                {
                    savedBools.Push(false);
                }
            }

            arrMax2 = m2;
            double mx2 = arrMax2;
            double semx2 = 0.0;
            for (int i4 = 0; i4 < k; i4++)
            {
                savedDoubles.Push(exp2);
                exp2 = global::System.Math.Exp(alphas[i4] - mx2);
                semx2 = semx2 + exp2;
            }

            logSumExp2 = global::System.Math.Log(semx2) + mx2;
            double lseAlphas = logSumExp2;
            double constant = (double)(-n * d) * 0.5 * global::System.Math.Log(6.283185307179586);
            int priorN = d + wishartM + 1;
            double priorC = (double)(priorN * d) * (global::System.Math.Log(wishartGamma) - 0.5 * global::System.Math.Log(2.0)) - global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * (double)priorN, d);
            double prior = 0.0;
            for (int ik = 0; ik < k; ik++)
            {
                frobenius = 0.0;
                for (int id = 0; id < d; id++)
                {
                    frobenius = frobenius + qdiags[ik * d + id] * qdiags[ik * d + id];
                }

                for (int i = d; i < icfSize; i++)
                {
                    frobenius = frobenius + icf[ik * icfSize + i] * icf[ik * icfSize + i];
                }

                prior = prior + (0.5 * wishartGamma * wishartGamma * frobenius - (double)wishartM * sumQs[ik]);
            }

            double result = constant + slse - (double)n * lseAlphas + prior - (double)k * priorC;

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double slseAdj = 0.0;
            double sqnormAdj = 0.0;
            double lseAlphasAdj = 0.0;
            double priorAdj = 0.0;
            double frobeniusAdj = 0.0;
            double mxAdj = 0.0;
            double semxAdj = 0.0;
            double logSumExpAdj = 0.0;
            double mAdj = 0.0;
            double arrMaxAdj = 0.0;
            double mx2Adj = 0.0;
            double semx2Adj = 0.0;
            double logSumExp2Adj = 0.0;
            double m2Adj = 0.0;
            double arrMax2Adj = 0.0;
            double expAdj = 0.0;
            double exp2Adj = 0.0;

            // return constant + slse - n * lseAlphas + prior - k * priorC;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
            slseAdj += resultAdj;
            lseAlphasAdj += (double)n * -resultAdj;
            priorAdj += resultAdj;

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                frobeniusAdj += 0.5 * wishartGamma * wishartGamma * priorAdj;
                sumQsAdj[ik] += (double)wishartM * -priorAdj;

                // for (int i = d; i < icfSize; i++), in reverse
                for (int i = icfSize - 1; i >= d; i--)
                {
                    // frobenius += icf[ik * icfSize + i] * icf[ik * icfSize + i];  ->  d(uv) = v du + u dv
                    icfGrad[ik * icfSize + i] += frobeniusAdj * icf[ik * icfSize + i];
                    icfGrad[ik * icfSize + i] += icf[ik * icfSize + i] * frobeniusAdj;
                }

                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // frobenius += qdiags[ik * d + id] * qdiags[ik * d + id];  ->  d(uv) = v du + u dv
                    qdiagsAdj[ik * d + id] += frobeniusAdj * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] += qdiags[ik * d + id] * frobeniusAdj;
                }

                // double frobenius = 0;
                frobeniusAdj = 0.0;
            }

            // double lseAlphas = LogSumExp(alphas, k);
            logSumExp2Adj += lseAlphasAdj;

            // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
            semx2Adj += logSumExp2Adj / semx2;
            mx2Adj += logSumExp2Adj;

            // LogSumExp: for (int i = 0; i < n; i++), in reverse
            for (int i4 = k - 1; i4 >= 0; i4--)
            {
                // LogSumExp: semx += Math.Exp(x[i] - mx);
                exp2Adj += semx2Adj;

                // double exp2 = Math.Exp(alphas[i4] - mx2);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                {
                    double adj = exp2Adj * exp2;
                    alphasGrad[i4] += adj;
                    mx2Adj += -adj;
                    exp2Adj = 0.0;
                    exp2 = savedDoubles.Pop();
                }
            }

            // LogSumExp: double mx = ArrMax(x, n);
            arrMax2Adj += mx2Adj;

            // ArrMax: return m;
            m2Adj += arrMax2Adj;

            // ArrMax: for (int i = 1; i < n; i++), in reverse
            for (int i5 = k - 1; i5 >= 1; i5--)
            {
                // ArrMax: if (m < x[i]), in reverse
                if (savedBools.Pop())
                {
                    // ArrMax: m = x[i];
                    alphasGrad[i5] += m2Adj;
                    m2Adj = 0.0;
                }
            }

            // ArrMax: double m = x[0];
            alphasGrad[0] += m2Adj;

            // for (int ix = 0; ix < n; ix++), in reverse
            for (int ix = n - 1; ix >= 0; ix--)
            {
                // slse += LogSumExp(mainTerm, k);
                logSumExpAdj += slseAdj;

                // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
                semxAdj += logSumExpAdj / semx;
                mxAdj += logSumExpAdj;
                logSumExpAdj = 0.0;

                // LogSumExp: for (int i = 0; i < n; i++), in reverse
                for (int i2 = k - 1; i2 >= 0; i2--)
                {
                    // LogSumExp: semx += Math.Exp(x[i] - mx);
                    expAdj += semxAdj;

                    // double exp = Math.Exp(mainTerm[i2] - mx);  ->  d exp(u) = exp(u) du; d(u ± v) = du ± dv
                    {
                        double adj = expAdj * exp;
                        mainTermAdj[i2] += adj;
                        mxAdj += -adj;
                        expAdj = 0.0;
                        exp = savedDoubles.Pop();
                    }
                }

                // LogSumExp: double semx = 0;
                semx = savedDoubles.Pop();
                semxAdj = 0.0;

                // LogSumExp: double mx = ArrMax(x, n);
                arrMaxAdj += mxAdj;
                mxAdj = 0.0;

                // ArrMax: return m;
                mAdj += arrMaxAdj;
                arrMaxAdj = 0.0;

                // ArrMax: for (int i = 1; i < n; i++), in reverse
                for (int i3 = k - 1; i3 >= 1; i3--)
                {
                    // ArrMax: if (m < x[i]), in reverse
                    if (savedBools.Pop())
                    {
                        // ArrMax: m = x[i];
                        mainTermAdj[i3] += mAdj;
                        mAdj = 0.0;
                    }
                }

                // ArrMax: double m = x[0];
                mainTermAdj[0] += mAdj;
                mAdj = 0.0;

                // for (int ik = 0; ik < k; ik++), in reverse
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // Recomputed rather than saved: for (int id = 0; id < d; id++) …
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    // mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                    alphasGrad[ik] += mainTermAdj[ik];
                    sumQsAdj[ik] += mainTermAdj[ik];
                    sqnormAdj += 0.5 * -mainTermAdj[ik];
                    mainTermAdj[ik] = 0.0;

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // sqnorm += qxcentered[id] * qxcentered[id];  ->  d(uv) = v du + u dv
                        qxcenteredAdj[id] += sqnormAdj * qxcentered[id];
                        qxcenteredAdj[id] += qxcentered[id] * sqnormAdj;
                    }

                    // double sqnorm = 0;
                    sqnormAdj = 0.0;

                    // for (int i = 0; i < d; i++), in reverse
                    for (int i = d - 1; i >= 0; i--)
                    {
                        int jBase2 = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                        // for (int j = i + 1; j < d; j++), in reverse
                        if (d - 1 >= i + 1)
                        {
                            // The loop adds into xcenteredAdj[i] only: summed in xcenteredAdjSum, stored after it.
                            double xcenteredAdjSum = xcenteredAdj[i];
                            double xcenteredI = xcentered[i];
                            global::System.Span<double> gradRow = icfGrad.Slice(jBase2 + i + 1, d - i - 1);
                            global::System.ReadOnlySpan<double> icfRow = icf.Slice(jBase2 + i + 1, d - i - 1);
                            global::System.ReadOnlySpan<double> adjRow = new global::System.ReadOnlySpan<double>(qxcenteredAdj, i + 1, d - i - 1);
                            for (int j = 0; j < gradRow.Length; j++)
                            {
                                gradRow[j] += adjRow[j] * xcenteredI;
                                xcenteredAdjSum += icfRow[j] * adjRow[j];
                            }
                            xcenteredAdj[i] = xcenteredAdjSum;
                        }
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // qxcentered[id] = qdiags[ik * d + id] * xcentered[id];  ->  d(uv) = v du + u dv
                        qxcentered[id] = savedDoubles.Pop();
                        qdiagsAdj[ik * d + id] += qxcenteredAdj[id] * xcentered[id];
                        xcenteredAdj[id] += qdiags[ik * d + id] * qxcenteredAdj[id];
                        qxcenteredAdj[id] = 0.0;
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    for (int id = d - 1; id >= 0; id--)
                    {
                        // xcentered[id] = x[ix * d + id] - means[ik * d + id];  ->  d(u ± v) = du ± dv
                        meansGrad[ik * d + id] += -xcenteredAdj[id];
                        xcenteredAdj[id] = 0.0;
                    }
                }
            }

            // for (int ik = 0; ik < k; ik++), in reverse
            for (int ik = k - 1; ik >= 0; ik--)
            {
                // for (int id = 0; id < d; id++), in reverse
                for (int id = d - 1; id >= 0; id--)
                {
                    // qdiags[ik * d + id] = Math.Exp(icf[ik * icfSize + id]);  ->  d exp(u) = exp(u) du
                    icfGrad[ik * icfSize + id] += qdiagsAdj[ik * d + id] * qdiags[ik * d + id];
                    qdiagsAdj[ik * d + id] = 0.0;
                    qdiags[ik * d + id] = savedDoubles.Pop();

                    // sumQs[ik] += icf[ik * icfSize + id];
                    icfGrad[ik * icfSize + id] += sumQsAdj[ik];
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(qdiags);
            global::Backprop.Support.LocalArrayPool<double>.Return(qdiagsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQs);
            global::Backprop.Support.LocalArrayPool<double>.Return(sumQsAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(xcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcentered);
            global::Backprop.Support.LocalArrayPool<double>.Return(qxcenteredAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTerm);
            global::Backprop.Support.LocalArrayPool<double>.Return(mainTermAdj);
            savedDoubles.Dispose();
            savedBools.Dispose();
            return result;
        }
    }
}
