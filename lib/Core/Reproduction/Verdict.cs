using System.Globalization;
using System.Numerics;

namespace NotebookAnalysis.Reproduction;

/// <summary>How a recomputed number compares with the printed one, after rounding to the printed decimals.</summary>
public enum VerdictKind
{
    /// <summary>Equal after rounding to the printed decimals.</summary>
    Match,

    /// <summary>One unit off in the last printed digit.</summary>
    LastDigit,

    /// <summary>Two or more units off.</summary>
    Mismatch,

    /// <summary>The statistic is undefined for the data (e.g. t of an exact fit); the explanation gives the reason.</summary>
    Undefined,
}

/// <summary>The verdict on one published number.</summary>
/// <param name="Published">The number as printed.</param>
/// <param name="Recomputed">The recomputed value at full double precision; NaN only for <see cref="VerdictKind.Undefined"/>.</param>
/// <param name="RecomputedRounded">The recomputed value rounded (half away from zero, as Excel does) and written like the printed string.</param>
/// <param name="DifferenceUnits">(recomputed − printed) in units of the last printed digit, before rounding the recomputed value.</param>
/// <param name="RoundedDifferenceUnits">(rounded recomputed − printed) in units of the last printed digit: 0, ±1, …</param>
/// <param name="Kind">The verdict.</param>
/// <param name="Explanation">A sentence for every non-match; for a match, an optional note (empty when there is nothing to say).</param>
public sealed record Verdict(
    PublishedNumber Published,
    double Recomputed,
    string RecomputedRounded,
    double DifferenceUnits,
    BigInteger RoundedDifferenceUnits,
    VerdictKind Kind,
    string Explanation)
{
    /// <summary>The verdict's name as written in reports: <c>match</c>, <c>last-digit</c>, <c>mismatch</c>, <c>undefined</c>.</summary>
    public string KindName => Verdicts.Name(Kind);

    /// <summary>The recomputed value in round-trip form, invariant culture.</summary>
    public string RecomputedText => Kind == VerdictKind.Undefined ? "" : Recomputed.ToString("R", CultureInfo.InvariantCulture);
}
