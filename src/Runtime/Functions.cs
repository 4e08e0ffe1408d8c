using System;
using System.Numerics;

namespace Backprop
{
    /// <summary>
    /// Numerically stable functions for models, each with a derivative the generator uses when a
    /// <see cref="DifferentiableAttribute"/> method calls it: no overflow for large inputs, no cancellation for small
    /// ones, and a derivative that stays exact where the naive formula's would round to zero or NaN.
    /// </summary>
    /// <remarks>
    /// The derivatives are ordinary <see cref="DerivativeOfAttribute"/> methods (the scalar form for the functions of
    /// one scalar, the pullback form for the others), so they are also examples of writing one.
    /// </remarks>
    public static class Functions
    {
        /// <summary>The logistic sigmoid 1 / (1 + e^-x), which never exponentiates a large positive number.</summary>
        /// <param name="x">The input.</param>
        /// <returns>σ(x), in [0, 1].</returns>
        public static double Sigmoid(double x) => Stable<double>.Sigmoid(x);

        /// <inheritdoc cref="Sigmoid(double)"/>
        public static float Sigmoid(float x) => Stable<float>.Sigmoid(x);

        /// <summary>σ'(x) = e^-|x| / (1 + e^-|x|)², exact in both tails (σ(1 - σ) rounds to 0 above x ≈ 37).</summary>
        /// <param name="x">The input.</param>
        /// <returns>The derivative of <see cref="Sigmoid(double)"/> at <paramref name="x"/>.</returns>
        [DerivativeOf(nameof(Sigmoid))]
        public static double SigmoidDerivative(double x) => Stable<double>.SigmoidDerivative(x);

        /// <inheritdoc cref="SigmoidDerivative(double)"/>
        [DerivativeOf(nameof(Sigmoid))]
        public static float SigmoidDerivative(float x) => Stable<float>.SigmoidDerivative(x);

        /// <summary>softplus(x) = log(1 + e^x), computed as max(x, 0) + log1p(e^-|x|).</summary>
        /// <param name="x">The input.</param>
        /// <returns>softplus(x), which is x for large x and e^x for very negative x.</returns>
        public static double Softplus(double x) => Stable<double>.Softplus(x);

        /// <inheritdoc cref="Softplus(double)"/>
        public static float Softplus(float x) => Stable<float>.Softplus(x);

        /// <summary>softplus'(x) = σ(x).</summary>
        /// <param name="x">The input.</param>
        /// <returns>The derivative of <see cref="Softplus(double)"/> at <paramref name="x"/>.</returns>
        [DerivativeOf(nameof(Softplus))]
        public static double SoftplusDerivative(double x) => Stable<double>.Sigmoid(x);

        /// <inheritdoc cref="SoftplusDerivative(double)"/>
        [DerivativeOf(nameof(Softplus))]
        public static float SoftplusDerivative(float x) => Stable<float>.Sigmoid(x);

        /// <summary>log σ(x) = -softplus(-x), finite for every finite x (log of the naive σ is -∞ below x ≈ -745).</summary>
        /// <param name="x">The input.</param>
        /// <returns>log σ(x), at most 0.</returns>
        public static double LogSigmoid(double x) => -Stable<double>.Softplus(-x);

        /// <inheritdoc cref="LogSigmoid(double)"/>
        public static float LogSigmoid(float x) => -Stable<float>.Softplus(-x);

        /// <summary>(log σ)'(x) = σ(-x).</summary>
        /// <param name="x">The input.</param>
        /// <returns>The derivative of <see cref="LogSigmoid(double)"/> at <paramref name="x"/>.</returns>
        [DerivativeOf(nameof(LogSigmoid))]
        public static double LogSigmoidDerivative(double x) => Stable<double>.Sigmoid(-x);

        /// <inheritdoc cref="LogSigmoidDerivative(double)"/>
        [DerivativeOf(nameof(LogSigmoid))]
        public static float LogSigmoidDerivative(float x) => Stable<float>.Sigmoid(-x);

        /// <summary>log Σ e^xᵢ, computed as m + log Σ e^(xᵢ - m) with m the largest xᵢ, so nothing overflows.</summary>
        /// <param name="x">The values; empty gives -∞.</param>
        /// <returns>The log of the sum of the exponentials.</returns>
        public static double LogSumExp(ReadOnlySpan<double> x) => Stable<double>.LogSumExp(x);

        /// <inheritdoc cref="LogSumExp(ReadOnlySpan{double})"/>
        public static float LogSumExp(ReadOnlySpan<float> x) => Stable<float>.LogSumExp(x);

