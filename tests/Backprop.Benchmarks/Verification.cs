using System;
using System.Collections.Generic;
using System.Globalization;

namespace Backprop.Benchmarks
{
    /// <summary>
    /// Checks, before anything is timed, that every gradient of every workload agrees with the generated one
    /// (relative 1e-8), that finite differences agree with it (1e-6), that the generated method returns the
    /// forward value, and counts the bytes each method allocates per warm call.
    /// </summary>
    public static class Verification
    {
        /// <summary>The largest relative difference allowed between two analytic gradients.</summary>
        public const double AnalyticTolerance = 1e-8;

        /// <summary>The largest error allowed between finite differences and the generated gradient.</summary>
        public const double NumericTolerance = 1e-6;

        /// <summary>Runs the checks on the workloads and prints one line per comparison.</summary>
        /// <param name="workloads">The workloads.</param>
        /// <returns>Whether every check passed.</returns>
        public static bool Run(IEnumerable<Workload> workloads)
        {
            bool ok = true;
            foreach (Workload workload in workloads)
            {
                workload.Setup();
                Console.WriteLine($"{workload.Name}: {workload.Description}");
                double forward = workload.Forward();

                Array.Clear(workload.Gradient);
                double generatedValue = workload.Generated();
                double[] generated = (double[])workload.Gradient.Clone();
                bool exact = BitConverter.DoubleToInt64Bits(forward) == BitConverter.DoubleToInt64Bits(generatedValue);
                Console.WriteLine($"  generated value {generatedValue:R} {(exact ? "equals the forward value bit for bit" : $"differs from the forward value {forward:R}")}");
                ok &= Math.Abs(forward - generatedValue) <= AnalyticTolerance * Math.Max(1, Math.Abs(forward));

                ok &= Compare(workload, "hand-written scalar", forward, generated, workload.HandScalar);
                if (workload.HasVectorized)
                {
                    ok &= Compare(workload, "hand-written vectorized", forward, generated, workload.HandVectorized);
                }

                if (workload.HasFiniteDifferences)
                {
                    workload.FiniteDifferences();
                    double worst = 0;
                    for (int i = 0; i < generated.Length; i++)
                    {
                        double a = generated[i];
                        double n = workload.Gradient[i];
                        worst = Math.Max(worst, Math.Abs(a - n) / Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(n))));
                    }

                    bool pass = worst <= NumericTolerance;
                    ok &= pass;
                    Console.WriteLine($"  finite differences vs generated: worst error {worst:E2} {(pass ? "ok" : "FAILED")} (|a - n| / max(1, |a|, |n|) <= {NumericTolerance:E0})");
                }

                Console.WriteLine("  bytes allocated per warm call: " + string.Join(", ", Allocations(workload)));
            }

            Console.WriteLine(ok ? "Verification passed." : "Verification FAILED: the timings would compare different functions.");
            return ok;
        }

        private static bool Compare(Workload workload, string label, double forward, double[] expected, Func<double> gradient)
        {
            Array.Clear(workload.Gradient);
            double value = gradient();
            double scale = 0;
            foreach (double g in expected)
            {
                scale = Math.Max(scale, Math.Abs(g));
            }

            // Relative per component, with a floor of 1e-6 of the largest component for components that are nearly zero.
            double floor = Math.Max(1e-6 * scale, double.Epsilon);
            double worst = 0;
            int worstIndex = -1;
            for (int i = 0; i < expected.Length; i++)
            {
                double a = expected[i];
                double b = workload.Gradient[i];
                double error = Math.Abs(a - b) / Math.Max(floor, Math.Max(Math.Abs(a), Math.Abs(b)));
                if (!(error <= worst))
                {
                    worst = error;
                    worstIndex = i;
                }
            }

            double valueError = Math.Abs(value - forward) / Math.Max(1, Math.Abs(forward));
            bool pass = worst <= AnalyticTolerance && valueError <= AnalyticTolerance;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {label} vs generated: worst relative difference {worst:E2} at [{worstIndex}], value difference {valueError:E2} {(pass ? "ok" : "FAILED")}"));
            return pass;
        }

        private static IEnumerable<string> Allocations(Workload workload)
        {
            var methods = new List<(string, Func<double>)>
            {
                ("forward", workload.Forward),
                ("generated", workload.Generated),
                ("hand scalar", workload.HandScalar),
            };
            if (workload.HasVectorized)
            {
                methods.Add(("hand vectorized", workload.HandVectorized));
            }

            foreach ((string name, Func<double> method) in methods)
            {
                const int Calls = 20;
                for (int i = 0; i < 3; i++)
                {
                    method();
                }

                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < Calls; i++)
                {
                    method();
                }

                long bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / Calls;
                yield return $"{name} {bytes}";
            }
        }
    }
}
