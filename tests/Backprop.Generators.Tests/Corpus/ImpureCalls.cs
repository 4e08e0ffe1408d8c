using System;
using Backprop;

namespace Backprop.Tests.Corpus
{
    /// <summary>
    /// Calls of methods that return something else each time (a noise source, a coin): the gradient must use the
    /// values the forward computation drew, never draw again. Checked in ImpureCallTests (finite differences cannot
    /// check these: every evaluation draws new values).
    /// </summary>
    public static partial class Impure
    {
        [ThreadStatic]
        private static int t_draws;

        [ThreadStatic]
        private static int t_level;

        private static readonly double[] s_counts = new double[1];

        private static readonly Counter s_counter = new Counter();

        /// <summary>Starts the draws again, and the level at 0.</summary>
        public static void Reset()
        {
            t_draws = 0;
            t_level = 0;
            s_counts[0] = 0;
            s_counter.Value = 0;
        }

        /// <summary>Raises the level by 10.</summary>
        public static void Tick() => t_level += 10;

        /// <summary>A draw through a generic method, called with a type argument.</summary>
        /// <typeparam name="T">Any type.</typeparam>
        /// <returns>The next draw.</returns>
        public static double Draw<T>() => Noise();

        /// <summary>The next draw, as an index.</summary>
        /// <returns>1, 2, 3, …</returns>
        public static int NextIndex() => (int)Noise();

        /// <summary>Adds 100 to k[0].</summary>
        /// <param name="k">Changed.</param>
        /// <returns>1.</returns>
        public static double Mutate(int[] k)
        {
            k[0] += 100;
            return 1;
        }

        /// <summary>1, 2, 3, … from the last reset: a stand-in for a random number generator.</summary>
        public static double Noise() => ++t_draws;

        /// <summary>True on every second draw.</summary>
        public static bool Coin() => (++t_draws & 1) == 0;

        /// <summary>Σ x[i]·noise, with a state carried through the loop: ∂/∂x[i] involves the i-th draw.</summary>
        [Differentiable]
        public static double NoisyChain(double[] x)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                s = (s * 0.5) + (x[i] * Noise());
            }

