using NotebookAnalysis.Models;
using NotebookAnalysis.Formatting;

namespace NotebookAnalysis.Charts;

/// <summary>The charts of notebook 05 (alternative models), described once for both renderers.</summary>
public static class AlternativeModelCharts
{
    /// <summary>The models whose leave-one-out predictions are drawn against the observed scores.</summary>
    public static IReadOnlyList<string> LooChartModels { get; } = ["base", "year_only", "x_plus_year", "quadratic"];

    /// <summary>
    /// Observed y by year with the exact leave-one-out predictions of the base model, the trend-only model, x beside
    /// the trend and the quadratic: each point predicted by a fit that never saw it.
    /// </summary>
    /// <param name="battery">The battery from <see cref="ModelBattery.Run(Data.Table1)"/>.</param>
    /// <param name="tableId"><c>T2_goods</c>, <c>T3_financial</c> or <c>T4_innovation</c>.</param>
    public static ChartSpec LooPredictions(ModelBattery battery, string tableId)
    {
        var fits = battery.Fits.Where(f => f.Data.Input.TableId == tableId).ToList();
        if (fits.Count == 0) throw new ArgumentException($"The battery has no fits for table '{tableId}'.", nameof(tableId));
        var input = fits[0].Data.Input;
        var series = new List<ChartSeries>
        {
            ChartSeries.Points("observed y", input.Years.Select(v => (double)v), input.Y, ChartSeries.Palette[0]),
        };
        int colour = 1;
        foreach (var name in LooChartModels)
        {
            // A model without leave-one-out predictions (a row with leverage 1) has no line to draw.
            if (fits.Single(f => f.Spec.Name == name).Loo is not { } loo) continue;
            series.Add(ChartSeries.Line($"{name} (LOO RMSE {NumberFormat.Brief(loo.Rmse)})", loo.Years.Select(v => (double)v), loo.Predicted,
                ChartSeries.Palette[colour++ % ChartSeries.Palette.Count]) with { Markers = true });
        }
        string slug = tableId.Split('_')[0].ToLowerInvariant();
        return new ChartSpec($"m05-{slug}-loo-predictions", $"{tableId}: leave-one-out predictions by model", "year", input.YColumn, series);
    }
}
