using NotebookAnalysis.Rendering;
using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using NotebookAnalysis.Charts;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Charts;

/// <summary>One chart description, two renderers: deterministic, culture-invariant, validated.</summary>
public sealed class ChartRenderingTests
{
    private static ChartSpec Sample() => new("test-chart", "Title", "Year", "Score",
    [
        ChartSeries.Band("band", [1.0, 2.0, 3.0], [0.5, 1.5, 2.5], [1.5, 2.5, 3.5]),
        ChartSeries.Line("line", [1.0, 2.0, 3.0], [1.0, 2.0, 3.0]) with { Markers = true },
        ChartSeries.Points("points", [1.0, 2.0, 3.0], [1.1, 1.9, 3.25]),
    ]);

    private static T UnderCulture<T>(string culture, Func<T> action)
    {
        var (c, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture.Length == 0 ? CultureInfo.InvariantCulture : new CultureInfo(culture);
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (c, ui);
        }
    }

    [Fact]
    public void Png_is_a_png_of_the_requested_size_and_identical_on_every_render()
    {
        var spec = Sample() with { Width = 640, Height = 400 };
        var a = StaticRenderer.ToPng(spec);
        var b = StaticRenderer.ToPng(spec);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, a[..8]);
        Assert.Equal(640, BinaryPrimitives.ReadInt32BigEndian(a.AsSpan(16, 4))); // IHDR width
        Assert.Equal(400, BinaryPrimitives.ReadInt32BigEndian(a.AsSpan(20, 4))); // IHDR height
        Assert.Equal(a, b);
    }

    [Fact]
    public void Static_and_interactive_outputs_do_not_depend_on_the_culture()
    {
        var spec = Sample();
        var invariantPng = UnderCulture("", () => StaticRenderer.ToPng(spec));
        var russianPng = UnderCulture("ru-RU", () => StaticRenderer.ToPng(spec));
        var invariantHtml = UnderCulture("", () => PlotlyRenderer.ToPlotlyJson(spec));
        var russianHtml = UnderCulture("ru-RU", () => PlotlyRenderer.ToPlotlyJson(spec));
        Assert.Equal(invariantPng, russianPng);
        Assert.Equal(invariantHtml, russianHtml);
        Assert.Contains("3.25", russianHtml);
    }

    [Fact]
    public void Plotly_json_is_a_figure_with_one_trace_per_series_and_nothing_to_fetch()
    {
        var json = PlotlyRenderer.ToPlotlyJson(Sample());
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(["data", "layout"], root.EnumerateObject().Select(p => p.Name).ToArray());
        var data = root.GetProperty("data");
        Assert.Equal(3, data.GetArrayLength());
        Assert.All(data.EnumerateArray(), t => Assert.Equal("scatter", t.GetProperty("type").GetString()));
        Assert.Equal(["band", "line", "points"], data.EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToArray());
        // The band is drawn as upper edge then lower edge reversed, closed and filled.
        Assert.Equal([1.0, 2.0, 3.0, 3.0, 2.0, 1.0], data[0].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).ToArray());
        Assert.Equal([1.5, 2.5, 3.5, 2.5, 1.5, 0.5], data[0].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToArray());
        Assert.Equal("toself", data[0].GetProperty("fill").GetString());
        Assert.Equal("lines+markers", data[1].GetProperty("mode").GetString());
        Assert.Equal(3.25, data[2].GetProperty("y")[2].GetDouble());
        var layout = root.GetProperty("layout");
        Assert.Equal("Title", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("Year", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(ChartSpec.OutputAreaWidth, layout.GetProperty("width").GetInt32());
        // The data area is the one the legend rule assumed, in both renderers.
        Assert.Equal(LegendLayout.Margins.Left, layout.GetProperty("margin").GetProperty("l").GetInt32());
        Assert.Equal(LegendLayout.Margins.Top, layout.GetProperty("margin").GetProperty("t").GetInt32());
        // No script, no URL: the front end draws it with its own plotly.js.
        Assert.DoesNotContain("<script", json);
        Assert.DoesNotContain("http", json);
        Assert.Equal(json, PlotlyRenderer.ToPlotlyJson(Sample()));
    }

    [Fact]
    public void Serialisation_rewrites_the_forms_plotly_js_3_dropped_and_refuses_non_finite_numbers()
    {
        var layout = new XPlot.Plotly.Layout.Layout
        {
            title = "Chart", titlefont = new XPlot.Plotly.Font { size = 14 },
            xaxis = new XPlot.Plotly.Xaxis { title = "x", titlefont = new XPlot.Plotly.Font { color = "#333333" } },
        };
        var json = PlotlyRenderer.Serialize([new XPlot.Plotly.Scatter { x = new[] { 1.0 }, y = new[] { 2.5 } }], layout);
        var root = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("layout");
        Assert.Equal("Chart", root.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(14, root.GetProperty("title").GetProperty("font").GetProperty("size").GetInt32());
        Assert.Equal("#333333", root.GetProperty("xaxis").GetProperty("title").GetProperty("font").GetProperty("color").GetString());
        Assert.DoesNotContain("titlefont", json);
        Assert.Contains("\"x\":[1]", json);
        Assert.Throws<ArgumentException>(() => PlotlyRenderer.Serialize([new XPlot.Plotly.Scatter { x = new[] { double.NaN } }], new XPlot.Plotly.Layout.Layout()));
    }

    [Fact]
    public void Only_the_Jupyter_kernel_gets_the_png_alone()
    {
        Assert.True(Figure.InJupyterKernel(["/root/.dotnet/tools/.store/x/Microsoft.DotNet.Interactive.App.dll", "jupyter", "--default-kernel", "csharp", "c.json"]));
        Assert.False(Figure.InJupyterKernel(["/root/.dotnet/tools/.store/x/Microsoft.DotNet.Interactive.App.dll", "stdio", "--default-kernel", "csharp"]));
        Assert.False(Figure.InJupyterKernel(["/repo/lib/bin/Release/net10.0/NotebookRunner.dll", "--worker"]));
        Assert.Equal(["image/png"], Figure.ForHost(jupyterKernel: true));
        Assert.Equal([PlotlyRenderer.MimeType, "image/png"], Figure.ForHost(jupyterKernel: false));
        // The test host is no Jupyter kernel: both views.
        Assert.Equal(Figure.ForHost(jupyterKernel: false), Figure.MimeTypes);
    }

    [Fact]
    public void Both_renderers_place_the_legend_where_the_rule_says()
    {
        var layout = LegendLayout.For(Sample());
        var legend = System.Text.Json.JsonDocument.Parse(PlotlyRenderer.ToPlotlyJson(Sample())).RootElement.GetProperty("layout").GetProperty("legend");
        bool left = layout.Corner is LegendCorner.UpperLeft or LegendCorner.LowerLeft;
        bool top = layout.Corner is LegendCorner.UpperLeft or LegendCorner.UpperRight;
        Assert.Equal(left ? "left" : "right", legend.GetProperty("xanchor").GetString());
        Assert.Equal(top ? "top" : "bottom", legend.GetProperty("yanchor").GetString());
        var range = System.Text.Json.JsonDocument.Parse(PlotlyRenderer.ToPlotlyJson(Sample())).RootElement.GetProperty("layout").GetProperty("yaxis").GetProperty("range");
        Assert.Equal(layout.YMax, range[1].GetDouble());
    }

    [Fact]
    public void Figure_save_writes_the_png_it_shows()
    {
        using var tmp = new TempDir();
        var folder = Path.Combine(tmp.Path, "figures");
        var figure = Figure.Save(Sample(), folder);
        var path = Path.Combine(folder, "test-chart.png");
        Assert.Equal(path, figure.PngPath);
        Assert.Equal(File.ReadAllBytes(path), figure.Png);
        Assert.Equal(StaticRenderer.ToPng(Sample()), figure.Png);
        Assert.Equal("test-chart", figure.Name);
        Assert.Equal(PlotlyRenderer.ToPlotlyJson(Sample()), figure.PlotlyJson);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp*"));
    }

    [Theory]
    [InlineData("Bad Name")]
    [InlineData("")]
    [InlineData("UPPER")]
    public void Names_that_cannot_be_file_names_and_ids_are_refused(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => (Sample() with { Name = name }).Validate());
        Assert.Contains("lower-case", e.Message);
    }

    [Fact]
    public void Non_finite_or_mismatched_data_is_refused_with_the_series_named()
    {
        var nan = new ChartSpec("c", "t", "x", "y", [ChartSeries.Points("pts", [1.0, 2.0], [1.0, double.NaN])]);
        Assert.Contains("series 'pts'", Assert.Throws<ArgumentException>(() => StaticRenderer.ToPng(nan)).Message);
        var ragged = new ChartSpec("c", "t", "x", "y", [ChartSeries.Line("ln", [1.0, 2.0], [1.0])]);
        Assert.Contains("2 x values but 1 y values", Assert.Throws<ArgumentException>(() => PlotlyRenderer.ToPlotlyJson(ragged)).Message);
        var band = new ChartSpec("c", "t", "x", "y", [ChartSeries.Band("b", [2.0, 1.0], [0.0, 0.0], [1.0, 1.0])]);
        Assert.Contains("ascend", Assert.Throws<ArgumentException>(() => band.Validate()).Message);
    }
}
