using NotebookAnalysis.Data;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Reproduction;
using static NotebookAnalysis.Formatting.NumberFormat;

namespace NotebookAnalysis.Models;

/// <summary>One row of a market's robustness table.</summary>
/// <param name="Model">The model name.</param>
/// <param name="Formula">The model in words.</param>
/// <param name="N">Rows used.</param>
/// <param name="SlopeTerm">The term reported as "the slope": <c>x</c>, or <c>year</c> for the trend-only model; null for the mean-only benchmark.</param>
/// <param name="Slope">Its estimate.</param>
/// <param name="SlopePValue">Its p-value under the model's covariance.</param>
/// <param name="RSquared">R² on the model's own scale (log y, Δy…); null for the benchmark and where the fit does not write it.</param>
/// <param name="DurbinWatson">Durbin-Watson of the model's residuals; null for the benchmark.</param>
/// <param name="LooRmse">Exact leave-one-out RMSE on the level of y; null where it is undefined (a row with leverage 1) or the estimator has none (Prais-Winsten).</param>
/// <param name="AicLevelScale">AIC on the level of y (Jacobian included); null for the benchmark.</param>
public sealed record RobustnessRow(string Model, string Formula, int N, string? SlopeTerm, double? Slope, double? SlopePValue,
    double? RSquared, double? DurbinWatson, double? LooRmse, double? AicLevelScale);

/// <summary>The outcome of one robustness check.</summary>
public enum CheckOutcome
{
    /// <summary>The paper's reading survives the check.</summary>
    Holds,

    /// <summary>It does not.</summary>
    Fails,

    /// <summary>The check cannot be evaluated on these data: a statistic it needs is undefined (the evidence says which).</summary>
    Undefined,
}

/// <summary>One test of a paper's conclusion against an alternative, with the evidence in words and numbers.</summary>
/// <param name="Check">What is checked.</param>
/// <param name="Outcome">Whether the paper's reading survives it, or that it cannot be evaluated.</param>
/// <param name="Evidence">The figures behind the verdict, or why it cannot be evaluated.</param>
public sealed record RobustnessCheck(string Check, CheckOutcome Outcome, string Evidence)
{
    /// <summary>True when the paper's reading survives the check.</summary>
    public bool Holds => Outcome == CheckOutcome.Holds;

    /// <summary>The outcome as reports write it: holds, fails, undefined.</summary>
    public string OutcomeName => Outcome switch { CheckOutcome.Holds => "holds", CheckOutcome.Fails => "fails", _ => "undefined" };

    /// <summary>
    /// Evaluates a check on <paramref name="figures"/>: when one it needs is undefined for the data, the outcome is
    /// <see cref="CheckOutcome.Undefined"/> with the reason, and <paramref name="evaluate"/> is not called.
    /// </summary>
    public static RobustnessCheck Evaluate(string check, Estimate[] figures, Func<(bool Holds, string Evidence)> evaluate)
    {
        if (figures.FirstOrDefault(f => !f.IsDefined) is { Reason: { } reason })
            return new(check, CheckOutcome.Undefined, $"cannot be evaluated on these data: {reason}");
        var (holds, evidence) = evaluate();
        return new(check, holds ? CheckOutcome.Holds : CheckOutcome.Fails, evidence);
    }
}

/// <summary>A market's robustness table and the verdicts on the reading it tests, all computed from fits.</summary>
/// <param name="Market">The market.</param>
/// <param name="Rows">Every model plus the mean-only benchmark.</param>
/// <param name="Checks">The checks of the reading.</param>
/// <param name="Reading">The reading the checks test: the paper's own (<see cref="PaperClaims.ReadingOf(MarketSpec)"/>: Tables 2-3
/// more clusters, higher score; Table 4 no dependence), else a positive dependence of y on x.</param>
public sealed record MarketRobustness(MarketSpec Market, IReadOnlyList<RobustnessRow> Rows, IReadOnlyList<RobustnessCheck> Checks, ClaimKind Reading)
{
    /// <summary>How many checks the reading survives.</summary>
    public int Survived => Checks.Count(c => c.Holds);

    /// <summary>Whether <see cref="Reading"/> is the paper's own reading of the market's table.</summary>
    public bool IsPaperReading => PaperClaims.ReadingOf(Market) is not null;

