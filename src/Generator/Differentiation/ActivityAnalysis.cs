using System.Collections.Generic;
using System.Linq;
using Backprop.Generators.Ir;

namespace Backprop.Generators.Differentiation
{
    /// <summary>
    /// Which variables carry a derivative. A variable is <em>varied</em> when its value depends on a differentiable
    /// parameter, <em>useful</em> when the result (or, for a void helper, a written array) depends on it, and
    /// <em>active</em> when both hold. Only active variables get adjoints. The analysis is flow-insensitive, which
    /// can only make more variables active than necessary: their adjoints are then zero, never wrong.
    /// </summary>
    internal sealed class ActivityAnalysis
    {
        private readonly Dictionary<string, Variable> _variables;

        private ActivityAnalysis(Dictionary<string, Variable> variables, HashSet<string> varied, HashSet<string> useful)
        {
            _variables = variables;
            Varied = varied;
            Useful = useful;
        }

        /// <summary>Variables that depend on a differentiable parameter.</summary>
        public HashSet<string> Varied { get; }

        /// <summary>Variables the result depends on.</summary>
        public HashSet<string> Useful { get; }

        public static ActivityAnalysis Run(Function function)
        {
            var variables = function.Parameters.Concat(function.Locals).ToDictionary(v => v.Name);
            var flows = new List<(string Target, HashSet<string> Sources)>();
            CollectFlows(function.Body, flows);

            var varied = new HashSet<string>(function.Parameters.Where(p => p.IsDifferentiable).Select(p => p.Name));
            bool changed = true;
            while (changed)
            {
                changed = false;
                foreach ((string target, HashSet<string> sources) in flows)
                {
                    if (!varied.Contains(target) && IsFloating(variables, target) && sources.Overlaps(varied))
                    {
                        varied.Add(target);
                        changed = true;
                    }
                }
            }

            var useful = new HashSet<string>();
            if (function.ReturnType is not null)
            {
                useful.Add(function.Locals.First(l => l.Role == VariableRole.Result).Name);
            }
            else
            {
                // A void helper's outputs are the array parameters it writes.
                HashSet<string> assigned = IrQueries.Assigned(function.Body);
                useful.UnionWith(function.Parameters.Where(p => p.Type.IsWritableSequence && assigned.Contains(p.Name)).Select(p => p.Name));
            }

            changed = true;
            while (changed)
            {
                changed = false;
                foreach ((string target, HashSet<string> sources) in flows)
                {
                    if (useful.Contains(target))
                    {
                        foreach (string source in sources)
                        {
                            changed |= useful.Add(source);
                        }
                    }
                }
            }

            return new ActivityAnalysis(variables, varied, useful);
        }

        /// <summary>Whether a variable has an adjoint.</summary>
        public bool IsActive(string name) => Varied.Contains(name) && Useful.Contains(name) && IsFloating(_variables, name);

        /// <summary>Whether a derivative can flow through an expression: it reads an active variable in a value position.</summary>
        public bool IsActive(Expr expr)
        {
            var reads = new HashSet<string>();
            IrQueries.ValueReads(expr, reads);
            return reads.Any(IsActive);
        }

        /// <summary>Whether an expression's value depends on a differentiable parameter.</summary>
        public bool IsVaried(Expr expr)
        {
            var reads = new HashSet<string>();
            IrQueries.ValueReads(expr, reads);
            return reads.Overlaps(Varied);
        }

        private static bool IsFloating(Dictionary<string, Variable> variables, string name)
            => variables.TryGetValue(name, out Variable? v) && v.Type.IsFloatingPoint;

        private static void CollectFlows(Block block, List<(string, HashSet<string>)> flows)
        {
            foreach (Stmt stmt in IrQueries.AllStatements(block))
            {
                switch (stmt)
                {
                    case Declare { Initializer: not null } d:
                        flows.Add((d.Variable, Reads(d.Initializer)));
                        break;
                    case Assign a:
                        flows.Add((IrQueries.TargetName(a.Target), Reads(a.Value)));
                        break;
                    case CallStatement c:
                        {
                            // Everything a call reads may reach every array it writes.
                            HashSet<string> sources = Reads(c.Call);
                            foreach (string written in IrQueries.WrittenArrays(c.Call))
                            {
                                flows.Add((written, sources));
                            }

                            break;
                        }
                }
            }
        }

        private static HashSet<string> Reads(Expr expr)
        {
            var set = new HashSet<string>();
            IrQueries.ValueReads(expr, set);
            return set;
        }
    }
}
