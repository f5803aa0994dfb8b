namespace NotebookAnalysis.Charts;

/// <summary>Where a chart's legend sits, inside the plot area.</summary>
public enum LegendCorner
{
    /// <summary>Top left.</summary>
    UpperLeft,

    /// <summary>Top right.</summary>
    UpperRight,

    /// <summary>Bottom left.</summary>
    LowerLeft,

    /// <summary>Bottom right.</summary>
    LowerRight,
}

/// <summary>
/// The axis ranges and legend corner both renderers use for a <see cref="ChartSpec"/>, chosen from the data so the
/// legend hides none of it.
/// </summary>
/// <param name="Corner">The legend's corner.</param>
/// <param name="XMin">Left end of the horizontal axis.</param>
/// <param name="XMax">Right end of the horizontal axis.</param>
/// <param name="YMin">Bottom of the vertical axis.</param>
/// <param name="YMax">Top of the vertical axis (raised above the data when no corner is free).</param>
/// <param name="CoveredCells">Cells of the occupancy grid under the legend: 0 when it hides nothing.</param>
public sealed record LegendLayout(LegendCorner Corner, double XMin, double XMax, double YMin, double YMax, int CoveredCells)
{
    /// <summary>Padding around the data, as a fraction of its range on each side.</summary>
    public const double Padding = 0.05;

    /// <summary>Cells per side of the occupancy grid the rule counts covered data in.</summary>
    public const int Grid = 48;

    /// <summary>
    /// Pixels between the image's edge and the data area, the same in both renderers (Plotly's <c>layout.margin</c>,
    /// ScottPlot's fixed padding), so the legend box covers the same part of the data in both: left (y ticks and
    /// label), right, top (title), bottom (x ticks and label).
    /// </summary>
    public static (int Left, int Right, int Top, int Bottom) Margins { get; } = (70, 20, 50, 50);

    /// <summary>Approximate width of one legend character in pixels (13 px sans-serif), for the box estimate.</summary>
    private const double CharWidth = 7.2;

    /// <summary>
    /// The rule: draw every series (points, line segments, filled bands) into a <see cref="Grid"/>² occupancy grid
    /// over the padded data range, estimate the legend box from the labels, and take the corner whose box covers
    /// the fewest occupied cells (ties: upper left, upper right, lower left, lower right). When even that corner
    /// covers data, the top of the vertical axis is raised until the legend fits above all data in an upper corner.
    /// Uses <see cref="ChartSpec.Legend"/> as given when it is not <c>null</c>.
    /// </summary>
    public static LegendLayout For(ChartSpec spec)
    {
        spec.Validate();
        var xs = spec.Series.SelectMany(s => s.X).ToList();
        var ys = spec.Series.SelectMany(s => s.Kind == SeriesKind.Band ? s.Lower.Concat(s.Upper) : s.Y).ToList();
        var (x0, x1) = Padded(xs.Min(), xs.Max());
        var (y0, y1) = Padded(ys.Min(), ys.Max());
        var (w, h) = BoxFraction(spec);

        var grid = Occupancy(spec, x0, x1, y0, y1);
        LegendCorner[] order = [LegendCorner.UpperLeft, LegendCorner.UpperRight, LegendCorner.LowerLeft, LegendCorner.LowerRight];
        if (spec.Legend is { } fixedCorner)
            return new LegendLayout(fixedCorner, x0, x1, y0, y1, Covered(grid, fixedCorner, w, h));
        var best = order.Select(c => (Corner: c, Covered: Covered(grid, c, w, h))).MinBy(t => t.Covered);
        if (best.Covered == 0)
            return new LegendLayout(best.Corner, x0, x1, y0, y1, 0);

        // No free corner: make headroom. With the top raised to y1', the data occupies the lower (y1 - y0)/(y1' - y0)
        // of the height; the legend's box (fraction h of the height, plus one grid cell) must fit above it.
        double dataTop = (ys.Max() - y0) / (y1 - y0); // fraction of the current height that holds data
        double scale = dataTop / (1 - h - 1.0 / Grid);
        double raised = y0 + (y1 - y0) * Math.Max(1, scale);
        var upper = new[] { LegendCorner.UpperLeft, LegendCorner.UpperRight }
            .Select(c => (Corner: c, Covered: Covered(Occupancy(spec, x0, x1, y0, raised), c, w, h))).MinBy(t => t.Covered);
        return new LegendLayout(upper.Corner, x0, x1, y0, raised, upper.Covered);
    }

