using System;
using System.Collections.Generic;
using System.Linq;

namespace Backprop.Generators.Differentiation.Regions
{
    /// <summary>The range <c>Start ≤ Counter &lt; End</c> of an enclosing loop's counter.</summary>
    /// <param name="Counter">The counter.</param>
    /// <param name="Start">Its first value.</param>
    /// <param name="End">The bound it stays below.</param>
    internal sealed record CounterRange(string Counter, Polynomial Start, Polynomial End);

    /// <summary>
    /// Proves <c>p ≥ 0</c> for an index polynomial from the ranges of the enclosing loops' counters and other facts
    /// <c>f ≥ 0</c>, by substitution: each counter is its start plus a non-negative slack, a bound variable is a
    /// counter plus one plus a slack, and so on; if what is left has only positive coefficients over slacks, it is
    /// non-negative. For example <c>(l − 1)·width + i ≥ 0</c> with <c>l = 1 + s</c>, <c>i = t</c> and
    /// <c>width = i + 1 + r</c> becomes <c>s·t + s + s·r + t</c>.
    /// </summary>
    /// <remarks>
    /// Sound, not complete: a false answer means "not proven", and the caller then keeps the safe code. A fact that
    /// is not used to substitute may still be subtracted from the target once (<c>p − f</c> with only positive
    /// terms proves <c>p ≥ f ≥ 0</c>).
    /// </remarks>
    internal static class IndexProver
    {
        // Slacks are named "$c:counter" and "$f:k": no C# identifier contains '$' or ':', and the two kinds cannot
        // meet (a counter named f0 once made its slack the slack of fact 0).
        private const string SlackPrefix = "$";
        private const int MaxPlans = 256;

        /// <summary>Whether <paramref name="target"/> ≥ 0 follows from the counter ranges and the facts (each ≥ 0).</summary>
        public static bool NonNegative(Polynomial target, IReadOnlyList<CounterRange> ranges, IReadOnlyList<Polynomial> facts)
        {
            try
            {
                return Prove(target, ranges, facts);
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        private static bool Prove(Polynomial target, IReadOnlyList<CounterRange> ranges, IReadOnlyList<Polynomial> facts)
        {
            // Each counter is its start plus a slack; those substitutions are always made.
            var counters = new HashSet<string>(ranges.Select(r => r.Counter));
            var fixedPlan = new Dictionary<string, Polynomial>();
            foreach (CounterRange range in ranges)
            {
                fixedPlan[range.Counter] = range.Start.Plus(Polynomial.Variable(SlackPrefix + "c:" + range.Counter));
            }

            // The other facts (end - counter - 1 ≥ 0 of each range, then the given ones) either substitute one of
            // their unit-linear variables or stay as hypotheses.
            var choices = new List<Polynomial>();
            choices.AddRange(ranges.Select(r => r.End.Minus(Polynomial.Variable(r.Counter)).Plus(-1)));
            choices.AddRange(facts);

            int plans = 0;
            return Search(0, new Dictionary<string, Polynomial>(fixedPlan), new List<Polynomial>());

            bool Search(int index, Dictionary<string, Polynomial> plan, List<Polynomial> hypotheses)
            {
                if (++plans > MaxPlans)
                {
                    return false;
                }

                if (index == choices.Count)
                {
                    return Check(target, plan, hypotheses);
                }

                Polynomial fact = choices[index];
                foreach (string variable in fact.Variables.Where(v => !counters.Contains(v) && !plan.ContainsKey(v) && !IsSlack(v)).ToList())
                {
                    if (fact.IsUnitLinearIn(variable, out long coefficient))
                    {
                        // fact = c·v + rest ≥ 0 gives v = c·(slack − rest), with c = ±1.
                        Polynomial rest = fact.Minus(Polynomial.Variable(variable).Times(Polynomial.Constant(coefficient)));
                        Polynomial slack = Polynomial.Variable(SlackPrefix + "f:" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        plan[variable] = slack.Minus(rest).Times(Polynomial.Constant(coefficient));
                        bool proven = Search(index + 1, plan, hypotheses);
                        plan.Remove(variable);
                        if (proven)
                        {
                            return true;
                        }
                    }
                }

                hypotheses.Add(fact);
                bool provenWithHypothesis = Search(index + 1, plan, hypotheses);
                hypotheses.RemoveAt(hypotheses.Count - 1);
                return provenWithHypothesis;
            }
        }

        private static bool Check(Polynomial target, Dictionary<string, Polynomial> plan, List<Polynomial> hypotheses)
        {
            if (!Acyclic(plan))
            {
                return false;
            }

            Polynomial? reduced = Apply(target, plan);
            if (reduced is null)
            {
                return false;
            }

            if (reduced.HasOnlyNonNegativeTerms(IsSlack))
            {
                return true;
            }

            foreach (Polynomial hypothesis in hypotheses)
            {
                Polynomial? reducedHypothesis = Apply(hypothesis, plan);
                if (reducedHypothesis is not null && reduced.Minus(reducedHypothesis).HasOnlyNonNegativeTerms(IsSlack))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether no planned variable depends, through the plan, on itself (<c>x = y + s</c>, <c>y = x − t</c>):
        /// substituting such a plan would never end.
        /// </summary>
        private static bool Acyclic(Dictionary<string, Polynomial> plan)
        {
            var state = new Dictionary<string, bool>();
            return plan.Keys.All(Visit);

            bool Visit(string variable)
            {
                if (state.TryGetValue(variable, out bool done))
                {
                    return done;
                }

                state[variable] = false;
                bool acyclic = plan[variable].Variables.Where(plan.ContainsKey).All(Visit);
                state[variable] = acyclic;
                return acyclic;
            }
        }

        /// <summary>Substitutes until no planned variable is left (the plan is acyclic); null when the polynomial grows too large.</summary>
        private static Polynomial? Apply(Polynomial polynomial, Dictionary<string, Polynomial> plan)
        {
            for (int round = 0; round <= 4 * plan.Count; round++)
            {
                string? next = polynomial.Variables.FirstOrDefault(plan.ContainsKey);
                if (next is null)
                {
                    return polynomial;
                }

                polynomial = polynomial.Substitute(next, plan[next]);
                if (polynomial.TermCount > 256)
                {
                    return null;
                }
            }

            return null;
        }

        private static bool IsSlack(string name) => name.StartsWith(SlackPrefix, StringComparison.Ordinal);
    }
}
