using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Backprop.Support
{
    /// <summary>
    /// A per-thread pool of arrays of exact lengths. Generated gradient code takes local arrays (a user's
    /// <c>new double[n]</c> and the adjoint buffers of local arrays) from it, so that a warm gradient call allocates
    /// nothing while every array keeps the exact <see cref="Array.Length"/> the user's code expects.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class LocalArrayPool<T>
    {
        // How many free arrays of one length a thread keeps: enough for nested calls, bounded for memory.
        private const int MaxFreeArraysPerLength = 32;

        [ThreadStatic]
        private static Dictionary<int, Stack<T[]>>? t_freeArrays;

        /// <summary>Rents a zero-filled array of exactly <paramref name="length"/> elements.</summary>
        /// <param name="length">The number of elements, as in <c>new T[length]</c>.</param>
        /// <returns>An array with every element set to <c>default</c>.</returns>
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
                // Not Array.Clear: see Zero.
                Zero.Clear(array);
                return array;
            }

            return new T[length];
        }

        /// <summary>Gives a rectangular array back to this thread's pool of rectangular arrays.</summary>
        /// <param name="array">An array obtained from <see cref="LocalArrayPool2D{T}.Rent"/>; it must not be used afterwards.</param>
        public static void Return(T[,] array) => LocalArrayPool2D<T>.Return(array);

        /// <summary>Gives an array back to this thread's pool.</summary>
        /// <param name="array">An array obtained from <see cref="Rent"/>; it must not be used afterwards.</param>
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

namespace Backprop.Support
{
    /// <summary>
    /// A per-thread pool of rectangular arrays of exact shapes, the two-dimensional counterpart of
    /// <see cref="LocalArrayPool{T}"/>, for local <c>new double[n, m]</c> arrays and their adjoints.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class LocalArrayPool2D<T>
    {
        private const int MaxFreeArraysPerShape = 32;

        [ThreadStatic]
        private static Dictionary<(int, int), Stack<T[,]>>? t_freeArrays;

        /// <summary>An empty array, to initialise a local before it is rented.</summary>
        public static T[,] Empty { get; } = new T[0, 0];

        /// <summary>Rents a zero-filled array of exactly <paramref name="rows"/> × <paramref name="columns"/> elements.</summary>
        /// <param name="rows">The length of dimension 0.</param>
        /// <param name="columns">The length of dimension 1.</param>
        /// <returns>An array with every element set to <c>default</c>.</returns>
        public static T[,] Rent(int rows, int columns)
        {
            if (rows < 0 || columns < 0)
            {
                throw new OverflowException("Arithmetic operation resulted in an overflow.");
            }

            Dictionary<(int, int), Stack<T[,]>> free = t_freeArrays ??= new Dictionary<(int, int), Stack<T[,]>>();
            if (free.TryGetValue((rows, columns), out Stack<T[,]>? stack) && stack.Count > 0)
            {
                T[,] array = stack.Pop();
                // Not Array.Clear: see Zero.
                Zero.Clear(array);
                return array;
            }

            return new T[rows, columns];
        }

        /// <summary>Gives an array back to this thread's pool.</summary>
        /// <param name="array">An array obtained from <see cref="Rent"/>; it must not be used afterwards.</param>
        public static void Return(T[,] array)
        {
            if (array.Length == 0)
            {
                return;
            }

            Dictionary<(int, int), Stack<T[,]>> free = t_freeArrays ??= new Dictionary<(int, int), Stack<T[,]>>();
            (int, int) shape = (array.GetLength(0), array.GetLength(1));
            if (!free.TryGetValue(shape, out Stack<T[,]>? stack))
            {
                stack = new Stack<T[,]>();
                free.Add(shape, stack);
            }

            if (stack.Count < MaxFreeArraysPerShape)
            {
                stack.Push(array);
            }
        }
    }
}
