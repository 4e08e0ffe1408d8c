using System;
using Backprop.Generators.Ir;

namespace Backprop.Generators.Differentiation
{
    /// <summary>What a derivative rule may ask of the reverse-mode transform while it writes one adjoint.</summary>
    internal interface IRuleContext
    {
        /// <summary>The primal value of argument <paramref name="index"/>, recomputed, and bound to a temporary if not simple.</summary>
        Expr Argument(int index);

        /// <summary>The primal value of the call itself, recomputed once into a temporary.</summary>
        Expr Result();

        /// <summary>Whether argument <paramref name="index"/> carries a derivative.</summary>
        bool IsActive(int index);

        /// <summary>Adds <paramref name="adjoint"/> to the adjoint of argument <paramref name="index"/>.</summary>
        void Propagate(int index, Expr adjoint);

        /// <summary>Emits <c>if (condition) { then } else { otherwise }</c> around the propagations the actions make.</summary>
        void Branch(Expr condition, Action then, Action otherwise);

        /// <summary>Binds a value used more than once to a temporary.</summary>
        Expr Share(Expr value, string name);
    }

    /// <summary>
    /// One reverse-mode rule per System.Math function: given the adjoint of the call's result, each rule adds the
    /// adjoint of every argument. Where a function has a kink (Abs, Max, Min), the rule picks a documented side.
    /// </summary>
    internal static class DerivativeRules
    {
        /// <summary>Functions whose derivative is zero wherever it exists.</summary>
        public static bool IsPiecewiseConstant(MathFunction function)
            => function is MathFunction.Sign or MathFunction.Floor or MathFunction.Ceiling or MathFunction.Round or MathFunction.Truncate;

        /// <summary>Functions whose rule always reads the call's own value (d exp(u) = exp(u) du, and so on).</summary>
        public static bool ReadsResult(MathFunction function)
            => function is MathFunction.Exp or MathFunction.Sqrt or MathFunction.Cbrt or MathFunction.Tanh;

        /// <summary>A short description of a rule, quoted in the generated comments.</summary>
        public static string Describe(MathCall call) => call.Function switch
        {
            MathFunction.Exp => "d exp(u) = exp(u) du",
            MathFunction.Log when call.Arguments.Count == 2 => "d log_b(u) = du / (u ln b) - log_b(u) db / (b ln b)",
            MathFunction.Log => "d log(u) = du / u",
            MathFunction.Log10 => "d log10(u) = du / (u ln 10)",
            MathFunction.Log2 => "d log2(u) = du / (u ln 2)",
            MathFunction.Sqrt => "d sqrt(u) = du / (2 sqrt(u))",
            MathFunction.Cbrt => "d cbrt(u) = du / (3 cbrt(u)²)",
            MathFunction.Pow => "d u^v = v u^(v-1) du + u^v log(u) dv (0 at u = 0)",
            MathFunction.Sin => "d sin(u) = cos(u) du",
            MathFunction.Cos => "d cos(u) = -sin(u) du",
            MathFunction.Tan => "d tan(u) = du / cos²(u)",
            MathFunction.Asin => "d asin(u) = du / sqrt(1 - u²)",
            MathFunction.Acos => "d acos(u) = -du / sqrt(1 - u²)",
            MathFunction.Atan => "d atan(u) = du / (1 + u²)",
            MathFunction.Atan2 => "d atan2(y, x) = (x dy - y dx) / (x² + y²), with x and y scaled by max(|x|, |y|)",
            MathFunction.Sinh => "d sinh(u) = cosh(u) du",
            MathFunction.Cosh => "d cosh(u) = sinh(u) du",
            MathFunction.Tanh => "d tanh(u) = (1 - tanh²(u)) du, or 2 du / (1 + cosh(2u)) for |u| > 2",
            MathFunction.Asinh => "d asinh(u) = du / sqrt(u² + 1)",
            MathFunction.Acosh => "d acosh(u) = du / sqrt(u² - 1)",
            MathFunction.Atanh => "d atanh(u) = du / (1 - u²)",
            MathFunction.Clamp => "d clamp(u, lo, hi) goes to u inside [lo, hi] (ends included), else to the bound returned",
            MathFunction.FusedMultiplyAdd => "d fma(a, b, c) = b da + a db + dc",
            MathFunction.Abs => "d |u| = sign(u) du",
            MathFunction.Max => "d max(a, b) goes to the larger argument (a on ties)",
            MathFunction.Min => "d min(a, b) goes to the smaller argument (a on ties)",
            _ => "piecewise constant: zero derivative",
        };

