using System.Globalization;
using System.Numerics;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Results;

namespace NotebookAnalysis.Reproduction;

/// <summary>Compares each published number with its recomputed value and explains every difference.</summary>
public static class Verdicts
{
    /// <summary>The report name of a verdict kind.</summary>
    public static string Name(VerdictKind kind) => kind == VerdictKind.LastDigit ? "last-digit" : kind.ToString().ToLowerInvariant();

    /// <summary>
    /// The verdicts on <paramref name="published"/> against <paramref name="fit"/>, in the given order. A statistic that is
    /// undefined for the fit (e.g. t of an exact fit) gets the verdict <see cref="VerdictKind.Undefined"/> with the reason.
    /// </summary>
    public static IReadOnlyList<Verdict> Compare(OlsResult fit, IEnumerable<PublishedNumber> published) =>
        published.Select(p => Judge(p, FitRows.Statistic(fit, p.Statistic, p.Term), fit)).ToList();

    /// <summary>The verdict on one printed number given its recomputed statistic, defined or not.</summary>
    public static Verdict Judge(PublishedNumber published, Estimate recomputed, OlsResult? fit = null) =>
        recomputed.IsDefined
            ? Judge(published, recomputed.Value, fit)
            : new Verdict(published, double.NaN, "", double.NaN, 0, VerdictKind.Undefined,
                $"Table {published.Table} \"{published.PaperLabel}\" ({published.StandardLabel}): printed {published.Printed}, but the statistic is undefined for this data: {recomputed.Reason}.");

    /// <summary>The verdict on one printed number given its exact recomputed value.</summary>
    /// <param name="published">The number as printed.</param>
    /// <param name="recomputed">The recomputed value at full precision; any finite double (exact arithmetic, no overflow).</param>
    /// <param name="fit">The fit, used to explain differences (optional).</param>
    public static Verdict Judge(PublishedNumber published, double recomputed, OlsResult? fit = null)
    {
        if (!double.IsFinite(recomputed))
            throw new ArgumentOutOfRangeException(nameof(recomputed), recomputed,
                $"Table {published.Table} {published.StandardLabel}: pass an undefined statistic as an Estimate, not as a non-finite double.");
        var exact = BigDecimal.FromDouble(recomputed);
        var printed = BigDecimal.Parse(published.Printed);
        int unitExponent = UnitExponent(published);
        BigInteger roundedUnits = exact.RoundedUnits(unitExponent);
        BigInteger difference = roundedUnits - printed.RoundedUnits(unitExponent);
        var gap = exact - printed;
        double rawUnits = new BigDecimal(gap.Mantissa, gap.Exponent - unitExponent).ToDouble();
        var kind = BigInteger.Abs(difference) switch
        {
            var a when a.IsZero => VerdictKind.Match,
            var a when a.IsOne => VerdictKind.LastDigit,
            _ => VerdictKind.Mismatch,
        };
        string roundedText = FormatUnits(published, roundedUnits);
        string explanation = kind == VerdictKind.Match
            ? MatchNote(published, recomputed)
            : Explain(published, exact, printed, roundedUnits, difference, fit);
        return new Verdict(published, recomputed, roundedText, rawUnits, difference, kind, explanation);
    }

    /// <summary>
    /// <paramref name="value"/> rounded (half away from zero, as Excel displays) to the printed number's last digit and
    /// written in its notation; exact for any finite double.
    /// </summary>
    internal static string RoundLike(PublishedNumber published, double value) =>
        double.IsFinite(value)
            ? FormatUnits(published, BigDecimal.FromDouble(value).RoundedUnits(UnitExponent(published)))
            : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The power of ten of one unit in the printed number's last digit.</summary>
    private static int UnitExponent(PublishedNumber p) => p.Exponent - p.Decimals;

    /// <summary>A whole number of last-digit units written in the printed string's notation and number of decimals.</summary>
    private static string FormatUnits(PublishedNumber published, BigInteger units)
    {
        string mantissa = BigDecimal.FixedDecimals(units, published.Decimals);
        if (!published.IsScientific)
            return mantissa;
        string exp = published.Exponent < 0 ? "-" + (-published.Exponent).ToString("00", CultureInfo.InvariantCulture)
                                            : "+" + published.Exponent.ToString("00", CultureInfo.InvariantCulture);
        return mantissa + "E" + exp;
    }

    private static string MatchNote(PublishedNumber p, double recomputed)
    {
        if (p.Value == 0m && recomputed != 0)
            return $"Printed as {p.Printed}, the value is {recomputed.ToString("0.###E+00", CultureInfo.InvariantCulture)}: correct after rounding, but the print hides its size.";
        return "";
    }

    private static string Explain(PublishedNumber p, BigDecimal exact, BigDecimal printed, BigInteger roundedUnits, BigInteger units, OlsResult? fit)
    {
        string where = $"Table {p.Table} \"{p.PaperLabel}\" ({p.StandardLabel})";
        string direction = units > 0 ? "above" : "below";
        var magnitude = BigInteger.Abs(units);
        string size = $"{magnitude.ToString(CultureInfo.InvariantCulture)} unit{(magnitude.IsOne ? "" : "s")} of the last digit";
        int unitExponent = UnitExponent(p);
        string rounded = FormatUnits(p, roundedUnits);
        if (exact.TruncatedUnits(unitExponent) == printed.RoundedUnits(unitExponent))
            return $"{where}: printed {p.Printed}, recomputed {rounded} ({exact}); the print equals the exact value truncated, not rounded, so the paper is {size} {(units > 0 ? "below" : "above")} the correctly rounded figure.";
        // |exact − printed| ≤ 0.75 units, decided exactly: 4·|exact − printed| ≤ 3·10^unitExponent.
        var gap = (exact - printed).Abs();
        if (new BigDecimal(gap.Mantissa * 4, gap.Exponent).CompareTo(new BigDecimal(3, unitExponent)) <= 0)
            return $"{where}: printed {p.Printed}, recomputed {exact}, which rounds to {rounded}; the exact value lies within 0.75 units of the print, so a rounding of an intermediate (or a value carried at lower precision) explains the {size}.";
        string dataHint = fit is null ? "" : " No rounding of the exact value or of the printed inputs produces it; the paper's figure is wrong, or it was computed from different data.";
        return $"{where}: printed {p.Printed}, recomputed {rounded} ({exact}); the recomputed value is {size} {direction} the print.{dataHint}";
    }
}
