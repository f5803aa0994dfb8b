using NotebookAnalysis.Data;
using NotebookAnalysis.Resampling;
using NotebookAnalysis.Formatting;

namespace NotebookAnalysis.Charts;

/// <summary>
/// Charts of notebook 07 (what the numbers can bear): permutation and bootstrap distributions of the slope with the
/// observed value marked, and the rounding-sensitivity distributions. Each is a <see cref="ChartSpec"/>, drawn by
/// both renderers; names start with <c>r07-</c>.
/// </summary>
public static class ResamplingCharts
{
    /// <summary>Bins of the histograms.</summary>
    public const int Bins = 60;

    internal static string Slug(MarketSpec spec) => spec.Id.ToLowerInvariant().Replace('_', '-');

    private static string Pretty(MarketSpec spec) => spec.PublishedTable is not null ? $"{spec.Heading} ({spec.Id})" : spec.Id;

    /// <summary>A vertical line from 0 to <paramref name="height"/> at <paramref name="x"/>.</summary>
    private static ChartSeries Marker(string label, double x, double height, string color) =>
        ChartSeries.Line(label, [x, x], [0, height], color);

    private static ChartSeries Filled(string label, (double[] X, double[] Density) h, string color) =>
        ChartSeries.Band(label, h.X, new double[h.X.Length], h.Density, color);

    private static ChartSeries Outline(string label, (double[] X, double[] Density) h, string color) =>
        ChartSeries.Line(label, h.X, h.Density, color);

    /// <summary>The colour of the i-th market's distribution.</summary>
    private static string MarketColor(int i) => ChartSeries.Palette[i == 1 ? 3 : i == 2 ? 4 : 0];

    /// <summary>
    /// The exact permutation distribution of the slope (all n! pairings, as a density) with ±b_obs marked.
    /// Needs a result run with a histogram: <c>MarketResampling.RunAll(…, histogramBins: ResamplingCharts.Bins)</c>.
    /// </summary>
    public static ChartSpec PermutationDistribution(MarketResampling m)
    {
        var p = m.Permutation;
        if (p.Histogram.Count == 0)
            throw new ArgumentException("The permutation result has no histogram: run MarketResampling.RunAll(…, histogramBins: ResamplingCharts.Bins).", nameof(m));
        var h = Histogram.Steps(p.Histogram, p.MinSlope, p.MaxSlope);
        double top = h.Density.Max();
        string what = p.Method == PermutationMethod.Exact ? "exact" : "Monte Carlo";
        return new ChartSpec($"r07-{Slug(m.Spec)}-permutation",
            $"{Pretty(m.Spec)}: {what} permutation distribution of the slope",
            "slope of score on clusters", "density",
            [
                Filled($"slopes of {p.Permutations.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} pairings", h, ChartSeries.Palette[0]),
                Marker($"observed slope (p = {NumberFormat.Significant(p.PValue, 3)})", p.ObservedSlope, top, ChartSeries.Palette[1]),
                Marker("minus observed slope", -p.ObservedSlope, top, ChartSeries.Palette[4]),
            ]);
    }

    /// <summary>The pairs and residual bootstrap distributions of the slope, observed slope marked.</summary>
    public static ChartSpec BootstrapDistribution(MarketResampling m)
    {
        double lo = Math.Min(m.Pairs.Sorted[0], m.Residual.Sorted[0]);
        double hi = Math.Max(m.Pairs.Sorted[^1], m.Residual.Sorted[^1]);
        var hp = Histogram.Steps(m.Pairs.Replicates, Bins, lo, hi);
        var hr = Histogram.Steps(m.Residual.Replicates, Bins, lo, hi);
        double top = Math.Max(hp.Density.Max(), hr.Density.Max());
        return new ChartSpec($"r07-{Slug(m.Spec)}-bootstrap",
            $"{Pretty(m.Spec)}: bootstrap distributions of the slope",
            "slope of score on clusters", "density",
            [
                Filled($"pairs bootstrap ({m.Pairs.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} replicates)", hp, ChartSeries.Palette[0]),
                Outline($"residual bootstrap ({m.Residual.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} replicates)", hr, ChartSeries.Palette[3]),
                Marker("observed slope", m.Pairs.ObservedSlope, top, ChartSeries.Palette[1]),
            ]);
    }

