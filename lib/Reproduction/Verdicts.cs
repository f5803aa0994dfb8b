using System.Globalization;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Results;

namespace NotebookAnalysis.Reproduction;

/// <summary>Compares each published number with its recomputed value and explains every difference.</summary>
public static class Verdicts
{
    /// <summary>The report name of a verdict kind.</summary>
    public static string Name(VerdictKind kind) => kind switch
    {
        VerdictKind.Match => "match",
        VerdictKind.LastDigit => "last-digit",
        VerdictKind.Mismatch => "mismatch",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The verdicts on <paramref name="published"/> against <paramref name="fit"/>, in the given order.</summary>
    public static IReadOnlyList<Verdict> Compare(OlsResult fit, IEnumerable<PublishedNumber> published) =>
        published.Select(p => Judge(p, FitRows.Statistic(fit, p.Statistic, p.Term), fit)).ToList();

    /// <summary>The verdict on one printed number given its exact recomputed value.</summary>
    /// <param name="published">The number as printed.</param>
    /// <param name="recomputed">The recomputed value at full precision.</param>
    /// <param name="fit">The fit, used to explain differences (optional).</param>
    public static Verdict Judge(PublishedNumber published, double recomputed, OlsResult? fit = null)
    {
        if (!double.IsFinite(recomputed))
            throw new ArgumentOutOfRangeException(nameof(recomputed), recomputed,
                $"{published.Table} {published.StandardLabel}: the recomputed value is not finite.");
        decimal exact = ExactDecimal(recomputed);
        decimal unit = published.LastDigitUnit;
        decimal rounded = RoundToUnit(exact, unit);
        decimal printed = published.Value;
        long roundedUnits = (long)((rounded - printed) / unit);
        double rawUnits = (double)((exact - printed) / unit);
        var kind = Math.Abs(roundedUnits) switch
        {
            0 => VerdictKind.Match,
            1 => VerdictKind.LastDigit,
            _ => VerdictKind.Mismatch,
        };
        string roundedText = FormatLike(published, rounded);
        string explanation = kind == VerdictKind.Match
            ? MatchNote(published, recomputed)
            : Explain(published, exact, rounded, roundedUnits, fit);
        return new Verdict(published, recomputed, roundedText, rawUnits, roundedUnits, kind, explanation);
    }

    /// <summary>The exact decimal value of the shortest round-trip string of <paramref name="value"/>.</summary>
    internal static decimal ExactDecimal(double value) =>
        decimal.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Rounds half away from zero to a multiple of <paramref name="unit"/> (Excel's display rounding).</summary>
    internal static decimal RoundToUnit(decimal value, decimal unit) =>
        Math.Round(value / unit, 0, MidpointRounding.AwayFromZero) * unit;

    /// <summary>Writes <paramref name="value"/> in the printed string's notation and number of decimals.</summary>
    internal static string FormatLike(PublishedNumber published, decimal value)
    {
        if (!published.IsScientific)
            return value.ToString("F" + published.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        decimal mantissa = value / PublishedNumber.Pow10(published.Exponent);
        string exp = published.Exponent < 0 ? "-" + (-published.Exponent).ToString("00", CultureInfo.InvariantCulture)
                                            : "+" + published.Exponent.ToString("00", CultureInfo.InvariantCulture);
        return mantissa.ToString("F" + published.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "E" + exp;
    }

    private static string MatchNote(PublishedNumber p, double recomputed)
    {
        if (p.Value == 0m && recomputed != 0)
            return $"Printed as {p.Printed}, the value is {recomputed.ToString("0.###E+00", CultureInfo.InvariantCulture)}: correct after rounding, but the print hides its size.";
        return "";
    }

    private static string Explain(PublishedNumber p, decimal exact, decimal rounded, long units, OlsResult? fit)
    {
        string where = $"{p.Table} \"{p.PaperLabel}\" ({p.StandardLabel})";
        string direction = units > 0 ? "above" : "below";
        string size = $"{Math.Abs(units)} unit{(Math.Abs(units) == 1 ? "" : "s")} of the last digit";
        decimal truncated = Math.Truncate(exact / p.LastDigitUnit) * p.LastDigitUnit;
        if (truncated == p.Value)
            return $"{where}: printed {p.Printed}, recomputed {FormatLike(p, rounded)} ({exact.ToString(CultureInfo.InvariantCulture)}); the print equals the exact value truncated, not rounded, so the paper is {size} {(units > 0 ? "below" : "above")} the correctly rounded figure.";
        decimal gap = Math.Abs(exact - p.Value) / p.LastDigitUnit;
        if (gap <= 0.75m)
            return $"{where}: printed {p.Printed}, recomputed {exact.ToString(CultureInfo.InvariantCulture)}, which rounds to {FormatLike(p, rounded)}; the exact value lies within 0.75 units of the print, so a rounding of an intermediate (or a value carried at lower precision) explains the {size}.";
        string dataHint = fit is null ? "" : " No rounding of the exact value or of the printed inputs produces it; the paper's figure is wrong, or it was computed from different data.";
        return $"{where}: printed {p.Printed}, recomputed {FormatLike(p, rounded)} ({exact.ToString(CultureInfo.InvariantCulture)}); the recomputed value is {size} {direction} the print.{dataHint}";
    }
}
