using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;

namespace Backprop.Benchmarks
{
    /// <summary>The table of docs/benchmarks.md: medians per workload and the ratios the targets are stated in.</summary>
    public static class SummaryTable
    {
        /// <summary>Builds the markdown tables from a finished run.</summary>
        /// <param name="summary">The run.</param>
        /// <param name="workloadOrder">The workloads in the order of the rows.</param>
        /// <param name="clock">What was measured, for the heading.</param>
        /// <returns>Markdown.</returns>
        public static string Build(Summary summary, List<string> workloadOrder, string clock)
        {
            var medians = new Dictionary<(string Workload, string Method), double>();
            var bytes = new Dictionary<(string Workload, string Method), long>();
            var order = new List<string>();
            foreach (BenchmarkReport report in summary.Reports)
            {
                string workload = report.BenchmarkCase.Parameters["Workload"]?.ToString() ?? "?";
                string method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
                if (!order.Contains(workload))
                {
                    order.Add(workload);
                }

                if (report.ResultStatistics is not null)
                {
                    medians[(workload, method)] = report.ResultStatistics.Median;
                }

                long? allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
                if (allocated is not null)
                {
                    bytes[(workload, method)] = allocated.Value;
                }
            }

            string Time(string w, string m) => medians.TryGetValue((w, m), out double ns) ? FormatTime(ns) : "–";
            string Ratio(string w, string m1, string m2)
                => medians.TryGetValue((w, m1), out double a) && medians.TryGetValue((w, m2), out double b) && b > 0
                    ? (a / b).ToString(a / b >= 100 ? "N0" : "0.00", CultureInfo.InvariantCulture)
                    : "–";
            string Bytes(string w, string m) => bytes.TryGetValue((w, m), out long b) ? b.ToString(CultureInfo.InvariantCulture) : "–";

            order.Sort((a, b) => Index(a).CompareTo(Index(b)));
            int Index(string w) => workloadOrder.Contains(w) ? workloadOrder.IndexOf(w) : int.MaxValue;

            var text = new StringBuilder();
            text.AppendLine($"Medians per call ({clock}, job {summary.BenchmarksCases.FirstOrDefault()?.Job.Id}):");
            text.AppendLine();
            text.AppendLine("| workload | forward | generated | hand scalar | hand SIMD | finite diff. | gen ÷ hand scalar | gen ÷ hand SIMD | gen ÷ forward | hand scalar ÷ forward | finite diff. ÷ gen |");
            text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (string w in order)
            {
                text.AppendLine(
                    $"| {w} | {Time(w, "Forward")} | {Time(w, "Generated")} | {Time(w, "HandScalar")} | {Time(w, "HandVectorized")} | {Time(w, "FiniteDifferences")} " +
                    $"| {Ratio(w, "Generated", "HandScalar")} | {Ratio(w, "Generated", "HandVectorized")} | {Ratio(w, "Generated", "Forward")} | {Ratio(w, "HandScalar", "Forward")} | {Ratio(w, "FiniteDifferences", "Generated")} |");
            }

            text.AppendLine();
            text.AppendLine("Bytes allocated per call:");
            text.AppendLine();
            text.AppendLine("| workload | forward | generated | hand scalar | hand SIMD | finite diff. |");
            text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (string w in order)
            {
                text.AppendLine($"| {w} | {Bytes(w, "Forward")} | {Bytes(w, "Generated")} | {Bytes(w, "HandScalar")} | {Bytes(w, "HandVectorized")} | {Bytes(w, "FiniteDifferences")} |");
            }

            return text.ToString();
        }

        private static string FormatTime(double nanoseconds) => nanoseconds switch
        {
            < 1e3 => nanoseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ns",
            < 1e6 => (nanoseconds / 1e3).ToString("0.00", CultureInfo.InvariantCulture) + " µs",
            < 1e9 => (nanoseconds / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " ms",
            _ => (nanoseconds / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + " s",
        };
    }
}
