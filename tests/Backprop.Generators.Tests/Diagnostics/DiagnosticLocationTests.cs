using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Backprop.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Backprop.Tests.Diagnostics
{
    /// <summary>
    /// One test per BP id: the diagnostic a build shows (analyzer and generator together), with its exact location.
    /// Sources mark the expected span with <c>[|</c> and <c>|]</c>; the test asserts that exactly those diagnostics
    /// appear, with the given id, severity and line/column span, and that the generator emitted nothing for the method.
    /// </summary>
    public sealed class DiagnosticLocationTests
    {
        private const string Usings = "using System;\nusing System.Linq;\nusing Backprop;\n\n";

        [Fact]
        public void BP0001_ContainingTypeNotPartial_AtEachNonPartialType()
        {
            AssertDiagnostics(
                """
                public partial class Outer
                {
                    public static class [|Inner|]
                    {
                        [Differentiable]
                        public static double F(double x) => x * x;
                    }
                }
                """,
                "BP0001");
        }

        [Fact]
        public void BP0002_UnsupportedReturnType_AtTheReturnType()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static [|int|] F(double x) => (int)x;
                }
                """,
                "BP0002");
        }

        [Fact]
        public void BP0002_GenericMethod_AtTheName()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double [|F|]<T>(double x) => x;
                }
                """,
                "BP0002");
        }

        [Fact]
        public void BP0002_AsyncMethod_AtTheName()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static async System.Threading.Tasks.Task<double> [|F|](double x)
                    {
                        await System.Threading.Tasks.Task.Yield();
                        return x * x;
                    }
                }
                """,
                "BP0002");
        }

        [Fact]
        public void BP0002_TypeDeclaresTheGeneratedPullback_AtTheName()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double [|Hypot|](double x, double y) => Math.Sqrt(x * x + y * y);

                    [DerivativeOf(nameof(Hypot))]
                    public static void HypotPullback(double x, double y, double resultAdj, ref double xGrad, ref double yGrad)
                    {
                        double r = Hypot(x, y);
                        xGrad += resultAdj * x / r;
                        yGrad += resultAdj * y / r;
                    }
                }
                """,
                "BP0002");
        }

        [Fact]
        public void NoDiagnostic_ForAnOverloadNamedAsTheGeneratedMembers_OrAConstantCheckedExpression()
        {
            const string source = """
                using System;
                using Backprop;

                public static partial class M
                {
                    [Differentiable]
                    public static double F(double x)
                    {
                        const int big = checked(2 + 3);
                        return x * x * big;
                    }

                    // Other parameters than the generated FGradient and FPullback: overloads, not clashes (by value
                    // where the generated one takes ref, or generic).
                    public static string FPullback(string s) => s;

                    public static string FGradient(string s) => s;

                    public static double FGradient(double x, double xGrad) => xGrad;

                    public static double FGradient<T>(double x, ref double xGrad) => xGrad;

                    [Differentiable]
                    public static double G(double x) => checked(x * 2.0);
                }
                """;
            AnalyzerHarness.Result result = AnalyzerHarness.Run(("M.cs", source));
            Assert.Empty(result.Backprop);
            Assert.Empty(result.Compiler.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        }

        [Fact]
        public void NoDiagnostic_ForAPrivateMemberOfABaseType_WhichIsNotInherited()
        {
            const string source = """
                using Backprop;

                public class Base
                {
                    private static double FGradient(double x, ref double xGrad) => xGrad;
                }

                public partial class M : Base
                {
                    [Differentiable]
                    public static double F(double x) => x * x;
                }
                """;
            AnalyzerHarness.Result result = AnalyzerHarness.Run(("M.cs", source));
            Assert.Empty(result.Backprop);
            Assert.Empty(result.Compiler.Where(d => d.Severity >= DiagnosticSeverity.Warning));
            Assert.NotEmpty(result.GeneratedSources);
        }

        [Fact]
        public void BP0002_ClashUpToTupleNamesAndDynamic_AtTheName()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double [|F|](double x, (int A, int B) p, object o) => x * x;

                    public static double FGradient(double x, (int, int) p, dynamic o, ref double g) => g;
                }
                """,
                "BP0002");
        }

        [Fact]
        public void BP0002_TwoDifferentiableOverloadsWithTheSamePullback_AtBothNames()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double [|F|](double[] x) => x[0] * x[1];

                    [Differentiable]
                    public static void [|F|](double[] x, [NoDerivative] double s) { x[0] = x[0] * s; }
                }
                """,
                "BP0002",
                "BP0002");
        }

        [Fact]
        public void BP0002_BaseTypeDeclaresTheGeneratedGradient_AtTheName()
        {
            AssertDiagnostics(
                """
                public class Base
                {
                    public static double FGradient(double x, ref double xGrad) => xGrad;
                }

                public partial class M : Base
                {
                    [Differentiable]
                    public static double [|F|](double x) => x * x;
                }
                """,
                "BP0002");
        }

        [Fact]
        public void BP0002_ExplicitInterfaceImplementation_AtTheName()
        {
            AssertDiagnostics(
                """
                public interface IModel
                {
                    double F(double x);
                }

                public partial class M : IModel
                {
                    [Differentiable]
                    double IModel.[|F|](double x) => x * x;
                }
                """,
                "BP0002");
        }

        [Fact]
        public void BP0002_TypeDeclaresAFieldNamedAsTheGeneratedGradient_AtTheName()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double [|F|](double x) => x * x;

                    public static readonly double FGradient = 1.0;
                }
                """,
                "BP0002");
        }

        [Fact]
        public void BP0005_CheckedExpression_AtTheExpression()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double F(double[] w, int a)
                    {
                        int k = [|checked(a * a)|];
                        return w[k % 2 + 1] * w[0];
                    }
                }
                """,
                "BP0005");
        }

        [Fact]
        public void BP0004_CheckedBlock_AtTheBlock()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double F(double[] w, int a)
                    {
                        double total = 0;
                        [|checked
                        {
                            int k = a * a;
                            total = w[k % 2 + 1] * w[0];
                        }|]
                        return total;
                    }
                }
                """,
                "BP0004");
        }

        [Fact]
        public void BP0002_LocalFunction_AtItsName()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    public static double Outer(double x)
                    {
                        return Square(x);

                        [Differentiable]
                        static double [|Square|](double v) => v * v;
                    }
                }
                """,
                "BP0002");
        }

        [Fact]
        public void BP0003_UnsupportedParameterType_AtTheParameter()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double F(double x, decimal [|scale|]) => x;
                }
                """,
                "BP0003");
        }

        [Fact]
        public void BP0003_RefParameter_AtTheParameter()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double F(ref double [|x|]) => x * x;
                }
                """,
                "BP0003");
        }

        [Fact]
        public void BP0004_TryCatch_AtTheStatement()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double F(double x)
                    {
                        double y = x;
                        [|try { y = x * x; } catch (Exception) { y = 0; }|]
                        return y;
                    }
                }
                """,
                "BP0004");
        }

        [Fact]
        public void BP0004_Goto_AtTheStatementAndTheLabel()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double F(double x)
                    {
                        [|goto done;|]
                        [|done: return x;|]
                    }
                }
                """,
                "BP0004",
                "BP0004");
        }

        [Fact]
        public void BP0005_Lambda_AtTheLambda()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double F(double x)
                    {
                        Func<double, double> square = [|v => v * v|];
                        return x;
                    }
                }
                """,
                "BP0005");
        }

        [Fact]
        public void BP0005_Linq_AtTheCall()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double F(double[] x) => [|x.Sum()|];
                }
                """,
                "BP0005");
        }

        [Fact]
        public void BP0005_QueryExpression_AtTheLinqCall()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double F(double[] x) => [|(from v in x select v * v).Sum()|];
                }
                """,
                "BP0005");
        }

        [Fact]
        public void BP0003_Pointer_AtTheParameter()
        {
            AssertDiagnostics(
                """
                public static unsafe partial class M
                {
                    [Differentiable]
                    public static double F(double* [|x|]) => *x;
                }
                """,
                "BP0003");
        }

        [Fact]
        public void BP0005_ExpressionTooDeep_AtTheExpression()
        {
            string sum = string.Join(" + ", Enumerable.Repeat("x", 1500));
            AssertDiagnostics(
                "public static partial class M\n{\n    [Differentiable]\n    public static double F(double x) => [|" + sum + "|];\n}\n",
                "BP0005");
        }

        [Fact]
        public void BP0004_StatementsNestedTooDeep_AtTheOutermostStatement()
        {
            // Thousands of nested blocks overflowed the stack inside Roslyn's operation factory and killed the compiler.
            string body = "s = s * x + 1;";
            for (int k = 0; k < 2000; k++)
            {
                body = $"if (x > {k}) {{ {body} }}";
            }

            AssertDiagnostics(
                "public static partial class M\n{\n    [Differentiable]\n    public static double F(double x)\n    {\n        double s = 0;\n        [|" + body + "|]\n        return s;\n    }\n}\n",
                "BP0004");
        }

        [Fact]
        public void BP0006_CallWithoutDerivative_AtTheCall()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double F(double x) => 2 * [|Math.IEEERemainder(x, 2.0)|];
                }
                """,
                "BP0006");
        }

        [Fact]
        public void BP0007_FieldWrite_AtTheField()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    private static double s_last;

                    [Differentiable]
                    public static double F(double x)
                    {
                        [|s_last|] = x;
                        return x * x;
                    }
                }
                """,
                "BP0007");
        }

        [Fact]
        public void BP0007_PropertyWrite_AtTheProperty()
        {
            AssertDiagnostics(
                """
                public static class Log
                {
                    public static double Last { get; set; }
                }

                public static partial class M
                {
                    [Differentiable]
                    public static double F(double x)
                    {
                        [|Log.Last|] = x;
                        return x * x;
                    }
                }
                """,
                "BP0007");
        }

        [Fact]
        public void BP0007_ElementOfAStaticArray_AtTheElement()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    private static readonly double[] s_history = new double[8];

                    [Differentiable]
                    public static double F(double x)
                    {
                        [|s_history[0]|] = x;
                        return x * x;
                    }
                }
                """,
                "BP0007");
        }

        [Fact]
        public void BP0008_UnsupportedLoop_AtTheHeader()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double F(double[] x)
                    {
                        double s = 0;
                        [|for (int i = 0; i < x.Length; i += 2)|]
                        {
                            s += x[i];
                        }

                        return s;
                    }
                }
                """,
                "BP0008");
        }

        [Fact]
        public void BP0008_LoopEndThatMayReturnAnotherValue_AtTheHeader()
        {
            // The reverse sweep evaluates the end again: Count() would give it another number of iterations (and pop
            // values the forward sweep never saved). A [Pure] method's end is fine.
            AssertDiagnostics(
                """
                public static partial class M
                {
                    private static int s_count;

                    public static int Count() => ++s_count;

                    [System.Diagnostics.Contracts.Pure]
                    public static int Half(int n) => n / 2;

                    [Differentiable]
                    public static double F(double[] x)
                    {
                        double s = 1;
                        [|for (int i = 0; i < Count() % 3; i++)|]
                        {
                            s = s * x[i];
                        }

                        for (int i = 0; i < Half(x.Length); i++)
                        {
                            s = s * x[i];
                        }

                        return s;
                    }
                }
                """,
                "BP0008");
        }

        [Fact]
        public void BP0015_CalleeThatDrawsAndIsNotInlined_AtTheCall()
        {
            // Noisy has a local array and Other.Scaled another type, so neither is inlined: their pullbacks would run
            // them again and draw again. Quiet is inlined, so its draw is named in the caller like the caller's own;
            // Logged's call is made for its effect and it reads no field; Fixed's helper is [Pure].
            AssertDiagnostics(
                """
                public static partial class M
                {
                    private static int s_count;

                    public static double Next() => ++s_count;

                    public static void Log() { }

                    [System.Diagnostics.Contracts.Pure]
                    public static double Scale(int n) => 0.5 * n;

                    [Differentiable]
                    public static double Noisy(double[] x)
                    {
                        double[] t = new double[1];
                        t[0] = x[0] * Next();
                        return t[0] * x[0];
                    }

                    [Differentiable]
                    public static double Logged(double[] x)
                    {
                        double[] t = new double[1];
                        Log();
                        t[0] = x[0] * x[0];
                        return t[0];
                    }

                    [Differentiable]
                    public static double Fixed(double[] x)
                    {
                        double[] t = new double[1];
                        t[0] = x[0] * Scale(3);
                        return t[0];
                    }

                    [Differentiable]
                    public static double Quiet(double u) => u * Next();

                    [Differentiable]
                    public static double Loss(double[] x) => 2 * [|Noisy(x)|] + [|Other.Scaled(x[0])|] + Logged(x) + Fixed(x) + Quiet(x[0]);
                }

                public static partial class Other
                {
                    [Differentiable]
                    public static double Scaled(double u) => u * M.Next();
                }
                """,
                expectGenerated: true,
                "BP0015",
                "BP0015");
        }

        [Fact]
        public void BP0015_CalleeThatReadsAFieldTheCallerMayChange_AtTheCall()
        {
            // Leveled reads s_level, and Ticking calls Tick, which may change it before Leveled's pullback reads it
            // again. Steady makes no call that could, nor Logging (writing to the console changes no field), and Level's
            // reader is inlined (its read is named).
            const string source = """
                public static partial class M
                {
                    private static double s_level = 1;

                    public static void Tick() => s_level += 1;

                    [Differentiable]
                    public static double Leveled(double[] x)
                    {
                        double[] t = new double[1];
                        t[0] = x[0] * s_level;
                        return t[0];
                    }

                    [Differentiable]
                    public static double Level(double u) => u * s_level;

                    [Differentiable]
                    public static double Ticking(double[] x)
                    {
                        double y = [|Leveled(x)|] + Level(x[0]);
                        Tick();
                        return y * Level(x[0]);
                    }

                    [Differentiable]
                    public static double Steady(double[] x) => Leveled(x) * 2;

                    [Differentiable]
                    public static double Logging(double[] x)
                    {
                        Console.WriteLine();
                        return Leveled(x) * 2;
                    }
                }
                """;
            AssertDiagnostics(source, expectGenerated: true, "BP0015");
            string message = AnalyzerHarness.Run(("Test.cs", Usings + Markup.Parse(source).Source)).Backprop.Single().GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal("Calling 'Leveled' here would give a wrong gradient: its pullback, which the reverse sweep calls, runs 'Leveled' again, and 'Leveled' reads 'M.s_level', which the call to 'M.Tick' here may change before then, so the gradient could belong to another value than the result; read 'M.s_level' in this method and pass its value to 'Leveled'", message);
        }

        [Fact]
        public void BP0015_RecursiveInstanceAndNestedCallees_AtTheCall()
        {
            // Rec and the pair A, B are recursive: the calls made while their callee was still being parsed learn
            // that it draws from the method itself or another call of it. Small is an instance method, never inlined.
            // Outer calls Tick, which may change the field its inlined Inner reads.
            AssertDiagnostics(
                """
                public static partial class M
                {
                    private static int s_count;
                    private static double s_level = 1;

                    public static double Next() => ++s_count;

                    public static void Tick() => s_level += 1;

                    [Differentiable]
                    public static double Rec(double x, int n) => n <= 0 ? x : [|Rec(x * Next(), n - 1)|];

                    [Differentiable]
                    public static double A(double x, int n) => n <= 0 ? x * Next() : [|B(x, n - 1)|] * x;

                    [Differentiable]
                    public static double B(double x, int n) => [|A(x, n)|] + x;

                    [Differentiable]
                    public static double Inner(double x) => x * x * s_level;

                    [Differentiable]
                    public static double Outer(double x)
                    {
                        double[] a = new double[1];
                        Tick();
                        a[0] = Inner(x);
                        return a[0];
                    }

                    [Differentiable]
                    public static double Top(double x) => [|Outer(x)|] * 2;
                }

                public partial class Instance
                {
                    [Differentiable]
                    public double Small(double x) => x * x * M.Next();

                    [Differentiable]
                    public double Caller(double x) => [|Small(x)|] * x;
                }
                """,
                expectGenerated: true,
                "BP0015",
                "BP0015",
                "BP0015",
                "BP0015",
                "BP0015");
        }

        [Fact]
        public void BP0008_LoopEndReadingAFieldTheMethodMayChange_AtTheHeader()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    public static int Level { get; private set; } = 2;

                    public static void Tick() => Level++;

                    [Differentiable]
                    public static double F(double x)
                    {
                        double s = 0;
                        [|for (int i = 0; i < Level; i++)|]
                        {
                            s += x * x;
                        }

                        Tick();
                        return s;
                    }

                    [Differentiable]
                    public static double Steady(double x)
                    {
                        double s = 0;
                        for (int i = 0; i < Level; i++)
                        {
                            s += x * x;
                        }

                        return s;
                    }
                }
                """,
                expectGenerated: true,
                "BP0008");
        }

        [Fact]
        public void BP0008AndBP0015_ChangesMadeByCalleesAndReadsOfComputedPropertiesAndSharedArrays()
        {
            // TickerInl is inlined, Ticks is an instance callee: both change the level, so the loop end that reads it
            // and Lev's pullback (which reads it again) are refused. A property that draws is a call in a loop end.
            // Lev2 is given k, which Mutate is also given and may write.
            AssertDiagnostics(
                """
                public static partial class M
                {
                    private static int s_level;
                    private static int s_draws;

                    public static double Drawn => ++s_draws;

                    public static void Tick() => s_level += 10;

                    public static double Mutate(int[] k)
                    {
                        k[0] += 100;
                        return 1;
                    }

                    [Differentiable]
                    public static double TickerInl(double x)
                    {
                        Tick();
                        return x * x;
                    }

                    [Differentiable]
                    public static double LoopThenTick(double x)
                    {
                        double s = 1;
                        [|for (int i = 0; i < (s_level / 10) + 1; i++)|]
                        {
                            s = s * x;
                        }

                        return s * TickerInl(x);
                    }

                    [Differentiable]
                    public static double DrawnBound(double x)
                    {
                        double s = 1;
                        [|for (int i = 0; i < (int)Drawn % 3; i++)|]
                        {
                            s = s * x;
                        }

                        return s;
                    }

                    [Differentiable]
                    public static double Lev(double[] x)
                    {
                        double[] t = new double[1];
                        t[0] = x[0] * s_level;
                        return t[0];
                    }

                    [Differentiable]
                    public static double Lev2(double[] x, int[] k)
                    {
                        double[] t = new double[1];
                        t[0] = x[0] * k[0];
                        return t[0];
                    }

                    [Differentiable]
                    public static double Shared(double[] x, int[] k)
                    {
                        double a = [|Lev2(x, k)|];
                        double m = Mutate(k);
                        return a * m;
                    }
                }

                public partial class Instance
                {
                    [Differentiable]
                    public double Ticks(double x)
                    {
                        M.Tick();
                        return x * x;
                    }

                    [Differentiable]
                    public double F(double[] x)
                    {
                        double a = [|M.Lev(x)|];
                        double b = Ticks(x[0]);
                        return a * b;
                    }
                }
                """,
                expectGenerated: true,
                "BP0008",
                "BP0008",
                "BP0015",
                "BP0015");
        }

        [Fact]
        public void NoDiagnostic_ForReadOnlyStateConstantArgumentsAndConsoleOutput()
        {
            // Readonly fields and get-only or init-only auto-properties cannot change after construction; a callee
            // given only constants never has its pullback called; a callee writing to the console changes no field.
            AssertDiagnostics(
                """
                public static partial class M
                {
                    private static readonly int N = 3;
                    private static readonly double Gain = 2;
                    private static int s_draws;
                    private static double s_level = 1;

                    public static double Noise() => ++s_draws;

                    [Differentiable]
                    public static double Bounded(double x)
                    {
                        double s = 0;
                        for (int i = 0; i < N; i++)
                        {
                            s += x * Noise();
                        }

                        return s;
                    }

                    [Differentiable]
                    public static double Scaled(double[] x)
                    {
                        double[] t = new double[1];
                        t[0] = x[0] * Gain;
                        return t[0];
                    }

                    [Differentiable]
                    public static double UsesScaled(double[] x) => Scaled(x) * Noise();

                    [Differentiable]
                    public static double Noisy([NoDerivative] double[] c)
                    {
                        double[] t = new double[1];
                        t[0] = c[0] * Noise();
                        return t[0];
                    }

                    [Differentiable]
                    public static double UsesNoisy(double x, [NoDerivative] double[] c) => x * Noisy(c);

                    [Differentiable]
                    public static double Logged(double[] x)
                    {
                        double[] t = new double[1];
                        Console.WriteLine();
                        t[0] = x[0] * s_level;
                        return t[0];
                    }

                    [Differentiable]
                    public static double UsesLogged(double[] x) => Logged(x) * 2;
                }

                public partial class Layer
                {
                    public Layer(double scale) => Scale = scale;

                    public double Scale { get; }

                    public double Offset { get; init; }

                    [Differentiable]
                    public double Act(double x) => Scale * x * x + Offset;

                    [Differentiable]
                    public double Forward(double x)
                    {
                        double eps = 0.1 * M.Noise();
                        return Act(x + eps);
                    }
                }
                """,
                expectGenerated: true);
        }

        [Fact]
        public void BP0015_InlinedCalleeWhoseLoopEndReadsStateTheCallerChanges_AtTheCall()
        {
            // PowLevel is inlined, and its loop's end is evaluated again in the reverse sweep, after Tick.
            AssertDiagnostics(
                """
                public static partial class M
                {
                    private static int s_level;

                    public static void Tick() => s_level += 10;

                    [Differentiable]
                    public static double PowLevel(double x)
                    {
                        double s = 1;
                        for (int i = 0; i < (s_level / 10) + 2; i++)
                        {
                            s = s * x;
                        }

                        return s;
                    }

                    [Differentiable]
                    public static double PowThenTick(double x)
                    {
                        double a = [|PowLevel(x)|];
                        Tick();
                        return a;
                    }
                }
                """,
                expectGenerated: true,
                "BP0015");
        }

        [Fact]
        public void NoDiagnostic_ForAModelWithPropertiesAndAReadOnlyHelperOfAnArray()
        {
            // Reading W (a getter returning a field) or Half (a constant) changes nothing; Count only reads k.
            AssertDiagnostics(
                """
                public partial class Net
                {
                    private double _w = 2;

                    public static double Half => 0.5;

                    public int Layers { get; set; } = 3;

                    public double Bias { get; set; }

                    public double W => _w;

                    public double Explicit
                    {
                        get { return _w; }
                        set { _w = value; }
                    }

                    [Differentiable]
                    public double Act(double x) => W * x * Half + Explicit;

                    [Differentiable]
                    public double Forward(double x)
                    {
                        double s = x;
                        for (int i = 0; i < Layers; i++)
                        {
                            s = Act(s) + Bias * W;
                        }

                        return s;
                    }
                }

                public static partial class M
                {
                    public static int Count(int[] k) => k[0];

                    [Differentiable]
                    public static double Lev2(double[] x, int[] k)
                    {
                        double[] t = new double[1];
                        t[0] = x[0] * k[0];
                        return t[0];
                    }

                    [Differentiable]
                    public static double F(double[] x, int[] k)
                    {
                        double a = Lev2(x, k);
                        int n = Count(k);
                        return a * n;
                    }
                }
                """,
                expectGenerated: true);
        }

        [Fact]
        public void BP0008_LoopEndsThatACalleeOrAGetterMayChange_AtTheHeader()
        {
            // H draws, so a loop end calling it would be evaluated again to another value; Sample's getter counts,
            // so it changes what the other loop's end reads.
            AssertDiagnostics(
                """
                public static partial class M
                {
                    private static int s_draws;
                    private static int s_count = 1;

                    public static double Noise() => ++s_draws;

                    private static double Sample
                    {
                        get
                        {
                            s_count++;
                            return 1.0;
                        }
                    }

                    [Differentiable]
                    public static double H(double c) => c * Noise();

                    [Differentiable]
                    public static double F(double[] x)
                    {
                        double s = 1;
                        [|for (int i = 0; i < (int)H(1.0); i++)|]
                        {
                            s = s * x[i];
                        }

                        return s;
                    }

                    [Differentiable]
                    public static double G(double[] x)
                    {
                        double s = 1;
                        [|for (int i = 0; i < s_count; i++)|]
                        {
                            s = s * x[i];
                        }

                        double z = Sample;
                        return s + z;
                    }
                }
                """,
                expectGenerated: true,
                "BP0008",
                "BP0008");
        }

        [Fact]
        public void NoDiagnostic_ForHelpersWhoseBodiesShowThemPure()
        {
            // Rate computes from its argument and Count from a readonly field: neither can change _hidden, Size or
            // Scale's field, so the loop ends and the inlined Sum need no refusal.
            AssertDiagnostics(
                """
                public partial class Model
                {
                    private readonly int _n = 2;
                    private int _hidden = 3;
                    private double _scale = 2;

                    public static int Size = 3;

                    public int Count => _n * 2;

                    public double Scale => 2 * _scale;

                    public static double Rate(int k) => 0.5 * k;

                    public static int Rows(int[,] t) => t.GetLength(0);

                    public static int Pick(int i, int n) => i.CompareTo(n) < 0 ? i : n - 1;

                    public static int Half(int n)
                    {
                        System.Diagnostics.Debug.Assert(n >= 0);
                        return n / 2;
                    }

                    [Differentiable]
                    public static double Sum(double[] x)
                    {
                        double s = 0;
                        for (int i = 0; i < Size; i++)
                        {
                            s += x[i];
                        }

                        return s;
                    }

                    [Differentiable]
                    public double F(double[] w)
                    {
                        double lr = Rate(2);
                        double s = 0;
                        for (int i = 0; i < _hidden; i++)
                        {
                            s += w[i] * w[i] * lr;
                        }

                        for (int i = 0; i < Count; i++)
                        {
                            s = s * Scale + w[i] * s;
                        }

                        for (int i = 0; i < Half(Pick(2, w.Length)); i++)
                        {
                            s = s * w[i];
                        }

                        return s + Sum(w) * Rate(1);
                    }
                }
                """,
                expectGenerated: true);
        }

        [Fact(Timeout = 120_000)]
        public async System.Threading.Tasks.Task HelpersCallingEachOtherAreReadOnceEach()
        {
            // Eight helpers that all call each other, and a chain of twenty that each call themselves and the next:
            // reading what they do took minutes when cycles were worked out by repeating them.
            var source = new StringBuilder("public static partial class M\n{\n    private static int s_x;\n");
            for (int i = 0; i < 8; i++)
            {
                string calls = string.Join(" + ", Enumerable.Range(0, 8).Select(j => $"H{j}(k - 1)"));
                source.Append($"    public static int H{i}(int k) => k <= 0 ? {(i == 3 ? "++s_x" : "0")} : {calls};\n");
            }

            for (int i = 0; i < 20; i++)
            {
                source.Append($"    public static int C{i}(int k) => k <= 0 ? 0 : C{i}(k - 1) + {(i < 19 ? $"C{i + 1}(k - 1)" : "1")};\n");
            }

            source.Append("    [Differentiable] public static double F(double[] x) { double s = 1; for (int i = 0; i < C0(2) + H0(2); i++) { s = s * x[i]; } return s; }\n}\n");
            await System.Threading.Tasks.Task.Run(() =>
            {
                AnalyzerHarness.Result result = AnalyzerHarness.Run(("M.cs", Usings + source));

                // H0 reaches H3, which counts: the loop end would be evaluated again to another value.
                Assert.Equal(new[] { "BP0008" }, result.Backprop.Select(d => d.Id).ToArray());
            });
        }

        [Fact]
        public void UnsupportedValuesSayWhatIsWrongWithThem()
        {
            // Each message names the actual reason: before, every static field was 'an array held in a static field',
            // and a switch on a long was refused as if a long were not a number.
            const string source = """
                using System;
                using Backprop;

                public enum Mode { A, B }

                public static partial class M
                {
                    public static readonly long Big = 3;

                    [Differentiable]
                    public static double OnLong(double x, long k)
                    {
                        double r = x;
                        switch (k)
                        {
                            case 1: r = x * x; break;
                            default: break;
                        }

                        return r;
                    }

                    [Differentiable]
                    public static double OnNaN(double x, double c)
                    {
                        double r = x;
                        switch (c)
                        {
                            case double.NaN: r = x * x; break;
                            default: break;
                        }

                        return r;
                    }

                    [Differentiable]
                    public static double EnumValue(double x) => Math.Round(x, MidpointRounding.AwayFromZero);

                    [Differentiable]
                    public static double LongField(double x) => x * Big;
                }
                """;
            string[] messages = AnalyzerHarness.Run(("M.cs", source)).Backprop
                .Select(d => d.Id + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
                .ToArray();
            Assert.Contains(messages, m => m.StartsWith("BP0005", StringComparison.Ordinal) && m.EndsWith("switch on an int, double, float or bool, not a 'long'", StringComparison.Ordinal));
            Assert.Contains(messages, m => m.StartsWith("BP0004: A NaN case label", StringComparison.Ordinal));
            Assert.Contains(messages, m => m.StartsWith("BP0005", StringComparison.Ordinal) && m.Contains("enum values ('MidpointRounding') are not supported", StringComparison.Ordinal));
            Assert.Contains(messages, m => m.StartsWith("BP0005", StringComparison.Ordinal) && m.Contains("a static field of type 'long' cannot be read", StringComparison.Ordinal));
            Assert.Equal(4, messages.Length);
        }

        [Fact]
        public void BP0008_LoopBoundThatIsNotAnInt_AtTheHeader()
        {
            // The comparison converts the counter (to double, to long): the reverse loop's first value would not be
            // bound - 1, and its int counter could not hold the bound (CS0266 in the generated code, before).
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double F(double[] x, int n, long m)
                    {
                        double s = 0;
                        [|for (int i = 0; i < n / 2.0; i++)|]
                        {
                            s += x[i] * x[i];
                        }

                        [|for (int i = 0; i < m; i++)|]
                        {
                            s = s * x[i];
                        }

                        return s;
                    }
                }
                """,
                "BP0008",
                "BP0008");
        }

        [Fact]
        public void BP0005_NamedArgumentsOutOfOrderThatCallMethods_AtTheCall()
        {
            // C# runs b's Next() before a's; the generated call would pass (and run) them in the parameters' order.
            AssertDiagnostics(
                """
                public static partial class M
                {
                    private static int s_count;

                    public static double Next() => ++s_count;

                    public static double Two(double a, double b) => (10 * a) + b;

                    [Differentiable]
                    public static double F(double x) => x * [|Two(b: Next(), a: Next())|] + x * Two(b: x, a: 2.0) + x * Two(a: Next(), b: Next());
                }
                """,
                "BP0005");
        }

        [Fact]
        public void BP0009_ParameterDoesNotAffectResult_AtTheParameter()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double F(double x, double [|unused|]) => x * x;
                }
                """,
                expectGenerated: true,
                "BP0009");
        }

        [Fact]
        public void BP0010_WritesParameterArray_AtTheStatement()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double F(double[] x)
                    {
                        [|x[0] = x[0] * 2;|]
                        return x[0];
                    }
                }
                """,
                "BP0010");
        }

        [Fact]
        public void BP0011_CallOfAMethodWithErrors_AtTheCall()
        {
            // BP0004 on the callee itself; BP0011 where the caller calls it.
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double Halve(double x)
                    {
                        [|try { x = x / 2; } finally { }|]
                        return x;
                    }

                    [Differentiable]
                    public static double F(double x) => [|Halve(x)|] * x;
                }
                """,
                "BP0004",
                "BP0011");
        }

        [Fact]
        public void BP0012_CustomDerivativeWithTheWrongSignature_AtItsName()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    public static double G(double x, double y) => x * y;

                    [DerivativeOf(nameof(G))]
                    public static double [|GDerivative|](double x, double y) => y;

                    [DerivativeOf("Missing")]
                    public static double [|MissingDerivative|](double x) => 1;

                    [DerivativeOf(typeof(Math), nameof(Math.IEEERemainder))]
                    public static void [|RemainderPullback|](double x, double y, double resultAdj, ref double xGrad) => xGrad += resultAdj;
                }
                """,
                "BP0012",
                "BP0012",
                "BP0012");
        }

        [Fact]
        public void BP0012_MessageWritesOutTheExpectedSignatures()
        {
            const string source = """
                using System;
                using Backprop;

                public static partial class M
                {
                    public static double G(double[] x, [NoDerivative] double s, double y) => x[0] * y * s;

                    [DerivativeOf(nameof(G))]
                    public static void GPullback(double[] x, double s, double y, double resultAdj, Span<double> xGrad) { }
                }
                """;
            AnalyzerHarness.Result result = AnalyzerHarness.Run(("M.cs", source));
            Diagnostic diagnostic = Assert.Single(result.Analyzer, d => d.Id == "BP0012");
            string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains("'static void GPullback(double[] x, double s, double y, double resultAdj, Span<double> xGrad, ref double yGrad)'", message, StringComparison.Ordinal);
        }

        [Fact]
        public void BP0012_DerivativeFromResultOfAFunctionOfSeveralArguments_OrOfTheWrongType()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    public static double G(double x, double y) => x * y;

                    [DerivativeOf(nameof(G), FromResult = true)]
                    public static double [|GDerivative|](double g) => g;

                    public static double H(double x) => x * x * x;

                    [DerivativeOf(nameof(H), FromResult = true)]
                    public static float [|HDerivative|](float h) => 3 * MathF.Cbrt(h * h);

                    [Differentiable]
                    public static double Uses(double x) => [|G(x, x)|] + [|H(x)|];
                }
                """,
                "BP0012",
                "BP0012",
                "BP0006",
                "BP0006");
        }

        [Fact]
        public void BP0012_FromResultMessageSaysWhatTheParameterReceives()
        {
            const string source = """
                using System;
                using Backprop;

                public static partial class M
                {
                    public static double G(double x, double y) => x * y;

                    [DerivativeOf(nameof(G), FromResult = true)]
                    public static double GDerivative(double g) => g;

                    public static double H(double x) => x * x * x;

                    [DerivativeOf(nameof(H), FromResult = true)]
                    public static double HDerivative(double x, double h) => 3 * x * x;
                }
                """;
            AnalyzerHarness.Result result = AnalyzerHarness.Run(("M.cs", source));
            string[] messages = result.Analyzer.Where(d => d.Id == "BP0012").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(m => m, StringComparer.Ordinal).ToArray();
            Assert.Equal(2, messages.Length);
            Assert.Contains("a derivative with FromResult = true only for a function of one scalar passed by value", messages[0], StringComparison.Ordinal);
            Assert.Contains("'static void GDerivative(double x, double y, double resultAdj, ref double xGrad, ref double yGrad)'", messages[0], StringComparison.Ordinal);
            Assert.Contains("'static double HDerivative(double result)', which receives the value of 'H'", messages[1], StringComparison.Ordinal);
        }

        [Fact]
        public void BP0012_DerivativeTheGradientCannotCall_AtTheCall()
        {
            // Private to another type, or an instance method of a type 'this' is not: the generated code could not
            // call it, and falling back to another rule would ignore it without a word.
            AssertDiagnostics(
                """
                public static class Lib
                {
                    public static double F(double x) => x * x;

                    [DerivativeOf(nameof(F))]
                    private static double FDerivative(double x) => 2 * x;
                }

                public partial class Outer
                {
                    [DerivativeOf(typeof(Inner), nameof(Inner.F))]
                    public double FDerivative(double x) => 2 * x;

                    public partial class Inner
                    {
                        public double F(double x) => x * x;

                        [Differentiable]
                        public double G(double x) => [|F(x)|] + [|Lib.F(x)|];
                    }
                }
                """,
                "BP0012",
                "BP0012");
        }

        [Fact]
        public void BP0012_DerivativeOfAValueReturningMethodThatWritesItsArray_AtTheCall()
        {
            // The gradient takes the call for a pure function of its arguments: it would neither save what F
            // overwrote nor carry an adjoint back through the write. Each F writes its array or span in another way.
            AssertDiagnostics(
                """
                public static partial class M
                {
                    public static double Store(double[] x, double y) { x[0] = y; return y; }

                    [DerivativeOf(nameof(Store))]
                    public static void StorePullback(double[] x, double y, double resultAdj, Span<double> xGrad, ref double yGrad) => yGrad += resultAdj;

                    public static double Bump(Span<double> x) => x[0]++;

                    [DerivativeOf(nameof(Bump))]
                    public static void BumpPullback(Span<double> x, double resultAdj, Span<double> xGrad) => xGrad[0] += resultAdj;

                    public static double Fill(double[] x) { Array.Fill(x, 1.0); return x[0]; }

                    [DerivativeOf(nameof(Fill))]
                    public static void FillPullback(double[] x, double resultAdj, Span<double> xGrad) { }

                    public static double Swap(double[] x) { Exchange(ref x[0], ref x[1]); return x[0]; }

                    private static void Exchange(ref double a, ref double b) => (a, b) = (b, a);

                    [DerivativeOf(nameof(Swap))]
                    public static void SwapPullback(double[] x, double resultAdj, Span<double> xGrad) => xGrad[1] += resultAdj;

                    public static double Turn(double[] x) { (x[0], x[1]) = (x[1], x[0]); return x[0]; }

                    [DerivativeOf(nameof(Turn))]
                    public static void TurnPullback(double[] x, double resultAdj, Span<double> xGrad) => xGrad[1] += resultAdj;

                    public static partial double Halves(double[] x);

                    public static partial double Halves(double[] x) { x[0] = 3 * x[1]; return x[1]; }

                    [DerivativeOf(nameof(Halves))]
                    public static void HalvesPullback(double[] x, double resultAdj, Span<double> xGrad) => xGrad[1] += resultAdj;

                    public static double SliceWrite(Span<double> x) { Span<double> tail = x[1..]; tail[0] = 2; return x[0]; }

                    [DerivativeOf(nameof(SliceWrite))]
                    public static void SliceWritePullback(Span<double> x, double resultAdj, Span<double> xGrad) => xGrad[0] += resultAdj;

                    public static double Alias(double[] x) { if (x is double[] y) { y[0] = 5; } if (x is [_, ..] z) { z[1] = 2; } return x[0]; }

                    public static Filler s_filler = new Filler();

                    public static double Virtual(double[] x) { s_filler.Fill(x); return x[0]; }

                    public static double ThroughT(double[] x) { Generic(x); return x[0]; }

                    [DerivativeOf(nameof(ThroughT))]
                    public static void ThroughTPullback(double[] x, double resultAdj, Span<double> xGrad) => xGrad[0] += resultAdj;

                    private static void Generic<T>(T a) where T : System.Collections.Generic.IList<double> => a[0] = 5;

                    [DerivativeOf(nameof(Virtual))]
                    public static void VirtualPullback(double[] x, double resultAdj, Span<double> xGrad) => xGrad[0] += resultAdj;

                    [DerivativeOf(nameof(Alias))]
                    public static void AliasPullback(double[] x, double resultAdj, Span<double> xGrad) => xGrad[0] += resultAdj;

                    [Differentiable]
                    public static double G(double x)
                    {
                        double[] a = new double[2];
                        a[0] = x;
                        a[1] = 2 * x;
                        return [|Store(a, x)|] + [|Bump(a)|] + [|Fill(a)|] + [|Swap(a)|] + [|Turn(a)|] + [|Halves(a)|] + [|SliceWrite(a)|] + [|Alias(a)|] + [|Virtual(a)|] + [|ThroughT(a)|] + a[0];
                    }
                }

                public class Filler
                {
                    public virtual void Fill(double[] a) { }
                }
                """,
                "BP0012",
                "BP0012",
                "BP0012",
                "BP0012",
                "BP0012",
                "BP0012",
                "BP0012",
                "BP0012",
                "BP0012",
                "BP0012");
        }

        [Fact]
        public void NoDiagnostic_ForADerivativeOfAValueReturningMethodThatOnlyReadsItsArrays()
        {
            const string source = """
                using System;
                using System.Linq;
                using Backprop;

                public static partial class M
                {
                    public static double Sum(double[] x, Span<double> s)
                    {
                        ArgumentNullException.ThrowIfNull(x);
                        if (x is null || x == null)
                        {
                            return 0;
                        }

                        double total = x.Length + s.Length + x.Sum() + Dot(x, s);
                        foreach (double v in x)
                        {
                            total += v;
                        }

                        foreach (double v in s)
                        {
                            total += v;
                        }

                        foreach (ref readonly double v in s)
                        {
                            total += v;
                        }

                        double[] copy = x.ToArray();
                        s.CopyTo(copy);
                        ReadOnlySpan<double> tail = s[1..];
                        ReadOnlySpan<double> rest = x.AsSpan(1);
                        ReadOnlySpan<double> either = total > 0 ? x : s;
                        double[] clone = (double[])x.Clone();
                        if (x is [var first, ..])
                        {
                            total += first;
                        }

                        return total + x[0] * s[0] + copy[0] + s[^1] + tail[0] + rest[0] + either[0] + clone[0] + Array.IndexOf(x, 1.0) + Total(x) + Total(s);
                    }

                    private static double Total(double[] v) => v[0] + Inner(v) + SumFrom(v, 0) + Count(v, i => i.Length);

                    private static double SumFrom(double[] v, int i) => i >= v.Length ? 0 : v[i] + SumFrom(v, i + 1);

                    private static double Count(double[] v, Func<double[], int> size)
                    {
                        ArgumentNullException.ThrowIfNull(v, nameof(v));
                        return size(new double[1]);
                    }

                    private static double Total(Span<double> v) => v[0];

                    private static double Inner(double[] v) => v.Length;

                    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => a[0] * b[0];

                    [DerivativeOf(nameof(Sum))]
                    public static void SumPullback(double[] x, Span<double> s, double resultAdj, Span<double> xGrad, Span<double> sGrad) { }

                    [Differentiable]
                    public static double G(double[] x)
                    {
                        double[] s = new double[2];
                        return Sum(x, s);
                    }
                }
                """;
            AnalyzerHarness.Result result = AnalyzerHarness.Run(("M.cs", source));
            Assert.Empty(result.Backprop);
            Assert.Empty(result.Compiler.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        }

        [Fact]
        public void BP0012_SecondDerivativeOfTheSameOverload_AndGenericFunction()
        {
            AssertDiagnostics(
                """
                public static partial class D
                {
                    public static double F(double x) => x * x;

                    [DerivativeOf(nameof(F))]
                    public static double FDerivative(double x) => 2 * x;

                    [DerivativeOf(nameof(F))]
                    public static void [|FPullback|](double x, double resultAdj, ref double xGrad) => xGrad += 2 * x * resultAdj;

                    public static double H<T>(double x) => x;

                    [DerivativeOf(nameof(H))]
                    public static double [|HDerivative|](double x) => 1;
                }
                """,
                "BP0012",
                "BP0012");
        }

        [Fact]
        public void BP0005_StaticAbstractInterfaceMemberCalledThroughATypeParameter_AtTheCall()
        {
            AssertDiagnostics(
                """
                public interface ICube
                {
                    static abstract double Cube(double x);
                }

                public static partial class Caller<T>
                    where T : ICube
                {
                    [Differentiable]
                    public static double G(double x) => [|T.Cube(x)|] * 2;
                }
                """,
                "BP0005");
        }

        [Fact]
        public void DerivativeNamedWithAnUnboundGenericType_IsAccepted()
        {
            AssertDiagnostics(
                """
                public static class Home<T>
                {
                    public static double Cube(double x) => x * x * x;
                }

                public static partial class Caller
                {
                    [DerivativeOf(typeof(Home<>), nameof(Home<int>.Cube))]
                    public static double CubeDerivative(double x) => 3 * x * x;

                    [Differentiable]
                    public static double G(double x) => Home<int>.Cube(x);
                }
                """,
                expectGenerated: true);
        }

        [Fact]
        public void RejectedDeclaration_IsReportedOnce_NotAgainAtEachUseOfItsLocals()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double F(double x, double y)
                    {
                        [|var (a, b) = (x * y, x + y);|]
                        return a * b + a;
                    }
                }
                """,
                "BP0004");
        }

        [Fact]
        public void BP0005_ArrayPassedToAHelperThatWritesIt_AndAsAnotherArgument_AtTheCall()
        {
            // Same-type helpers are inlined, which is exact; a helper of another type is called through its pullback,
            // which cannot tell two arguments sharing one array apart.
            AssertDiagnostics(
                """
                public static partial class Other
                {
                    [Differentiable]
                    public static void Square(ReadOnlySpan<double> x, Span<double> y)
                    {
                        for (int i = 0; i < x.Length; i++)
                        {
                            y[i] = x[i] * x[i];
                        }
                    }

                    [Differentiable]
                    public static void Scale(Span<double> y, double s)
                    {
                        for (int i = 0; i < y.Length; i++)
                        {
                            y[i] *= s;
                        }
                    }
                }

                public static partial class M
                {
                    [Differentiable]
                    public static double F(double[] b, int n)
                    {
                        double[] c = new double[n];
                        for (int i = 0; i < n; i++)
                        {
                            c[i] = b[i];
                        }

                        [|Other.Square(c, c)|];
                        Other.Scale(c, c[1]);
                        return c[0];
                    }
                }
                """,
                expectGenerated: true,
                "BP0005");
        }

        [Fact]
        public void BP0002_HelperWritingItsNoDerivativeSpan_AtTheParameter()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static void Fill([NoDerivative] Span<double> [|y|], double x)
                    {
                        y[0] = x;
                    }
                }
                """,
                "BP0002");
        }

        [Fact]
        public void BP0005_JaggedRowPassedWhereTheCalleeMayWriteIt_AtTheArgument()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static void Double(Span<double> y)
                    {
                        for (int i = 0; i < y.Length; i++)
                        {
                            y[i] = 2 * y[i];
                        }
                    }

                    [Differentiable]
                    public static void Apply(double[][] rows)
                    {
                        Double([|rows[0]|]);
                    }
                }
                """,
                expectGenerated: true,
                "BP0005");
        }

        [Fact]
        public void BP0014_DifferentiableValueIntoANoDerivativeParameter_AtTheCall()
        {
            AssertDiagnostics(
                """
                public static partial class M
                {
                    [Differentiable]
                    public static double Scaled(double u, [NoDerivative] double s) => u * s;

                    [Differentiable]
                    public static double F(double x, [NoDerivative] double c) => [|Scaled(x, x * x)|] + Scaled(x, c) + Scaled(x, 2.0);
                }
                """,
                expectGenerated: true,
                "BP0014");
        }

        [Fact]
        public void BP0013_DerivativeNoCallCanFind_AtItsName()
        {
            AssertDiagnostics(
                """
                public static class Lib
                {
                    public static double F(double x) => x * x;
                }

                public static class Derivatives
                {
                    [DerivativeOf(typeof(Lib), nameof(Lib.F))]
                    public static double [|FDerivative|](double x) => 2 * x;
                }
                """,
                "BP0013");
        }

        [Fact]
        public void InstanceDerivativeInABaseClass_IsCalledOnThis_AndCompiles()
        {
            AssertDiagnostics(
                """
                public class ShapeBase
                {
                    public double Area(double r) => Math.PI * r * r;

                    [DerivativeOf(nameof(Area))]
                    protected double AreaDerivative(double r) => 2 * Math.PI * r;
                }

                public partial class Disc : ShapeBase
                {
                    [Differentiable]
                    public double TwoAreas(double r) => Area(r) * 2;
                }
                """,
                expectGenerated: true);
        }

        [Fact]
        public void BP9999_InternalFailure_OneDiagnosticNamingTheMethod_RestUnaffected()
        {
            // An internal failure, injected without a test hook: the parser refuses to run out of stack, so on a
            // thread with a small stack a deep (but allowed) expression fails inside the generator. The failure must
            // become one BP9999 at the method's name, and the other file's method must still be generated.
            string deep = "using Backprop;\n\npublic static partial class A\n{\n    [Differentiable]\n    public static double [|Deep|](double x) => "
                + string.Join(" + ", Enumerable.Repeat("x", 120)) + ";\n}\n";
            (string source, List<TextSpan> spans) = Markup.Parse(deep);
            const string Other = "using Backprop;\n\npublic static partial class B\n{\n    [Differentiable]\n    public static double Fine(double x) => x * x;\n}\n";
            AnalyzerHarness.Result? result = null;
            var thread = new Thread(() => result = AnalyzerHarness.Run(("A.cs", source), ("B.cs", Other)), maxStackSize: 224 * 1024);
            thread.Start();
            thread.Join();

            Assert.NotNull(result);
            Diagnostic internalError = Assert.Single(result!.Generator);
            Assert.Equal("BP9999", internalError.Id);
            Assert.Equal(DiagnosticSeverity.Error, internalError.Severity);
            Assert.Equal(Span(source, spans[0]), internalError.Location.GetLineSpan().Span);
            Assert.Contains("'Deep'", internalError.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            Assert.Equal(new[] { "B.Fine.g.cs" }, result.GeneratedSources.Select(g => g.HintName));
            Assert.DoesNotContain(result.Compiler, d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        }

        private static void AssertDiagnostics(string markup, params string[] ids) => AssertDiagnostics(markup, expectGenerated: false, ids);

        /// <summary>Asserts that the marked spans carry exactly the given ids, in source order, and nothing else.</summary>
        private static void AssertDiagnostics(string markup, bool expectGenerated, params string[] ids)
        {
            (string source, List<TextSpan> spans) = Markup.Parse(Usings + markup);
            Assert.Equal(ids.Length, spans.Count);
            AnalyzerHarness.Result result = AnalyzerHarness.Run(("Test.cs", source));

            string[] expected = ids.Zip(spans, (id, span) => Describe(id, Span(source, span))).ToArray();
            string[] actual = result.Backprop.Select(d => Describe(d.Id, d.Location.GetLineSpan().Span)).ToArray();
            Assert.Equal(expected, actual);
            foreach (Diagnostic diagnostic in result.Backprop)
            {
                Assert.Equal(diagnostic.Id is "BP0009" or "BP0013" or "BP0014" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, diagnostic.Severity);
                Assert.EndsWith("docs/diagnostics.md#" + diagnostic.Id.ToLowerInvariant(), diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);
            }

            // A method with an error gets no generated code, and what is generated always compiles.
            Assert.Equal(expectGenerated, result.GeneratedSources.Length > 0);
            Assert.DoesNotContain(result.Compiler, d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        }

        private static string Describe(string id, LinePositionSpan span)
            => $"{id} ({span.Start.Line + 1},{span.Start.Character + 1})-({span.End.Line + 1},{span.End.Character + 1})";

        private static LinePositionSpan Span(string source, TextSpan span) => SourceText.From(source).Lines.GetLinePositionSpan(span);
    }

    /// <summary>Test sources with expected spans marked as <c>[|…|]</c>.</summary>
    public static class Markup
    {
        public static (string Source, List<TextSpan> Spans) Parse(string markup)
        {
            var builder = new StringBuilder();
            var spans = new List<TextSpan>();
            int start = -1;
            for (int i = 0; i < markup.Length; i++)
            {
                if (string.CompareOrdinal(markup, i, "[|", 0, 2) == 0)
                {
                    start = builder.Length;
                    i++;
                }
                else if (string.CompareOrdinal(markup, i, "|]", 0, 2) == 0)
                {
                    spans.Add(TextSpan.FromBounds(start, builder.Length));
                    i++;
                }
                else
                {
                    builder.Append(markup[i]);
                }
            }

            return (builder.ToString(), spans);
        }
    }
}
