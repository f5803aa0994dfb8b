using System.Globalization;
using System.Numerics;

namespace NotebookAnalysis.Tests.Support;

/// <summary>
/// An exact fraction of two <see cref="BigInteger"/>s, always reduced, denominator positive: the tests' exact reference
/// arithmetic for least-squares certified values (no rounding anywhere until <see cref="ToDouble"/>).
/// </summary>
internal readonly record struct Rational(BigInteger Num, BigInteger Den)
{
    public static readonly Rational Zero = new(0, 1), One = new(1, 1);

    public bool IsZero => Num.IsZero;

    public int Sign => Num.Sign;

    public static implicit operator Rational(long v) => new(v, 1);

    /// <summary>The exact value of a double.</summary>
    public static Rational Of(double v)
    {
        if (!double.IsFinite(v)) throw new ArgumentOutOfRangeException(nameof(v), v, "not finite");
        if (v == 0) return Zero;
        long bits = BitConverter.DoubleToInt64Bits(v);
        int exp = (int)((bits >> 52) & 0x7FF);
        long mant = bits & 0xFFFFFFFFFFFFFL;
        if (exp == 0) exp++; else mant |= 1L << 52;
        exp -= 1075;
        BigInteger m = v < 0 ? -mant : mant;
        return exp >= 0 ? new Rational(m << exp, 1) : Make(m, BigInteger.One << -exp);
    }

    /// <summary>The exact value of a decimal numeral such as "-12.5", "0.3E+01" or "7." (invariant, no grouping).</summary>
    public static Rational Parse(string text)
    {
        var t = text.Trim().ToUpperInvariant().Replace('D', 'E');
        int e = t.IndexOf('E');
        int exp10 = 0;
        if (e >= 0)
        {
            exp10 = int.Parse(t[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            t = t[..e];
        }
        bool negative = t.StartsWith('-');
        t = t.TrimStart('+', '-');
        int dot = t.IndexOf('.');
        if (dot >= 0)
        {
            exp10 -= t.Length - dot - 1;
            t = t.Remove(dot, 1);
        }
        if (t.Length == 0) t = "0";
        var digits = BigInteger.Parse(t, NumberStyles.None, CultureInfo.InvariantCulture);
        if (negative) digits = -digits;
        return exp10 >= 0 ? Make(digits * BigInteger.Pow(10, exp10), 1) : Make(digits, BigInteger.Pow(10, -exp10));
    }

    private static Rational Make(BigInteger n, BigInteger d)
    {
        if (d.IsZero) throw new DivideByZeroException();
        if (d.Sign < 0) { n = -n; d = -d; }
        var gcd = BigInteger.GreatestCommonDivisor(n, d);
        return gcd.IsOne || gcd.IsZero ? new Rational(n, d) : new Rational(n / gcd, d / gcd);
    }

    public static Rational operator +(Rational a, Rational b) => Make(a.Num * b.Den + b.Num * a.Den, a.Den * b.Den);
    public static Rational operator -(Rational a, Rational b) => Make(a.Num * b.Den - b.Num * a.Den, a.Den * b.Den);
    public static Rational operator -(Rational a) => new(-a.Num, a.Den);
    public static Rational operator *(Rational a, Rational b) => Make(a.Num * b.Num, a.Den * b.Den);
    public static Rational operator /(Rational a, Rational b) => Make(a.Num * b.Den, a.Den * b.Num);

    /// <summary>a^p for p ≥ 0.</summary>
    public static Rational Pow(Rational a, int p) => new(BigInteger.Pow(a.Num, p), BigInteger.Pow(a.Den, p));

    /// <summary>Rounded through a 70-bit quotient: within one unit of roundoff.</summary>
    public double ToDouble()
    {
        if (Num.IsZero) return 0;
        int shift = 70 - (int)(BigInteger.Abs(Num).GetBitLength() - Den.GetBitLength());
        var q = shift >= 0 ? (Num << shift) / Den : Num / (Den << -shift);
        return Math.ScaleB((double)q, -shift);
    }

    /// <summary>√a rounded to double (within one unit of roundoff): an integer square root of a scaled a.</summary>
    public static double Sqrt(Rational a)
    {
        if (a.Sign < 0) throw new ArgumentOutOfRangeException(nameof(a), "negative");
        if (a.IsZero) return 0;
        // √(N/D) = √(N·D·4^s)/(D·2^s), the integer root carrying at least 70 bits.
        var nd = a.Num * a.Den;
        int s = Math.Max(0, 70 - (int)(nd.GetBitLength() / 2) + (int)a.Den.GetBitLength());
        var root = ISqrt(nd << (2 * s));
        return new Rational(root, a.Den << s).ToDouble();
    }

    private static BigInteger ISqrt(BigInteger n)
    {
        if (n < 2) return n;
        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            var y = (x + n / x) >> 1;
            if (y >= x) return x;
            x = y;
        }
    }

    public override string ToString() => ToDouble().ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Exact least squares over the rationals, the tests' reference solution: [X'X | I | X'y] reduced by Gauss-Jordan
/// with row exchanges, no rounding until the caller converts.</summary>
internal static class ExactLeastSquares
{
    /// <summary>b, the diagonal of (X'X)⁻¹ and Σ(y − Xb)²; null when X'X is singular.</summary>
    /// <param name="columns">The design's columns (each of y's length).</param>
    /// <param name="y">The response.</param>
    public static (Rational[] Beta, Rational[] InverseDiagonal, Rational Sse)? Solve(IReadOnlyList<Rational[]> columns, Rational[] y)
    {
        int n = y.Length, k = columns.Count;
        var g = new Rational[k, 2 * k + 1];
        for (int a = 0; a < k; a++)
        {
            for (int b = a; b < k; b++)
            {
                var s = Rational.Zero;
                for (int i = 0; i < n; i++) s += columns[a][i] * columns[b][i];
                g[a, b] = g[b, a] = s;
            }
            for (int b = 0; b < k; b++) g[a, k + b] = a == b ? Rational.One : Rational.Zero;
            var t = Rational.Zero;
            for (int i = 0; i < n; i++) t += columns[a][i] * y[i];
            g[a, 2 * k] = t;
        }
        for (int p = 0; p < k; p++)
        {
            int piv = p;
            while (piv < k && g[piv, p].IsZero) piv++;
            if (piv == k) return null;
            if (piv != p)
                for (int c = 0; c <= 2 * k; c++) (g[p, c], g[piv, c]) = (g[piv, c], g[p, c]);
            var pivot = g[p, p];
            for (int c = 0; c <= 2 * k; c++) g[p, c] /= pivot;
            for (int r = 0; r < k; r++)
            {
                if (r == p || g[r, p].IsZero) continue;
                var f = g[r, p];
                for (int c = 0; c <= 2 * k; c++) g[r, c] -= f * g[p, c];
            }
        }
        var beta = Enumerable.Range(0, k).Select(j => g[j, 2 * k]).ToArray();
        var sse = Rational.Zero;
        for (int i = 0; i < n; i++)
        {
            var r = y[i];
            for (int j = 0; j < k; j++) r -= columns[j][i] * beta[j];
            sse += r * r;
        }
        return (beta, Enumerable.Range(0, k).Select(j => g[j, k + j]).ToArray(), sse);
    }
}
