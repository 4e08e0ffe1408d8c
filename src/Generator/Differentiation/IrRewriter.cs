using System;
using System.Collections.Generic;
using System.Linq;
using Backprop.Generators.Ir;
using Backprop.Generators.Model;

namespace Backprop.Generators.Differentiation
{
    /// <summary>
    /// Rewrites IR trees: renames variables everywhere they appear, replaces reads of some variables by expressions,
    /// and rewrites each statement's source text. Lowering renames loop counters with it; inlining maps a callee's
    /// parameters and locals onto the caller's variables.
    /// </summary>
    internal sealed class IrRewriter
    {
        private static readonly IReadOnlyDictionary<string, Expr> s_noValues = new Dictionary<string, Expr>();

        private readonly Func<string, string> _name;
        private readonly IReadOnlyDictionary<string, Expr> _values;
        private readonly Func<string, string> _source;

        private IrRewriter(Func<string, string> name, IReadOnlyDictionary<string, Expr> values, Func<string, string> source)
        {
            _name = name;
            _values = values;
            _source = source;
        }

        /// <summary>Renames the variable <paramref name="from"/> to <paramref name="to"/> everywhere in the block.</summary>
        public static Block Rename(Block block, string from, string to)
            => new IrRewriter(name => name == from ? to : name, s_noValues, source => source).Rewrite(block);

        /// <summary>
        /// Renames variables by <paramref name="renames"/>, replaces reads of the variables in <paramref name="values"/>
        /// by their expressions, and passes each statement's source text through <paramref name="source"/>.
        /// </summary>
        public static Block Substitute(Block block, IReadOnlyDictionary<string, string> renames, IReadOnlyDictionary<string, Expr> values, Func<string, string> source)
            => new IrRewriter(name => renames.TryGetValue(name, out string? renamed) ? renamed : name, values, source).Rewrite(block);

        private Block Rewrite(Block block) => new Block(block.Statements.Select(Rewrite).ToEquatableArray());

        private Stmt Rewrite(Stmt stmt)
        {
            string source = _source(stmt.Source);
            return stmt switch
            {
                Declare d => d with { Variable = _name(d.Variable), Initializer = d.Initializer is null ? null : Rewrite(d.Initializer), Source = source },
                DeclareArray a => a with { Variable = _name(a.Variable), Length = Rewrite(a.Length), Length2 = a.Length2 is null ? null : Rewrite(a.Length2), Source = source },
                Assign a => a with { Target = Rewrite(a.Target), Value = Rewrite(a.Value), Source = source },
                CallStatement c => c with { Call = Rewrite(c.Call), Source = source },
                If i => i with { Condition = Rewrite(i.Condition), Then = Rewrite(i.Then), Else = Rewrite(i.Else), Source = source },
                For f => f with { Counter = _name(f.Counter), Start = Rewrite(f.Start), End = Rewrite(f.End), Body = Rewrite(f.Body), Source = source },
                While w => w with { Condition = Rewrite(w.Condition), Body = Rewrite(w.Body), Source = source },
                Return r => r with { Value = Rewrite(r.Value), Source = source },
                _ => stmt with { Source = source },
            };
        }

        private Expr Rewrite(Expr expr) => expr switch
        {
            VarRef v when _values.TryGetValue(v.Name, out Expr? value) => value,
            VarRef v => v with { Name = _name(v.Name) },
            ElementRef e => IrQueries.MapChildren(e with { Array = _name(e.Array) }, Rewrite),
            LengthOf l => IrQueries.MapChildren(l with { Array = _name(l.Array) }, Rewrite),
            _ => IrQueries.MapChildren(expr, Rewrite),
        };
    }
}
