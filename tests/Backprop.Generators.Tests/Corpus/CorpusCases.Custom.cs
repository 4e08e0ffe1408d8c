using System.Collections.Generic;
using static Backprop.Tests.GradientCase;

namespace Backprop.Tests.Corpus
{
    public static partial class CorpusCases
    {
        /// <summary>Custom derivatives in both forms, and the stable function library.</summary>
        public static IEnumerable<GradientCase> CustomDerivatives()
        {
            yield return Scalar2("Custom.Softsign", 0.7, -0.4, Custom.UsesSoftsign, Custom.UsesSoftsignGradient);
            yield return Scalar2("Custom.Hypot", 0.7, -0.4, Custom.UsesHypot, Custom.UsesHypotGradient);
            yield return Vector("Custom.WeightedSquares", Random(81, 5), Custom.UsesWeightedSquares, Custom.UsesWeightedSquaresGradient);
            yield return Vector("Custom.CumulativeSum", Random(82, 6), Custom.UsesCumulativeSum, Custom.UsesCumulativeSumGradient);
            yield return Scalar2("Custom.Remainder", 1.3, 0.7, Custom.UsesRemainder, Custom.UsesRemainderGradient);
            yield return Scalar2("Custom.FromResult", 0.7, -0.4, Custom.UsesLogistic, Custom.UsesLogisticGradient);
            yield return Scalar2("Custom.FromResultKeywordNameAndCalledAgain", 0.6, -0.8, Custom.UsesFixed, Custom.UsesFixedGradient);
            yield return Scalar2("Custom.FromResultOtherBranch", -0.9, 0.6, Custom.UsesLogistic, Custom.UsesLogisticGradient);
            yield return new GradientCase(
                "Custom.FromResultInLoops",
                new[] { Random(85, 7), Random(86, 2) },
                v => Custom.LogisticLayers(v[0], v[1]),
                (v, d) => Custom.LogisticLayersGradient(v[0], v[1], d[0], d[1]));
            yield return Scalar1("Custom.OverridesDifferentiable", 0.6, Custom.UsesNaiveLogistic, Custom.UsesNaiveLogisticGradient);
            yield return Scalar2("Custom.CallerOverridesLibrary", 0.7, -0.4, Custom.UsesOverriddenLibrary, Custom.UsesOverriddenLibraryGradient);
            yield return Scalar2("Custom.GenericHome", 0.7, -0.4, Custom.UsesGenericHome, Custom.UsesGenericHomeGradient);
            var curve = new Curve();
            yield return Scalar1("Custom.BaseCallStaysNonVirtual", 0.8, curve.UsesBase, curve.UsesBaseGradient);
            yield return Scalar2("Library.Scalars", 0.7, -0.4, Custom.LibraryScalars, Custom.LibraryScalarsGradient);
            yield return Scalar2("Library.Scalars2", -2.5, 1.5, Custom.LibraryScalars, Custom.LibraryScalarsGradient);
            yield return Scalar2("Library.BinaryCrossEntropyTarget", 1.2, 0.3, Custom.LibraryBinaryCrossEntropyTarget, Custom.LibraryBinaryCrossEntropyTargetGradient);
            double[] x = Random(83, 4);
            yield return new GradientCase(
                "Library.Softmax",
                new[] { Random(84, 12), x },
                v => Custom.LibrarySoftmax(v[0], v[1], 3, 1),
                (v, d) => Custom.LibrarySoftmaxGradient(v[0], v[1], 3, 1, d[0], d[1]));
        }
    }
}
