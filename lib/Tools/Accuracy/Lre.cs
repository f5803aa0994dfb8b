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
        if (x == c) return Cap;
        if (double.IsInfinity(x)) return 0;
        double lre = double.IsInfinity(c) ? -Math.Log10(Math.Abs(1 / x))
            : c == 0 ? -Math.Log10(Math.Abs(x)) : -Math.Log10(Math.Abs(x - c) / Math.Abs(c));
        return double.IsNaN(lre) ? 0 : Math.Clamp(lre, 0, Cap);
    }
}
