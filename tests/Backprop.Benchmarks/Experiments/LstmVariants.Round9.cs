using System;
using System.Buffers;

// Round 9 (2026-11-29), timing only: the hand-written LSTM gradient without its backward pass, to split its time into
// the forward part (with the record it keeps) and the backward part (docs/benchmarks.md, "Ninth round").
namespace Backprop.Benchmarks.Experiments
{
    /// <summary>Round 9 timing-only variants of the LSTM.</summary>
    public static partial class LstmVariants
    {
        private const int Round9Input = 0;
        private const int Round9HiddenBefore = 1;
        private const int Round9CellBefore = 2;
        private const int Round9Forget = 3;
        private const int Round9Ingate = 4;
        private const int Round9Outgate = 5;
        private const int Round9Change = 6;
        private const int Round9CellTanh = 7;
        private const int Round9Records = 8;

        /// <summary>Timing only: <see cref="Lstm.LstmHandWritten.Scalar"/> up to its loss, without the backward pass.</summary>
        /// <param name="mainParams">Layer weights and biases.</param>
        /// <param name="extraParams">Input weights, output weights, output biases.</param>
        /// <param name="state0">Initial state.</param>
        /// <param name="sequence">Characters.</param>
        /// <param name="l">Layers.</param>
        /// <param name="c">Characters.</param>
        /// <param name="b">Alphabet size.</param>
        /// <param name="mainGrad">Unused.</param>
        /// <param name="extraGrad">Unused.</param>
        /// <returns>The loss.</returns>
        public static double HandForwardPartRound9(
            ReadOnlySpan<double> mainParams,
            ReadOnlySpan<double> extraParams,
            ReadOnlySpan<double> state0,
            ReadOnlySpan<double> sequence,
            int l,
            int c,
            int b,
            Span<double> mainGrad,
            Span<double> extraGrad)
        {
            int steps = c - 1;
            int stepSize = (l * Round9Records + 1) * b;
            double[] rented = ArrayPool<double>.Shared.Rent(steps * stepSize);
            try
            {
                Span<double> record = rented.AsSpan(0, steps * stepSize);
                Span<double> state = stackalloc double[2 * l * b];
                Span<double> x = stackalloc double[b];
                for (int i = 0; i < state.Length; i++)
                {
                    state[i] = state0[i];
                }
                ReadOnlySpan<double> inWeights = extraParams.Slice(0, b);
                ReadOnlySpan<double> outWeights = extraParams.Slice(b, b);
                ReadOnlySpan<double> outBiases = extraParams.Slice(2 * b, b);

                double total = 0;
                for (int t = 0; t < steps; t++)
                {
                    Span<double> stepRecord = record.Slice(t * stepSize, stepSize);
                    ReadOnlySpan<double> character = sequence.Slice(t * b, b);
                    for (int i = 0; i < x.Length; i++)
                    {
                        x[i] = character[i] * inWeights[i];
                    }

                    for (int layer = 0; layer < l; layer++)
                    {
                        ReadOnlySpan<double> p = mainParams.Slice(layer * 8 * b, 8 * b);
                        Span<double> hidden = state.Slice(layer * 2 * b, b);
                        Span<double> cell = state.Slice(layer * 2 * b + b, b);
                        Span<double> r = stepRecord.Slice(layer * Round9Records * b, Round9Records * b);
                        for (int j = 0; j < b; j++)
                        {
                            double input = x[j];
                            double hiddenBefore = hidden[j];
                            double cellBefore = cell[j];
                            double forget = Round9Sigmoid(input * p[j] + p[4 * b + j]);
                            double ingate = Round9Sigmoid(hiddenBefore * p[b + j] + p[5 * b + j]);
                            double outgate = Round9Sigmoid(input * p[2 * b + j] + p[6 * b + j]);
                            double change = Math.Tanh(hiddenBefore * p[3 * b + j] + p[7 * b + j]);
                            double newCell = cellBefore * forget + ingate * change;
                            double cellTanh = Math.Tanh(newCell);
                            double newHidden = outgate * cellTanh;
                            cell[j] = newCell;
                            hidden[j] = newHidden;
                            x[j] = newHidden;
                            r[Round9Input * b + j] = input;
                            r[Round9HiddenBefore * b + j] = hiddenBefore;
                            r[Round9CellBefore * b + j] = cellBefore;
                            r[Round9Forget * b + j] = forget;
                            r[Round9Ingate * b + j] = ingate;
                            r[Round9Outgate * b + j] = outgate;
                            r[Round9Change * b + j] = change;
                            r[Round9CellTanh * b + j] = cellTanh;
                        }
                    }

                    // Prediction and log-softmax (ADBench's log-sum-exp adds 2 to the sum).
                    Span<double> softmax = stepRecord.Slice(l * Round9Records * b, b);
                    double sum = 0;
                    for (int i = 0; i < b; i++)
                    {
                        double y = x[i] * outWeights[i] + outBiases[i];
                        x[i] = y;
                        double e = Math.Exp(y);
                        softmax[i] = e;
                        sum += e;
                    }

                    sum += 2;
                    double lse = Math.Log(sum);
                    double inverse = 1.0 / sum;
                    ReadOnlySpan<double> gold = sequence.Slice((t + 1) * b, b);
                    for (int i = 0; i < b; i++)
                    {
                        total += gold[i] * (x[i] - lse);
                        softmax[i] *= inverse;
                    }
                }

                double loss = -total / (steps * b);

                return loss;
            }
            finally
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }


