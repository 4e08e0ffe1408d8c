using System.Collections.Generic;
using System.Linq;
using Backprop.Generators.Diagnostics;
using Backprop.Generators.Ir;
using Backprop.Generators.Model;

namespace Backprop.Generators.Differentiation
{
    /// <summary>
    /// Rewrites returns into assignments of a result variable, so that the reverse sweep sees straight-line code
    /// and branches only. A branch that returns takes the statements after it into its sibling branch:
    /// <c>if (c) return a; rest; return b;</c> becomes <c>if (c) result = a; else { rest; result = b; }</c>.
    /// </summary>
    internal static class Lowering
    {
        public const string ResultBaseName = "result";

        public static Function? Lower(Function function, List<DiagnosticInfo> diagnostics)
        {
            var names = new HashSet<string>(function.Parameters.Select(p => p.Name).Concat(function.Locals.Select(l => l.Name)));
            string resultName = ResultBaseName;
            for (int suffix = 2; names.Contains(resultName); suffix++)
            {
                resultName = ResultBaseName + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var context = new Context(resultName, function.ReturnType, diagnostics);
            Block body = context.LowerBlock(function.Body.Statements.ToList(), out _);
            if (context.Failed)
            {
                return null;
            }

            EquatableArray<Variable> locals = function.Locals;
            if (function.ReturnType is not null)
            {
                locals = locals.Concat(new[] { new Variable(resultName, function.ReturnType, VariableRole.Result) }).ToEquatableArray();
            }

            return function with { Body = body, Locals = locals };
        }

        private sealed class Context
        {
            private readonly string _result;
            private readonly IrType? _returnType;
            private readonly List<DiagnosticInfo> _diagnostics;

            public Context(string result, IrType? returnType, List<DiagnosticInfo> diagnostics)
            {
                _result = result;
                _returnType = returnType;
                _diagnostics = diagnostics;
            }

            public bool Failed { get; private set; }

            private static bool MayReturn(Block block) => IrQueries.AllStatements(block).Any(s => s is Return);

            private static Stmt Copy(Stmt stmt) => stmt switch
            {
                If i => i with { Then = Copy(i.Then), Else = Copy(i.Else) },
                For f => f with { Body = Copy(f.Body) },
                _ => stmt with { },
            };

            private static Block Copy(Block block) => new Block(block.Statements.Select(Copy).ToEquatableArray());

            public Block LowerBlock(List<Stmt> statements, out bool alwaysReturns)
            {
                var output = new List<Stmt>();
                alwaysReturns = false;
                for (int k = 0; k < statements.Count; k++)
                {
                    Stmt stmt = statements[k];
                    switch (stmt)
                    {
                        case Return r:
                            if (_returnType is not null)
                            {
                                output.Add(new Assign(new VarRef(_result, _returnType), r.Value, r.Source, r.Location));
                            }

                            alwaysReturns = true;
                            return new Block(output.ToEquatableArray());

                        case If i:
                            {
                                if (MayReturn(i.Then) || MayReturn(i.Else))
                                {
                                    // A branch that may return: the statements after the if run only on the paths that
                                    // did not, so they move into both branches (as written, then lowered), where a
                                    // return cuts them off. Copies keep every statement a distinct node.
                                    List<Stmt> rest = statements.Skip(k + 1).ToList();
                                    Block then = LowerBlock(i.Then.Statements.Concat(rest.Select(Copy)).ToList(), out bool thenReturns);
                                    Block otherwise = LowerBlock(i.Else.Statements.Concat(rest.Select(Copy)).ToList(), out bool elseReturns);
                                    output.Add(i with { Then = then, Else = otherwise });
                                    alwaysReturns = thenReturns && elseReturns;
                                    return new Block(output.ToEquatableArray());
                                }

                                output.Add(i with { Then = LowerBlock(i.Then.Statements.ToList(), out _), Else = LowerBlock(i.Else.Statements.ToList(), out _) });
                                break;
                            }

                        case For f:
                            foreach (Stmt inner in IrQueries.AllStatements(f.Body))
                            {
                                if (inner is Return r)
                                {
                                    Failed = true;
                                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedStatement, r.Location, "A return inside a loop", "assign the value to a local and return it after the loop"));
                                }
                            }

                            output.Add(f);
                            break;

                        default:
                            output.Add(stmt);
                            break;
                    }
                }

                return new Block(output.ToEquatableArray());
            }
        }
    }
}
