namespace Backprop.Generators.Ir
{
    /// <summary>What a variable is in the source method.</summary>
    internal enum VariableRole
    {
        Parameter,
        Local,
        LoopCounter,

        /// <summary>The value the method returns; introduced when returns are lowered to assignments.</summary>
        Result,
    }

    /// <summary>How a local array is allocated in the user's code.</summary>
    internal enum ArrayAllocation
    {
        None,

        /// <summary><c>new T[n]</c>: taken from the pool in generated code.</summary>
        Heap,

        /// <summary><c>stackalloc T[n]</c>: kept on the stack.</summary>
        Stack,
    }

    /// <summary>
    /// A variable of the source method, named uniquely within the method (two locals that C# scoping lets share a
    /// name get distinct IR names).
    /// </summary>
    /// <param name="Name">The unique name, equal to the source name where that is already unique.</param>
    /// <param name="Type">The type.</param>
    /// <param name="Role">Parameter, local, loop counter or result.</param>
    /// <param name="IsDifferentiable">For parameters: floating point and not marked <c>[NoDerivative]</c>.</param>
    /// <param name="SourceTypeName">For parameters: the declared type, fully qualified, as the generated signature repeats it.</param>
    /// <param name="Modifier">For parameters: <c>in </c> or <c>ref readonly </c>, repeated in the generated signature; otherwise empty.</param>
    internal sealed record Variable(string Name, IrType Type, VariableRole Role, bool IsDifferentiable = false, string? SourceTypeName = null, string Modifier = "");
}
