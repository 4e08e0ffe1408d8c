using System;

namespace Backprop.Benchmarks.Abc
{
    /// <summary>
    /// The A/B/C loss, written as a user writes it: <c>y = Ax, u = σ(y), v = Bx, z = u + v, w = Cz, L = ‖w‖²</c>
    /// for K×K matrices stored row-major. The generator writes <c>LossGradient</c>.
    /// </summary>
    public static partial class AbcModel
    {
        /// <summary>The logistic function, stable for any input.</summary>
        /// <param name="x">The input.</param>
        /// <returns>σ(x).</returns>
        [Differentiable]
        public static double Sigmoid(double x)
        {
            if (x >= 0)
            {
                return 1.0 / (1.0 + Math.Exp(-x));
            }
            else
            {
                double e = Math.Exp(x);
                return e / (1.0 + e);
            }
        }

        /// <summary>σ′ from σ's value, σ(1 − σ), as the hand-written gradient computes it from the u it keeps.</summary>
        /// <param name="sigmoid">σ(x).</param>
        /// <returns>σ′(x).</returns>
        [DerivativeOf(nameof(Sigmoid), FromResult = true)]
        public static double SigmoidDerivative(double sigmoid) => sigmoid * (1 - sigmoid);

        /// <summary>y = Mx for a K×K matrix stored row-major.</summary>
        /// <param name="m">The matrix.</param>
        /// <param name="x">The vector.</param>
        /// <param name="y">Receives Mx.</param>
        /// <param name="k">The dimension.</param>
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

        /// <summary>The loss ‖C(σ(Ax) + Bx)‖².</summary>
        /// <param name="a">A, K·K values.</param>
        /// <param name="b">B, K·K values.</param>
        /// <param name="c">C, K·K values.</param>
        /// <param name="x">The input, K values (a constant).</param>
        /// <param name="k">The dimension K.</param>
        /// <returns>The loss.</returns>
        [Differentiable]
        public static double Loss(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, [NoDerivative] ReadOnlySpan<double> x, int k)
        {
            Span<double> y = stackalloc double[k];
            Span<double> u = stackalloc double[k];
            Span<double> v = stackalloc double[k];
            Span<double> z = stackalloc double[k];
            Span<double> w = stackalloc double[k];

            MatVec(a, x, y, k);
            MatVec(b, x, v, k);
            for (int i = 0; i < k; i++)
            {
                u[i] = Sigmoid(y[i]);
                z[i] = u[i] + v[i];
            }

            MatVec(c, z, w, k);
            double loss = 0;
            for (int i = 0; i < k; i++)
            {
                loss += w[i] * w[i];
            }

            return loss;
        }
    }
}