    /// <summary>A one-sentence summary, naming the reading.</summary>
    public string Summary =>
        $"{Market.Id}: {(IsPaperReading ? $"the paper's reading ({PaperClaims.Describe(Reading)})" : $"the reading of a positive dependence (higher {Market.X}, higher {Market.Y})")} survives {Survived} of {Checks.Count} checks" +
        // A no-dependence reading can only fail to be contradicted: say so, so "survives" is not read as "shown".
        (Reading == ClaimKind.NoDependence ? " (surviving a check means not being contradicted by it; no check can show the absence of an effect)" : "") +
        (Checks.Where(c => c.Outcome == CheckOutcome.Fails).Select(c => c.Check).ToList() is { Count: > 0 } failed ? $"; it fails: {string.Join("; ", failed)}" : "") +
        (Checks.Where(c => c.Outcome == CheckOutcome.Undefined).Select(c => c.Check).ToList() is { Count: > 0 } undefined ? $"; these cannot be evaluated on these data: {string.Join("; ", undefined)}" : "") +
        ".";
}

/// <summary>Builds the robustness tables and verdicts from the battery of fits.</summary>
public static class Robustness
{
    /// <summary>The significance level the checks use (the paper's).</summary>
    public const double Alpha = 0.05;

    /// <summary>
    /// The models whose slope of x is tested for significance by name, in check order: the base model, its two Newey-West
    /// variants, x beside a linear trend, first differences. The claims table reads the same list.
    /// </summary>
    public static IReadOnlyList<ModelSpec> SlopeCheckSpecs { get; } =
        [ModelSpecs.Base, ModelSpecs.HacNeweyWestLag1, ModelSpecs.HacNeweyWestAuto, ModelSpecs.XPlusYear, ModelSpecs.FirstDifference];

    /// <summary>
    /// The robustness table and checks for one market, judged against the paper's own reading of the printed table the
    /// market reproduces with the paper's columns (Table 4: no dependence), or against a positive dependence of y on x.
    /// </summary>
    /// <param name="market">The market.</param>
    /// <param name="fits">This market's fits: every model of the table, and at least the models the named checks use.
    /// Only specs with <see cref="ModelSpec.InRobustnessChecks"/> count in the checks; every fit is a row of the table.</param>
    /// <param name="meanOnly">The mean-only leave-one-out benchmark.</param>
    public static MarketRobustness Assess(MarketSpec market, IReadOnlyList<AlternativeFit> fits, LooPredictions meanOnly)
    {
        // A model missing from the fits could not be fitted to these data; the checks that need it are undefined.
        AlternativeFit? Get(ModelSpec s)
        {
            var fit = fits.FirstOrDefault(f => f.Spec.Name == s.Name);
            return fit is null || fit.Spec.InRobustnessChecks ? fit
                : throw new InvalidOperationException($"A named robustness check uses '{s.Name}', but its spec does not join the robustness checks (InRobustnessChecks is false).");
        }
        var rows = fits.Select(Row).ToList();
        rows.Add(new RobustnessRow("mean_only", "y on a constant (leave-one-out benchmark)", meanOnly.Count, null, null, null, null, null, meanOnly.Rmse, null));

        var b = Get(ModelSpecs.Base) ?? throw new ArgumentException($"The fits of {market.Id} lack the base model.", nameof(fits));
        var hac1 = Get(ModelSpecs.HacNeweyWestLag1);
        var hacAuto = Get(ModelSpecs.HacNeweyWestAuto);
        var trend = Get(ModelSpecs.XPlusYear);
        var diff = Get(ModelSpecs.FirstDifference);
        var year = Get(ModelSpecs.YearOnly);
        var reading = PaperClaims.ReadingOf(market) ?? ClaimKind.MoreClustersHigherScore;
        // Tables 2-3 are read as dependence: a check holds on a positive significant slope, on x beating a benchmark.
        // Table 4 is read as no dependence: a check holds when it finds no significant slope, when x beats no benchmark.
        bool dependence = reading == ClaimKind.MoreClustersHigherScore;
        string slope = dependence ? "positive and significant" : "not significant";
        var checks = new List<RobustnessCheck>
        {
            Slope($"the base model's slope is {slope}", b, dependence),
            Slope("Newey-West (lag 1) standard errors", hac1, dependence, ModelSpecs.HacNeweyWestLag1),
            Slope($"Newey-West (automatic lag {hacAuto?.HacLag.ToString() ?? "–"}) standard errors", hacAuto, dependence, ModelSpecs.HacNeweyWestAuto),
            Slope("x beside a linear trend (x_plus_year)", trend, dependence, ModelSpecs.XPlusYear),
            Slope("first differences (Δy on Δx)", diff, dependence, ModelSpecs.FirstDifference),
        };
        var xModels = fits.Where(f => f.Spec.InRobustnessChecks && f.Spec.Regressor != RegressorTransform.None && f.Spec.Covariance == CovarianceKind.Classical && !f.Spec.IncludeXSquared).ToList();
        if (dependence)
        {
            var negative = xModels.Where(f => f["x"].Estimate <= 0).Select(f => f.Spec.Name).ToList();
            checks.Add(RobustnessCheck.Evaluate("the slope of x is positive in every linear-in-x specification", [], () => (negative.Count == 0,
                negative.Count == 0
                    ? $"positive in all {xModels.Count}: {string.Join(", ", xModels.Select(f => $"{f.Spec.Name} {Brief(f["x"].Estimate)}"))}"
                    : $"not positive in {string.Join(", ", negative)}")));
        }
        else
        {
            checks.Add(RobustnessCheck.Evaluate("no linear-in-x specification has a significant slope of x", xModels.Select(f => f["x"].PValue).ToArray(), () =>
            {
                var significant = xModels.Where(f => f["x"].PValue.Value < Alpha).ToList();
                return (significant.Count == 0, significant.Count == 0
                    ? $"p ≥ {Brief(Alpha)} in all {xModels.Count}: {string.Join(", ", xModels.Select(f => $"{f.Spec.Name} p = {Brief(f["x"].PValue.Value)}"))}"
                    : $"significant in {string.Join(", ", significant.Select(f => $"{f.Spec.Name} (slope {Brief(f["x"].Estimate)}, p = {Brief(f["x"].PValue.Value)})"))}");
            }));
        }
        string better = dependence ? "predicts better" : "predicts no better";
        checks.Add(year is null
            ? NotFitted($"x {better} out of sample than a linear trend", ModelSpecs.YearOnly)
            : RobustnessCheck.Evaluate($"x {better} out of sample than a linear trend", [b.LooRmse, year.LooRmse], () => ((b.LooRmse.Value < year.LooRmse.Value) == dependence,
                $"LOO RMSE base {Brief(b.LooRmse.Value)} vs year_only {Brief(year.LooRmse.Value)}")));
        checks.Add(RobustnessCheck.Evaluate($"x {better} out of sample than the mean", [b.LooRmse], () => ((b.LooRmse.Value < meanOnly.Rmse) == dependence,
            $"LOO RMSE base {Brief(b.LooRmse.Value)} vs mean_only {Brief(meanOnly.Rmse)}")));
        var bg = b.OlsFit.BreuschGodfrey(1);
        checks.Add(RobustnessCheck.Evaluate("the base model's residuals show no first-order autocorrelation", [bg.PValue, b.OlsFit.DurbinWatson], () =>
            (bg.PValue.Value >= Alpha, $"Durbin-Watson {Brief(b.OlsFit.DurbinWatson.Value)}, Breusch-Godfrey(1) p = {Brief(bg.PValue.Value)}")));
        return new MarketRobustness(market, rows, checks, reading);
    }

