using System.Collections.Generic;
using System.Linq;
using Backprop.Generators.Ir;
using Backprop.Generators.Model;

namespace Backprop.Generators.Differentiation
{
    /// <summary>
    /// Names the value of each call of a method the generator knows nothing about (an opaque call: a constant for
    /// differentiation) inside a larger expression, so that the reverse sweep reads the value the forward sweep got
    /// instead of calling the method again: <c>y = x * Noise();</c> becomes <c>double noise = Noise(); y = x * noise;</c>,
    /// and <c>if (x &gt; 0 &amp;&amp; Coin())</c> becomes <c>bool condition = x &gt; 0 &amp;&amp; Coin(); if (condition)</c>.
    /// </summary>
    /// <remarks>
    /// <para>Why: a method that draws a random number, counts its calls or reads a clock returns something else the
    /// second time; the reverse sweep that called it again used another factor, or took another branch, than the
    /// forward sweep, a silently wrong gradient. A named value is read again like any local (saved on the tape where a
    /// loop overwrites it).</para>
    /// <para>Order: the calls are named so that everything still runs in the order C# runs it. In a statement, every
    /// call, field or property read, and (when a call is given an array it may write) element read that C# evaluates
    /// before the last call is named with it, first to last (an index of the assigned element comes before the
    /// value). A <c>?:</c> with a call in a branch has its condition named first, then is named whole as one step of
    /// that order; so is a <c>&amp;&amp;</c> or <c>||</c> with a call on its right, and an if's condition with one.
    /// A <c>?:</c> of numbers whose branch calls such a method becomes an if, whose branches name their own calls:
    /// its reverse needs their values. Where the method calls anything, field
    /// and property reads are named too, since the call may change them before the reverse sweep reads them. A loop's
    /// start is named the same way. A loop's end, evaluated at every iteration, cannot be named: Validation refuses
    /// one that calls such a method (BP0008), and calls of callees whose pullback would call one again (BP0015).</para>
    /// <para>Known to be pure, and left alone: <c>Math</c>'s methods, the number types' static methods, methods (or
    /// types) the user marked <c>[Pure]</c>, and helpers whose bodies show it (Parsing/MethodEffects.cs); a helper that
    /// only reads state is named like a field read.</para>
    /// </remarks>
    internal static class CallValues
    {
        /// <summary>
        /// Whether a call (or a computed property's read) may return something else when called again, or change
        /// state: any but those known to be pure, marked <c>[Pure]</c>, or found pure or only reading state from their
        /// bodies (Parsing/MethodEffects.cs, which also knows Math and the number types).
        /// </summary>
        public static bool MayDiffer(Expr expr) => expr is OpaqueCall { Effect: OpaqueEffect.MayDiffer };

        /// <summary>
        /// Whether a call may change a field or property the method reads: one whose body may write state (or cannot be
        /// read; writing to the console or a debug listener does not count), a property whose getter may, or a call of
        /// a callee that makes one.
        /// </summary>
        public static bool ChangesState(Expr expr) => expr is OpaqueCall { MayChangeState: true } or DifferentiableCall { Callee.ChangesState: not null };

        /// <summary>The name of what <see cref="ChangesState"/> found: the method called, or the callee that calls it.</summary>
        public static string ChangerName(Expr expr) => expr is DifferentiableCall call ? call.Callee.Name : ShortName(((OpaqueCall)expr).Target);

        /// <summary>
        /// A read of a field or property that may change (not a constant, a readonly field or an immutable property),
        /// or a call that only reads such state.
        /// </summary>
        public static bool IsStateRead(Expr expr) => expr is OpaqueCall { Effect: OpaqueEffect.ReadsState };

