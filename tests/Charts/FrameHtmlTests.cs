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
    public void A_frame_wider_than_the_output_area_with_few_rows_is_stacked_and_names_can_wrap_after_underscores()
    {
        string[] names = ["smallest_attainable_p", "permutation_p", "monte_carlo_p", "monte_carlo_se", "t_test_p", "at_least_as_extreme", "percentile_lower", "percentile_upper", "acceleration"];
        var frame = new DataFrame([
            new StringDataFrameColumn("table", ["T2_goods", "T2_goods", "T4_innovation"]),
            new StringDataFrameColumn("scheme", ["pairs", "residual", "pairs"]),
            .. names.Select(n => new DoubleDataFrameColumn(n, [1.32275E-05, -0.00886192, 0.303333])),
        ]);
        var wide = new[] { frame.Columns.Select(c => c.Name).ToArray() };
        Assert.True(Grid.HtmlWidth(wide, wrapped: false) > Grid.HtmlAreaWidth);
        var html = FrameHtml.Html(frame);
        // One column per row, headed by its label (the first text cells that tell the rows apart); one row per column.
        Assert.Contains(">table, scheme</th>", html);
        Assert.Contains(">T2_<wbr>goods pairs</th>", html);
        Assert.Contains(">T2_<wbr>goods residual</th>", html);
        Assert.Contains(">smallest_<wbr>attainable_<wbr>p</td>", html);
        Assert.Equal(names.Length, System.Text.RegularExpressions.Regex.Matches(html, "<tr><td").Count);

        // A frame that fits, or one with as many rows as columns, keeps its shape.
        var narrow = new DataFrame(new StringDataFrameColumn("goods_market_efficiency", ["a"]), new DoubleDataFrameColumn("x", [1.0]));
        Assert.Contains(">goods_<wbr>market_<wbr>efficiency</th>", FrameHtml.Html(narrow));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(FrameHtml.Html(narrow), "<tr><td"));
    }

    [Fact]
    public void Html_width_estimate_matches_what_VS_Code_measured()
    {
        // notebooks/07's rounding table (3 rows, 13 columns of snake_case names and numbers) measured 1,796 px unwrapped.
        string[] header = ["table", "printed_slope", "slope_q025", "slope_q975", "slope_min_over_box", "slope_max_over_box", "printed_r_squared",
            "r_squared_median", "r_squared_q025", "r_squared_q975", "printed_p", "p_median", "share_significant_5pct"];
        string[] row = ["T3_financial", "0.00632911", "0.00374974", "0.00885182", "0", "0.0126582", "0.791139", "0.62119", "0.347857", "0.864258", "0.000570493", "0.00676312", "0.9426"];
        Assert.InRange(Grid.HtmlWidth([header, row], wrapped: false), 1796 * 0.95, 1796 * 1.05);
        Assert.True(Grid.HtmlWidth([header, row], wrapped: true) < Grid.HtmlWidth([header, row], wrapped: false));
    }

    [Fact]
    public void Prose_escapes_plain_text_for_Markdown_and_keeps_its_lines_apart()
    {
        var prose = Prose.Text("slope_x * 2 (|b| < 1E-09)\n- not a list");
        Assert.Equal("slope\\_x \\* 2 (\\|b\\| \\< 1E-09)\n\n\\- not a list", prose.Markdown);
        Assert.Equal("2019\\. was a year; # not a heading", Prose.Text("2019. was a year; # not a heading").Markdown);
        Assert.Equal("- a\\_b\n- c d", Prose.List(["a_b", "c\nd"]).Markdown);
        Assert.Equal("text/markdown", Prose.MimeType);
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
