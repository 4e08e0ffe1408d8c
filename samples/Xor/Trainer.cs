using System;

namespace Backprop.Samples.Xor
{
    /// <summary>The settings of one training run; the defaults are those of <c>dotnet run --project samples/Xor</c>.</summary>
    public sealed record TrainingOptions
    {
        /// <summary>The number of hidden layers (<c>--layers</c>).</summary>
        public int HiddenLayers { get; init; } = 2;

        /// <summary>The number of units per hidden layer (<c>--hidden</c>).</summary>
        public int Width { get; init; } = 8;

        /// <summary>The loss (<c>--loss</c>): <see cref="Network.BinaryCrossEntropy"/> or <see cref="Network.MeanSquaredError"/>.</summary>
        public int LossKind { get; init; } = Network.BinaryCrossEntropy;

        /// <summary>The step size of gradient descent (<c>--lr</c>).</summary>
        public double LearningRate { get; init; } = 1.0;

        /// <summary>The number of full-batch gradient steps (<c>--epochs</c>).</summary>
        public int Epochs { get; init; } = 3000;

        /// <summary>The seed of the initial parameters and of the linear dataset's points (<c>--seed</c>).</summary>
        public int Seed { get; init; } = 1;

        /// <summary>Checks that the settings describe a network that can be trained.</summary>
        /// <returns>Null when they do, else what is wrong.</returns>
        public string? Validate()
        {
            if (HiddenLayers < 1)
            {
                return "--layers must be at least 1.";
            }

            if (Width < 1)
            {
                return "--hidden must be at least 1.";
            }

            if (LossKind != Network.BinaryCrossEntropy && LossKind != Network.MeanSquaredError)
            {
                return "--loss must be mse or bce.";
            }

            if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            {
                return "--lr must be a positive number.";
            }

            return Epochs < 0 ? "--epochs cannot be negative." : null;
        }
    }

    /// <summary>The outcome of a training run.</summary>
    public sealed class TrainingResult
    {
        /// <summary>Creates a result.</summary>
        /// <param name="parameters">The trained parameters.</param>
        /// <param name="losses">The mean loss before every epoch, then after the last one.</param>
        /// <param name="probabilities">The predicted probability of label 1 for every point.</param>
        /// <param name="correct">The number of points whose predicted label is their label.</param>
        public TrainingResult(double[] parameters, double[] losses, double[] probabilities, int correct)
        {
            Parameters = parameters;
            Losses = losses;
            Probabilities = probabilities;
            Correct = correct;
        }

        /// <summary>The trained parameters.</summary>
        public double[] Parameters { get; }

        /// <summary>Epochs + 1 values: the mean loss before each epoch's step, then the final loss.</summary>
        public double[] Losses { get; }

        /// <summary>The mean loss after training.</summary>
        public double FinalLoss => Losses[Losses.Length - 1];

        /// <summary>The predicted probability σ(z) of label 1, per point.</summary>
        public double[] Probabilities { get; }

        /// <summary>The number of correctly classified points (probability ≥ 0.5 predicts 1).</summary>
        public int Correct { get; }

        /// <summary>The fraction of correctly classified points, in [0, 1].</summary>
        public double Accuracy => Probabilities.Length == 0 ? 0 : (double)Correct / Probabilities.Length;
    }