            return s;
        }

        /// <summary>A branch chosen by a coin, in a loop and in a conditional expression.</summary>
        [Differentiable]
        public static double CoinFlips(double[] x)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                if (Coin())
                {
                    s += x[i] * x[i];
                }
            }

            s += Coin() ? 3 * x[0] : -x[0];
            return s;
        }

        /// <summary>A generic call whose type argument is a namespace-qualified type, then another draw.</summary>
        [Differentiable]
        public static double GenericDraw(double x) => (x * Draw<Marker>()) + Noise();

        /// <summary>A draw in a branch of ?:, before a draw the gradient names: the two keep their order.</summary>
        [Differentiable]
        public static double DrawInABranch(double x, bool first) => (first ? Noise() : 0.0) + (x * Noise());

        /// <summary>An element read before a call that changes the array.</summary>
        [Differentiable]
        public static double ReadBeforeMutate(double x, int[] k) => x * k[0] * Mutate(k);

        /// <summary>A field read, then a call that changes the field.</summary>
        [Differentiable]
        public static double FieldBeforeTick(double x)
        {
            double y = x * (t_level + 1);
            Tick();
            return y * x;
        }

        /// <summary>An inlined helper given an element whose index is drawn.</summary>
        [Differentiable]
        public static double HelperOfDrawnElement(double[] x)
        {
            double[] a = new double[2];
            SquareAndCopy(x[NextIndex() % 3], a);
            return a[0] + a[1];
        }

        /// <summary>y[0] = v², y[1] = v.</summary>
        [Differentiable]
        public static void SquareAndCopy(double v, double[] y)
        {
            y[0] = v * v;
            y[1] = v;
        }

        /// <summary>Draws through a generic type's method.</summary>
        [Differentiable]
        public static double DrawFromAGenericType(double x) => (x * Holder<double>.Draw()) + (x * x * Holder<Marker>.Draw());

        /// <summary>A coin choosing between branches, one of which draws, in the last loop (reversed per iteration otherwise).</summary>
        [Differentiable]
        public static double CoinChoosesADrawingBranch(double[] x)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                s += Coin() ? x[i] * x[i] : x[i] + Noise();
            }

            return s;
        }

        /// <summary>A coin to the right of &amp;&amp;, which may not run.</summary>
        [Differentiable]
        public static double CoinAfterATest(double x)
        {
            double y = x;
            if (x > 0 && Coin())
            {
                y = 5 * x;
            }

            return y;
        }

        /// <summary>A coin in a branch of ?:, which may not run: only the branch can name it.</summary>
        [Differentiable]
        public static double CoinInABranch(double x, bool outer) => outer ? (Coin() ? x * x : 3 * x) : x;

        /// <summary>A draw that is a branch's factor.</summary>
        [Differentiable]
        public static double FactorInABranch(double x, bool first) => first ? x * Noise() : x;

        /// <summary>Both, in a loop whose state the branches carry (the names are saved per iteration).</summary>
        [Differentiable]
        public static double BranchesInALoop(double[] x)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                s = (s * 0.5) + (x[i] > 0 ? x[i] * Noise() : (Coin() ? x[i] * x[i] : 2 * x[i]));
            }

            return s;
        }

        /// <summary>A small callee that draws: inlined, so its draw is named in the caller.</summary>
        [Differentiable]
        public static double NoisyScale(double u) => u * Noise();

        /// <summary>A drawing callee in a branch: the ?: becomes an if, where the callee is inlined.</summary>
        [Differentiable]
        public static double DrawingCalleeInABranch(double x, bool b) => b ? NoisyScale(x) * x : x * x;

        /// <summary>A value no local can hold.</summary>
        /// <returns>{ 3 }.</returns>
        public static double[] Make() => new[] { 3.0 };

        /// <summary>The first element.</summary>
        /// <param name="a">The values.</param>
        /// <returns>a[0].</returns>
        public static double First(double[] a) => a[0] + Noise();

        /// <summary>A call given an array a call returns, before a ?: that draws: named whole, in order.</summary>
        [Differentiable]
        public static double ArrayArgumentBeforeADraw(double x, bool b) => (First(Make()) * x) + (b ? x * Noise() : x);

        /// <summary>A property whose getter draws: read like a call.</summary>
        public static double NoiseProperty => Noise();

        /// <summary>A draw through a property.</summary>
        [Differentiable]
        public static double PropertyDraw(double x) => x * x * NoiseProperty;

        /// <summary>A callee, not inlined (a local array), that changes the level.</summary>
        [Differentiable]
        public static double Ticker(double x)
        {
            double[] t = new double[1];
            Tick();
            t[0] = x * x;
            return t[0];
        }

        /// <summary>The level read before a callee changes it: named, since the callee changes state.</summary>
        [Differentiable]
        public static double LevelThenTicker(double x)
        {
            double a = x * (t_level + 1);
            double b = Ticker(x);
            return a * b;
        }

        /// <summary>A callee, not inlined, that draws.</summary>
        [Differentiable]
        public static double NoisyConstant([NoDerivative] double[] c)
        {
            double[] t = new double[1];
            t[0] = c[0] * Noise();
            return t[0];
        }

        /// <summary>The drawing callee given only constants: its value is named, and its pullback never called.</summary>
        [Differentiable]
        public static double ConstantDrawingCallee(double x, [NoDerivative] double[] c) => x * NoisyConstant(c);

        /// <summary>The level, through a getter that only returns the field: read like the field.</summary>
        public static int Level => t_level;

        /// <summary>A property whose getter adds a draw to its backing field (C# 14's field).</summary>
        public static double DrawnProperty { get => field + Noise(); set; }

        /// <summary>Two reads of the drawing property.</summary>
        [Differentiable]
        public static double TimesDrawnProperty(double x) => x * DrawnProperty * DrawnProperty;

        /// <summary>A callee of another type, given only constants, that reads the level.</summary>
        [Differentiable]
        public static double ConstantLeveledThenTick(double x)
        {
            double y = x * ImpureOther.Leveled(2.0);
            Tick();
            return y;
        }

        /// <summary>An element read, then a call in a later statement that writes the array.</summary>
        [Differentiable]
        public static double ReadThenMutateLater(double x, int[] k)
        {
            double y = x * k[0];
            double m = Mutate(k);
            return y * m;
        }

        /// <summary>A partial property: declared here, drawing in its implementing part below.</summary>
        public static partial double PartlyDrawn { get; }

        /// <summary>The implementing part.</summary>
        public static partial double PartlyDrawn { get => Noise(); }

        /// <summary>Two reads of the partial property.</summary>
        [Differentiable]
        public static double TimesPartlyDrawn(double x)
        {
            double y = x * PartlyDrawn;
            return y * PartlyDrawn;
        }

        /// <summary>Counts through a ref local: 1, 2, 3, …</summary>
        public static double CountByRef()
        {
            ref double slot = ref s_counts[0];
            slot += 1;
            return slot;
        }

        /// <summary>Counts through a local alias of a readonly field's array.</summary>
        public static double CountByAlias()
        {
            double[] alias = s_counts;
            alias[0] += 1;
            return alias[0];
        }

        /// <summary>Adds to the first element of the array it is given.</summary>
        /// <param name="a">Written.</param>
        public static void AddOne(double[] a) => a[0] += 1;

        /// <summary>Counts by giving a field's array to a helper that writes it.</summary>
        public static double CountByHelper()
        {
            AddOne(s_counts);
            return s_counts[0];
        }

        /// <summary>Counts through another object's property.</summary>
        public static double CountByProperty() => s_counter.Next;

        /// <summary>Counts by giving an alias of a field's array to a helper that writes it.</summary>
        public static double CountByAliasGiven()
        {
            double[] alias = s_counts;
            AddOne(alias);
            return alias[0];
        }

        /// <summary>Counts through a user-defined operator.</summary>
        public static double CountByOperator() => default(Step) + default(Step);

        /// <summary>Counts through a field initializer that an explicit constructor runs.</summary>
        public static double CountByInitializer() => new Ticket().Id;

        /// <summary>Counts in a recursive pair: A counts, B only calls A.</summary>
        public static double CountA(int depth) => depth > 0 ? CountB() : ++s_counts[0];

        /// <summary>The other half of the pair.</summary>
        public static double CountB() => CountA(0);

        /// <summary>x · a count through a ref local, then x² times it again (counts 1, 2).</summary>
        [Differentiable]
        public static double ByRef(double x)
        {
            double y = x * CountByRef();
            return y * x * CountByRef();
        }

        /// <summary>The same through an alias of a field's array.</summary>
        [Differentiable]
        public static double ByAlias(double x)
        {
            double y = x * CountByAlias();
            return y * x * CountByAlias();
        }

        /// <summary>The same through a helper given the field's array.</summary>
        [Differentiable]
        public static double ByHelper(double x)
        {
            double y = x * CountByHelper();
            return y * x * CountByHelper();
        }

        /// <summary>The same through another object's property.</summary>
        [Differentiable]
        public static double ByProperty(double x)
        {
            double y = x * CountByProperty();
            return y * x * CountByProperty();
        }

        /// <summary>The same through an alias given to a writing helper.</summary>
        [Differentiable]
        public static double ByAliasGiven(double x)
        {
            double y = x * CountByAliasGiven();
            return y * x * CountByAliasGiven();
        }

        /// <summary>The same through an operator.</summary>
        [Differentiable]
        public static double ByOperator(double x)
        {
            double y = x * CountByOperator();
            return y * x * CountByOperator();
        }

        /// <summary>The same through a field initializer.</summary>
        [Differentiable]
        public static double ByInitializer(double x)
        {
            double y = x * CountByInitializer();
            return y * x * CountByInitializer();
        }

        /// <summary>The same through a recursive pair.</summary>
        [Differentiable]
        public static double ByRecursion(double x)
        {
            double y = x * CountB();
            return y * x * CountB();
        }

        /// <summary>The first value a holder's array holds.</summary>
        /// <param name="h">The holder.</param>
        /// <returns>h.Values[0].</returns>
        public static double First(Holder h) => h.Values[0];

        /// <summary>Adds 10 to the first value of a holder's array.</summary>
        /// <param name="h">The holder.</param>
        public static void Bump(Holder h) => h.Values[0] += 10;

        /// <summary>x² times a value read through a struct, which a call then changes.</summary>
        [Differentiable]
        public static double ThroughAStruct(double x, [NoDerivative] Holder h)
        {
            double y = x * x * First(h);
            Bump(h);
            return y;
        }

        /// <summary>The callee in a loop that carries state.</summary>
        [Differentiable]
        public static double InlinedDraws(double[] x)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                s = (s * 0.5) + NoisyScale(x[i]);
            }

            return s;
        }
    }

    /// <summary>A value whose + counts.</summary>
    public struct Step
    {
        /// <summary>Counts, whatever the operands.</summary>
        /// <param name="a">Ignored.</param>
        /// <param name="b">Ignored.</param>
        /// <returns>The count.</returns>
        public static double operator +(Step a, Step b) => Impure.CountByRef();
    }

    /// <summary>An object whose field initializer counts.</summary>
    public sealed class Ticket
    {
        /// <summary>The count when it was made.</summary>
        public readonly double Id = Impure.CountByRef();

        /// <summary>Makes one.</summary>
        public Ticket()
        {
        }
    }

    /// <summary>A struct that holds an array.</summary>
    public struct Holder
    {
        /// <summary>The array, shared with whoever else holds it.</summary>
        public double[] Values;
    }

    /// <summary>A counter whose property counts.</summary>
    public sealed class Counter
    {
        /// <summary>The count.</summary>
        public double Value { get; set; }

        /// <summary>The next count.</summary>
        public double Next => ++Value;
    }

    /// <summary>Callees of another type.</summary>
    public static partial class ImpureOther
    {
        /// <summary>c · (level + 1), with a local array (so it is never inlined anyway).</summary>
        [Differentiable]
        public static double Leveled(double c)
        {
            double[] t = new double[1];
            t[0] = c * (Impure.Level + 1);
            return t[0];
        }
    }

    /// <summary>A model whose properties are marked [Pure] (no effect) but change when it is updated.</summary>
    public partial class PureButMutable
    {
        private double _w = 1;

        /// <summary>A weight, marked [Pure].</summary>
        [System.Diagnostics.Contracts.Pure]
        public double W => _w;

        /// <summary>Another, a settable auto-property marked [Pure].</summary>
        [System.Diagnostics.Contracts.Pure]
        public double V { get; set; } = 1;

        /// <summary>Changes both.</summary>
        public void Update()
        {
            _w += 1;
            V += 1;
        }

        /// <summary>Reads both, updates them, reads them again.</summary>
        [Differentiable]
        public double Twice(double x)
        {
            double y = x * W * V;
            Update();
            return y * W * V;
        }
    }

    /// <summary>A model whose scale is a virtual auto-property.</summary>
    public partial class VirtualModel
    {
        /// <summary>The scale; a derived model may compute it.</summary>
        public virtual double Scale { get; } = 2;

        /// <summary>(x · scale)².</summary>
        [Differentiable]
        public double Squared(double x)
        {
            double y = x * Scale;
            return y * y;
        }
    }

    /// <summary>A model whose scale draws.</summary>
    public class DrawingModel : VirtualModel
    {
        /// <inheritdoc/>
        public override double Scale => Impure.Noise();
    }

    /// <summary>Draws through a generic type.</summary>
    /// <typeparam name="T">Any type.</typeparam>
    public static class Holder<T>
    {
        /// <summary>The next draw.</summary>
        /// <returns>1, 2, 3, … from the last reset.</returns>
        public static double Draw() => Impure.Noise();
    }

    /// <summary>A type to pass as a type argument.</summary>
    public struct Marker
    {
    }
}
