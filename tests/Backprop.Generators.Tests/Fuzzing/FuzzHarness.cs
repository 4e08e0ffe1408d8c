using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Backprop.Generators.Diagnostics;
using Backprop.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Backprop.Tests.Fuzzing
{
    /// <summary>How a random program failed.</summary>
    public enum FailureKind
    {
        /// <summary>The generator threw, or reported BP9999.</summary>
        GeneratorException,

        /// <summary>The generator rejected a valid program (a BP error), so no gradient was generated.</summary>
        Rejected,

        /// <summary>The generated code does not compile.</summary>
        CompileFailure,

        /// <summary>The generated code compiles with warnings, which break users who treat warnings as errors.</summary>
        GeneratedWarning,

        /// <summary>The gradient threw where the forward method did not.</summary>
        GradientException,

        /// <summary>The gradient disagrees with finite differences, or breaks the gradient contract.</summary>
        Mismatch,

        /// <summary>The random program itself is invalid (its forward method throws or is not finite): a fuzzer bug.</summary>
        InvalidProgram,
    }

    /// <summary>One failing program.</summary>
    public sealed record FuzzFailure(FuzzProgram Program, FailureKind Kind, string Detail);

    /// <summary>
    /// Compiles random programs through the generator in memory, runs their gradients and compares them with
    /// finite differences. Many programs share one compilation, to amortise the compiler's cost.
    /// </summary>
    public static class FuzzHarness
    {
        private const double Tolerance = 1e-6;

        /// <summary>Checks a batch of programs and returns how each failing one failed.</summary>
        public static List<FuzzFailure> Run(IReadOnlyList<FuzzProgram> programs, FuzzCounters counters)
        {
            var failures = new List<FuzzFailure>();
            var byClass = programs.ToDictionary(p => p.ClassName);
            CSharpCompilation compilation = GeneratorHarness.Compilation(programs.Select(p => (p.FilePath, p.Render())).ToArray())
                .WithAssemblyName("Fuzz" + programs[0].ClassName);
            GeneratorDriver driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
            GeneratorRunResult run = driver.GetRunResult().Results.Single();
            var failed = new Dictionary<FuzzProgram, FuzzFailure>();

            if (run.Exception is not null)
            {
                // The generator crashed the whole batch: find the culprits one by one.
                if (programs.Count == 1)
                {
                    failed[programs[0]] = new FuzzFailure(programs[0], FailureKind.GeneratorException, run.Exception.ToString());
                }
                else
                {
                    foreach (FuzzProgram program in programs)
                    {
                        failures.AddRange(Run(new[] { program }, counters));
                    }

                    return failures;
                }
            }

            foreach (Diagnostic diagnostic in run.Diagnostics)
            {
                if (ProgramOf(diagnostic, byClass) is FuzzProgram program && !failed.ContainsKey(program))
                {
                    failed[program] = new FuzzFailure(program, FailureKind.GeneratorException, diagnostic.ToString());
                }
            }

            var generatedTrees = run.GeneratedSources.Select(g => g.SyntaxTree).ToHashSet();
            ImmutableArray<Diagnostic> diagnostics = output.GetDiagnostics();

            // Warnings the user's own code has too (a local assigned and never read is copied into the forward
            // sweep) are the user's to fix; warnings only the generated code has are the generator's.
            var userWarnings = diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && !generatedTrees.Contains(tree))
                .Select(d => (ProgramOf(d, byClass), d.Id))
                .ToHashSet();
            foreach (Diagnostic diagnostic in diagnostics.OrderByDescending(d => d.Severity))
            {
                if (diagnostic.Severity < DiagnosticSeverity.Warning || ProgramOf(diagnostic, byClass) is not FuzzProgram program || failed.ContainsKey(program))
                {
                    continue;
                }

                bool inGenerated = diagnostic.Location.SourceTree is { } tree && generatedTrees.Contains(tree);
                if (diagnostic.Severity == DiagnosticSeverity.Error)
                {
                    // The adapters call FGradient and FPullback: missing, they mean the generator rejected F (or a helper).
                    bool missingGenerated = diagnostic.Id is "CS0103" or "CS0117"
                        && diagnostic.GetMessage(CultureInfo.InvariantCulture) is string message
                        && (message.Contains("Gradient'", StringComparison.Ordinal) || message.Contains("Pullback'", StringComparison.Ordinal));
                    failed[program] = inGenerated
                        ? new FuzzFailure(program, FailureKind.CompileFailure, diagnostic.ToString())
                        : missingGenerated
                            ? new FuzzFailure(program, FailureKind.Rejected, Explain(program, diagnostic))
                            : new FuzzFailure(program, FailureKind.InvalidProgram, diagnostic.ToString());
                }
                else if (inGenerated && !userWarnings.Contains((program, diagnostic.Id))
                    && !(diagnostic.Id == "CS0219" && userWarnings.Contains((program, "CS0162"))))
                {
                    // (CS0219 next to the user's CS0162: a local written only in code C# calls unreachable is unused
                    // once the generator folds that code away.)
                    failed[program] = new FuzzFailure(program, FailureKind.GeneratedWarning, diagnostic.ToString());
                }
            }

            failures.AddRange(failed.Values);
            if (failed.Count > 0)
            {
                // Drop the failing programs (and what was generated for them), and run the rest.
                var dropped = output.SyntaxTrees.Where(t => failed.Keys.Any(p => BelongsTo(t, p))).ToArray();
                output = output.RemoveSyntaxTrees(dropped);
            }

            List<FuzzProgram> remaining = programs.Where(p => !failed.ContainsKey(p)).ToList();
            counters.Add(programs.Count, failed.Values);
            if (remaining.Count == 0)
            {
                return failures;
            }

            using var stream = new MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult emit = output.Emit(stream);
            if (!emit.Success)
            {
                string errors = string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5));
                List<FuzzFailure> emitFailures = remaining.Select(p => new FuzzFailure(p, FailureKind.CompileFailure, errors)).ToList();
                counters.Add(0, emitFailures);
                failures.AddRange(emitFailures);
                return failures;
            }

            var context = new AssemblyLoadContext("fuzz", isCollectible: true);
            try
            {
                stream.Position = 0;
                Assembly assembly = context.LoadFromStream(stream);
                var runtime = new List<FuzzFailure>();
                foreach (FuzzProgram program in remaining)
                {
                    if (Check(program, assembly.GetType(program.FullName, throwOnError: true)!, counters) is FuzzFailure failure)
                    {
                        runtime.Add(failure);
                    }
                }

                counters.Add(0, runtime);
                failures.AddRange(runtime);
            }
            finally
            {
                context.Unload();
            }

            return failures;
        }

        /// <summary>Runs the analyzer over one program, to say why the generator rejected it.</summary>
        private static string Explain(FuzzProgram program, Diagnostic compilerError)
        {
            AnalyzerHarness.Result result = AnalyzerHarness.Run((program.FilePath, program.Render()));
            IEnumerable<Diagnostic> errors = result.Backprop.Where(d => d.Severity == DiagnosticSeverity.Error);
            return string.Join("\n", errors.DefaultIfEmpty(compilerError).Select(d => d.ToString()));
        }

        private static FuzzProgram? ProgramOf(Diagnostic diagnostic, Dictionary<string, FuzzProgram> byClass)
        {
            // GetLineSpan, not SourceTree: the generator's diagnostics carry a path and a span but no tree.
            string? path = diagnostic.Location.GetLineSpan().Path;
            if (string.IsNullOrEmpty(path))
            {
                return null;
            }

            foreach (FuzzProgram program in byClass.Values)
            {
                if (BelongsTo(path, program))
                {
                    return program;
                }
            }

            return null;
        }

        private static bool BelongsTo(SyntaxTree tree, FuzzProgram program) => BelongsTo(tree.FilePath, program);

        private static bool BelongsTo(string path, FuzzProgram program)
        {
            string file = Path.GetFileName(path);
            return file == program.FilePath || file.StartsWith(program.FullName + ".", StringComparison.Ordinal);
        }

        // ---------------------------------------------------------------- one program at run time

        private static FuzzFailure? Check(FuzzProgram program, Type type, FuzzCounters counters)
        {
            var forward = type.GetMethod("Forward")!.CreateDelegate<Func<double[][], double>>();
            var gradient = type.GetMethod("Gradient")!.CreateDelegate<Func<double[][], double[][], double>>();
            var pullback = type.GetMethod("Pullback")!.CreateDelegate<Func<double[][], double, double[][], double>>();
            double[][] x = program.Inputs.Select(a => (double[])a.Clone()).ToArray();

            double value;
            try
            {
                value = forward(x);
            }
            catch (Exception exception)
            {
                return new FuzzFailure(program, FailureKind.InvalidProgram, "the forward method threw " + exception.GetType().Name + ": " + exception.Message);
            }

            if (!double.IsFinite(value) || Math.Abs(value) > 1e6)
            {
                return new FuzzFailure(program, FailureKind.InvalidProgram, "the forward value is " + value.ToString("R", CultureInfo.InvariantCulture));
            }

            double[][] g = program.Inputs.Select(a => new double[a.Length]).ToArray();
            double returned;
            try
            {
                returned = gradient(x, g);
            }
            catch (Exception exception)
            {
                return new FuzzFailure(program, FailureKind.GradientException, exception.ToString());
            }

            if (BitConverter.DoubleToInt64Bits(returned) != BitConverter.DoubleToInt64Bits(value))
            {
                return Mismatch(program, $"Gradient returned {R(returned)}, but the forward value is {R(value)}");
            }

            for (int k = 0; k < x.Length; k++)
            {
                if (!x[k].SequenceEqual(program.Inputs[k]))
                {
                    return Mismatch(program, $"Gradient changed its input {k}: {string.Join(", ", x[k].Select(R))}");
                }
            }

            // Finite differences; where they disagree, a kink near the point shows as disagreement that vanishes
            // with a smaller step, while a wrong gradient disagrees at every step.
            for (int k = 0; k < x.Length; k++)
            {
                double[] point = x[k];
                for (int i = 0; i < point.Length; i++)
                {
                    double analytic = g[k][i];
                    double best = double.PositiveInfinity;
                    double numericAtBest = double.NaN;
                    foreach (double scale in new[] { 1.0, 0.1, 0.01, 0.001 })
                    {
                        double numeric = Partial(() => forward(x), point, i, scale);
                        double error = RelativeError(analytic, numeric);
                        if (error < best || double.IsNaN(best))
                        {
                            best = error;
                            numericAtBest = numeric;
                        }

                        if (error <= Tolerance)
                        {
                            break;
                        }
                    }

                    counters.AddCoordinate(Math.Abs(analytic) > 1e-3, best > 0 && numericAtBest != Partial(() => forward(x), point, i, 1.0));
                    if (!(best <= Tolerance))
                    {
                        return Mismatch(program, $"d F / d {InputName(program, k)}[{i}]: generated {R(analytic)}, finite differences {R(numericAtBest)} (relative error {best.ToString("E2", CultureInfo.InvariantCulture)})");
                    }
                }
            }

            // The pullback scales by its seed, and gradients accumulate.
            double[][] scaled = program.Inputs.Select(a => new double[a.Length]).ToArray();
            pullback(x, 2.5, scaled);
            gradient(x, g);
            for (int k = 0; k < x.Length; k++)
            {
                for (int i = 0; i < g[k].Length; i++)
                {
                    double once = g[k][i] / 2;
                    if (RelativeError(scaled[k][i], 2.5 * once) > 1e-9)
                    {
                        return Mismatch(program, $"Pullback with seed 2.5 gave {R(scaled[k][i])} for {InputName(program, k)}[{i}], not 2.5 × {R(once)}");
                    }
                }
            }

            return Concurrency(program, gradient, x) ?? SpecialValues(program, forward, gradient);
        }

        /// <summary>Calls from several threads at once, on shared inputs, must give the serial gradient bit for bit.</summary>
        private static FuzzFailure? Concurrency(FuzzProgram program, Func<double[][], double[][], double> gradient, double[][] x)
        {
            double[][] serial = program.Inputs.Select(a => new double[a.Length]).ToArray();
            double value = gradient(x, serial);
            string? problem = null;
            Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
            {
                for (int call = 0; call < 8; call++)
                {
                    double[][] g = program.Inputs.Select(a => new double[a.Length]).ToArray();
                    double returned = gradient(x, g);
                    bool same = BitConverter.DoubleToInt64Bits(returned) == BitConverter.DoubleToInt64Bits(value)
                        && g.Zip(serial).All(pair => pair.First.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(pair.Second.Select(BitConverter.DoubleToInt64Bits)));
                    if (!same)
                    {
                        Interlocked.CompareExchange(ref problem, "a gradient computed on several threads at once differs from the serial one", null);
                        return;
                    }
                }
            });
            return problem is null ? null : Mismatch(program, problem);
        }

        /// <summary>NaN and infinities flow through the gradient as through the forward method: same value, no new exception.</summary>
        private static FuzzFailure? SpecialValues(FuzzProgram program, Func<double[][], double> forward, Func<double[][], double[][], double> gradient)
        {
            for (int k = 0; k < program.Inputs.Count; k++)
            {
                foreach (double special in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
                {
                    double[][] x = program.Inputs.Select(a => (double[])a.Clone()).ToArray();
                    x[k][x[k].Length - 1] = special;
                    double[][] g = program.Inputs.Select(a => new double[a.Length]).ToArray();
                    Exception? forwardFailure = null, gradientFailure = null;
                    double value = 0, returned = 0;
                    try
                    {
                        value = forward(x);
                    }
                    catch (Exception exception)
                    {
                        forwardFailure = exception;
                    }

                    try
                    {
                        returned = gradient(x, g);
                    }
                    catch (Exception exception)
                    {
                        gradientFailure = exception;
                    }

                    string where = $"{InputName(program, k)}[{x[k].Length - 1}] = {R(special)}";
                    if (gradientFailure is not null && forwardFailure?.GetType() != gradientFailure.GetType())
                    {
                        return new FuzzFailure(program, FailureKind.GradientException, $"with {where}, the forward method {(forwardFailure is null ? "returns" : "throws " + forwardFailure.GetType().Name)} but the gradient throws {gradientFailure}");
                    }

                    // NaN == NaN here: .NET does not specify the sign and payload of a NaN an operation makes, and the
                    // JIT may order the forward method's and the pullback's arithmetic differently.
                    if (forwardFailure is null && !(double.IsNaN(value) && double.IsNaN(returned)) && BitConverter.DoubleToInt64Bits(value) != BitConverter.DoubleToInt64Bits(returned))
                    {
                        return Mismatch(program, $"with {where}, the forward value is {R(value)} but the gradient returned {R(returned)}");
                    }
                }
            }

            return null;
        }

        private static FuzzFailure Mismatch(FuzzProgram program, string detail) => new FuzzFailure(program, FailureKind.Mismatch, detail);

        private static string InputName(FuzzProgram program, int k)
            => program.Parameters.Where(p => p.IsDifferentiable).ElementAtOrDefault(k)?.Name ?? "x" + k.ToString(CultureInfo.InvariantCulture);

        private static double RelativeError(double a, double n)
        {
            if (double.IsNaN(a) || double.IsNaN(n))
            {
                return double.IsNaN(a) && double.IsNaN(n) ? 0 : double.NaN;
            }

            return Math.Abs(a - n) / Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(n)));
        }

        /// <summary>The fourth-order central difference of <see cref="FiniteDifferences"/>, with its step scaled.</summary>
        private static double Partial(Func<double> f, double[] x, int i, double scale)
        {
            double original = x[i];
            double h = FiniteDifferences.RelativeStep * scale * Math.Max(1.0, Math.Abs(original));
            h = (original + h) - original;
            x[i] = original - (2 * h);
            double minus2 = f();
            x[i] = original - h;
            double minus1 = f();
            x[i] = original + h;
            double plus1 = f();
            x[i] = original + (2 * h);
            double plus2 = f();
            x[i] = original;
            return (minus2 - (8 * minus1) + (8 * plus1) - plus2) / (12 * h);
        }

        private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        // ---------------------------------------------------------------- shrinking

        /// <summary>
        /// Deletes statements, helpers and subexpressions of a failing program for as long as it keeps failing the
        /// same way, so that the printed repro is small.
        /// </summary>
        public static FuzzFailure Shrink(FuzzFailure failure, TimeSpan budget)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            FuzzProgram program = failure.Program;
            FuzzFailure current = failure;
            bool progress = true;
            while (progress && clock.Elapsed < budget)
            {
                progress = false;
                foreach (Func<Action?> candidate in Candidates(program).ToList())
                {
                    if (clock.Elapsed >= budget)
                    {
                        break;
                    }

                    Action? undo = candidate();
                    if (undo is null)
                    {
                        continue;
                    }

                    FuzzFailure? again = Run(new[] { program }, new FuzzCounters()).FirstOrDefault();
                    if (again is not null && again.Kind == failure.Kind && DiagnosticId(again.Detail) == DiagnosticId(failure.Detail))
                    {
                        current = again;
                        progress = true;
                    }
                    else
                    {
                        undo();
                    }
                }
            }

            return current;
        }

        /// <summary>The first compiler or generator diagnostic id in a failure's detail, so shrinking keeps the same failure.</summary>
        private static string? DiagnosticId(string detail)
            => System.Text.RegularExpressions.Regex.Match(detail, @"(error|warning) ((CS|BP)\d{4})") is { Success: true } match ? match.Groups[2].Value : null;

        /// <summary>Edits that make a program smaller: each applies itself and returns its undo, or null if stale.</summary>
        private static IEnumerable<Func<Action?>> Candidates(FuzzProgram program)
        {
            // Whole helpers.
            foreach (FMethod method in program.Methods.Where(m => !m.Signature.Contains(" F(", StringComparison.Ordinal)))
            {
                yield return () =>
                {
                    int index = program.Methods.IndexOf(method);
                    if (index < 0)
                    {
                        return null;
                    }

                    program.Methods.RemoveAt(index);
                    return () => program.Methods.Insert(index, method);
                };
            }

            foreach (FMethod method in program.Methods)
            {
                foreach (List<FStmt> block in Blocks(method.Body))
                {
                    for (int s = block.Count - 1; s >= 0; s--)
                    {
                        FStmt stmt = block[s];
                        if ((stmt is FLine { IsReturn: true } && block == method.Body && s == block.Count - 1) || stmt is FLine { IsEssential: true })
                        {
                            continue;
                        }

                        // Delete the statement, or replace a branch or loop by its body.
                        yield return () =>
                        {
                            int index = block.IndexOf(stmt);
                            if (index < 0)
                            {
                                return null;
                            }

                            block.RemoveAt(index);
                            return () => block.Insert(index, stmt);
                        };

                        if (stmt is FIf or FFor)
                        {
                            yield return () =>
                            {
                                int index = block.IndexOf(stmt);
                                if (index < 0)
                                {
                                    return null;
                                }

                                List<FStmt> inner = stmt is FIf i ? i.Then : ((FFor)stmt).Body;
                                block.RemoveAt(index);
                                block.InsertRange(index, inner);
                                return () =>
                                {
                                    block.RemoveRange(index, inner.Count);
                                    block.Insert(index, stmt);
                                };
                            };
                        }

                        if (stmt is FIf { Else: not null } withElse)
                        {
                            yield return () =>
                            {
                                List<FStmt>? otherwise = withElse.Else;
                                if (otherwise is null)
                                {
                                    return null;
                                }

                                withElse.Else = null;
                                return () => withElse.Else = otherwise;
                            };
                        }
                    }
                }
            }

            // Subexpressions: replace an operand by a constant or by one of its own operands.
            foreach (FMethod method in program.Methods)
            {
                foreach (FExpr root in Blocks(method.Body).SelectMany(b => b).SelectMany(s => s.Expressions).ToList())
                {
                    foreach (FExpr parent in Descendants(root).ToList())
                    {
                        for (int k = 0; k < parent.Operands.Length; k++)
                        {
                            int slot = k;
                            FExpr original = parent.Operands[slot];
                            if (original.Kind != FKind.Double)
                            {
                                continue;
                            }

                            foreach (FExpr replacement in new[] { FExpr.Number(0.5) }.Concat(original.Operands.Where(o => o.Kind == FKind.Double)))
                            {
                                yield return () =>
                                {
                                    if (parent.Operands[slot] != original)
                                    {
                                        return null;
                                    }

                                    parent.Operands[slot] = replacement;
                                    return () => parent.Operands[slot] = original;
                                };
                            }
                        }
                    }
                }
            }
        }

        private static IEnumerable<List<FStmt>> Blocks(List<FStmt> block)
        {
            yield return block;
            foreach (FStmt stmt in block)
            {
                foreach (List<FStmt> nested in stmt.Blocks)
                {
                    foreach (List<FStmt> inner in Blocks(nested))
                    {
                        yield return inner;
                    }
                }
            }
        }

        private static IEnumerable<FExpr> Descendants(FExpr expr)
        {
            yield return expr;
            foreach (FExpr operand in expr.Operands)
            {
                foreach (FExpr inner in Descendants(operand))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Counts of a fuzzing run, safe to update from parallel batches.</summary>
    public sealed class FuzzCounters
    {
        private readonly object _gate = new object();
        private readonly Dictionary<FailureKind, int> _failures = new Dictionary<FailureKind, int>();

        public int Programs { get; private set; }

        /// <summary>Gradient components compared with finite differences.</summary>
        public long Coordinates { get; private set; }

        /// <summary>Components of magnitude above 1e-3: how much of the gradient the programs really exercise.</summary>
        public long NonzeroCoordinates { get; private set; }

        /// <summary>Components that agreed only with a smaller finite-difference step (a kink near the point).</summary>
        public long KinkRetries { get; private set; }

        public void AddCoordinate(bool nonzero, bool retried)
        {
            lock (_gate)
            {
                Coordinates++;
                NonzeroCoordinates += nonzero ? 1 : 0;
                KinkRetries += retried ? 1 : 0;
            }
        }

        public int this[FailureKind kind]
        {
            get
            {
                lock (_gate)
                {
                    return _failures.TryGetValue(kind, out int count) ? count : 0;
                }
            }
        }

        public int TotalFailures
        {
            get
            {
                lock (_gate)
                {
                    return _failures.Values.Sum();
                }
            }
        }

        public void Add(int programs, IEnumerable<FuzzFailure> failures)
        {
            lock (_gate)
            {
                Programs += programs;
                foreach (FuzzFailure failure in failures)
                {
                    _failures[failure.Kind] = (_failures.TryGetValue(failure.Kind, out int count) ? count : 0) + 1;
                }
            }
        }

        /// <summary>How much the programs exercised, for the test output.</summary>
        public string Coverage => string.Format(
            CultureInfo.InvariantCulture,
            "{0} gradient components compared, {1} of them above 1e-3 in magnitude, {2} agreeing only at a smaller step (kinks)",
            Coordinates,
            NonzeroCoordinates,
            KinkRetries);

        public override string ToString()
            => string.Format(
                CultureInfo.InvariantCulture,
                "programs {0}, generator exceptions {1}, rejected {2}, compile failures {3}, generated-code warnings {4}, gradient exceptions {5}, mismatches {6}, invalid programs {7}",
                Programs,
                this[FailureKind.GeneratorException],
                this[FailureKind.Rejected],
                this[FailureKind.CompileFailure],
                this[FailureKind.GeneratedWarning],
                this[FailureKind.GradientException],
                this[FailureKind.Mismatch],
                this[FailureKind.InvalidProgram]);
    }
}