        /// <summary>
        /// The first call in a callee's body that would make its pullback, which runs the body again, see other values:
        /// a call whose value may differ, or (when the body, or a callee of it, reads a field or property) one that may
        /// change it; or what a callee of the body reports. Null when there is none.
        /// </summary>
        public static Redraw? RedrawnCall(Function callee)
        {
            List<Stmt> statements = IrQueries.AllStatements(callee.Body).ToList();
            List<Expr> parts = statements.SelectMany(IrQueries.Expressions).SelectMany(IrQueries.Subexpressions).ToList();
            string? read = StateRead(callee);
            var discarded = new HashSet<Expr>(statements.OfType<CallStatement>().Select(c => c.Call), ReferenceComparer.Instance);
            foreach (Expr part in parts)
            {
                if (MayDiffer(part) && !discarded.Contains(part))
                {
                    var drawn = (OpaqueCall)part;
                    string method = ShortName(drawn.Target);
                    return new Redraw(method, $"{(drawn.IsInvocation ? "calls" : "reads")} '{method}', which may return another value each time");
                }

                if (part is DifferentiableCall { Callee.Redraws: { } nested } call)
                {
                    return nested with { Clause = $"calls '{call.Callee.Name}', which {nested.Clause}" };
                }

                if (read is not null && ChangesState(part))
                {
                    string changer = ChangerName(part);
                    return new Redraw(changer, $"calls '{changer}', which may change '{read}', which it reads");
                }
            }

            return null;
        }

        /// <summary>The first call in a callee's body (or a callee's) that may change state, by name; null when there is none.</summary>
        public static string? StateChange(Function callee)
            => IrQueries.AllStatements(callee.Body).SelectMany(IrQueries.Expressions).SelectMany(IrQueries.Subexpressions).FirstOrDefault(ChangesState) is { } change
                ? (change is DifferentiableCall call ? call.Callee.ChangesState : ShortName(((OpaqueCall)change).Target))
                : null;

        /// <summary>The first field or property that may change which a callee's body reads, or a callee of the body reports; null when there is none.</summary>
        public static string? StateRead(Function callee)
        {
            foreach (Expr part in IrQueries.AllStatements(callee.Body).SelectMany(IrQueries.Expressions).SelectMany(IrQueries.Subexpressions))
            {
                switch (part)
                {
                    case OpaqueCall read when IsStateRead(read):
                        return ShortName(read.Target);
                    case DifferentiableCall { Callee.ReadsState: { } nested }:
                        return nested;
                }
            }

            return null;
        }

        /// <summary><c>global::Ns.Type.Method</c> gives <c>Type.Method</c>, as diagnostics name it.</summary>
        public static string ShortName(string target)
        {
            string name = target.StartsWith("global::", System.StringComparison.Ordinal) ? target.Substring("global::".Length) : target;
            int generic = name.IndexOf('<');
            string head = generic < 0 ? name : name.Substring(0, generic);
            int lastDot = head.LastIndexOf('.');
            int previousDot = lastDot > 0 ? head.LastIndexOf('.', lastDot - 1) : -1;
            return name.Substring(previousDot + 1);
        }

        /// <summary>Returns the function with such values named; the same function when there are none.</summary>
        public static Function Bind(Function function)
        {
            var names = new NameAllocator(function.Parameters.Concat(function.Locals).Select(v => v.Name));
            // Names the generated signature takes (xGrad, resultAdj) stay free for it.
            names.Take(function.Parameters.Select(p => Identifiers.Plain(p.Name) + "Grad").Append("resultAdj"));
            var locals = new List<Variable>(function.Locals);
            List<Expr> parts = IrQueries.AllStatements(function.Body).SelectMany(IrQueries.Expressions).SelectMany(IrQueries.Subexpressions).ToList();
            bool stateMayChange = parts.Any(e => MayDiffer(e) || ChangesState(e));

            // Arrays a call inside an expression may write: their elements are named where they are read, wherever
            // the call is. (The tape saves and restores an array around a call made as a statement.)
            var statementCalls = new HashSet<Expr>(IrQueries.AllStatements(function.Body).OfType<CallStatement>().Select(c => c.Call), ReferenceComparer.Instance);
            var writtenByCalls = new HashSet<string>(parts.OfType<OpaqueCall>().Where(c => c.WritesArrays && !statementCalls.Contains(c))
                .SelectMany(c => c.Arguments).OfType<VarRef>().Where(a => a.Type.IsSequence).Select(a => a.Name));
            Block body = BindBlock(function.Body, new Context(names, locals, stateMayChange, writtenByCalls));
            return locals.Count == function.Locals.Count ? function : function with { Body = body, Locals = locals.ToEquatableArray() };
        }

        private sealed record Context(NameAllocator Names, List<Variable> Locals, bool StateMayChange, ISet<string> WrittenByCalls);

