using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Backprop.Generators.Ir;

namespace Backprop.Generators.Differentiation
{
    /// <summary>
    /// Compares IR nodes by identity: IR records compare by value, but two equal statements at different places are
    /// different decisions (a branch that needs a flag, an assignment that needs its adjoint cleared), and two equal
    /// calls are two calls.
    /// </summary>
    internal sealed class ReferenceComparer : IEqualityComparer<Stmt>, IEqualityComparer<Expr>, IEqualityComparer<Function>
    {
        public static readonly ReferenceComparer Instance = new ReferenceComparer();

        public bool Equals(Stmt? x, Stmt? y) => ReferenceEquals(x, y);

        public int GetHashCode(Stmt obj) => RuntimeHelpers.GetHashCode(obj);

        public bool Equals(Expr? x, Expr? y) => ReferenceEquals(x, y);

        public int GetHashCode(Expr obj) => RuntimeHelpers.GetHashCode(obj);

        public bool Equals(Function? x, Function? y) => ReferenceEquals(x, y);

        public int GetHashCode(Function obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
