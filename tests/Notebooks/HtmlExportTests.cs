using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookAnalysis.Data;
using NotebookAnalysis.NotebookRunner;

namespace NotebookAnalysis.Tests.Notebooks;

/// <summary>The reviewer's static view (<c>run-notebooks --html DIR</c>): self-contained, no network, C# highlighted.</summary>
public sealed partial class HtmlExportTests
{
    public static TheoryData<string> Notebooks() => RunnerHarness.Notebooks();

    /// <summary>Every http(s) or protocol-relative resource an HTML page would load, and any CDN host; empty when none.</summary>
    internal static List<string> NetworkResources(string html)
    {
        var found = ResourceRegex().Matches(html).Select(m => m.Value).ToList();
        found.AddRange(CdnRegex().Matches(html).Select(m => m.Value));
        foreach (Match script in Regex.Matches(html, "<script\\b[\\s\\S]*?</script>", RegexOptions.IgnoreCase))
            found.AddRange(Regex.Matches(script.Value, "https?://[^\\s\"'`)]+").Select(m => "in a script: " + m.Value));
        return found;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Exported_html_of_each_notebook_loads_nothing_from_the_network_and_embeds_every_image(string notebook)
    {
        var file = NotebookFile.Load(Path.Combine(ProjectPaths.Root, "notebooks", notebook));
        var html = HtmlExport.Render(file);
        Assert.Empty(NetworkResources(html));
        int images = file.Cells.SelectMany(c => c.Outputs ?? []).Count(o => o?["data"]?["image/png"] is not null);
        Assert.Equal(images, Regex.Matches(html, "<img alt=\"figure\" src=\"data:image/png;base64,").Count);
        if (file.Cells.Any(c => c.CellType == "code")) Assert.Contains("<span class=\"k\">var</span>", html);
        Assert.Matches("<h[1-3][ >]", html); // markdown rendered
    }

    [Fact]
    public void A_chart_bundle_shows_its_png_a_cdn_chart_becomes_a_note_and_markdown_images_are_embedded()
    {
        var folder = Path.Combine(Path.GetTempPath(), "nb-html-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
            File.WriteAllBytes(Path.Combine(folder, "dot.png"), png);
            var bundle = new JsonObject
            {
                ["data"] = new JsonObject
                {
                    ["application/vnd.plotly.v1+json"] = new JsonObject { ["data"] = new JsonArray(), ["layout"] = new JsonObject() },
                    ["image/png"] = Convert.ToBase64String(png),
                    ["text/plain"] = "chart",
                },
                ["metadata"] = new JsonObject(),
                ["output_type"] = "display_data",
            };
            var cdn = new JsonObject
            {
                ["data"] = new JsonObject { ["text/html"] = "<div id=\"c\"></div><script src=\"https://cdn.plot.ly/plotly-1.58.5.min.js\"></script>" },
                ["metadata"] = new JsonObject(),
                ["output_type"] = "display_data",
            };
            var root = new JsonObject
            {
                ["cells"] = new JsonArray(
                    new JsonObject { ["cell_type"] = "markdown", ["id"] = "m1", ["metadata"] = new JsonObject(), ["source"] = "# Title\n\n![a dot](dot.png) and [the data](01-data.ipynb)" },
                    new JsonObject
                    {
                        ["cell_type"] = "code", ["execution_count"] = 1, ["id"] = "c1", ["metadata"] = NotebookMetadata.Cell("code", null),
                        ["outputs"] = new JsonArray(bundle, cdn, new JsonObject { ["name"] = "stderr", ["output_type"] = "stream", ["text"] = "a <warning>" }),
                        ["source"] = "var s = \"text\"; // note\n#r \"nuget: X, 1\"",
                    }),
                ["metadata"] = NotebookMetadata.Document(),
                ["nbformat"] = 4,
                ["nbformat_minor"] = 5,
            };
            var html = HtmlExport.Render(NotebookFile.Parse(Encoding.UTF8.GetBytes(root.ToJsonString()), Path.Combine(folder, "t.ipynb")));

            Assert.Empty(NetworkResources(html));
            Assert.Contains("<h1", html);
            Assert.Equal(2, Regex.Matches(html, "src=\"data:image/png;base64,").Count); // the bundle's PNG and the markdown image
            Assert.Contains("href=\"01-data.html\"", html);
            Assert.Contains("[An interactive view was left out here", html);
            Assert.Contains("a &lt;warning&gt;", html);
            Assert.Contains("<span class=\"k\">var</span> s = <span class=\"s\">&quot;text&quot;</span>; <span class=\"c\">// note</span>", html);
            Assert.Contains("<span class=\"p\">#r</span>", html);
            // The check itself catches what it must.
            Assert.NotEmpty(NetworkResources("<img src=\"https://example.org/x.png\">"));
            Assert.NotEmpty(NetworkResources("<script>require.config({paths: {plotly: 'https://cdn.plot.ly/plotly-1.58.5.min'}})</script>"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex("""<(?!a\b)[a-z][a-z0-9]*\b[^>]*\b(?:src|href|data|poster|srcset)\s*=\s*["']?\s*(?:https?:)?//[^"'\s>]*|url\(\s*["']?\s*(?:https?:)?//[^)]*|@import[^;]*""", RegexOptions.IgnoreCase)]
    private static partial Regex ResourceRegex();

    [GeneratedRegex(@"\bcdn\.[a-z0-9.-]+", RegexOptions.IgnoreCase)]
    private static partial Regex CdnRegex();
}
