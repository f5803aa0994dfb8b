using System.Globalization;
using System.Text;
using NotebookAnalysis.Data;
using NotebookAnalysis.Sources;
using NotebookAnalysis.Formatting;

namespace NotebookAnalysis.Reporting;

/// <summary>
/// The tables and the text of <c>results/SOURCES.md</c> and <c>results/sources-cells.csv</c>: Table 1 against the WEF's
/// pillar scores. Deterministic: no timestamps, no absolute paths; every sentence is built from the comparison it describes.
/// </summary>
public static class SourcesReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The header of <c>sources-cells.csv</c>.</summary>
    public const string CellsHeader = "mapping_k,table,pillar,paper_year,edition,paper_value,wef_score,wef_rounded,status,diff_tenths,near_edge,wef_line";

    /// <summary>Every cell under every mapping, one row each (LF line ends, trailing newline). The WEF score is written exactly as read.</summary>
    public static string CellsCsv(SourceComparison comparison)
    {
        var sb = new StringBuilder(CellsHeader).Append('\n');
        foreach (var c in comparison.Cells)
        {
            var spec = Markets.Get(c.Market);
            sb.Append(string.Join(",",
                c.Mapping.K.ToString(Inv), spec.TableId, Pillars.Of(c.Market), c.PaperYear.ToString(Inv), c.Edition,
                c.Paper.ToString(Inv), c.Wef?.Exact.ToString(Inv) ?? "", c.WefRounded?.ToString("0.0", Inv) ?? "",
                VerdictTables.Csv(c.StatusText), c.DifferenceInTenths?.ToString("0.##", Inv) ?? "",
                c.NearEdge is bool b ? (b ? "yes" : "no") : "", c.Wef?.Line.ToString(Inv) ?? "")).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Agreeing/checked cells per mapping and pillar, with totals.</summary>
    public static Grid Agreement(SourceComparison comparison)
    {
        int first = comparison.Paper.Years[0];
        var header = new List<string> { "mapping", "paper year" };
        header.AddRange(Markets.Paper.Select(m => $"{Short(m)} agree / checked"));
        header.AddRange(["all three", "not in the extract"]);
        var grid = new Grid().Block(null, [.. header]);
        foreach (var m in comparison.Mappings)
        {
            var row = new List<string> { m.Label, m.Example(first) };
            row.AddRange(Markets.Paper.Select(s => Ratio(comparison.Count(m, s.Market).Agree, comparison.Count(m, s.Market).Checked)));
            row.Add(Ratio(comparison.TotalAgree(m), comparison.TotalChecked(m)));
            row.Add(comparison.Counts.Where(c => c.Mapping == m).Sum(c => c.NotInExtract).ToString(Inv));
            grid.Row([.. row]);
        }
        return grid;
    }

    /// <summary>The cells of one mapping, one block per pillar.</summary>
    public static Grid Cells(SourceComparison comparison, EditionMapping mapping)
    {
        var grid = new Grid();
        foreach (var spec in Markets.Paper)
        {
            grid.Block($"{spec.ScoreColumn} ({Pillars.Of(spec.Market)}), {mapping.Label}",
                "year", "edition", "paper", "WEF", "WEF rounded", "status", "difference (0.1)", "near an edge");
            foreach (var c in comparison.Column(mapping, spec.Market))
                grid.Row(c.PaperYear.ToString(Inv), c.Edition, c.Paper.ToString("0.0", Inv),
                    c.Wef?.Exact.ToString(Inv) ?? "—", c.WefRounded?.ToString("0.0", Inv) ?? "—", c.StatusText,
                    c.DifferenceInTenths is decimal d ? Signed(d) : "—", c.NearEdge is bool b ? (b ? "yes" : "no") : "—");
        }
        return grid;
    }

    /// <summary>The re-run regressions: slope, SE, t, p, 95% CI, R², DW, one row per fit, grouped by table.</summary>
    public static Grid Reruns(IReadOnlyList<RerunFit> fits)
    {
        var grid = new Grid();
        foreach (var group in fits.GroupBy(f => f.Spec.TableId))
        {
            var spec = group.First().Spec;
            grid.Block($"Table {spec.PublishedTable!.Value.ToString(Inv)} ({spec.TableId}): {spec.ScoreColumn} on {spec.ClusterColumn}",
                "model", "data", "n", "slope", "SE", "t", "p", "95% CI", "R²", "DW");
            foreach (var f in group)
            {
                var s = f.Slope;
                grid.Row(f.Model, f.Description, f.Fit.N.ToString(Inv), NumberFormat.Brief(s.Estimate), NumberFormat.Brief(s.StdError), NumberFormat.Fixed(s.TValue, 2), NumberFormat.PValue(s.PValue),
                    $"[{NumberFormat.Brief(s.Lower95)}, {NumberFormat.Brief(s.Upper95)}]", NumberFormat.Fixed(f.Fit.RSquared, 3), NumberFormat.Fixed(f.Fit.DurbinWatson, 2));
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
                grid.Row(pillar, rows[0].PillarName, Editions(wef, pillar), rows.Count.ToString(Inv));
        }
        grid.Block("Sources", "repository", "path", "commit", "rows");
        foreach (var g in wef.Scores.GroupBy(s => (s.SourceRepo, s.SourcePath, s.SourceCommit)))
            grid.Row(g.Key.SourceRepo, g.Key.SourcePath, g.Key.SourceCommit, g.Count().ToString(Inv));
        return grid;
    }

    /// <summary>Each of the paper's readings against each re-run of its table, by the paper's own 5% criterion.</summary>
    public static Grid ReadingOutcomes(IReadOnlyList<PaperReading> readings, IReadOnlyList<RerunFit> fits)
    {
        var grid = new Grid();
        foreach (var r in readings)
        {
            grid.Block($"Table {r.Spec.PublishedTable!.Value.ToString(Inv)}: \"{r.Quote}\"", "data", "slope", "p", "95% CI", "by the paper's criterion");
            foreach (var f in fits.Where(f => f.Spec == r.Spec))
            {
                var o = new ReadingOutcome(r, f);
                grid.Row(f.Description, NumberFormat.Brief(f.Slope.Estimate), NumberFormat.PValue(f.Slope.PValue), $"[{NumberFormat.Brief(f.Slope.Lower95)}, {NumberFormat.Brief(f.Slope.Upper95)}]", o.Verdict);
            }
        }
        return grid;
    }

    /// <summary>
    /// One sentence per reading: whether the paper's criterion gives it on the WEF's scores under k = 0, whether the
    /// paper's own scores on the same years do (so a change can be told from the shorter period), and under the other
    /// mappings re-run.
    /// </summary>
    public static string ReadingSummary(PaperReading reading, IReadOnlyList<RerunFit> fits)
    {
        var mine = fits.Where(f => f.Spec == reading.Spec).ToList();
        var natural = mine.FirstOrDefault(f => f.Source == ScoreSource.Wef && f.Mapping == EditionMapping.Natural);
        string table = $"Table {reading.Spec.PublishedTable!.Value.ToString(Inv)}";
        if (natural is null)
            return $"{table}: not re-run on the WEF's scores under k = 0 (too few years in the extract).";
        var sameYears = mine.Single(f => f.Source == ScoreSource.Paper && f.Years.SequenceEqual(natural.Years));
        var w = new ReadingOutcome(reading, natural);
        var p = new ReadingOutcome(reading, sameYears);
        string Gives(ReadingOutcome o) => o.Holds ? "gives the paper's reading" : "does not give the paper's reading";
        var sb = new StringBuilder();
        sb.Append($"{table}: on the WEF's scores under k = 0 ({Rerun.Names.YearSpan(natural.Years)}) the paper's criterion {Gives(w)} ");
        sb.Append($"(slope {NumberFormat.Brief(natural.Slope.Estimate)}, p = {NumberFormat.PValue(natural.Slope.PValue)})");
        sb.Append(w.Holds == p.Holds
            ? $"; as it {(p.Holds ? "does" : "does not")} on the paper's own scores for the same years (p = {NumberFormat.PValue(sameYears.Slope.PValue)})"
            : $", whereas on the paper's own scores for the same years it {Gives(p)} (p = {NumberFormat.PValue(sameYears.Slope.PValue)}): the difference comes from the scores, not from the shorter period");
        var others = mine.Where(f => f.Source == ScoreSource.Wef && f != natural).ToList();
        if (others.Count > 0)
            sb.Append("; on the WEF's scores under ").Append(string.Join(", ", others.Select(f =>
                $"{f.Mapping!.Label} it {(new ReadingOutcome(reading, f).Holds ? "does" : "does not")} (p = {NumberFormat.PValue(f.Slope.PValue)})")));
        return sb.Append('.').ToString();
    }

    /// <summary>The whole of <c>SOURCES.md</c>.</summary>
    /// <param name="comparison">The cell-by-cell comparison.</param>
    /// <param name="reruns">The re-runs from <see cref="Rerun.All"/>.</param>
    /// <param name="readings">The paper's readings.</param>
    /// <param name="paperPath">Table 1 as the report names it.</param>
    /// <param name="wefPath">The extract as the report names it.</param>
    public static string Markdown(SourceComparison comparison, RerunSet reruns, IReadOnlyList<PaperReading> readings,
        string paperPath, string wefPath)
    {
        var fits = reruns.Fits;
        var paper = comparison.Paper;
        var wef = comparison.Wef;
        var natural = EditionMapping.Natural;
        var best = comparison.Best;
        var sb = new StringBuilder();
        sb.Append("# Table 1 against its primary source: the WEF's pillar scores\n\n");
        sb.Append("Generated by `dotnet run scripts/sources.cs`; every number below is computed by `lib/Core/Sources/` from the two files named here. ");
        sb.Append("Regenerate it rather than editing it. The cell-by-cell comparison under every mapping is `sources-cells.csv`; the regressions are `sources.csv`.\n\n");

        sb.Append("## Data\n\n");
        sb.Append($"- Table 1: `{paperPath}`, {paper.RowCount.ToString(Inv)} years ({Span(paper.Years)}), SHA-256 `{paper.Sha256}`.\n");
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
        sb.Append(Reruns(fits).ToMarkdown());
        foreach (var u in reruns.TooFewYears)
            sb.Append($"- Not re-run: Table {u.Spec.PublishedTable!.Value.ToString(Inv)} under {u.Mapping.Label}, because the extract covers only {u.Years.ToString(Inv)} of its years (a regression needs at least {Rerun.MinimumYears.ToString(Inv)}).\n");
        if (reruns.TooFewYears.Count > 0) sb.Append('\n');

        sb.Append("## What happens to the paper's three readings\n\n");
        sb.Append("The paper's criterion is Significance F below 0.05. Applied to each re-run:\n\n");
        foreach (var r in readings)
            sb.Append("- ").Append(ReadingSummary(r, fits)).Append('\n');
        sb.Append('\n');
        sb.Append(ReadingOutcomes(readings, fits).ToMarkdown());

        sb.Append("## What cannot be checked here\n\n");
        foreach (var line in Unchecked(comparison))
            sb.Append("- ").Append(line).Append('\n');
        sb.Append("- The cluster counts (x) of Table 1: they come from the Russian Cluster Observatory's map, which is not in the extract. Every re-run above uses the paper's counts.\n\n");

        sb.Append("## How to regenerate\n\n```\ndotnet run scripts/sources.cs\n```\n");
        return sb.ToString();
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
        foreach (var group in comparison.Column(EditionMapping.Natural, Market.Goods).Concat(comparison.Column(EditionMapping.Natural, Market.Financial))
                     .Concat(comparison.Column(EditionMapping.Natural, Market.Innovation))
                     .Where(c => c.Status == CellStatus.NotInExtract).GroupBy(c => c.PaperYear))
        {
            var pillars = string.Join(", ", group.Select(c => Markets.Get(c.Market).ScoreColumn));
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
               $"({string.Join(", ", near.Select(c => $"{Markets.Get(c.Market).ScoreColumn} {c.PaperYear.ToString(Inv)}"))}); " +
               (disagreeing.Count == 0
                   ? "none of them is a disagreement that a different rounding could remove."
                   : $"{disagreeing.Count.ToString(Inv)} of them ({string.Join(", ", disagreeing.Select(c => $"{Markets.Get(c.Market).ScoreColumn} {c.PaperYear.ToString(Inv)}"))}) {(disagreeing.Count == 1 ? "disagrees" : "disagree")} but would agree had the WEF's score lain on the other side of the edge.");
    }

    private static string Editions(WefExtract wef, string pillar)
    {
        var labels = wef.Scores.Where(s => s.Pillar == pillar).OrderBy(s => s.EditionYearEnd).Select(s => s.Edition).ToList();
        var years = wef.EditionYears(pillar);
        bool consecutive = years.Zip(years.Skip(1)).All(p => p.Second == p.First + 1);
        return consecutive && labels.Count > 1 ? $"{labels[0]} … {labels[^1]} ({labels.Count.ToString(Inv)})" : string.Join(", ", labels);
    }

    private static string Short(MarketSpec spec) =>
        spec.Market == Market.Goods ? "goods (6th)" : spec.Market == Market.Financial ? "financial (8th)" : "innovation (12th)";

    private static string Span(IReadOnlyList<int> years) => $"{years[0].ToString(Inv)}-{years[^1].ToString(Inv)}";

    private static string Ratio(int a, int b) => $"{a.ToString(Inv)} / {b.ToString(Inv)}";

    private static string Signed(decimal d) => d == 0 ? "0" : d.ToString("+0.##;-0.##", Inv);

}
