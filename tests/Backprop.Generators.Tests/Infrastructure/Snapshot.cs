using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace Backprop.Tests.Infrastructure
{
    /// <summary>
    /// Snapshot assertions in Verify's file conventions: <c>Snapshots/{Class}.{Test}#{HintName}.verified.cs</c> for
    /// generated files and <c>{Class}.{Test}.verified.txt</c> for diagnostics. A mismatch writes the actual text to
    /// the matching <c>*.received.*</c> file (ignored by git) and fails with a readable diff. To accept, run the tests
    /// with <c>BACKPROP_ACCEPT_SNAPSHOTS=1</c>, or run <c>scripts/accept-snapshots.sh</c> to promote received files.
    /// </summary>
    public static class Snapshot
    {
        public const string AcceptVariable = "BACKPROP_ACCEPT_SNAPSHOTS";

        public static void Verify(string name, string extension, string actual, [CallerFilePath] string callerFile = "")
        {
            string directory = Path.Combine(FindTestsDirectory(callerFile), "Snapshots");
            Directory.CreateDirectory(directory);
            string verifiedPath = Path.Combine(directory, $"{name}.verified.{extension}");
            string receivedPath = Path.Combine(directory, $"{name}.received.{extension}");
            string normalized = Normalize(actual);

            if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
            {
                File.WriteAllText(verifiedPath, normalized, new UTF8Encoding(false));
                File.Delete(receivedPath);
                return;
            }

            if (!File.Exists(verifiedPath))
            {
                File.WriteAllText(receivedPath, normalized, new UTF8Encoding(false));
                throw new XunitException($"No snapshot yet for {name}. Review {receivedPath} and accept it with {AcceptVariable}=1 or scripts/accept-snapshots.sh.");
            }

            string expected = Normalize(File.ReadAllText(verifiedPath));
            if (expected == normalized)
            {
                File.Delete(receivedPath);
                return;
            }

            File.WriteAllText(receivedPath, normalized, new UTF8Encoding(false));
            throw new XunitException($"Snapshot {name} differs ({verifiedPath} vs {receivedPath}):\n{Diff(expected, normalized)}");
        }

        private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimStart('\uFEFF');

        private static string Diff(string expected, string actual)
        {
            DiffPaneModel model = InlineDiffBuilder.Diff(expected, actual);
            var builder = new StringBuilder();
            int shown = 0;
            foreach (DiffPiece line in model.Lines)
            {
                if (line.Type == ChangeType.Unchanged || shown >= 80)
                {
                    continue;
                }

                builder.Append(line.Type == ChangeType.Inserted ? "+ " : "- ").Append(line.Position).Append(": ").AppendLine(line.Text);
                shown++;
            }

            return builder.ToString();
        }

        private static string FindTestsDirectory(string callerFile)
        {
            for (string? directory = Path.GetDirectoryName(callerFile); directory is not null; directory = Path.GetDirectoryName(directory))
            {
                if (File.Exists(Path.Combine(directory, "Backprop.Generators.Tests.csproj")))
                {
                    return directory;
                }
            }

            throw new InvalidOperationException("Cannot find the test project directory from " + callerFile);
        }

        /// <summary>The repository root, found from the test project's directory.</summary>
        public static string RepositoryRoot([CallerFilePath] string callerFile = "")
            => Path.GetFullPath(Path.Combine(FindTestsDirectory(callerFile), "..", ".."));
    }
}
