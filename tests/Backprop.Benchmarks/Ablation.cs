using System;
using System.Collections.Generic;
using System.Linq;

namespace Backprop.Benchmarks
{
    /// <summary>
    /// <c>--ablation</c>: times the generated gradient, the hand-edited variants of its code (Experiments/) and the
    /// hand-written gradient side by side, after checking that each variant computes the generated gradient.
    /// </summary>
    /// <remarks>
    /// A variant whose name contains <see cref="TimingOnly"/> leaves part of the computation out to measure what that
    /// part costs; its gradient is wrong by design, so it is timed but not checked.
    /// </remarks>
    public static class Ablation
    {
        /// <summary>Marks a variant that measures the cost of a part by leaving it out (not checked).</summary>
        public const string TimingOnly = "timing only";

        /// <summary>Runs the ablation.</summary>
        /// <param name="workloads">The workloads.</param>
        /// <returns>Whether every variant agreed with the generated gradient.</returns>
        public static bool Run(IEnumerable<Workload> workloads)
        {
            bool ok = true;
            foreach (Workload workload in workloads)
            {
                List<(string Name, Func<double> Run)> variants = workload.Variants().ToList();
                if (variants.Count == 0)
                {
                    continue;
                }

                workload.Setup();
                Array.Clear(workload.Gradient);
                workload.Generated();
                double[] expected = (double[])workload.Gradient.Clone();
                double scale = expected.Max(Math.Abs);
                Console.WriteLine($"{workload.Name}: {workload.Description}");
                double forward = DirectTiming.Measure(workload.Forward);
                double generated = DirectTiming.Measure(workload.Generated);
                Console.WriteLine($"  {"forward",-72} {DirectTiming.Format(forward),10}");
                Console.WriteLine($"  {"generated",-72} {DirectTiming.Format(generated),10}  {generated / forward,5:0.00}× forward");
                foreach ((string name, Func<double> run) in variants)
                {
                    Array.Clear(workload.Gradient);
                    run();
                    double worst = 0;
                    for (int i = 0; i < expected.Length; i++)
                    {
                        worst = Math.Max(worst, Math.Abs(expected[i] - workload.Gradient[i]) / Math.Max(1e-6 * scale, Math.Abs(expected[i])));
                    }

                    bool timingOnly = name.Contains(TimingOnly, StringComparison.Ordinal);
                    bool agrees = timingOnly || worst <= Verification.AnalyticTolerance;
                    ok &= agrees;
                    double time = DirectTiming.Measure(run);
                    Console.WriteLine($"  {name,-72} {DirectTiming.Format(time),10}  {time / forward,5:0.00}× forward{(agrees ? string.Empty : $"  DIFFERS from the generated gradient ({worst:E1})")}");
                }

                double hand = DirectTiming.Measure(workload.HandScalar);
                Console.WriteLine($"  {"hand-written scalar",-72} {DirectTiming.Format(hand),10}  {hand / forward,5:0.00}× forward");
            }

            return ok;
        }
    }
}
