using NotebookAnalysis.Data;
using NotebookAnalysis.Models;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Statistics;
using NotebookAnalysis.Tests.Support;
using static NotebookAnalysis.Tests.Support.DecimalOracle;

namespace NotebookAnalysis.Tests.Models;

/// <summary>
/// <c>ar1_pw</c> against the iterated Prais-Winsten computed here in System.Decimal: the lag-1 residual regression for
/// ρ, the √(1−ρ²) transform of the first year, the transformed regression through the origin solved by the test's own
/// decimal solver, and the same stopping rule. No engine code is involved in the reference.
/// </summary>
public class PraisWinstenTests
{
    public static TheoryData<Market> Markets => new() { Market.Goods, Market.Financial, Market.Innovation };

    private sealed record DecimalPw(decimal Rho, int Iterations, decimal[] Beta, decimal[] Se, decimal Ssr, int N);

    /// <summary>The textbook iteration in decimal, stopping when |ρ_new − ρ| ≤ 1e-10 (the spec's tolerance).</summary>
    private static DecimalPw Reference(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        decimal[] x = Dec(xs), y = Dec(ys), one = Ones(x.Length);
        int n = x.Length;
        decimal Rho(decimal[] b)
        {
            var e = Enumerable.Range(0, n).Select(i => y[i] - b[0] - b[1] * x[i]).ToArray();
            decimal num = 0, den = 0;
            for (int t = 1; t < n; t++) { num += e[t] * e[t - 1]; den += e[t - 1] * e[t - 1]; }
            return num / den;
        }
        decimal[] T(decimal[] z, decimal rho)
        {
            var r = new decimal[n];
            r[0] = Sqrt(1 - rho * rho) * z[0];
            for (int t = 1; t < n; t++) r[t] = z[t] - rho * z[t - 1];
            return r;
        }
        decimal rho = Rho(Solve([one, x], y));
        for (int iteration = 1; iteration <= 100; iteration++)
        {
            var cols = new[] { T(one, rho), T(x, rho) };
            var ty = T(y, rho);
            var b = Solve(cols, ty);
            decimal next = Rho(b);
            if (Math.Abs(next - rho) <= 1e-10m)
            {
                var e = Residuals(cols, ty, b);
                decimal ssr = e.Sum(v => v * v), s2 = ssr / (n - 2);
                decimal a11 = cols[0].Sum(v => v * v), a22 = cols[1].Sum(v => v * v), a12 = cols[0].Zip(cols[1], (p, q) => p * q).Sum();
                decimal det = a11 * a22 - a12 * a12;
                return new DecimalPw(rho, iteration, b, [Sqrt(s2 * a22 / det), Sqrt(s2 * a11 / det)], ssr, n);
            }
            rho = next;
        }
        throw new InvalidOperationException("the decimal reference did not converge");
    }

    [Theory]
    [MemberData(nameof(Markets))]
    public void MatchesTheDecimalIteration(Market market)
    {
        var input = ModelInput.From(Table1.LoadBundled(), market);
        var fit = AlternativeModels.Fit(input, ModelSpecs.Ar1PraisWinsten);
        var r = Reference(input.X, input.Y);
        var stats = fit.Details!.Statistics.ToDictionary(s => s.Statistic, s => s.Value);

        Close((double)r.Rho, stats["rho"], 1e-10, $"{market} rho");
        Assert.Equal(r.Iterations, (int)stats["iterations"]);
        Assert.Equal(["intercept", "x"], fit.Coefficients.Select(c => c.Term));
        for (int j = 0; j < 2; j++)
        {
            var c = fit.Coefficients[j];
            Close((double)r.Beta[j], c.Estimate, 1e-10, $"{market} {c.Term} estimate");
            Close((double)r.Se[j], c.StdError.Value, 1e-10, $"{market} {c.Term} SE");
            Close((double)(r.Beta[j] / r.Se[j]), c.TValue.Value, 1e-10, $"{market} {c.Term} t");
            double q = Distributions.StudentTQuantile(0.975, r.N - 2);
            Close((double)r.Beta[j] - q * (double)r.Se[j], c.Lower95.Value, 1e-9, $"{market} {c.Term} lower");
            Close((double)r.Beta[j] + q * (double)r.Se[j], c.Upper95.Value, 1e-9, $"{market} {c.Term} upper");
        }
        // The exact Gaussian AR(1) likelihood at the estimates: the transformed regression's plus log √(1−ρ²).
        double rho = (double)r.Rho, n = r.N;
        double loglik = -0.5 * n * (Math.Log(2 * Math.PI) + Math.Log((double)r.Ssr / n) + 1) + 0.5 * Math.Log(1 - rho * rho);
        Close(loglik, fit.LogLikelihoodLevelScale.Value, 1e-10, $"{market} loglik (level)");
        Close(-2 * loglik + 2 * 4, fit.AicLevelScale.Value, 1e-10, $"{market} AIC counts intercept, slope, σ and ρ");
        Assert.Equal(10, fit.OlsFit.N);
    }

