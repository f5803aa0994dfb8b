using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Tests.Regression;

/// <summary>
/// Designs that cannot be fitted are refused with a ModelException naming the model and the problem; a fit that exists
/// returns every statistic as a value or, where it is undefined (exact fit, constant y, too few rows), the reason.
/// </summary>
public class DegenerateDesignTests
{
    private static readonly double[] X = [1, 2, 3, 4, 5, 6];
    private static readonly double[] Y = [2.1, 3.9, 6.2, 7.8, 10.1, 12.2];

    private static ModelException Refused(Func<object> fit)
    {
        var e = Assert.Throws<ModelException>(fit);
        Assert.Equal("m1", e.Model);
        Assert.StartsWith("model 'm1': ", e.Message);
        return e;
    }

    [Fact]
    public void ConstantX() =>
        Assert.Contains("x is constant", Refused(() => Ols.FitSimple([3, 3, 3, 3], [1, 2, 3, 4], "m1")).Reason);

    [Fact]
    public void TooFewRows() =>
        Assert.Contains("n = 2 rows but 3 coefficients",
            Refused(() => Ols.Fit(Design.WithIntercept("m1", ("a", [1.0, 2]), ("b", [3.0, 5])), [1.0, 2])).Reason);

    [Fact]
    public void ExactlyCollinearColumnsAreNamed()
    {
        var twice = X.Select(v => 2 * v).ToArray();
        var e = Refused(() => Ols.Fit(Design.WithIntercept("m1", ("x", X), ("x2", twice)), Y));
        Assert.Contains("collinear", e.Reason);
        Assert.Contains("'x'", e.Reason);
        Assert.Contains("'x2'", e.Reason);
        Assert.DoesNotContain("'intercept'", e.Reason);
    }

    [Fact]
    public void ColumnThatIsASumOfOthersIsRefused()
    {
        var z = X.Select((v, i) => v * v + i % 2).ToArray();
        var sum = X.Zip(z, (a, b) => a + b + 1).ToArray(); // = intercept + x + z
        var e = Refused(() => Ols.Fit(Design.WithIntercept("m1", ("x", X), ("z", z), ("s", sum)), Y));
        Assert.Contains("'intercept', 'x', 'z', 's'", e.Reason);
    }

