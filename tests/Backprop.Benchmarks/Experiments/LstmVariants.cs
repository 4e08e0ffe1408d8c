using System;

// What-if variants of the generated pullback, for the ablation in docs/benchmarks.md ("Why the targets are missed").
// Each method is a copy of the generator's output for LstmModel.Objective (as of this commit) with one more hand edit than the
// previous one; the edits are the changes to the transform proposed there. Run with --ablation: every variant is
// checked against the generated gradient (relative 1e-8) and timed. They are not updated when the generator
// changes: the pullbacks they call and the tape and pool they use are copies too (below and ExperimentRuntime.cs).
namespace Backprop.Benchmarks.Experiments
{
    /// <summary>Hand-edited copies of the generated pullback of LstmModel.Objective.</summary>
    public static partial class LstmVariants
    {
        /// <summary>A variant of the generated pullback (see the file header).</summary>
        public static double ObjectivePullbackAsGenerated(global::System.ReadOnlySpan<double> mainParams, global::System.ReadOnlySpan<double> extraParams, global::System.ReadOnlySpan<double> state0, global::System.ReadOnlySpan<double> sequence, int l, int c, int b, double resultAdj, global::System.Span<double> mainParamsGrad, global::System.Span<double> extraParamsGrad)
        {
            double[] state = global::System.Array.Empty<double>();
            double[] stateAdj = global::System.Array.Empty<double>();
            double[] input = global::System.Array.Empty<double>();
            double[] inputAdj = global::System.Array.Empty<double>();
            double[] ypred = global::System.Array.Empty<double>();
            double[] ypredAdj = global::System.Array.Empty<double>();
            int w = 0;
            int h = 0;
            double forget = 0.0;
            double ingate = 0.0;
            double outgate = 0.0;
            double change = 0.0;
            double lse = 0.0;
            var savedDoubles = new ExperimentTape<double>(64);
            var savedInts = new ExperimentTape<int>(64);

            try
            {
                // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
                state = ExperimentPool<double>.Rent(2 * l * b);
                stateAdj = ExperimentPool<double>.Rent(state.Length);
                input = ExperimentPool<double>.Rent(b);
                inputAdj = ExperimentPool<double>.Rent(input.Length);
                ypred = ExperimentPool<double>.Rent(b);
                ypredAdj = ExperimentPool<double>.Rent(ypred.Length);
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
                        savedInts.Push(w);
                        w = layer * 8 * b;
                        savedInts.Push(h);
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
                            savedDoubles.Push(state[h + j]);
                            state[h + j] = outgate * global::System.Math.Tanh(state[h + b + j]);
                            savedDoubles.Push(input[j]);
                            input[j] = state[h + j];
                        }
                    }

                    for (int i = 0; i < b; i++)
                    {
                        savedDoubles.Push(ypred[i]);
                        ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];
                    }

                    lse = global::Backprop.Benchmarks.Lstm.LstmModel.LogSumExp(ypred, b);
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

                // return -total / ((c - 1) * b);  ->  d(u/v) = du/v - u dv/v²; d(-u) = -du
                totalAdj += -(resultAdj / (double)((c - 1) * b));

