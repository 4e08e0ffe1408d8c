using System;
using Backprop;

namespace Backprop.Tests.Corpus
{
    /// <summary>
    /// Loops whose iterations the pullback may reverse one at a time, right after each forward, and their twins
    /// where an iteration does hand a value to a later one (or the code after the loop needs the loop's result), so
    /// that reversing per iteration would give a wrong gradient. <see cref="PerIterationTests"/> checks which
    /// ones the generator reverses per iteration; the corpus checks every gradient against finite differences.
    /// </summary>
    public static partial class PerIter
    {
        /// <summary>A layered sigmoid network over points, as the Xor sample writes it: reversed per point, with nothing saved.</summary>
        [Differentiable]
        public static double Layered(double[] w, [NoDerivative] double[] inputs, int layers, int width, int points)
        {
            double[] hidden = new double[layers * width];
            double total = 0;
            for (int p = 0; p < points; p++)
            {
                for (int j = 0; j < width; j++)
                {
                    hidden[j] = Math.Tanh(w[j] * inputs[p] + w[width + j]);
                }

                for (int l = 1; l < layers; l++)
                {
                    for (int j = 0; j < width; j++)
                    {
                        double sum = w[2 * width + j];
                        for (int i = 0; i < width; i++)
                        {
                            sum += w[3 * width + j * width + i] * hidden[(l - 1) * width + i];
                        }

                        hidden[l * width + j] = Math.Tanh(sum);
                    }
                }

                double output = 0;
                for (int i = 0; i < width; i++)
                {
                    output += hidden[(layers - 1) * width + i];
                }

                total += output * output;
            }

            return total / points;
        }

        /// <summary>A scratch pair each iteration fills before reading, and an accumulator that subtracts: reversed per iteration.</summary>
        [Differentiable]
        public static double ScratchPairEachIteration(double[] x, int n)
        {
            double[] pair = new double[2];
            double total = 1;
            for (int i = 0; i < n - 1; i++)
            {
                pair[1] = Math.Sin(x[i + 1]);
                pair[0] = x[i] * x[i];
                total -= pair[0] * pair[1];
            }

            return 3 * total - x[0];
        }

        /// <summary>Both branches write the same element first: reversed per iteration, nothing saved.</summary>
        [Differentiable]
        public static double WrittenInBothBranches(double[] x, double scale)
        {
            double[] c = new double[1];
            double total = 0;
            for (int i = 0; i < x.Length; i++)
            {
                if (x[i] > 0)
                {
                    c[0] = x[i] * scale;
                }
                else
                {
                    c[0] = -x[i] * x[i];
                }

                total += c[0] * c[0] * scale;
            }

            return total;
        }

        /// <summary>An element written twice in one iteration: still reversed per iteration, saving the first value.</summary>
        [Differentiable]
        public static double WrittenTwiceInAnIteration(double[] x, double scale)
        {
            double[] c = new double[1];
            double total = 0;
            for (int i = 0; i < x.Length; i++)
            {
                c[0] = x[i] * scale;
                c[0] = c[0] * c[0] + x[i];
                total += c[0] * Math.Exp(c[0] * 0.1);
            }

            return total;
        }

        /// <summary>Twin: the result is the log of the sum, whose adjoint needs the sum, known only after the loop.</summary>
        [Differentiable]
        public static double LogOfTheSum(double[] x, double scale)
        {
            double total = 1;
            for (int i = 0; i < x.Length; i++)
            {
                total += x[i] * x[i] * scale;
            }

            return Math.Log(total);
        }

        /// <summary>Twin: code before the loop reads the accumulator's first value, which the loop then changes.</summary>
        [Differentiable]
        public static double AccumulatorReadBeforeTheLoop(double[] x, double scale)
        {
            double total = x[0] * scale;
            double first = total * x[1];
            for (int i = 0; i < x.Length; i++)
            {
                total += x[i] * x[i];
            }

            return total + first;
        }

        /// <summary>Twin: a shift register, each iteration reading what the previous ones wrote.</summary>
        [Differentiable]
        public static double ShiftRegister(double[] x, double scale)
        {
            double[] register = new double[3];
            double total = 0;
            for (int i = 0; i < x.Length; i++)
            {
                register[2] = register[1];
                register[1] = register[0];
                register[0] = x[i] * scale;
                total += register[0] * register[1] + register[2];
            }

            return total;
        }

