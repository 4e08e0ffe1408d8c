using System;

// Round 9 (2026-11-29): the round-8 copy of the generated GMM pullback with adjacent loops over the same range fused
// (docs/benchmarks.md, "Ninth round").
namespace Backprop.Benchmarks.Experiments
{
    /// <summary>Round 9 copies of the generated GMM pullback.</summary>
    public static partial class GmmVariants
    {
        /// <summary>The round-8 copy with adjacent reverse loops over d fused (five loops per component to three).</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double ObjectivePullbackRound9FusedReverse(global::System.ReadOnlySpan<double> alphas, global::System.ReadOnlySpan<double> means, global::System.ReadOnlySpan<double> icf, global::System.ReadOnlySpan<double> x, int d, int k, int n, double wishartGamma, int wishartM, double resultAdj, global::System.Span<double> alphasGrad, global::System.Span<double> meansGrad, global::System.Span<double> icfGrad)
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
            global::Backprop.Support.ValueTape<double> savedDoubles = new global::Backprop.Support.ValueTape<double>(64);
            global::Backprop.Support.ValueTape<bool> savedBools = new global::Backprop.Support.ValueTape<bool>(64);

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
            double logGammaDistribution = global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * (double)priorN, d);
            double priorC = (double)(priorN * d) * (global::System.Math.Log(wishartGamma) - 0.5 * global::System.Math.Log(2.0)) - logGammaDistribution;
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
            if (0 < k)
            {
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                    frobeniusAdj += 0.5 * wishartGamma * wishartGamma * priorAdj;
                    sumQsAdj[ik] += (double)wishartM * -priorAdj;

                    // for (int i = d; i < icfSize; i++), in reverse
                    for (int i = icfSize; i > d;)
                    {
                        i--; // Steps first: i >= start cannot end a loop that starts at int.MinValue.

                        // frobenius += icf[ik * icfSize + i] * icf[ik * icfSize + i];  ->  d(u²) = 2u du
                        icfGrad[ik * icfSize + i] += 2.0 * (icf[ik * icfSize + i] * frobeniusAdj);
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    if (0 < d)
                    {
                        for (int id = d - 1; id >= 0; id--)
                        {
                            // frobenius += qdiags[ik * d + id] * qdiags[ik * d + id];  ->  d(u²) = 2u du
                            qdiagsAdj[ik * d + id] += 2.0 * (qdiags[ik * d + id] * frobeniusAdj);
                        }
                    }

                    // double frobenius = 0;
                    frobeniusAdj = 0.0;
                }
            }

            // double lseAlphas = LogSumExp(alphas, k);
            logSumExp2Adj += lseAlphasAdj;

            // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
            semx2Adj += logSumExp2Adj / semx2;
            mx2Adj += logSumExp2Adj;

            // LogSumExp: for (int i = 0; i < n; i++), in reverse
            if (0 < k)
            {
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
            }

            // LogSumExp: double mx = ArrMax(x, n);
            arrMax2Adj += mx2Adj;

            // ArrMax: return m;
            m2Adj += arrMax2Adj;

            // ArrMax: for (int i = 1; i < n; i++), in reverse
            if (1 < k)
            {
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
            }

            // ArrMax: double m = x[0];
            alphasGrad[0] += m2Adj;

