using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Backprop.Samples.Xor
{
    /// <summary>One learning curve to draw: a legend label and the loss per epoch.</summary>
    /// <param name="Label">The legend text.</param>
    /// <param name="Losses">The loss before each epoch, then the final loss.</param>
    public sealed record LearningCurve(string Label, double[] Losses);

    /// <summary>Draws learning curves (loss against epoch, loss on a logarithmic axis) with ScottPlot.</summary>
    public static class LearningCurvePlot
    {
        /// <summary>The width of the pictures, in pixels.</summary>
        public const int Width = 800;

        /// <summary>The height of the pictures, in pixels.</summary>
        public const int Height = 500;

        // Losses are drawn as log10(loss); this floor keeps a loss of exactly 0 drawable.
        private const double SmallestLoss = 1e-12;

        /// <summary>Draws the curves in one picture and writes it as PNG and SVG.</summary>
        /// <param name="curves">The curves; each gets its own colour and legend entry.</param>
        /// <param name="title">The title of the picture.</param>
        /// <param name="directory">The folder to write to; created when missing.</param>
        /// <param name="fileStem">The file name without extension.</param>
        /// <returns>The full paths of the PNG and SVG files.</returns>
        public static (string Png, string Svg) Save(IReadOnlyList<LearningCurve> curves, string title, string directory, string fileStem)
        {
            Plot plot = Create(curves, title);
            string folder = Path.GetFullPath(directory);
            Directory.CreateDirectory(folder);
            string png = Path.Combine(folder, fileStem + ".png");
            string svg = Path.Combine(folder, fileStem + ".svg");
            plot.SavePng(png, Width, Height);
            plot.SaveSvg(svg, Width, Height);
            return (png, svg);
        }

        /// <summary>Builds the plot without writing it.</summary>
        /// <param name="curves">The curves.</param>
        /// <param name="title">The title.</param>
        /// <returns>A ScottPlot plot.</returns>
        public static Plot Create(IReadOnlyList<LearningCurve> curves, string title)
        {
            var plot = new Plot();
            foreach (LearningCurve curve in curves)
            {
                double[] epochs = new double[curve.Losses.Length];
                double[] logLosses = new double[curve.Losses.Length];
                for (int i = 0; i < epochs.Length; i++)
                {
                    epochs[i] = i;
                    logLosses[i] = Math.Log10(Math.Max(curve.Losses[i], SmallestLoss));
                }

                var line = plot.Add.Scatter(epochs, logLosses);
                line.MarkerSize = 0;
                line.LineWidth = 2;
                line.LegendText = curve.Label;
            }

            plot.Axes.Left.TickGenerator = new NumericAutomatic
            {
                MinorTickGenerator = new LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = FormatPowerOfTen,
            };
            plot.Title(title);
            plot.XLabel("epoch");
            plot.YLabel("mean loss (log scale)");
            plot.Legend.Alignment = Alignment.UpperRight;
            plot.ShowLegend();
            return plot;
        }

        private static string FormatPowerOfTen(double exponent)
        {
            int power = (int)Math.Round(exponent);
            return power >= -4 && power <= 4
                ? Math.Pow(10, power).ToString("0.####", CultureInfo.InvariantCulture)
                : "1e" + power.ToString(CultureInfo.InvariantCulture);
        }
    }
}
