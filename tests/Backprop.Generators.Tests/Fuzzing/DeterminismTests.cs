using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Backprop.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace Backprop.Tests.Fuzzing
{
    /// <summary>
    /// The generated code is a function of the source alone: byte-identical on every run and under every culture,
    /// including one whose minus sign and decimal separator differ from C#'s.
    /// </summary>
    public sealed class DeterminismTests
    {
        private readonly ITestOutputHelper _output;

        public DeterminismTests(ITestOutputHelper output) => _output = output;

        /// <summary>A culture that breaks any number formatted without the invariant culture: "−1,5" for -1.5.</summary>
        private static CultureInfo Hostile()
        {
            var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            culture.NumberFormat.NegativeSign = "\u2212";
            culture.NumberFormat.PositiveSign = "\u002B\u200E";
            culture.NumberFormat.NumberDecimalSeparator = ",";
            culture.NumberFormat.NumberGroupSeparator = ".";
            culture.NumberFormat.PercentDecimalSeparator = ",";
            culture.NumberFormat.CurrencyDecimalSeparator = ",";
            culture.NumberFormat.NaNSymbol = "NeN";
            culture.NumberFormat.PositiveInfinitySymbol = "oo";
            culture.NumberFormat.NegativeInfinitySymbol = "\u2212oo";
            culture.NumberFormat.DigitSubstitution = DigitShapes.NativeNational;
            return culture;
        }

        private static IEnumerable<CultureInfo> Cultures()
        {
            yield return CultureInfo.InvariantCulture;
            yield return Hostile();

            // Real cultures, where ICU is available: Persian (its own minus sign and separator), Turkish (dotless i
            // in case mappings), German (decimal comma).
            foreach (string name in new[] { "fa-IR", "tr-TR", "de-DE" })
            {
                CultureInfo culture;
                try
                {
                    culture = CultureInfo.GetCultureInfo(name);
                }
                catch (CultureNotFoundException)
                {
                    continue;
                }

                yield return culture;
            }
        }

        [Fact]
        public void HostileCultureReallyFormatsNumbersDifferently()
        {
            // Guards the test itself: under this culture, culture-sensitive formatting would show.
            Assert.Equal("\u22121,5", (-1.5).ToString(Hostile()));
        }

        [Fact]
        public void GeneratedCodeIsByteIdenticalAcrossRunsAndCultures()
        {
            (string, string)[] sources = Sources();
            Dictionary<string, byte[]> reference = Generate(sources, CultureInfo.InvariantCulture);
            Assert.True(reference.Count > 100, $"only {reference.Count} generated files");

            int runs = 0;
            foreach (CultureInfo culture in Cultures().Concat(new[] { CultureInfo.InvariantCulture }))
            {
                Dictionary<string, byte[]> generated = Generate(sources, culture);
                Assert.Equal(reference.Keys.OrderBy(k => k, StringComparer.Ordinal), generated.Keys.OrderBy(k => k, StringComparer.Ordinal));
                foreach ((string hintName, byte[] bytes) in reference)
                {
                    Assert.True(bytes.AsSpan().SequenceEqual(generated[hintName]), $"{hintName} differs under culture '{culture.Name}'");
                }

                runs++;
            }

            _output.WriteLine($"{reference.Count} generated files, identical in {runs} runs under the invariant culture, the hostile one (\u2212 and ','), {string.Join(", ", Cultures().Skip(2).Select(c => c.Name))}, and invariant again");
        }

        [Fact]
        public void DiagnosticsAreIdenticalAcrossCultures()
        {
            // Messages are formatted by Roslyn with the caller's culture; their arguments must not be.
            string Describe(CultureInfo culture)
            {
                CultureInfo saved = CultureInfo.CurrentCulture;
                CultureInfo.CurrentCulture = culture;
                try
                {
                    AnalyzerHarness.Result result = AnalyzerHarness.Run(("Bad.cs", BadSource));
                    return string.Join("\n", result.Backprop.Select(d => d.ToString()));
                }
                finally
                {
                    CultureInfo.CurrentCulture = saved;
                }
            }

            string reference = Describe(CultureInfo.InvariantCulture);
            Assert.Contains("BP0008", reference, StringComparison.Ordinal);
            Assert.Equal(reference, Describe(Hostile()));
        }

        private const string BadSource = """
            using System;
            using Backprop;

            public static partial class Bad
            {
                [Differentiable]
                public static double Loop(double[] x)
                {
                    double s = -1.5;
                    for (int i = 0; i < x.Length; i += 2)
                    {
                        s += x[i] * -0.25;
                    }

                    return s;
                }
            }
            """;

        private static Dictionary<string, byte[]> Generate((string, string)[] sources, CultureInfo culture)
        {
            CultureInfo saved = CultureInfo.CurrentCulture, savedUi = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            try
            {
                // A fresh compilation and driver each time: nothing is shared with an earlier run.
                GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(GeneratorHarness.Compilation(sources));
                GeneratorRunResult run = driver.GetRunResult().Results.Single();
                Assert.Null(run.Exception);
                return run.GeneratedSources.ToDictionary(g => g.HintName, g => Encoding.UTF8.GetBytes(g.SourceText.ToString()));
            }
            finally
            {
                CultureInfo.CurrentCulture = saved;
                CultureInfo.CurrentUICulture = savedUi;
            }
        }

        /// <summary>The corpus, with its negative literals and float constants, and sixty random programs.</summary>
        private static (string, string)[] Sources()
        {
            string corpus = Path.Combine(Snapshot.RepositoryRoot(), "tests", "Backprop.Generators.Tests", "Corpus");
            IEnumerable<(string, string)> files = Directory.GetFiles(corpus, "*.cs")
                .Where(f => !Path.GetFileName(f).StartsWith("CorpusCases", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => ("Corpus/" + Path.GetFileName(f), File.ReadAllText(f)));
            IEnumerable<(string, string)> programs = Enumerable.Range(90_001, 60).Select(ProgramGenerator.Generate).Select(p => (p.FilePath, p.Render()));
            return files.Concat(programs).ToArray();
        }
    }
}
