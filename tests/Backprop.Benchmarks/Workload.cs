using System;
using System.Collections.Generic;

namespace Backprop.Benchmarks
{
    /// <summary>
    /// One benchmarked function at one size: its forward method, its generated gradient and the gradients it is
    /// compared with. Every gradient method adds into the same packed buffer <see cref="Gradient"/> (the generated
    /// contract: gradients accumulate), laid out like <see cref="Parameters"/>.
    /// </summary>
    public abstract class Workload
    {
        /// <summary>The name shown in the tables, for example <c>abc-K64</c>.</summary>
        public abstract string Name { get; }

        /// <summary>A one-line description of the size.</summary>
        public abstract string Description { get; }

        /// <summary>All differentiable parameters, packed in one array.</summary>
        public double[] Parameters { get; protected set; } = Array.Empty<double>();

        /// <summary>The gradient buffer every gradient method adds into, laid out like <see cref="Parameters"/>.</summary>
        public double[] Gradient { get; protected set; } = Array.Empty<double>();

        /// <summary>Whether a System.Numerics.Tensors hand-written gradient exists.</summary>
        public virtual bool HasVectorized => false;

        /// <summary>Whether finite differences are affordable at this size (they cost four forward calls per parameter).</summary>
        public virtual bool HasFiniteDifferences => true;

        /// <summary>Creates the data: the same numbers on every run.</summary>
        public abstract void Setup();

        /// <summary>The forward method alone.</summary>
        /// <returns>Its value.</returns>
        public abstract double Forward();

        /// <summary>The generated gradient, added into <see cref="Gradient"/>.</summary>
        /// <returns>The value.</returns>
        public abstract double Generated();

        /// <summary>The hand-written scalar gradient, added into <see cref="Gradient"/>.</summary>
        /// <returns>The value.</returns>
        public abstract double HandScalar();

        /// <summary>The hand-written System.Numerics.Tensors gradient, added into <see cref="Gradient"/>.</summary>
        /// <returns>The value.</returns>
        public virtual double HandVectorized() => throw new NotSupportedException(Name + " has no vectorized gradient.");

        /// <summary>Central finite differences (<see cref="Backprop.FiniteDifferences"/>) of <see cref="Forward"/>, written into <see cref="Gradient"/>.</summary>
        /// <returns>The first component, so that the call is not optimised away.</returns>
        public double FiniteDifferences()
        {
            Backprop.FiniteDifferences.Gradient(_forward ??= Forward, Parameters, Gradient);
            return Gradient[0];
        }

        private Func<double>? _forward;

        /// <summary>Hand-edited copies of the generated pullback (see Experiments/), for the ablation.</summary>
        /// <returns>Named variants, each adding into <see cref="Gradient"/> with a seed of 1.</returns>
        public virtual IEnumerable<(string Name, Func<double> Run)> Variants() => Array.Empty<(string, Func<double>)>();

        /// <summary>Uniform random numbers in [-scale, scale].</summary>
        /// <param name="random">The generator.</param>
        /// <param name="values">Filled.</param>
        /// <param name="scale">The half-width.</param>
        protected static void Fill(Random random, Span<double> values, double scale)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (2 * random.NextDouble() - 1) * scale;
            }
        }

        /// <inheritdoc/>
        public override string ToString() => Name;
    }
}
