using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Backprop.Generators.Ir;
using Backprop.Generators.Model;

namespace Backprop.Generators.Differentiation
{
    /// <summary>
    /// The reverse-mode transform: from a lowered <see cref="Function"/> to the statements of its pullback.
    /// </summary>
    /// <remarks>
    /// <para>The forward sweep runs the original statements. The reverse sweep then visits them in reverse order and,
    /// for each, first restores what the statement overwrote (when the reverse sweep will read it), then applies the
    /// chain rule to push the adjoint of what it wrote back to what it read.</para>
    /// <para>Which values must be saved follows from the reverse sweep itself: a write saves the value it overwrites
    /// on a tape, and its reverse pops it back, when a reverse statement reads that value (<see cref="TapePlan"/>).
    /// That depends on the pops (whose indices are read too), so the transform runs until it stops growing.</para>
    /// <para>Loops run backwards over the same counter values, recomputing their bounds (the validation pass
    /// guarantees the body does not move them). A branch recomputes its condition when the branch does not change
    /// what the condition reads, and otherwise records which way it went.</para>
    /// <para>For a void helper, the forward sweep keeps only the statements that compute what the reverse sweep
    /// reads: its outputs are not needed to propagate adjoints.</para>
    /// </remarks>
    internal sealed class ReverseMode
    {
        private readonly Function _function;
        private readonly ActivityAnalysis _activity;
        private readonly Dictionary<string, Variable> _variables;
        private readonly NameAllocator _names;
        private readonly Dictionary<string, string> _adjointNames = new Dictionary<string, string>();
        private readonly HashSet<string> _topLevelDeclared = new HashSet<string>();
        private readonly Dictionary<string, Expr> _definedOnceAtTop;
        private readonly Dictionary<Stmt, bool> _resetNeeded = new Dictionary<Stmt, bool>(ReferenceComparer.Instance);
        private readonly HashSet<Stmt> _flaggedIfs = new HashSet<Stmt>(ReferenceComparer.Instance);
        private readonly HashSet<string> _tapeKinds = new HashSet<string>();
        private readonly Dictionary<string, string> _tapeNames = new Dictionary<string, string>();
        private readonly bool _pruneForward;
        private readonly Dictionary<Stmt, int> _position = new Dictionary<Stmt, int>(ReferenceComparer.Instance);
        private readonly HashSet<Stmt> _firstWrites = new HashSet<Stmt>(ReferenceComparer.Instance);
        private readonly Dictionary<Stmt, string> _loopCounts = new Dictionary<Stmt, string>(ReferenceComparer.Instance);
        private readonly Dictionary<Stmt, string> _loopCounters = new Dictionary<Stmt, string>(ReferenceComparer.Instance);
        private readonly HashSet<string> _writtenParameters;
        private HashSet<(string Variable, int Position)> _reads = new HashSet<(string, int)>();
        private HashSet<(string Variable, int Position)> _previousReads = new HashSet<(string, int)>();

        // Reads of the value a statement wrote (a derivative rule reusing it), by the reverse of that statement.
        private HashSet<(string Variable, int Position)> _postReads = new HashSet<(string, int)>();
        private HashSet<(string Variable, int Position)> _previousPostReads = new HashSet<(string, int)>();
        private HashSet<string> _reverseReads = new HashSet<string>();

        // Statements the reverse sweep runs again at the start of their iteration, rather than saving what they write.
        private readonly HashSet<Stmt> _recomputed = new HashSet<Stmt>(ReferenceComparer.Instance);
        private readonly HashSet<Stmt> _recomputedInside = new HashSet<Stmt>(ReferenceComparer.Instance);
        private HashSet<(Stmt Write, string Variable)> _saves = new HashSet<(Stmt, string)>();
        private int _current;
        private HashSet<string> _forwardNeeded = new HashSet<string>();
        private Scope _scope = null!;

        // The loop reversed iteration by iteration (see IterationFusion), the reverse of its body, and the reverse of
        // the statements after it, which runs before it.
        private readonly For? _fused;
        private readonly HashSet<string> _writtenOnce = new HashSet<string>();
        private readonly HashSet<string> _accumulators = new HashSet<string>();
        private readonly IReadOnlyList<string> _indexBounds = new List<string>();
        private List<GStmt> _fusedReverse = new List<GStmt>();
        private List<GStmt> _afterFusedReverse = new List<GStmt>();
        private int _fusedIndex = -1;
        private Dictionary<Stmt, For>? _outerLoops;

        private ReverseMode(Function function, bool fuse)
        {
            _function = function;
            if (fuse && IterationFusion.Candidate(function) is { } fused)
            {
                _fused = fused.Loop;
                _writtenOnce = fused.WrittenOnce;
                _indexBounds = fused.Bounds;
                _accumulators = fused.Accumulators;
            }

            _activity = ActivityAnalysis.Run(function);
            _definedOnceAtTop = IrQueries.DefinedOnceAtTop(function.Body);
            _variables = function.Parameters.Concat(function.Locals).ToDictionary(v => v.Name);
            _names = new NameAllocator(_variables.Keys);
            foreach (string kind in new[] { "double", "float", "int", "bool" })
            {
                // First, so that each tape keeps its plain name unless the method already uses it.
                _tapeNames[kind] = _names.Reserve("saved" + char.ToUpperInvariant(kind[0]) + kind.Substring(1) + "s");
            }

            _pruneForward = function.ReturnType is null;

            foreach (Stmt stmt in function.Body.Statements)
            {
                if (stmt is Declare d)
                {
                    _topLevelDeclared.Add(d.Variable);
                }
            }

            ComputeResets(function.Body, new HashSet<string>(function.Parameters.Select(p => p.Name)), inLoop: false);
            foreach (Stmt stmt in IrQueries.AllStatements(function.Body))
            {
                // Positions in source order: the to-be-recorded analysis locates the reverse sweep's reads by them.
                _position[stmt] = _position.Count;
            }

            FindFirstWrites(function);
            _writtenParameters = new HashSet<string>(function.Parameters.Where(p => p.Type.IsWritableSequence).Select(p => p.Name));
            _writtenParameters.IntersectWith(IrQueries.Assigned(function.Body));

            foreach (Variable parameter in function.Parameters.Where(p => p.IsDifferentiable))
            {
                GradientNames[parameter.Name] = _names.Reserve(parameter.Name + "Grad");
            }

            SeedName = function.ReturnType is null ? null : _names.Reserve(Lowering.ResultBaseName + "Adj");
            ResultName = function.Locals.FirstOrDefault(l => l.Role == VariableRole.Result)?.Name;
        }

        /// <summary>The gradient parameter's name for each differentiable parameter.</summary>
        public Dictionary<string, string> GradientNames { get; } = new Dictionary<string, string>();

        /// <summary>The name of the pullback's seed parameter (the adjoint of the result), or null for a void helper.</summary>
        public string? SeedName { get; }

        /// <summary>The result variable, or null for a void helper.</summary>
        public string? ResultName { get; }

        /// <summary>The tape element types used, for example <c>double</c>.</summary>
        public IReadOnlyCollection<string> TapeKinds => _tapeKinds;

        /// <summary>Locals declared at the top of the method because the two sweeps both need them.</summary>
        public List<GStmt> Hoisted { get; } = new List<GStmt>();

        /// <summary>Heap arrays (user locals and adjoints) returned to the pool when the method ends.</summary>
        public List<(string Name, ScalarKind Element)> PooledArrays { get; } = new List<(string, ScalarKind)>();

        /// <summary>The forward sweep.</summary>
        public List<GStmt> Forward { get; private set; } = new List<GStmt>();

        /// <summary>Declarations of the adjoints of locals, which start at zero.</summary>
        public List<GStmt> AdjointDeclarations { get; } = new List<GStmt>();

        /// <summary>The reverse sweep.</summary>
        public List<GStmt> Reverse { get; private set; } = new List<GStmt>();

        /// <summary>Statements that hand the adjoints of reassigned scalar parameters to their gradient buffers.</summary>
        public List<GStmt> Epilogue { get; } = new List<GStmt>();

        /// <summary>Runs the transform.</summary>
        public static ReverseMode Run(Function function)
        {
            // Calls named before inlining too, so that an inlined helper's argument with a call in it is evaluated once.
            Function prepared = ForwardValues.Bind(CallValues.Bind(Inlining.Inline(CallValues.Bind(function))));
            var transform = new ReverseMode(prepared, fuse: true);
            transform.Build();
            if (transform._fused is not null && !transform.FusionHolds())
            {
                transform = new ReverseMode(prepared, fuse: false);
                transform.Build();
            }

            return transform;
        }

        /// <summary>The tape variable that saves values of a scalar kind (<c>savedDoubles</c>, or another name if the method uses that one).</summary>
        public string TapeName(string kind) => _tapeNames[kind];

