using System;
using Backprop;

namespace Backprop.Tests.Corpus
{
    /// <summary>
    /// The corpus: ordinary C# that a user would write, one construct or combination per method. Every method is
    /// differentiated by the generator in this project's build and checked by <see cref="CorpusTests"/>.
    /// </summary>
    public static partial class Fn
    {
        public const double Decay = 0.9;
        public static readonly double Scale = 1.5;

        // ---- arithmetic, locals, compound assignment, casts

        [Differentiable]
        public static double Polynomial(double x) => (3 * x * x * x) - (2 * x * x) + x - 5;

        [Differentiable]
        public static double Locals(double x, double y)
        {
            double a = x * y;
            double b = a + x;
            a = b * b;
            return a - y;
        }

        [Differentiable]
        public static double Compound(double x, double y)
        {
            double s = x;
            s += y;
            s *= x;
            s -= y * 0.5;
            s /= 1 + (y * y);
            return s;
        }

        [Differentiable]
        public static double Division(double x, double y) => (x / y) + (y / ((x * x) + 1));

        [Differentiable]
        public static double UnaryMinus(double x) => -x * -(x + 1);

        [Differentiable]
        public static double CastInt(double x, int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                s += x * (double)i / n;
            }

            int k = (int)(n * 1.5);
            return s * k;
        }

        [Differentiable]
        public static double ParameterReassigned(double x, double y)
        {
            x = x * 2;
            y -= x;
            return x * y;
        }

        [Differentiable]
        public static double NoDerivativeParameter(double x, [NoDerivative] double c) => x * c * c + c;

        [Differentiable]
        public static double Constants(double x) => (Math.PI * x * x) + (Decay * x) + Scale + ConstantHelper(3);

        public static double ConstantHelper(int n) => n * 0.25;

        // ---- Math functions

        [Differentiable]
        public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

        [Differentiable]
        public static double SqrtPow(double x, double y) => Math.Sqrt((x * x) + 1) * Math.Pow((x * x) + 1, y);

        [Differentiable]
        public static double PowConstantExponent(double x) => Math.Pow(x, 3) + Math.Pow(2, x);

        [Differentiable]
        public static double Trig(double x) => (Math.Sin(x) * Math.Cos(2 * x)) + Math.Tan(x / 3);

        [Differentiable]
        public static double Tanh(double x) => Math.Tanh((x * x) - 1);

        [Differentiable]
        public static double AbsMaxMin(double x, double y) => Math.Abs(x - y) + Math.Max(x, y * y) - Math.Min(x * 2, y);

        // ---- branches and returns

        [Differentiable]
        public static double IfElse(double x)
        {
            double y;
            if (x > 0)
            {
                y = x * x;
            }
            else
            {
                y = -x;
            }

            return y * 3;
        }

        [Differentiable]
        public static double Ternary(double x, double y) => x > y ? x * y : x + y;

        [Differentiable]
        public static double EarlyReturn(double x)
        {
            if (x < 0)
            {
                return -x * x;
            }

            double t = x + 1;
            return t * t * x;
        }

        [Differentiable]
        public static double NestedIfs(double x, double y)
        {
            double r = x;
            if (x > 0)
            {
                if (y > 0)
                {
                    r = x * y;
                }
                else
                {
                    r = x - y;
                }
            }
            else if (y > x)
            {
                return y * y;
            }

            return r * r + y;
        }

        // ---- loops and arrays

        [Differentiable]
        public static double SumOfSquares(double[] x)
        {
            double sum = 0;
            for (int i = 0; i < x.Length; i++)
            {
                sum += x[i] * x[i];
            }

            return sum;
        }

        [Differentiable]
        public static double Dot(ReadOnlySpan<double> a, Span<double> b)
        {
            double sum = 0;
            for (int i = 0; i < a.Length; i++)
            {
                sum += a[i] * b[i];
            }

            return sum;
        }

