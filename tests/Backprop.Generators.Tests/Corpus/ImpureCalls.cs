using System;
using Backprop;

namespace Backprop.Tests.Corpus
{
    /// <summary>
    /// Calls of methods that return something else each time (a noise source, a coin): the gradient must use the
    /// values the forward computation drew, never draw again. Checked in ImpureCallTests (finite differences cannot
    /// check these: every evaluation draws new values).
    /// </summary>
    public static partial class Impure
    {
        [ThreadStatic]
        private static int t_draws;

        /// <summary>Starts the draws again.</summary>
        public static void Reset() => t_draws = 0;

        /// <summary>1, 2, 3, … from the last reset: a stand-in for a random number generator.</summary>
        public static double Noise() => ++t_draws;

        /// <summary>True on every second draw.</summary>
        public static bool Coin() => (++t_draws & 1) == 0;

        /// <summary>Σ x[i]·noise, with a state carried through the loop: ∂/∂x[i] involves the i-th draw.</summary>
        [Differentiable]
        public static double NoisyChain(double[] x)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                s = (s * 0.5) + (x[i] * Noise());
            }

            return s;
        }

        /// <summary>A branch chosen by a coin, in a loop and in a conditional expression.</summary>
        [Differentiable]
        public static double CoinFlips(double[] x)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                if (Coin())
                {
                    s += x[i] * x[i];
                }
            }

            s += Coin() ? 3 * x[0] : -x[0];
            return s;
        }
    }
}
