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

    /// <summary>
    /// Supplies the derivative of another method, which the Backprop generator then uses wherever that method is
    /// called from a <see cref="DifferentiableAttribute"/> method, instead of differentiating it (or instead of
    /// refusing a call it cannot differentiate).
    /// </summary>
    /// <remarks>
    /// <para>Three forms are accepted. For a function of one scalar, <c>double F(double x)</c>, the simplest is
    /// <c>[DerivativeOf(nameof(F))] static double FDerivative(double x)</c>, which returns dF/dx.</para>
    /// <para>When dF/dx is best written with F's value, as σ′ = σ(1 − σ), set <see cref="FromResult"/>:
    /// <c>[DerivativeOf(nameof(F), FromResult = true)] static double FDerivative(double y)</c> receives
    /// <c>y = F(x)</c> and returns dF/dx. The gradient then reads F's value where the forward computation stored it,
    /// instead of keeping x and differentiating F's body; only where nothing holds that value (a branch of a
    /// conditional expression, <c>s = F(s * w)</c>) does it call F again.</para>
    /// <para>For any other function, write the pullback the generator would write: F's parameters, then (unless F is
    /// <c>void</c>) <c>T resultAdj</c>, then a gradient buffer per differentiable parameter (<c>ref T</c> for a
    /// scalar, <c>Span&lt;T&gt;</c> for an array or span, <c>T[,]</c> for a rectangular array), in order, adding
    /// <c>resultAdj</c> times each partial derivative into its buffer. For a <c>void</c> F that writes spans, each
    /// written span's buffer holds that output's adjoint on entry and must hold the adjoint of its value before the
    /// call on return (zero for an output F overwrites completely). The pullback may return <c>void</c> or F's value.</para>
    /// <para>The derivative is looked up next to F, and in the types around the calling method (which is how a
    /// derivative is given to a function of a library: <c>[DerivativeOf(typeof(Library), nameof(Library.F))]</c>).
    /// A signature that fits none of the forms gets BP0012 where it is written.</para>
    /// </remarks>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class DerivativeOfAttribute : Attribute
    {
        /// <summary>Declares the derivative of the method <paramref name="methodName"/> of the same type.</summary>
        /// <param name="methodName">The method's name, written <c>nameof(F)</c>.</param>
        public DerivativeOfAttribute(string methodName)
        {
            MethodName = methodName;
        }

        /// <summary>Declares the derivative of the method <paramref name="methodName"/> of <paramref name="declaringType"/>.</summary>
        /// <param name="declaringType">The type that declares the method, such as a library's.</param>
        /// <param name="methodName">The method's name, written <c>nameof(Type.F)</c>.</param>
        public DerivativeOfAttribute(Type declaringType, string methodName)
        {
            DeclaringType = declaringType;
            MethodName = methodName;
        }

        /// <summary>The type that declares the method, or null for the type of the method this attribute marks.</summary>
        public Type? DeclaringType { get; }

        /// <summary>The name of the method whose derivative this is.</summary>
        public string MethodName { get; }

        /// <summary>
        /// Whether the derivative, <c>T FDerivative(T y)</c>, receives F's value <c>y = F(x)</c> rather than its
        /// argument <c>x</c>. Only for a function of one scalar.
        /// </summary>
        public bool FromResult { get; set; }
    }
}
