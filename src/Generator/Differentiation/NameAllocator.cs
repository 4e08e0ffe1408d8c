using System.Collections.Generic;
using System.Globalization;

namespace Backprop.Generators.Differentiation
{
    /// <summary>Hands out names that collide with nothing the user wrote or the generator already named.</summary>
    internal sealed class NameAllocator
    {
        private readonly HashSet<string> _taken;

        public NameAllocator(IEnumerable<string> userNames)
        {
            _taken = new HashSet<string>(userNames);
            foreach (string kind in new[] { "double", "float", "int", "bool" })
            {
                _taken.Add(ReverseMode.TapeName(kind));
            }
        }

        public bool IsTaken(string name) => _taken.Contains(name);

        /// <summary>Reserves <paramref name="preferred"/>, or it with the smallest numeric suffix that is free.</summary>
        public string Reserve(string preferred)
        {
            string name = preferred;
            for (int suffix = 2; !_taken.Add(name); suffix++)
            {
                name = preferred + suffix.ToString(CultureInfo.InvariantCulture);
            }

            return name;
        }
    }
}
