using System.Globalization;
using NotebookAnalysis.Data;
using NotebookAnalysis.Regression;
using static NotebookAnalysis.Tests.Support.DecimalOracle;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Regression;

/// <summary>Several regressors and regression through the origin, against the decimal normal-equation reference.</summary>
public class MultipleRegressionTests
{
    [Fact]
    public void QuadraticTrendMatchesDecimalReference()
    {
        var s = Table1.LoadBundled().Series(Market.Goods);
        double[] x = s.ClustersArray(), year = s.YearsAsDouble().Select(v => v - 2009).ToArray(), y = s.ScoreArray();
        var fit = Ols.Fit(Design.WithIntercept("quad", ("x", x), ("year", year), ("x_squared", x.Select(v => v * v).ToArray())), y);
        var cols = new[] { Ones(x.Length), Dec(x), Dec(year), Dec(x.Select(v => v * v)) };
        var b = Solve(cols, Dec(y));
        var r = DecimalOracle.Residuals(cols, Dec(y), b);
        for (int j = 0; j < 4; j++) Close((double)b[j], fit.Coefficients[j], 1e-10, $"b{j}");
        decimal sse = r.Sum(v => v * v);
        Close((double)sse, fit.SsResidual, 1e-10, "SSE");
        Assert.Equal(3, fit.DfModel);
        Assert.Equal(6, fit.DfResidual);

        // Leverage sums to K (trace of the hat matrix).
        Close(4, fit.Leverage.Sum(), 1e-12, "trace H");
    }

    [Fact]
    public void ThroughOriginUsesUncenteredRSquared()
    {
        double[] x = [1, 2, 3, 4, 5, 7], y = [1.2, 1.9, 3.2, 3.9, 5.3, 6.8];
        var fit = Ols.Fit(Design.ThroughOrigin("origin", ("x", x)), y);
        decimal sxx = Dec(x).Sum(v => v * v), sxy = Dec(x).Zip(Dec(y), (a, b) => a * b).Sum(), syy = Dec(y).Sum(v => v * v);
        decimal b1 = sxy / sxx, sse = syy - b1 * sxy;
        Close((double)b1, fit.Coefficients[0], 1e-13, "b");
        Close((double)(1 - sse / syy), fit.RSquared.Value, 1e-12, "uncentered R²");
        Close(1 - (double)(sse / syy) * 6 / 5, fit.AdjustedRSquared.Value, 1e-12, "adj R² (R: n/(n-k) through origin)");
        Close(Math.Sqrt((double)(sse / 5 / sxx)), fit.StandardErrors[0], 1e-12, "SE");
        Assert.Equal(1, fit.DfModel);
        Assert.False(fit.Design.HasIntercept);
        Close((double)(b1 * sxy / (sse / 5)), fit.FStatistic.Value, 1e-11, "F");
    }

    [Fact]
    public void ThroughOriginWithATermNamedInterceptHasItsDiagnostics()
    {
        // Prais-Winsten fits its transformed constant through the origin as the term "intercept". The auxiliary
        // regressions of Breusch-Pagan (which adds its own intercept) and Breusch-Godfrey once refused that name
        // ("the term 'intercept' appears twice"); term names must not change any value.
        double[] c = [0.6, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2], x = [1.1, 0.9, 1.4, 1.2, 2.0, 1.6, 2.3, 2.1];
        double[] y = [2.1, 1.0, 1.9, 1.3, 2.7, 1.8, 3.1, 2.4];
        var named = Ols.Fit(Design.ThroughOrigin("pw", ("intercept", c), ("x", x)), y);
        var plain = Ols.Fit(Design.ThroughOrigin("pw", ("c", c), ("x", x)), y);
        Assert.Equal(["intercept", "x"], named.Terms);
        Assert.Equal(plain.BreuschPagan.Statistic, named.BreuschPagan.Statistic);
        Assert.Equal(plain.BreuschGodfrey(1).Statistic, named.BreuschGodfrey(1).Statistic);

        // Koenker BP: n·R² of r² on [1, c, x], in decimal.
        var r = DecimalOracle.Residuals([Dec(c), Dec(x)], Dec(y), Solve([Dec(c), Dec(x)], Dec(y)));
        var r2 = r.Select(v => v * v).ToArray();
        var cols = new[] { Ones(c.Length), Dec(c), Dec(x) };
        var e = DecimalOracle.Residuals(cols, r2, Solve(cols, r2));
        decimal mean = r2.Sum() / r2.Length, sst = r2.Sum(v => (v - mean) * (v - mean));
        Close((double)(c.Length * (1 - e.Sum(v => v * v) / sst)), named.BreuschPagan.Statistic.Value, 1e-9, "BP");
        Assert.Equal(2, named.BreuschPagan.DegreesOfFreedom);
    }

    [Fact]
    public void SummaryIsCultureInvariant()
    {
        var s = Table1.LoadBundled().Series(Market.Goods);
        var fit = Ols.FitSimple(s.ClustersArray(), s.ScoreArray(), "T2_goods");
        var (c, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        string invariant, russian;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            invariant = Ols.FitSimple(s.ClustersArray(), s.ScoreArray(), "T2_goods").Summary();
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ru-RU");
            russian = Ols.FitSimple(s.ClustersArray(), s.ScoreArray(), "T2_goods").Summary();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (c, ui);
        }
        Assert.Equal(invariant, russian);
        Assert.Contains(fit.Coefficients[1].ToString("G6", CultureInfo.InvariantCulture), invariant);
        Assert.Contains("T2_goods", invariant);
        Assert.Contains("Durbin-Watson", invariant);
    }
}
