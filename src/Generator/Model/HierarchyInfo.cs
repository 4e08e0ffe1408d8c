using System.Linq;

namespace Backprop.Generators.Model
{
    /// <summary>One containing type, as the generated partial declaration must repeat it.</summary>
    /// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>record</c> or <c>record struct</c>.</param>
    /// <param name="Name">The name with its type parameter list, for example <c>Model</c> or <c>Layer&lt;T&gt;</c>.</param>
    /// <param name="IsStatic">Whether the type is static.</param>
    internal sealed record ContainingTypeInfo(string Keyword, string Name, bool IsStatic);

    /// <summary>
    /// Where a generated member goes: the namespace and the chain of containing partial types, outermost first.
    /// </summary>
    internal sealed record HierarchyInfo(string? Namespace, EquatableArray<ContainingTypeInfo> Types)
    {
        /// <summary>The name used in hint names: <c>Namespace.Outer.Inner</c>.</summary>
        public string MetadataName
        {
            get
            {
                var builder = new System.Text.StringBuilder();
                if (!string.IsNullOrEmpty(Namespace))
                {
                    builder.Append(Namespace);
                }

                foreach (ContainingTypeInfo type in Types)
                {
                    if (builder.Length > 0)
                    {
                        builder.Append('.');
                    }

                    // A generic type by its arity, as metadata names it (Layer`1), so that Layer<T> and Layer differ.
                    int generic = type.Name.IndexOf('<');
                    builder.Append(generic < 0 ? type.Name : type.Name.Substring(0, generic) + "`" + (type.Name.Count(c => c == ',') + 1));
                }

                // Hint names allow no @; a keyword-named part (@event) is written plainly there.
                return builder.Replace("@", string.Empty).ToString();
            }
        }
    }
}
