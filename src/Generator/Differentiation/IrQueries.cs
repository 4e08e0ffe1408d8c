using System.Collections.Generic;
using System.Linq;
using Backprop.Generators.Ir;
using Backprop.Generators.Model;

namespace Backprop.Generators.Differentiation
{
    /// <summary>Small questions asked of IR trees by several passes.</summary>
    internal static class IrQueries
    {
        /// <summary>Every variable whose value an expression reads, including indices (lengths are constant and do not count).</summary>
        public static void AllReads(Expr expr, ISet<string> into)
        {
            switch (expr)
            {
                case VarRef v:
                    into.Add(v.Name);
                    break;
                case ElementRef e:
                    into.Add(e.Array);
                    AllReads(e.Index, into);
                    if (e.Index2 is not null)
                    {
                        AllReads(e.Index2, into);
                    }

                    break;
                case LengthOf l:
                    // A length never changes (arrays are never reassigned), so it is not a read that needs saving;
                    // a jagged row's index is.
                    if (l.Row is not null)
                    {
                        AllReads(l.Row, into);
                    }

                    break;
                case Unary u:
                    AllReads(u.Operand, into);
                    break;
                case Binary b:
                    AllReads(b.Left, into);
                    AllReads(b.Right, into);
                    break;
                case Conditional c:
                    AllReads(c.Condition, into);
                    AllReads(c.WhenTrue, into);
                    AllReads(c.WhenFalse, into);
                    break;
                case Cast c:
                    AllReads(c.Operand, into);
                    break;
                case MathCall m:
                    foreach (Expr a in m.Arguments)
                    {
                        AllReads(a, into);
                    }

                    break;
                case DifferentiableCall d:
                    foreach (Expr a in d.Arguments)
                    {
                        AllReads(a, into);
                    }

                    break;
                case OpaqueCall o:
                    foreach (Expr a in o.Arguments)
                    {
                        AllReads(a, into);
                    }

                    break;
            }
        }

        public static HashSet<string> AllReads(Expr expr)
        {
            var set = new HashSet<string>();
            AllReads(expr, set);
            return set;
        }

        /// <summary>
        /// The variables whose values a derivative can flow through: reads in value positions, not in indices,
        /// conditions or lengths.
        /// </summary>
        public static void ValueReads(Expr expr, ISet<string> into)
        {
            switch (expr)
            {
                case VarRef v when v.Type.IsFloatingPoint:
                    into.Add(v.Name);
                    break;
                case ElementRef e when e.Type.IsFloatingPoint:
                    into.Add(e.Array);
                    break;
                case Unary u when u.Type.IsFloatingPoint:
                    ValueReads(u.Operand, into);
                    break;
                case Binary b when b.Type.IsFloatingPoint:
                    ValueReads(b.Left, into);
                    ValueReads(b.Right, into);
                    break;
                case Conditional c when c.Type.IsFloatingPoint:
                    ValueReads(c.WhenTrue, into);
                    ValueReads(c.WhenFalse, into);
                    break;
                case Cast c when c.Type.IsFloatingPoint:
                    ValueReads(c.Operand, into);
                    break;
                case MathCall m when !DerivativeRules.IsPiecewiseConstant(m.Function):
                    foreach (Expr a in m.Arguments)
                    {
                        ValueReads(a, into);
                    }

                    break;
                case DifferentiableCall d:
                    for (int i = 0; i < d.Arguments.Count; i++)
                    {
                        if (d.Callee.Parameters[i].IsDifferentiable)
                        {
                            ValueReads(d.Arguments[i], into);
                        }
                    }

                    break;
            }
        }

        /// <summary>The arrays a call may write: its array arguments passed where the callee takes T[] or Span&lt;T&gt;.</summary>
        public static IEnumerable<string> WrittenArrays(Expr call)
        {
            if (call is DifferentiableCall d && d.Callee.ReturnType is null)
            {
                for (int i = 0; i < d.Arguments.Count; i++)
                {
                    if (d.Callee.Parameters[i].Type.IsWritableSequence && d.Arguments[i] is VarRef { Type.IsWritableSequence: true } array)
                    {
                        yield return array.Name;
                    }
                }
            }
            else if (call is OpaqueCall o)
            {
                foreach (Expr argument in o.Arguments)
                {
                    if (argument is VarRef { Type.IsWritableSequence: true } array)
                    {
                        yield return array.Name;
                    }
                }
            }
        }

        /// <summary>The variable an assignment target writes: the variable itself, or the array of an element.</summary>
        public static string TargetName(Expr target) => target switch
        {
            VarRef v => v.Name,
            ElementRef e => e.Array,
            _ => string.Empty,
        };

        /// <summary>Every variable a statement may write, at any depth.</summary>
        public static void Assigned(Stmt stmt, ISet<string> into)
        {
            switch (stmt)
            {
                case Declare d when d.Initializer is not null:
                    into.Add(d.Variable);
                    break;
                case DeclareArray a:
                    into.Add(a.Variable);
                    break;
                case Assign a:
                    into.Add(TargetName(a.Target));
                    break;
                case CallStatement c:
                    foreach (string array in WrittenArrays(c.Call))
                    {
                        into.Add(array);
                    }

                    break;
                case If i:
                    Assigned(i.Then, into);
                    Assigned(i.Else, into);
                    break;
                case For f:
                    into.Add(f.Counter);
                    Assigned(f.Body, into);
                    break;
                case While w:
                    Assigned(w.Body, into);
                    break;
            }
        }

