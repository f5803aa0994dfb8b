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

    /// <summary>The frame as an HTML table (through <see cref="Grid"/>, the one table renderer): header, one row per row, numbers right-aligned.</summary>
    public static string Html(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var grid = new Grid().Block(null, frame.Columns.Select(c => c.Name).ToArray());
        long shown = Math.Min(frame.Rows.Count, MaxRows);
        for (long r = 0; r < shown; r++)
            grid.Row(frame.Columns.Select(c => Cell(c[r])).ToArray());
        var html = new StringBuilder(grid.ToHtml());
        if (frame.Rows.Count > shown)
            html.Append(CultureInfo.InvariantCulture, $"<p><i>{frame.Rows.Count - shown} more rows not shown.</i></p>");
        return html.ToString();
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
        ArgumentNullException.ThrowIfNull(value);
        var properties = value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();
        return new DataFrame(
            new StringDataFrameColumn("name", properties.Select(p => p.Name)),
            new StringDataFrameColumn("value", properties.Select(p => Cell(p.GetValue(value)))));
    }

    /// <summary>
    /// A frame with one row per element of <paramref name="rows"/> and one column per public property of
    /// <typeparamref name="T"/> (numbers as Double or Int32/Int64 columns, anything else as text).
    /// </summary>
    public static DataFrame Rows<T>(IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0);
        var frame = new DataFrame();
        foreach (var p in properties)
        {
            var values = list.Select(r => p.GetValue(r)).ToList();
            var type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            DataFrameColumn column = type == typeof(double) || type == typeof(float) || type == typeof(decimal)
                ? new DoubleDataFrameColumn(p.Name, values.Select(v => v is null ? (double?)null : Convert.ToDouble(v, CultureInfo.InvariantCulture)))
                : type == typeof(int) || type == typeof(short) || type == typeof(byte)
                    ? new Int32DataFrameColumn(p.Name, values.Select(v => v is null ? (int?)null : Convert.ToInt32(v, CultureInfo.InvariantCulture)))
                    : type == typeof(long)
                        ? new Int64DataFrameColumn(p.Name, values.Select(v => (long?)v))
                        : new StringDataFrameColumn(p.Name, values.Select(Cell));
            frame.Columns.Add(column);
        }
        return frame;
    }
}