        private void Build()
        {
            // Iterate: where the reverse sweep reads a variable decides which of its overwrites are saved, and
            // restoring a saved element reads its index in turn.
            for (int iteration = 0; iteration < 50; iteration++)
            {
                _reads = new HashSet<(string, int)>();
                _postReads = new HashSet<(string, int)>();
                _flaggedIfs.Clear();
                // Only the tapes of the last round are declared: a value an early round saved may need no saving.
                _tapeKinds.Clear();
                Reverse = ReverseSweep();
                _reverseReads = new HashSet<string>(_reads.Concat(_postReads).Select(r => r.Variable));
                HashSet<string> forwardNeeded = ComputeForwardNeeded();
                if (_reads.SetEquals(_previousReads) && _postReads.SetEquals(_previousPostReads) && forwardNeeded.SetEquals(_forwardNeeded))
                {
                    break;
                }

                _previousReads = _reads;
                _previousPostReads = _postReads;
                _forwardNeeded = forwardNeeded;
                _saves = TapePlan.Compute(
                    _function,
                    _position,
                    _previousReads.ToLookup(r => r.Position, r => r.Variable),
                    _previousPostReads.ToLookup(r => r.Position, r => r.Variable),
                    _fused,
                    _writtenOnce);
                FindRecomputed();
            }

            Forward = ForwardBlock(_function.Body, inLoop: false, topLevel: true);
            DeclareAdjoints();
            if (_fused is not null)
            {
                // The loop's reverse needs the adjoints, and the adjoints its accumulators get from the code after it.
                var before = new List<GStmt>();
                if (_fusedIndex > 0 && Forward[_fusedIndex - 1] is not GBlankLine)
                {
                    before.Add(new GBlankLine());
                }

                before.AddRange(IndexArithmeticCheck());
                before.Add(new GComment("The adjoints come first: the loop below reverses each iteration right after running it."));
                before.AddRange(AdjointDeclarations);
                if (_afterFusedReverse.Count > 0)
                {
                    before.Add(new GBlankLine());
                    before.AddRange(_afterFusedReverse);
                }

                before.Add(new GBlankLine());
                Forward.InsertRange(_fusedIndex, before);
                AdjointDeclarations.Clear();
            }

            // The transforms below add locals: their names must differ from every temporary the sweeps declared.
            foreach (List<GStmt> code in new[] { Hoisted, Forward, AdjointDeclarations, Reverse, Epilogue })
            {
                _names.Take(GeneratedCode.DeclaredNames(code));
            }

            // Index arithmetic that a loop does not change is computed once before it (see LoopInvariantIndices); not
            // in a project compiled with overflow checking, where the hoisted sum, computed before a loop that may not
            // run and regrouped, could throw where the method does not.
            if (!_function.CheckedArithmetic)
            {
                Forward = LoopInvariantIndices.Hoist(Forward, _names);
                Reverse = LoopInvariantIndices.Hoist(Reverse, _names);
            }

            // An adjoint a loop only adds into at one index is summed in a local (see AccumulatorPromotion); only the
            // method's own arrays qualify, which no parameter can alias.
            var privateArrays = new HashSet<string>(PooledArrays.Select(p => p.Name));
            foreach (DeclareArray span in IrQueries.AllStatements(_function.Body).OfType<DeclareArray>().Where(a => _variables[a.Variable].Type.Container == ContainerKind.Span))
            {
                privateArrays.Add(span.Variable);
                privateArrays.Add(AdjointName(span.Variable));
            }

            Forward = AccumulatorPromotion.Promote(Forward, privateArrays, _names);
            Reverse = AccumulatorPromotion.Promote(Reverse, privateArrays, _names);

            // Elements of those arrays that an iteration reads and writes several times are kept in locals for it
            // (see ElementPromotion).
            Forward = ElementPromotion.Promote(Forward, privateArrays, _names);
            Reverse = ElementPromotion.Promote(Reverse, privateArrays, _names);
        }

        /// <summary>
        /// The reverse sweep of the method. With a loop reversed per iteration, the statements after it are reversed
        /// into <see cref="_afterFusedReverse"/> (emitted before the loop), the loop's body into
        /// <see cref="_fusedReverse"/>, and the sweep itself holds only the reverse of the statements before it.
        /// </summary>
        private List<GStmt> ReverseSweep()
        {
            if (_fused is null)
            {
                return ReverseBlock(_function.Body, inLoop: false);
            }

            (Block before, Block after) = SplitAtFused();
            _afterFusedReverse = ReverseBlock(after, inLoop: false);
            ReverseStatement(_fused, inLoop: false);
            return ReverseBlock(before, inLoop: false);
        }

        /// <summary>
        /// The check that the loop's index arithmetic, which the proof behind reversing it per iteration reasons about
        /// over the integers, cannot wrap around <c>int</c> (see <see cref="Regions.WrittenRegions.Bounds"/>): each
        /// bound of an index's magnitude must stay below 2³¹.
        /// </summary>
        private List<GStmt> IndexArithmeticCheck()
        {
            if (_indexBounds.Count == 0 || _function.CheckedArithmetic)
            {
                // Under overflow checking an index that would wrap throws where it is computed, so every index the
                // loop uses has its exact value.
                return new List<GStmt>();
            }

            // One bound a line: `if (b1 >= 2³¹` then `    || b2 >= 2³¹)`; only when the loop runs, if its bounds can be
            // evaluated a second time (no calls): a loop that runs no iteration computes no index.
            var check = new List<GStmt> { new GComment("Reversing each iteration right away relies on the loop's index arithmetic not wrapping around int.") };
            bool runs = _fused!.Comparison == BinaryOp.Less
                && !IrQueries.Subexpressions(_fused.Start).Concat(IrQueries.Subexpressions(_fused.End)).Any(e => e is OpaqueCall or DifferentiableCall);
            string first = runs ? $"if ({Emitting.ExpressionPrinter.Print(new Binary(BinaryOp.Less, _fused.Start, _fused.End, IrType.Bool))}" : string.Empty;
            for (int k = 0; k < _indexBounds.Count; k++)
            {
                string bound = _indexBounds[k] + " >= 2147483648.0";
                string line = k > 0 ? "    || " + bound : runs ? first + " && (" + bound : "if (" + bound;
                bool last = k == _indexBounds.Count - 1;
                check.Add(new GRaw(line + (last ? (runs ? "))" : ")") : string.Empty)));
            }

            string message = $"{_function.Name}: its last loop's index arithmetic could wrap around int with these arguments, and the gradient reverses that loop per iteration assuming it does not.";
            check.Add(new GRaw("{"));
            check.Add(new GRaw($"    throw new global::System.OverflowException(\"{message}\");"));
            check.Add(new GRaw("}"));
            check.Add(new GBlankLine());
            return check;
        }

        private (Block Before, Block After) SplitAtFused()
        {
            List<Stmt> top = _function.Body.Statements.ToList();
            int index = top.FindIndex(s => ReferenceEquals(s, _fused));
            return (new Block(top.Take(index).ToArray().ToEquatableArray()), new Block(top.Skip(index + 1).ToArray().ToEquatableArray()));
        }

        /// <summary>
        /// The conditions of reversing <see cref="_fused"/> per iteration that depend on the reverse sweep (see
        /// <see cref="IterationFusion"/>): the reverse of the statements after the loop, which runs before it, reads
        /// nothing the loop or those statements write, and saves nothing; the reverse of the statements before the
        /// loop reads nothing the loop writes; and no accumulator is saved (restoring it would undo the sum).
        /// </summary>
        private bool FusionHolds()
        {
            (Block before, Block after) = SplitAtFused();
            HashSet<string> writtenByLoop = IrQueries.Assigned(_fused!.Body);
            HashSet<string> writtenAfter = IrQueries.Assigned(after);
            var afterStatements = new HashSet<Stmt>(IrQueries.AllStatements(after), ReferenceComparer.Instance);
            var afterPositions = new HashSet<int>(afterStatements.Select(s => _position[s]));
            var beforePositions = new HashSet<int>(IrQueries.AllStatements(before).Select(s => _position[s]));
            foreach ((string variable, int position) in _reads.Concat(_postReads))
            {
                if ((afterPositions.Contains(position) && (writtenByLoop.Contains(variable) || writtenAfter.Contains(variable)))
                    || (beforePositions.Contains(position) && writtenByLoop.Contains(variable)))
                {
                    return false;
                }
            }

            var loopStatements = new HashSet<Stmt>(IrQueries.AllStatements(_fused.Body), ReferenceComparer.Instance);
            return !_saves.Any(save => afterStatements.Contains(save.Write) || (loopStatements.Contains(save.Write) && _accumulators.Contains(save.Variable)));
        }

        /// <summary>
        /// Whether a write must save the value it overwrites: when a reverse statement reads that value (see
        /// <see cref="TapePlan"/>). A helper's written parameters are always restored, as its contract says.
        /// </summary>
        private bool NeedsSave(string variable, Stmt write)
        {
            if (!_variables.TryGetValue(variable, out Variable? v) || v.Role == VariableRole.LoopCounter)
            {
                return false;
            }

            return _writtenParameters.Contains(variable) || (_saves.Contains((write, variable)) && !_recomputedInside.Contains(write));
        }

