namespace Backprop.Generators.Model
{
    /// <summary>
    /// The name and version the generated members carry in <c>[GeneratedCode]</c>: the emitter writes them, and the
    /// parser recognises the members by them (the analyzer sees the compilation with the generated code in it).
    /// </summary>
    internal static class ToolInfo
    {
        /// <summary>The tool name in <c>[GeneratedCode]</c>.</summary>
        public const string Name = "Backprop.Generators";

        /// <summary>The tool version in <c>[GeneratedCode]</c>.</summary>
        public const string Version = "0.1.0";
    }
}
