using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.Data.Analysis;
using NotebookAnalysis.Report.Reporting;
using NotebookAnalysis.Formatting;

namespace NotebookAnalysis.Teaching;

/// <summary>
/// How notebooks show tables: a DataFrame as a plain HTML table with numbers to a few significant digits
/// (culture-invariant), and any record or sequence of records as a DataFrame. Full precision stays in
/// <c>results.csv</c>; these are for reading.
/// </summary>
/// <remarks>
/// Notebooks register <see cref="Html(DataFrame)"/> as the DataFrame's <c>text/html</c> formatter. It replaces
/// Microsoft.Data.Analysis's kernel extension, which prints 17-digit numbers, stamps a new element id on every
/// run, and announces itself with a "Loading extensions from …" line holding a machine path.
/// </remarks>
public static class FrameHtml
{
    /// <summary>Significant digits of floating-point cells.</summary>
    public const int SignificantDigits = 6;

    /// <summary>Rows shown before the table is cut (a note says how many are left out).</summary>
    public const int MaxRows = 200;

    /// <summary>
    /// The frame as an HTML table (through <see cref="Grid"/>, the one table renderer): header, one row per row,
    /// numbers right-aligned. A frame with fewer rows than columns that would be wider than a notebook's output area
    /// (<see cref="Grid.HtmlAreaWidth"/>) is shown stacked (<see cref="Stacked"/>) when that is narrower.
    /// </summary>
    public static string Html(DataFrame frame)
    {
        var header = frame.Columns.Select(c => c.Name).ToArray();
        long shown = Math.Min(frame.Rows.Count, MaxRows);
        var rows = new List<string[]>();
        for (long r = 0; r < shown; r++)
            rows.Add(frame.Columns.Select(c => Cell(c[r])).ToArray());
        var table = (Header: header, Rows: rows);
        if (Grid.HtmlWidth([header, .. rows], wrapped: false) > Grid.HtmlAreaWidth && rows.Count > 0 && rows.Count < header.Length)
        {
            var stacked = Stacked(frame, header, rows);
            if (Grid.HtmlWidth([stacked.Header, .. stacked.Rows], wrapped: true) < Grid.HtmlWidth([header, .. rows], wrapped: true))
                table = stacked;
        }
        var grid = new Grid().Block(null, table.Header);
        foreach (var row in table.Rows) grid.Row(row);
        var html = new StringBuilder(grid.ToHtml());
        if (frame.Rows.Count > shown)
            html.Append(CultureInfo.InvariantCulture, $"<p><i>{frame.Rows.Count - shown} more rows not shown.</i></p>");
        return html.ToString();
    }

    /// <summary>
    /// The frame turned on its side: one row per column, one column per row, each headed by the row's label (its
    /// first cell, with the next text cells added until the labels are distinct, e.g. "T2_goods pairs").
    /// </summary>
    private static (string[] Header, List<string[]> Rows) Stacked(DataFrame frame, string[] header, List<string[]> rows)
    {
        int labelColumns = 1;
        while (labelColumns < header.Length && frame.Columns[labelColumns] is StringDataFrameColumn
               && rows.Select(r => string.Join(" ", r[..labelColumns])).Distinct().Count() < rows.Count)
            labelColumns++;
        var stackedHeader = new[] { string.Join(", ", header[..labelColumns]) }.Concat(rows.Select(r => string.Join(" ", r[..labelColumns]))).ToArray();
        var stackedRows = Enumerable.Range(labelColumns, header.Length - labelColumns)
            .Select(c => new[] { header[c] }.Concat(rows.Select(r => r[c])).ToArray()).ToList();
        return (stackedHeader, stackedRows);
    }

    /// <summary>One cell as text: floating-point to <see cref="SignificantDigits"/> significant digits, invariant culture; null as empty.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        double d => Number(d),
        float f => Number(f),
        decimal m => Number((double)m),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Number(double d) => NumberFormat.Significant(d, SignificantDigits);

    /// <summary>
    /// A two-column frame (<c>name</c>, <c>value</c>) of <paramref name="value"/>'s public properties, in
    /// declaration order: a record or anonymous object shown once, as a table.
    /// </summary>
    public static DataFrame Properties(object value)
    {
        var properties = value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();
        return new DataFrame(
            new StringDataFrameColumn("name", properties.Select(p => p.Name)),
            new StringDataFrameColumn("value", properties.Select(p => Cell(p.GetValue(value)))));
    }

    /// <summary>
    /// A frame with one row per element of <paramref name="rows"/> and one column per public property of
    /// <typeparamref name="T"/> (floating-point numbers as Double columns, int as Int32, anything else as text).
    /// </summary>
    public static DataFrame Rows<T>(IEnumerable<T> rows)
    {
        var list = rows.ToList();
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0);
        var frame = new DataFrame();
        foreach (var p in properties)
        {
            var values = list.Select(r => p.GetValue(r)).ToList();
            var type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            DataFrameColumn column = type == typeof(double) || type == typeof(float) || type == typeof(decimal)
                ? new DoubleDataFrameColumn(p.Name, values.Select(v => v is null ? (double?)null : Convert.ToDouble(v, CultureInfo.InvariantCulture)))
                : type == typeof(int)
                    ? new Int32DataFrameColumn(p.Name, values.Select(v => (int?)v))
                    : new StringDataFrameColumn(p.Name, values.Select(Cell));
            frame.Columns.Add(column);
        }
        return frame;
    }
}
