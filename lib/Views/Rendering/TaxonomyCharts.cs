using System.Globalization;
using NotebookAnalysis.Taxonomy;
using ScottPlot;
using XPlot.Plotly;

namespace NotebookAnalysis.Rendering;

/// <summary>
/// Charts of the practice taxonomy (Table 7 by institution type and place), each a <see cref="Figure"/>: an XPlot.Plotly
/// figure serialised by <see cref="PlotlyRenderer.Serialize"/> and a PNG saved under <c>results/figures/</c>. (The
/// line/point <c>ChartSpec</c> has no heatmap or bars, so these charts build each view directly, with the same
/// atomic writes as <see cref="Figure"/>.) Every chart is <see cref="Charts.ChartSpec.OutputAreaWidth"/> wide.
/// </summary>
public static class TaxonomyCharts
{
    /// <summary>One colour per institution type, in Table 7's order.</summary>
    private static IReadOnlyDictionary<InstitutionType, string> TypeColors { get; } = new Dictionary<InstitutionType, string>
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
    public static Figure CrossTabHeatmap(PracticeTaxonomy taxonomy, CrossTabLevel level = CrossTabLevel.Country, string? folder = null)
    {
        bool byCountry = level == CrossTabLevel.Country;
        var name = byCountry ? "tx-crosstab-country" : "tx-crosstab-region";
        var counts = taxonomy.CrossTabCounts(level);
        var keys = counts.GroupBy(c => c.Key).OrderByDescending(g => g.Sum(c => c.Count)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        var types = Enum.GetValues<InstitutionType>();
        var typeNames = types.Select(t => t.ToString()).ToList(); // "Functional", "Framework", …
        int Count(InstitutionType t, string k) => counts.Where(c => c.Institution == t && c.Key == k).Sum(c => c.Count);

        // rows top to bottom, columns left to right
        var rows = byCountry ? typeNames : keys;
        var columns = byCountry ? keys : typeNames;
        int[][] z = byCountry
            ? types.Select(t => keys.Select(k => Count(t, k)).ToArray()).ToArray()
            : keys.Select(k => types.Select(t => Count(t, k)).ToArray()).ToArray();
        int max = Math.Max(1, z.Max(r => r.Max()));
        var title = byCountry ? "Table 7: practices by institution type and country" : "Table 7: practices by region and institution type";
        int height = byCountry ? 360 : 120 + 26 * rows.Count;

        // Interactive: a heatmap (rows listed bottom-up, as Plotly draws them) with the count in each cell.
        var heatmap = new Heatmap
        {
            z = z.Reverse().ToArray(), x = columns.ToArray(), y = rows.AsEnumerable().Reverse().ToArray(),
            colorscale = ColorScale, zmin = 0, zmax = max, showscale = true,
        };
        var annotations = new List<Annotation>();
        for (int r = 0; r < rows.Count; r++)
            for (int c = 0; c < columns.Count; c++)
                if (z[r][c] > 0)
                    annotations.Add(new Annotation
                    {
                        x = columns[c], y = rows[r], text = Invariant(z[r][c]), showarrow = false,
                        font = new Font { color = z[r][c] * 2 > max ? "#ffffff" : "#000000" },
                    });
        var layout = Layout(title, height, marginLeft: byCountry ? 120 : 260);
        layout.annotations = annotations;
        var json = PlotlyRenderer.Serialize([heatmap], layout);

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
        return Save(name, json, plot, height, folder);
    }

    private static string Invariant(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Practices per country, stacked by institution type (horizontal bars, most practices on top).</summary>
    public static Figure PracticesByCountry(PracticeTaxonomy taxonomy, string? folder = null)
    {
        const string name = "tx-practices-by-country";
        var counts = taxonomy.CrossTabCounts(CrossTabLevel.Country);
        var countries = taxonomy.PracticesByCountry();
        var labels = countries.Select(c => $"{c.Name} ({c.Alpha2})").ToArray();
        var types = Enum.GetValues<InstitutionType>();
        const int height = 480;
        const string title = "Table 7: practices per country, by institution type";

        var traces = types.Select(t => (object)new XPlot.Plotly.Bar
        {
            name = taxonomy.TypeInfo(t).Name, orientation = "h",
            y = labels.Reverse().ToArray(),
            x = countries.Select(c => counts.Where(k => k.Institution == t && k.Key == c.Alpha2).Sum(k => k.Count)).Reverse().ToArray(),
            marker = new Marker { color = TypeColors[t] },
        });
        var layout = Layout(title, height, marginLeft: 200);
        layout.barmode = "stack";
        layout.xaxis = new Xaxis { title = "practices", dtick = 1 };
        layout.legend = PlotlyRenderer.Legend(NotebookAnalysis.Charts.LegendCorner.LowerRight);
        layout.showlegend = true;
        var json = PlotlyRenderer.Serialize(traces, layout);

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
        foreach (var t in types)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = taxonomy.TypeInfo(t).Name, FillColor = ScottPlot.Color.FromHex(TypeColors[t]) });
        plot.ShowLegend(Alignment.LowerRight);
        CountAxes(plot, labels, countries.Max(c => c.Practices), 0.5, title);
        return Save(name, json, plot, height, folder);
    }

