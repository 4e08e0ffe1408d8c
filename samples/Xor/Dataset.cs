using System;

namespace Backprop.Samples.Xor
{
    /// <summary>A set of labelled points in the plane, stored flat as <see cref="Network.Loss"/> reads them.</summary>
    public sealed class Dataset
    {
        /// <summary>The line of the <see cref="Linear"/> dataset: a point is labelled 1 when
        /// <c>LineX · x + LineY · y &gt; LineOffset</c>.</summary>
        public const double LineX = 1.0;

        /// <summary>The coefficient of y in the line of the <see cref="Linear"/> dataset.</summary>
        public const double LineY = 2.0;

        /// <summary>The right-hand side of the line of the <see cref="Linear"/> dataset.</summary>
        public const double LineOffset = 1.4;

        /// <summary>
        /// The smallest distance between a point of the <see cref="Linear"/> dataset and its line, so that the two
        /// classes are separated by a visible gap.
        /// </summary>
        public const double Margin = 0.05;

        /// <summary>The number of points of the <see cref="Linear"/> dataset unless asked otherwise.</summary>
        public const int DefaultLinearPointCount = 40;

        private Dataset(string name, double[] inputs, double[] targets)
        {
            Name = name;
            Inputs = inputs;
            Targets = targets;
        }

        /// <summary>The name of the dataset, as given to <c>--dataset</c>.</summary>
        public string Name { get; }

        /// <summary>The number of inputs per point: 2.</summary>
        public int InputCount => 2;

        /// <summary>The number of points.</summary>
        public int PointCount => Targets.Length;

        /// <summary>The coordinates, point p at <c>[2p, 2p + 1]</c>.</summary>
        public double[] Inputs { get; }

        /// <summary>The labels, 0 or 1.</summary>
        public double[] Targets { get; }

        /// <summary>Point number <paramref name="p"/>.</summary>
        /// <param name="p">The index of the point.</param>
        /// <returns>A view of its two coordinates.</returns>
        public ReadOnlySpan<double> Point(int p) => Inputs.AsSpan(p * InputCount, InputCount);

        /// <summary>The four corners of the unit square labelled by XOR: (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0.</summary>
        /// <returns>A new dataset named "xor".</returns>
        public static Dataset Xor() => new Dataset(
            "xor",
            new double[] { 0, 0, 0, 1, 1, 0, 1, 1 },
            new double[] { 0, 1, 1, 0 });

        /// <summary>
        /// Random points of the unit square labelled by the side of the line
        /// <c>x + 2y = 1.4</c> they lie on; points closer to the line than <see cref="Margin"/> are redrawn.
        /// </summary>
        /// <param name="seed">The seed of the random generator: the same seed gives the same points.</param>
        /// <param name="pointCount">The number of points, at least 2.</param>
        /// <returns>A new dataset named "linear".</returns>
        public static Dataset Linear(int seed, int pointCount = DefaultLinearPointCount)
        {
            if (pointCount < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(pointCount), pointCount, "The linear dataset needs at least two points.");
            }

            var random = new Random(seed);
            double norm = Math.Sqrt(LineX * LineX + LineY * LineY);
            double[] inputs = new double[2 * pointCount];
            double[] targets = new double[pointCount];
            for (int p = 0; p < pointCount; p++)
            {
                double x, y, side;
                do
                {
                    x = random.NextDouble();
                    y = random.NextDouble();
                    side = (LineX * x + LineY * y - LineOffset) / norm;
                }
                while (Math.Abs(side) < Margin);

                inputs[2 * p] = x;
                inputs[2 * p + 1] = y;
                targets[p] = side > 0 ? 1 : 0;
            }

            return new Dataset("linear", inputs, targets);
        }

        /// <summary>The dataset of a name given to <c>--dataset</c>.</summary>
        /// <param name="name">"xor" or "linear".</param>
        /// <param name="seed">The seed, used by "linear".</param>
        /// <param name="dataset">The dataset, or null when the name is unknown.</param>
        /// <returns>Whether the name is known.</returns>
        public static bool TryCreate(string name, int seed, out Dataset? dataset)
        {
            dataset = name switch
            {
                "xor" => Xor(),
                "linear" => Linear(seed),
                _ => null,
            };
            return dataset is not null;
        }
    }
}
