using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Backprop.Tests.Fuzzing
{
    /// <summary>What an expression of a random program evaluates to.</summary>
    public enum FKind
    {
        Double,
        Int,
        Bool,
    }

    /// <summary>
    /// An expression of a random program: a format string with <c>{0}</c>, <c>{1}</c>… holes for its operands.
    /// Operands are mutable so that the shrinker can replace a subexpression by one of its own operands.
    /// </summary>
    public sealed class FExpr
    {
        public FExpr(FKind kind, double bound, string format, params FExpr[] operands)
        {
            Kind = kind;
            Bound = bound;
            Format = format;
            Operands = operands;
        }

        public FKind Kind { get; }

        /// <summary>An upper bound of the value's magnitude, as the generator estimated it.</summary>
        public double Bound { get; }

        public string Format { get; }

        public FExpr[] Operands { get; }

        public static FExpr Number(double value)
        {
            string text = value.ToString("0.0##", CultureInfo.InvariantCulture);
            return new FExpr(FKind.Double, Math.Abs(value), value < 0 ? "(" + text + ")" : text);
        }

        public static FExpr Int(string text, double bound) => new FExpr(FKind.Int, bound, text);

        public static FExpr Var(string name, double bound) => new FExpr(FKind.Double, bound, name);

        public string Render()
        {
            if (Operands.Length == 0)
            {
                return Format;
            }

            return string.Format(CultureInfo.InvariantCulture, Format, Operands.Select(o => (object)o.Render()).ToArray());
        }

        public override string ToString() => Render();
    }

    /// <summary>A statement of a random program.</summary>
    public abstract class FStmt
    {
        public abstract void Render(StringBuilder builder, int indent);

        /// <summary>The blocks nested in this statement, for the shrinker.</summary>
        public virtual IEnumerable<List<FStmt>> Blocks => Array.Empty<List<FStmt>>();

        /// <summary>The expressions held directly by this statement, for the shrinker.</summary>
        public virtual IEnumerable<FExpr> Expressions => Array.Empty<FExpr>();

        protected static void Line(StringBuilder builder, int indent, string text) => builder.Append(' ', indent * 4).Append(text).Append('\n');

        protected static void RenderBlock(StringBuilder builder, int indent, List<FStmt> block)
        {
            Line(builder, indent, "{");
            foreach (FStmt stmt in block)
            {
                stmt.Render(builder, indent + 1);
            }

            Line(builder, indent, "}");
        }
    }

    /// <summary>A one-line statement, for example <c>v1 = {0};</c>.</summary>
    public sealed class FLine : FStmt
    {
        public FLine(string format, params FExpr[] operands)
        {
            Format = format;
            Operands = operands;
        }

        /// <summary>A line the shrinker must keep: a while loop's counter increment, without which it never ends.</summary>
        public bool IsEssential { get; init; }

        public string Format { get; }

        public FExpr[] Operands { get; }

        /// <summary>Whether this is a <c>return</c>; the shrinker keeps the last one of a method.</summary>
        public bool IsReturn => Format.StartsWith("return", StringComparison.Ordinal);

        public override IEnumerable<FExpr> Expressions => Operands;

        public override void Render(StringBuilder builder, int indent)
            => Line(builder, indent, Operands.Length == 0 ? Format : string.Format(CultureInfo.InvariantCulture, Format, Operands.Select(o => (object)o.Render()).ToArray()));
    }

    /// <summary><c>if (Condition) { Then } else { Else }</c>.</summary>
    public sealed class FIf : FStmt
    {
        public FIf(FExpr condition, List<FStmt> then, List<FStmt>? otherwise)
        {
            Condition = condition;
            Then = then;
            Else = otherwise;
        }

        public FExpr Condition { get; }

        public List<FStmt> Then { get; }

        public List<FStmt>? Else { get; set; }

        public override IEnumerable<List<FStmt>> Blocks => Else is null ? new[] { Then } : new[] { Then, Else };

        public override IEnumerable<FExpr> Expressions => new[] { Condition };

        public override void Render(StringBuilder builder, int indent)
        {
            Line(builder, indent, $"if ({Condition.Render()})");
            RenderBlock(builder, indent, Then);
            if (Else is not null)
            {
                Line(builder, indent, "else");
                RenderBlock(builder, indent, Else);
            }
        }
    }

    /// <summary>A for loop with a fixed header.</summary>
    public sealed class FFor : FStmt
    {
        public FFor(string header, List<FStmt> body)
        {
            Header = header;
            Body = body;
        }

        public string Header { get; }

        public List<FStmt> Body { get; }

        public override IEnumerable<List<FStmt>> Blocks => new[] { Body };

        public override void Render(StringBuilder builder, int indent)
        {
            Line(builder, indent, Header);
            RenderBlock(builder, indent, Body);
        }
    }

    /// <summary>A <c>while</c> loop, or a <c>do</c> loop when <see cref="IsDo"/>.</summary>
    public sealed class FWhile : FStmt
    {
        public FWhile(FExpr condition, List<FStmt> body, bool isDo)
        {
            Condition = condition;
            Body = body;
            IsDo = isDo;
        }

        public FExpr Condition { get; }

        public List<FStmt> Body { get; }

        public bool IsDo { get; }

        public override IEnumerable<List<FStmt>> Blocks => new[] { Body };

        public override IEnumerable<FExpr> Expressions => new[] { Condition };

        public override void Render(StringBuilder builder, int indent)
        {
            if (IsDo)
            {
                Line(builder, indent, "do");
                RenderBlock(builder, indent, Body);
                Line(builder, indent, $"while ({Condition.Render()});");
                return;
            }

            Line(builder, indent, $"while ({Condition.Render()})");
            RenderBlock(builder, indent, Body);
        }
    }

    /// <summary><c>switch (Selector) { case k: { … } break; … default: { … } break; }</c>.</summary>
    public sealed class FSwitch : FStmt
    {
        public FSwitch(FExpr selector, List<(string Label, List<FStmt> Body)> sections)
        {
            Selector = selector;
            Sections = sections;
        }

        public FExpr Selector { get; }

        public List<(string Label, List<FStmt> Body)> Sections { get; }

        public override IEnumerable<List<FStmt>> Blocks => Sections.Select(s => s.Body);

        public override IEnumerable<FExpr> Expressions => new[] { Selector };

        public override void Render(StringBuilder builder, int indent)
        {
            Line(builder, indent, $"switch ({Selector.Render()})");
            Line(builder, indent, "{");
            foreach ((string label, List<FStmt> body) in Sections)
            {
                Line(builder, indent + 1, label + ":");
                RenderBlock(builder, indent + 2, body);
                Line(builder, indent + 2, "break;");
            }

            Line(builder, indent, "}");
        }
    }

    /// <summary>Statements that belong together without braces of their own (a counter and its while loop).</summary>
    public sealed class FSequence : FStmt
    {
        public FSequence(List<FStmt> items) => Items = items;

        public List<FStmt> Items { get; }

        public override IEnumerable<List<FStmt>> Blocks => new[] { Items };

        public override void Render(StringBuilder builder, int indent)
        {
            foreach (FStmt item in Items)
            {
                item.Render(builder, indent);
            }
        }
    }

    /// <summary>A method of a random program.</summary>
    public sealed class FMethod
    {
        public FMethod(string signature, bool differentiable, List<FStmt> body)
        {
            Signature = signature;
            IsDifferentiable = differentiable;
            Body = body;
        }

        /// <summary>For example <c>public static double F(double[] a, double p)</c>.</summary>
        public string Signature { get; }

        public bool IsDifferentiable { get; }

        public List<FStmt> Body { get; }

        public void Render(StringBuilder builder, int indent)
        {
            if (IsDifferentiable)
            {
                builder.Append(' ', indent * 4).Append("[Differentiable]\n");
            }

            // A body that is a single return reads best as an expression-bodied method.
            if (Body.Count == 1 && Body[0] is FLine { IsReturn: true } only)
            {
                string value = only.Operands.Length == 0 ? only.Format.Substring("return ".Length).TrimEnd(';') : only.Operands[0].Render();
                builder.Append(' ', indent * 4).Append(Signature).Append(" => ").Append(value).Append(";\n");
                return;
            }

            builder.Append(' ', indent * 4).Append(Signature).Append('\n');
            builder.Append(' ', indent * 4).Append("{\n");
            foreach (FStmt stmt in Body)
            {
                stmt.Render(builder, indent + 1);
            }

            builder.Append(' ', indent * 4).Append("}\n");
        }
    }
}
