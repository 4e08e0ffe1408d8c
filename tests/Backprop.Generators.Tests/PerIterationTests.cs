using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Backprop.Generators.Differentiation.Regions;
using Backprop.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Backprop.Tests
{
    /// <summary>
    /// Which loops the generator reverses one iteration at a time (right after each forward), and with what saved:
    /// the corpus (<c>Corpus/PerIteration.cs</c>) checks every one of these gradients against finite differences;
    /// here the choice itself is pinned, so that a model whose iterations carry state is shown to keep the usual
    /// sweeps. The index prover behind the choice is checked against brute force.
    /// </summary>
    public sealed class PerIterationTests
    {
        private const string Marker = "This iteration in reverse, right away";

        private static readonly Lazy<Dictionary<string, string>> s_generated = new(() => GeneratorHarness.GeneratedForCorpus("tests/Backprop.Generators.Tests/Corpus/PerIteration.cs"));

        [Fact]
        public void APureCallKeepsTheLoopReversedPerIteration()
        {
            string code = s_generated.Value["ClampedNeighbour"];
            Assert.Contains(Marker, code);
            Assert.DoesNotContain("int min = ", code);

            // The user's word for it, [Pure] (System.Diagnostics.Contracts), or the helper's body. One that counts its
            // calls may return another value: its value is named, and the loop keeps the usual sweeps.
            string marked = s_generated.Value["PureNeighbour"];
            Assert.Contains(Marker, marked);
            Assert.DoesNotContain("int neighbour = ", marked);
            string unmarked = s_generated.Value["UnmarkedNeighbour"];
            Assert.Contains(Marker, unmarked);
            Assert.DoesNotContain("int neighbourUnmarked = ", unmarked);
            string counted = s_generated.Value["CountedNeighbour"];
            Assert.DoesNotContain(Marker, counted);
            Assert.Contains("int neighbourCounted = ", counted);
        }

        [Fact]
        public void TheLayersAreNotSavedBetweenPoints()
        {
            // The inner loops still save `sum`, whose tanh derivative the reverse reads after the next unit
            // overwrote it; the activations, which the next point overwrites, are not saved.
            string code = s_generated.Value["Layered"];
            Assert.Contains(Marker, code);
            Assert.DoesNotContain("Push(hidden", code);
        }

        [Theory]
        [InlineData("ScratchPairEachIteration")]
        [InlineData("Timestamps")]
        [InlineData("ShiftedByOne")]
        [InlineData("WrittenInBothBranches")]
        public void ReversedPerIterationWithNothingSaved(string method)
        {
            string code = s_generated.Value[method];
            Assert.Contains(Marker, code);
            Assert.DoesNotContain("saved", code);
        }

        [Fact]
        public void AnElementWrittenTwiceIsSavedInTheIteration()
        {
            string code = s_generated.Value["WrittenTwiceInAnIteration"];
            Assert.Contains(Marker, code);
            Assert.Contains("savedDoubles.Push(c[0]);", code);
        }

        [Theory]
        [InlineData("LogOfTheSum")]
        [InlineData("AccumulatorReadBeforeTheLoop")]
        [InlineData("ShiftRegister")]
        [InlineData("RunningSumReadInTheBody")]
        [InlineData("ScalarReadAfterTheLoop")]
        [InlineData("ArrayReadAfterTheLoop")]
        [InlineData("ReadsPastTheWrittenLayer")]
        [InlineData("WrittenInOneBranch")]
        [InlineData("ConstantIndexThatWraps")]
        [InlineData("ConstantBeyondLong")]
        [InlineData("CounterNamedLikeAFact")]
        public void IterationsThatCarryStateKeepTheUsualSweeps(string method)
        {
            string code = s_generated.Value[method];
            Assert.DoesNotContain(Marker, code);
            Assert.Contains("in reverse", code);
        }

        [Fact]
        public void IndexArithmeticThatCouldWrapIsCheckedBeforeTheLoop()
        {
            Assert.Contains(Marker, s_generated.Value["StridedScratch"]);
            Assert.Contains("global::System.Math.Abs((double)checked((long)stride * stride)) >= 2147483648.0", s_generated.Value["StridedScratch"]);
            Assert.DoesNotContain("2147483648.0", s_generated.Value["ScratchPairEachIteration"]);

            // A bound whose text is part of another's is still a bound of its own.
            Assert.Contains("global::System.Math.Abs((double)checked((long)n * n + 1L)) >= 2147483648.0", s_generated.Value["TwoSimilarBounds"]);
            Assert.Contains("global::System.Math.Abs((double)checked((long)n * n + (long)p * q + 1L)) >= 2147483648.0", s_generated.Value["TwoSimilarBounds"]);

            // 65536² wraps to element 0: the forward method runs, the gradient refuses rather than guess.
            double[] x = { 0.5, -1.5 };
            double value = Corpus.PerIter.StridedScratch(x, 65536);
            Assert.Equal(0.5 * 0.5 * 0.5 + (-1.5 * -1.5 * -1.5), value, 12);
            var thrown = Assert.Throws<OverflowException>(() => Corpus.PerIter.StridedScratchGradient(x, 65536, new double[2]));
            Assert.Contains("StridedScratch", thrown.Message);

            // A loop that runs no iteration computes no index: nothing to check.
            Assert.Equal(0.0, Corpus.PerIter.StridedScratchGradient(Array.Empty<double>(), 65536, Array.Empty<double>()));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void TheWrapCheckIsLeftOutUnderOverflowChecking(bool checkOverflow)
        {
            // With overflow checking on, an index that would wrap throws where it is computed instead.
            string path = Path.Combine(Snapshot.RepositoryRoot(), "tests/Backprop.Generators.Tests/Corpus/PerIteration.cs");
            var compilation = GeneratorHarness.Compilation((path, File.ReadAllText(path)));
            compilation = compilation.WithOptions(compilation.Options.WithOverflowChecks(checkOverflow));
            GeneratorDriverRunResult result = GeneratorHarness.Driver().RunGenerators(compilation).GetRunResult();
            string code = result.Results.Single().GeneratedSources.Single(g => g.HintName.Contains(".StridedScratch.", StringComparison.Ordinal)).SourceText.ToString();
            Assert.Contains(Marker, code);
            Assert.Equal(!checkOverflow, code.Contains("2147483648.0", StringComparison.Ordinal));
        }

        /// <summary>
        /// A body with many inner loops writing the same elements gives the region analysis many intervals to chain;
        /// its work is bounded (<c>WrittenRegions.ProofBudget</c>), so the generator finishes. Ten minutes would
        /// mean the bound is gone (before it, six such loops took longer than that).
        /// </summary>
        [Fact(Timeout = 600_000)]
        public async System.Threading.Tasks.Task ManyInnerLoopsDoNotMakeTheGeneratorSlow()
        {
            var loops = new System.Text.StringBuilder();
            var parameters = new System.Text.StringBuilder();
            for (int k = 0; k < 6; k++)
            {
                parameters.Append($", int m{k}");
                loops.Append($"for (int j{k} = 0; j{k} < m{k}; j{k}++) {{ a[0] = x[p]; a[1] = x[p]; a[2] = x[p]; }}\n");
            }

            string source = $$"""
                using System;
                using Backprop;
                public static partial class ManyLoops
                {
                    [Differentiable]
                    public static double F(double[] x{{parameters}})
                    {
                        double[] a = new double[4];
                        double total = 0;
                        for (int p = 0; p < x.Length; p++)
                        {
                            {{loops}}
                            total += a[1] * a[1];
                        }

                        return total;
                    }
                }
                """;
            // And twelve nested loops, each starting at the counter of the one around it (two walks of each body).
            string nested = "a[0] = x[p];";
            for (int k = 11; k >= 0; k--)
            {
                string outer = k == 0 ? "p" : $"n{k - 1}";
                nested = $"for (int n{k} = {outer}; n{k} < {outer} + m0; n{k}++) {{ {nested} }}";
            }

            string deep = source.Replace("ManyLoops", "DeepLoops").Replace(loops.ToString(), nested + "\n");

            // And four nested loops, each starting at the square of a sum over the one around it: substituting the
            // counters once grew the bound of a[n3 * n3 * n3] for 14 s.
            string squares = "a[(n3 * n3 * n3) % 4] = x[p];";
            for (int k = 3; k >= 0; k--)
            {
                string outer = k == 0 ? "p" : $"n{k - 1}";
                string first = $"({outer} + m1 + m2 + m3) * ({outer} + m1 + m2 + m3)";
                squares = $"for (int n{k} = {first}; n{k} < {first} + m0; n{k}++) {{ {squares} }}";
            }

            string square = source.Replace("ManyLoops", "SquareLoops").Replace(loops.ToString(), squares.Replace(" % 4", string.Empty) + "\n");
            foreach ((string path, string text) in new[] { ("ManyLoops.cs", source), ("DeepLoops.cs", deep), ("SquareLoops.cs", square) })
            {
                (GeneratorDriverRunResult result, var diagnostics) = await System.Threading.Tasks.Task.Run(() => GeneratorHarness.Run((path, text)));
                Assert.Null(result.Results.Single().Exception);
                Assert.Empty(result.Results.Single().Diagnostics);
                Assert.Empty(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
            }
        }

        [Fact]
        public void TheXorSampleIsReversedPerPointWithoutSavingItsActivations()
        {
            string code = File.ReadAllText(Path.Combine(
                Snapshot.RepositoryRoot(),
                "tests/Backprop.Generators.Tests/Snapshots/SnapshotTests.Xor#Backprop.Samples.Xor.Network.Loss.g.cs.verified.cs"));
            Assert.Contains(Marker, code);
            Assert.DoesNotContain("Push(hidden", code);
        }

        /// <summary>
        /// Every inequality the prover claims, from random loop ranges and facts, holds at every point of a grid
        /// that satisfies them; and it proves the network's own inequalities.
        /// </summary>
        [Fact]
        public void ProverClaimsHoldOnEveryPointOfAGrid()
        {
            var random = new Random(20261129);
            string[] free = { "a", "b" };
            int proven = 0;
            for (int trial = 0; trial < 3000; trial++)
            {
                var ranges = new List<CounterRange>
                {
                    new("i", RandomPolynomial(random, free, 1), RandomPolynomial(random, free, 1)),
                    new("j", RandomPolynomial(random, new[] { "a", "b", "i" }, 1), RandomPolynomial(random, new[] { "a", "b", "i" }, 1)),
                };
                var facts = random.Next(2) == 0 ? new List<Polynomial>() : new List<Polynomial> { RandomPolynomial(random, free, 2) };
                Polynomial target = RandomPolynomial(random, new[] { "a", "b", "i", "j" }, 2);
                if (!IndexProver.NonNegative(target, ranges, facts))
                {
                    continue;
                }

                proven++;
                for (int a = -5; a <= 5; a++)
                {
                    for (int b = -5; b <= 5; b++)
                    {
                        var values = new Dictionary<string, long> { ["a"] = a, ["b"] = b };
                        if (facts.Any(f => Evaluate(f, values) < 0))
                        {
                            continue;
                        }

                        for (long i = Evaluate(ranges[0].Start, values); i < Evaluate(ranges[0].End, values); i++)
                        {
                            values["i"] = i;
                            for (long j = Evaluate(ranges[1].Start, values); j < Evaluate(ranges[1].End, values); j++)
                            {
                                values["j"] = j;
                                Assert.True(Evaluate(target, values) >= 0, $"claimed {target} ≥ 0 from {Describe(ranges, facts)}, false at a={a}, b={b}, i={i}, j={j}");
                            }
                        }
                    }
                }
            }

            Assert.True(proven >= 100, $"only {proven} claims to check");
        }

        [Fact]
        public void ProverShowsTheNetworksLayerReadIsInsideWhatWasWritten()
        {
            Polynomial l = Polynomial.Variable("l"), width = Polynomial.Variable("width"), i = Polynomial.Variable("i");
            var ranges = new List<CounterRange>
            {
                new("l", Polynomial.Constant(1), Polynomial.Variable("layers")),
                new("j", Polynomial.Constant(0), width),
                new("i", Polynomial.Constant(0), width),
            };
            Polynomial read = l.Minus(Polynomial.Constant(1)).Times(width).Plus(i);

            // 0 ≤ (l − 1)·width + i < l·width: inside [0, width) ∪ [width, l·width).
            Assert.True(IndexProver.NonNegative(read, ranges, new List<Polynomial>()));
            Assert.True(IndexProver.NonNegative(l.Times(width).Minus(read).Plus(-1), ranges, new List<Polynomial>()));

            // Not inside [0, (l − 1)·width): that would need i < 0.
            Assert.False(IndexProver.NonNegative(l.Minus(Polynomial.Constant(1)).Times(width).Minus(read).Plus(-1), ranges, new List<Polynomial>()));
        }

        private static Polynomial RandomPolynomial(Random random, string[] variables, int degree)
        {
            Polynomial result = Polynomial.Constant(random.Next(-2, 3));
            foreach (string v in variables)
            {
                result = result.Plus(Polynomial.Variable(v).Times(Polynomial.Constant(random.Next(-1, 2))));
            }

            if (degree > 1 && random.Next(2) == 0)
            {
                string x = variables[random.Next(variables.Length)];
                string y = variables[random.Next(variables.Length)];
                result = result.Plus(Polynomial.Variable(x).Times(Polynomial.Variable(y)).Times(Polynomial.Constant(random.Next(-1, 2))));
            }

            return result;
        }

        /// <summary>Evaluates a polynomial by substituting each value in turn.</summary>
        private static long Evaluate(Polynomial polynomial, Dictionary<string, long> values)
        {
            foreach (KeyValuePair<string, long> value in values)
            {
                polynomial = polynomial.Substitute(value.Key, Polynomial.Constant(value.Value));
            }

            Assert.Empty(polynomial.Variables);
            return long.Parse(polynomial.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        }

        private static string Describe(List<CounterRange> ranges, List<Polynomial> facts)
            => string.Join("; ", ranges.Select(r => $"{r.Start} ≤ {r.Counter} < {r.End}").Concat(facts.Select(f => $"{f} ≥ 0")));
    }
}
