using System.Collections.Generic;

namespace Backprop.Generators.Ir
{
    /// <summary>
    /// How names are spelled in generated code. A user may name a parameter <c>@base</c>; Roslyn reports its name as
    /// <c>base</c>, which the generated code cannot declare, so the IR keeps the <c>@</c> of every name that is a
    /// reserved keyword, and names made from it (<c>@baseAdj</c>) drop the <c>@</c> that they no longer need.
    /// </summary>
    internal static class Identifiers
    {
        // C#'s reserved keywords: the words an identifier can only take with an @.
        private static readonly HashSet<string> s_keywords = new HashSet<string>
        {
            "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
            "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
            "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
            "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
            "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
            "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
            "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
            "__arglist", "__makeref", "__reftype", "__refvalue",
        };

        /// <summary>The reserved keywords, which no generated name may be.</summary>
        public static IEnumerable<string> Keywords => s_keywords;

        /// <summary>A source name as C# can write it: a reserved keyword gets its <c>@</c> back (<c>base</c> → <c>@base</c>).</summary>
        public static string Escape(string name) => s_keywords.Contains(name) ? "@" + name : name;

        /// <summary>
        /// A name made from an escaped one, in its plain spelling where that is not a keyword (<c>@baseAdj</c> →
        /// <c>baseAdj</c>), so that it is compared with the user's names as the compiler compares them.
        /// </summary>
        public static string Plain(string name)
            => name.Length > 1 && name[0] == '@' && !s_keywords.Contains(name.Substring(1)) ? name.Substring(1) : name;

        /// <summary>A name as XML documentation reads it (<c>&lt;param name="base"&gt;</c>): without the <c>@</c>.</summary>
        public static string Unescaped(string name) => name.Length > 1 && name[0] == '@' ? name.Substring(1) : name;
    }
}
