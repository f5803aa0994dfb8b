using System.Globalization;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using NotebookAnalysis.Data;
using NotebookAnalysis.Report.Pipeline;
using NotebookAnalysis.Resampling;
using NotebookAnalysis.Results;

using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Resampling;

public class RoundingSensitivityTests
{
    private static (double[] X, double[] Y) Data(Market m)
    {
        var s = Table1.LoadBundled().Series(m);
        return (s.ClustersArray(), s.ScoreArray());
    }

    [Theory]
    [InlineData("T2_goods")]
    [InlineData("T3_financial")]
    [InlineData("T4_innovation")]
    public void SlopeRangeOverTheRoundingBox_MatchesADecimalCornerComputation(string market)
    {
        // The slope is linear in y, so its extremes over y ± 0.05 sit at the corner y_i ∓ 0.05·sign(x_i − x̄).
        var (x, y) = Data(market);
        var xd = x.Select(DecimalOracle.Printed).ToArray();
        var yd = y.Select(DecimalOracle.Printed).ToArray();
        decimal mx = xd.Average();
        decimal Slope(int sign) => new DecimalOracle.SimpleRegression(xd, yd.Select((v, i) => v + sign * 0.05m * Math.Sign(xd[i] - mx)).ToArray()).Slope;
        var r = RoundingSensitivity.Simulate(x, y, 10, 1);
        Assert.Equal((double)Slope(-1), r.SlopeMinOverBox, 12);
        Assert.Equal((double)Slope(+1), r.SlopeMaxOverBox, 12);
        // Table 3's flattest corner is exactly 0, and is reported as 0, not as roundoff.
        if (Slope(-1) == 0m) Assert.Equal(0.0, r.SlopeMinOverBox);
    }

    [Fact]
    public void Draws_MatchAnIndependentRefit()
    {
        var (x, y) = Data(Market.Innovation);
        var r = RoundingSensitivity.Simulate(x, y, 200, 17);
        var rng = new Random(17);
        int significant = 0;
        for (int d = 0; d < 200; d++)
        {
            var yd = y.Select(v => v + (2 * rng.NextDouble() - 1) * 0.05).ToArray();
            Assert.All(yd.Zip(y), p => Assert.InRange(p.First - p.Second, -0.05, 0.05));
            var (a, b) = Fit.Line(x, yd);
            double r2 = GoodnessOfFit.RSquared(x.Select(v => a + b * v), yd);
            double sse = x.Zip(yd, (xi, yi) => Math.Pow(yi - a - b * xi, 2)).Sum();
            double mx = x.Average();
            double t = b / Math.Sqrt(sse / 8 / x.Sum(v => (v - mx) * (v - mx)));
            double p = 2 * StudentT.CDF(0, 1, 8, -Math.Abs(t)); // lower tail: no cancellation
            Assert.Equal(b, r.Slopes[d], 1e-12);
            Assert.Equal(r2, r.RSquared[d], 1e-10);
            Assert.Equal(p, r.PValues[d], 1e-9);
            if (p < 0.05) significant++;
        }
        Assert.Equal(significant / 200.0, r.ShareSignificant);
    }

    [Fact]
    public void TTestP_ReproducesThePublishedSignificanceF()
    {
        // Table 2 prints Significance F 2.08182E-08 (F = t² for one regressor): the tail must be accurate there.
        var (x, y) = Data(Market.Goods);
        var r = RoundingSensitivity.Simulate(x, y, 1, 1);
        Assert.Equal(2.08182e-08, r.ObservedP, 5e-13);
    }

    [Theory]
    [InlineData("T2_goods")]
    [InlineData("T3_financial")]
    [InlineData("T4_innovation")]
    public void SlopeRangeOverTheBox_EqualsTheBruteForceOverAllCorners(string m)
    {
        var (x, y) = Data(m);
        double lo = double.MaxValue, hi = double.MinValue;
        for (int mask = 0; mask < 1 << x.Length; mask++)
        {
            var yc = y.Select((v, i) => v + ((mask >> i & 1) == 1 ? 0.05 : -0.05)).ToArray();
            double b = Fit.Line(x, yc).B;
            lo = Math.Min(lo, b);
            hi = Math.Max(hi, b);
        }
        var (min, max) = RoundingSensitivity.SlopeRange(x, y);
        Assert.Equal(lo, min, 1e-12);
        Assert.Equal(hi, max, 1e-12);
        Assert.Equal(lo, Fit.Line(x, RoundingSensitivity.ExtremeCorner(x, y, steepest: false)).B, 1e-12);
        Assert.Equal(hi, Fit.Line(x, RoundingSensitivity.ExtremeCorner(x, y, steepest: true)).B, 1e-12);
    }

    [Fact]
    public void Histogram_CountsEveryValue_AndStepsIntegrateToOne()
    {
        // Counts 3, 0, 0, 2 over bins of width 0.25: densities 3/5/0.25 = 2.4 and 2/5/0.25 = 1.6.
        var (xs, d) = Histogram.Steps([0.1, 0.2, 0.2, 0.9, 1.0], 4, 0, 1);
        Assert.Equal([2.4, 2.4, 0, 0, 0, 0, 1.6, 1.6], d.Select(v => Math.Round(v, 12)));
        double area = 0;
        for (int k = 0; k < xs.Length; k += 2) area += (xs[k + 1] - xs[k]) * d[k];
        Assert.Equal(1.0, area, 12);
    }

