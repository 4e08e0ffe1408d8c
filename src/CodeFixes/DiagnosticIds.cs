namespace Backprop.CodeFixes
{
    /// <summary>
    /// The ids this assembly fixes. They are the generator's (Backprop.Generators.Diagnostics.DiagnosticDescriptors);
    /// this assembly cannot reference it (code fixes use Workspaces, which an analyzer assembly must not load), so a
    /// test checks that the two agree.
    /// </summary>
    public static class DiagnosticIds
    {
        /// <summary>BP0001: the containing type must be partial.</summary>
        public const string TypeNotPartial = "BP0001";

        /// <summary>BP0009: a differentiable parameter does not affect the result.</summary>
        public const string ParameterDoesNotAffectResult = "BP0009";
    }
}
