using System;

// What-if variants of the generated pullback, for the ablation in docs/benchmarks.md ("Why the targets are missed").
// Each method is a copy of the generator's output for NetworkModel.Loss (as of this commit) with one more hand edit than the
// previous one; the edits are the changes to the transform proposed there. Run with --ablation: every variant is
// checked against the generated gradient (relative 1e-8) and timed. They are not updated when the generator
// changes: the pullbacks they call and the tape and pool they use are copies too (below and ExperimentRuntime.cs).
// Round 3 (the "round 3" variants, 2026-11-29): a copy of the generator's output at that date (…Current, using the real
// runtime's tape and pool) and variants that each make one edit to that copy; "timing only" variants leave a part
// out to measure what it costs, so their gradients are wrong and not checked.
namespace Backprop.Benchmarks.Experiments
{
    /// <summary>Hand-edited copies of the generated pullback of NetworkModel.Loss.</summary>
    public static partial class NetworkVariants
    {
        /// <summary>A variant of the generated pullback (see the file header).</summary>
        public static double LossPullbackAsGenerated(double[] parameters, double[] inputs, double[] targets, int inputCount, int hiddenLayers, int width, int pointCount, int lossKind, double resultAdj, global::System.Span<double> parametersGrad)
        {
            double[] hidden = global::System.Array.Empty<double>();
            double[] hiddenAdj = global::System.Array.Empty<double>();
            double sum = 0.0;
            int offset = 0;
            double sum2 = 0.0;
            double logit = 0.0;
            double target = 0.0;
            double error = 0.0;
            var savedDoubles = new ExperimentTape<double>(64);
            var savedInts = new ExperimentTape<int>(64);

            try
            {
                // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
                hidden = ExperimentPool<double>.Rent(hiddenLayers * width);
                hiddenAdj = ExperimentPool<double>.Rent(hidden.Length);
                int firstLayerSize = width * inputCount + width;
                int layerSize = width * width + width;
                int outputOffset = firstLayerSize + (hiddenLayers - 1) * layerSize;
                int lastLayer = (hiddenLayers - 1) * width;
                double total = 0.0;
                for (int p = 0; p < pointCount; p++)
                {
                    for (int j = 0; j < width; j++)
                    {
                        savedDoubles.Push(sum);
                        sum = parameters[width * inputCount + j];
                        for (int i = 0; i < inputCount; i++)
                        {
                            savedDoubles.Push(sum);
                            sum = sum + parameters[j * inputCount + i] * inputs[p * inputCount + i];
                        }

                        savedDoubles.Push(hidden[j]);
                        hidden[j] = global::Backprop.Benchmarks.Network.NetworkModel.Sigmoid(sum);
                    }

                    for (int l = 1; l < hiddenLayers; l++)
                    {
                        savedInts.Push(offset);
                        offset = firstLayerSize + (l - 1) * layerSize;
                        for (int j = 0; j < width; j++)
                        {
                            savedDoubles.Push(sum2);
                            sum2 = parameters[offset + width * width + j];
                            for (int i = 0; i < width; i++)
                            {
                                savedDoubles.Push(sum2);
                                sum2 = sum2 + parameters[offset + j * width + i] * hidden[(l - 1) * width + i];
                            }

                            savedDoubles.Push(hidden[l * width + j]);
                            hidden[l * width + j] = global::Backprop.Benchmarks.Network.NetworkModel.Sigmoid(sum2);
                        }
                    }

                    savedDoubles.Push(logit);
                    logit = parameters[outputOffset + width];
                    for (int i = 0; i < width; i++)
                    {
                        savedDoubles.Push(logit);
                        logit = logit + parameters[outputOffset + i] * hidden[lastLayer + i];
                    }

                    savedDoubles.Push(target);
                    target = targets[p];
                    if (lossKind == 1)
                    {
                        total = total + (global::Backprop.Benchmarks.Network.NetworkModel.Softplus(logit) - target * logit);
                    }
                    else
                    {
                        savedDoubles.Push(error);
                        error = global::Backprop.Benchmarks.Network.NetworkModel.Sigmoid(logit) - target;
                        total = total + error * error;
                    }
                }

                double result = total / (double)pointCount;

                // Reverse sweep: the chain rule, from the result back to the inputs.
                double totalAdj = 0.0;
                double sumAdj = 0.0;
                double sum2Adj = 0.0;
                double logitAdj = 0.0;
                double errorAdj = 0.0;

                // return total / pointCount;  ->  d(u/v) = du/v - u dv/v²
                totalAdj += resultAdj / (double)pointCount;

                // for (int p = 0; p < pointCount; p++), in reverse
                for (int p = pointCount - 1; p >= 0; p--)
                {
                    // if (lossKind == BinaryCrossEntropy), in reverse
                    if (lossKind == 1)
                    {
                        // total += Softplus(logit) - target * logit;  ->  d(u ± v) = du ± dv; chain rule through SoftplusPullback; d(uv) = v du + u dv
                        SoftplusPullbackCopy(logit, totalAdj, ref logitAdj);
                        logitAdj += target * -totalAdj;
                    }
                    else
                    {
                        // total += error * error;  ->  d(uv) = v du + u dv
                        errorAdj += totalAdj * error;
                        errorAdj += error * totalAdj;

                        // double error = Sigmoid(logit) - target;  ->  d(u ± v) = du ± dv; chain rule through SigmoidPullback
                        error = savedDoubles.Pop();
                        SigmoidPullbackCopy(logit, errorAdj, ref logitAdj);
                        errorAdj = 0.0;
                    }

                    // double target = targets[p];
                    target = savedDoubles.Pop();

                    // for (int i = 0; i < width; i++), in reverse
                    for (int i = width - 1; i >= 0; i--)
                    {
                        // logit += parameters[outputOffset + i] * hidden[lastLayer + i];  ->  d(uv) = v du + u dv
                        logit = savedDoubles.Pop();
                        parametersGrad[outputOffset + i] += logitAdj * hidden[lastLayer + i];
                        hiddenAdj[lastLayer + i] += parameters[outputOffset + i] * logitAdj;
                    }

                    // double logit = parameters[outputOffset + width];
                    logit = savedDoubles.Pop();
                    parametersGrad[outputOffset + width] += logitAdj;
                    logitAdj = 0.0;

                    // for (int l = 1; l < hiddenLayers; l++), in reverse
                    for (int l = hiddenLayers - 1; l >= 1; l--)
                    {
                        // for (int j = 0; j < width; j++), in reverse
                        for (int j = width - 1; j >= 0; j--)
                        {
                            // hidden[l * width + j] = Sigmoid(sum);  ->  chain rule through SigmoidPullback
                            hidden[l * width + j] = savedDoubles.Pop();
                            SigmoidPullbackCopy(sum2, hiddenAdj[l * width + j], ref sum2Adj);
                            hiddenAdj[l * width + j] = 0.0;

                            // for (int i = 0; i < width; i++), in reverse
                            for (int i = width - 1; i >= 0; i--)
                            {
                                // sum += parameters[offset + j * width + i] * hidden[(l - 1) * width + i];  ->  d(uv) = v du + u dv
                                sum2 = savedDoubles.Pop();
                                parametersGrad[offset + j * width + i] += sum2Adj * hidden[(l - 1) * width + i];
                                hiddenAdj[(l - 1) * width + i] += parameters[offset + j * width + i] * sum2Adj;
                            }

                            // double sum = parameters[offset + width * width + j];
                            sum2 = savedDoubles.Pop();
                            parametersGrad[offset + width * width + j] += sum2Adj;
                            sum2Adj = 0.0;
                        }

                        // int offset = firstLayerSize + (l - 1) * layerSize;
                        offset = savedInts.Pop();
                    }

                    // for (int j = 0; j < width; j++), in reverse
                    for (int j = width - 1; j >= 0; j--)
                    {
                        // hidden[j] = Sigmoid(sum);  ->  chain rule through SigmoidPullback
                        hidden[j] = savedDoubles.Pop();
                        SigmoidPullbackCopy(sum, hiddenAdj[j], ref sumAdj);
                        hiddenAdj[j] = 0.0;

                        // for (int i = 0; i < inputCount; i++), in reverse
                        for (int i = inputCount - 1; i >= 0; i--)
                        {
                            // sum += parameters[j * inputCount + i] * inputs[p * inputCount + i];  ->  d(uv) = v du + u dv
                            sum = savedDoubles.Pop();
                            parametersGrad[j * inputCount + i] += sumAdj * inputs[p * inputCount + i];
                        }

                        // double sum = parameters[width * inputCount + j];
                        sum = savedDoubles.Pop();
                        parametersGrad[width * inputCount + j] += sumAdj;
                        sumAdj = 0.0;
                    }
                }
                return result;
            }
            finally
            {
                ExperimentPool<double>.Return(hidden);
                ExperimentPool<double>.Return(hiddenAdj);
                savedDoubles.Dispose();
                savedInts.Dispose();
            }
        }

