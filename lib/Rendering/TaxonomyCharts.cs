using NotebookAnalysis.Taxonomy;
using ScottPlot;
using XPlot.Plotly;

using NotebookAnalysis.Charts;

namespace NotebookAnalysis.Rendering;

/// <summary>
/// A taxonomy chart in both forms: the interactive XPlot.Plotly chart and the static PNG saved under
/// <c>results/figures/</c>. (The line/point <see cref="ChartSpec"/> has no heatmap, stacked bars or map, so these
/// charts draw each view directly, with the same deterministic ids and atomic writes as <see cref="Figure"/>.)
/// </summary>
/// <param name="Name">File stem and Plotly element id.</param>
/// <param name="Interactive">The interactive chart (shown through the notebook's <c>text/html</c> formatter).</param>
/// <param name="Image">The static image, already saved.</param>
public sealed record TaxonomyFigure(string Name, PlotlyChart Interactive, PngImage Image);

/// <summary>Charts of the practice taxonomy (Table 7 by institution type and place).</summary>
public static class TaxonomyCharts
{
    /// <summary>One colour per institution type, in Table 7's order.</summary>
    public static IReadOnlyDictionary<InstitutionType, string> TypeColors { get; } = new Dictionary<InstitutionType, string>
    {
        [InstitutionType.Functional] = "#1f77b4",
        [InstitutionType.Framework] = "#ff7f0e",
        [InstitutionType.Regulatory] = "#2ca02c",
        [InstitutionType.Mental] = "#9467bd",
    };