        private static Block BindBlock(Block block, Context context)
        {
            var output = new List<Stmt>();
            foreach (Stmt stmt in block.Statements)
            {
                var binder = new Binder(stmt, context, output);
                switch (stmt)
                {
                    case Assign { Target: ElementRef target } a:
                        {
                            // C# evaluates the target's indices, then the value; the element itself is written.
                            Expr[] indices = target.Index2 is null ? new[] { target.Index } : new[] { target.Index, target.Index2 };
                            Expr[] parts = binder.Name(indices.Append(a.Value).ToArray(), wholeValue: a.Value);
                            ElementRef written = target with { Index = parts[0], Index2 = target.Index2 is null ? null : parts[1] };
                            output.Add(a with { Target = written, Value = parts[parts.Length - 1] });
                            break;
                        }

                    case Assign a:
                        output.Add(a with { Value = binder.Name(new[] { a.Value }, wholeValue: a.Value)[0] });
                        break;
                    case Declare { Initializer: { } initializer } d:
                        output.Add(d with { Initializer = binder.Name(new[] { initializer }, wholeValue: initializer)[0] });
                        break;
                    case CallStatement { Call: DifferentiableCall call } c:
                        output.Add(c with { Call = call with { Arguments = binder.Name(call.Arguments.ToArray(), wholeValue: null).ToEquatableArray() } });
                        break;
                    case If i:
                        output.Add(i with { Condition = binder.NameCondition(i.Condition), Then = BindBlock(i.Then, context), Else = BindBlock(i.Else, context) });
                        break;
                    case For f:
                        output.Add(f with { Start = binder.Name(new[] { f.Start }, wholeValue: null)[0], Body = BindBlock(f.Body, context) });
                        break;
                    case While w:
                        output.Add(w with { Body = BindBlock(w.Body, context) });
                        break;
                    default:
                        output.Add(stmt);
                        break;
                }
            }

            return new Block(output.ToEquatableArray());
        }

        private sealed class Binder
        {
            private readonly Stmt _stmt;
            private readonly Context _context;
            private readonly List<Stmt> _output;

            public Binder(Stmt stmt, Context context, List<Stmt> output)
            {
                _stmt = stmt;
                _context = context;
                _output = output;
            }

            /// <summary>
            /// An if's condition: named whole when a call in it may not run (<c>x &gt; 0 &amp;&amp; Coin()</c>), so that
            /// the reverse sweep takes the branch the forward sweep took; otherwise as any expression.
            /// </summary>
            public Expr NameCondition(Expr condition)
            {
                var evaluated = new List<Expr>();
                Collect(condition, evaluated, new HashSet<string>());
                return evaluated.Any(e => e is Conditional or Binary && IrQueries.Subexpressions(e).Any(MayDiffer)) && condition.Type.Scalar != ScalarKind.Opaque
                    ? Declare(condition, condition is OpaqueCall call ? call.Target : "condition")
                    : Name(new[] { condition }, wholeValue: null)[0];
            }

            /// <summary>
            /// The expressions with the values named (declared before the statement), in C#'s order of evaluation;
            /// <paramref name="wholeValue"/>, the value an assignment stores, is not named itself: its target holds it.
            /// </summary>
            public Expr[] Name(Expr[] parts, Expr? wholeValue)
            {
                // Element reads of an array a call is given count: the call may write it.
                var elements = new HashSet<string>(parts.SelectMany(IrQueries.Subexpressions)
                    .OfType<OpaqueCall>().Where(c => c.IsInvocation).SelectMany(c => c.Arguments).OfType<VarRef>().Where(a => a.Type.IsSequence).Select(a => a.Name));
                elements.UnionWith(_context.WrittenByCalls);

                // Every call and read the statement always evaluates, in evaluation order (arguments first); a ?: or
                // a && or || with a call where it may not run counts as one, named whole if it is.
                var evaluated = new List<Expr>();
                foreach (Expr part in parts)
                {
                    Collect(part, evaluated, elements);
                }

                // A ?: that is lowered to an if (below) is named even when it is the whole value.
                int last = evaluated.FindLastIndex(e => (!ReferenceEquals(e, wholeValue) && IrQueries.Subexpressions(e).Any(NeedsName)) || IsLowered(e));
                if (last < 0 || evaluated.Take(last + 1).Any(e => e.Type.IsSequence || e.Type.Scalar == ScalarKind.Opaque))
                {
                    // Nothing to name, or a value no local of ours can hold (an object passed to the call): as written.
                    return parts;
                }

                var named = new Dictionary<Expr, VarRef>(ReferenceComparer.Instance);
                for (int k = 0; k <= last; k++)
                {
                    Expr value = Replace(evaluated[k], named);
                    string stem = value switch
                    {
                        OpaqueCall opaque => opaque.Target,
                        DifferentiableCall call => call.Callee.Name,
                        ElementRef element => element.Array + "Element",
                        Conditional => "choice",
                        _ => "condition",
                    };
                    named[evaluated[k]] = IsLowered(evaluated[k]) ? Lower((Conditional)value) : Declare(value, stem);
                }

                return parts.Select(p => Replace(p, named)).ToArray();
            }

