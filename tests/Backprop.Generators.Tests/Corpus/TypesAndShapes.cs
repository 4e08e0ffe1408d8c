using System;
using Backprop;

namespace Backprop.Tests.Corpus
{
    /// <summary>An instance method of a partial class reads its fields and properties as constants.</summary>
    public sealed partial class Regularized
    {
        private readonly double _lambda;

        public Regularized(double lambda, double offset)
        {
            _lambda = lambda;
            Offset = offset;
        }

        public double Offset { get; }

        [Differentiable]
        public double Loss(double[] w)
        {
            double s = 0;
            for (int i = 0; i < w.Length; i++)
            {
                double d = w[i] - Offset;
                s += (d * d) + (_lambda * Penalty(w[i]));
            }

            return s;
        }

        /// <summary>An instance helper, called through this.</summary>
        [Differentiable]
        public double Penalty(double x) => Math.Sqrt((x * x) + _lambda);
    }

    /// <summary>A partial struct with in and ref readonly parameters.</summary>
    public partial struct Spring
    {
        public double Stiffness;

        [Differentiable]
        public readonly double Energy(in double x, ref readonly double rest) => 0.5 * Stiffness * (x - rest) * (x - rest);

        [Differentiable]
        public static double TwoSprings(in double a, double b)
        {
            double rest = 1.0;
            return StaticEnergy(in a, in rest) + StaticEnergy(in b, in a);
        }

        [Differentiable]
        public static double StaticEnergy(in double x, ref readonly double rest) => (x - rest) * (x - rest) * 2;
    }

    /// <summary>A positional record: its properties are constants of the instance method.</summary>
    public sealed partial record Gaussian(double Mean, double Sigma)
    {
        [Differentiable]
        public double LogDensity(double x)
        {
            double z = (x - Mean) / Sigma;
            return (-0.5 * z * z) - Math.Log(Sigma);
        }
    }

    public static partial class Outer
    {
        public partial class Middle
        {
            internal static partial class Inner
            {
                [Differentiable]
                internal static double Nested(double x) => Math.Exp(-x * x);
            }
        }
    }
}

/// <summary>A type in the global namespace.</summary>
public static partial class GlobalModel
{
    [Differentiable]
    public static double Cube(double x) => x * x * x;
}
