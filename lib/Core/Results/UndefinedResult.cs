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
    /// <summary>
    /// The one place a statistic becomes a row or an omission: a defined <paramref name="value"/> is added to
    /// <paramref name="rows"/>; an undefined one, with its reason, to <paramref name="undefined"/>.
    /// </summary>
    public static void AddRowOrReason(ICollection<ResultRow> rows, ICollection<UndefinedResult>? undefined,
        string table, string model, string statistic, string term, Regression.Estimate value)
    {
        if (value.IsDefined) rows.Add(new ResultRow(table, model, statistic, term, value.Value));
        else undefined?.Add(new UndefinedResult(table, model, statistic, term, value.Reason!));
    }

    /// <summary>Every statistic of a model that could not be fitted (statistic and term empty).</summary>
    public static UndefinedResult WholeModel(string table, string model, string reason) => new(table, model, "", "", reason);

    /// <summary>What is left out, in words: <c>f_stat</c>, <c>t_value (x)</c> or <c>every statistic</c> (the whole model).</summary>
    public string What => Statistic.Length == 0 ? "every statistic" : Term.Length > 0 ? $"{Statistic} ({Term})" : Statistic;

    /// <summary>The sentence the report prints: <c>T2_goods/base: f_stat is left out: reason.</c></summary>
    public string Sentence => $"{Table}/{Model}: {What} is left out: {Reason.TrimEnd('.')}.";

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
            var names = g.Select(u => u.What).Distinct().ToList();
            sb.Append($"- {g.Key.Table}/{g.Key.Model}: {string.Join(", ", names)}: {g.Key.Reason.TrimEnd('.')}.\n");
        }
        return sb.Append('\n').ToString();
    }
}
