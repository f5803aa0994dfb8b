using NotebookAnalysis.Teaching;
using NotebookAnalysis.Rendering;
using System.Globalization;
using NotebookAnalysis.Charts;
using NotebookAnalysis.Taxonomy;

namespace NotebookAnalysis.Tests.Taxonomy;

/// <summary>The taxonomy charts: both views drawn, the PNG saved atomically and identically on every run.</summary>
public sealed class TaxonomyChartsTests(TaxonomyFixture fx) : IClassFixture<TaxonomyFixture>
{
    // A figures folder inside a fresh temporary folder: the commit's lock file sits beside it and goes with the parent.
    private static string TempFolder() => Path.Combine(Path.GetTempPath(), "taxonomy-charts-" + Guid.NewGuid().ToString("N"), "figures");

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
                Assert.Equal(File.ReadAllBytes(path), f.Png);
                Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], f.Png[..4]);
                Assert.Equal("data", System.Text.Json.JsonDocument.Parse(f.PlotlyJson).RootElement.EnumerateObject().First().Name);
            }
            Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    [Fact]
    public void The_heatmap_carries_the_cross_tab_counts()
    {
        var folder = TempFolder();
        try
        {
            var html = TaxonomyCharts.CrossTabHeatmap(fx.Taxonomy, CrossTabLevel.Country, folder).PlotlyJson;
            var tab = fx.Taxonomy.CrossTab();
            // Plotly lists rows bottom-up: mental first. Rebuild that row of z from the frame.
            var columns = tab.Columns.Where(c => c.Name is not "institution" and not "practices").ToList();
            var mental = "[" + string.Join(",", columns.Select(c => ((int)c[3]!).ToString(CultureInfo.InvariantCulture))) + "]";
            Assert.Contains("\"z\":[" + mental, html);
            Assert.Contains("\"x\":[" + string.Join(",", columns.Select(c => $"\"{c.Name}\"")) + "]", html);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    [Fact]
    public void Countries_ranked_offline_leave_out_the_EU_and_have_a_static_view_of_the_same_counts()
    {
        var folder = TempFolder();
        try
        {
            var map = TaxonomyCharts.CountriesRanked(fx.Taxonomy, folder);
            using var doc = System.Text.Json.JsonDocument.Parse(map.PlotlyJson);
            var trace = doc.RootElement.GetProperty("data")[0];
            // No choropleth and no geo layout: plotly.js would fetch their base map from a CDN.
            Assert.Equal("bar", trace.GetProperty("type").GetString());
            Assert.False(doc.RootElement.GetProperty("layout").TryGetProperty("geo", out _));
            var mapped = fx.Taxonomy.PracticesByCountry().Where(c => c.Alpha3 is not null).ToList();
            Assert.All(fx.Taxonomy.PracticesByCountry().Where(c => c.Alpha3 is null), c => Assert.Equal("EU", c.Alpha2));
            // Plotly lists horizontal bars bottom-up: most practices last.
            Assert.Equal(mapped.Select(c => $"{c.Name} ({c.Alpha3})").Reverse().ToArray(), trace.GetProperty("y").EnumerateArray().Select(v => v.GetString()!).ToArray());
            Assert.Equal(mapped.Select(c => c.Practices).Reverse().ToArray(), trace.GetProperty("x").EnumerateArray().Select(v => v.GetInt32()).ToArray());
            Assert.DoesNotContain("http", map.PlotlyJson);
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder, "tx-countries-ranked.png")), map.Png);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], map.Png[..4]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Titles_fit_the_png_and_no_label_names_a_map_that_is_not_drawn()
    {
        var folder = TempFolder();
        try
        {
            foreach (var f in new[]
                     {
                         TaxonomyCharts.CrossTabHeatmap(fx.Taxonomy, CrossTabLevel.Country, folder), TaxonomyCharts.CrossTabHeatmap(fx.Taxonomy, CrossTabLevel.Region, folder),
                         TaxonomyCharts.PracticesByCountry(fx.Taxonomy, folder), TaxonomyCharts.CountriesRanked(fx.Taxonomy, folder),
                     })
            {
                var layout = System.Text.Json.JsonDocument.Parse(f.PlotlyJson).RootElement.GetProperty("layout");
                // The PNG centres the title over the data area, right of a 200 px label margin: the 87-character title
                // of the ranked countries was cut off at about 85; 70 leaves room.
                Assert.InRange(layout.GetProperty("title").GetProperty("text").GetString()!.Length, 1, 70);
                Assert.DoesNotContain("map", layout.ToString(), StringComparison.OrdinalIgnoreCase);
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
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
            Assert.Equal(first.Png, second.Png);
            Assert.Equal(firstHeat.Png, secondHeat.Png);
            Assert.Equal(first.PlotlyJson, second.PlotlyJson);
            Assert.Equal(firstHeat.PlotlyJson, secondHeat.PlotlyJson);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
            Directory.Delete(Path.GetDirectoryName(a)!, recursive: true);
            Directory.Delete(Path.GetDirectoryName(b)!, recursive: true);
        }
    }
}
