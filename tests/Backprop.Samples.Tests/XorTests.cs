using System;
using System.IO;
using Backprop.Samples.Xor;
using Xunit;

namespace Backprop.Samples.Tests
{
    public class XorTests
    {
        [Theory]
        [InlineData("xor", 1, 2, Network.BinaryCrossEntropy, 1)]
        [InlineData("xor", 1, 2, Network.MeanSquaredError, 2)]
        [InlineData("xor", 2, 8, Network.BinaryCrossEntropy, 1)]
        [InlineData("xor", 2, 8, Network.MeanSquaredError, 1)]
        [InlineData("xor", 3, 3, Network.BinaryCrossEntropy, 3)]
        [InlineData("linear", 2, 8, Network.BinaryCrossEntropy, 1)]
        [InlineData("linear", 1, 4, Network.MeanSquaredError, 4)]
        public void GeneratedGradientMatchesFiniteDifferences(string dataset, int layers, int width, int lossKind, int seed)
        {
            Dataset data = dataset == "xor" ? Dataset.Xor() : Dataset.Linear(seed, 12);
            double[] parameters = Trainer.InitialParameters(data.InputCount, layers, width, seed);

            GradientCheckResult check = Trainer.CheckGradient(data, parameters, layers, width, lossKind);

            Assert.Equal(Network.ParameterCount(2, layers, width), check.Count);
            Assert.True(check.Passes(1e-6), check.ToString());
        }

        [Fact]
        public void GeneratedGradientMatchesFiniteDifferencesAfterTraining()
        {
            // Trained parameters are large and the sigmoids saturate: the gradient must stay right there too.
            Dataset data = Dataset.Xor();
            TrainingResult result = Trainer.Train(data, new TrainingOptions { Epochs = 1000 });

            GradientCheckResult check = Trainer.CheckGradient(data, result.Parameters, 2, 8, Network.BinaryCrossEntropy);

            Assert.True(check.Passes(1e-6), check.ToString());
        }

        [Fact]
        public void GradientReturnsTheLossAndAddsIntoTheBuffer()
        {
            Dataset data = Dataset.Xor();
            double[] parameters = Trainer.InitialParameters(2, 1, 3, seed: 7);
            double[] once = new double[parameters.Length];
            double[] twice = new double[parameters.Length];

            double value = Network.LossGradient(parameters, data.Inputs, data.Targets, 2, 1, 3, 4, Network.BinaryCrossEntropy, once);
            Network.LossGradient(parameters, data.Inputs, data.Targets, 2, 1, 3, 4, Network.BinaryCrossEntropy, twice);
            Network.LossGradient(parameters, data.Inputs, data.Targets, 2, 1, 3, 4, Network.BinaryCrossEntropy, twice);

            Assert.Equal(Network.Loss(parameters, data.Inputs, data.Targets, 2, 1, 3, 4, Network.BinaryCrossEntropy), value);
            for (int i = 0; i < parameters.Length; i++)
            {
                Assert.Equal(2 * once[i], twice[i], 12);
            }
        }

        [Theory]
        [InlineData(1, 2, Network.BinaryCrossEntropy)]
        [InlineData(2, 8, Network.MeanSquaredError)]
        [InlineData(3, 5, Network.BinaryCrossEntropy)]
        public void LossAgreesWithThePointByPointForwardPass(int layers, int width, int lossKind)
        {
            Dataset data = Dataset.Linear(seed: 3, pointCount: 10);
            double[] parameters = Trainer.InitialParameters(2, layers, width, seed: 3);
            for (int i = 0; i < parameters.Length; i++)
            {
                parameters[i] += 0.1 * Math.Sin(i); // non-zero biases too
            }

            double expected = 0;
            for (int p = 0; p < data.PointCount; p++)
            {
                double z = Network.Logit(parameters, data.Point(p), 2, layers, width);
                double t = data.Targets[p];
                double sigma = 1 / (1 + Math.Exp(-z));
                expected += lossKind == Network.BinaryCrossEntropy
                    ? -(t * Math.Log(sigma) + (1 - t) * Math.Log(1 - sigma))
                    : (sigma - t) * (sigma - t);
            }

            expected /= data.PointCount;
            Assert.Equal(expected, Network.Loss(parameters, data.Inputs, data.Targets, 2, layers, width, data.PointCount, lossKind), 12);
        }

        [Fact]
        public void TheClassicNetworkHasNineParameters()
        {
            Assert.Equal(9, Network.ParameterCount(2, 1, 2));
            Assert.Equal(105, Network.ParameterCount(2, 2, 8));
        }

        [Theory]
        [InlineData(1000.0)]
        [InlineData(-1000.0)]
        [InlineData(double.MaxValue)]
        [InlineData(-double.MaxValue)]
        public void SigmoidAndSoftplusAreFiniteWithFiniteGradientsAtExtremes(double x)
        {
            double sigmoid = Functions.Sigmoid(x);
            double sigmoidGradient = Functions.SigmoidDerivative(x);
            double softplus = Functions.Softplus(x);
            double softplusGradient = Functions.SoftplusDerivative(x);

            Assert.Equal(x > 0 ? 1.0 : 0.0, sigmoid);
            Assert.Equal(0.0, sigmoidGradient);
            Assert.Equal(x > 0 ? x : 0.0, softplus);
            Assert.Equal(x > 0 ? 1.0 : 0.0, softplusGradient);
        }

