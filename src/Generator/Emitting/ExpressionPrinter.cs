using System;
using System.Globalization;
using System.Linq;
using Backprop.Generators.Ir;

namespace Backprop.Generators.Emitting
{
    /// <summary>
    /// Prints IR expressions as C#, with the fewest parentheses that keep the tree's exact grouping (floating-point
    /// addition is not associative, so a right operand of equal precedence keeps its parentheses) and with numbers
    /// in the invariant culture.
    /// </summary>
    internal static class ExpressionPrinter
    {
        private const int Conditional = 3;
        private const int Or = 4;
        private const int And = 5;
        private const int Equality = 9;
        private const int Relational = 10;
        private const int Additive = 12;
        private const int Multiplicative = 13;
        private const int UnaryLevel = 14;
        private const int Primary = 16;

        public static string Print(Expr expr) => Print(expr, 0);

        public static string Literal(double value, ScalarKind kind)
        {
            switch (kind)
            {
                case ScalarKind.Bool:
                    return value != 0 ? "true" : "false";
                case ScalarKind.Int:
                    return value == int.MinValue ? "int.MinValue" : value == int.MaxValue ? "int.MaxValue" : ((long)value).ToString(CultureInfo.InvariantCulture);
                case ScalarKind.Float:
                    {
                        float single = (float)value;
                        if (float.IsNaN(single))
                        {
                            return "float.NaN";
                        }

                        if (float.IsInfinity(single))
                        {
                            return single > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";
                        }

                        return single.ToString("R", CultureInfo.InvariantCulture) + "f";
                    }

                default:
                    {
                        if (double.IsNaN(value))
                        {
                            return "double.NaN";
                        }

                        if (double.IsInfinity(value))
                        {
                            return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
                        }

                        string text = value.ToString("R", CultureInfo.InvariantCulture);
                        return text.IndexOfAny(new[] { '.', 'E', 'e' }) < 0 ? text + ".0" : text;
                    }
            }
        }

        private static string Print(Expr expr, int context)
        {
            (string text, int precedence) = Format(expr);
            return precedence < context ? "(" + text + ")" : text;
        }

        private static (string Text, int Precedence) Format(Expr expr)
        {
            switch (expr)
            {
                case Ir.Literal literal:
                    {
                        string text = Literal(literal.Value, literal.Type.Scalar);
                        return (text, text.StartsWith("-", StringComparison.Ordinal) ? UnaryLevel : Primary);
                    }

                case VarRef v:
                    return (v.Name, Primary);

                case ElementRef { Index2: null } e:
                    return ($"{e.Array}[{Print(e.Index, 0)}]", Primary);

                case ElementRef e:
                    return (e.Jagged ? $"{e.Array}[{Print(e.Index, 0)}][{Print(e.Index2!, 0)}]" : $"{e.Array}[{Print(e.Index, 0)}, {Print(e.Index2!, 0)}]", Primary);

                case LengthOf { Row: not null } row:
                    return ($"{row.Array}[{Print(row.Row, 0)}].Length", Primary);

                case LengthOf { Dimension: >= 0 } dimension:
                    return ($"{dimension.Array}.GetLength({dimension.Dimension})", Primary);

                case LengthOf l:
                    return ($"{l.Array}.Length", Primary);

                case Unary u:
                    {
                        string op = u.Op == UnaryOp.Negate ? "-" : "!";
                        string operand = Print(u.Operand, UnaryLevel);
                        // "- -x" would read as a decrement; keep the inner sign in parentheses.
                        if (operand.StartsWith("-", StringComparison.Ordinal))
                        {
                            operand = "(" + operand + ")";
                        }

                        return (op + operand, UnaryLevel);
                    }

                case Binary b:
                    {
                        (string op, int precedence) = b.Op switch
                        {
                            BinaryOp.Add => ("+", Additive),
                            BinaryOp.Subtract => ("-", Additive),
                            BinaryOp.Multiply => ("*", Multiplicative),
                            BinaryOp.Divide => ("/", Multiplicative),
                            BinaryOp.Remainder => ("%", Multiplicative),
                            BinaryOp.Less => ("<", Relational),
                            BinaryOp.LessOrEqual => ("<=", Relational),
                            BinaryOp.Greater => (">", Relational),
                            BinaryOp.GreaterOrEqual => (">=", Relational),
                            BinaryOp.Equal => ("==", Equality),
                            BinaryOp.NotEqual => ("!=", Equality),
                            BinaryOp.And => ("&&", And),
                            _ => ("||", Or),
                        };
                        return ($"{Print(b.Left, precedence)} {op} {Print(b.Right, precedence + 1)}", precedence);
                    }

                case Ir.Conditional c:
                    return ($"{Print(c.Condition, Conditional + 1)} ? {Print(c.WhenTrue, Conditional + 1)} : {Print(c.WhenFalse, Conditional)}", Conditional);

                case Cast c:
                    return ($"({Keyword(c.Type.Scalar)}){Print(c.Operand, UnaryLevel + 1)}", UnaryLevel);

                case MathCall m:
                    {
                        // MathF has every function but Clamp, whose float overload is in Math.
                        bool single = m.Function != MathFunction.Clamp
                            && (m.Type.Scalar == ScalarKind.Float || (m.Type.Scalar == ScalarKind.Int && m.Arguments.All(a => a.Type.Scalar == ScalarKind.Float)));
                        string type = single ? "global::System.MathF" : "global::System.Math";
                        return ($"{type}.{m.Function}({string.Join(", ", m.Arguments.Select(a => Print(a, 0)))})", Primary);
                    }

                case DifferentiableCall d:
                    return ($"{d.Callee.ContainingType}.{d.Callee.Name}({string.Join(", ", d.Arguments.Select((a, i) => Argument(a, d.Callee.Parameters[i])))})", Primary);

                case OpaqueCall o:
                    return (o.IsInvocation ? $"{o.Target}({string.Join(", ", o.Arguments.Select(a => Print(a, 0)))})" : o.Target, Primary);

                default:
                    throw new InvalidOperationException($"Cannot print {expr.GetType().Name}.");
            }
        }

        /// <summary>An argument of a differentiable call: a variable passed to a <c>ref readonly</c> parameter takes <c>in</c>.</summary>
        public static string Argument(Expr argument, CalleeParameter parameter)
            => parameter.IsRefReadOnly && argument is VarRef or ElementRef ? "in " + Print(argument, 0) : Print(argument, 0);

        /// <summary>The C# keyword for a scalar type.</summary>
        public static string Keyword(ScalarKind kind) => Differentiation.ReverseMode.ScalarName(kind);
    }
}
