using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

// Copies of Backprop.Support.ValueTape<T> and LocalArrayPool<T> as of the commit the variants were copied at, so that
// the hand-edited variants keep compiling and keep measuring the same code when the runtime library changes.
namespace Backprop.Benchmarks.Experiments
{
    /// <summary>A copy of <c>Backprop.Support.ValueTape&lt;T&gt;</c>: a stack of saved values on ArrayPool storage.</summary>
    /// <typeparam name="T">The saved type.</typeparam>
    public struct ExperimentTape<T>
        where T : unmanaged
    {
        private T[] _items;
        private int _count;

        /// <summary>Creates a tape with at least the given capacity.</summary>
        /// <param name="capacity">The initial capacity.</param>
        public ExperimentTape(int capacity)
        {
            _items = ArrayPool<T>.Shared.Rent(Math.Max(capacity, 16));
            _count = 0;
        }

        /// <summary>Saves a value.</summary>
        /// <param name="value">The value.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Push(T value)
        {
            T[] items = _items;
            int count = _count;
            if ((uint)count < (uint)items.Length)
            {
                items[count] = value;
                _count = count + 1;
            }
            else
            {
                PushWithGrowth(value);
            }
        }

        /// <summary>Removes and returns the last value.</summary>
        /// <returns>The value.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Pop() => _items[--_count];

        /// <summary>Returns the storage to the pool.</summary>
        public void Dispose()
        {
            T[] items = _items;
            _items = Array.Empty<T>();
            _count = 0;
            if (items.Length > 0)
            {
                ArrayPool<T>.Shared.Return(items);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void PushWithGrowth(T value)
        {
            T[] larger = ArrayPool<T>.Shared.Rent(Math.Max(16, _items.Length * 2));
            Array.Copy(_items, larger, _count);
            if (_items.Length > 0)
            {
                ArrayPool<T>.Shared.Return(_items);
            }

            _items = larger;
            _items[_count++] = value;
        }
    }

    /// <summary>A copy of <c>Backprop.Support.LocalArrayPool&lt;T&gt;</c>: a per-thread pool of zeroed arrays of exact lengths.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static class ExperimentPool<T>
    {
        private const int MaxFreeArraysPerLength = 32;

        [ThreadStatic]
        private static Dictionary<int, Stack<T[]>>? t_freeArrays;

        /// <summary>Rents a zero-filled array.</summary>
        /// <param name="length">The length.</param>
        /// <returns>The array.</returns>
        public static T[] Rent(int length)
        {
            if (length < 0)
            {
                throw new OverflowException("Arithmetic operation resulted in an overflow.");
            }

            if (length == 0)
            {
                return Array.Empty<T>();
            }

            Dictionary<int, Stack<T[]>> free = t_freeArrays ??= new Dictionary<int, Stack<T[]>>();
            if (free.TryGetValue(length, out Stack<T[]>? stack) && stack.Count > 0)
            {
                T[] array = stack.Pop();
                Array.Clear(array, 0, array.Length);
                return array;
            }

            return new T[length];
        }

        /// <summary>Gives an array back.</summary>
        /// <param name="array">The array.</param>
        public static void Return(T[] array)
        {
            if (array.Length == 0)
            {
                return;
            }

            Dictionary<int, Stack<T[]>> free = t_freeArrays ??= new Dictionary<int, Stack<T[]>>();
            if (!free.TryGetValue(array.Length, out Stack<T[]>? stack))
            {
                stack = new Stack<T[]>();
                free.Add(array.Length, stack);
            }

            if (stack.Count < MaxFreeArraysPerLength)
            {
                stack.Push(array);
            }
        }
    }
}
