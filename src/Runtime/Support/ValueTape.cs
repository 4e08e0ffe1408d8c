using System;
using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Backprop.Support
{
    /// <summary>
    /// A last-in first-out stack of values that generated gradient code saves in the forward sweep and restores in
    /// the reverse sweep. Its storage is rented from <see cref="ArrayPool{T}.Shared"/>, so a warm tape allocates nothing.
    /// </summary>
    /// <remarks>
    /// Each thread keeps the largest buffer a disposed tape had, and the next tape starts with it: a gradient that
    /// saves a million values grows its tape once, on its first call, rather than doubling from a small buffer
    /// (and copying) on every call.
    /// <para>This is a mutable struct: keep it in a local and call <see cref="Dispose"/> when done with it. Generated code
    /// calls it at the end of the method, not in a <c>finally</c> block (which would keep the tape on the stack in
    /// every loop); after an exception the buffer is simply left to the garbage collector.
    /// Generated code is its intended user.</para>
    /// </remarks>
    /// <typeparam name="T">The unmanaged type of the saved values.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public struct ValueTape<T> where T : unmanaged
    {
        // The buffer kept between calls on this thread (null while a tape is using it).
        [ThreadStatic]
        private static T[]? t_spare;

        private T[] _items;
        private int _count;

        /// <summary>Creates a tape whose first buffer holds at least <paramref name="capacity"/> values.</summary>
        /// <param name="capacity">The initial capacity; the tape grows by doubling when it is exceeded.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ValueTape(int capacity)
        {
            _items = Take(capacity);
            _count = 0;
        }

        /// <summary>The number of values currently saved.</summary>
        public readonly int Count => _count;

        /// <summary>Saves a value.</summary>
        /// <param name="value">The value to save.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Push(T value)
        {
            T[] items = _items;
            int count = _count;
            if ((uint)count < (uint)items.Length)
            {
                items[count] = value;
            }
            else
            {
                _items = Grow(items, count, value);
            }

            _count = count + 1;
        }

        /// <summary>Removes and returns the value saved last.</summary>
        /// <returns>The most recently pushed value.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Pop() => _items[--_count];

        /// <summary>Saves every element of <paramref name="values"/>, first to last.</summary>
        /// <param name="values">The values to save, for example an array that a call is about to overwrite.</param>
        public void PushAll(ReadOnlySpan<T> values)
        {
            foreach (T value in values)
            {
                Push(value);
            }
        }

        /// <summary>Restores the elements saved by <see cref="PushAll(ReadOnlySpan{T})"/> into <paramref name="values"/>, last to first.</summary>
        /// <param name="values">The span to restore; it must have the length it had when it was saved.</param>
        public void PopAll(Span<T> values)
        {
            for (int i = values.Length - 1; i >= 0; i--)
            {
                values[i] = Pop();
            }
        }

        /// <summary>Saves every element of a rectangular array, in row-major order.</summary>
        /// <param name="values">The array to save.</param>
        public void PushAll(T[,] values)
        {
            foreach (T value in values)
            {
                Push(value);
            }
        }

        /// <summary>Restores the elements saved by <see cref="PushAll(T[,])"/>, last to first.</summary>
        /// <param name="values">The array to restore, of the shape it had when it was saved.</param>
        public void PopAll(T[,] values)
        {
            for (int i = values.GetLength(0) - 1; i >= 0; i--)
            {
                for (int j = values.GetLength(1) - 1; j >= 0; j--)
                {
                    values[i, j] = Pop();
                }
            }
        }

        /// <summary>
        /// Keeps the storage for this thread's next tape when it is the largest, otherwise returns it to the pool.
        /// The tape must not be used afterwards.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Dispose()
        {
            T[] items = _items;
            _items = Array.Empty<T>();
            _count = 0;
            Release(items);
        }

        // The constructor, Push, Pop and Dispose inline and leave the work that does not fit to these static helpers,
        // which do not take the tape's address: a struct local whose address is taken (by calling one of its
        // methods that is not inlined) lives in memory, so every Push would load and store its count there. Kept in
        // registers, a push costs about as much as the store of the value.
        private static T[] Take(int capacity)
        {
            T[]? spare = t_spare;
            if (spare is not null && spare.Length >= capacity)
            {
                t_spare = null;
                return spare;
            }

            return ArrayPool<T>.Shared.Rent(Math.Max(capacity, 16));
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static T[] Grow(T[] items, int count, T value)
        {
            // Doubling, up to the longest array .NET allows; a tape that outgrows it (a loop that runs for billions of
            // iterations, or never ends) cannot be kept, and says so instead of overflowing the doubled length.
            if (count >= Array.MaxLength)
            {
                throw new OutOfMemoryException($"The gradient's tape of saved {typeof(T).Name} values would need more than {Array.MaxLength} of them, the longest array .NET allows; a loop of the differentiated method runs too long to be reversed.");
            }

            T[] larger = ArrayPool<T>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max(16L, 2L * items.Length)));
            Array.Copy(items, larger, count);
            if (items.Length > 0)
            {
                ArrayPool<T>.Shared.Return(items);
            }

            larger[count] = value;
            return larger;
        }

        private static void Release(T[] items)
        {
            if (items.Length == 0)
            {
                return;
            }

            T[]? spare = t_spare;
            if (spare is null || spare.Length < items.Length)
            {
                t_spare = items;
                items = spare ?? Array.Empty<T>();
            }

            if (items.Length > 0)
            {
                ArrayPool<T>.Shared.Return(items);
            }
        }
    }
}
