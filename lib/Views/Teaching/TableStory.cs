using System.Net;
using System.Text;
using NotebookAnalysis.Report.Reporting;
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

    /// <summary>
    /// Recomputed SUMMARY OUTPUT (Excel's labels, rounded to <see cref="PrintedDecimals"/>), then the table as
    /// printed below it with the paper's labels and printed strings (side by side they are wider than a notebook's output area).
    /// </summary>
    public static string RecomputedAndPrintedHtml(MarketReproduction reproduction) =>
        Grid.StackedHtml(("Recomputed (this package)", SummaryOutput.Layout(reproduction.Fit, ToolPakLabels.Standard, PrintedDecimals)),
            ("Published (the paper)", SummaryOutput.Layout(reproduction.Published, ToolPakLabels.Paper(reproduction.Published),
                $"Table {reproduction.Series.Spec.PublishedTable} as printed")));

    /// <summary>
    /// The verdict counts of one table, then one row per printed number. On data that are not the paper's
    /// (<paramref name="paperData"/> false) the differences are expected, so only the counts are shown, and said to be so.
    /// </summary>
    public static string VerdictsHtml(MarketReproduction reproduction, bool paperData = true) =>
        VerdictTables.Summary([reproduction]).ToHtml() + (paperData
            ? VerdictTables.Detail(reproduction).ToHtml()
            : $"<p>These data are not the paper's: the {reproduction.Verdicts.Count} numbers the paper prints in its {WebUtility.HtmlEncode(reproduction.Spec.Heading)} belong to the paper's data, " +
              "so this run's fit is expected to differ from them; the counts above say by how much, and the number-by-number notes, which judge the paper's figures, are left out.</p>");

    /// <summary>The internal-consistency checks of the paper's printed numbers, said to be the paper's.</summary>
    public static string ConsistencyHtml(MarketReproduction reproduction) =>
        $"<p>The paper's printed values of its {WebUtility.HtmlEncode(reproduction.Spec.Heading)}, checked against each other (not this run's fit):</p>" +
        VerdictTables.ConsistencyDetail(reproduction).ToHtml();

    /// <summary>
    /// The findings about the paper that concern Table <paramref name="publishedTable"/> (its id appears in the
    /// finding's id, or the finding is about all tables), as HTML. They are about the paper, so they rest on the paper's
    /// data (the bundled Table 1) whatever data the notebook ran on, and say so.
    /// </summary>
    /// <param name="paperText">The paper's transcription (<c>seeds/paper.md</c>).</param>
    /// <param name="publishedTable">2, 3 or 4.</param>
    public static string FindingsHtml(string paperText, int publishedTable)
    {
        var reproductions = MarketReproduction.All(Data.Table1.LoadBundled());
        var tableId = reproductions.Single(r => r.Series.Spec.PublishedTable == publishedTable.ToString(System.Globalization.CultureInfo.InvariantCulture)).TableId;
        var findings = DocumentFindings.All(paperText, reproductions)
            .Where(f => f.Id.Contains(tableId, StringComparison.Ordinal)
                        || (publishedTable == 4 && f.Id == "table4-claim")
                        || f.Id is "mistranslated-labels" or "conclusion-contradiction");
        var sb = new StringBuilder("<p><i>About the paper: these findings concern its text and printed tables, with figures computed from the paper's own Table 1 (the bundled data), not from the data this notebook ran on.</i></p>");
        foreach (var f in findings)
            sb.Append("<h4>").Append(WebUtility.HtmlEncode(f.Title)).Append("</h4>")
              .Append("<p><b>Evidence.</b> ").Append(WebUtility.HtmlEncode(f.Evidence)).Append("</p>")
              .Append("<p><b>Assessment.</b> ").Append(WebUtility.HtmlEncode(f.Assessment)).Append("</p>");
        return sb.ToString();
    }

    /// <summary>The table's printed title, as a sentence that says it is the paper's (Markdown, wrapped by every front end).</summary>
    public static Prose PrintedTitleSentence(string paperText, int publishedTable) =>
        Prose.Text($"The paper prints Table {publishedTable} under the title: \"{DocumentFindings.TableTitle(paperText, publishedTable.ToString(System.Globalization.CultureInfo.InvariantCulture))}\"");
}
