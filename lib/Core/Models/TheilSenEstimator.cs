using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Models;

/// <summary>
/// The Theil-Sen line (Theil 1950; Sen 1968), a robust slope: the slope is the median of the pairwise slopes
/// (y_j − y_i)/(x_j − x_i) over every pair i &lt; j with x_i ≠ x_j, and the intercept the median of y_i − b·x_i.
/// Pairs with equal x carry no slope and are left out (Sen's treatment of ties); an even number of slopes or residuals
/// takes the mean of the two middle ones. It needs a design of an intercept and one regressor, and at least one pair
/// with distinct x. It is not least squares, so it gives no standard errors, likelihood or exact leave-one-out; it
/// says so, with the reasons, through <see cref="OwnFit"/>.
/// </summary>
public sealed class TheilSenEstimator : IModelEstimator
{
    /// <summary>
    /// The most rows this estimator enumerates: n(n−1)/2 pairwise slopes, about 12.5 million (100 MB) at 5,000 rows.
    /// Above it the model is left out of the run with the reason, as any alternative that cannot be fitted is; an
    /// O(n log n) selection of the median slope would lift the cap.
    /// </summary>
    public const int MaxRows = 5_000;

    /// <inheritdoc/>
    public string Description =>
        "Theil-Sen: the slope is the median of the pairwise slopes over pairs with distinct x (pairs with equal x left out), " +
        "the intercept the median of y − slope·x; no standard errors, likelihood or leave-one-out";

    /// <inheritdoc/>
    /// <exception cref="ModelException">The design is not an intercept and one regressor, every x is equal, or there are
    /// more than <see cref="MaxRows"/> rows.</exception>
    public AlternativeFit Fit(ModelData data)
    {
        var design = data.Design;
        if (design.Columns != 2)
            throw new ModelException(data.Model, $"Theil-Sen fits an intercept and one regressor, but the design has {design.Columns} columns ({string.Join(", ", design.Terms)}).");
        double[] x = design.Column(1).ToArray(), y = data.Response.ToArray();
        if (x.Length > MaxRows)
            throw new ModelException(data.Model, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Theil-Sen enumerates all n(n−1)/2 pairwise slopes and is run on at most {MaxRows:N0} rows; these data have {x.Length:N0}."));
        var slopes = new List<double>((int)((long)x.Length * (x.Length - 1) / 2));
        for (int i = 0; i < x.Length; i++)
            for (int j = i + 1; j < x.Length; j++)
                if (x[j] != x[i])
                    slopes.Add((y[j] - y[i]) / (x[j] - x[i]));
        if (slopes.Count == 0)
            throw new ModelException(data.Model, "Theil-Sen needs two rows with different x, but every x is equal, so no pairwise slope exists.");
        double b = Median(slopes);
        double a = Median(x.Select((v, i) => y[i] - b * v).ToList());
        return new AlternativeFit(data, new OwnFit(
            [(design.Terms[0], a), (design.Terms[1], b)],
            x.Select(v => a + b * v).ToArray(),
            ModelStatistics: [("nobs", x.Length)],
            Statistics: [("slope_pairs", slopes.Count)],
            NoInferenceReason: "Theil-Sen gives no standard error here: its usual intervals invert Kendall's τ test rather than estimate a standard error, so t, p and a t-based 95% interval do not exist",
            NoLikelihoodReason: "Theil-Sen is not a likelihood estimator (it minimises no Gaussian or other likelihood), so it has no log-likelihood, AIC or BIC",
            LeftOutReason: "Theil-Sen is not least squares, so the ANOVA sums of squares, R², F, σ and the residual tests of an OLS fit do not describe it",
            NoLeaveOneOutReason: "Theil-Sen has no hat matrix, so the exact leave-one-out of the least-squares models (PRESS) does not exist for it"));
    }

    /// <summary>The median; the mean of the two middle values for an even count.</summary>
    private static double Median(List<double> values)
    {
        values.Sort();
        int m = values.Count / 2;
        return values.Count % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
    }
}