        /// <summary>
        /// The pullback of <see cref="LogSumExp(ReadOnlySpan{double})"/>: adds resultAdj · softmax(x) to
        /// <paramref name="xGrad"/> (with +∞ entries, split equally among them; with all -∞, nothing).
        /// </summary>
        /// <param name="x">The values.</param>
        /// <param name="resultAdj">The adjoint of the result.</param>
        /// <param name="xGrad">Receives the adjoint of each value.</param>
        [DerivativeOf(nameof(LogSumExp))]
        public static void LogSumExpPullback(ReadOnlySpan<double> x, double resultAdj, Span<double> xGrad) => Stable<double>.LogSumExpPullback(x, resultAdj, xGrad);

        /// <inheritdoc cref="LogSumExpPullback(ReadOnlySpan{double}, double, Span{double})"/>
        [DerivativeOf(nameof(LogSumExp))]
        public static void LogSumExpPullback(ReadOnlySpan<float> x, float resultAdj, Span<float> xGrad) => Stable<float>.LogSumExpPullback(x, resultAdj, xGrad);

        /// <summary>
        /// Writes softmax(x)ᵢ = e^(xᵢ - m) / Σ e^(xⱼ - m), with m the largest xᵢ, into <paramref name="result"/>: nothing
        /// overflows. Infinite logits give the limits: the +∞ entries share the probability equally, and all -∞ is
        /// uniform; the pullback is then zero.
        /// </summary>
        /// <param name="x">The logits.</param>
        /// <param name="result">Receives the probabilities; the same length as <paramref name="x"/>, and not overlapping it.</param>
        public static void Softmax(ReadOnlySpan<double> x, Span<double> result) => Stable<double>.Softmax(x, result);

        /// <inheritdoc cref="Softmax(ReadOnlySpan{double}, Span{double})"/>
        public static void Softmax(ReadOnlySpan<float> x, Span<float> result) => Stable<float>.Softmax(x, result);

        /// <summary>
        /// The pullback of <see cref="Softmax(ReadOnlySpan{double}, Span{double})"/>: with s = softmax(x) and g the
        /// adjoint of the result, adds sᵢ (gᵢ - Σ sⱼ gⱼ) to xGrad, then clears <paramref name="resultGrad"/>, since the
        /// result's earlier contents do not reach the output. It recomputes s, so it needs no buffer.
        /// </summary>
        /// <param name="x">The logits.</param>
        /// <param name="result">The output span (not read).</param>
        /// <param name="xGrad">Receives the adjoint of the logits.</param>
        /// <param name="resultGrad">On entry the adjoint of the probabilities; cleared on return.</param>
        [DerivativeOf(nameof(Softmax))]
        public static void SoftmaxPullback(ReadOnlySpan<double> x, Span<double> result, Span<double> xGrad, Span<double> resultGrad)
            => Stable<double>.SoftmaxPullback(x, xGrad, resultGrad);

        /// <inheritdoc cref="SoftmaxPullback(ReadOnlySpan{double}, Span{double}, Span{double}, Span{double})"/>
        [DerivativeOf(nameof(Softmax))]
        public static void SoftmaxPullback(ReadOnlySpan<float> x, Span<float> result, Span<float> xGrad, Span<float> resultGrad)
            => Stable<float>.SoftmaxPullback(x, xGrad, resultGrad);

        /// <summary>
        /// Binary cross-entropy of σ(logit) against a target in [0, 1], -t log σ(z) - (1 - t) log(1 - σ(z)),
        /// computed from the logit as softplus(z) - t z, which is finite where log σ(z) would be log 0.
        /// </summary>
        /// <param name="logit">The logit z.</param>
        /// <param name="target">The target probability t.</param>
        /// <returns>The loss.</returns>
        public static double BinaryCrossEntropyWithLogits(double logit, double target) => Stable<double>.Softplus(logit) - (target * logit);

        /// <inheritdoc cref="BinaryCrossEntropyWithLogits(double, double)"/>
        public static float BinaryCrossEntropyWithLogits(float logit, float target) => Stable<float>.Softplus(logit) - (target * logit);

        /// <summary>The pullback of <see cref="BinaryCrossEntropyWithLogits(double, double)"/>: ∂/∂z = σ(z) - t, ∂/∂t = -z.</summary>
        /// <param name="logit">The logit z.</param>
        /// <param name="target">The target probability t.</param>
        /// <param name="resultAdj">The adjoint of the loss.</param>
        /// <param name="logitGrad">Receives the adjoint of the logit.</param>
        /// <param name="targetGrad">Receives the adjoint of the target.</param>
        [DerivativeOf(nameof(BinaryCrossEntropyWithLogits))]
        public static void BinaryCrossEntropyWithLogitsPullback(double logit, double target, double resultAdj, ref double logitGrad, ref double targetGrad)
        {
            logitGrad += resultAdj * (Stable<double>.Sigmoid(logit) - target);
            targetGrad -= resultAdj * logit;
        }

        /// <inheritdoc cref="BinaryCrossEntropyWithLogitsPullback(double, double, double, ref double, ref double)"/>
        [DerivativeOf(nameof(BinaryCrossEntropyWithLogits))]
        public static void BinaryCrossEntropyWithLogitsPullback(float logit, float target, float resultAdj, ref float logitGrad, ref float targetGrad)
        {
            logitGrad += resultAdj * (Stable<float>.Sigmoid(logit) - target);
            targetGrad -= resultAdj * logit;
        }

