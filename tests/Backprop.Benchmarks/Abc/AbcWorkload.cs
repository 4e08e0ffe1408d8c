using System.Collections.Generic;
using System;
using Backprop.Benchmarks.Experiments;

namespace Backprop.Benchmarks.Abc
{
    /// <summary>The A/B/C loss at one K: A, B and C packed in <see cref="Workload.Parameters"/>.</summary>
    public sealed class AbcWorkload : Workload
    {
        private readonly int _k;
        private double[] _x = Array.Empty<double>();

        /// <summary>Creates the workload.</summary>
        /// <param name="k">The dimension K.</param>
        public AbcWorkload(int k) => _k = k;

        /// <inheritdoc/>
        public override string Name => "abc-K" + _k;

        /// <inheritdoc/>
        public override string Description => $"A/B/C loss, K = {_k} ({3 * _k * _k} parameters)";

        /// <inheritdoc/>
        public override bool HasVectorized => true;

        /// <inheritdoc/>
        public override bool HasFiniteDifferences => _k <= 64;

        /// <inheritdoc/>
        public override void Setup()
        {
            var random = new Random(42 + _k);
            Parameters = new double[3 * _k * _k];
            Gradient = new double[Parameters.Length];
            _x = new double[_k];
            Fill(random, Parameters, 1.0 / Math.Sqrt(_k));
            Fill(random, _x, 1.0);
        }

        private int Size => _k * _k;

        /// <inheritdoc/>
        public override double Forward()
            => AbcModel.Loss(Parameters.AsSpan(0, Size), Parameters.AsSpan(Size, Size), Parameters.AsSpan(2 * Size, Size), _x, _k);

        /// <inheritdoc/>
        public override double Generated()
            => AbcModel.LossGradient(
                Parameters.AsSpan(0, Size), Parameters.AsSpan(Size, Size), Parameters.AsSpan(2 * Size, Size), _x, _k,
                Gradient.AsSpan(0, Size), Gradient.AsSpan(Size, Size), Gradient.AsSpan(2 * Size, Size));

        /// <inheritdoc/>
        public override double HandScalar()
            => AbcHandWritten.Scalar(
                Parameters.AsSpan(0, Size), Parameters.AsSpan(Size, Size), Parameters.AsSpan(2 * Size, Size), _x, _k,
                Gradient.AsSpan(0, Size), Gradient.AsSpan(Size, Size), Gradient.AsSpan(2 * Size, Size));

        /// <inheritdoc/>
        public override double HandVectorized()
            => AbcHandWritten.Vectorized(
                Parameters.AsSpan(0, Size), Parameters.AsSpan(Size, Size), Parameters.AsSpan(2 * Size, Size), _x, _k,
                Gradient.AsSpan(0, Size), Gradient.AsSpan(Size, Size), Gradient.AsSpan(2 * Size, Size));

        /// <inheritdoc/>
        public override IEnumerable<(string Name, Func<double> Run)> Variants()
        {
            yield return ("as generated (copy)", () => AbcVariants.LossPullbackAsGenerated(A, B, C, _x, _k, 1.0, GradA, GradB, GradC));
            yield return ("+ pullback of MatVec specialised for constant x", () => AbcVariants.LossPullbackNoScratch(A, B, C, _x, _k, 1.0, GradA, GradB, GradC));
            yield return ("+ sigmoid adjoint from the saved u", () => AbcVariants.LossPullbackNoScratchSavedSigmoid(A, B, C, _x, _k, 1.0, GradA, GradB, GradC));
            yield return ("round 3: as generated now (copy)", () => AbcVariants.LossPullbackCurrent(A, B, C, _x, _k, 1.0, GradA, GradB, GradC));
            yield return ("round 3: + adjacent loops over one range fused", () => AbcVariants.LossPullbackFusedLoops(A, B, C, _x, _k, 1.0, GradA, GradB, GradC));
            yield return ("round 3: + the ten spans carved from one stackalloc", () => AbcVariants.LossPullbackOneStackalloc(A, B, C, _x, _k, 1.0, GradA, GradB, GradC));
            yield return ("round 3: + every span access unchecked (Unsafe.Add)", () => AbcVariants.LossPullbackUnchecked(A, B, C, _x, _k, 1.0, GradA, GradB, GradC));
            yield return ("round 3: + adjoint elements updated twice kept in locals", () => AbcVariants.LossPullbackAdjointsInLocals(A, B, C, _x, _k, 1.0, GradA, GradB, GradC));
            yield return ("round 4: as generated now (copy, sweeps inlined)", () => AbcVariants.LossPullbackRound4Copy(A, B, C, _x, _k, 1.0, GradA, GradB, GradC));
            yield return ("round 4: + adjoint spans from one stackalloc, after the forward", () => AbcVariants.LossPullbackOneAdjointStackalloc(A, B, C, _x, _k, 1.0, GradA, GradB, GradC));
            yield return ("round 4: + reverse sweep and its stackallocs in a method of its own", () => AbcVariants.LossPullbackSplitSweeps(A, B, C, _x, _k, 1.0, GradA, GradB, GradC));
            yield return ($"round 4: {Ablation.TimingOnly}, the forward sweep alone", () => AbcVariants.LossForwardSweepOnly(A, B, C, _x, _k, 1.0, GradA, GradB, GradC));
            yield return ($"round 4: {Ablation.TimingOnly}, the forward sweep, primal stackallocs only", () => AbcVariants.LossForwardSweepPrimalStackallocsOnly(A, B, C, _x, _k, 1.0, GradA, GradB, GradC));
            yield return ($"round 4: {Ablation.TimingOnly}, hand-written without its backward part", () => AbcVariants.HandForwardPart(A, B, C, _x, _k));
            yield return ($"round 4: {Ablation.TimingOnly}, that with five stackallocs", () => AbcVariants.HandForwardPartFiveStackallocs(A, B, C, _x, _k));
        }

        private ReadOnlySpan<double> A => Parameters.AsSpan(0, Size);

        private ReadOnlySpan<double> B => Parameters.AsSpan(Size, Size);

        private ReadOnlySpan<double> C => Parameters.AsSpan(2 * Size, Size);

        private Span<double> GradA => Gradient.AsSpan(0, Size);

        private Span<double> GradB => Gradient.AsSpan(Size, Size);

        private Span<double> GradC => Gradient.AsSpan(2 * Size, Size);
    }
}
