using System.Globalization;
using System.Text;

namespace NotebookAnalysis.Results;

/// <summary>
/// Writes the long-format results file. Values are written in the invariant culture with the
/// shortest string that round-trips to the same double, so the file is byte-identical under any culture.
/// </summary>
public static class ResultsCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "table,model,statistic,term,value";

    /// <summary>The CSV text (LF line ends, trailing newline) of <paramref name="rows"/>, in the given order.</summary>
    /// <exception cref="InvalidOperationException">A row holds NaN or infinity, a field holds a comma, or a key repeats.</exception>
    public static string Format(IEnumerable<ResultRow> rows)
    {
        var sb = new StringBuilder(Header).Append('\n');
        var seen = new HashSet<(string, string, string, string)>();
        foreach (var r in rows)
        {
            foreach (var field in new[] { r.Table, r.Model, r.Statistic, r.Term })
                if (field.Contains(',') || field.Contains('\n') || field.Contains('"'))
                    throw new InvalidOperationException($"Result key field '{field}' contains a comma, quote or newline.");
            if (!double.IsFinite(r.Value))
                throw new InvalidOperationException($"Result {r.Table}/{r.Model}/{r.Statistic}/{r.Term} is {r.Value}; results never hold NaN or infinity.");
            if (!seen.Add((r.Table, r.Model, r.Statistic, r.Term)))
                throw new InvalidOperationException($"Result {r.Table}/{r.Model}/{r.Statistic}/{r.Term} appears twice.");
            sb.Append(r.Table).Append(',').Append(r.Model).Append(',').Append(r.Statistic).Append(',')
              .Append(r.Term).Append(',').Append(r.Value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        return sb.ToString();
    }
}
