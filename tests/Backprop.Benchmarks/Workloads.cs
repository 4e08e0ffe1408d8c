using System.Collections.Generic;
using Backprop.Benchmarks.Abc;
using Backprop.Benchmarks.Gmm;
using Backprop.Benchmarks.Lstm;
using Backprop.Benchmarks.Network;

namespace Backprop.Benchmarks
{
    /// <summary>Every benchmarked workload, in the order of the tables.</summary>
    public static class Workloads
    {
        /// <summary>New, not yet set up, instances of every workload.</summary>
        /// <returns>The workloads.</returns>
        public static IEnumerable<Workload> All()
        {
            yield return new AbcWorkload(3);
            yield return new AbcWorkload(64);
            yield return new AbcWorkload(256);
            yield return new NetworkWorkload();
            yield return new GmmWorkload(2, 5, 1000);
            yield return new GmmWorkload(10, 25, 1000);
            yield return new LstmWorkload(2, 1024, 14);
        }
    }
}