            // for (int ix = 0; ix < n; ix++), in reverse
            if (0 < n)
            {
                for (int ix = n - 1; ix >= 0; ix--)
                {
                    // slse += LogSumExp(mainTerm, k);
                    logSumExpAdj += slseAdj;

                    // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
                    semxAdj += logSumExpAdj / semx;
                    mxAdj += logSumExpAdj;
                    logSumExpAdj = 0.0;

                    // LogSumExp: for (int i = 0; i < n; i++), in reverse
                    if (0 < k)
                    {
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
                    if (1 < k)
                    {
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
                    }

                    // ArrMax: double m = x[0];
                    mainTermAdj[0] += mAdj;
                    mAdj = 0.0;

                    // for (int ik = 0; ik < k; ik++), in reverse
                    if (0 < k)
                    {
                        for (int ik = k - 1; ik >= 0; ik--)
                        {
                            // mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                            alphasGrad[ik] += mainTermAdj[ik];
                            sumQsAdj[ik] += mainTermAdj[ik];
                            sqnormAdj += 0.5 * -mainTermAdj[ik];
                            mainTermAdj[ik] = 0.0;

                            // FUSED: recompute xcentered + sqnorm reverse
                            if (0 < d)
                            {
                                for (int id = d - 1; id >= 0; id--)
                                {
                                    xcentered[id] = x[ix * d + id] - means[ik * d + id];
                                    qxcenteredAdj[id] += 2.0 * (qxcentered[id] * sqnormAdj);
                                }
                            }

                            // double sqnorm = 0;
                            sqnormAdj = 0.0;

                            // for (int i = 0; i < d; i++), in reverse
                            if (0 < d)
                            {
                                for (int i = d - 1; i >= 0; i--)
                                {
                                    int jBase2 = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                                    // for (int j = i + 1; j < d; j++), in reverse
                                    if (i + 1 < d)
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

                            // for (int id = 0; id < d; id++), in reverse
                            if (0 < d)
                            {
                                for (int id = d - 1; id >= 0; id--)
                                {
                                    // qxcentered[id] = qdiags[ik * d + id] * xcentered[id];  ->  d(uv) = v du + u dv
                                    qxcentered[id] = savedDoubles.Pop();
                                    qdiagsAdj[ik * d + id] += qxcenteredAdj[id] * xcentered[id];
                                    xcenteredAdj[id] += qdiags[ik * d + id] * qxcenteredAdj[id];
                                    qxcenteredAdj[id] = 0.0;
                                    // FUSED: centring reverse
                                    meansGrad[ik * d + id] += -xcenteredAdj[id];
                                    xcenteredAdj[id] = 0.0;
                                }
                            }
                        }
                    }
                }
            }

            // for (int ik = 0; ik < k; ik++), in reverse
            if (0 < k)
            {
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // for (int id = 0; id < d; id++), in reverse
                    if (0 < d)
                    {
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

        /// <summary>The round-8 copy with adjacent loops over d fused in both sweeps.</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double ObjectivePullbackRound9FusedBoth(global::System.ReadOnlySpan<double> alphas, global::System.ReadOnlySpan<double> means, global::System.ReadOnlySpan<double> icf, global::System.ReadOnlySpan<double> x, int d, int k, int n, double wishartGamma, int wishartM, double resultAdj, global::System.Span<double> alphasGrad, global::System.Span<double> meansGrad, global::System.Span<double> icfGrad)
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
            global::Backprop.Support.ValueTape<double> savedDoubles = new global::Backprop.Support.ValueTape<double>(64);
            global::Backprop.Support.ValueTape<bool> savedBools = new global::Backprop.Support.ValueTape<bool>(64);

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
            double logGammaDistribution = global::Backprop.Benchmarks.Gmm.GmmMath.LogGammaDistribution(0.5 * (double)priorN, d);
            double priorC = (double)(priorN * d) * (global::System.Math.Log(wishartGamma) - 0.5 * global::System.Math.Log(2.0)) - logGammaDistribution;
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
            if (0 < k)
            {
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                    frobeniusAdj += 0.5 * wishartGamma * wishartGamma * priorAdj;
                    sumQsAdj[ik] += (double)wishartM * -priorAdj;

                    // for (int i = d; i < icfSize; i++), in reverse
                    for (int i = icfSize; i > d;)
                    {
                        i--; // Steps first: i >= start cannot end a loop that starts at int.MinValue.

                        // frobenius += icf[ik * icfSize + i] * icf[ik * icfSize + i];  ->  d(u²) = 2u du
                        icfGrad[ik * icfSize + i] += 2.0 * (icf[ik * icfSize + i] * frobeniusAdj);
                    }

                    // for (int id = 0; id < d; id++), in reverse
                    if (0 < d)
                    {
                        for (int id = d - 1; id >= 0; id--)
                        {
                            // frobenius += qdiags[ik * d + id] * qdiags[ik * d + id];  ->  d(u²) = 2u du
                            qdiagsAdj[ik * d + id] += 2.0 * (qdiags[ik * d + id] * frobeniusAdj);
                        }
                    }

                    // double frobenius = 0;
                    frobeniusAdj = 0.0;
                }
            }

            // double lseAlphas = LogSumExp(alphas, k);
            logSumExp2Adj += lseAlphasAdj;

            // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
            semx2Adj += logSumExp2Adj / semx2;
            mx2Adj += logSumExp2Adj;

            // LogSumExp: for (int i = 0; i < n; i++), in reverse
            if (0 < k)
            {
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
            }

            // LogSumExp: double mx = ArrMax(x, n);
            arrMax2Adj += mx2Adj;

            // ArrMax: return m;
            m2Adj += arrMax2Adj;

            // ArrMax: for (int i = 1; i < n; i++), in reverse
            if (1 < k)
            {
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
            }

            // ArrMax: double m = x[0];
            alphasGrad[0] += m2Adj;

            // for (int ix = 0; ix < n; ix++), in reverse
            if (0 < n)
            {
                for (int ix = n - 1; ix >= 0; ix--)
                {
                    // slse += LogSumExp(mainTerm, k);
                    logSumExpAdj += slseAdj;

                    // LogSumExp: return Math.Log(semx) + mx;  ->  d(u ± v) = du ± dv; d log(u) = du / u
                    semxAdj += logSumExpAdj / semx;
                    mxAdj += logSumExpAdj;
                    logSumExpAdj = 0.0;

                    // LogSumExp: for (int i = 0; i < n; i++), in reverse
                    if (0 < k)
                    {
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
                    if (1 < k)
                    {
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
                    }

                    // ArrMax: double m = x[0];
                    mainTermAdj[0] += mAdj;
                    mAdj = 0.0;

                    // for (int ik = 0; ik < k; ik++), in reverse
                    if (0 < k)
                    {
                        for (int ik = k - 1; ik >= 0; ik--)
                        {
                            // mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                            alphasGrad[ik] += mainTermAdj[ik];
                            sumQsAdj[ik] += mainTermAdj[ik];
                            sqnormAdj += 0.5 * -mainTermAdj[ik];
                            mainTermAdj[ik] = 0.0;

                            // FUSED: recompute xcentered + sqnorm reverse
                            if (0 < d)
                            {
                                for (int id = d - 1; id >= 0; id--)
                                {
                                    xcentered[id] = x[ix * d + id] - means[ik * d + id];
                                    qxcenteredAdj[id] += 2.0 * (qxcentered[id] * sqnormAdj);
                                }
                            }

                            // double sqnorm = 0;
                            sqnormAdj = 0.0;

                            // for (int i = 0; i < d; i++), in reverse
                            if (0 < d)
                            {
                                for (int i = d - 1; i >= 0; i--)
                                {
                                    int jBase2 = ik * icfSize + d + i * (2 * d - i - 1) / 2 - i - 1;
                                    // for (int j = i + 1; j < d; j++), in reverse
                                    if (i + 1 < d)
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

                            // for (int id = 0; id < d; id++), in reverse
                            if (0 < d)
                            {
                                for (int id = d - 1; id >= 0; id--)
                                {
                                    // qxcentered[id] = qdiags[ik * d + id] * xcentered[id];  ->  d(uv) = v du + u dv
                                    qxcentered[id] = savedDoubles.Pop();
                                    qdiagsAdj[ik * d + id] += qxcenteredAdj[id] * xcentered[id];
                                    xcenteredAdj[id] += qdiags[ik * d + id] * qxcenteredAdj[id];
                                    qxcenteredAdj[id] = 0.0;
                                    // FUSED: centring reverse
                                    meansGrad[ik * d + id] += -xcenteredAdj[id];
                                    xcenteredAdj[id] = 0.0;
                                }
                            }
                        }
                    }
                }
            }

            // for (int ik = 0; ik < k; ik++), in reverse
            if (0 < k)
            {
                for (int ik = k - 1; ik >= 0; ik--)
                {
                    // for (int id = 0; id < d; id++), in reverse
                    if (0 < d)
                    {
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
