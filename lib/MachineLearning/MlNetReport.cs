using System.Globalization;
using System.Net;
using System.Text;

namespace NotebookAnalysis.MachineLearning;

/// <summary>HTML views of the ML.NET comparison, for notebooks.</summary>
public static class MlNetReport
{
    /// <summary>Per specification and term: ML.NET's estimate, the exact OLS estimate, the gap, the gap in OLS standard errors; per model: both LOO RMSEs.</summary>
    public static string Html(IEnumerable<MlNetResult> results)
    {
        var sb = new StringBuilder("<table><thead><tr><th>table/model</th><th>term</th><th>ML.NET</th><th>exact OLS</th><th>gap</th><th>|gap| / OLS SE</th><th>LOO RMSE ML.NET</th><th>LOO RMSE exact</th><th>folds (rows each)</th></tr></thead><tbody>");
        foreach (var r in results)
        {
            for (int j = 0; j < r.Terms.Count; j++)
            {
                string first = j == 0 ? $"<td rowspan=\"{r.Terms.Count}\"><code>{E(r.TableId + "/" + r.ModelName)}</code></td>" : "";
                string loo = j == 0
                    ? $"<td rowspan=\"{r.Terms.Count}\">{F(r.Loo.Rmse)}</td><td rowspan=\"{r.Terms.Count}\">{F(r.Exact.Loo.Rmse)}</td><td rowspan=\"{r.Terms.Count}\">{r.FoldSizes.Count} ({string.Join(",", r.FoldSizes.Distinct())})</td>"
                    : "";
                sb.Append($"<tr>{first}<td>{E(r.Terms[j])}</td><td>{F(r.Estimates[j])}</td><td>{F(r.Exact.Ols.Coefficients[j])}</td><td>{F(r.EstimateGaps[j])}</td><td>{F(r.EstimateGapsInStandardErrors[j])}</td>{loo}</tr>");
            }
        }
        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>The fold sizes of the default random split, as a sentence.</summary>
    public static string DefaultSplit(IReadOnlyList<int> sizes) =>
        $"CrossValidate(numberOfFolds: {sizes.Count}) without a sampling key: fold sizes [{string.Join(", ", sizes)}], " +
        $"{sizes.Count(s => s == 0)} empty fold(s), the largest holding {sizes.Max()} rows; ML.NET raises no error.";

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