                // for (int t = 0; t < c - 1; t++), in reverse
                for (int t = c - 1 - 1; t >= 0; t--)
                {
                    // for (int i = 0; i < b; i++), in reverse
                    for (int i = b - 1; i >= 0; i--)
                    {
                        // total += sequence[(t + 1) * b + i] * (ypred[i] - lse);  ->  d(uv) = v du + u dv; d(u ± v) = du ± dv
                        {
                            double adj = sequence[(t + 1) * b + i] * totalAdj;
                            ypredAdj[i] += adj;
                            lseAdj += -adj;
                        }
                    }

                    // double lse = LogSumExp(ypred, b);  ->  chain rule through LogSumExpPullback
                    LogSumExpPullbackCopy(ypred, b, lseAdj, ypredAdj);
                    lseAdj = 0.0;

                    // for (int i = 0; i < b; i++), in reverse
                    for (int i = b - 1; i >= 0; i--)
                    {
                        // ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                        ypred[i] = savedDoubles.Pop();
                        inputAdj[i] += ypredAdj[i] * extraParams[b + i];
                        extraParamsGrad[b + i] += input[i] * ypredAdj[i];
                        extraParamsGrad[2 * b + i] += ypredAdj[i];
                        ypredAdj[i] = 0.0;
                    }

                    // for (int layer = 0; layer < l; layer++), in reverse
                    for (int layer = l - 1; layer >= 0; layer--)
                    {
                        // for (int j = 0; j < b; j++), in reverse
                        for (int j = b - 1; j >= 0; j--)
                        {
                            // input[j] = state[h + j];
                            input[j] = savedDoubles.Pop();
                            stateAdj[h + j] += inputAdj[j];
                            inputAdj[j] = 0.0;

                            // state[h + j] = outgate * Math.Tanh(state[h + b + j]);  ->  d(uv) = v du + u dv; d tanh(u) = (1 - tanh²(u)) du
                            {
                                state[h + j] = savedDoubles.Pop();
                                double stateAdjOut = stateAdj[h + j];
                                stateAdj[h + j] = 0.0;
                                outgateAdj += stateAdjOut * global::System.Math.Tanh(state[h + b + j]);
                                double arg = state[h + b + j];
                                double tanh = global::System.Math.Tanh(arg);
                                stateAdj[h + b + j] += outgate * stateAdjOut * (1.0 - tanh * tanh);
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

                            // double change = Math.Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);  ->  d tanh(u) = (1 - tanh²(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                            {
                                change = savedDoubles.Pop();
                                double arg = state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j];
                                double tanh = global::System.Math.Tanh(arg);
                                double adj = changeAdj * (1.0 - tanh * tanh);
                                stateAdj[h + j] += adj * mainParams[w + 3 * b + j];
                                mainParamsGrad[w + 3 * b + j] += state[h + j] * adj;
                                mainParamsGrad[w + 7 * b + j] += adj;
                                changeAdj = 0.0;
                            }

                            // double outgate = Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);  ->  chain rule through SigmoidPullback; d(u ± v) = du ± dv; d(uv) = v du + u dv
                            {
                                outgate = savedDoubles.Pop();
                                double sigmoidArgAdj = 0.0;
                                SigmoidPullbackCopy(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j], outgateAdj, ref sigmoidArgAdj);
                                inputAdj[j] += sigmoidArgAdj * mainParams[w + 2 * b + j];
                                mainParamsGrad[w + 2 * b + j] += input[j] * sigmoidArgAdj;
                                mainParamsGrad[w + 6 * b + j] += sigmoidArgAdj;
                                outgateAdj = 0.0;
                            }

                            // double ingate = Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);  ->  chain rule through SigmoidPullback; d(u ± v) = du ± dv; d(uv) = v du + u dv
                            {
                                ingate = savedDoubles.Pop();
                                double sigmoidArgAdj = 0.0;
                                SigmoidPullbackCopy(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j], ingateAdj, ref sigmoidArgAdj);
                                stateAdj[h + j] += sigmoidArgAdj * mainParams[w + b + j];
                                mainParamsGrad[w + b + j] += state[h + j] * sigmoidArgAdj;
                                mainParamsGrad[w + 5 * b + j] += sigmoidArgAdj;
                                ingateAdj = 0.0;
                            }

