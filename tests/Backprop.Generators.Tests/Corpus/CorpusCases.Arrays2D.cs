using System.Collections.Generic;
using static Backprop.Tests.GradientCase;

namespace Backprop.Tests.Corpus
{
    public static partial class CorpusCases
    {
        public static IEnumerable<GradientCase> Arrays2D()
        {
            double[] x = { 0.5, -0.7, 0.9 };
            double[,] w = new double[3, 3];
            double[,] wGrad = new double[3, 3];
            yield return Vector("RectangularParameter", Random(81, 9), flat => Grids.Bilinear(Shape(flat, w), x), (flat, g) =>
            {
                double value = Grids.BilinearGradient(Shape(flat, w), x, Clear(wGrad));
                Accumulate(wGrad, g);
                return value;
            });
            yield return Vector("RectangularLocalUpdatedInPlace", Random(82, 4), p => Grids.LocalTable(p, 4), (p, g) => Grids.LocalTableGradient(p, 4, g));

            double[,] a = new double[2, 3];
            double[,] aGrad = new double[2, 3];
            yield return new GradientCase(
                "RectangularVoidHelper",
                new[] { Random(83, 6), Random(84, 2, 0.5, 1.5) },
                v => Grids.CallsRectangularHelper(Shape(v[0], a), v[1]),
                (v, d) =>
                {
                    double value = Grids.CallsRectangularHelperGradient(Shape(v[0], a), v[1], Clear(aGrad), d[1]);
                    Accumulate(aGrad, d[0]);
                    return value;
                });

            double[][] weights = { new double[2], new double[3], new double[1] };
            double[][] weightsGrad = { new double[2], new double[3], new double[1] };
            yield return new GradientCase(
                "JaggedRowsToHelpers",
                new[] { Random(86, 6, -0.5, 0.5), Random(87, 3, -0.5, 0.5) },
                v => Grids.JaggedRowsToHelpers(Shape(v[0], weights), v[1]),
                (v, d) =>
                {
                    double value = Grids.JaggedRowsToHelpersGradient(Shape(v[0], weights), v[1], Clear(weightsGrad), d[1]);
                    Accumulate(weightsGrad, d[0]);
                    return value;
                });

            double[][] rows = { new double[2], new double[3], new double[1] };
            double[][] rowsGrad = { new double[2], new double[3], new double[1] };
            yield return Vector("JaggedParameter", Random(85, 6), flat => Grids.JaggedRows(Shape(flat, rows)), (flat, g) =>
            {
                double value = Grids.JaggedRowsGradient(Shape(flat, rows), Clear(rowsGrad));
                Accumulate(rowsGrad, g);
                return value;
            });
        }

        // Adapters between the harness's flat inputs and shaped arrays, without allocating.
        private static double[,] Shape(double[] flat, double[,] into)
        {
            int k = 0;
            for (int i = 0; i < into.GetLength(0); i++)
            {
                for (int j = 0; j < into.GetLength(1); j++)
                {
                    into[i, j] = flat[k++];
                }
            }

            return into;
        }

        private static double[][] Shape(double[] flat, double[][] into)
        {
            int k = 0;
            foreach (double[] row in into)
            {
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] = flat[k++];
                }
            }

            return into;
        }

        private static double[,] Clear(double[,] array)
        {
            System.Array.Clear(array);
            return array;
        }

        private static double[][] Clear(double[][] rows)
        {
            foreach (double[] row in rows)
            {
                System.Array.Clear(row);
            }

            return rows;
        }

        private static void Accumulate(double[,] from, System.Span<double> into)
        {
            int k = 0;
            foreach (double value in from)
            {
                into[k++] += value;
            }
        }

        private static void Accumulate(double[][] from, System.Span<double> into)
        {
            int k = 0;
            foreach (double[] row in from)
            {
                foreach (double value in row)
                {
                    into[k++] += value;
                }
            }
        }
    }
}
