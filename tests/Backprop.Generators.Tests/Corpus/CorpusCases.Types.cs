using System.Collections.Generic;
using static Backprop.Tests.GradientCase;

namespace Backprop.Tests.Corpus
{
    public static partial class CorpusCases
    {
        public delegate double InGrad(in double x, in double y, ref double xGrad, ref double yGrad);

        public static IEnumerable<GradientCase> TypesAndShapes()
        {
            var regularized = new Regularized(0.3, 0.2);
            yield return Vector("InstanceMethodWithFields", Random(71, 5), regularized.Loss, (w, g) => regularized.LossGradient(w, g));
            var spring = new Spring { Stiffness = 3.0 };
            yield return new GradientCase(
                "StructInAndRefReadonly",
                new[] { new[] { 1.7 }, new[] { 0.4 } },
                v => spring.Energy(in v[0][0], in v[1][0]),
                (v, d) => spring.EnergyGradient(in v[0][0], in v[1][0], ref d[0][0], ref d[1][0]));
            yield return Scalar2("StaticInParametersCallingRefReadonly", 0.3, 1.9, (a, b) => Spring.TwoSprings(in a, b), (double a, double b, ref double ga, ref double gb) => Spring.TwoSpringsGradient(in a, b, ref ga, ref gb));
            var gaussian = new Gaussian(0.5, 1.3);
            yield return Scalar1("RecordProperties", 1.1, gaussian.LogDensity, gaussian.LogDensityGradient);
            yield return Scalar1("NestedPartialTypes", 0.6, Outer.Middle.Inner.Nested, Outer.Middle.Inner.NestedGradient);
            yield return Scalar1("GlobalNamespace", 0.8, GlobalModel.Cube, GlobalModel.CubeGradient);
        }
    }
}
