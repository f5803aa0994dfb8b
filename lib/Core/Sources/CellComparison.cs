using System.Globalization;
using NotebookAnalysis.Data;

namespace NotebookAnalysis.Sources;

/// <summary>The outcome of comparing one cell of Table 1 with the WEF's score.</summary>
public enum CellStatus
{
    /// <summary>The WEF's score, rounded to 0.1 half away from zero, equals the paper's value.</summary>
    Agrees,

    /// <summary>The rounded WEF score differs from the paper's value.</summary>
    Disagrees,

    /// <summary>
    /// The WEF's score has fewer digits than full precision and lies within half a unit of its last digit of a rounding
    /// edge: the digits stored cannot decide its rounding to 0.1, so the cell is not judged.
    /// </summary>
    Undecidable,

    /// <summary>The extract holds no score for that pillar and edition.</summary>
    NotInExtract,
}

/// <summary>One cell of Table 1 under one year-to-edition mapping, beside the WEF's score.</summary>
/// <param name="Mapping">The year-to-edition mapping.</param>
/// <param name="Market">The paper's market (pillar column).</param>
/// <param name="PaperYear">The paper's year (Table 1's row).</param>
/// <param name="Edition">The WEF edition the mapping assigns to that year, e.g. <c>2008-2009</c>.</param>
/// <param name="Paper">The paper's value, exactly as printed.</param>
/// <param name="Wef">The WEF's score, or null when the extract does not hold it.</param>
public sealed record CellComparison(EditionMapping Mapping, Market Market, int PaperYear, string Edition, decimal Paper, WefScore? Wef)
{
    /// <summary>
    /// The WEF's score rounded to 0.1, half away from zero, computed on the exact decimal; null when not in the extract
    /// or when its stored digits cannot decide the rounding (<see cref="RoundingUndecidable"/>).
    /// </summary>
    public decimal? WefRounded => Wef is null || RoundingUndecidable == true ? null : ScoreRounding.ToTenth(Wef.Exact);

    /// <summary>
    /// Whether the WEF's stored digits cannot decide its rounding to 0.1: the score has fewer than full-precision digits
    /// and a rounding edge lies closer to it than half a unit of its last digit, so numbers on both sides of the edge
    /// round to what was stored. Null when not in the extract.
    /// </summary>
    public bool? RoundingUndecidable => Wef is null ? null : ScoreRounding.Undecidable(Wef);

    /// <summary>Both roundings an undecidable score could have, e.g. <c>3.6 or 3.7</c>; null for every other cell.</summary>
    public string? Candidates => RoundingUndecidable == true
        ? string.Join(" or ", new[] { ScoreRounding.ToTenth(Wef!.Exact), ScoreRounding.AcrossNearestEdge(Wef.Exact) }.Order().Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)))
        : null;

    /// <summary>Paper minus rounded WEF, in units of 0.1 (0 when they agree); null when not in the extract.</summary>
    public decimal? DifferenceInTenths => WefRounded is decimal r ? (Paper - r) * 10m : null;

    /// <summary>Whether the WEF's exact score lies within 0.01 of a rounding edge (x.x5); null when not in the extract.</summary>
    public bool? NearEdge => Wef is null ? null : ScoreRounding.DistanceToEdge(Wef.Exact) <= ScoreRounding.NearEdgeDistance;

    /// <summary>
    /// Whether a disagreeing cell near an edge would agree had the WEF's score fallen on the other side of that edge
    /// (a revision of the WEF's data by less than 0.01); false for every other cell.
    /// </summary>
    public bool AgreesAcrossEdge =>
        Status == CellStatus.Disagrees && NearEdge == true && ScoreRounding.AcrossNearestEdge(Wef!.Exact) == Paper;

    /// <summary>Agrees, disagrees, or not in the extract.</summary>
    public CellStatus Status =>
        Wef is null ? CellStatus.NotInExtract
        : RoundingUndecidable == true ? CellStatus.Undecidable
        : WefRounded == Paper ? CellStatus.Agrees : CellStatus.Disagrees;

    /// <summary>The status as written in files and reports: <c>agrees</c>, <c>disagrees</c>, <c>undecidable</c>, <c>not in the extract</c>.</summary>
    public string StatusText => Status switch
    {
        CellStatus.Agrees => "agrees",
        CellStatus.Disagrees => "disagrees",
        CellStatus.Undecidable => "undecidable",
        _ => "not in the extract",
    };
}

/// <summary>Rounding of WEF scores to Table 1's grid of 0.1, on exact decimals (a binary double cannot hold x.x5 exactly).</summary>
public static class ScoreRounding
{
    /// <summary>Table 1 prints scores to one decimal.</summary>
    public const decimal Step = 0.1m;

    /// <summary>A score closer than this to a rounding edge is flagged: a small revision could flip its rounding.</summary>
    public const decimal NearEdgeDistance = 0.01m;

    /// <summary>
    /// A score with at least this many significant digits is taken as exact. A binary double written out in full takes
    /// 15 to 17 digits (15 always survive the round trip), so fewer means the source cut the number; then the value stands
    /// for every number within half a unit of its last digit.
    /// </summary>
    public const int FullPrecisionDigits = 15;

    /// <summary>
    /// Whether <paramref name="score"/>'s stored digits cannot decide its rounding to 0.1: it has fewer than
    /// <see cref="FullPrecisionDigits"/> digits and a rounding edge lies strictly closer than half a unit of its last digit.
    /// </summary>
    public static bool Undecidable(WefScore score) =>
        !score.FullPrecision && DistanceToEdge(score.Exact) < score.HalfUnit;

    /// <summary><paramref name="value"/> rounded to 0.1, half away from zero.</summary>
    public static decimal ToTenth(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    /// <summary>The distance from <paramref name="value"/> to the nearest rounding edge (a number ending in 5 in the second decimal).</summary>
    public static decimal DistanceToEdge(decimal value)
    {
        decimal scaled = value * 10m;
        decimal fraction = scaled - Math.Floor(scaled);
        return Math.Abs(fraction - 0.5m) / 10m;
    }

    /// <summary>The rounding <paramref name="value"/> would get on the other side of its nearest rounding edge.</summary>
    public static decimal AcrossNearestEdge(decimal value)
    {
        decimal rounded = ToTenth(value);
        return value >= rounded ? rounded + Step : rounded - Step;
    }

    /// <summary>The exact decimal of a value read from Table 1 (its shortest round-trip string, i.e. the printed value).</summary>
    public static decimal FromPrinted(double value) =>
        decimal.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="value"/> lies on the 0.1 grid.</summary>
    public static bool OnGrid(decimal value) => value * 10m == Math.Truncate(value * 10m);
}
