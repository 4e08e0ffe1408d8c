using System.Linq;
using Backprop.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Backprop.Tests
{
    /// <summary>
    /// Stackalloc'd adjoints rely on the compiler zeroing stackalloc memory, except where <c>[SkipLocalsInit]</c>
    /// turns that off for the generated members (on a type around them or on the module): there they are cleared.
    /// </summary>
    public sealed class StackAllocTests
    {
        private const string Model = """
            using System;
            using Backprop;
            using System.Runtime.CompilerServices;

            {module}
            {outer}
            public static partial class Outer
            {
                {inner}
                public static partial class M
                {
                    [Differentiable]
                    public static double F(double[] x)
                    {
                        Span<double> u = stackalloc double[x.Length];
                        double s = 0;
                        for (int i = 0; i < x.Length; i++)
                        {
                            u[i] = x[i] * x[i];
                            s += u[i] * u[i];
                        }

                        return s;
                    }
                }
            }
            """;

        [Theory]
        [InlineData("", "", "", false)]
        [InlineData("[module: SkipLocalsInit]", "", "", true)]
        [InlineData("", "[SkipLocalsInit]", "", true)]
        [InlineData("", "", "[SkipLocalsInit]", true)]
        public void AdjointsAreClearedOnlyUnderSkipLocalsInit(string module, string outer, string inner, bool cleared)
        {
            string source = Model.Replace("{module}", module).Replace("{outer}", outer).Replace("{inner}", inner);
            (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(("M.cs", source));
            string generated = Assert.Single(result.Results.Single().GeneratedSources).SourceText.ToString();
            Assert.Contains("uAdj = stackalloc double[u.Length];", generated, System.StringComparison.Ordinal);
            Assert.Equal(cleared, generated.Contains("global::Backprop.Support.Zero.Clear(uAdj);", System.StringComparison.Ordinal));
        }
    }
}
