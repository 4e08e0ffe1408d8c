using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace Backprop.Benchmarks
{
    /// <summary>
    /// The benchmark cases: for every workload, the forward method, the generated gradient, the hand-written
    /// gradients and central finite differences. Cases that a workload lacks (no vectorized version, finite
    /// differences too slow) are removed by the filter in <see cref="Program"/>.
    /// </summary>
    [MemoryDiagnoser]
    public class GradientBenchmarks
    {
        /// <summary>The workload of this case.</summary>
        [ParamsSource(nameof(AllWorkloads))]
        public Workload Workload { get; set; } = null!;

        /// <summary>Every workload.</summary>
        public static IEnumerable<Workload> AllWorkloads => Workloads.All();

        /// <summary>Creates the workload's data.</summary>
        [GlobalSetup]
        public void Setup() => Workload.Setup();

        /// <summary>The forward method alone.</summary>
        /// <returns>Its value.</returns>
        [Benchmark]
        public double Forward() => Workload.Forward();

        /// <summary>The generated gradient.</summary>
        /// <returns>The value.</returns>
        [Benchmark]
        public double Generated() => Workload.Generated();

        /// <summary>The hand-written scalar gradient.</summary>
        /// <returns>The value.</returns>
        [Benchmark]
        public double HandScalar() => Workload.HandScalar();

        /// <summary>The hand-written System.Numerics.Tensors gradient.</summary>
        /// <returns>The value.</returns>
        [Benchmark]
        public double HandVectorized() => Workload.HandVectorized();

        /// <summary>Central finite differences.</summary>
        /// <returns>The first component.</returns>
        [Benchmark]
        public double FiniteDifferences() => Workload.FiniteDifferences();
    }
}