        /// <summary>Writes the adjoint of a call of <paramref name="call"/>'s function, given the adjoint of its result.</summary>
        public static void Apply(MathCall call, Expr adjoint, IRuleContext context)
        {
            IrType type = call.Type;
            switch (call.Function)
            {
                case MathFunction.Exp:
                    // d exp(u) = exp(u) du
                    context.Propagate(0, Ops.Mul(adjoint, context.Result()));
                    break;

                case MathFunction.Log when call.Arguments.Count == 2:
                    {
                        // log_b(u) = ln u / ln b, so d log_b(u) = du / (u ln b) - log_b(u) db / (b ln b).
                        Expr logBase = context.Share(Call(MathFunction.Log, context.Argument(1), type), "logBase");
                        context.Propagate(0, Ops.Div(adjoint, Ops.Mul(context.Argument(0), logBase)));
                        if (context.IsActive(1))
                        {
                            context.Propagate(1, Ops.Neg(Ops.Div(Ops.Mul(adjoint, context.Result()), Ops.Mul(context.Argument(1), logBase))));
                        }

                        break;
                    }

                case MathFunction.Log:
                    // d log(u) = du / u
                    context.Propagate(0, Ops.Div(adjoint, context.Argument(0)));
                    break;

                case MathFunction.Log10:
                    // d log10(u) = du / (u ln 10)
                    context.Propagate(0, Ops.Div(adjoint, Ops.Mul(context.Argument(0), Ops.Lit(Math.Log(10), type))));
                    break;

                case MathFunction.Log2:
                    // d log2(u) = du / (u ln 2)
                    context.Propagate(0, Ops.Div(adjoint, Ops.Mul(context.Argument(0), Ops.Lit(Math.Log(2), type))));
                    break;

                case MathFunction.Cbrt:
                    {
                        // d cbrt(u) = du / (3 cbrt(u)²): infinite at u = 0, as the derivative is.
                        Expr root = context.Result();
                        context.Propagate(0, Ops.Div(adjoint, Ops.Mul(Ops.Lit(3, type), Ops.Mul(root, root))));
                        break;
                    }

                case MathFunction.Sqrt:
                    // d sqrt(u) = du / (2 sqrt(u))
                    context.Propagate(0, Ops.Div(adjoint, Ops.Mul(Ops.Lit(2, type), context.Result())));
                    break;

                case MathFunction.Pow:
                    {
                        // d u^v = v u^(v-1) du + u^v log(u) dv
                        Expr u = context.Argument(0);
                        Expr v = context.Argument(1);
                        if (context.IsActive(0))
                        {
                            Expr power = new MathCall(MathFunction.Pow, new[] { u, Ops.Sub(v, Ops.Lit(1, type)) }.ToEquatableArray(), type);
                            context.Propagate(0, Ops.Mul(Ops.Mul(adjoint, v), power));
                        }

                        if (context.IsActive(1))
                        {
                            // At u = 0, u^v is 0 (or 1, or ∞) whatever v near it is, so dv gets nothing; the formula
                            // would give 0 · log(0) = NaN.
                            Expr log = new MathCall(MathFunction.Log, new[] { u }.ToEquatableArray(), type);
                            Expr term = Ops.Mul(Ops.Mul(adjoint, context.Result()), log);
                            if (u is not Literal)
                            {
                                context.Propagate(1, new Conditional(Ops.Compare(BinaryOp.Equal, u, Ops.Lit(0, type)), Ops.Lit(0, type), term, type));
                            }
                            else if (u is Literal { Value: not 0.0 })
                            {
                                context.Propagate(1, term);
                            }
                        }

                        break;
                    }

                case MathFunction.Sin:
                    // d sin(u) = cos(u) du
                    context.Propagate(0, Ops.Mul(adjoint, Call(MathFunction.Cos, context.Argument(0), type)));
                    break;

                case MathFunction.Cos:
                    // d cos(u) = -sin(u) du
                    context.Propagate(0, Ops.Neg(Ops.Mul(adjoint, Call(MathFunction.Sin, context.Argument(0), type))));
                    break;

                case MathFunction.Tan:
                    {
                        // d tan(u) = du / cos²(u)
                        Expr cos = context.Share(Call(MathFunction.Cos, context.Argument(0), type), "cos");
                        context.Propagate(0, Ops.Div(adjoint, Ops.Mul(cos, cos)));
                        break;
                    }

                case MathFunction.Asin:
                case MathFunction.Acos:
                    {
                        // d asin(u) = du / sqrt(1 - u²) = -d acos(u); 1 - u² is written (1 - u)(1 + u), which keeps its
                        // digits near the ends of the domain, where the derivative is largest.
                        Expr u = context.Argument(0);
                        Expr one = Ops.Lit(1, type);
                        Expr root = Call(MathFunction.Sqrt, Ops.Mul(Ops.Sub(one, u), Ops.Add(one, u)), type);
                        Expr derivative = Ops.Div(adjoint, root);
                        context.Propagate(0, call.Function == MathFunction.Asin ? derivative : Ops.Neg(derivative));
                        break;
                    }

                case MathFunction.Atan:
                    {
                        // d atan(u) = du / (1 + u²)
                        Expr u = context.Argument(0);
                        context.Propagate(0, Ops.Div(adjoint, Ops.Add(Ops.Lit(1, type), Ops.Mul(u, u))));
                        break;
                    }

                case MathFunction.Atan2:
                    {
                        // d atan2(y, x) = (x dy - y dx) / (x² + y²). x and y are first divided by m = max(|x|, |y|):
                        // x² + y² itself overflows to infinity for |x| above 1e154 (and underflows to zero below
                        // 1e-154), which would make a finite gradient 0 (or NaN).
                        Expr y = context.Argument(0);
                        Expr x = context.Argument(1);
                        Expr scale = context.Share(Binary(MathFunction.Max, Call(MathFunction.Abs, x, type), Call(MathFunction.Abs, y, type), type), "atan2Scale");
                        Expr xScaled = context.Share(Ops.Div(x, scale), "xScaled");
                        Expr yScaled = context.Share(Ops.Div(y, scale), "yScaled");
                        Expr norm = Ops.Mul(scale, Ops.Add(Ops.Mul(xScaled, xScaled), Ops.Mul(yScaled, yScaled)));
                        Expr scaled = context.Share(Ops.Div(adjoint, norm), "atan2Adj");
                        context.Propagate(0, Ops.Mul(scaled, xScaled));
                        context.Propagate(1, Ops.Neg(Ops.Mul(scaled, yScaled)));
                        break;
                    }

                case MathFunction.Sinh:
                    // d sinh(u) = cosh(u) du
                    context.Propagate(0, Ops.Mul(adjoint, Call(MathFunction.Cosh, context.Argument(0), type)));
                    break;

                case MathFunction.Cosh:
                    // d cosh(u) = sinh(u) du
                    context.Propagate(0, Ops.Mul(adjoint, Call(MathFunction.Sinh, context.Argument(0), type)));
                    break;

                case MathFunction.Asinh:
                    {
                        // d asinh(u) = du / sqrt(u² + 1). For |u| > 1 the root is written |u| sqrt(1 + 1/u²): u² overflows
                        // for |u| above 1e154 (3e19 in float), which would make the derivative 0 instead of 1/|u|.
                        Expr u = context.Argument(0);
                        Expr one = Ops.Lit(1, type);
                        Expr magnitude = context.Share(Call(MathFunction.Abs, u, type), "magnitude");
                        Expr root = new Conditional(
                            Ops.Compare(BinaryOp.Greater, magnitude, one),
                            Ops.Mul(magnitude, Call(MathFunction.Sqrt, Ops.Add(one, Ops.Div(one, Ops.Mul(u, u))), type)),
                            Call(MathFunction.Sqrt, Ops.Add(Ops.Mul(u, u), one), type),
                            type);
                        context.Propagate(0, Ops.Div(adjoint, root));
                        break;
                    }

                case MathFunction.Acosh:
                    {
                        // d acosh(u) = du / sqrt(u² - 1). Near u = 1, u² - 1 is written (u - 1)(u + 1) to keep its digits;
                        // above u = 2 the root is written u sqrt(1 - 1/u²), as u² overflows for u above 1e154.
                        Expr u = context.Argument(0);
                        Expr one = Ops.Lit(1, type);
                        Expr root = new Conditional(
                            Ops.Compare(BinaryOp.Greater, u, Ops.Lit(2, type)),
                            Ops.Mul(u, Call(MathFunction.Sqrt, Ops.Sub(one, Ops.Div(one, Ops.Mul(u, u))), type)),
                            Call(MathFunction.Sqrt, Ops.Mul(Ops.Sub(u, one), Ops.Add(u, one)), type),
                            type);
                        context.Propagate(0, Ops.Div(adjoint, root));
                        break;
                    }

                case MathFunction.Atanh:
                    {
                        // d atanh(u) = du / (1 - u²), with 1 - u² written (1 - u)(1 + u) to keep its digits near |u| = 1.
                        Expr u = context.Argument(0);
                        Expr one = Ops.Lit(1, type);
                        context.Propagate(0, Ops.Div(adjoint, Ops.Mul(Ops.Sub(one, u), Ops.Add(one, u))));
                        break;
                    }

                case MathFunction.Tanh:
                    {
                        // d tanh(u) = (1 - tanh²(u)) du = du / cosh²(u) = 2 du / (1 + cosh(2u)). The first form reuses
                        // the result, but tanh(u) rounds to ±1 for |u| above 19 (9 in float), where it would give 0;
                        // past |u| = 2, where it starts losing digits, the last form is used: one cosh, no pow.
                        Expr tanh = context.Result();
                        Expr u = context.Argument(0);
                        Expr slope = new Conditional(
                            Ops.Compare(BinaryOp.Greater, Call(MathFunction.Abs, u, type), Ops.Lit(2, type)),
                            Ops.Div(Ops.Lit(2, type), Ops.Add(Ops.Lit(1, type), Call(MathFunction.Cosh, Ops.Mul(Ops.Lit(2, type), u), type))),
                            Ops.Sub(Ops.Lit(1, type), Ops.Mul(tanh, tanh)),
                            type);
                        context.Propagate(0, Ops.Mul(adjoint, context.Share(slope, "tanhSlope")));
                        break;
                    }

                case MathFunction.Abs:
                    {
                        // d |u| = sign(u) du, which is 0 at u = 0 (the subgradient of least magnitude). The sign is
                        // written with comparisons: Math.Sign throws on NaN, while |NaN| is NaN, so a NaN u must give a
                        // NaN derivative (u * 0), not an exception.
                        Expr u = context.Argument(0);
                        Expr zero = Ops.Lit(0, type);
                        Expr sign = new Conditional(
                            Ops.Compare(BinaryOp.Greater, u, zero),
                            Ops.Lit(1, type),
                            new Conditional(Ops.Compare(BinaryOp.Less, u, zero), Ops.Lit(-1, type), Ops.Mul(u, zero), type),
                            type);
                        context.Propagate(0, Ops.Mul(adjoint, sign));
                        break;
                    }

                case MathFunction.Max:
                case MathFunction.Min:
                    {
                        // Max(u, u) is u: always a tie, so everything goes to the first argument, without comparing u
                        // with itself (which C# warns about).
                        if (call.Arguments[0] == call.Arguments[1])
                        {
                            context.Propagate(0, adjoint);
                            break;
                        }

                        // The adjoint goes to the argument that was returned; on a tie, to the first.
                        BinaryOp pickFirst = call.Function == MathFunction.Max ? BinaryOp.GreaterOrEqual : BinaryOp.LessOrEqual;
                        Expr condition = Ops.Compare(pickFirst, context.Argument(0), context.Argument(1));
                        Expr shared = context.Share(adjoint, "adj");
                        context.Branch(condition, () => context.Propagate(0, shared), () => context.Propagate(1, shared));
                        break;
                    }

                case MathFunction.Clamp:
                    {
                        // Clamp(u, lo, hi) returns u when lo <= u <= hi (ends included, like Max and Min on a tie, the
                        // adjoint then goes to u), lo when u < lo and hi when u > hi.
                        Expr u = context.Argument(0);
                        Expr shared = context.Share(adjoint, "adj");
                        context.Branch(
                            Ops.Compare(BinaryOp.Less, u, context.Argument(1)),
                            () => context.Propagate(1, shared),
                            () => context.Branch(
                                Ops.Compare(BinaryOp.Greater, u, context.Argument(2)),
                                () => context.Propagate(2, shared),
                                () => context.Propagate(0, shared)));
                        break;
                    }

                case MathFunction.FusedMultiplyAdd:
                    {
                        // d fma(a, b, c) = b da + a db + dc
                        Expr shared = context.Share(adjoint, "adj");
                        if (context.IsActive(0))
                        {
                            context.Propagate(0, Ops.Mul(shared, context.Argument(1)));
                        }

                        if (context.IsActive(1))
                        {
                            context.Propagate(1, Ops.Mul(context.Argument(0), shared));
                        }

                        context.Propagate(2, shared);
                        break;
                    }

                default:
                    // Sign, Floor, Ceiling, Round, Truncate: piecewise constant, so nothing flows back.
                    break;
            }
        }

        /// <summary>A call of a one-argument function.</summary>
        private static MathCall Call(MathFunction function, Expr argument, IrType type)
            => new MathCall(function, new[] { argument }.ToEquatableArray(), type);

        /// <summary>A call of a two-argument function, such as Max or Pow.</summary>
        private static MathCall Binary(MathFunction function, Expr left, Expr right, IrType type)
            => new MathCall(function, new[] { left, right }.ToEquatableArray(), type);

        private static Model.EquatableArray<Expr> ToEquatableArray(this Expr[] items) => new Model.EquatableArray<Expr>(items);
    }
}
