using Backprop.Generators.Ir;
using Backprop.Generators.Model;

namespace Backprop.Generators.Parsing
{
    /// <summary>
    /// What the parser (and the analyses that run with it) made of one <c>[Differentiable]</c> method: the IR when
    /// the method can be differentiated, and every diagnostic. This is the incremental pipeline's cached model.
    /// </summary>
    /// <param name="Function">The IR, or null when an error was reported.</param>
    /// <param name="Diagnostics">Errors and warnings, with their locations.</param>
    internal sealed record ParseResult(Function? Function, EquatableArray<DiagnosticInfo> Diagnostics);
}