        /// <summary>Twin: a running sum read in the body.</summary>
        [Differentiable]
        public static double RunningSumReadInTheBody(double[] x, double scale)
        {
            double running = 0;
            double total = 0;
            for (int i = 0; i < x.Length; i++)
            {
                running += x[i] * scale;
                total += running * running;
            }

            return total;
        }

        /// <summary>Twin: a scalar the body writes, read after the loop.</summary>
        [Differentiable]
        public static double ScalarReadAfterTheLoop(double[] x, double scale)
        {
            double last = 0;
            double total = 0;
            for (int i = 0; i < x.Length; i++)
            {
                last = x[i] * scale;
                total += last * last;
            }

            return total + last;
        }

        /// <summary>Twin: an array the body writes, read after the loop.</summary>
        [Differentiable]
        public static double ArrayReadAfterTheLoop(double[] x, double scale)
        {
            double[] c = new double[1];
            double total = 0;
            for (int i = 0; i < x.Length; i++)
            {
                c[0] = x[i] * scale;
                total += c[0] * c[0];
            }

            return total + c[0];
        }

        /// <summary>Twin: the next layer reads one element past what the layer below wrote (the last one, zero, or the previous point's).</summary>
        [Differentiable]
        public static double ReadsPastTheWrittenLayer(double[] w, int width, int points)
        {
            double[] hidden = new double[2 * width + 1];
            double total = 0;
            for (int p = 0; p < points; p++)
            {
                for (int j = 0; j < width; j++)
                {
                    hidden[j] = w[j] * (p + 1);
                }

                for (int j = 0; j < width; j++)
                {
                    hidden[width + j] = Math.Sin(hidden[j + 1]) * w[j];
                }

                hidden[width] = hidden[width] + w[0];
                total += hidden[width] * hidden[2 * width - 1];
            }

            return total;
        }

        /// <summary>Twin: an element written only in one branch, then read.</summary>
        [Differentiable]
        public static double WrittenInOneBranch(double[] x, double scale)
        {
            double[] c = new double[1];
            double total = 0;
            for (int i = 0; i < x.Length; i++)
            {
                if (x[i] > 0)
                {
                    c[0] = x[i] * scale;
                }

                total += c[0] * c[0];
            }

            return total;
        }

        /// <summary>
        /// Twin: a constant index that wraps around int (65536² is element 0 at run time), which the proof, over the
        /// integers, would take for another element: not reversed per iteration.
        /// </summary>
        [Differentiable]
        public static double ConstantIndexThatWraps(double[] x, double scale)
        {
            double[] c = new double[1];
            int big = 65536;
            double total = 0;
            for (int i = 0; i < x.Length; i++)
            {
                c[0] = x[i] * scale;
                c[big * big] = Math.Sin(c[0]);
                total += c[0] * x[i];
            }

            return total;
        }

        /// <summary>
        /// An index whose arithmetic wraps for a large stride: reversed per iteration, behind a check before the loop
        /// that throws for a stride whose square reaches 2³¹ (<see cref="PerIterationTests"/>).
        /// </summary>
        [Differentiable]
        public static double StridedScratch(double[] x, int stride)
        {
            double[] c = new double[2];
            double total = 0;
            for (int i = 0; i < x.Length; i++)
            {
                c[stride * stride] = x[i] * x[i];
                total += c[stride * stride] * x[i];
            }

            return total;
        }

        /// <summary>
        /// <see cref="StridedScratch"/> from a conditional start: the check before the loop tests that the loop runs,
        /// with the start in parentheses.
        /// </summary>
        [Differentiable]
        public static double StridedScratchFrom(double[] x, int stride, bool skipFirst)
        {
            double[] c = new double[2];
            double total = 0;
            for (int i = skipFirst ? 1 : 0; i < x.Length; i++)
            {
                c[stride * stride] = x[i] * x[i];
                total += c[stride * stride] * x[i];
            }

            return total;
        }

        /// <summary>
        /// A last loop that calls Math.Min on ints: a pure call, which neither gets a name nor keeps the loop from
        /// being reversed per iteration (a call of an unknown method would).
        /// </summary>
        [Differentiable]
        public static double ClampedNeighbour(double[] x)
        {
            double total = 0;
            for (int i = 0; i < x.Length; i++)
            {
                total += x[i] * x[Math.Min(i + 1, x.Length - 1)];
            }

            return total;
        }

        /// <summary>The same with the user's own index helper, marked [Pure]: as pure as Math.Min.</summary>
        [Differentiable]
        public static double PureNeighbour(double[] x)
        {
            double total = 0;
            for (int i = 0; i < x.Length; i++)
            {
                total += x[i] * x[Neighbour(i, x.Length)];
            }

            return total;
        }

