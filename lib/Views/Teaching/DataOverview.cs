using Microsoft.Data.Analysis;
using NotebookAnalysis.Charts;
using NotebookAnalysis.Data;

namespace NotebookAnalysis.Teaching;

/// <summary>
/// The views of Table 1 that notebook 01 shows: codebook, correlations, the link between cluster counts and
/// the year, the printed grid of the WEF scores (0.1 in the bundled data), and the series over time as charts. Every number is computed here.
/// </summary>
public static class DataOverview
{
    /// <summary>
    /// The codebook of Table 1, read from the table in <c>seeds/data/codebook.md</c> (the single source of the
    /// column descriptions): column, the paper's symbol, meaning, unit and source.
    /// </summary>
    /// <param name="codebookPath">The codebook; default the bundled one.</param>
    /// <exception cref="DataFileException">The codebook has no table describing every column of Table 1.</exception>
    public static DataFrame Codebook(string? codebookPath = null)
    {
        var path = codebookPath ?? ProjectPaths.Codebook;
        var lines = InputFile.Lines(InputFile.ReadText(path, "the codebook"));
        var rows = new List<string[]>();
        for (int i = 0; i < lines.Length; i++)
        {
            // The columns' table is the file's first; later sections (the market description) have tables of their own.
            if (rows.Count > 0 && lines[i].StartsWith("## ", StringComparison.Ordinal)) break;
            if (!lines[i].StartsWith("| `", StringComparison.Ordinal)) continue;
            var cells = lines[i].Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length != 5)
                throw new DataFileException(path, i + 1, null, null, $"a codebook row needs 5 cells (column, symbol, meaning, unit, source), found {cells.Length}.");
            cells[0] = cells[0].Trim('`');
            rows.Add(cells);
        }
        var missing = Table1.ColumnNames.Where(n => rows.All(r => r[0] != n)).ToList();
        if (missing.Count > 0)
            throw new DataFileException(path, 1, null, null, $"the codebook does not describe the column(s) {string.Join(", ", missing)}.");
        return new DataFrame(
            new StringDataFrameColumn("column", rows.Select(r => r[0])),
            new StringDataFrameColumn("symbol", rows.Select(r => r[1])),
            new StringDataFrameColumn("meaning", rows.Select(r => r[2])),
            new StringDataFrameColumn("unit", rows.Select(r => r[3])),
            new StringDataFrameColumn("source", rows.Select(r => r[4])));
    }

    /// <summary>The data file's SHA-256 beside the one the codebook records for the bundled file.</summary>
    public static DataFrame Provenance(Table1 data)
    {
        var recorded = BundledData.RecordedSha256();
        return new DataFrame(
            new StringDataFrameColumn("file", [data.Source]),
            new StringDataFrameColumn("SHA-256 of the file read", [data.Sha256]),
            new StringDataFrameColumn("SHA-256 recorded in the codebook", [recorded]),
            new BooleanDataFrameColumn("the bundled data, unchanged", [data.Sha256 == recorded]));
    }

    /// <summary>Pearson correlations among the markets' score columns (a symmetric table, one row per market).</summary>
    public static DataFrame PillarCorrelations(Table1 data)
    {
        var names = data.Markets.Specs.Select(m => m.Y).ToList();
        var frame = new DataFrame(new StringDataFrameColumn("score column", names));
        foreach (var b in names)
            frame.Columns.Add(new DoubleDataFrameColumn(b, names.Select(a => Pearson(data.Column(a), data.Column(b)))));
        return frame;
    }

    /// <summary>
    /// Per market: the correlation of the cluster count with the year, of the score with the year, and of the
    /// score with the cluster count. Cluster counts rise almost every year, so x is close to a time trend.
    /// </summary>
    public static DataFrame TrendCorrelations(Table1 data)
    {
        var year = data.Years.Select(y => (double)y).ToArray();
        var series = data.AllSeries();
        return new DataFrame(
            new StringDataFrameColumn("market", series.Select(s => s.Spec.Id)),
            new DoubleDataFrameColumn("r(clusters, year)", series.Select(s => Pearson(s.ClustersArray(), year))),
            new DoubleDataFrameColumn("r(score, year)", series.Select(s => Pearson(s.ScoreArray(), year))),
            new DoubleDataFrameColumn("r(score, clusters)", series.Select(s => Pearson(s.ScoreArray(), s.ClustersArray()))),
            new Int32DataFrameColumn("clusters first year", series.Select(s => (int)s.Clusters[0])),
            new Int32DataFrameColumn("clusters last year", series.Select(s => (int)s.Clusters[^1])),
            new Int32DataFrameColumn("years the count fell", series.Select(s => Enumerable.Range(1, s.Count - 1).Count(i => s.Clusters[i] < s.Clusters[i - 1]))));
    }

    /// <summary>
    /// Per score column: the decimals the file prints it with and so the grid its values lie on, how many distinct
    /// values occur, and the range in grid steps. With so few steps, rounding is a large part of the variation the
    /// regressions explain.
    /// </summary>
    public static DataFrame ScoreGrid(Table1 data)
    {
        var markets = data.Markets.Specs.ToList();
        var cols = markets.Select(m => m.Y).ToList();
        var values = cols.Select(data.Column).ToList();
        var steps = markets.Select(m => 1 / Math.Pow(10, data.PrintedDecimals(m.Market))).ToList();
        return new DataFrame(
            new StringDataFrameColumn("score column", cols),
            new Int32DataFrameColumn("printed decimals", markets.Select(m => data.PrintedDecimals(m.Market))),
            new DoubleDataFrameColumn("grid step", steps),
            new Int32DataFrameColumn("distinct values", values.Select(v => v.Distinct().Count())),
            new DoubleDataFrameColumn("min", values.Select(v => v.Min())),
            new DoubleDataFrameColumn("max", values.Select(v => v.Max())),
            new Int32DataFrameColumn("range in grid steps", values.Select((v, i) => (int)Math.Round((v.Max() - v.Min()) / steps[i]))));
    }

    /// <summary>Every market's score over time, one line per market (legend: the paper's symbol, if any, and the column).</summary>
    public static ChartSpec ScoresOverTime(Table1 data) =>
        OverTime(data, "t1-scores-over-time", "Scores by year", "Score (1-7)", s => (s.Spec.PaperY, s.Spec.Y, s.Score));

    /// <summary>Every market's cluster count over time.</summary>
    public static ChartSpec ClustersOverTime(Table1 data) =>
        OverTime(data, "t1-clusters-over-time", "Number of clusters by year", "Clusters", s => (s.Spec.PaperX, s.Spec.X, s.Clusters));

    // One line per market: its label, then the values plotted against the year.
    private static ChartSpec OverTime(Table1 data, string name, string title, string yLabel,
        Func<MarketSeries, (string? Symbol, string Column, IReadOnlyList<double> Values)> line)
    {
        var year = data.Years.Select(y => (double)y).ToArray();
        var series = data.AllSeries().Select((s, i) =>
        {
            var (symbol, column, values) = line(s);
            return ChartSeries.Line(RegressionCharts.Axis(symbol, column), year, values, Colour(i)) with { Markers = true };
        }).ToList();
        return new ChartSpec(name, title, "Year", yLabel, series);
    }

    // The first two palette colours, then skip the third (it is the band colour of other charts).
    private static string Colour(int i) => ChartSeries.Palette[(i < 2 ? i : i + 1) % ChartSeries.Palette.Count];

    /// <summary>Pearson's r by the two-pass formula (centred sums, no cancellation from raw sums of squares).</summary>
    public static double Pearson(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count || a.Count < 2) throw new ArgumentException("Pearson's r needs two series of the same length, at least 2.");
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Count; i++)
        {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        if (saa == 0 || sbb == 0) throw new Regression.ModelException("pearson_r", "Pearson's r is undefined for a constant series.");
        return sab / Math.Sqrt(saa * sbb);
    }
}
