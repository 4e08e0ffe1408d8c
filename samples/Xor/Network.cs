using System;

namespace Backprop.Samples.Xor
{
    /// <summary>
    /// A fully connected network with sigmoid hidden units and one output, written as plain forward code over a
    /// flat parameter array. The Backprop generator writes its gradient,
    /// <c>LossGradient(parameters, inputs, targets, inputCount, hiddenLayers, width, pointCount, lossKind, parametersGradient)</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The network has <c>hiddenLayers</c> ≥ 1 hidden layers of <c>width</c> sigmoid units each and one output
    /// whose logit z gives the probability σ(z) of label 1. The parameters are stored layer after layer; each layer
    /// stores its weights row by row (weight from input i to unit j at <c>j * fanIn + i</c>) followed by its biases:
    /// </para>
    /// <list type="bullet">
    /// <item><description>first hidden layer: <c>width · inputCount</c> weights, then <c>width</c> biases;</description></item>
    /// <item><description>each further hidden layer: <c>width · width</c> weights, then <c>width</c> biases;</description></item>
    /// <item><description>output: <c>width</c> weights, then one bias.</description></item>
    /// </list>
    /// <para>With one hidden layer of two units and two inputs this is the classic 2-2-1 network: 9 parameters.</para>
    /// </remarks>
    public static partial class Network
    {
        /// <summary>The <c>lossKind</c> of the mean squared error between σ(z) and the target.</summary>
        public const int MeanSquaredError = 0;

        /// <summary>The <c>lossKind</c> of the binary cross-entropy of σ(z) against the target, computed from the logit.</summary>
        public const int BinaryCrossEntropy = 1;

        /// <summary>The number of parameters of a network.</summary>
        /// <param name="inputCount">The number of inputs.</param>
        /// <param name="hiddenLayers">The number of hidden layers, at least 1.</param>
        /// <param name="width">The number of units of each hidden layer, at least 1.</param>
        /// <returns>The length of the flat parameter array.</returns>
        public static int ParameterCount(int inputCount, int hiddenLayers, int width)
        {
            if (inputCount < 1 || hiddenLayers < 1 || width < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(hiddenLayers), "A network needs at least one input, one hidden layer and one unit per layer.");
            }

            return (width * inputCount + width) + (hiddenLayers - 1) * (width * width + width) + width + 1;
        }

        /// <summary>The mean loss of the network over a set of labelled points.</summary>
        /// <param name="parameters">The flat parameters, <see cref="ParameterCount"/> values (see the type's remarks).</param>
        /// <param name="inputs">The points, <c>pointCount · inputCount</c> values: point p at <c>p * inputCount</c>.</param>
        /// <param name="targets">The labels, 0 or 1, one per point.</param>
        /// <param name="inputCount">The number of inputs per point.</param>
        /// <param name="hiddenLayers">The number of hidden layers, at least 1.</param>
        /// <param name="width">The number of units of each hidden layer.</param>
        /// <param name="pointCount">The number of points.</param>
        /// <param name="lossKind"><see cref="MeanSquaredError"/> for the mean of (σ(z) − t)², or
        /// <see cref="BinaryCrossEntropy"/> for the mean of −t·log σ(z) − (1 − t)·log(1 − σ(z)), computed stably from
        /// the logit by <see cref="Functions.BinaryCrossEntropyWithLogits(double, double)"/>.</param>
        /// <returns>The mean loss.</returns>
        [Differentiable]
        public static double Loss(
            double[] parameters,
            [NoDerivative] double[] inputs,
            [NoDerivative] double[] targets,
            int inputCount,
            int hiddenLayers,
            int width,
            int pointCount,
            int lossKind)
        {
            // The activations of every hidden layer for the current point: unit j of layer l at l * width + j.
            double[] hidden = new double[hiddenLayers * width];
            int firstLayerSize = width * inputCount + width;
            int layerSize = width * width + width;
            int outputOffset = firstLayerSize + (hiddenLayers - 1) * layerSize;
            int lastLayer = (hiddenLayers - 1) * width;

            double total = 0;
            for (int p = 0; p < pointCount; p++)
            {
                // First hidden layer, fed by the inputs.
                for (int j = 0; j < width; j++)
                {
                    double sum = parameters[width * inputCount + j];
                    for (int i = 0; i < inputCount; i++)
                    {
                        sum += parameters[j * inputCount + i] * inputs[p * inputCount + i];
                    }

                    hidden[j] = Functions.Sigmoid(sum);
                }

                // Further hidden layers, each fed by the one before.
                for (int l = 1; l < hiddenLayers; l++)
                {
                    int offset = firstLayerSize + (l - 1) * layerSize;
                    for (int j = 0; j < width; j++)
                    {
                        double sum = parameters[offset + width * width + j];
                        for (int i = 0; i < width; i++)
                        {
                            sum += parameters[offset + j * width + i] * hidden[(l - 1) * width + i];
                        }

                        hidden[l * width + j] = Functions.Sigmoid(sum);
                    }
                }

                // The output logit, fed by the last hidden layer.
                double logit = parameters[outputOffset + width];
                for (int i = 0; i < width; i++)
                {
                    logit += parameters[outputOffset + i] * hidden[lastLayer + i];
                }

                double target = targets[p];
                if (lossKind == BinaryCrossEntropy)
                {
                    total += Functions.BinaryCrossEntropyWithLogits(logit, target);
                }
                else
                {
                    double error = Functions.Sigmoid(logit) - target;
                    total += error * error;
                }
            }

            return total / pointCount;
        }

        /// <summary>
        /// The output logit z of the network for one point (the same computation as in <see cref="Loss"/>), for
        /// predictions: the network predicts label 1 with probability σ(z), that is when z ≥ 0.
        /// </summary>
        /// <param name="parameters">The flat parameters.</param>
        /// <param name="input">The point, <paramref name="inputCount"/> values.</param>
        /// <param name="inputCount">The number of inputs.</param>
        /// <param name="hiddenLayers">The number of hidden layers.</param>
        /// <param name="width">The number of units of each hidden layer.</param>
        /// <returns>The logit z.</returns>
        public static double Logit(ReadOnlySpan<double> parameters, ReadOnlySpan<double> input, int inputCount, int hiddenLayers, int width)
        {
            if (parameters.Length != ParameterCount(inputCount, hiddenLayers, width) || input.Length != inputCount)
            {
                throw new ArgumentException("The parameters or the point do not match the network's shape.", nameof(parameters));
            }

            double[] previous = new double[Math.Max(inputCount, width)];
            double[] current = new double[width];
            input.CopyTo(previous);
            int fanIn = inputCount;
            int offset = 0;
            for (int l = 0; l < hiddenLayers; l++)
            {
                for (int j = 0; j < width; j++)
                {
                    double sum = parameters[offset + width * fanIn + j];
                    for (int i = 0; i < fanIn; i++)
                    {
                        sum += parameters[offset + j * fanIn + i] * previous[i];
                    }

                    current[j] = Functions.Sigmoid(sum);
                }

                offset += width * fanIn + width;
                fanIn = width;
                current.CopyTo(previous, 0);
            }

            double logit = parameters[offset + width];
            for (int i = 0; i < width; i++)
            {
                logit += parameters[offset + i] * previous[i];
            }

            return logit;
        }
    }
}
