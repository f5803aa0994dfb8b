using System.Globalization;
using System.Text;
using NotebookAnalysis.Data;
using NotebookAnalysis.Pipeline;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Reporting;
using NotebookAnalysis.Results;
using static NotebookAnalysis.Models.Robustness;

namespace NotebookAnalysis.Models;

/// <summary>
/// The main job's "alternative models" section: every alternative specification for every market with full
/// statistics and exact leave-one-out, the mean-only benchmark, and the robustness tables and verdicts for
/// <c>REPRODUCTION.md</c>. The base model's rows come from the base reproduction, not from here.
/// </summary>
public sealed class AlternativeModelsSection : IAnalysisSection
{
    /// <inheritdoc/>
    public string Name => "alternative models";

    /// <inheritdoc/>
    public SectionOutput Run(AnalysisContext context)
    {
        var battery = Battery.Run(context);
        return new SectionOutput(battery.Rows, RenderMarkdown(battery), Undefined: battery.LeftOut);
    }

    /// <summary>Everything the section computes, for the notebook and the tests as well.</summary>
    /// <param name="Fits">Every fit, the base model included.</param>
    /// <param name="MeanOnly">The mean-only benchmark per table id.</param>
    /// <param name="Markets">Robustness tables and verdicts.</param>
    /// <param name="Rows">The <c>results.csv</c> rows (alternatives and benchmark; no base rows).</param>
    /// <param name="LeftOut">Statistics left out of the rows, with the reason.</param>
    public sealed record Battery(IReadOnlyList<AlternativeFit> Fits, IReadOnlyDictionary<string, LooPredictions> MeanOnly,
        IReadOnlyList<MarketRobustness> Markets, IReadOnlyList<ResultRow> Rows, IReadOnlyList<UndefinedResult> LeftOut)
    {
        /// <summary>The statistics left out, one sentence each (statistics of one model with one reason share a sentence).</summary>
        public IReadOnlyList<string> Omitted =>
            LeftOut.GroupBy(u => (u.Table, u.Model, u.Reason))
                .Select(g => $"{g.Key.Table}/{g.Key.Model}: {string.Join(" and ", g.Select(u => u.What))} {(g.Count() == 1 ? "is" : "are")} left out: {g.Key.Reason}.")
                .ToList();

        /// <summary>The robustness table and verdicts of <paramref name="market"/>.</summary>
        public MarketRobustness For(Market market) => Markets.Single(m => m.Market.Id == market.Id);

        /// <summary>The robustness table and verdicts of the market with id <paramref name="marketId"/>.</summary>
        public MarketRobustness For(string marketId) => For(new Market(marketId));

        /// <summary>The fits of <paramref name="market"/>, in model order.</summary>
        public IReadOnlyList<AlternativeFit> FitsFor(Market market) =>
            Fits.Where(f => f.Data.Input.TableId == market.Id).ToList();

        /// <summary>Fits every model of <see cref="ModelSpecs.All"/> to every market of <paramref name="data"/> (the base model once per market).</summary>
        public static Battery Run(Table1 data) => Run(AnalysisContext.Of(data), ModelSpecs.All);

        /// <summary>Fits every model of <see cref="ModelSpecs.All"/> to every market, taking the base fits from <paramref name="context"/>.</summary>
        public static Battery Run(AnalysisContext context) => Run(context, ModelSpecs.All);

        /// <summary>Fits <paramref name="specs"/> to every market of <paramref name="data"/>.</summary>
        public static Battery Run(Table1 data, IReadOnlyList<ModelSpec> specs) => Run(AnalysisContext.Of(data), specs);

        /// <summary>
        /// Fits <paramref name="specs"/> (the base model and every model a named robustness check uses among them) to
        /// every market. A model whose fit does not exist for a market (a design made singular by a transformation, the log
        /// of a zero count, Prais-Winsten not converging) is left out of that market's rows and table, with the reason in
        /// <see cref="LeftOut"/>; only the base model's failure stops the run.
        /// </summary>
        public static Battery Run(AnalysisContext context, IReadOnlyList<ModelSpec> specs)
        {
            var data = context.Data;
            var inputs = ModelInput.AllMarkets(data);
            var omitted = new List<UndefinedResult>();
            // A model that cannot be fitted to these data (e.g. a design made singular by the differencing) is left out
            // with the reason; the base model always fits here, since the base reproduction has fitted it already.
            var fits = new List<AlternativeFit>();
            foreach (var input in inputs)
                foreach (var spec in specs)
                {
                    try
                    {
                        // The base model is the base reproduction's fit, taken as it is: never fitted twice.
                        fits.Add(spec.Name == ModelSpecs.Base.Name
                            ? new AlternativeFit(ModelData.Build(input, spec), context.BaseFit(input.TableId))
                            : AlternativeModels.Fit(input, spec));
                    }
                    catch (ModelException e) when (spec.Name != ModelSpecs.Base.Name)
                    {
                        omitted.Add(UndefinedResult.WholeModel(input.TableId, spec.Name, $"the model cannot be fitted to these data: {e.Reason}"));
                    }
                    catch (DataFileException e) when (spec.Name != ModelSpecs.Base.Name)
                    {
                        // A count of 0 is valid data, but the log models cannot take its log.
                        omitted.Add(UndefinedResult.WholeModel(input.TableId, spec.Name, $"the model cannot be fitted to these data: {e.Message}"));
                    }
                }
            var meanOnly = inputs.ToDictionary(i => i.TableId, LeaveOneOut.MeanOnly);
            var rows = new List<ResultRow>();
            foreach (var input in inputs)
            {
                foreach (var fit in fits.Where(f => f.Data.Input.TableId == input.TableId && f.Spec.Name != ModelSpecs.Base.Name))
                    rows.AddRange(fit.ToResultRows(omitted));
                // Statistics undefined for these data (predictive R² of a constant y) are left out with the reason.
                void Add(string model, string statistic, Func<double> value) =>
                    UndefinedResult.AddRowOrReason(rows, omitted, input.TableId, model, statistic, "", Estimate.Try(value));
                var m = meanOnly[input.TableId];
                Add("mean_only", "nobs", () => m.Count);
                Add("mean_only", "loo_rmse", () => m.Rmse);
                Add("mean_only", "loo_mae", () => m.Mae);
                Add("mean_only", "loo_pred_r_squared", () => m.PredictiveRSquared);
                // The base model's leave-one-out is new information; its other statistics belong to the base reproduction.
                var b = fits.Single(f => f.Data.Input.TableId == input.TableId && f.Spec.Name == ModelSpecs.Base.Name);
                Add(ModelSpecs.Base.Name, "loo_rmse", () => b.Loo.Rmse);
                Add(ModelSpecs.Base.Name, "loo_mae", () => b.Loo.Mae);
                Add(ModelSpecs.Base.Name, "loo_pred_r_squared", () => b.Loo.PredictiveRSquared);
            }
            var markets = inputs.Select(i => Assess(data.Markets[i.TableId], fits.Where(f => f.Data.Input.TableId == i.TableId).ToList(), meanOnly[i.TableId])).ToList();
            return new Battery(fits, meanOnly, markets, rows, omitted);
        }
    }

