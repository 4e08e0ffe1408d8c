using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Backprop.Benchmarks
{
    /// <summary>
    /// <c>dotnet run -c Release --project tests/Backprop.Benchmarks -- [--quick | --verify | --ablation | --direct] [--wall-clock] [--workload NAME[,NAME...]] [BenchmarkDotNet options]</c>.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item><description>no option: the checks, then every case with the Full job (25 iterations of 250 ms; about 6 minutes on 2 cores).</description></item>
    /// <item><description><c>--quick</c>: the checks, then every case with the Quick job (5 iterations of 120 ms; about 2 minutes).</description></item>
    /// <item><description><c>--verify</c>: only the correctness checks (a few seconds).</description></item>
    /// <item><description><c>--ablation</c>: the generated gradient against hand-edited copies of its code (Experiments/).</description></item>
    /// <item><description><c>--direct</c>: a plain timing loop without BenchmarkDotNet, to cross-check it.</description></item>
    /// <item><description><c>--wall-clock</c>: BenchmarkDotNet's own wall clock and one process per case instead of thread CPU time in-process.</description></item>
    /// </list>
    /// The benchmarks run only when the checks pass. At the end, the table of medians and ratios of
    /// docs/benchmarks.md is printed and written to BenchmarkDotNet.Artifacts/results/backprop-summary.md.
    /// </remarks>
    public static class Program
    {
        /// <summary>The entry point.</summary>
        /// <param name="args">The options.</param>
        /// <returns>0 on success, 1 when a check fails, 2 for invalid options.</returns>
        public static int Main(string[] args)
        {
            var rest = new List<string>();
            bool verifyOnly = false;
            bool quick = false;
            bool wallClock = false;
            bool direct = false;
            bool ablation = false;
            HashSet<string>? selected = null;
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--verify":
                        verifyOnly = true;
                        break;
                    case "--quick":
                        quick = true;
                        break;
                    case "--ablation":
                        ablation = true;
                        break;
                    case "--direct":
                        direct = true;
                        break;
                    case "--wall-clock":
                        wallClock = true;
                        break;
                    case "--workload" when i + 1 < args.Length:
                        selected = new HashSet<string>(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
                        break;
                    case "--workload":
                        Console.Error.WriteLine("--workload needs a name, one of: " + string.Join(", ", Workloads.All().Select(w => w.Name)));
                        return 2;
                    default:
                        rest.Add(args[i]);
                        break;
                }
            }

            if (selected is not null && selected.Except(Workloads.All().Select(w => w.Name), StringComparer.OrdinalIgnoreCase).Any())
            {
                Console.Error.WriteLine("Unknown workload; the workloads are: " + string.Join(", ", Workloads.All().Select(w => w.Name)));
                return 2;
            }

            bool Selected(Workload w) => selected is null || selected.Contains(w.Name);

            if (!Verification.Run(Workloads.All().Where(Selected)))
            {
                return 1;
            }

            if (verifyOnly)
            {
                return 0;
            }

            if (ablation)
            {
                return Ablation.Run(Workloads.All().Where(Selected)) ? 0 : 1;
            }

            if (direct)
            {
                DirectTiming.Run(Workloads.All().Where(Selected));
                return 0;
            }

            Job job = quick
                ? Job.Default.WithId("Quick").WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithIterationTime(TimeInterval.FromMilliseconds(120))
                : Job.Default.WithId("Full").WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(25).WithIterationTime(TimeInterval.FromMilliseconds(250));

            if (!wallClock)
            {
                // Thread CPU time, measured in this process: see ThreadCpuClock.
                job = job.WithClock(ThreadCpuClock.Instance).WithToolchain(InProcessEmitToolchain.Instance);
            }

            IConfig config = DefaultConfig.Instance
                .AddJob(job.AsDefault())
                .AddColumn(StatisticColumn.Median)
                .AddFilter(new SimpleFilter(benchmark =>
                {
                    var workload = (Workload)benchmark.Parameters["Workload"];
                    return Selected(workload) && benchmark.Descriptor.WorkloadMethod.Name switch
                    {
                        nameof(GradientBenchmarks.HandVectorized) => workload.HasVectorized,
                        nameof(GradientBenchmarks.FiniteDifferences) => workload.HasFiniteDifferences,
                        _ => true,
                    };
                }));

            Summary summary = BenchmarkRunner.Run<GradientBenchmarks>(config, rest.ToArray());
            string table = SummaryTable.Build(summary, Workloads.All().Select(w => w.Name).ToList(), wallClock ? "wall-clock time, one process per case" : "thread CPU time, in-process");
            Console.WriteLine();
            Console.WriteLine(table);
            string path = Path.Combine(summary.ResultsDirectoryPath, "backprop-summary.md");
            File.WriteAllText(path, table);
            Console.WriteLine("Written to " + path);
            return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;
        }
    }
}
