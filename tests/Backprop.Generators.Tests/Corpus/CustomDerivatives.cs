using System;
using Backprop;

namespace Backprop.Tests.Corpus
{
    /// <summary>
    /// User-supplied derivatives ([DerivativeOf]) in both forms, for functions of this type and of another one, and
    /// the stable function library in <see cref="Functions"/>.
    /// </summary>
    public static partial class Custom
    {
        // ---- the scalar form: T FDerivative(T x)

        /// <summary>Not [Differentiable]: its derivative is supplied below.</summary>
        public static double Softsign(double x) => x / (1 + Math.Abs(x));

        [DerivativeOf(nameof(Softsign))]
        public static double SoftsignDerivative(double x)
        {
            double d = 1 + Math.Abs(x);
            return 1 / (d * d);
        }

        [Differentiable]
        public static double UsesSoftsign(double x, double y) => Softsign(x * y) + (y * Softsign(x - (2 * y)));

        // ---- the pullback form, for a function of several arguments

        public static double Hypot(double x, double y) => Math.Sqrt((x * x) + (y * y));

        [DerivativeOf(nameof(Hypot))]
        public static void HypotPullback(double x, double y, double resultAdj, ref double xGrad, ref double yGrad)
        {
            double r = Hypot(x, y);
            xGrad += resultAdj * x / r;
            yGrad += resultAdj * y / r;
        }

        [Differentiable]
        public static double UsesHypot(double x, double y)
        {
            double r = Hypot(x, y + 1);
            return r * Hypot(r, x);
        }

        // ---- the pullback form for spans, with a [NoDerivative] parameter that gets no buffer

        public static double WeightedSquares(ReadOnlySpan<double> x, [NoDerivative] double scale)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                s += scale * (i + 1) * x[i] * x[i];
            }

