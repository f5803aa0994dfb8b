using System.Globalization;
using System.Text.Json;
using NotebookAnalysis.Taxonomy;
using ScottPlot;

namespace NotebookAnalysis.Rendering;

/// <summary>
/// Charts of the practice taxonomy (Table 7 by institution type and place), each a <see cref="Figure"/>: plotly.js
/// figure JSON and a PNG saved under <c>results/figures/</c>. (The line/point <c>ChartSpec</c> has no heatmap,
/// stacked bars or map, so these charts draw each view directly, with the same atomic writes as <see cref="Figure"/>.)
/// </summary>
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
    public static Figure CrossTabHeatmap(PracticeTaxonomy taxonomy, CrossTabLevel level = CrossTabLevel.Country, string? folder = null)
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
        var json = PlotlyRenderer.Write(w =>
        {
            w.WriteStartArray("data");
            w.WriteStartObject();
            w.WriteString("type", "heatmap");
            w.WriteStartArray("z");
            foreach (var row in z.Reverse()) Integers(w, row);
            w.WriteEndArray();
            Strings(w, "x", columns);
            Strings(w, "y", rows.AsEnumerable().Reverse());
            ColorScale(w);
            w.WriteNumber("zmin", 0);
            w.WriteNumber("zmax", max);
            w.WriteBoolean("showscale", true);
            w.WriteEndObject();
            w.WriteEndArray();
            LayoutStart(w, title, width, height, marginLeft: byCountry ? 120 : 260);
            w.WriteStartArray("annotations");
            for (int r = 0; r < rows.Count; r++)
                for (int c = 0; c < columns.Count; c++)
                    if (z[r][c] > 0)
                    {
                        w.WriteStartObject();
                        w.WriteString("x", columns[c]);
                        w.WriteString("y", rows[r]);
                        w.WriteString("text", Invariant(z[r][c]));
                        w.WriteBoolean("showarrow", false);
                        w.WriteStartObject("font");
                        w.WriteString("color", z[r][c] * 2 > max ? "#ffffff" : "#000000");
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }
            w.WriteEndArray();
            w.WriteEndObject();
        });

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
        return Save(name, json, plot, width, height, folder);
    }

    /// <summary>"Functional", "Framework", "Regulatory", "Mental".</summary>
    public static string ShortName(InstitutionType type) => type.ToString();

    private static string Invariant(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Practices per country, stacked by institution type (horizontal bars, most practices on top).</summary>
    public static Figure PracticesByCountry(PracticeTaxonomy taxonomy, string? folder = null)
    {
        const string name = "tx-practices-by-country";
        var counts = taxonomy.CrossTabCounts(CrossTabLevel.Country);
        var countries = taxonomy.PracticesByCountry();
        var labels = countries.Select(c => $"{c.Name} ({c.Alpha2})").ToArray();
        var types = Enum.GetValues<InstitutionType>();
        int width = 760, height = 480;
        const string title = "Table 7: practices per country, by institution type";

        var json = PlotlyRenderer.Write(w =>
        {
            w.WriteStartArray("data");
            foreach (var t in types)
            {
                w.WriteStartObject();
                w.WriteString("type", "bar");
                w.WriteString("name", taxonomy.TypeInfo(t).Name);
                w.WriteString("orientation", "h");
                Strings(w, "y", labels.Reverse());
                Integers(w, countries.Select(c => counts.Where(k => k.Institution == t && k.Key == c.Alpha2).Sum(k => k.Count)).Reverse(), "x");
                w.WriteStartObject("marker");
                w.WriteString("color", TypeColors[t]);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            LayoutStart(w, title, width, height, marginLeft: 200);
            w.WriteString("barmode", "stack");
            w.WriteStartObject("xaxis");
            PlotlyRenderer.Title(w, "title", "practices");
            w.WriteNumber("dtick", 1);
            w.WriteEndObject();
            PlotlyRenderer.Legend(w, NotebookAnalysis.Charts.LegendCorner.LowerRight);
            w.WriteEndObject();
        });

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
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, max + 1).Select(i => (double)i).ToArray(), Enumerable.Range(0, max + 1).Select(i => Invariant(i)).ToArray());
        plot.Axes.SetLimits(0, max + 0.5, -0.6, countries.Count - 0.4);
        foreach (var t in types)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = taxonomy.TypeInfo(t).Name, FillColor = ScottPlot.Color.FromHex(TypeColors[t]) });
        plot.ShowLegend(Alignment.LowerRight);
        plot.Title(title);
        plot.XLabel("practices");
        return Save(name, json, plot, width, height, folder);
    }

    /// <summary>
    /// A world map of Table 7: each country shaded by its number of practices. Interactive: a Plotly choropleth
    /// with ISO alpha-3 codes. Static: the same countries ranked by their number of practices, each bar shaded with
    /// the map's colour scale (a PNG cannot carry the map without a map library; the ranking shows the same counts).
    /// The EU is no country and is left off both views; <see cref="PracticesByCountry"/> includes it.
    /// </summary>
    /// <remarks>plotly.js fetches the base map (coastlines, borders) from cdn.plot.ly when it draws a choropleth, so the
    /// interactive map needs a network connection; offline the front end shows an empty frame or the PNG.</remarks>
    public static Figure WorldMap(PracticeTaxonomy taxonomy, string? folder = null)
    {
        const string name = "tx-world-map";
        const string title = "Table 7: where the reference clusters are (EU-level practices not mapped)";
        var countries = taxonomy.PracticesByCountry().Where(c => c.Alpha3 is not null).ToList();
        int max = countries.Max(c => c.Practices);
        var json = PlotlyRenderer.Write(w =>
        {
            w.WriteStartArray("data");
            w.WriteStartObject();
            w.WriteString("type", "choropleth");
            Strings(w, "locations", countries.Select(c => c.Alpha3!));
            w.WriteString("locationmode", "ISO-3");
            Integers(w, countries.Select(c => c.Practices), "z");
            Strings(w, "text", countries.Select(c => $"{c.Name}: {string.Join(", ", taxonomy.Practices.Where(p => p.Locations.Any(l => l.Country == c.Alpha2)).Select(p => p.Id))}"));
            ColorScale(w);
            w.WriteNumber("zmin", 0);
            w.WriteNumber("zmax", max);
            w.WriteStartObject("colorbar");
            PlotlyRenderer.Title(w, "title", "practices");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            LayoutStart(w, title, 820, 460);
            w.WriteStartObject("geo");
            w.WriteBoolean("showframe", false);
            w.WriteBoolean("showcoastlines", true);
            w.WriteBoolean("showcountries", true);
            w.WriteString("countrycolor", "#bbbbbb");
            w.WriteStartObject("projection");
            w.WriteString("type", "natural earth");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });

        // Static: countries ranked by practices (most on top), shaded as on the map, count at the end of each bar.
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
        plot.Axes.Left.SetTicks(Enumerable.Range(0, countries.Count).Select(i => (double)(countries.Count - 1 - i)).ToArray(), labels);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, max + 1).Select(i => (double)i).ToArray(), Enumerable.Range(0, max + 1).Select(Invariant).ToArray());
        plot.Axes.SetLimits(0, max + 0.6, -0.6, countries.Count - 0.4);
        plot.Title("Table 7: practices per mapped country (static view of the map)");
        plot.XLabel("practices (bar shade = map shade)");
        return Save(name, json, plot, 820, 460, folder);
    }

    /// <summary>Opens <c>"layout"</c> with the title, the size and, when given, the left margin (room for long row labels).</summary>
    private static void LayoutStart(Utf8JsonWriter w, string title, int width, int height, int? marginLeft = null)
    {
        w.WriteStartObject("layout");
        PlotlyRenderer.Title(w, "title", title);
        w.WriteNumber("width", width);
        w.WriteNumber("height", height);
        if (marginLeft is not int left) return;
        w.WriteStartObject("margin");
        w.WriteNumber("l", left);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void Integers(Utf8JsonWriter w, IEnumerable<int> values, string? name = null)
    {
        if (name is null) w.WriteStartArray(); else w.WriteStartArray(name);
        foreach (var v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    /// <summary>White to dark blue, the same scale as the static <see cref="Blend"/>.</summary>
    private static void ColorScale(Utf8JsonWriter w)
    {
        w.WriteStartArray("colorscale");
        w.WriteStartArray(); w.WriteNumberValue(0); w.WriteStringValue("#f7fbff"); w.WriteEndArray();
        w.WriteStartArray(); w.WriteNumberValue(1); w.WriteStringValue("#08306b"); w.WriteEndArray();
        w.WriteEndArray();
    }

    private static Figure Save(string name, string json, Plot plot, int width, int height, string? folder) =>
        new(name, json, Figure.WritePng(folder, name, plot.GetImageBytes(width, height, ImageFormat.Png)));

    // White to dark blue, like Plotly's "Blues".
    private static ScottPlot.Color Blend(double f)
    {
        f = Math.Clamp(f, 0, 1);
        byte Mix(int a, int b) => (byte)Math.Round(a + (b - a) * f);
        return new ScottPlot.Color(Mix(247, 8), Mix(251, 48), Mix(255, 107));
    }
}
