using System.Globalization;

namespace NotebookAnalysis.Formatting;

/// <summary>
/// The one set of number formats every report, table and chart label uses, all in the invariant culture.
/// A table picks a format by what the number is, not by where it is printed.
/// </summary>
public static class NumberFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Placeholder for a statistic a row does not have (e.g. the slope of the mean-only benchmark).</summary>
    public const string Missing = "–";

    /// <summary>Full precision as Excel's General format shows it: 10 significant digits (<c>G10</c>).</summary>
    public static string Full(double v) => v.ToString("G10", Inv);

    /// <summary>Diagnostics and intervals: 6 significant digits (<c>G6</c>).</summary>
    public static string Diagnostic(double v) => v.ToString("G6", Inv);

    /// <summary>Comparison tables and evidence in words: 4 significant digits (<c>G4</c>).</summary>
    public static string Brief(double v) => v.ToString("G4", Inv);

    /// <summary>Four significant digits, or <see cref="Missing"/> for null.</summary>
    public static string BriefOrMissing(double? v) => v is double d ? Brief(d) : Missing;

    /// <summary>The shortest text that reads back as the same double (<c>G</c>): 15, 0.1.</summary>
    public static string Shortest(double v) => v.ToString(Inv);

    /// <summary><paramref name="digits"/> significant digits (<c>G</c>n).</summary>
    public static string Significant(double v, int digits) => v.ToString("G" + digits.ToString(Inv), Inv);

    /// <summary>Exactly <paramref name="decimals"/> digits after the point (<c>F</c>n).</summary>
    public static string Fixed(double v, int decimals) => v.ToString("F" + decimals.ToString(Inv), Inv);

    /// <summary>A count with thousands separators: 3,628,800.</summary>
    public static string Count(long v) => v.ToString("N0", Inv);

    /// <summary>A whole number without separators.</summary>
    public static string Integer(long v) => v.ToString(Inv);

    /// <summary>A share as a percentage with one decimal: 94.3%.</summary>
    public static string Percent(double share) => (share * 100).ToString("F1", Inv) + "%";

    /// <summary>
    /// A value on a grid of <paramref name="decimals"/> printed decimals, with at least one: a score printed to 0.1
    /// shows as 3.3, one printed to 0.01 as 3.31.
    /// </summary>
    public static string OnGrid(double v, int decimals) => Fixed(v, Math.Max(1, decimals));

    /// <summary>Half a rounding unit, one decimal finer than the grid: 0.05 for a 0.1 grid, 0.005 for 0.01.</summary>
    public static string HalfUnit(double halfWidth, int decimals) => Fixed(halfWidth, decimals + 1);

    /// <summary>A p-value to four decimals, or in scientific notation below 1e-4, where four decimals would print 0.0000.</summary>
    public static string PValue(double p) => p < 1e-4 ? p.ToString("0.0E+00", Inv) : Fixed(p, 4);

    /// <summary>A duration in seconds, for progress lines.</summary>
    public static string Seconds(TimeSpan t, int decimals = 3) => Fixed(t.TotalSeconds, decimals);
}
