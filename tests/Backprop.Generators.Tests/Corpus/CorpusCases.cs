using System.Collections.Generic;
using static Backprop.Tests.GradientCase;

namespace Backprop.Tests.Corpus
{
    /// <summary>The adapters that call each corpus function and its generated gradient.</summary>
    public static partial class CorpusCases
    {
        public static IEnumerable<GradientCase> All()
        {
            double[] x3 = Random(11, 3);
            double[] k4 = Random(12, 16);
            yield return new GradientCase("Square", new[] { new[] { 0.7 } }, x => Smoke.Square(x[0][0]), (x, g) => Smoke.SquareGradient(x[0][0], ref g[0][0]));
            yield return new GradientCase("SigmoidPositive", new[] { new[] { 0.9 } }, x => Smoke.Sigmoid(x[0][0]), (x, g) => Smoke.SigmoidGradient(x[0][0], ref g[0][0]));
            yield return new GradientCase("SigmoidNegative", new[] { new[] { -2.5 } }, x => Smoke.Sigmoid(x[0][0]), (x, g) => Smoke.SigmoidGradient(x[0][0], ref g[0][0]));
            double[] abcX = Random(13, 4);
            yield return new GradientCase(
                "Abc",
                new[] { Random(14, 16), Random(15, 16), Random(16, 16) },
                x => Smoke.Abc(x[0], x[1], x[2], abcX, 4),
                (x, g) => Smoke.AbcGradient(x[0], x[1], x[2], abcX, 4, g[0], g[1], g[2]));
            yield return new GradientCase("Recurrence", new[] { new[] { 0.8, 0.5 } }, x => Smoke.Recurrence(x[0], 6), (x, g) => Smoke.RecurrenceGradient(x[0], 6, g[0]));
            _ = x3;
            _ = k4;
            foreach (GradientCase testCase in Functions())
            {
                yield return testCase;
            }

            foreach (GradientCase testCase in ControlFlow())
            {
                yield return testCase;
            }

            foreach (GradientCase testCase in TypesAndShapes())
            {
                yield return testCase;
            }

            foreach (GradientCase testCase in Arrays2D())
            {
                yield return testCase;
            }

            foreach (GradientCase testCase in MathLibrary())
            {
                yield return testCase;
            }

            foreach (GradientCase testCase in CustomDerivatives())
            {
                yield return testCase;
            }

            foreach (GradientCase testCase in Performance())
            {
                yield return testCase;
            }

            foreach (GradientCase testCase in PerIteration())
            {
                yield return testCase;
            }
        }
    }
}
