using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace Backprop.Tests.Fuzzing
{
    /// <summary>
    /// Randomized differential testing: random valid programs go through the generator in memory, and their
    /// gradients are compared with finite differences. Every program is reproducible from its seed.
    /// </summary>
    /// <remarks>
    /// <para>Environment switches: <c>BACKPROP_FUZZ_COUNT</c> (default 1000; 100000 for a long local run),
    /// <c>BACKPROP_FUZZ_SEED</c> (the first program's seed, default 1; program <c>k</c> has seed <c>SEED + k</c>),
    /// <c>BACKPROP_FUZZ_PROGRAM</c> (check and print the one program of that seed).</para>
    /// <para>Each program must: draw no generator exception or BP diagnostic error; generate code that compiles
    /// with no error and no warning the user's own code does not have; return the forward value bit for bit and
    /// leave its inputs unchanged; match fourth-order central differences within 1e-6 (|a − n| / max(1, |a|, |n|),
    /// retried at steps 10, 100 and 1000 times smaller before a disagreement counts, so that a kink near the point is
    /// not a failure); scale with the pullback's seed and accumulate; give the same bits from four threads at once;
    /// and with NaN or an infinity as input, return what the forward method returns, throwing only if it throws.</para>
    /// <para>A failing program is shrunk (statements, helpers and subexpressions deleted while it keeps failing the
    /// same way) and printed as a self-contained C# file with a Main that shows the disagreement.</para>
    /// <para>The counts are in the test's output (<c>dotnet test --logger "console;verbosity=detailed"</c>) and in
    /// <c>fuzz-summary.txt</c> next to the test assembly.</para>
    /// </remarks>
    public sealed class FuzzTests
    {
        private const int BatchSize = 100;
        private readonly ITestOutputHelper _output;

        public FuzzTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void RandomProgramsMatchFiniteDifferences()
        {
            int count = Setting("BACKPROP_FUZZ_COUNT", 1000);
            int firstSeed = Setting("BACKPROP_FUZZ_SEED", 1);
            if (Environment.GetEnvironmentVariable("BACKPROP_FUZZ_PROGRAM") is string single && single.Length > 0)
            {
                firstSeed = int.Parse(single, CultureInfo.InvariantCulture);
                count = 1;
                _output.WriteLine(ProgramGenerator.Generate(firstSeed).Render());
            }

            var clock = Stopwatch.StartNew();
            var counters = new FuzzCounters();
            var failures = new List<FuzzFailure>();
            int batches = (count + BatchSize - 1) / BatchSize;
            Parallel.For(0, batches, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, batch =>
            {
                int start = batch * BatchSize;
                FuzzProgram[] programs = Enumerable.Range(start, Math.Min(BatchSize, count - start))
                    .Select(k => ProgramGenerator.Generate(firstSeed + k))
                    .ToArray();
                List<FuzzFailure> found = FuzzHarness.Run(programs, counters);
                lock (failures)
                {
                    failures.AddRange(found);
                }
            });

            TimeSpan elapsed = clock.Elapsed;
            _output.WriteLine($"seeds {firstSeed}..{firstSeed + count - 1}: {counters}");
            _output.WriteLine(counters.Coverage);
            _output.WriteLine($"time {elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s on {Environment.ProcessorCount} cores");

            // Print the first failure of each kind, shrunk to a small repro.
            foreach (FuzzFailure first in failures.OrderBy(f => f.Program.Seed).GroupBy(f => f.Kind).Select(g => g.First()))
            {
                _output.WriteLine(string.Empty);
                _output.WriteLine($"{first.Kind} in the program of seed {first.Program.Seed}: {first.Detail}");
                FuzzFailure shrunk = FuzzHarness.Shrink(first, TimeSpan.FromSeconds(60));
                _output.WriteLine(shrunk.Program.RenderRepro($"{shrunk.Kind} found by FuzzTests, seed {first.Program.Seed} (BACKPROP_FUZZ_PROGRAM={first.Program.Seed}), shrunk:\n{shrunk.Detail}"));
            }

            foreach (FuzzFailure failure in failures.OrderBy(f => f.Program.Seed).Take(30))
            {
                _output.WriteLine($"seed {failure.Program.Seed}: {failure.Kind}: {failure.Detail.Split('\n')[0]}");
            }

            // `dotnet test` shows a passing test's output only with a detailed console logger: the counts also go to a
            // file next to the test assembly, which CI can print.
            System.IO.File.WriteAllText(
                System.IO.Path.Combine(AppContext.BaseDirectory, "fuzz-summary.txt"),
                $"seeds {firstSeed}..{firstSeed + count - 1}: {counters}\n{counters.Coverage}\ntime {elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s on {Environment.ProcessorCount} cores\n");

            Assert.Equal(count, counters.Programs);
            Assert.True(counters.TotalFailures == 0, counters.ToString());
        }

        private static int Setting(string name, int fallback)
            => Environment.GetEnvironmentVariable(name) is string text && text.Length > 0 ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
    }
}
