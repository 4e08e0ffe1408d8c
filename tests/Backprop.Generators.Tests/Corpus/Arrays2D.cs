using System;
using Backprop;

namespace Backprop.Tests.Corpus
{
    /// <summary>Rectangular and jagged arrays: parameters, locals, helpers and their gradients of the same shape.</summary>
    public static partial class Grids
    {
        [Differentiable]
        public static double Bilinear(double[,] w, [NoDerivative] double[] x)
        {
            double s = 0;
            for (int i = 0; i < w.GetLength(0); i++)
            {
                for (int j = 0; j < w.GetLength(1); j++)
                {
                    s += Math.Tanh(w[i, j] * x[i]) * x[j];
                }
            }

            return s;
        }

        [Differentiable]
        public static double LocalTable(double[] p, int n)
        {
            double[,] table = new double[n, n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    table[i, j] = p[i] * p[j] + (i == j ? 1 : 0);
                }
            }

            // Update in place: each row reads the row above it.
            for (int i = 1; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    table[i, j] = Math.Sin(table[i, j]) * table[i - 1, j];
                }
            }

            double s = 0;
            for (int j = 0; j < n; j++)
            {
                s += table[n - 1, j];
            }

            return s;
        }

        [Differentiable]
        public static void ScaleRows(double[,] m, ReadOnlySpan<double> scale)
        {
            for (int i = 0; i < m.GetLength(0); i++)
            {
                for (int j = 0; j < m.GetLength(1); j++)
                {
                    m[i, j] = m[i, j] * scale[i];
                }
            }
        }

        [Differentiable]
        public static double CallsRectangularHelper(double[,] a, double[] scale)
        {
            double[,] copy = new double[a.GetLength(0), a.GetLength(1)];
            for (int i = 0; i < a.GetLength(0); i++)
            {
                for (int j = 0; j < a.GetLength(1); j++)
                {
                    copy[i, j] = a[i, j];
                }
            }

            ScaleRows(copy, scale);
            ScaleRows(copy, scale);
            double s = 0;
            for (int i = 0; i < copy.GetLength(0); i++)
            {
                for (int j = 0; j < copy.GetLength(1); j++)
                {
                    s += copy[i, j] * copy[i, j];
                }
            }

            return s;
        }

        /// <summary>Rows of a jagged array passed to helpers: each row's gradient is the same row of the buffer.</summary>
        [Differentiable]
        public static double JaggedRowsToHelpers(double[][] weights, double[] x)
        {
            double s = 0;
            for (int i = 0; i < weights.Length; i++)
            {
                double z = RowDot(weights[i], x) + RowNorms.SquaredNorm(weights[i]);
                s += Math.Tanh(z) * (i + 1);
            }

            return s;
        }

        /// <summary>w · x, with x at least as long as w.</summary>
        [Differentiable]
        public static double RowDot(ReadOnlySpan<double> w, ReadOnlySpan<double> x)
        {
            double sum = 0;
            for (int j = 0; j < w.Length; j++)
            {
                sum += w[j] * x[j];
            }

            return sum;
        }

        [Differentiable]
        public static double JaggedRows(double[][] rows)
        {
            double s = 0;
            for (int i = 0; i < rows.Length; i++)
            {
                double rowProduct = 1;
                for (int j = 0; j < rows[i].Length; j++)
                {
                    rowProduct *= 1 + rows[i][j];
                }

                s += rowProduct * (i + 1);
            }

            return s;
        }
    }

    /// <summary>A helper of another type, called through its pullback.</summary>
    public static partial class RowNorms
    {
        /// <summary>‖v‖² / 2.</summary>
        /// <param name="v">The values.</param>
        /// <returns>Half the squared norm.</returns>
        [Differentiable]
        public static double SquaredNorm(double[] v)
        {
            double sum = 0;
            for (int j = 0; j < v.Length; j++)
            {
                sum += v[j] * v[j];
            }

            return sum / 2;
        }
    }
}
