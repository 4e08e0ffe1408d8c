namespace Backprop.Generators.Model
{
    /// <summary>
    /// The name and version the generated members carry in <c>[GeneratedCode]</c>: the emitter writes them, and the
    /// parser recognises the members by them (the analyzer sees the compilation with the generated code in it).
    /// The version is the project's, in a part the build writes (see the generator's project file).
    /// </summary>
    internal static partial class ToolInfo
    {
        /// <summary>The tool name in <c>[GeneratedCode]</c>.</summary>
        public const string Name = "Backprop.Generators";
    }
}