        [Differentiable]
        public static double NestedLoops(double[] m, int k)
        {
            double sum = 0;
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    sum += m[(i * k) + j] * m[(j * k) + i];
                }
            }

            return sum;
        }

        [Differentiable]
        public static double LocalBound(double[] x)
        {
            int n = x.Length - 1;
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                s += x[i + 1] * x[i];
            }

            return s;
        }

        [Differentiable]
        public static double DescendingLoop(double[] x)
        {
            double s = 0;
            for (int i = x.Length - 1; i >= 0; i--)
            {
                s = (s * 0.5) + (x[i] * s) + x[i];
            }

            return s;
        }

        [Differentiable]
        public static double InclusiveLoop(double x, int n)
        {
            double p = 1;
            for (int i = 1; i <= n; i++)
            {
                p *= 1 + (x / i);
            }

            return p;
        }

        [Differentiable]
        public static double CountDownLoop(double[] x, int n)
        {
            double s = 0;
            for (int i = n; i > 0; i--)
            {
                s = Math.Sin(s + x[i - 1]);
            }

            return s;
        }

        [Differentiable]
        public static double ScalarOverwrittenInLoop(double x, int steps)
        {
            double s = x;
            for (int t = 0; t < steps; t++)
            {
                s = Math.Sin(s) * x + (s * 0.5);
            }

            return s;
        }

        [Differentiable]
        public static double TimeLoopStateArray(double[] p, int steps)
        {
            double[] state = new double[3];
            double[] next = new double[3];
            for (int i = 0; i < 3; i++)
            {
                state[i] = p[i];
            }

            for (int t = 0; t < steps; t++)
            {
                for (int i = 0; i < 3; i++)
                {
                    next[i] = Math.Tanh((state[i] * p[3]) + state[(i + 1) % 3]);
                }

                for (int i = 0; i < 3; i++)
                {
                    state[i] = next[i];
                }
            }

            return state[0] + (state[1] * state[2]);
        }

        [Differentiable]
        public static double ElementUpdatedInPlace(double[] x)
        {
            int n = x.Length;
            double[] y = new double[n];
            for (int i = 0; i < n; i++)
            {
                y[i] = x[i];
            }

            for (int i = 1; i < n; i++)
            {
                y[i] = (y[i] * y[i - 1]) + y[i];
            }

            y[0] *= y[n - 1];
            return y[0] + y[n - 1];
        }

        [Differentiable]
        public static double StackallocLocal(double[] x)
        {
            Span<double> t = stackalloc double[4];
            for (int i = 0; i < 4; i++)
            {
                t[i] = x[i] * x[(i + 1) % 4];
            }

            t[2] = t[2] * t[3];
            return t[0] + t[1] + t[2];
        }

        [Differentiable]
        public static double IndexArithmetic(double[] x, int offset)
        {
            double s = 0;
            for (int i = 0; i < 3; i++)
            {
                int j = (i * 2) + offset;
                s += x[j] * x[j + 1];
            }

            return s;
        }

        [Differentiable]
        public static double BranchesInLoop(double[] x)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                if (x[i] > 0)
                {
                    s += x[i] * x[i];
                }
                else
                {
                    s -= x[i] * 0.5;
                }
            }

            return s;
        }

        [Differentiable]
        public static double BranchChangesItsCondition(double[] x)
        {
            double t = x[0];
            for (int i = 1; i < x.Length; i++)
            {
                if (t > 0)
                {
                    t = t - (x[i] * 2);
                }
                else
                {
                    t = t + (x[i] * x[i]);
                }
            }

            return t * t;
        }

        [Differentiable]
        public static double ResetInsideOuterLoop(double[] x)
        {
            double total = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double acc = 0;
                for (int j = 0; j < x.Length; j++)
                {
                    acc = (acc * Decay) + (x[j] * x[i]);
                }

                total += acc * acc;
            }

            return total;
        }

        [Differentiable]
        public static double ConditionalInLoop(double[] x)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                s += i % 2 == 0 ? x[i] * s : Math.Exp(x[i]);
            }

            return s;
        }

        // ---- one variable along several paths

        [Differentiable]
        public static double SeveralPaths(double x)
        {
            double a = x * x;
            double b = Math.Exp(a);
            double c = (a * b) + (x * b);
            return c + a;
        }

        [Differentiable]
        public static double SoftmaxCrossEntropy(double[] z, int label)
        {
            double max = z[0];
            for (int i = 1; i < z.Length; i++)
            {
                max = Math.Max(max, z[i]);
            }

            double sum = 0;
            for (int i = 0; i < z.Length; i++)
            {
                sum += Math.Exp(z[i] - max);
            }

            return Math.Log(sum) + max - z[label];
        }

        // ---- calls: helpers, helpers calling helpers, void helpers

        [Differentiable]
        public static double Sq(double x) => x * x;

        [Differentiable]
        public static double SigmoidStable(double x)
        {
            if (x >= 0)
            {
                return 1 / (1 + Math.Exp(-x));
            }

            double e = Math.Exp(x);
            return e / (1 + e);
        }

        [Differentiable]
        public static double CallsScalarHelper(double x) => Sq(x) + Sq(x + 1) * SigmoidStable(x);

        [Differentiable]
        public static double Level3(double x, double y) => Math.Sin(x) * y;

        [Differentiable]
        public static double Level2(double x, double y) => Level3(x * y, y) + Sq(y);

        [Differentiable]
        public static double HelpersCallHelpers(double x, double y) => Level2(x, y) * Level3(y, x);

        [Differentiable]
        public static double Step(double s, double p) => Math.Tanh(s * p + 0.1);

        [Differentiable]
        public static double HelperInTimeLoop(double[] p)
        {
            double s = 0.5;
            for (int i = 0; i < p.Length; i++)
            {
                s = Step(s, p[i]);
            }

            return s;
        }

        [Differentiable]
        public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
        {
            for (int i = 0; i < x.Length; i++)
            {
                y[i] += a * x[i];
            }
        }

        [Differentiable]
        public static void Square(Span<double> y)
        {
            for (int i = 0; i < y.Length; i++)
            {
                y[i] = y[i] * y[i];
            }
        }

        [Differentiable]
        public static double VoidHelpersInPlace(double a, double[] x)
        {
            double[] y = new double[x.Length];
            Axpy(a, x, y);
            Square(y);
            Axpy(a * a, x, y);
            Square(y);
            double s = 0;
            for (int i = 0; i < y.Length; i++)
            {
                s += y[i];
            }

            return s;
        }

        [Differentiable]
        public static void Layer(ReadOnlySpan<double> w, ReadOnlySpan<double> input, Span<double> output)
        {
            int n = input.Length;
            for (int o = 0; o < output.Length; o++)
            {
                double z = w[o * (n + 1) + n];
                for (int i = 0; i < n; i++)
                {
                    z += w[o * (n + 1) + i] * input[i];
                }

                output[o] = SigmoidStable(z);
            }
        }

        [Differentiable]
        public static double TinyNetwork(double[] w, [NoDerivative] double[] inputs, [NoDerivative] double[] targets)
        {
            double[] input = new double[2];
            double[] hidden = new double[2];
            double[] output = new double[1];
            double loss = 0;
            for (int p = 0; p < targets.Length; p++)
            {
                input[0] = inputs[2 * p];
                input[1] = inputs[(2 * p) + 1];
                Layer(w, input, hidden);
                LayerOut(w, hidden, output);
                double y = output[0];
                double t = targets[p];
                loss -= (t * Math.Log(y)) + ((1 - t) * Math.Log(1 - y));
            }

            return loss / targets.Length;
        }

        [Differentiable]
        public static void LayerOut(ReadOnlySpan<double> w, ReadOnlySpan<double> hidden, Span<double> output)
        {
            double z = w[8] + (w[6] * hidden[0]) + (w[7] * hidden[1]);
            output[0] = SigmoidStable(z);
        }

        [Differentiable]
        public static double ReluLayer(double[] w, [NoDerivative] double[] x)
        {
            double s = 0;
            for (int o = 0; o < 3; o++)
            {
                double z = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    z += w[(o * x.Length) + i] * x[i];
                }

                s += Math.Max(z, 0.0) * (o + 1);
            }

            return s;
        }

        [Differentiable]
        public static double IntArrayParameter(double[] x, int[] order)
        {
            double s = 0;
            for (int i = 0; i < order.Length; i++)
            {
                s = (s * x[order[i]]) + x[i];
            }

            return s;
        }

        /// <summary>A constant named with a keyword, read by <see cref="KeywordNames"/>.</summary>
        public static readonly double @fixed = 0.5;

        /// <summary>
        /// Parameters, locals, a counter, a field and a helper's parameters named with reserved keywords
        /// (<c>@base</c>), and a local named as the adjoint of <c>@base</c> would be: the generated code must spell each
        /// as C# needs it.
        /// </summary>
        [Differentiable]
        public static double KeywordNames(double[] @base, double @double)
        {
            double @sum = 0;
            double[] @new = new double[@base.Length];
            for (int @for = 0; @for < @base.Length; @for++)
            {
                @new[@for] = @base[@for] * @double;
                @sum += KeywordHelper(@new[@for], @base[@for]) * @fixed;
            }

            double baseAdj = @sum * @sum;
            return baseAdj + @new[0];
        }

        /// <summary>
        /// An index state named with a keyword that each iteration changes: the reverse sweep restores it from the tape
        /// in every iteration, so the index it feeds must not be computed once before the loop.
        /// </summary>
        [Differentiable]
        public static double KeywordStateInIndex(double[] w, int m)
        {
            double s = 0;
            int @base = 0;
            for (int i = 0; i < 4; i++)
            {
                @base = ((@base * 7) + 3) % 5;
                s += w[(@base * m * 3) + (2 * m) + 1] * w[i];
            }

            return s;
        }

        /// <summary>
        /// A parameter named as the generated code's tape of doubles would be: the name stays the user's, and the tape
        /// that saves <c>s</c> before each overwrite takes another.
        /// </summary>
        [Differentiable]
        public static double NamedLikeTheTape(double[] x, double savedDoubles)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                s = (s * savedDoubles) + x[i];
            }

            return s * s;
        }

        /// <summary>Overloads: each gets a generated file and documentation links of its own.</summary>
        [Differentiable]
        public static double Overloaded(double x) => x * x * x;

        /// <summary>The two-argument overload of <see cref="Overloaded(double)"/>.</summary>
        [Differentiable]
        public static double Overloaded(double x, double y) => x * Math.Sin(y);

        /// <summary>A method that is not differentiated, of the same name: the links must still tell the others apart.</summary>
        public static double Overloaded(int n) => n;

        /// <summary>A name that differs from <see cref="twin"/> only in case, with the same parameters.</summary>
        [Differentiable]
        public static double Twin(double x) => 3.0 * x * x;

        /// <summary>A name that differs from <see cref="Twin"/> only in case, with the same parameters.</summary>
        [Differentiable]
        public static double twin(double x) => Math.Exp(x);

        /// <summary>A constant local: its reads are its value, and no declaration is left unread.</summary>
        [Differentiable]
        public static double ConstantLocal(double x)
        {
            const double scale = 2.5;
            return scale * x * x;
        }

        /// <summary>
        /// Names with letters beyond ASCII: the index state <c>κ</c> changes in each iteration and the reverse sweep
        /// restores it there, so its index must not be computed once before the loop.
        /// </summary>
        [Differentiable]
        public static double GreekState(double[] x, int n)
        {
            double s = 0;
            int κ = 1;
            for (int t = 0; t < n; t++)
            {
                κ = ((κ * 3) + 1) % n;
                s += (x[(((κ * 2) + (κ * 3)) * 2) + t] * x[(((κ * 2) + (κ * 3)) * 2) + t] * s) + x[t];
            }

            return s;
        }

        /// <summary>A keyword-named variable next to a local spelled as the temporary its adjoint would get.</summary>
        [Differentiable]
        public static double KeywordNextToTemporary(double x)
        {
            double @base = x;
            double baseAdjOut = 0.5 * x;
            @base = (@base * @base) + x;
            return @base * baseAdjOut;
        }

        /// <summary>
        /// A loop that runs no iteration for a bound of <c>int.MinValue</c>: its reverse must not run either (it started at
        /// <c>n - 1</c>, which wraps to <c>int.MaxValue</c>).
        /// </summary>
        [Differentiable]
        public static double BoundAtIntMin(double[] x, int n)
        {
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                total += x[0] * x[0];
            }

            total = total + x[1];
            return total * x[1];
        }

        /// <summary>A descending loop that runs no iteration for a bound of <c>int.MaxValue</c>, whose reverse would read out of range.</summary>
        [Differentiable]
        public static double DescendingBoundAtIntMax(double[] x, int lo)
        {
            double total = 0;
            for (int i = 2; i > lo; i--)
            {
                total += Math.Sin(x[i]);
            }

            total = (total * x[0]) + x[1];
            return total * x[0];
        }

        /// <summary>A keyword-named local next to a local named as its adjoint would be (<c>baseAdj</c>).</summary>
        [Differentiable]
        public static double KeywordLocalNextToItsAdjointName(double x)
        {
            double @base = x * x;
            double baseAdj = Math.Sin(x);
            return @base * baseAdj;
        }

        /// <summary>A loop whose literal end is <c>int.MinValue</c>: it never runs, and its reverse is not written.</summary>
        [Differentiable]
        public static double LoopToIntMin(double[] x, int k)
        {
            double s = x[0];
            for (int i = k; i < int.MinValue; i++)
            {
                s = (s * x[i]) + Math.Sin(s);
            }

            return s * x[1];
        }

        /// <summary>
        /// Three steps from a start that may be <c>int.MinValue</c>, each depending on the last: the usual reverse loop
        /// tests <c>i &gt;= start</c>, which cannot stop there, so this one steps first.
        /// </summary>
        [Differentiable]
        public static double WindowFrom(double[] x, int start)
        {
            double s = x[0];
            for (int i = start; i < start + 3; i++)
            {
                s = (s * x[i - start]) + Math.Sin(s);
            }

            return s * x[1];
        }

        /// <summary>The descending twin of <see cref="WindowFrom"/>, from a top that may be <c>int.MaxValue</c>.</summary>
        [Differentiable]
        public static double WindowDownFrom(double[] x, int top)
        {
            double s = x[0];
            for (int i = top; i > top - 3; i--)
            {
                s = (s * x[top - i]) + Math.Sin(s);
            }

            return s * x[1];
        }

        /// <summary>Three steps from the constant <c>int.MinValue</c>, each depending on the last.</summary>
        [Differentiable]
        public static double FromIntMin(double[] x)
        {
            double s = x[0];
            for (int i = int.MinValue; i <= int.MinValue + 2; i++)
            {
                s = (s * x[i - int.MinValue]) + Math.Sin(s);
            }

            return s * x[1];
        }

        /// <summary>Loop bounds that are conditional expressions, which the generated tests must parenthesize.</summary>
        [Differentiable]
        public static double ConditionalBounds(double[] x, bool wide)
        {
            double s = x[0];
            for (int i = wide ? 0 : 1; i < (wide ? 3 : 2); i++)
            {
                s = (s * x[i]) + Math.Sin(s);
            }

            return s * x[1];
        }

        /// <summary>
        /// Inner loops that start at an outer counter, or one past it: such a start is never <c>int.MinValue</c>, so
        /// their reverses keep the usual form.
        /// </summary>
        [Differentiable]
        public static double FromOuterCounter(double[] x)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                for (int j = i; j < x.Length; j++)
                {
                    s = (s * 0.5) + (x[i] * x[j]);
                }

                for (int j = i + 1; j < x.Length; j++)
                {
                    s = Math.Sin(s) + x[j];
                }
            }

            return s;
        }

        /// <summary>A switch on a double with constant labels (constant patterns, to the compiler).</summary>
        [Differentiable]
        public static double SwitchOnDouble(double x, [NoDerivative] double mode)
        {
            double r;
            switch (mode)
            {
                case 0.5:
                    r = x * x;
                    break;
                case 1.5:
                case -0.0:
                    r = Math.Sin(x) * 3;
                    break;
                default:
                    r = x;
                    break;
            }

            return r * x;
        }

        /// <summary>A bool-returning call on a differentiable value, which only chooses a branch.</summary>
        [Differentiable]
        public static double GuardedByIsFinite(double x) => double.IsFinite(x) && !double.IsNaN(x * x) ? x * Math.Exp(x) : 0.0;

        /// <summary>Products with factors whose rules read their own values: each is computed once in the reverse sweep.</summary>
        [Differentiable]
        public static double FactorsReadTheirValues(double x, double y) => (x * Math.Exp(x)) + (Math.Tanh(y) * Math.Exp(y)) + (Math.Sqrt(x) * Math.Cbrt(y));

        /// <summary>The generic-math spellings of the Math functions.</summary>
        [Differentiable]
        public static double GenericMathSpellings(double x) => double.Sqrt(x) + double.Max(x, 0.5) * double.Exp(x) + float.Sin((float)x);

        /// <summary>Rounding to a number of digits: a zero derivative wherever it exists, as for Math.Round(x).</summary>
        [Differentiable]
        public static double RoundedToDigits(double x, int digits) => (x * x) + Math.Round(x, digits) + MathF.Round((float)x, 1);

        /// <summary>Overloads whose parameter types have characters a file name cannot: a 2-D array.</summary>
        [Differentiable]
        public static double Shaped(double[] x) => x[0] * x[1];

        /// <summary>The 2-D overload of <see cref="Shaped(double[])"/>.</summary>
        [Differentiable]
        public static double Shaped(double[,] x) => x[0, 0] * x[0, 1];

        /// <summary>An overload with a nullable and a tuple parameter, passed on as constants.</summary>
        [Differentiable]
        public static double Shaped(double[] x, int? scale, (int A, int B) pair) => x[0] * x[1] * Factor(scale, pair);

        /// <summary>A constant factor from the nullable and the tuple.</summary>
        public static double Factor(int? scale, (int A, int B) pair) => (scale ?? 1) + pair.A + pair.B;

        /// <summary>A helper whose parameters are named with keywords.</summary>
        [Differentiable]
        public static double KeywordHelper(double @in, double @out) => @in * Math.Sin(@out);
    }
}

