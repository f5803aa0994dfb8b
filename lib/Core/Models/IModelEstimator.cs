using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Models;

/// <summary>
/// How a specification is estimated once <see cref="ModelData.Build"/> has made its response and design. A spec whose
/// estimator is null is plain OLS (<see cref="OlsEstimator"/>); a model that is not OLS on transformed data brings one
/// class implementing this interface (e.g. <see cref="PraisWinstenEstimator"/>) and names it in its spec.
/// </summary>
public interface IModelEstimator
{
    /// <summary>The estimator in words for the report, with its settings (tolerance, cap).</summary>
    string Description { get; }

    /// <summary>Fits <paramref name="data"/>.</summary>
    /// <exception cref="ModelException">The fit does not exist for these data; names the model and the reason. The
    /// alternative-models battery then leaves this model out for that market, with the reason.</exception>
    AlternativeFit Fit(ModelData data);
}

/// <summary>
/// What an estimator other than plain OLS adds to its final OLS fit (the fit its inference comes from).
/// </summary>
/// <param name="Statistics">Extra model-level rows for <c>results.csv</c> (empty term), e.g. <c>rho</c>, in file order.</param>
/// <param name="LogJacobian">log |det ∂z/∂y| of the estimator's own transform of y to the fitted response z (0 if none).</param>
/// <param name="ExtraParameters">Parameters estimated besides the coefficients and σ (ρ for AR(1) errors); AIC and BIC count them.</param>
/// <param name="ModelStatistics">The statistics of <see cref="Results.FitRows.ModelStatistics"/> that are meaningful for the final fit.</param>
/// <param name="LeftOutReason">Why the other model statistics are left out of <c>results.csv</c>.</param>
/// <param name="NoLeaveOneOutReason">Why exact leave-one-out does not exist for this estimator; null when it does.</param>
public sealed record EstimatorDetails(
    IReadOnlyList<(string Statistic, double Value)> Statistics,
    double LogJacobian,
    int ExtraParameters,
    IReadOnlyList<string> ModelStatistics,
    string LeftOutReason,
    string? NoLeaveOneOutReason);

/// <summary>Ordinary least squares on the spec's (transformed) response and design: the default estimator.</summary>
public sealed class OlsEstimator : IModelEstimator
{
    /// <summary>The one instance.</summary>
    public static OlsEstimator Instance { get; } = new();

    private OlsEstimator() { }

    /// <inheritdoc/>
    public string Description => "ordinary least squares";

    /// <inheritdoc/>
    public AlternativeFit Fit(ModelData data) => new(data, FitOls(data, data.Design, data.Response));

    /// <summary>OLS of <paramref name="response"/> on <paramref name="design"/>, with the failure worded for <paramref name="data"/>'s spec.</summary>
    internal static OlsResult FitOls(ModelData data, Design design, IReadOnlyList<double> response)
    {
        try
        {
            return Ols.Fit(design, response);
        }
        catch (ModelException e)
        {
            throw new ModelException(data.Model, $"the design of '{data.Spec.Formula}' is singular or degenerate after the transformation: {e.Reason}");
        }
    }
}
