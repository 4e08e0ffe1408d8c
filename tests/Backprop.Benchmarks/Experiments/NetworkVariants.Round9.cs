using System;
using Backprop.Benchmarks.Network;

// Round 9 (2026-11-29), timing only: the hand-written network gradient without its backward pass, to split its time
// into the forward part and the backward part (docs/benchmarks.md, "Ninth round").
namespace Backprop.Benchmarks.Experiments
{
    /// <summary>Round 9 timing-only variants of the network.</summary>
    public static partial class NetworkVariants
    {
        /// <summary>Timing only: <see cref="NetworkHandWritten.Scalar"/> without its backward pass.</summary>
        /// <param name="parameters">The flat parameters.</param>
        /// <param name="inputs">The points.</param>
        /// <param name="targets">The labels.</param>
        /// <param name="inputCount">Inputs per point.</param>
        /// <param name="hiddenLayers">Hidden layers.</param>
        /// <param name="width">Units per hidden layer.</param>
        /// <param name="pointCount">Points.</param>
        /// <param name="lossKind">The loss.</param>
        /// <param name="gradient">Unused.</param>
        /// <returns>The mean loss.</returns>
        public static double HandForwardPartRound9(
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
            int firstLayerSize = width * inputCount + width;
            int layerSize = width * width + width;
            int outputOffset = firstLayerSize + (hiddenLayers - 1) * layerSize;
            int lastLayer = (hiddenLayers - 1) * width;

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

                    hidden[j] = NetworkModel.Sigmoid(sum);
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

                        hidden[l * width + j] = NetworkModel.Sigmoid(sum);
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
                if (lossKind == NetworkModel.BinaryCrossEntropy)
                {
                    total += NetworkModel.Softplus(logit) - target * logit;
                }
                else
                {
                    double error = NetworkModel.Sigmoid(logit) - target;
                    total += error * error;
                }
            }

            return total / pointCount;
        }
    }
}
