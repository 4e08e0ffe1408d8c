using System;
using System.Collections.Generic;
using System.Linq;
using Backprop.Tests.Corpus;
using Xunit;

namespace Backprop.Tests
{
    /// <summary>
    /// Every corpus function, compiled by the generator in this project's own build: the generated gradient must
    /// match central finite differences, return the forward value, leave its inputs unchanged, and allocate nothing.
    /// </summary>
    public sealed class CorpusTests
    {
        private static readonly Dictionary<string, GradientCase> s_cases = CorpusCases.All().ToDictionary(c => c.Name);
        private readonly Xunit.Abstractions.ITestOutputHelper _output;

        public CorpusTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

        public static IEnumerable<object[]> Names => s_cases.Keys.Select(name => new object[] { name });

        [Fact]
        public void CorpusHasAtLeastFortyFunctions() => Assert.True(s_cases.Count >= 40, $"only {s_cases.Count} cases");

        [Fact]
        public void WorstErrorOverTheWholeCorpus()
        {
            double worst = 0;
            string where = string.Empty;
            int coordinates = 0;
            foreach (GradientCase testCase in s_cases.Values)
            {
                double[][] inputs = testCase.CloneInputs();
                double[][] gradients = testCase.NewGradients();
                testCase.Gradient(inputs, gradients);
                for (int a = 0; a < inputs.Length; a++)
                {
                    GradientCheckResult check = GradientCheck.Check(() => testCase.Forward(inputs), inputs[a], gradients[a]);
                    coordinates += check.Count;
                    if (!(check.WorstRelativeError <= worst))
                    {
                        worst = check.WorstRelativeError;
                        where = $"{testCase.Name}, input {a}";
                    }
                }
            }

            _output.WriteLine($"{s_cases.Count} functions, {coordinates} coordinates: worst relative error {worst:E2} ({where})");
            Assert.True(worst <= 1e-6, $"worst relative error {worst:E2} in {where}");
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void GradientMatchesFiniteDifferences(string name)
        {
            GradientCase testCase = s_cases[name];
            double[][] inputs = testCase.CloneInputs();
            double[][] gradients = testCase.NewGradients();
            testCase.Gradient(inputs, gradients);

            for (int a = 0; a < inputs.Length; a++)
            {
                double[] x = inputs[a];
                GradientCheckResult check = GradientCheck.Check(() => testCase.Forward(inputs), x, gradients[a]);
                Assert.True(check.Passes(1e-6), $"{name}, input {a}: {check}\nanalytic: {string.Join(", ", gradients[a])}");
            }
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void GradientReturnsForwardValueAndLeavesInputsUnchanged(string name)
        {
            GradientCase testCase = s_cases[name];
            double[][] inputs = testCase.CloneInputs();
            double expected = testCase.Forward(inputs);
            double actual = testCase.Gradient(inputs, testCase.NewGradients());
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
            for (int a = 0; a < inputs.Length; a++)
            {
                Assert.Equal(testCase.Inputs[a], inputs[a]);
            }
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void GradientAccumulatesIntoBuffers(string name)
        {
            GradientCase testCase = s_cases[name];
            double[][] inputs = testCase.CloneInputs();
            double[][] once = testCase.NewGradients();
            double[][] twice = testCase.NewGradients();
            testCase.Gradient(inputs, once);
            testCase.Gradient(inputs, twice);
            testCase.Gradient(inputs, twice);
            for (int a = 0; a < inputs.Length; a++)
            {
                for (int i = 0; i < once[a].Length; i++)
                {
                    Assert.Equal(2 * once[a][i], twice[a][i], 12);
                }
            }
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void GradientAllocatesNothing(string name)
        {
            GradientCase testCase = s_cases[name];
            double[][] inputs = testCase.CloneInputs();
            double[][] gradients = testCase.NewGradients();
            testCase.Gradient(inputs, gradients);

            // Code that allocates does so in every round; the runtime itself (tiering up a method mid-loop) allocates
            // on this thread now and then, once. So a round that allocates nothing proves the gradient allocates nothing.
            long allocated = long.MaxValue;
            for (int round = 0; round < 3 && allocated > 0; round++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int call = 0; call < 1000; call++)
                {
                    testCase.Gradient(inputs, gradients);
                }

                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }

            Assert.Equal(0, allocated);
        }
    }
}
