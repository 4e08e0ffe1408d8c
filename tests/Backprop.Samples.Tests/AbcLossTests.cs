using System;
using Backprop.Samples.AbcLoss;
using Xunit;

namespace Backprop.Samples.Tests
{
    public class AbcLossTests
    {
        [Theory]
        [InlineData(1, 1)]
        [InlineData(4, 1)]
        [InlineData(4, 2)]
        [InlineData(7, 3)]
        public void GeneratedGradientMatchesFiniteDifferences(int k, int seed)
        {
            var problem = AbcProblem.Create(k, n: 3, seed);

            GradientCheckResult check = problem.CheckGradient();

            Assert.Equal(3 * k * k, check.Count);
            Assert.True(check.Passes(1e-6), check.ToString());
        }

        [Fact]
        public void GeneratedGradientMatchesFiniteDifferencesWhereTheSigmoidSaturates()
        {
            // Large entries in A push Ax far into both tails of the sigmoid, through both branches of the stable form.
            var problem = AbcProblem.Create(k: 3, n: 1, seed: 5);
            for (int i = 0; i < problem.A.Length; i++)
            {
                problem.A[i] *= 20;
            }

            GradientCheckResult check = problem.CheckGradient();

            Assert.True(check.Passes(1e-6), check.ToString());
        }

        [Fact]
        public void GradientReturnsTheLossAndAddsIntoTheBuffers()
        {
            var problem = AbcProblem.Create(k: 3, n: 1, seed: 2);
            double[] aOnce = new double[9], bOnce = new double[9], cOnce = new double[9];
            double[] aTwice = new double[9], bTwice = new double[9], cTwice = new double[9];

            double value = AbcModel.LossGradient(problem.A, problem.B, problem.C, problem.Input(0), 3, aOnce, bOnce, cOnce);
            AbcModel.LossGradient(problem.A, problem.B, problem.C, problem.Input(0), 3, aTwice, bTwice, cTwice);
            AbcModel.LossGradient(problem.A, problem.B, problem.C, problem.Input(0), 3, aTwice, bTwice, cTwice);

            Assert.Equal(AbcModel.Loss(problem.A, problem.B, problem.C, problem.Input(0), 3), value);
            for (int i = 0; i < 9; i++)
            {
                Assert.Equal(2 * aOnce[i], aTwice[i], 12);
                Assert.Equal(2 * bOnce[i], bTwice[i], 12);
                Assert.Equal(2 * cOnce[i], cTwice[i], 12);
            }
        }

        [Fact]
        public void MeanGradientMatchesFiniteDifferencesOfTheMeanLoss()
        {
            var problem = AbcProblem.Create(k: 3, n: 5, seed: 4);
            double[] analytic = new double[27];

            double meanLoss = problem.MeanGradient(analytic.AsSpan(0, 9), analytic.AsSpan(9, 9), analytic.AsSpan(18, 9));
            double[] numeric = new double[27];
            FiniteDifferences.Gradient(problem.MeanLoss, problem.A, numeric.AsSpan(0, 9));
            FiniteDifferences.Gradient(problem.MeanLoss, problem.B, numeric.AsSpan(9, 9));
            FiniteDifferences.Gradient(problem.MeanLoss, problem.C, numeric.AsSpan(18, 9));
            GradientCheckResult check = GradientCheck.Compare(analytic, numeric);

            Assert.Equal(problem.MeanLoss(), meanLoss, 12);
            Assert.True(check.Passes(1e-6), check.ToString());
        }

        [Theory]
        [InlineData(1000.0)]
        [InlineData(-1000.0)]
        [InlineData(double.MaxValue)]
        [InlineData(-double.MaxValue)]
        public void SigmoidIsExactlyZeroOrOneWithAZeroGradientAtExtremes(double x)
        {
            double value = Functions.Sigmoid(x);
            double gradient = Functions.SigmoidDerivative(x);

            Assert.Equal(x > 0 ? 1.0 : 0.0, value);
            Assert.Equal(0.0, gradient);
        }

        [Theory]
        [InlineData(709.0)]
        [InlineData(-709.0)]
        [InlineData(710.0)]
        [InlineData(-710.0)]
        [InlineData(745.0)]
        [InlineData(-745.0)]
        public void SigmoidIsFiniteWithAFiniteGradientWhereTheNaiveFormOverflows(double x)
        {
            double value = Functions.Sigmoid(x);
            double gradient = Functions.SigmoidDerivative(x);

            Assert.InRange(value, 0.0, 1.0);
            Assert.True(double.IsFinite(gradient), $"σ'({x}) = {gradient}");
            Assert.InRange(gradient, 0.0, 1e-300);
        }

        [Theory]
        [InlineData(0.0)]
        [InlineData(0.5)]
        [InlineData(-3.0)]
        [InlineData(30.0)]
        [InlineData(-30.0)]
        public void SigmoidGradientIsSigmoidOfXTimesSigmoidOfMinusX(double x)
        {
            double value = Functions.Sigmoid(x);
            double gradient = Functions.SigmoidDerivative(x);

            // σ'(x) = σ(x)·σ(−x) = e^−|x| / (1 + e^−|x|)², written without the cancellation of 1 − σ(x) for large x.
            double e = Math.Exp(-Math.Abs(x));
            double expected = e / ((1 + e) * (1 + e));
            Assert.Equal(1.0 / (1.0 + Math.Exp(-x)), value, 15);
            Assert.True(Math.Abs(gradient - expected) <= 1e-14 * expected, $"σ'({x}) = {gradient}, expected {expected}");
        }

        [Fact]
        public void TrainingDecreasesTheLossAtEveryEpoch()
        {
            var problem = AbcProblem.Create(k: 4, n: 64, seed: 1);
            int reported = 0;

            double[] losses = problem.Train(learningRate: 0.1, epochs: 40, (epoch, loss) => reported++);

            Assert.Equal(40, reported);
            Assert.Equal(41, losses.Length);
            for (int epoch = 1; epoch < losses.Length; epoch++)
            {
                Assert.True(losses[epoch] < losses[epoch - 1], $"epoch {epoch}: {losses[epoch]} ≥ {losses[epoch - 1]}");
            }

            Assert.True(losses[40] < 0.1 * losses[0], $"{losses[0]} → {losses[40]}");
        }

        [Fact]
        public void TheSameSeedGivesTheSameRun()
        {
            double[] first = AbcProblem.Create(k: 3, n: 8, seed: 9).Train(0.1, 5);
            double[] second = AbcProblem.Create(k: 3, n: 8, seed: 9).Train(0.1, 5);
            double[] other = AbcProblem.Create(k: 3, n: 8, seed: 10).Train(0.1, 5);

            Assert.Equal(first, second);
            Assert.NotEqual(first, other);
        }
    }
}