        /// <summary>A variant of the generated pullback (see the file header).</summary>
        public static double LossPullbackOnlyNeededSaves(double[] parameters, double[] inputs, double[] targets, int inputCount, int hiddenLayers, int width, int pointCount, int lossKind, double resultAdj, global::System.Span<double> parametersGrad)
        {
            double[] hidden = global::System.Array.Empty<double>();
            double[] hiddenAdj = global::System.Array.Empty<double>();
            double sum = 0.0;
            int offset = 0;
            double sum2 = 0.0;
            double logit = 0.0;
            double target = 0.0;
            double error = 0.0;
            var savedDoubles = new ExperimentTape<double>(64);
            var savedInts = new ExperimentTape<int>(64);

            try
            {
                // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
                hidden = ExperimentPool<double>.Rent(hiddenLayers * width);
                hiddenAdj = ExperimentPool<double>.Rent(hidden.Length);
                int firstLayerSize = width * inputCount + width;
                int layerSize = width * width + width;
                int outputOffset = firstLayerSize + (hiddenLayers - 1) * layerSize;
                int lastLayer = (hiddenLayers - 1) * width;
                double total = 0.0;
                for (int p = 0; p < pointCount; p++)
                {
                    for (int j = 0; j < width; j++)
                    {
                        savedDoubles.Push(sum);
                        sum = parameters[width * inputCount + j];
                        for (int i = 0; i < inputCount; i++)
                        {
                            sum = sum + parameters[j * inputCount + i] * inputs[p * inputCount + i];
                        }

                        savedDoubles.Push(hidden[j]);
                        hidden[j] = global::Backprop.Benchmarks.Network.NetworkModel.Sigmoid(sum);
                    }

                    for (int l = 1; l < hiddenLayers; l++)
                    {
                        savedInts.Push(offset);
                        offset = firstLayerSize + (l - 1) * layerSize;
                        for (int j = 0; j < width; j++)
                        {
                            savedDoubles.Push(sum2);
                            sum2 = parameters[offset + width * width + j];
                            for (int i = 0; i < width; i++)
                            {
                                sum2 = sum2 + parameters[offset + j * width + i] * hidden[(l - 1) * width + i];
                            }

                            savedDoubles.Push(hidden[l * width + j]);
                            hidden[l * width + j] = global::Backprop.Benchmarks.Network.NetworkModel.Sigmoid(sum2);
                        }
                    }

                    savedDoubles.Push(logit);
                    logit = parameters[outputOffset + width];
                    for (int i = 0; i < width; i++)
                    {
                        logit = logit + parameters[outputOffset + i] * hidden[lastLayer + i];
                    }

                    target = targets[p];
                    if (lossKind == 1)
                    {
                        total = total + (global::Backprop.Benchmarks.Network.NetworkModel.Softplus(logit) - target * logit);
                    }
                    else
                    {
                        savedDoubles.Push(error);
                        error = global::Backprop.Benchmarks.Network.NetworkModel.Sigmoid(logit) - target;
                        total = total + error * error;
                    }
                }

                double result = total / (double)pointCount;

                // Reverse sweep: the chain rule, from the result back to the inputs.
                double totalAdj = 0.0;
                double sumAdj = 0.0;
                double sum2Adj = 0.0;
                double logitAdj = 0.0;
                double errorAdj = 0.0;

                // return total / pointCount;  ->  d(u/v) = du/v - u dv/v²
                totalAdj += resultAdj / (double)pointCount;

                // for (int p = 0; p < pointCount; p++), in reverse
                for (int p = pointCount - 1; p >= 0; p--)
                {
                    // if (lossKind == BinaryCrossEntropy), in reverse
                    if (lossKind == 1)
                    {
                        // total += Softplus(logit) - target * logit;  ->  d(u ± v) = du ± dv; chain rule through SoftplusPullback; d(uv) = v du + u dv
                        SoftplusPullbackCopy(logit, totalAdj, ref logitAdj);
                        logitAdj += target * -totalAdj;
                    }
                    else
                    {
                        // total += error * error;  ->  d(uv) = v du + u dv
                        errorAdj += totalAdj * error;
                        errorAdj += error * totalAdj;

                        // double error = Sigmoid(logit) - target;  ->  d(u ± v) = du ± dv; chain rule through SigmoidPullback
                        error = savedDoubles.Pop();
                        SigmoidPullbackCopy(logit, errorAdj, ref logitAdj);
                        errorAdj = 0.0;
                    }

                    // double target = targets[p]; (recomputed instead of saved)
                    target = p > 0 ? targets[p - 1] : 0.0;

                    // for (int i = 0; i < width; i++), in reverse
                    for (int i = width - 1; i >= 0; i--)
                    {
                        // logit += parameters[outputOffset + i] * hidden[lastLayer + i];  ->  d(uv) = v du + u dv
                        parametersGrad[outputOffset + i] += logitAdj * hidden[lastLayer + i];
                        hiddenAdj[lastLayer + i] += parameters[outputOffset + i] * logitAdj;
                    }

                    // double logit = parameters[outputOffset + width];
                    logit = savedDoubles.Pop();
                    parametersGrad[outputOffset + width] += logitAdj;
                    logitAdj = 0.0;

                    // for (int l = 1; l < hiddenLayers; l++), in reverse
                    for (int l = hiddenLayers - 1; l >= 1; l--)
                    {
                        // for (int j = 0; j < width; j++), in reverse
                        for (int j = width - 1; j >= 0; j--)
                        {
                            // hidden[l * width + j] = Sigmoid(sum);  ->  chain rule through SigmoidPullback
                            hidden[l * width + j] = savedDoubles.Pop();
                            SigmoidPullbackCopy(sum2, hiddenAdj[l * width + j], ref sum2Adj);
                            hiddenAdj[l * width + j] = 0.0;

                            // for (int i = 0; i < width; i++), in reverse
                            for (int i = width - 1; i >= 0; i--)
                            {
                                // sum += parameters[offset + j * width + i] * hidden[(l - 1) * width + i];  ->  d(uv) = v du + u dv
                                parametersGrad[offset + j * width + i] += sum2Adj * hidden[(l - 1) * width + i];
                                hiddenAdj[(l - 1) * width + i] += parameters[offset + j * width + i] * sum2Adj;
                            }

                            // double sum = parameters[offset + width * width + j];
                            sum2 = savedDoubles.Pop();
                            parametersGrad[offset + width * width + j] += sum2Adj;
                            sum2Adj = 0.0;
                        }

                        // int offset = firstLayerSize + (l - 1) * layerSize;
                        offset = savedInts.Pop();
                    }

                    // for (int j = 0; j < width; j++), in reverse
                    for (int j = width - 1; j >= 0; j--)
                    {
                        // hidden[j] = Sigmoid(sum);  ->  chain rule through SigmoidPullback
                        hidden[j] = savedDoubles.Pop();
                        SigmoidPullbackCopy(sum, hiddenAdj[j], ref sumAdj);
                        hiddenAdj[j] = 0.0;

                        // for (int i = 0; i < inputCount; i++), in reverse
                        for (int i = inputCount - 1; i >= 0; i--)
                        {
                            // sum += parameters[j * inputCount + i] * inputs[p * inputCount + i];  ->  d(uv) = v du + u dv
                            parametersGrad[j * inputCount + i] += sumAdj * inputs[p * inputCount + i];
                        }

                        // double sum = parameters[width * inputCount + j];
                        sum = savedDoubles.Pop();
                        parametersGrad[width * inputCount + j] += sumAdj;
                        sumAdj = 0.0;
                    }
                }
                return result;
            }
            finally
            {
                ExperimentPool<double>.Return(hidden);
                ExperimentPool<double>.Return(hiddenAdj);
                savedDoubles.Dispose();
                savedInts.Dispose();
            }
        }

