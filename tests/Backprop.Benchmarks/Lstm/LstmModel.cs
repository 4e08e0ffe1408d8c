using System;

namespace Backprop.Benchmarks.Lstm
{
    /// <summary>
    /// The ADBench LSTM objective: a character model of <c>l</c> stacked LSTM layers with elementwise (diagonal)
    /// weights over an alphabet of <c>b</c> symbols, run over a sequence of <c>c</c> characters, scoring each next
    /// character by a log-softmax. Written as plain C# after ADBench's C++ reference.
    /// </summary>
    /// <remarks>
    /// <c>mainParams</c> holds, for each layer, 4b weights (forget, input, output gates, cell change) then 4b
    /// biases; <c>extraParams</c> holds the input weights, the output weights and the output biases (b each);
    /// <c>state0</c> holds each layer's hidden state then its cell state (b each).
    /// </remarks>
    public static partial class LstmModel
    {
        /// <summary>The logistic function, as ADBench writes it.</summary>
        /// <param name="x">The input.</param>
        /// <returns>1 / (1 + e⁻ˣ).</returns>
        [Differentiable]
        public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

        /// <summary>σ′ from σ's value, σ(1 − σ), as the hand-written gradient computes it from the gates it keeps.</summary>
        /// <param name="sigmoid">σ(x).</param>
        /// <returns>σ′(x).</returns>
        [DerivativeOf(nameof(Sigmoid), FromResult = true)]
        public static double SigmoidDerivative(double sigmoid) => sigmoid * (1 - sigmoid);

        /// <summary>tanh, with its derivative declared from its value below.</summary>
        /// <param name="x">The input.</param>
        /// <returns>tanh(x).</returns>
        [Differentiable]
        public static double Tanh(double x) => Math.Tanh(x);

        /// <summary>
        /// tanh′ from tanh's value, 1 − tanh², as the hand-written gradient computes it from the values it keeps. The
        /// generator's own rule for <c>Math.Tanh</c> keeps the derivative's digits past |x| = 2 with a branch that
        /// calls <c>Math.Cosh</c>; a call in the reversed loop makes the JIT keep the loop's values in memory, which
        /// cost this gradient about 7 % (docs/benchmarks.md, "Ninth round"). Here, as in the hand-written gradient, the
        /// derivative loses its relative precision past |x| = 2 and is 0 past |x| ≈ 19.
        /// </summary>
        /// <param name="tanh">tanh(x).</param>
        /// <returns>tanh′(x).</returns>
        [DerivativeOf(nameof(Tanh), FromResult = true)]
        public static double TanhDerivative(double tanh) => 1 - tanh * tanh;

        /// <summary>ADBench's LSTM log-sum-exp: <c>log(2 + Σ exp(v[i]))</c>.</summary>
        /// <param name="v">The values.</param>
        /// <param name="n">How many.</param>
        /// <returns>The log-sum-exp.</returns>
        [Differentiable]
        public static double LogSumExp(ReadOnlySpan<double> v, int n)
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += Math.Exp(v[i]);
            }

            sum += 2;
            return Math.Log(sum);
        }

        /// <summary>The mean negative log-likelihood of the next character over the sequence.</summary>
        /// <param name="mainParams">The layers' weights and biases, 8·l·b values.</param>
        /// <param name="extraParams">Input weights, output weights, output biases, 3·b values.</param>
        /// <param name="state0">The initial hidden and cell states, 2·l·b values (constants).</param>
        /// <param name="sequence">The characters, c·b values, one-hot (constants).</param>
        /// <param name="l">Layers.</param>
        /// <param name="c">Characters.</param>
        /// <param name="b">Alphabet size.</param>
        /// <returns>The loss.</returns>
        [Differentiable]
        public static double Objective(
            ReadOnlySpan<double> mainParams,
            ReadOnlySpan<double> extraParams,
            [NoDerivative] ReadOnlySpan<double> state0,
            [NoDerivative] ReadOnlySpan<double> sequence,
            int l,
            int c,
            int b)
        {
            double[] state = new double[2 * l * b];
            double[] input = new double[b];
            double[] ypred = new double[b];
            for (int i = 0; i < 2 * l * b; i++)
            {
                state[i] = state0[i];
            }

            double total = 0;
            for (int t = 0; t < c - 1; t++)
            {
                for (int i = 0; i < b; i++)
                {
                    input[i] = sequence[t * b + i] * extraParams[i];
                }

                for (int layer = 0; layer < l; layer++)
                {
                    int w = layer * 8 * b;
                    int h = layer * 2 * b;
                    for (int j = 0; j < b; j++)
                    {
                        double forget = Sigmoid(input[j] * mainParams[w + j] + mainParams[w + 4 * b + j]);
                        double ingate = Sigmoid(state[h + j] * mainParams[w + b + j] + mainParams[w + 5 * b + j]);
                        double outgate = Sigmoid(input[j] * mainParams[w + 2 * b + j] + mainParams[w + 6 * b + j]);
                        double change = Tanh(state[h + j] * mainParams[w + 3 * b + j] + mainParams[w + 7 * b + j]);
                        state[h + b + j] = state[h + b + j] * forget + ingate * change;
                        state[h + j] = outgate * Tanh(state[h + b + j]);
                        input[j] = state[h + j];
                    }
                }

                for (int i = 0; i < b; i++)
                {
                    ypred[i] = input[i] * extraParams[b + i] + extraParams[2 * b + i];
                }

                double lse = LogSumExp(ypred, b);
                for (int i = 0; i < b; i++)
                {
                    total += sequence[(t + 1) * b + i] * (ypred[i] - lse);
                }
            }

            return -total / ((c - 1) * b);
        }
    }
}
