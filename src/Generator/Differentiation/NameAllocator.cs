using System.Collections.Generic;
using System.Globalization;

namespace Backprop.Generators.Differentiation
{
    /// <summary>Hands out names that collide with nothing the user wrote or the generator already named.</summary>
    internal sealed class NameAllocator
    {
        // C#'s reserved keywords: a name made from a method's (Fixed -> fixed) must step around them.
        private static readonly string[] s_keywords =
        {
            "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
            "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
            "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
            "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
            "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
            "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
            "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        };

        private readonly HashSet<string> _taken;

        public NameAllocator(IEnumerable<string> userNames)
        {
            _taken = new HashSet<string>(userNames);
            _taken.UnionWith(s_keywords);
            foreach (string kind in new[] { "double", "float", "int", "bool" })
            {
                _taken.Add(ReverseMode.TapeName(kind));
            }
        }

        public bool IsTaken(string name) => _taken.Contains(name);

        /// <summary>Marks names as taken: ones that code written without this allocator declares.</summary>
        public void Take(IEnumerable<string> names) => _taken.UnionWith(names);

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