        /// <summary>A variant of the generated pullback (see the file header).</summary>
        public static double LossPullbackOnlyNeededSavesSavedSigmoid(double[] parameters, double[] inputs, double[] targets, int inputCount, int hiddenLayers, int width, int pointCount, int lossKind, double resultAdj, global::System.Span<double> parametersGrad)
        {
            double[] hidden = global::System.Array.Empty<double>();
            double[] hiddenAdj = global::System.Array.Empty<double>();
            double sum = 0.0;
            int offset = 0;
            double sum2 = 0.0;
            double logit = 0.0;
            double target = 0.0;
            double error = 0.0;
            var savedDoubles = new ExperimentTape<double>(64);
            var savedInts = new ExperimentTape<int>(64);

            try
            {
                // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
                hidden = ExperimentPool<double>.Rent(hiddenLayers * width);
                hiddenAdj = ExperimentPool<double>.Rent(hidden.Length);
                int firstLayerSize = width * inputCount + width;
                int layerSize = width * width + width;
                int outputOffset = firstLayerSize + (hiddenLayers - 1) * layerSize;
                int lastLayer = (hiddenLayers - 1) * width;
                double total = 0.0;
                for (int p = 0; p < pointCount; p++)
                {
                    for (int j = 0; j < width; j++)
                    {
                        savedDoubles.Push(sum);
                        sum = parameters[width * inputCount + j];
                        for (int i = 0; i < inputCount; i++)
                        {
                            sum = sum + parameters[j * inputCount + i] * inputs[p * inputCount + i];
                        }

                        savedDoubles.Push(hidden[j]);
                        hidden[j] = global::Backprop.Benchmarks.Network.NetworkModel.Sigmoid(sum);
                    }

                    for (int l = 1; l < hiddenLayers; l++)
                    {
                        savedInts.Push(offset);
                        offset = firstLayerSize + (l - 1) * layerSize;
                        for (int j = 0; j < width; j++)
                        {
                            savedDoubles.Push(sum2);
                            sum2 = parameters[offset + width * width + j];
                            for (int i = 0; i < width; i++)
                            {
                                sum2 = sum2 + parameters[offset + j * width + i] * hidden[(l - 1) * width + i];
                            }

                            savedDoubles.Push(hidden[l * width + j]);
                            hidden[l * width + j] = global::Backprop.Benchmarks.Network.NetworkModel.Sigmoid(sum2);
                        }
                    }

                    savedDoubles.Push(logit);
                    logit = parameters[outputOffset + width];
                    for (int i = 0; i < width; i++)
                    {
                        logit = logit + parameters[outputOffset + i] * hidden[lastLayer + i];
                    }

                    target = targets[p];
                    if (lossKind == 1)
                    {
                        total = total + (global::Backprop.Benchmarks.Network.NetworkModel.Softplus(logit) - target * logit);
                    }
                    else
                    {
                        savedDoubles.Push(error);
                        error = global::Backprop.Benchmarks.Network.NetworkModel.Sigmoid(logit) - target;
                        total = total + error * error;
                    }
                }

                double result = total / (double)pointCount;

                // Reverse sweep: the chain rule, from the result back to the inputs.
                double totalAdj = 0.0;
                double sumAdj = 0.0;
                double sum2Adj = 0.0;
                double logitAdj = 0.0;
                double errorAdj = 0.0;

                // return total / pointCount;  ->  d(u/v) = du/v - u dv/v²
                totalAdj += resultAdj / (double)pointCount;

                // for (int p = 0; p < pointCount; p++), in reverse
                for (int p = pointCount - 1; p >= 0; p--)
                {
                    // if (lossKind == BinaryCrossEntropy), in reverse
                    if (lossKind == 1)
                    {
                        // total += Softplus(logit) - target * logit;  ->  d(u ± v) = du ± dv; chain rule through SoftplusPullback; d(uv) = v du + u dv
                        SoftplusPullbackCopy(logit, totalAdj, ref logitAdj);
                        logitAdj += target * -totalAdj;
                    }
                    else
                    {
                        // total += error * error;  ->  d(uv) = v du + u dv
                        errorAdj += totalAdj * error;
                        errorAdj += error * totalAdj;

                        // double error = Sigmoid(logit) - target;  ->  d(u ± v) = du ± dv; chain rule through SigmoidPullback
                        error = savedDoubles.Pop();
                        SigmoidPullbackCopy(logit, errorAdj, ref logitAdj);
                        errorAdj = 0.0;
                    }

                    // double target = targets[p]; (recomputed instead of saved)
                    target = p > 0 ? targets[p - 1] : 0.0;

                    // for (int i = 0; i < width; i++), in reverse
                    for (int i = width - 1; i >= 0; i--)
                    {
                        // logit += parameters[outputOffset + i] * hidden[lastLayer + i];  ->  d(uv) = v du + u dv
                        parametersGrad[outputOffset + i] += logitAdj * hidden[lastLayer + i];
                        hiddenAdj[lastLayer + i] += parameters[outputOffset + i] * logitAdj;
                    }

                    // double logit = parameters[outputOffset + width];
                    logit = savedDoubles.Pop();
                    parametersGrad[outputOffset + width] += logitAdj;
                    logitAdj = 0.0;

                    // for (int l = 1; l < hiddenLayers; l++), in reverse
                    for (int l = hiddenLayers - 1; l >= 1; l--)
                    {
                        // for (int j = 0; j < width; j++), in reverse
                        for (int j = width - 1; j >= 0; j--)
                        {
                            // hidden[l * width + j] = Sigmoid(sum);  ->  chain rule through SigmoidPullback
                            sum2Adj += hiddenAdj[l * width + j] * (hidden[l * width + j] * (1.0 - hidden[l * width + j]));
                            hidden[l * width + j] = savedDoubles.Pop();
                            hiddenAdj[l * width + j] = 0.0;

                            // for (int i = 0; i < width; i++), in reverse
                            for (int i = width - 1; i >= 0; i--)
                            {
                                // sum += parameters[offset + j * width + i] * hidden[(l - 1) * width + i];  ->  d(uv) = v du + u dv
                                parametersGrad[offset + j * width + i] += sum2Adj * hidden[(l - 1) * width + i];
                                hiddenAdj[(l - 1) * width + i] += parameters[offset + j * width + i] * sum2Adj;
                            }

                            // double sum = parameters[offset + width * width + j];
                            sum2 = savedDoubles.Pop();
                            parametersGrad[offset + width * width + j] += sum2Adj;
                            sum2Adj = 0.0;
                        }

                        // int offset = firstLayerSize + (l - 1) * layerSize;
                        offset = savedInts.Pop();
                    }

                    // for (int j = 0; j < width; j++), in reverse
                    for (int j = width - 1; j >= 0; j--)
                    {
                        // hidden[j] = Sigmoid(sum);  ->  chain rule through SigmoidPullback
                        sumAdj += hiddenAdj[j] * (hidden[j] * (1.0 - hidden[j]));
                        hidden[j] = savedDoubles.Pop();
                        hiddenAdj[j] = 0.0;

                        // for (int i = 0; i < inputCount; i++), in reverse
                        for (int i = inputCount - 1; i >= 0; i--)
                        {
                            // sum += parameters[j * inputCount + i] * inputs[p * inputCount + i];  ->  d(uv) = v du + u dv
                            parametersGrad[j * inputCount + i] += sumAdj * inputs[p * inputCount + i];
                        }

                        // double sum = parameters[width * inputCount + j];
                        sum = savedDoubles.Pop();
                        parametersGrad[width * inputCount + j] += sumAdj;
                        sumAdj = 0.0;
                    }
                }
                return result;
            }
            finally
            {
                ExperimentPool<double>.Return(hidden);
                ExperimentPool<double>.Return(hiddenAdj);
                savedDoubles.Dispose();
                savedInts.Dispose();
            }
        }

