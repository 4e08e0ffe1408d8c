using Backprop.Generators.Ir;

namespace Backprop.Generators.Differentiation
{
    /// <summary>Builders of IR arithmetic that fold the trivial cases, so that generated code reads as written by hand.</summary>
    internal static class Ops
    {
        public static Literal Lit(double value, IrType like) => Literal.Of(value, like.Scalar == ScalarKind.Float ? ScalarKind.Float : ScalarKind.Double);

        public static Expr Add(Expr a, Expr b) => new Binary(BinaryOp.Add, a, b, Wider(a.Type, b.Type));

        public static Expr Sub(Expr a, Expr b) => new Binary(BinaryOp.Subtract, a, b, Wider(a.Type, b.Type));

        public static Expr Mul(Expr a, Expr b)
        {
            if (IsOne(a))
            {
                return b;
            }

            if (IsOne(b))
            {
                return a;
            }

            if (a is Unary { Op: UnaryOp.Negate } na)
            {
                return Neg(Mul(na.Operand, b));
            }

            return new Binary(BinaryOp.Multiply, a, b, Wider(a.Type, b.Type));
        }

        public static Expr Div(Expr a, Expr b) => IsOne(b) ? a : new Binary(BinaryOp.Divide, a, b, Wider(a.Type, b.Type));

        public static Expr Neg(Expr a) => a is Unary { Op: UnaryOp.Negate } inner ? inner.Operand : new Unary(UnaryOp.Negate, a, a.Type);

        public static Expr CastTo(Expr a, IrType type)
        {
            IrType scalar = type.Element;
            return a.Type.Scalar == scalar.Scalar ? a : new Cast(a, scalar);
        }

        public static Expr Compare(BinaryOp op, Expr a, Expr b) => new Binary(op, a, b, IrType.Bool);

        public static IrType Wider(IrType a, IrType b)
        {
            if (a.Scalar == ScalarKind.Double || b.Scalar == ScalarKind.Double)
            {
                return IrType.Double;
            }

            return a.Scalar == ScalarKind.Float || b.Scalar == ScalarKind.Float ? IrType.Float : IrType.Int;
        }

        /// <summary>Whether an expression is cheap and side-effect free enough to print more than once.</summary>
        public static bool IsSimple(Expr e) => e switch
        {
            Literal or VarRef or LengthOf => true,
            ElementRef r => r.Index is Literal or VarRef,
            Unary { Op: UnaryOp.Negate } u => u.Operand is Literal or VarRef,
            _ => false,
        };

        private static bool IsOne(Expr e) => e is Literal { Value: 1.0 };
    }
}