        /// <summary>
        /// Finds the statements at the top of a loop body whose value the reverse sweep recomputes instead of saving:
        /// <c>target = targets[p]</c>, or a loop <c>for (id …) xcentered[id] = x[…] - means[…]</c>, that alone write
        /// their variable, from inputs nothing writes and loop counters, when only the rest of the same iteration
        /// reads it in the reverse sweep. The reverse of the iteration starts by running the statement again, which
        /// costs less than a push and a pop per value.
        /// </summary>
        private void FindRecomputed()
        {
            _recomputed.Clear();
            _recomputedInside.Clear();
            HashSet<string> assigned = IrQueries.Assigned(_function.Body);
            var reads = _previousReads.Concat(_previousPostReads).ToList();
            foreach (Stmt loop in IrQueries.AllStatements(_function.Body).Where(l => l is For or While && !ReferenceEquals(l, _fused)))
            {
                Block body = loop is For f ? f.Body : ((While)loop).Body;
                int end = IrQueries.AllStatements(body).Select(x => _position[x]).DefaultIfEmpty(_position[loop]).Max();
                foreach (Stmt stmt in body.Statements.Where(x => x is For or Assign or Declare { Initializer: not null }))
                {
                    List<Stmt> inner = new[] { stmt }.Concat(stmt is For w ? IrQueries.AllStatements(w.Body) : Enumerable.Empty<Stmt>()).ToList();
                    if (SoleWrittenLocal(inner) is not { } variable)
                    {
                        continue;
                    }

                    // No other statement writes it; its inputs never change (or are loop counters).
                    var innerSet = new HashSet<Stmt>(inner, ReferenceComparer.Instance);
                    bool alone = IrQueries.AllStatements(_function.Body).Where(x => !innerSet.Contains(x) && x is Assign or Declare { Initializer: not null } or CallStatement)
                        .All(x => !Writes(x, variable));
                    var inputs = new HashSet<string>();
                    foreach (Expr expr in inner.SelectMany(IrQueries.Expressions))
                    {
                        IrQueries.AllReads(expr, inputs);
                    }

                    inputs.Remove(variable);
                    // A call the generator knows nothing about may return something else the second time (a random
                    // draw, a counter), and a field it changes reads differently: its value is saved, never recomputed.
                    bool invariant = inputs.All(n => !_variables.TryGetValue(n, out Variable? v) || v.Role == VariableRole.LoopCounter || Unchanging(n, assigned))
                        && !inner.SelectMany(IrQueries.Expressions).SelectMany(IrQueries.Subexpressions).Any(e => e is OpaqueCall);

                    // Re-running it must rewrite every element the iteration wrote, so each iteration must write the
                    // same elements: element indices and inner loop bounds may use only the statement's own loop
                    // counters and unchanging inputs, never an enclosing loop's counter (c[k % 2] = …).
                    var ownCounters = new HashSet<string>(inner.OfType<For>().Select(x => x.Counter));
                    bool sameElements = PlacementReads(inner).All(n => ownCounters.Contains(n) || Unchanging(n, assigned));

                    // Read in the reverse sweep only by the rest of this iteration.
                    int last = inner.Max(x => _position[x]);
                    bool local = reads.Where(r => r.Variable == variable).All(r => r.Position > last && r.Position <= end);
                    if (alone && invariant && sameElements && local)
                    {
                        _recomputed.Add(stmt);
                        _recomputedInside.UnionWith(inner);
                    }
                }
            }
        }

        /// <summary>
        /// The one local (loop counters aside) that <paramref name="statements"/> write, when the reverse sweep reads
        /// it and the statements are plain assignments and loops; otherwise null.
        /// </summary>
        private string? SoleWrittenLocal(List<Stmt> statements)
        {
            var written = new HashSet<string>();
            foreach (Stmt x in statements)
            {
                IrQueries.Assigned(x, written);
            }

            written.RemoveWhere(n => _variables.TryGetValue(n, out Variable? c) && c.Role == VariableRole.LoopCounter);
            if (written.Count != 1 || statements.Any(x => x is If or While or DeclareArray or CallStatement))
            {
                return null;
            }

            string variable = written.First();
            return _variables[variable].Role == VariableRole.Local && _reverseReads.Contains(variable) ? variable : null;
        }

        /// <summary>The variables that say which elements <paramref name="statements"/> write: element indices and inner loop bounds.</summary>
        private static HashSet<string> PlacementReads(List<Stmt> statements)
        {
            var placement = new HashSet<string>();
            foreach (Stmt x in statements)
            {
                if (x is Assign { Target: ElementRef element })
                {
                    IrQueries.AllReads(element.Index, placement);
                    if (element.Index2 is not null)
                    {
                        IrQueries.AllReads(element.Index2, placement);
                    }
                }
                else if (x is For innerLoop)
                {
                    IrQueries.AllReads(innerLoop.Start, placement);
                    IrQueries.AllReads(innerLoop.End, placement);
                }
            }

            return placement;
        }

        /// <summary>Whether a variable has one value for the whole call: never assigned, or declared once at the top (<see cref="IrQueries.DefinedOnceAtTop"/>).</summary>
        private bool Unchanging(string name, HashSet<string> assigned) => !assigned.Contains(name) || _definedOnceAtTop.ContainsKey(name);

        /// <summary>Whether the statement (with the statements nested in it) writes the variable.</summary>
        private static bool Writes(Stmt stmt, string name)
        {
            var written = new HashSet<string>();
            IrQueries.Assigned(stmt, written);
            return written.Contains(name);
        }

        /// <summary>
        /// Whether a saved write is the first write of a fresh local array outside any loop: the value it overwrote
        /// is then known to be zero, so the reverse sweep restores it by clearing rather than from the tape.
        /// </summary>
        private bool RestoresByClearing(string variable, Stmt write) => _firstWrites.Contains(write) && _variables[variable].Role == VariableRole.Local;

        private void FindFirstWrites(Function function)
        {
            var arrays = new HashSet<string>(IrQueries.AllStatements(function.Body).OfType<DeclareArray>().Select(a => a.Variable));
            var written = new HashSet<string>();
            foreach (Stmt stmt in IrQueries.AllStatements(function.Body))
            {
                var targets = new HashSet<string>();
                if (stmt is Assign or CallStatement)
                {
                    IrQueries.Assigned(stmt, targets);
                }

                foreach (string target in targets.Where(arrays.Contains))
                {
                    if (written.Add(target) && function.Body.Statements.Any(top => ReferenceEquals(top, stmt)) && targets.Count == 1)
                    {
                        _firstWrites.Add(stmt);
                    }
                }
            }
        }

        // ---------------------------------------------------------------- forward sweep

        private List<GStmt> ForwardBlock(Block block, bool inLoop, bool topLevel)
        {
            var output = new List<GStmt>();
            foreach (Stmt stmt in block.Statements)
            {
                if (!IsKept(stmt))
                {
                    continue;
                }

                if (output.Count > 0 && output[output.Count - 1] is GFor or GIf)
                {
                    output.Add(new GBlankLine());
                }

                switch (stmt)
                {
                    case Declare d:
                        {
                            Variable variable = _variables[d.Variable];
                            if (topLevel)
                            {
                                output.Add(new GLocal(variable.Type, d.Variable, d.Initializer ?? Ops.Lit(0, variable.Type) with { Type = variable.Type }));
                            }
                            else
                            {
                                Hoist(variable);
                                if (d.Initializer is not null)
                                {
                                    if (inLoop && NeedsSave(d.Variable, d))
                                    {
                                        output.Add(Push(new VarRef(d.Variable, variable.Type)));
                                    }

                                    output.Add(new GAssign(new VarRef(d.Variable, variable.Type), d.Initializer, false));
                                }
                            }

                            break;
                        }

                    case DeclareArray a:
                        ForwardArray(a, output, topLevel);
                        break;

                    case Assign a when a.Target is VarRef { Name: var name } && name == ResultName:
                        // A single return at the end reads best as a declaration; returns in branches assign a hoisted result.
                        if (topLevel && IrQueries.AllStatements(_function.Body).Count(s => s is Assign r && r.Target is VarRef t && t.Name == name) == 1)
                        {
                            output.Add(new GLocal(a.Target.Type, name, a.Value));
                        }
                        else
                        {
                            Hoist(_variables[name]);
                            output.Add(new GAssign(a.Target, a.Value, false));
                        }

                        break;

                    case Assign a:
                        if (NeedsSave(IrQueries.TargetName(a.Target), a) && !RestoresByClearing(IrQueries.TargetName(a.Target), a))
                        {
                            output.Add(Push(a.Target));
                        }

                        output.Add(new GAssign(a.Target, a.Value, false));
                        break;

                    case CallStatement c:
                        foreach (string array in IrQueries.WrittenArrays(c.Call).Where(a => NeedsSave(a, c) && !RestoresByClearing(a, c)))
                        {
                            output.Add(PushAll(array));
                        }

                        output.Add(new GCall(c.Call));
                        break;

                    case If i:
                        {
                            List<GStmt> then = ForwardBlock(i.Then, inLoop, false);
                            List<GStmt> otherwise = ForwardBlock(i.Else, inLoop, false);
                            if (_flaggedIfs.Contains(i))
                            {
                                // The branches change what the condition reads, so the reverse sweep cannot re-evaluate it.
                                then.Add(new GRaw($"{UseTape("bool")}.Push(true);"));
                                otherwise.Add(new GRaw($"{UseTape("bool")}.Push(false);"));
                            }

                            output.Add(new GIf(i.Condition, null, then, otherwise));
                            break;
                        }

                    case For f when ReferenceEquals(f, _fused):
                        {
                            List<GStmt> body = ForwardBlock(f.Body, true, false);
                            if (_fusedReverse.Count > 0)
                            {
                                body.Add(new GBlankLine());
                                body.Add(new GComment("This iteration in reverse, right away: no other iteration reads what it wrote."));
                                body.AddRange(_fusedReverse);
                            }

                            _fusedIndex = output.Count;
                            output.Add(new GFor(f.Counter, f.Start, f.Comparison, f.End, f.Step, body));
                            break;
                        }

                    case For f:
                        output.Add(new GFor(f.Counter, f.Start, f.Comparison, f.End, f.Step, ForwardBlock(f.Body, true, false)));
                        break;

                    case While w:
                        {
                            List<GStmt> body = ForwardBlock(w.Body, true, false);
                            if (_loopCounts.TryGetValue(w, out string? count))
                            {
                                // The reverse sweep replays the body as many times as it ran here.
                                output.Add(new GRaw($"{count} = 0;"));
                                body.Add(new GRaw($"{count}++;"));
                            }

                            output.Add(new GWhile(w.Condition, body, w.IsDo));
                            if (count is not null && inLoop)
                            {
                                output.Add(new GRaw($"{UseTape("int")}.Push({count});"));
                            }

                            break;
                        }
                }
            }

            return output;
        }