    private static RobustnessRow Row(AlternativeFit f)
    {
        string term = f.Spec.Regressor == RegressorTransform.None ? "year" : "x";
        var c = f[term];
        // A statistic undefined for this model (R² of a constant y, DW of an exact fit) or not written by it is shown as "–".
        double? Written(string statistic, Func<OlsResult, Estimate> value) => f.ModelStatistics.Contains(statistic) && f.Ols is { } ols ? value(ols).OrNull : null;
        return new RobustnessRow(f.Spec.Name, f.Spec.Formula, f.N, term, c.Estimate, c.PValue.OrNull,
            Written("r_squared", o => o.RSquared), Written("durbin_watson", o => o.DurbinWatson), f.LooRmse.OrNull, f.AicLevelScale.OrNull);
    }

    private static RobustnessCheck NotFitted(string check, ModelSpec spec) =>
        new(check, CheckOutcome.Undefined, $"cannot be evaluated: the model {spec.Name} cannot be fitted to these data");

    /// <summary>A slope check: for a dependence reading it holds on a positive slope significant at 5%; for a
    /// no-dependence reading it holds when the slope is not significant (of either sign).</summary>
    private static RobustnessCheck Slope(string check, AlternativeFit? f, bool dependence, ModelSpec? spec = null) => f is null
        ? NotFitted(check, spec!)
        : RobustnessCheck.Evaluate(check, [f["x"].PValue], () =>
    {
        var c = f["x"];
        bool holds = dependence ? c.Estimate > 0 && c.PValue.Value < Alpha : !(c.PValue.Value < Alpha);
        return (holds, $"{f.Spec.Name}: slope {Brief(c.Estimate)}, SE {Brief(c.StdError.Value)}, p = {Brief(c.PValue.Value)}");
    });
}
