using System.Collections.Generic;
using System;
using Backprop.Benchmarks.Experiments;

namespace Backprop.Benchmarks.Lstm
{
    /// <summary>The ADBench LSTM objective: main and extra parameters packed in <see cref="Workload.Parameters"/>.</summary>
    public sealed class LstmWorkload : Workload
    {
        private readonly int _l;
        private readonly int _c;
        private readonly int _b;
        private double[] _state = Array.Empty<double>();
        private double[] _sequence = Array.Empty<double>();

        /// <summary>Creates the workload.</summary>
        /// <param name="l">Layers.</param>
        /// <param name="c">Sequence length.</param>
        /// <param name="b">Alphabet size.</param>
        public LstmWorkload(int l, int c, int b)
        {
            _l = l;
            _c = c;
            _b = b;
        }

        /// <inheritdoc/>
        public override string Name => $"lstm-l{_l}-c{_c}";

        /// <inheritdoc/>
        public override string Description => $"LSTM, l = {_l} layers, c = {_c} characters, b = {_b} symbols ({Parameters.Length} parameters)";

        private int MainLength => 8 * _l * _b;

        /// <inheritdoc/>
        public override void Setup()
        {
            var random = new Random(11 + _l * 1000 + _c);
            Parameters = new double[MainLength + 3 * _b];
            Gradient = new double[Parameters.Length];
            Fill(random, Parameters, 1.0);
            _state = new double[2 * _l * _b];
            Fill(random, _state, 1.0);

            // A one-hot character per step.
            _sequence = new double[_c * _b];
            for (int t = 0; t < _c; t++)
            {
                _sequence[t * _b + random.Next(_b)] = 1.0;
            }
        }

        /// <inheritdoc/>
        public override double Forward()
            => LstmModel.Objective(Parameters.AsSpan(0, MainLength), Parameters.AsSpan(MainLength), _state, _sequence, _l, _c, _b);

        /// <inheritdoc/>
        public override double Generated()
            => LstmModel.ObjectiveGradient(
                Parameters.AsSpan(0, MainLength), Parameters.AsSpan(MainLength), _state, _sequence, _l, _c, _b,
                Gradient.AsSpan(0, MainLength), Gradient.AsSpan(MainLength));

        /// <inheritdoc/>
        public override double HandScalar()
            => LstmHandWritten.Scalar(
                Parameters.AsSpan(0, MainLength), Parameters.AsSpan(MainLength), _state, _sequence, _l, _c, _b,
                Gradient.AsSpan(0, MainLength), Gradient.AsSpan(MainLength));

