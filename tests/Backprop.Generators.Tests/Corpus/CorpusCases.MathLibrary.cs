using System.Collections.Generic;

namespace Backprop.Tests.Corpus
{
    public static partial class CorpusCases
    {
        public delegate double GradFn3(double x, double y, double z, ref double xGrad, ref double yGrad, ref double zGrad);

        private static GradientCase Scalar3(string name, double x, double y, double z, System.Func<double, double, double, double> f, GradFn3 g)
            => new GradientCase(name, new[] { new[] { x }, new[] { y }, new[] { z } }, v => f(v[0][0], v[1][0], v[2][0]), (v, d) => g(v[0][0], v[1][0], v[2][0], ref d[0][0], ref d[1][0], ref d[2][0]));

        /// <summary>Each math rule at an ordinary point (MathRuleTests goes to the edges of the domains).</summary>
        public static IEnumerable<GradientCase> MathLibrary()
        {
            yield return Scalar1("Math.Exp", 0.4, MathLib.Exp, MathLib.ExpGradient);
            yield return Scalar1("exp(-x * x)", 0.7, MathLib.Gaussian, MathLib.GaussianGradient);
            yield return Scalar1("Math.Log", 1.7, MathLib.Log, MathLib.LogGradient);
            yield return Scalar2("Math.LogBase", 1.7, 3.2, MathLib.LogBase, MathLib.LogBaseGradient);
            yield return Scalar1("Math.Log10", 1.7, MathLib.Log10, MathLib.Log10Gradient);
            yield return Scalar1("Math.Log2", 1.7, MathLib.Log2, MathLib.Log2Gradient);
            yield return Scalar1("Math.Sqrt", 1.7, MathLib.Sqrt, MathLib.SqrtGradient);
            yield return Scalar1("Math.Cbrt", -1.7, MathLib.Cbrt, MathLib.CbrtGradient);
            yield return Scalar2("Math.Pow", 1.7, 0.6, MathLib.Pow, MathLib.PowGradient);
            yield return Scalar1("Math.Sin", 0.4, MathLib.Sin, MathLib.SinGradient);
            yield return Scalar1("Math.Cos", 0.4, MathLib.Cos, MathLib.CosGradient);
            yield return Scalar1("Math.Tan", 0.4, MathLib.Tan, MathLib.TanGradient);
            yield return Scalar1("Math.Asin", 0.4, MathLib.Asin, MathLib.AsinGradient);
            yield return Scalar1("Math.Acos", 0.4, MathLib.Acos, MathLib.AcosGradient);
            yield return Scalar1("Math.Atan", 0.4, MathLib.Atan, MathLib.AtanGradient);
            yield return Scalar2("Math.Atan2", 0.4, -0.9, MathLib.Atan2, MathLib.Atan2Gradient);
            yield return Scalar1("Math.Sinh", 0.4, MathLib.Sinh, MathLib.SinhGradient);
            yield return Scalar1("Math.Cosh", 0.4, MathLib.Cosh, MathLib.CoshGradient);
            yield return Scalar1("Math.Tanh", 0.4, MathLib.Tanh, MathLib.TanhGradient);
            yield return Scalar1("Math.Asinh", 0.4, MathLib.Asinh, MathLib.AsinhGradient);
            yield return Scalar1("Math.Acosh", 1.4, MathLib.Acosh, MathLib.AcoshGradient);
            yield return Scalar1("Math.Atanh", 0.4, MathLib.Atanh, MathLib.AtanhGradient);
            yield return Scalar1("Math.Abs", -0.4, MathLib.Abs, MathLib.AbsGradient);
            yield return Scalar2("Math.Max", 0.4, -0.9, MathLib.Max, MathLib.MaxGradient);
            yield return Scalar2("Math.Min", 0.4, -0.9, MathLib.Min, MathLib.MinGradient);
            yield return Scalar3("Math.ClampInside", 0.4, -0.9, 1.2, MathLib.Clamp, MathLib.ClampGradient);
            yield return Scalar3("Math.ClampBelow", -1.4, -0.9, 1.2, MathLib.Clamp, MathLib.ClampGradient);
            yield return Scalar3("Math.ClampAbove", 1.4, -0.9, 1.2, MathLib.Clamp, MathLib.ClampGradient);
            yield return Scalar3("Math.FusedMultiplyAdd", 0.4, -0.9, 1.2, MathLib.FusedMultiplyAdd, MathLib.FusedMultiplyAddGradient);
            yield return Scalar1("Math.PiecewiseConstant", -1.3, MathLib.PiecewiseConstant, MathLib.PiecewiseConstantGradient);
            yield return Scalar2("Math.Composed", 0.8, 0.3, MathLib.Composed, MathLib.ComposedGradient);
            yield return Scalar2("Math.ComposedClampedBelow", 0.3, -2.0, MathLib.Composed, MathLib.ComposedGradient);
            yield return Scalar2("Math.ComposedClampedAbove", 0.3, 2.0, MathLib.Composed, MathLib.ComposedGradient);
        }
    }
}
