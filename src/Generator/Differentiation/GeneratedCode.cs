using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Backprop.Generators.Ir;

namespace Backprop.Generators.Differentiation
{
    /// <summary>
    /// Walks over generated statements (<see cref="GStmt"/>), for the transforms that run on the generated sweeps
    /// (<see cref="LoopInvariantIndices"/>, <see cref="AccumulatorPromotion"/>, <see cref="ElementPromotion"/>): the
    /// statements at every depth, the names each one declares or mentions (and how often), and a rewrite of every
    /// <c>for</c> loop.
    /// </summary>
    internal static class GeneratedCode
    {
        // A C# identifier, any letters (κ, λAdj), with the @ of a name that is a keyword (@base), as the IR spells it.
        private static readonly Regex s_identifier = new Regex(@"@?[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}\p{Cf}]*", RegexOptions.CultureInvariant);

        /// <summary>Every statement of a generated block, those nested in blocks, branches and loops included.</summary>
        public static IEnumerable<GStmt> Flattened(IReadOnlyList<GStmt> code)
        {
            foreach (GStmt stmt in code)
            {
                yield return stmt;
                IEnumerable<GStmt> nested = stmt switch
                {
                    GBlock b => Flattened(b.Statements),
                    GIf i => Flattened(i.Then).Concat(Flattened(i.Else)),
                    GFor f => Flattened(f.Body),
                    GWhile w => Flattened(w.Body),
                    GCountedLoop c => Flattened(c.Body),
                    _ => Enumerable.Empty<GStmt>(),
                };
                foreach (GStmt inner in nested)
                {
                    yield return inner;
                }
            }
        }

        /// <summary>Every name a generated block declares or mentions in raw text (to keep new names distinct).</summary>
        public static IEnumerable<string> DeclaredNames(IReadOnlyList<GStmt> code)
        {
            var names = new HashSet<string>();
            foreach (GStmt stmt in Flattened(code))
            {
                NamesOf(stmt, names);
            }

            return names;
        }

        /// <summary>The names one statement declares (a local, a loop counter) or mentions in raw text, not its nested ones'.</summary>
        public static void NamesOf(GStmt stmt, ISet<string> into)
        {
            switch (stmt)
            {
                case GLocal l:
                    into.Add(l.Name);
                    break;
                case GDeclare d:
                    into.Add(d.Name);
                    break;
                case GRaw r:
                    // A raw statement may assign any name it mentions.
                    into.UnionWith(IdentifiersIn(r.Text));
                    break;
                case GFor f:
                    into.Add(f.Counter);
                    break;
                case GCountedLoop c:
                    into.Add(c.Counter);
                    break;
            }
        }

        /// <summary>Every identifier in a statement's text.</summary>
        public static IEnumerable<string> IdentifiersIn(string text) => s_identifier.Matches(text).Cast<Match>().Select(m => m.Value);

        /// <summary>
        /// Rewrites every <c>for</c> loop in <paramref name="code"/>, at any depth, inner loops first:
        /// <paramref name="rewrite"/> gets each loop (its body already rewritten) and the statements written so far
        /// at its level, and adds what replaces it.
        /// </summary>
        public static List<GStmt> RewriteForLoops(IReadOnlyList<GStmt> code, Action<GFor, List<GStmt>> rewrite)
        {
            List<GStmt> All(IReadOnlyList<GStmt> list) => RewriteForLoops(list, rewrite);
            var output = new List<GStmt>();
            foreach (GStmt stmt in code)
            {
                switch (stmt)
                {
                    case GFor f:
                        rewrite(f with { Body = All(f.Body) }, output);
                        break;
                    case GBlock b:
                        output.Add(new GBlock(All(b.Statements)));
                        break;
                    case GIf i:
                        output.Add(i with { Then = All(i.Then), Else = All(i.Else) });
                        break;
                    case GWhile w:
                        output.Add(w with { Body = All(w.Body) });
                        break;
                    case GCountedLoop c:
                        output.Add(c with { Body = All(c.Body) });
                        break;
                    default:
                        output.Add(stmt);
                        break;
                }
            }

            return output;
        }

        /// <summary>How many times each name appears in the statements, at any depth: in expressions, as a target, in text.</summary>
        public static Dictionary<string, int> CountMentions(IReadOnlyList<GStmt> code)
        {
            var counts = new Dictionary<string, int>();
            void Name(string name) => counts[name] = counts.TryGetValue(name, out int count) ? count + 1 : 1;
            void Text(string text)
            {
                foreach (string name in GeneratedCode.IdentifiersIn(text))
                {
                    Name(name);
                }
            }

            void Expr(Expr? expr)
            {
                switch (expr)
                {
                    case null:
                        return;
                    case VarRef v:
                        Name(v.Name);
                        break;
                    case ElementRef e:
                        Name(e.Array);
                        break;
                    case LengthOf l:
                        Name(l.Array);
                        break;
                }

                foreach (Expr child in IrQueries.Children(expr))
                {
                    Expr(child);
                }
            }

            foreach (GStmt stmt in GeneratedCode.Flattened(code))
            {
                switch (stmt)
                {
                    case GLocal l:
                        Name(l.Name);
                        Expr(l.Value);
                        break;
                    case GDeclare d:
                        Name(d.Name);
                        Text(d.ValueText);
                        break;
                    case GAssign a:
                        Expr(a.Target);
                        Expr(a.Value);
                        break;
                    case GCall c:
                        Expr(c.Call);
                        break;
                    case GRaw r:
                        Text(r.Text);
                        break;
                    case GIf i:
                        Expr(i.Condition);
                        if (i.ConditionText is not null)
                        {
                            Text(i.ConditionText);
                        }

                        break;
                    case GFor f:
                        Name(f.Counter);
                        Expr(f.Start);
                        Expr(f.End);
                        break;
                    case GWhile w:
                        Expr(w.Condition);
                        break;
                    case GCountedLoop c:
                        Name(c.Counter);
                        Text(c.CountText);
                        break;
                }
            }

            return counts;
        }
    }
}