                            // double forget = Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);  ->  chain rule through SigmoidPullback; d(u ± v) = du ± dv; d(uv) = v du + u dv
                            {
                                forget = savedDoubles.Pop();
                                double sigmoidArgAdj = 0.0;
                                SigmoidPullbackCopy(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j], forgetAdj, ref sigmoidArgAdj);
                                inputAdj[j] += sigmoidArgAdj * mainParams[w + j];
                                mainParamsGrad[w + j] += input[j] * sigmoidArgAdj;
                                mainParamsGrad[w + 4 * b + j] += sigmoidArgAdj;
                                forgetAdj = 0.0;
                            }
                        }

                        // int h = layer * 2 * b;
                        h = savedInts.Pop();

                        // int w = layer * 8 * b;
                        w = savedInts.Pop();
                    }

                    // for (int i = 0; i < b; i++), in reverse
                    for (int i = b - 1; i >= 0; i--)
                    {
                        // input[i] = sequence[t * b + i] * extraParams[i];  ->  d(uv) = v du + u dv
                        input[i] = savedDoubles.Pop();
                        extraParamsGrad[i] += sequence[t * b + i] * inputAdj[i];
                        inputAdj[i] = 0.0;
                    }
                }

                // for (int i = 0; i < 2 * l * b; i++), in reverse
                for (int i = 2 * l * b - 1; i >= 0; i--)
                {
                    // state[i] = state0[i];
                    stateAdj[i] = 0.0;
                }
                return result;
            }
            finally
            {
                ExperimentPool<double>.Return(state);
                ExperimentPool<double>.Return(stateAdj);
                ExperimentPool<double>.Return(input);
                ExperimentPool<double>.Return(inputAdj);
                ExperimentPool<double>.Return(ypred);
                ExperimentPool<double>.Return(ypredAdj);
                savedDoubles.Dispose();
                savedInts.Dispose();
            }
        }

        /// <summary>A variant of the generated pullback (see the file header).</summary>
        public static double ObjectivePullbackSavedActivations(global::System.ReadOnlySpan<double> mainParams, global::System.ReadOnlySpan<double> extraParams, global::System.ReadOnlySpan<double> state0, global::System.ReadOnlySpan<double> sequence, int l, int c, int b, double resultAdj, global::System.Span<double> mainParamsGrad, global::System.Span<double> extraParamsGrad)
        {
            double[] state = global::System.Array.Empty<double>();
            double[] stateAdj = global::System.Array.Empty<double>();
            double[] input = global::System.Array.Empty<double>();
            double[] inputAdj = global::System.Array.Empty<double>();
            double[] ypred = global::System.Array.Empty<double>();
            double[] ypredAdj = global::System.Array.Empty<double>();
            int w = 0;
            int h = 0;
            double forget = 0.0;
            double ingate = 0.0;
            double outgate = 0.0;
            double change = 0.0;
            double lse = 0.0;
            var savedDoubles = new ExperimentTape<double>(64);
            var savedInts = new ExperimentTape<int>(64);

            try
            {
                // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
                state = ExperimentPool<double>.Rent(2 * l * b);
                stateAdj = ExperimentPool<double>.Rent(state.Length);
                input = ExperimentPool<double>.Rent(b);
                inputAdj = ExperimentPool<double>.Rent(input.Length);
                ypred = ExperimentPool<double>.Rent(b);
                ypredAdj = ExperimentPool<double>.Rent(ypred.Length);
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
                        savedInts.Push(w);
                        w = layer * 8 * b;
                        savedInts.Push(h);
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
                            savedDoubles.Push(state[h + j]);
                            state[h + j] = outgate * global::System.Math.Tanh(state[h + b + j]);
                            savedDoubles.Push(input[j]);
                            input[j] = state[h + j];
                        }
                    }

                    for (int i = 0; i < b; i++)
                    {
                        savedDoubles.Push(ypred[i]);
                        ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];
                    }

                    lse = global::Backprop.Benchmarks.Lstm.LstmModel.LogSumExp(ypred, b);
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

                // return -total / ((c - 1) * b);  ->  d(u/v) = du/v - u dv/v²; d(-u) = -du
                totalAdj += -(resultAdj / (double)((c - 1) * b));

                // for (int t = 0; t < c - 1; t++), in reverse
                for (int t = c - 1 - 1; t >= 0; t--)
                {
                    // for (int i = 0; i < b; i++), in reverse
                    for (int i = b - 1; i >= 0; i--)
                    {
                        // total += sequence[(t + 1) * b + i] * (ypred[i] - lse);  ->  d(uv) = v du + u dv; d(u ± v) = du ± dv
                        {
                            double adj = sequence[(t + 1) * b + i] * totalAdj;
                            ypredAdj[i] += adj;
                            lseAdj += -adj;
                        }
                    }

                    // double lse = LogSumExp(ypred, b);  ->  chain rule through LogSumExpPullback
                    LogSumExpPullbackCopy(ypred, b, lseAdj, ypredAdj);
                    lseAdj = 0.0;

                    // for (int i = 0; i < b; i++), in reverse
                    for (int i = b - 1; i >= 0; i--)
                    {
                        // ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                        ypred[i] = savedDoubles.Pop();
                        inputAdj[i] += ypredAdj[i] * extraParams[b + i];
                        extraParamsGrad[b + i] += input[i] * ypredAdj[i];
                        extraParamsGrad[2 * b + i] += ypredAdj[i];
                        ypredAdj[i] = 0.0;
                    }

                    // for (int layer = 0; layer < l; layer++), in reverse
                    for (int layer = l - 1; layer >= 0; layer--)
                    {
                        // for (int j = 0; j < b; j++), in reverse
                        for (int j = b - 1; j >= 0; j--)
                        {
                            // input[j] = state[h + j];
                            input[j] = savedDoubles.Pop();
                            stateAdj[h + j] += inputAdj[j];
                            inputAdj[j] = 0.0;

                            // state[h + j] = outgate * Math.Tanh(state[h + b + j]);  ->  d(uv) = v du + u dv; d tanh(u) = (1 - tanh²(u)) du
                            {
                                state[h + j] = savedDoubles.Pop();
                                double stateAdjOut = stateAdj[h + j];
                                stateAdj[h + j] = 0.0;
                                double tanh = global::System.Math.Tanh(state[h + b + j]);
                                outgateAdj += stateAdjOut * tanh;
                                stateAdj[h + b + j] += outgate * stateAdjOut * (1.0 - tanh * tanh);
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

                            // double change = Math.Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);  ->  d tanh(u) = (1 - tanh²(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                            {
                                double adj = changeAdj * (1.0 - change * change);
                                change = savedDoubles.Pop();
                                stateAdj[h + j] += adj * mainParams[w + 3 * b + j];
                                mainParamsGrad[w + 3 * b + j] += state[h + j] * adj;
                                mainParamsGrad[w + 7 * b + j] += adj;
                                changeAdj = 0.0;
                            }

                            // double outgate = Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);  ->  chain rule through SigmoidPullback; d(u ± v) = du ± dv; d(uv) = v du + u dv
                            {
                                double sigmoidArgAdj = outgateAdj * (outgate * (1.0 - outgate));
                                outgate = savedDoubles.Pop();
                                inputAdj[j] += sigmoidArgAdj * mainParams[w + 2 * b + j];
                                mainParamsGrad[w + 2 * b + j] += input[j] * sigmoidArgAdj;
                                mainParamsGrad[w + 6 * b + j] += sigmoidArgAdj;
                                outgateAdj = 0.0;
                            }

                            // double ingate = Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);  ->  chain rule through SigmoidPullback; d(u ± v) = du ± dv; d(uv) = v du + u dv
                            {
                                double sigmoidArgAdj = ingateAdj * (ingate * (1.0 - ingate));
                                ingate = savedDoubles.Pop();
                                stateAdj[h + j] += sigmoidArgAdj * mainParams[w + b + j];
                                mainParamsGrad[w + b + j] += state[h + j] * sigmoidArgAdj;
                                mainParamsGrad[w + 5 * b + j] += sigmoidArgAdj;
                                ingateAdj = 0.0;
                            }

                            // double forget = Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);  ->  chain rule through SigmoidPullback; d(u ± v) = du ± dv; d(uv) = v du + u dv
                            {
                                double sigmoidArgAdj = forgetAdj * (forget * (1.0 - forget));
                                forget = savedDoubles.Pop();
                                inputAdj[j] += sigmoidArgAdj * mainParams[w + j];
                                mainParamsGrad[w + j] += input[j] * sigmoidArgAdj;
                                mainParamsGrad[w + 4 * b + j] += sigmoidArgAdj;
                                forgetAdj = 0.0;
                            }
                        }

                        // int h = layer * 2 * b;
                        h = savedInts.Pop();

                        // int w = layer * 8 * b;
                        w = savedInts.Pop();
                    }

                    // for (int i = 0; i < b; i++), in reverse
                    for (int i = b - 1; i >= 0; i--)
                    {
                        // input[i] = sequence[t * b + i] * extraParams[i];  ->  d(uv) = v du + u dv
                        input[i] = savedDoubles.Pop();
                        extraParamsGrad[i] += sequence[t * b + i] * inputAdj[i];
                        inputAdj[i] = 0.0;
                    }
                }

                // for (int i = 0; i < 2 * l * b; i++), in reverse
                for (int i = 2 * l * b - 1; i >= 0; i--)
                {
                    // state[i] = state0[i];
                    stateAdj[i] = 0.0;
                }
                return result;
            }
            finally
            {
                ExperimentPool<double>.Return(state);
                ExperimentPool<double>.Return(stateAdj);
                ExperimentPool<double>.Return(input);
                ExperimentPool<double>.Return(inputAdj);
                ExperimentPool<double>.Return(ypred);
                ExperimentPool<double>.Return(ypredAdj);
                savedDoubles.Dispose();
                savedInts.Dispose();
            }
        }

        /// <summary>A variant of the generated pullback (see the file header).</summary>
        public static double ObjectivePullbackSavedActivationsLseOnce(global::System.ReadOnlySpan<double> mainParams, global::System.ReadOnlySpan<double> extraParams, global::System.ReadOnlySpan<double> state0, global::System.ReadOnlySpan<double> sequence, int l, int c, int b, double resultAdj, global::System.Span<double> mainParamsGrad, global::System.Span<double> extraParamsGrad)
        {
            double[] state = global::System.Array.Empty<double>();
            double[] stateAdj = global::System.Array.Empty<double>();
            double[] input = global::System.Array.Empty<double>();
            double[] inputAdj = global::System.Array.Empty<double>();
            double[] ypred = global::System.Array.Empty<double>();
            double[] ypredAdj = global::System.Array.Empty<double>();
            int w = 0;
            int h = 0;
            double forget = 0.0;
            double ingate = 0.0;
            double outgate = 0.0;
            double change = 0.0;
            double lse = 0.0;
            var savedDoubles = new ExperimentTape<double>(64);
            var savedInts = new ExperimentTape<int>(64);

            try
            {
                // Forward sweep: the original computation, saving values that it overwrites and the reverse sweep needs.
                state = ExperimentPool<double>.Rent(2 * l * b);
                stateAdj = ExperimentPool<double>.Rent(state.Length);
                input = ExperimentPool<double>.Rent(b);
                inputAdj = ExperimentPool<double>.Rent(input.Length);
                ypred = ExperimentPool<double>.Rent(b);
                ypredAdj = ExperimentPool<double>.Rent(ypred.Length);
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
                        savedInts.Push(w);
                        w = layer * 8 * b;
                        savedInts.Push(h);
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
                            savedDoubles.Push(state[h + j]);
                            state[h + j] = outgate * global::System.Math.Tanh(state[h + b + j]);
                            savedDoubles.Push(input[j]);
                            input[j] = state[h + j];
                        }
                    }

                    for (int i = 0; i < b; i++)
                    {
                        savedDoubles.Push(ypred[i]);
                        ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];
                    }

                    lse = global::Backprop.Benchmarks.Lstm.LstmModel.LogSumExp(ypred, b);
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

                // return -total / ((c - 1) * b);  ->  d(u/v) = du/v - u dv/v²; d(-u) = -du
                totalAdj += -(resultAdj / (double)((c - 1) * b));

                // for (int t = 0; t < c - 1; t++), in reverse
                for (int t = c - 1 - 1; t >= 0; t--)
                {
                    // for (int i = 0; i < b; i++), in reverse
                    for (int i = b - 1; i >= 0; i--)
                    {
                        // total += sequence[(t + 1) * b + i] * (ypred[i] - lse);  ->  d(uv) = v du + u dv; d(u ± v) = du ± dv
                        {
                            double adj = sequence[(t + 1) * b + i] * totalAdj;
                            ypredAdj[i] += adj;
                            lseAdj += -adj;
                        }
                    }

                    // double lse = LogSumExp(ypred, b);  ->  chain rule through LogSumExpPullback
                    LstmVariants.LogSumExpPullbackOnce(ypred, b, lseAdj, ypredAdj);
                    lseAdj = 0.0;

                    // for (int i = 0; i < b; i++), in reverse
                    for (int i = b - 1; i >= 0; i--)
                    {
                        // ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];  ->  d(u ± v) = du ± dv; d(uv) = v du + u dv
                        ypred[i] = savedDoubles.Pop();
                        inputAdj[i] += ypredAdj[i] * extraParams[b + i];
                        extraParamsGrad[b + i] += input[i] * ypredAdj[i];
                        extraParamsGrad[2 * b + i] += ypredAdj[i];
                        ypredAdj[i] = 0.0;
                    }

                    // for (int layer = 0; layer < l; layer++), in reverse
                    for (int layer = l - 1; layer >= 0; layer--)
                    {
                        // for (int j = 0; j < b; j++), in reverse
                        for (int j = b - 1; j >= 0; j--)
                        {
                            // input[j] = state[h + j];
                            input[j] = savedDoubles.Pop();
                            stateAdj[h + j] += inputAdj[j];
                            inputAdj[j] = 0.0;

                            // state[h + j] = outgate * Math.Tanh(state[h + b + j]);  ->  d(uv) = v du + u dv; d tanh(u) = (1 - tanh²(u)) du
                            {
                                state[h + j] = savedDoubles.Pop();
                                double stateAdjOut = stateAdj[h + j];
                                stateAdj[h + j] = 0.0;
                                double tanh = global::System.Math.Tanh(state[h + b + j]);
                                outgateAdj += stateAdjOut * tanh;
                                stateAdj[h + b + j] += outgate * stateAdjOut * (1.0 - tanh * tanh);
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

                            // double change = Math.Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);  ->  d tanh(u) = (1 - tanh²(u)) du; d(u ± v) = du ± dv; d(uv) = v du + u dv
                            {
                                double adj = changeAdj * (1.0 - change * change);
                                change = savedDoubles.Pop();
                                stateAdj[h + j] += adj * mainParams[w + 3 * b + j];
                                mainParamsGrad[w + 3 * b + j] += state[h + j] * adj;
                                mainParamsGrad[w + 7 * b + j] += adj;
                                changeAdj = 0.0;
                            }

                            // double outgate = Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);  ->  chain rule through SigmoidPullback; d(u ± v) = du ± dv; d(uv) = v du + u dv
                            {
                                double sigmoidArgAdj = outgateAdj * (outgate * (1.0 - outgate));
                                outgate = savedDoubles.Pop();
                                inputAdj[j] += sigmoidArgAdj * mainParams[w + 2 * b + j];
                                mainParamsGrad[w + 2 * b + j] += input[j] * sigmoidArgAdj;
                                mainParamsGrad[w + 6 * b + j] += sigmoidArgAdj;
                                outgateAdj = 0.0;
                            }

                            // double ingate = Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);  ->  chain rule through SigmoidPullback; d(u ± v) = du ± dv; d(uv) = v du + u dv
                            {
                                double sigmoidArgAdj = ingateAdj * (ingate * (1.0 - ingate));
                                ingate = savedDoubles.Pop();
                                stateAdj[h + j] += sigmoidArgAdj * mainParams[w + b + j];
                                mainParamsGrad[w + b + j] += state[h + j] * sigmoidArgAdj;
                                mainParamsGrad[w + 5 * b + j] += sigmoidArgAdj;
                                ingateAdj = 0.0;
                            }

                            // double forget = Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);  ->  chain rule through SigmoidPullback; d(u ± v) = du ± dv; d(uv) = v du + u dv
                            {
                                double sigmoidArgAdj = forgetAdj * (forget * (1.0 - forget));
                                forget = savedDoubles.Pop();
                                inputAdj[j] += sigmoidArgAdj * mainParams[w + j];
                                mainParamsGrad[w + j] += input[j] * sigmoidArgAdj;
                                mainParamsGrad[w + 4 * b + j] += sigmoidArgAdj;
                                forgetAdj = 0.0;
                            }
                        }

                        // int h = layer * 2 * b;
                        h = savedInts.Pop();

                        // int w = layer * 8 * b;
                        w = savedInts.Pop();
                    }

                    // for (int i = 0; i < b; i++), in reverse
                    for (int i = b - 1; i >= 0; i--)
                    {
                        // input[i] = sequence[t * b + i] * extraParams[i];  ->  d(uv) = v du + u dv
                        input[i] = savedDoubles.Pop();
                        extraParamsGrad[i] += sequence[t * b + i] * inputAdj[i];
                        inputAdj[i] = 0.0;
                    }
                }

                // for (int i = 0; i < 2 * l * b; i++), in reverse
                for (int i = 2 * l * b - 1; i >= 0; i--)
                {
                    // state[i] = state0[i];
                    stateAdj[i] = 0.0;
                }
                return result;
            }
            finally
            {
                ExperimentPool<double>.Return(state);
                ExperimentPool<double>.Return(stateAdj);
                ExperimentPool<double>.Return(input);
                ExperimentPool<double>.Return(inputAdj);
                ExperimentPool<double>.Return(ypred);
                ExperimentPool<double>.Return(ypredAdj);
                savedDoubles.Dispose();
                savedInts.Dispose();
            }
        }

        /// <summary>ADBench's log-sum-exp pullback computing each exponential once.</summary>
        /// <param name="v">The values.</param>
        /// <param name="n">How many.</param>
        /// <param name="resultAdj">The adjoint of the result.</param>
        /// <param name="vGrad">Added into.</param>
        /// <returns>The log-sum-exp.</returns>
        public static double LogSumExpPullbackOnce(ReadOnlySpan<double> v, int n, double resultAdj, Span<double> vGrad)
        {
            Span<double> e = stackalloc double[n];
            double sum = 0.0;
            for (int i = 0; i < n; i++)
            {
                e[i] = Math.Exp(v[i]);
                sum += e[i];
            }

            sum += 2.0;
            double scale = resultAdj / sum;
            for (int i = 0; i < n; i++)
            {
                vGrad[i] += scale * e[i];
            }

            return Math.Log(sum);
        }

        // A copy of the generated SigmoidPullback, so that these variants keep compiling when the generator changes.
        private static double SigmoidPullbackCopy(double x, double resultAdj, ref double xGrad)
        {
            // Forward sweep: the original computation.
            double result = 1.0 / (1.0 + global::System.Math.Exp(-x));

            // Reverse sweep: the chain rule, from the result back to the inputs.
            // return 1.0 / (1.0 + Math.Exp(-x));  ->  d(u/v) = du/v - u dv/v²; d(u ± v) = du ± dv; d exp(u) = exp(u) du; d(-u) = -du
            {
                double denominator = 1.0 + global::System.Math.Exp(-x);
                double exp = global::System.Math.Exp(-x);
                xGrad += resultAdj / (denominator * denominator) * exp;
            }
            return result;
        }

        // A copy of the generated LogSumExpPullback, so that these variants keep compiling when the generator changes.
        private static double LogSumExpPullbackCopy(global::System.ReadOnlySpan<double> v, int n, double resultAdj, global::System.Span<double> vGrad)
        {
            // Forward sweep: the original computation.
            double sum = 0.0;
            for (int i = 0; i < n; i++)
            {
                sum = sum + global::System.Math.Exp(v[i]);
            }

            sum = sum + 2.0;
            double result = global::System.Math.Log(sum);

            // Reverse sweep: the chain rule, from the result back to the inputs.
            double sumAdj = 0.0;

            // return Math.Log(sum);  ->  d log(u) = du / u
            sumAdj += resultAdj / sum;

            // for (int i = 0; i < n; i++), in reverse
            for (int i = n - 1; i >= 0; i--)
            {
                // sum += Math.Exp(v[i]);  ->  d exp(u) = exp(u) du
                {
                    double exp = global::System.Math.Exp(v[i]);
                    vGrad[i] += sumAdj * exp;
                }
            }
            return result;
        }
    }
}
