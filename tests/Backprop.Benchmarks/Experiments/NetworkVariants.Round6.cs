// Round 6 (2026-11-29): the generator's output for NetworkModel.Loss when it walked the rows of flat arrays
// through spans (a transform measured and not kept; docs/benchmarks.md, sixth round), compiled as the generator
// compiles it (AggressiveOptimization). The rows are made with the Span constructor here; the generator used a
// runtime helper that throws IndexOutOfRangeException instead, which timed the same.
namespace Backprop.Benchmarks.Experiments
{
    /// <summary>The round-6 copy of the generated pullback of NetworkModel.Loss.</summary>
    public static partial class NetworkVariants
    {
        /// <summary>As <see cref="LossPullbackRound5Copy"/>, the second layer's inner loops over rows (spans taken before each loop), as the generator wrote them in the sixth round.</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double LossPullbackRound6Rows(double[] parameters, double[] inputs, double[] targets, int inputCount, int hiddenLayers, int width, int pointCount, int lossKind, double resultAdj, global::System.Span<double> parametersGrad)
        {
            int offset = 0;
            double[] hidden = global::System.Array.Empty<double>();
            double[] hiddenAdj = global::System.Array.Empty<double>();
            double sum = 0.0;
            double sum2 = 0.0;
            double logit = 0.0;
            double target = 0.0;
            double softplus = 0.0;
            double exp = 0.0;
            double sigmoid = 0.0;
            double error = 0.0;

            // Forward sweep: the original computation.
            hidden = global::Backprop.Support.LocalArrayPool<double>.Rent(hiddenLayers * width);
            hiddenAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(hidden.Length);
            int firstLayerSize = width * inputCount + width;
            int layerSize = width * width + width;
            int outputOffset = firstLayerSize + (hiddenLayers - 1) * layerSize;
            int lastLayer = (hiddenLayers - 1) * width;
            double total = 0.0;

            // Reversing each iteration right away relies on the loop's index arithmetic not wrapping around int.
            if (0 < pointCount && (global::System.Math.Abs((double)checked((long)hiddenLayers * width - (long)width)) + global::System.Math.Abs((double)width) >= 2147483648.0
                || global::System.Math.Abs((double)checked((long)hiddenLayers * width)) >= 2147483648.0
                || global::System.Math.Abs((double)width) + global::System.Math.Abs((double)width) + global::System.Math.Abs((double)width) * global::System.Math.Abs((double)checked((long)hiddenLayers - 1L)) >= 2147483648.0))
            {
                throw new global::System.OverflowException("Loss: its last loop's index arithmetic could wrap around int with these arguments, and the gradient reverses that loop per iteration assuming it does not.");
            }

            // The adjoints come first: the loop below reverses each iteration right after running it.
            double totalAdj = 0.0;
            double sumAdj = 0.0;
            double sum2Adj = 0.0;
            double logitAdj = 0.0;
            double errorAdj = 0.0;
            double softplusAdj = 0.0;
            double expAdj = 0.0;
            double sigmoidAdj = 0.0;

            // return total / pointCount;  ->  d(u/v) = du/v - u dv/v²
            totalAdj += resultAdj / (double)pointCount;

            for (int p = 0; p < pointCount; p++)
            {
                for (int j = 0; j < width; j++)
                {
                    sum = parameters[width * inputCount + j];
                    for (int i = 0; i < inputCount; i++)
                    {
                        sum = sum + parameters[j * inputCount + i] * inputs[p * inputCount + i];
                    }

                    hidden[j] = global::Backprop.Benchmarks.Network.NetworkModel.Sigmoid(sum);
                }

                for (int l = 1; l < hiddenLayers; l++)
                {
                    offset = firstLayerSize + (l - 1) * layerSize;
                    for (int j = 0; j < width; j++)
                    {
                        sum2 = parameters[offset + width * width + j];
                        {
                            // Rows of the arrays this loop walks, each checked against its array once, here.
                            var parametersRow = new global::System.Span<double>(parameters, offset + j * width, width);
                            var hiddenRow = new global::System.Span<double>(hidden, (l - 1) * width, width);
                            for (int i = 0; i < parametersRow.Length; i++)
                            {
                                sum2 = sum2 + parametersRow[i] * hiddenRow[i];
                            }
                        }

                        hidden[l * width + j] = global::Backprop.Benchmarks.Network.NetworkModel.Sigmoid(sum2);
                    }
                }

                logit = parameters[outputOffset + width];
                for (int i = 0; i < width; i++)
                {
                    logit = logit + parameters[outputOffset + i] * hidden[lastLayer + i];
                }

                target = targets[p];
                if (lossKind == 1)
                {
                    exp = global::System.Math.Exp(-global::System.Math.Abs(logit));
                    softplus = global::System.Math.Max(logit, 0.0) + global::System.Math.Log(1.0 + exp);
                    total = total + (softplus - target * logit);
                }
                else
                {
                    sigmoid = global::Backprop.Benchmarks.Network.NetworkModel.Sigmoid(logit);
                    error = sigmoid - target;
                    total = total + error * error;
                }

                // This iteration in reverse, right away: no other iteration reads what it wrote.
                // if (lossKind == BinaryCrossEntropy), in reverse
                if (lossKind == 1)
                {
                    // total += Softplus(logit) - target * logit;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                    softplusAdj += totalAdj;
                    logitAdj += target * -totalAdj;

                    // Softplus: return Math.Max(z, 0.0) + Math.Log(1.0 + Math.Exp(-Math.Abs(z)));  ->  d(u ± v) = du ± dv; d max(a, b) goes to the larger argument (a on ties); d log(u) = du / u
                    {
                        if (logit >= 0.0)
                        {
                            logitAdj += softplusAdj;
                        }
                        double arg = 1.0 + exp;
                        expAdj += softplusAdj / arg;
                        softplusAdj = 0.0;
                    }

                    // double exp = Math.Exp(-Math.Abs(logit));  ->  d exp(u) = exp(u) du; d(-u) = -du; d |u| = sign(u) du
                    logitAdj += -(expAdj * exp * (logit > 0.0 ? 1.0 : logit < 0.0 ? -1.0 : logit * 0.0));
                    expAdj = 0.0;
                }
                else
                {
                    // total += error * error;  ->  d(u²) = 2u du
                    errorAdj += 2.0 * (error * totalAdj);

                    // double error = Sigmoid(logit) - target;  ->  d(u ± v) = du ± dv
                    sigmoidAdj += errorAdj;
                    errorAdj = 0.0;

                    // double sigmoid = NetworkModel.Sigmoid(logit);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du
                    logitAdj += sigmoidAdj * global::Backprop.Benchmarks.Network.NetworkModel.SigmoidDerivative(sigmoid);
                    sigmoidAdj = 0.0;
                }

                // for (int i = 0; i < width; i++), in reverse
                for (int i = width - 1; i >= 0; i--)
                {
                    // logit += parameters[outputOffset + i] * hidden[lastLayer + i];  ->  d(uv) = v du + u dv
                    parametersGrad[outputOffset + i] += logitAdj * hidden[lastLayer + i];
                    hiddenAdj[lastLayer + i] += parameters[outputOffset + i] * logitAdj;
                }

                // double logit = parameters[outputOffset + width];
                parametersGrad[outputOffset + width] += logitAdj;
                logitAdj = 0.0;

                // for (int l = 1; l < hiddenLayers; l++), in reverse
                for (int l = hiddenLayers - 1; l >= 1; l--)
                {
                    // Recomputed rather than saved: int offset = firstLayerSize + (l - 1) * layerSize;
                    offset = firstLayerSize + (l - 1) * layerSize;

                    // for (int j = 0; j < width; j++), in reverse
                    for (int j = width - 1; j >= 0; j--)
                    {
                        // hidden[l * width + j] = Sigmoid(sum);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du
                        sum2Adj += hiddenAdj[l * width + j] * global::Backprop.Benchmarks.Network.NetworkModel.SigmoidDerivative(hidden[l * width + j]);
                        hiddenAdj[l * width + j] = 0.0;

                        // for (int i = 0; i < width; i++), in reverse
                        {
                            // Rows of the arrays this loop walks, each checked against its array once, here.
                            var parametersGradRow = parametersGrad.Slice(offset + j * width, width);
                            var hiddenRow = new global::System.Span<double>(hidden, (l - 1) * width, width);
                            var hiddenAdjRow = new global::System.Span<double>(hiddenAdj, (l - 1) * width, width);
                            var parametersRow = new global::System.Span<double>(parameters, offset + j * width, width);
                            for (int i = parametersGradRow.Length - 1; i >= 0; i--)
                            {
                                // sum += parameters[offset + j * width + i] * hidden[(l - 1) * width + i];  ->  d(uv) = v du + u dv
                                parametersGradRow[i] += sum2Adj * hiddenRow[i];
                                hiddenAdjRow[i] += parametersRow[i] * sum2Adj;
                            }
                        }

                        // double sum = parameters[offset + width * width + j];
                        parametersGrad[offset + width * width + j] += sum2Adj;
                        sum2Adj = 0.0;
                    }
                }

                // for (int j = 0; j < width; j++), in reverse
                for (int j = width - 1; j >= 0; j--)
                {
                    // hidden[j] = Sigmoid(sum);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du
                    sumAdj += hiddenAdj[j] * global::Backprop.Benchmarks.Network.NetworkModel.SigmoidDerivative(hidden[j]);
                    hiddenAdj[j] = 0.0;

                    // for (int i = 0; i < inputCount; i++), in reverse
                    for (int i = inputCount - 1; i >= 0; i--)
                    {
                        // sum += parameters[j * inputCount + i] * inputs[p * inputCount + i];  ->  d(uv) = v du + u dv
                        parametersGrad[j * inputCount + i] += sumAdj * inputs[p * inputCount + i];
                    }

                    // double sum = parameters[width * inputCount + j];
                    parametersGrad[width * inputCount + j] += sumAdj;
                    sumAdj = 0.0;
                }
            }

            double result = total / (double)pointCount;

            global::Backprop.Support.LocalArrayPool<double>.Return(hidden);
            global::Backprop.Support.LocalArrayPool<double>.Return(hiddenAdj);
            return result;
        }
    }
}
