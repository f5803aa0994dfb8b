using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookAnalysis.Data;
using NotebookAnalysis.Teaching;

namespace NotebookAnalysis.Tests.Notebooks;

/// <summary>
/// What a reader of the committed notebooks gets: 02-04 generated from one source, each chart one output with the
/// plotly figure and the PNG, and no output that loads anything from the network or shows a machine path.
/// </summary>
public sealed partial class NotebookPresentationTests
{
    public static TheoryData<string> Notebooks() => RunnerHarness.Notebooks();

    private static string PathOf(string notebook) => Path.Combine(ProjectPaths.Root, "notebooks", notebook);

    [Fact]
    public void Notebooks_02_to_04_equal_the_ones_generated_from_the_template()
    {
        var generated = TableNotebooks.Generate(ProjectPaths.Root);
        Assert.Equal(["02-table2-goods-markets.ipynb", "03-table3-financial-markets.ipynb", "04-table4-innovation-markets.ipynb"],
            generated.Select(g => Path.GetFileName(g.Path)).ToArray());
        foreach (var (path, text) in generated)
        {
            var committed = TableNotebooks.Sources(File.ReadAllText(path));
            var expected = TableNotebooks.Sources(text);
            Assert.True(committed.SequenceEqual(expected),
                $"{Path.GetFileName(path)} differs from the template: run 'dotnet run scripts/make-table-notebooks.cs'. First difference: " +
                committed.Zip(expected).FirstOrDefault(p => p.First != p.Second));
        }
    }

    [Fact]
    public void The_generator_fills_every_placeholder_and_refuses_a_missing_part()
    {
        var template = File.ReadAllText(Path.Combine(ProjectPaths.Root, TableNotebooks.TemplateFolder, TableNotebooks.TemplateName));
        var parts = File.ReadAllText(Path.Combine(ProjectPaths.Root, TableNotebooks.TemplateFolder, "03-table3-financial-markets.md"));
        var text = TableNotebooks.Render(template, "03-table3-financial-markets", parts, existing: null);
        Assert.DoesNotContain("{{", text);
        Assert.Contains("DataNote.PrintedTableSeries(table1, 3)", text);
        Assert.Contains("TableStory.FindingsHtml(paper, 3)", text);
        Assert.DoesNotContain("PrintedTableSeries(table1, 2)", text);
        Assert.All(TableNotebooks.Sources(text), c => Assert.StartsWith("c03-", c.Id));
        var withoutTitle = Regex.Replace(parts, "<!-- part: title -->", "<!-- part: other -->");
        var e = Assert.Throws<FormatException>(() => TableNotebooks.Render(template, "03-x", withoutTitle, null, "parts.md"));
        Assert.Contains("title", e.Message);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Each_chart_is_one_output_with_the_plotly_figure_and_the_png(string notebook)
    {
        var root = JsonNode.Parse(File.ReadAllText(PathOf(notebook)))!;
        foreach (var output in Outputs(root))
        {
            var data = output["data"]?.AsObject();
            if (data is null) continue;
            bool plotly = data.ContainsKey("application/vnd.plotly.v1+json"), png = data.ContainsKey("image/png");
            Assert.True(plotly == png, $"{notebook}: an output has {(plotly ? "a plotly figure without a PNG" : "a PNG without a plotly figure")}.");
            Assert.False(data.ContainsKey("text/html") && plotly, $"{notebook}: a chart output also carries HTML.");
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void No_output_loads_from_the_network_or_shows_a_machine_path_or_a_warning(string notebook)
    {
        var root = JsonNode.Parse(File.ReadAllText(PathOf(notebook)))!;
        foreach (var output in Outputs(root))
        {
            var text = output.ToJsonString();
            if (output["data"]?["image/png"] is not null) text = text.Replace(output["data"]!["image/png"]!.ToJsonString(), "\"\"");
            Assert.DoesNotMatch(Forbidden(), text);
        }
    }

    /// <summary>
    /// The characters of a text line that a stock VS Code shows without scrolling sideways: its output area is 1,032 px
    /// at 1440×900 with the Explorer open, about 122 characters of its monospace font (measured with
    /// <c>../shared/tools/vscode/check</c>). Sentences go out as Markdown (<see cref="Prose"/>), which every front end wraps.
    /// </summary>
    public const int MaxTextLine = 120;

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void No_text_output_has_a_line_wider_than_the_output_area(string notebook)
    {
        var root = JsonNode.Parse(File.ReadAllText(PathOf(notebook)))!;
        foreach (var output in Outputs(root))
        {
            var text = (string?)output["output_type"] == "stream" ? Joined(output["text"]) : Joined(output["data"]?["text/plain"]);
            if (output["data"]?.AsObject() is { Count: > 1 }) continue; // a rich output: text/plain is only its fallback
            var longest = text.Split('\n').MaxBy(l => l.Length) ?? "";
            Assert.True(longest.Length <= MaxTextLine, $"{notebook}: a text output has a line of {longest.Length} characters (at most {MaxTextLine}): {longest[..Math.Min(80, longest.Length)]}…");
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void No_html_table_is_wider_than_the_output_area_once_wrapped(string notebook)
    {
        var root = JsonNode.Parse(File.ReadAllText(PathOf(notebook)))!;
        foreach (var html in Outputs(root).Select(o => Joined(o["data"]?["text/html"])).Where(h => h.Contains("<table", StringComparison.Ordinal)))
            foreach (Match table in TableRegex().Matches(html))
            {
                var rows = RowRegex().Matches(table.Value).Select(r => CellRegex().Matches(r.Value)
                    .Select(c => System.Net.WebUtility.HtmlDecode(TagRegex().Replace(c.Groups[1].Value.Replace("<wbr>", " ", StringComparison.Ordinal), ""))).ToArray()).ToList();
                double width = NotebookAnalysis.Report.Reporting.Grid.HtmlWidth(rows, wrapped: true);
                Assert.True(width <= NotebookAnalysis.Report.Reporting.Grid.HtmlAreaWidth,
                    $"{notebook}: a table needs about {width:0} px even wrapped (the area is {NotebookAnalysis.Report.Reporting.Grid.HtmlAreaWidth} px); header: {string.Join(" | ", rows.FirstOrDefault() ?? [])}");
            }
    }

    private static string Joined(JsonNode? node) => node switch
    {
        null => "",
        JsonArray a => string.Concat(a.Select(x => (string?)x)),
        _ => (string?)node ?? "",
    };

    [GeneratedRegex(@"<table.*?</table>", RegexOptions.Singleline)]
    private static partial Regex TableRegex();

    [GeneratedRegex(@"<tr.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowRegex();

    [GeneratedRegex(@"<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex CellRegex();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex TagRegex();

    /// <summary>A script source or URL, a CDN, an IP address, a home/NuGet path, a compiler warning or the kernel's extension message.</summary>
    [GeneratedRegex(@"https?:|<script|cdn\.|\b\d{1,3}(\.\d{1,3}){3}\b|/root/|/home/|\.nuget|[A-Z]:\\\\Users|warning CS\d+|Loading extensions", RegexOptions.IgnoreCase)]
    private static partial Regex Forbidden();

    private static IEnumerable<JsonNode> Outputs(JsonNode root) =>
        root["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? []).Select(o => o!);
}