    /// <summary>
    /// The countries ranked by their number of Table 7 practices, each bar darker the more practices it counts, in both
    /// views; the interactive bars name each country's practices on hover. (Not a world map: a Plotly choropleth needs
    /// its base map, which plotly.js fetches from cdn.plot.ly.) The EU is no country and is left off;
    /// <see cref="PracticesByCountry"/> includes it.
    /// </summary>
    public static Figure CountriesRanked(PracticeTaxonomy taxonomy, string? folder = null)
    {
        const string name = "tx-countries-ranked";
        const string title = "Table 7: practices per country, ranked (EU-level practices left out)";
        const int height = 460;
        var countries = taxonomy.PracticesByCountry().Where(c => c.Alpha3 is not null).ToList();
        int max = countries.Max(c => c.Practices);
        var bars = new XPlot.Plotly.Bar
        {
            name = "practices", orientation = "h",
            y = countries.Select(c => $"{c.Name} ({c.Alpha3})").Reverse().ToArray(),
            x = countries.Select(c => c.Practices).Reverse().ToArray(),
            text = countries.Select(c => $"{c.Name}: {string.Join(", ", taxonomy.Practices.Where(p => p.Locations.Any(l => l.Country == c.Alpha2)).Select(p => p.Id))}").Reverse().ToArray(),
            hoverinfo = "text",
            marker = new Marker { color = countries.Select(c => Hex(Blend(c.Practices / (double)max))).Reverse().ToArray(), line = new XPlot.Plotly.Line { color = "#6b7b8c", width = 1 } },
        };
        var layout = Layout(title, height, marginLeft: 200);
        layout.xaxis = new Xaxis { title = "practices", dtick = 1 };
        layout.showlegend = false;
        var json = PlotlyRenderer.Serialize([bars], layout);

        // Static: countries ranked by practices (most on top), shaded as the interactive bars, count at the end of each bar.
        var plot = new Plot();
        var labels = countries.Select(c => $"{c.Name} ({c.Alpha3})").ToArray();
        for (int i = 0; i < countries.Count; i++)
        {
            double position = countries.Count - 1 - i;
            var bar = plot.Add.Bar(new ScottPlot.Bar { Position = position, ValueBase = 0, Value = countries[i].Practices, FillColor = Blend(countries[i].Practices / (double)max), LineColor = ScottPlot.Color.FromHex("#6b7b8c"), Orientation = Orientation.Horizontal });
            var text = plot.Add.Text(Invariant(countries[i].Practices), countries[i].Practices + 0.08, position);
            text.LabelAlignment = Alignment.MiddleLeft;
            text.LabelFontSize = 13;
        }
        CountAxes(plot, labels, max, 0.6, title);
        return Save(name, json, plot, height, folder);
    }

    /// <summary>The static bars' axes: one row per label (the first on top), a tick per practice up to <paramref name="max"/>, room after the longest bar.</summary>
    private static void CountAxes(Plot plot, string[] labels, int max, double room, string title)
    {
        plot.Axes.Left.SetTicks(Enumerable.Range(0, labels.Length).Select(i => (double)(labels.Length - 1 - i)).ToArray(), labels);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, max + 1).Select(i => (double)i).ToArray(), Enumerable.Range(0, max + 1).Select(Invariant).ToArray());
        plot.Axes.SetLimits(0, max + room, -0.6, labels.Length - 0.4);
        plot.Title(title);
        plot.XLabel("practices");
    }

    /// <summary>A layout with the title, the chart width, <paramref name="height"/> and the fixed margins (a wider left one for long row labels).</summary>
    private static XPlot.Plotly.Layout.Layout Layout(string title, int height, int marginLeft) => new()
    {
        title = title, width = Width, height = height, margin = PlotlyRenderer.Margins(marginLeft),
    };

    /// <summary>The width of every taxonomy chart, both views.</summary>
    private const int Width = Charts.ChartSpec.OutputAreaWidth;

    /// <summary>White to dark blue, the same scale as the static <see cref="Blend"/>.</summary>
    private static readonly object[][] ColorScale = [[0, "#f7fbff"], [1, "#08306b"]];

    private static Figure Save(string name, string json, Plot plot, int height, string? folder) =>
        Figure.Create(name, json, plot.GetImageBytes(Width, height, ImageFormat.Png), folder);

    private static string Hex(ScottPlot.Color c) => string.Create(CultureInfo.InvariantCulture, $"#{c.R:x2}{c.G:x2}{c.B:x2}");

    // White to dark blue, like Plotly's "Blues".
    private static ScottPlot.Color Blend(double f)
    {
        f = Math.Clamp(f, 0, 1);
        byte Mix(int a, int b) => (byte)Math.Round(a + (b - a) * f);
        return new ScottPlot.Color(Mix(247, 8), Mix(251, 48), Mix(255, 107));
    }
}
