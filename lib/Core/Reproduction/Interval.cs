using NotebookAnalysis.Formatting;
namespace NotebookAnalysis.Reproduction;

/// <summary>A closed interval [Low, High]: a printed number stands for every value that rounds to it.</summary>
public readonly record struct Interval(double Low, double High)
{
    /// <summary>The interval a printed number stands for: value ± half a unit of its last digit.</summary>
    public static Interval OfPrinted(PublishedNumber p)
    {
        double v = (double)p.Value, half = (double)p.LastDigitUnit / 2;
        // Counts (n, df) are exact.
        return p.Statistic is "nobs" or "df_model" or "df_resid" or "df_total" ? new(v, v) : new(v - half, v + half);
    }

    /// <summary>True when the two intervals share a point.</summary>
    public bool Intersects(Interval other) => Low <= other.High && other.Low <= High;

    /// <summary>
    /// The range of <paramref name="f"/> over the box spanned by <paramref name="inputs"/>, taken at the box's corners.
    /// Exact for functions monotone in each argument on the box, which every consistency relation here is.
    /// </summary>
    public static Interval Range(Func<double[], double> f, params Interval[] inputs)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        int corners = 1 << inputs.Length;
        var x = new double[inputs.Length];
        for (int mask = 0; mask < corners; mask++)
        {
            for (int i = 0; i < inputs.Length; i++)
                x[i] = (mask & (1 << i)) == 0 ? inputs[i].Low : inputs[i].High;
            double v = f(x);
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }
        return new(lo, hi);
    }

    public override string ToString() =>
        $"[{NumberFormat.Diagnostic(Low)}, {NumberFormat.Diagnostic(High)}]";
}
