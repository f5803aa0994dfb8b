namespace NotebookAnalysis.Models;

/// <summary>How the response y (the WEF pillar score) enters a model.</summary>
public enum ResponseTransform
{
    /// <summary>y_t as published.</summary>
    Level,

    /// <summary>log y_t (natural log); predictions go back to the level scale by exp(), with no smearing.</summary>
    Log,

    /// <summary>Δy_t = y_t − y_{t−1}; the first year is lost.</summary>
    Difference,
}

/// <summary>How the regressor x (the number of clusters) enters a model.</summary>
public enum RegressorTransform
{
    /// <summary>No cluster-count regressor (e.g. the trend-only model).</summary>
    None,

    /// <summary>x_t as published.</summary>
    Level,

    /// <summary>log x_t (natural log).</summary>
    Log,

    /// <summary>x_{t−1}: last year's clusters explain this year's score; the first year is lost.</summary>
    Lag1,

    /// <summary>Δx_t = x_t − x_{t−1}; the first year is lost.</summary>
    Difference,
}

/// <summary>Which covariance matrix the standard errors, t, p and confidence intervals come from.</summary>
public enum CovarianceKind
{
    /// <summary>The classical OLS covariance σ²(X'X)⁻¹.</summary>
    Classical,

    /// <summary>
    /// Newey-West HAC: Bartlett kernel, no prewhitening, no small-sample adjustment, p from t(n − k).
    /// The lag is <see cref="ModelSpec.HacLag"/>, or the automatic rule when that is null.
    /// </summary>
    NeweyWest,
}

/// <summary>
/// One alternative specification, as data: what happens to y and x, which extra regressors join, which covariance
/// the inference uses, which estimator fits it, and whether it joins the ML.NET comparison and the robustness checks
/// (both always stated, never implied). Every model has an intercept. Fit one with
/// <see cref="AlternativeModels.Fit(ModelInput, ModelSpec)"/>. Registering a spec in <see cref="ModelSpecs.Alternatives"/>
/// is all it takes to put it in <c>results.csv</c>, the report's alternative-models table and notebook 05.
/// </summary>
/// <param name="Name">The model name used in <c>results.csv</c> (e.g. <c>loglog</c>).</param>
/// <param name="Formula">The model in words, e.g. "log y on log x".</param>
/// <param name="Response">How y enters.</param>
/// <param name="Regressor">How x enters (its term is always <c>x</c>).</param>
/// <param name="InMlNetComparison">Whether <c>MachineLearning.MlNetComparison</c> refits it as an ML.NET pipeline
/// (only for OLS point predictions that ML.NET can reproduce: not for a covariance-only variant or another estimator).</param>
/// <param name="InRobustnessChecks">Whether it counts in <see cref="Robustness"/>'s checks of the paper's reading
/// (it is in the robustness table either way).</param>
/// <param name="IncludeYear">Adds the calendar year as the term <c>year</c>.</param>
/// <param name="IncludeXSquared">Adds x² as the term <c>x_squared</c> (x as it enters, squared).</param>
/// <param name="Covariance">Classical or Newey-West.</param>
/// <param name="HacLag">The Newey-West truncation lag; null with <see cref="CovarianceKind.NeweyWest"/> means the automatic rule.</param>
/// <param name="Estimator">The estimator when the model is not OLS on the transformed data; null means OLS.</param>
public sealed record ModelSpec(
    string Name,
    string Formula,
    ResponseTransform Response,
    RegressorTransform Regressor,
    bool InMlNetComparison,
    bool InRobustnessChecks,
    bool IncludeYear = false,
    bool IncludeXSquared = false,
    CovarianceKind Covariance = CovarianceKind.Classical,
    int? HacLag = null,
    IModelEstimator? Estimator = null)
{
    /// <summary>The estimator that fits this spec: <see cref="Estimator"/>, or OLS when it is null.</summary>
    public IModelEstimator EstimatorOrOls => Estimator ?? OlsEstimator.Instance;

    /// <summary>True when a lag or a difference costs the first year, so the model uses n − 1 rows.</summary>
    public bool DropsFirstRow =>
        Response == ResponseTransform.Difference || Regressor is RegressorTransform.Lag1 or RegressorTransform.Difference;

    /// <summary>True when the model explains log y, so its likelihood needs the Jacobian to compare with level-y models.</summary>
    public bool IsLogResponse => Response == ResponseTransform.Log;

    /// <summary>The regressor terms after the intercept, in design order.</summary>
    public IReadOnlyList<string> RegressorTerms
    {
        get
        {
            var terms = new List<string>();
            if (Regressor != RegressorTransform.None) terms.Add("x");
            if (IncludeYear) terms.Add("year");
            if (IncludeXSquared) terms.Add("x_squared");
            return terms;
        }
    }

    /// <summary>Number of coefficients, the intercept included.</summary>
    public int CoefficientCount => 1 + RegressorTerms.Count;
}

/// <summary>The catalogue of specifications, with the paper's own model first; a model registered only in <see cref="Alternatives"/> is found in <see cref="All"/>.</summary>
public static class ModelSpecs
{
    /// <summary>The paper's model: y on x (Tables 2-4).</summary>
    public static ModelSpec Base { get; } = new("base", "y on x", ResponseTransform.Level, RegressorTransform.Level, InMlNetComparison: true, InRobustnessChecks: true);

