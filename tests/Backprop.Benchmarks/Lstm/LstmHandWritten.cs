using System;
using System.Buffers;
using System.Numerics.Tensors;

namespace Backprop.Benchmarks.Lstm
{
    /// <summary>Hand-written gradients of <see cref="LstmModel.Objective"/>, with the generated method's contract.</summary>
    /// <remarks>
    /// The forward pass records, for every step and layer, the layer's input, the previous hidden and cell states,
    /// the four gates and tanh of the new cell state (9·b values), and the softmax of each prediction; the backward
    /// pass then needs no exponential or tanh at all. The record comes from <see cref="ArrayPool{T}.Shared"/>, so a warm
    /// call allocates nothing.
    /// </remarks>
    public static class LstmHandWritten
    {
        private const int Input = 0;
        private const int HiddenBefore = 1;
        private const int CellBefore = 2;
        private const int Forget = 3;
        private const int Ingate = 4;
        private const int Outgate = 5;
        private const int Change = 6;
        private const int CellTanh = 7;
        private const int Records = 8;

        /// <summary>Scalar loops.</summary>
        /// <param name="mainParams">Layer weights and biases.</param>
        /// <param name="extraParams">Input weights, output weights, output biases.</param>
        /// <param name="state0">Initial state.</param>
        /// <param name="sequence">Characters.</param>
        /// <param name="l">Layers.</param>
        /// <param name="c">Characters.</param>
        /// <param name="b">Alphabet size.</param>
        /// <param name="mainGrad">Added into.</param>
        /// <param name="extraGrad">Added into.</param>
        /// <returns>The loss.</returns>
        public static double Scalar(
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
            int stepSize = (l * Records + 1) * b;
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
                        Span<double> r = stepRecord.Slice(layer * Records * b, Records * b);
                        for (int j = 0; j < b; j++)
                        {
                            double input = x[j];
                            double hiddenBefore = hidden[j];
                            double cellBefore = cell[j];
                            double forget = Sigmoid(input * p[j] + p[4 * b + j]);
                            double ingate = Sigmoid(hiddenBefore * p[b + j] + p[5 * b + j]);
                            double outgate = Sigmoid(input * p[2 * b + j] + p[6 * b + j]);
                            double change = Math.Tanh(hiddenBefore * p[3 * b + j] + p[7 * b + j]);
                            double newCell = cellBefore * forget + ingate * change;
                            double cellTanh = Math.Tanh(newCell);
                            double newHidden = outgate * cellTanh;
                            cell[j] = newCell;
                            hidden[j] = newHidden;
                            x[j] = newHidden;
                            r[Input * b + j] = input;
                            r[HiddenBefore * b + j] = hiddenBefore;
                            r[CellBefore * b + j] = cellBefore;
                            r[Forget * b + j] = forget;
                            r[Ingate * b + j] = ingate;
                            r[Outgate * b + j] = outgate;
                            r[Change * b + j] = change;
                            r[CellTanh * b + j] = cellTanh;
                        }
                    }

                    // Prediction and log-softmax (ADBench's log-sum-exp adds 2 to the sum).
                    Span<double> softmax = stepRecord.Slice(l * Records * b, b);
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

                // Backward.
                double totalBar = -1.0 / (steps * b);
                Span<double> hiddenBar = stackalloc double[l * b];
                Span<double> cellBar = stackalloc double[l * b];
                Span<double> xBar = stackalloc double[b];
                hiddenBar.Clear();
                cellBar.Clear();
                Span<double> inWeightsGrad = extraGrad.Slice(0, b);
                Span<double> outWeightsGrad = extraGrad.Slice(b, b);
                Span<double> outBiasesGrad = extraGrad.Slice(2 * b, b);
                for (int t = steps - 1; t >= 0; t--)
                {
                    ReadOnlySpan<double> stepRecord = record.Slice(t * stepSize, stepSize);
                    ReadOnlySpan<double> softmax = stepRecord.Slice(l * Records * b, b);
                    ReadOnlySpan<double> gold = sequence.Slice((t + 1) * b, b);
                    double goldSum = 0;
                    for (int i = 0; i < b; i++)
                    {
                        goldSum += gold[i];
                    }

                    // The top layer's new hidden state fed the prediction.
                    ReadOnlySpan<double> top = stepRecord.Slice((l - 1) * Records * b, Records * b);
                    Span<double> topHiddenBar = hiddenBar.Slice((l - 1) * b, b);
                    for (int i = 0; i < b; i++)
                    {
                        double yBar = totalBar * (gold[i] - goldSum * softmax[i]);
                        double topHidden = top[Outgate * b + i] * top[CellTanh * b + i];
                        outWeightsGrad[i] += yBar * topHidden;
                        outBiasesGrad[i] += yBar;
                        topHiddenBar[i] += yBar * outWeights[i];
                    }

                    for (int layer = l - 1; layer >= 0; layer--)
                    {
                        ReadOnlySpan<double> p = mainParams.Slice(layer * 8 * b, 8 * b);
                        Span<double> g = mainGrad.Slice(layer * 8 * b, 8 * b);
                        ReadOnlySpan<double> r = stepRecord.Slice(layer * Records * b, Records * b);
                        Span<double> hBar = hiddenBar.Slice(layer * b, b);
                        Span<double> cBar = cellBar.Slice(layer * b, b);
                        for (int j = 0; j < b; j++)
                        {
                            double forget = r[Forget * b + j];
                            double ingate = r[Ingate * b + j];
                            double outgate = r[Outgate * b + j];
                            double change = r[Change * b + j];
                            double cellTanh = r[CellTanh * b + j];
                            double input = r[Input * b + j];
                            double hiddenBefore = r[HiddenBefore * b + j];

                            double h = hBar[j];
                            double cellBarNew = cBar[j] + h * outgate * (1 - cellTanh * cellTanh);
                            double outgatePre = h * cellTanh * outgate * (1 - outgate);
                            double forgetPre = cellBarNew * r[CellBefore * b + j] * forget * (1 - forget);
                            double ingatePre = cellBarNew * change * ingate * (1 - ingate);
                            double changePre = cellBarNew * ingate * (1 - change * change);

                            g[j] += forgetPre * input;
                            g[4 * b + j] += forgetPre;
                            g[b + j] += ingatePre * hiddenBefore;
                            g[5 * b + j] += ingatePre;
                            g[2 * b + j] += outgatePre * input;
                            g[6 * b + j] += outgatePre;
                            g[3 * b + j] += changePre * hiddenBefore;
                            g[7 * b + j] += changePre;

                            xBar[j] = forgetPre * p[j] + outgatePre * p[2 * b + j];
                            hBar[j] = ingatePre * p[b + j] + changePre * p[3 * b + j];
                            cBar[j] = cellBarNew * forget;
                        }

                        if (layer > 0)
                        {
                            Span<double> belowBar = hiddenBar.Slice((layer - 1) * b, b);
                            for (int j = 0; j < b; j++)
                            {
                                belowBar[j] += xBar[j];
                            }
                        }
                        else
                        {
                            ReadOnlySpan<double> character = sequence.Slice(t * b, b);
                            for (int j = 0; j < b; j++)
                            {
                                inWeightsGrad[j] += xBar[j] * character[j];
                            }
                        }
                    }
                }

                return loss;
            }
            finally
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }

        private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
    }
}
