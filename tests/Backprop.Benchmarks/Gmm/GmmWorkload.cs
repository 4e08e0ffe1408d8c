using System.Collections.Generic;
using System;
using Backprop.Benchmarks.Experiments;

namespace Backprop.Benchmarks.Gmm
{
    /// <summary>The ADBench mixture objective at one (d, K, n): alphas, means and icf packed in <see cref="Workload.Parameters"/>.</summary>
    public sealed class GmmWorkload : Workload
    {
        private const double WishartGamma = 1.0;
        private const int WishartM = 0;
        private readonly int _d;
        private readonly int _k;
        private readonly int _n;
        private double[] _x = Array.Empty<double>();

        /// <summary>Creates the workload.</summary>
        /// <param name="d">Dimension.</param>
        /// <param name="k">Components.</param>
        /// <param name="n">Points.</param>
        public GmmWorkload(int d, int k, int n)
        {
            _d = d;
            _k = k;
            _n = n;
        }

        /// <inheritdoc/>
        public override string Name => $"gmm-d{_d}-K{_k}";

        /// <inheritdoc/>
        public override string Description => $"GMM, d = {_d}, K = {_k}, n = {_n} ({Parameters.Length} parameters)";

        /// <inheritdoc/>
        public override bool HasFiniteDifferences => _k * _d <= 20;

        private int MeansOffset => _k;

        private int IcfOffset => _k + _k * _d;

        private int IcfLength => _k * _d * (_d + 1) / 2;

        /// <inheritdoc/>
        public override void Setup()
        {
            var random = new Random(7 + _d * 100 + _k);
            Parameters = new double[_k + _k * _d + IcfLength];
            Gradient = new double[Parameters.Length];
            _x = new double[_n * _d];
            Fill(random, Parameters.AsSpan(0, _k), 1.0);
            Fill(random, Parameters.AsSpan(MeansOffset, _k * _d), 1.0);
            Fill(random, Parameters.AsSpan(IcfOffset, IcfLength), 0.5);
            Fill(random, _x, 1.0);
        }

        /// <inheritdoc/>
        public override double Forward()
            => GmmModel.Objective(
                Parameters.AsSpan(0, _k), Parameters.AsSpan(MeansOffset, _k * _d), Parameters.AsSpan(IcfOffset, IcfLength),
                _x, _d, _k, _n, WishartGamma, WishartM);

        /// <inheritdoc/>
        public override double Generated()
            => GmmModel.ObjectiveGradient(
                Parameters.AsSpan(0, _k), Parameters.AsSpan(MeansOffset, _k * _d), Parameters.AsSpan(IcfOffset, IcfLength),
                _x, _d, _k, _n, WishartGamma, WishartM,
                Gradient.AsSpan(0, _k), Gradient.AsSpan(MeansOffset, _k * _d), Gradient.AsSpan(IcfOffset, IcfLength));

        /// <inheritdoc/>
        public override double HandScalar()
            => GmmHandWritten.Scalar(
                Parameters.AsSpan(0, _k), Parameters.AsSpan(MeansOffset, _k * _d), Parameters.AsSpan(IcfOffset, IcfLength),
                _x, _d, _k, _n, WishartGamma, WishartM,
                Gradient.AsSpan(0, _k), Gradient.AsSpan(MeansOffset, _k * _d), Gradient.AsSpan(IcfOffset, IcfLength));

