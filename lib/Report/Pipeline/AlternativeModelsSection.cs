using System.Globalization;
using System.Text;
using NotebookAnalysis.Data;
using NotebookAnalysis.Formatting;
using NotebookAnalysis.Models;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Report.Reporting;
using NotebookAnalysis.Results;
using static NotebookAnalysis.Models.Robustness;

namespace NotebookAnalysis.Report.Pipeline;

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
        var battery = ModelBattery.Run(context.Data, context.Base.ToDictionary(r => r.TableId, r => r.Fit), ModelSpecs.All);
        return new SectionOutput(battery.Rows, RenderMarkdown(battery), battery.LeftOut);
    }

    /// <summary>The whole <c>REPRODUCTION.md</c> section. Sample sizes, years, the automatic lag and the leave-one-out
    /// counts in its sentences come from the fits.</summary>
    public static string RenderMarkdown(ModelBattery battery)
    {
        var ic = CultureInfo.InvariantCulture;
        var baseFit = battery.Fits.First(f => f.Spec.Name == ModelSpecs.Base.Name);
        int n = baseFit.N;
        var sb = new StringBuilder();
        sb.Append("## Alternative models\n\n");
        sb.Append("Each market's regression refitted under the obvious alternatives: a lag, logs, first differences, a ")
          .Append("linear trend, a quadratic, Newey-West standard errors, AR(1) errors and a robust slope. Every model has an intercept; `x` is the market's ")
          .Append("regressor as the model transforms it. LOO RMSE is the exact leave-one-out prediction error on the level of y ")
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
            sb.Append($"### {m.Market.Id}: {m.Market.Label}\n\n");
            sb.Append(RobustnessGrids.Table(m).ToMarkdown());
            sb.Append($"**{m.Summary}**\n\n");
            sb.Append(ReproductionReport.Bullets(m.Checks.Select(c => $"{(c.Outcome == CheckOutcome.Fails ? "**fails**" : c.OutcomeName)}: {c.Check} ({c.Evidence})")));
        }
        if (battery.LeftOut.Count > 0)
            sb.Append("Statistics these models leave out of `results.csv` are listed, with the reason, under \"Statistics left out of results.csv\".\n\n");
        return sb.ToString();
    }

    /// <summary>
    /// Which models share their years (so their level-scale likelihoods compare) and over how many years each
    /// leave-one-out RMSE is taken, from one market's fits (every market has the same years).
    /// </summary>
    private static string SameYears(ModelBattery battery, AlternativeFit baseFit)
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
        var looGroups = fits.Where(f => f.Loo is not null).GroupBy(f => f.Loo!.Count).OrderByDescending(g => g.Count()).ToList();
        var noLoo = fits.Where(f => f.Loo is null).Select(f => $"`{f.Spec.Name}`").ToList();
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