        // A copy of the generated SigmoidPullback, so that these variants keep compiling when the generator changes.
        private static double SigmoidPullbackCopy(double x, double resultAdj, ref double xGrad)
        {
            double result = 0.0;
            double e = 0.0;

            // Forward sweep: the original computation.
            if (x >= 0.0)
            {
                result = 1.0 / (1.0 + global::System.Math.Exp(-x));
            }
            else
            {
                e = global::System.Math.Exp(x);
                result = e / (1.0 + e);
            }

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double eAdj = 0.0;

            // if (x >= 0), in reverse
            if (x >= 0.0)
            {
                // return 1.0 / (1.0 + Math.Exp(-x));  ->  d(u/v) = du/v - u dv/v²; d(u ± v) = du ± dv; d exp(u) = exp(u) du; d(-u) = -du
                {
                    double denominator = 1.0 + global::System.Math.Exp(-x);
                    double exp = global::System.Math.Exp(-x);
                    xGrad += resultAdj / (denominator * denominator) * exp;
                }
            }
            else
            {
                // return e / (1.0 + e);  ->  d(u/v) = du/v - u dv/v²; d(u ± v) = du ± dv
                {
                    double denominator = 1.0 + e;
                    eAdj += resultAdj / denominator;
                    eAdj += -(resultAdj * e / (denominator * denominator));
                }

                // double e = Math.Exp(x);  ->  d exp(u) = exp(u) du
                {
                    double exp = global::System.Math.Exp(x);
                    xGrad += eAdj * exp;
                }
            }
            return result;
        }

