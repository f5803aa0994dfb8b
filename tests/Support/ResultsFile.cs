using System.Globalization;
using NotebookAnalysis.Results;

namespace NotebookAnalysis.Tests.Support;

/// <summary>Reads a results file back (no user of the library needs to; the tests compare committed files).</summary>
public static class ResultsFile
{
    /// <summary>Parses results CSV text written by <see cref="ResultsCsv.Format"/>.</summary>
    public static IReadOnlyList<ResultRow> Parse(string text, string source = "results.csv")
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].TrimStart('\uFEFF') != ResultsCsv.Header)
            throw new FormatException($"{source}:line 1: expected the header '{ResultsCsv.Header}'.");
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
