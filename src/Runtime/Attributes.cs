using System;

namespace Backprop
{
    /// <summary>
    /// Marks a static method of a partial type whose reverse-mode gradient the Backprop generator writes at compile time.
    /// </summary>
    /// <remarks>
    /// For a method <c>T Loss(...)</c> returning <see cref="double"/> or <see cref="float"/>, the generator adds
    /// <c>T LossGradient(&lt;the same parameters&gt;, &lt;one gradient buffer per differentiable parameter&gt;)</c>,
    /// which returns the same value as <c>Loss</c> and adds ∂Loss/∂p into each buffer, and
    /// <c>T LossPullback(&lt;the same parameters&gt;, T resultAdj, &lt;buffers&gt;)</c>, which adds
    /// <c>resultAdj · ∂Loss/∂p</c>. A <c>void</c> method that writes some of its array or span parameters is a
    /// vector-valued helper: it gets only a pullback, which other differentiable methods call.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class DifferentiableAttribute : Attribute
    {
    }

    /// <summary>
    /// Excludes a floating-point parameter of a <see cref="DifferentiableAttribute"/> method from differentiation:
    /// it is treated as a constant and gets no gradient buffer.
    /// </summary>
    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class NoDerivativeAttribute : Attribute
    {
    }
}