        /// <inheritdoc/>
        public override IEnumerable<(string Name, Func<double> Run)> Variants()
        {
            yield return ("as generated (copy)", () => LstmVariants.ObjectivePullbackAsGenerated(Parameters.AsSpan(0, MainLength), Parameters.AsSpan(MainLength), _state, _sequence, _l, _c, _b, 1.0, Gradient.AsSpan(0, MainLength), Gradient.AsSpan(MainLength)));
            yield return ("+ gate adjoints from the saved gate values", () => LstmVariants.ObjectivePullbackSavedActivations(Parameters.AsSpan(0, MainLength), Parameters.AsSpan(MainLength), _state, _sequence, _l, _c, _b, 1.0, Gradient.AsSpan(0, MainLength), Gradient.AsSpan(MainLength)));
            yield return ("+ log-sum-exp pullback without re-running its forward", () => LstmVariants.ObjectivePullbackSavedActivationsLseOnce(Parameters.AsSpan(0, MainLength), Parameters.AsSpan(MainLength), _state, _sequence, _l, _c, _b, 1.0, Gradient.AsSpan(0, MainLength), Gradient.AsSpan(MainLength)));
            yield return ("round 7: the generated code (copy)", () => LstmVariants.ObjectivePullbackRound7(Parameters.AsSpan(0, MainLength), Parameters.AsSpan(MainLength), _state, _sequence, _l, _c, _b, 1.0, Gradient.AsSpan(0, MainLength), Gradient.AsSpan(MainLength)));
            yield return ("round 7: unit adjoints (inputAdj[j], stateAdj[h + j], stateAdj[h + b + j]) in locals", () => LstmVariants.ObjectivePullbackRound7AllElements(Parameters.AsSpan(0, MainLength), Parameters.AsSpan(MainLength), _state, _sequence, _l, _c, _b, 1.0, Gradient.AsSpan(0, MainLength), Gradient.AsSpan(MainLength)));
            yield return ("round 7: inputAdj[j] in a local", () => LstmVariants.ObjectivePullbackRound7SameIndex(Parameters.AsSpan(0, MainLength), Parameters.AsSpan(MainLength), _state, _sequence, _l, _c, _b, 1.0, Gradient.AsSpan(0, MainLength), Gradient.AsSpan(MainLength)));
            yield return ($"round 9: {Ablation.TimingOnly}, hand-written without its backward pass", () => LstmVariants.HandForwardPartRound9(Parameters.AsSpan(0, MainLength), Parameters.AsSpan(MainLength), _state, _sequence, _l, _c, _b, Gradient.AsSpan(0, MainLength), Gradient.AsSpan(MainLength)));
            yield return ("round 9: the generated code (copy)", () => LstmVariants.ObjectivePullbackRound9(Parameters.AsSpan(0, MainLength), Parameters.AsSpan(MainLength), _state, _sequence, _l, _c, _b, 1.0, Gradient.AsSpan(0, MainLength), Gradient.AsSpan(MainLength)));
            yield return ($"round 9: {Ablation.TimingOnly}, the forward sweep alone (with its saves)", () => LstmVariants.ObjectivePullbackRound9ForwardSweepOnly(Parameters.AsSpan(0, MainLength), Parameters.AsSpan(MainLength), _state, _sequence, _l, _c, _b, 1.0, Gradient.AsSpan(0, MainLength), Gradient.AsSpan(MainLength)));
            yield return ("round 9: tanh derivatives as 1 - tanh² only", () => LstmVariants.ObjectivePullbackRound9NoTanhTail(Parameters.AsSpan(0, MainLength), Parameters.AsSpan(MainLength), _state, _sequence, _l, _c, _b, 1.0, Gradient.AsSpan(0, MainLength), Gradient.AsSpan(MainLength)));
            yield return ("round 9: the tanh rule's far branch in a helper not inlined", () => LstmVariants.ObjectivePullbackRound9TailHelper(Parameters.AsSpan(0, MainLength), Parameters.AsSpan(MainLength), _state, _sequence, _l, _c, _b, 1.0, Gradient.AsSpan(0, MainLength), Gradient.AsSpan(MainLength)));
            yield return ("round 9: the tanh rule testing the saved tanh, argument only past tanh(2)", () => LstmVariants.ObjectivePullbackRound9TestOnResult(Parameters.AsSpan(0, MainLength), Parameters.AsSpan(MainLength), _state, _sequence, _l, _c, _b, 1.0, Gradient.AsSpan(0, MainLength), Gradient.AsSpan(MainLength)));
            yield return ("round 9: that, the far branch in a helper not inlined", () => LstmVariants.ObjectivePullbackRound9TestOnResultHelper(Parameters.AsSpan(0, MainLength), Parameters.AsSpan(MainLength), _state, _sequence, _l, _c, _b, 1.0, Gradient.AsSpan(0, MainLength), Gradient.AsSpan(MainLength)));
            yield return ("round 9: one room check per unit for its eight saves", () => LstmVariants.ObjectivePullbackRound9ReservePerIteration(Parameters.AsSpan(0, MainLength), Parameters.AsSpan(MainLength), _state, _sequence, _l, _c, _b, 1.0, Gradient.AsSpan(0, MainLength), Gradient.AsSpan(MainLength)));
            yield return ("round 9: one room check per layer for its units' saves", () => LstmVariants.ObjectivePullbackRound9ReservePerLoop(Parameters.AsSpan(0, MainLength), Parameters.AsSpan(MainLength), _state, _sequence, _l, _c, _b, 1.0, Gradient.AsSpan(0, MainLength), Gradient.AsSpan(MainLength)));
            yield return ("round 9: tanh derivatives as 1 - tanh², the unit's adjoint elements in locals", () => LstmVariants.ObjectivePullbackRound9NoTanhTailAdjointsInLocals(Parameters.AsSpan(0, MainLength), Parameters.AsSpan(MainLength), _state, _sequence, _l, _c, _b, 1.0, Gradient.AsSpan(0, MainLength), Gradient.AsSpan(MainLength)));
        }
    }
}