    [Fact]
    public void CollinearUpToRoundingIsRefused()
    {
        // 0.1·x + 0.7 in double differs from an exact combination of [1, x] only by rounding.
        var w = X.Select(v => 0.1 * v + 0.7).ToArray();
        Assert.Contains("collinear", Refused(() => Ols.Fit(Design.WithIntercept("m1", ("x", X), ("w", w)), Y)).Reason);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void NonFiniteValuesAreRefused(double bad, string shown)
    {
        var x = (double[])X.Clone();
        x[2] = bad;
        Assert.Contains($"x has a non-finite value ({shown}) at row 3", Refused(() => Ols.FitSimple(x, Y, "m1")).Reason);
        var y = (double[])Y.Clone();
        y[4] = bad;
        Assert.Contains($"y has a non-finite value ({shown}) at row 5", Refused(() => Ols.FitSimple(X, y, "m1")).Reason);
    }

    [Fact]
    public void LengthMismatch() =>
        Assert.Contains("y has 5 values but the design has 6 rows", Refused(() => Ols.FitSimple(X, Y[..5], "m1")).Reason);

    [Fact]
    public void ZeroColumnThroughOrigin() =>
        Assert.Contains("all zeros", Refused(() => Ols.Fit(Design.ThroughOrigin("m1", ("x", X), ("z", new double[6])), Y)).Reason);

    /// <summary>Every statistic the results name, read through the one map, never throws: each is a finite value or a reason.</summary>
    private static Dictionary<string, Estimate> EveryStatistic(OlsResult fit)
    {
        var all = new Dictionary<string, Estimate>();
        foreach (var s in NotebookAnalysis.Results.FitRows.ModelStatistics)
            all[s] = NotebookAnalysis.Results.FitRows.Statistic(fit, s, "");
        foreach (var term in fit.Terms)
            foreach (var s in NotebookAnalysis.Results.FitRows.CoefficientStatistics)
                all[$"{s} ({term})"] = NotebookAnalysis.Results.FitRows.Statistic(fit, s, term);
        foreach (var e in all.Values)
            Assert.True(e.IsDefined ? double.IsFinite(e.Value) : !string.IsNullOrWhiteSpace(e.Reason));
        return all;
    }

    private static IEnumerable<string> Undefined(Dictionary<string, Estimate> all) => all.Where(p => !p.Value.IsDefined).Select(p => p.Key);

    [Fact]
    public void ExactFitGivesEveryStatisticOrItsReasonWithoutThrowing()
    {
        var y = X.Select(v => 1 + 2 * v).ToArray();
        var fit = Ols.FitSimple(X, y, "m1");
        Assert.True(fit.IsExactFit);
        Assert.Equal([1.0, 2.0], fit.Coefficients);
        Assert.Equal(0, fit.Sigma);
        Assert.All(fit.StandardErrors, se => Assert.Equal(0, se));
        Assert.Equal(1, fit.RSquared.Value);
        Assert.Equal(1, fit.AdjustedRSquared.Value);
        Assert.Equal(70, fit.SsRegression, 1e-12); // Σ(2x − 7)² over x = 1..6
        Assert.Equal(2.0, fit["x"].Lower95.Value);
        var all = EveryStatistic(fit);
        Assert.Equal(new[]
        {
            "f_stat", "f_pvalue", "loglik", "aic", "bic", "durbin_watson", "jb_stat", "jb_pvalue", "bp_stat", "bp_pvalue",
            "bg1_stat", "bg1_pvalue", "t_value (intercept)", "p_value (intercept)", "t_value (x)", "p_value (x)",
        }.Order(), Undefined(all).Order());
        Assert.Contains("the fit is exact", fit.FStatistic.Reason);
        Assert.Contains("the log-likelihood is undefined", fit.Aic.Reason);
        Assert.Contains("Durbin-Watson", fit.DurbinWatson.Reason);
        Assert.Contains("Breusch-Godfrey", fit.BreuschGodfrey(2).Statistic.Reason);
        Assert.Contains("standard error is 0", fit.TValues[1].Reason);
        string summary = fit.Summary();
        Assert.Contains("Undefined: the fit is exact (every residual is 0, so σ = 0), so F = MSR / MSE is undefined.", summary);
        Assert.Contains("undefined", summary);
        Assert.DoesNotContain("NaN", summary);
        Assert.DoesNotMatch(@"\binf\b|∞", summary);
    }

    [Fact]
    public void ConstantResponseLeavesRSquaredUndefinedWithTheReason()
    {
        var fit = Ols.FitSimple(X, Enumerable.Repeat(4.25, X.Length).ToArray(), "m1");
        Assert.True(fit.IsExactFit);
        Assert.Equal(4.25, fit.Coefficients[0]);
        Assert.Equal(0.0, fit.Coefficients[1]);
        Assert.Equal(0.0, fit.SsTotal);
        var all = EveryStatistic(fit);
        foreach (var s in new[] { "r_squared", "adj_r_squared", "multiple_r" })
            Assert.Equal("y is constant (total sum of squares 0), so R² is undefined", all[s].Reason);
        Assert.Contains("an exact fit", fit.TValues[1].Reason);
        Assert.Contains("F = MSR / MSE is undefined", fit.FStatistic.Reason);
    }

    [Fact]
    public void AllZeroResponseThroughTheOriginSaysSo() =>
        Assert.Contains("y is all zeros", Ols.Fit(Design.ThroughOrigin("m1", ("x", X)), new double[6]).RSquared.Reason);

    [Fact]
    public void OneResidualDegreeOfFreedomLeavesOnlyWhatNeedsMore()
    {
        // n = k + 1: σ, t, F and the likelihood exist; the Breusch-Godfrey auxiliary regression (k + 1 coefficients)
        // would fit exactly.
        var fit = Ols.FitSimple([1, 2, 4], [1.0, 2.5, 3.0], "m1");
        Assert.Equal(1, fit.DfResidual);
        var all = EveryStatistic(fit);
        Assert.Equal(new[] { "bg1_pvalue", "bg1_stat" }, Undefined(all).Order());
        Assert.Equal("the Breusch-Godfrey test of order 1 needs more than 3 rows, but n = 3", fit.BreuschGodfrey(1).PValue.Reason);
        // Sxx = 14/3, Sxy = 17/6, Syy = 13/6: b = 17/28, SSE = Syy − b·Sxy = 25/56 and t = b / √(SSE / Sxx) = 17/√75.
        Assert.Equal(25.0 / 56, fit.SsResidual, 1e-14);
        Assert.Equal(17 / Math.Sqrt(75), fit.TValues[1].Value, 1e-12);
    }

    [Fact]
    public void AsManyRowsAsCoefficientsIsRefusedAtTheFit() =>
        Assert.Contains("n = 2 rows but 2 coefficients", Refused(() => Ols.FitSimple([1, 2], [3, 5], "m1")).Reason);

    [Fact]
    public void BreuschGodfreyOfTooHighAnOrderIsUndefinedWithTheRowsItNeeds()
    {
        var fit = Ols.FitSimple(X, Y, "m1");
        Assert.True(fit.BreuschGodfrey(3).Statistic.IsDefined);
        Assert.Equal("the Breusch-Godfrey test of order 4 needs more than 6 rows, but n = 6", fit.BreuschGodfrey(4).Statistic.Reason);
        Assert.Equal(4, fit.BreuschGodfrey(4).DegreesOfFreedom);
        Assert.Equal("order", Assert.Throws<ArgumentOutOfRangeException>(() => fit.BreuschGodfrey(0)).ParamName);
    }

    [Fact]
    public void JarqueBeraOfResidualsWithoutVarianceIsUndefined()
    {
        // Through the origin with Σx = 0, y = 2x + 5 leaves every residual at 5: no spread for skewness or kurtosis.
        var fit = Ols.Fit(Design.ThroughOrigin("m1", ("x", [-1.0, 1, -2, 2])), [3.0, 7, 1, 9]);
        Assert.Equal(2, fit.Coefficients[0], 1e-15);
        Assert.Contains("the residuals have no variance", fit.JarqueBera.Statistic.Reason);
        Assert.Contains("the residuals have no variance", fit.JarqueBera.PValue.Reason);
        Assert.Equal(0, fit.DurbinWatson.Value, 1e-12);
    }

    [Fact]
    public void ARowTheFitMustPassThroughHasLeverageOne()
    {
        // The last row alone has w = 1, so the fit passes through it (h = 1).
        double[] x = [1, 2, 3, 4, 5], w = [0, 0, 0, 0, 1], y = [1.1, 1.9, 3.2, 3.9, 7.0];
        var fit = Ols.Fit(Design.WithIntercept("m1", ("x", x), ("w", w)), y);
        Assert.Equal(1, fit.Leverage[4], 1e-12);
        Assert.True(fit.Leverage[0] < 1);
    }

    [Fact]
    public void AnUnknownTermIsAnArgumentError()
    {
        var fit = Ols.FitSimple(X, Y, "m1");
        Assert.Contains("has no term 'nope'", Assert.Throws<ArgumentException>(() => fit["nope"]).Message);
    }

    [Fact]
    public void DesignCopiesItsInputs()
    {
        var x = (double[])X.Clone();
        var d = Design.WithIntercept("m1", ("x", x));
        x[0] = 99;
        Assert.Equal(1.0, d[0, 1]);
        Assert.Equal(1.0, d[0, 0]);
        Assert.Equal(["intercept", "x"], d.Terms);
        Assert.True(d.HasIntercept);
        Assert.Equal((6, 2), (d.Rows, d.Columns));
    }
}
