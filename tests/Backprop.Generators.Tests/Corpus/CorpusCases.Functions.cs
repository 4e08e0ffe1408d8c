using System.Collections.Generic;
using static Backprop.Tests.GradientCase;

namespace Backprop.Tests.Corpus
{
    public static partial class CorpusCases
    {
        private static GradientCase Scalar1(string name, double x, System.Func<double, double> f, GradFn1 g)
            => new GradientCase(name, new[] { new[] { x } }, v => f(v[0][0]), (v, d) => g(v[0][0], ref d[0][0]));

        private static GradientCase Scalar2(string name, double x, double y, System.Func<double, double, double> f, GradFn2 g)
            => new GradientCase(name, new[] { new[] { x }, new[] { y } }, v => f(v[0][0], v[1][0]), (v, d) => g(v[0][0], v[1][0], ref d[0][0], ref d[1][0]));

        private static GradientCase Vector(string name, double[] x, System.Func<double[], double> f, GradFnV g)
            => new GradientCase(name, new[] { x }, v => f(v[0]), (v, d) => g(v[0], d[0]));

        public delegate double GradFnV(double[] x, System.Span<double> xGrad);

        public delegate double GradFn1(double x, ref double xGrad);

        public delegate double GradFn2(double x, double y, ref double xGrad, ref double yGrad);