        /// <summary>
        /// Clears a stackalloc'd adjoint where the memory does not start zeroed: under <c>[SkipLocalsInit]</c> on the
        /// type or module. Otherwise the compiler's zeroing already did it, and a second clear costs a call per array
        /// (an eighth of the gradient of A/B/C at K = 3).
        /// </summary>
        private void ClearStackAlloc(string adjoint, List<GStmt> output)
        {
            if (!_function.StackAllocZeroed)
            {
                output.Add(Clear(adjoint));
            }
        }

        private void ForwardArray(DeclareArray a, List<GStmt> output, bool topLevel)
        {
            Variable variable = _variables[a.Variable];
            string element = ScalarName(variable.Type.Scalar);
            bool active = _activity.IsActive(a.Variable);
            if (variable.Type.Container == ContainerKind.Span && !topLevel)
            {
                // Lowering moved this declaration into a branch (it followed a branch that returns), possibly into
                // both: the reverse sweep, outside that block, reads it too. Declared once at the top with a
                // stackalloc of nothing, the span has the method's scope, so a stackalloc can be assigned to it here.
                string span = $"global::System.Span<{element}>";
                HoistOnce(new GDeclare(span, a.Variable, $"stackalloc {element}[0]"));
                output.Add(new GRaw($"{a.Variable} = stackalloc {element}[{Emitting.ExpressionPrinter.Print(a.Length)}];"));
                if (active)
                {
                    HoistOnce(new GDeclare(span, AdjointName(a.Variable), $"stackalloc {element}[0]"));
                    output.Add(new GRaw($"{AdjointName(a.Variable)} = stackalloc {element}[{a.Variable}.Length];"));
                    ClearStackAlloc(AdjointName(a.Variable), output);
                }

                return;
            }

            if (variable.Type.Container == ContainerKind.Span)
            {
                output.Add(new GDeclare($"global::System.Span<{element}>", a.Variable, $"stackalloc {element}[{Emitting.ExpressionPrinter.Print(a.Length)}]"));
                if (active)
                {
                    output.Add(new GDeclare($"global::System.Span<{element}>", AdjointName(a.Variable), $"stackalloc {element}[{a.Variable}.Length]"));
                    ClearStackAlloc(AdjointName(a.Variable), output);
                }

                return;
            }

            if (variable.Type.Container == ContainerKind.Array2D)
            {
                // A rectangular array comes from its own exact-shape pool, declared at the top so that the end of the method can return it.
                string pool2D = $"global::Backprop.Support.LocalArrayPool2D<{element}>";
                if (HoistOnce(new GDeclare($"{element}[,]", a.Variable, $"{pool2D}.Empty")))
                {
                    PooledArrays.Add((a.Variable, variable.Type.Scalar));
                }

                output.Add(new GRaw($"{a.Variable} = {pool2D}.Rent({Emitting.ExpressionPrinter.Print(a.Length)}, {Emitting.ExpressionPrinter.Print(a.Length2!)});"));
                if (active)
                {
                    string adjoint2D = AdjointName(a.Variable);
                    if (HoistOnce(new GDeclare($"{element}[,]", adjoint2D, $"{pool2D}.Empty")))
                    {
                        PooledArrays.Add((adjoint2D, variable.Type.Scalar));
                    }

                    output.Add(new GRaw($"{adjoint2D} = {pool2D}.Rent({a.Variable}.GetLength(0), {a.Variable}.GetLength(1));"));
                }

                return;
            }

            // A heap array comes from the pool; it is declared at the top so that the end of the method can return it.
            // Lowering may copy the declaration into both branches of an if: declare and return it once.
            string pool = $"global::Backprop.Support.LocalArrayPool<{element}>";
            if (HoistOnce(new GDeclare($"{element}[]", a.Variable, $"global::System.Array.Empty<{element}>()")))
            {
                PooledArrays.Add((a.Variable, variable.Type.Scalar));
            }

            output.Add(new GRaw($"{a.Variable} = {pool}.Rent({Emitting.ExpressionPrinter.Print(a.Length)});"));
            if (active)
            {
                string adjoint = AdjointName(a.Variable);
                if (HoistOnce(new GDeclare($"{element}[]", adjoint, $"global::System.Array.Empty<{element}>()")))
                {
                    PooledArrays.Add((adjoint, variable.Type.Scalar));
                }

                output.Add(new GRaw($"{adjoint} = {pool}.Rent({a.Variable}.Length);"));
            }
        }

        /// <summary>Adds a declaration to <see cref="Hoisted"/> unless one of the same name is there; true when added.</summary>
        private bool HoistOnce(GDeclare declaration)
        {
            if (Hoisted.OfType<GDeclare>().Any(h => h.Name == declaration.Name))
            {
                return false;
            }

            Hoisted.Add(declaration);
            return true;
        }

        private bool IsResult(Expr target) => target is VarRef v && v.Name == ResultName;

        private bool IsKept(Stmt stmt)
        {
            if (!_pruneForward)
            {
                return true;
            }

            switch (stmt)
            {
                case Declare d:
                    return _forwardNeeded.Contains(d.Variable);
                case DeclareArray:
                    // Always allocated: the reverse sweep may read its length even when it needs none of its values.
                    return true;
                case Assign a:
                    return _forwardNeeded.Contains(IrQueries.TargetName(a.Target));
                case CallStatement c:
                    return IrQueries.WrittenArrays(c.Call).Any(_forwardNeeded.Contains);
                case If i:
                    return _flaggedIfs.Contains(i) || i.Then.Statements.Any(IsKept) || i.Else.Statements.Any(IsKept);
                case For f:
                    return f.Body.Statements.Any(IsKept);
                case While w:
                    return _loopCounts.ContainsKey(w) || w.Body.Statements.Any(IsKept);
                default:
                    return false;
            }
        }

        private HashSet<string> ComputeForwardNeeded()
        {
            var needed = new HashSet<string>(_reverseReads.Where(_variables.ContainsKey));
            bool changed = true;
            while (changed)
            {
                changed = false;
                Visit(_function.Body, new HashSet<string>());
            }

            return needed;

            void Visit(Block block, HashSet<string> control)
            {
                foreach (Stmt stmt in block.Statements)
                {
                    var reads = new HashSet<string>();
                    switch (stmt)
                    {
                        case Declare { Initializer: not null } d when needed.Contains(d.Variable):
                            IrQueries.AllReads(d.Initializer, reads);
                            break;
                        case DeclareArray a:
                            IrQueries.AllReads(a.Length, reads);
                            break;
                        case Assign a when needed.Contains(IrQueries.TargetName(a.Target)):
                            IrQueries.AllReads(a.Target, reads);
                            IrQueries.AllReads(a.Value, reads);
                            break;
                        case CallStatement c when IrQueries.WrittenArrays(c.Call).Any(needed.Contains):
                            IrQueries.AllReads(c.Call, reads);
                            break;
                        case If i:
                            {
                                var inner = new HashSet<string>(control);
                                IrQueries.AllReads(i.Condition, inner);
                                if (_flaggedIfs.Contains(i))
                                {
                                    reads.UnionWith(inner);
                                }

                                Visit(i.Then, inner);
                                Visit(i.Else, inner);
                                break;
                            }

                        case For f:
                            {
                                var inner = new HashSet<string>(control);
                                IrQueries.AllReads(f.Start, inner);
                                IrQueries.AllReads(f.End, inner);
                                Visit(f.Body, inner);
                                break;
                            }

                        case While w:
                            {
                                var inner = new HashSet<string>(control);
                                IrQueries.AllReads(w.Condition, inner);
                                if (_loopCounts.ContainsKey(w))
                                {
                                    // A replayed loop must run in the forward sweep to be counted.
                                    reads.UnionWith(inner);
                                }

                                Visit(w.Body, inner);
                                break;
                            }
                    }

                    if (reads.Count > 0)
                    {
                        reads.UnionWith(control);
                        foreach (string name in reads)
                        {
                            changed |= needed.Add(name);
                        }
                    }
                }
            }
        }

        // ---------------------------------------------------------------- reverse sweep

        private List<GStmt> ReverseBlock(Block block, bool inLoop)
        {
            var output = new List<GStmt>();
            for (int k = block.Statements.Count - 1; k >= 0; k--)
            {
                List<GStmt> code = ReverseStatement(block.Statements[k], inLoop);
                if (code.Count > 0 && output.Count > 0 && (code.Count > 1 || output[output.Count - 1] is GBlock or GIf or GFor))
                {
                    output.Add(new GBlankLine());
                }

                output.AddRange(code);
            }

            return output;
        }

        private List<GStmt> ReverseStatement(Stmt stmt, bool inLoop)
        {
            Scope outer = _scope;
            int outerPosition = _current;
            _scope = new Scope(_names);
            try
            {
                _current = _position[stmt];
                return ReverseStatementInScope(stmt, inLoop);
            }
            finally
            {
                _scope = outer;
                _current = outerPosition;
            }
        }

