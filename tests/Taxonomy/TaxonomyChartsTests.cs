using NotebookAnalysis.Teaching;
using NotebookAnalysis.Rendering;
using System.Globalization;
using NotebookAnalysis.Charts;
using NotebookAnalysis.Taxonomy;

namespace NotebookAnalysis.Tests.Taxonomy;

/// <summary>The taxonomy charts: both views drawn, the PNG saved atomically and identically on every run.</summary>
public sealed class TaxonomyChartsTests(TaxonomyFixture fx) : IClassFixture<TaxonomyFixture>
{
    private static string TempFolder() => Path.Combine(Path.GetTempPath(), "taxonomy-charts-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Heatmaps_and_bars_are_saved_as_png_with_deterministic_ids()
    {
        var folder = TempFolder();
        try
        {
            var figures = new[]
            {
                TaxonomyCharts.CrossTabHeatmap(fx.Taxonomy, CrossTabLevel.Country, folder),
                TaxonomyCharts.CrossTabHeatmap(fx.Taxonomy, CrossTabLevel.Region, folder),
                TaxonomyCharts.PracticesByCountry(fx.Taxonomy, folder),
            };
            foreach (var f in figures)
            {
                var path = Path.Combine(folder, f.Name + ".png");
                Assert.True(File.Exists(path));
                Assert.Equal(File.ReadAllBytes(path), f.Image.Bytes);
                Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], f.Image.Bytes[..4]);
                Assert.Contains($"id=\"plotly-{f.Name}\"", PlotlyRenderer.Html(f.Interactive));
            }
            Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_heatmap_carries_the_cross_tab_counts()
    {
        var folder = TempFolder();
        try
        {
            var html = PlotlyRenderer.Html(TaxonomyCharts.CrossTabHeatmap(fx.Taxonomy, CrossTabLevel.Country, folder).Interactive);
            var tab = fx.Taxonomy.CrossTab();
            // Plotly lists rows bottom-up: mental first. Rebuild that row of z from the frame.
            var columns = tab.Columns.Where(c => c.Name is not "institution" and not "practices").ToList();
            var mental = "[" + string.Join(",", columns.Select(c => ((int)c[3]!).ToString(CultureInfo.InvariantCulture))) + "]";
            Assert.Contains("\"z\":[" + mental, html);
            Assert.Contains("\"x\":[" + string.Join(",", columns.Select(c => $"\"{c.Name}\"")) + "]", html);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void World_map_uses_alpha3_codes_and_leaves_out_the_EU()
    {
        var html = PlotlyRenderer.Html(TaxonomyCharts.WorldMap(fx.Taxonomy));
        foreach (var c in fx.Taxonomy.PracticesByCountry())
            if (c.Alpha3 is null) Assert.Equal("EU", c.Alpha2);
            else Assert.Contains($"\"{c.Alpha3}\"", html);
        Assert.Contains("\"locationmode\":\"ISO-3\"", html);
        Assert.Contains("id=\"plotly-tx-world-map\"", html);
    }

    [Fact]
    public void Charts_are_identical_on_a_second_run_and_under_ru_RU()
    {
        var a = TempFolder();
        var b = TempFolder();
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            var first = TaxonomyCharts.PracticesByCountry(fx.Taxonomy, a);
            var firstHeat = TaxonomyCharts.CrossTabHeatmap(fx.Taxonomy, CrossTabLevel.Country, a);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ru-RU");
            var second = TaxonomyCharts.PracticesByCountry(fx.Taxonomy, b);
            var secondHeat = TaxonomyCharts.CrossTabHeatmap(fx.Taxonomy, CrossTabLevel.Country, b);
            Assert.Equal(first.Image.Bytes, second.Image.Bytes);
            Assert.Equal(firstHeat.Image.Bytes, secondHeat.Image.Bytes);
            Assert.Equal(PlotlyRenderer.Html(first.Interactive), PlotlyRenderer.Html(second.Interactive));
            Assert.Equal(PlotlyRenderer.Html(firstHeat.Interactive), PlotlyRenderer.Html(secondHeat.Interactive));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
            Directory.Delete(a, recursive: true);
            Directory.Delete(b, recursive: true);
        }
    }
}
