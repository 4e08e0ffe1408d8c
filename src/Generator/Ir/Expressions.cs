using Backprop.Generators.Model;

namespace Backprop.Generators.Ir
{
    /// <summary>An IR expression. Every node knows its type.</summary>
    internal abstract record Expr(IrType Type);

    /// <summary>A numeric or boolean constant.</summary>
    internal sealed record Literal(double Value, IrType Type) : Expr(Type)
    {
        public static Literal Of(double value, ScalarKind kind) => new Literal(value, IrType.ScalarOf(kind));
    }

    /// <summary>A read of a whole variable.</summary>
    internal sealed record VarRef(string Name, IrType Type) : Expr(Type);

    /// <summary>
    /// A read of <c>Array[Index]</c>, or of <c>Array[Index, Index2]</c> (a rectangular array) or
    /// <c>Array[Index][Index2]</c> (a jagged array, when <paramref name="Jagged"/>).
    /// </summary>
    internal sealed record ElementRef(string Array, Expr Index, IrType Type, Expr? Index2 = null, bool Jagged = false) : Expr(Type);

    /// <summary>
    /// <c>Array.Length</c>; <c>Array.GetLength(Dimension)</c> when <paramref name="Dimension"/> is 0 or 1; or the
    /// length of one row of a jagged array, <c>Array[Row].Length</c>.
    /// </summary>
    internal sealed record LengthOf(string Array, int Dimension = -1, Expr? Row = null) : Expr(IrType.Int);

    internal enum UnaryOp
    {
        Negate,
        Not,
    }

    internal sealed record Unary(UnaryOp Op, Expr Operand, IrType Type) : Expr(Type);

    internal enum BinaryOp
    {
        Add,
        Subtract,
        Multiply,
        Divide,
        Remainder,
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
        Equal,
        NotEqual,
        And,
        Or,
    }

    internal sealed record Binary(BinaryOp Op, Expr Left, Expr Right, IrType Type) : Expr(Type);

    /// <summary><c>Condition ? WhenTrue : WhenFalse</c>.</summary>
    internal sealed record Conditional(Expr Condition, Expr WhenTrue, Expr WhenFalse, IrType Type) : Expr(Type);

    /// <summary>A numeric conversion to <paramref name="Type"/>.</summary>
    internal sealed record Cast(Expr Operand, IrType Type) : Expr(Type);

    /// <summary>The System.Math and System.MathF functions the IR knows, each with a rule in DerivativeRules.</summary>
    internal enum MathFunction
    {
        Exp,
        Log,
        Log10,
        Log2,
        Sqrt,
        Cbrt,
        Pow,
        Sin,
        Cos,
        Tan,
        Asin,
        Acos,
        Atan,
        Atan2,
        Sinh,
        Cosh,
        Tanh,
        Asinh,
        Acosh,
        Atanh,
        Abs,
        Max,
        Min,
        Clamp,
        FusedMultiplyAdd,
        Sign,
        Floor,
        Ceiling,
        Round,
        Truncate,
    }

    /// <summary>A call of System.Math (or System.MathF when <see cref="Expr.Type"/> is float).</summary>
    internal sealed record MathCall(MathFunction Function, EquatableArray<Expr> Arguments, IrType Type) : Expr(Type);

    /// <summary>A parameter of a differentiable callee, as its pullback's signature depends on it.</summary>
    /// <param name="Type">The parameter's type.</param>
    /// <param name="IsDifferentiable">Whether the pullback has a gradient parameter for it.</param>
    /// <param name="IsRefReadOnly">Whether it is a <c>ref readonly</c> parameter, whose variable arguments are passed with <c>in</c>.</param>
    /// <param name="Name">Its name, for diagnostics.</param>
    internal sealed record CalleeParameter(IrType Type, bool IsDifferentiable, bool IsRefReadOnly = false, string Name = "");

    /// <summary>What the method a call's reverse sweep calls (<see cref="CalleeInfo.Pullback"/>) computes.</summary>
    internal enum CalleeDerivative
    {
        /// <summary>A pullback: the primal arguments, the result's adjoint, a gradient buffer per differentiable parameter.</summary>
        Pullback,

        /// <summary>A user's <c>T FDerivative(T x)</c>: dF/dx from F's argument.</summary>
        OfArgument,

        /// <summary>A user's <c>[DerivativeOf(…, FromResult = true)] T FDerivative(T y)</c>: dF/dx from F's value.</summary>
        OfResult,
    }

