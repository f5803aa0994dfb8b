using System.Net;
using System.Text;
using NotebookAnalysis.Reporting;
using NotebookAnalysis.Reproduction;

namespace NotebookAnalysis.Teaching;

/// <summary>
/// The "published vs. recomputed" part of notebooks 02-04: the paper's table laid out as printed, the recomputed
/// SUMMARY OUTPUT beside it, and the findings about the table, as HTML for the notebook.
/// </summary>
public static class TableStory
{
    /// <summary>Decimals the paper prints for most numbers of Tables 2-4 (the recomputed layout uses the same).</summary>
    public const int PrintedDecimals = 4;

    /// <summary>The published table in the ToolPak layout, with the paper's labels and printed strings.</summary>
    public static Grid PublishedLayout(MarketReproduction reproduction) =>
        SummaryOutput.Layout(ToolPakValues.FromPrinted(reproduction.Published), ToolPakLabels.Paper(reproduction.TableId),
            $"Table {reproduction.Series.Spec.PublishedTable} as printed");

    /// <summary>
    /// Recomputed SUMMARY OUTPUT (Excel's labels, rounded to <see cref="PrintedDecimals"/>) on the left, the table
    /// as printed on the right.
    /// </summary>
    public static string SideBySideHtml(MarketReproduction reproduction) =>
        Grid.SideBySideHtml(("Recomputed (this package)", SummaryOutput.Layout(reproduction.Fit, ToolPakLabels.Standard, PrintedDecimals)),
            ("Published (the paper)", PublishedLayout(reproduction)));

    /// <summary>The verdict counts of one table, then one row per printed number.</summary>
    public static string VerdictsHtml(MarketReproduction reproduction) =>
        VerdictTables.Summary([reproduction]).ToHtml() + VerdictTables.Detail(reproduction, withExplanations: true).ToHtml();

    /// <summary>The internal-consistency checks of the printed numbers.</summary>
    public static string ConsistencyHtml(MarketReproduction reproduction) => VerdictTables.ConsistencyDetail(reproduction).ToHtml();

    /// <summary>
    /// The findings about the paper that concern Table <paramref name="publishedTable"/> (its id appears in the
    /// finding's id, or the finding is about all tables), as HTML.
    /// </summary>
    /// <param name="paperText">The paper's transcription (<c>seeds/paper.md</c>).</param>
    /// <param name="reproductions">All three reproductions (some findings compare tables).</param>
    /// <param name="publishedTable">2, 3 or 4.</param>
    public static string FindingsHtml(string paperText, IReadOnlyList<MarketReproduction> reproductions, int publishedTable)
    {
        var tableId = reproductions.Single(r => r.Series.Spec.PublishedTable == publishedTable).TableId;
        var findings = DocumentFindings.All(paperText, reproductions)
            .Where(f => f.Id.Contains(tableId, StringComparison.Ordinal)
                        || (publishedTable == 4 && f.Id == "table4-claim")
                        || f.Id is "mistranslated-labels" or "conclusion-contradiction");
        var sb = new StringBuilder();
        foreach (var f in findings)
            sb.Append("<h4>").Append(WebUtility.HtmlEncode(f.Title)).Append("</h4>")
              .Append("<p><b>Evidence.</b> ").Append(WebUtility.HtmlEncode(f.Evidence)).Append("</p>")
              .Append("<p><b>Assessment.</b> ").Append(WebUtility.HtmlEncode(f.Assessment)).Append("</p>");
        return sb.ToString();
    }

    /// <summary>The table's title as the paper prints it.</summary>
    public static string PrintedTitle(string paperText, int publishedTable) => DocumentFindings.TableTitle(paperText, publishedTable);
}
