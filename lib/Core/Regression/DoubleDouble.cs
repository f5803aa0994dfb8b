using System.Runtime.CompilerServices;

namespace NotebookAnalysis.Regression;

/// <summary>
/// Double-double arithmetic: an unevaluated sum Hi + Lo with |Lo| ≤ ulp(Hi)/2, about 106 bits (32 digits) of
/// precision, built on error-free transformations (Knuth's TwoSum, FMA-based TwoProduct). Used for the small
/// factorizations and for residuals, where double precision loses digits to cancellation.
/// </summary>
internal readonly struct DoubleDouble
{
    public readonly double Hi;
    public readonly double Lo;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public DoubleDouble(double hi, double lo) { Hi = hi; Lo = lo; }

    public static readonly DoubleDouble Zero = new(0, 0);

    public static implicit operator DoubleDouble(double d) => new(d, 0);

    public double ToDouble() => Hi + Lo;

    public override string ToString() => $"{Hi:R} + {Lo:R}";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble TwoSum(double a, double b)
    {
        double s = a + b;
        double bb = s - a;
        return new(s, (a - (s - bb)) + (b - bb));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DoubleDouble FastTwoSum(double a, double b)
    {
        double s = a + b;
        return new(s, b - (s - a));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble TwoProduct(double a, double b)
    {
        double p = a * b;
        return new(p, Math.FusedMultiplyAdd(a, b, -p));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble operator +(DoubleDouble a, DoubleDouble b)
    {
        // Accurate (IEEE-style) addition: both error terms are carried.
        var s = TwoSum(a.Hi, b.Hi);
        var t = TwoSum(a.Lo, b.Lo);
        double e = s.Lo + t.Hi;
        var u = FastTwoSum(s.Hi, e);
        e = t.Lo + u.Lo;
        return FastTwoSum(u.Hi, e);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble operator +(DoubleDouble a, double b)
    {
        var s = TwoSum(a.Hi, b);
        return FastTwoSum(s.Hi, s.Lo + a.Lo);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble operator -(DoubleDouble a) => new(-a.Hi, -a.Lo);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble operator -(DoubleDouble a, DoubleDouble b) => a + -b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble operator -(DoubleDouble a, double b) => a + -b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble operator *(DoubleDouble a, DoubleDouble b)
    {
        double p = a.Hi * b.Hi;
        double e = Math.FusedMultiplyAdd(a.Hi, b.Hi, -p);
        e = Math.FusedMultiplyAdd(a.Hi, b.Lo, Math.FusedMultiplyAdd(a.Lo, b.Hi, e));
        return FastTwoSum(p, e);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble operator *(DoubleDouble a, double b)
    {
        double p = a.Hi * b;
        double e = Math.FusedMultiplyAdd(a.Hi, b, -p);
        e = Math.FusedMultiplyAdd(a.Lo, b, e);
        return FastTwoSum(p, e);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble operator /(DoubleDouble a, DoubleDouble b)
    {
        double q1 = a.Hi / b.Hi;
        var r = a - b * q1;
        double q2 = r.Hi / b.Hi;
        r -= b * q2;
        double q3 = r.Hi / b.Hi;
        return FastTwoSum(q1, q2) + q3;
    }

    public static DoubleDouble Sqrt(DoubleDouble a)
    {
        if (a.Hi <= 0) return Zero;
        double x = Math.Sqrt(a.Hi);
        // One Newton step from the double root doubles the number of correct digits.
        var residual = a - TwoProduct(x, x);
        return FastTwoSum(x, residual.Hi / (2 * x));
    }

    /// <summary>Exact scaling by a power of two.</summary>
    public static DoubleDouble ScaleB(DoubleDouble a, int n) => new(Math.ScaleB(a.Hi, n), Math.ScaleB(a.Lo, n));
}
