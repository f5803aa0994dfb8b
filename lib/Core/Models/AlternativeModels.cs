using NotebookAnalysis.Data;
using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Models;

/// <summary>
/// One call per alternative specification: <c>AlternativeModels.Fit(input, ModelSpecs.LogLog)</c>; the whole battery
/// is <see cref="ModelBattery.Run(Table1)"/>.
/// </summary>
public static class AlternativeModels
{
    /// <summary>Fits <paramref name="spec"/> to one market's series.</summary>
    /// <exception cref="DataFileException">A log of a value that is not positive (names the file line, column and year).</exception>
    /// <exception cref="ModelException">Too few rows for a lag or difference, a design that is singular after the
    /// transformation, or a failure of the spec's estimator (e.g. Prais-Winsten not converging).</exception>
    public static AlternativeFit Fit(ModelInput input, ModelSpec spec) =>
        spec.EstimatorOrOls.Fit(ModelData.Build(input, spec));

    /// <summary>Fits <paramref name="spec"/> to <paramref name="market"/> of Table 1.</summary>
    public static AlternativeFit Fit(Table1 table, Market market, ModelSpec spec) => Fit(ModelInput.From(table, market), spec);
}
