using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Backprop.Tests.Fuzzing
{
    /// <summary>
    /// The smallest programs that showed each generator bug the fuzzer and the runtime tests found, kept so that the
    /// bug stays fixed. Each goes through the fuzzing harness: compiled in memory through the generator (no
    /// generator diagnostic, no error or new warning in generated code), then checked against finite differences,
    /// from several threads, and with NaN and infinite inputs.
    /// </summary>
    public sealed class RegressionTests
    {
        private const string Adapters = """
                    public static double Forward(double[][] x) => F(x[0], x[1][0]);
                    public static double Gradient(double[][] x, double[][] g) => FGradient(x[0], x[1][0], g[0], ref g[1][0]);
                    public static double Pullback(double[][] x, double seed, double[][] g) => FPullback(x[0], x[1][0], seed, g[0], ref g[1][0]);
            """;

        public static IEnumerable<object[]> Cases => Programs().Select(p => new object[] { p.Name });

        [Theory]
        [MemberData(nameof(Cases))]
        public void ProgramCompilesAndItsGradientMatchesFiniteDifferences(string name)
        {
            (string _, string body) = Programs().Single(p => p.Name == name);
            string source = "using System;\nusing Backprop;\n\nnamespace Fuzz\n{\n    public static partial class " + name + "\n    {\n" + body + "\n" + Adapters + "\n    }\n}\n";
            FuzzProgram program = FuzzProgram.FromSource(name, source, new[] { 0.3, -0.8, 1.1 }, new[] { 0.7 });
            List<FuzzFailure> failures = FuzzHarness.Run(new[] { program }, new FuzzCounters());
            Assert.True(failures.Count == 0, string.Join("\n", failures.Select(f => $"{f.Kind}: {f.Detail}")));
        }

        private static IEnumerable<(string Name, string Body)> Programs()
        {
            // A stackalloc after a branch that returns: lowering moves it into the other branch, where the reverse
            // sweep could not see it (CS0103 in generated code). Now declared at the top with stackalloc of nothing.
            yield return ("StackallocAfterReturningBranch", """
                        [Differentiable]
                        public static double F(double[] a, double p)
                        {
                            if (p <= 0.5)
                            {
                                return p * p;
                            }

                            Span<double> h = stackalloc double[3];
                            h[1] = p * a[0];
                            return 0.5 * Math.Pow(h[1] - p, 3.0);
                        }
                """);

            // A local array after a branch that may return: lowering copies it into both branches, which declared it
            // twice (CS0128) and returned the same pooled array twice.
            yield return ("ArrayCopiedIntoBothBranches", """
                        [Differentiable]
                        public static double F(double[] a, double p)
                        {
                            if (a[0] <= 0.5)
                            {
                                if (p > 0) { return p * p; }
                            }

                            double[] h = new double[a.Length];
                            h[1] = p * a[2];
                            Span<double> s = stackalloc double[2];
                            s[0] = h[1] * h[1];
                            return 0.5 * Math.Pow(h[1] - p, 3.0) + s[0];
                        }
                """);

            // Math.Sign returns an int: it was not recognised as a (piecewise-constant) Math function, so a varying
            // argument made the method fail with BP0006.
            yield return ("SignOfAVaryingValue", """
                        [Differentiable]
                        public static double F(double[] a, double p) => Math.Sign(a[0] - p) * p + Math.Floor(Math.Sign(a[1]) * 0.5);
                """);

            // Max(u, u): the rule compared u with itself (CS1718, a warning that breaks warnings-as-errors builds).
            yield return ("MaxOfTheSameValue", """
                        [Differentiable]
                        public static double F(double[] a, double p) => Math.Max(p, p) * Math.Min(a[1], a[1]);
                """);

            // A conditional or an if with a constant condition: the reverse sweep, and the branch lowering builds
            // around a return, held a branch C# calls unreachable (CS0162, which breaks warnings-as-errors builds).
            yield return ("ConstantBranchAroundAReturn", """
                        private const bool Enabled = false;

                        [Differentiable]
                        public static double F(double[] a, double p)
                        {
                            if (p > 0.1)
                            {
                                if (Math.E > 0.5)
                                {
                                    return p * a[1];
                                }
                            }

                            double s = Enabled ? a[0] : p * p;
                            return s * a[2];
                        }
                """);

            // A return in a constant-false branch inside a loop: once the branch is folded away, lowering must not
            // expect the return any more (it failed with BP9999 while folding happened during lowering).
            yield return ("ConstantFalseReturnInLoop", """
                        private const bool Enabled = false;

                        [Differentiable]
                        public static double F(double[] a, double p)
                        {
                            double s = p;
                            int w = 0;
                            while (w < 2 && s > -10)
                            {
                                w++;
                                if (Enabled)
                                {
                                    return s;
                                }

                                s = s * a[w];
                            }

                            return s;
                        }
                """);

            // A return after a continue in a loop is never reached, so lowering never made the flag it sets, yet the
            // code after the loop tested that flag (BP9999).
            yield return ("ReturnAfterContinue", """
                        [Differentiable]
                        public static double F(double[] a, double p)
                        {
                            double s = p;
                            int w = 0;
                            do
                            {
                                w++;
                                s = s * a[w];
                                continue;
                                return s;
                            }
                            while (w < 2);
                            return s;
                        }
                """);

            // |NaN| is NaN, but the rule used Math.Sign, which throws on NaN: the gradient threw where F returned.
            yield return ("AbsOfNaN", """
                        [Differentiable]
                        public static double F(double[] a, double p) => Math.Abs(p - a[0]) + Math.Abs(a[2]);
                """);
        }
    }
}