    /// <summary>A <c>[Differentiable]</c> method called from another, known by its signature alone.</summary>
    /// <param name="ContainingType">The fully qualified containing type.</param>
    /// <param name="Name">The method name; its pullback is <c>Name + "Pullback"</c>.</param>
    /// <param name="Parameters">The parameters in order.</param>
    /// <param name="ReturnType">The return type, or null for a void helper.</param>
    /// <param name="Pullback">
    /// The method the reverse sweep calls: the generated <c>NamePullback</c>, or a user's <c>[DerivativeOf]</c> method.
    /// </param>
    /// <param name="Derivative">What <see cref="Pullback"/> is: a pullback, or a user's scalar derivative.</param>
    internal sealed record CalleeInfo(string ContainingType, string Name, EquatableArray<CalleeParameter> Parameters, IrType? ReturnType, string Pullback, CalleeDerivative Derivative = CalleeDerivative.Pullback)
    {
        /// <summary>
        /// The callee's lowered body, when it is a static <c>[Differentiable]</c> method of the caller's own type whose
        /// pullback the generator writes, so that the caller may inline it; null otherwise.
        /// </summary>
        public Function? Body { get; init; }

        /// <summary>
        /// A call in the callee's body (or a callee's, in turn) that would make its pullback, which runs the body
        /// again, see other values; null when there is none, or the body is unknown (another assembly).
        /// </summary>
        public Redraw? Redraws { get; init; }

        /// <summary>
        /// A field or property the callee's body (or a callee's, in turn) reads, by name: a call the caller makes may
        /// change it before the pullback reads it again. Null when there is none, or the body is unknown.
        /// </summary>
        public string? ReadsState { get; init; }

        /// <summary>
        /// A call in the callee's body (or a callee's) that may change a field or property, by name: the callee is then
        /// such a call itself, for its caller. Null when there is none, or the body is unknown.
        /// </summary>
        public string? ChangesState { get; init; }
    }

    /// <summary>A call that a callee's pullback would make again with another outcome, for BP0015.</summary>
    /// <param name="Method">The method called, as diagnostics name it (<c>Model.Noise</c>): the one to mark <c>[Pure]</c>.</param>
    /// <param name="Clause">What the callee does, completing "'F' …": <c>calls 'Model.Noise', which may return another value each time</c>.</param>
    internal sealed record Redraw(string Method, string Clause);

    /// <summary>
    /// A call of another <c>[Differentiable]</c> method. Array arguments are <see cref="VarRef"/>s, or a jagged array's row.
    /// A void callee appears only as a <see cref="CallStatement"/>.
    /// </summary>
    internal sealed record DifferentiableCall(CalleeInfo Callee, EquatableArray<Expr> Arguments, IrType Type, LocationInfo? Location) : Expr(Type)
    {
        public bool Equals(DifferentiableCall? other) => other is not null && Callee == other.Callee && Arguments == other.Arguments && Type == other.Type;

        public override int GetHashCode() => (Callee, Arguments).GetHashCode();
    }

    /// <summary>What an opaque call or read may give when the reverse sweep makes it again.</summary>
    internal enum OpaqueEffect
    {
        /// <summary>The same value, whatever else happens: a constant, a readonly field, a pure helper, Math.</summary>
        Pure,

        /// <summary>The same value while the fields and properties it reads are unchanged: a field, a helper that only reads.</summary>
        ReadsState,

        /// <summary>Anything: it draws, counts, reads a clock, writes state, or cannot be read.</summary>
        MayDiffer,
    }

    /// <summary>
    /// A call of any other static method, or a read of a static field: a constant for differentiation, so its
    /// arguments must not depend on differentiable inputs.
    /// </summary>
    /// <param name="Target">The fully qualified method or field, for example <c>global::System.Math.PI</c>.</param>
    /// <param name="Arguments">The arguments, or default for a field read.</param>
    /// <param name="IsInvocation">Whether this is a call (with parentheses) rather than a field read.</param>
    /// <param name="Type">The value's type.</param>
    /// <param name="Location">Where the call is, for diagnostics.</param>
    internal sealed record OpaqueCall(string Target, EquatableArray<Expr> Arguments, bool IsInvocation, IrType Type, LocationInfo? Location) : Expr(Type)
    {
        /// <summary>
        /// What calling it again (or reading it again) may give, from Parsing/MethodEffects.cs: the same value
        /// (<see cref="OpaqueEffect.Pure"/>), the same while the state it reads is unchanged, or anything.
        /// </summary>
        public OpaqueEffect Effect { get; init; } = OpaqueEffect.MayDiffer;

        /// <summary>For a call given arrays: whether it may write one of them (its body says so, or it is not here to read).</summary>
        public bool WritesArrays { get; init; }

        /// <summary>Whether the call (or the property's getter) may change a field or property (Parsing/MethodEffects.cs).</summary>
        public bool MayChangeState { get; init; }

        public bool Equals(OpaqueCall? other) => other is not null && Target == other.Target && Arguments == other.Arguments && IsInvocation == other.IsInvocation && Type == other.Type
            && Effect == other.Effect && WritesArrays == other.WritesArrays && MayChangeState == other.MayChangeState;

        public override int GetHashCode() => (Target, Arguments).GetHashCode();
    }
}
