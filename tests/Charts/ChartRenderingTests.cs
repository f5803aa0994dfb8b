using NotebookAnalysis.Rendering;
using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using NotebookAnalysis.Charts;

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
        var invariantSvg = UnderCulture("", () => StaticRenderer.ToSvg(spec));
        var russianSvg = UnderCulture("ru-RU", () => StaticRenderer.ToSvg(spec));
        var invariantHtml = UnderCulture("", () => PlotlyRenderer.Html(spec));
        var russianHtml = UnderCulture("ru-RU", () => PlotlyRenderer.Html(spec));
        Assert.Equal(invariantPng, russianPng);
        // Skia numbers SVG clip paths with a process-wide counter; everything else must match.
        static string Unnumbered(string svg) => Regex.Replace(svg, "cl_[0-9a-z]+", "cl_#");
        Assert.Equal(Unnumbered(invariantSvg), Unnumbered(russianSvg));
        Assert.Equal(invariantHtml, russianHtml);
        Assert.Contains("3.25", russianHtml);
    }

    [Fact]
    public void Plotly_html_has_a_deterministic_id_and_one_trace_per_series()
    {
        var html = PlotlyRenderer.Html(Sample());
        Assert.Contains("<div id=\"plotly-test-chart\"", html);
        Assert.Contains("Plotly.newPlot('plotly-test-chart'", html);
        Assert.DoesNotMatch(new Regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), html);
        Assert.Equal(3, Regex.Matches(html, "\"type\":\"scatter\"").Count);
        // The band is drawn as upper edge then lower edge reversed, closed and filled.
        Assert.Contains("\"x\":[1.0,2.0,3.0,3.0,2.0,1.0]", html);
        Assert.Contains("\"y\":[1.5,2.5,3.5,2.5,1.5,0.5]", html);
        Assert.Equal(html, PlotlyRenderer.Html(Sample()));
    }

    [Fact]
    public void Svg_contains_the_labels()
    {
        var svg = StaticRenderer.ToSvg(Sample());
        Assert.Contains("<svg", svg);
        Assert.Contains("Title", svg);
        Assert.Contains("points", svg);
    }

    [Fact]
    public void Figure_save_writes_the_png_it_shows()
    {
        var folder = Path.Combine(Path.GetTempPath(), "charts-" + Guid.NewGuid().ToString("N"));
        try
        {
            var figure = Figure.Save(Sample(), folder);
            var path = Path.Combine(folder, "test-chart.png");
            Assert.Equal(path, figure.Image.Path);
            Assert.Equal(File.ReadAllBytes(path), figure.Image.Bytes);
            Assert.Equal(StaticRenderer.ToPng(Sample()), figure.Image.Bytes);
            Assert.Equal(Convert.ToBase64String(figure.Image.Bytes), figure.Image.Base64);
            Assert.Equal("plotly-test-chart", figure.Interactive.Id);
            Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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
        Assert.Contains("2 x values but 1 y values", Assert.Throws<ArgumentException>(() => PlotlyRenderer.ToPlotly(ragged)).Message);
        var band = new ChartSpec("c", "t", "x", "y", [ChartSeries.Band("b", [2.0, 1.0], [0.0, 0.0], [1.0, 1.0])]);
        Assert.Contains("ascend", Assert.Throws<ArgumentException>(() => band.Validate()).Message);
    }
}