        /// <summary>The generated LSTM pullback (copy).</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double ObjectivePullbackRound9(global::System.ReadOnlySpan<double> mainParams, global::System.ReadOnlySpan<double> extraParams, global::System.ReadOnlySpan<double> state0, global::System.ReadOnlySpan<double> sequence, int l, int c, int b, double resultAdj, global::System.Span<double> mainParamsGrad, global::System.Span<double> extraParamsGrad)
        {
            int w = 0;
            int h = 0;
            double[] state = global::System.Array.Empty<double>();
            double[] stateAdj = global::System.Array.Empty<double>();
            double[] input = global::System.Array.Empty<double>();
            double[] inputAdj = global::System.Array.Empty<double>();
            double[] ypred = global::System.Array.Empty<double>();
            double[] ypredAdj = global::System.Array.Empty<double>();
            double forget = 0.0;
            double ingate = 0.0;
            double outgate = 0.0;
            double change = 0.0;
            double tanh = 0.0;
            double logSumExp = 0.0;
            double sum = 0.0;
            double exp = 0.0;
            double lse = 0.0;
            global::Backprop.Support.ValueTape<double> savedDoubles = new global::Backprop.Support.ValueTape<double>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            state = global::Backprop.Support.LocalArrayPool<double>.Rent(2 * l * b);
            stateAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(state.Length);
            input = global::Backprop.Support.LocalArrayPool<double>.Rent(b);
            inputAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(input.Length);
            ypred = global::Backprop.Support.LocalArrayPool<double>.Rent(b);
            ypredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(ypred.Length);
            for (int i = 0; i < 2 * l * b; i++)
            {
                state[i] = state0[i];
            }

            double total = 0.0;
            for (int t = 0; t < c - 1; t++)
            {
                for (int i = 0; i < b; i++)
                {
                    savedDoubles.Push(input[i]);
                    input[i] = sequence[t * b + i] * extraParams[i];
                }

                for (int layer = 0; layer < l; layer++)
                {
                    w = layer * 8 * b;
                    h = layer * 2 * b;
                    for (int j = 0; j < b; j++)
                    {
                        savedDoubles.Push(forget);
                        forget = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);
                        savedDoubles.Push(ingate);
                        ingate = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);
                        savedDoubles.Push(outgate);
                        outgate = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);
                        savedDoubles.Push(change);
                        change = global::System.Math.Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);
                        savedDoubles.Push(state[h + b + j]);
                        state[h + b + j] = state[h + b + j] * forget + ingate * change;
                        savedDoubles.Push(tanh);
                        tanh = global::System.Math.Tanh(state[h + b + j]);
                        savedDoubles.Push(state[h + j]);
                        state[h + j] = outgate * tanh;
                        savedDoubles.Push(input[j]);
                        input[j] = state[h + j];
                    }
                }

                for (int i = 0; i < b; i++)
                {
                    ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];
                }

                savedDoubles.Push(sum);
                sum = 0.0;
                for (int i2 = 0; i2 < b; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(ypred[i2]);
                    sum = sum + exp;
                }

                sum = sum + 2.0;
                logSumExp = global::System.Math.Log(sum);
                lse = logSumExp;
                for (int i = 0; i < b; i++)
                {
                    total = total + sequence[(t + 1) * b + i] * (ypred[i] - lse);
                }
            }

            double result = -total / (double)((c - 1) * b);

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double totalAdj = 0.0;
            double forgetAdj = 0.0;
            double ingateAdj = 0.0;
            double outgateAdj = 0.0;
            double changeAdj = 0.0;
            double lseAdj = 0.0;
            double sumAdj = 0.0;
            double logSumExpAdj = 0.0;
            double tanhAdj = 0.0;
            double expAdj = 0.0;

            // return -total / ((c - 1) * b);  ->  d(u/v) = du/v - u dv/v²; d(-u) = -du
            totalAdj += -(resultAdj / (double)((c - 1) * b));

            // for (int t = 0; t < c - 1; t++), in reverse
            if (0 < c - 1)
            {
                for (int t = c - 1 - 1; t >= 0; t--)
                {
                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // total += sequence[(t + 1) * b + i] * (ypred[i] - lse);  ->  d(uv) = v du + u dv; d(u ± v) = du ± dv
                            {
                                double adj = sequence[(t + 1) * b + i] * totalAdj;
                                ypredAdj[i] += adj;
                                lseAdj += -adj;
                            }
                        }
                    }

                    // double lse = LogSumExp(ypred, b);
                    logSumExpAdj += lseAdj;
                    lseAdj = 0.0;

                    // LogSumExp: return Math.Log(sum);  ->  d log(u) = du / u
                    sumAdj += logSumExpAdj / sum;
                    logSumExpAdj = 0.0;

                    // LogSumExp: for (int i = 0; i < n; i++), in reverse
                    if (0 < b)
                    {
                        for (int i2 = b - 1; i2 >= 0; i2--)
                        {
                            // LogSumExp: sum += Math.Exp(v[i]);
                            expAdj += sumAdj;

                            // double exp = Math.Exp(ypred[i2]);  ->  d exp(u) = exp(u) du
                            ypredAdj[i2] += expAdj * exp;
                            expAdj = 0.0;
                            exp = savedDoubles.Pop();
                        }
                    }

                    // LogSumExp: double sum = 0;
                    sum = savedDoubles.Pop();
                    sumAdj = 0.0;

                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                            inputAdj[i] += ypredAdj[i] * extraParams[b + i];
                            extraParamsGrad[b + i] += input[i] * ypredAdj[i];
                            extraParamsGrad[2 * b + i] += ypredAdj[i];
                            ypredAdj[i] = 0.0;
                        }
                    }

                    // for (int layer = 0; layer < l; layer++), in reverse
                    if (0 < l)
                    {
                        for (int layer = l - 1; layer >= 0; layer--)
                        {
                            // Recomputed rather than saved: int w = layer * 8 * b; int h = layer * 2 * b;
                            w = layer * 8 * b;
                            h = layer * 2 * b;

                            // for (int j = 0; j < b; j++), in reverse
                            if (0 < b)
                            {
                                for (int j = b - 1; j >= 0; j--)
                                {
                                    // input[j] = state[h + j];
                                    input[j] = savedDoubles.Pop();
                                    stateAdj[h + j] += inputAdj[j];
                                    inputAdj[j] = 0.0;

                                    // state[h + j] = outgate * Math.Tanh(state[h + b + j]);  ->  d(uv) = v du + u dv
                                    {
                                        state[h + j] = savedDoubles.Pop();
                                        double adj = stateAdj[h + j];
                                        outgateAdj += adj * tanh;
                                        tanhAdj += outgate * adj;
                                        stateAdj[h + j] = 0.0;
                                    }

                                    // double tanh = Math.Tanh(state[h + b + j]);  ->  d tanh(u) = (1 - tanh²(u)) du, or 2 du / (1 + cosh(2u)) for |u| > 2
                                    {
                                        double arg = state[h + b + j];
                                        double tanhSlope = global::System.Math.Abs(arg) > 2.0 ? 2.0 / (1.0 + global::System.Math.Cosh(2.0 * arg)) : 1.0 - tanh * tanh;
                                        stateAdj[h + b + j] += tanhAdj * tanhSlope;
                                        tanhAdj = 0.0;
                                        tanh = savedDoubles.Pop();
                                    }

                                    // state[h + b + j] = state[h + b + j] * forget + ingate * change;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        state[h + b + j] = savedDoubles.Pop();
                                        double stateAdjOut = stateAdj[h + b + j];
                                        stateAdj[h + b + j] = 0.0;
                                        stateAdj[h + b + j] += stateAdjOut * forget;
                                        forgetAdj += state[h + b + j] * stateAdjOut;
                                        ingateAdj += stateAdjOut * change;
                                        changeAdj += ingate * stateAdjOut;
                                    }

                                    // double change = Math.Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);  ->  d tanh(u) = (1 - tanh²(u)) du, or 2 du / (1 + cosh(2u)) for |u| > 2; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double arg = state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j];
                                        double tanhSlope = global::System.Math.Abs(arg) > 2.0 ? 2.0 / (1.0 + global::System.Math.Cosh(2.0 * arg)) : 1.0 - change * change;
                                        double adj = changeAdj * tanhSlope;
                                        stateAdj[h + j] += adj * mainParams[w + 3 * b + j];
                                        mainParamsGrad[w + 3 * b + j] += state[h + j] * adj;
                                        mainParamsGrad[w + 7 * b + j] += adj;
                                        changeAdj = 0.0;
                                        change = savedDoubles.Pop();
                                    }

                                    // double outgate = Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = outgateAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(outgate);
                                        inputAdj[j] += adj * mainParams[w + 2 * b + j];
                                        mainParamsGrad[w + 2 * b + j] += input[j] * adj;
                                        mainParamsGrad[w + 6 * b + j] += adj;
                                        outgateAdj = 0.0;
                                        outgate = savedDoubles.Pop();
                                    }

                                    // double ingate = Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = ingateAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(ingate);
                                        stateAdj[h + j] += adj * mainParams[w + b + j];
                                        mainParamsGrad[w + b + j] += state[h + j] * adj;
                                        mainParamsGrad[w + 5 * b + j] += adj;
                                        ingateAdj = 0.0;
                                        ingate = savedDoubles.Pop();
                                    }

                                    // double forget = Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = forgetAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(forget);
                                        inputAdj[j] += adj * mainParams[w + j];
                                        mainParamsGrad[w + j] += input[j] * adj;
                                        mainParamsGrad[w + 4 * b + j] += adj;
                                        forgetAdj = 0.0;
                                        forget = savedDoubles.Pop();
                                    }
                                }
                            }
                        }
                    }

                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // input[i] = sequence[t * b + i] * extraParams[i];  ->  d(uv) = v du + u dv
                            input[i] = savedDoubles.Pop();
                            extraParamsGrad[i] += sequence[t * b + i] * inputAdj[i];
                            inputAdj[i] = 0.0;
                        }
                    }
                }
            }

            // for (int i = 0; i < 2 * l * b; i++), in reverse
            if (0 < 2 * l * b)
            {
                for (int i = 2 * l * b - 1; i >= 0; i--)
                {
                    // state[i] = state0[i];
                    stateAdj[i] = 0.0;
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(state);
            global::Backprop.Support.LocalArrayPool<double>.Return(stateAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(input);
            global::Backprop.Support.LocalArrayPool<double>.Return(inputAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(ypred);
            global::Backprop.Support.LocalArrayPool<double>.Return(ypredAdj);
            savedDoubles.Dispose();
            return result;
        }

        /// <summary>Timing only (no gradient): the copy's forward sweep, with its saves, and no reverse sweep.</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double ObjectivePullbackRound9ForwardSweepOnly(global::System.ReadOnlySpan<double> mainParams, global::System.ReadOnlySpan<double> extraParams, global::System.ReadOnlySpan<double> state0, global::System.ReadOnlySpan<double> sequence, int l, int c, int b, double resultAdj, global::System.Span<double> mainParamsGrad, global::System.Span<double> extraParamsGrad)
        {
            int w = 0;
            int h = 0;
            double[] state = global::System.Array.Empty<double>();
            double[] stateAdj = global::System.Array.Empty<double>();
            double[] input = global::System.Array.Empty<double>();
            double[] inputAdj = global::System.Array.Empty<double>();
            double[] ypred = global::System.Array.Empty<double>();
            double[] ypredAdj = global::System.Array.Empty<double>();
            double forget = 0.0;
            double ingate = 0.0;
            double outgate = 0.0;
            double change = 0.0;
            double tanh = 0.0;
            double logSumExp = 0.0;
            double sum = 0.0;
            double exp = 0.0;
            double lse = 0.0;
            global::Backprop.Support.ValueTape<double> savedDoubles = new global::Backprop.Support.ValueTape<double>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            state = global::Backprop.Support.LocalArrayPool<double>.Rent(2 * l * b);
            stateAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(state.Length);
            input = global::Backprop.Support.LocalArrayPool<double>.Rent(b);
            inputAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(input.Length);
            ypred = global::Backprop.Support.LocalArrayPool<double>.Rent(b);
            ypredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(ypred.Length);
            for (int i = 0; i < 2 * l * b; i++)
            {
                state[i] = state0[i];
            }

            double total = 0.0;
            for (int t = 0; t < c - 1; t++)
            {
                for (int i = 0; i < b; i++)
                {
                    savedDoubles.Push(input[i]);
                    input[i] = sequence[t * b + i] * extraParams[i];
                }

                for (int layer = 0; layer < l; layer++)
                {
                    w = layer * 8 * b;
                    h = layer * 2 * b;
                    for (int j = 0; j < b; j++)
                    {
                        savedDoubles.Push(forget);
                        forget = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);
                        savedDoubles.Push(ingate);
                        ingate = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);
                        savedDoubles.Push(outgate);
                        outgate = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);
                        savedDoubles.Push(change);
                        change = global::System.Math.Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);
                        savedDoubles.Push(state[h + b + j]);
                        state[h + b + j] = state[h + b + j] * forget + ingate * change;
                        savedDoubles.Push(tanh);
                        tanh = global::System.Math.Tanh(state[h + b + j]);
                        savedDoubles.Push(state[h + j]);
                        state[h + j] = outgate * tanh;
                        savedDoubles.Push(input[j]);
                        input[j] = state[h + j];
                    }
                }

                for (int i = 0; i < b; i++)
                {
                    ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];
                }

                savedDoubles.Push(sum);
                sum = 0.0;
                for (int i2 = 0; i2 < b; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(ypred[i2]);
                    sum = sum + exp;
                }

                sum = sum + 2.0;
                logSumExp = global::System.Math.Log(sum);
                lse = logSumExp;
                for (int i = 0; i < b; i++)
                {
                    total = total + sequence[(t + 1) * b + i] * (ypred[i] - lse);
                }
            }

            double result = -total / (double)((c - 1) * b);

            global::Backprop.Support.LocalArrayPool<double>.Return(state);
            global::Backprop.Support.LocalArrayPool<double>.Return(stateAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(input);
            global::Backprop.Support.LocalArrayPool<double>.Return(inputAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(ypred);
            global::Backprop.Support.LocalArrayPool<double>.Return(ypredAdj);
            savedDoubles.Dispose();
            return result;
        }

        /// <summary>The copy with the tanh derivatives from the saved value alone (1 - tanh²), without the branch for |u| &gt; 2 (wrong past 2, which this workload never reaches).</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double ObjectivePullbackRound9NoTanhTail(global::System.ReadOnlySpan<double> mainParams, global::System.ReadOnlySpan<double> extraParams, global::System.ReadOnlySpan<double> state0, global::System.ReadOnlySpan<double> sequence, int l, int c, int b, double resultAdj, global::System.Span<double> mainParamsGrad, global::System.Span<double> extraParamsGrad)
        {
            int w = 0;
            int h = 0;
            double[] state = global::System.Array.Empty<double>();
            double[] stateAdj = global::System.Array.Empty<double>();
            double[] input = global::System.Array.Empty<double>();
            double[] inputAdj = global::System.Array.Empty<double>();
            double[] ypred = global::System.Array.Empty<double>();
            double[] ypredAdj = global::System.Array.Empty<double>();
            double forget = 0.0;
            double ingate = 0.0;
            double outgate = 0.0;
            double change = 0.0;
            double tanh = 0.0;
            double logSumExp = 0.0;
            double sum = 0.0;
            double exp = 0.0;
            double lse = 0.0;
            global::Backprop.Support.ValueTape<double> savedDoubles = new global::Backprop.Support.ValueTape<double>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            state = global::Backprop.Support.LocalArrayPool<double>.Rent(2 * l * b);
            stateAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(state.Length);
            input = global::Backprop.Support.LocalArrayPool<double>.Rent(b);
            inputAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(input.Length);
            ypred = global::Backprop.Support.LocalArrayPool<double>.Rent(b);
            ypredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(ypred.Length);
            for (int i = 0; i < 2 * l * b; i++)
            {
                state[i] = state0[i];
            }

            double total = 0.0;
            for (int t = 0; t < c - 1; t++)
            {
                for (int i = 0; i < b; i++)
                {
                    savedDoubles.Push(input[i]);
                    input[i] = sequence[t * b + i] * extraParams[i];
                }

                for (int layer = 0; layer < l; layer++)
                {
                    w = layer * 8 * b;
                    h = layer * 2 * b;
                    for (int j = 0; j < b; j++)
                    {
                        savedDoubles.Push(forget);
                        forget = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);
                        savedDoubles.Push(ingate);
                        ingate = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);
                        savedDoubles.Push(outgate);
                        outgate = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);
                        savedDoubles.Push(change);
                        change = global::System.Math.Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);
                        savedDoubles.Push(state[h + b + j]);
                        state[h + b + j] = state[h + b + j] * forget + ingate * change;
                        savedDoubles.Push(tanh);
                        tanh = global::System.Math.Tanh(state[h + b + j]);
                        savedDoubles.Push(state[h + j]);
                        state[h + j] = outgate * tanh;
                        savedDoubles.Push(input[j]);
                        input[j] = state[h + j];
                    }
                }

                for (int i = 0; i < b; i++)
                {
                    ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];
                }

                savedDoubles.Push(sum);
                sum = 0.0;
                for (int i2 = 0; i2 < b; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(ypred[i2]);
                    sum = sum + exp;
                }

                sum = sum + 2.0;
                logSumExp = global::System.Math.Log(sum);
                lse = logSumExp;
                for (int i = 0; i < b; i++)
                {
                    total = total + sequence[(t + 1) * b + i] * (ypred[i] - lse);
                }
            }

            double result = -total / (double)((c - 1) * b);

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double totalAdj = 0.0;
            double forgetAdj = 0.0;
            double ingateAdj = 0.0;
            double outgateAdj = 0.0;
            double changeAdj = 0.0;
            double lseAdj = 0.0;
            double sumAdj = 0.0;
            double logSumExpAdj = 0.0;
            double tanhAdj = 0.0;
            double expAdj = 0.0;

            // return -total / ((c - 1) * b);  ->  d(u/v) = du/v - u dv/v²; d(-u) = -du
            totalAdj += -(resultAdj / (double)((c - 1) * b));

            // for (int t = 0; t < c - 1; t++), in reverse
            if (0 < c - 1)
            {
                for (int t = c - 1 - 1; t >= 0; t--)
                {
                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // total += sequence[(t + 1) * b + i] * (ypred[i] - lse);  ->  d(uv) = v du + u dv; d(u ± v) = du ± dv
                            {
                                double adj = sequence[(t + 1) * b + i] * totalAdj;
                                ypredAdj[i] += adj;
                                lseAdj += -adj;
                            }
                        }
                    }

                    // double lse = LogSumExp(ypred, b);
                    logSumExpAdj += lseAdj;
                    lseAdj = 0.0;

                    // LogSumExp: return Math.Log(sum);  ->  d log(u) = du / u
                    sumAdj += logSumExpAdj / sum;
                    logSumExpAdj = 0.0;

                    // LogSumExp: for (int i = 0; i < n; i++), in reverse
                    if (0 < b)
                    {
                        for (int i2 = b - 1; i2 >= 0; i2--)
                        {
                            // LogSumExp: sum += Math.Exp(v[i]);
                            expAdj += sumAdj;

                            // double exp = Math.Exp(ypred[i2]);  ->  d exp(u) = exp(u) du
                            ypredAdj[i2] += expAdj * exp;
                            expAdj = 0.0;
                            exp = savedDoubles.Pop();
                        }
                    }

                    // LogSumExp: double sum = 0;
                    sum = savedDoubles.Pop();
                    sumAdj = 0.0;

                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                            inputAdj[i] += ypredAdj[i] * extraParams[b + i];
                            extraParamsGrad[b + i] += input[i] * ypredAdj[i];
                            extraParamsGrad[2 * b + i] += ypredAdj[i];
                            ypredAdj[i] = 0.0;
                        }
                    }

                    // for (int layer = 0; layer < l; layer++), in reverse
                    if (0 < l)
                    {
                        for (int layer = l - 1; layer >= 0; layer--)
                        {
                            // Recomputed rather than saved: int w = layer * 8 * b; int h = layer * 2 * b;
                            w = layer * 8 * b;
                            h = layer * 2 * b;

                            // for (int j = 0; j < b; j++), in reverse
                            if (0 < b)
                            {
                                for (int j = b - 1; j >= 0; j--)
                                {
                                    // input[j] = state[h + j];
                                    input[j] = savedDoubles.Pop();
                                    stateAdj[h + j] += inputAdj[j];
                                    inputAdj[j] = 0.0;

                                    // state[h + j] = outgate * Math.Tanh(state[h + b + j]);  ->  d(uv) = v du + u dv
                                    {
                                        state[h + j] = savedDoubles.Pop();
                                        double adj = stateAdj[h + j];
                                        outgateAdj += adj * tanh;
                                        tanhAdj += outgate * adj;
                                        stateAdj[h + j] = 0.0;
                                    }

                                    // double tanh = Math.Tanh(state[h + b + j]);  ->  d tanh(u) = (1 - tanh²(u)) du, or 2 du / (1 + cosh(2u)) for |u| > 2
                                    {
                                        double tanhSlope = 1.0 - tanh * tanh;
                                        stateAdj[h + b + j] += tanhAdj * tanhSlope;
                                        tanhAdj = 0.0;
                                        tanh = savedDoubles.Pop();
                                    }

                                    // state[h + b + j] = state[h + b + j] * forget + ingate * change;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        state[h + b + j] = savedDoubles.Pop();
                                        double stateAdjOut = stateAdj[h + b + j];
                                        stateAdj[h + b + j] = 0.0;
                                        stateAdj[h + b + j] += stateAdjOut * forget;
                                        forgetAdj += state[h + b + j] * stateAdjOut;
                                        ingateAdj += stateAdjOut * change;
                                        changeAdj += ingate * stateAdjOut;
                                    }

                                    // double change = Math.Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);  ->  d tanh(u) = (1 - tanh²(u)) du, or 2 du / (1 + cosh(2u)) for |u| > 2; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double tanhSlope = 1.0 - change * change;
                                        double adj = changeAdj * tanhSlope;
                                        stateAdj[h + j] += adj * mainParams[w + 3 * b + j];
                                        mainParamsGrad[w + 3 * b + j] += state[h + j] * adj;
                                        mainParamsGrad[w + 7 * b + j] += adj;
                                        changeAdj = 0.0;
                                        change = savedDoubles.Pop();
                                    }

                                    // double outgate = Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = outgateAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(outgate);
                                        inputAdj[j] += adj * mainParams[w + 2 * b + j];
                                        mainParamsGrad[w + 2 * b + j] += input[j] * adj;
                                        mainParamsGrad[w + 6 * b + j] += adj;
                                        outgateAdj = 0.0;
                                        outgate = savedDoubles.Pop();
                                    }

                                    // double ingate = Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = ingateAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(ingate);
                                        stateAdj[h + j] += adj * mainParams[w + b + j];
                                        mainParamsGrad[w + b + j] += state[h + j] * adj;
                                        mainParamsGrad[w + 5 * b + j] += adj;
                                        ingateAdj = 0.0;
                                        ingate = savedDoubles.Pop();
                                    }

                                    // double forget = Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = forgetAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(forget);
                                        inputAdj[j] += adj * mainParams[w + j];
                                        mainParamsGrad[w + j] += input[j] * adj;
                                        mainParamsGrad[w + 4 * b + j] += adj;
                                        forgetAdj = 0.0;
                                        forget = savedDoubles.Pop();
                                    }
                                }
                            }
                        }
                    }

                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // input[i] = sequence[t * b + i] * extraParams[i];  ->  d(uv) = v du + u dv
                            input[i] = savedDoubles.Pop();
                            extraParamsGrad[i] += sequence[t * b + i] * inputAdj[i];
                            inputAdj[i] = 0.0;
                        }
                    }
                }
            }

            // for (int i = 0; i < 2 * l * b; i++), in reverse
            if (0 < 2 * l * b)
            {
                for (int i = 2 * l * b - 1; i >= 0; i--)
                {
                    // state[i] = state0[i];
                    stateAdj[i] = 0.0;
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(state);
            global::Backprop.Support.LocalArrayPool<double>.Return(stateAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(input);
            global::Backprop.Support.LocalArrayPool<double>.Return(inputAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(ypred);
            global::Backprop.Support.LocalArrayPool<double>.Return(ypredAdj);
            savedDoubles.Dispose();
            return result;
        }

        /// <summary>The copy with the tanh rule's far branch in a helper that is not inlined.</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double ObjectivePullbackRound9TailHelper(global::System.ReadOnlySpan<double> mainParams, global::System.ReadOnlySpan<double> extraParams, global::System.ReadOnlySpan<double> state0, global::System.ReadOnlySpan<double> sequence, int l, int c, int b, double resultAdj, global::System.Span<double> mainParamsGrad, global::System.Span<double> extraParamsGrad)
        {
            int w = 0;
            int h = 0;
            double[] state = global::System.Array.Empty<double>();
            double[] stateAdj = global::System.Array.Empty<double>();
            double[] input = global::System.Array.Empty<double>();
            double[] inputAdj = global::System.Array.Empty<double>();
            double[] ypred = global::System.Array.Empty<double>();
            double[] ypredAdj = global::System.Array.Empty<double>();
            double forget = 0.0;
            double ingate = 0.0;
            double outgate = 0.0;
            double change = 0.0;
            double tanh = 0.0;
            double logSumExp = 0.0;
            double sum = 0.0;
            double exp = 0.0;
            double lse = 0.0;
            global::Backprop.Support.ValueTape<double> savedDoubles = new global::Backprop.Support.ValueTape<double>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            state = global::Backprop.Support.LocalArrayPool<double>.Rent(2 * l * b);
            stateAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(state.Length);
            input = global::Backprop.Support.LocalArrayPool<double>.Rent(b);
            inputAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(input.Length);
            ypred = global::Backprop.Support.LocalArrayPool<double>.Rent(b);
            ypredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(ypred.Length);
            for (int i = 0; i < 2 * l * b; i++)
            {
                state[i] = state0[i];
            }

            double total = 0.0;
            for (int t = 0; t < c - 1; t++)
            {
                for (int i = 0; i < b; i++)
                {
                    savedDoubles.Push(input[i]);
                    input[i] = sequence[t * b + i] * extraParams[i];
                }

                for (int layer = 0; layer < l; layer++)
                {
                    w = layer * 8 * b;
                    h = layer * 2 * b;
                    for (int j = 0; j < b; j++)
                    {
                        savedDoubles.Push(forget);
                        forget = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);
                        savedDoubles.Push(ingate);
                        ingate = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);
                        savedDoubles.Push(outgate);
                        outgate = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);
                        savedDoubles.Push(change);
                        change = global::System.Math.Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);
                        savedDoubles.Push(state[h + b + j]);
                        state[h + b + j] = state[h + b + j] * forget + ingate * change;
                        savedDoubles.Push(tanh);
                        tanh = global::System.Math.Tanh(state[h + b + j]);
                        savedDoubles.Push(state[h + j]);
                        state[h + j] = outgate * tanh;
                        savedDoubles.Push(input[j]);
                        input[j] = state[h + j];
                    }
                }

                for (int i = 0; i < b; i++)
                {
                    ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];
                }

                savedDoubles.Push(sum);
                sum = 0.0;
                for (int i2 = 0; i2 < b; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(ypred[i2]);
                    sum = sum + exp;
                }

                sum = sum + 2.0;
                logSumExp = global::System.Math.Log(sum);
                lse = logSumExp;
                for (int i = 0; i < b; i++)
                {
                    total = total + sequence[(t + 1) * b + i] * (ypred[i] - lse);
                }
            }

            double result = -total / (double)((c - 1) * b);

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double totalAdj = 0.0;
            double forgetAdj = 0.0;
            double ingateAdj = 0.0;
            double outgateAdj = 0.0;
            double changeAdj = 0.0;
            double lseAdj = 0.0;
            double sumAdj = 0.0;
            double logSumExpAdj = 0.0;
            double tanhAdj = 0.0;
            double expAdj = 0.0;

            // return -total / ((c - 1) * b);  ->  d(u/v) = du/v - u dv/v²; d(-u) = -du
            totalAdj += -(resultAdj / (double)((c - 1) * b));

            // for (int t = 0; t < c - 1; t++), in reverse
            if (0 < c - 1)
            {
                for (int t = c - 1 - 1; t >= 0; t--)
                {
                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // total += sequence[(t + 1) * b + i] * (ypred[i] - lse);  ->  d(uv) = v du + u dv; d(u ± v) = du ± dv
                            {
                                double adj = sequence[(t + 1) * b + i] * totalAdj;
                                ypredAdj[i] += adj;
                                lseAdj += -adj;
                            }
                        }
                    }

                    // double lse = LogSumExp(ypred, b);
                    logSumExpAdj += lseAdj;
                    lseAdj = 0.0;

                    // LogSumExp: return Math.Log(sum);  ->  d log(u) = du / u
                    sumAdj += logSumExpAdj / sum;
                    logSumExpAdj = 0.0;

                    // LogSumExp: for (int i = 0; i < n; i++), in reverse
                    if (0 < b)
                    {
                        for (int i2 = b - 1; i2 >= 0; i2--)
                        {
                            // LogSumExp: sum += Math.Exp(v[i]);
                            expAdj += sumAdj;

                            // double exp = Math.Exp(ypred[i2]);  ->  d exp(u) = exp(u) du
                            ypredAdj[i2] += expAdj * exp;
                            expAdj = 0.0;
                            exp = savedDoubles.Pop();
                        }
                    }

                    // LogSumExp: double sum = 0;
                    sum = savedDoubles.Pop();
                    sumAdj = 0.0;

                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                            inputAdj[i] += ypredAdj[i] * extraParams[b + i];
                            extraParamsGrad[b + i] += input[i] * ypredAdj[i];
                            extraParamsGrad[2 * b + i] += ypredAdj[i];
                            ypredAdj[i] = 0.0;
                        }
                    }

                    // for (int layer = 0; layer < l; layer++), in reverse
                    if (0 < l)
                    {
                        for (int layer = l - 1; layer >= 0; layer--)
                        {
                            // Recomputed rather than saved: int w = layer * 8 * b; int h = layer * 2 * b;
                            w = layer * 8 * b;
                            h = layer * 2 * b;

                            // for (int j = 0; j < b; j++), in reverse
                            if (0 < b)
                            {
                                for (int j = b - 1; j >= 0; j--)
                                {
                                    // input[j] = state[h + j];
                                    input[j] = savedDoubles.Pop();
                                    stateAdj[h + j] += inputAdj[j];
                                    inputAdj[j] = 0.0;

                                    // state[h + j] = outgate * Math.Tanh(state[h + b + j]);  ->  d(uv) = v du + u dv
                                    {
                                        state[h + j] = savedDoubles.Pop();
                                        double adj = stateAdj[h + j];
                                        outgateAdj += adj * tanh;
                                        tanhAdj += outgate * adj;
                                        stateAdj[h + j] = 0.0;
                                    }

                                    // double tanh = Math.Tanh(state[h + b + j]);  ->  d tanh(u) = (1 - tanh²(u)) du, or 2 du / (1 + cosh(2u)) for |u| > 2
                                    {
                                        double arg = state[h + b + j];
                                        double tanhSlope = global::System.Math.Abs(arg) > 2.0 ? Round9TanhSlopeFar(arg) : 1.0 - tanh * tanh;
                                        stateAdj[h + b + j] += tanhAdj * tanhSlope;
                                        tanhAdj = 0.0;
                                        tanh = savedDoubles.Pop();
                                    }

                                    // state[h + b + j] = state[h + b + j] * forget + ingate * change;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        state[h + b + j] = savedDoubles.Pop();
                                        double stateAdjOut = stateAdj[h + b + j];
                                        stateAdj[h + b + j] = 0.0;
                                        stateAdj[h + b + j] += stateAdjOut * forget;
                                        forgetAdj += state[h + b + j] * stateAdjOut;
                                        ingateAdj += stateAdjOut * change;
                                        changeAdj += ingate * stateAdjOut;
                                    }

                                    // double change = Math.Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);  ->  d tanh(u) = (1 - tanh²(u)) du, or 2 du / (1 + cosh(2u)) for |u| > 2; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double arg = state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j];
                                        double tanhSlope = global::System.Math.Abs(arg) > 2.0 ? Round9TanhSlopeFar(arg) : 1.0 - change * change;
                                        double adj = changeAdj * tanhSlope;
                                        stateAdj[h + j] += adj * mainParams[w + 3 * b + j];
                                        mainParamsGrad[w + 3 * b + j] += state[h + j] * adj;
                                        mainParamsGrad[w + 7 * b + j] += adj;
                                        changeAdj = 0.0;
                                        change = savedDoubles.Pop();
                                    }

                                    // double outgate = Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = outgateAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(outgate);
                                        inputAdj[j] += adj * mainParams[w + 2 * b + j];
                                        mainParamsGrad[w + 2 * b + j] += input[j] * adj;
                                        mainParamsGrad[w + 6 * b + j] += adj;
                                        outgateAdj = 0.0;
                                        outgate = savedDoubles.Pop();
                                    }

                                    // double ingate = Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = ingateAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(ingate);
                                        stateAdj[h + j] += adj * mainParams[w + b + j];
                                        mainParamsGrad[w + b + j] += state[h + j] * adj;
                                        mainParamsGrad[w + 5 * b + j] += adj;
                                        ingateAdj = 0.0;
                                        ingate = savedDoubles.Pop();
                                    }

                                    // double forget = Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = forgetAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(forget);
                                        inputAdj[j] += adj * mainParams[w + j];
                                        mainParamsGrad[w + j] += input[j] * adj;
                                        mainParamsGrad[w + 4 * b + j] += adj;
                                        forgetAdj = 0.0;
                                        forget = savedDoubles.Pop();
                                    }
                                }
                            }
                        }
                    }

                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // input[i] = sequence[t * b + i] * extraParams[i];  ->  d(uv) = v du + u dv
                            input[i] = savedDoubles.Pop();
                            extraParamsGrad[i] += sequence[t * b + i] * inputAdj[i];
                            inputAdj[i] = 0.0;
                        }
                    }
                }
            }

            // for (int i = 0; i < 2 * l * b; i++), in reverse
            if (0 < 2 * l * b)
            {
                for (int i = 2 * l * b - 1; i >= 0; i--)
                {
                    // state[i] = state0[i];
                    stateAdj[i] = 0.0;
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(state);
            global::Backprop.Support.LocalArrayPool<double>.Return(stateAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(input);
            global::Backprop.Support.LocalArrayPool<double>.Return(inputAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(ypred);
            global::Backprop.Support.LocalArrayPool<double>.Return(ypredAdj);
            savedDoubles.Dispose();
            return result;
        }

        /// <summary>The copy with the tanh rule testing the saved tanh against tanh(2), the argument computed only past it.</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double ObjectivePullbackRound9TestOnResult(global::System.ReadOnlySpan<double> mainParams, global::System.ReadOnlySpan<double> extraParams, global::System.ReadOnlySpan<double> state0, global::System.ReadOnlySpan<double> sequence, int l, int c, int b, double resultAdj, global::System.Span<double> mainParamsGrad, global::System.Span<double> extraParamsGrad)
        {
            int w = 0;
            int h = 0;
            double[] state = global::System.Array.Empty<double>();
            double[] stateAdj = global::System.Array.Empty<double>();
            double[] input = global::System.Array.Empty<double>();
            double[] inputAdj = global::System.Array.Empty<double>();
            double[] ypred = global::System.Array.Empty<double>();
            double[] ypredAdj = global::System.Array.Empty<double>();
            double forget = 0.0;
            double ingate = 0.0;
            double outgate = 0.0;
            double change = 0.0;
            double tanh = 0.0;
            double logSumExp = 0.0;
            double sum = 0.0;
            double exp = 0.0;
            double lse = 0.0;
            global::Backprop.Support.ValueTape<double> savedDoubles = new global::Backprop.Support.ValueTape<double>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            state = global::Backprop.Support.LocalArrayPool<double>.Rent(2 * l * b);
            stateAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(state.Length);
            input = global::Backprop.Support.LocalArrayPool<double>.Rent(b);
            inputAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(input.Length);
            ypred = global::Backprop.Support.LocalArrayPool<double>.Rent(b);
            ypredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(ypred.Length);
            for (int i = 0; i < 2 * l * b; i++)
            {
                state[i] = state0[i];
            }

            double total = 0.0;
            for (int t = 0; t < c - 1; t++)
            {
                for (int i = 0; i < b; i++)
                {
                    savedDoubles.Push(input[i]);
                    input[i] = sequence[t * b + i] * extraParams[i];
                }

                for (int layer = 0; layer < l; layer++)
                {
                    w = layer * 8 * b;
                    h = layer * 2 * b;
                    for (int j = 0; j < b; j++)
                    {
                        savedDoubles.Push(forget);
                        forget = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);
                        savedDoubles.Push(ingate);
                        ingate = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);
                        savedDoubles.Push(outgate);
                        outgate = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);
                        savedDoubles.Push(change);
                        change = global::System.Math.Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);
                        savedDoubles.Push(state[h + b + j]);
                        state[h + b + j] = state[h + b + j] * forget + ingate * change;
                        savedDoubles.Push(tanh);
                        tanh = global::System.Math.Tanh(state[h + b + j]);
                        savedDoubles.Push(state[h + j]);
                        state[h + j] = outgate * tanh;
                        savedDoubles.Push(input[j]);
                        input[j] = state[h + j];
                    }
                }

                for (int i = 0; i < b; i++)
                {
                    ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];
                }

                savedDoubles.Push(sum);
                sum = 0.0;
                for (int i2 = 0; i2 < b; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(ypred[i2]);
                    sum = sum + exp;
                }

                sum = sum + 2.0;
                logSumExp = global::System.Math.Log(sum);
                lse = logSumExp;
                for (int i = 0; i < b; i++)
                {
                    total = total + sequence[(t + 1) * b + i] * (ypred[i] - lse);
                }
            }

            double result = -total / (double)((c - 1) * b);

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double totalAdj = 0.0;
            double forgetAdj = 0.0;
            double ingateAdj = 0.0;
            double outgateAdj = 0.0;
            double changeAdj = 0.0;
            double lseAdj = 0.0;
            double sumAdj = 0.0;
            double logSumExpAdj = 0.0;
            double tanhAdj = 0.0;
            double expAdj = 0.0;

            // return -total / ((c - 1) * b);  ->  d(u/v) = du/v - u dv/v²; d(-u) = -du
            totalAdj += -(resultAdj / (double)((c - 1) * b));

            // for (int t = 0; t < c - 1; t++), in reverse
            if (0 < c - 1)
            {
                for (int t = c - 1 - 1; t >= 0; t--)
                {
                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // total += sequence[(t + 1) * b + i] * (ypred[i] - lse);  ->  d(uv) = v du + u dv; d(u ± v) = du ± dv
                            {
                                double adj = sequence[(t + 1) * b + i] * totalAdj;
                                ypredAdj[i] += adj;
                                lseAdj += -adj;
                            }
                        }
                    }

                    // double lse = LogSumExp(ypred, b);
                    logSumExpAdj += lseAdj;
                    lseAdj = 0.0;

                    // LogSumExp: return Math.Log(sum);  ->  d log(u) = du / u
                    sumAdj += logSumExpAdj / sum;
                    logSumExpAdj = 0.0;

                    // LogSumExp: for (int i = 0; i < n; i++), in reverse
                    if (0 < b)
                    {
                        for (int i2 = b - 1; i2 >= 0; i2--)
                        {
                            // LogSumExp: sum += Math.Exp(v[i]);
                            expAdj += sumAdj;

                            // double exp = Math.Exp(ypred[i2]);  ->  d exp(u) = exp(u) du
                            ypredAdj[i2] += expAdj * exp;
                            expAdj = 0.0;
                            exp = savedDoubles.Pop();
                        }
                    }

                    // LogSumExp: double sum = 0;
                    sum = savedDoubles.Pop();
                    sumAdj = 0.0;

                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                            inputAdj[i] += ypredAdj[i] * extraParams[b + i];
                            extraParamsGrad[b + i] += input[i] * ypredAdj[i];
                            extraParamsGrad[2 * b + i] += ypredAdj[i];
                            ypredAdj[i] = 0.0;
                        }
                    }

                    // for (int layer = 0; layer < l; layer++), in reverse
                    if (0 < l)
                    {
                        for (int layer = l - 1; layer >= 0; layer--)
                        {
                            // Recomputed rather than saved: int w = layer * 8 * b; int h = layer * 2 * b;
                            w = layer * 8 * b;
                            h = layer * 2 * b;

                            // for (int j = 0; j < b; j++), in reverse
                            if (0 < b)
                            {
                                for (int j = b - 1; j >= 0; j--)
                                {
                                    // input[j] = state[h + j];
                                    input[j] = savedDoubles.Pop();
                                    stateAdj[h + j] += inputAdj[j];
                                    inputAdj[j] = 0.0;

                                    // state[h + j] = outgate * Math.Tanh(state[h + b + j]);  ->  d(uv) = v du + u dv
                                    {
                                        state[h + j] = savedDoubles.Pop();
                                        double adj = stateAdj[h + j];
                                        outgateAdj += adj * tanh;
                                        tanhAdj += outgate * adj;
                                        stateAdj[h + j] = 0.0;
                                    }

                                    // double tanh = Math.Tanh(state[h + b + j]);  ->  d tanh(u) = (1 - tanh²(u)) du, or 2 du / (1 + cosh(2u)) for |u| > 2
                                    {
                                        double tanhSlope = global::System.Math.Abs(tanh) > 0.9640275800758169 ? 2.0 / (1.0 + global::System.Math.Cosh(2.0 * state[h + b + j])) : 1.0 - tanh * tanh;
                                        stateAdj[h + b + j] += tanhAdj * tanhSlope;
                                        tanhAdj = 0.0;
                                        tanh = savedDoubles.Pop();
                                    }

                                    // state[h + b + j] = state[h + b + j] * forget + ingate * change;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        state[h + b + j] = savedDoubles.Pop();
                                        double stateAdjOut = stateAdj[h + b + j];
                                        stateAdj[h + b + j] = 0.0;
                                        stateAdj[h + b + j] += stateAdjOut * forget;
                                        forgetAdj += state[h + b + j] * stateAdjOut;
                                        ingateAdj += stateAdjOut * change;
                                        changeAdj += ingate * stateAdjOut;
                                    }

                                    // double change = Math.Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);  ->  d tanh(u) = (1 - tanh²(u)) du, or 2 du / (1 + cosh(2u)) for |u| > 2; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double tanhSlope = global::System.Math.Abs(change) > 0.9640275800758169 ? 2.0 / (1.0 + global::System.Math.Cosh(2.0 * (state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]))) : 1.0 - change * change;
                                        double adj = changeAdj * tanhSlope;
                                        stateAdj[h + j] += adj * mainParams[w + 3 * b + j];
                                        mainParamsGrad[w + 3 * b + j] += state[h + j] * adj;
                                        mainParamsGrad[w + 7 * b + j] += adj;
                                        changeAdj = 0.0;
                                        change = savedDoubles.Pop();
                                    }

                                    // double outgate = Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = outgateAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(outgate);
                                        inputAdj[j] += adj * mainParams[w + 2 * b + j];
                                        mainParamsGrad[w + 2 * b + j] += input[j] * adj;
                                        mainParamsGrad[w + 6 * b + j] += adj;
                                        outgateAdj = 0.0;
                                        outgate = savedDoubles.Pop();
                                    }

                                    // double ingate = Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = ingateAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(ingate);
                                        stateAdj[h + j] += adj * mainParams[w + b + j];
                                        mainParamsGrad[w + b + j] += state[h + j] * adj;
                                        mainParamsGrad[w + 5 * b + j] += adj;
                                        ingateAdj = 0.0;
                                        ingate = savedDoubles.Pop();
                                    }

                                    // double forget = Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = forgetAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(forget);
                                        inputAdj[j] += adj * mainParams[w + j];
                                        mainParamsGrad[w + j] += input[j] * adj;
                                        mainParamsGrad[w + 4 * b + j] += adj;
                                        forgetAdj = 0.0;
                                        forget = savedDoubles.Pop();
                                    }
                                }
                            }
                        }
                    }

                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // input[i] = sequence[t * b + i] * extraParams[i];  ->  d(uv) = v du + u dv
                            input[i] = savedDoubles.Pop();
                            extraParamsGrad[i] += sequence[t * b + i] * inputAdj[i];
                            inputAdj[i] = 0.0;
                        }
                    }
                }
            }

            // for (int i = 0; i < 2 * l * b; i++), in reverse
            if (0 < 2 * l * b)
            {
                for (int i = 2 * l * b - 1; i >= 0; i--)
                {
                    // state[i] = state0[i];
                    stateAdj[i] = 0.0;
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(state);
            global::Backprop.Support.LocalArrayPool<double>.Return(stateAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(input);
            global::Backprop.Support.LocalArrayPool<double>.Return(inputAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(ypred);
            global::Backprop.Support.LocalArrayPool<double>.Return(ypredAdj);
            savedDoubles.Dispose();
            return result;
        }

        /// <summary>The copy with the tanh rule testing the saved tanh against tanh(2), the far branch in a helper that is not inlined.</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double ObjectivePullbackRound9TestOnResultHelper(global::System.ReadOnlySpan<double> mainParams, global::System.ReadOnlySpan<double> extraParams, global::System.ReadOnlySpan<double> state0, global::System.ReadOnlySpan<double> sequence, int l, int c, int b, double resultAdj, global::System.Span<double> mainParamsGrad, global::System.Span<double> extraParamsGrad)
        {
            int w = 0;
            int h = 0;
            double[] state = global::System.Array.Empty<double>();
            double[] stateAdj = global::System.Array.Empty<double>();
            double[] input = global::System.Array.Empty<double>();
            double[] inputAdj = global::System.Array.Empty<double>();
            double[] ypred = global::System.Array.Empty<double>();
            double[] ypredAdj = global::System.Array.Empty<double>();
            double forget = 0.0;
            double ingate = 0.0;
            double outgate = 0.0;
            double change = 0.0;
            double tanh = 0.0;
            double logSumExp = 0.0;
            double sum = 0.0;
            double exp = 0.0;
            double lse = 0.0;
            global::Backprop.Support.ValueTape<double> savedDoubles = new global::Backprop.Support.ValueTape<double>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            state = global::Backprop.Support.LocalArrayPool<double>.Rent(2 * l * b);
            stateAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(state.Length);
            input = global::Backprop.Support.LocalArrayPool<double>.Rent(b);
            inputAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(input.Length);
            ypred = global::Backprop.Support.LocalArrayPool<double>.Rent(b);
            ypredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(ypred.Length);
            for (int i = 0; i < 2 * l * b; i++)
            {
                state[i] = state0[i];
            }

            double total = 0.0;
            for (int t = 0; t < c - 1; t++)
            {
                for (int i = 0; i < b; i++)
                {
                    savedDoubles.Push(input[i]);
                    input[i] = sequence[t * b + i] * extraParams[i];
                }

                for (int layer = 0; layer < l; layer++)
                {
                    w = layer * 8 * b;
                    h = layer * 2 * b;
                    for (int j = 0; j < b; j++)
                    {
                        savedDoubles.Push(forget);
                        forget = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);
                        savedDoubles.Push(ingate);
                        ingate = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);
                        savedDoubles.Push(outgate);
                        outgate = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);
                        savedDoubles.Push(change);
                        change = global::System.Math.Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);
                        savedDoubles.Push(state[h + b + j]);
                        state[h + b + j] = state[h + b + j] * forget + ingate * change;
                        savedDoubles.Push(tanh);
                        tanh = global::System.Math.Tanh(state[h + b + j]);
                        savedDoubles.Push(state[h + j]);
                        state[h + j] = outgate * tanh;
                        savedDoubles.Push(input[j]);
                        input[j] = state[h + j];
                    }
                }

                for (int i = 0; i < b; i++)
                {
                    ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];
                }

                savedDoubles.Push(sum);
                sum = 0.0;
                for (int i2 = 0; i2 < b; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(ypred[i2]);
                    sum = sum + exp;
                }

                sum = sum + 2.0;
                logSumExp = global::System.Math.Log(sum);
                lse = logSumExp;
                for (int i = 0; i < b; i++)
                {
                    total = total + sequence[(t + 1) * b + i] * (ypred[i] - lse);
                }
            }

            double result = -total / (double)((c - 1) * b);

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double totalAdj = 0.0;
            double forgetAdj = 0.0;
            double ingateAdj = 0.0;
            double outgateAdj = 0.0;
            double changeAdj = 0.0;
            double lseAdj = 0.0;
            double sumAdj = 0.0;
            double logSumExpAdj = 0.0;
            double tanhAdj = 0.0;
            double expAdj = 0.0;

            // return -total / ((c - 1) * b);  ->  d(u/v) = du/v - u dv/v²; d(-u) = -du
            totalAdj += -(resultAdj / (double)((c - 1) * b));

            // for (int t = 0; t < c - 1; t++), in reverse
            if (0 < c - 1)
            {
                for (int t = c - 1 - 1; t >= 0; t--)
                {
                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // total += sequence[(t + 1) * b + i] * (ypred[i] - lse);  ->  d(uv) = v du + u dv; d(u ± v) = du ± dv
                            {
                                double adj = sequence[(t + 1) * b + i] * totalAdj;
                                ypredAdj[i] += adj;
                                lseAdj += -adj;
                            }
                        }
                    }

                    // double lse = LogSumExp(ypred, b);
                    logSumExpAdj += lseAdj;
                    lseAdj = 0.0;

                    // LogSumExp: return Math.Log(sum);  ->  d log(u) = du / u
                    sumAdj += logSumExpAdj / sum;
                    logSumExpAdj = 0.0;

                    // LogSumExp: for (int i = 0; i < n; i++), in reverse
                    if (0 < b)
                    {
                        for (int i2 = b - 1; i2 >= 0; i2--)
                        {
                            // LogSumExp: sum += Math.Exp(v[i]);
                            expAdj += sumAdj;

                            // double exp = Math.Exp(ypred[i2]);  ->  d exp(u) = exp(u) du
                            ypredAdj[i2] += expAdj * exp;
                            expAdj = 0.0;
                            exp = savedDoubles.Pop();
                        }
                    }

                    // LogSumExp: double sum = 0;
                    sum = savedDoubles.Pop();
                    sumAdj = 0.0;

                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                            inputAdj[i] += ypredAdj[i] * extraParams[b + i];
                            extraParamsGrad[b + i] += input[i] * ypredAdj[i];
                            extraParamsGrad[2 * b + i] += ypredAdj[i];
                            ypredAdj[i] = 0.0;
                        }
                    }

                    // for (int layer = 0; layer < l; layer++), in reverse
                    if (0 < l)
                    {
                        for (int layer = l - 1; layer >= 0; layer--)
                        {
                            // Recomputed rather than saved: int w = layer * 8 * b; int h = layer * 2 * b;
                            w = layer * 8 * b;
                            h = layer * 2 * b;

                            // for (int j = 0; j < b; j++), in reverse
                            if (0 < b)
                            {
                                for (int j = b - 1; j >= 0; j--)
                                {
                                    // input[j] = state[h + j];
                                    input[j] = savedDoubles.Pop();
                                    stateAdj[h + j] += inputAdj[j];
                                    inputAdj[j] = 0.0;

                                    // state[h + j] = outgate * Math.Tanh(state[h + b + j]);  ->  d(uv) = v du + u dv
                                    {
                                        state[h + j] = savedDoubles.Pop();
                                        double adj = stateAdj[h + j];
                                        outgateAdj += adj * tanh;
                                        tanhAdj += outgate * adj;
                                        stateAdj[h + j] = 0.0;
                                    }

                                    // double tanh = Math.Tanh(state[h + b + j]);  ->  d tanh(u) = (1 - tanh²(u)) du, or 2 du / (1 + cosh(2u)) for |u| > 2
                                    {
                                        double tanhSlope = global::System.Math.Abs(tanh) > 0.9640275800758169 ? Round9TanhSlopeFar(state[h + b + j]) : 1.0 - tanh * tanh;
                                        stateAdj[h + b + j] += tanhAdj * tanhSlope;
                                        tanhAdj = 0.0;
                                        tanh = savedDoubles.Pop();
                                    }

                                    // state[h + b + j] = state[h + b + j] * forget + ingate * change;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        state[h + b + j] = savedDoubles.Pop();
                                        double stateAdjOut = stateAdj[h + b + j];
                                        stateAdj[h + b + j] = 0.0;
                                        stateAdj[h + b + j] += stateAdjOut * forget;
                                        forgetAdj += state[h + b + j] * stateAdjOut;
                                        ingateAdj += stateAdjOut * change;
                                        changeAdj += ingate * stateAdjOut;
                                    }

                                    // double change = Math.Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);  ->  d tanh(u) = (1 - tanh²(u)) du, or 2 du / (1 + cosh(2u)) for |u| > 2; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double tanhSlope = global::System.Math.Abs(change) > 0.9640275800758169 ? Round9TanhSlopeFar(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]) : 1.0 - change * change;
                                        double adj = changeAdj * tanhSlope;
                                        stateAdj[h + j] += adj * mainParams[w + 3 * b + j];
                                        mainParamsGrad[w + 3 * b + j] += state[h + j] * adj;
                                        mainParamsGrad[w + 7 * b + j] += adj;
                                        changeAdj = 0.0;
                                        change = savedDoubles.Pop();
                                    }

                                    // double outgate = Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = outgateAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(outgate);
                                        inputAdj[j] += adj * mainParams[w + 2 * b + j];
                                        mainParamsGrad[w + 2 * b + j] += input[j] * adj;
                                        mainParamsGrad[w + 6 * b + j] += adj;
                                        outgateAdj = 0.0;
                                        outgate = savedDoubles.Pop();
                                    }

                                    // double ingate = Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = ingateAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(ingate);
                                        stateAdj[h + j] += adj * mainParams[w + b + j];
                                        mainParamsGrad[w + b + j] += state[h + j] * adj;
                                        mainParamsGrad[w + 5 * b + j] += adj;
                                        ingateAdj = 0.0;
                                        ingate = savedDoubles.Pop();
                                    }

                                    // double forget = Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = forgetAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(forget);
                                        inputAdj[j] += adj * mainParams[w + j];
                                        mainParamsGrad[w + j] += input[j] * adj;
                                        mainParamsGrad[w + 4 * b + j] += adj;
                                        forgetAdj = 0.0;
                                        forget = savedDoubles.Pop();
                                    }
                                }
                            }
                        }
                    }

                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // input[i] = sequence[t * b + i] * extraParams[i];  ->  d(uv) = v du + u dv
                            input[i] = savedDoubles.Pop();
                            extraParamsGrad[i] += sequence[t * b + i] * inputAdj[i];
                            inputAdj[i] = 0.0;
                        }
                    }
                }
            }

            // for (int i = 0; i < 2 * l * b; i++), in reverse
            if (0 < 2 * l * b)
            {
                for (int i = 2 * l * b - 1; i >= 0; i--)
                {
                    // state[i] = state0[i];
                    stateAdj[i] = 0.0;
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(state);
            global::Backprop.Support.LocalArrayPool<double>.Return(stateAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(input);
            global::Backprop.Support.LocalArrayPool<double>.Return(inputAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(ypred);
            global::Backprop.Support.LocalArrayPool<double>.Return(ypredAdj);
            savedDoubles.Dispose();
            return result;
        }

        /// <summary>tanh'(u) = 2 / (1 + cosh(2u)), for |u| past 2.</summary>
        /// <param name="u">The argument.</param>
        /// <returns>The slope.</returns>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static double Round9TanhSlopeFar(double u) => 2.0 / (1.0 + global::System.Math.Cosh(2.0 * u));

        /// <summary>The copy with one room check per unit for its eight saves, then eight stores.</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double ObjectivePullbackRound9ReservePerIteration(global::System.ReadOnlySpan<double> mainParams, global::System.ReadOnlySpan<double> extraParams, global::System.ReadOnlySpan<double> state0, global::System.ReadOnlySpan<double> sequence, int l, int c, int b, double resultAdj, global::System.Span<double> mainParamsGrad, global::System.Span<double> extraParamsGrad)
        {
            int w = 0;
            int h = 0;
            double[] state = global::System.Array.Empty<double>();
            double[] stateAdj = global::System.Array.Empty<double>();
            double[] input = global::System.Array.Empty<double>();
            double[] inputAdj = global::System.Array.Empty<double>();
            double[] ypred = global::System.Array.Empty<double>();
            double[] ypredAdj = global::System.Array.Empty<double>();
            double forget = 0.0;
            double ingate = 0.0;
            double outgate = 0.0;
            double change = 0.0;
            double tanh = 0.0;
            double logSumExp = 0.0;
            double sum = 0.0;
            double exp = 0.0;
            double lse = 0.0;
            Round9Tape<double> savedDoubles = new Round9Tape<double>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            state = global::Backprop.Support.LocalArrayPool<double>.Rent(2 * l * b);
            stateAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(state.Length);
            input = global::Backprop.Support.LocalArrayPool<double>.Rent(b);
            inputAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(input.Length);
            ypred = global::Backprop.Support.LocalArrayPool<double>.Rent(b);
            ypredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(ypred.Length);
            for (int i = 0; i < 2 * l * b; i++)
            {
                state[i] = state0[i];
            }

            double total = 0.0;
            for (int t = 0; t < c - 1; t++)
            {
                for (int i = 0; i < b; i++)
                {
                    savedDoubles.Push(input[i]);
                    input[i] = sequence[t * b + i] * extraParams[i];
                }

                for (int layer = 0; layer < l; layer++)
                {
                    w = layer * 8 * b;
                    h = layer * 2 * b;
                    for (int j = 0; j < b; j++)
                    {
                        savedDoubles.EnsureRoom(8);
                        savedDoubles.PushReserved(forget);
                        forget = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);
                        savedDoubles.PushReserved(ingate);
                        ingate = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);
                        savedDoubles.PushReserved(outgate);
                        outgate = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);
                        savedDoubles.PushReserved(change);
                        change = global::System.Math.Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);
                        savedDoubles.PushReserved(state[h + b + j]);
                        state[h + b + j] = state[h + b + j] * forget + ingate * change;
                        savedDoubles.PushReserved(tanh);
                        tanh = global::System.Math.Tanh(state[h + b + j]);
                        savedDoubles.PushReserved(state[h + j]);
                        state[h + j] = outgate * tanh;
                        savedDoubles.PushReserved(input[j]);
                        input[j] = state[h + j];
                    }
                }

                for (int i = 0; i < b; i++)
                {
                    ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];
                }

                savedDoubles.Push(sum);
                sum = 0.0;
                for (int i2 = 0; i2 < b; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(ypred[i2]);
                    sum = sum + exp;
                }

                sum = sum + 2.0;
                logSumExp = global::System.Math.Log(sum);
                lse = logSumExp;
                for (int i = 0; i < b; i++)
                {
                    total = total + sequence[(t + 1) * b + i] * (ypred[i] - lse);
                }
            }

            double result = -total / (double)((c - 1) * b);

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double totalAdj = 0.0;
            double forgetAdj = 0.0;
            double ingateAdj = 0.0;
            double outgateAdj = 0.0;
            double changeAdj = 0.0;
            double lseAdj = 0.0;
            double sumAdj = 0.0;
            double logSumExpAdj = 0.0;
            double tanhAdj = 0.0;
            double expAdj = 0.0;

            // return -total / ((c - 1) * b);  ->  d(u/v) = du/v - u dv/v²; d(-u) = -du
            totalAdj += -(resultAdj / (double)((c - 1) * b));

            // for (int t = 0; t < c - 1; t++), in reverse
            if (0 < c - 1)
            {
                for (int t = c - 1 - 1; t >= 0; t--)
                {
                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // total += sequence[(t + 1) * b + i] * (ypred[i] - lse);  ->  d(uv) = v du + u dv; d(u ± v) = du ± dv
                            {
                                double adj = sequence[(t + 1) * b + i] * totalAdj;
                                ypredAdj[i] += adj;
                                lseAdj += -adj;
                            }
                        }
                    }

                    // double lse = LogSumExp(ypred, b);
                    logSumExpAdj += lseAdj;
                    lseAdj = 0.0;

                    // LogSumExp: return Math.Log(sum);  ->  d log(u) = du / u
                    sumAdj += logSumExpAdj / sum;
                    logSumExpAdj = 0.0;

                    // LogSumExp: for (int i = 0; i < n; i++), in reverse
                    if (0 < b)
                    {
                        for (int i2 = b - 1; i2 >= 0; i2--)
                        {
                            // LogSumExp: sum += Math.Exp(v[i]);
                            expAdj += sumAdj;

                            // double exp = Math.Exp(ypred[i2]);  ->  d exp(u) = exp(u) du
                            ypredAdj[i2] += expAdj * exp;
                            expAdj = 0.0;
                            exp = savedDoubles.Pop();
                        }
                    }

                    // LogSumExp: double sum = 0;
                    sum = savedDoubles.Pop();
                    sumAdj = 0.0;

                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                            inputAdj[i] += ypredAdj[i] * extraParams[b + i];
                            extraParamsGrad[b + i] += input[i] * ypredAdj[i];
                            extraParamsGrad[2 * b + i] += ypredAdj[i];
                            ypredAdj[i] = 0.0;
                        }
                    }

                    // for (int layer = 0; layer < l; layer++), in reverse
                    if (0 < l)
                    {
                        for (int layer = l - 1; layer >= 0; layer--)
                        {
                            // Recomputed rather than saved: int w = layer * 8 * b; int h = layer * 2 * b;
                            w = layer * 8 * b;
                            h = layer * 2 * b;

                            // for (int j = 0; j < b; j++), in reverse
                            if (0 < b)
                            {
                                for (int j = b - 1; j >= 0; j--)
                                {
                                    // input[j] = state[h + j];
                                    input[j] = savedDoubles.Pop();
                                    stateAdj[h + j] += inputAdj[j];
                                    inputAdj[j] = 0.0;

                                    // state[h + j] = outgate * Math.Tanh(state[h + b + j]);  ->  d(uv) = v du + u dv
                                    {
                                        state[h + j] = savedDoubles.Pop();
                                        double adj = stateAdj[h + j];
                                        outgateAdj += adj * tanh;
                                        tanhAdj += outgate * adj;
                                        stateAdj[h + j] = 0.0;
                                    }

                                    // double tanh = Math.Tanh(state[h + b + j]);  ->  d tanh(u) = (1 - tanh²(u)) du, or 2 du / (1 + cosh(2u)) for |u| > 2
                                    {
                                        double arg = state[h + b + j];
                                        double tanhSlope = global::System.Math.Abs(arg) > 2.0 ? 2.0 / (1.0 + global::System.Math.Cosh(2.0 * arg)) : 1.0 - tanh * tanh;
                                        stateAdj[h + b + j] += tanhAdj * tanhSlope;
                                        tanhAdj = 0.0;
                                        tanh = savedDoubles.Pop();
                                    }

                                    // state[h + b + j] = state[h + b + j] * forget + ingate * change;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        state[h + b + j] = savedDoubles.Pop();
                                        double stateAdjOut = stateAdj[h + b + j];
                                        stateAdj[h + b + j] = 0.0;
                                        stateAdj[h + b + j] += stateAdjOut * forget;
                                        forgetAdj += state[h + b + j] * stateAdjOut;
                                        ingateAdj += stateAdjOut * change;
                                        changeAdj += ingate * stateAdjOut;
                                    }

                                    // double change = Math.Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);  ->  d tanh(u) = (1 - tanh²(u)) du, or 2 du / (1 + cosh(2u)) for |u| > 2; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double arg = state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j];
                                        double tanhSlope = global::System.Math.Abs(arg) > 2.0 ? 2.0 / (1.0 + global::System.Math.Cosh(2.0 * arg)) : 1.0 - change * change;
                                        double adj = changeAdj * tanhSlope;
                                        stateAdj[h + j] += adj * mainParams[w + 3 * b + j];
                                        mainParamsGrad[w + 3 * b + j] += state[h + j] * adj;
                                        mainParamsGrad[w + 7 * b + j] += adj;
                                        changeAdj = 0.0;
                                        change = savedDoubles.Pop();
                                    }

                                    // double outgate = Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = outgateAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(outgate);
                                        inputAdj[j] += adj * mainParams[w + 2 * b + j];
                                        mainParamsGrad[w + 2 * b + j] += input[j] * adj;
                                        mainParamsGrad[w + 6 * b + j] += adj;
                                        outgateAdj = 0.0;
                                        outgate = savedDoubles.Pop();
                                    }

                                    // double ingate = Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = ingateAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(ingate);
                                        stateAdj[h + j] += adj * mainParams[w + b + j];
                                        mainParamsGrad[w + b + j] += state[h + j] * adj;
                                        mainParamsGrad[w + 5 * b + j] += adj;
                                        ingateAdj = 0.0;
                                        ingate = savedDoubles.Pop();
                                    }

                                    // double forget = Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = forgetAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(forget);
                                        inputAdj[j] += adj * mainParams[w + j];
                                        mainParamsGrad[w + j] += input[j] * adj;
                                        mainParamsGrad[w + 4 * b + j] += adj;
                                        forgetAdj = 0.0;
                                        forget = savedDoubles.Pop();
                                    }
                                }
                            }
                        }
                    }

                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // input[i] = sequence[t * b + i] * extraParams[i];  ->  d(uv) = v du + u dv
                            input[i] = savedDoubles.Pop();
                            extraParamsGrad[i] += sequence[t * b + i] * inputAdj[i];
                            inputAdj[i] = 0.0;
                        }
                    }
                }
            }

            // for (int i = 0; i < 2 * l * b; i++), in reverse
            if (0 < 2 * l * b)
            {
                for (int i = 2 * l * b - 1; i >= 0; i--)
                {
                    // state[i] = state0[i];
                    stateAdj[i] = 0.0;
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(state);
            global::Backprop.Support.LocalArrayPool<double>.Return(stateAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(input);
            global::Backprop.Support.LocalArrayPool<double>.Return(inputAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(ypred);
            global::Backprop.Support.LocalArrayPool<double>.Return(ypredAdj);
            savedDoubles.Dispose();
            return result;
        }

        /// <summary>The copy with one room check per layer for its units' saves, then plain stores.</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double ObjectivePullbackRound9ReservePerLoop(global::System.ReadOnlySpan<double> mainParams, global::System.ReadOnlySpan<double> extraParams, global::System.ReadOnlySpan<double> state0, global::System.ReadOnlySpan<double> sequence, int l, int c, int b, double resultAdj, global::System.Span<double> mainParamsGrad, global::System.Span<double> extraParamsGrad)
        {
            int w = 0;
            int h = 0;
            double[] state = global::System.Array.Empty<double>();
            double[] stateAdj = global::System.Array.Empty<double>();
            double[] input = global::System.Array.Empty<double>();
            double[] inputAdj = global::System.Array.Empty<double>();
            double[] ypred = global::System.Array.Empty<double>();
            double[] ypredAdj = global::System.Array.Empty<double>();
            double forget = 0.0;
            double ingate = 0.0;
            double outgate = 0.0;
            double change = 0.0;
            double tanh = 0.0;
            double logSumExp = 0.0;
            double sum = 0.0;
            double exp = 0.0;
            double lse = 0.0;
            Round9Tape<double> savedDoubles = new Round9Tape<double>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            state = global::Backprop.Support.LocalArrayPool<double>.Rent(2 * l * b);
            stateAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(state.Length);
            input = global::Backprop.Support.LocalArrayPool<double>.Rent(b);
            inputAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(input.Length);
            ypred = global::Backprop.Support.LocalArrayPool<double>.Rent(b);
            ypredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(ypred.Length);
            for (int i = 0; i < 2 * l * b; i++)
            {
                state[i] = state0[i];
            }

            double total = 0.0;
            for (int t = 0; t < c - 1; t++)
            {
                for (int i = 0; i < b; i++)
                {
                    savedDoubles.Push(input[i]);
                    input[i] = sequence[t * b + i] * extraParams[i];
                }

                for (int layer = 0; layer < l; layer++)
                {
                    w = layer * 8 * b;
                    h = layer * 2 * b;
                    savedDoubles.EnsureRoom(8L * b);
                    for (int j = 0; j < b; j++)
                    {
                        savedDoubles.PushReserved(forget);
                        forget = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);
                        savedDoubles.PushReserved(ingate);
                        ingate = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);
                        savedDoubles.PushReserved(outgate);
                        outgate = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);
                        savedDoubles.PushReserved(change);
                        change = global::System.Math.Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);
                        savedDoubles.PushReserved(state[h + b + j]);
                        state[h + b + j] = state[h + b + j] * forget + ingate * change;
                        savedDoubles.PushReserved(tanh);
                        tanh = global::System.Math.Tanh(state[h + b + j]);
                        savedDoubles.PushReserved(state[h + j]);
                        state[h + j] = outgate * tanh;
                        savedDoubles.PushReserved(input[j]);
                        input[j] = state[h + j];
                    }
                }

                for (int i = 0; i < b; i++)
                {
                    ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];
                }

                savedDoubles.Push(sum);
                sum = 0.0;
                for (int i2 = 0; i2 < b; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(ypred[i2]);
                    sum = sum + exp;
                }

                sum = sum + 2.0;
                logSumExp = global::System.Math.Log(sum);
                lse = logSumExp;
                for (int i = 0; i < b; i++)
                {
                    total = total + sequence[(t + 1) * b + i] * (ypred[i] - lse);
                }
            }

            double result = -total / (double)((c - 1) * b);

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double totalAdj = 0.0;
            double forgetAdj = 0.0;
            double ingateAdj = 0.0;
            double outgateAdj = 0.0;
            double changeAdj = 0.0;
            double lseAdj = 0.0;
            double sumAdj = 0.0;
            double logSumExpAdj = 0.0;
            double tanhAdj = 0.0;
            double expAdj = 0.0;

            // return -total / ((c - 1) * b);  ->  d(u/v) = du/v - u dv/v²; d(-u) = -du
            totalAdj += -(resultAdj / (double)((c - 1) * b));

            // for (int t = 0; t < c - 1; t++), in reverse
            if (0 < c - 1)
            {
                for (int t = c - 1 - 1; t >= 0; t--)
                {
                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // total += sequence[(t + 1) * b + i] * (ypred[i] - lse);  ->  d(uv) = v du + u dv; d(u ± v) = du ± dv
                            {
                                double adj = sequence[(t + 1) * b + i] * totalAdj;
                                ypredAdj[i] += adj;
                                lseAdj += -adj;
                            }
                        }
                    }

                    // double lse = LogSumExp(ypred, b);
                    logSumExpAdj += lseAdj;
                    lseAdj = 0.0;

                    // LogSumExp: return Math.Log(sum);  ->  d log(u) = du / u
                    sumAdj += logSumExpAdj / sum;
                    logSumExpAdj = 0.0;

                    // LogSumExp: for (int i = 0; i < n; i++), in reverse
                    if (0 < b)
                    {
                        for (int i2 = b - 1; i2 >= 0; i2--)
                        {
                            // LogSumExp: sum += Math.Exp(v[i]);
                            expAdj += sumAdj;

                            // double exp = Math.Exp(ypred[i2]);  ->  d exp(u) = exp(u) du
                            ypredAdj[i2] += expAdj * exp;
                            expAdj = 0.0;
                            exp = savedDoubles.Pop();
                        }
                    }

                    // LogSumExp: double sum = 0;
                    sum = savedDoubles.Pop();
                    sumAdj = 0.0;

                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                            inputAdj[i] += ypredAdj[i] * extraParams[b + i];
                            extraParamsGrad[b + i] += input[i] * ypredAdj[i];
                            extraParamsGrad[2 * b + i] += ypredAdj[i];
                            ypredAdj[i] = 0.0;
                        }
                    }

                    // for (int layer = 0; layer < l; layer++), in reverse
                    if (0 < l)
                    {
                        for (int layer = l - 1; layer >= 0; layer--)
                        {
                            // Recomputed rather than saved: int w = layer * 8 * b; int h = layer * 2 * b;
                            w = layer * 8 * b;
                            h = layer * 2 * b;

                            // for (int j = 0; j < b; j++), in reverse
                            if (0 < b)
                            {
                                for (int j = b - 1; j >= 0; j--)
                                {
                                    // input[j] = state[h + j];
                                    input[j] = savedDoubles.Pop();
                                    stateAdj[h + j] += inputAdj[j];
                                    inputAdj[j] = 0.0;

                                    // state[h + j] = outgate * Math.Tanh(state[h + b + j]);  ->  d(uv) = v du + u dv
                                    {
                                        state[h + j] = savedDoubles.Pop();
                                        double adj = stateAdj[h + j];
                                        outgateAdj += adj * tanh;
                                        tanhAdj += outgate * adj;
                                        stateAdj[h + j] = 0.0;
                                    }

                                    // double tanh = Math.Tanh(state[h + b + j]);  ->  d tanh(u) = (1 - tanh²(u)) du, or 2 du / (1 + cosh(2u)) for |u| > 2
                                    {
                                        double arg = state[h + b + j];
                                        double tanhSlope = global::System.Math.Abs(arg) > 2.0 ? 2.0 / (1.0 + global::System.Math.Cosh(2.0 * arg)) : 1.0 - tanh * tanh;
                                        stateAdj[h + b + j] += tanhAdj * tanhSlope;
                                        tanhAdj = 0.0;
                                        tanh = savedDoubles.Pop();
                                    }

                                    // state[h + b + j] = state[h + b + j] * forget + ingate * change;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        state[h + b + j] = savedDoubles.Pop();
                                        double stateAdjOut = stateAdj[h + b + j];
                                        stateAdj[h + b + j] = 0.0;
                                        stateAdj[h + b + j] += stateAdjOut * forget;
                                        forgetAdj += state[h + b + j] * stateAdjOut;
                                        ingateAdj += stateAdjOut * change;
                                        changeAdj += ingate * stateAdjOut;
                                    }

                                    // double change = Math.Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);  ->  d tanh(u) = (1 - tanh²(u)) du, or 2 du / (1 + cosh(2u)) for |u| > 2; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double arg = state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j];
                                        double tanhSlope = global::System.Math.Abs(arg) > 2.0 ? 2.0 / (1.0 + global::System.Math.Cosh(2.0 * arg)) : 1.0 - change * change;
                                        double adj = changeAdj * tanhSlope;
                                        stateAdj[h + j] += adj * mainParams[w + 3 * b + j];
                                        mainParamsGrad[w + 3 * b + j] += state[h + j] * adj;
                                        mainParamsGrad[w + 7 * b + j] += adj;
                                        changeAdj = 0.0;
                                        change = savedDoubles.Pop();
                                    }

                                    // double outgate = Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = outgateAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(outgate);
                                        inputAdj[j] += adj * mainParams[w + 2 * b + j];
                                        mainParamsGrad[w + 2 * b + j] += input[j] * adj;
                                        mainParamsGrad[w + 6 * b + j] += adj;
                                        outgateAdj = 0.0;
                                        outgate = savedDoubles.Pop();
                                    }

                                    // double ingate = Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = ingateAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(ingate);
                                        stateAdj[h + j] += adj * mainParams[w + b + j];
                                        mainParamsGrad[w + b + j] += state[h + j] * adj;
                                        mainParamsGrad[w + 5 * b + j] += adj;
                                        ingateAdj = 0.0;
                                        ingate = savedDoubles.Pop();
                                    }

                                    // double forget = Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = forgetAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(forget);
                                        inputAdj[j] += adj * mainParams[w + j];
                                        mainParamsGrad[w + j] += input[j] * adj;
                                        mainParamsGrad[w + 4 * b + j] += adj;
                                        forgetAdj = 0.0;
                                        forget = savedDoubles.Pop();
                                    }
                                }
                            }
                        }
                    }

                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // input[i] = sequence[t * b + i] * extraParams[i];  ->  d(uv) = v du + u dv
                            input[i] = savedDoubles.Pop();
                            extraParamsGrad[i] += sequence[t * b + i] * inputAdj[i];
                            inputAdj[i] = 0.0;
                        }
                    }
                }
            }

            // for (int i = 0; i < 2 * l * b; i++), in reverse
            if (0 < 2 * l * b)
            {
                for (int i = 2 * l * b - 1; i >= 0; i--)
                {
                    // state[i] = state0[i];
                    stateAdj[i] = 0.0;
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(state);
            global::Backprop.Support.LocalArrayPool<double>.Return(stateAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(input);
            global::Backprop.Support.LocalArrayPool<double>.Return(inputAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(ypred);
            global::Backprop.Support.LocalArrayPool<double>.Return(ypredAdj);
            savedDoubles.Dispose();
            return result;
        }

        /// <summary>The copy with tanh derivatives as 1 - tanh² and the unit's three adjoint elements in locals (the round-7 edit).</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double ObjectivePullbackRound9NoTanhTailAdjointsInLocals(global::System.ReadOnlySpan<double> mainParams, global::System.ReadOnlySpan<double> extraParams, global::System.ReadOnlySpan<double> state0, global::System.ReadOnlySpan<double> sequence, int l, int c, int b, double resultAdj, global::System.Span<double> mainParamsGrad, global::System.Span<double> extraParamsGrad)
        {
            int w = 0;
            int h = 0;
            double[] state = global::System.Array.Empty<double>();
            double[] stateAdj = global::System.Array.Empty<double>();
            double[] input = global::System.Array.Empty<double>();
            double[] inputAdj = global::System.Array.Empty<double>();
            double[] ypred = global::System.Array.Empty<double>();
            double[] ypredAdj = global::System.Array.Empty<double>();
            double forget = 0.0;
            double ingate = 0.0;
            double outgate = 0.0;
            double change = 0.0;
            double tanh = 0.0;
            double logSumExp = 0.0;
            double sum = 0.0;
            double exp = 0.0;
            double lse = 0.0;
            global::Backprop.Support.ValueTape<double> savedDoubles = new global::Backprop.Support.ValueTape<double>(64);

            // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
            state = global::Backprop.Support.LocalArrayPool<double>.Rent(2 * l * b);
            stateAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(state.Length);
            input = global::Backprop.Support.LocalArrayPool<double>.Rent(b);
            inputAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(input.Length);
            ypred = global::Backprop.Support.LocalArrayPool<double>.Rent(b);
            ypredAdj = global::Backprop.Support.LocalArrayPool<double>.Rent(ypred.Length);
            for (int i = 0; i < 2 * l * b; i++)
            {
                state[i] = state0[i];
            }

            double total = 0.0;
            for (int t = 0; t < c - 1; t++)
            {
                for (int i = 0; i < b; i++)
                {
                    savedDoubles.Push(input[i]);
                    input[i] = sequence[t * b + i] * extraParams[i];
                }

                for (int layer = 0; layer < l; layer++)
                {
                    w = layer * 8 * b;
                    h = layer * 2 * b;
                    for (int j = 0; j < b; j++)
                    {
                        savedDoubles.Push(forget);
                        forget = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);
                        savedDoubles.Push(ingate);
                        ingate = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);
                        savedDoubles.Push(outgate);
                        outgate = global::Backprop.Benchmarks.Lstm.LstmModel.Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);
                        savedDoubles.Push(change);
                        change = global::System.Math.Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);
                        savedDoubles.Push(state[h + b + j]);
                        state[h + b + j] = state[h + b + j] * forget + ingate * change;
                        savedDoubles.Push(tanh);
                        tanh = global::System.Math.Tanh(state[h + b + j]);
                        savedDoubles.Push(state[h + j]);
                        state[h + j] = outgate * tanh;
                        savedDoubles.Push(input[j]);
                        input[j] = state[h + j];
                    }
                }

                for (int i = 0; i < b; i++)
                {
                    ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];
                }

                savedDoubles.Push(sum);
                sum = 0.0;
                for (int i2 = 0; i2 < b; i2++)
                {
                    savedDoubles.Push(exp);
                    exp = global::System.Math.Exp(ypred[i2]);
                    sum = sum + exp;
                }

                sum = sum + 2.0;
                logSumExp = global::System.Math.Log(sum);
                lse = logSumExp;
                for (int i = 0; i < b; i++)
                {
                    total = total + sequence[(t + 1) * b + i] * (ypred[i] - lse);
                }
            }

            double result = -total / (double)((c - 1) * b);

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double totalAdj = 0.0;
            double forgetAdj = 0.0;
            double ingateAdj = 0.0;
            double outgateAdj = 0.0;
            double changeAdj = 0.0;
            double lseAdj = 0.0;
            double sumAdj = 0.0;
            double logSumExpAdj = 0.0;
            double tanhAdj = 0.0;
            double expAdj = 0.0;

            // return -total / ((c - 1) * b);  ->  d(u/v) = du/v - u dv/v²; d(-u) = -du
            totalAdj += -(resultAdj / (double)((c - 1) * b));

            // for (int t = 0; t < c - 1; t++), in reverse
            if (0 < c - 1)
            {
                for (int t = c - 1 - 1; t >= 0; t--)
                {
                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // total += sequence[(t + 1) * b + i] * (ypred[i] - lse);  ->  d(uv) = v du + u dv; d(u ± v) = du ± dv
                            {
                                double adj = sequence[(t + 1) * b + i] * totalAdj;
                                ypredAdj[i] += adj;
                                lseAdj += -adj;
                            }
                        }
                    }

                    // double lse = LogSumExp(ypred, b);
                    logSumExpAdj += lseAdj;
                    lseAdj = 0.0;

                    // LogSumExp: return Math.Log(sum);  ->  d log(u) = du / u
                    sumAdj += logSumExpAdj / sum;
                    logSumExpAdj = 0.0;

                    // LogSumExp: for (int i = 0; i < n; i++), in reverse
                    if (0 < b)
                    {
                        for (int i2 = b - 1; i2 >= 0; i2--)
                        {
                            // LogSumExp: sum += Math.Exp(v[i]);
                            expAdj += sumAdj;

                            // double exp = Math.Exp(ypred[i2]);  ->  d exp(u) = exp(u) du
                            ypredAdj[i2] += expAdj * exp;
                            expAdj = 0.0;
                            exp = savedDoubles.Pop();
                        }
                    }

                    // LogSumExp: double sum = 0;
                    sum = savedDoubles.Pop();
                    sumAdj = 0.0;

                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                            inputAdj[i] += ypredAdj[i] * extraParams[b + i];
                            extraParamsGrad[b + i] += input[i] * ypredAdj[i];
                            extraParamsGrad[2 * b + i] += ypredAdj[i];
                            ypredAdj[i] = 0.0;
                        }
                    }

                    // for (int layer = 0; layer < l; layer++), in reverse
                    if (0 < l)
                    {
                        for (int layer = l - 1; layer >= 0; layer--)
                        {
                            // Recomputed rather than saved: int w = layer * 8 * b; int h = layer * 2 * b;
                            w = layer * 8 * b;
                            h = layer * 2 * b;

                            // for (int j = 0; j < b; j++), in reverse
                            if (0 < b)
                            {
                                for (int j = b - 1; j >= 0; j--)
                                {
                                    double inputAdjAtJ = inputAdj[j];
                                    double cellAdjAtJ = stateAdj[h + b + j];
                                    double hiddenAdjAtJ = stateAdj[h + j];
                                    // input[j] = state[h + j];
                                    input[j] = savedDoubles.Pop();
                                    hiddenAdjAtJ += inputAdjAtJ;
                                    inputAdjAtJ = 0.0;

                                    // state[h + j] = outgate * Math.Tanh(state[h + b + j]);  ->  d(uv) = v du + u dv
                                    {
                                        state[h + j] = savedDoubles.Pop();
                                        double adj = hiddenAdjAtJ;
                                        outgateAdj += adj * tanh;
                                        tanhAdj += outgate * adj;
                                        hiddenAdjAtJ = 0.0;
                                    }

                                    // double tanh = Math.Tanh(state[h + b + j]);  ->  d tanh(u) = (1 - tanh²(u)) du, or 2 du / (1 + cosh(2u)) for |u| > 2
                                    {
                                        double tanhSlope = 1.0 - tanh * tanh;
                                        cellAdjAtJ += tanhAdj * tanhSlope;
                                        tanhAdj = 0.0;
                                        tanh = savedDoubles.Pop();
                                    }

                                    // state[h + b + j] = state[h + b + j] * forget + ingate * change;  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        state[h + b + j] = savedDoubles.Pop();
                                        double stateAdjOut = cellAdjAtJ;
                                        cellAdjAtJ = 0.0;
                                        cellAdjAtJ += stateAdjOut * forget;
                                        forgetAdj += state[h + b + j] * stateAdjOut;
                                        ingateAdj += stateAdjOut * change;
                                        changeAdj += ingate * stateAdjOut;
                                    }

                                    // double change = Math.Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);  ->  d tanh(u) = (1 - tanh²(u)) du, or 2 du / (1 + cosh(2u)) for |u| > 2; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double tanhSlope = 1.0 - change * change;
                                        double adj = changeAdj * tanhSlope;
                                        hiddenAdjAtJ += adj * mainParams[w + 3 * b + j];
                                        mainParamsGrad[w + 3 * b + j] += state[h + j] * adj;
                                        mainParamsGrad[w + 7 * b + j] += adj;
                                        changeAdj = 0.0;
                                        change = savedDoubles.Pop();
                                    }

                                    // double outgate = Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = outgateAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(outgate);
                                        inputAdjAtJ += adj * mainParams[w + 2 * b + j];
                                        mainParamsGrad[w + 2 * b + j] += input[j] * adj;
                                        mainParamsGrad[w + 6 * b + j] += adj;
                                        outgateAdj = 0.0;
                                        outgate = savedDoubles.Pop();
                                    }

                                    // double ingate = Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = ingateAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(ingate);
                                        hiddenAdjAtJ += adj * mainParams[w + b + j];
                                        mainParamsGrad[w + b + j] += state[h + j] * adj;
                                        mainParamsGrad[w + 5 * b + j] += adj;
                                        ingateAdj = 0.0;
                                        ingate = savedDoubles.Pop();
                                    }

                                    // double forget = Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);  ->  d Sigmoid(u) = SigmoidDerivative(Sigmoid(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                                    {
                                        double adj = forgetAdj * global::Backprop.Benchmarks.Lstm.LstmModel.SigmoidDerivative(forget);
                                        inputAdjAtJ += adj * mainParams[w + j];
                                        mainParamsGrad[w + j] += input[j] * adj;
                                        mainParamsGrad[w + 4 * b + j] += adj;
                                        forgetAdj = 0.0;
                                        forget = savedDoubles.Pop();
                                    }
                                    inputAdj[j] = inputAdjAtJ;
                                    stateAdj[h + b + j] = cellAdjAtJ;
                                    stateAdj[h + j] = hiddenAdjAtJ;
                                }
                            }
                        }
                    }

                    // for (int i = 0; i < b; i++), in reverse
                    if (0 < b)
                    {
                        for (int i = b - 1; i >= 0; i--)
                        {
                            // input[i] = sequence[t * b + i] * extraParams[i];  ->  d(uv) = v du + u dv
                            input[i] = savedDoubles.Pop();
                            extraParamsGrad[i] += sequence[t * b + i] * inputAdj[i];
                            inputAdj[i] = 0.0;
                        }
                    }
                }
            }

            // for (int i = 0; i < 2 * l * b; i++), in reverse
            if (0 < 2 * l * b)
            {
                for (int i = 2 * l * b - 1; i >= 0; i--)
                {
                    // state[i] = state0[i];
                    stateAdj[i] = 0.0;
                }
            }

            global::Backprop.Support.LocalArrayPool<double>.Return(state);
            global::Backprop.Support.LocalArrayPool<double>.Return(stateAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(input);
            global::Backprop.Support.LocalArrayPool<double>.Return(inputAdj);
            global::Backprop.Support.LocalArrayPool<double>.Return(ypred);
            global::Backprop.Support.LocalArrayPool<double>.Return(ypredAdj);
            savedDoubles.Dispose();
            return result;
        }

        private static double Round9Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
    }

    /// <summary>Round 9: <c>Backprop.Support.ValueTape&lt;T&gt;</c> with a room check for several saves at once.</summary>
    /// <typeparam name="T">The saved type.</typeparam>
    public struct Round9Tape<T>
        where T : unmanaged
    {
        private T[] _items;
        private int _count;

        /// <summary>Creates a tape with at least the given capacity.</summary>
        /// <param name="capacity">The initial capacity.</param>
        public Round9Tape(int capacity)
        {
            _items = System.Buffers.ArrayPool<T>.Shared.Rent(Math.Max(capacity, 16));
            _count = 0;
        }

        /// <summary>Saves a value.</summary>
        /// <param name="value">The value.</param>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Push(T value)
        {
            T[] items = _items;
            int count = _count;
            if ((uint)count < (uint)items.Length)
            {
                items[count] = value;
            }
            else
            {
                items = Grow(items, count, count + 1L);
                items[count] = value;
                _items = items;
            }

            _count = count + 1;
        }

        /// <summary>Makes room for <paramref name="more"/> saves.</summary>
        /// <param name="more">How many.</param>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void EnsureRoom(long more)
        {
            if (_count + more > _items.Length)
            {
                _items = Grow(_items, _count, _count + more);
            }
        }

        /// <summary>Saves a value into room made before.</summary>
        /// <param name="value">The value.</param>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void PushReserved(T value) => _items[_count++] = value;

        /// <summary>Removes and returns the last value.</summary>
        /// <returns>The value.</returns>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public T Pop() => _items[--_count];

        /// <summary>Returns the storage to the pool.</summary>
        public void Dispose()
        {
            T[] items = _items;
            _items = Array.Empty<T>();
            _count = 0;
            if (items.Length > 0)
            {
                System.Buffers.ArrayPool<T>.Shared.Return(items);
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static T[] Grow(T[] items, int count, long needed)
        {
            T[] larger = System.Buffers.ArrayPool<T>.Shared.Rent((int)Math.Max(16L, Math.Max(needed, 2L * items.Length)));
            Array.Copy(items, larger, count);
            if (items.Length > 0)
            {
                System.Buffers.ArrayPool<T>.Shared.Return(items);
            }

            return larger;
        }
    }
}
