using System;

// Round 7 (2026-11-29): a copy of the generator's output for LstmModel.Objective at this commit, and two hand edits
// of the reverse of the unit loop: the adjoint elements the iteration reads and writes several times kept in locals
// for the iteration (all three, and only inputAdj[j], the one whose array the iteration touches at one index only).
namespace Backprop.Benchmarks.Experiments
{
    /// <summary>Round 7 copies of the generated LSTM pullback.</summary>
    public static partial class LstmVariants
    {
        /// <summary>The generated pullback (copy).</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double ObjectivePullbackRound7(global::System.ReadOnlySpan<double> mainParams, global::System.ReadOnlySpan<double> extraParams, global::System.ReadOnlySpan<double> state0, global::System.ReadOnlySpan<double> sequence, int l, int c, int b, double resultAdj, global::System.Span<double> mainParamsGrad, global::System.Span<double> extraParamsGrad)
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

        /// <summary>The copy with inputAdj[j], stateAdj[h + j] and stateAdj[h + b + j] in locals for each iteration.</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double ObjectivePullbackRound7AllElements(global::System.ReadOnlySpan<double> mainParams, global::System.ReadOnlySpan<double> extraParams, global::System.ReadOnlySpan<double> state0, global::System.ReadOnlySpan<double> sequence, int l, int c, int b, double resultAdj, global::System.Span<double> mainParamsGrad, global::System.Span<double> extraParamsGrad)
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
                                        double arg = state[h + b + j];
                                        double tanhSlope = global::System.Math.Abs(arg) > 2.0 ? 2.0 / (1.0 + global::System.Math.Cosh(2.0 * arg)) : 1.0 - tanh * tanh;
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
                                        double arg = state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j];
                                        double tanhSlope = global::System.Math.Abs(arg) > 2.0 ? 2.0 / (1.0 + global::System.Math.Cosh(2.0 * arg)) : 1.0 - change * change;
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

        /// <summary>The copy with inputAdj[j] in a local for each iteration.</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double ObjectivePullbackRound7SameIndex(global::System.ReadOnlySpan<double> mainParams, global::System.ReadOnlySpan<double> extraParams, global::System.ReadOnlySpan<double> state0, global::System.ReadOnlySpan<double> sequence, int l, int c, int b, double resultAdj, global::System.Span<double> mainParamsGrad, global::System.Span<double> extraParamsGrad)
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
                                    // input[j] = state[h + j];
                                    input[j] = savedDoubles.Pop();
                                    stateAdj[h + j] += inputAdjAtJ;
                                    inputAdjAtJ = 0.0;

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
                                        inputAdjAtJ += adj * mainParams[w + 2 * b + j];
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
                                        inputAdjAtJ += adj * mainParams[w + j];
                                        mainParamsGrad[w + j] += input[j] * adj;
                                        mainParamsGrad[w + 4 * b + j] += adj;
                                        forgetAdj = 0.0;
                                        forget = savedDoubles.Pop();
                                    }
                                    inputAdj[j] = inputAdjAtJ;
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
    }
}
