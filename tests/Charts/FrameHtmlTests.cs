using Microsoft.Data.Analysis;
using NotebookAnalysis.Report.Reporting;
using NotebookAnalysis.Teaching;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Charts;

/// <summary>How notebooks show tables and lists: readable digits, invariant culture, each thing once.</summary>
public sealed class FrameHtmlTests
{
    [Fact]
    public void Doubles_show_six_significant_digits_in_the_invariant_culture_even_under_ru_RU()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("term", ["slope", "tiny", "none"]),
            new DoubleDataFrameColumn("value", [0.0065787321729413, 8.326672684688674E-17, null]),
            new Int32DataFrameColumn("n", [10, 10, 10]));
        var html = CultureScope.Run("ru-RU", () => FrameHtml.Html(frame));
        Assert.Contains(">0.00657873<", html);
        Assert.Contains(">8.32667E-17<", html);
        // Text columns left-aligned under left-aligned headers, numbers right-aligned under right-aligned ones.
        Assert.Contains("<th style=\"text-align:left\">term</th><th style=\"text-align:right\">value</th><th style=\"text-align:right\">n</th>", html);
        Assert.Contains("<td style=\"text-align:left\">slope</td>", html);
        // A table wider than the output area scrolls as a whole, headers with it.
        Assert.StartsWith("<div class=\"na-grid\" style=\"overflow-x:auto;max-width:100%\">", html);
        Assert.DoesNotContain("0.0065787321729413", html);
        Assert.DoesNotContain(",", html.Replace("</td>", "").Replace("<td", ""));
        Assert.DoesNotContain("id=", html); // no per-run element ids
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(html, "<tr><td").Count);
    }

    [Fact]
    public void Cells_are_html_encoded()
    {
        var html = FrameHtml.Html(new DataFrame(new StringDataFrameColumn("a<b", ["x & <y>"])));
        Assert.Contains("<th style=\"text-align:left\">a&lt;b</th>", html);
        Assert.Contains("x &amp; &lt;y&gt;", html);
    }

    [Fact]
    public void An_anonymous_object_becomes_one_name_value_table()
    {
        var frame = FrameHtml.Properties(new { Replicates = 10000, Tolerance = 1e-9, Name = "pairs", Missing = (double?)null });
        Assert.Equal(["Replicates", "Tolerance", "Name", "Missing"], frame.Columns["name"].Cast<string>().ToArray());
        Assert.Equal(["10000", "1E-09", "pairs", ""], frame.Columns["value"].Cast<string>().ToArray());
    }

    [Fact]
    public void A_sequence_of_records_becomes_typed_columns()
    {
        var frame = FrameHtml.Rows(new[] { new { table = "T2", p = 1.5e-5, n = 10 }, new { table = "T3", p = 0.0047619047619, n = 10 } });
        Assert.IsType<StringDataFrameColumn>(frame.Columns["table"]);
        Assert.IsType<DoubleDataFrameColumn>(frame.Columns["p"]);
        Assert.IsType<Int32DataFrameColumn>(frame.Columns["n"]);
        Assert.Contains(">0.0047619<", FrameHtml.Html(frame));
    }

    [Fact]
    public void A_list_of_messages_reads_as_a_bulleted_list()
    {
        var html = HtmlFragment.List(["first <bad>", "second\nline"]).Html;
        Assert.Equal("<ul><li>first &lt;bad&gt;</li><li>second<br>line</li></ul>", html);
    }
}
