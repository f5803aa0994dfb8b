namespace NotebookAnalysis.Accuracy;

/// <summary>McCullough's log relative error: the number of correct significant digits of a computed value.</summary>
public static class Lre
{
    /// <summary>The cap: certified values carry 15 significant digits.</summary>
    public const double Cap = 15;

    /// <summary>
    /// −log10(|x−c|/|c|), or −log10|x| when c = 0, clamped to [0, 15]. For a certified value of +∞ (the F statistic
    /// of an exact fit) the reciprocals are compared: 15 when x = +∞, else −log10|1/x| (1/c = 0). A NaN value scores 0.
    /// </summary>
    public static double Of(double x, double c)
    {
        if (double.IsNaN(x) || double.IsNaN(c)) return 0;
        if (double.IsInfinity(c))
        {
            if (x == c) return Cap;
            if (double.IsInfinity(x)) return 0;
            return Clamp(-Math.Log10(Math.Abs(1 / x)));
        }
        if (double.IsInfinity(x)) return 0;
        if (x == c) return Cap;
        double lre = c == 0 ? -Math.Log10(Math.Abs(x)) : -Math.Log10(Math.Abs(x - c) / Math.Abs(c));
        return Clamp(lre);
    }

    /// <summary>
    /// As <see cref="Of(double, double)"/>, with a scale for a certified value of exactly 0: then the LRE is
    /// −log10(|x| / max(1, <paramref name="zeroScale"/>)), the digits of x that are 0 relative to the quantity's natural
    /// magnitude (e.g. the size of y for a residual SD that is certified 0). For a scale up to 1 this is NIST's −log10|x|;
    /// above it, NIST's absolute rule would score the rounding of y itself (an exact fit of y ≈ 10^9 has residuals of
    /// 10^-7 once y is read as doubles) as lost digits. Nonzero certified values are scored as by <see cref="Of(double, double)"/>.
    /// </summary>
    public static double Of(double x, double c, double zeroScale)
    {
        if (c != 0 || double.IsNaN(x) || double.IsInfinity(x) || !(zeroScale > 1) || double.IsInfinity(zeroScale)) return Of(x, c);
        if (x == 0) return Cap;
        return Clamp(-Math.Log10(Math.Abs(x) / zeroScale));
    }

    private static double Clamp(double v) => double.IsNaN(v) ? 0 : Math.Clamp(v, 0, Cap);
}
