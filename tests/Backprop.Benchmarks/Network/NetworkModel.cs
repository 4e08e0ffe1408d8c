using System;

namespace Backprop.Benchmarks.Network
{
    /// <summary>
    /// A copy of the Xor sample's network loss (samples/Xor/Network.cs), so that the benchmark does not depend on the
    /// sample: a fully connected sigmoid network over a flat parameter array, mean loss over a set of points.
    /// </summary>
    public static partial class NetworkModel
    {
        /// <summary>The <c>lossKind</c> of the mean squared error of σ(z).</summary>
        public const int MeanSquaredError = 0;

        /// <summary>The <c>lossKind</c> of the binary cross-entropy from the logit.</summary>
        public const int BinaryCrossEntropy = 1;

        /// <summary>The number of parameters of a network.</summary>
        /// <param name="inputCount">Inputs.</param>
        /// <param name="hiddenLayers">Hidden layers.</param>
        /// <param name="width">Units per hidden layer.</param>
        /// <returns>The parameter count.</returns>
        public static int ParameterCount(int inputCount, int hiddenLayers, int width)
            => (width * inputCount + width) + (hiddenLayers - 1) * (width * width + width) + width + 1;

        /// <summary>The logistic function, stable for any input.</summary>
        /// <param name="x">The input.</param>
        /// <returns>σ(x).</returns>
        [Differentiable]
        public static double Sigmoid(double x)
        {
            if (x >= 0)
            {
                return 1.0 / (1.0 + Math.Exp(-x));
            }
            else
            {
                double e = Math.Exp(x);
                return e / (1.0 + e);
            }
        }

        /// <summary>
        /// σ′ from σ's value, σ(1 − σ), as the hand-written gradient computes it: the generated gradient then keeps
        /// each unit's activation instead of differentiating σ's formula (its exponential, its branch).
        /// </summary>
        /// <param name="sigmoid">σ(x).</param>
        /// <returns>σ′(x).</returns>
        [DerivativeOf(nameof(Sigmoid), FromResult = true)]
        public static double SigmoidDerivative(double sigmoid) => sigmoid * (1 - sigmoid);

        /// <summary>softplus(z) = log(1 + eᶻ), computed without overflow.</summary>
        /// <param name="z">The input.</param>
        /// <returns>softplus(z).</returns>
        [Differentiable]
        public static double Softplus(double z) => Math.Max(z, 0.0) + Math.Log(1.0 + Math.Exp(-Math.Abs(z)));

        /// <summary>The mean loss of the network over the points.</summary>
        /// <param name="parameters">The flat parameters, layer after layer, each layer's weights row by row, then its biases.</param>
        /// <param name="inputs">The points, <c>pointCount · inputCount</c> values.</param>
        /// <param name="targets">The labels.</param>
        /// <param name="inputCount">Inputs per point.</param>
        /// <param name="hiddenLayers">Hidden layers.</param>
        /// <param name="width">Units per hidden layer.</param>
        /// <param name="pointCount">Points.</param>
        /// <param name="lossKind"><see cref="MeanSquaredError"/> or <see cref="BinaryCrossEntropy"/>.</param>
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
            double[] hidden = new double[hiddenLayers * width];
            int firstLayerSize = width * inputCount + width;
            int layerSize = width * width + width;
            int outputOffset = firstLayerSize + (hiddenLayers - 1) * layerSize;
            int lastLayer = (hiddenLayers - 1) * width;

            double total = 0;
            for (int p = 0; p < pointCount; p++)
            {
                for (int j = 0; j < width; j++)
                {
                    double sum = parameters[width * inputCount + j];
                    for (int i = 0; i < inputCount; i++)
                    {
                        sum += parameters[j * inputCount + i] * inputs[p * inputCount + i];
                    }

                    hidden[j] = Sigmoid(sum);
                }

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

                        hidden[l * width + j] = Sigmoid(sum);
                    }
                }

                double logit = parameters[outputOffset + width];
                for (int i = 0; i < width; i++)
                {
                    logit += parameters[outputOffset + i] * hidden[lastLayer + i];
                }

                double target = targets[p];
                if (lossKind == BinaryCrossEntropy)
                {
                    total += Softplus(logit) - target * logit;
                }
                else
                {
                    double error = Sigmoid(logit) - target;
                    total += error * error;
                }
            }

            return total / pointCount;
        }
    }
}
