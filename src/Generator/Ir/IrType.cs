namespace Backprop.Generators.Ir
{
    /// <summary>The scalar types the IR knows. <see cref="Opaque"/> is any other type, usable only as a constant.</summary>
    internal enum ScalarKind
    {
        Double,
        Float,
        Int,
        Bool,
        Opaque,
    }

    /// <summary>How values of a type are held.</summary>
    internal enum ContainerKind
    {
        /// <summary>A single value.</summary>
        Scalar,

        /// <summary>A one-dimensional array <c>T[]</c>.</summary>
        Array,

        /// <summary>A <c>Span&lt;T&gt;</c>.</summary>
        Span,

        /// <summary>A <c>ReadOnlySpan&lt;T&gt;</c>.</summary>
        ReadOnlySpan,

        /// <summary>A rectangular array <c>T[,]</c>.</summary>
        Array2D,

        /// <summary>A jagged array <c>T[][]</c>.</summary>
        Jagged,
    }

    /// <summary>The type of an IR variable or expression.</summary>
    /// <param name="Scalar">The element type.</param>
    /// <param name="Container">Scalar, array or span.</param>
    /// <param name="OpaqueName">For <see cref="ScalarKind.Opaque"/>, the fully qualified C# type name.</param>
    internal sealed record IrType(ScalarKind Scalar, ContainerKind Container, string? OpaqueName = null)
    {
        public static readonly IrType Double = new IrType(ScalarKind.Double, ContainerKind.Scalar);
        public static readonly IrType Float = new IrType(ScalarKind.Float, ContainerKind.Scalar);
        public static readonly IrType Int = new IrType(ScalarKind.Int, ContainerKind.Scalar);
        public static readonly IrType Bool = new IrType(ScalarKind.Bool, ContainerKind.Scalar);

        /// <summary>Whether a value of this type can carry a derivative (double or float, scalar or sequence).</summary>
        public bool IsFloatingPoint => Scalar == ScalarKind.Double || Scalar == ScalarKind.Float;

        /// <summary>Whether this is an array or span.</summary>
        public bool IsSequence => Container != ContainerKind.Scalar;

        /// <summary>Whether the elements of this sequence can be written.</summary>
        public bool IsWritableSequence => Container is ContainerKind.Array or ContainerKind.Span or ContainerKind.Array2D or ContainerKind.Jagged;

        /// <summary>Whether elements take two indices (<c>a[i, j]</c> or <c>a[i][j]</c>).</summary>
        public bool IsTwoDimensional => Container is ContainerKind.Array2D or ContainerKind.Jagged;

        /// <summary>The type of one element.</summary>
        public IrType Element => Container == ContainerKind.Scalar ? this : new IrType(Scalar, ContainerKind.Scalar, OpaqueName);

        public static IrType ScalarOf(ScalarKind kind) => kind switch
        {
            ScalarKind.Double => Double,
            ScalarKind.Float => Float,
            ScalarKind.Int => Int,
            _ => Bool,
        };
    }
}