    /// <summary>y_t on x_{t−1}, n = 9.</summary>
    public static ModelSpec Lag1 { get; } = new("lag1", "y_t on x_(t-1)", ResponseTransform.Level, RegressorTransform.Lag1, InMlNetComparison: true, InRobustnessChecks: true);

    /// <summary>log y on log x: the slope is an elasticity.</summary>
    public static ModelSpec LogLog { get; } = new("loglog", "log y on log x", ResponseTransform.Log, RegressorTransform.Log, InMlNetComparison: true, InRobustnessChecks: true);

    /// <summary>log y on x: the slope is a semi-elasticity.</summary>
    public static ModelSpec LogYX { get; } = new("logy_x", "log y on x", ResponseTransform.Log, RegressorTransform.Level, InMlNetComparison: true, InRobustnessChecks: true);

    /// <summary>y on log x.</summary>
    public static ModelSpec YLogX { get; } = new("y_logx", "y on log x", ResponseTransform.Level, RegressorTransform.Log, InMlNetComparison: true, InRobustnessChecks: true);

    /// <summary>Δy on Δx with an intercept (a common drift), n = 9.</summary>
    public static ModelSpec FirstDifference { get; } = new("firstdiff", "Δy on Δx, with intercept", ResponseTransform.Difference, RegressorTransform.Difference, InMlNetComparison: true, InRobustnessChecks: true);

    /// <summary>y on x and the year: does x explain anything beyond a linear trend?</summary>
    public static ModelSpec XPlusYear { get; } = new("x_plus_year", "y on x and year", ResponseTransform.Level, RegressorTransform.Level, InMlNetComparison: true, InRobustnessChecks: true, IncludeYear: true);

    /// <summary>y on the year alone: the trend benchmark.</summary>
    public static ModelSpec YearOnly { get; } = new("year_only", "y on year", ResponseTransform.Level, RegressorTransform.None, InMlNetComparison: true, InRobustnessChecks: true, IncludeYear: true);

    /// <summary>y on x and x².</summary>
    public static ModelSpec Quadratic { get; } = new("quadratic", "y on x and x²", ResponseTransform.Level, RegressorTransform.Level, InMlNetComparison: true, InRobustnessChecks: true, IncludeXSquared: true);

    /// <summary>The paper's model with Newey-West standard errors, Bartlett kernel, lag 1.</summary>
    public static ModelSpec HacNeweyWestLag1 { get; } = new("hac_nw_lag1", "y on x, Newey-West SE (Bartlett, lag 1)", ResponseTransform.Level, RegressorTransform.Level, InMlNetComparison: false, InRobustnessChecks: true,
        Covariance: CovarianceKind.NeweyWest, HacLag: 1);

    /// <summary>
    /// The paper's model with Newey-West standard errors and the lag chosen by Newey and West's (1994) rule of thumb
    /// floor(4·(n/100)^(2/9)), which gives 2 at n = 10 (see <see cref="NeweyWest.AutomaticLag"/>).
    /// </summary>
    public static ModelSpec HacNeweyWestAuto { get; } = new("hac_nw_auto", "y on x, Newey-West SE (Bartlett, lag floor(4(n/100)^(2/9)))", ResponseTransform.Level, RegressorTransform.Level, InMlNetComparison: false, InRobustnessChecks: true,
        Covariance: CovarianceKind.NeweyWest, HacLag: null);

    /// <summary>
    /// y on x with AR(1) errors, fitted by iterated Prais-Winsten (<see cref="PraisWinstenEstimator"/>): ρ to a change of
    /// at most 1e-10, at most 100 refits. Not in the ML.NET comparison (ML.NET has no AR(1) estimator; its OLS would
    /// repeat the base model). Not in the robustness checks: ρ from ten residuals is imprecise (its standard error is
    /// about 1/√n ≈ 0.3) and Prais-Winsten's standard errors treat it as known, so a verdict on its p-value would be
    /// no firmer than the Newey-West and Breusch-Godfrey checks that already address autocorrelation; it is shown in
    /// the robustness table for the reader to weigh.
    /// </summary>
    public static ModelSpec Ar1PraisWinsten { get; } = new("ar1_pw", "y on x, AR(1) errors (iterated Prais-Winsten)", ResponseTransform.Level, RegressorTransform.Level,
        InMlNetComparison: false, InRobustnessChecks: false, Estimator: new PraisWinstenEstimator(tolerance: 1e-10, maxIterations: 100));

    /// <summary>The alternatives (without the base model), in report order: the one list every consumer reads.</summary>
    public static IReadOnlyList<ModelSpec> Alternatives { get; } =
    [
        Lag1, LogLog, LogYX, YLogX, FirstDifference, XPlusYear, YearOnly, Quadratic, HacNeweyWestLag1, HacNeweyWestAuto, Ar1PraisWinsten,
        // A robust slope; no p-value, so it joins neither the ML.NET comparison nor the checks of the paper's reading.
        new("theil_sen", "y on x, Theil-Sen (median of pairwise slopes)", ResponseTransform.Level, RegressorTransform.Level, InMlNetComparison: false, InRobustnessChecks: false, Estimator: new TheilSenEstimator()),
    ];

    /// <summary>The base model followed by every alternative.</summary>
    public static IReadOnlyList<ModelSpec> All { get; } = [Base, .. Alternatives];
}
