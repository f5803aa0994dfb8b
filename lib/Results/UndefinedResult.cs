using System.Text;

namespace NotebookAnalysis.Results;

/// <summary>
/// A statistic left out of <c>results.csv</c> because it is undefined for the data (or for the model's covariance),
/// with the reason. The main job lists every one of them in <c>REPRODUCTION.md</c>; none is ever written as NaN or ±∞.
/// </summary>
/// <param name="Table">The table id, e.g. <c>T2_goods</c>.</param>
/// <param name="Model">The model, e.g. <c>base</c>.</param>
/// <param name="Statistic">The statistic's results name, e.g. <c>f_stat</c>.</param>
/// <param name="Term">The term for per-coefficient statistics; empty for model statistics.</param>
/// <param name="Reason">Why it is undefined, as a clause (no trailing period).</param>
public sealed record UndefinedResult(string Table, string Model, string Statistic, string Term, string Reason)
{
    /// <summary>The sentence the report prints: <c>T2_goods/base: f_stat is left out: reason.</c></summary>
    public string Sentence => $"{Table}/{Model}: {Statistic}{(Term.Length > 0 ? $" ({Term})" : "")} is left out: {Reason.TrimEnd('.')}.";

    /// <summary>
    /// The report section listing <paramref name="undefined"/>: statistics with the same table, model and reason share a
    /// line. Empty when nothing was left out.
    /// </summary>
    public static string Markdown(IReadOnlyList<UndefinedResult> undefined)
    {
        if (undefined.Count == 0) return "";
        var sb = new StringBuilder("## Statistics left out of results.csv\n\n");
        sb.Append("A statistic that is undefined for these data (or for a model's covariance) is left out of `results.csv` ")
          .Append("rather than written as NaN or ±∞; each is listed here with the reason.\n\n");
        foreach (var g in undefined.GroupBy(u => (u.Table, u.Model, u.Reason)))
        {
            var names = g.Select(u => u.Term.Length > 0 ? $"{u.Statistic} ({u.Term})" : u.Statistic).Distinct().ToList();
            sb.Append($"- {g.Key.Table}/{g.Key.Model}: {string.Join(", ", names)}: {g.Key.Reason.TrimEnd('.')}.\n");
        }
        return sb.Append('\n').ToString();
    }
}
