using System.Collections.Generic;
using static Backprop.Tests.GradientCase;

namespace Backprop.Tests.Corpus
{
    public static partial class CorpusCases
    {
        public static IEnumerable<GradientCase> ControlFlow()
        {
            yield return Scalar1("NewtonSqrt", 2.7, Flow.NewtonSqrt, Flow.NewtonSqrtGradient);
            yield return Scalar1("DoLoop", 0.6, x => Flow.DoLoop(x, 4), (double x, ref double g) => Flow.DoLoopGradient(x, 4, ref g));
            yield return Scalar1("DoLoopRunsOnce", 0.6, x => Flow.DoLoop(x, 0), (double x, ref double g) => Flow.DoLoopGradient(x, 0, ref g));
            yield return Vector("WhileInsideFor", Random(61, 4, 0, 1), Flow.WhileInsideFor, Flow.WhileInsideForGradient);
            yield return Vector("BreakOnThresholdTaken", Random(62, 6, 0.5, 1), x => Flow.BreakOnThreshold(x, 1.7), (x, g) => Flow.BreakOnThresholdGradient(x, 1.7, g));
            yield return Vector("BreakOnThresholdNotTaken", Random(63, 4, 0, 0.3), x => Flow.BreakOnThreshold(x, 50), (x, g) => Flow.BreakOnThresholdGradient(x, 50, g));
            yield return Vector("ContinueSkips", new[] { 0.3, -0.5, 0.2, -0.1, 0.4 }, Flow.ContinueSkips, Flow.ContinueSkipsGradient);
            yield return Vector("ReturnInsideLoopTaken", new[] { 1.2, 1.1, 0.9, 0.7 }, Flow.ReturnInsideLoop, Flow.ReturnInsideLoopGradient);
            yield return Vector("ReturnInsideLoopNotTaken", new[] { 0.2, 0.3, 0.1 }, Flow.ReturnInsideLoop, Flow.ReturnInsideLoopGradient);
            yield return Vector("ReturnInsideNestedLoops", Random(64, 9, 0.2, 0.6), m => Flow.ReturnInsideNestedLoops(m, 3), (m, g) => Flow.ReturnInsideNestedLoopsGradient(m, 3, g));
            yield return Vector("ReturnInsideNestedLoopsNotTaken", Random(65, 4, 0.01, 0.05), m => Flow.ReturnInsideNestedLoops(m, 2), (m, g) => Flow.ReturnInsideNestedLoopsGradient(m, 2, g));
            yield return Scalar1("WhileWithBreak", 0.4, Flow.WhileWithBreak, Flow.WhileWithBreakGradient);
            yield return Scalar1("SwitchCase0", 0.7, x => Flow.Switch(x, 0), (double x, ref double g) => Flow.SwitchGradient(x, 0, ref g));
            yield return Scalar1("SwitchCase2", 0.7, x => Flow.Switch(x, 2), (double x, ref double g) => Flow.SwitchGradient(x, 2, ref g));
            yield return Scalar1("SwitchDefault", 0.7, x => Flow.Switch(x, 5), (double x, ref double g) => Flow.SwitchGradient(x, 5, ref g));
            yield return Scalar1("PowerRecursive", 1.3, x => Flow.PowerRecursive(x, 5), (double x, ref double g) => Flow.PowerRecursiveGradient(x, 5, ref g));
        }
    }
}
