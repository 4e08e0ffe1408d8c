using System;

// What-if variants of the generated pullback, for the ablation in docs/benchmarks.md ("Why the targets are missed").
// Each method is a copy of the generator's output for GmmModel.Objective (as of this commit) with one more hand edit than the
// previous one; the edits are the changes to the transform proposed there. Run with --ablation: every variant is
// checked against the generated gradient (relative 1e-8) and timed. They are not updated when the generator
// changes: the pullbacks they call and the tape and pool they use are copies too (below and ExperimentRuntime.cs).
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
    }
}
