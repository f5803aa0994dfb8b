using System.Globalization;
using NotebookAnalysis.Data;
using NotebookAnalysis.Sources;

namespace NotebookAnalysis.Charts;

/// <summary>The charts of notebook 08 (Table 1 against the WEF's scores), described once for both renderers.</summary>
public static class SourceCharts
{
    /// <summary>
    /// One pillar against the year: the paper's series, the WEF's unrounded series under <paramref name="mapping"/>,
    /// and the band of ±0.05 around the WEF's score in which the paper's printed value must lie to agree after rounding.
    /// </summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="spec">The table (pillar).</param>
    /// <param name="mapping">The year-to-edition mapping; default the natural one (k = 0).</param>
    public static ChartSpec Series(SourceComparison comparison, MarketSpec spec, EditionMapping? mapping = null)
    {
        mapping ??= EditionMapping.Natural;
        var cells = comparison.Column(mapping, spec.Market);
        var covered = cells.Where(c => c.Wef is not null).ToList();
        if (covered.Count == 0)
            throw new ArgumentException($"The extract holds no {Pillars.Of(spec.Market)} score under {mapping.Label}.", nameof(mapping));
        var wefYears = covered.Select(c => (double)c.PaperYear).ToList();
        var wef = covered.Select(c => c.Wef!.Value).ToList();
        double half = (double)ScoreRounding.Step / 2;
        return new ChartSpec($"s08-{ResamplingCharts.Slug(spec)}-series",
            $"{spec.Y}: Table 1 and the WEF's scores ({mapping.Label})",
            mapping.K == 0 ? "year (WEF: the edition's second year)" : $"year (WEF: the edition's second year {(mapping.K > 0 ? "+" : "-")} {Math.Abs(mapping.K).ToString(CultureInfo.InvariantCulture)})",
            "score (1-7)",
            [
                ChartSeries.Band("WEF ± 0.05 (a printed value inside agrees)", wefYears, wef.Select(v => v - half), wef.Select(v => v + half), ChartSeries.Palette[2]),
                ChartSeries.Line("Table 1 (paper)", cells.Select(c => (double)c.PaperYear), cells.Select(c => (double)c.Paper), ChartSeries.Palette[0]) with { Markers = true },
                ChartSeries.Line("WEF, unrounded", wefYears, wef, ChartSeries.Palette[1]) with { Markers = true },
            ]);
    }

    /// <summary>
    /// Score against clusters on the years the extract covers: the paper's and the WEF's points, each with its own
    /// least-squares line, from the re-runs <paramref name="wef"/> and <paramref name="paper"/> (<see cref="Rerun.Covered"/>).
    /// </summary>
    public static ChartSpec Fits(RerunFit wef, RerunFit paper)
    {
        if (wef.Spec != paper.Spec || !wef.Years.SequenceEqual(paper.Years))
            throw new ArgumentException("Both fits must be of the same table and years.", nameof(paper));
        var spec = wef.Spec;
        var x = wef.Clusters();
        double lo = x.Min(), hi = x.Max();
        ChartSeries FitLine(RerunFit f, string label, string colour)
        {
            double a = f.Fit["intercept"].Estimate, b = f.Slope.Estimate;
            return ChartSeries.Line($"{label}: slope {b.ToString("G3", CultureInfo.InvariantCulture)}, p = {f.Slope.PValue.Format(Formatting.NumberFormat.PValue)}",
                [lo, hi], [a + b * lo, a + b * hi], colour);
        }
        return new ChartSpec($"s08-{ResamplingCharts.Slug(spec)}-fits",
            $"{spec.Id} on {Rerun.Names.YearSpan(wef.Years)}: paper vs WEF scores ({wef.Mapping!.Label})",
            spec.X, spec.Y,
            [
                ChartSeries.Points("Table 1 (paper)", x, paper.Scores, ChartSeries.Palette[0]),
                ChartSeries.Points("WEF, unrounded", x, wef.Scores, ChartSeries.Palette[3]),
                FitLine(paper, "paper fit", ChartSeries.Palette[0]),
                FitLine(wef, "WEF fit", ChartSeries.Palette[1]),
            ]);
    }
}
