using System;
using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace Backprop.Benchmarks
{
    /// <summary>
    /// A BenchmarkDotNet clock that reads the CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>)
    /// instead of the wall clock, so that other processes on a shared machine (parallel builds and test runs) do not
    /// add the time they take the core away to the measured time. It needs the in-process toolchain, where the
    /// engine reads the clock on the thread that runs the benchmark.
    /// </summary>
    public sealed class ThreadCpuClock : IClock
    {
        private const int ClockThreadCpuTimeId = 3;

        /// <summary>The one instance.</summary>
        public static readonly ThreadCpuClock Instance = new ThreadCpuClock();

        private ThreadCpuClock()
        {
        }

        /// <inheritdoc/>
        public string Title => "ThreadCpuTime";

        /// <inheritdoc/>
        public bool IsAvailable => OperatingSystem.IsLinux() && clock_gettime(ClockThreadCpuTimeId, out _) == 0;

        /// <inheritdoc/>
        public Frequency Frequency => new Frequency(1e9);

        /// <inheritdoc/>
        public long GetTimestamp()
        {
            clock_gettime(ClockThreadCpuTimeId, out Timespec time);
            return time.Seconds * 1_000_000_000L + time.Nanoseconds;
        }

        [DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int clock_gettime(int clockId, out Timespec time);

        [StructLayout(LayoutKind.Sequential)]
        private struct Timespec
        {
            public long Seconds;
            public long Nanoseconds;
        }
    }
}
