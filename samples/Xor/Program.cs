using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Backprop.Samples.Xor
{
    /// <summary>
    /// The console program: checks the generated gradient against finite differences, trains the network with a
    /// progress bar, prints the predictions and writes the learning curve as PNG and SVG.
    /// </summary>
    internal static class Program
    {
        private const double Tolerance = 1e-6;

        private static int Main(string[] args)
        {
            if (!CommandLine.TryParse(args, out CommandLine? commandLine, out string? error) || commandLine is null)
            {
                Console.Error.WriteLine(error);
                Console.Error.WriteLine();
                Console.Error.WriteLine(CommandLine.Usage);
                return 2;
            }

            if (commandLine.Help)
            {
                Console.WriteLine(CommandLine.Usage);
                return 0;
            }

            var stopwatch = Stopwatch.StartNew();
            Dataset data = commandLine.CreateDataset();
            (string Label, TrainingOptions Options)[] runs = commandLine.Runs();
            AnsiConsole.MarkupLine(Invariant(
                $"[bold]Dataset[/] {data.Name}: {data.PointCount} points. [bold]Network[/] {CommandLine.Describe(commandLine.Training)}, {commandLine.Training.Epochs} epochs, seed {commandLine.Training.Seed}."));

            if (!CheckGradients(data, runs))
            {
                return 1;
            }

            var results = new List<(string Label, TrainingOptions Options, TrainingResult Result)>();
            var trainingTime = Stopwatch.StartNew();
            AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context =>
                {
                    foreach ((string label, TrainingOptions options) in runs)
                    {
                        ProgressTask task = context.AddTask(Markup.Escape(label), maxValue: Math.Max(1, options.Epochs));
                        int reportEvery = Math.Max(1, options.Epochs / 100);
                        TrainingResult result = Trainer.Train(data, options, (epoch, loss) =>
                        {
                            if (epoch % reportEvery == 0 || epoch == options.Epochs)
                            {
                                task.Value = epoch;
                                task.Description = Markup.Escape(Invariant($"{label}: loss {loss:G4}"));
                            }
                        });
                        task.Value = task.MaxValue;
                        task.Description = Markup.Escape(Invariant($"{label}: loss {result.FinalLoss:G4}"));
                        results.Add((label, options, result));
                    }
                });

            AnsiConsole.MarkupLine(Invariant(
                $"Trained {runs.Length} network{(runs.Length == 1 ? "" : "s")} for {commandLine.Training.Epochs} epochs in {trainingTime.Elapsed.TotalSeconds:F2} s."));
            if (commandLine.Compare is null)
            {
                PrintPredictions(data, results[0].Result);
            }
            else
            {
                PrintComparison(data, results);
            }

            var curves = results.ConvertAll(r => new LearningCurve(r.Label, r.Result.Losses));
            string stem = commandLine.Compare is null ? $"{data.Name}-learning-curve" : $"{data.Name}-compare-{commandLine.Compare}";
            string title = commandLine.Compare is null
                ? $"{data.Name}: {CommandLine.Describe(commandLine.Training)}"
                : $"{data.Name}: {ComparedQuantity(commandLine.Compare)} compared";
            (string png, string svg) = LearningCurvePlot.Save(curves, title, commandLine.OutputDirectory, stem);
            string curvesWritten = results.Count == 1 ? "Learning curve written" : "Learning curves written";
            AnsiConsole.MarkupLine($"{curvesWritten} to [link]{Markup.Escape(png)}[/] and [link]{Markup.Escape(svg)}[/]");
            AnsiConsole.MarkupLine(Invariant($"Done in {stopwatch.Elapsed.TotalSeconds:F1} s."));
            return 0;
        }

        private static bool CheckGradients(Dataset data, (string Label, TrainingOptions Options)[] runs)
        {
            // Runs that differ only in the learning rate share their network and initial parameters: check each once.
            var distinct = new List<(string Label, TrainingOptions Options)>();
            var seen = new HashSet<(int, int, int, int)>();
            foreach ((string label, TrainingOptions options) in runs)
            {
                if (seen.Add((options.HiddenLayers, options.Width, options.LossKind, options.Seed)))
                {
                    distinct.Add((label, options));
                }
            }

            bool allPass = true;
            foreach ((string label, TrainingOptions options) in distinct)
            {
                double[] parameters = Trainer.InitialParameters(data.InputCount, options.HiddenLayers, options.Width, options.Seed);
                GradientCheckResult check = Trainer.CheckGradient(data, parameters, options.HiddenLayers, options.Width, options.LossKind);
                bool pass = check.Passes(Tolerance);
                allPass &= pass;
                string what = distinct.Count == 1 ? "" : $" ({label})";
                AnsiConsole.MarkupLine(Invariant(
                    $"Gradient check{Markup.Escape(what)} against finite differences at the initial parameters: worst relative error [bold]{check.WorstRelativeError:G3}[/] over {check.Count} parameters (tolerance 1e-6): {(pass ? "[green]passed[/]" : "[red]FAILED[/]")}"));
                if (!pass)
                {
                    AnsiConsole.MarkupLine(Markup.Escape(check.ToString()));
                }
            }

            return allPass;
        }

        private static void PrintPredictions(Dataset data, TrainingResult result)
        {
            var table = new Table().AddColumns("point", "x", "y", "label", "P(label 1)", "predicted", "");
            for (int p = 0; p < data.PointCount; p++)
            {
                ReadOnlySpan<double> point = data.Point(p);
                double probability = result.Probabilities[p];
                int predicted = probability >= 0.5 ? 1 : 0;
                bool correct = predicted == (int)data.Targets[p];
                table.AddRow(
                    Invariant($"{p}"),
                    Invariant($"{point[0]:F3}"),
                    Invariant($"{point[1]:F3}"),
                    Invariant($"{data.Targets[p]:F0}"),
                    Invariant($"{probability:F4}"),
                    Invariant($"{predicted}"),
                    correct ? "[green]ok[/]" : "[red]wrong[/]");
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(Invariant(
                $"Final loss [bold]{result.FinalLoss:0.000e+0}[/] (from {result.Losses[0]:F4}), accuracy [bold]{result.Correct}/{data.PointCount} = {100 * result.Accuracy:F1}%[/]"));
        }

        private static void PrintComparison(Dataset data, List<(string Label, TrainingOptions Options, TrainingResult Result)> results)
        {
            var table = new Table().AddColumns("run", "initial loss", "final loss", "accuracy");
            foreach ((string label, _, TrainingResult result) in results)
            {
                table.AddRow(
                    Markup.Escape(label),
                    Invariant($"{result.Losses[0]:F4}"),
                    Invariant($"{result.FinalLoss:0.000e+0}"),
                    Invariant($"{result.Correct}/{data.PointCount} = {100 * result.Accuracy:F1}%"));
            }

            AnsiConsole.Write(table);
        }

        private static string ComparedQuantity(string compare) => compare switch
        {
            "lr" => "learning rates",
            "hidden" => "layer widths",
            "layers" => "depths",
            _ => "losses",
        };

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
