using System;

namespace Backprop.Benchmarks.Gmm
{
    /// <summary>
    /// The ADBench Gaussian-mixture objective: the log-likelihood of n points under K Gaussians in d dimensions
    /// plus a Wishart prior on the inverse covariances, written as plain C# after ADBench's C++ reference.
    /// </summary>
    /// <remarks>
    /// Each component has a weight logit <c>alphas[k]</c>, a mean <c>means[k·d .. k·d + d)</c> and an inverse
    /// covariance factor Q = L given by <c>icf[k·s .. k·s + s)</c>, <c>s = d(d+1)/2</c>: first the logarithms of
    /// its diagonal, then its strictly lower triangle column by column (log-Cholesky parameterisation).
    /// </remarks>
    public static partial class GmmModel
    {
        /// <summary>The largest of the first n values.</summary>
        /// <param name="x">The values.</param>
        /// <param name="n">How many.</param>
        /// <returns>The maximum.</returns>
        [Differentiable]
        public static double ArrMax(ReadOnlySpan<double> x, int n)
        {
            double m = x[0];
            for (int i = 1; i < n; i++)
            {
                if (m < x[i])
                {
                    m = x[i];
                }
            }

            return m;
        }

        /// <summary>log Σ exp(x[i]), shifted by the maximum so that it never overflows.</summary>
        /// <param name="x">The values.</param>
        /// <param name="n">How many.</param>
        /// <returns>The log-sum-exp.</returns>
        [Differentiable]
        public static double LogSumExp(ReadOnlySpan<double> x, int n)
        {
            double mx = ArrMax(x, n);
            double semx = 0;
            for (int i = 0; i < n; i++)
            {
                semx += Math.Exp(x[i] - mx);
            }

            return Math.Log(semx) + mx;
        }

        /// <summary>The log-likelihood plus the log of the Wishart prior, as ADBench's <c>gmm_objective</c>.</summary>
        /// <param name="alphas">Weight logits, K values.</param>
        /// <param name="means">Means, K·d values.</param>
        /// <param name="icf">Inverse covariance factors, K·d(d+1)/2 values.</param>
        /// <param name="x">The points, n·d values (constants).</param>
        /// <param name="d">The dimension.</param>
        /// <param name="k">The number of components.</param>
        /// <param name="n">The number of points.</param>
        /// <param name="wishartGamma">The Wishart prior's γ (a constant).</param>
        /// <param name="wishartM">The Wishart prior's m.</param>
        /// <returns>The objective.</returns>
        [Differentiable]
        public static double Objective(
            ReadOnlySpan<double> alphas,
            ReadOnlySpan<double> means,
            ReadOnlySpan<double> icf,
            [NoDerivative] ReadOnlySpan<double> x,
            int d,
            int k,
            int n,
            [NoDerivative] double wishartGamma,
            int wishartM)
        {
            int icfSize = d * (d + 1) / 2;
            double[] qdiags = new double[d * k];
            double[] sumQs = new double[k];
            double[] xcentered = new double[d];
            double[] qxcentered = new double[d];
            double[] mainTerm = new double[k];

            for (int ik = 0; ik < k; ik++)
            {
                for (int id = 0; id < d; id++)
                {
                    sumQs[ik] += icf[ik * icfSize + id];
                    qdiags[ik * d + id] = Math.Exp(icf[ik * icfSize + id]);
                }
            }

            double slse = 0;
            for (int ix = 0; ix < n; ix++)
            {
                for (int ik = 0; ik < k; ik++)
                {
                    for (int id = 0; id < d; id++)
                    {
                        xcentered[id] = x[ix * d + id] - means[ik * d + id];
                    }

                    // Q·xcentered, Q lower triangular with diagonal qdiags and the rest of icf below it.
                    for (int id = 0; id < d; id++)
                    {
                        qxcentered[id] = qdiags[ik * d + id] * xcentered[id];
                    }

                    for (int i = 0; i < d; i++)
                    {
                        for (int j = i + 1; j < d; j++)
                        {
                            qxcentered[j] += icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + j - i - 1] * xcentered[i];
                        }
                    }

                    double sqnorm = 0;
                    for (int id = 0; id < d; id++)
                    {
                        sqnorm += qxcentered[id] * qxcentered[id];
                    }

                    mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;
                }

                slse += LogSumExp(mainTerm, k);
            }

            double lseAlphas = LogSumExp(alphas, k);
            double constant = -n * d * 0.5 * Math.Log(2 * Math.PI);

            // The Wishart prior.
            int priorN = d + wishartM + 1;
            double priorC = priorN * d * (Math.Log(wishartGamma) - 0.5 * Math.Log(2)) - GmmMath.LogGammaDistribution(0.5 * priorN, d);
            double prior = 0;
            for (int ik = 0; ik < k; ik++)
            {
                double frobenius = 0;
                for (int id = 0; id < d; id++)
                {
                    frobenius += qdiags[ik * d + id] * qdiags[ik * d + id];
                }

                for (int i = d; i < icfSize; i++)
                {
                    frobenius += icf[ik * icfSize + i] * icf[ik * icfSize + i];
                }

                prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];
            }

            return constant + slse - n * lseAlphas + prior - k * priorC;
        }
    }

    /// <summary>Constants of the objective that need no derivative.</summary>
    public static class GmmMath
    {
        /// <summary>The log of the multivariate gamma function Γ_p(a).</summary>
        /// <param name="a">The argument.</param>
        /// <param name="p">The dimension.</param>
        /// <returns>log Γ_p(a).</returns>
        public static double LogGammaDistribution(double a, int p)
        {
            double result = 0.25 * p * (p - 1) * Math.Log(Math.PI);
            for (int j = 1; j <= p; j++)
            {
                result += LogGamma(a + 0.5 * (1 - j));
            }

            return result;
        }

        /// <summary>log Γ(x) for x &gt; 0 by the Lanczos approximation (g = 7, 9 terms; relative error below 1e-13).</summary>
        /// <param name="x">The argument.</param>
        /// <returns>log Γ(x).</returns>
        public static double LogGamma(double x)
        {
            if (x < 0.5)
            {
                // Reflection: Γ(x)Γ(1 − x) = π / sin(πx).
                return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
            }

            ReadOnlySpan<double> coefficients = new[]
            {
                0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
                12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
            };
            x -= 1;
            double sum = coefficients[0];
            for (int i = 1; i < coefficients.Length; i++)
            {
                sum += coefficients[i] / (x + i);
            }

            double t = x + 7.5;
            return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
        }
    }
}
