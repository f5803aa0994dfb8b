using NotebookAnalysis.Charts;

namespace NotebookAnalysis.Tests.Charts;

/// <summary>The legend rule: the corner whose legend box covers no data, or headroom when none is free.</summary>
public sealed class LegendLayoutTests
{
    private static ChartSpec Chart(params ChartSeries[] series) => new("legend-test", "t", "x", "y", series);

    private static double[] Range(int n) => Enumerable.Range(0, n).Select(i => (double)i).ToArray();

    [Fact]
    public void A_rising_line_gets_an_empty_upper_left_corner()
    {
        var x = Range(20);
        var layout = LegendLayout.For(Chart(ChartSeries.Line("rising", x, x)));
        Assert.Equal(LegendCorner.UpperLeft, layout.Corner);
        Assert.Equal(0, layout.CoveredCells);
    }

    [Fact]
    public void Data_in_the_upper_left_pushes_the_legend_to_another_corner()
    {
        // Falling line: upper left and lower right hold data; upper right is the first free corner.
        var x = Range(20);
        var layout = LegendLayout.For(Chart(ChartSeries.Line("falling", x, x.Select(v => 19 - v))));
        Assert.Equal(LegendCorner.UpperRight, layout.Corner);
        Assert.Equal(0, layout.CoveredCells);
    }

    [Fact]
    public void A_peak_in_the_middle_with_tall_tails_raises_the_top_instead_of_covering_data()
    {
        // A band that fills the whole width up to y = 1 leaves no free corner: the axis top is raised
        // until the legend fits above the data.
        var x = Range(30);
        var spec = Chart(
            ChartSeries.Band("filled", x, x.Select(_ => 0.0), x.Select(_ => 1.0)),
            ChartSeries.Line("a long legend label for the observed value", [10, 10], [0, 1]));
        var layout = LegendLayout.For(spec);
        Assert.Equal(0, layout.CoveredCells);
        Assert.True(layout.YMax > 1 + LegendLayout.Padding, $"top {layout.YMax} not raised");
        Assert.True(layout.Corner is LegendCorner.UpperLeft or LegendCorner.UpperRight);
    }

    [Fact]
    public void A_fixed_corner_is_kept_and_its_covered_cells_counted()
    {
        var x = Range(20);
        var spec = Chart(ChartSeries.Line("rising", x, x)) with { Legend = LegendCorner.UpperRight };
        var layout = LegendLayout.For(spec);
        Assert.Equal(LegendCorner.UpperRight, layout.Corner);
        Assert.True(layout.CoveredCells > 0);
    }

    [Fact]
    public void Ranges_pad_the_data_on_every_side()
    {
        var layout = LegendLayout.For(Chart(ChartSeries.Points("p", [0, 10], [0, 100])));
        Assert.Equal(-0.5, layout.XMin, 12);
        Assert.Equal(10.5, layout.XMax, 12);
        Assert.Equal(-5, layout.YMin, 12);
        Assert.True(layout.YMax >= 105 - 1e-9);
    }
}
