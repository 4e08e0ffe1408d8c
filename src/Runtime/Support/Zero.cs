using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.Support
{
    /// <summary>
    /// Clears buffers without leaving the upper halves of the AVX registers dirty, for generated gradient code.
    /// </summary>
    /// <remarks>
    /// <see cref="Span{T}.Clear"/> and <see cref="Array.Clear(Array)"/> store whole 256- or 512-bit registers and
    /// return without <c>vzeroupper</c>. The legacy-SSE <c>exp</c> and <c>log</c> of glibc that <see cref="Math.Exp"/>
    /// calls then pay an AVX→SSE transition penalty (about 150 ns) on every call until something clears that state.
    /// Gradient code clears its buffers right before sweeps full of such calls, so it clears with 128-bit stores,
    /// which do not dirty the upper halves.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Zero
    {
        /// <summary>Sets every element of <paramref name="values"/> to <c>default</c>.</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="values">The buffer to clear.</param>
        public static void Clear<T>(Span<T> values)
        {
            if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
            {
                values.Clear();
                return;
            }

            ClearBytes(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(values)), (nuint)values.Length * (nuint)Unsafe.SizeOf<T>());
        }

        /// <summary>Sets every element of <paramref name="values"/> to <c>default</c>.</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="values">The array to clear.</param>
        public static void Clear<T>(T[] values) => Clear(values.AsSpan());

        /// <summary>Sets every element of a rectangular array to <c>default</c>.</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="values">The array to clear.</param>
        public static void Clear<T>(T[,] values)
        {
            if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
            {
                Array.Clear(values);
                return;
            }

            ClearBytes(ref MemoryMarshal.GetArrayDataReference(values), (nuint)values.Length * (nuint)Unsafe.SizeOf<T>());
        }

        private static void ClearBytes(ref byte start, nuint length)
        {
            nuint offset = 0;
            if (Vector128.IsHardwareAccelerated)
            {
                for (; offset + 16 <= length; offset += 16)
                {
                    Vector128<byte>.Zero.StoreUnsafe(ref start, offset);
                }
            }

            for (; offset < length; offset++)
            {
                Unsafe.Add(ref start, offset) = 0;
            }
        }
    }
}
