using Backprop.Generators.Model;

namespace Backprop.Generators.Ir
{
    /// <summary>
    /// A <c>[Differentiable]</c> method in IR form, with everything the emitter needs to place the generated members.
    /// This is the pipeline's cached model: it holds no Roslyn symbol, syntax node or compilation.
    /// </summary>
    /// <param name="Name">The method's name.</param>
    /// <param name="Accessibility">Its accessibility keywords, for example <c>public</c>.</param>
    /// <param name="Hierarchy">Its namespace and containing types.</param>
    /// <param name="ReturnType">double or float, or null for a void helper.</param>
    /// <param name="Parameters">The parameters in declaration order.</param>
    /// <param name="Locals">Every other variable, uniquely named (locals and loop counters).</param>
    /// <param name="Body">The body.</param>
    /// <param name="Location">The method name's location.</param>
    internal sealed record Function(
        string Name,
        string Accessibility,
        HierarchyInfo Hierarchy,
        IrType? ReturnType,
        EquatableArray<Variable> Parameters,
        EquatableArray<Variable> Locals,
        Block Body,
        LocationInfo? Location)
    {
        /// <summary>
        /// Where each parameter is declared, in the order of <see cref="Parameters"/>, for diagnostics about one
        /// parameter. Like <see cref="Location"/>, it takes no part in equality.
        /// </summary>
        public EquatableArray<LocationInfo> ParameterLocations { get; init; } = EquatableArray<LocationInfo>.Empty;

        /// <summary>Whether the method is static; an instance method's gradient is an instance method too.</summary>
        public bool IsStatic { get; init; } = true;

        /// <summary>
        /// Whether <c>stackalloc</c> memory in the generated members starts zeroed: true unless
        /// <c>[SkipLocalsInit]</c> is on a type around them or on the module. Without it, adjoints are cleared explicitly.
        /// </summary>
        public bool StackAllocZeroed { get; init; }

        /// <summary>
        /// Whether the project compiles with overflow checking (<c>CheckForOverflowUnderflow</c>), so that integer
        /// arithmetic the generated code moves or regroups could throw where the method's does not.
        /// </summary>
        public bool CheckedArithmetic { get; init; }

        /// <summary>
        /// The method's documentation ID (<c>M:N.Model.F(System.Double[0:,0:])</c>) when other methods of its type share
        /// its name, ignoring case; null otherwise. Documentation links to an overload use it, since a name alone is
        /// ambiguous there and an ID needs no C# spelling of the parameter types.
        /// </summary>
        public string? OverloadId { get; init; }

        /// <summary>
        /// The generated file's name: <c>Namespace.Type.Method.g.cs</c>, with the parameter types and a hash of the
        /// documentation ID where another method or type could give the same name (an overload; a name that differs
        /// only in case, since hint names are compared ignoring case).
        /// </summary>
        public string HintName { get; init; } = string.Empty;

        public bool Equals(Function? other) => other is not null && IsStatic == other.IsStatic && StackAllocZeroed == other.StackAllocZeroed
            && CheckedArithmetic == other.CheckedArithmetic && OverloadId == other.OverloadId && HintName == other.HintName
            && Name == other.Name && Accessibility == other.Accessibility && Hierarchy == other.Hierarchy
            && ReturnType == other.ReturnType && Parameters == other.Parameters && Locals == other.Locals && Body == other.Body;

        public override int GetHashCode() => (Name, Hierarchy, Body).GetHashCode();
    }
}
