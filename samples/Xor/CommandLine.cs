using System;
using System.Globalization;

namespace Backprop.Samples.Xor
{
    /// <summary>The parsed command line of the Xor sample.</summary>
    public sealed record CommandLine
    {
        /// <summary>The text shown by <c>--help</c> and after an invalid option.</summary>
        public const string Usage =
            "Usage: dotnet run --project samples/Xor -- [options]\n" +
            "\n" +
            "Trains a fully connected sigmoid network by gradient descent, with the gradient written by the\n" +
            "Backprop generator, after checking that gradient against finite differences.\n" +
            "\n" +
            "Options:\n" +
            "  --dataset xor|linear   the 4 XOR points, or random points of the unit square labelled by the side\n" +
            "                         of the line x + 2y = 1.4                                (default xor)\n" +
            "  --points <int>         number of points of the linear dataset                 (default 40)\n" +
            "  --layers <int>         number of hidden layers                                (default 2)\n" +
            "  --hidden <int>         units per hidden layer                                 (default 8)\n" +
            "                         (--layers 1 --hidden 2 is the classic 2-2-1 network)\n" +
            "  --loss bce|mse         binary cross-entropy on the logit, or squared error    (default bce)\n" +
            "  --lr <number>          learning rate                                          (default 1)\n" +
            "  --epochs <int>         number of full-batch gradient steps                    (default 3000)\n" +
            "  --seed <int>           seed of the initial weights and of the linear points   (default 1)\n" +
            "  --compare lr|hidden|layers|loss\n" +
            "                         train several learning rates (0.1 0.3 1 3), widths (2 4 8 16), depths\n" +
            "                         (1 2 3) or losses (mse bce) and draw all learning curves in one picture\n" +
            "  --out <folder>         where the pictures are written                         (default out)\n" +
            "  --help                 show this text\n" +
            "\n" +
            "Exit code: 0 on success, 1 when the gradient check fails, 2 for invalid options.";

        /// <summary>The dataset name: "xor" or "linear".</summary>
        public string DatasetName { get; init; } = "xor";

        /// <summary>The number of points of the linear dataset.</summary>
        public int Points { get; init; } = Dataset.DefaultLinearPointCount;

        /// <summary>The training settings.</summary>
        public TrainingOptions Training { get; init; } = new TrainingOptions();

        /// <summary>What <c>--compare</c> varies ("lr", "hidden", "layers" or "loss"), or null for a single run.</summary>
        public string? Compare { get; init; }

        /// <summary>The folder the pictures are written to.</summary>
        public string OutputDirectory { get; init; } = "out";

        /// <summary>Whether <c>--help</c> was given.</summary>
        public bool Help { get; init; }

        /// <summary>Parses the arguments.</summary>
        /// <param name="args">The command-line arguments.</param>
        /// <param name="commandLine">The parsed command line, or null on error.</param>
        /// <param name="error">What is wrong, or null on success.</param>
        /// <returns>Whether the arguments are valid.</returns>
        public static bool TryParse(string[] args, out CommandLine? commandLine, out string? error)
        {
            var result = new CommandLine();
            TrainingOptions training = result.Training;
            commandLine = null;
            for (int i = 0; i < args.Length; i++)
            {
                string name = args[i];
                if (name is "--help" or "-h" or "-?")
                {
                    commandLine = new CommandLine { Help = true };
                    error = null;
                    return true;
                }

                if (i + 1 >= args.Length)
                {
                    error = $"Option {name} needs a value.";
                    return false;
                }

                string value = args[++i];
                bool ok = true;
                switch (name)
                {
                    case "--dataset":
                        ok = value is "xor" or "linear";
                        result = result with { DatasetName = value };
                        break;
                    case "--points":
                        ok = TryParseInt(value, out int points) && points >= 2;
                        result = result with { Points = points };
                        break;
                    case "--layers":
                        ok = TryParseInt(value, out int layers) && layers >= 1;
                        training = training with { HiddenLayers = layers };
                        break;
                    case "--hidden":
                        ok = TryParseInt(value, out int width) && width >= 1;
                        training = training with { Width = width };
                        break;
                    case "--loss":
                        ok = value is "bce" or "mse";
                        training = training with { LossKind = value == "mse" ? Network.MeanSquaredError : Network.BinaryCrossEntropy };
                        break;
                    case "--lr":
                        ok = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double learningRate)
                            && learningRate > 0 && double.IsFinite(learningRate);
                        training = training with { LearningRate = learningRate };
                        break;
                    case "--epochs":
                        ok = TryParseInt(value, out int epochs) && epochs >= 0;
                        training = training with { Epochs = epochs };
                        break;
                    case "--seed":
                        ok = TryParseInt(value, out int seed);
                        training = training with { Seed = seed };
                        break;
                    case "--compare":
                        ok = value is "lr" or "hidden" or "layers" or "loss";
                        result = result with { Compare = value };
                        break;
                    case "--out":
                        ok = value.Length > 0;
                        result = result with { OutputDirectory = value };
                        break;
                    default:
                        error = $"Unknown option {name}.";
                        return false;
                }

                if (!ok)
                {
                    error = $"Invalid value for {name}: {value}";
                    return false;
                }
            }

            commandLine = result with { Training = training };
            error = null;
            return true;
        }

        /// <summary>The dataset this command line asks for.</summary>
        /// <returns>A new dataset.</returns>
        public Dataset CreateDataset()
            => DatasetName == "linear" ? Dataset.Linear(Training.Seed, Points) : Dataset.Xor();

        /// <summary>The runs of <c>--compare</c>: a legend label and the settings of each, or the single run.</summary>
        /// <returns>One or more labelled settings.</returns>
        public (string Label, TrainingOptions Options)[] Runs()
        {
            TrainingOptions t = Training;
            return Compare switch
            {
                "lr" => Array.ConvertAll(new[] { 0.1, 0.3, 1.0, 3.0 }, lr => (Invariant($"lr {lr}"), t with { LearningRate = lr })),
                "hidden" => Array.ConvertAll(new[] { 2, 4, 8, 16 }, w => (Invariant($"{w} units per layer"), t with { Width = w })),
                "layers" => Array.ConvertAll(new[] { 1, 2, 3 }, l => (Invariant($"{l} hidden layer{(l == 1 ? "" : "s")}"), t with { HiddenLayers = l })),
                "loss" => new[]
                {
                    ("mse", t with { LossKind = Network.MeanSquaredError }),
                    ("bce", t with { LossKind = Network.BinaryCrossEntropy }),
                },
                _ => new[] { (Describe(t), t) },
            };
        }

        /// <summary>A short description of a network and its training, e.g. <c>2×8 sigmoid, bce, lr 1</c>.</summary>
        /// <param name="options">The settings.</param>
        /// <returns>The description.</returns>
        public static string Describe(TrainingOptions options) => Invariant(
            $"{options.HiddenLayers}×{options.Width} sigmoid, {LossName(options.LossKind)}, lr {options.LearningRate}");

        /// <summary>The command-line name of a loss kind.</summary>
        /// <param name="lossKind">The loss kind.</param>
        /// <returns>"bce" or "mse".</returns>
        public static string LossName(int lossKind) => lossKind == Network.BinaryCrossEntropy ? "bce" : "mse";

        private static bool TryParseInt(string text, out int value)
            => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
