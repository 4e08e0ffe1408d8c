using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Backprop.Generators.Model
{
    /// <summary>
    /// A source location as plain values: a <see cref="Location"/> holds its syntax tree alive and breaks caching,
    /// so models carry this instead and turn it back into a <see cref="Location"/> only when reporting.
    /// </summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public static LocationInfo? From(Location? location)
        {
            if (location is null || location.SourceTree is null)
            {
                return null;
            }

            return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
        }

        public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());

        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
    }
}