            /// <summary>
            /// A call whose value may differ; a callee that draws or changes state (named, so that the reverse sweep
            /// never computes its value again); where the method calls one, a field or property read, or a callee that
            /// reads one; an element of an array a call may write.
            /// </summary>
            private bool NeedsName(Expr expr)
                => MayDiffer(expr)
                    || expr is DifferentiableCall { Callee: { Redraws: not null } or { ChangesState: not null } }
                    || (_context.StateMayChange && (IsStateRead(expr) || expr is DifferentiableCall { Callee.ReadsState: not null }))
                    || (expr is ElementRef { Type.IsSequence: false } element && _context.WrittenByCalls.Contains(element.Array));

            /// <summary>
            /// A <c>?:</c> of numbers with such a call in a branch: its reverse needs the call's value (the factor of
            /// <c>b ? x * Noise() : x</c>, or the coin of a nested <c>?:</c>), which only the branch can name. (A callee
            /// that draws could be neither inlined in a branch nor called, whose pullback would draw again; in an if it
            /// is inlined.)
            /// </summary>
            private bool IsLowered(Expr expr)
                => expr is Conditional { Type.IsFloatingPoint: true, Type.IsSequence: false } conditional
                    && IrQueries.Subexpressions(conditional.WhenTrue).Concat(IrQueries.Subexpressions(conditional.WhenFalse)).Any(NeedsName);

            /// <summary>
            /// <c>c ? u : v</c> becomes <c>T choice; if (c) { choice = u; } else { choice = v; }</c>, each branch named
            /// like any statement, so that the reverse sweep takes the branch the forward sweep took and reads the values
            /// its calls returned there.
            /// </summary>
            private VarRef Lower(Conditional conditional)
            {
                string name = _context.Names.Reserve("choice");
                _context.Locals.Add(new Variable(name, conditional.Type, VariableRole.Local));
                var choice = new VarRef(name, conditional.Type);
                _output.Add(new Declare(name, null, $"{Emitting.ExpressionPrinter.Keyword(conditional.Type.Scalar)} {name};", _stmt.Location));
                Block Branch(Expr value) => BindBlock(
                    new Block(new EquatableArray<Stmt>(new Stmt[] { new Assign(choice, value, $"{name} = {Text(value)};", _stmt.Location) })),
                    _context);
                _output.Add(new If(conditional.Condition, Branch(conditional.WhenTrue), Branch(conditional.WhenFalse), $"if ({Text(conditional.Condition)})", _stmt.Location));
                return choice;
            }

            /// <summary>An expression's text for a comment, calls by their short names (<c>Impure.Noise()</c>).</summary>
            private static string Text(Expr expr) => Emitting.ExpressionPrinter.Print(Shorten(expr)).Replace("global::", string.Empty);

            private static Expr Shorten(Expr expr)
            {
                Expr mapped = IrQueries.MapChildren(expr, Shorten);
                return mapped is OpaqueCall call ? call with { Target = ShortName(call.Target) } : mapped;
            }

            /// <summary>Declares <c>T name = value;</c> before the statement, the name made from <paramref name="stem"/>.</summary>
            private VarRef Declare(Expr value, string stem)
            {
                string plain = MethodName(stem);
                string name = _context.Names.Reserve(char.ToLowerInvariant(plain[0]) + plain.Substring(1));
                _context.Locals.Add(new Variable(name, value.Type, VariableRole.Local));
                _output.Add(new Declare(name, value, $"{Emitting.ExpressionPrinter.Keyword(value.Type.Scalar)} {name} = {Text(value)};", _stmt.Location));
                return new VarRef(name, value.Type);
            }

