using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Backprop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Backprop.Tests
{
    /// <summary>
    /// Installs the product the way users will: <c>dotnet pack</c>, then a fresh project restores the package from a
    /// local folder feed, builds with the generator as an analyzer, and runs a gradient.
    /// </summary>
    public sealed class PackageTests
    {
        private readonly ITestOutputHelper _output;

        public PackageTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void GeneratedMembersCarryTheGeneratorsVersion()
        {
            // The version in [GeneratedCode] is written by the build from the project's Version, as the assembly's is.
            (Microsoft.CodeAnalysis.GeneratorDriverRunResult result, _) = GeneratorHarness.Run(("F.cs", """
                using Backprop;
                public static partial class M
                {
                    [Differentiable]
                    public static double F(double x) => x * x;
                }
                """));
            string version = typeof(Backprop.Generators.DifferentiableGenerator).Assembly.GetName().Version!.ToString(3);
            string generated = result.Results.Single().GeneratedSources.Single().SourceText.ToString();
            Assert.Contains($"[global::System.CodeDom.Compiler.GeneratedCode(\"Backprop.Generators\", \"{version}\")]", generated, StringComparison.Ordinal);
        }

        [Fact]
        public void PackageRestoresIntoAFreshProjectAndComputesAGradient()
        {
            string root = Snapshot.RepositoryRoot();
            string work = Directory.CreateTempSubdirectory("backprop-package-").FullName;
            try
            {
                string feed = Path.Combine(work, "feed");
                string version = "0.1.0-test" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
                Run(root, "dotnet", $"pack \"{Path.Combine(root, "src", "Runtime")}\" -c Release -o \"{feed}\" -p:PackageVersion={version}");

                // The generator and the IDE's code fixes ship as analyzers, next to the runtime library.
                using (ZipArchive package = ZipFile.OpenRead(Directory.GetFiles(feed, "*.nupkg").Single()))
                {
                    string[] entries = package.Entries.Select(e => e.FullName).ToArray();
                    Assert.Contains("lib/net10.0/Backprop.Runtime.dll", entries);
                    Assert.Contains("analyzers/dotnet/cs/Backprop.Generator.dll", entries);
                    Assert.Contains("analyzers/dotnet/cs/Backprop.CodeFixes.dll", entries);
                }

                string consumer = Path.Combine(work, "consumer");
                Directory.CreateDirectory(consumer);
                File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup>
                        <OutputType>Exe</OutputType>
                        <TargetFramework>net10.0</TargetFramework>
                        <Nullable>enable</Nullable>
                        <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                        <RestorePackagesPath>{Path.Combine(work, "packages")}</RestorePackagesPath>
                      </PropertyGroup>
                      <ItemGroup>
                        <PackageReference Include="Backprop.Generators" Version="{version}" />
                      </ItemGroup>
                    </Project>
                    """);
                File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
                    <?xml version="1.0" encoding="utf-8"?>
                    <configuration>
                      <packageSources>
                        <clear />
                        <add key="local" value="{feed}" />
                      </packageSources>
                    </configuration>
                    """);
                File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
                    using System;
                    using Backprop;

                    public static partial class Model
                    {
                        [Differentiable]
                        public static double F(double[] w) => (w[0] * w[0] * w[1]) + Math.Sin(w[1]);
                    }

                    public static class Program
                    {
                        public static void Main()
                        {
                            double[] gradient = new double[2];
                            double value = Model.FGradient(new[] { 1.5, 0.5 }, gradient);
                            Console.WriteLine(FormattableString.Invariant($"{value:R} {gradient[0]:R} {gradient[1]:R}"));
                        }
                    }
                    """);

                string printed = Run(consumer, "dotnet", "run -c Release");
                string[] numbers = printed.Trim().Split('\n')[^1].Split(' ');
                Assert.Equal((1.5 * 1.5 * 0.5) + Math.Sin(0.5), double.Parse(numbers[0], CultureInfo.InvariantCulture), 12);
                Assert.Equal(2 * 1.5 * 0.5, double.Parse(numbers[1], CultureInfo.InvariantCulture), 12);
                Assert.Equal((1.5 * 1.5) + Math.Cos(0.5), double.Parse(numbers[2], CultureInfo.InvariantCulture), 12);
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        }

        private string Run(string directory, string file, string arguments)
        {
            var start = new ProcessStartInfo(file, arguments)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            using Process process = Process.Start(start)!;
            System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"{file} {arguments} timed out");
            _output.WriteLine($"$ {file} {arguments}\n{output}{error.Result}");
            Assert.True(process.ExitCode == 0, $"{file} {arguments} failed with {process.ExitCode}:\n{output}\n{error.Result}");
            return output;
        }
    }
}