    private static (double, double) Padded(double lo, double hi)
    {
        double span = hi - lo;
        if (span <= 0) span = Math.Max(1, Math.Abs(hi));
        return (lo - Padding * span, hi + Padding * span);
    }

    /// <summary>The legend's estimated size as fractions of the plot area's width and height.</summary>
    private static (double Width, double Height) BoxFraction(ChartSpec spec)
    {
        int longest = spec.Series.Max(s => s.Label.Length);
        double boxWidth = 44 + CharWidth * longest, boxHeight = 12 + 21 * spec.Series.Count;
        // Data area: the image less the fixed margins both renderers use.
        double areaWidth = Math.Max(100, spec.Width - Margins.Left - Margins.Right), areaHeight = Math.Max(100, spec.Height - Margins.Top - Margins.Bottom);
        return (Math.Min(1, boxWidth / areaWidth), Math.Min(1, boxHeight / areaHeight));
    }

    private static bool[,] Occupancy(ChartSpec spec, double x0, double x1, double y0, double y1)
    {
        var grid = new bool[Grid, Grid];
        int Col(double x) => Math.Clamp((int)((x - x0) / (x1 - x0) * Grid), 0, Grid - 1);
        int Row(double y) => Math.Clamp((int)((y - y0) / (y1 - y0) * Grid), 0, Grid - 1);
        void Mark(double x, double y) => grid[Col(x), Row(y)] = true;
        void Segment(double ax, double ay, double bx, double by)
        {
            int steps = 4 * Grid;
            for (int i = 0; i <= steps; i++)
            {
                double t = i / (double)steps;
                Mark(ax + t * (bx - ax), ay + t * (by - ay));
            }
        }
        foreach (var s in spec.Series)
            switch (s.Kind)
            {
                case SeriesKind.Points:
                    for (int i = 0; i < s.X.Count; i++) Mark(s.X[i], s.Y[i]);
                    break;
                case SeriesKind.Line:
                    for (int i = 0; i < s.X.Count; i++) Mark(s.X[i], s.Y[i]);
                    for (int i = 1; i < s.X.Count; i++) Segment(s.X[i - 1], s.Y[i - 1], s.X[i], s.Y[i]);
                    break;
                case SeriesKind.Band:
                    // The filled area: vertical strokes from lower to upper at fine steps along x.
                    for (int i = 1; i < s.X.Count; i++)
                        for (int k = 0; k <= 8; k++)
                        {
                            double t = k / 8.0, x = s.X[i - 1] + t * (s.X[i] - s.X[i - 1]);
                            double lo = s.Lower[i - 1] + t * (s.Lower[i] - s.Lower[i - 1]), hi = s.Upper[i - 1] + t * (s.Upper[i] - s.Upper[i - 1]);
                            Segment(x, lo, x, hi);
                        }
                    if (s.X.Count == 1) Segment(s.X[0], s.Lower[0], s.X[0], s.Upper[0]);
                    break;
            }
        return grid;
    }

    private static int Covered(bool[,] grid, LegendCorner corner, double width, double height)
    {
        int cols = (int)Math.Ceiling(width * Grid), rows = (int)Math.Ceiling(height * Grid);
        bool left = corner is LegendCorner.UpperLeft or LegendCorner.LowerLeft;
        bool top = corner is LegendCorner.UpperLeft or LegendCorner.UpperRight;
        int count = 0;
        for (int c = 0; c < cols; c++)
            for (int r = 0; r < rows; r++)
                if (grid[left ? c : Grid - 1 - c, top ? Grid - 1 - r : r]) count++;
        return count;
    }
}