            return s;
        }

        [DerivativeOf(nameof(WeightedSquares))]
        public static double WeightedSquaresPullback(ReadOnlySpan<double> x, double scale, double resultAdj, Span<double> xGrad)
        {
            for (int i = 0; i < x.Length; i++)
            {
                xGrad[i] += resultAdj * 2 * scale * (i + 1) * x[i];
            }

            return WeightedSquares(x, scale);
        }

        [Differentiable]
        public static double UsesWeightedSquares(double[] x)
        {
            double[] y = new double[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                y[i] = Math.Sin(x[i]);
            }

            return WeightedSquares(y, 0.5) + WeightedSquares(x, 2.0);
        }

        // ---- the pullback form of a void function that writes a span

        /// <summary>Running sums: y[i] = x[0] + ... + x[i].</summary>
        public static void CumulativeSum(ReadOnlySpan<double> x, Span<double> y)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                s += x[i];
                y[i] = s;
            }
        }

        [DerivativeOf(nameof(CumulativeSum))]
        public static void CumulativeSumPullback(ReadOnlySpan<double> x, Span<double> y, Span<double> xGrad, Span<double> yGrad)
        {
            double tail = 0;
            for (int i = x.Length - 1; i >= 0; i--)
            {
                tail += yGrad[i];
                xGrad[i] += tail;
                yGrad[i] = 0;
            }
        }

        [Differentiable]
        public static double UsesCumulativeSum(double[] x)
        {
            double[] y = new double[x.Length];
            CumulativeSum(x, y);
            double s = 0;
            for (int i = 0; i < y.Length; i++)
            {
                s += y[i] * y[i] * x[i];
            }

            return s;
        }

        // ---- a derivative for a method of another type (here System.Math, which has no rule for IEEERemainder)

        [DerivativeOf(typeof(Math), nameof(Math.IEEERemainder))]
        public static void IEEERemainderPullback(double x, double y, double resultAdj, ref double xGrad, ref double yGrad)
        {
            // x - y·round(x / y): d/dx = 1, d/dy = -round(x / y) (away from the jumps).
            xGrad += resultAdj;
            yGrad -= resultAdj * Math.Round(x / y, MidpointRounding.ToEven);
        }

        [Differentiable]
        public static double UsesRemainder(double x, double y) => Math.IEEERemainder(x * x, y) * y;

        // ---- a custom derivative takes precedence over differentiating a [Differentiable] method

        [Differentiable]
        public static double NaiveLogistic(double x) => 1 / (1 + Math.Exp(-x));

        [DerivativeOf(nameof(NaiveLogistic))]
        public static double NaiveLogisticDerivative(double x) => Functions.SigmoidDerivative(x);

        [Differentiable]
        public static double UsesNaiveLogistic(double x) => NaiveLogistic(3 * x) * x;

        // ---- the result form: [DerivativeOf(nameof(F), FromResult = true)] T FDerivative(T y), y = F(x)

        /// <summary>Not [Differentiable]: its derivative, from its value, is supplied below.</summary>
        public static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

        [DerivativeOf(nameof(Logistic), FromResult = true)]
        public static double LogisticDerivative(double y) => y * (1 - y);

        /// <summary>[Differentiable], but its derivative from its value (1 − y²) replaces differentiating the body.</summary>
        [Differentiable]
        public static double SoftClip(double x) => Math.Tanh(x);

        [DerivativeOf(nameof(SoftClip), FromResult = true)]
        public static double SoftClipDerivative(double y) => 1 - (y * y);

        /// <summary>As a whole value, inside larger expressions (named once), inside a conditional's branch (recomputed), and reading its own target.</summary>
        [Differentiable]
        public static double UsesLogistic(double x, double y)
        {
            double a = Logistic(x * y);
            double b = (Logistic(x) * Logistic(y)) - (2 * Logistic(x));
            double c = x > 0 ? Logistic(x - y) : y;
            a = Logistic(a + b);
            return (a * b) + c + SoftClip(y * c);
        }

        /// <summary>
        /// A layer over a buffer reused for every point: the reverse sweep reads each unit's value from the buffer
        /// before restoring what it overwrote, and the recurrence reads the previous value of its own target.
        /// </summary>
        [Differentiable]
        public static double LogisticLayers(double[] w, double[] x)
        {
            double[] h = new double[3];
            double total = 0;
            double s = 0.5;
            for (int p = 0; p < 2; p++)
            {
                for (int j = 0; j < 3; j++)
                {
                    h[j] = Logistic((w[j] * x[p]) + w[j + 3]);
                }

                for (int j = 0; j < 3; j++)
                {
                    double g = SoftClip(h[j] * w[6]);
                    total += g * h[(j + 1) % 3];
                    s = Logistic(s * g);
                }
            }

            return total + s;
        }

        /// <summary>Named so that its lowercased name is a keyword: the local the generator names must step around it.</summary>
        public static double Fixed(double x) => 1 / (1 + Math.Exp(-x));

        [DerivativeOf(nameof(Fixed), FromResult = true)]
        public static double FixedDerivative(double y) => y * (1 - y);

        /// <summary>A named call (not <c>fixed</c>), then one in a statement with another call, which the reverse sweep calls again.</summary>
        [Differentiable]
        public static double UsesFixed(double x, double y)
        {
            double a = 2 * Fixed(x * y);
            return a + (Fixed(y) * Softsign(x));
        }

        [Differentiable]
        public static float LogisticFloat(float x, float y) => LogisticF(x * y) * y;

        /// <summary>The float logistic, with a float derivative from its value.</summary>
        public static float LogisticF(float x) => 1 / (1 + MathF.Exp(-x));

        [DerivativeOf(nameof(LogisticF), FromResult = true)]
        public static float LogisticFDerivative(float y) => y * (1 - y);

        // ---- the caller's derivative wins over the one shipped next to the function

        [DerivativeOf(typeof(BuggyLibrary), nameof(BuggyLibrary.Square))]
        public static double CorrectSquareDerivative(double x) => 2 * x;

        [Differentiable]
        public static double UsesOverriddenLibrary(double x, double y) => BuggyLibrary.Square(x * y) + y;

        // ---- a derivative next to a function of a generic type is called on the type the call names

        [Differentiable]
        public static double UsesGenericHome(double x, double y) => GenericHome<int>.Cube(x - y) * y;

        // ---- the stable library

        [Differentiable]
        public static double LibraryScalars(double x, double y)
            => Functions.Sigmoid(x * y) + Functions.Softplus(x - y) + Functions.LogSigmoid(2 * x) + Functions.BinaryCrossEntropyWithLogits(x + y, 0.3);

        [Differentiable]
        public static double LibraryBinaryCrossEntropyTarget(double z, double t) => Functions.BinaryCrossEntropyWithLogits(z, t);

        /// <summary>Softmax cross-entropy over logits Wx, through Softmax into a span and through LogSumExp.</summary>
        [Differentiable]
        public static double LibrarySoftmax(double[] w, double[] x, int classes, int label)
        {
            int n = x.Length;
            double[] logits = new double[classes];
            for (int c = 0; c < classes; c++)
            {
                double s = 0;
                for (int j = 0; j < n; j++)
                {
                    s += w[(c * n) + j] * x[j];
                }

                logits[c] = s;
            }

            double[] p = new double[classes];
            Functions.Softmax(logits, p);
            double expected = 0;
            for (int c = 0; c < classes; c++)
            {
                expected += p[c] * (c + 1);
            }

            return Functions.LogSumExp(logits) - logits[label] + (0.1 * expected);
        }

        [Differentiable]
        public static float LibraryFloat(float x, float[] v)
        {
            float[] p = new float[v.Length];
            Functions.Softmax(v, p);
            return Functions.Sigmoid(x) * p[0] + Functions.LogSumExp(v) + Functions.Softplus(x) + Functions.LogSigmoid(-x)
                + Functions.BinaryCrossEntropyWithLogits(x, 0.25f);
        }
    }

    /// <summary>A library whose shipped derivative is wrong (zero), so a test can see that the caller's wins.</summary>
    public static class BuggyLibrary
    {
        /// <summary>x².</summary>
        public static double Square(double x) => x * x;

        /// <summary>Deliberately wrong.</summary>
        [DerivativeOf(nameof(Square))]
        public static double SquareDerivative(double x) => 0 * x;
    }

    /// <summary>A generic type: its derivative must be called as GenericHome&lt;int&gt;, not GenericHome&lt;T&gt;.</summary>
    /// <typeparam name="T">Unused by the functions.</typeparam>
    public static class GenericHome<T>
    {
        /// <summary>x³.</summary>
        public static double Cube(double x) => x * x * x;

        /// <summary>3x².</summary>
        [DerivativeOf(nameof(Cube))]
        public static double CubeDerivative(double x) => 3 * x * x;
    }

    /// <summary>A base type whose virtual F has a derivative next to it, and a derivative for Math.Cbrt for derived types.</summary>
    public class CurveBase
    {
        /// <summary>x², overridden below.</summary>
        /// <param name="x">The input.</param>
        /// <returns>x².</returns>
        public virtual double F(double x) => x * x;

        /// <summary>2x: the derivative of this type's F, not of an override.</summary>
        /// <param name="x">The input.</param>
        /// <returns>2x.</returns>
        [DerivativeOf(nameof(F))]
        public double FDerivative(double x) => 2 * x;

        /// <summary>
        /// A deliberately scaled derivative of Math.Cbrt (3 times the true one), so a test sees that a derived type's
        /// call of Cbrt uses it (it is found through the caller's base type) instead of the built-in rule.
        /// </summary>
        /// <param name="x">The input.</param>
        /// <returns>3 d cbrt(x)/dx.</returns>
        [DerivativeOf(typeof(Math), nameof(Math.Cbrt))]
        protected static double TripledCbrtDerivative(double x) => 1 / (Math.Cbrt(x) * Math.Cbrt(x));
    }

    /// <summary>Calls base.F, which the gradient must call non-virtually too, and Math.Cbrt.</summary>
    public sealed partial class Curve : CurveBase
    {
        /// <summary>x³: not what base.F computes.</summary>
        /// <param name="x">The input.</param>
        /// <returns>x³.</returns>
        public override double F(double x) => x * x * x;

        /// <summary>base.F(x) · x: x³, with derivative 3x².</summary>
        /// <param name="x">The input.</param>
        /// <returns>x³.</returns>
        [Differentiable]
        public double UsesBase(double x) => base.F(x) * x;

        /// <summary>cbrt(x) with the base type's (tripled) derivative.</summary>
        /// <param name="x">The input.</param>
        /// <returns>cbrt(x).</returns>
        [Differentiable]
        public double UsesInheritedDerivative(double x) => Math.Cbrt(x);
    }
}
