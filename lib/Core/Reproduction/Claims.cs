using System.Globalization;
using System.Text.RegularExpressions;
using NotebookAnalysis.Data;
using NotebookAnalysis.Formatting;

namespace NotebookAnalysis.Reproduction;

/// <summary>What a claim of the paper asserts about the slope of a score on the number of clusters.</summary>
public enum ClaimKind
{
    /// <summary>More clusters, higher score: a positive slope (the paper's reading of Tables 2 and 3).</summary>
    MoreClustersHigherScore,

    /// <summary>No dependence: the score does not depend on the clusters (Table 4, and the paper's conclusion).</summary>
    NoDependence,
}

/// <summary>How far the evidence of one base goes for one claim.</summary>
public enum ClaimStatus
{
    /// <summary>A dependence claim with a significant positive slope in every fit of the base.</summary>
    Supported,

    /// <summary>A dependence claim with a significant positive slope in some fits of the base and none significant in the others.</summary>
    PartlySupported,

    /// <summary>A dependence claim with no significant slope: the data neither show the effect nor exclude it.</summary>
    NotShown,

    /// <summary>A no-dependence claim with no significant slope: not contradicted, but a non-significant slope does not show absence.</summary>
    NotContradicted,

    /// <summary>A significant slope against the claim: of either sign for a no-dependence claim, negative for a dependence claim.</summary>
    Contradicted,
}

/// <summary>One claim the paper makes from Tables 2-4, quoted from its text.</summary>
/// <param name="Id">A key: the table id it is read from (<c>T2_goods</c>, <c>T3_financial</c>, <c>T4_innovation</c>) or <c>conclusion</c>.</param>
/// <param name="Subject">A short name for reports, e.g. "Table 2 (goods)".</param>
/// <param name="Kind">What the claim asserts about the slope.</param>
/// <param name="Quote">The paper's words (found in <c>seeds/paper.md</c> up to line breaks).</param>
/// <param name="TableIds">The tables whose slopes bear on it: one for a table's reading, all three for the conclusion.</param>
public sealed record PaperClaim(string Id, string Subject, ClaimKind Kind, string Quote, IReadOnlyList<string> TableIds)
{
    /// <summary>The claim in words: "more clusters, higher score" or "no dependence".</summary>
    public string KindText => PaperClaims.Describe(Kind);
}

/// <summary>One fitted slope of score on clusters, as evidence: which fit, on which data, and its inference.</summary>
/// <param name="TableId">The table whose regression it is.</param>
/// <param name="Label">The fit's name (a model name such as <c>wef_k0_2009_2018</c> or <c>hac_nw_lag1</c>).</param>
/// <param name="N">Observations.</param>
/// <param name="Slope">The slope on the cluster count.</param>
/// <param name="PValue">Its two-sided p-value under the fit's covariance.</param>
/// <param name="Lower95">Lower end of its 95% confidence interval.</param>
/// <param name="Upper95">Upper end of its 95% confidence interval.</param>
public sealed record SlopeEvidence(string TableId, string Label, int N, double Slope, double PValue, double Lower95, double Upper95)
{
    /// <summary>The paper's criterion: significant at 5% (Significance F, equal to the slope's p-value in simple regression).</summary>
    public const double Alpha = 0.05;

    /// <summary>Whether the slope is significant at 5%.</summary>
    public bool Significant => PValue < Alpha;
}

/// <summary>One cell of the claims table: a claim judged on one evidence base.</summary>
/// <param name="Claim">The claim.</param>
/// <param name="Base">The evidence base's name (a column of the table).</param>
/// <param name="Slopes">The slopes of that base that bear on the claim; empty when the base has none (then <see cref="Status"/> is null).</param>
/// <param name="Status">How far the evidence goes; null when there is no evidence.</param>
/// <param name="Verdict">The verdict in words, worded exactly as far as the evidence goes.</param>
public sealed record ClaimCell(PaperClaim Claim, string Base, IReadOnlyList<SlopeEvidence> Slopes, ClaimStatus? Status, string Verdict);

