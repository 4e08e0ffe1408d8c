using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Backprop.Generators.Diagnostics
{
    /// <summary>
    /// Every diagnostic the generator reports, in one place. Each id has a section in docs/diagnostics.md with a
    /// wrong and a right example.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "Backprop";
        // The repository's copy of docs/diagnostics.md (the package's project URL), where "## BP0001" is anchor #bp0001.
        private const string HelpBase = "https://github.com/backprop-generators/backprop-generators/blob/main/docs/diagnostics.md#";

        /// <summary>BP0001: a containing type is not partial, so nothing can be added to it.</summary>
        public static readonly DiagnosticDescriptor TypeNotPartial = Error(
            "BP0001",
            "The containing type must be partial",
            "Type '{0}' must be declared partial so that the gradient of '{1}' can be generated into it");

        /// <summary>BP0002: the method's shape (instance, generic, return type) is not supported.</summary>
        public static readonly DiagnosticDescriptor UnsupportedMethod = Error(
            "BP0002",
            "Unsupported [Differentiable] method",
            "'{0}' cannot be differentiated: {1}");

        /// <summary>BP0003: a parameter's type or modifier is not supported.</summary>
        public static readonly DiagnosticDescriptor UnsupportedParameter = Error(
            "BP0003",
            "Unsupported parameter",
            "Parameter '{0}' of type '{1}' is not supported: {2}");

        /// <summary>BP0004: a statement the generator does not know how to differentiate.</summary>
        public static readonly DiagnosticDescriptor UnsupportedStatement = Error(
            "BP0004",
            "Unsupported statement",
            "{0} is not supported in a [Differentiable] method: {1}");

        /// <summary>BP0005: an expression the generator does not know how to differentiate.</summary>
        public static readonly DiagnosticDescriptor UnsupportedExpression = Error(
            "BP0005",
            "Unsupported expression",
            "'{0}' is not supported in a [Differentiable] method: {1}");

        /// <summary>BP0006: a call whose argument depends on a differentiable input, to a method with no known derivative.</summary>
        public static readonly DiagnosticDescriptor NoDerivativeForCall = Error(
            "BP0006",
            "Call has no known derivative",
            "The call to '{0}' receives a value that depends on a differentiable input, but '{0}' has no known derivative; mark it [Differentiable], give it a [DerivativeOf] method, or pass only constants");

        /// <summary>BP0007: a write to state outside the method.</summary>
        public static readonly DiagnosticDescriptor WriteOutsideMethod = Error(
            "BP0007",
            "Write to state outside the method",
            "'{0}' writes to '{1}', which lives outside the method; a gradient cannot follow values out of the method");

        /// <summary>BP0008: a loop the reverse sweep cannot replay.</summary>
        public static readonly DiagnosticDescriptor UnsupportedLoop = Error(
            "BP0008",
            "Unsupported loop",
            "This for loop cannot be differentiated: {0}");

        /// <summary>BP0009: a differentiable parameter that the result never depends on.</summary>
        public static readonly DiagnosticDescriptor ParameterDoesNotAffectResult = Warning(
            "BP0009",
            "Gradient is always zero",
            "Nothing differentiable leads from parameter '{1}' to the result of '{0}' (it reaches it, if at all, only through comparisons, integer conversions or [NoDerivative] parameters), so its gradient is always zero; mark it [NoDerivative] if that is intended");

        /// <summary>BP0010: a method that returns a value writes one of its array parameters.</summary>
        public static readonly DiagnosticDescriptor WritesParameterArray = Error(
            "BP0010",
            "A value-returning method writes its parameter",
            "'{0}' returns a value and writes its parameter '{1}'; copy '{1}' into a local array first, or make '{0}' a void helper");

        /// <summary>BP0011: a call of a <c>[Differentiable]</c> method that itself cannot be differentiated.</summary>
        public static readonly DiagnosticDescriptor CalleeNotDifferentiable = Error(
            "BP0011",
            "Called method has no derivative",
            "'{0}' is marked [Differentiable] but cannot be differentiated itself (see the diagnostics reported on it), so this call has no derivative");

        /// <summary>BP0012: a <c>[DerivativeOf]</c> method whose target or signature is wrong.</summary>
        public static readonly DiagnosticDescriptor InvalidCustomDerivative = Error(
            "BP0012",
            "Custom derivative does not fit",
            "'{0}' cannot be the derivative of '{1}': {2}");

        /// <summary>BP0013: a <c>[DerivativeOf]</c> method declared where no call of its function can find it.</summary>
        public static readonly DiagnosticDescriptor UnreachableCustomDerivative = Warning(
            "BP0013",
            "Custom derivative is never used",
            "'{0}' is never used as the derivative of '{1}': the generator looks for a derivative next to the function and in the types around each [Differentiable] method that calls it, and no [Differentiable] method is declared in '{2}' or its nested types; move it into the type of the methods that call it (or a type around them or a base of theirs)");

        /// <summary>BP0014: a differentiable value passed to a <c>[NoDerivative]</c> parameter, where its gradient stops.</summary>
        public static readonly DiagnosticDescriptor GradientStopsAtNoDerivative = Warning(
            "BP0014",
            "Gradient stops at a [NoDerivative] parameter",
            "The argument for '{1}' of '{0}' depends on a differentiable input, but '{1}' is marked [NoDerivative], so no gradient flows back through it; remove [NoDerivative] from '{1}', or suppress BP0014 here if the stop is intended");

        /// <summary>BP0015: a call of a callee whose pullback would run a call that may return another value again.</summary>
        public static readonly DiagnosticDescriptor CalleeRunsAgain = Error(
            "BP0015",
            "Called method's pullback would call again",
            "Calling '{0}' here would give a wrong gradient: {1}");

        /// <summary>BP9999: an internal failure of the generator, reported instead of crashing the compilation.</summary>
        public static readonly DiagnosticDescriptor InternalError = Error(
            "BP9999",
            "Internal generator error",
            "The gradient of '{0}' could not be generated because of an internal error ({1}); please report it");

        private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = new[]
        {
            TypeNotPartial, UnsupportedMethod, UnsupportedParameter, UnsupportedStatement, UnsupportedExpression,
            NoDerivativeForCall, WriteOutsideMethod, UnsupportedLoop, ParameterDoesNotAffectResult, WritesParameterArray,
            CalleeNotDifferentiable, InvalidCustomDerivative, UnreachableCustomDerivative, GradientStopsAtNoDerivative, CalleeRunsAgain,
            InternalError,
        }.ToDictionary(d => d.Id);

        /// <summary>All descriptors, for the analyzer's SupportedDiagnostics.</summary>
        public static IEnumerable<DiagnosticDescriptor> All => s_byId.Values;

        /// <summary>Looks a descriptor up by its id.</summary>
        public static DiagnosticDescriptor ById(string id) => s_byId[id];

        private static DiagnosticDescriptor Error(string id, string title, string message)
            => new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

        private static DiagnosticDescriptor Warning(string id, string title, string message)
            => new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
    }
}
