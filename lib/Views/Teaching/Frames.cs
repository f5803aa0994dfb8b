using Microsoft.Data.Analysis;
using NotebookAnalysis.Data;
using NotebookAnalysis.Models;
using NotebookAnalysis.Results;

namespace NotebookAnalysis.Teaching;

/// <summary>DataFrame views of the core's data and model records, for notebooks (the core itself returns records).</summary>
public static class Frames
{
    /// <summary>Table 1 as a DataFrame: <c>year</c> as Int32 and every other column as Double.</summary>
    public static DataFrame ToDataFrame(this Table1 data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var frame = new DataFrame(new Int32DataFrameColumn("year", data.Years));
        foreach (var name in Table1.ColumnNames.Skip(1))
            frame.Columns.Add(new DoubleDataFrameColumn(name, data.Column(name)));
        return frame;
    }

    /// <summary>The robustness table of one market as a DataFrame (for notebooks).</summary>
    public static DataFrame ToDataFrame(this MarketRobustness market)
    {
        var r = market.Rows;
        return new DataFrame(
            new StringDataFrameColumn("model", r.Select(x => x.Model)),
            new StringDataFrameColumn("formula", r.Select(x => x.Formula)),
            new Int32DataFrameColumn("n", r.Select(x => x.N)),
            new StringDataFrameColumn("slope_term", r.Select(x => x.SlopeTerm ?? "")),
            new DoubleDataFrameColumn("slope", r.Select(x => x.Slope)),
            new DoubleDataFrameColumn("p_value", r.Select(x => x.SlopePValue)),
            new DoubleDataFrameColumn("r_squared", r.Select(x => x.RSquared)),
            new DoubleDataFrameColumn("durbin_watson", r.Select(x => x.DurbinWatson)),
            new DoubleDataFrameColumn("loo_rmse", r.Select(x => x.LooRmse)),
            new DoubleDataFrameColumn("aic_level_scale", r.Select(x => x.AicLevelScale)));
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