        /// <summary>A copy of the generated pullback as of the third round (using the real runtime's tape and pool).</summary>
        public static double LossPullbackCurrent(double[] parameters, double[] inputs, double[] targets, int inputCount, int hiddenLayers, int width, int pointCount, int lossKind, double resultAdj, global::System.Span<double> parametersGrad)
        {
            int offset = 0;
            double target = 0.0;
            double[] hidden = global::System.Array.Empty<double>();
            double[] hiddenAdj = global::System.Array.Empty<double>();
            double sum = 0.0;
            double sum2 = 0.0;
            double logit = 0.0;
            double softplus = 0.0;
            double exp = 0.0;
            double sigmoid = 0.0;
            double error = 0.0;
            var savedDoubles = new global::Backprop.Support.ValueTape<double>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            hidden = global::Backprop.Support.LocalArrayPool<double>.Rent(hiddenLayers * width);
            hiddenAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(hidden.Length);
            int firstLayerSize = width * inputCount + width;
            int layerSize = width * width + width;
            int outputOffset = firstLayerSize + (hiddenLayers - 1) * layerSize;
            int lastLayer = (hiddenLayers - 1) * width;
            double total = 0.0;
            for (int p = 0; p < pointCount; p++)
            {
                for (int j = 0; j < width; j++)
                {
                    sum = parameters[width * inputCount + j];
                    for (int i = 0; i < inputCount; i++)
                    {
                        sum = sum + parameters[j * inputCount + i] * inputs[p * inputCount + i];
                    }

                    savedDoubles.Push(hidden[j]);
                    hidden[j] = global::Backprop.Benchmarks.Network.NetworkModel.Sigmoid(sum);
                }

                for (int l = 1; l < hiddenLayers; l++)
                {
                    offset = firstLayerSize + (l - 1) * layerSize;
                    for (int j = 0; j < width; j++)
                    {
                        sum2 = parameters[offset + width * width + j];
                        for (int i = 0; i < width; i++)
                        {
                            sum2 = sum2 + parameters[offset + j * width + i] * hidden[(l - 1) * width + i];
                        }

                        savedDoubles.Push(hidden[l * width + j]);
                        hidden[l * width + j] = global::Backprop.Benchmarks.Network.NetworkModel.Sigmoid(sum2);
                    }
                }

                savedDoubles.Push(logit);
                logit = parameters[outputOffset + width];
                for (int i = 0; i < width; i++)
                {
                    logit = logit + parameters[outputOffset + i] * hidden[lastLayer + i];
                }

                target = targets[p];
                if (lossKind == 1)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(-global::System.Math.Abs(logit));
                    softplus = global::System.Math.Max(logit, 0.0) + global::System.Math.Log(1.0 + exp);
                    total = total + (softplus - target * logit);
                }
                else
                {
                    savedDoubles.Push(sigmoid);
                    sigmoid = global::Backprop.Benchmarks.Network.NetworkModel.Sigmoid(logit);
                    savedDoubles.Push(error);
                    error = sigmoid - target;
                    total = total + error * error;
                }
            }

