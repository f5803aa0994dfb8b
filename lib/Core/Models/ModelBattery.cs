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

    /// <summary>The fits of <paramref name="market"/>, in model order.</summary>
    public IReadOnlyList<AlternativeFit> FitsFor(Market market) =>
        Fits.Where(f => f.Data.Input.TableId == market.Id).ToList();

    /// <summary>Fits every model of <see cref="ModelSpecs.All"/> to every market and derives rows and verdicts.</summary>
    public static ModelBattery Run(Table1 data) => Run(data, null, ModelSpecs.All);

    /// <summary>
    /// Fits <paramref name="specs"/> (the base model and every model a named robustness check uses among them) to
    /// every market. A model whose fit does not exist for a market (a design made singular by a transformation, the log
    /// of a zero count, Prais-Winsten not converging) is left out of that market's rows and table, with the reason in
    /// <see cref="LeftOut"/>; only the base model's failure stops the run.
    /// </summary>
    /// <param name="data">The data and its markets.</param>
    /// <param name="baseFits">The base fit of each market by id, fitted once by the base reproduction and taken as it is;
    /// null fits the base model here.</param>
    /// <param name="specs">The models.</param>
    public static ModelBattery Run(Table1 data, IReadOnlyDictionary<string, OlsResult>? baseFits, IReadOnlyList<ModelSpec> specs)
    {
        var inputs = ModelInput.AllMarkets(data);
        var omitted = new List<UndefinedResult>();
        // A model that cannot be fitted to these data (e.g. a design made singular by the differencing) is left out
        // with the reason; the base model always fits here, since the base reproduction has fitted it already.
        // The fits are independent and deterministic, so they run on parallel threads; everything they give (fits,
        // reasons, errors) is then taken in table-then-model order, as a single thread would have produced it.
        var jobs = inputs.SelectMany(input => specs.Select(spec => (Input: input, Spec: spec))).ToArray();
        var outcomes = OrderedParallel.Map(jobs.Length, i =>
        {
            var (input, spec) = jobs[i];
            try
            {
                // The base model's fit comes from the base reproduction when given: never fitted twice.
                return (Fit: (AlternativeFit?)(spec.Name == ModelSpecs.Base.Name && baseFits is not null
                    ? new AlternativeFit(ModelData.Build(input, spec), baseFits[input.TableId])
                    : AlternativeModels.Fit(input, spec)), Omitted: (UndefinedResult?)null);
            }
            catch (ModelException e) when (spec.Name != ModelSpecs.Base.Name)
            {
                return (null, UndefinedResult.WholeModel(input.TableId, spec.Name, $"the model cannot be fitted to these data: {e.Reason}"));
            }
            catch (DataFileException e) when (spec.Name != ModelSpecs.Base.Name)
            {
                // A count of 0 is valid data, but the log models cannot take its log.
                return (null, UndefinedResult.WholeModel(input.TableId, spec.Name, $"the model cannot be fitted to these data: {e.Message}"));
            }
        });
        var fits = new List<AlternativeFit>();
        foreach (var o in outcomes)
        {
            if (o.Fit is not null) fits.Add(o.Fit);
            if (o.Omitted is not null) omitted.Add(o.Omitted);
        }
        var meanOnly = inputs.ToDictionary(i => i.TableId, LeaveOneOut.MeanOnly);
        // Each fit's rows (and the reasons for what it leaves out) are computed in parallel, then appended in order.
        // The base model writes only its leave-one-out figures (below); its leave-one-out is computed here too.
        var fitRows = OrderedParallel.Map(fits.Count, i =>
        {
            var leftOut = new List<UndefinedResult>();
            if (fits[i].Spec.Name != ModelSpecs.Base.Name)
                return (Rows: fits[i].ToResultRows(leftOut), LeftOut: leftOut);
            _ = fits[i].Loo;
            return (Rows: (IReadOnlyList<ResultRow>)[], LeftOut: leftOut);
        });
        var rows = new List<ResultRow>();
        foreach (var input in inputs)
        {
            for (int i = 0; i < fits.Count; i++)
                if (fits[i].Data.Input.TableId == input.TableId)
                {
                    rows.AddRange(fitRows[i].Rows); // empty for the base model
                    omitted.AddRange(fitRows[i].LeftOut);
                }
            // Statistics undefined for these data (predictive R² of a constant y) are left out with the reason.
            void Add(string model, string statistic, Estimate value) =>
                UndefinedResult.AddRowOrReason(rows, omitted, input.TableId, model, statistic, "", value);
            var m = meanOnly[input.TableId];
            Add("mean_only", "nobs", Estimate.Of(m.Count));
            Add("mean_only", "loo_rmse", Estimate.Of(m.Rmse));
            Add("mean_only", "loo_mae", Estimate.Of(m.Mae));
            Add("mean_only", "loo_pred_r_squared", m.PredictiveRSquared);
            // The base model's leave-one-out is new information; its other statistics belong to the base reproduction.
            var b = fits.Single(f => f.Data.Input.TableId == input.TableId && f.Spec.Name == ModelSpecs.Base.Name);
            Add(ModelSpecs.Base.Name, "loo_rmse", b.LooRmse);
            Add(ModelSpecs.Base.Name, "loo_mae", b.LooMae);
            Add(ModelSpecs.Base.Name, "loo_pred_r_squared", b.LooPredictiveRSquared);
        }
        var markets = OrderedParallel.Map(inputs.Count, i =>
            Assess(data.Markets[inputs[i].TableId], fits.Where(f => f.Data.Input.TableId == inputs[i].TableId).ToList(), meanOnly[inputs[i].TableId]));
        return new ModelBattery(fits, meanOnly, markets, rows, omitted);
    }
}