        public static IEnumerable<GradientCase> Functions()
        {
            yield return Scalar1("Polynomial", 0.6, Fn.Polynomial, Fn.PolynomialGradient);
            yield return Scalar2("Locals", 0.7, -1.3, Fn.Locals, Fn.LocalsGradient);
            yield return Scalar2("Compound", 1.1, 0.4, Fn.Compound, Fn.CompoundGradient);
            yield return Scalar2("Division", 0.8, 1.7, Fn.Division, Fn.DivisionGradient);
            yield return Scalar1("UnaryMinus", 0.3, Fn.UnaryMinus, Fn.UnaryMinusGradient);
            yield return Scalar1("CastInt", 0.9, x => Fn.CastInt(x, 5), (double x, ref double g) => Fn.CastIntGradient(x, 5, ref g));
            yield return Scalar2("ParameterReassigned", 0.5, 2.0, Fn.ParameterReassigned, Fn.ParameterReassignedGradient);
            yield return Scalar1("NoDerivativeParameter", 1.2, x => Fn.NoDerivativeParameter(x, 0.7), (double x, ref double g) => Fn.NoDerivativeParameterGradient(x, 0.7, ref g));
            yield return Scalar1("Constants", 0.4, Fn.Constants, Fn.ConstantsGradient);
            yield return Scalar1("Softplus", -0.8, Fn.Softplus, Fn.SoftplusGradient);
            yield return Scalar2("SqrtPow", 0.9, 0.6, Fn.SqrtPow, Fn.SqrtPowGradient);
            yield return Scalar1("PowConstantExponent", -1.4, Fn.PowConstantExponent, Fn.PowConstantExponentGradient);
            yield return Scalar1("Trig", 0.7, Fn.Trig, Fn.TrigGradient);
            yield return Scalar1("Tanh", 0.6, Fn.Tanh, Fn.TanhGradient);
            yield return Scalar2("AbsMaxMin", 0.3, 1.1, Fn.AbsMaxMin, Fn.AbsMaxMinGradient);
            yield return Scalar2("AbsMaxMinOtherSide", 1.9, -0.4, Fn.AbsMaxMin, Fn.AbsMaxMinGradient);
            yield return Scalar1("IfElsePositive", 0.8, Fn.IfElse, Fn.IfElseGradient);
            yield return Scalar1("IfElseNegative", -0.8, Fn.IfElse, Fn.IfElseGradient);
            yield return Scalar2("TernaryTrue", 1.5, 0.5, Fn.Ternary, Fn.TernaryGradient);
            yield return Scalar2("TernaryFalse", 0.5, 1.5, Fn.Ternary, Fn.TernaryGradient);
            yield return Scalar1("EarlyReturnTaken", -0.9, Fn.EarlyReturn, Fn.EarlyReturnGradient);
            yield return Scalar1("EarlyReturnNotTaken", 0.9, Fn.EarlyReturn, Fn.EarlyReturnGradient);
            yield return Scalar2("NestedIfsPP", 0.9, 0.4, Fn.NestedIfs, Fn.NestedIfsGradient);
            yield return Scalar2("NestedIfsPN", 0.9, -0.4, Fn.NestedIfs, Fn.NestedIfsGradient);
            yield return Scalar2("NestedIfsReturn", -0.9, 0.4, Fn.NestedIfs, Fn.NestedIfsGradient);
            yield return Scalar2("NestedIfsFallThrough", -0.3, -0.9, Fn.NestedIfs, Fn.NestedIfsGradient);
            yield return Vector("SumOfSquares", Random(21, 7), Fn.SumOfSquares, Fn.SumOfSquaresGradient);
            yield return new GradientCase("Dot", new[] { Random(22, 5), Random(23, 5) }, v => Fn.Dot(v[0], v[1]), (v, d) => Fn.DotGradient(v[0], v[1], d[0], d[1]));
            yield return Vector("NestedLoops", Random(24, 9), x => Fn.NestedLoops(x, 3), (x, g) => Fn.NestedLoopsGradient(x, 3, g));
            yield return Vector("LocalBound", Random(25, 6), Fn.LocalBound, Fn.LocalBoundGradient);
            yield return Vector("DescendingLoop", Random(26, 6), Fn.DescendingLoop, Fn.DescendingLoopGradient);
            yield return Scalar1("InclusiveLoop", 0.35, x => Fn.InclusiveLoop(x, 6), (double x, ref double g) => Fn.InclusiveLoopGradient(x, 6, ref g));
            yield return Vector("CountDownLoop", Random(27, 6), x => Fn.CountDownLoop(x, 5), (x, g) => Fn.CountDownLoopGradient(x, 5, g));
            yield return Scalar1("ScalarOverwrittenInLoop", 0.8, x => Fn.ScalarOverwrittenInLoop(x, 7), (double x, ref double g) => Fn.ScalarOverwrittenInLoopGradient(x, 7, ref g));
            yield return Vector("TimeLoopStateArray", Random(28, 4), x => Fn.TimeLoopStateArray(x, 5), (x, g) => Fn.TimeLoopStateArrayGradient(x, 5, g));
            yield return Vector("ElementUpdatedInPlace", Random(29, 5), Fn.ElementUpdatedInPlace, Fn.ElementUpdatedInPlaceGradient);
            yield return Vector("StackallocLocal", Random(30, 4), Fn.StackallocLocal, Fn.StackallocLocalGradient);
            yield return Vector("IndexArithmetic", Random(31, 8), x => Fn.IndexArithmetic(x, 1), (x, g) => Fn.IndexArithmeticGradient(x, 1, g));
            yield return Vector("BranchesInLoop", new[] { 0.5, -0.7, 1.2, -0.1, 0.3 }, Fn.BranchesInLoop, Fn.BranchesInLoopGradient);
            yield return Vector("BranchChangesItsCondition", new[] { 0.3, 0.4, 0.8, -0.6, 0.5, 0.2 }, Fn.BranchChangesItsCondition, Fn.BranchChangesItsConditionGradient);
            yield return Vector("ResetInsideOuterLoop", Random(32, 4), Fn.ResetInsideOuterLoop, Fn.ResetInsideOuterLoopGradient);
            yield return Vector("ConditionalInLoop", Random(33, 5), Fn.ConditionalInLoop, Fn.ConditionalInLoopGradient);
            yield return Scalar1("SeveralPaths", 0.6, Fn.SeveralPaths, Fn.SeveralPathsGradient);
            yield return Vector("SoftmaxCrossEntropy", Random(34, 5, -2, 2), z => Fn.SoftmaxCrossEntropy(z, 2), (z, g) => Fn.SoftmaxCrossEntropyGradient(z, 2, g));
            yield return Scalar1("CallsScalarHelper", -0.4, Fn.CallsScalarHelper, Fn.CallsScalarHelperGradient);
            yield return Scalar2("HelpersCallHelpers", 0.7, 1.3, Fn.HelpersCallHelpers, Fn.HelpersCallHelpersGradient);
            yield return Vector("HelperInTimeLoop", Random(35, 6), Fn.HelperInTimeLoop, Fn.HelperInTimeLoopGradient);
            yield return new GradientCase(
                "VoidHelpersInPlace",
                new[] { new[] { 0.7 }, Random(36, 4) },
                v => Fn.VoidHelpersInPlace(v[0][0], v[1]),
                (v, d) => Fn.VoidHelpersInPlaceGradient(v[0][0], v[1], ref d[0][0], d[1]));
            double[] xorInputs = { 0, 0, 0, 1, 1, 0, 1, 1 };
            double[] xorTargets = { 0, 1, 1, 0 };
            yield return Vector("TinyNetwork", Random(37, 9), w => Fn.TinyNetwork(w, xorInputs, xorTargets), (w, g) => Fn.TinyNetworkGradient(w, xorInputs, xorTargets, g));
            double[] reluX = { 0.5, -1.0, 2.0, 0.25 };
            yield return Vector("ReluLayer", Random(38, 12), w => Fn.ReluLayer(w, reluX), (w, g) => Fn.ReluLayerGradient(w, reluX, g));
            int[] order = { 2, 0, 3, 1 };
            yield return Vector("IntArrayParameter", Random(39, 4), x => Fn.IntArrayParameter(x, order), (x, g) => Fn.IntArrayParameterGradient(x, order, g));
            yield return Vector("KeywordStateInIndex", Random(41, 16), w => Fn.KeywordStateInIndex(w, 1), (w, g) => Fn.KeywordStateInIndexGradient(w, 1, g));
            yield return ArrayAndScalar("NamedLikeTheTape", Random(42, 4), 0.9, Fn.NamedLikeTheTape, Fn.NamedLikeTheTapeGradient);
            yield return Scalar1("KeywordNamespaceAndType", 1.3, @fixed.@event.Square, @fixed.@event.SquareGradient);
            yield return Scalar1("OverloadedOne", 0.8, Fn.Overloaded, Fn.OverloadedGradient);
            yield return Scalar2("OverloadedTwo", 0.8, 1.1, Fn.Overloaded, Fn.OverloadedGradient);
            yield return Scalar1("TwinUpper", 0.6, Fn.Twin, Fn.TwinGradient);
            yield return Scalar1("TwinLower", 0.6, Fn.twin, Fn.twinGradient);
            yield return Scalar1("ConstantLocal", 0.6, Fn.ConstantLocal, Fn.ConstantLocalGradient);
            yield return Vector("GreekState", Random(43, 50), x => Fn.GreekState(x, 5), (x, g) => Fn.GreekStateGradient(x, 5, g));
            yield return Scalar1("KeywordNextToTemporary", 0.7, Fn.KeywordNextToTemporary, Fn.KeywordNextToTemporaryGradient);
            yield return Scalar1("GenericPair", 0.4, Generic.Pair<int>.Scale, Generic.Pair<int>.ScaleGradient);
            yield return Scalar1("PlainPair", 0.4, Generic.Pair.Scale, Generic.Pair.ScaleGradient);
            yield return Vector("BoundAtIntMin", new[] { 0.5, 2.0 }, x => Fn.BoundAtIntMin(x, int.MinValue), (x, g) => Fn.BoundAtIntMinGradient(x, int.MinValue, g));
            yield return Vector("BoundAtIntMinRuns", new[] { 0.5, 2.0 }, x => Fn.BoundAtIntMin(x, 3), (x, g) => Fn.BoundAtIntMinGradient(x, 3, g));
            yield return Vector("DescendingBoundAtIntMax", new[] { 0.5, 2.0, 0.3 }, x => Fn.DescendingBoundAtIntMax(x, int.MaxValue), (x, g) => Fn.DescendingBoundAtIntMaxGradient(x, int.MaxValue, g));
            yield return Vector("DescendingBoundRuns", new[] { 0.5, 2.0, 0.3 }, x => Fn.DescendingBoundAtIntMax(x, -1), (x, g) => Fn.DescendingBoundAtIntMaxGradient(x, -1, g));
            yield return Scalar1("KeywordLocalNextToItsAdjointName", 0.7, Fn.KeywordLocalNextToItsAdjointName, Fn.KeywordLocalNextToItsAdjointNameGradient);
            yield return Vector("WindowFrom", new[] { 0.5, 2.0, -0.7 }, x => Fn.WindowFrom(x, 4), (x, g) => Fn.WindowFromGradient(x, 4, g));
            yield return Scalar1("SwitchOnDoubleHalf", 0.7, x => Fn.SwitchOnDouble(x, 0.5), (double x, ref double g) => Fn.SwitchOnDoubleGradient(x, 0.5, ref g));
            yield return Scalar1("SwitchOnDoubleNegativeZero", 0.7, x => Fn.SwitchOnDouble(x, 0.0), (double x, ref double g) => Fn.SwitchOnDoubleGradient(x, 0.0, ref g));
            yield return Scalar1("SwitchOnDoubleDefault", 0.7, x => Fn.SwitchOnDouble(x, 2.0), (double x, ref double g) => Fn.SwitchOnDoubleGradient(x, 2.0, ref g));
            yield return Scalar1("GuardedByIsFinite", 0.7, Fn.GuardedByIsFinite, Fn.GuardedByIsFiniteGradient);
            yield return Scalar2("FactorsReadTheirValues", 0.7, -0.4, Fn.FactorsReadTheirValues, Fn.FactorsReadTheirValuesGradient);
            yield return Scalar1("RoundedToDigits", 0.2, x => Fn.RoundedToDigits(x, 0), (double x, ref double g) => Fn.RoundedToDigitsGradient(x, 0, ref g));
            yield return Scalar1("GenericMathSpellings", 0.7, Fn.GenericMathSpellings, Fn.GenericMathSpellingsGradient);
            yield return Vector("WindowFromIntMin", new[] { 0.5, 2.0, -0.7 }, x => Fn.WindowFrom(x, int.MinValue), (x, g) => Fn.WindowFromGradient(x, int.MinValue, g));
            yield return Vector("WindowDownFromIntMax", new[] { 0.5, 2.0, -0.7 }, x => Fn.WindowDownFrom(x, int.MaxValue), (x, g) => Fn.WindowDownFromGradient(x, int.MaxValue, g));
            yield return Vector("FromIntMin", new[] { 0.5, 2.0, -0.7 }, Fn.FromIntMin, Fn.FromIntMinGradient);
            yield return Vector("ConditionalBoundsWide", new[] { 0.5, 2.0, -0.7 }, x => Fn.ConditionalBounds(x, true), (x, g) => Fn.ConditionalBoundsGradient(x, true, g));
            yield return Vector("ConditionalBoundsNarrow", new[] { 0.5, 2.0, -0.7 }, x => Fn.ConditionalBounds(x, false), (x, g) => Fn.ConditionalBoundsGradient(x, false, g));
            yield return Vector("WindowFromNextToIntMin", new[] { 0.5, 2.0, -0.7 }, x => Fn.WindowFrom(x, int.MinValue + 1), (x, g) => Fn.WindowFromGradient(x, int.MinValue + 1, g));
            yield return Vector("WindowDownFrom", new[] { 0.5, 2.0, -0.7 }, x => Fn.WindowDownFrom(x, 4), (x, g) => Fn.WindowDownFromGradient(x, 4, g));
            yield return Vector("WindowDownFromNextToIntMax", new[] { 0.5, 2.0, -0.7 }, x => Fn.WindowDownFrom(x, int.MaxValue - 1), (x, g) => Fn.WindowDownFromGradient(x, int.MaxValue - 1, g));
            yield return Vector("FromOuterCounter", Random(44, 5), Fn.FromOuterCounter, Fn.FromOuterCounterGradient);
            yield return Vector("LoopToIntMin", new[] { 0.5, 2.0 }, x => Fn.LoopToIntMin(x, 0), (x, g) => Fn.LoopToIntMinGradient(x, 0, g));
            yield return Vector("ShapedVector", new[] { 0.5, 2.0 }, Fn.Shaped, Fn.ShapedGradient);
            yield return Vector("ShapedWithConstants", new[] { 0.5, 2.0 }, x => Fn.Shaped(x, 2, (1, 3)), (x, g) => Fn.ShapedGradient(x, 2, (1, 3), g));
            yield return Scalar1("CaseTwinUpper", 0.6, CaseTwins.CaseTwin.F, CaseTwins.CaseTwin.FGradient);
            yield return Scalar1("CaseTwinLower", 0.6, CaseTwins.caseTwin.F, CaseTwins.caseTwin.FGradient);
            yield return Scalar1("NamespaceUpper", 0.6, Spaces.M.F, Spaces.M.FGradient);
            yield return Scalar1("NamespaceLower", 0.6, spaces.M.F, spaces.M.FGradient);
            yield return ArrayAndScalar("KeywordNames", Random(40, 3), 0.7, Fn.KeywordNames, Fn.KeywordNamesGradient);
        }
    }
}