    [Fact]
    public void WritesSlopeRowsAndRhoButNoLeaveOneOut()
    {
        var battery = ModelBattery.Run(Table1.LoadBundled());
        foreach (var table in new[] { "T2_goods", "T3_financial", "T4_innovation" })
        {
            var rows = battery.Rows.Where(r => r.Table == table && r.Model == "ar1_pw").ToList();
            foreach (var term in new[] { "intercept", "x" })
                foreach (var statistic in new[] { "estimate", "std_error", "t_value", "p_value", "ci95_lower", "ci95_upper" })
                    Assert.Single(rows, r => r.Term == term && r.Statistic == statistic);
            var fit = battery.Fits.Single(f => f.Data.Input.TableId == table && f.Spec.Name == "ar1_pw");
            Assert.Equal(fit.Details!.Statistics.Single(s => s.Statistic == "rho").Value, rows.Single(r => r.Statistic == "rho").Value);
            Assert.DoesNotContain(rows, r => r.Statistic.StartsWith("loo_") || r.Statistic is "r_squared" or "f_stat");
            Assert.Contains(battery.Omitted, o => o.StartsWith($"{table}/ar1_pw: loo_rmse"));
            // In the table, with "–" where leave-one-out and R² do not exist.
            var row = battery.Markets.Single(m => m.Market.Id == table).Rows.Single(r => r.Model == "ar1_pw");
            Assert.Null(row.LooRmse);
            Assert.Null(row.RSquared);
        }
    }

    [Fact]
    public void DeclaresItsParticipationAndStaysOutOfTheChecksAndMlNet()
    {
        Assert.False(ModelSpecs.Ar1PraisWinsten.InMlNetComparison);
        Assert.False(ModelSpecs.Ar1PraisWinsten.InRobustnessChecks);
        var battery = ModelBattery.Run(Table1.LoadBundled());
        foreach (var m in battery.Markets)
        {
            // Nine checks, as before ar1_pw existed; its positive slope is not counted among the linear-in-x models.
            Assert.Equal(9, m.Checks.Count);
            Assert.All(m.Checks, c => Assert.DoesNotContain("ar1_pw", c.Evidence));
        }
    }

    [Fact]
    public void RefusesNonStationaryRhoWithTheModelAndReason()
    {
        // x pairs (1,1,2,2,…) are orthogonal to an alternating sign, so y = (−2)^t leaves residuals whose lag-1 slope is −1.22.
        double[] x = [1, 1, 2, 2, 3, 3, 4, 4, 5, 5];
        var y = Enumerable.Range(0, 10).Select(i => Math.Pow(-2, i)).ToArray();
        var input = ModelInput.FromArrays("T9_test", Enumerable.Range(2001, 10).ToArray(), y, x);
        var e = Assert.Throws<ModelException>(() => AlternativeModels.Fit(input, ModelSpecs.Ar1PraisWinsten));
        Assert.Equal("T9_test/ar1_pw", e.Model);
        Assert.Contains("|ρ| < 1", e.Reason);
    }

    [Fact]
    public void RefusesToReportWithoutConvergence()
    {
        var input = ModelInput.From(Table1.LoadBundled(), Market.Goods);
        var oneStep = ModelSpecs.Ar1PraisWinsten with { Estimator = new PraisWinstenEstimator(tolerance: 1e-10, maxIterations: 1) };
        var e = Assert.Throws<ModelException>(() => AlternativeModels.Fit(input, oneStep));
        Assert.Equal("T2_goods/ar1_pw", e.Model);
        Assert.Contains("did not converge in 1 iterations", e.Reason);
    }

    [Fact]
    public void A_fit_that_does_not_converge_is_left_out_of_the_battery_with_its_reason()
    {
        var oneStep = ModelSpecs.Ar1PraisWinsten with { Estimator = new PraisWinstenEstimator(tolerance: 1e-10, maxIterations: 1) };
        var specs = ModelSpecs.All.Select(s => s == ModelSpecs.Ar1PraisWinsten ? oneStep : s).ToList();
        var battery = ModelBattery.Run(Table1.LoadBundled(), null, specs);
        Assert.DoesNotContain(battery.Rows, r => r.Model == "ar1_pw");
        Assert.All(battery.Markets, m => Assert.DoesNotContain(m.Rows, r => r.Model == "ar1_pw"));
        foreach (var table in new[] { "T2_goods", "T3_financial", "T4_innovation" })
            Assert.Contains(battery.Omitted, o => o.StartsWith($"{table}/ar1_pw: every statistic is left out: the model cannot be fitted to these data") && o.Contains("did not converge in 1 iterations"));
        // The other models and every check are as in the full battery.
        var full = ModelBattery.Run(Table1.LoadBundled());
        Assert.Equal(full.Rows.Where(r => r.Model != "ar1_pw"), battery.Rows);
        Assert.Equal(full.Markets.Select(m => m.Summary), battery.Markets.Select(m => m.Summary));
    }
}