    /// <summary>
    /// The cross-tab as a heatmap, each cell the number of Table 7 practices of a type located in a place, written
    /// in the cell. By country: institution types (rows) × countries (columns). By region: regions (rows, printed
    /// names, or the country where Table 7 names no region) × institution types (columns).
    /// </summary>
    public static TaxonomyFigure CrossTabHeatmap(PracticeTaxonomy taxonomy, CrossTabLevel level = CrossTabLevel.Country, string? folder = null)
    {
        bool byCountry = level == CrossTabLevel.Country;
        var name = byCountry ? "tx-crosstab-country" : "tx-crosstab-region";
        var counts = taxonomy.CrossTabCounts(level);
        var keys = counts.GroupBy(c => c.Key).OrderByDescending(g => g.Sum(c => c.Count)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        var types = Enum.GetValues<InstitutionType>();
        var typeNames = types.Select(ShortName).ToList();
        int Count(InstitutionType t, string k) => counts.Where(c => c.Institution == t && c.Key == k).Sum(c => c.Count);

        // rows top to bottom, columns left to right
        var rows = byCountry ? typeNames : keys;
        var columns = byCountry ? keys : typeNames;
        int[][] z = byCountry
            ? types.Select(t => keys.Select(k => Count(t, k)).ToArray()).ToArray()
            : keys.Select(k => types.Select(t => Count(t, k)).ToArray()).ToArray();
        int max = Math.Max(1, z.Max(r => r.Max()));
        var title = byCountry ? "Table 7: practices by institution type and country" : "Table 7: practices by region and institution type";
        int width = byCountry ? 820 : 760, height = byCountry ? 360 : 120 + 26 * rows.Count;

        // Interactive: a Plotly heatmap (rows listed bottom-up, as Plotly draws them) with the count in each cell.
        var heat = new Heatmap { z = z.Reverse().ToArray(), x = columns.ToArray(), y = rows.AsEnumerable().Reverse().ToArray(), colorscale = "Blues", zmin = 0, zmax = max, showscale = true };
        var annotations = new List<Annotation>();
        for (int r = 0; r < rows.Count; r++)
            for (int c = 0; c < columns.Count; c++)
                if (z[r][c] > 0)
                    annotations.Add(new Annotation { x = columns[c], y = rows[r], text = Invariant(z[r][c]), showarrow = false, font = new Font { color = z[r][c] * 2 > max ? "#ffffff" : "#000000" } });
        var layout = new XPlot.Plotly.Layout.Layout { title = title, width = width, height = height, annotations = annotations, margin = new Margin { l = byCountry ? 120 : 260 } };
        var chart = Interactive(name, [heat], layout, width, height);

        // Static: coloured rectangles with the counts.
        var plot = new Plot();
        for (int r = 0; r < rows.Count; r++)
            for (int c = 0; c < columns.Count; c++)
            {
                double y = rows.Count - 1 - r;
                var rect = plot.Add.Rectangle(c - 0.5, c + 0.5, y - 0.5, y + 0.5);
                rect.FillColor = Blend(z[r][c] / (double)max);
                rect.LineColor = Colors.White;
                if (z[r][c] > 0)
                {
                    var text = plot.Add.Text(Invariant(z[r][c]), c, y);
                    text.LabelAlignment = Alignment.MiddleCenter;
                    text.LabelFontSize = 14;
                    text.LabelFontColor = z[r][c] * 2 > max ? Colors.White : Colors.Black;
                }
            }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, columns.Count).Select(i => (double)i).ToArray(), columns.ToArray());
        plot.Axes.Left.SetTicks(Enumerable.Range(0, rows.Count).Select(i => (double)(rows.Count - 1 - i)).ToArray(), rows.ToArray());
        plot.Axes.SetLimits(-0.5, columns.Count - 0.5, -0.5, rows.Count - 0.5);
        plot.Title(title);
        return Save(name, chart, plot, width, height, folder);
    }

    /// <summary>"Functional", "Framework", "Regulatory", "Mental".</summary>
    public static string ShortName(InstitutionType type) => type.ToString();

    private static string Invariant(int v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Practices per country, stacked by institution type (horizontal bars, most practices on top).</summary>
    public static TaxonomyFigure PracticesByCountry(PracticeTaxonomy taxonomy, string? folder = null)
    {
        const string name = "tx-practices-by-country";
        var counts = taxonomy.CrossTabCounts(CrossTabLevel.Country);
        var countries = taxonomy.PracticesByCountry();
        var labels = countries.Select(c => $"{c.Name} ({c.Alpha2})").ToArray();
        var types = Enum.GetValues<InstitutionType>();
        int width = 760, height = 480;
        const string title = "Table 7: practices per country, by institution type";

        var traces = types.Select(t => (XPlot.Plotly.Trace)new XPlot.Plotly.Bar
        {
            name = taxonomy.TypeInfo(t).Name,
            orientation = "h",
            y = labels.Reverse().ToArray(),
            x = countries.Select(c => counts.Where(k => k.Institution == t && k.Key == c.Alpha2).Sum(k => k.Count)).Reverse().ToArray(),
            marker = new Marker { color = TypeColors[t] },
        }).ToList();
        var layout = new XPlot.Plotly.Layout.Layout { title = title, barmode = "stack", width = width, height = height, margin = new Margin { l = 200 }, xaxis = new Xaxis { title = "practices", dtick = 1 } };
        var chart = Interactive(name, traces, layout, width, height);

        var plot = new Plot();
        var bars = new List<ScottPlot.Bar>();
        for (int i = 0; i < countries.Count; i++)
        {
            double position = countries.Count - 1 - i, basis = 0;
            foreach (var t in types)
            {
                int v = counts.Where(k => k.Institution == t && k.Key == countries[i].Alpha2).Sum(k => k.Count);
                if (v == 0) continue;
                bars.Add(new ScottPlot.Bar { Position = position, ValueBase = basis, Value = basis + v, FillColor = ScottPlot.Color.FromHex(TypeColors[t]), Orientation = Orientation.Horizontal });
                basis += v;
            }
        }
        plot.Add.Bars(bars);
        plot.Axes.Left.SetTicks(Enumerable.Range(0, countries.Count).Select(i => (double)(countries.Count - 1 - i)).ToArray(), labels);
        var max = countries.Max(c => c.Practices);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, max + 1).Select(i => (double)i).ToArray(), Enumerable.Range(0, max + 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimits(0, max + 0.5, -0.6, countries.Count - 0.4);
        foreach (var t in types)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = taxonomy.TypeInfo(t).Name, FillColor = ScottPlot.Color.FromHex(TypeColors[t]) });
        plot.ShowLegend(Alignment.LowerRight);
        plot.Title(title);
        plot.XLabel("practices");
        return Save(name, chart, plot, width, height, folder);
    }

    /// <summary>
    /// A world map of Table 7: each country shaded by its number of practices (interactive, Plotly choropleth with
    /// ISO alpha-3 codes). The EU is no country and is left off the map; the static image is
    /// <see cref="PracticesByCountry"/>, which shows the same counts including the EU.
    /// </summary>
    public static PlotlyChart WorldMap(PracticeTaxonomy taxonomy)
    {
        var countries = taxonomy.PracticesByCountry().Where(c => c.Alpha3 is not null).ToList();
        var map = new Choropleth
        {
            locations = countries.Select(c => c.Alpha3!).ToArray(),
            locationmode = "ISO-3",
            z = countries.Select(c => c.Practices).ToArray(),
            text = countries.Select(c => $"{c.Name}: {string.Join(", ", taxonomy.Practices.Where(p => p.Locations.Any(l => l.Country == c.Alpha2)).Select(p => p.Id))}").ToArray(),
            colorscale = "Blues",
            zmin = 0,
            zmax = countries.Max(c => c.Practices),
            colorbar = new Colorbar { title = "practices" },
        };
        var layout = new XPlot.Plotly.Layout.Layout
        {
            title = "Table 7: where the reference clusters are (EU-level practices not mapped)",
            width = 820,
            height = 460,
            geo = new Geo { showframe = false, showcoastlines = true, showcountries = true, countrycolor = "#bbbbbb", projection = new Projection { type = "natural earth" } },
        };
        return Interactive("tx-world-map", [map], layout, 820, 460);
    }

    private static PlotlyChart Interactive(string name, IEnumerable<XPlot.Plotly.Trace> traces, XPlot.Plotly.Layout.Layout layout, int width, int height)
    {
        var chart = Chart.Plot(traces, layout);
        chart.WithId("plotly-" + name);
        chart.WithSize(width, height);
        return chart;
    }

    private static TaxonomyFigure Save(string name, PlotlyChart chart, Plot plot, int width, int height, string? folder)
    {
        folder ??= Figure.DefaultFolder;
        Directory.CreateDirectory(folder);
        var png = plot.GetImageBytes(width, height, ImageFormat.Png);
        var path = Path.Combine(folder, name + ".png");
        if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(png))
        {
            var temp = path + ".tmp";
            File.WriteAllBytes(temp, png);
            File.Move(temp, path, overwrite: true);
        }
        return new TaxonomyFigure(name, chart, new PngImage(png, Path.GetFullPath(path)));
    }

    // White to dark blue, like Plotly's "Blues".
    private static ScottPlot.Color Blend(double f)
    {
        f = Math.Clamp(f, 0, 1);
        byte Mix(int a, int b) => (byte)Math.Round(a + (b - a) * f);
        return new ScottPlot.Color(Mix(247, 8), Mix(251, 48), Mix(255, 107));
    }
}
