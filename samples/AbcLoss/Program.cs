using System;
using System.Globalization;

namespace Backprop.Samples.AbcLoss
{
    /// <summary>
    /// The console program: checks the generated gradient against finite differences, then trains A, B and C by
    /// gradient descent, printing the mean loss of every epoch.
    /// </summary>
    internal static class Program
    {
        private const double Tolerance = 1e-6;

        private const string Usage =
            "Usage: dotnet run --project samples/AbcLoss -- [options]\n" +
            "\n" +
            "Minimises L = ‖C(σ(Ax) + Bx)‖² over N random inputs x ∈ R^K by gradient descent on A, B and C,\n" +
            "with the gradient written by the Backprop generator.\n" +
            "\n" +
            "Options:\n" +
            "  --k <int>        dimension K of x and of the K×K matrices   (default 4)\n" +
            "  --n <int>        number of random inputs N                  (default 64)\n" +
            "  --lr <number>    learning rate                              (default 0.1)\n" +
            "  --epochs <int>   number of gradient steps                   (default 40)\n" +
            "  --seed <int>     seed of the matrices and inputs            (default 1)\n" +
            "  --help           show this text\n" +
            "\n" +
            "Exit code: 0 on success, 1 when the gradient check fails, 2 for invalid options.";

        private static int Main(string[] args)
        {
            int k = 4, n = 64, epochs = 40, seed = 1;
            double learningRate = 0.1;
            for (int i = 0; i < args.Length; i++)
            {
                string name = args[i];
                if (name is "--help" or "-h" or "-?")
                {
                    Console.WriteLine(Usage);
                    return 0;
                }

                if (i + 1 >= args.Length)
                {
                    return Fail($"Option {name} needs a value.");
                }

                string value = args[++i];
                bool ok = name switch
                {
                    "--k" => TryParsePositive(value, out k),
                    "--n" => TryParsePositive(value, out n),
                    "--epochs" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out epochs) && epochs >= 0,
                    "--seed" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed),
                    "--lr" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out learningRate)
                        && learningRate > 0 && double.IsFinite(learningRate),
                    _ => false,
                };
                if (!ok)
                {
                    return Fail($"Invalid option or value: {name} {value}");
                }
            }

            var problem = AbcProblem.Create(k, n, seed);
            Console.WriteLine(Invariant($"L = ‖C(σ(Ax) + Bx)‖², K = {k}, N = {n}, learning rate {learningRate}, {epochs} epochs, seed {seed}"));

            GradientCheckResult check = problem.CheckGradient();
            Console.WriteLine($"Gradient check against finite differences: {check}");
            if (!check.Passes(Tolerance))
            {
                Console.Error.WriteLine(Invariant($"FAILED: the worst relative error {check.WorstRelativeError:G3} exceeds 1e-6."));
                return 1;
            }

            Console.WriteLine(Invariant($"Gradient check passed (worst relative error {check.WorstRelativeError:G3} ≤ 1e-6)."));
            Console.WriteLine();
            Console.WriteLine("epoch  mean loss");
            double[] losses = problem.Train(
                learningRate,
                epochs,
                (epoch, loss) => Console.WriteLine(Invariant($"{epoch,5}  {loss:F6}")));
            Console.WriteLine(Invariant($"final  {losses[epochs]:F6}"));
            Console.WriteLine(Invariant($"The mean loss went from {losses[0]:F6} to {losses[epochs]:F6}."));
            return 0;
        }

        private static bool TryParsePositive(string text, out int value)
            => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value > 0;

        private static int Fail(string message)
        {
            Console.Error.WriteLine(message);
            Console.Error.WriteLine();
            Console.Error.WriteLine(Usage);
            return 2;
        }

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