    /// <summary>The robustness table of one market in Markdown.</summary>
    public static string RobustnessMarkdown(MarketRobustness market) => RobustnessGrids.Table(market).ToMarkdown();

    /// <summary>The verdicts of one market in Markdown.</summary>
    public static string VerdictsMarkdown(MarketRobustness market)
    {
        var sb = new StringBuilder();
        sb.Append($"**{market.Summary}**\n\n");
        foreach (var c in market.Checks)
            sb.Append($"- {(c.Outcome == CheckOutcome.Fails ? "**fails**" : c.OutcomeName)}: {c.Check} ({c.Evidence})\n");
        return sb.ToString();
    }

    /// <summary>The whole <c>REPRODUCTION.md</c> section. Sample sizes, years, the automatic lag and the leave-one-out
    /// counts in its sentences come from the fits.</summary>
    public static string RenderMarkdown(Battery battery)
    {
        var ic = CultureInfo.InvariantCulture;
        var baseFit = battery.Fits.First(f => f.Spec.Name == ModelSpecs.Base.Name);
        int n = baseFit.N;
        var sb = new StringBuilder();
        sb.Append("## Alternative models\n\n");
        sb.Append("Each market's regression refitted under the obvious alternatives: a lag, logs, first differences, a ")
          .Append("linear trend, a quadratic, Newey-West standard errors, AR(1) errors and a robust slope. Every model has an intercept; `x` is the model's ")
          .Append("cluster-count regressor as transformed. LOO RMSE is the exact leave-one-out prediction error on the level of y ")
          .Append("(PRESS through the hat matrix; log-y models back-transformed by exp() without smearing; first differences as ")
          .Append("y_{t−1} + Δŷ_t). `mean_only` predicts each year by the mean of the other years. ")
          .Append("Newey-West: Bartlett kernel, no prewhitening, no small-sample adjustment, p from t(n − k); `hac_nw_auto` uses ")
          .Append(string.Create(ic, $"Newey and West's (1994) rule floor(4·(n/100)^(2/9)), which gives lag {NeweyWest.AutomaticLag(n)} at n = {n}.\n\n"));
        sb.Append("Comparability: R² is on each model's own scale (log y, Δy), so it is not comparable across scales. ")
          .Append("`aic_level_scale`, `bic_level_scale` and `loglik_level_scale` add the Jacobian of the log (−Σ log y) so that ")
          .Append("log-y and level-y models are compared on the density of y; they are comparable among the models fitted to the ")
          .Append("same years: ").Append(SameYears(battery, baseFit)).Append("\n\n");
        foreach (var spec in battery.Fits.Select(f => f.Spec).Where(s => s.Estimator is not null).DistinctBy(s => s.Name))
            sb.Append($"`{spec.Name}` is not fitted by OLS but by {spec.Estimator!.Description}.\n\n");
        foreach (var m in battery.Markets)
        {
            sb.Append($"### {m.Market.TableId}: {m.Market.Label}\n\n");
            sb.Append(RobustnessMarkdown(m));
            sb.Append(VerdictsMarkdown(m)).Append('\n');
        }
        if (battery.LeftOut.Count > 0)
            sb.Append("Statistics these models leave out of `results.csv` are listed, with the reason, under \"Statistics left out of results.csv\".\n\n");
        return sb.ToString();
    }

