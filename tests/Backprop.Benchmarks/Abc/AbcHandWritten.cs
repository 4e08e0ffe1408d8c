using System;
using System.Numerics.Tensors;

namespace Backprop.Benchmarks.Abc
{
    /// <summary>
    /// Hand-written gradients of <see cref="AbcModel.Loss"/> with the generated method's contract: they return the loss
    /// and add ∂L/∂A, ∂L/∂B, ∂L/∂C into the buffers.
    /// </summary>
    /// <remarks>
    /// With <c>ḡ = 2w</c>: <c>∂L/∂C = ḡ zᵀ</c>, <c>z̄ = Cᵀḡ</c>, <c>∂L/∂B = z̄ xᵀ</c>, <c>ȳ = z̄ ⊙ u ⊙ (1 − u)</c>,
    /// <c>∂L/∂A = ȳ xᵀ</c>. The forward pass keeps u and z; the pass over C computes w, ∂L/∂C and z̄ row by row.
    /// </remarks>
    public static class AbcHandWritten
    {
        /// <summary>Scalar loops over row slices (so the JIT drops bounds checks), one exponential per unit.</summary>
        /// <param name="a">A.</param>
        /// <param name="b">B.</param>
        /// <param name="c">C.</param>
        /// <param name="x">The input.</param>
        /// <param name="k">K.</param>
        /// <param name="aGrad">∂L/∂A is added here.</param>
        /// <param name="bGrad">∂L/∂B is added here.</param>
        /// <param name="cGrad">∂L/∂C is added here.</param>
        /// <returns>The loss.</returns>
        public static double Scalar(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> x, int k, Span<double> aGrad, Span<double> bGrad, Span<double> cGrad)
        {
            Span<double> u = stackalloc double[k];
            Span<double> z = stackalloc double[k];
            Span<double> zBar = stackalloc double[k];
            x = x.Slice(0, k);

            for (int i = 0; i < k; i++)
            {
                ReadOnlySpan<double> rowA = a.Slice(i * k, k);
                ReadOnlySpan<double> rowB = b.Slice(i * k, k);
                double y = 0;
                double v = 0;
                for (int j = 0; j < rowA.Length; j++)
                {
                    y += rowA[j] * x[j];
                }

                for (int j = 0; j < rowB.Length; j++)
                {
                    v += rowB[j] * x[j];
                }

                double s = Sigmoid(y);
                u[i] = s;
                z[i] = s + v;
            }

            zBar.Clear();
            double loss = 0;
            for (int i = 0; i < k; i++)
            {
                ReadOnlySpan<double> rowC = c.Slice(i * k, k);
                double w = 0;
                for (int j = 0; j < rowC.Length; j++)
                {
                    w += rowC[j] * z[j];
                }

                loss += w * w;
                double g = 2 * w;
                Span<double> gradC = cGrad.Slice(i * k, k);
                for (int j = 0; j < gradC.Length; j++)
                {
                    gradC[j] += g * z[j];
                    zBar[j] += g * rowC[j];
                }
            }

            for (int i = 0; i < k; i++)
            {
                double vBar = zBar[i];
                double yBar = vBar * u[i] * (1 - u[i]);
                Span<double> gradA = aGrad.Slice(i * k, k);
                Span<double> gradB = bGrad.Slice(i * k, k);
                for (int j = 0; j < gradA.Length; j++)
                {
                    gradA[j] += yBar * x[j];
                }

                for (int j = 0; j < gradB.Length; j++)
                {
                    gradB[j] += vBar * x[j];
                }
            }

            return loss;
        }

        /// <summary>The same computation with <see cref="TensorPrimitives"/>: dot products, sigmoid and axpy updates in SIMD.</summary>
        /// <param name="a">A.</param>
        /// <param name="b">B.</param>
        /// <param name="c">C.</param>
        /// <param name="x">The input.</param>
        /// <param name="k">K.</param>
        /// <param name="aGrad">∂L/∂A is added here.</param>
        /// <param name="bGrad">∂L/∂B is added here.</param>
        /// <param name="cGrad">∂L/∂C is added here.</param>
        /// <returns>The loss.</returns>
        public static double Vectorized(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> x, int k, Span<double> aGrad, Span<double> bGrad, Span<double> cGrad)
        {
            Span<double> u = stackalloc double[k];
            Span<double> z = stackalloc double[k];
            Span<double> zBar = stackalloc double[k];
            Span<double> yBar = stackalloc double[k];
            x = x.Slice(0, k);

            for (int i = 0; i < k; i++)
            {
                u[i] = TensorPrimitives.Dot(a.Slice(i * k, k), x);
                z[i] = TensorPrimitives.Dot(b.Slice(i * k, k), x);
            }

            TensorPrimitives.Sigmoid(u, u);
            TensorPrimitives.Add(z, u, z);

            zBar.Clear();
            double loss = 0;
            for (int i = 0; i < k; i++)
            {
                ReadOnlySpan<double> rowC = c.Slice(i * k, k);
                double w = TensorPrimitives.Dot(rowC, z);
                loss += w * w;
                double g = 2 * w;
                Span<double> gradC = cGrad.Slice(i * k, k);
                TensorPrimitives.MultiplyAdd(z, g, gradC, gradC);
                TensorPrimitives.MultiplyAdd(rowC, g, zBar, zBar);
            }

            // ȳ = z̄ ⊙ (u − u²)
            TensorPrimitives.Multiply(u, u, yBar);
            TensorPrimitives.Subtract(u, yBar, yBar);
            TensorPrimitives.Multiply(yBar, zBar, yBar);
            for (int i = 0; i < k; i++)
            {
                Span<double> gradA = aGrad.Slice(i * k, k);
                Span<double> gradB = bGrad.Slice(i * k, k);
                TensorPrimitives.MultiplyAdd(x, yBar[i], gradA, gradA);
                TensorPrimitives.MultiplyAdd(x, zBar[i], gradB, gradB);
            }

            return loss;
        }

        private static double Sigmoid(double x)
        {
            if (x >= 0)
            {
                return 1.0 / (1.0 + Math.Exp(-x));
            }

            double e = Math.Exp(x);
            return e / (1.0 + e);
        }
    }
}