            double result = total / (double)pointCount;

            // Reverse sweep: the chain rule, from the result back to the inputs.
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

            // for (int p = 0; p < pointCount; p++), in reverse
            for (int p = pointCount - 1; p >= 0; p--)
            {
                // Recomputed rather than saved: double target = targets[p];
                target = targets[p];

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
                    exp = savedDoubles.Pop();
                }
                else
                {
                    // total += error * error;  ->  d(uv) = v du + u dv
                    errorAdj += totalAdj * error;
                    errorAdj += error * totalAdj;

                    // double error = Sigmoid(logit) - target;  ->  d(u ± v) = du ± dv
                    error = savedDoubles.Pop();
                    sigmoidAdj += errorAdj;
                    errorAdj = 0.0;

                    // double sigmoid = NetworkModel.Sigmoid(logit);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du
                    logitAdj += sigmoidAdj * global::Backprop.Benchmarks.Network.NetworkModel.SigmoidDerivative(sigmoid);
                    sigmoidAdj = 0.0;
                    sigmoid = savedDoubles.Pop();
                }

                // for (int i = 0; i < width; i++), in reverse
                for (int i = width - 1; i >= 0; i--)
                {
                    // logit += parameters[outputOffset + i] * hidden[lastLayer + i];  ->  d(uv) = v du + u dv
                    parametersGrad[outputOffset + i] += logitAdj * hidden[lastLayer + i];
                    hiddenAdj[lastLayer + i] += parameters[outputOffset + i] * logitAdj;
                }

                // double logit = parameters[outputOffset + width];
                logit = savedDoubles.Pop();
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
                        hidden[l * width + j] = savedDoubles.Pop();

                        // for (int i = 0; i < width; i++), in reverse
                        for (int i = width - 1; i >= 0; i--)
                        {
                            // sum += parameters[offset + j * width + i] * hidden[(l - 1) * width + i];  ->  d(uv) = v du + u dv
                            parametersGrad[offset + j * width + i] += sum2Adj * hidden[(l - 1) * width + i];
                            hiddenAdj[(l - 1) * width + i] += parameters[offset + j * width + i] * sum2Adj;
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
                    hidden[j] = savedDoubles.Pop();

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

            global::Backprop.Support.LocalArrayPool<double>.Return(hidden);
            global::Backprop.Support.LocalArrayPool<double>.Return(hiddenAdj);
            savedDoubles.Dispose();
            return result;
        }

