using System;
using System.Globalization;

namespace Backprop
{
    /// <summary>
    /// The outcome of comparing an analytic gradient with a numerical one: the worst errors and where they occur.
    /// </summary>
    /// <remarks>
    /// The relative error of a coordinate is <c>|a − n| / max(1, |a|, |n|)</c>: relative for components of
    /// magnitude one or more, absolute below, so that components that are zero up to rounding do not dominate.
    /// </remarks>
    public readonly struct GradientCheckResult
    {
        /// <summary>Creates a result.</summary>
        /// <param name="count">The number of coordinates compared.</param>
        /// <param name="worstAbsoluteError">The largest <c>|a − n|</c>.</param>
        /// <param name="worstAbsoluteIndex">Where it occurs, or −1 when nothing was compared.</param>
        /// <param name="worstRelativeError">The largest relative error.</param>
        /// <param name="worstRelativeIndex">Where it occurs, or −1 when nothing was compared.</param>
        public GradientCheckResult(int count, double worstAbsoluteError, int worstAbsoluteIndex, double worstRelativeError, int worstRelativeIndex)
        {
            Count = count;
            WorstAbsoluteError = worstAbsoluteError;
            WorstAbsoluteIndex = worstAbsoluteIndex;
            WorstRelativeError = worstRelativeError;
            WorstRelativeIndex = worstRelativeIndex;
        }

        /// <summary>The number of coordinates compared.</summary>
        public int Count { get; }

        /// <summary>The largest absolute difference between the two gradients.</summary>
        public double WorstAbsoluteError { get; }

        /// <summary>The coordinate of <see cref="WorstAbsoluteError"/>, or −1 when nothing was compared.</summary>
        public int WorstAbsoluteIndex { get; }

        /// <summary>The largest relative difference, <c>|a − n| / max(1, |a|, |n|)</c>; NaN anywhere makes it NaN.</summary>
        public double WorstRelativeError { get; }

        /// <summary>The coordinate of <see cref="WorstRelativeError"/>, or −1 when nothing was compared.</summary>
        public int WorstRelativeIndex { get; }

        /// <summary>Whether the worst relative error is at most <paramref name="tolerance"/> (false when it is NaN).</summary>
        /// <param name="tolerance">The largest acceptable relative error, for example 1e-6.</param>
        /// <returns>True when the gradients agree within the tolerance.</returns>
        public bool Passes(double tolerance = 1e-6) => WorstRelativeError <= tolerance;

        /// <summary>A one-line summary, formatted with the invariant culture.</summary>
        /// <returns>For example <c>worst relative error 3.1E-010 at [4], worst absolute error 2.0E-009 at [4], 9 coordinates</c>.</returns>
        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "worst relative error {0:E1} at [{1}], worst absolute error {2:E1} at [{3}], {4} {5}",
            WorstRelativeError,
            WorstRelativeIndex,
            WorstAbsoluteError,
            WorstAbsoluteIndex,
            Count,
            Count == 1 ? "coordinate" : "coordinates");
    }

    /// <summary>
    /// Compares analytic gradients (for example from a generated <c>…Gradient</c> method) with finite differences.
    /// </summary>
    public static class GradientCheck
    {
        /// <summary>Compares two gradients coordinate by coordinate.</summary>
        /// <param name="analytic">The gradient under test.</param>
        /// <param name="numeric">The reference gradient, for example from <see cref="FiniteDifferences"/>.</param>
        /// <returns>The worst absolute and relative errors and where they occur.</returns>
        public static GradientCheckResult Compare(ReadOnlySpan<double> analytic, ReadOnlySpan<double> numeric)
        {
            if (analytic.Length != numeric.Length)
            {
                throw new ArgumentException("Both gradients must have the same length.", nameof(numeric));
            }

            double worstAbsolute = 0, worstRelative = 0;
            int worstAbsoluteIndex = -1, worstRelativeIndex = -1;
            for (int i = 0; i < analytic.Length; i++)
            {
                double a = analytic[i], n = numeric[i];
                double absolute = Math.Abs(a - n);
                double relative = absolute / Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(n)));
                if (double.IsNaN(absolute))
                {
                    // A NaN on one side only is the worst possible disagreement; NaN on both sides agrees.
                    bool bothNaN = double.IsNaN(a) && double.IsNaN(n);
                    absolute = bothNaN ? 0 : double.NaN;
                    relative = absolute;
                }

                if (worstAbsoluteIndex < 0 || !(absolute <= worstAbsolute))
                {
                    if (worstAbsoluteIndex < 0 || !double.IsNaN(worstAbsolute))
                    {
                        worstAbsolute = absolute;
                        worstAbsoluteIndex = i;
                    }
                }

                if (worstRelativeIndex < 0 || !(relative <= worstRelative))
                {
                    if (worstRelativeIndex < 0 || !double.IsNaN(worstRelative))
                    {
                        worstRelative = relative;
                        worstRelativeIndex = i;
                    }
                }
            }

            return new GradientCheckResult(analytic.Length, worstAbsolute, worstAbsoluteIndex, worstRelative, worstRelativeIndex);
        }

        /// <summary>
        /// Computes the finite-difference gradient of <paramref name="f"/> with respect to <paramref name="x"/>
        /// (perturbed in place and restored) and compares it with <paramref name="analytic"/>.
        /// </summary>
        /// <param name="f">The function, reading the current contents of <paramref name="x"/>.</param>
        /// <param name="x">The point.</param>
        /// <param name="analytic">The gradient under test, as long as <paramref name="x"/>.</param>
        /// <returns>The comparison.</returns>
        public static GradientCheckResult Check(Func<double> f, Span<double> x, ReadOnlySpan<double> analytic)
        {
            double[] numeric = new double[x.Length];
            FiniteDifferences.Gradient(f, x, numeric);
            return Compare(analytic, numeric);
        }
    }
}
