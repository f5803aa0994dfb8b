using System.Globalization;
using System.Text;
using System.Text.Json;

using NotebookAnalysis.Charts;

namespace NotebookAnalysis.Rendering;

/// <summary>
/// The interactive view of a <see cref="ChartSpec"/>: a plotly.js figure (<c>data</c> + <c>layout</c>) as JSON, the
/// payload of the <c>application/vnd.plotly.v1+json</c> mime type that JupyterLab and VS Code draw with their own
/// bundled plotly.js. No HTML, no script, nothing loaded from the network.
/// </summary>
/// <remarks>
/// The JSON is written by hand with <see cref="Utf8JsonWriter"/>: keys in a fixed order, numbers in the shortest
/// round-trip form (culture-invariant), so the same chart gives the same text on every run.
/// </remarks>
public static class PlotlyRenderer
{
    /// <summary>The Plotly mime type.</summary>
    public const string MimeType = "application/vnd.plotly.v1+json";

    /// <summary>The plotly.js figure JSON of <paramref name="spec"/>: one trace per series, legend and axis ranges from <see cref="LegendLayout.For"/>.</summary>
    public static string ToPlotlyJson(ChartSpec spec)
    {
        var layout = LegendLayout.For(spec);
        return Write(w =>
        {
            w.WriteStartArray("data");
            foreach (var s in spec.Series)
                WriteTrace(w, s);
            w.WriteEndArray();
            w.WriteStartObject("layout");
            Title(w, "title", spec.Title);
            w.WriteNumber("width", spec.Width);
            w.WriteNumber("height", spec.Height);
            Axis(w, "xaxis", spec.XLabel, layout.XMin, layout.XMax);
            Axis(w, "yaxis", spec.YLabel, layout.YMin, layout.YMax);
            Legend(w, layout.Corner);
            w.WriteEndObject();
        });
    }

    private static void WriteTrace(Utf8JsonWriter w, ChartSeries s)
    {
        w.WriteStartObject();
        w.WriteString("type", "scatter");
        w.WriteString("name", s.Label);
        switch (s.Kind)
        {
            case SeriesKind.Points:
                Numbers(w, "x", s.X);
                Numbers(w, "y", s.Y);
                w.WriteString("mode", "markers");
                Style(w, "marker", s.Color, "size", 8);
                break;
            case SeriesKind.Line:
                Numbers(w, "x", s.X);
                Numbers(w, "y", s.Y);
                w.WriteString("mode", s.Markers ? "lines+markers" : "lines");
                Style(w, "line", s.Color, "width", 2);
                Style(w, "marker", s.Color, "size", 6);
                break;
            case SeriesKind.Band:
                // The upper edge, then the lower edge reversed, filled: one closed shape.
                Numbers(w, "x", s.X.Concat(s.X.Reverse()));
                Numbers(w, "y", s.Upper.Concat(s.Lower.Reverse()));
                w.WriteString("mode", "lines");
                w.WriteString("fill", "toself");
                w.WriteString("fillcolor", Rgba(s.Color, 0.35));
                w.WriteStartObject("line");
                w.WriteString("color", Rgba(s.Color, 0));
                w.WriteEndObject();
                w.WriteString("hoverinfo", "skip");
                break;
        }
        w.WriteEndObject();
    }

    /// <summary><c>"name": {"color": …, "sizeName": size}</c>.</summary>
    private static void Style(Utf8JsonWriter w, string name, string color, string sizeName, int size)
    {
        w.WriteStartObject(name);
        w.WriteString("color", color);
        w.WriteNumber(sizeName, size);
        w.WriteEndObject();
    }

    private static void Axis(Utf8JsonWriter w, string name, string title, double min, double max)
    {
        w.WriteStartObject(name);
        Title(w, "title", title);
        Numbers(w, "range", [min, max]);
        w.WriteBoolean("zeroline", false);
        w.WriteEndObject();
    }

    /// <summary>The legend inside the plot area at <paramref name="corner"/>, on a translucent white box.</summary>
    internal static void Legend(Utf8JsonWriter w, LegendCorner corner)
    {
        bool left = corner is LegendCorner.UpperLeft or LegendCorner.LowerLeft;
        bool top = corner is LegendCorner.UpperLeft or LegendCorner.UpperRight;
        w.WriteStartObject("legend");
        w.WriteNumber("x", left ? 0.01 : 0.99);
        w.WriteString("xanchor", left ? "left" : "right");
        w.WriteNumber("y", top ? 0.99 : 0.01);
        w.WriteString("yanchor", top ? "top" : "bottom");
        w.WriteString("bgcolor", "rgba(255,255,255,0.8)");
        w.WriteString("bordercolor", "#cccccc");
        w.WriteNumber("borderwidth", 1);
        w.WriteEndObject();
        w.WriteBoolean("showlegend", true);
    }

    /// <summary><c>"name": {"text": …}</c>, the title form plotly.js 1.x (≥ 1.43) and 2.x both read.</summary>
    internal static void Title(Utf8JsonWriter w, string name, string text)
    {
        w.WriteStartObject(name);
        w.WriteString("text", text);
        w.WriteEndObject();
    }

    /// <summary>A JSON array of finite numbers.</summary>
    internal static void Numbers(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) throw new ArgumentException($"'{name}' holds {v}; plotly JSON carries finite values only.");
            w.WriteNumberValue(v);
        }
        w.WriteEndArray();
    }

    /// <summary>Writes one JSON object with <paramref name="body"/> and returns its text (unindented, non-ASCII kept as is).</summary>
    internal static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static string Rgba(string hex, double alpha)
    {
        int r = Convert.ToInt32(hex[1..3], 16), g = Convert.ToInt32(hex[3..5], 16), b = Convert.ToInt32(hex[5..7], 16);
        return string.Create(CultureInfo.InvariantCulture, $"rgba({r},{g},{b},{alpha:0.##})");
    }
}
