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

        /// <summary>A short description of a rule, quoted in the generated comments.</summary>
        public static string Describe(MathFunction function) => function switch
        {
            MathFunction.Exp => "d exp(u) = exp(u) du",
            MathFunction.Log => "d log(u) = du / u",
            MathFunction.Sqrt => "d sqrt(u) = du / (2 sqrt(u))",
            MathFunction.Pow => "d u^v = v u^(v-1) du + u^v log(u) dv",
            MathFunction.Sin => "d sin(u) = cos(u) du",
            MathFunction.Cos => "d cos(u) = -sin(u) du",
            MathFunction.Tan => "d tan(u) = du / cos²(u)",
            MathFunction.Tanh => "d tanh(u) = (1 - tanh²(u)) du",
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

                case MathFunction.Log:
                    // d log(u) = du / u
                    context.Propagate(0, Ops.Div(adjoint, context.Argument(0)));
                    break;

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
                            Expr log = new MathCall(MathFunction.Log, new[] { u }.ToEquatableArray(), type);
                            context.Propagate(1, Ops.Mul(Ops.Mul(adjoint, context.Result()), log));
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

                case MathFunction.Tanh:
                    {
                        // d tanh(u) = (1 - tanh²(u)) du
                        Expr tanh = context.Result();
                        context.Propagate(0, Ops.Mul(adjoint, Ops.Sub(Ops.Lit(1, type), Ops.Mul(tanh, tanh))));
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

                default:
                    // Sign, Floor, Ceiling, Round, Truncate: piecewise constant, so nothing flows back.
                    break;
            }
        }

        private static MathCall Call(MathFunction function, Expr argument, IrType type)
            => new MathCall(function, new[] { argument }.ToEquatableArray(), type);

        private static Model.EquatableArray<Expr> ToEquatableArray(this Expr[] items) => new Model.EquatableArray<Expr>(items);
    }
}
