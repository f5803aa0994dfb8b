using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Results;

/// <summary>
/// The results vocabulary for one OLS fit: which statistics a fit contributes to <c>results.csv</c> and how
/// each is read off an <see cref="OlsResult"/>. Every analysis that writes a fit uses this one map.
/// </summary>
public static class FitRows
{
    /// <summary>Per-coefficient statistics, in file order.</summary>
    public static IReadOnlyList<string> CoefficientStatistics { get; } =
        ["estimate", "std_error", "t_value", "p_value", "ci95_lower", "ci95_upper"];

    /// <summary>Model statistics (empty term), in file order.</summary>
    public static IReadOnlyList<string> ModelStatistics { get; } =
    [
        "nobs", "df_model", "df_resid", "multiple_r", "r_squared", "adj_r_squared", "sigma",
        "ss_regression", "ss_residual", "ss_total", "ms_regression", "ms_residual", "f_stat", "f_pvalue",
        "loglik", "aic", "bic", "durbin_watson", "jb_stat", "jb_pvalue", "bp_stat", "bp_pvalue",
        "bg1_stat", "bg1_pvalue", "condition_number",
    ];

    /// <summary>A model statistic of <paramref name="fit"/> by its results name (also <c>df_total</c>); undefined, with the reason, where it does not exist.</summary>
    public static Estimate ModelStatistic(OlsResult fit, string statistic) => statistic switch
    {
        "nobs" => Estimate.Of(fit.N),
        "df_model" => Estimate.Of(fit.DfModel),
        "df_resid" => Estimate.Of(fit.DfResidual),
        "df_total" => Estimate.Of(fit.DfModel + fit.DfResidual),
        "multiple_r" => fit.MultipleR,
        "r_squared" => fit.RSquared,
        "adj_r_squared" => fit.AdjustedRSquared,
        "sigma" => Estimate.Of(fit.Sigma),
        "ss_regression" => Estimate.Of(fit.SsRegression),
        "ss_residual" => Estimate.Of(fit.SsResidual),
        "ss_total" => Estimate.Of(fit.SsTotal),
        "ms_regression" => Estimate.Of(fit.MsRegression),
        "ms_residual" => Estimate.Of(fit.MsResidual),
        "f_stat" => fit.FStatistic,
        "f_pvalue" => fit.FPValue,
        "loglik" => fit.LogLikelihood,
        "aic" => fit.Aic,
        "bic" => fit.Bic,
        "durbin_watson" => fit.DurbinWatson,
        "jb_stat" => fit.JarqueBera.Statistic,
        "jb_pvalue" => fit.JarqueBera.PValue,
        "bp_stat" => fit.BreuschPagan.Statistic,
        "bp_pvalue" => fit.BreuschPagan.PValue,
        "bg1_stat" => fit.BreuschGodfrey(1).Statistic,
        "bg1_pvalue" => fit.BreuschGodfrey(1).PValue,
        "condition_number" => Estimate.Of(fit.ConditionNumber),
        _ => throw new ArgumentException($"Unknown model statistic '{statistic}'.", nameof(statistic)),
    };

    /// <summary>
    /// A per-coefficient statistic read off a coefficient row (95% intervals for the ci95 rows); models with their own
    /// covariance (Newey-West) pass rows built from it.
    /// </summary>
    public static Estimate CoefficientStatistic(CoefficientRow row, string statistic) => statistic switch
    {
        "estimate" => Estimate.Of(row.Estimate),
        "std_error" => row.StdError,
        "t_value" => row.TValue,
        "p_value" => row.PValue,
        "ci95_lower" => row.Lower95,
        "ci95_upper" => row.Upper95,
        _ => throw new ArgumentException($"Unknown coefficient statistic '{statistic}'.", nameof(statistic)),
    };

    /// <summary>Any statistic: per-coefficient when <paramref name="term"/> is not empty.</summary>
    public static Estimate Statistic(OlsResult fit, string statistic, string term) =>
        term.Length == 0 ? ModelStatistic(fit, statistic) : CoefficientStatistic(fit[term], statistic);

    /// <summary>
    /// All rows of one fit: per coefficient (in term order) then the model statistics. Statistics that are undefined
    /// for this fit (e.g. F of an exact fit) are left out and, with the reason, added to <paramref name="undefined"/>.
    /// </summary>
    public static IReadOnlyList<ResultRow> From(OlsResult fit, string table, string model, ICollection<UndefinedResult>? undefined = null)
    {
        var rows = new List<ResultRow>();
        void Add(string statistic, string term) =>
            UndefinedResult.AddRowOrReason(rows, undefined, table, model, statistic, term, Statistic(fit, statistic, term));
        foreach (var term in fit.Terms)
            foreach (var s in CoefficientStatistics)
                Add(s, term);
        foreach (var s in ModelStatistics)
            Add(s, "");
        return rows;
    }
}