        private List<GStmt> ReverseStatementInScope(Stmt stmt, bool inLoop)
        {
            var code = new List<GStmt>();
            switch (stmt)
            {
                case Declare { Initializer: not null } d:
                    {
                        var target = new VarRef(d.Variable, _variables[d.Variable].Type);
                        GStmt? restore = inLoop && NeedsSave(d.Variable, d) && IsKept(d) ? Pop(target) : null;
                        ReverseAssignment(d, target, d.Initializer, restore, code);
                        break;
                    }

                case Assign a:
                    {
                        GStmt? restore = NeedsSave(IrQueries.TargetName(a.Target), a) && IsKept(a) && !IsResult(a.Target)
                            ? RestoresByClearing(IrQueries.TargetName(a.Target), a) ? new GAssign(UseIndex(a.Target), Ops.Lit(0, a.Target.Type) with { Type = a.Target.Type }, false) : Pop(a.Target)
                            : null;
                        ReverseAssignment(a, a.Target, a.Value, restore, code);
                        break;
                    }

                case CallStatement c:
                    foreach (string array in IrQueries.WrittenArrays(c.Call).Where(a => NeedsSave(a, c) && IsKept(c)).Reverse())
                    {
                        code.Add(RestoresByClearing(array, c) ? Clear(array) : PopAll(array));
                    }

                    if (c.Call is DifferentiableCall { Callee.ReturnType: null } helper && _activity.IsActive(helper))
                    {
                        PullbackCall(helper, seed: null, code);
                    }

                    break;

                case If i:
                    {
                        List<GStmt> then = ReverseBlock(i.Then, inLoop);
                        List<GStmt> otherwise = ReverseBlock(i.Else, inLoop);
                        _current = _position[stmt];
                        if (then.Count == 0 && otherwise.Count == 0)
                        {
                            break;
                        }

                        var assigned = IrQueries.Assigned(i.Then);
                        IrQueries.Assigned(i.Else, assigned);
                        if (IrQueries.AllReads(i.Condition).Overlaps(assigned))
                        {
                            _flaggedIfs.Add(i);
                            code.Add(new GIf(null, $"{UseTape("bool")}.Pop()", then, otherwise));
                        }
                        else
                        {
                            code.Add(new GIf(UsePrimal(i.Condition), null, then, otherwise));
                        }

                        break;
                    }

                case While w:
                    {
                        List<GStmt> body = Recompute(w.Body, ReverseBlock(w.Body, inLoop: true));
                        _current = _position[stmt];
                        if (body.Count == 0)
                        {
                            break;
                        }

                        if (!_loopCounts.TryGetValue(w, out string? count))
                        {
                            count = _names.Reserve("iterations");
                            _loopCounts[w] = count;
                            Hoisted.Add(new GDeclare("int", count, "0"));
                        }

                        if (!_loopCounters.TryGetValue(w, out string? counter))
                        {
                            counter = _names.Reserve("iteration");
                            _loopCounters[w] = counter;
                        }

                        code.Add(new GCountedLoop(counter, inLoop ? $"{UseTape("int")}.Pop()" : count, body));
                        break;
                    }

                case For f when ReferenceEquals(f, _fused):
                    // Emitted inside the forward loop (ForwardBlock).
                    _fusedReverse = ReverseBlock(f.Body, inLoop: true);
                    break;

                case For f:
                    {
                        List<GStmt> body = Recompute(f.Body, ReverseBlock(f.Body, inLoop: true));
                        _current = _position[stmt];
                        if (body.Count == 0)
                        {
                            break;
                        }

                        // Visit the same counter values backwards: i = start .. last becomes i = last .. start.
                        Expr start = UsePrimal(f.Start);
                        Expr end = UsePrimal(f.End);
                        if (end is Literal { Value: var bound } && ((f.Comparison == BinaryOp.Less && bound <= int.MinValue) || (f.Comparison == BinaryOp.Greater && bound >= int.MaxValue)))
                        {
                            // i < int.MinValue never holds: the loop ran no iteration, and end - 1 has no int value.
                            break;
                        }

                        if (!CannotBeLimit(f, f.Start, ascending: f.Step > 0))
                        {
                            // i >= start always holds at a start of int.MinValue (i <= start at int.MaxValue), so the
                            // usual form would step past the start and wrap: step first, then test against the start.
                            Expr firstBeyond = f.Comparison switch
                            {
                                BinaryOp.LessOrEqual => Minus(end, -1),
                                BinaryOp.GreaterOrEqual => Minus(end, 1),
                                _ => end,
                            };
                            if (firstBeyond is not Literal { Value: < int.MinValue or > int.MaxValue })
                            {
                                // (Beyond int's range, the forward loop's test always held, so it never ended.)
                                BinaryOp beyondStart = f.Step > 0 ? BinaryOp.Greater : BinaryOp.Less;
                                code.Add(new GFor(f.Counter, firstBeyond, beyondStart, start, -f.Step, body) { StepsFirst = true });
                                break;
                            }
                        }

                        Expr last = f.Comparison switch
                        {
                            BinaryOp.Less => Minus(end, 1),
                            BinaryOp.Greater => Minus(end, -1),
                            _ => end,
                        };
                        BinaryOp comparison = f.Step > 0 ? BinaryOp.GreaterOrEqual : BinaryOp.LessOrEqual;

                        // end - 1 wraps for an end of int.MinValue (end + 1 for int.MaxValue), where the forward loop
                        // ran no iteration and the reverse would run 2³¹: only a loop that ran reverses. Not needed for
                        // a literal end (that case is above) or a length, which is never negative.
                        bool mayWrap = f.Comparison is BinaryOp.Less or BinaryOp.Greater && end is not (Literal or LengthOf);
                        Expr? runsIf = mayWrap ? new Binary(f.Comparison, start, end, IrType.Bool) : null;
                        if (runsIf is not null)
                        {
                            // A loop inside this one with the same guard needs none: the guard held on entry, and
                            // nothing in the body assigns what a loop's bounds read (BP0008).
                            body = GeneratedCode.RewriteForLoops(body, (inner, output) => output.Add(runsIf.Equals(inner.RunsIf) ? inner with { RunsIf = null } : inner));
                        }

                        code.Add(new GFor(f.Counter, last, comparison, start, -f.Step, body) { RunsIf = runsIf });
                        break;
                    }
            }

            if (code.Count == 0)
            {
                return code;
            }

            var result = new List<GStmt> { new GComment(Describe(stmt, _scope.Rules)) };
            if (_scope.HasTemporaries)
            {
                result.Add(new GBlock(code));
            }
            else
            {
                result.AddRange(code);
            }

            return result;
        }

        /// <summary>
        /// The reverse of <c>target = value</c>: the overwritten value restored (when <paramref name="restore"/> is
        /// given) and the adjoint pushed back to what the value read. The restore comes first, unless the derivative
        /// reads the value this statement wrote (<see cref="ReusesTarget"/>); then it comes after.
        /// </summary>
        private void ReverseAssignment(Stmt stmt, Expr target, Expr value, GStmt? restore, List<GStmt> code)
        {
            bool restoreAfter = restore is not null && ReusesTarget(target, value);
            if (restore is not null && !restoreAfter)
            {
                code.Add(restore);
            }

            AdjointOfAssignment(target, value, _resetNeeded.TryGetValue(stmt, out bool reset) && reset, code);
            if (restoreAfter)
            {
                code.Add(restore!);
            }
        }

        /// <summary>Puts the forward code of the body's recomputed statements before its reverse.</summary>
        private List<GStmt> Recompute(Block body, List<GStmt> reverse)
        {
            List<Stmt> recomputed = body.Statements.Where(_recomputed.Contains).ToList();
            if (recomputed.Count == 0 || reverse.Count == 0)
            {
                return reverse;
            }

            var code = new List<GStmt> { new GComment("Recomputed rather than saved: " + string.Join(" ", recomputed.Select(r => r is For ? r.Source + " …" : r.Source))) };
            code.AddRange(ForwardBlock(new Block(new EquatableArray<Stmt>(recomputed.ToArray())), inLoop: true, topLevel: false));
            code.Add(new GBlankLine());
            code.AddRange(reverse);
            return code;
        }

        /// <summary>The comment above a reverse block: the forward statement it differentiates and the rules applied.</summary>
        private static string Describe(Stmt stmt, IReadOnlyList<string> rules) => stmt switch
        {
            If or For => stmt.Source + ", in reverse",
            _ when rules.Count > 0 => $"{stmt.Source}  ->  {string.Join("; ", rules)}",
            _ => stmt.Source,
        };

        /// <summary>
        /// Whether an int expression can never equal <c>int.MinValue</c> (when <paramref name="ascending"/>) or
        /// <c>int.MaxValue</c>, so that the loop starting there may be reversed in the usual form
        /// (<c>for (int i = last; i &gt;= start; i--)</c>): a literal, a length (less a little), the counter of an
        /// enclosing loop that starts away from the limit and moves away from it or stops short of it, or that counter
        /// plus one (minus one towards <c>int.MaxValue</c>). Other starts get the form that steps first.
        /// </summary>
        private bool CannotBeLimit(For loop, Expr start, bool ascending)
        {
            int towardLimit = ascending ? -1 : 1;
            switch (start)
            {
                case Literal literal:
                    return literal.Value != (ascending ? int.MinValue : int.MaxValue);
                case LengthOf length:
                    // At least 0; at most Array.MaxLength (below int.MaxValue) for an array, where a span's could be it.
                    return ascending || IsArray(length.Array);
                case Binary { Op: BinaryOp.Subtract, Left: LengthOf, Right: Literal { Value: var k } }:
                    return k >= (ascending ? 0 : 1) && k < 1 << 30;
                case Conditional choice:
                    return CannotBeLimit(loop, choice.WhenTrue, ascending) && CannotBeLimit(loop, choice.WhenFalse, ascending);
                case VarRef counter when EnclosingLoop(loop, counter.Name) is { } outer:
                    // The outer counter moves from its start away from the limit, or stops short of the limit by its test.
                    return outer.Step == -towardLimit
                        ? CannotBeLimit(outer, outer.Start, ascending)
                        : outer.Comparison == (ascending ? BinaryOp.Greater : BinaryOp.Less);
                case Binary { Op: BinaryOp.Add or BinaryOp.Subtract, Left: VarRef counter, Right: Literal { Value: 1 } } step
                    when (step.Op == BinaryOp.Add) == ascending && EnclosingLoop(loop, counter.Name) is { } outer:
                    // c + 1 in an ascending loop is more than c, unless c + 1 wraps: c = int.MaxValue, which a loop
                    // c < end never reaches, and where a loop c <= end never stops (loops that break or return are
                    // while loops by now). Mirrored: c - 1 in a descending loop.
                    return outer.Step == -towardLimit;
                default:
                    return false;
            }
        }