            private static void Collect(Expr expr, List<Expr> evaluated, ISet<string> elements)
            {
                bool Reads(Expr part) => IrQueries.Subexpressions(part).Any(e => e is OpaqueCall or DifferentiableCall || (e is ElementRef read && elements.Contains(read.Array)));
                bool Unnameable(Expr part) => part is OpaqueCall or DifferentiableCall && (part.Type.IsSequence || part.Type.Scalar == ScalarKind.Opaque);
                switch (expr)
                {
                    case OpaqueCall or DifferentiableCall when !Unnameable(expr) && IrQueries.Children(expr).SelectMany(IrQueries.Subexpressions).Any(Unnameable):
                        // An argument returns an array or an object, which no local of ours can hold: the call, with its
                        // arguments, is one step of the order (First(Make(), Noise()) is named whole).
                        AddOnce(expr, evaluated);
                        return;
                    case Conditional conditional when Reads(conditional.WhenTrue) || Reads(conditional.WhenFalse):
                        // The condition runs first, and is named so that the reverse sweep takes the same branch; the
                        // branches, which may not run, make the rest one step of the order.
                        Collect(conditional.Condition, evaluated, elements);
                        AddOnce(expr, evaluated);
                        return;
                    case Binary { Op: BinaryOp.And or BinaryOp.Or } shortCircuit when Reads(shortCircuit.Right):
                        // A part that may not run: the whole expression is one step of the order.
                        AddOnce(expr, evaluated);
                        return;
                    case Conditional conditional:
                        Collect(conditional.Condition, evaluated, elements);
                        return;
                    case Binary { Op: BinaryOp.And or BinaryOp.Or } shortCircuit:
                        Collect(shortCircuit.Left, evaluated, elements);
                        return;
                }

                foreach (Expr child in IrQueries.Children(expr))
                {
                    Collect(child, evaluated, elements);
                }

                if (expr is OpaqueCall or DifferentiableCall || (expr is ElementRef { Type.IsSequence: false } element && elements.Contains(element.Array)))
                {
                    AddOnce(expr, evaluated);
                }
            }

            /// <summary>
            /// Once each: <c>a[F()] += v</c> is lowered to <c>a[F()] = a[F()] + v</c> with one element node in both
            /// places, for the one evaluation C# makes.
            /// </summary>
            private static void AddOnce(Expr expr, List<Expr> evaluated)
            {
                if (!evaluated.Any(e => ReferenceEquals(e, expr)))
                {
                    evaluated.Add(expr);
                }
            }

            private static Expr Replace(Expr expr, Dictionary<Expr, VarRef> named)
                => named.TryGetValue(expr, out VarRef? local) ? local : IrQueries.MapChildren(expr, e => Replace(e, named));

            /// <summary>
            /// <c>global::Ns.Type.Next</c>, <c>this.Field</c>, <c>Ns.Type.Gen&lt;Ns.T&gt;</c> or
            /// <c>Ns.Holder&lt;double&gt;.Draw</c> gives <c>Next</c>, <c>Field</c>, <c>Gen</c>, <c>Draw</c>: the last
            /// name outside angle brackets.
            /// </summary>
            private static string MethodName(string target)
            {
                // A trailing type-argument list (Gen<Ns.T>) is not part of the name.
                int end = target.Length;
                int depth = 0;
                for (int k = target.Length - 1; k >= 0 && target.EndsWith(">", System.StringComparison.Ordinal); k--)
                {
                    depth += target[k] == '>' ? 1 : target[k] == '<' ? -1 : 0;
                    if (depth == 0)
                    {
                        end = k;
                        break;
                    }
                }

                // The name starts after the last dot outside angle brackets (Holder<Ns.T>.Draw).
                int start = 0;
                depth = 0;
                for (int k = end - 1; k >= 0; k--)
                {
                    depth += target[k] == '>' ? 1 : target[k] == '<' ? -1 : 0;
                    if (target[k] == '.' && depth == 0)
                    {
                        start = k + 1;
                        break;
                    }
                }

                return Identifiers.Unescaped(target.Substring(start, end - start));
            }
        }
    }
}