        /// <summary>The next index, or the last.</summary>
        /// <param name="i">An index.</param>
        /// <param name="length">The length.</param>
        /// <returns>min(i + 1, length − 1).</returns>
        [System.Diagnostics.Contracts.Pure]
        public static int Neighbour(int i, int length) => i + 1 < length ? i + 1 : length - 1;

        /// <summary>The same with a helper not marked, whose body shows that it is pure.</summary>
        [Differentiable]
        public static double UnmarkedNeighbour(double[] x)
        {
            double total = 0;
            for (int i = 0; i < x.Length; i++)
            {
                total += x[i] * x[NeighbourUnmarked(i, x.Length)];
            }

            return total;
        }

        /// <summary>The next index, or the last.</summary>
        /// <param name="i">An index.</param>
        /// <param name="length">The length.</param>
        /// <returns>min(i + 1, length − 1).</returns>
        public static int NeighbourUnmarked(int i, int length) => i + 1 < length ? i + 1 : length - 1;

        /// <summary>Twin: a helper that counts its calls, so may return another value: named, and the usual sweeps.</summary>
        [Differentiable]
        public static double CountedNeighbour(double[] x)
        {
            double total = 0;
            for (int i = 0; i < x.Length; i++)
            {
                total += x[i] * x[NeighbourCounted(i, x.Length)];
            }

            return total;
        }

        /// <summary>The next index, or the last, counting the calls.</summary>
        /// <param name="i">An index.</param>
        /// <param name="length">The length.</param>
        /// <returns>min(i + 1, length − 1).</returns>
        public static int NeighbourCounted(int i, int length)
        {
            t_neighbourCalls++;
            return i + 1 < length ? i + 1 : length - 1;
        }

        [ThreadStatic]
        private static int t_neighbourCalls;

        /// <summary>Twin: an index beyond even long (65536⁴, element 0 at run time): not analysed, and no crash.</summary>
        [Differentiable]
        public static double ConstantBeyondLong(double[] x, double scale)
        {
            double[] c = new double[1];
            int big = 65536;
            double total = 0;
            for (int i = 0; i < x.Length; i++)
            {
                c[big * big * big * big] = x[i] * scale;
                total += c[0] * x[i];
            }

            return total;
        }

        /// <summary>
        /// A window of a series indexed by time stamps near 1.7·10⁹: the check before the loop bounds <c>t - start</c>
        /// by <c>end - start</c>, not by |start| + |end|, so it passes.
        /// </summary>
        [Differentiable]
        public static double Timestamps(double[] rate, int start, int end)
        {
            double[] level = new double[end - start];
            double total = 0;
            for (int t = start; t < end; t++)
            {
                level[t - start] = Math.Exp(rate[t - start] * 0.5);
                total += level[t - start] * level[t - start];
            }

            return total;
        }

        /// <summary>A loop bounded by an array's length, writing the element after its counter's.</summary>
        [Differentiable]
        public static double ShiftedByOne(double[] x, double scale)
        {
            double[] c = new double[x.Length + 1];
            double total = 0;
            for (int i = 0; i < x.Length; i++)
            {
                c[i + 1] = x[i] * scale;
                total += c[i + 1] * c[i + 1];
            }

            return total;
        }

        /// <summary>
        /// Twin: an inner counter named <c>f0</c> (whose slack once shared its name with the prover's first fact) and a
        /// read of the previous point's element <c>tmp[n - 1 - f0]</c>.
        /// </summary>
        [Differentiable]
        public static double CounterNamedLikeAFact(double[] w, int n)
        {
            double[] tmp = new double[n];
            double total = 0;
            for (int t = 0; t < w.Length; t++)
            {
                for (int f0 = 0; f0 < n; f0++)
                {
                    tmp[f0] = w[t] * (f0 + 1);
                    total += tmp[n - 1 - f0] * w[t];
                }
            }

            return total;
        }

        /// <summary>Two indices whose wrap checks look alike (n² + 1 and n² + pq + 1): both are checked.</summary>
        [Differentiable]
        public static double TwoSimilarBounds(double[] x, int n, int p, int q)
        {
            double[] c = new double[2];
            double total = 0;
            for (int i = 0; i < x.Length; i++)
            {
                c[n * n + 1] = x[i] * x[i];
                total += c[n * n + 1] * x[i];
                for (int j = 0; j < n * n + p * q + 1; j++)
                {
                    total += x[i];
                }
            }

            return total;
        }
    }
}