        /// <summary>Whether the name is an array (of any shape), not a span.</summary>
        private bool IsArray(string name)
            => _variables.TryGetValue(name, out Variable? variable) && variable.Type.Container is not (ContainerKind.Span or ContainerKind.ReadOnlySpan);

        /// <summary>The innermost loop around <paramref name="loop"/> whose counter has this name, if any.</summary>
        private For? EnclosingLoop(For loop, string counter)
        {
            if (_outerLoops is null)
            {
                _outerLoops = new Dictionary<Stmt, For>(ReferenceComparer.Instance);
                foreach (For outer in IrQueries.AllStatements(_function.Body).OfType<For>())
                {
                    foreach (For inner in IrQueries.AllStatements(outer.Body).OfType<For>())
                    {
                        // Visited outermost first, so the innermost enclosing loop is the one left.
                        _outerLoops[inner] = outer;
                    }
                }
            }

            For? current = loop;
            while (current is not null && _outerLoops.TryGetValue(current, out For? outer))
            {
                if (outer.Counter == counter)
                {
                    return outer;
                }

                current = outer;
            }

            return null;
        }

        private static Expr Minus(Expr value, int amount)
        {
            if (value is Literal literal)
            {
                return literal with { Value = literal.Value - amount };
            }

            return amount > 0
                ? new Binary(BinaryOp.Subtract, value, Literal.Of(amount, ScalarKind.Int), IrType.Int)
                : new Binary(BinaryOp.Add, value, Literal.Of(-amount, ScalarKind.Int), IrType.Int);
        }

        /// <summary>The adjoint of <c>target = value</c>, after the target's old value has been restored.</summary>
        private void AdjointOfAssignment(Expr target, Expr value, bool resetNeeded, List<GStmt> code)
        {
            string name = IrQueries.TargetName(target);
            if (!_activity.IsActive(name))
            {
                return;
            }

            Expr targetAdjoint = AdjointOf(target);
            if (!_activity.IsActive(value))
            {
                if (resetNeeded)
                {
                    code.Add(new GAssign(targetAdjoint, Ops.Lit(0, targetAdjoint.Type), false));
                }

                return;
            }

            // target += rest (or -=): the target's adjoint passes through unchanged and flows into rest.
            if (value is Binary { Op: BinaryOp.Add or BinaryOp.Subtract } sum && sum.Left == target && !ReadsValueOf(sum.Right, name))
            {
                Expr adjoint = sum.Op == BinaryOp.Add ? targetAdjoint : Ops.Neg(targetAdjoint);
                Backprop(sum.Right, adjoint, code);
                return;
            }

            if (ReusesTarget(target, value))
            {
                if (value is MathCall call)
                {
                    _scope.Rule(DerivativeRules.Describe(call));
                    DerivativeRules.Apply(call, targetAdjoint, new RuleContext(this, call, code, UsePrimalAfter(target)));
                }
                else
                {
                    DerivativeOfResult((DifferentiableCall)value, targetAdjoint, UsePrimalAfter(target), code);
                }

                if (resetNeeded)
                {
                    code.Add(new GAssign(targetAdjoint, Ops.Lit(0, targetAdjoint.Type), false));
                }

                return;
            }

            if (!ReadsValueOf(value, name))
            {
                Backprop(value, targetAdjoint, code);
                if (resetNeeded)
                {
                    code.Add(new GAssign(targetAdjoint, Ops.Lit(0, targetAdjoint.Type), false));
                }

                return;
            }

            // The value reads the target itself: take the adjoint aside before clearing it.
            string temp = _scope.Temp(name + "AdjOut");
            code.Add(new GLocal(targetAdjoint.Type.Element, temp, targetAdjoint));
            var saved = new VarRef(temp, targetAdjoint.Type.Element);
            code.Add(new GAssign(targetAdjoint, Ops.Lit(0, targetAdjoint.Type), false));
            Backprop(value, saved, code);
        }

        /// <summary>
        /// Whether the derivative of <c>target = value</c> reads the forward value from the target: the value is a
        /// call whose rule needs its own result (<c>u = Math.Exp(y)</c>: dy += du * u), and does not read the target
        /// (which would no longer hold the argument's value).
        /// </summary>
        private bool ReusesTarget(Expr target, Expr value)
            => ForwardValues.RuleReadsResult(value, _activity)
                && target is VarRef or ElementRef && !IrQueries.AllReads(value).Contains(IrQueries.TargetName(target));

        private static bool ReadsValueOf(Expr expr, string name)
        {
            var reads = new HashSet<string>();
            IrQueries.ValueReads(expr, reads);
            return reads.Contains(name);
        }

        /// <summary>
        /// Whether a product multiplies an expression by itself (<c>w[i] * w[i]</c>). Calls other than the pure
        /// <see cref="System.Math"/> functions are not taken as the same value twice.
        /// </summary>
        private static bool IsSquare(Binary product)
            => product.Left.Equals(product.Right)
               && !IrQueries.Subexpressions(product.Left).Any(e => e is DifferentiableCall or OpaqueCall);

        /// <summary>Adds <paramref name="adjoint"/> times the derivative of <paramref name="expr"/> into the adjoints of what it reads.</summary>
        private void Backprop(Expr expr, Expr adjoint, List<GStmt> code)
        {
            if (!_activity.IsActive(expr))
            {
                return;
            }

            switch (expr)
            {
                case VarRef or ElementRef:
                    code.Add(new GAssign(AdjointOf(expr), Ops.CastTo(adjoint, expr.Type), true));
                    break;

                case Unary { Op: UnaryOp.Negate } negate:
                    _scope.Rule("d(-u) = -du");
                    Backprop(negate.Operand, Ops.Neg(adjoint), code);
                    break;

                case Binary { Op: BinaryOp.Add or BinaryOp.Subtract } sum:
                    {
                        _scope.Rule("d(u ± v) = du ± dv");
                        Expr shared = Share(adjoint, _activity.IsActive(sum.Left) && _activity.IsActive(sum.Right), code);
                        Backprop(sum.Left, shared, code);
                        Backprop(sum.Right, sum.Op == BinaryOp.Add ? shared : Ops.Neg(shared), code);
                        break;
                    }

                case Binary { Op: BinaryOp.Multiply } square when IsSquare(square):
                    // u * u: one term, as a hand-written derivative has it, instead of u du + u du. 2·(u·a) is
                    // the sum u·a + a·u bit for bit (doubling does not round, and overflows where the sum does);
                    // (2u)·a would not be: 2u overflows for |u| > max/2, and ∞·0 is NaN where the sum is 0.
                    _scope.Rule("d(u²) = 2u du");
                    Backprop(square.Left, Ops.Mul(Ops.Lit(2, square.Type), Ops.Mul(UsePrimal(square.Left), adjoint)), code);
                    break;

                case Binary { Op: BinaryOp.Multiply } product:
                    {
                        _scope.Rule("d(uv) = v du + u dv");
                        bool both = _activity.IsActive(product.Left) && _activity.IsActive(product.Right);
                        Expr shared = Share(adjoint, both, code);
                        if (_activity.IsActive(product.Left))
                        {
                            Backprop(product.Left, Ops.Mul(shared, both ? FactorValue(product.Right, code) : UsePrimal(product.Right)), code);
                        }

                        if (_activity.IsActive(product.Right))
                        {
                            Backprop(product.Right, Ops.Mul(both ? FactorValue(product.Left, code) : UsePrimal(product.Left), shared), code);
                        }

                        break;
                    }

                case Binary { Op: BinaryOp.Divide } quotient:
                    {
                        _scope.Rule("d(u/v) = du/v - u dv/v²");
                        bool both = _activity.IsActive(quotient.Left) && _activity.IsActive(quotient.Right);
                        Expr shared = Share(adjoint, both, code);
                        Expr denominator = _activity.IsActive(quotient.Right) ? SharePrimal(quotient.Right, "denominator", code) : UsePrimal(quotient.Right);
                        if (_activity.IsActive(quotient.Left))
                        {
                            Backprop(quotient.Left, Ops.Div(shared, denominator), code);
                        }

                        if (_activity.IsActive(quotient.Right))
                        {
                            // d(a / b) = -a / b² db
                            Expr numerator = UsePrimal(quotient.Left);
                            Backprop(quotient.Right, Ops.Neg(Ops.Div(Ops.Mul(shared, numerator), Ops.Mul(denominator, denominator))), code);
                        }

                        break;
                    }

                case Cast cast:
                    Backprop(cast.Operand, Ops.CastTo(adjoint, cast.Operand.Type), code);
                    break;

                case Conditional { Condition: Literal constant } folded:
                    // A constant condition (the parser folds constant expressions) always takes the same branch;
                    // testing it in the reverse sweep would be unreachable code, which C# warns about.
                    Backprop(constant.Value != 0 ? folded.WhenTrue : folded.WhenFalse, adjoint, code);
                    break;

                case Conditional conditional:
                    {
                        _scope.Rule("c ? u : v passes the adjoint to the branch taken");
                        Expr shared = Share(adjoint, true, code);
                        var then = new List<GStmt>();
                        var otherwise = new List<GStmt>();
                        Backprop(conditional.WhenTrue, shared, then);
                        Backprop(conditional.WhenFalse, shared, otherwise);
                        code.Add(new GIf(UsePrimal(conditional.Condition), null, then, otherwise));
                        break;
                    }

                case MathCall call:
                    _scope.Rule(DerivativeRules.Describe(call));
                    DerivativeRules.Apply(call, adjoint, new RuleContext(this, call, code, _scope.ValueOf(call)));
                    break;

                case DifferentiableCall call:
                    PullbackCall(call, adjoint, code);
                    break;

                default:
                    throw new InvalidOperationException($"No adjoint rule for {expr.GetType().Name}.");
            }
        }

