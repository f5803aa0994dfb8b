using NotebookAnalysis.Charts;
using NotebookAnalysis.Models;
using NotebookAnalysis.Formatting;

namespace NotebookAnalysis.MachineLearning;

/// <summary>The ML.NET chart of notebook 05, described as a core <see cref="ChartSpec"/>.</summary>
public static class MlNetCharts
{
    /// <summary>Observed y, the exact LOO prediction and ML.NET's LOOCV prediction (CrossValidate, one row per fold).</summary>
    public static ChartSpec MlNetVersusExact(MlNetResult result)
    {
        var years = result.Loo.Years.Select(v => (double)v).ToList();
        string slug = result.TableId.Split('_')[0].ToLowerInvariant();
        return new ChartSpec($"m05-{slug}-mlnet-{result.Spec.Name.Replace('_', '-')}",
            $"{result.TableId}/{result.Spec.Name}: ML.NET LOOCV vs exact leave-one-out", "year", result.Exact.Data.Input.YColumn,
            [
                ChartSeries.Points("observed y", years, result.Loo.Actual, ChartSeries.Palette[0]),
                // A model without an exact leave-one-out (its reason is in LooRmse) draws no line for it.
                .. result.Exact.Loo is { } exact
                    ? [ChartSeries.Line($"exact LOO (hat matrix), RMSE {result.Exact.LooRmse.Format(NumberFormat.Brief)}", years, exact.Predicted, ChartSeries.Palette[1])]
                    : Array.Empty<ChartSeries>(),
                ChartSeries.Points($"ML.NET SDCA LOOCV, RMSE {NumberFormat.Brief(result.Loo.Rmse)}", years, result.Loo.Predicted, ChartSeries.Palette[3]),
            ]);
    }
}
