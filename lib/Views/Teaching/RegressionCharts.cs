using NotebookAnalysis.Charts;
using NotebookAnalysis.Data;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Statistics;

namespace NotebookAnalysis.Teaching;

/// <summary>The two charts of each regression notebook, as <see cref="ChartSpec"/>s.</summary>
public static class RegressionCharts
{
    /// <summary>Points of the fitted line and band: enough for a smooth band edge.</summary>
    public const int GridPoints = 61;

    /// <summary>
    /// Score against cluster count with the fitted line and the 95 % confidence band of the mean,
    /// ŷ(x0) ± t·√(x0ᵀ Cov(b) x0) with x0 = (1, x). Named <c>t{table}-scatter</c>.
    /// </summary>
    public static ChartSpec ScatterWithFit(MarketSeries series, OlsResult fit)
    {
        var cov = fit.Covariance();
        double t = Distributions.StudentTQuantile(0.975, fit.DfResidual);
        double lo = series.Clusters.Min(), hi = series.Clusters.Max();
        var grid = Enumerable.Range(0, GridPoints).Select(i => lo + (hi - lo) * i / (GridPoints - 1)).ToArray();
        var mean = grid.Select(x0 => fit.Coefficients[0] + fit.Coefficients[1] * x0).ToArray();
        var half = grid.Select(x0 => t * Math.Sqrt(cov[0, 0] + 2 * x0 * cov[0, 1] + x0 * x0 * cov[1, 1])).ToArray();
        var spec = series.Spec;
        return new ChartSpec(
            $"{Slug(spec)}-scatter",
            $"{spec.Heading}: {spec.Y} on {spec.X}, fitted line and 95% band",
            Axis(spec.PaperX, spec.X),
            Axis(spec.PaperY, spec.Y),
            [
                ChartSeries.Band("95% confidence band of the mean", grid, mean.Zip(half, (m, h) => m - h), mean.Zip(half, (m, h) => m + h)),
                ChartSeries.Line("fitted line", grid, mean),
                ChartSeries.Points("observed (one per year)", series.Clusters, series.Score),
            ]);
    }

    /// <summary>The chart id's prefix: <c>t2</c> for the paper's Table 2, else the market id in lower case.</summary>
    private static string Slug(MarketSpec spec) =>
        spec.PublishedTable is { } t ? $"t{t}" : spec.Id.ToLowerInvariant().Replace('_', '-');

    /// <summary>An axis or legend label: the paper's symbol, if any, and the column.</summary>
    internal static string Axis(string? paperSymbol, string column) => paperSymbol is null ? column : $"{paperSymbol}: {column}";

    /// <summary>Residuals against the year, with the zero line. Named <c>t{table}-residuals</c>.</summary>
    public static ChartSpec ResidualsByYear(MarketSeries series, OlsResult fit)
    {
        var years = series.YearsAsDouble();
        var spec = series.Spec;
        return new ChartSpec(
            $"{Slug(spec)}-residuals",
            $"{spec.Heading}: residuals against year",
            "Year",
            "Residual e = y − ŷ",
            [
                ChartSeries.Line("zero", [years[0], years[^1]], [0.0, 0.0], "#7f7f7f"),
                ChartSeries.Line("residual", years, fit.Residuals, ChartSeries.Palette[0]) with { Markers = true },
            ]);
    }
}