        public static void Assigned(Block block, ISet<string> into)
        {
            foreach (Stmt stmt in block.Statements)
            {
                Assigned(stmt, into);
            }
        }

        public static HashSet<string> Assigned(Block block)
        {
            var set = new HashSet<string>();
            Assigned(block, set);
            return set;
        }

        /// <summary>
        /// The locals that keep one value for the whole call, with that value: declared at the top level with an
        /// initializer and never written again. (A top-level <c>double s;</c> assigned once inside a loop changes
        /// every iteration.)
        /// </summary>
        public static Dictionary<string, Expr> DefinedOnceAtTop(Block body)
        {
            var writes = new Dictionary<string, int>();
            foreach (Stmt stmt in AllStatements(body).Where(s => s is Assign or Declare { Initializer: not null }))
            {
                string name = stmt is Declare d ? d.Variable : TargetName(((Assign)stmt).Target);
                writes[name] = writes.TryGetValue(name, out int count) ? count + 1 : 1;
            }

            var defined = new Dictionary<string, Expr>();
            foreach (Declare declaration in body.Statements.OfType<Declare>().Where(d => d.Initializer is not null && writes[d.Variable] == 1))
            {
                defined[declaration.Variable] = declaration.Initializer!;
            }

            return defined;
        }

        /// <summary>Visits every statement, depth first, in source order.</summary>
        public static IEnumerable<Stmt> AllStatements(Block block)
        {
            foreach (Stmt stmt in block.Statements)
            {
                yield return stmt;
                IEnumerable<Stmt> nested = stmt switch
                {
                    If i => Concat(AllStatements(i.Then), AllStatements(i.Else)),
                    For f => AllStatements(f.Body),
                    While w => AllStatements(w.Body),
                    _ => System.Linq.Enumerable.Empty<Stmt>(),
                };
                foreach (Stmt inner in nested)
                {
                    yield return inner;
                }
            }
        }

        /// <summary>Every expression directly held by a statement (not those of nested statements).</summary>
        public static IEnumerable<Expr> Expressions(Stmt stmt)
        {
            switch (stmt)
            {
                case Declare { Initializer: not null } d:
                    yield return d.Initializer;
                    break;
                case DeclareArray a:
                    yield return a.Length;
                    break;
                case Assign a:
                    yield return a.Target;
                    yield return a.Value;
                    break;
                case CallStatement c:
                    yield return c.Call;
                    break;
                case If i:
                    yield return i.Condition;
                    break;
                case For f:
                    yield return f.Start;
                    yield return f.End;
                    break;
                case While w:
                    yield return w.Condition;
                    break;
                case Return r:
                    yield return r.Value;
                    break;
            }
        }

        /// <summary>Visits an expression and all its subexpressions.</summary>
        public static IEnumerable<Expr> Subexpressions(Expr expr)
        {
            yield return expr;
            foreach (Expr child in Children(expr))
            {
                foreach (Expr inner in Subexpressions(child))
                {
                    yield return inner;
                }
            }
        }

        /// <summary>
        /// <paramref name="expr"/> with each expression directly inside it (the ones <see cref="Children"/> lists)
        /// replaced by <paramref name="map"/> of it.
        /// </summary>
        public static Expr MapChildren(Expr expr, System.Func<Expr, Expr> map)
        {
            EquatableArray<Expr> All(EquatableArray<Expr> items) => items.Select(map).ToEquatableArray();
            return expr switch
            {
                ElementRef e => e with { Index = map(e.Index), Index2 = e.Index2 is null ? null : map(e.Index2) },
                LengthOf { Row: { } row } l => l with { Row = map(row) },
                Unary u => u with { Operand = map(u.Operand) },
                Binary b => b with { Left = map(b.Left), Right = map(b.Right) },
                Conditional c => c with { Condition = map(c.Condition), WhenTrue = map(c.WhenTrue), WhenFalse = map(c.WhenFalse) },
                Cast c => c with { Operand = map(c.Operand) },
                MathCall m => m with { Arguments = All(m.Arguments) },
                DifferentiableCall d => d with { Arguments = All(d.Arguments) },
                OpaqueCall o => o with { Arguments = All(o.Arguments) },
                _ => expr,
            };
        }

        /// <summary>The expressions directly inside <paramref name="expr"/>, every one of them.</summary>
        public static IEnumerable<Expr> Children(Expr expr) => expr switch
        {
            ElementRef { Index2: { } index2 } e => new[] { e.Index, index2 },
            ElementRef e => new[] { e.Index },
            LengthOf { Row: { } row } => new[] { row },
            Unary u => new[] { u.Operand },
            Binary b => new[] { b.Left, b.Right },
            Conditional c => new[] { c.Condition, c.WhenTrue, c.WhenFalse },
            Cast c => new[] { c.Operand },
            MathCall m => m.Arguments,
            DifferentiableCall d => d.Arguments,
            OpaqueCall o => o.Arguments,
            _ => System.Array.Empty<Expr>(),
        };

        private static IEnumerable<Stmt> Concat(IEnumerable<Stmt> a, IEnumerable<Stmt> b)
        {
            foreach (Stmt s in a)
            {
                yield return s;
            }

            foreach (Stmt s in b)
            {
                yield return s;
            }
        }
    }
}
