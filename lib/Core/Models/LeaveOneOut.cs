using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Models;

/// <summary>
/// Exact leave-one-out predictions of a fitted model on the level scale of y, from one fit: the deleted residual of
/// row i is e_i / (1 − h_i) (PRESS), so the prediction made without row i is y_i − e_i / (1 − h_i) on the model's
/// scale, then taken to the level of y (exp() without smearing for log y; y_{t−1} + Δŷ_t for differences).
/// </summary>
/// <param name="Years">The year of each held-out row.</param>
/// <param name="Actual">y on its level scale.</param>
/// <param name="Predicted">The leave-one-out prediction of y on its level scale.</param>
public sealed record LooPredictions(IReadOnlyList<int> Years, IReadOnlyList<double> Actual, IReadOnlyList<double> Predicted)
{
    /// <summary>Number of held-out rows.</summary>
    public int Count => Actual.Count;

    /// <summary>Root mean squared prediction error.</summary>
    public double Rmse => Math.Sqrt(SumOfSquaredErrors() / Count);

    /// <summary>Mean absolute prediction error.</summary>
    public double Mae
    {
        get
        {
            // Left to right, without an array of errors.
            double s = 0;
            for (int i = 0, n = Math.Min(Actual.Count, Predicted.Count); i < n; i++) s += Math.Abs(Actual[i] - Predicted[i]);
            return s / Count;
        }
    }

    /// <summary>Predictive R²: 1 − Σ(y − ŷ₍ᵢ₎)² / Σ(y − ȳ)² over the held-out rows (can be negative); undefined for a constant y.</summary>
    public Estimate PredictiveRSquared
    {
        get
        {
            double mean = Actual.Average();
            double sst = Actual.Sum(v => (v - mean) * (v - mean));
            return sst == 0 ? Estimate.Undefined("y is constant over the held-out years, so the predictive R² (1 − PRESS / total sum of squares) is undefined")
                : Estimate.Of(1 - SumOfSquaredErrors() / sst);
        }
    }

    /// <summary>PRESS, Σ(y − ŷ₍ᵢ₎)², added left to right without an array of errors.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private double SumOfSquaredErrors()
    {
        double s = 0;
        for (int i = 0, n = Math.Min(Actual.Count, Predicted.Count); i < n; i++)
        {
            double e = Actual[i] - Predicted[i];
            s += e * e;
        }
        return s;
    }
}

/// <summary>Exact leave-one-out through the hat matrix.</summary>
public static class LeaveOneOut
{
    /// <summary>
    /// The exact LOO predictions of <paramref name="fit"/> built on <paramref name="data"/>, or none and the reason when a
    /// row has leverage 1: it fixes its own fit, so the model cannot predict it without it.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static (LooPredictions? Predictions, string? Reason) Predict(ModelData data, OlsResult fit)
    {
        int n = data.Rows;
        var predicted = new double[n];
        for (int i = 0; i < n; i++)
        {
            double h = fit.Leverage[i];
            if (!(1 - h > 1e-12))
                return (null, $"row {i + 1} (year {data.Years[i]}) has leverage {h:R}: without it the model is not identified, so its leave-one-out prediction does not exist");
            double modelScale = data.Response[i] - fit.Residuals[i] / (1 - h);
            predicted[i] = data.ToLevel(i, modelScale);
        }
        return (new LooPredictions(data.Years, data.LevelY, predicted), null);
    }

    /// <summary>
    /// The mean-only benchmark: each year predicted by the mean of the other years, (n·ȳ − y_i)/(n − 1).
    /// </summary>
    public static LooPredictions MeanOnly(ModelInput input)
    {
        int n = input.Count;
        if (n < 2) throw new ModelException($"{input.TableId}/mean_only", $"leave-one-out needs at least 2 rows, but the data has {n}.");
        double sum = input.Y.Sum();
        var predicted = input.Y.Select(v => (sum - v) / (n - 1)).ToArray();
        return new LooPredictions(input.Years, input.Y, predicted);
    }
}
