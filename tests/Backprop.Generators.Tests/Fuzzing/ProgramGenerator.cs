using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Backprop.Tests.Fuzzing
{
    /// <summary>
    /// Writes random, valid <c>[Differentiable]</c> programs from a seed: scalar and array parameters (arrays,
    /// spans, <c>[NoDerivative]</c> ones), locals and local arrays that are overwritten, nested loops and branches,
    /// early returns, scalar and vector-valued helpers calling each other, and every supported Math function on its
    /// safe domain.
    /// </summary>
    /// <remarks>
    /// <para>Values stay well conditioned by construction: every expression carries an estimate of its magnitude,
    /// and one that would grow too large is scaled down or squashed (tanh, sin) before it is stored. Bounded locals
    /// hold at most <see cref="Cap"/>; accumulators (<c>+=</c> in loops) at most about <see cref="AccumulatorCap"/>.
    /// Logarithms, square roots and powers with a varying exponent only see arguments bounded away from zero,
    /// and tangents only see arguments below 1.2 in magnitude.</para>
    /// <para>Kinks (Abs, Max, Min, branches on varying values, the piecewise-constant functions) are allowed; the
    /// harness tells a kink from a wrong gradient by shrinking the finite-difference step.</para>
    /// </remarks>
    public sealed class ProgramGenerator
    {
        /// <summary>The largest magnitude a bounded local holds.</summary>
        public const double Cap = 3;

        /// <summary>The magnitude an accumulator is assumed to reach.</summary>
        public const double AccumulatorCap = 30;

        private static readonly string[] s_indexCounters = { "i", "j", "k", "l" };

        private readonly Random _random;
        private readonly int _length;
        private readonly List<HelperInfo> _helpers = new List<HelperInfo>();
        private readonly List<VoidHelperInfo> _voidHelpers = new List<VoidHelperInfo>();
        private Context _context = null!;
        private bool _hasRecursiveHelper;

        private ProgramGenerator(int seed)
        {
            _random = new Random(seed);
            _length = 1 + _random.Next(5);
        }

        private enum VarClass
        {
            Bounded,
            Accumulator,

            /// <summary>A [NoDerivative] parameter: read-only, and a constant for differentiation.</summary>
            ReadOnly,

            /// <summary>An <c>in</c> parameter: read-only, but differentiable.</summary>
            Fixed,
        }

        /// <summary>Writes the program of one seed.</summary>
        public static FuzzProgram Generate(int seed) => new ProgramGenerator(seed).Build(seed);

        private FuzzProgram Build(int seed)
        {
            var methods = new List<FMethod>();

            // Non-differentiable helpers: constants for differentiation, called with int or [NoDerivative] arguments.
            // Marked [Pure] in even seeds; in odd ones the generator finds them pure from their bodies.
            string pure = seed % 2 == 0 ? "[System.Diagnostics.Contracts.Pure] " : string.Empty;
            methods.Add(new FMethod(pure + "public static double Cst(int m)", false, new List<FStmt> { new FLine("return 0.25 * m - 0.5;") }));
            methods.Add(new FMethod(pure + "public static double Cst2(double z)", false, new List<FStmt> { new FLine("return z * z + 0.5;") }));

            int scalarHelpers = _random.Next(3);
            for (int h = 0; h < scalarHelpers; h++)
            {
                methods.Add(ScalarHelper(h));
            }

            if (Chance(0.3))
            {
                // Recursion through the pullback: R calls itself a few times, the derivative flows through every level.
                _hasRecursiveHelper = true;
                methods.Add(new FMethod("public static double R(double u, int m)", true, new List<FStmt>
                {
                    new FLine("return m <= 0 ? u : Math.Tanh(0.5 * R(u, m - 1) + u * {0});", FExpr.Number(RandomConstant())),
                }));
            }

            int voidHelpers = _random.Next(3) == 0 ? 0 : 1 + _random.Next(2);
            for (int h = 0; h < voidHelpers; h++)
            {
                methods.Add(VoidHelper(h));
            }

            var parameters = new List<FParam>();
            int arrays = Chance(0.8) ? 1 + _random.Next(2) : 0;
            int scalars = _random.Next(3);
            if (arrays + scalars == 0)
            {
                scalars = 1;
            }

            string[] arrayNames = { "a", "b" };
            for (int k = 0; k < arrays; k++)
            {
                string type = Pick("double[]", "double[]", "ReadOnlySpan<double>", "Span<double>");
                parameters.Add(new FParam(arrayNames[k], type, FParamKind.Array));
            }

            string[] scalarNames = { "p", "q" };
            for (int k = 0; k < scalars; k++)
            {
                parameters.Add(new FParam(scalarNames[k], Chance(0.2) ? "in double" : "double", FParamKind.Scalar));
            }

            if (Chance(0.4))
            {
                parameters.Add(new FParam("c", Pick("double[]", "ReadOnlySpan<double>"), FParamKind.ConstantArray));
            }

            if (Chance(0.4))
            {
                parameters.Add(new FParam("r", "double", FParamKind.ConstantScalar));
            }

            bool hasN = Chance(0.6);
            if (hasN)
            {
                parameters.Add(new FParam("n", "int", FParamKind.Length));
            }

            // Shuffle the order a little: gradient parameters follow the declaration order.
            if (Chance(0.3))
            {
                parameters.Reverse();
            }

            _context = new Context(isVoid: false, hasN ? "n" : null);
            foreach (FParam parameter in parameters)
            {
                switch (parameter.Kind)
                {
                    case FParamKind.Array:
                        _context.Arrays.Add(new ArrayInfo(parameter.Name, VarClass.ReadOnly, parameter.Type));
                        break;
                    case FParamKind.ConstantArray:
                        _context.Arrays.Add(new ArrayInfo(parameter.Name, VarClass.ReadOnly, parameter.Type));
                        break;
                    case FParamKind.Scalar:
                        _context.Scalars.Add(new ScalarInfo(parameter.Name, parameter.Type.StartsWith("in ", StringComparison.Ordinal) ? VarClass.Fixed : VarClass.Bounded));
                        break;
                    case FParamKind.ConstantScalar:
                        _context.Scalars.Add(new ScalarInfo(parameter.Name, VarClass.ReadOnly));
                        break;
                }
            }

            string signature = "public static double F(" + string.Join(", ", parameters.Select(p => p.Declaration)) + ")";
            List<FStmt> body = MethodBody(statements: 3 + _random.Next(8), allowArrays: true);
            methods.Add(new FMethod(signature, true, body));

            var inputs = new List<double[]>();
            var constants = new List<double[]>();
            foreach (FParam parameter in parameters)
            {
                int count = parameter.Kind is FParamKind.Array or FParamKind.ConstantArray ? _length : 1;
                double[] values = Enumerable.Range(0, count).Select(_ => Math.Round(-1.5 + (3 * _random.NextDouble()), 6)).ToArray();
                if (parameter.Kind is FParamKind.Array or FParamKind.Scalar)
                {
                    inputs.Add(values);
                }
                else if (parameter.Kind is FParamKind.ConstantArray or FParamKind.ConstantScalar)
                {
                    constants.Add(values);
                }
            }

            return new FuzzProgram(seed, $"P{seed.ToString(CultureInfo.InvariantCulture).Replace('-', 'm')}", _length, methods, parameters, inputs, constants);
        }

        // ------------------------------------------------------------------ helpers

        private FMethod ScalarHelper(int index)
        {
            var parameters = new List<string> { "double u", "double v" };
            _context = new Context(isVoid: false, lengthName: null) { IsHelper = true, HelperIndex = index };
            _context.Scalars.Add(new ScalarInfo("u", VarClass.Bounded));
            _context.Scalars.Add(new ScalarInfo("v", VarClass.Bounded));
            bool hasW = Chance(0.3);
            bool hasM = Chance(0.3);
            string? arrayType = Chance(0.35) ? Pick("double[]", "ReadOnlySpan<double>") : null;
            if (hasW)
            {
                parameters.Add("[NoDerivative] double w");
                _context.Scalars.Add(new ScalarInfo("w", VarClass.ReadOnly));
            }

            if (hasM)
            {
                parameters.Add("int m");
                _context.Ints.Add("m");
            }

            if (arrayType is not null)
            {
                parameters.Add(arrayType + " z");
                _context.Arrays.Add(new ArrayInfo("z", VarClass.ReadOnly, arrayType));
            }

            string name = "H" + index.ToString(CultureInfo.InvariantCulture);
            List<FStmt> body = MethodBody(statements: _random.Next(4), allowArrays: false, returnCap: Cap);
            var info = new HelperInfo(name, hasW, hasM, arrayType);
            _helpers.Add(info);
            return new FMethod($"public static double {name}({string.Join(", ", parameters)})", true, body);
        }

        private FMethod VoidHelper(int index)
        {
            string xType = Pick("double[]", "ReadOnlySpan<double>", "Span<double>", "ReadOnlySpan<double>");
            string yType = Pick("double[]", "Span<double>");
            bool hasS = Chance(0.5);
            _context = new Context(isVoid: true, lengthName: null) { IsHelper = true, HelperIndex = _helpers.Count };
            _context.Arrays.Add(new ArrayInfo("x", VarClass.ReadOnly, xType));
            _context.Arrays.Add(new ArrayInfo("y", VarClass.Accumulator, yType));
            var parameters = new List<string> { xType + " x", yType + " y" };
            if (hasS)
            {
                parameters.Add("double s");
                _context.Scalars.Add(new ScalarInfo("s", VarClass.Bounded));
            }

            List<FStmt> body = Block(1 + _random.Next(3), depth: 0);

            // Always write y, reading its old values, so the helper is vector-valued.
            string i = s_indexCounters[0];
            _context.Counters.Add(new CounterInfo(i, true));
            FExpr update = Bounded(Expression(2), Cap);
            _context.Counters.RemoveAt(_context.Counters.Count - 1);
            body.Add(new FFor($"for (int {i} = 0; {i} < y.Length; {i}++)", new List<FStmt> { new FLine($"y[{i}] = {{0}};", update) }));

            string name = "V" + index.ToString(CultureInfo.InvariantCulture);
            _voidHelpers.Add(new VoidHelperInfo(name, xType, yType, hasS));
            return new FMethod($"public static void {name}({string.Join(", ", parameters)})", true, body);
        }

        // ------------------------------------------------------------------ statements

        private List<FStmt> MethodBody(int statements, bool allowArrays, double returnCap = double.PositiveInfinity)
        {
            var body = new List<FStmt>();
            for (int s = 0; s < statements; s++)
            {
                if (allowArrays && Chance(0.3))
                {
                    body.Add(DeclareArray());
                    if (Chance(0.7))
                    {
                        body.Add(FillArray(_context.Arrays[_context.Arrays.Count - 1].Name));
                    }
                }

                body.Add(Statement(depth: 0));
            }

            FExpr result = ResultExpression();
            body.Add(new FLine("return {0};", returnCap < double.PositiveInfinity ? Bounded(result, returnCap) : result));
            return body;
        }

        private FExpr ResultExpression()
        {
            // Several live values, so that most of what the method computed reaches its result.
            var terms = new List<FExpr>();
            foreach (ScalarInfo scalar in _context.Scalars.Where(s => Chance(0.7)))
            {
                terms.Add(Bounded(FExpr.Var(scalar.Name, BoundOf(scalar)), AccumulatorCap));
            }

            foreach (ArrayInfo array in _context.Arrays.Where(a => Chance(0.5)))
            {
                terms.Add(Bounded(new FExpr(FKind.Double, BoundOf(array), $"{array.Name}[{_random.Next(_length)}]"), AccumulatorCap));
            }

            terms.Add(Expression(2));
            FExpr sum = terms[0];
            for (int t = 1; t < terms.Count; t++)
            {
                sum = Chance(0.7)
                    ? new FExpr(FKind.Double, sum.Bound + terms[t].Bound, "{0} + {1}", sum, terms[t])
                    : Product(sum, terms[t]);
            }

            return sum;
        }

        private List<FStmt> Block(int statements, int depth)
        {
            int scalars = _context.Scalars.Count;
            var block = new List<FStmt>();
            for (int s = 0; s < statements; s++)
            {
                block.Add(Statement(depth));
            }

            // Locals declared in the block go out of scope with it.
            _context.Scalars.RemoveRange(scalars, _context.Scalars.Count - scalars);
            return block;
        }

        private FStmt Statement(int depth)
        {
            while (true)
            {
                switch (_random.Next(16))
                {
                    case 0:
                    case 1:
                        return DeclareScalar();
                    case 2:
                    case 3:
                        if (AssignScalar() is FStmt assign)
                        {
                            return assign;
                        }

                        break;
                    case 4:
                    case 5:
                        if (WriteElement() is FStmt write)
                        {
                            return write;
                        }

                        break;
                    case 6:
                    case 7:
                        if (depth < 3)
                        {
                            return Loop(depth);
                        }

                        break;
                    case 8:
                    case 9:
                        if (depth < 3)
                        {
                            return Branch(depth);
                        }

                        break;
                    case 10:
                        if (CallVoidHelper() is FStmt call)
                        {
                            return call;
                        }

                        break;
                    case 11:
                        if (Reduction() is FStmt reduction)
                        {
                            return reduction;
                        }

                        break;
                    case 12:
                        if (depth < 3)
                        {
                            return WhileLoop(depth);
                        }

                        break;
                    case 13:
                        if (depth < 3)
                        {
                            return Switch(depth);
                        }

                        break;
                    default:
                        if (AssignScalar() is FStmt other)
                        {
                            return other;
                        }

                        return DeclareScalar();
                }
            }
        }

        /// <summary>An accumulator summed over an array, as in a dot product or a loss over examples.</summary>
        private FStmt? Reduction()
        {
            ScalarInfo[] accumulators = _context.Scalars.Where(v => v.Class == VarClass.Accumulator).ToArray();
            if (accumulators.Length == 0 || _context.Arrays.Count == 0 || _context.Counters.Any(c => c.Name == s_indexCounters[0]))
            {
                return null;
            }

            ScalarInfo target = accumulators[_random.Next(accumulators.Length)];
            ArrayInfo array = _context.Arrays[_random.Next(_context.Arrays.Count)];
            string i = s_indexCounters[0];
            var counter = new CounterInfo(i, true);
            _context.Counters.Add(counter);
            _context.LoopDepth++;
            FExpr element = new FExpr(FKind.Double, BoundOf(array), $"{array.Name}[{i}]");
            FExpr term = Chance(0.5) ? Product(element, Bounded(Expression(2), Cap)) : Bounded(Expression(2), Cap);
            _context.LoopDepth--;
            _context.Counters.Remove(counter);
            return new FFor($"for (int {i} = 0; {i} < {array.Name}.Length; {i}++)", new List<FStmt> { new FLine($"{target.Name} += {{0}};", Bounded(term, Cap)) });
        }

        private FStmt DeclareScalar()
        {
            bool accumulator = Chance(0.4);
            string name = _context.NewName(accumulator ? "acc" : "v");
            FExpr value = accumulator && Chance(0.5) ? FExpr.Number(0) : Bounded(Expression(2 + _random.Next(2)), Cap);
            _context.Scalars.Add(new ScalarInfo(name, accumulator ? VarClass.Accumulator : VarClass.Bounded));
            return new FLine($"double {name} = {{0}};", value);
        }

        private FStmt? AssignScalar()
        {
            ScalarInfo[] writable = _context.Scalars.Where(s => s.Class is VarClass.Bounded or VarClass.Accumulator).ToArray();
            if (writable.Length == 0)
            {
                return null;
            }

            ScalarInfo target = writable[_random.Next(writable.Length)];
            if (target.Class == VarClass.Bounded)
            {
                switch (_random.Next(4))
                {
                    case 0:
                        return new FLine($"{target.Name} *= {{0}};", Factor());
                    case 1:
                        return new FLine($"{target.Name} /= {{0}};", Divisor());
                    default:
                        return new FLine($"{target.Name} = {{0}};", Bounded(Expression(2 + _random.Next(2)), Cap));
                }
            }

            switch (_random.Next(7))
            {
                case 0:
                    return new FLine($"{target.Name}++;");
                case 1:
                    return new FLine($"{target.Name}--;");
                case 2:
                    return new FLine($"{target.Name} -= {{0}};", Bounded(Expression(2), Cap));
                case 3:
                    return new FLine($"{target.Name} *= {{0}};", Factor());
                case 4:
                    return new FLine($"{target.Name} = {{0}};", Bounded(Expression(2), Cap));
                default:
                    return new FLine($"{target.Name} += {{0}};", Bounded(Expression(2 + _random.Next(2)), Cap));
            }
        }

        private FStmt? WriteElement()
        {
            ArrayInfo[] writable = _context.Arrays.Where(a => a.Class != VarClass.ReadOnly).ToArray();
            if (writable.Length == 0)
            {
                return null;
            }

            ArrayInfo target = writable[_random.Next(writable.Length)];
            string element = $"{target.Name}[{Index(target)}]";
            if (target.Class == VarClass.Bounded)
            {
                switch (_random.Next(4))
                {
                    case 0:
                        return new FLine($"{element} *= {{0}};", Factor());
                    case 1:
                        return new FLine($"{element} /= {{0}};", Divisor());
                    default:
                        return new FLine($"{element} = {{0}};", Bounded(Expression(2 + _random.Next(2)), Cap));
                }
            }

            switch (_random.Next(6))
            {
                case 0:
                    return new FLine($"{element}++;");
                case 1:
                    return new FLine($"{element} -= {{0}};", Bounded(Expression(2), Cap));
                case 2:
                    return new FLine($"{element} = {{0}};", Bounded(Expression(2), Cap));
                case 3:
                    return new FLine($"{element} *= {{0}};", Factor());
                default:
                    return new FLine($"{element} += {{0}};", Bounded(Expression(2 + _random.Next(2)), Cap));
            }
        }

        private FStmt DeclareArray()
        {
            string name = _context.NewName("h");
            string length = Pick(_context.LengthName ?? _length.ToString(CultureInfo.InvariantCulture), _length.ToString(CultureInfo.InvariantCulture), LengthOfSomeArray() ?? _length.ToString(CultureInfo.InvariantCulture));
            VarClass kind = Chance(0.5) ? VarClass.Bounded : VarClass.Accumulator;
            if (Chance(0.3))
            {
                _context.Arrays.Add(new ArrayInfo(name, kind, "Span<double>"));
                return new FLine($"Span<double> {name} = stackalloc double[{length}];");
            }

            _context.Arrays.Add(new ArrayInfo(name, kind, "double[]"));
            return new FLine($"double[] {name} = new double[{length}];");
        }

        /// <summary>A loop that fills a local array from the inputs, as real code does after declaring one.</summary>
        private FStmt FillArray(string name)
        {
            string i = s_indexCounters[0];
            var counter = new CounterInfo(i, true);
            _context.Counters.Add(counter);
            _context.LoopDepth++;
            FExpr value = Bounded(Expression(2 + _random.Next(2)), Cap);
            _context.LoopDepth--;
            _context.Counters.Remove(counter);
            return new FFor($"for (int {i} = 0; {i} < {name}.Length; {i}++)", new List<FStmt> { new FLine($"{name}[{i}] = {{0}};", value) });
        }

        private FStmt Loop(int depth)
        {
            int loops = _context.Counters.Count(c => c.IsIndex);
            bool index = loops < s_indexCounters.Length && Chance(0.75);
            string header;
            CounterInfo counter;
            if (index)
            {
                string i = s_indexCounters[loops];
                string length = LengthExpression();
                CounterInfo? outer = _context.Counters.LastOrDefault(c => c.IsIndex);
                switch (_random.Next(6))
                {
                    case 0:
                        header = $"for (int {i} = {length} - 1; {i} >= 0; {i}--)";
                        break;
                    case 1:
                        header = $"for (int {i} = 0; {i} <= {length} - 1; {i}++)";
                        break;
                    case 2:
                        header = $"for (int {i} = {length} - 1; {i} > -1; {i}--)";
                        break;
                    case 3 when outer is not null:
                        // A triangular loop, bounded by the outer counter.
                        header = Chance(0.5) ? $"for (int {i} = {outer.Name}; {i} < {length}; {i}++)" : $"for (int {i} = 0; {i} <= {outer.Name}; {i}++)";
                        break;
                    default:
                        header = $"for (int {i} = 0; {i} < {length}; {i}++)";
                        break;
                }

                counter = new CounterInfo(i, true);
            }
            else
            {
                string t = "t" + depth.ToString(CultureInfo.InvariantCulture);
                int count = 1 + _random.Next(3);
                header = Chance(0.5) ? $"for (int {t} = 0; {t} < {count}; {t}++)" : $"for (int {t} = {count}; {t} > 0; {t}--)";
                counter = new CounterInfo(t, false);
            }

            _context.Counters.Add(counter);
            _context.LoopDepth++;
            _context.Breakable.Add("loop");
            List<FStmt> body = Block(1 + _random.Next(3), depth + 1);
            _context.Breakable.RemoveAt(_context.Breakable.Count - 1);
            _context.LoopDepth--;
            _context.Counters.Remove(counter);
            return new FFor(header, body);
        }

        /// <summary>
        /// A while or do loop with a data-dependent condition, bounded by a counter that the body increments first
        /// (so that a continue cannot skip it): <c>int w = 0; while (w &lt; 3 &amp;&amp; cond) { w++; … }</c>.
        /// </summary>
        private FStmt WhileLoop(int depth)
        {
            string w = _context.NewName("w");
            int count = 1 + _random.Next(3);
            var guard = new FExpr(FKind.Bool, 1, $"{w} < {count} && ({{0}})", Condition(1));
            _context.LoopDepth++;
            _context.Breakable.Add("loop");
            var body = new List<FStmt> { new FLine($"{w}++;") { IsEssential = true } };
            body.AddRange(Block(1 + _random.Next(3), depth + 1));
            _context.Breakable.RemoveAt(_context.Breakable.Count - 1);
            _context.LoopDepth--;
            return new FSequence(new List<FStmt> { new FLine($"int {w} = 0;"), new FWhile(guard, body, isDo: Chance(0.4)) });
        }

        /// <summary>A switch on a small int: a counter, the length, or a value rounded down (data-dependent).</summary>
        private FStmt Switch(int depth)
        {
            var selectors = new List<FExpr> { new FExpr(FKind.Int, 3, "(int)Math.Floor({0}) % 3", Scaled(Expression(2), 2.5)) };
            selectors.AddRange(_context.Counters.Select(c => FExpr.Int($"{c.Name} % 3", 2)));
            if (_context.LengthName is not null)
            {
                selectors.Add(FExpr.Int(_context.LengthName, 5));
            }

            FExpr selector = selectors[_random.Next(selectors.Count)];
            var labels = new List<string> { "case 0", Pick("case 1", "case -1", "case 2"), };
            if (Chance(0.6))
            {
                labels.Add("default");
            }

            _context.Breakable.Add("switch");
            List<(string, List<FStmt>)> sections = labels.Distinct().Select(label => (label, Block(1 + _random.Next(2), depth + 1))).ToList();
            _context.Breakable.RemoveAt(_context.Breakable.Count - 1);
            return new FSwitch(selector, sections);
        }

        private FStmt Branch(int depth)
        {
            FExpr condition = Condition(2);
            List<FStmt> then = Block(1 + _random.Next(2), depth + 1);
            if (_context.Breakable.Count > 0 && _context.Breakable[_context.Breakable.Count - 1] == "loop" && Chance(0.3))
            {
                // Leave the loop early, or skip the rest of this iteration.
                then.Add(new FLine(Chance(0.5) ? "break;" : "continue;"));
            }
            else if (!_context.IsVoid && Chance(_context.LoopDepth == 0 ? 0.2 : 0.1))
            {
                // An early return, which lowering turns into a branch around the rest of the method.
                FExpr value = ResultExpression();
                then.Add(new FLine("return {0};", _context.IsHelper ? Bounded(value, Cap) : value));
            }

            List<FStmt>? otherwise = Chance(0.5) ? Block(1 + _random.Next(2), depth + 1) : null;
            return new FIf(condition, then, otherwise);
        }

        private FStmt? CallVoidHelper()
        {
            if (_voidHelpers.Count == 0 || _context.IsVoid)
            {
                return null;
            }

            VoidHelperInfo helper = _voidHelpers[_random.Next(_voidHelpers.Count)];
            ArrayInfo[] outputs = _context.Arrays.Where(a => a.Class != VarClass.ReadOnly && Fits(a, helper.YType)).ToArray();
            if (outputs.Length == 0)
            {
                return null;
            }

            ArrayInfo y = outputs[_random.Next(outputs.Length)];

            // Inputs: any other array the parameter type accepts; a parameter array only where the helper cannot write
            // it (a ReadOnlySpan), since a method that returns a value may not write its parameters.
            ArrayInfo[] inputs = _context.Arrays.Where(a => a.Name != y.Name && Fits(a, helper.XType) && (a.Class != VarClass.ReadOnly || helper.XType == "ReadOnlySpan<double>")).ToArray();
            if (inputs.Length == 0)
            {
                return null;
            }

            ArrayInfo x = inputs[_random.Next(inputs.Length)];
            y.Class = VarClass.Accumulator;
            return helper.HasS
                ? new FLine($"{helper.Name}({x.Name}, {y.Name}, {{0}});", Bounded(Expression(2), Cap))
                : new FLine($"{helper.Name}({x.Name}, {y.Name});");
        }

        private static bool Fits(ArrayInfo array, string parameterType) => parameterType switch
        {
            "double[]" => array.Type == "double[]",
            "Span<double>" => array.Type is "double[]" or "Span<double>",
            _ => true,
        };

        // ------------------------------------------------------------------ expressions

        private FExpr Expression(int depth)
        {
            if (depth <= 0 || Chance(0.2))
            {
                return Leaf();
            }

            switch (_random.Next(20))
            {
                case 0:
                case 1:
                    {
                        FExpr left = Expression(depth - 1), right = Expression(depth - 1);
                        return new FExpr(FKind.Double, left.Bound + right.Bound, Chance(0.5) ? "{0} + {1}" : "{0} - {1}", Parenthesized(left), Parenthesized(right));
                    }

                case 2:
                case 3:
                    return Product(Expression(depth - 1), Expression(depth - 1));
                case 4:
                    {
                        FExpr numerator = Expression(depth - 1);
                        FExpr denominator = Denominator();
                        return new FExpr(FKind.Double, numerator.Bound / MinOf(denominator), "{0} / {1}", Parenthesized(numerator), denominator);
                    }

                case 5:
                    {
                        FExpr operand = Expression(depth - 1);
                        return new FExpr(FKind.Double, operand.Bound, "-{0}", Parenthesized(operand));
                    }

                case 6:
                    {
                        FExpr condition = Condition(depth - 1);
                        FExpr whenTrue = Expression(depth - 1), whenFalse = Expression(depth - 1);
                        return new FExpr(FKind.Double, Math.Max(whenTrue.Bound, whenFalse.Bound), "({0} ? {1} : {2})", condition, whenTrue, whenFalse);
                    }

                case 7:
                    if (CallHelper(depth) is FExpr call)
                    {
                        return call;
                    }

                    return Leaf();
                default:
                    return MathCall(depth);
            }
        }

        private FExpr MathCall(int depth)
        {
            FExpr operand = Expression(depth - 1);

            // The piecewise-constant functions (12 and up) cut derivatives: pick them a quarter as often.
            int choice = _random.Next(12);
            if (choice == 11 && Chance(0.5))
            {
                choice = 12 + _random.Next(5);
            }

            switch (choice)
            {
                case 0:
                    {
                        FExpr argument = Scaled(operand, 2);
                        return new FExpr(FKind.Double, Math.Exp(argument.Bound), "Math.Exp({0})", argument);
                    }

                case 1:
                    {
                        FExpr positive = Positive(operand);
                        return new FExpr(FKind.Double, Math.Max(Math.Abs(Math.Log(MaxOf(positive))), Math.Abs(Math.Log(MinOf(positive)))), "Math.Log({0})", positive);
                    }

                case 2:
                    {
                        FExpr positive = Positive(operand);
                        return new FExpr(FKind.Double, Math.Sqrt(MaxOf(positive)), "Math.Sqrt({0})", positive);
                    }

                case 3:
                    {
                        // A positive base and a bounded exponent that may vary.
                        FExpr basis = Positive(Scaled(operand, 1.5));
                        FExpr exponent = Chance(0.5) ? FExpr.Number(Pick(2.0, 3.0, 0.5, -1.0, 1.5, -0.5)) : Scaled(Expression(depth - 1), 2);
                        double bound = Math.Max(Math.Pow(MaxOf(basis), exponent.Bound), Math.Pow(1 / MinOf(basis), exponent.Bound));
                        return new FExpr(FKind.Double, bound, "Math.Pow({0}, {1})", basis, exponent);
                    }

                case 4:
                    {
                        // Any base with a whole exponent.
                        FExpr basis = Scaled(operand, 2);
                        int power = Chance(0.5) ? 2 : 3;
                        return new FExpr(FKind.Double, Math.Pow(basis.Bound, power), power == 2 ? "Math.Pow({0}, 2)" : "Math.Pow({0}, 3.0)", basis);
                    }

                case 5:
                    return new FExpr(FKind.Double, 1, "Math.Sin({0})", operand);
                case 6:
                    return new FExpr(FKind.Double, 1, "Math.Cos({0})", operand);
                case 7:
                    {
                        FExpr argument = Scaled(operand, 1.2);
                        return new FExpr(FKind.Double, Math.Tan(Math.Min(argument.Bound, 1.2)), "Math.Tan({0})", argument);
                    }

                case 8:
                    return new FExpr(FKind.Double, 1, "Math.Tanh({0})", operand);
                case 9:
                    return new FExpr(FKind.Double, operand.Bound, "Math.Abs({0})", operand);
                case 10 when Chance(0.5):
                    return MoreMath(operand, depth);
                case 10:
                    {
                        FExpr other = Expression(depth - 1);
                        return new FExpr(FKind.Double, Math.Max(operand.Bound, other.Bound), "Math.Max({0}, {1})", operand, other);
                    }

                case 11:
                    {
                        FExpr other = Expression(depth - 1);
                        return new FExpr(FKind.Double, Math.Max(operand.Bound, other.Bound), "Math.Min({0}, {1})", operand, other);
                    }

                case 12:
                    // Math.Sign returns an int: convert it, or Math.Floor(Math.Sign(x)) would be ambiguous.
                    return new FExpr(FKind.Double, 1, Pick("(double)Math.Sign({0})", "(Math.Sign({0}) * 0.5)"), operand);
                case 13:
                    return new FExpr(FKind.Double, operand.Bound + 1, "Math.Floor({0})", operand);
                case 14:
                    return new FExpr(FKind.Double, operand.Bound + 1, "Math.Ceiling({0})", operand);
                case 15:
                    return new FExpr(FKind.Double, operand.Bound + 1, "Math.Round({0})", operand);
                default:
                    return Chance(0.5)
                        ? new FExpr(FKind.Double, operand.Bound, "Math.Truncate({0})", operand)
                        : new FExpr(FKind.Double, operand.Bound, "(double)(int)({0})", operand);
            }
        }

        /// <summary>The rest of the math library, each on a domain kept away from its edges and poles.</summary>
        private FExpr MoreMath(FExpr operand, int depth)
        {
            switch (_random.Next(12))
            {
                case 0:
                    {
                        FExpr positive = Positive(operand);
                        return new FExpr(FKind.Double, Math.Abs(Math.Log10(MaxOf(positive))) + Math.Abs(Math.Log10(MinOf(positive))), "Math.Log10({0})", positive);
                    }

                case 1:
                    {
                        FExpr positive = Positive(operand);
                        return new FExpr(FKind.Double, Math.Abs(Math.Log2(MaxOf(positive))) + Math.Abs(Math.Log2(MinOf(positive))), "Math.Log2({0})", positive);
                    }

                case 2:
                    {
                        // Log to a base kept above 1.5, so that ln(base) is bounded away from zero.
                        FExpr positive = Positive(operand);
                        FExpr basis = new FExpr(FKind.Double, 3, "(2 + Math.Tanh({0}))", Expression(depth - 1));
                        return new FExpr(FKind.Double, (Math.Abs(Math.Log(MaxOf(positive))) + Math.Abs(Math.Log(MinOf(positive)))) / Math.Log(1.5), "Math.Log({0}, {1})", positive, basis);
                    }

                case 3:
                    {
                        FExpr positive = Positive(operand);
                        return new FExpr(FKind.Double, Math.Cbrt(MaxOf(positive)), "Math.Cbrt({0})", positive);
                    }

                case 4:
                    return new FExpr(FKind.Double, 1.2, Pick("Math.Asin(0.9 * Math.Tanh({0}))", "Math.Acos(0.9 * Math.Tanh({0}))", "Math.Atanh(0.9 * Math.Tanh({0}))"), operand);
                case 5:
                    return new FExpr(FKind.Double, 1.6, "Math.Atan({0})", operand);
                case 6:
                    {
                        // Atan2 away from the origin and the branch cut: x stays positive.
                        FExpr positive = Positive(Expression(depth - 1));
                        return new FExpr(FKind.Double, 1.6, "Math.Atan2({0}, {1})", operand, positive);
                    }

                case 7:
                    {
                        FExpr argument = Scaled(operand, 2);
                        return new FExpr(FKind.Double, Math.Cosh(Math.Min(argument.Bound, 2)), Pick("Math.Sinh({0})", "Math.Cosh({0})"), argument);
                    }

                case 8:
                    return new FExpr(FKind.Double, Math.Asinh(operand.Bound), "Math.Asinh({0})", operand);
                case 9:
                    {
                        FExpr positive = Positive(operand);
                        return new FExpr(FKind.Double, Math.Acosh(1 + MaxOf(positive)), "Math.Acosh(1 + {0})", positive);
                    }

                case 10:
                    {
                        // Clamp between two bounds that may vary, the lower one kept below the upper one.
                        FExpr lower = new FExpr(FKind.Double, 2, "(Math.Tanh({0}) - 1)", Expression(depth - 1));
                        FExpr upper = new FExpr(FKind.Double, 2, "(Math.Tanh({0}) + 1)", Expression(depth - 1));
                        return new FExpr(FKind.Double, 2, "Math.Clamp({0}, {1}, {2})", operand, lower, upper);
                    }

                default:
                    {
                        FExpr other = Expression(depth - 1);
                        FExpr addend = Expression(depth - 1);
                        return new FExpr(FKind.Double, (operand.Bound * other.Bound) + addend.Bound, "Math.FusedMultiplyAdd({0}, {1}, {2})", operand, other, addend);
                    }
            }
        }

        private FExpr? CallHelper(int depth)
        {
            if (_hasRecursiveHelper && !_context.IsHelper && Chance(0.3))
            {
                return new FExpr(FKind.Double, 1 + Cap, $"R({{0}}, {_random.Next(4)})", Bounded(Expression(depth - 1), Cap));
            }

            // A helper may call only helpers written before it, so calls never recurse.
            int available = _context.IsHelper ? _context.HelperIndex : _helpers.Count;
            if (available == 0)
            {
                return null;
            }

            HelperInfo helper = _helpers[_random.Next(available)];
            var arguments = new List<FExpr> { Bounded(Expression(depth - 1), Cap), Bounded(Expression(depth - 1), Cap) };
            var format = new List<string> { "{0}", "{1}" };
            if (helper.HasW)
            {
                ScalarInfo[] constants = _context.Scalars.Where(s => s.Class == VarClass.ReadOnly).ToArray();
                format.Add(constants.Length > 0 && Chance(0.5) ? constants[_random.Next(constants.Length)].Name : FExpr.Number(RandomConstant()).Render());
            }

            if (helper.HasM)
            {
                format.Add(IntExpression());
            }

            if (helper.ArrayType is not null)
            {
                ArrayInfo[] fitting = _context.Arrays.Where(a => Fits(a, helper.ArrayType)).ToArray();
                if (fitting.Length == 0)
                {
                    return null;
                }

                format.Add(fitting[_random.Next(fitting.Length)].Name);
            }

            return new FExpr(FKind.Double, Cap, $"{helper.Name}({string.Join(", ", format)})", arguments.ToArray());
        }

        private FExpr Leaf()
        {
            while (true)
            {
                switch (_random.Next(20))
                {
                    case < 8:
                        if (_context.Scalars.Count > 0)
                        {
                            ScalarInfo scalar = _context.Scalars[_random.Next(_context.Scalars.Count)];
                            return FExpr.Var(scalar.Name, BoundOf(scalar));
                        }

                        break;
                    case < 15:
                        if (_context.Arrays.Count > 0)
                        {
                            ArrayInfo array = _context.Arrays[_random.Next(_context.Arrays.Count)];
                            return new FExpr(FKind.Double, BoundOf(array), $"{array.Name}[{Index(array)}]");
                        }

                        break;
                    case < 17:
                        if (_context.Counters.Count > 0)
                        {
                            CounterInfo counter = _context.Counters[_random.Next(_context.Counters.Count)];
                            return Chance(0.5) ? new FExpr(FKind.Double, 0.5 * (_length + 3), $"{counter.Name} * 0.5") : new FExpr(FKind.Double, 0.25 * (_length + 3) + 0.5, $"Cst({counter.Name})");
                        }

                        break;
                    case 17:
                        {
                            ScalarInfo[] constants = _context.Scalars.Where(s => s.Class == VarClass.ReadOnly).ToArray();
                            if (constants.Length > 0 && Chance(0.5))
                            {
                                return new FExpr(FKind.Double, Cap * Cap + 0.5, $"Cst2({constants[_random.Next(constants.Length)].Name})");
                            }

                            return Chance(0.5) ? new FExpr(FKind.Double, Math.PI, "Math.PI") : new FExpr(FKind.Double, Math.E, "Math.E");
                        }

                    default:
                        return FExpr.Number(RandomConstant());
                }
            }
        }

        private FExpr Condition(int depth)
        {
            switch (_random.Next(8))
            {
                case 0:
                case 1:
                case 2:
                    {
                        FExpr left = Expression(depth), right = Chance(0.5) ? Expression(depth) : FExpr.Number(RandomConstant());
                        string op = Pick(">", "<", ">=", "<=");
                        return new FExpr(FKind.Bool, 1, "{0} " + op + " {1}", left, right);
                    }

                case 3:
                    if (_context.Counters.Count > 0)
                    {
                        CounterInfo counter = _context.Counters[_random.Next(_context.Counters.Count)];
                        return new FExpr(FKind.Bool, 1, Pick($"{counter.Name} % 2 == 0", $"{counter.Name} != 1", $"{counter.Name} < {IntExpression()}"));
                    }

                    goto case 0;
                case 4:
                    {
                        FExpr inner = Condition(depth - 1);
                        return new FExpr(FKind.Bool, 1, "!({0})", inner);
                    }

                case 5:
                    {
                        FExpr left = Condition(depth - 1), right = Condition(depth - 1);
                        return new FExpr(FKind.Bool, 1, Chance(0.5) ? "({0} && {1})" : "({0} || {1})", left, right);
                    }

                case 6:
                    if (_context.LengthName is not null)
                    {
                        return new FExpr(FKind.Bool, 1, $"{_context.LengthName} > {_random.Next(4)}");
                    }

                    goto case 0;
                default:
                    goto case 0;
            }
        }

        /// <summary>An int expression with a small value: counters, lengths, constants.</summary>
        private string IntExpression()
        {
            var choices = new List<string> { _random.Next(4).ToString(CultureInfo.InvariantCulture) };
            choices.AddRange(_context.Counters.Select(c => c.Name));
            choices.AddRange(_context.Ints);
            if (_context.LengthName is not null)
            {
                choices.Add(_context.LengthName);
            }

            return choices[_random.Next(choices.Count)];
        }

        /// <summary>An index that is in range for every array (all have the program's length).</summary>
        private string Index(ArrayInfo array)
        {
            var choices = new List<string> { _random.Next(_length).ToString(CultureInfo.InvariantCulture) };
            string length = _context.LengthName ?? array.Name + ".Length";
            foreach (CounterInfo counter in _context.Counters)
            {
                if (counter.IsIndex)
                {
                    choices.Add(counter.Name);
                    choices.Add(counter.Name);
                    choices.Add($"{length} - 1 - {counter.Name}");
                    choices.Add($"({counter.Name} + {1 + _random.Next(3)}) % {length}");
                    choices.Add($"{counter.Name} / 2");
                    choices.Add($"Math.Min({counter.Name} + 1, {length} - 1)");
                }
                else
                {
                    choices.Add($"{counter.Name} % {length}");
                }
            }

            return choices[_random.Next(choices.Count)];
        }

        private string LengthExpression()
        {
            var choices = new List<string> { _length.ToString(CultureInfo.InvariantCulture) };
            if (_context.LengthName is not null)
            {
                choices.Add(_context.LengthName);
                choices.Add(_context.LengthName);
            }

            if (LengthOfSomeArray() is string length)
            {
                choices.Add(length);
                choices.Add(length);
            }

            return choices[_random.Next(choices.Count)];
        }

        private string? LengthOfSomeArray()
            => _context.Arrays.Count == 0 ? null : _context.Arrays[_random.Next(_context.Arrays.Count)].Name + ".Length";

        /// <summary>A factor of magnitude at most 1, for <c>*=</c> on bounded values.</summary>
        private FExpr Factor()
        {
            switch (_random.Next(4))
            {
                case 0:
                    return FExpr.Number(Pick(0.9, -0.5, 0.75, 0.5));
                case 1:
                    return new FExpr(FKind.Double, 1, "Math.Cos({0})", Expression(2));
                case 2:
                    return new FExpr(FKind.Double, 1, "Math.Tanh({0})", Expression(2));
                default:
                    return new FExpr(FKind.Double, 0.9, "(0.5 + 0.4 * Math.Tanh({0}))", Expression(2));
            }
        }

        /// <summary>A denominator of magnitude at least 0.5 (its least magnitude is returned by <see cref="MinOf"/>).</summary>
        private FExpr Denominator()
        {
            switch (_random.Next(4))
            {
                case 0:
                    return FExpr.Number(Pick(2.0, 1.5, -4.0, 0.5));
                case 1:
                    return new FExpr(FKind.Double, 2.5, "(1.5 + Math.Sin({0}))", Expression(2));
                case 2:
                    {
                        FExpr inner = Scaled(Expression(2), 3);
                        return new FExpr(FKind.Double, 1 + (inner.Bound * inner.Bound), "(1 + {0} * {0})", Parenthesized(inner));
                    }

                default:
                    return new FExpr(FKind.Double, 3, "(2 + Math.Tanh({0}))", Expression(2));
            }
        }

        /// <summary>A divisor of magnitude at least 1, for <c>/=</c> in loops: dividing never makes a value grow.</summary>
        private FExpr Divisor()
        {
            switch (_random.Next(4))
            {
                case 0:
                    return FExpr.Number(Pick(2.0, 1.5, -4.0, 1.25));
                case 1:
                    return new FExpr(FKind.Double, 3.5, "(2.5 + Math.Sin({0}))", Expression(2));
                case 2:
                    {
                        FExpr inner = Scaled(Expression(2), 3);
                        return new FExpr(FKind.Double, 1 + (inner.Bound * inner.Bound), "(1 + {0} * {0})", Parenthesized(inner));
                    }

                default:
                    return new FExpr(FKind.Double, 3, "(2 + Math.Tanh({0}))", Expression(2));
            }
        }

        /// <summary>A positive value bounded away from zero, for Log, Sqrt and Pow bases.</summary>
        private FExpr Positive(FExpr operand)
        {
            switch (_random.Next(4))
            {
                case 0:
                    {
                        FExpr inner = Scaled(operand, 3);
                        return new FExpr(FKind.Double, 1 + (inner.Bound * inner.Bound), "1 + {0} * {0}", Parenthesized(inner));
                    }

                case 1:
                    return new FExpr(FKind.Double, 2.5, "1.5 + Math.Tanh({0})", operand);
                case 2:
                    {
                        FExpr inner = Scaled(operand, 2);
                        return new FExpr(FKind.Double, Math.Exp(inner.Bound), "Math.Exp({0})", inner);
                    }

                default:
                    return new FExpr(FKind.Double, operand.Bound + 0.5, "0.5 + Math.Abs({0})", operand);
            }
        }

        private static double MinOf(FExpr positive) => positive.Format switch
        {
            "1.5 + Math.Tanh({0})" => 0.5,
            "0.5 + Math.Abs({0})" => 0.5,
            "(1.5 + Math.Sin({0}))" => 0.5,
            "(2.5 + Math.Sin({0}))" => 1.5,
            "(2 + Math.Tanh({0}))" => 1,
            "1 + {0} * {0}" or "(1 + {0} * {0})" => 1,
            "Math.Exp({0})" => Math.Exp(-positive.Operands[0].Bound),
            _ => Math.Abs(double.Parse(positive.Format.Trim('(', ')'), CultureInfo.InvariantCulture)),
        };

        private static double MaxOf(FExpr positive) => positive.Bound;

        private FExpr Product(FExpr left, FExpr right)
        {
            if (left.Bound * right.Bound > AccumulatorCap)
            {
                left = Scaled(left, Cap);
                right = Scaled(right, Cap);
            }

            return new FExpr(FKind.Double, left.Bound * right.Bound, "{0} * {1}", Parenthesized(left), Parenthesized(right));
        }

        /// <summary>An expression whose magnitude is at most <paramref name="cap"/>: as is, scaled, or squashed.</summary>
        private FExpr Bounded(FExpr value, double cap)
        {
            if (value.Bound <= cap)
            {
                return value;
            }

            switch (_random.Next(3))
            {
                case 0:
                    return new FExpr(FKind.Double, 1, "Math.Tanh({0})", Scaled(value, 2));
                case 1:
                    return new FExpr(FKind.Double, 1, "Math.Sin({0})", Scaled(value, 2));
                default:
                    return Scaled(value, cap);
            }
        }

        /// <summary>The value times a constant that brings its magnitude to at most <paramref name="cap"/>.</summary>
        private static FExpr Scaled(FExpr value, double cap)
        {
            if (value.Bound <= cap)
            {
                return value;
            }

            double scale = cap / value.Bound;
            string text = scale.ToString("G3", CultureInfo.InvariantCulture);
            double rounded = double.Parse(text, CultureInfo.InvariantCulture);
            return new FExpr(FKind.Double, value.Bound * rounded, "{0} * " + text, Parenthesized(value));
        }

        private static FExpr Parenthesized(FExpr value)
            => value.Operands.Length == 0 && !value.Format.Contains(' ', StringComparison.Ordinal) && !value.Format.StartsWith('-') ? value : new FExpr(value.Kind, value.Bound, "({0})", value);

        private double RandomConstant() => Math.Round(-2 + (4 * _random.NextDouble()), 2);

        private static double BoundOf(ScalarInfo scalar) => scalar.Class == VarClass.Accumulator ? AccumulatorCap : Cap;

        private static double BoundOf(ArrayInfo array) => array.Class == VarClass.Accumulator ? AccumulatorCap : Cap;

        private bool Chance(double probability) => _random.NextDouble() < probability;

        private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];

        private sealed class Context
        {
            private int _names;

            public Context(bool isVoid, string? lengthName)
            {
                IsVoid = isVoid;
                LengthName = lengthName;
            }

            public bool IsVoid { get; }

            public bool IsHelper { get; init; }

            public int HelperIndex { get; init; }

            public string? LengthName { get; }

            public List<ScalarInfo> Scalars { get; } = new List<ScalarInfo>();

            public List<ArrayInfo> Arrays { get; } = new List<ArrayInfo>();

            public List<CounterInfo> Counters { get; } = new List<CounterInfo>();

            public List<string> Ints { get; } = new List<string>();

            public int LoopDepth { get; set; }

            /// <summary>The loops and switches around the current statement, innermost last: what a break would leave.</summary>
            public List<string> Breakable { get; } = new List<string>();

            public string NewName(string prefix) => prefix + (++_names).ToString(CultureInfo.InvariantCulture);
        }

        private sealed record ScalarInfo(string Name, VarClass Class);

        private sealed class ArrayInfo
        {
            public ArrayInfo(string name, VarClass kind, string type)
            {
                Name = name;
                Class = kind;
                Type = type;
            }

            public string Name { get; }

            public VarClass Class { get; set; }

            public string Type { get; }
        }

        private sealed record CounterInfo(string Name, bool IsIndex);

        private sealed record HelperInfo(string Name, bool HasW, bool HasM, string? ArrayType);

        private sealed record VoidHelperInfo(string Name, string XType, string YType, bool HasS);
    }
}
