using System.Net;
using NotebookAnalysis.Data;
using NotebookAnalysis.Report.Reporting;

namespace NotebookAnalysis.Teaching;

/// <summary>
/// The first output of every notebook: which data and markets it ran on, and — when they are not the paper's — that
/// the notebook's text (its Markdown cells) tells the paper's story and describes the paper's data, while every output
/// is computed from the data named here.
/// </summary>
public static class DataNote
{
    /// <summary>True when <paramref name="data"/> is the bundled Table 1 read with the paper's markets.</summary>
    public static bool IsPaperData(Table1 data) =>
        data.Sha256 == BundledData.RecordedSha256() && data.Markets.Sha256 == MarketDescription.Bundled.Sha256;

    /// <summary>The note for the data at <paramref name="dataPath"/> read with the markets at <paramref name="marketsPath"/>.</summary>
    /// <exception cref="DataFileException">Either file is not valid (names file, line and column).</exception>
    public static HtmlFragment For(string dataPath, string marketsPath)
    {
        var data = Table1.Load(dataPath, MarketDescription.Load(marketsPath));
        string markets = string.Join(", ", data.Markets.Specs.Select(m => m.Id));
        string span = $"{data.Years[0]}-{data.Years[^1]}, {data.RowCount} years";
        if (IsPaperData(data))
            return new HtmlFragment($"<p>Data: the bundled Table 1 (the paper's data, {E(span)}) with the paper's markets ({E(markets)}).</p>");
        return new HtmlFragment(
            $"<p><b>These are not the paper's data.</b> Data: <code>{E(dataPath)}</code> ({E(span)}); markets: <code>{E(marketsPath)}</code> ({E(markets)}). " +
            "The text of this notebook (its Markdown cells) tells the paper's story and describes the paper's data, the bundled Table 1: " +
            "its figures, counts and readings need not hold here. Every output below is computed from the data named here, except where an " +
            "output says it shows the paper's printed numbers.</p>");
    }

    /// <summary>The markets of <paramref name="data"/>: id, label, score and count columns, and the paper's printed table if any.</summary>
    public static Microsoft.Data.Analysis.DataFrame Markets(Table1 data)
    {
        var specs = data.Markets.Specs;
        return new Microsoft.Data.Analysis.DataFrame(
            new Microsoft.Data.Analysis.StringDataFrameColumn("market", specs.Select(s => s.Id)),
            new Microsoft.Data.Analysis.StringDataFrameColumn("label", specs.Select(s => s.Label)),
            new Microsoft.Data.Analysis.StringDataFrameColumn("score column (y)", specs.Select(s => s.Y)),
            new Microsoft.Data.Analysis.StringDataFrameColumn("count column (x)", specs.Select(s => s.X)),
            new Microsoft.Data.Analysis.StringDataFrameColumn("paper's printed table", specs.Select(s => s.PublishedTable is { } t ? $"Table {t}" : "none")));
    }

    /// <summary>The series of the market that reproduces the paper's Table <paramref name="publishedTable"/>.</summary>
    /// <exception cref="ArgumentException">No market of the description names that table.</exception>
    public static MarketSeries PrintedTableSeries(Table1 data, int publishedTable) =>
        data.Markets.Specs.FirstOrDefault(s => s.PublishedTable == publishedTable.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } spec
            ? data.Series(spec.Market)
            : throw new ArgumentException($"No market of {data.Markets.Source} names the paper's Table {publishedTable} (column published_table); this notebook is about that table.", nameof(publishedTable));

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
