using System.Collections.Generic;
using System.Globalization;
using Backprop.Generators.Ir;

namespace Backprop.Generators.Differentiation
{
    /// <summary>Hands out names that collide with nothing the user wrote or the generator already named.</summary>
    internal sealed class NameAllocator
    {
        private readonly HashSet<string> _taken;

        public NameAllocator(IEnumerable<string> userNames)
        {
            _taken = new HashSet<string>(userNames);
            _taken.UnionWith(Identifiers.Keywords);
        }

        public bool IsTaken(string name) => _taken.Contains(name);

        /// <summary>Marks names as taken: ones that code written without this allocator declares.</summary>
        public void Take(IEnumerable<string> names) => _taken.UnionWith(names);

        /// <summary>Reserves <paramref name="preferred"/>, or it with the smallest numeric suffix that is free.</summary>
        public string Reserve(string preferred)
        {
            // A name made from an escaped one (@base + Adj) is compared, and written, as the compiler reads it.
            string name = Identifiers.Plain(preferred);
            for (int suffix = 2; !_taken.Add(name); suffix++)
            {
                name = Identifiers.Plain(preferred + suffix.ToString(CultureInfo.InvariantCulture));
            }

            return name;
        }
    }
}