        /// <summary>
        /// The value of a factor of an active product, for the other factor's term: a call whose own rule reads its
        /// value (<c>x * Math.Exp(x)</c>) gets a local that both terms use, instead of being computed twice.
        /// </summary>
        private Expr FactorValue(Expr factor, List<GStmt> code)
        {
            if (factor is not MathCall call || !DerivativeRules.ReadsResult(call.Function))
            {
                return UsePrimal(factor);
            }

            if (_scope.ValueOf(call) is { } known)
            {
                return known;
            }

            string temp = _scope.Temp(call.Function.ToString().ToLowerInvariant());
            code.Add(new GLocal(call.Type, temp, UsePrimal(call)));
            var value = new VarRef(temp, call.Type);
            _scope.Remember(call, value);
            return value;
        }

        /// <summary>
        /// The user's <c>[DerivativeOf(…, FromResult = true)] T FDerivative(T y)</c>: d F(u) = FDerivative(F(u)) du,
        /// with F(u) read from <paramref name="result"/>.
        /// </summary>
        private void DerivativeOfResult(DifferentiableCall call, Expr seed, Expr result, List<GStmt> code)
        {
            string pullbackName = PullbackName(call);
            _scope.Rule($"d {call.Callee.Name}(u) = {pullbackName}({call.Callee.Name}(u)) du");
            Expr derivative = new OpaqueCall(call.Callee.Pullback, new EquatableArray<Expr>(new[] { result }), true, call.Type, call.Location);
            Backprop(call.Arguments[0], Ops.Mul(seed, derivative), code);
        }

        private static string PullbackName(DifferentiableCall call) => call.Callee.Pullback.Substring(call.Callee.Pullback.LastIndexOf('.') + 1);

        /// <summary>
        /// Calls a callee's pullback with the primal arguments (restored to their values at the call), the adjoint
        /// of its result, and a gradient buffer per differentiable parameter.
        /// </summary>
        private void PullbackCall(DifferentiableCall call, Expr? seed, List<GStmt> code)
        {
            string pullbackName = PullbackName(call);
            if (call.Callee.Derivative == CalleeDerivative.OfArgument)
            {
                // The user's T FDerivative(T x): d F(u) = FDerivative(u) du.
                _scope.Rule($"d {call.Callee.Name}(u) = {pullbackName}(u) du");
                Expr derivative = new OpaqueCall(call.Callee.Pullback, new EquatableArray<Expr>(new[] { UsePrimal(call.Arguments[0]) }), true, call.Type, call.Location);
                Backprop(call.Arguments[0], Ops.Mul(seed!, derivative), code);
                return;
            }

            if (call.Callee.Derivative == CalleeDerivative.OfResult)
            {
                // Where no variable holds F(u) (a branch of a conditional expression), it is computed again.
                DerivativeOfResult(call, seed!, call with { Arguments = call.Arguments.Select(UsePrimal).ToEquatableArray() }, code);
                return;
            }

            _scope.Rule($"chain rule through {pullbackName}");
            var arguments = new List<string>();
            var afterCall = new List<(Expr Argument, VarRef Adjoint)>();
            var scratch = new List<(string Name, ScalarKind Element)>();
            for (int i = 0; i < call.Arguments.Count; i++)
            {
                arguments.Add(Emitting.ExpressionPrinter.Argument(UsePrimal(call.Arguments[i]), call.Callee.Parameters[i]));
            }

            if (seed is not null)
            {
                Expr shaped = Ops.CastTo(seed, call.Callee.ReturnType!);
                arguments.Add(Emitting.ExpressionPrinter.Print(shaped));
            }

            for (int i = 0; i < call.Arguments.Count; i++)
            {
                CalleeParameter parameter = call.Callee.Parameters[i];
                if (!parameter.IsDifferentiable)
                {
                    continue;
                }

                Expr argument = call.Arguments[i];
                if (parameter.Type.IsSequence && argument is ElementRef row)
                {
                    // A row of a jagged array (the parser allows it only where the callee cannot write it): the row of
                    // the gradient buffer, or a scratch row when the array has no adjoint.
                    if (_activity.IsActive(row.Array))
                    {
                        arguments.Add(Emitting.ExpressionPrinter.Print(AdjointOf(row)));
                    }
                    else
                    {
                        string element = ScalarName(row.Type.Scalar);
                        string name = _scope.Temp(row.Array + "RowScratch");
                        code.Add(new GDeclare($"{element}[]", name, $"global::Backprop.Support.LocalArrayPool<{element}>.Rent({Emitting.ExpressionPrinter.Print(UsePrimal(row))}.Length)"));
                        scratch.Add((name, row.Type.Scalar));
                        arguments.Add(name);
                    }
                }
                else if (parameter.Type.IsSequence)
                {
                    var array = (VarRef)argument;
                    if (_activity.IsActive(array.Name))
                    {
                        arguments.Add(AdjointName(array.Name));
                    }
                    else
                    {
                        // The callee wants a buffer, but this argument has no adjoint: give it a scratch one.
                        string element = ScalarName(array.Type.Scalar);
                        string name = _scope.Temp(array.Name + "Scratch");
                        code.Add(array.Type.Container == ContainerKind.Array2D
                            ? new GDeclare($"{element}[,]", name, $"global::Backprop.Support.LocalArrayPool2D<{element}>.Rent({array.Name}.GetLength(0), {array.Name}.GetLength(1))")
                            : new GDeclare($"{element}[]", name, $"global::Backprop.Support.LocalArrayPool<{element}>.Rent({array.Name}.Length)"));
                        scratch.Add((name, array.Type.Scalar));
                        arguments.Add(name);
                    }
                }
                else if ((argument is VarRef || (argument is ElementRef element && !call.Arguments.Any(a => a is VarRef { Type.IsSequence: true } passed && passed.Name == element.Array)))
                    && _activity.IsActive(argument) && argument.Type == parameter.Type.Element)
                {
                    // A plain variable or element: the pullback accumulates straight into its adjoint. (Not an element
                    // of an array passed to the same call: the pullback rewrites that array's adjoint buffer.)
                    arguments.Add("ref " + Emitting.ExpressionPrinter.Print(AdjointOf(argument)));
                }
                else
                {
                    string name = _scope.Temp(call.Callee.Name.Substring(0, 1).ToLowerInvariant() + call.Callee.Name.Substring(1) + "ArgAdj");
                    IrType type = parameter.Type.Element;
                    code.Add(new GLocal(type, name, Ops.Lit(0, type) with { Type = type }));
                    arguments.Add("ref " + name);
                    afterCall.Add((argument, new VarRef(name, type)));
                }
            }

            code.Add(new GRaw($"{call.Callee.Pullback}({string.Join(", ", arguments)});"));
            foreach ((string name, ScalarKind element) in scratch)
            {
                code.Add(new GRaw($"global::Backprop.Support.LocalArrayPool<{ScalarName(element)}>.Return({name});"));
            }

            foreach ((Expr argument, VarRef adjoint) in afterCall)
            {
                Backprop(argument, adjoint, code);
            }
        }

        // ---------------------------------------------------------------- adjoints, temporaries, tapes

        private Expr AdjointOf(Expr target) => target switch
        {
            VarRef v => new VarRef(AdjointName(v.Name), v.Type),
            ElementRef e => new ElementRef(AdjointName(e.Array), UsePrimal(e.Index), e.Type, e.Index2 is null ? null : UsePrimal(e.Index2), e.Jagged),
            _ => throw new InvalidOperationException("Only variables and elements have adjoints."),
        };

        private string AdjointName(string variable)
        {
            if (_adjointNames.TryGetValue(variable, out string? existing))
            {
                return existing;
            }

            Variable v = _variables[variable];
            string name;
            if (v.Role == VariableRole.Result)
            {
                name = SeedName!;
            }
            else if (v.Role == VariableRole.Parameter && (v.Type.IsSequence || !IsReassigned(variable)))
            {
                // Arrays, and scalars the body never reassigns, accumulate straight into the caller's buffer.
                name = GradientNames[variable];
            }
            else
            {
                name = _names.Reserve(variable + "Adj");
            }

            _adjointNames[variable] = name;
            return name;
        }

        private bool IsReassigned(string variable) => IrQueries.Assigned(_function.Body).Contains(variable);

        private void DeclareAdjoints()
        {
            foreach (KeyValuePair<string, string> pair in _adjointNames.OrderBy(p => OrderOf(p.Key)))
            {
                Variable variable = _variables[pair.Key];
                if (variable.Type.IsSequence || variable.Role == VariableRole.Result)
                {
                    continue;
                }

                if (variable.Role == VariableRole.Parameter)
                {
                    if (pair.Value != GradientNames[pair.Key])
                    {
                        AdjointDeclarations.Add(new GLocal(variable.Type, pair.Value, Ops.Lit(0, variable.Type) with { Type = variable.Type }));
                        Epilogue.Add(new GAssign(new VarRef(GradientNames[pair.Key], variable.Type), new VarRef(pair.Value, variable.Type), true));
                    }

                    continue;
                }

                AdjointDeclarations.Add(new GLocal(variable.Type, pair.Value, Ops.Lit(0, variable.Type) with { Type = variable.Type }));
            }
        }