        /// <summary>
        /// The current generated pullback (copy) with the reverse of each point run right after its forward: the
        /// adjoint of <c>total</c> (resultAdj / pointCount) is known before the loop, so nothing is saved.
        /// </summary>
        public static double LossPullbackPerPoint(double[] parameters, double[] inputs, double[] targets, int inputCount, int hiddenLayers, int width, int pointCount, int lossKind, double resultAdj, global::System.Span<double> parametersGrad)
        {
            int offset = 0;
            double target = 0.0;
            double[] hidden = global::System.Array.Empty<double>();
            double[] hiddenAdj = global::System.Array.Empty<double>();
            double sum = 0.0;
            double sum2 = 0.0;
            double logit = 0.0;
            double softplus = 0.0;
            double exp = 0.0;
            double sigmoid = 0.0;
            double error = 0.0;

            hidden = global::Backprop.Support.LocalArrayPool<double>.Rent(hiddenLayers * width);
            hiddenAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(hidden.Length);
            int firstLayerSize = width * inputCount + width;
            int layerSize = width * width + width;
            int outputOffset = firstLayerSize + (hiddenLayers - 1) * layerSize;
            int lastLayer = (hiddenLayers - 1) * width;
            double total = 0.0;
            double totalAdj = resultAdj / (double)pointCount;
            double sumAdj = 0.0;
            double sum2Adj = 0.0;
            double logitAdj = 0.0;
            double errorAdj = 0.0;
            double softplusAdj = 0.0;
            double expAdj = 0.0;
            double sigmoidAdj = 0.0;
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
                        for (int i = 0; i < width; i++)
                        {
                            sum2 = sum2 + parameters[offset + j * width + i] * hidden[(l - 1) * width + i];
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

                // The point's reverse.
                if (lossKind == 1)
                {
                    softplusAdj += totalAdj;
                    logitAdj += target * -totalAdj;
                    {
                        if (logit >= 0.0)
                        {
                            logitAdj += softplusAdj;
                        }
                        double arg = 1.0 + exp;
                        expAdj += softplusAdj / arg;
                        softplusAdj = 0.0;
                    }

                    logitAdj += -(expAdj * exp * (logit > 0.0 ? 1.0 : logit < 0.0 ? -1.0 : logit * 0.0));
                    expAdj = 0.0;
                }
                else
                {
                    errorAdj += totalAdj * error;
                    errorAdj += error * totalAdj;
                    sigmoidAdj += errorAdj;
                    errorAdj = 0.0;
                    logitAdj += sigmoidAdj * global::Backprop.Benchmarks.Network.NetworkModel.SigmoidDerivative(sigmoid);
                    sigmoidAdj = 0.0;
                }

                for (int i = width - 1; i >= 0; i--)
                {
                    parametersGrad[outputOffset + i] += logitAdj * hidden[lastLayer + i];
                    hiddenAdj[lastLayer + i] += parameters[outputOffset + i] * logitAdj;
                }

                parametersGrad[outputOffset + width] += logitAdj;
                logitAdj = 0.0;

                for (int l = hiddenLayers - 1; l >= 1; l--)
                {
                    offset = firstLayerSize + (l - 1) * layerSize;
                    for (int j = width - 1; j >= 0; j--)
                    {
                        sum2Adj += hiddenAdj[l * width + j] * global::Backprop.Benchmarks.Network.NetworkModel.SigmoidDerivative(hidden[l * width + j]);
                        hiddenAdj[l * width + j] = 0.0;
                        for (int i = width - 1; i >= 0; i--)
                        {
                            parametersGrad[offset + j * width + i] += sum2Adj * hidden[(l - 1) * width + i];
                            hiddenAdj[(l - 1) * width + i] += parameters[offset + j * width + i] * sum2Adj;
                        }

                        parametersGrad[offset + width * width + j] += sum2Adj;
                        sum2Adj = 0.0;
                    }
                }

                for (int j = width - 1; j >= 0; j--)
                {
                    sumAdj += hiddenAdj[j] * global::Backprop.Benchmarks.Network.NetworkModel.SigmoidDerivative(hidden[j]);
                    hiddenAdj[j] = 0.0;
                    for (int i = inputCount - 1; i >= 0; i--)
                    {
                        parametersGrad[j * inputCount + i] += sumAdj * inputs[p * inputCount + i];
                    }

                    parametersGrad[width * inputCount + j] += sumAdj;
                    sumAdj = 0.0;
                }
            }

            double result = total / (double)pointCount;
            global::Backprop.Support.LocalArrayPool<double>.Return(hidden);
            global::Backprop.Support.LocalArrayPool<double>.Return(hiddenAdj);
            return result;
        }

