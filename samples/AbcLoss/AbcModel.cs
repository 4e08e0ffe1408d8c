using System;

namespace Backprop.Samples.AbcLoss
{
    /// <summary>
    /// The model of the sample: for K×K matrices A, B, C (stored row-major in flat arrays) and an input x ∈ Rᴷ,
    /// <c>y = Ax, u = σ(y), v = Bx, z = u + v, w = Cz</c> and <c>L = ‖w‖²</c>.
    /// </summary>
    /// <remarks>
    /// Only the forward computation is written here. The Backprop generator adds
    /// <c>LossGradient(a, b, c, x, k, aGrad, bGrad, cGrad)</c>, which returns <see cref="Loss"/> and adds
    /// ∂L/∂A, ∂L/∂B and ∂L/∂C into the three buffers. The sigmoid is the stable <see cref="Functions.Sigmoid(double)"/>
    /// of the Backprop library, whose exact derivative the generator calls.
    /// </remarks>
    public static partial class AbcModel
    {
        /// <summary>The matrix-vector product <c>y = Mx</c> for a K×K matrix stored row-major.</summary>
        /// <param name="m">The matrix, K·K values, element (i, j) at <c>i * k + j</c>.</param>
        /// <param name="x">The vector, K values.</param>
        /// <param name="y">Receives Mx, K values.</param>
        /// <param name="k">The dimension K.</param>
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

        /// <summary>The loss <c>L = ‖C(σ(Ax) + Bx)‖²</c> for one input.</summary>
        /// <param name="a">The matrix A, K·K values, row-major.</param>
        /// <param name="b">The matrix B, K·K values, row-major.</param>
        /// <param name="c">The matrix C, K·K values, row-major.</param>
        /// <param name="x">The input, K values; a constant, not differentiated.</param>
        /// <param name="k">The dimension K.</param>
        /// <returns>The squared norm of w = Cz.</returns>
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
                u[i] = Functions.Sigmoid(y[i]);
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