        [Fact]
        public void BinaryCrossEntropyStaysFiniteForHugeLogits()
        {
            // One output weight of 1e4 drives the logits to about ±5000, where log σ(z) would underflow to −∞.
            Dataset data = Dataset.Xor();
            double[] parameters = Trainer.InitialParameters(2, 1, 2, seed: 1);
            parameters[6] = 1e4;
            double[] gradient = new double[parameters.Length];

            double loss = Network.LossGradient(parameters, data.Inputs, data.Targets, 2, 1, 2, 4, Network.BinaryCrossEntropy, gradient);

            Assert.True(double.IsFinite(loss), $"loss {loss}");
            Assert.All(gradient, g => Assert.True(double.IsFinite(g), $"gradient {g}"));
        }

        [Theory]
        [InlineData("xor")]
        [InlineData("linear")]
        public void DefaultTrainingReachesFullAccuracy(string dataset)
        {
            Dataset data = dataset == "xor" ? Dataset.Xor() : Dataset.Linear(new TrainingOptions().Seed);

            TrainingResult result = Trainer.Train(data, new TrainingOptions());

            Assert.Equal(data.PointCount, result.Correct);
            Assert.Equal(1.0, result.Accuracy);
            Assert.True(result.FinalLoss < 0.01, $"final loss {result.FinalLoss}");
            Assert.True(result.FinalLoss < result.Losses[0]);
        }

        [Fact]
        public void TheClassicTwoTwoOneNetworkLearnsXorWithTheDefaultSeed()
        {
            TrainingResult result = Trainer.Train(Dataset.Xor(), new TrainingOptions { HiddenLayers = 1, Width = 2 });

            Assert.Equal(4, result.Correct);
        }

        [Fact]
        public void TheSameSeedGivesTheSameRun()
        {
            var options = new TrainingOptions { Epochs = 50, Seed = 12 };

            TrainingResult first = Trainer.Train(Dataset.Linear(12), options);
            TrainingResult second = Trainer.Train(Dataset.Linear(12), options);
            TrainingResult other = Trainer.Train(Dataset.Linear(13), options with { Seed = 13 });

            Assert.Equal(first.Losses, second.Losses);
            Assert.Equal(first.Parameters, second.Parameters);
            Assert.NotEqual(first.Losses, other.Losses);
        }

        [Fact]
        public void LinearDatasetIsLabelledBySideOfTheLineWithAMargin()
        {
            Dataset data = Dataset.Linear(seed: 5, pointCount: 200);
            int ones = 0;
            for (int p = 0; p < data.PointCount; p++)
            {
                double x = data.Inputs[2 * p], y = data.Inputs[2 * p + 1];
                double side = (x + 2 * y - 1.4) / Math.Sqrt(5);
                Assert.InRange(x, 0, 1);
                Assert.InRange(y, 0, 1);
                Assert.True(Math.Abs(side) >= Dataset.Margin);
                Assert.Equal(side > 0 ? 1.0 : 0.0, data.Targets[p]);
                ones += (int)data.Targets[p];
            }

            Assert.InRange(ones, 60, 140);
        }

        [Fact]
        public void CommandLineDefaultsAndOptions()
        {
            Assert.True(CommandLine.TryParse(Array.Empty<string>(), out CommandLine? defaults, out _));
            Assert.NotNull(defaults);
            Assert.Equal("xor", defaults!.DatasetName);
            Assert.Equal(new TrainingOptions(), defaults.Training);
            Assert.Null(defaults.Compare);
            Assert.Single(defaults.Runs());

            string[] args = { "--dataset", "linear", "--layers", "1", "--hidden", "2", "--loss", "mse", "--lr", "0.5", "--epochs", "10", "--seed", "3", "--compare", "hidden" };
            bool ok = CommandLine.TryParse(args, out CommandLine? parsed, out string? error);
            Assert.True(ok, error);
            Assert.Equal("linear", parsed!.DatasetName);
            Assert.Equal(new TrainingOptions { HiddenLayers = 1, Width = 2, LossKind = Network.MeanSquaredError, LearningRate = 0.5, Epochs = 10, Seed = 3 }, parsed.Training);
            Assert.Equal(new[] { 2, 4, 8, 16 }, Array.ConvertAll(parsed.Runs(), r => r.Options.Width));
            Assert.Equal(4, Array.ConvertAll(parsed.Runs(), r => r.Options.LearningRate).Length);
        }

        [Theory]
        [InlineData("--dataset", "circle")]
        [InlineData("--layers", "0")]
        [InlineData("--hidden", "x")]
        [InlineData("--loss", "hinge")]
        [InlineData("--lr", "-1")]
        [InlineData("--compare", "seed")]
        [InlineData("--colour", "red")]
        [InlineData("--epochs")]
        public void CommandLineRejectsInvalidOptions(params string[] args)
        {
            Assert.False(CommandLine.TryParse(args, out CommandLine? parsed, out string? error));
            Assert.Null(parsed);
            Assert.False(string.IsNullOrEmpty(error));
        }

        [Fact]
        public void LearningCurveIsWrittenAsPngAndSvg()
        {
            string folder = Path.Combine(Path.GetTempPath(), "backprop-samples-tests-" + Guid.NewGuid().ToString("N"));
            try
            {
                var curves = new[]
                {
                    new LearningCurve("a", new[] { 0.7, 0.5, 0.1, 0.01 }),
                    new LearningCurve("b", new[] { 0.7, 0.0, 1e-3, 1e-4 }),
                };

                (string png, string svg) = LearningCurvePlot.Save(curves, "test", folder, "curve");

                byte[] pngBytes = File.ReadAllBytes(png);
                Assert.True(pngBytes.Length > 1000);
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, pngBytes[..4]);
                Assert.Contains("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
            }
            finally
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
    }
}
