using System;
using Backprop;

namespace Backprop.Tests.Corpus
{
    /// <summary>Control flow beyond counted loops: while and do loops, break, continue, returns in loops, switch, recursion.</summary>
    public static partial class Flow
    {
        [Differentiable]
        public static double NewtonSqrt(double a)
        {
            // Data-dependent trip count: iterate until the step is small.
            double x = a;
            double step = 1;
            while (Math.Abs(step) > 1e-12)
            {
                double next = 0.5 * (x + (a / x));
                step = next - x;
                x = next;
            }

            return x;
        }

        [Differentiable]
        public static double DoLoop(double x, int n)
        {
            double s = x;
            int k = 0;
            do
            {
                s = Math.Sin(s) + (x * 0.5);
                k++;
            }
            while (k < n);

            return s;
        }

        [Differentiable]
        public static double WhileInsideFor(double[] x)
        {
            double total = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double v = x[i];
                int halvings = 0;
                while (halvings < i + 1)
                {
                    v = (v * v * 0.5) + 0.1;
                    halvings++;
                }

                total += v;
            }

            return total;
        }

        [Differentiable]
        public static double BreakOnThreshold(double[] x, [NoDerivative] double limit)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                s += x[i] * x[i];
                if (s > limit)
                {
                    break;
                }

                s *= 1.1;
            }

            return s;
        }

        [Differentiable]
        public static double ContinueSkips(double[] x)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                if (x[i] < 0)
                {
                    continue;
                }

                s += Math.Exp(x[i]) * s + x[i];
            }

            return s;
        }

        [Differentiable]
        public static double ReturnInsideLoop(double[] x)
        {
            double s = 1;
            for (int i = 0; i < x.Length; i++)
            {
                s = s * x[i] + 1;
                if (s > 2.5)
                {
                    return s * 10;
                }
            }

            double t = s * s;
            return t;
        }

        [Differentiable]
        public static double ReturnInsideNestedLoops(double[] m, int k)
        {
            double acc = 0;
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    acc += m[(i * k) + j] * (i + 1);
                    if (acc > 3)
                    {
                        return acc * acc;
                    }
                }
            }

            return -acc;
        }

        [Differentiable]
        public static double WhileWithBreak(double x)
        {
            double s = x;
            int steps = 0;
            while (true)
            {
                s = (s * 1.5) + 0.25;
                steps++;
                if (steps >= 6)
                {
                    break;
                }
            }

            return s;
        }

        [Differentiable]
        public static double Switch(double x, int mode)
        {
            double y;
            switch (mode)
            {
                case 0:
                    y = x * x;
                    break;
                case 1:
                case 2:
                    y = Math.Sin(x) * mode;
                    break;
                default:
                    return Math.Exp(x);
            }

            return y + x;
        }

        [Differentiable]
        public static double PowerRecursive(double x, int n) => n == 0 ? 1 : x * PowerRecursive(x, n - 1);
    }
}
