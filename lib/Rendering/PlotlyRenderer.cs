using System.Globalization;
using XPlot.Plotly;

using NotebookAnalysis.Charts;

namespace NotebookAnalysis.Rendering;

/// <summary>
/// The interactive view of a <see cref="ChartSpec"/>: an XPlot.Plotly chart, and its HTML for notebooks.
/// </summary>
/// <remarks>
/// XPlot.Plotly.Interactive (which registers the notebook formatter) is not available, so notebooks register
/// <see cref="Html(PlotlyChart)"/> as the <c>text/html</c> formatter of <see cref="PlotlyChart"/> themselves.
/// The element id is <c>plotly-</c> + the chart's name instead of XPlot's random GUID, so that stored outputs
/// are the same on every run.
/// </remarks>
public static class PlotlyRenderer
{
    /// <summary>plotly.js pinned to the last 1.x release, the major version XPlot.Plotly 4 writes for.</summary>
    public const string PlotlyJs = "https://cdn.plot.ly/plotly-1.58.5.min.js";

    /// <summary>The XPlot.Plotly chart of <paramref name="spec"/>, with a deterministic id.</summary>
    public static PlotlyChart ToPlotly(ChartSpec spec)
    {
        spec.Validate();
        var traces = new List<Trace>();
        foreach (var s in spec.Series)
        {
            switch (s.Kind)
            {
                case SeriesKind.Points:
                    traces.Add(new Scatter { x = s.X, y = s.Y, mode = "markers", name = s.Label, marker = new Marker { color = s.Color, size = 8 } });
                    break;
                case SeriesKind.Line:
                    traces.Add(new Scatter
                    {
                        x = s.X,
                        y = s.Y,
                        mode = s.Markers ? "lines+markers" : "lines",
                        name = s.Label,
                        line = new Line { color = s.Color, width = 2 },
                        marker = new Marker { color = s.Color, size = 6 },
                    });
                    break;
                case SeriesKind.Band:
                    // Plotly draws a band as the upper edge followed by the lower edge reversed, filled.
                    traces.Add(new Scatter
                    {
                        x = s.X.Concat(s.X.Reverse()).ToArray(),
                        y = s.Upper.Concat(s.Lower.Reverse()).ToArray(),
                        fill = "toself",
                        fillcolor = Rgba(s.Color, 0.35),
                        mode = "lines",
                        line = new Line { color = Rgba(s.Color, 0.0) },
                        name = s.Label,
                        hoverinfo = "skip",
                    });
                    break;
            }
        }
        var layout = new Layout.Layout
        {
            title = spec.Title,
            xaxis = new Xaxis { title = spec.XLabel },
            yaxis = new Yaxis { title = spec.YLabel },
            width = spec.Width,
            height = spec.Height,
        };
        var chart = Chart.Plot(traces, layout);
        chart.WithId("plotly-" + spec.Name);
        chart.WithSize(spec.Width, spec.Height);
        return chart;
    }

    /// <summary>The notebook HTML of <paramref name="spec"/>'s interactive chart.</summary>
    public static string Html(ChartSpec spec) => Html(ToPlotly(spec));

    /// <summary>
    /// Self-contained HTML for a notebook output: a div and a script that loads plotly.js from its CDN once
    /// (through RequireJS when the front end has it) and draws the chart. Same text on every run.
    /// </summary>
    public static string Html(PlotlyChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var id = chart.Id;
        var plot = chart.GetPlottingJS();
        return string.Create(CultureInfo.InvariantCulture, $$"""
<div id="{{id}}" style="width: {{chart.Width}}px; height: {{chart.Height}}px;"></div>
<script type="text/javascript">
(function () {
    var draw = function (Plotly) {
{{plot}}
    };
    if (typeof window.Plotly !== 'undefined') { draw(window.Plotly); return; }
    if (typeof require === 'function' && typeof require.config === 'function') {
        require.config({ paths: { plotly: '{{PlotlyJs[..^3]}}' } });
        require(['plotly'], function (Plotly) { window.Plotly = Plotly; draw(Plotly); });
        return;
    }
    var script = document.createElement('script');
    script.src = '{{PlotlyJs}}';
    script.onload = function () { draw(window.Plotly); };
    document.head.appendChild(script);
})();
</script>
""");
    }

    private static string Rgba(string hex, double alpha)
    {
        int r = Convert.ToInt32(hex[1..3], 16), g = Convert.ToInt32(hex[3..5], 16), b = Convert.ToInt32(hex[5..7], 16);
        return string.Create(CultureInfo.InvariantCulture, $"rgba({r},{g},{b},{alpha:0.##})");
    }
}