    [Fact]
    public void Table3_RSquaredIsThePointBiserialOfOneStep_WhateverItsSize()
    {
        var (x, y) = Data(Market.Financial);
        var step = StepAnalysis.Describe(x, y)!;
        Assert.NotNull(step);
        Assert.True(step.CleanSplit);
        Assert.Equal((4, 6, 15.0, 18.0), (step.CountLow, step.CountHigh, step.LargestXLow, step.SmallestXHigh));
        var (a, b) = Fit.Line(x, y);
        double r2 = GoodnessOfFit.RSquared(x.Select(v => a + b * v), y);
        Assert.Equal(r2, step.PointBiserialRSquared, 12);
        Assert.Equal(0.7911, r2, 4); // the printed R-square of Table 3
        // The same split with a step of 1.0 or 0.0001 gives the same R².
        foreach (double size in new[] { 1.0, 1e-4 })
        {
            var ys = y.Select(v => v > 3.35 ? size : 0.0).ToArray();
            var (a2, b2) = Fit.Line(x, ys);
            Assert.Equal(r2, GoodnessOfFit.RSquared(x.Select(v => a2 + b2 * v), ys), 10);
        }
        Assert.Equal(b, step.Step * step.IndicatorSlope, 12);
        Assert.Null(StepAnalysis.Describe(Data(Market.Goods).X, Data(Market.Goods).Y));
    }

    [Fact]
    public void BadParameters_AreErrorsNamingTheParameter()
    {
        var (x, y) = Data(Market.Goods);
        Assert.Equal("halfWidth", Assert.Throws<ArgumentOutOfRangeException>(() => RoundingSensitivity.Simulate(x, y, 10, 1, 0)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => RoundingSensitivity.Simulate(x, y, 10, 1, 0.05, 1.0)).ParamName);
    }

    [Fact]
    public void Section_WritesTheIssueRows_Deterministically_AndCultureInvariant()
    {
        var data = Table1.LoadBundled();
        var first = new ResamplingSection().Run(data);
        string csv = ResultsCsv.Format(first.Rows);
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        SectionOutput ru;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ru-RU");
            ru = new ResamplingSection().Run(data);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
        Assert.Equal(csv, ResultsCsv.Format(ru.Rows));
        Assert.Equal(first.Markdown, ru.Markdown);
        Assert.StartsWith("## ", first.Markdown);
        Assert.DoesNotContain("NaN", first.Markdown);

        foreach (var t in new[] { "T2_goods", "T3_financial", "T4_innovation" })
        {
            var rows = first.Rows.Where(r => r.Table == t).ToList();
            Assert.Single(rows, r => r is { Model: "permutation", Statistic: "p_value", Term: "x" });
            foreach (var model in new[] { "bootstrap_pairs", "bootstrap_residual" })
                foreach (var stat in new[] { "ci95_lower", "ci95_upper", "bca_ci95_lower", "bca_ci95_upper" })
                    Assert.Single(rows, r => r.Model == model && r.Statistic == stat && r.Term == "x");
            foreach (var stat in new[] { "half_width", "share_significant_5pct", "slope_q025", "slope_q975", "r_squared_median" })
                Assert.Single(rows, r => r.Model == "rounding_mc" && r.Statistic == stat && r.Term == "");
            // The bundled scores are printed to one decimal: half-width 0.05.
            Assert.Equal(0.05, rows.Single(r => r is { Model: "rounding_mc", Statistic: "half_width" }).Value);
            // 14 values, then how they were obtained: permutation exact and permutations, three replicate counts.
            Assert.Equal(19, rows.Count);
            double lo = rows.Single(r => r is { Model: "bootstrap_pairs", Statistic: "ci95_lower" }).Value;
            double hi = rows.Single(r => r is { Model: "bootstrap_pairs", Statistic: "ci95_upper" }).Value;
            Assert.True(lo < hi);
        }
        // Table 3's exact p is 1/210 (see PermutationTestTests); Table 4's slope is not significant in any rounding draw.
        Assert.Equal(1.0 / 210, first.Rows.Single(r => r is { Table: "T3_financial", Model: "permutation", Statistic: "p_value" }).Value, 15);
        Assert.Contains(MainJob.Sections, s => s is ResamplingSection);
    }
}

public class ClosedFormAgreesWithEngineTests
{
    [Theory]
    [InlineData("T2_goods")]
    [InlineData("T3_financial")]
    [InlineData("T4_innovation")]
    public void ClosedFormFit_AgreesWithTheQrEngine(string m)
    {
        var s = Table1.LoadBundled().Series(m);
        var ols = NotebookAnalysis.Regression.Ols.FitSimple(s.ClustersArray(), s.ScoreArray());
        var r = RoundingSensitivity.Simulate(s.ClustersArray(), s.ScoreArray(), 1, 1);
        Assert.Equal(ols["x"].Estimate, r.ObservedSlope, 1e-14);
        Assert.Equal(ols.RSquared.Value, r.ObservedRSquared, 1e-12);
        double p = ols["x"].PValue.Value;
        Assert.True(Math.Abs(r.ObservedP - p) <= 1e-10 * p, $"closed form p {r.ObservedP} vs engine {p}");
    }
}
