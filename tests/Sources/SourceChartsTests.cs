using NotebookAnalysis.Charts;
using NotebookAnalysis.Data;
using NotebookAnalysis.Rendering;
using NotebookAnalysis.Sources;
using static NotebookAnalysis.Tests.Sources.SourcesFixture;

namespace NotebookAnalysis.Tests.Sources;

/// <summary>The notebook 08 charts carry the comparison's numbers and draw through the one chart path.</summary>
public class SourceChartsTests
{
    private static SourceComparison Comparison()
    {
        var rows = new List<(int, string, string)>();
        string[] g = ["3.61", "3.55", "3.72", "3.88"], f = ["3.31", "3.22", "3.40", "3.45"], n = ["3.41", "3.35", "3.18", "3.02"];
        for (int i = 0; i < 4; i++)
        {
            rows.Add((2009 + i, Pillars.Goods, g[i]));
            rows.Add((2009 + i, Pillars.Financial, f[i]));
            rows.Add((2009 + i, Pillars.Innovation, n[i]));
        }
        return SourceComparison.Compare(
            Table(2009, [3.7, 3.7, 3.7, 3.8, 3.9], [3.3, 3.3, 3.4, 3.4, 3.4], [3.4, 3.3, 3.2, 3.1, 3.2]),
            ParseExtract(Extract([.. rows])));
    }

    [Fact]
    public void SeriesChartHasThePapersYearsAndTheWefBand()
    {
        var chart = SourceCharts.Series(Comparison(), Markets.Get(Market.Goods)).Validate();
        Assert.Equal("s08-t2-goods-series", chart.Name);
        var band = chart.Series.Single(s => s.Kind == SeriesKind.Band);
        Assert.Equal([2009.0, 2010, 2011, 2012], band.X);
        Assert.Equal(3.61 - 0.05, band.Lower[0], 15);
        Assert.Equal(3.88 + 0.05, band.Upper[3], 15);
        var paper = chart.Series.Single(s => s.Label == "Table 1 (paper)");
        Assert.Equal([2009.0, 2010, 2011, 2012, 2013], paper.X); // 2013 has no WEF score but the paper's point is drawn
    }

    [Fact]
    public void FitsChartDrawsBothLeastSquaresLines()
    {
        var c = Comparison();
        var (wef, paper) = Rerun.Covered(c, EditionMapping.Natural, Markets.Get(Market.Financial));
        var chart = SourceCharts.Fits(wef, paper).Validate();
        Assert.Equal("s08-t3-financial-fits", chart.Name);
        var lines = chart.Series.Where(s => s.Kind == SeriesKind.Line).ToList();
        Assert.Equal(2, lines.Count);
        var x = wef.Clusters();
        foreach (var (line, fit) in lines.Zip(new[] { paper, wef }))
        {
            Assert.Equal(x.Min(), line.X[0]);
            Assert.Equal(fit.Fit["intercept"].Estimate + fit.Slope.Estimate * x.Max(), line.Y[1], 12);
        }
    }

    [Fact]
    public void EveryChartRendersStaticallyAndInteractively()
    {
        var comparison = Comparison();
        var charts = Markets.Paper.SelectMany(spec =>
        {
            var (wef, paper) = Rerun.Covered(comparison, EditionMapping.Natural, spec);
            return new[] { SourceCharts.Series(comparison, spec), SourceCharts.Fits(wef, paper) };
        }).ToList();
        Assert.Equal(6, charts.Count);
        Assert.Equal(charts.Count, charts.Select(ch => ch.Name).Distinct().Count());
        foreach (var chart in charts)
        {
            var png = StaticRenderer.ToPng(chart);
            Assert.Equal(0x89, png[0]);
            Assert.Contains(chart.Title, PlotlyRenderer.ToPlotlyJson(chart));
        }
    }
}