namespace Backprop.Tests.Corpus.@fixed
{
    /// <summary>A namespace and a type named with keywords: the generated file declares them with their @.</summary>
    public static partial class @event
    {
        /// <summary>A square of a keyword-named parameter, in a keyword-named type and namespace.</summary>
        [Differentiable]
        public static double Square(double @in) => @in * @in * 0.5;
    }
}

namespace Backprop.Tests.Corpus.Generic
{
    /// <summary>A generic type and a plain one of the same name, each with a method of the same name.</summary>
    /// <typeparam name="T">Unused; it makes the type generic.</typeparam>
    public static partial class Pair<T>
    {
        /// <summary>The generic type's method.</summary>
        [Differentiable]
        public static double Scale(double x) => 2.0 * x * x;
    }

    /// <summary>The plain type of the same name as <see cref="Pair{T}"/>.</summary>
    public static partial class Pair
    {
        /// <summary>The plain type's method.</summary>
        [Differentiable]
        public static double Scale(double x) => Math.Cos(x);
    }
}

namespace Backprop.Tests.Corpus.CaseTwins
{
    /// <summary>A type whose name differs from <see cref="caseTwin"/>'s only in case.</summary>
    public static partial class CaseTwin
    {
        /// <summary>A method named as the other type's.</summary>
        [Differentiable]
        public static double F(double x) => x * x;
    }

    /// <summary>A type whose name differs from <see cref="CaseTwin"/>'s only in case.</summary>
    public static partial class caseTwin
    {
        /// <summary>A method named as the other type's.</summary>
        [Differentiable]
        public static double F(double x) => Math.Sin(x);
    }
}

namespace Backprop.Tests.Corpus.Spaces
{
    /// <summary>A type in a namespace whose name differs from another's only in case.</summary>
    public static partial class M
    {
        /// <summary>A method named as the one in the other namespace.</summary>
        [Differentiable]
        public static double F(double x) => x * x * x;
    }
}

namespace Backprop.Tests.Corpus.spaces
{
    /// <summary>A type in a namespace whose name differs from another's only in case.</summary>
    public static partial class M
    {
        /// <summary>A method named as the one in the other namespace.</summary>
        [Differentiable]
        public static double F(double x) => Math.Cos(x);
    }
}