    /// <summary>Slopes over the rounding draws, relative to the printed slope (1 = printed, 0 = flat), all tables.</summary>
    public static ChartSpec RoundingSlopes(IReadOnlyList<MarketResampling> all)
    {
        var ratios = all.Select(m => m.Rounding.Slopes.Select(b => b / m.Rounding.ObservedSlope).ToArray()).ToList();
        double lo = Math.Min(0, ratios.Min(r => r.Min())), hi = ratios.Max(r => r.Max());
        var hs = ratios.Select(r => Histogram.Steps(r, Bins, lo, hi)).ToList();
        double top = hs.Max(h => h.Density.Max());
        var series = all.Select((m, i) => Outline(Pretty(m.Spec), hs[i], MarketColor(i))).ToList();
        series.Add(Marker("printed slope", 1, top, ChartSeries.Palette[1]));
        series.Add(Marker("no slope", 0, top, ChartSeries.Palette[5]));
        return new ChartSpec("r07-rounding-slopes",
            "Slope when the scores are unrounded, relative to the printed slope",
            "slope / printed slope", "density", series);
    }

    /// <summary>R² over the rounding draws, all tables, with the printed R² marked.</summary>
    public static ChartSpec RoundingRSquared(IReadOnlyList<MarketResampling> all)
    {
        var hs = all.Select(m => Histogram.Steps(m.Rounding.RSquared, Bins, 0, 1)).ToList();
        double top = hs.Max(h => h.Density.Max());
        var series = new List<ChartSeries>();
        for (int i = 0; i < all.Count; i++)
        {
            string color = MarketColor(i);
            series.Add(Outline(Pretty(all[i].Spec), hs[i], color));
            series.Add(Marker($"printed R², {Pretty(all[i].Spec)}", all[i].Rounding.ObservedRSquared, top, color) with { Markers = true });
        }
        return new ChartSpec("r07-rounding-r-squared",
            "R² when the scores are unrounded; vertical lines: printed R²",
            "R²", "density", series);
    }

    /// <summary>log10 of the slope's t-test p over the rounding draws, all tables, with p = 0.05 marked.</summary>
    public static ChartSpec RoundingPValues(IReadOnlyList<MarketResampling> all)
    {
        var logs = all.Select(m => m.Rounding.PValues.Select(p => Math.Log10(Math.Max(p, 1e-300))).ToArray()).ToList();
        double lo = logs.Min(l => l.Min()), hi = Math.Max(0, logs.Max(l => l.Max()));
        var hs = logs.Select(l => Histogram.Steps(l, Bins, lo, hi)).ToList();
        double top = hs.Max(h => h.Density.Max());
        var series = all.Select((m, i) => Outline(Pretty(m.Spec), hs[i], MarketColor(i))).ToList();
        series.Add(Marker($"p = {ResamplingSettings.Alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)}", Math.Log10(ResamplingSettings.Alpha), top, ChartSeries.Palette[1]));
        return new ChartSpec("r07-rounding-p-values",
            "t-test p of the slope when the scores are unrounded",
            "log10 p", "density", series);
    }

    /// <summary>
    /// One market's data with the rounding box (± half the scores' rounding unit around each printed score, e.g. ±0.05
    /// for scores printed to 0.1), the printed fit, and the
    /// flattest and steepest fits of data that round to the printed scores.
    /// </summary>
    /// <param name="series">The market's series.</param>
    /// <param name="m">Its resampling result, which holds the printed fit and the extreme fits (a chart fits nothing).</param>
    public static ChartSpec RoundingBox(MarketSeries series, MarketResampling m)
    {
        double h = series.ScoreHalfWidth;
        var x = series.ClustersArray();
        var y = series.ScoreArray();
        var order = Enumerable.Range(0, x.Length).OrderBy(i => x[i]).ToArray();
        double[] xs = order.Select(i => x[i]).ToArray(), ys = order.Select(i => y[i]).ToArray();
        double[] ends = [xs[0], xs[^1]];
        ChartSeries FitLine(string label, (double Intercept, double Slope) line, string color) =>
            ChartSeries.Line(label, ends, ends.Select(v => line.Intercept + line.Slope * v), color);
        return new ChartSpec($"r07-{Slug(series.Spec)}-rounding-box",
            $"{Pretty(series.Spec)}: printed scores ±{NumberFormat.HalfUnit(h, series.ScoreDecimals)} and the fits they allow",
            "number of clusters", "score (1-7)",
            [
                ChartSeries.Band($"what rounding allows (±{NumberFormat.HalfUnit(h, series.ScoreDecimals)})", xs, ys.Select(v => v - h), ys.Select(v => v + h), ChartSeries.Palette[2]),
                ChartSeries.Points("printed scores", xs, ys, ChartSeries.Palette[0]),
                FitLine("printed fit", m.PrintedLine, ChartSeries.Palette[1]),
                FitLine("flattest fit in the box", m.FlattestInBox, ChartSeries.Palette[5]),
                FitLine("steepest fit in the box", m.SteepestInBox, ChartSeries.Palette[4]),
            ]);
    }
}