/// <summary>The paper's claims from Tables 2-4, and the one rule that judges a claim on a set of slopes.</summary>
public static class PaperClaims
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The conclusion's key.</summary>
    public const string ConclusionId = "conclusion";

    /// <summary>The paper's four claims, in the paper's order (quotes not yet checked against the text; see <see cref="FromPaper"/>).</summary>
    public static IReadOnlyList<PaperClaim> All { get; } =
    [
        new("T2_goods", "Table 2 (goods)", ClaimKind.MoreClustersHigherScore,
            "quality of goods markets grows by 0.0066 point (i.e., remains almost unchanged) with growth of the number of clusters by 1", ["T2_goods"]),
        new("T3_financial", "Table 3 (financial)", ClaimKind.MoreClustersHigherScore,
            "quality of financial markets grows by 0.0063 points (i.e., remains almost unchanged) with growth of the number of clusters by 1", ["T3_financial"]),
        new("T4_innovation", "Table 4 (innovation)", ClaimKind.NoDependence,
            "the number of innovation markets does not depend on the number of clusters in them, as significance F (0.3031) exceeds 0.05", ["T4_innovation"]),
        new(ConclusionId, "Conclusion (all three markets)", ClaimKind.NoDependence,
            "the results of the performed analysis allow us to conclude that quality of sectorial markets in modern Russia is not determined by cluster processes in them",
            ["T2_goods", "T3_financial", "T4_innovation"]),
    ];

    /// <summary>The claims, each quote located in <paramref name="paperText"/> (line breaks in the transcription count as spaces).</summary>
    /// <exception cref="InvalidOperationException">The transcription no longer holds a quote.</exception>
    public static IReadOnlyList<PaperClaim> FromPaper(string paperText)
    {
        // The transcription breaks the conclusion's sentence across a blank line; compare with runs of whitespace collapsed.
        string text = Collapse(paperText);
        foreach (var c in All)
            if (!text.Contains(Collapse(c.Quote), StringComparison.Ordinal))
                throw new InvalidOperationException($"The paper's transcription does not contain the claim '{c.Id}': '{c.Quote}'.");
        return All;
    }

    /// <summary>The paper's own reading of the table <paramref name="tableId"/> (T4_innovation: no dependence).</summary>
    public static ClaimKind ReadingOf(string tableId) =>
        All.FirstOrDefault(c => c.Id == tableId)?.Kind
        ?? throw new ArgumentException($"No reading of table '{tableId}'. Known: {string.Join(", ", All.Where(c => c.Id != ConclusionId).Select(c => c.Id))}.", nameof(tableId));

    /// <summary>
    /// The paper's own reading of the printed table <paramref name="market"/> reproduces with the paper's columns (found
    /// through the bundled description; Table 4: no dependence), or null for any other market: the paper reads no other.
    /// </summary>
    public static ClaimKind? ReadingOf(MarketSpec market) =>
        Markets.Paper.FirstOrDefault(m => m.PublishedTable == market.PublishedTable && m.Y == market.Y && m.X == market.X) is { } paper
            ? ReadingOf(paper.Id)
            : null;

    /// <summary>"more clusters, higher score" or "no dependence".</summary>
    public static string Describe(ClaimKind kind) => kind == ClaimKind.MoreClustersHigherScore ? "more clusters, higher score" : "no dependence";

    /// <summary>
    /// Judges <paramref name="claim"/> on the <paramref name="slopes"/> of one evidence base. A dependence claim needs a
    /// significant positive slope; a no-dependence claim is contradicted by any significant slope and otherwise only not
    /// contradicted, never shown: the verdict names the largest slope the 95% intervals still allow.
    /// </summary>
    public static ClaimCell Judge(PaperClaim claim, string evidenceBase, IReadOnlyList<SlopeEvidence> slopes)
    {
        if (slopes.Count == 0)
            return new ClaimCell(claim, evidenceBase, slopes, null, "no fit on this base");
        var (status, verdict) = claim.Kind == ClaimKind.NoDependence ? NoDependence(slopes) : Dependence(slopes);
        return new ClaimCell(claim, evidenceBase, slopes, status, verdict);
    }

    /// <summary>The verdict on one slope alone, in the same words as <see cref="Judge"/>.</summary>
    public static string VerdictOn(ClaimKind kind, SlopeEvidence slope) =>
        (kind == ClaimKind.NoDependence ? NoDependence([slope]) : Dependence([slope])).Verdict;

    private static (ClaimStatus Status, string Verdict) Dependence(IReadOnlyList<SlopeEvidence> s)
    {
        var negative = s.Where(e => e.Significant && e.Slope < 0).ToList();
        var positive = s.Where(e => e.Significant && e.Slope > 0).ToList();
        var none = s.Where(e => !e.Significant).ToList();
        if (negative.Count > 0)
            return (ClaimStatus.Contradicted, $"significant negative slope{Where(negative, s)}: contradicted");
        if (positive.Count == s.Count)
            return (ClaimStatus.Supported, s.Count == 1 ? "significant positive slope: supported" : $"significant positive slope in all {Int(s.Count)} fits: supported");
        if (positive.Count == 0)
            return (ClaimStatus.NotShown, $"no significant slope{Where(none, s)}: not shown; compatible with none and with an effect as large as {Brief(none.Max(e => e.Upper95))}");
        return (ClaimStatus.PartlySupported,
            $"significant positive slope in {Int(positive.Count)} of {Int(s.Count)} fits; no significant slope in {Names(none)} " +
            $"(compatible with none and with an effect as large as {Brief(none.Max(e => e.Upper95))}): supported only in part");
    }

    private static (ClaimStatus Status, string Verdict) NoDependence(IReadOnlyList<SlopeEvidence> s)
    {
        var significant = s.Where(e => e.Significant).ToList();
        if (significant.Count > 0)
        {
            string sign = significant.All(e => e.Slope > 0) ? "positive " : significant.All(e => e.Slope < 0) ? "negative " : "";
            string detail = s.Count == 1 ? "" : " in " + List(significant, s);
            return (ClaimStatus.Contradicted, $"significant {sign}slope{detail}: contradicted");
        }
        double lo = s.Min(e => e.Lower95), hi = s.Max(e => e.Upper95);
        return (ClaimStatus.NotContradicted,
            $"no significant slope{(s.Count == 1 ? "" : $" in any of {Int(s.Count)} fits")}: not contradicted, but not shown: " +
            $"the 95% {(s.Count == 1 ? "CI allows" : "CIs allow")} slopes from {Brief(lo)} up to {Brief(hi)}");
    }

    private static string Where(List<SlopeEvidence> which, IReadOnlyList<SlopeEvidence> all) =>
        all.Count == 1 ? "" : which.Count == all.Count ? $" in any of {Int(all.Count)} fits" : " in " + List(which, all);

    private static string Names(List<SlopeEvidence> which) => List(which, which);

    /// <summary>
    /// The fits in <paramref name="which"/>, named: by model with slope and p when they come from one table; grouped by
    /// table when <paramref name="all"/> spans several (the conclusion), so that equal model names stay apart.
    /// </summary>
    private static string List(IReadOnlyList<SlopeEvidence> which, IReadOnlyList<SlopeEvidence> all)
    {
        static string One(SlopeEvidence e) => $"{e.Label} ({Brief(e.Slope)}, p = {P(e.PValue)})";
        if (all.Select(e => e.TableId).Distinct().Count() == 1)
            return string.Join(", ", which.Select(One));
        return string.Join("; ", which.GroupBy(e => e.TableId).Select(g =>
        {
            int total = all.Count(e => e.TableId == g.Key);
            return total == 1
                ? $"{g.Key} ({Brief(g.First().Slope)}, p = {P(g.First().PValue)})"
                : $"{g.Key} ({Int(g.Count())} of {Int(total)} fits: {string.Join(", ", g.Select(e => e.Label))})";
        }));
    }

    private static string Brief(double v) => NumberFormat.Brief(v);

    private static string P(double p) => NumberFormat.PValue(p);

    private static string Int(int v) => v.ToString(Inv);

    private static string Collapse(string s) => Regex.Replace(s, @"\s+", " ");
}
