using System.Globalization;
using System.Text;

namespace NotebookAnalysis.Results;

/// <summary>
/// Reads and writes the long-format results file. Values are written in the invariant culture with the
/// shortest string that round-trips to the same double, so the file is byte-identical under any culture.
/// </summary>
public static class ResultsCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "table,model,statistic,term,value";

    /// <summary>Formats a double so that parsing it back gives the same bits, in any culture.</summary>
    public static string FormatValue(double value) =>
        double.IsFinite(value)
            ? value.ToString("R", CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Results never hold NaN or infinity.");

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
              .Append(r.Term).Append(',').Append(FormatValue(r.Value)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Parses results CSV text written by <see cref="Format"/>.</summary>
    public static IReadOnlyList<ResultRow> Parse(string text, string source = "results.csv")
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].TrimStart('\uFEFF') != Header)
            throw new FormatException($"{source}:line 1: expected the header '{Header}'.");
        var rows = new List<ResultRow>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var f = lines[i].Split(',');
            if (f.Length != 5)
                throw new FormatException($"{source}:line {i + 1}: expected 5 fields, found {f.Length}.");
            if (!double.TryParse(f[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                throw new FormatException($"{source}:line {i + 1}, column 5 (value): '{f[4]}' is not a number.");
            rows.Add(new ResultRow(f[0], f[1], f[2], f[3], v));
        }
        return rows;
    }
}
