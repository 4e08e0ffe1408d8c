using System;
using System.Linq;

namespace Backprop.Tests
{
    /// <summary>
    /// One function of the corpus: its differentiable inputs (a scalar is an array of length one), the forward
    /// method and the generated gradient, both called through small adapters that do not allocate.
    /// </summary>
    public sealed class GradientCase
    {
        public GradientCase(string name, double[][] inputs, Func<double[][], double> forward, Func<double[][], double[][], double> gradient)
        {
            Name = name;
            Inputs = inputs;
            Forward = forward;
            Gradient = gradient;
        }

        public string Name { get; }

        public double[][] Inputs { get; }

        public Func<double[][], double> Forward { get; }

        public Func<double[][], double[][], double> Gradient { get; }

        public double[][] CloneInputs() => Inputs.Select(a => (double[])a.Clone()).ToArray();

        public double[][] NewGradients() => Inputs.Select(a => new double[a.Length]).ToArray();

        public override string ToString() => Name;

        /// <summary>Deterministic inputs in [lo, hi).</summary>
        public static double[] Random(int seed, int length, double lo = -1, double hi = 1)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, length).Select(_ => lo + ((hi - lo) * random.NextDouble())).ToArray();
        }
    }
}
