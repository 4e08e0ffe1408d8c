using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Backprop.Generators.Diagnostics;
using Backprop.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Backprop.Tests.Diagnostics
{
    /// <summary>
    /// docs/diagnostics.md is the catalogue users land on from the IDE's help link: it must have a section per id
    /// (with the anchor the link points to), agree with the descriptors, and its examples must be true.
    /// </summary>
    public sealed class DocumentationTests
    {
        private static readonly Lazy<string> s_document = new(() => File.ReadAllText(Path.Combine(Snapshot.RepositoryRoot(), "docs", "diagnostics.md")));

        public static IEnumerable<object[]> Ids => Descriptors().Select(d => new object[] { d.Id });

        [Fact]
        public void EveryDescriptorIsDocumentedAndTrackedAndNothingElse()
        {
            string[] ids = Descriptors().Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal).ToArray();
            string[] sections = Regex.Matches(s_document.Value, @"^## (BP\d{4})\s*$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToArray();
            Assert.Equal(ids, sections);

            string releases = File.ReadAllText(Path.Combine(Snapshot.RepositoryRoot(), "src", "Generator", "AnalyzerReleases.Shipped.md"))
                + File.ReadAllText(Path.Combine(Snapshot.RepositoryRoot(), "src", "Generator", "AnalyzerReleases.Unshipped.md"));
            foreach (DiagnosticDescriptor descriptor in Descriptors())
            {
                Assert.Matches($@"(?m)^{descriptor.Id} \| {descriptor.Category} \| {descriptor.DefaultSeverity} \| {Regex.Escape(descriptor.Title.ToString())}\s*$", releases);
            }
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void DescriptorAgreesWithItsSection(string id)
        {
            DiagnosticDescriptor descriptor = Descriptors().Single(d => d.Id == id);
            string section = Section(id);
            string severity = descriptor.DefaultSeverity.ToString().ToLowerInvariant();
            Assert.Contains($"**{descriptor.Title}** ({severity})", section, StringComparison.Ordinal);
            Assert.Matches($@"\| \[{id}\]\(#{id.ToLowerInvariant()}\) \| {descriptor.DefaultSeverity} \| {Regex.Escape(descriptor.Title.ToString())} \|", s_document.Value);

            // The help link is the repository's copy of this page, at the heading's anchor (GitHub lower-cases it).
            Assert.Equal(RepositoryUrl() + "/blob/main/docs/diagnostics.md#" + id.ToLowerInvariant(), descriptor.HelpLinkUri);
            Assert.True(descriptor.IsEnabledByDefault);
            Assert.Equal("Backprop", descriptor.Category);
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void WrongExampleReportsTheIdAndRightExampleBuildsClean(string id)
        {
            string section = Section(id);
            if (id == "BP9999")
            {
                // No user code causes an internal error on purpose; DiagnosticLocationTests injects one.
                Assert.DoesNotContain("**Wrong**", section, StringComparison.Ordinal);
                return;
            }

            string wrong = Example(section, "**Wrong**");
            string right = Example(section, "**Right**");

            AnalyzerHarness.Result bad = AnalyzerHarness.Run(("Wrong.cs", wrong));
            Assert.Contains(bad.Backprop, d => d.Id == id);
            Assert.DoesNotContain(bad.Compiler, d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("CS", StringComparison.Ordinal) && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);

            AnalyzerHarness.Result good = AnalyzerHarness.Run(("Right.cs", right));
            Assert.Empty(good.Backprop);
            Assert.Empty(good.Compiler.Where(d => d.Severity >= DiagnosticSeverity.Warning));
            Assert.NotEmpty(good.GeneratedSources);
        }

        private static string Section(string id)
        {
            Match match = Regex.Match(s_document.Value, $@"^## {id}\s*$(.*?)(?=^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline);
            Assert.True(match.Success, $"no section for {id}");
            return match.Groups[1].Value;
        }

        private static string Example(string section, string label)
        {
            int at = section.IndexOf(label, StringComparison.Ordinal);
            Assert.True(at >= 0, $"no {label} example");
            Match code = Regex.Match(section.Substring(at), @"```csharp\n(.*?)```", RegexOptions.Singleline);
            Assert.True(code.Success, $"no code block after {label}");
            return code.Groups[1].Value;
        }

        private static IEnumerable<DiagnosticDescriptor> Descriptors() => new DifferentiableAnalyzer().SupportedDiagnostics;

        private static string RepositoryUrl()
        {
            XDocument project = XDocument.Load(Path.Combine(Snapshot.RepositoryRoot(), "src", "Runtime", "Backprop.Runtime.csproj"));
            return project.Descendants("PackageProjectUrl").Single().Value.TrimEnd('/');
        }
    }
}
