using System.Globalization;
using System.Text;
using NotebookAnalysis.Data;
using NotebookAnalysis.Reproduction;
using NotebookAnalysis.Sources;
using NotebookAnalysis.Formatting;

namespace NotebookAnalysis.Report.Reporting;

/// <summary>
/// The tables and the text of <c>results/SOURCES.md</c> and <c>results/sources-cells.csv</c>: Table 1 against the WEF's
/// pillar scores. Deterministic: no timestamps, no absolute paths; every sentence is built from the comparison it describes.
/// </summary>
public static class SourcesReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The header of <c>sources-cells.csv</c>.</summary>
    public const string CellsHeader = "mapping_k,table,pillar,paper_year,edition,paper_value,wef_score,wef_digits,wef_rounded,status,diff_tenths,near_edge,wef_line";

    /// <summary>Every cell under every mapping, one row each (LF line ends, trailing newline). The WEF score is written exactly as read.</summary>
    public static string CellsCsv(SourceComparison comparison)
    {
        var sb = new StringBuilder(CellsHeader).Append('\n');
        foreach (var c in comparison.Cells)
        {
            var spec = Markets.Get(c.Market);
            sb.Append(string.Join(",",
                c.Mapping.K.ToString(Inv), spec.Id, Pillars.Of(c.Market), c.PaperYear.ToString(Inv), c.Edition,
                c.Paper.ToString(Inv), c.Wef?.Exact.ToString(Inv) ?? "", c.Wef?.SignificantDigits.ToString(Inv) ?? "", c.WefRounded?.ToString("0.0", Inv) ?? "",
                VerdictTables.Csv(c.StatusText), c.DifferenceInTenths?.ToString("0.##", Inv) ?? "",
                c.NearEdge is bool b ? (b ? "yes" : "no") : "", c.Wef?.Line.ToString(Inv) ?? "")).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Agreeing/checked cells per mapping and pillar, with totals.</summary>
    public static Grid Agreement(SourceComparison comparison)
    {
        int first = comparison.Paper.Years[0];
        var grid = new Grid().Block(null,
            ["mapping", "paper year", .. Markets.Paper.Select(m => $"{Short(m)} agree / checked"), "all three", "undecidable", "not in the extract"]);
        foreach (var m in comparison.Mappings)
            grid.Row([m.Label, m.Example(first), .. Markets.Paper.Select(s => Ratio(comparison.Count(m, s.Market).Agree, comparison.Count(m, s.Market).Checked)),
                Ratio(comparison.TotalAgree(m), comparison.TotalChecked(m)), comparison.TotalUndecidable(m).ToString(Inv),
                comparison.Counts.Where(c => c.Mapping == m).Sum(c => c.NotInExtract).ToString(Inv)]);
        return grid;
    }

    /// <summary>The cells of one mapping, one block per pillar.</summary>
    public static Grid Cells(SourceComparison comparison, EditionMapping mapping)
    {
        var grid = new Grid();
        foreach (var spec in Markets.Paper)
        {
            grid.Block($"{spec.Y} ({Pillars.Of(spec.Market)}), {mapping.Label}",
                "year", "edition", "paper", "WEF", "digits", "WEF rounded", "status", "difference (0.1)", "near an edge");
            foreach (var c in comparison.Column(mapping, spec.Market))
                grid.Row(c.PaperYear.ToString(Inv), c.Edition, c.Paper.ToString("0.0", Inv),
                    c.Wef?.Exact.ToString(Inv) ?? "—", Digits(c.Wef), c.WefRounded?.ToString("0.0", Inv) ?? c.Candidates ?? "—", c.StatusText,
                    c.DifferenceInTenths is decimal d ? Signed(d) : "—", c.NearEdge is bool b ? (b ? "yes" : "no") : "—");
        }
        return grid;
    }

    /// <summary>The re-run regressions: slope, SE, t, p, 95% CI, R², DW, one row per fit, grouped by table.</summary>
    public static Grid Reruns(IReadOnlyList<RerunFit> fits)
    {
        var grid = new Grid();
        foreach (var group in fits.GroupBy(f => f.Spec.Id))
        {
            var spec = group.First().Spec;
            grid.Block($"Table {spec.PublishedTable} ({spec.Id}): {spec.Y} on {spec.X}",
                "model", "data", "n", "slope", "SE", "t", "p", "95% CI", "R²", "DW");
            foreach (var f in group)
            {
                var s = f.Slope;
                grid.Row(f.Model, f.Description, f.Fit.N.ToString(Inv), NumberFormat.Brief(s.Estimate), s.StdError.Format(NumberFormat.Brief), s.TValue.Format(t => NumberFormat.Fixed(t, 2)), s.PValue.Format(NumberFormat.PValue),
                    $"[{s.Lower95.Format(NumberFormat.Brief)}, {s.Upper95.Format(NumberFormat.Brief)}]", f.Fit.RSquared.Format(r => NumberFormat.Fixed(r, 3)), f.Fit.DurbinWatson.Format(d => NumberFormat.Fixed(d, 2)));
            }
        }
        return grid;
    }

    /// <summary>What the extract holds: per pillar, its name, editions and rows; then its sources.</summary>
    public static Grid Extract(WefExtract wef)
    {
        var grid = new Grid().Block(null, "pillar", "WEF series", "editions", "rows");
        foreach (var pillar in WefExtract.KnownPillars)
        {
            var rows = wef.Scores.Where(s => s.Pillar == pillar).ToList();
            if (rows.Count > 0)
                grid.Row(pillar, rows[0].PillarName, EditionSpan(rows), rows.Count.ToString(Inv));
        }
        // Two blocks, not one: with the editions beside the commit the table is wider than a notebook's output area.
        var sources = wef.Scores.GroupBy(s => (s.SourceRepo, s.SourcePath, s.SourceCommit)).ToList();
        grid.Block("Sources", "repository", "path", "commit", "rows", "significant digits as stored");
        foreach (var g in sources)
            grid.Row(g.Key.SourceRepo, g.Key.SourcePath, g.Key.SourceCommit, g.Count().ToString(Inv), Range(g.Select(s => s.SignificantDigits), d => NumberFormat.Integer(d), "-"));
        grid.Block("What each source holds", "repository", "editions and pillars");
        foreach (var g in sources)
            grid.Row(g.Key.SourceRepo, string.Join("; ", g.GroupBy(s => s.Pillar).Select(p => $"{p.Key} {EditionSpan(p.ToList())}")));
        return grid;
    }

    /// <summary>
    /// The claims table: one row per claim (the paper's words, and what it is judged as), one column per evidence base;
    /// each cell the slope, p and n behind the verdict, then the verdict.
    /// </summary>
    public static Grid Claims(ClaimsTable table)
    {
        var grid = new Grid().Block(null, ["claim (the paper's words)", "judged as", .. table.Bases.Select(b => b.Name)]);
        foreach (var claim in table.Claims)
            grid.Row([$"{claim.Subject}: \"{claim.Quote}\"", claim.KindText, .. table.Bases.Select(b => CellText(table.Cell(claim.Id, b.Name)))]);
        return grid;
    }

    /// <summary>The claims table in short, for the README: each cell's status and the p-values behind it.</summary>
    public static Grid ClaimsInShort(ClaimsTable table)
    {
        var grid = new Grid().Block(null, ["claim", "judged as", .. table.Bases.Select(b => b.Name)]);
        foreach (var claim in table.Claims)
            grid.Row([claim.Subject, claim.KindText, .. table.Bases.Select(b => table.Cell(claim.Id, b.Name) is var c && c.Status is ClaimStatus st
                ? $"{StatusText(st)} (p = {Range(c.Slopes.Select(e => e.PValue), NumberFormat.PValue)})" : "no fit")]);
        return grid;
    }

    /// <summary>Every slope behind the claims table, one row each, with its interval and the verdict on it alone.</summary>
    public static Grid ClaimsDetail(ClaimsTable table)
    {
        var grid = new Grid();
        foreach (var claim in table.Claims)
        {
            grid.Block($"{claim.Subject}, judged as {claim.KindText}", "evidence", "fit", "n", "slope", "p", "95% CI", "verdict on this fit alone");
            foreach (var cell in table.Cells.Where(c => c.Claim == claim))
                foreach (var e in cell.Slopes)
                    grid.Row(cell.Base, e.Label, e.N.ToString(Inv), NumberFormat.Brief(e.Slope), NumberFormat.PValue(e.PValue),
                        $"[{NumberFormat.Brief(e.Lower95)}, {NumberFormat.Brief(e.Upper95)}]", PaperClaims.VerdictOn(claim.Kind, e));
        }
        return grid;
    }

    /// <summary>A cell's text: its slopes (one: slope, p, n; several: per table the range of slopes and of p), then the verdict.</summary>
    public static string CellText(ClaimCell cell)
    {
        if (cell.Slopes.Count == 0) return cell.Verdict;
        if (cell.Slopes.Count == 1)
        {
            var e = cell.Slopes[0];
            return $"slope {NumberFormat.Brief(e.Slope)}, p = {NumberFormat.PValue(e.PValue)}, n = {e.N.ToString(Inv)}: {cell.Verdict}";
        }
        var groups = cell.Slopes.GroupBy(e => e.TableId).ToList();
        string Group(IGrouping<string, SlopeEvidence> g) =>
            (groups.Count > 1 ? g.Key + " " : "") + $"slope {Range(g.Select(e => e.Slope), NumberFormat.Brief)}, p = {Range(g.Select(e => e.PValue), NumberFormat.PValue)}" +
            (g.Count() > 1 ? $" ({g.Count().ToString(Inv)} fits)" : $", n = {g.First().N.ToString(Inv)}");
        return string.Join("; ", groups.Select(Group)) + ": " + cell.Verdict;
    }

    /// <summary>A status as the short table writes it.</summary>
    public static string StatusText(ClaimStatus status) => status switch
    {
        ClaimStatus.Supported => "supported",
        ClaimStatus.PartlySupported => "supported in part",
        ClaimStatus.NotShown => "not shown",
        ClaimStatus.NotContradicted => "not contradicted, not shown",
        _ => "contradicted",
    };

    /// <summary>The whole of <c>SOURCES.md</c>.</summary>
    /// <param name="comparison">The cell-by-cell comparison.</param>
    /// <param name="reruns">The re-runs from <see cref="Rerun.All"/>.</param>
    /// <param name="claims">The claims table (<see cref="Readings.Table(IReadOnlyList{PaperClaim}, Table1, RerunSet)"/>).</param>
    /// <param name="paperPath">Table 1 as the report names it.</param>
    /// <param name="wefPath">The extract as the report names it.</param>
    /// <param name="command">The command under "How to regenerate" (the sources job builds it).</param>
    public static string Markdown(SourceComparison comparison, RerunSet reruns, ClaimsTable claims,
        string paperPath, string wefPath, string command)
    {
        var paper = comparison.Paper;
        var wef = comparison.Wef;
        var natural = EditionMapping.Natural;
        var best = comparison.Best;
        var sb = new StringBuilder();
        sb.Append("# Table 1 against its primary source: the WEF's pillar scores\n\n");
        sb.Append("Generated by `dotnet run scripts/sources.cs`; every number below is computed by `lib/Core/Sources/` from the two files named here. ");
        sb.Append("Regenerate it rather than editing it. The cell-by-cell comparison under every mapping is `sources-cells.csv`; the regressions are `sources.csv`.\n\n");

        sb.Append("## Data\n\n");
        sb.Append($"- Table 1: `{paperPath}`, {paper.RowCount.ToString(Inv)} years ({paper.Years[0].ToString(Inv)}-{paper.Years[^1].ToString(Inv)}), SHA-256 `{paper.Sha256}`.\n");
        sb.Append($"- WEF extract: `{wefPath}`, {wef.Scores.Count.ToString(Inv)} rows, SHA-256 `{wef.Sha256}`. ");
        sb.Append("It is not part of this repository; the WEF's terms of use apply to it.\n");
        sb.Append('\n').Append(Extract(wef).ToMarkdown());

        sb.Append("## What was checked\n\n");
        sb.Append($"Each of Table 1's {(paper.RowCount * Markets.Paper.Count).ToString(Inv)} score cells (three pillars × {paper.RowCount.ToString(Inv)} years) is compared with the WEF's score for the same pillar. ");
        sb.Append("The paper does not say which edition stands for which year, so every mapping *paper year = the edition's second year + k*, ");
        sb.Append($"k = {EditionMapping.MinK.ToString(Inv)} … +{EditionMapping.MaxK.ToString(Inv)}, is tried. ");
        sb.Append("The WEF's score is rounded to 0.1, half away from zero, on its exact decimal value, and compared with the printed value; ");
        sb.Append($"a score within {ScoreRounding.NearEdgeDistance.ToString(Inv)} of a rounding edge (x.x5) is flagged, because a small revision of the WEF's data could flip its rounding. ");
        sb.Append("The cluster counts come from the Russian Cluster Observatory and are not checked here.\n\n");
        sb.Append(PrecisionNote(comparison)).Append("\n\n");

        sb.Append("## Agreement by mapping and pillar\n\n");
        sb.Append(Agreement(comparison).ToMarkdown());
        sb.Append(Conclusion(comparison)).Append("\n\n");

        var shown = new[] { natural }.Concat(comparison.TiedForBest.Where(m => m != natural)).ToList();
        foreach (var m in shown)
        {
            sb.Append($"## Cell by cell, {m.Label} ({(m == natural ? "the natural mapping" : m == best ? "the best-agreeing mapping" : "tied with the best on agreeing cells")}: {m.Example(paper.Years[0])})\n\n");
            sb.Append(Cells(comparison, m).ToMarkdown());
            sb.Append(EdgeNote(comparison, m)).Append("\n\n");
        }

        sb.Append("## Tables 2-4 on the WEF's own scores\n\n");
        sb.Append("The same engine (`Regression.Ols`) fits each table's regression on the WEF's unrounded scores, with the paper's cluster counts as x, ");
        sb.Append("on the years the extract covers under the mapping. Beside it: the paper's scores on the same years (like for like) and the paper's full table. ");
        sb.Append("Slope, SE and interval are per cluster; p is the slope's two-sided p-value (in simple regression equal to Significance F); DW is Durbin-Watson.\n\n");
        sb.Append(Reruns(reruns.Fits).ToMarkdown());
        sb.Append(ReproductionReport.Bullets(reruns.TooFewYears.Select(u =>
            $"Not re-run: Table {u.Spec.PublishedTable} under {u.Mapping.Label}, because the extract covers only {u.Years.ToString(Inv)} of its years (a regression needs at least {Rerun.MinimumYears.ToString(Inv)}).")));

        sb.Append("## What the paper's claims become\n\n");
        sb.Append(ClaimsIntroduction(claims)).Append("\n\n");
        sb.Append(Claims(claims).ToMarkdown());
        sb.Append("Every slope behind the table, with its 95% confidence interval and the verdict on it alone:\n\n");
        sb.Append(ClaimsDetail(claims).ToMarkdown());

        sb.Append("## What cannot be checked here\n\n");
        sb.Append(ReproductionReport.Bullets([.. Unchecked(comparison),
            "The cluster counts (x) of Table 1: they come from the Russian Cluster Observatory's map, which is not in the extract, and no public machine-readable source of them was found. Every re-run above uses the paper's counts."]));

        sb.Append(Cli.JobRunner.RegenerateSection(command));
        return sb.ToString();
    }

    /// <summary>
    /// How precise the compared WEF scores are: which rows have fewer than full-precision digits, where they come from,
    /// how close the compared ones come to a rounding edge, and which cells that leaves undecidable.
    /// </summary>
    public static string PrecisionNote(SourceComparison comparison)
    {
        var wef = comparison.Wef;
        var cut = wef.Scores.Where(s => !s.FullPrecision).ToList();
        var sb = new StringBuilder($"Precision: {(wef.Scores.Count - cut.Count).ToString(Inv)} of the extract's {wef.Scores.Count.ToString(Inv)} rows have at least {ScoreRounding.FullPrecisionDigits.ToString(Inv)} significant digits (a binary double written out in full) and are taken as exact. ");
        sb.Append("Fewer digits are treated as a cut value, even where a double's shortest form merely happens to be shorter: that only makes the check more cautious. ");
        if (cut.Count == 0)
            return sb.Append("No row has fewer, so no rounding below depends on digits the extract lacks.").ToString();
        sb.Append($"{cut.Count.ToString(Inv)} {(cut.Count == 1 ? "row has" : "rows have")} fewer (");
        sb.Append(string.Join("; ", cut.GroupBy(s => s.SourceRepo).Select(g =>
            $"{Range(g.Select(s => s.SignificantDigits), d => NumberFormat.Integer(d), "-")} digits: {string.Join(", ", g.Select(s => $"{s.Pillar} {s.Edition}"))}, from {g.Key}")));
        sb.Append("). Each such value stands for every number within half a unit of its last digit; where a rounding edge lies closer than that, ");
        sb.Append("its rounding to 0.1 is reported as undecidable, not guessed. ");
        var compared = comparison.Cells.Where(c => c.Wef is { FullPrecision: false }).Select(c => c.Wef!).Distinct().ToList();
        if (compared.Count == 0)
            return sb.Append("None of them is compared with Table 1 under any mapping.").ToString();
        var closest = compared.MinBy(s => ScoreRounding.DistanceToEdge(s.Exact))!;
        var undecidable = comparison.Cells.Where(c => c.Status == CellStatus.Undecidable).ToList();
        sb.Append($"{compared.Count.ToString(Inv)} of them are compared under at least one mapping; the closest to a rounding edge ({closest.Pillar} {closest.Edition}, {closest.Exact.ToString(Inv)}) lies {ScoreRounding.DistanceToEdge(closest.Exact).ToString(Inv)} from it, against half a unit of {closest.HalfUnit.ToString(Inv)}, so ");
        sb.Append(undecidable.Count == 0
            ? "every one of their roundings is decided by the digits stored."
            : $"{undecidable.Count.ToString(Inv)} cell(s) are undecidable: {string.Join(", ", undecidable.Select(c => $"{Markets.Get(c.Market).Y} {c.PaperYear.ToString(Inv)} under {c.Mapping.Label} ({c.Candidates})"))}.");
        return sb.ToString();
    }

    /// <summary>How the claims are judged, with the bases named from the table itself.</summary>
    public static string ClaimsIntroduction(ClaimsTable claims)
    {
        var sb = new StringBuilder();
        sb.Append($"The paper draws {claims.Claims.Count.ToString(Inv)} claims from Tables 2-4, quoted below from `seeds/paper.md`. ");
        sb.Append($"Each is judged on {claims.Bases.Count.ToString(Inv)} evidence bases: {string.Join("; ", claims.Bases.Select(b => b.Name))}. ");
        sb.Append($"The WEF columns are the re-runs above (WEF scores against the paper's cluster counts); the robustness column holds the slopes of the battery's named slope checks ({string.Join(", ", Models.Robustness.SlopeCheckSpecs.Select(s => "`" + s.Name + "`"))}, `lib/Core/Models/Robustness.cs`) fitted to Table 1, each with its own standard errors. ");
        sb.Append($"The criterion is the paper's: a slope significant at {SlopeEvidence.Alpha.ToString(Inv)}. ");
        sb.Append("A claim of dependence (more clusters, higher score) is supported by a significant positive slope and contradicted by a significant negative one; without a significant slope it is not shown, and the upper end of the 95% confidence interval says how large an effect remains compatible. ");
        sb.Append("A claim of no dependence (\"does not depend\", \"not determined\") is judged as a claim of no dependence: a significant slope of either sign contradicts it; a non-significant slope leaves it not contradicted, but not shown, because the interval still allows the slopes it names. ");
        sb.Append("The conclusion concerns all three markets, so it is judged on all three tables' slopes at once. ");
        sb.Append("The paper calls its Tables 2-3 slopes \"almost unchanged\" but states no size below which an effect would be negligible, so no verdict here rests on a slope's size; the intervals are given instead.");
        return sb.ToString();
    }

    /// <summary>The one value, or "lowest<paramref name="to"/>highest" (p-values "0.01 to 0.2", digit counts "3-17").</summary>
    private static string Range<T>(IEnumerable<T> values, Func<T, string> format, string to = " to ")
    {
        T lo = values.Min()!, hi = values.Max()!;
        return EqualityComparer<T>.Default.Equals(lo, hi) ? format(lo) : format(lo) + to + format(hi);
    }

    /// <summary>The plain statement: best mapping, and whether any mapping reproduces the table or the checked cells.</summary>
    public static string Conclusion(SourceComparison comparison)
    {
        var best = comparison.Best;
        var tied = comparison.TiedForBest;
        var sb = new StringBuilder();
        sb.Append($"The mapping that agrees best is {best.Label} ({best.Example(comparison.Paper.Years[0])}): ");
        sb.Append($"{comparison.TotalAgree(best).ToString(Inv)} of its {comparison.TotalChecked(best).ToString(Inv)} checked cells agree");
        if (tied.Count > 1)
            sb.Append($" (tied on agreeing cells with {string.Join(", ", tied.Where(m => m != best).Select(m => m.Label))}; named first for {(tied.Any(m => m != best && comparison.TotalChecked(m) * comparison.TotalAgree(best) == comparison.TotalChecked(best) * comparison.TotalAgree(m)) ? "being closest to k = 0" : "the larger share of its checked cells agreeing")})");
        sb.Append(". ");
        var reproducing = comparison.MappingsReproducingTable;
        var allChecked = comparison.MappingsAgreeingOnEveryCheckedCell;
        if (reproducing.Count > 0)
            sb.Append($"{string.Join(", ", reproducing.Select(m => m.Label))} reproduces every score cell of Table 1.");
        else if (allChecked.Count > 0)
            sb.Append($"No mapping reproduces the whole table, because the extract does not cover every cell; under {string.Join(", ", allChecked.Select(m => m.Label))} every checked cell agrees.");
        else
            sb.Append("No mapping reproduces Table 1: under every mapping at least one checked cell disagrees with the WEF's score rounded to 0.1.");
        return sb.ToString();
    }

    /// <summary>The cells of the comparison that the extract cannot check under the natural mapping, as sentences.</summary>
    public static IReadOnlyList<string> Unchecked(SourceComparison comparison)
    {
        var lines = new List<string>();
        foreach (var group in Markets.Paper.SelectMany(s => comparison.Column(EditionMapping.Natural, s.Market))
                     .Where(c => c.Status == CellStatus.NotInExtract).GroupBy(c => c.PaperYear))
        {
            var pillars = string.Join(", ", group.Select(c => Markets.Get(c.Market).Y));
            var overall = comparison.Wef.Find(Pillars.Overall, EditionMapping.Natural.EditionYearEnd(group.Key));
            lines.Add($"The paper's {group.Key.ToString(Inv)} scores ({pillars}; edition {EditionMapping.Natural.EditionLabel(group.Key)} under k = 0): " +
                      (overall is null ? "the extract holds no score of that edition." : "the extract holds only that edition's overall index, not its pillar scores."));
        }
        return lines;
    }

    /// <summary>Which WEF scores under <paramref name="mapping"/> lie near a rounding edge, and whether any verdict depends on it.</summary>
    public static string EdgeNote(SourceComparison comparison, EditionMapping mapping)
    {
        var near = comparison.Cells.Where(c => c.Mapping == mapping && c.NearEdge == true).ToList();
        if (near.Count == 0)
            return $"No WEF score under {mapping.Label} lies within {ScoreRounding.NearEdgeDistance.ToString(Inv)} of a rounding edge, so no verdict above depends on how the WEF's last digits are rounded.";
        var disagreeing = near.Where(c => c.AgreesAcrossEdge).ToList();
        return $"{near.Count.ToString(Inv)} WEF score(s) under {mapping.Label} lie within {ScoreRounding.NearEdgeDistance.ToString(Inv)} of a rounding edge " +
               $"({string.Join(", ", near.Select(c => $"{Markets.Get(c.Market).Y} {c.PaperYear.ToString(Inv)}"))}); " +
               (disagreeing.Count == 0
                   ? "none of them is a disagreement that a different rounding could remove."
                   : $"{disagreeing.Count.ToString(Inv)} of them ({string.Join(", ", disagreeing.Select(c => $"{Markets.Get(c.Market).Y} {c.PaperYear.ToString(Inv)}"))}) {(disagreeing.Count == 1 ? "disagrees" : "disagree")} but would agree had the WEF's score lain on the other side of the edge.");
    }

    private static string EditionSpan(List<WefScore> scores)
    {
        var sorted = scores.OrderBy(s => s.EditionYearEnd).ToList();
        var labels = sorted.Select(s => s.Edition).ToList();
        bool consecutive = sorted.Zip(sorted.Skip(1)).All(p => p.Second.EditionYearEnd == p.First.EditionYearEnd + 1);
        return consecutive && labels.Count > 1 ? $"{labels[0]} … {labels[^1]} ({labels.Count.ToString(Inv)})" : string.Join(", ", labels);
    }

    // A score with fewer than full-precision digits is marked, so a reader sees which values stand for an interval.
    private static string Digits(WefScore? score) =>
        score is null ? "—" : score.SignificantDigits.ToString(Inv) + (score.FullPrecision ? "" : " (cut)");

    private static string Short(MarketSpec spec) =>
        spec.Market == Market.Goods ? "goods (6th)" : spec.Market == Market.Financial ? "financial (8th)" : "innovation (12th)";

    private static string Ratio(int a, int b) => $"{a.ToString(Inv)} / {b.ToString(Inv)}";

    private static string Signed(decimal d) => d == 0 ? "0" : d.ToString("+0.##;-0.##", Inv);

}
