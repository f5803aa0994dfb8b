using NotebookAnalysis.Regression;
using NotebookAnalysis.Results;
using NotebookAnalysis.Statistics;

namespace NotebookAnalysis.Models;

/// <summary>
/// One specification fitted to one market: the OLS fit on the model's scale (for an estimator other than OLS, the
/// final OLS fit its inference comes from, with <see cref="Details"/>), or an estimator's own table (<see cref="Own"/>,
/// e.g. Theil-Sen, with no OLS fit at all), the coefficient table under the spec's
/// covariance (classical or Newey-West), exact leave-one-out on the level of y, and the likelihood taken to the level
/// of y with the Jacobian of the log. Immutable; statistics are derived on demand.
/// </summary>
public sealed class AlternativeFit
{
    private readonly Lazy<IReadOnlyList<CoefficientRow>> _coefficients;
    private readonly Lazy<(LooPredictions? Predictions, string? Reason)> _loo;

    /// <summary>A fit of <paramref name="data"/>; estimators build it (see <see cref="IModelEstimator"/>).</summary>
    /// <param name="data">The transformed data and design.</param>
    /// <param name="ols">The OLS fit the inference comes from.</param>
    /// <param name="details">What an estimator other than OLS adds; null for plain OLS.</param>
    public AlternativeFit(ModelData data, OlsResult ols, EstimatorDetails? details = null)
    {
        Data = data;
        Ols = ols;
        Details = details;
        HacLag = data.Spec.Covariance == CovarianceKind.NeweyWest ? data.Spec.HacLag ?? NeweyWest.AutomaticLag(data.Rows) : null;
        N = ols.N;
        _coefficients = new(BuildCoefficients);
        _loo = new(() => details?.NoLeaveOneOutReason is { } reason ? (null, reason) : LeaveOneOut.Predict(Data, Ols));
    }

    /// <summary>A fit by an estimator that is not least squares and returns its own table (see <see cref="OwnFit"/>).</summary>
    /// <param name="data">The transformed data and design.</param>
    /// <param name="own">The estimator's coefficients, fitted values and what it does not give, with the reasons.</param>
    public AlternativeFit(ModelData data, OwnFit own)
    {
        if (!own.Coefficients.Select(c => c.Term).SequenceEqual(data.Design.Terms))
            throw new ArgumentException($"The estimator's terms ({string.Join(", ", own.Coefficients.Select(c => c.Term))}) are not the design's ({string.Join(", ", data.Design.Terms)}).", nameof(own));
        Data = data;
        Own = own;
        N = data.Rows;
        _coefficients = new(() => own.Coefficients.Select(c => CoefficientRow.WithoutInference(c.Term, c.Estimate, own.NoInferenceReason)).ToList());
        _loo = new(() => (null, own.NoLeaveOneOutReason));
    }

    /// <summary>The estimator's own table, or null for a fit that rests on OLS (<see cref="Ols"/>).</summary>
    public OwnFit? Own { get; }

    /// <summary>Rows used.</summary>
    public int N { get; }

    /// <summary>The specification.</summary>
    public ModelSpec Spec => Data.Spec;

    /// <summary>The transformed data and design.</summary>
    public ModelData Data { get; }

    /// <summary>The OLS fit on the model's scale (classical inference); null for an estimator with its own table (<see cref="Own"/>).</summary>
    public OlsResult? Ols { get; }

    /// <summary>The OLS fit, for code that handles only least-squares models (the ML.NET comparison, the base model).</summary>
    /// <exception cref="InvalidOperationException">The caller's bug: the model is fitted by an estimator with its own table; says which.</exception>
    public OlsResult OlsFit => Ols ?? throw new InvalidOperationException($"Model '{Data.Model}': {Spec.Name} is not fitted by least squares, so it has no OLS fit.");

    /// <summary>What the estimator adds beyond OLS (ρ…), or null for a plain OLS fit.</summary>
    public EstimatorDetails? Details { get; }

