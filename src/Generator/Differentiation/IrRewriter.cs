using System.Linq;
using Backprop.Generators.Ir;
using Backprop.Generators.Model;

namespace Backprop.Generators.Differentiation
{
    /// <summary>Rewrites IR trees: here, renaming a variable everywhere it appears.</summary>
    internal static class IrRewriter
    {
        public static Block Rename(Block block, string from, string to)
            => new Block(block.Statements.Select(s => Rename(s, from, to)).ToEquatableArray());

        public static Stmt Rename(Stmt stmt, string from, string to)
        {
            string Name(string name) => name == from ? to : name;
            Expr E(Expr e) => Rename(e, from, to);
            return stmt switch
            {
                Declare d => d with { Variable = Name(d.Variable), Initializer = d.Initializer is null ? null : E(d.Initializer) },
                DeclareArray a => a with { Variable = Name(a.Variable), Length = E(a.Length), Length2 = a.Length2 is null ? null : E(a.Length2) },
                Assign a => a with { Target = E(a.Target), Value = E(a.Value) },
                CallStatement c => c with { Call = E(c.Call) },
                If i => i with { Condition = E(i.Condition), Then = Rename(i.Then, from, to), Else = Rename(i.Else, from, to) },
                For f => f with { Counter = Name(f.Counter), Start = E(f.Start), End = E(f.End), Body = Rename(f.Body, from, to) },
                While w => w with { Condition = E(w.Condition), Body = Rename(w.Body, from, to) },
                Return r => r with { Value = E(r.Value) },
                _ => stmt with { },
            };
        }

        public static Expr Rename(Expr expr, string from, string to)
        {
            string Name(string name) => name == from ? to : name;
            Expr E(Expr e) => Rename(e, from, to);
            EquatableArray<Expr> All(EquatableArray<Expr> items) => items.Select(E).ToEquatableArray();
            return expr switch
            {
                VarRef v => v with { Name = Name(v.Name) },
                ElementRef e => e with { Array = Name(e.Array), Index = E(e.Index), Index2 = e.Index2 is null ? null : E(e.Index2) },
                LengthOf l => l with { Array = Name(l.Array), Row = l.Row is null ? null : E(l.Row) },
                Unary u => u with { Operand = E(u.Operand) },
                Binary b => b with { Left = E(b.Left), Right = E(b.Right) },
                Conditional c => c with { Condition = E(c.Condition), WhenTrue = E(c.WhenTrue), WhenFalse = E(c.WhenFalse) },
                Cast c => c with { Operand = E(c.Operand) },
                MathCall m => m with { Arguments = All(m.Arguments) },
                DifferentiableCall d => d with { Arguments = All(d.Arguments) },
                OpaqueCall o => o with { Arguments = All(o.Arguments) },
                _ => expr,
            };
        }
    }
}
