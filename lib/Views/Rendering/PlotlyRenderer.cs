using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using XPlot.Plotly;

using NotebookAnalysis.Charts;

namespace NotebookAnalysis.Rendering;

/// <summary>
/// The interactive view of a chart: an XPlot.Plotly figure (traces and a <see cref="Layout.Layout"/>) serialised to
/// <c>{"data": […], "layout": {…}}</c>, the payload of the <c>application/vnd.plotly.v1+json</c> mime type that
/// JupyterLab and VS Code draw with their own bundled plotly.js. No HTML, no script, nothing loaded from the network
/// (XPlot's own <c>PlotlyChart</c> HTML, which adds plotly.js from a CDN, is never used).
/// </summary>
/// <remarks>
/// <see cref="Serialize"/> is the one place that turns XPlot objects into the payload: it rewrites the forms
/// plotly.js 3 no longer reads (XPlot 4.1 writes plain-string titles and <c>titlefont</c>) and spells every number
/// in the shortest round-trip form, so the same chart gives the same text on every run and in every culture.
/// </remarks>
public static class PlotlyRenderer
{
    /// <summary>The Plotly mime type.</summary>
    public const string MimeType = "application/vnd.plotly.v1+json";

    /// <summary>The figure JSON of <paramref name="spec"/>: one trace per series, legend and axis ranges from <see cref="LegendLayout.For"/>.</summary>
    public static string ToPlotlyJson(ChartSpec spec)
    {
        var placement = LegendLayout.For(spec);
        var layout = new Layout.Layout
        {
            title = spec.Title,
            width = spec.Width,
            height = spec.Height,
            margin = Margins(),
            xaxis = new Xaxis { title = spec.XLabel, range = new[] { placement.XMin, placement.XMax }, zeroline = false },
            yaxis = new Yaxis { title = spec.YLabel, range = new[] { placement.YMin, placement.YMax }, zeroline = false },
            legend = Legend(placement.Corner),
            showlegend = true,
        };
        return Serialize(spec.Series.Select(Trace), layout);
    }

    private static object Trace(ChartSeries s) => s.Kind switch
    {
        SeriesKind.Points => new Scatter
        {
            name = s.Label, x = s.X.ToArray(), y = s.Y.ToArray(), mode = "markers",
            marker = new Marker { color = s.Color, size = 8 },
        },
        SeriesKind.Line => new Scatter
        {
            name = s.Label, x = s.X.ToArray(), y = s.Y.ToArray(), mode = s.Markers ? "lines+markers" : "lines",
            line = new Line { color = s.Color, width = 2 },
            marker = new Marker { color = s.Color, size = 6 },
        },
        // The upper edge, then the lower edge reversed, filled: one closed shape.
        _ => new Scatter
        {
            name = s.Label, x = s.X.Concat(s.X.Reverse()).ToArray(), y = s.Upper.Concat(s.Lower.Reverse()).ToArray(),
            mode = "lines", fill = "toself", fillcolor = Rgba(s.Color, 0.35),
            line = new Line { color = Rgba(s.Color, 0) }, hoverinfo = "skip",
        },
    };

    /// <summary>The fixed margins of <see cref="LegendLayout.Margins"/>, so the data area is the one the legend rule assumed.</summary>
    internal static Margin Margins(int? left = null)
    {
        var m = LegendLayout.Margins;
        return new Margin { l = left ?? m.Left, r = m.Right, t = m.Top, b = m.Bottom };
    }

    /// <summary>The legend inside the data area at <paramref name="corner"/>, on a translucent white box.</summary>
    internal static Legend Legend(LegendCorner corner)
    {
        bool left = corner is LegendCorner.UpperLeft or LegendCorner.LowerLeft;
        bool top = corner is LegendCorner.UpperLeft or LegendCorner.UpperRight;
        return new Legend
        {
            x = left ? 0.01 : 0.99, xanchor = left ? "left" : "right",
            y = top ? 0.99 : 0.01, yanchor = top ? "top" : "bottom",
            bgcolor = "rgba(255,255,255,0.8)", bordercolor = "#cccccc", borderwidth = 1,
        };
    }

    /// <summary>
    /// <c>{"data": traces, "layout": layout}</c> as compact JSON: XPlot's Newtonsoft serialisation, then deprecated
    /// forms rewritten (<c>"title": "…"</c> → <c>{"text": "…"}</c>, <c>titlefont</c> → <c>title.font</c>) and
    /// numbers respelt. Non-finite numbers are refused: Plotly JSON carries finite values only.
    /// </summary>
    /// <exception cref="ArgumentException">A trace or the layout holds NaN or ±∞.</exception>
    public static string Serialize(IEnumerable<object> traces, Layout.Layout layout)
    {
        var settings = new Newtonsoft.Json.JsonSerializerSettings
        {
            Culture = CultureInfo.InvariantCulture,
            FloatFormatHandling = Newtonsoft.Json.FloatFormatHandling.String, // NaN/∞ become strings, refused below
        };
        JsonNode? Node(object part) => Normalize(JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(part, settings)));
        var figure = new JsonObject { ["data"] = new JsonArray(traces.Select(Node).ToArray()), ["layout"] = Node(layout) };
        return figure.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The one place deprecated Plotly forms are fixed, recursively, and numbers put in one spelling.</summary>
    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var result = new JsonObject();
                foreach (var (key, value) in o.ToList())
                {
                    if (key == "titlefont") continue;
                    if (key == "title" && value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    {
                        var title = new JsonObject { ["text"] = v.GetValue<string>() };
                        if (o["titlefont"] is JsonNode font) title["font"] = Normalize(font);
                        result[key] = title;
                    }
                    else result[key] = Normalize(value);
                }
                return result;
            case JsonArray a:
                return new JsonArray(a.Select(Normalize).ToArray());
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                return JsonValue.Create(v.GetValue<double>());
            case JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is "NaN" or "Infinity" or "-Infinity":
                throw new ArgumentException($"A Plotly figure holds {v.GetValue<string>()}; Plotly JSON carries finite values only.");
            default:
                return node?.DeepClone();
        }
    }

    internal static string Rgba(string hex, double alpha)
    {
        int r = Convert.ToInt32(hex[1..3], 16), g = Convert.ToInt32(hex[3..5], 16), b = Convert.ToInt32(hex[5..7], 16);
        return string.Create(CultureInfo.InvariantCulture, $"rgba({r},{g},{b},{alpha:0.##})");
    }
}
