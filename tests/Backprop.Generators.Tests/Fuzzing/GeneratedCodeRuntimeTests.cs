using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Backprop.Tests.Corpus;
using Xunit;
using Xunit.Abstractions;

namespace Backprop.Tests.Fuzzing
{
    /// <summary>
    /// How generated gradients behave at run time beyond their values: called from many threads at once they give
    /// the serial results bit for bit, and NaN and infinity flow through them as through the forward method, never
    /// as an exception. Every corpus function is checked (the random programs get the same checks in the harness).
    /// </summary>
    public sealed class GeneratedCodeRuntimeTests
    {
        private readonly ITestOutputHelper _output;

        public GeneratedCodeRuntimeTests(ITestOutputHelper output) => _output = output;

        public static IEnumerable<object[]> Names => CorpusCases.All().Select(c => new object[] { c.Name });

        [Theory]
        [MemberData(nameof(Names))]
        public void ParallelCallsGiveTheSerialResultsBitForBit(string name)
        {
            GradientCase testCase = CorpusCases.All().Single(c => c.Name == name);
            (double value, double[][] gradient) = Serial(testCase, testCase.CloneInputs());

            // Threads start together and call over and over, on inputs they share (read-only, as weights shared by
            // training threads are) and into buffers of their own. Pools and tapes are per thread, so nothing may mix.
            int threads = Math.Max(4, 2 * Environment.ProcessorCount);
            const int Calls = 200;
            double[][] shared = testCase.CloneInputs();
            var start = new Barrier(threads);
            var failures = new List<string>();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
            {
                // Each thread its own adapter: some corpus adapters reshape inputs into buffers of their own.
                GradientCase own = CorpusCases.All().Single(c => c.Name == name);
                start.SignalAndWait();
                for (int call = 0; call < Calls; call++)
                {
                    double[][] g = testCase.NewGradients();
                    double returned = own.Gradient(shared, g);
                    string? mismatch = Compare(value, gradient, returned, g);
                    if (mismatch is not null)
                    {
                        lock (failures)
                        {
                            failures.Add($"thread {thread}, call {call}: {mismatch}");
                        }

                        return;
                    }
                }
            });

            Assert.Empty(failures);
            for (int a = 0; a < shared.Length; a++)
            {
                Assert.Equal(testCase.Inputs[a], shared[a]);
            }
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void NaNAndInfinityPropagateLikeTheForwardMethod(string name)
        {
            GradientCase testCase = CorpusCases.All().Single(c => c.Name == name);
            int checkedPoints = 0;
            foreach (double special in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
            {
                for (int a = 0; a < testCase.Inputs.Length; a++)
                {
                    // The first and the last coordinate of each input: enough to reach every path once.
                    foreach (int i in new[] { 0, testCase.Inputs[a].Length - 1 }.Distinct())
                    {
                        double[][] x = testCase.CloneInputs();
                        x[a][i] = special;
                        double[][] before = x.Select(v => (double[])v.Clone()).ToArray();

                        Exception? forwardFailure = null;
                        double forward = double.NaN;
                        try
                        {
                            forward = testCase.Forward(x);
                        }
                        catch (Exception exception)
                        {
                            forwardFailure = exception;
                        }

                        double[][] g = testCase.NewGradients();
                        if (forwardFailure is not null)
                        {
                            // Where the forward method throws (an index computed from the value), so may the gradient: the same way.
                            Exception thrown = Assert.ThrowsAny<Exception>(() => testCase.Gradient(x, g));
                            Assert.Equal(forwardFailure.GetType(), thrown.GetType());
                            continue;
                        }

                        double returned = testCase.Gradient(x, g);
                        // Bit for bit, except that any NaN equals any NaN: .NET does not specify which NaN an operation returns.
                        bool same = (double.IsNaN(forward) && double.IsNaN(returned)) || BitConverter.DoubleToInt64Bits(forward) == BitConverter.DoubleToInt64Bits(returned);
                        Assert.True(same, $"{name} with input {a}[{i}] = {special}: forward {forward}, gradient returned {returned}");
                        for (int k = 0; k < x.Length; k++)
                        {
                            Assert.True(x[k].Select(BitConverter.DoubleToInt64Bits).SequenceEqual(before[k].Select(BitConverter.DoubleToInt64Bits)), $"{name}: input {k} changed");
                        }

                        checkedPoints++;
                    }
                }
            }

            _output.WriteLine($"{name}: {checkedPoints} points with NaN or infinity");
        }

        [Fact]
        public void NaNAndInfinityGiveTheIeeeGradient()
        {
            // Exact expectations where IEEE arithmetic decides the gradient.
            double sqrtXGrad = 0, sqrtYGrad = 0;
            Assert.True(double.IsNaN(Fn.SqrtPowGradient(double.NaN, 0.5, ref sqrtXGrad, ref sqrtYGrad)));
            Assert.True(double.IsNaN(sqrtXGrad));

            double xGrad = 0, yGrad = 0;
            double value = Fn.LocalsGradient(double.PositiveInfinity, 2.0, ref xGrad, ref yGrad);
            Assert.Equal(Fn.Locals(double.PositiveInfinity, 2.0), value);
            Assert.True(double.IsInfinity(xGrad) || double.IsNaN(xGrad));

            double sGrad = 0;
            double softplus = Fn.SoftplusGradient(double.NegativeInfinity, ref sGrad);
            Assert.Equal(0.0, softplus);
            Assert.Equal(0.0, sGrad);
        }

        private static (double Value, double[][] Gradient) Serial(GradientCase testCase, double[][] x)
        {
            double[][] g = testCase.NewGradients();
            double value = testCase.Gradient(x, g);
            return (value, g);
        }

        private static string? Compare(double value, double[][] gradient, double returned, double[][] g)
        {
            if (BitConverter.DoubleToInt64Bits(value) != BitConverter.DoubleToInt64Bits(returned))
            {
                return $"returned {returned:R}, serially {value:R}";
            }

            for (int a = 0; a < g.Length; a++)
            {
                for (int i = 0; i < g[a].Length; i++)
                {
                    if (BitConverter.DoubleToInt64Bits(g[a][i]) != BitConverter.DoubleToInt64Bits(gradient[a][i]))
                    {
                        return $"gradient {a}[{i}] is {g[a][i]:R}, serially {gradient[a][i]:R}";
                    }
                }
            }

            return null;
        }
    }
}