        /// <inheritdoc/>
        public override IEnumerable<(string Name, Func<double> Run)> Variants()
        {
            yield return ("as generated (copy)", () => GmmVariants.ObjectivePullbackAsGenerated(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ("+ tape sized up front", () => GmmVariants.ObjectivePullbackPresizedTape(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ("+ no saves of partial sums the reverse never reads", () => GmmVariants.ObjectivePullbackOnlyNeededSaves(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ("+ log-sum-exp pullback without re-running its forward", () => GmmVariants.ObjectivePullbackOnlyNeededSavesLseOnce(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ("round 3: as generated now (copy)", () => GmmVariants.ObjectivePullbackCurrent(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ("round 3: + each point reversed after its forward", () => GmmVariants.ObjectivePullbackPerPoint(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ("round 3: + every array access unchecked (Unsafe.Add)", () => GmmVariants.ObjectivePullbackUnchecked(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ("round 3: + the d-sized scratch arrays stackalloc'd", () => GmmVariants.ObjectivePullbackStackScratch(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ("round 3: + triangular product's reverse in a method of its own", () => GmmVariants.ObjectivePullbackTriangularOutlined(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ("round 3: + triangular product's reverse reading xcentered[i] once", () => GmmVariants.ObjectivePullbackTriangularHoisted(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ("round 3: + triangular product's reverse reading xcentered[i] once, j ascending", () => GmmVariants.ObjectivePullbackTriangularAscending(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ("round 3: + triangular product's reverse over row slices, as hand-written", () => GmmVariants.ObjectivePullbackTriangularSliced(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ($"round 3: {Ablation.TimingOnly}, without the recomputed xcentered", () => GmmVariants.ObjectivePullbackWithoutRecomputedXcentered(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ($"round 3: {Ablation.TimingOnly}, without the sqnorm reverse", () => GmmVariants.ObjectivePullbackWithoutSqnormReverse(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ($"round 3: {Ablation.TimingOnly}, without the triangular product's reverse", () => GmmVariants.ObjectivePullbackWithoutTriangularReverse(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ($"round 3: {Ablation.TimingOnly}, without the means reverse", () => GmmVariants.ObjectivePullbackWithoutMeansReverse(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ($"round 3: {Ablation.TimingOnly}, without the log-sum-exp reverse (tape kept)", () => GmmVariants.ObjectivePullbackWithoutLogSumExpReverse(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ($"round 3: {Ablation.TimingOnly}, hand-written without its backward over the points", () => GmmVariants.HandForwardPart(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, GradAlphas, GradMeans, GradIcf));
            yield return ($"round 3: {Ablation.TimingOnly}, hand-written without its triangular backward", () => GmmVariants.HandWithoutTriangular(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, GradAlphas, GradMeans, GradIcf));
            yield return ("round 8: the generated code (copy)", () => GmmVariants.ObjectivePullbackRound8(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ("round 8: qxcentered saved and restored as one block per component", () => GmmVariants.ObjectivePullbackRound8BlockSaves(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ($"round 8: {Ablation.TimingOnly}, without saving qxcentered", () => GmmVariants.ObjectivePullbackRound8WithoutQxcenteredSaves(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ("round 8: the triangular reverse's inner loop ascending", () => GmmVariants.ObjectivePullbackRound8TriangleAscending(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ("round 8: that, reading xcentered[i] once", () => GmmVariants.ObjectivePullbackRound8TriangleAscendingHoisted(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ("round 8: every reverse loop that pops nothing ascending", () => GmmVariants.ObjectivePullbackRound8AllAscending(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ($"round 8: {Ablation.TimingOnly}, the forward sweep alone (with its saves)", () => GmmVariants.ObjectivePullbackRound8ForwardSweepOnly(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ($"round 8: {Ablation.TimingOnly}, without the triangular product's reverse", () => GmmVariants.ObjectivePullbackRound8WithoutTriangularReverse(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ("round 9: the round-8 copy, adjacent reverse loops over d fused", () => GmmVariants.ObjectivePullbackRound9FusedReverse(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
            yield return ("round 9: the round-8 copy, adjacent loops over d fused in both sweeps", () => GmmVariants.ObjectivePullbackRound9FusedBoth(Alphas, Means, Icf, _x, _d, _k, _n, WishartGamma, WishartM, 1.0, GradAlphas, GradMeans, GradIcf));
        }

        private ReadOnlySpan<double> Alphas => Parameters.AsSpan(0, _k);

        private ReadOnlySpan<double> Means => Parameters.AsSpan(MeansOffset, _k * _d);

        private ReadOnlySpan<double> Icf => Parameters.AsSpan(IcfOffset, IcfLength);

        private Span<double> GradAlphas => Gradient.AsSpan(0, _k);

        private Span<double> GradMeans => Gradient.AsSpan(MeansOffset, _k * _d);

        private Span<double> GradIcf => Gradient.AsSpan(IcfOffset, IcfLength);
    }
}
