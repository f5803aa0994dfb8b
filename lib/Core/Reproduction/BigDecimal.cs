using System.Globalization;
using System.Numerics;

namespace NotebookAnalysis.Reproduction;

/// <summary>
/// An exact decimal number Mantissa·10^Exponent with an unbounded mantissa. The verdicts compare printed numbers with
/// recomputed ones in it, so no value a double can hold (up to ±1.8e308, down to 5e-324) overflows or rounds.
/// </summary>
internal readonly record struct BigDecimal(BigInteger Mantissa, int Exponent)
{
    /// <summary>The shortest round-trip decimal of a finite double (what <c>ToString("R")</c> prints), exactly.</summary>
    public static BigDecimal FromDouble(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite doubles have a decimal value.");
        return Parse(value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>Parses "-12.345", "2.08182E-08", "1E+300" exactly (invariant culture).</summary>
    public static BigDecimal Parse(string text)
    {
        string s = text.Trim();
        int exponent = 0;
        int e = s.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }
        bool negative = s.StartsWith('-');
        s = s.TrimStart('-', '+');
        int dot = s.IndexOf('.');
        if (dot >= 0)
        {
            exponent -= s.Length - dot - 1;
            s = s.Remove(dot, 1);
        }
        var m = BigInteger.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
        return new(negative ? -m : m, exponent);
    }

    public static BigDecimal operator -(BigDecimal a, BigDecimal b)
    {
        int e = Math.Min(a.Exponent, b.Exponent);
        return new(a.Scaled(e) - b.Scaled(e), e);
    }

    /// <summary>The value divided by 10^<paramref name="unitExponent"/>, rounded half away from zero to an integer.</summary>
    public BigInteger RoundedUnits(int unitExponent) => RoundShift(Mantissa, Exponent - unitExponent, awayFromZeroAtHalf: true);

    /// <summary>The value divided by 10^<paramref name="unitExponent"/>, truncated toward zero.</summary>
    public BigInteger TruncatedUnits(int unitExponent) => RoundShift(Mantissa, Exponent - unitExponent, awayFromZeroAtHalf: false);

    /// <summary>Sign: −1, 0 or 1.</summary>
    public int Sign => Mantissa.Sign;

    /// <summary>The absolute value.</summary>
    public BigDecimal Abs() => new(BigInteger.Abs(Mantissa), Exponent);

    /// <summary>Compares exactly.</summary>
    public int CompareTo(BigDecimal other)
    {
        int e = Math.Min(Exponent, other.Exponent);
        return Scaled(e).CompareTo(other.Scaled(e));
    }

    /// <summary>The nearest double (±∞ beyond the double range).</summary>
    public double ToDouble() => double.Parse(
        Mantissa.ToString(CultureInfo.InvariantCulture) + "E" + Exponent.ToString(CultureInfo.InvariantCulture),
        NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>
    /// Plain positional notation ("0.0030850679925513835", "120"), as <see cref="decimal"/> prints; values whose plain
    /// form would be longer than 40 characters are written in E notation instead.
    /// </summary>
    public override string ToString()
    {
        string digits = BigInteger.Abs(Mantissa).ToString(CultureInfo.InvariantCulture);
        string sign = Mantissa.Sign < 0 ? "-" : "";
        int plainLength = Exponent >= 0 ? digits.Length + Exponent : Math.Max(digits.Length, -Exponent + 1) + 1;
        if (plainLength > 40)
        {
            int exp10 = Exponent + digits.Length - 1;
            string mant = digits.Length == 1 ? digits : digits[0] + "." + digits[1..].TrimEnd('0');
            return sign + mant.TrimEnd('.') + "E" + (exp10 < 0 ? "-" : "+") + Math.Abs(exp10).ToString(CultureInfo.InvariantCulture);
        }
        return sign + WithPoint(digits, Exponent);
    }

    /// <summary><paramref name="units"/>·10^-<paramref name="decimals"/> written with exactly that many decimals.</summary>
    public static string FixedDecimals(BigInteger units, int decimals)
    {
        string digits = BigInteger.Abs(units).ToString(CultureInfo.InvariantCulture);
        if (decimals > 0) digits = digits.PadLeft(decimals + 1, '0');
        return (units.Sign < 0 ? "-" : "") + (decimals > 0 ? digits[..^decimals] + "." + digits[^decimals..] : digits);
    }

    private static string WithPoint(string digits, int exponent)
    {
        if (exponent >= 0) return digits + new string('0', digits == "0" ? 0 : exponent);
        int decimals = -exponent;
        string padded = digits.PadLeft(decimals + 1, '0');
        return padded[..^decimals] + "." + padded[^decimals..];
    }

    private BigInteger Scaled(int exponent) => Mantissa * BigInteger.Pow(10, Exponent - exponent);

    private static BigInteger RoundShift(BigInteger mantissa, int shift, bool awayFromZeroAtHalf)
    {
        if (shift >= 0) return mantissa * BigInteger.Pow(10, shift);
        var divisor = BigInteger.Pow(10, -shift);
        var q = BigInteger.DivRem(mantissa, divisor, out var r); // truncates toward zero
        if (!awayFromZeroAtHalf || r.IsZero) return q;
        return BigInteger.Abs(r) * 2 >= divisor ? q + mantissa.Sign : q;
    }
}