        /// <summary>As <see cref="LossPullbackPerPoint"/>, with the hidden activations and their adjoints on the stack.</summary>
        public static double LossPullbackPerPointStack(double[] parameters, double[] inputs, double[] targets, int inputCount, int hiddenLayers, int width, int pointCount, int lossKind, double resultAdj, global::System.Span<double> parametersGrad)
        {
            int offset = 0;
            double target = 0.0;
            double sum = 0.0;
            double sum2 = 0.0;
            double logit = 0.0;
            double softplus = 0.0;
            double exp = 0.0;
            double sigmoid = 0.0;
            double error = 0.0;

            global::System.Span<double> hidden = stackalloc double[hiddenLayers * width];
            global::System.Span<double> hiddenAdj = stackalloc double[hidden.Length];
            int firstLayerSize = width * inputCount + width;
            int layerSize = width * width + width;
            int outputOffset = firstLayerSize + (hiddenLayers - 1) * layerSize;
            int lastLayer = (hiddenLayers - 1) * width;
            double total = 0.0;
            double totalAdj = resultAdj / (double)pointCount;
            double sumAdj = 0.0;
            double sum2Adj = 0.0;
            double logitAdj = 0.0;
            double errorAdj = 0.0;
            double softplusAdj = 0.0;
            double expAdj = 0.0;
            double sigmoidAdj = 0.0;
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
                        for (int i = 0; i < width; i++)
                        {
                            sum2 = sum2 + parameters[offset + j * width + i] * hidden[(l - 1) * width + i];
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

                // The point's reverse.
                if (lossKind == 1)
                {
                    softplusAdj += totalAdj;
                    logitAdj += target * -totalAdj;
                    {
                        if (logit >= 0.0)
                        {
                            logitAdj += softplusAdj;
                        }
                        double arg = 1.0 + exp;
                        expAdj += softplusAdj / arg;
                        softplusAdj = 0.0;
                    }

                    logitAdj += -(expAdj * exp * (logit > 0.0 ? 1.0 : logit < 0.0 ? -1.0 : logit * 0.0));
                    expAdj = 0.0;
                }
                else
                {
                    errorAdj += totalAdj * error;
                    errorAdj += error * totalAdj;
                    sigmoidAdj += errorAdj;
                    errorAdj = 0.0;
                    logitAdj += sigmoidAdj * global::Backprop.Benchmarks.Network.NetworkModel.SigmoidDerivative(sigmoid);
                    sigmoidAdj = 0.0;
                }

                for (int i = width - 1; i >= 0; i--)
                {
                    parametersGrad[outputOffset + i] += logitAdj * hidden[lastLayer + i];
                    hiddenAdj[lastLayer + i] += parameters[outputOffset + i] * logitAdj;
                }

                parametersGrad[outputOffset + width] += logitAdj;
                logitAdj = 0.0;

                for (int l = hiddenLayers - 1; l >= 1; l--)
                {
                    offset = firstLayerSize + (l - 1) * layerSize;
                    for (int j = width - 1; j >= 0; j--)
                    {
                        sum2Adj += hiddenAdj[l * width + j] * global::Backprop.Benchmarks.Network.NetworkModel.SigmoidDerivative(hidden[l * width + j]);
                        hiddenAdj[l * width + j] = 0.0;
                        for (int i = width - 1; i >= 0; i--)
                        {
                            parametersGrad[offset + j * width + i] += sum2Adj * hidden[(l - 1) * width + i];
                            hiddenAdj[(l - 1) * width + i] += parameters[offset + j * width + i] * sum2Adj;
                        }

                        parametersGrad[offset + width * width + j] += sum2Adj;
                        sum2Adj = 0.0;
                    }
                }

                for (int j = width - 1; j >= 0; j--)
                {
                    sumAdj += hiddenAdj[j] * global::Backprop.Benchmarks.Network.NetworkModel.SigmoidDerivative(hidden[j]);
                    hiddenAdj[j] = 0.0;
                    for (int i = inputCount - 1; i >= 0; i--)
                    {
                        parametersGrad[j * inputCount + i] += sumAdj * inputs[p * inputCount + i];
                    }

                    parametersGrad[width * inputCount + j] += sumAdj;
                    sumAdj = 0.0;
                }
            }

            double result = total / (double)pointCount;
            return result;
        }

        // A copy of the generated SoftplusPullback, so that these variants keep compiling when the generator changes.
        private static double SoftplusPullbackCopy(double z, double resultAdj, ref double zGrad)
        {
            // Forward sweep: the original computation.
            double result = global::System.Math.Max(z, 0.0) + global::System.Math.Log(1.0 + global::System.Math.Exp(-global::System.Math.Abs(z)));

            // Reverse sweep: the chain rule, from the result back to the inputs.
            // return Math.Max(z, 0.0) + Math.Log(1.0 + Math.Exp(-Math.Abs(z)));  ->  d(u ± v) = du ± dv; d max(a, b) goes to the larger argument (a on ties); d log(u) = du / u; d exp(u) = exp(u) du; d(-u) = -du; d |u| = sign(u) du
            {
                if (z >= 0.0)
                {
                    zGrad += resultAdj;
                }
                double arg = 1.0 + global::System.Math.Exp(-global::System.Math.Abs(z));
                double arg2 = -global::System.Math.Abs(z);
                double exp = global::System.Math.Exp(arg2);
                zGrad += -(resultAdj / arg * exp * (z > 0.0 ? 1.0 : z < 0.0 ? -1.0 : z * 0.0));
            }
            return result;
        }
    }
}
