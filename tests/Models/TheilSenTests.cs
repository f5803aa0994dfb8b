using NotebookAnalysis.Data;
using NotebookAnalysis.Models;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Results;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Models;

/// <summary>
/// Theil-Sen (<c>theil_sen</c>), registered with one line in <see cref="ModelSpecs.Alternatives"/>: its estimates
/// against a brute-force computation in decimal arithmetic written here, its ties, and what it does not give.
/// </summary>
public sealed class TheilSenTests
{
    private static ModelSpec Spec => ModelSpecs.All.Single(known => known.Name == "theil_sen");

    /// <summary>Brute force in decimal: every pair i &lt; j with x_i ≠ x_j, sorted; the median; the intercept likewise.</summary>
    private static (decimal Intercept, decimal Slope, int Pairs) BruteForce(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        var x = xs.Select(DecimalOracle.Printed).ToArray();
        var y = ys.Select(DecimalOracle.Printed).ToArray();
        var slopes = new List<decimal>();
        for (int i = 0; i < x.Length; i++)
            for (int j = 0; j < x.Length; j++)
                if (i < j && x[i] != x[j])
                    slopes.Add((y[j] - y[i]) / (x[j] - x[i]));
        decimal Median(List<decimal> v)
        {
            var s = v.OrderBy(d => d).ToList();
            return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
        }
        decimal b = Median(slopes);
        return (Median(x.Select((v, i) => y[i] - b * v).ToList()), b, slopes.Count);
    }

    [Theory]
    [InlineData("T2_goods")]
    [InlineData("T3_financial")]
    [InlineData("T4_innovation")]
    public void Bundled_markets_match_the_brute_force(string market) => CultureScope.Run("ru-RU", () =>
    {
        var table = Table1.LoadBundled();
        var fit = AlternativeModels.Fit(table, market, Spec);
        var s = table.Series(market);
        var (a, b, pairs) = BruteForce(s.Clusters, s.Score);
        Assert.Equal((double)b, fit["x"].Estimate, 1e-13);
        Assert.Equal((double)a, fit["intercept"].Estimate, 1e-12);
        Assert.Null(fit.Ols);
        var undefined = new List<UndefinedResult>();
        var rows = fit.ToResultRows(undefined);
        Assert.Equal(pairs, rows.Single(r => r.Statistic == "slope_pairs").Value);
        Assert.Equal(s.Count, rows.Single(r => r.Statistic == "nobs").Value);
        // Only the estimates, nobs and slope_pairs are written; everything else is left out with its reason.
        Assert.Equal(["estimate/intercept", "estimate/x", "nobs/", "slope_pairs/"], rows.Select(r => $"{r.Statistic}/{r.Term}").Order());
        Assert.Contains(undefined, u => u.Statistic == "std_error" && u.Term == "x" && u.Reason.Contains("no standard error"));
        Assert.Contains(undefined, u => u.Statistic == "aic" && u.Reason.Contains("not a likelihood estimator"));
        Assert.Contains(undefined, u => u.Statistic == "loo_rmse" && u.Reason.Contains("no hat matrix"));
        Assert.Null(fit.Loo);
        return 0;
    });

    [Fact]
    public void Tied_x_pairs_are_left_out_and_an_even_count_takes_the_middle_mean()
    {
        // x has ties (3, 3 and 5, 5): those pairs carry no slope. 6 points, 15 pairs, 2 tied: 13 slopes (odd).
        double[] x = [1, 3, 3, 5, 5, 8], y = [2.0, 2.9, 3.4, 4.1, 3.6, 6.2];
        var fit = AlternativeModels.Fit(ModelInput.FromArrays("ties", [2001, 2002, 2003, 2004, 2005, 2006], y, x), Spec);
        var (a, b, pairs) = BruteForce(x, y);
        Assert.Equal(13, pairs);
        Assert.Equal((double)b, fit["x"].Estimate, 1e-13);
        Assert.Equal((double)a, fit["intercept"].Estimate, 1e-13);
        // Without the last point: 10 pairs, 2 tied, 8 slopes (even): the mean of the two middle ones.
        var five = AlternativeModels.Fit(ModelInput.FromArrays("ties5", [2001, 2002, 2003, 2004, 2005], y[..5], x[..5]), Spec);
        var (a5, b5, p5) = BruteForce(x[..5], y[..5]);
        Assert.Equal(8, p5);
        Assert.Equal((double)b5, five["x"].Estimate, 1e-13);
        Assert.Equal((double)a5, five["intercept"].Estimate, 1e-13);
    }

    [Fact]
    public void Equal_x_everywhere_is_a_model_error_and_the_battery_leaves_the_model_out()
    {
        double[] x = [4, 4, 4, 4, 4], y = [3.1, 3.2, 3.3, 3.5, 3.4];
        var data = ModelData.Build(ModelInput.FromArrays("flat", [2001, 2002, 2003, 2004, 2005], y, x), ModelSpecs.Base with { Name = "probe" });
        var e = Assert.Throws<ModelException>(() => new TheilSenEstimator().Fit(data));
        Assert.Contains("every x is equal", e.Reason);
    }

    [Fact]
    public void Above_its_row_cap_it_is_a_model_error_with_the_counts_under_any_culture()
    {
        var reason = CultureScope.Run("ru-RU", () =>
        {
            int n = TheilSenEstimator.MaxRows + 1;
            var years = Enumerable.Range(1, n).Select(i => (double)i).ToArray();
            var x = years.Select(v => v % 97).ToArray();
            var y = years.Select(v => 3 + 0.01 * (v % 89)).ToArray();
            var data = ModelData.Build(ModelInput.FromArrays("big", years.Select(v => (int)v).ToArray(), y, x), ModelSpecs.Base with { Name = "probe" });
            return Assert.Throws<ModelException>(() => new TheilSenEstimator().Fit(data)).Reason;
        });
        Assert.Contains("at most 5,000 rows; these data have 5,001", reason);
    }

    [Fact]
    public void A_design_with_more_than_one_regressor_is_refused()
    {
        var input = ModelInput.FromArrays("q", [2001, 2002, 2003, 2004, 2005, 2006], [3.1, 3.2, 3.4, 3.3, 3.6, 3.8], [1, 2, 3, 4, 5, 7]);
        var e = Assert.Throws<ModelException>(() => new TheilSenEstimator().Fit(ModelData.Build(input, ModelSpecs.Quadratic)));
        Assert.Contains("one regressor", e.Reason);
    }

    [Fact]
    public void It_is_registered_outside_the_mlnet_comparison_and_the_robustness_checks()
    {
        Assert.Contains(Spec, ModelSpecs.Alternatives);
        Assert.False(Spec.InMlNetComparison);
        Assert.False(Spec.InRobustnessChecks);
        Assert.IsType<TheilSenEstimator>(Spec.Estimator);
    }
}
