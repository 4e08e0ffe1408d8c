using System;

namespace Backprop.Benchmarks.Network
{
    /// <summary>A hand-written backpropagation of <see cref="NetworkModel.Loss"/>, with the generated method's contract.</summary>
    public static class NetworkHandWritten
    {
        /// <summary>
        /// Per point: a forward pass keeping every hidden activation, then the usual backward pass
        /// (δ of a layer = Wᵀδ of the next ⊙ a(1 − a)), with row slices so the JIT drops bounds checks.
        /// </summary>
        /// <param name="parameters">The flat parameters.</param>
        /// <param name="inputs">The points.</param>
        /// <param name="targets">The labels.</param>
        /// <param name="inputCount">Inputs per point.</param>
        /// <param name="hiddenLayers">Hidden layers.</param>
        /// <param name="width">Units per hidden layer.</param>
        /// <param name="pointCount">Points.</param>
        /// <param name="lossKind">The loss.</param>
        /// <param name="gradient">∂L/∂parameters is added here.</param>
        /// <returns>The mean loss.</returns>
        public static double Scalar(
            ReadOnlySpan<double> parameters,
            ReadOnlySpan<double> inputs,
            ReadOnlySpan<double> targets,
            int inputCount,
            int hiddenLayers,
            int width,
            int pointCount,
            int lossKind,
            Span<double> gradient)
        {
            Span<double> hidden = stackalloc double[hiddenLayers * width];
            Span<double> delta = stackalloc double[width];
            Span<double> deltaBelow = stackalloc double[width];
            int firstLayerSize = width * inputCount + width;
            int layerSize = width * width + width;
            int outputOffset = firstLayerSize + (hiddenLayers - 1) * layerSize;
            int lastLayer = (hiddenLayers - 1) * width;
            double scale = 1.0 / pointCount;

            double total = 0;
            for (int p = 0; p < pointCount; p++)
            {
                ReadOnlySpan<double> input = inputs.Slice(p * inputCount, inputCount);
                for (int j = 0; j < width; j++)
                {
                    double sum = parameters[width * inputCount + j];
                    ReadOnlySpan<double> row = parameters.Slice(j * inputCount, inputCount);
                    for (int i = 0; i < row.Length; i++)
                    {
                        sum += row[i] * input[i];
                    }

                    hidden[j] = Sigmoid(sum);
                }

                for (int l = 1; l < hiddenLayers; l++)
                {
                    int offset = firstLayerSize + (l - 1) * layerSize;
                    ReadOnlySpan<double> below = hidden.Slice((l - 1) * width, width);
                    for (int j = 0; j < width; j++)
                    {
                        double sum = parameters[offset + width * width + j];
                        ReadOnlySpan<double> row = parameters.Slice(offset + j * width, width);
                        for (int i = 0; i < row.Length; i++)
                        {
                            sum += row[i] * below[i];
                        }

                        hidden[l * width + j] = Sigmoid(sum);
                    }
                }

                ReadOnlySpan<double> last = hidden.Slice(lastLayer, width);
                ReadOnlySpan<double> outputWeights = parameters.Slice(outputOffset, width);
                double logit = parameters[outputOffset + width];
                for (int i = 0; i < outputWeights.Length; i++)
                {
                    logit += outputWeights[i] * last[i];
                }

                double target = targets[p];
                double logitBar;
                if (lossKind == NetworkModel.BinaryCrossEntropy)
                {
                    total += Softplus(logit) - target * logit;
                    logitBar = (Sigmoid(logit) - target) * scale;
                }
                else
                {
                    double s = Sigmoid(logit);
                    double error = s - target;
                    total += error * error;
                    logitBar = 2 * error * s * (1 - s) * scale;
                }

                // Output layer.
                gradient[outputOffset + width] += logitBar;
                Span<double> outputGradient = gradient.Slice(outputOffset, width);
                for (int i = 0; i < outputGradient.Length; i++)
                {
                    outputGradient[i] += logitBar * last[i];
                    delta[i] = logitBar * outputWeights[i] * last[i] * (1 - last[i]);
                }

                // Hidden layers, top to bottom; delta holds ∂L/∂(pre-activation) of layer l.
                for (int l = hiddenLayers - 1; l >= 1; l--)
                {
                    int offset = firstLayerSize + (l - 1) * layerSize;
                    ReadOnlySpan<double> below = hidden.Slice((l - 1) * width, width);
                    for (int i = 0; i < deltaBelow.Length; i++)
                    {
                        deltaBelow[i] = 0;
                    }
                    for (int j = 0; j < width; j++)
                    {
                        double d = delta[j];
                        gradient[offset + width * width + j] += d;
                        ReadOnlySpan<double> row = parameters.Slice(offset + j * width, width);
                        Span<double> rowGradient = gradient.Slice(offset + j * width, width);
                        for (int i = 0; i < row.Length; i++)
                        {
                            rowGradient[i] += d * below[i];
                            deltaBelow[i] += d * row[i];
                        }
                    }

                    for (int i = 0; i < width; i++)
                    {
                        delta[i] = deltaBelow[i] * below[i] * (1 - below[i]);
                    }
                }

                // First layer.
                for (int j = 0; j < width; j++)
                {
                    double d = delta[j];
                    gradient[width * inputCount + j] += d;
                    Span<double> rowGradient = gradient.Slice(j * inputCount, inputCount);
                    for (int i = 0; i < rowGradient.Length; i++)
                    {
                        rowGradient[i] += d * input[i];
                    }
                }
            }

            return total / pointCount;
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

        private static double Softplus(double z) => Math.Max(z, 0.0) + Math.Log(1.0 + Math.Exp(-Math.Abs(z)));
    }
}
