using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Backprop.Tests.Fuzzing
{
    /// <summary>What a parameter of a random program's main method <c>F</c> is.</summary>
    public enum FParamKind
    {
        /// <summary>A differentiable array or span.</summary>
        Array,

        /// <summary>A differentiable double.</summary>
        Scalar,

        /// <summary>A <c>[NoDerivative]</c> array or span.</summary>
        ConstantArray,

        /// <summary>A <c>[NoDerivative]</c> double.</summary>
        ConstantScalar,

        /// <summary>An int, the length of every array.</summary>
        Length,
    }

    /// <summary>A parameter of <c>F</c>.</summary>
    public sealed record FParam(string Name, string Type, FParamKind Kind)
    {
        public string Declaration => Kind is FParamKind.ConstantArray or FParamKind.ConstantScalar ? $"[NoDerivative] {Type} {Name}" : $"{Type} {Name}";

        public bool IsDifferentiable => Kind is FParamKind.Array or FParamKind.Scalar;
    }

    /// <summary>
    /// One random program: a static partial class with helpers and a main method <c>F</c>, and three adapters with
    /// the same shape for every program, so that the harness can call any of them through one delegate type:
    /// <c>Forward(double[][] x)</c>, <c>Gradient(double[][] x, double[][] g)</c> and
    /// <c>Pullback(double[][] x, double seed, double[][] g)</c>, where <c>x[k]</c> holds the k-th differentiable
    /// parameter (a scalar as an array of one).
    /// </summary>
    public sealed class FuzzProgram
    {
        public FuzzProgram(int seed, string className, int length, List<FMethod> methods, List<FParam> parameters, List<double[]> inputs, List<double[]> constants)
        {
            Seed = seed;
            ClassName = className;
            Length = length;
            Methods = methods;
            Parameters = parameters;
            Inputs = inputs;
            Constants = constants;
        }

        public const string Namespace = "Fuzz";

        public int Seed { get; }

        public string ClassName { get; }

        public string FullName => Namespace + "." + ClassName;

        /// <summary>The length of every array.</summary>
        public int Length { get; }

        public List<FMethod> Methods { get; }

        public List<FParam> Parameters { get; }

        /// <summary>The point at which the gradient is checked, one array per differentiable parameter.</summary>
        public List<double[]> Inputs { get; }

        /// <summary>The values of the <c>[NoDerivative]</c> parameters, in order.</summary>
        public List<double[]> Constants { get; }

        public string FilePath => ClassName + ".cs";

        /// <summary>Hand-written source, for regression programs; null for generated ones.</summary>
        public string? RawSource { get; private init; }

        /// <summary>
        /// A hand-written program in namespace <see cref="Namespace"/>, class <paramref name="className"/>, with the
        /// same adapters (<c>Forward</c>, <c>Gradient</c>, <c>Pullback</c>) as generated ones.
        /// </summary>
        public static FuzzProgram FromSource(string className, string source, params double[][] inputs)
            => new FuzzProgram(0, className, 0, new List<FMethod>(), new List<FParam>(), inputs.ToList(), new List<double[]>()) { RawSource = source };

        /// <summary>The program's source file.</summary>
        public string Render()
        {
            if (RawSource is not null)
            {
                return RawSource;
            }

            var builder = new StringBuilder();
            builder.Append("using System;\nusing Backprop;\n\nnamespace ").Append(Namespace).Append("\n{\n");
            RenderClass(builder);
            builder.Append("}\n");
            return builder.ToString();
        }

        /// <summary>A self-contained repro: the program and a Main that checks its gradient, for a bug report.</summary>
        public string RenderRepro(string comment)
        {
            var builder = new StringBuilder();
            foreach (string line in comment.Split('\n'))
            {
                builder.Append("// ").Append(line).Append('\n');
            }

            if (RawSource is not null)
            {
                return builder.Append(RawSource).ToString();
            }

            builder.Append("using System;\nusing Backprop;\n\nnamespace ").Append(Namespace).Append("\n{\n");
            RenderClass(builder);
            builder.Append("\n    public static class Repro\n    {\n        public static void Main()\n        {\n");
            builder.Append("            double[][] x = { ").Append(string.Join(", ", Inputs.Select(ArrayLiteral))).Append(" };\n");
            builder.Append("            double[][] g = { ").Append(string.Join(", ", Inputs.Select(i => $"new double[{i.Length}]"))).Append(" };\n");
            builder.Append("            ").Append(ClassName).Append(".Gradient(x, g);\n");
            builder.Append("            for (int k = 0; k < x.Length; k++)\n            {\n");
            builder.Append("                double[] point = x[k];\n");
            builder.Append("                Console.WriteLine(GradientCheck.Check(() => ").Append(ClassName).Append(".Forward(x), point, g[k]));\n");
            builder.Append("            }\n        }\n    }\n}\n");
            return builder.ToString();
        }

        private void RenderClass(StringBuilder builder)
        {
            builder.Append("    public static partial class ").Append(ClassName).Append("\n    {\n");
            bool first = true;
            foreach (FMethod method in Methods)
            {
                if (!first)
                {
                    builder.Append('\n');
                }

                first = false;
                method.Render(builder, 2);
            }

            var arguments = new List<string>();
            var gradients = new List<string>();
            int input = 0, constant = 0;
            foreach (FParam parameter in Parameters)
            {
                switch (parameter.Kind)
                {
                    case FParamKind.Array:
                        gradients.Add($"g[{input}]");
                        arguments.Add($"x[{input++}]");
                        break;
                    case FParamKind.Scalar:
                        gradients.Add($"ref g[{input}][0]");
                        arguments.Add($"x[{input++}][0]");
                        break;
                    case FParamKind.ConstantArray:
                        arguments.Add("C" + constant++.ToString(CultureInfo.InvariantCulture));
                        break;
                    case FParamKind.ConstantScalar:
                        arguments.Add(Number(Constants[constant++][0]));
                        break;
                    default:
                        arguments.Add(Length.ToString(CultureInfo.InvariantCulture));
                        break;
                }
            }

            builder.Append('\n');
            int index = 0;
            foreach (FParam parameter in Parameters.Where(p => p.Kind is FParamKind.ConstantArray or FParamKind.ConstantScalar))
            {
                if (parameter.Kind == FParamKind.ConstantArray)
                {
                    builder.Append("        private static readonly double[] C").Append(index.ToString(CultureInfo.InvariantCulture)).Append(" = ").Append(ArrayLiteral(Constants[index])).Append(";\n");
                }

                index++;
            }

            string args = string.Join(", ", arguments);
            string grads = string.Join(", ", gradients);
            builder.Append("        public static double Forward(double[][] x) => F(").Append(args).Append(");\n");
            builder.Append("        public static double Gradient(double[][] x, double[][] g) => FGradient(").Append(args).Append(grads.Length > 0 ? ", " + grads : string.Empty).Append(");\n");
            builder.Append("        public static double Pullback(double[][] x, double seed, double[][] g) => FPullback(").Append(args).Append(", seed").Append(grads.Length > 0 ? ", " + grads : string.Empty).Append(");\n");
            builder.Append("    }\n");
        }

        private static string ArrayLiteral(double[] values) => "new double[] { " + string.Join(", ", values.Select(Number)) + " }";

        private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture) is string text && (text.Contains('.', System.StringComparison.Ordinal) || text.Contains('E', System.StringComparison.Ordinal)) ? text : value.ToString("R", CultureInfo.InvariantCulture) + ".0";
    }
}
