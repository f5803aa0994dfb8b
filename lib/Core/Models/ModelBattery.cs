using NotebookAnalysis.Data;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Results;
using static NotebookAnalysis.Models.Robustness;

namespace NotebookAnalysis.Models;

/// <summary>Every model of a list fitted to every market: the fits, the mean-only benchmark, robustness tables and
/// verdicts, and the <c>results.csv</c> rows. The main job's alternative-models section renders it; notebooks show it.</summary>
/// <param name="Fits">Every fit, the base model included.</param>
/// <param name="MeanOnly">The mean-only benchmark per table id.</param>
/// <param name="Markets">Robustness tables and verdicts.</param>
/// <param name="Rows">The <c>results.csv</c> rows (alternatives and benchmark; no base rows).</param>
/// <param name="LeftOut">Statistics left out of the rows, with the reason.</param>
public sealed record ModelBattery(IReadOnlyList<AlternativeFit> Fits, IReadOnlyDictionary<string, LooPredictions> MeanOnly,
    IReadOnlyList<MarketRobustness> Markets, IReadOnlyList<ResultRow> Rows, IReadOnlyList<UndefinedResult> LeftOut)
{
    /// <summary>The statistics left out, one sentence each (statistics of one model with one reason share a sentence).</summary>
    public IReadOnlyList<string> Omitted =>
        LeftOut.GroupBy(u => (u.Table, u.Model, u.Reason))
            .Select(g => $"{g.Key.Table}/{g.Key.Model}: {string.Join(" and ", g.Select(u => u.What))} {(g.Count() == 1 ? "is" : "are")} left out: {g.Key.Reason}.")
            .ToList();

    /// <summary>The robustness table and verdicts of <paramref name="market"/>.</summary>
    public MarketRobustness For(Market market) => Markets.Single(m => m.Market.Market == market);

    /// <summary>The fits of <paramref name="market"/>, in model order.</summary>
    public IReadOnlyList<AlternativeFit> FitsFor(Market market) =>
        Fits.Where(f => f.Data.Input.TableId == NotebookAnalysis.Data.Markets.Get(market).TableId).ToList();

    /// <summary>Fits every model of <see cref="ModelSpecs.All"/> to every market and derives rows and verdicts.</summary>
    public static ModelBattery Run(Table1 data) => Run(data, ModelSpecs.All);

    /// <summary>
    /// Fits <paramref name="specs"/> (the base model and every model a named robustness check uses among them) to
    /// every market. A model whose fit does not exist for a market (a design made singular by a transformation, the log
    /// of a zero count, Prais-Winsten not converging) is left out of that market's rows and table, with the reason in
    /// <see cref="LeftOut"/>; only the base model's failure stops the run.
    /// </summary>
    public static ModelBattery Run(Table1 data, IReadOnlyList<ModelSpec> specs)
    {
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
                    fits.Add(AlternativeModels.Fit(input, spec));
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
        var markets = inputs.Select(i => Assess(fits.Where(f => f.Data.Input.TableId == i.TableId).ToList(), meanOnly[i.TableId])).ToList();
        return new ModelBattery(fits, meanOnly, markets, rows, omitted);
    }
}
