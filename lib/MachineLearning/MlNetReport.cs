using NotebookAnalysis.Report.Reporting;
using static NotebookAnalysis.Formatting.NumberFormat;

namespace NotebookAnalysis.MachineLearning;

/// <summary>HTML views of the ML.NET comparison, for notebooks.</summary>
public static class MlNetReport
{
    /// <summary>Per specification and term: ML.NET's estimate, the exact OLS estimate, the gap, the gap in OLS standard
    /// errors; per model (on its first row): both LOO RMSEs and the fold sizes.</summary>
    public static Grid Table(IEnumerable<MlNetResult> results)
    {
        var grid = new Grid().Block(null, "table/model", "term", "ML.NET", "exact OLS", "gap", "|gap| / OLS SE", "LOO RMSE ML.NET", "LOO RMSE exact", "folds (rows each)");
        foreach (var r in results)
            for (int j = 0; j < r.Terms.Count; j++)
            {
                bool first = j == 0;
                grid.Row(first ? Grid.Code(r.TableId + "/" + r.ModelName) : "", r.Terms[j], Brief(r.Estimates[j]), Brief(r.Exact.OlsFit.Coefficients[j]),
                    Brief(r.EstimateGaps[j]), r.EstimateGapsInStandardErrors[j].Format(Brief),
                    first ? Brief(r.Loo.Rmse) : "", first ? r.Exact.LooRmse.Format(Brief) : "",
                    first ? $"{Integer(r.FoldSizes.Count)} ({string.Join(",", r.FoldSizes.Distinct().Select(s => Integer(s)))})" : "");
            }
        return grid;
    }

    /// <summary><see cref="Table"/> as HTML.</summary>
    public static string Html(IEnumerable<MlNetResult> results) => Table(results).ToHtml();

    /// <summary>The fold sizes of the default random split, as a sentence.</summary>
    public static string DefaultSplit(IReadOnlyList<int> sizes) =>
        $"CrossValidate(numberOfFolds: {sizes.Count}) without a sampling key: fold sizes [{string.Join(", ", sizes)}], " +
        $"{sizes.Count(s => s == 0)} empty fold(s), the largest holding {sizes.Max()} rows; ML.NET raises no error.";

}
