using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Backprop.Benchmarks
{
    /// <summary>
    /// A plain timing loop without BenchmarkDotNet, to cross-check its numbers: each method is warmed up for
    /// 0.5 s, then timed in 15 batches of about 40 ms of thread CPU time; the median batch gives the time per call.
    /// </summary>
    public static class DirectTiming
    {
        /// <summary>Times every method of every workload and prints one line per workload.</summary>
        /// <param name="workloads">The workloads.</param>
        public static void Run(IEnumerable<Workload> workloads)
        {
            foreach (Workload workload in workloads)
            {
                workload.Setup();
                var methods = new List<(string, Func<double>)>
                {
                    ("forward", workload.Forward),
                    ("generated", workload.Generated),
                    ("hand", workload.HandScalar),
                };
                if (workload.HasVectorized)
                {
                    methods.Add(("simd", workload.HandVectorized));
                }

                var line = new List<string>();
                foreach ((string name, Func<double> method) in methods)
                {
                    line.Add($"{name} {Format(Measure(method))}");
                }

                Console.WriteLine($"{workload.Name,-14} {string.Join("  ", line)}");
            }
        }

        internal static double Measure(Func<double> method)
        {
            var watch = Stopwatch.StartNew();
            long calls = 0;
            while (watch.ElapsedMilliseconds < 500)
            {
                method();
                calls++;
            }

            long perBatch = Math.Max(1, calls * 40 / 500);
            var samples = new double[15];
            for (int s = 0; s < samples.Length; s++)
            {
                long start = ThreadCpuClock.Instance.GetTimestamp();
                for (long i = 0; i < perBatch; i++)
                {
                    method();
                }

                samples[s] = (double)(ThreadCpuClock.Instance.GetTimestamp() - start) / perBatch;
            }

            Array.Sort(samples);
            return samples[samples.Length / 2];
        }

        internal static string Format(double ns) => ns < 1e3 ? $"{ns:0.0} ns" : ns < 1e6 ? $"{ns / 1e3:0.00} µs" : $"{ns / 1e6:0.00} ms";
    }
}
