using System.Text.RegularExpressions;

namespace NotebookAnalysis.Charts;

/// <summary>
/// A chart described once, as data: the interactive renderer (<c>Rendering.PlotlyRenderer</c>) and the static
/// renderer (<c>Rendering.StaticRenderer</c>) both draw from it, so the two views can never disagree.
/// </summary>
/// <param name="Name">File stem and element id, e.g. <c>t2-scatter</c>: lower-case letters, digits and hyphens.</param>
/// <param name="Title">Title above the plot.</param>
/// <param name="XLabel">Horizontal axis label.</param>
/// <param name="YLabel">Vertical axis label.</param>
/// <param name="Series">What is drawn, back to front.</param>
public sealed partial record ChartSpec(string Name, string Title, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series)
{
    /// <summary>
    /// JupyterLab's output area at a 1400 px window: jupyterlab-plotly re-renders a chart's PNG at its output's width
    /// when the reader hovers it, so charts this wide keep the size of the committed PNG.
    /// </summary>
    public const int OutputAreaWidth = 968;

    /// <summary>Width of the static image and the interactive plot, in pixels (default <see cref="OutputAreaWidth"/>).</summary>
    public int Width { get; init; } = OutputAreaWidth;

    /// <summary>Height of the static image and the interactive plot, in pixels.</summary>
    public int Height { get; init; } = 440;

    /// <summary>The legend's corner; <c>null</c> (the default) lets <see cref="LegendLayout.For"/> pick the corner that hides no data.</summary>
    public LegendCorner? Legend { get; init; }

    /// <summary>Checks the name and that every series has matching, finite coordinates.</summary>
    /// <exception cref="ArgumentException">The chart cannot be drawn faithfully.</exception>
    public ChartSpec Validate()
    {
        if (!NameRegex().IsMatch(Name))
            throw new ArgumentException($"Chart name '{Name}' must be lower-case letters, digits and hyphens (it names a file and an HTML id).");
        if (Series.Count == 0)
            throw new ArgumentException($"Chart '{Name}' has no series.");
        foreach (var s in Series)
            s.Validate(Name);
        return this;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex NameRegex();
}

/// <summary>How a series is drawn.</summary>
public enum SeriesKind
{
    /// <summary>Markers only.</summary>
    Points,

    /// <summary>A line through the points, in order.</summary>
    Line,

    /// <summary>A shaded band between <see cref="ChartSeries.Lower"/> and <see cref="ChartSeries.Upper"/>.</summary>
    Band,
}

/// <summary>One series of a <see cref="ChartSpec"/>. Build it with <see cref="Points"/>, <see cref="Line"/> or <see cref="Band"/>.</summary>
/// <param name="Kind">Markers, line or band.</param>
/// <param name="Label">Legend text.</param>
/// <param name="X">Horizontal coordinates.</param>
/// <param name="Y">Vertical coordinates (points, line); empty for a band.</param>
/// <param name="Lower">Lower edge of a band; empty otherwise.</param>
/// <param name="Upper">Upper edge of a band; empty otherwise.</param>
/// <param name="Color">Colour as <c>#rrggbb</c>.</param>
public sealed record ChartSeries(SeriesKind Kind, string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y,
    IReadOnlyList<double> Lower, IReadOnlyList<double> Upper, string Color)
{
    /// <summary>For a line: also mark each point.</summary>
    public bool Markers { get; init; }

    /// <summary>Colours used when none is given: data, fit, band, extra.</summary>
    public static IReadOnlyList<string> Palette { get; } = ["#1f77b4", "#d62728", "#ff9896", "#2ca02c", "#9467bd", "#8c564b"];

    /// <summary>Markers at (x, y).</summary>
    public static ChartSeries Points(string label, IEnumerable<double> x, IEnumerable<double> y, string? color = null) =>
        new(SeriesKind.Points, label, [.. x], [.. y], [], [], color ?? Palette[0]);

    /// <summary>A line through (x, y) in the order given.</summary>
    public static ChartSeries Line(string label, IEnumerable<double> x, IEnumerable<double> y, string? color = null) =>
        new(SeriesKind.Line, label, [.. x], [.. y], [], [], color ?? Palette[1]);

    /// <summary>A shaded band from <paramref name="lower"/> to <paramref name="upper"/> over x (sorted ascending).</summary>
    public static ChartSeries Band(string label, IEnumerable<double> x, IEnumerable<double> lower, IEnumerable<double> upper, string? color = null) =>
        new(SeriesKind.Band, label, [.. x], [], [.. lower], [.. upper], color ?? Palette[2]);

    internal void Validate(string chart)
    {
        string where = $"Chart '{chart}', series '{Label}'";
        if (X.Count == 0) throw new ArgumentException($"{where}: no points.");
        if (Kind == SeriesKind.Band)
        {
            if (Lower.Count != X.Count || Upper.Count != X.Count)
                throw new ArgumentException($"{where}: a band needs as many lower and upper values as x values ({X.Count}).");
            for (int i = 1; i < X.Count; i++)
                if (X[i] < X[i - 1]) throw new ArgumentException($"{where}: band x values must ascend.");
        }
        else if (Y.Count != X.Count)
            throw new ArgumentException($"{where}: {X.Count} x values but {Y.Count} y values.");
        foreach (var v in X.Concat(Y).Concat(Lower).Concat(Upper))
            if (!double.IsFinite(v)) throw new ArgumentException($"{where}: holds {v}; charts draw finite values only.");
        if (!System.Text.RegularExpressions.Regex.IsMatch(Color, "^#[0-9a-fA-F]{6}$"))
            throw new ArgumentException($"{where}: colour '{Color}' must be #rrggbb.");
    }
}
