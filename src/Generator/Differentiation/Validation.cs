using System.Collections.Generic;
using System.Linq;
using Backprop.Generators.Diagnostics;
using Backprop.Generators.Ir;
using Backprop.Generators.Model;

namespace Backprop.Generators.Differentiation
{
    /// <summary>
    /// Checks a lowered function for what the parser cannot see alone: calls without derivatives that receive
    /// differentiable values, loops whose bounds move, parameters that are written or never matter.
    /// </summary>
    internal static class Validation
    {
        public static void Validate(Function function, List<DiagnosticInfo> diagnostics)
        {
            ActivityAnalysis activity = ActivityAnalysis.Run(function);
            var parameters = function.Parameters.ToDictionary(p => p.Name);
            // A call that may change what a loop end, or a callee's pullback, reads before the reverse sweep reads it
            // again; a callee that makes one counts (its ChangesState), so this holds after inlining too.
            string? changer = IrQueries.AllStatements(function.Body).SelectMany(IrQueries.Expressions).SelectMany(IrQueries.Subexpressions)
                .FirstOrDefault(CallValues.ChangesState) is { } change ? CallValues.ChangerName(change) : null;

            foreach (Stmt stmt in IrQueries.AllStatements(function.Body))
            {
                foreach (Expr expr in IrQueries.Expressions(stmt))
                {
                    foreach (Expr sub in IrQueries.Subexpressions(expr))
                    {
                        // A call that returns a bool from values alone (double.IsNaN(x)) needs no derivative: like a
                        // comparison, it only chooses a branch. One given an array could write it, so it needs one.
                        bool predicate = sub is OpaqueCall { Type.Scalar: ScalarKind.Bool } test && test.Arguments.All(a => !a.Type.IsSequence);
                        if (sub is OpaqueCall { IsInvocation: true } call && !predicate && call.Arguments.Any(a => activity.IsVaried(a) || IsVariedArray(a, activity)))
                        {
                            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoDerivativeForCall, call.Location ?? stmt.Location, ShortName(call.Target)));
                        }

                        if (sub is DifferentiableCall differentiable && differentiable.Callee.Parameters.Count == differentiable.Arguments.Count)
                        {
                            for (int i = 0; i < differentiable.Arguments.Count; i++)
                            {
                                // The callee's pullback has no buffer for this parameter: whatever flows in is dropped.
                                CalleeParameter parameter = differentiable.Callee.Parameters[i];
                                Expr argument = differentiable.Arguments[i];
                                if (parameter.Type.IsFloatingPoint && !parameter.IsDifferentiable && (activity.IsVaried(argument) || IsVariedArray(argument, activity)))
                                {
                                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GradientStopsAtNoDerivative, differentiable.Location ?? stmt.Location, differentiable.Callee.Name, parameter.Name));
                                }
                            }
                        }
                    }
                }

                if (stmt is For loop)
                {
                    HashSet<string> assigned = IrQueries.Assigned(loop.Body);
                    if (assigned.Contains(loop.Counter))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedLoop, loop.Location, $"its body assigns the counter '{loop.Counter}'; only the loop header may change it"));
                    }

                    var bounds = IrQueries.AllReads(loop.Start);
                    IrQueries.AllReads(loop.End, bounds);
                    // The reverse sweep evaluates the end again to visit the counter's values backwards.
                    DifferentiableCall? endCallee = IrQueries.Subexpressions(loop.End).OfType<DifferentiableCall>()
                        .FirstOrDefault(c => c.Callee.Redraws is not null || c.Callee.ChangesState is not null || (changer is not null && c.Callee.ReadsState is not null));
                    if (endCallee is not null)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.UnsupportedLoop,
                            loop.Location,
                            $"its end calls '{endCallee.Callee.Name}', which may return another value when the reverse sweep evaluates the end again to run the iterations backwards; compute the bound into a local before the loop"));
                    }
                    else if (IrQueries.Subexpressions(loop.End).FirstOrDefault(CallValues.MayDiffer) is OpaqueCall drawn)
                    {
                        string called = ShortName(drawn.Target);
                        string advice = drawn.IsInvocation
                            ? $"compute the bound into a local before the loop, or, if '{called}' is your project's and returns the same value for the same arguments and changes nothing, mark it [Pure] (System.Diagnostics.Contracts)"
                            : $"copy '{called}' into a local before the loop";
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.UnsupportedLoop,
                            loop.Location,
                            $"its end {(drawn.IsInvocation ? "calls" : "reads")} '{called}', which may return another value each time, and the reverse sweep evaluates the end again to run the iterations backwards; {advice}"));
                    }
                    else if (changer is not null && IrQueries.Subexpressions(loop.End).FirstOrDefault(CallValues.IsStateRead) is OpaqueCall field)
                    {
                        string read = ShortName(field.Target);
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.UnsupportedLoop,
                            loop.Location,
                            $"its end reads '{read}', which the call to '{changer}' in this method may change before the reverse sweep evaluates the end again to run the iterations backwards; copy '{read}' into a local before the loop"));
                    }

                    string? moved = bounds.FirstOrDefault(assigned.Contains);
                    if (moved is not null)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedLoop, loop.Location, $"its body assigns '{moved}', which its bounds read; compute the bound into a local before the loop"));
                    }
                }

                if (function.ReturnType is not null)
                {
                    var written = new HashSet<string>();
                    if (stmt is Assign or CallStatement)
                    {
                        IrQueries.Assigned(stmt, written);
                    }

                    foreach (string name in written)
                    {
                        if (parameters.TryGetValue(name, out Variable? parameter) && parameter.Type.IsSequence)
                        {
                            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WritesParameterArray, stmt.Location, function.Name, name));
                        }
                    }
                }
            }

            if (function.ReturnType is null)
            {
                // A helper's written array carries its adjoint back to the caller; one marked [NoDerivative] has none.
                HashSet<string> written = IrQueries.Assigned(function.Body);
                for (int i = 0; i < function.Parameters.Count; i++)
                {
                    Variable parameter = function.Parameters[i];
                    if (parameter.Type.IsSequence && parameter.Type.IsFloatingPoint && !parameter.IsDifferentiable && written.Contains(parameter.Name))
                    {
                        LocationInfo? location = i < function.ParameterLocations.Count ? function.ParameterLocations[i] : function.Location;
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.UnsupportedMethod,
                            location,
                            function.Name,
                            $"it writes '{parameter.Name}', which is marked [NoDerivative], but an array a helper writes must carry its adjoint back to the caller; remove [NoDerivative] (a caller may still pass a constant array)"));
                    }
                }
            }

            // A parameter looks unused when an error already cut its path to the result: say only the error.
            // (Aliased calls are looked for on the inlined function, which needs a function free of errors.)
            if (diagnostics.Any(d => Diagnostics.DiagnosticDescriptors.ById(d.Id).DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error))
            {
                return;
            }

            // As the pipeline inlines it (MethodParser), once for both checks.
            Function inlined = Inlining.Inline(CallValues.Bind(function));
            if (ReportAliasedCalls(inlined, diagnostics) || ReportRedrawingCallees(function, inlined, changer, diagnostics))
            {
                return;
            }

            for (int i = 0; i < function.Parameters.Count; i++)
            {
                Variable parameter = function.Parameters[i];
                if (parameter.IsDifferentiable && !activity.Useful.Contains(parameter.Name))
                {
                    // At the parameter itself, where the code fix adds [NoDerivative].
                    LocationInfo? location = i < function.ParameterLocations.Count ? function.ParameterLocations[i] : function.Location;
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ParameterDoesNotAffectResult, location, function.Name, parameter.Name));
                }
            }
        }

        /// <summary>
        /// Reports calls that pass an array to a helper that writes it and also pass the same array as another argument.
        /// Inlined calls are exact; a called pullback would get one adjoint buffer for two parameters, restore and
        /// clear it for one while adding into it for the other, which would give a wrong gradient. (An element of the
        /// array is fine: its adjoint goes through a temporary.) Returns whether it reported.
        /// </summary>
        private static bool ReportAliasedCalls(Function inlined, List<DiagnosticInfo> diagnostics)
        {
            bool reported = false;
            foreach (Stmt stmt in IrQueries.AllStatements(inlined.Body))
            {
                foreach (DifferentiableCall call in IrQueries.Expressions(stmt).SelectMany(IrQueries.Subexpressions).OfType<DifferentiableCall>())
                {
                    if (call.Callee.ReturnType is not null)
                    {
                        continue;
                    }

                    for (int i = 0; i < call.Arguments.Count; i++)
                    {
                        // The callee's body says which arrays it writes; without one (another assembly), any it could.
                        bool writes = call.Callee.Parameters[i].Type.IsWritableSequence
                            && (call.Callee.Body is not { } body || body.Parameters.Count != call.Arguments.Count || IrQueries.Assigned(body.Body).Contains(body.Parameters[i].Name));
                        if (!writes || call.Arguments[i] is not VarRef written)
                        {
                            continue;
                        }

                        bool alsoRead = call.Arguments.Where((a, j) => j != i).Any(a => a is VarRef { Type.IsSequence: true } other && other.Name == written.Name);
                        if (alsoRead)
                        {
                            reported = true;
                            diagnostics.Add(DiagnosticInfo.Create(
                                DiagnosticDescriptors.UnsupportedExpression,
                                call.Location ?? stmt.Location,
                                stmt.Source.TrimEnd(';'),
                                $"'{written.Name}' is passed to '{call.Callee.Name}', which writes it, and also as another of its arguments; its pullback cannot tell the two apart, so pass a copy of the array as the other argument"));
                            break;
                        }
                    }
                }
            }

            return reported;
        }

        /// <summary>
        /// Reports calls of callees, not inlined, whose body calls a method that may return another value: the
        /// reverse sweep calls the callee's pullback, which runs the body again, so its gradient would belong to other
        /// values than the result (an inlined callee's calls are named like the caller's own). Also those whose body
        /// reads a field or property that a call of the caller may change before then, or an array such a call is
        /// given too; and inlined callees whose loop end reads such state. Returns whether it reported. The
        /// <c>changer</c> is a call of the caller's (or of its callees') that may change state, by name, or null.
        /// </summary>
        private static bool ReportRedrawingCallees(Function function, Function inlined, string? changer, List<DiagnosticInfo> diagnostics)
        {
            bool reported = false;
            List<Expr> parts = IrQueries.AllStatements(inlined.Body).SelectMany(IrQueries.Expressions).SelectMany(IrQueries.Subexpressions).ToList();

            // A callee's facts are found while it is parsed, so a call inside a recursive cycle, made while its
            // callee was still being parsed, lacks them: take them from another call of the same method, or (for the
            // method itself) from its own body. A cycle's methods reach each other, so they share the facts.
            List<CalleeInfo> known = Callees(function).Concat(Callees(inlined)).ToList();
            Redraw? own = CallValues.RedrawnCall(inlined);
            string? ownRead = CallValues.StateRead(inlined);
            ActivityAnalysis activity = ActivityAnalysis.Run(inlined);

            // Once per place and reason: a call inlined twice (a recursive cycle) is one call of the source.
            var said = new HashSet<(LocationInfo?, string)>();
            bool Report(LocationInfo? location, string name, string? reason)
            {
                if (reason is null || !said.Add((location, reason)))
                {
                    return false;
                }

                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CalleeRunsAgain, location, name, reason));
                return true;
            }

            foreach (DifferentiableCall callee in parts.OfType<DifferentiableCall>().Where(c => c.Callee.Derivative == CalleeDerivative.Pullback).Distinct(ReferenceComparer.Instance))
            {
                // Given only constants, the callee's pullback is never called (its value is named, CallValues).
                if (!callee.Arguments.Any(a => activity.IsVaried(a) || IsVariedArray(a, activity)))
                {
                    continue;
                }

                bool self = IsSelf(callee.Callee, function);
                Redraw? drawn = callee.Callee.Redraws ?? known.FirstOrDefault(k => SameMethod(k, callee.Callee) && k.Redraws is not null)?.Redraws ?? (self ? own : null);
                string? read = callee.Callee.ReadsState ?? known.FirstOrDefault(k => SameMethod(k, callee.Callee) && k.ReadsState is not null)?.ReadsState ?? (self ? ownRead : null);

                // An array it is given that a call of the caller's is also given, which may write it.
                (string Array, string Call)? shared = callee.Arguments.OfType<VarRef>().Where(a => a.Type.IsSequence)
                    .SelectMany(a => parts.OfType<OpaqueCall>().Where(c => c.WritesArrays && c.Arguments.Any(b => b is VarRef other && other.Name == a.Name)).Select(c => (a.Name, CallValues.ShortName(c.Target))))
                    .Cast<(string, string)?>().FirstOrDefault();
                string name = callee.Callee.Name;
                string? reason = drawn is not null
                    ? $"its pullback, which the reverse sweep calls, runs '{name}' again, and '{name}' {drawn.Clause}, so the gradient would belong to other values than the result; compute that value in this method and pass it to '{name}', or, if '{drawn.Method}' is your project's and returns the same value for the same arguments and changes nothing, mark it [Pure] (System.Diagnostics.Contracts)"
                    : read is not null && changer is not null
                        ? $"its pullback, which the reverse sweep calls, runs '{name}' again, and '{name}' reads '{read}', which the call to '{changer}' here may change before then, so the gradient could belong to another value than the result; read '{read}' in this method and pass its value to '{name}'"
                        : shared is { } array
                            ? $"its pullback, which the reverse sweep calls, runs '{name}' again, and '{name}' reads '{array.Array}', which the call to '{array.Call}' here is also given and may change before then, so the gradient could belong to other values than the result; pass '{name}' a copy of '{array.Array}' made before that call"
                            : null;
                reported |= Report(callee.Location ?? inlined.Location, name, reason);
            }

            // An inlined callee's loop evaluates its end again too, in the caller's reverse sweep.
            if (changer is not null)
            {
                foreach (DifferentiableCall callee in IrQueries.AllStatements(function.Body).SelectMany(IrQueries.Expressions).SelectMany(IrQueries.Subexpressions).OfType<DifferentiableCall>())
                {
                    if (callee.Callee.Body is { } body && !said.Any(r => r.Item1 == (callee.Location ?? function.Location)) && LoopEndRead(body, new HashSet<Function>(ReferenceComparer.Instance)) is { } read)
                    {
                        string name = callee.Callee.Name;
                        reported |= Report(callee.Location ?? function.Location, name, $"'{name}' is inlined here, and it has a loop whose end reads '{read}', which the call to '{changer}' here may change before the reverse sweep evaluates that end again to run the iterations backwards; read '{read}' in this method and pass its value to '{name}'");
                    }
                }
            }

            return reported;
        }

        /// <summary>A field or property that may change which a loop end of the body (or of a known callee's, in turn) reads.</summary>
        private static string? LoopEndRead(Function body, HashSet<Function> seen)
        {
            if (!seen.Add(body))
            {
                return null;
            }

            foreach (Stmt stmt in IrQueries.AllStatements(body.Body))
            {
                if (stmt is For loop && IrQueries.Subexpressions(loop.End).FirstOrDefault(CallValues.IsStateRead) is OpaqueCall read)
                {
                    return ShortName(read.Target);
                }

                foreach (DifferentiableCall call in IrQueries.Expressions(stmt).SelectMany(IrQueries.Subexpressions).OfType<DifferentiableCall>())
                {
                    if (call.Callee.Body is { } nested && LoopEndRead(nested, seen) is { } inner)
                    {
                        return inner;
                    }
                }
            }

            return null;
        }

        /// <summary>Every callee named in the function, and in the known bodies of its callees, in turn.</summary>
        private static IEnumerable<CalleeInfo> Callees(Function function)
        {
            var seen = new HashSet<Function>(ReferenceComparer.Instance);
            var pending = new Stack<Function>();
            pending.Push(function);
            while (pending.Count > 0)
            {
                Function next = pending.Pop();
                if (!seen.Add(next))
                {
                    continue;
                }

                foreach (DifferentiableCall call in IrQueries.AllStatements(next.Body).SelectMany(IrQueries.Expressions).SelectMany(IrQueries.Subexpressions).OfType<DifferentiableCall>())
                {
                    yield return call.Callee;
                    if (call.Callee.Body is { } body)
                    {
                        pending.Push(body);
                    }
                }
            }
        }

        private static bool SameMethod(CalleeInfo a, CalleeInfo b)
            => a.ContainingType == b.ContainingType && a.Name == b.Name && a.Parameters == b.Parameters;

        /// <summary>Whether a call is of the method itself: on <c>this</c>, or of its type by the name the parser gives it.</summary>
        private static bool IsSelf(CalleeInfo callee, Function function)
        {
            if (callee.Name != function.Name || callee.Parameters.Count != function.Parameters.Count)
            {
                return false;
            }

            string type = "global::" + string.Join(".", new[] { function.Hierarchy.Namespace }.Where(n => !string.IsNullOrEmpty(n)).Concat(function.Hierarchy.Types.Select(t => t.Name)));
            return callee.ContainingType == "this" || callee.ContainingType == type;
        }

        private static bool IsVariedArray(Expr argument, ActivityAnalysis activity)
            => argument is VarRef { Type.IsSequence: true } array && activity.Varied.Contains(array.Name);

        private static string ShortName(string target) => CallValues.ShortName(target);
    }
}
