using System.Collections.Generic;
using System;
using Backprop.Benchmarks.Experiments;

namespace Backprop.Benchmarks.Network
{
    /// <summary>The Xor sample's 2-8-8-1 sigmoid network with the binary cross-entropy over the 4 XOR points.</summary>
    public sealed class NetworkWorkload : Workload
    {
        private const int InputCount = 2;
        private const int HiddenLayers = 2;
        private const int Width = 8;
        private readonly double[] _inputs = { 0, 0, 0, 1, 1, 0, 1, 1 };
        private readonly double[] _targets = { 0, 1, 1, 0 };

        /// <inheritdoc/>
        public override string Name => "xor-2-8-8-1";

        /// <inheritdoc/>
        public override string Description => $"Xor network 2-8-8-1, BCE over 4 points ({NetworkModel.ParameterCount(InputCount, HiddenLayers, Width)} parameters)";

        /// <inheritdoc/>
        public override void Setup()
        {
            Parameters = new double[NetworkModel.ParameterCount(InputCount, HiddenLayers, Width)];
            Gradient = new double[Parameters.Length];
            Fill(new Random(1), Parameters, 1.0);
        }

        /// <inheritdoc/>
        public override double Forward()
            => NetworkModel.Loss(Parameters, _inputs, _targets, InputCount, HiddenLayers, Width, _targets.Length, NetworkModel.BinaryCrossEntropy);

        /// <inheritdoc/>
        public override double Generated()
            => NetworkModel.LossGradient(Parameters, _inputs, _targets, InputCount, HiddenLayers, Width, _targets.Length, NetworkModel.BinaryCrossEntropy, Gradient);

        /// <inheritdoc/>
        public override double HandScalar()
            => NetworkHandWritten.Scalar(Parameters, _inputs, _targets, InputCount, HiddenLayers, Width, _targets.Length, NetworkModel.BinaryCrossEntropy, Gradient);

        /// <inheritdoc/>
        public override IEnumerable<(string Name, Func<double> Run)> Variants()
        {
            yield return ("as generated (copy)", () => NetworkVariants.LossPullbackAsGenerated(Parameters, _inputs, _targets, InputCount, HiddenLayers, Width, _targets.Length, NetworkModel.BinaryCrossEntropy, 1.0, Gradient));
            yield return ("+ no saves of partial sums the reverse never reads", () => NetworkVariants.LossPullbackOnlyNeededSaves(Parameters, _inputs, _targets, InputCount, HiddenLayers, Width, _targets.Length, NetworkModel.BinaryCrossEntropy, 1.0, Gradient));
            yield return ("+ sigmoid adjoints from the saved activations", () => NetworkVariants.LossPullbackOnlyNeededSavesSavedSigmoid(Parameters, _inputs, _targets, InputCount, HiddenLayers, Width, _targets.Length, NetworkModel.BinaryCrossEntropy, 1.0, Gradient));
            yield return ("round 3: as generated now (copy)", () => NetworkVariants.LossPullbackCurrent(Parameters, _inputs, _targets, InputCount, HiddenLayers, Width, _targets.Length, NetworkModel.BinaryCrossEntropy, 1.0, Gradient));
            yield return ("round 3: + each point reversed after its forward", () => NetworkVariants.LossPullbackPerPoint(Parameters, _inputs, _targets, InputCount, HiddenLayers, Width, _targets.Length, NetworkModel.BinaryCrossEntropy, 1.0, Gradient));
            yield return ("round 3: + hidden values and adjoints stackalloc'd", () => NetworkVariants.LossPullbackPerPointStack(Parameters, _inputs, _targets, InputCount, HiddenLayers, Width, _targets.Length, NetworkModel.BinaryCrossEntropy, 1.0, Gradient));
            yield return ("round 5: as generated now, each point reversed (copy)", () => NetworkVariants.LossPullbackRound5Copy(Parameters, _inputs, _targets, InputCount, HiddenLayers, Width, _targets.Length, NetworkModel.BinaryCrossEntropy, 1.0, Gradient));
            yield return ("round 5: + hidden values and adjoints stackalloc'd", () => NetworkVariants.LossPullbackRound5Stack(Parameters, _inputs, _targets, InputCount, HiddenLayers, Width, _targets.Length, NetworkModel.BinaryCrossEntropy, 1.0, Gradient));
            yield return ("round 5: stackalloc'd, inner loops over row slices", () => NetworkVariants.LossPullbackRound5StackRowSlices(Parameters, _inputs, _targets, InputCount, HiddenLayers, Width, _targets.Length, NetworkModel.BinaryCrossEntropy, 1.0, Gradient));
            yield return ("round 5: stack when small, else pool (copy)", () => NetworkVariants.LossPullbackRound5StackOrPool(Parameters, _inputs, _targets, InputCount, HiddenLayers, Width, _targets.Length, NetworkModel.BinaryCrossEntropy, 1.0, Gradient));
            yield return ("round 6: second layer over rows (copy)", () => NetworkVariants.LossPullbackRound6Rows(Parameters, _inputs, _targets, InputCount, HiddenLayers, Width, _targets.Length, NetworkModel.BinaryCrossEntropy, 1.0, Gradient));
            yield return ($"round 9: {Ablation.TimingOnly}, hand-written without its backward pass", () => NetworkVariants.HandForwardPartRound9(Parameters, _inputs, _targets, InputCount, HiddenLayers, Width, _targets.Length, NetworkModel.BinaryCrossEntropy, Gradient));
        }
    }
}
