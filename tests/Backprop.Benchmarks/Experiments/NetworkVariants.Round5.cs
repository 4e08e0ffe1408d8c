// Round 5 (2026-11-29): the generator now reverses each point right after its forward (IterationFusion). A copy
// of its output for NetworkModel.Loss at that date, compiled as the generator compiles it (AggressiveOptimization), and one edit: the hidden activations and their adjoints on the
// stack instead of from the pool.
namespace Backprop.Benchmarks.Experiments
{
    /// <summary>Round-5 copies of the generated pullback of NetworkModel.Loss.</summary>
    public static partial class NetworkVariants
    {
        /// <summary>A copy of the generated pullback as of round 5.</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double LossPullbackRound5Copy(double[] parameters, double[] inputs, double[] targets, int inputCount, int hiddenLayers, int width, int pointCount, int lossKind, double resultAdj, global::System.Span<double> parametersGrad)
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

        /// <summary>As <see cref="LossPullbackRound5Copy"/>, with the hidden activations and their adjoints stackalloc'd.</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double LossPullbackRound5Stack(double[] parameters, double[] inputs, double[] targets, int inputCount, int hiddenLayers, int width, int pointCount, int lossKind, double resultAdj, global::System.Span<double> parametersGrad)
        {
            int offset = 0;
            double sum = 0.0;
            double sum2 = 0.0;
            double logit = 0.0;
            double target = 0.0;
            double softplus = 0.0;
            double exp = 0.0;
            double sigmoid = 0.0;
            double error = 0.0;

            // Forward sweep: the original computation.
            global::System.Span<double> hidden = stackalloc double[hiddenLayers * width];
            global::System.Span<double> hiddenAdj = stackalloc double[hidden.Length];
            int firstLayerSize = width * inputCount + width;
            int layerSize = width * width + width;
            int outputOffset = firstLayerSize + (hiddenLayers - 1) * layerSize;
            int lastLayer = (hiddenLayers - 1) * width;
            double total = 0.0;

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

            return result;
        }

        /// <summary>The generated pullback with small arrays on the stack (a conditional stackalloc, else the pool).</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double LossPullbackRound5StackOrPool(double[] parameters, double[] inputs, double[] targets, int inputCount, int hiddenLayers, int width, int pointCount, int lossKind, double resultAdj, global::System.Span<double> parametersGrad)
        {
            int offset = 0;
            double sum = 0.0;
            double sum2 = 0.0;
            double logit = 0.0;
            double target = 0.0;
            double softplus = 0.0;
            double exp = 0.0;
            double sigmoid = 0.0;
            double error = 0.0;

            // Forward sweep: the original computation.
            // Arrays of up to 128 elements live on the stack; larger ones come from the pool.
            int hiddenLength = hiddenLayers * width;
            double[] hiddenPooled = hiddenLength > 128 ? global::Backprop.Support.LocalArrayPool<double>.Rent(hiddenLength) : global::System.Array.Empty<double>();
            global::System.Span<double> hidden = hiddenLength > 128 ? hiddenPooled : stackalloc double[hiddenLength];
            int hiddenAdjLength = hidden.Length;
            double[] hiddenAdjPooled = hiddenAdjLength > 128 ? global::Backprop.Support.LocalArrayPool<double>.Rent(hiddenAdjLength) : global::System.Array.Empty<double>();
            global::System.Span<double> hiddenAdj = hiddenAdjLength > 128 ? hiddenAdjPooled : stackalloc double[hiddenAdjLength];
            int firstLayerSize = width * inputCount + width;
            int layerSize = width * width + width;
            int outputOffset = firstLayerSize + (hiddenLayers - 1) * layerSize;
            int lastLayer = (hiddenLayers - 1) * width;
            double total = 0.0;

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

            global::Backprop.Support.LocalArrayPool<double>.Return(hiddenPooled);
            global::Backprop.Support.LocalArrayPool<double>.Return(hiddenAdjPooled);
            return result;
        }

        /// <summary>As <see cref="LossPullbackRound5Stack"/>, the second layer's inner loops over row slices, as the hand-written gradient's.</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double LossPullbackRound5StackRowSlices(double[] parameters, double[] inputs, double[] targets, int inputCount, int hiddenLayers, int width, int pointCount, int lossKind, double resultAdj, global::System.Span<double> parametersGrad)
        {
            int offset = 0;
            double sum = 0.0;
            double sum2 = 0.0;
            double logit = 0.0;
            double target = 0.0;
            double softplus = 0.0;
            double exp = 0.0;
            double sigmoid = 0.0;
            double error = 0.0;

            // Forward sweep: the original computation.
            global::System.Span<double> hidden = stackalloc double[hiddenLayers * width];
            global::System.Span<double> hiddenAdj = stackalloc double[hidden.Length];
            int firstLayerSize = width * inputCount + width;
            int layerSize = width * width + width;
            int outputOffset = firstLayerSize + (hiddenLayers - 1) * layerSize;
            int lastLayer = (hiddenLayers - 1) * width;
            double total = 0.0;

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
                        global::System.ReadOnlySpan<double> row = new global::System.ReadOnlySpan<double>(parameters, offset + j * width, width);
                        global::System.Span<double> below = hidden.Slice((l - 1) * width, width);
                        for (int i = 0; i < row.Length; i++)
                        {
                            sum2 = sum2 + row[i] * below[i];
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
                        global::System.Span<double> rowGrad = parametersGrad.Slice(offset + j * width, width);
                        global::System.ReadOnlySpan<double> row = new global::System.ReadOnlySpan<double>(parameters, offset + j * width, width);
                        global::System.Span<double> below = hidden.Slice((l - 1) * width, width);
                        global::System.Span<double> belowAdj = hiddenAdj.Slice((l - 1) * width, width);
                        for (int i = row.Length - 1; i >= 0; i--)
                        {
                            rowGrad[i] += sum2Adj * below[i];
                            belowAdj[i] += row[i] * sum2Adj;
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

            return result;
        }
    }
}
