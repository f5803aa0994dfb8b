using Microsoft.Data.Analysis;
using NotebookAnalysis.Data;
using NotebookAnalysis.Results;

namespace NotebookAnalysis.Teaching;

/// <summary>DataFrame views of the core's data and model records, for notebooks (the core itself returns records).</summary>
public static class Frames
{
    /// <summary>Table 1 as a DataFrame: <c>year</c> as Int32 and every other column as Double.</summary>
    public static DataFrame ToDataFrame(this Table1 data)
    {
        var frame = new DataFrame(new Int32DataFrameColumn("year", data.Years));
        foreach (var name in data.Columns.Skip(1))
            frame.Columns.Add(new DoubleDataFrameColumn(name, data.Column(name)));
        return frame;
    }

    /// <summary>Rows of <c>results.csv</c> as a DataFrame with its columns (e.g. the rows one model writes).</summary>
    public static DataFrame ToDataFrame(this IEnumerable<ResultRow> rows)
    {
        var r = rows.ToList();
        return new DataFrame(
            new StringDataFrameColumn("table", r.Select(x => x.Table)),
            new StringDataFrameColumn("model", r.Select(x => x.Model)),
            new StringDataFrameColumn("statistic", r.Select(x => x.Statistic)),
            new StringDataFrameColumn("term", r.Select(x => x.Term)),
            new DoubleDataFrameColumn("value", r.Select(x => x.Value)));
    }
}
