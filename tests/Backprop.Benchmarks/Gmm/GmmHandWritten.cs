using System;

namespace Backprop.Benchmarks.Gmm
{
    /// <summary>A hand-written gradient of <see cref="GmmModel.Objective"/>, with the generated method's contract.</summary>
    /// <remarks>
    /// For each point, the forward pass keeps x − μₖ and q = Q(x − μₖ) of every component (K·d values), the
    /// exponentials of the log-sum-exp give the responsibilities wₖ, and with q̄ = −wₖ q:
    /// ∂/∂αₖ += wₖ, ∂/∂(log Qᵢᵢ) += wₖ + q̄ᵢ (x − μ)ᵢ Qᵢᵢ, ∂/∂Lⱼᵢ += q̄ⱼ (x − μ)ᵢ, ∂/∂μₖ −= Qᵀq̄.
    /// The log-sum-exp of the alphas and the prior add their terms at the end. Exponentials of the diagonal are taken once.
    /// </remarks>
    public static class GmmHandWritten
    {
        /// <summary>Scalar loops over slices.</summary>
        /// <param name="alphas">Weight logits.</param>
        /// <param name="means">Means.</param>
        /// <param name="icf">Inverse covariance factors.</param>
        /// <param name="x">Points.</param>
        /// <param name="d">Dimension.</param>
        /// <param name="k">Components.</param>
        /// <param name="n">Points.</param>
        /// <param name="wishartGamma">γ.</param>
        /// <param name="wishartM">m.</param>
        /// <param name="alphasGrad">Added into.</param>
        /// <param name="meansGrad">Added into.</param>
        /// <param name="icfGrad">Added into.</param>
        /// <returns>The objective.</returns>
        public static double Scalar(
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

                    int li = 0;
                    for (int i = 0; i < d; i++)
                    {
                        double c = xc[i];
                        double acc = centeredBar[i];
                        for (int j = i + 1; j < d; j++)
                        {
                            lowerGrad[li] += productBar[j] * c;
                            acc += lower[li] * productBar[j];
                            li++;
                        }

                        centeredBar[i] = acc;
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
            double priorC = priorN * d * (Math.Log(wishartGamma) - 0.5 * Math.Log(2)) - GmmMath.LogGammaDistribution(0.5 * priorN, d);
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
    }
}
