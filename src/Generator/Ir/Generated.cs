using System.Collections.Generic;

namespace Backprop.Generators.Ir
{
    /// <summary>
    /// The generated method's statements: the reverse-mode transform builds them, the emitter prints them. They
    /// reuse IR expressions, with adjoints, temporaries and tapes as ordinary variables.
    /// </summary>
    internal abstract record GStmt;

    /// <summary>A line comment.</summary>
    internal sealed record GComment(string Text) : GStmt;

    /// <summary>An empty line between blocks of code.</summary>
    internal sealed record GBlankLine : GStmt;

    /// <summary><c>Type Name = Value;</c>, where <see cref="TypeText"/> is printed as is.</summary>
    internal sealed record GDeclare(string TypeText, string Name, string ValueText) : GStmt;

    /// <summary><c>Type Name = Value;</c> with an IR value.</summary>
    internal sealed record GLocal(IrType Type, string Name, Expr Value) : GStmt;

    /// <summary><c>Target = Value;</c> or, when <see cref="Accumulate"/>, <c>Target += Value;</c>.</summary>
    internal sealed record GAssign(Expr Target, Expr Value, bool Accumulate) : GStmt;

    /// <summary>A statement printed as is, for calls whose shape IR expressions do not cover.</summary>
    internal sealed record GRaw(string Text) : GStmt;

    /// <summary>An expression evaluated for its effect.</summary>
    internal sealed record GCall(Expr Call) : GStmt;

    /// <summary>A nested block in braces, to scope temporaries.</summary>
    internal sealed record GBlock(IReadOnlyList<GStmt> Statements) : GStmt;

    /// <summary><c>if (Condition) { Then } else { Else }</c>; <see cref="ConditionText"/> replaces the condition when set.</summary>
    internal sealed record GIf(Expr? Condition, string? ConditionText, IReadOnlyList<GStmt> Then, IReadOnlyList<GStmt> Else) : GStmt;

    /// <summary><c>for (int Counter = Start; Counter Comparison End; Counter += Step) { Body }</c>.</summary>
    internal sealed record GFor(string Counter, Expr Start, BinaryOp Comparison, Expr End, int Step, IReadOnlyList<GStmt> Body) : GStmt
    {
        /// <summary>
        /// When set, the loop is printed inside <c>if (RunsIf)</c>: a reversed loop whose first counter value
        /// (<c>end - 1</c>) would wrap around <c>int</c> when the forward loop ran no iteration.
        /// </summary>
        public Expr? RunsIf { get; init; }

        /// <summary>
        /// When set, the loop steps its counter at the top of each iteration instead of after it
        /// (<c>for (int i = end; i &gt; start;) { i--; … }</c>): <see cref="Start"/> is one step before the first
        /// value, and the test compares the value before the step. A reversed loop whose start may be
        /// <c>int.MinValue</c> needs it, since <c>i &gt;= start</c> always holds there.
        /// </summary>
        public bool StepsFirst { get; init; }
    }

    /// <summary><c>while (Condition) { Body }</c>, or <c>do { Body } while (Condition);</c>.</summary>
    internal sealed record GWhile(Expr Condition, IReadOnlyList<GStmt> Body, bool IsDo) : GStmt;

    /// <summary><c>for (int Counter = CountText; Counter &gt; 0; Counter--) { Body }</c>: a loop replayed by its recorded count.</summary>
    internal sealed record GCountedLoop(string Counter, string CountText, IReadOnlyList<GStmt> Body) : GStmt;
}