    /// <summary>The Newey-West lag used, or null for classical inference.</summary>
    public int? HacLag { get; }

    /// <summary>Coefficients with SE, t, p (t(n − k)) and 95% interval under the spec's covariance.</summary>
    public IReadOnlyList<CoefficientRow> Coefficients => _coefficients.Value;

    /// <summary>The row of <paramref name="term"/>.</summary>
    public CoefficientRow this[string term] =>
        Coefficients.FirstOrDefault(c => c.Term == term)
        ?? throw new ArgumentException($"Model '{Data.Model}' has no term '{term}'. Terms: {string.Join(", ", Data.Design.Terms)}.", nameof(term));

    /// <summary>Exact leave-one-out predictions on the level of y; null where they do not exist (<see cref="NoLooReason"/> says why).</summary>
    public LooPredictions? Loo => _loo.Value.Predictions;

    /// <summary>Why exact leave-one-out does not exist (the estimator has none, or a row has leverage 1); null when it does.</summary>
    public string? NoLooReason => _loo.Value.Reason;

    /// <summary>The leave-one-out RMSE on the level of y.</summary>
    public Estimate LooRmse => Loo is { } l ? Estimate.Of(l.Rmse) : Estimate.Undefined(NoLooReason!);

    /// <summary>The leave-one-out mean absolute error on the level of y.</summary>
    public Estimate LooMae => Loo is { } l ? Estimate.Of(l.Mae) : Estimate.Undefined(NoLooReason!);

    /// <summary>The leave-one-out predictive R² on the level of y.</summary>
    public Estimate LooPredictiveRSquared => Loo is { } l ? l.PredictiveRSquared : Estimate.Undefined(NoLooReason!);

    /// <summary>The statistics of <see cref="FitRows.ModelStatistics"/> this fit writes to <c>results.csv</c>.</summary>
    public IReadOnlyList<string> ModelStatistics =>
        Own?.ModelStatistics.Select(s => s.Statistic).ToList()
        ?? Details?.ModelStatistics
        ?? (HacLag is null ? FitRows.ModelStatistics : FitRows.ModelStatistics.Where(s => s is not ("f_stat" or "f_pvalue")).ToList());

    /// <summary>
    /// log |dz/dy| summed over the rows, where z is the modelled response: −Σ log y_t for log y, 0 for y and Δy
    /// (Δy_t given y_{t−1} has unit Jacobian), plus the estimator's own transform (½·log(1−ρ²) for Prais-Winsten).
    /// </summary>
    /// <remarks>Undefined, with the reason, for an estimator that gives no likelihood, which the Jacobian only serves.</remarks>
    public Estimate LogJacobian => Own is not null ? Estimate.Undefined(Own.NoLikelihoodReason)
        : Estimate.Of((Spec.IsLogResponse ? -Data.LevelY.Sum(Math.Log) : 0.0) + (Details?.LogJacobian ?? 0.0));

    /// <summary>The Gaussian log-likelihood of y on its level scale: the fit's log-likelihood plus <see cref="LogJacobian"/>.</summary>
    public Estimate LogLikelihoodLevelScale => OwnScaleLogLikelihood.Map(ll => ll + LogJacobian.Value);

    /// <summary>AIC on the level of y, with the fit's parameter count (coefficients + σ + the estimator's extra parameters).</summary>
    public Estimate AicLevelScale => Ols is null ? OwnScaleLogLikelihood : Ols.Aic.Map(aic => aic - 2 * LogJacobian.Value + 2 * ExtraParameters);

    /// <summary>BIC on the level of y, with the fit's parameter count (coefficients + σ + the estimator's extra parameters).</summary>
    public Estimate BicLevelScale => Ols is null ? OwnScaleLogLikelihood : Ols.Bic.Map(bic => bic - 2 * LogJacobian.Value + Math.Log(N) * ExtraParameters);

