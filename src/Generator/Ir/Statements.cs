using Backprop.Generators.Model;

namespace Backprop.Generators.Ir
{
    /// <summary>
    /// An IR statement. <see cref="Source"/> is the statement's C# text, quoted in comments of the generated code;
    /// <see cref="Location"/> is where diagnostics about it point.
    /// </summary>
    internal abstract record Stmt(string Source, LocationInfo? Location)
    {
        // Locations do not take part in equality: moving a method within its file must not regenerate it.
        public virtual bool Equals(Stmt? other) => other is not null && other.GetType() == GetType() && Source == other.Source;

        public override int GetHashCode() => Source.GetHashCode();
    }

    /// <summary>A sequence of statements.</summary>
    internal sealed record Block(EquatableArray<Stmt> Statements)
    {
        public static readonly Block Empty = new Block(EquatableArray<Stmt>.Empty);
    }

    /// <summary>A scalar local's declaration, with an optional initial value.</summary>
    internal sealed record Declare(string Variable, Expr? Initializer, string Source, LocationInfo? Location) : Stmt(Source, Location);

    /// <summary>A local array's declaration: <c>new T[Length]</c>, <c>new T[Length, Length2]</c> or <c>stackalloc T[Length]</c>.</summary>
    internal sealed record DeclareArray(string Variable, Expr Length, string Source, LocationInfo? Location, Expr? Length2 = null) : Stmt(Source, Location);

    /// <summary>
    /// <c>Target = Value</c>, where the target is a <see cref="VarRef"/> or an <see cref="ElementRef"/>.
    /// Compound assignments, <c>++</c> and <c>--</c> are lowered to this form.
    /// </summary>
    internal sealed record Assign(Expr Target, Expr Value, string Source, LocationInfo? Location) : Stmt(Source, Location);

    /// <summary>A call made for its effect: a void <c>[Differentiable]</c> helper, or an opaque call.</summary>
    internal sealed record CallStatement(Expr Call, string Source, LocationInfo? Location) : Stmt(Source, Location);

    /// <summary><c>if (Condition) Then else Else</c>.</summary>
    internal sealed record If(Expr Condition, Block Then, Block Else, string Source, LocationInfo? Location) : Stmt(Source, Location);

    /// <summary>
    /// <c>for (int Counter = Start; Counter &lt; End; Counter++)</c>, or its <c>&lt;=</c>, <c>&gt;</c>,
    /// <c>&gt;=</c> and <c>--</c> forms. The counter is written only by the loop header.
    /// </summary>
    /// <param name="Counter">The counter variable.</param>
    /// <param name="Start">The counter's first value.</param>
    /// <param name="Comparison">How the counter is compared with <paramref name="End"/>.</param>
    /// <param name="End">The bound.</param>
    /// <param name="Step">+1 or −1.</param>
    /// <param name="Body">The loop body.</param>
    /// <param name="Source">The loop header's text.</param>
    /// <param name="Location">The loop header's location.</param>
    internal sealed record For(string Counter, Expr Start, BinaryOp Comparison, Expr End, int Step, Block Body, string Source, LocationInfo? Location) : Stmt(Source, Location);

    /// <summary><c>return Value;</c>, lowered to an assignment of the result before differentiation.</summary>
    internal sealed record Return(Expr Value, string Source, LocationInfo? Location) : Stmt(Source, Location);
}

namespace Backprop.Generators.Ir
{
    /// <summary>
    /// <c>while (Condition) Body</c>, or <c>do Body while (Condition);</c> when <see cref="IsDo"/>. The reverse sweep
    /// runs the body backwards as many times as the forward sweep ran it.
    /// </summary>
    internal sealed record While(Expr Condition, Block Body, bool IsDo, string Source, LocationInfo? Location) : Stmt(Source, Location);

    /// <summary><c>break;</c>, lowered to a flag before differentiation.</summary>
    internal sealed record Break(string Source, LocationInfo? Location) : Stmt(Source, Location);

    /// <summary><c>continue;</c>, lowered away before differentiation.</summary>
    internal sealed record Continue(string Source, LocationInfo? Location) : Stmt(Source, Location);
}
