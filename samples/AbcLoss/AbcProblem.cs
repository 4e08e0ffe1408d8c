using System;

namespace Backprop.Samples.AbcLoss
{
    /// <summary>
    /// The matrices A, B, C being trained and the N fixed inputs they are trained on, all drawn from one seed.
    /// </summary>
    public sealed class AbcProblem
    {
        private AbcProblem(int k, int n, double[] a, double[] b, double[] c, double[] inputs)
        {
            K = k;
            N = n;
            A = a;
            B = b;
            C = c;
            Inputs = inputs;
        }

        /// <summary>The dimension K.</summary>
        public int K { get; }

        /// <summary>The number of inputs N.</summary>
        public int N { get; }

        /// <summary>The matrix A, K·K values, row-major.</summary>
        public double[] A { get; }

        /// <summary>The matrix B, K·K values, row-major.</summary>
        public double[] B { get; }

        /// <summary>The matrix C, K·K values, row-major.</summary>
        public double[] C { get; }

        /// <summary>The inputs, N·K values: input e occupies <c>[e * K, (e + 1) * K)</c>.</summary>
        public double[] Inputs { get; }

        /// <summary>
        /// Draws a problem: matrix entries uniform in ±1/√K (so that Ax, Bx and Cz stay of order one) and input
        /// entries uniform in ±1. The same arguments always give the same problem.
        /// </summary>
        /// <param name="k">The dimension K, at least 1.</param>
        /// <param name="n">The number of inputs N, at least 1.</param>
        /// <param name="seed">The seed of the random generator.</param>
        /// <returns>A new problem.</returns>
        public static AbcProblem Create(int k, int n, int seed)
        {
            if (k < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(k), k, "K must be at least 1.");
            }

            if (n < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(n), n, "N must be at least 1.");
            }

            var random = new Random(seed);
            double scale = 1.0 / Math.Sqrt(k);
            double[] a = Uniform(random, k * k, scale);
            double[] b = Uniform(random, k * k, scale);
            double[] c = Uniform(random, k * k, scale);
            double[] inputs = Uniform(random, n * k, 1.0);
            return new AbcProblem(k, n, a, b, c, inputs);
        }

        /// <summary>Input number <paramref name="e"/>.</summary>
        /// <param name="e">The index of the input, in [0, N).</param>
        /// <returns>A view of its K values.</returns>
        public ReadOnlySpan<double> Input(int e) => Inputs.AsSpan(e * K, K);

        /// <summary>The mean loss over the N inputs.</summary>
        /// <returns>(1/N) Σₑ ‖C(σ(A xₑ) + B xₑ)‖².</returns>
        public double MeanLoss()
        {
            double total = 0;
            for (int e = 0; e < N; e++)
            {
                total += AbcModel.Loss(A, B, C, Input(e), K);
            }

            return total / N;
        }

        /// <summary>
        /// The mean loss and its gradient: clears the three buffers, then adds the generated gradient of every input
        /// into them and divides by N.
        /// </summary>
        /// <param name="aGradient">Receives ∂(mean loss)/∂A, K·K values.</param>
        /// <param name="bGradient">Receives ∂(mean loss)/∂B, K·K values.</param>
        /// <param name="cGradient">Receives ∂(mean loss)/∂C, K·K values.</param>
        /// <returns>The mean loss at the current matrices.</returns>
        public double MeanGradient(Span<double> aGradient, Span<double> bGradient, Span<double> cGradient)
        {
            aGradient.Clear();
            bGradient.Clear();
            cGradient.Clear();
            double total = 0;
            for (int e = 0; e < N; e++)
            {
                total += AbcModel.LossGradient(A, B, C, Input(e), K, aGradient, bGradient, cGradient);
            }

            double scale = 1.0 / N;
            Scale(aGradient, scale);
            Scale(bGradient, scale);
            Scale(cGradient, scale);
            return total * scale;
        }

        /// <summary>
        /// Compares the generated gradient of the loss of input 0 with respect to A, B and C with central finite
        /// differences at the current matrices.
        /// </summary>
        /// <returns>The worst errors over the 3·K² coordinates, numbered A first, then B, then C.</returns>
        public GradientCheckResult CheckGradient()
        {
            int size = K * K;
            double[] analytic = new double[3 * size];
            double[] numeric = new double[3 * size];
            AbcModel.LossGradient(
                A,
                B,
                C,
                Input(0),
                K,
                analytic.AsSpan(0, size),
                analytic.AsSpan(size, size),
                analytic.AsSpan(2 * size, size));

            double LossOfFirstInput() => AbcModel.Loss(A, B, C, Input(0), K);
            FiniteDifferences.Gradient(LossOfFirstInput, A, numeric.AsSpan(0, size));
            FiniteDifferences.Gradient(LossOfFirstInput, B, numeric.AsSpan(size, size));
            FiniteDifferences.Gradient(LossOfFirstInput, C, numeric.AsSpan(2 * size, size));
            return GradientCheck.Compare(analytic, numeric);
        }

        /// <summary>
        /// Trains A, B and C by full-batch gradient descent on the mean loss.
        /// </summary>
        /// <param name="learningRate">The step size.</param>
        /// <param name="epochs">The number of gradient steps.</param>
        /// <param name="onEpoch">Called after each epoch with the epoch number (from 1) and the mean loss measured
        /// before that epoch's step; may be null.</param>
        /// <returns><paramref name="epochs"/> + 1 losses: the mean loss before each step, then the final one.</returns>
        public double[] Train(double learningRate, int epochs, Action<int, double>? onEpoch = null)
        {
            if (epochs < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "The number of epochs cannot be negative.");
            }

            int size = K * K;
            double[] aGradient = new double[size];
            double[] bGradient = new double[size];
            double[] cGradient = new double[size];
            double[] losses = new double[epochs + 1];
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                losses[epoch] = MeanGradient(aGradient, bGradient, cGradient);
                onEpoch?.Invoke(epoch + 1, losses[epoch]);
                Step(A, aGradient, learningRate);
                Step(B, bGradient, learningRate);
                Step(C, cGradient, learningRate);
            }

            losses[epochs] = MeanLoss();
            return losses;
        }

        private static double[] Uniform(Random random, int count, double scale)
        {
            double[] values = new double[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = scale * (2 * random.NextDouble() - 1);
            }

            return values;
        }

        private static void Scale(Span<double> values, double factor)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] *= factor;
            }
        }

        private static void Step(double[] parameters, ReadOnlySpan<double> gradient, double learningRate)
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                parameters[i] -= learningRate * gradient[i];
            }
        }
    }
}