    /// <summary>
    /// Which models share their years (so their level-scale likelihoods compare) and over how many years each
    /// leave-one-out RMSE is taken, from one market's fits (every market has the same years).
    /// </summary>
    private static string SameYears(Battery battery, AlternativeFit baseFit)
    {
        var ic = CultureInfo.InvariantCulture;
        var fits = battery.Fits.Where(f => f.Data.Input.TableId == baseFit.Data.Input.TableId).ToList();
        var groups = fits.GroupBy(f => (First: f.Data.Years[0], Last: f.Data.Years[^1]))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.First).ToList();
        var full = groups[0];
        var clauses = new List<string> { string.Create(ic, $"the n = {full.First().N} models with each other") };
        foreach (var g in groups.Skip(1))
        {
            var names = g.Select(f => $"`{f.Spec.Name}`").ToList();
            string jacobian = g.Any(f => f.Spec.Name == ModelSpecs.FirstDifference.Name) ? "; Δy given y_{t−1} has unit Jacobian" : "";
            clauses.Add(names.Count == 1
                ? string.Create(ic, $"{names[0]} alone (it explains y in {g.Key.First}-{g.Key.Last})")
                : string.Create(ic, $"{Join(names, " with ")} ({(names.Count == 2 ? "both" : "all")} explain y in {g.Key.First}-{g.Key.Last}{jacobian})"));
        }
        var looGroups = fits.Where(f => f.HasLoo).GroupBy(f => f.Loo.Count).OrderByDescending(g => g.Count()).ToList();
        var noLoo = fits.Where(f => !f.HasLoo).Select(f => $"`{f.Spec.Name}`").ToList();
        string loo = looGroups.Count == 1
            ? string.Create(ic, $"The LOO RMSE of every model{(noLoo.Count > 0 ? " that has one" : "")} is over {looGroups[0].Key} years.")
            : string.Create(ic, $"The LOO RMSE of {string.Join("; of ", looGroups.Skip(1).Select(g => $"{Join(g.Select(f => $"`{f.Spec.Name}`").ToList(), " and ")} is over {g.Key} years"))}, the others over {looGroups[0].Key}.");
        if (noLoo.Count > 0)
            loo += $" {Join(noLoo, " and ")} {(noLoo.Count == 1 ? "has" : "have")} none (see the statistics left out below).";
        return Join(clauses, ", and ") + ". " + loo;

        static string Join(IReadOnlyList<string> items, string last) =>
            items.Count <= 1 ? string.Concat(items) : string.Join(", ", items.Take(items.Count - 1)) + last + items[^1];
    }
}
