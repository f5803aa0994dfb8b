using System.Globalization;
using ScottPlot;

using NotebookAnalysis.Charts;

namespace NotebookAnalysis.Rendering;

/// <summary>
/// The static view of a <see cref="ChartSpec"/>: PNG drawn by ScottPlot 5, headless (no browser).
/// GitHub and offline readers see this image in the notebooks; the same files are saved under
/// <c>results/figures/</c>.
/// </summary>
public static class StaticRenderer
{
    /// <summary>The chart as PNG bytes.</summary>
    public static byte[] ToPng(ChartSpec spec)
    {
        spec.Validate();
        var plot = new Plot();
        foreach (var s in spec.Series)
        {
            var color = Color.FromHex(s.Color);
            switch (s.Kind)
            {
                case SeriesKind.Points:
                    var points = plot.Add.ScatterPoints(s.X.ToArray(), s.Y.ToArray(), color);
                    points.MarkerSize = 8;
                    points.LegendText = s.Label;
                    break;
                case SeriesKind.Line:
                    var line = plot.Add.ScatterLine(s.X.ToArray(), s.Y.ToArray(), color);
                    line.LineWidth = 2;
                    line.MarkerSize = s.Markers ? 6 : 0;
                    line.LegendText = s.Label;
                    break;
                case SeriesKind.Band:
                    var band = plot.Add.FillY(s.X.ToArray(), s.Lower.ToArray(), s.Upper.ToArray());
                    band.FillColor = color.WithAlpha(0.35);
                    band.LineColor = Colors.Transparent;
                    band.LegendText = s.Label;
                    break;
            }
        }
        // ScottPlot's default tick labels follow the current culture ("2,009", "3,7" under ru-RU): format them ourselves.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Invariant };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Invariant };
        plot.Title(spec.Title);
        plot.XLabel(spec.XLabel);
        plot.YLabel(spec.YLabel);
        var layout = NotebookAnalysis.Charts.LegendLayout.For(spec);
        plot.Axes.SetLimits(layout.XMin, layout.XMax, layout.YMin, layout.YMax);
        // The data area of the interactive chart (PlotlyRenderer): the legend rule sizes its box against it.
        var m = NotebookAnalysis.Charts.LegendLayout.Margins;
        plot.Layout.Fixed(new PixelPadding(m.Left, m.Right, m.Bottom, m.Top));
        plot.ShowLegend(layout.Corner switch
        {
            LegendCorner.UpperLeft => Alignment.UpperLeft,
            LegendCorner.UpperRight => Alignment.UpperRight,
            LegendCorner.LowerLeft => Alignment.LowerLeft,
            _ => Alignment.LowerRight,
        });
        return plot.GetImageBytes(spec.Width, spec.Height, ImageFormat.Png);
    }

    private static string Invariant(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
