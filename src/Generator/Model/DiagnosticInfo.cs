using Microsoft.CodeAnalysis;

namespace Backprop.Generators.Model
{
    /// <summary>
    /// A diagnostic waiting to be reported: its descriptor's id, a location and the message arguments, all plain
    /// values so that the pipeline can cache it.
    /// </summary>
    internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
            => new DiagnosticInfo(descriptor.Id, location, arguments.ToEquatableArray());

        public Diagnostic ToDiagnostic() => ToDiagnostic(null);

        /// <summary>
        /// The diagnostic, located in <paramref name="tree"/> when it is the file the location names: a location in a
        /// syntax tree is one that <c>#pragma warning disable</c> and the IDE's suppressions apply to.
        /// </summary>
        public Diagnostic ToDiagnostic(SyntaxTree? tree)
        {
            DiagnosticDescriptor descriptor = Diagnostics.DiagnosticDescriptors.ById(Id);
            object[] arguments = new object[Arguments.Count];
            for (int i = 0; i < arguments.Length; i++)
            {
                arguments[i] = Arguments[i];
            }

            Location location = Location is null
                ? Microsoft.CodeAnalysis.Location.None
                : tree is not null && tree.FilePath == Location.FilePath && Location.Span.End <= tree.Length
                    ? Microsoft.CodeAnalysis.Location.Create(tree, Location.Span)
                    : Location.ToLocation();
            return Diagnostic.Create(descriptor, location, arguments);
        }
    }
}