        /// <summary>The formulas once, for double and float (the public methods stay non-generic for the generator).</summary>
        private static class Stable<T>
            where T : IFloatingPointIeee754<T>
        {
            public static T Sigmoid(T x)
            {
                if (x >= T.Zero)
                {
                    return T.One / (T.One + T.Exp(-x));
                }

                T e = T.Exp(x);
                return e / (T.One + e);
            }

            public static T SigmoidDerivative(T x)
            {
                T e = T.Exp(-T.Abs(x));
                T denominator = T.One + e;
                return e / (denominator * denominator);
            }

            public static T Softplus(T x) => T.Max(x, T.Zero) + Log1P(T.Exp(-T.Abs(x)));

            public static T LogSumExp(ReadOnlySpan<T> x)
            {
                T max = Max(x);
                if (T.IsInfinity(max))
                {
                    // Empty or all -∞: -∞; any +∞: +∞ (subtracting it would give NaN).
                    return max;
                }

                return max + T.Log(SumOfExp(x, max));
            }

            public static void LogSumExpPullback(ReadOnlySpan<T> x, T resultAdj, Span<T> xGrad)
            {
                T max = Max(x);
                if (T.IsNegativeInfinity(max))
                {
                    // Every term is zero: no finite change of one input moves the result.
                    return;
                }

                if (T.IsPositiveInfinity(max))
                {
                    // softmax(x) in the limit: the +∞ entries share the result equally; the others do not reach it.
                    SharePositiveInfinities(x, resultAdj, xGrad);
                    return;
                }

                // ∂/∂xᵢ = softmax(x)ᵢ, written e^(xᵢ - max) / Σ so that the largest terms are exact.
                T scale = resultAdj / SumOfExp(x, max);
                for (int i = 0; i < x.Length; i++)
                {
                    xGrad[i] += scale * T.Exp(x[i] - max);
                }
            }

            public static void Softmax(ReadOnlySpan<T> x, Span<T> result)
            {
                T max = Max(x);
                if (T.IsInfinity(max))
                {
                    // The limits: the +∞ entries share the probability equally; all -∞ is all equal, so uniform.
                    result.Clear();
                    SharePositiveInfinities(x, T.One, result);
                    if (T.IsNegativeInfinity(max))
                    {
                        result.Fill(T.One / T.CreateChecked(x.Length));
                    }

                    return;
                }

                T sum = SumOfExp(x, max);
                for (int i = 0; i < x.Length; i++)
                {
                    result[i] = T.Exp(x[i] - max) / sum;
                }
            }

            public static void SoftmaxPullback(ReadOnlySpan<T> x, Span<T> xGrad, Span<T> resultGrad)
            {
                T max = Max(x);
                if (T.IsInfinity(max))
                {
                    // With an infinite logit, softmax is constant under any finite change of one input.
                    resultGrad.Clear();
                    return;
                }

                T sum = SumOfExp(x, max);
                T dot = T.Zero;
                for (int i = 0; i < x.Length; i++)
                {
                    dot += T.Exp(x[i] - max) / sum * resultGrad[i];
                }

                for (int i = 0; i < x.Length; i++)
                {
                    xGrad[i] += T.Exp(x[i] - max) / sum * (resultGrad[i] - dot);
                    resultGrad[i] = T.Zero;
                }
            }

            private static T Max(ReadOnlySpan<T> x)
            {
                T max = T.NegativeInfinity;
                foreach (T value in x)
                {
                    max = T.Max(max, value);
                }

                return max;
            }

            /// <summary>Adds <paramref name="total"/> split equally among the +∞ entries of <paramref name="x"/> to <paramref name="into"/>.</summary>
            private static void SharePositiveInfinities(ReadOnlySpan<T> x, T total, Span<T> into)
            {
                int count = 0;
                foreach (T value in x)
                {
                    count += T.IsPositiveInfinity(value) ? 1 : 0;
                }

                T share = total / T.CreateChecked(count);
                for (int i = 0; i < x.Length; i++)
                {
                    if (T.IsPositiveInfinity(x[i]))
                    {
                        into[i] += share;
                    }
                }
            }

            private static T SumOfExp(ReadOnlySpan<T> x, T max)
            {
                T sum = T.Zero;
                foreach (T value in x)
                {
                    sum += T.Exp(value - max);
                }

                return sum;
            }

            /// <summary>log(1 + u) for u ≥ 0, accurate for tiny u (the runtime's LogP1 computes Log(1 + u) as written).</summary>
            private static T Log1P(T u)
            {
                T onePlus = T.One + u;
                return onePlus == T.One ? u : T.Log(onePlus) * u / (onePlus - T.One);
            }
        }
    }
}