        private int OrderOf(string variable)
        {
            int index = 0;
            foreach (Variable v in _function.Parameters.Concat(_function.Locals))
            {
                if (v.Name == variable)
                {
                    return index;
                }

                index++;
            }

            return index;
        }

        private void Hoist(Variable variable)
        {
            if (_topLevelDeclared.Contains(variable.Name) || Hoisted.OfType<GLocal>().Any(h => h.Name == variable.Name))
            {
                return;
            }

            Hoisted.Add(new GLocal(variable.Type, variable.Name, Ops.Lit(0, variable.Type) with { Type = variable.Type }));
        }

        /// <summary>Records that the reverse sweep reads a primal expression, so its variables must hold their forward values.</summary>
        private Expr UsePrimal(Expr expr)
        {
            var names = new HashSet<string>();
            IrQueries.AllReads(expr, names);
            foreach (string name in names)
            {
                if (_variables.ContainsKey(name))
                {
                    _reads.Add((name, _current));
                }
            }

            return expr;
        }

        /// <summary>Records that the reverse of the current statement reads the value it wrote into <paramref name="target"/>.</summary>
        private Expr UsePrimalAfter(Expr target)
        {
            _postReads.Add((IrQueries.TargetName(target), _current));
            return UseIndex(target);
        }

        private Expr UseIndex(Expr target)
        {
            if (target is ElementRef element)
            {
                UsePrimal(element.Index);
                if (element.Index2 is not null)
                {
                    UsePrimal(element.Index2);
                }
            }

            return target;
        }

        // Zero.Clear rather than Array.Clear or Span.Clear, which leave the AVX state dirty and slow down Math.Exp.
        private GStmt Clear(string array) => new GRaw($"global::Backprop.Support.Zero.Clear({array});");

        private Expr SharePrimal(Expr expr, string name, List<GStmt> code)
        {
            UsePrimal(expr);
            if (Ops.IsSimple(expr))
            {
                return expr;
            }

            string temp = _scope.Temp(name);
            code.Add(new GLocal(expr.Type.Element, temp, expr));
            return new VarRef(temp, expr.Type.Element);
        }

        private Expr Share(Expr adjoint, bool usedTwice, List<GStmt> code)
        {
            if (!usedTwice || Ops.IsSimple(adjoint))
            {
                return adjoint;
            }

            string temp = _scope.Temp("adj");
            code.Add(new GLocal(adjoint.Type.Element, temp, adjoint));
            return new VarRef(temp, adjoint.Type.Element);
        }

        private string UseTape(string kind)
        {
            _tapeKinds.Add(kind);
            return TapeName(kind);
        }

        private GStmt Push(Expr value) => new GRaw($"{UseTape(ScalarName(value.Type.Scalar))}.Push({Emitting.ExpressionPrinter.Print(value)});");

        private GStmt Pop(Expr target)
        {
            UseIndex(target);

            // An assignment rather than text, so that the transforms of the sweeps (LoopInvariantIndices,
            // ElementPromotion) see that a restore writes its target and nothing else.
            var pop = new OpaqueCall($"{UseTape(ScalarName(target.Type.Scalar))}.Pop", new List<Expr>().ToEquatableArray(), IsInvocation: true, target.Type, Location: null);
            return new GAssign(target, pop, Accumulate: false);
        }

        private GStmt PushAll(string array) => new GRaw($"{UseTape(ScalarName(_variables[array].Type.Scalar))}.PushAll({array});");

        private GStmt PopAll(string array) => new GRaw($"{UseTape(ScalarName(_variables[array].Type.Scalar))}.PopAll({array});");

        /// <summary>The C# keyword of a scalar kind.</summary>
        public static string ScalarName(ScalarKind kind) => kind switch
        {
            ScalarKind.Double => "double",
            ScalarKind.Float => "float",
            ScalarKind.Int => "int",
            _ => "bool",
        };

        /// <summary>
        /// Decides, for each assignment, whether the reverse sweep must clear the target's adjoint after using it:
        /// only when something before it (an earlier assignment of the same variable, an earlier loop iteration,
        /// or the caller's buffer for a parameter) will read that adjoint afterwards.
        /// </summary>
        private void ComputeResets(Block block, HashSet<string> assignedBefore, bool inLoop)
        {
            foreach (Stmt stmt in block.Statements)
            {
                switch (stmt)
                {
                    case Declare { Initializer: not null } d:
                        _resetNeeded[d] = inLoop || assignedBefore.Contains(d.Variable);
                        assignedBefore.Add(d.Variable);
                        break;
                    case Assign a:
                        {
                            string name = IrQueries.TargetName(a.Target);
                            _resetNeeded[a] = inLoop || assignedBefore.Contains(name) || a.Target is ElementRef;
                            assignedBefore.Add(name);
                            break;
                        }

                    case CallStatement c:
                        assignedBefore.UnionWith(IrQueries.WrittenArrays(c.Call));
                        break;
                    case If i:
                        {
                            var then = new HashSet<string>(assignedBefore);
                            var otherwise = new HashSet<string>(assignedBefore);
                            ComputeResets(i.Then, then, inLoop);
                            ComputeResets(i.Else, otherwise, inLoop);
                            assignedBefore.UnionWith(then);
                            assignedBefore.UnionWith(otherwise);
                            break;
                        }

                    case For f:
                        ComputeResets(f.Body, assignedBefore, inLoop: true);
                        break;
                    case While w:
                        ComputeResets(w.Body, assignedBefore, inLoop: true);
                        break;
                }
            }
        }

        /// <summary>Temporaries of one reverse statement, declared at the top of its block.</summary>
        private sealed class Scope
        {
            private readonly NameAllocator _names;
            private readonly HashSet<string> _local = new HashSet<string>();

            public Scope(NameAllocator names) => _names = names;

            private readonly List<string> _rules = new List<string>();

            /// <summary>The derivative rules this statement's adjoint applies, in order, without repeats.</summary>
            public IReadOnlyList<string> Rules => _rules;

            public void Rule(string rule)
            {
                if (!_rules.Contains(rule))
                {
                    _rules.Add(rule);
                }
            }

            private readonly Dictionary<Expr, Expr> _values = new Dictionary<Expr, Expr>(ReferenceComparer.Instance);

            /// <summary>The local holding this call's value (this very call, not an equal one elsewhere), if one was declared.</summary>
            public Expr? ValueOf(MathCall call) => _values.TryGetValue(call, out Expr? value) ? value : null;

            public void Remember(MathCall call, Expr value) => _values[call] = value;

            /// <summary>Whether the statement's code declares temporaries and so needs braces of its own.</summary>
            public bool HasTemporaries { get; private set; }

            public string Temp(string baseName)
            {
                HasTemporaries = true;
                // Spelled as the compiler reads it (@baseAdj + Out is baseAdjOut), like the allocator's names.
                string name = Identifiers.Plain(baseName);
                for (int suffix = 2; _names.IsTaken(name) || !_local.Add(name); suffix++)
                {
                    name = Identifiers.Plain(baseName + suffix.ToString(CultureInfo.InvariantCulture));
                }

                return name;
            }
        }

        private sealed class RuleContext : IRuleContext
        {
            private readonly ReverseMode _owner;
            private readonly MathCall _call;
            private readonly List<GStmt> _code;
            private readonly Expr?[] _arguments;
            private Expr? _result;

            public RuleContext(ReverseMode owner, MathCall call, List<GStmt> code, Expr? result = null)
            {
                _owner = owner;
                _call = call;
                _code = code;
                _arguments = new Expr?[call.Arguments.Count];
                _result = result;
            }

            public Expr Argument(int index)
                => _arguments[index] ??= _owner.SharePrimal(_call.Arguments[index], "arg", _code);

            public Expr Result()
            {
                if (_result is null)
                {
                    var recomputed = new MathCall(_call.Function, Enumerable.Range(0, _call.Arguments.Count).Select(Argument).ToEquatableArray(), _call.Type);
                    string temp = _owner._scope.Temp(_call.Function.ToString().ToLowerInvariant());
                    _code.Add(new GLocal(_call.Type, temp, recomputed));
                    _result = new VarRef(temp, _call.Type);
                }

                return _result;
            }

            public bool IsActive(int index) => _owner._activity.IsActive(_call.Arguments[index]);

            public void Propagate(int index, Expr adjoint)
            {
                if (IsActive(index))
                {
                    _owner.Backprop(_call.Arguments[index], adjoint, _code);
                }
            }

            public void Branch(Expr condition, Action then, Action otherwise)
            {
                int start = _code.Count;
                then();
                List<GStmt> thenCode = _code.Skip(start).ToList();
                _code.RemoveRange(start, _code.Count - start);
                otherwise();
                List<GStmt> elseCode = _code.Skip(start).ToList();
                _code.RemoveRange(start, _code.Count - start);
                if (thenCode.Count > 0 || elseCode.Count > 0)
                {
                    // Both sides are empty when neither sends the adjoint to an active argument (Clamp of a constant).
                    _code.Add(new GIf(condition, null, thenCode, elseCode));
                }
            }

            public Expr Share(Expr value, string name)
            {
                if (Ops.IsSimple(value))
                {
                    return value;
                }

                _owner.UsePrimal(value);
                string temp = _owner._scope.Temp(name);
                _code.Add(new GLocal(value.Type.Element, temp, value));
                return new VarRef(temp, value.Type.Element);
            }
        }
    }
}