    /// <summary>Initialises, checks and trains a <see cref="Network"/> with the generated gradient.</summary>
    public static class Trainer
    {
        /// <summary>
        /// Random initial parameters: the weights of a layer uniform in ±√(6 / (fanIn + fanOut)) (Glorot), the biases
        /// zero. The same arguments always give the same parameters.
        /// </summary>
        /// <param name="inputCount">The number of inputs.</param>
        /// <param name="hiddenLayers">The number of hidden layers.</param>
        /// <param name="width">The units per hidden layer.</param>
        /// <param name="seed">The seed of the random generator.</param>
        /// <returns>A new array of <see cref="Network.ParameterCount"/> values.</returns>
        public static double[] InitialParameters(int inputCount, int hiddenLayers, int width, int seed)
        {
            double[] parameters = new double[Network.ParameterCount(inputCount, hiddenLayers, width)];
            var random = new Random(seed);
            int offset = 0;
            for (int l = 0; l <= hiddenLayers; l++)
            {
                int fanIn = l == 0 ? inputCount : width;
                int fanOut = l == hiddenLayers ? 1 : width;
                double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
                for (int w = 0; w < fanIn * fanOut; w++)
                {
                    parameters[offset + w] = limit * (2 * random.NextDouble() - 1);
                }

                offset += fanIn * fanOut + fanOut;
            }

            return parameters;
        }

        /// <summary>
        /// Compares the generated gradient of <see cref="Network.Loss"/> with central finite differences.
        /// </summary>
        /// <param name="data">The points.</param>
        /// <param name="parameters">Where to compare; perturbed during the check and restored.</param>
        /// <param name="hiddenLayers">The number of hidden layers.</param>
        /// <param name="width">The units per hidden layer.</param>
        /// <param name="lossKind">The loss.</param>
        /// <returns>The worst errors over all parameters.</returns>
        public static GradientCheckResult CheckGradient(Dataset data, double[] parameters, int hiddenLayers, int width, int lossKind)
        {
            double[] analytic = new double[parameters.Length];
            Network.LossGradient(
                parameters, data.Inputs, data.Targets, data.InputCount, hiddenLayers, width, data.PointCount, lossKind, analytic);
            return GradientCheck.Check(
                () => Network.Loss(parameters, data.Inputs, data.Targets, data.InputCount, hiddenLayers, width, data.PointCount, lossKind),
                parameters,
                analytic);
        }

        /// <summary>Trains a network on <paramref name="data"/> by full-batch gradient descent.</summary>
        /// <param name="data">The points.</param>
        /// <param name="options">The settings; see <see cref="TrainingOptions.Validate"/>.</param>
        /// <param name="onEpoch">Called after each epoch with the number of epochs done and the mean loss measured
        /// before that epoch's step; may be null.</param>
        /// <returns>The trained parameters, the learning curve and the predictions.</returns>
        public static TrainingResult Train(Dataset data, TrainingOptions options, Action<int, double>? onEpoch = null)
        {
            if (options.Validate() is string problem)
            {
                throw new ArgumentException(problem, nameof(options));
            }

            int layers = options.HiddenLayers, width = options.Width, lossKind = options.LossKind;
            double[] parameters = InitialParameters(data.InputCount, layers, width, options.Seed);
            double[] gradient = new double[parameters.Length];
            double[] losses = new double[options.Epochs + 1];
            for (int epoch = 0; epoch < options.Epochs; epoch++)
            {
                Array.Clear(gradient);
                losses[epoch] = Network.LossGradient(
                    parameters, data.Inputs, data.Targets, data.InputCount, layers, width, data.PointCount, lossKind, gradient);
                for (int i = 0; i < parameters.Length; i++)
                {
                    parameters[i] -= options.LearningRate * gradient[i];
                }

                onEpoch?.Invoke(epoch + 1, losses[epoch]);
            }

            losses[options.Epochs] = Network.Loss(
                parameters, data.Inputs, data.Targets, data.InputCount, layers, width, data.PointCount, lossKind);

            double[] probabilities = new double[data.PointCount];
            int correct = 0;
            for (int p = 0; p < data.PointCount; p++)
            {
                probabilities[p] = Functions.Sigmoid(Network.Logit(parameters, data.Point(p), data.InputCount, layers, width));
                if ((probabilities[p] >= 0.5 ? 1.0 : 0.0) == data.Targets[p])
                {
                    correct++;
                }
            }

            return new TrainingResult(parameters, losses, probabilities, correct);
        }
    }
}