    /// <summary>The log-likelihood on the model's own scale; undefined for an estimator that gives none, or an exact fit.</summary>
    public Estimate OwnScaleLogLikelihood => Ols?.LogLikelihood ?? Estimate.Undefined(Own!.NoLikelihoodReason);

    private int ExtraParameters => Details?.ExtraParameters ?? 0;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private IReadOnlyList<CoefficientRow> BuildCoefficients()
    {
        var Ols = this.Ols!;
        if (HacLag is not int lag) return Ols.CoefficientTable;
        int n = Ols.N, k = Ols.K;
        var x = new double[n, k];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++)
                x[i, j] = Data.Design[i, j];
        var v = NeweyWest.Covariance(x, Ols.Residuals, Ols.UnscaledCovariance(), lag);
        double q = Distributions.StudentTQuantile(0.975, Ols.DfResidual);
        return Enumerable.Range(0, k).Select(j => CoefficientRow.FromStandardError(Ols.Terms[j], Ols.Coefficients[j], Math.Sqrt(v[j, j]), Ols.DfResidual, q)).ToList();
    }

    /// <summary>
    /// The rows for <c>results.csv</c>, in the base model's vocabulary plus <c>loo_rmse</c>, <c>loo_mae</c>,
    /// <c>loo_pred_r_squared</c>, the level-scale likelihood figures, for Newey-West <c>hac_lag</c>, and the
    /// estimator's own statistics (e.g. <c>rho</c>).
    /// A statistic that is undefined for this model is left out and added to <paramref name="undefined"/> with the reason.
    /// </summary>
    public IReadOnlyList<ResultRow> ToResultRows(ICollection<UndefinedResult>? undefined = null)
    {
        string table = Data.Input.TableId, model = Spec.Name;
        var rows = new List<ResultRow>();
        void Add(string statistic, string term, Estimate value) =>
            UndefinedResult.AddRowOrReason(rows, undefined, table, model, statistic, term, value);
        // The base model's vocabulary comes from the one map in Results/FitRows; coefficient rows carry this
        // spec's covariance (Newey-West for the HAC models).
        foreach (var c in Coefficients)
            foreach (var statistic in FitRows.CoefficientStatistics)
                Add(statistic, c.Term, FitRows.CoefficientStatistic(c, statistic));
        foreach (var statistic in ModelStatistics)
            Add(statistic, "", Ols is null ? Estimate.Of(Own!.ModelStatistics.Single(s => s.Statistic == statistic).Value) : FitRows.ModelStatistic(Ols, statistic));
        // Statistics of the base vocabulary this model does not write, with the reason (Newey-West F, Prais-Winsten R²,
        // Theil-Sen's likelihood…).
        foreach (var statistic in FitRows.ModelStatistics.Except(ModelStatistics))
            undefined?.Add(new UndefinedResult(table, model, statistic, "", Own is not null
                ? (statistic is "loglik" or "aic" or "bic" ? Own.NoLikelihoodReason : Own.LeftOutReason)
                : Details?.LeftOutReason
                ?? "the classical F ignores the Newey-West covariance, and the robust Wald test of the one slope is the t test already given (F = t²)"));
        foreach (var (statistic, value) in Own?.Statistics ?? Details?.Statistics ?? [])
            Add(statistic, "", Estimate.Of(value));
        if (HacLag is not null)
            Add("hac_lag", "", Estimate.Of(HacLag.Value));
        Add("log_jacobian", "", LogJacobian);
        Add("loglik_level_scale", "", LogLikelihoodLevelScale);
        Add("aic_level_scale", "", AicLevelScale);
        Add("bic_level_scale", "", BicLevelScale);
        Add("loo_rmse", "", LooRmse);
        Add("loo_mae", "", LooMae);
        Add("loo_pred_r_squared", "", LooPredictiveRSquared);
        return rows;
    }
}
