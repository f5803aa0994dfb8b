using NotebookAnalysis.Data;
using NotebookAnalysis.Statistics;
using NotebookAnalysis.Teaching;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Charts;

/// <summary>
/// The teaching helpers behind notebooks 01-04 (lib/Views/Teaching), checked against closed forms computed
/// independently here, in decimal where it matters.
/// </summary>
public sealed class TeachingTests
{
    private static readonly Table1 Data = Table1.LoadBundled();

    public static TheoryData<Market> AllMarkets() => new(Market.Goods, Market.Financial, Market.Innovation);

    /// <summary>Intercept and slope of a simple regression by the decimal oracle's closed forms.</summary>
    private static (double B0, double B1) DecimalFit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var d = new DecimalOracle.SimpleRegression(x, y);
        return ((double)d.Intercept, (double)d.Slope);
    }

    [Theory]
    [MemberData(nameof(AllMarkets))]
    public void Qr_steps_give_the_closed_form_coefficients_and_an_exact_decomposition(Market market)
    {
        var series = Data.Series(market);
        var steps = RegressionSteps.For(series);
        var (b0, b1) = DecimalFit(series.Clusters, series.Score);
        Assert.Equal(b0, steps.Coefficients[0], 1e-13);
        Assert.Equal(b1, steps.Coefficients[1], 1e-15);
        Assert.Equal(steps.Sst, steps.Ssr + steps.Sse, 1e-14);
        Assert.Equal(steps.Engine.RSquared.Value, steps.Ssr / steps.Sst, 1e-12);
        Assert.Equal(steps.Engine.Sigma, steps.Sigma, 1e-14);
        for (int j = 0; j < 2; j++)
        {
            Assert.Equal(steps.Engine.StandardErrors[j], steps.StandardErrors[j], 1e-12);
            Assert.Equal(steps.Engine.PValues[j].Value, steps.PValues[j], 1e-12);
        }
        Assert.Equal(steps.TValues[1] * steps.TValues[1], steps.FStatistic, 1e-9 * steps.FStatistic);
        Assert.Equal(steps.PValues[1], steps.FPValue, 1e-12);
    }

    [Fact]
    public void Householder_qr_has_orthonormal_q_and_reproduces_x()
    {
        var steps = RegressionSteps.For(Data.Series(Market.Goods));
        var checks = steps.FactorizationChecks();
        var values = (Microsoft.Data.Analysis.DoubleDataFrameColumn)checks.Columns["value"];
        Assert.All(values, v => Assert.True(v < 1e-12, $"{v}"));
        var r = steps.R();
        Assert.True((double)r.Columns["R: intercept"][0]! > 0);
        Assert.Equal(0.0, (double)r.Columns["R: intercept"][1]!);
        // |R11| = ‖column of ones‖ = √n.
        Assert.Equal(Math.Sqrt(Data.RowCount), (double)r.Columns["R: intercept"][0]!, 1e-14);
    }

    [Fact]
    public void Confidence_band_at_the_mean_of_x_has_the_closed_form_half_width()
    {
        var series = Data.Series(Market.Goods);
        var fit = RegressionSteps.For(series).Engine;
        var spec = RegressionCharts.ScatterWithFit(series, fit);
        var band = spec.Series.Single(s => s.Kind == global::NotebookAnalysis.Charts.SeriesKind.Band);
        // Evaluate the band's formula at x̄ by linear interpolation on the grid is inexact; instead check the
        // narrowest half-width, which the band attains at x̄: t·σ/√n (the covariance term vanishes there).
        double narrowest = band.Upper.Zip(band.Lower, (u, l) => (u - l) / 2).Min();
        double expected = Distributions.StudentTQuantile(0.975, fit.DfResidual) * fit.Sigma / Math.Sqrt(fit.N);
        Assert.True(narrowest >= expected - 1e-12, $"{narrowest} < {expected}");
        Assert.True(narrowest <= expected * 1.01, $"{narrowest} far above {expected}");
        Assert.Equal("t2-scatter", spec.Name);
        Assert.Equal("t2-residuals", RegressionCharts.ResidualsByYear(series, fit).Name);
    }

    [Fact]
    public void Pearson_matches_the_textbook_formula_and_the_score_grid_follows_the_printed_decimals()
    {
        double[] a = [1, 2, 3, 4, 6], b = [2, 1, 4, 3, 7];
        double ma = a.Average(), mb = b.Average();
        double r = a.Zip(b, (x, y) => (x - ma) * (y - mb)).Sum() / Math.Sqrt(a.Sum(x => (x - ma) * (x - ma)) * b.Sum(y => (y - mb) * (y - mb)));
        Assert.Equal(r, DataOverview.Pearson(a, b), 1e-15);

        var grid = DataOverview.ScoreGrid(Data);
        Assert.All((Microsoft.Data.Analysis.DoubleDataFrameColumn)grid.Columns["grid step"], v => Assert.Equal(0.1, v));
        // Table 2's score runs from 3.7 to 4.2 in the bundled file: 5 steps of 0.1.
        Assert.Equal(5, (int)grid.Columns["range in grid steps"][0]!);

        // One score printed with two decimals puts its column on the 0.01 grid; the others stay on 0.1.
        var csv = File.ReadAllText(ProjectPaths.BundledTable1).Replace("2018,4.2,", "2018,4.23,");
        var finer = DataOverview.ScoreGrid(Table1.Parse(System.Text.Encoding.UTF8.GetBytes(csv), "finer.csv"));
        Assert.Equal([2, 1, 1], ((Microsoft.Data.Analysis.Int32DataFrameColumn)finer.Columns["printed decimals"]).Select(v => v!.Value));
        Assert.Equal(0.01, (double)finer.Columns["grid step"][0]!);
        Assert.Equal(53, (int)finer.Columns["range in grid steps"][0]!);
    }

    [Fact]
    public void Codebook_is_read_from_the_seeds_and_covers_every_column()
    {
        var codebook = DataOverview.Codebook();
        var columns = ((Microsoft.Data.Analysis.StringDataFrameColumn)codebook.Columns["column"]).ToList();
        Assert.Equal(Table1.ColumnNames.Order(), columns.Order());
        Assert.True((bool)DataOverview.Provenance(Data).Columns["the bundled data, unchanged"][0]!);

        var broken = Path.Combine(Path.GetTempPath(), "codebook-" + Guid.NewGuid().ToString("N") + ".md");
        try
        {
            File.WriteAllLines(broken, ["# Codebook", "", "| `year` | t | Calendar year |"]);
            var e = Assert.Throws<DataFileException>(() => DataOverview.Codebook(broken));
            Assert.Equal(3, e.Line);
            Assert.Contains("5 cells", e.Message);
        }
        finally
        {
            File.Delete(broken);
        }
    }
}
