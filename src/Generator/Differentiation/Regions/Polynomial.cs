using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Backprop.Generators.Differentiation.Regions
{
    /// <summary>
    /// A polynomial with integer coefficients over named integer variables: the index arithmetic of array accesses
    /// (<c>(l - 1) * width + i</c>), in a normal form where equal polynomials compare equal.
    /// </summary>
    /// <remarks>
    /// Arithmetic is checked: a coefficient that overflows, or a product or substitution that grows past
    /// <see cref="MaxTerms"/> terms or degree <see cref="MaxDegree"/>, throws <see cref="OverflowException"/>, which
    /// the prover reads as "not proven" and the region analysis as "not analysed": no input can make one operation
    /// expensive.
    /// </remarks>
    internal sealed class Polynomial : IEquatable<Polynomial>
    {
        /// <summary>The most terms a polynomial may have.</summary>
        public const int MaxTerms = 256;

        /// <summary>The highest degree a polynomial may have.</summary>
        public const int MaxDegree = 8;

        // Each monomial is the sorted list of its variables (with repeats), joined by '*'; "" is the constant term.
        private readonly SortedDictionary<string, long> _terms;

        private Polynomial(SortedDictionary<string, long> terms)
        {
            if (terms.Count > MaxTerms || terms.Keys.Any(m => Factors(m).Count() > MaxDegree))
            {
                throw new OverflowException("The polynomial is too large to reason about.");
            }

            _terms = terms;
        }

        /// <summary>The constant polynomial <paramref name="value"/>.</summary>
        public static Polynomial Constant(long value)
        {
            var terms = new SortedDictionary<string, long>(StringComparer.Ordinal);
            if (value != 0)
            {
                terms[string.Empty] = value;
            }

            return new Polynomial(terms);
        }

        /// <summary>The polynomial made of one variable.</summary>
        public static Polynomial Variable(string name) => new Polynomial(new SortedDictionary<string, long>(StringComparer.Ordinal) { [name] = 1 });

        /// <summary>The terms: each monomial's variables (with repeats; none for the constant) and its coefficient.</summary>
        public IEnumerable<(IReadOnlyList<string> Factors, long Coefficient)> Terms
            => _terms.Select(t => ((IReadOnlyList<string>)Factors(t.Key).ToArray(), t.Value));

        /// <summary>The largest number of variables (with repeats) in one term.</summary>
        public int Degree => _terms.Keys.Select(m => Factors(m).Count()).DefaultIfEmpty(0).Max();

        /// <summary>The number of terms with a non-zero coefficient.</summary>
        public int TermCount => _terms.Count;

        /// <summary>The variables that occur in the polynomial.</summary>
        public IEnumerable<string> Variables => _terms.Keys.SelectMany(Factors).Distinct();

        /// <summary>Whether the variable occurs in the polynomial.</summary>
        public bool Mentions(string name) => _terms.Keys.Any(m => Factors(m).Contains(name));

        /// <summary>The sum.</summary>
        public Polynomial Plus(Polynomial other)
        {
            var terms = new SortedDictionary<string, long>(_terms, StringComparer.Ordinal);
            foreach (KeyValuePair<string, long> term in other._terms)
            {
                AddTerm(terms, term.Key, term.Value);
            }

            return new Polynomial(terms);
        }

        /// <summary>The difference.</summary>
        public Polynomial Minus(Polynomial other) => Plus(other.Times(Constant(-1)));

        /// <summary>The sum with a constant.</summary>
        public Polynomial Plus(long value) => Plus(Constant(value));

        /// <summary>The product.</summary>
        public Polynomial Times(Polynomial other)
        {
            var terms = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, long> left in _terms)
            {
                foreach (KeyValuePair<string, long> right in other._terms)
                {
                    string monomial = string.Join("*", Factors(left.Key).Concat(Factors(right.Key)).OrderBy(f => f, StringComparer.Ordinal));
                    AddTerm(terms, monomial, checked(left.Value * right.Value));
                }
            }

            return new Polynomial(terms);
        }

        /// <summary>The polynomial with <paramref name="name"/> replaced by <paramref name="value"/>.</summary>
        public Polynomial Substitute(string name, Polynomial value)
        {
            var terms = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, long> term in _terms)
            {
                Polynomial product = Constant(term.Value);
                foreach (string factor in Factors(term.Key))
                {
                    product = product.Times(factor == name ? value : Variable(factor));
                }

                foreach (KeyValuePair<string, long> productTerm in product._terms)
                {
                    AddTerm(terms, productTerm.Key, productTerm.Value);
                }
            }

            return new Polynomial(terms);
        }

        /// <summary>
        /// Whether the variable occurs only in the degree-one term <c>±name</c>, so that the polynomial is
        /// <c>coefficient · name + rest</c> with <paramref name="coefficient"/> ±1 and <c>rest</c> free of it.
        /// </summary>
        public bool IsUnitLinearIn(string name, out long coefficient)
        {
            coefficient = _terms.TryGetValue(name, out long c) ? c : 0;
            return (coefficient == 1 || coefficient == -1) && _terms.Keys.All(m => m == name || !Factors(m).Contains(name));
        }

        /// <summary>
        /// Whether every term has a positive coefficient and only variables <paramref name="nonNegative"/> accepts
        /// (the constant term may be zero or positive): then the polynomial is at least 0 wherever they are.
        /// </summary>
        public bool HasOnlyNonNegativeTerms(Func<string, bool> nonNegative)
            => _terms.All(t => t.Value > 0 && Factors(t.Key).All(nonNegative));

        /// <inheritdoc/>
        public bool Equals(Polynomial? other) => other is not null && _terms.Count == other._terms.Count && _terms.All(t => other._terms.TryGetValue(t.Key, out long v) && v == t.Value);

        /// <inheritdoc/>
        public override bool Equals(object? obj) => Equals(obj as Polynomial);

        /// <inheritdoc/>
        public override int GetHashCode() => _terms.Aggregate(17, (hash, t) => (hash * 31) ^ t.Key.GetHashCode() ^ t.Value.GetHashCode());

        /// <inheritdoc/>
        public override string ToString()
        {
            if (_terms.Count == 0)
            {
                return "0";
            }

            var text = new StringBuilder();
            foreach (KeyValuePair<string, long> term in _terms)
            {
                text.Append(term.Value < 0 ? (text.Length > 0 ? " - " : "-") : text.Length > 0 ? " + " : string.Empty);
                long magnitude = Math.Abs(term.Value);
                if (term.Key.Length == 0 || magnitude != 1)
                {
                    text.Append(magnitude);
                }

                text.Append(term.Key.Length > 0 && magnitude != 1 ? "*" : string.Empty).Append(term.Key);
            }

            return text.ToString();
        }

        private static IEnumerable<string> Factors(string monomial) => monomial.Length == 0 ? Array.Empty<string>() : monomial.Split('*');

        private static void AddTerm(SortedDictionary<string, long> terms, string monomial, long value)
        {
            long sum = checked((terms.TryGetValue(monomial, out long existing) ? existing : 0) + value);
            if (sum == 0)
            {
                terms.Remove(monomial);
            }
            else
            {
                terms[monomial] = sum;
            }
        }
    }
}
