using NotebookAnalysis.Data;
using NotebookAnalysis.Regression;
using static NotebookAnalysis.Tests.Support.DecimalOracle;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Regression;

/// <summary>
/// The paper's three regressions (Tables 2-4) against closed-form simple-regression formulas evaluated in
/// System.Decimal: b1 = Sxy/Sxx, b0 = ȳ - b1 x̄, SSE = Syy - b1 Sxy, SE(b1) = sqrt(s²/Sxx), SE(b0) = sqrt(s²(1/n + x̄²/Sxx)).
/// </summary>
public class PaperRegressionTests
{
    public static TheoryData<Market> Markets => new() { Market.Goods, Market.Financial, Market.Innovation };

    private static DecimalOracle.SimpleRegression ClosedForm(double[] xs, double[] ys) => new(xs, ys);

    [Theory]
    [MemberData(nameof(Markets))]
    public void MatchesClosedFormInDecimal(Market market)
    {
        var s = Table1.LoadBundled().Series(market);
        var fit = Ols.FitSimple(s.ClustersArray(), s.ScoreArray(), s.Spec.Id);
        var c = ClosedForm(s.ClustersArray(), s.ScoreArray());
        double s2 = (double)(c.SsResidual / (c.N - 2));
        double se1 = Math.Sqrt(s2 / (double)c.Sxx);
        double se0 = Math.Sqrt(s2 * (double)(1m / c.N + c.MeanX * c.MeanX / c.Sxx));

        Assert.Equal(["intercept", "x"], fit.Terms);
        Close((double)c.Intercept, fit.Coefficients[0], 1e-12, "b0");
        Close((double)c.Slope, fit.Coefficients[1], 1e-12, "b1");
        Close(se0, fit.StandardErrors[0], 1e-12, "SE b0");
        Close(se1, fit.StandardErrors[1], 1e-12, "SE b1");
        Close((double)c.Slope / se1, fit.TValues[1].Value, 1e-12, "t b1");
        Close((double)c.SsResidual, fit.SsResidual, 1e-12, "SSE");
        Close((double)c.SsRegression, fit.SsRegression, 1e-12, "SSR");
        Close((double)c.Syy, fit.SsTotal, 1e-12, "SST");
        Close((double)(c.SsRegression / c.Syy), fit.RSquared.Value, 1e-12, "R²");
        Close(Math.Sqrt((double)(c.SsRegression / c.Syy)), fit.MultipleR.Value, 1e-12, "Multiple R");
        Close(1 - (double)(c.SsResidual / c.Syy) * (c.N - 1) / (c.N - 2), fit.AdjustedRSquared.Value, 1e-12, "adj R²");
        Close(Math.Sqrt(s2), fit.Sigma, 1e-12, "sigma");
        Close((double)(c.SsRegression / (c.SsResidual / (c.N - 2))), fit.FStatistic.Value, 1e-12, "F");
        Assert.Equal(1, fit.DfModel);
        Assert.Equal(8, fit.DfResidual);
        // With one regressor F = t² and Significance F equals the slope's p-value.
        Close(fit.TValues[1].Value * fit.TValues[1].Value, fit.FStatistic.Value, 1e-12, "F = t²");
        Close(fit.PValues[1].Value, fit.FPValue.Value, 1e-10, "Significance F = p(b1)");
        Assert.Equal(fit.CoefficientTable[1], fit["x"]);
    }

    [Theory]
    [MemberData(nameof(Markets))]
    public void DiagnosticsMatchTheirFormulas(Market market)
    {
        var s = Table1.LoadBundled().Series(market);
        var xs = s.ClustersArray();
        var fit = Ols.FitSimple(xs, s.ScoreArray(), s.Spec.Id);
        var c = ClosedForm(xs, s.ScoreArray());
        int n = c.N;
        var x = Dec(xs);
        var y = Dec(s.ScoreArray());
        var r = new decimal[n];
        for (int i = 0; i < n; i++) r[i] = y[i] - c.Intercept - c.Slope * x[i];
        double sigma = Math.Sqrt((double)(c.SsResidual / (n - 2)));

        for (int i = 0; i < n; i++)
        {
            double h = (double)(1m / n + (x[i] - c.MeanX) * (x[i] - c.MeanX) / c.Sxx);
            Close(h, fit.Leverage[i], 1e-12, $"h[{i}]");
            Close((double)r[i], fit.Residuals[i], 1e-9, $"r[{i}]");
        }
        decimal dwNum = 0;
        for (int i = 1; i < n; i++) dwNum += (r[i] - r[i - 1]) * (r[i] - r[i - 1]);
        Close((double)(dwNum / c.SsResidual), fit.DurbinWatson.Value, 1e-10, "Durbin-Watson");

        double ll = -n / 2.0 * (Math.Log(2 * Math.PI) + Math.Log((double)c.SsResidual / n) + 1);
        Close(ll, fit.LogLikelihood.Value, 1e-12, "logLik");
        Close(-2 * ll + 2 * 3, fit.Aic.Value, 1e-12, "AIC");
        Close(-2 * ll + Math.Log(n) * 3, fit.Bic.Value, 1e-12, "BIC");

        // Jarque-Bera from central moments of the decimal residuals.
        decimal mean = r.Sum() / n, m2 = 0, m3 = 0, m4 = 0;
        foreach (var v in r) { var d = v - mean; m2 += d * d; m3 += d * d * d; m4 += d * d * d * d; }
        double M2 = (double)(m2 / n), M3 = (double)(m3 / n), M4 = (double)(m4 / n);
        double skew = M3 / Math.Pow(M2, 1.5), kurt = M4 / (M2 * M2);
        double jb = n / 6.0 * (skew * skew + (kurt - 3) * (kurt - 3) / 4);
        Close(jb, fit.JarqueBera.Statistic.Value, 1e-8, "JB");
        Close(Math.Exp(-jb / 2), fit.JarqueBera.PValue.Value, 1e-8, "JB p (χ²(2) tail = e^{-x/2})");

        // Koenker Breusch-Pagan: n R² of r² on x, R² = Sxy²/(Sxx Syy) in decimal.
        var w = r.Select(v => v * v).ToArray();
        decimal wb = w.Sum() / n, swx = 0, sww = 0;
        for (int i = 0; i < n; i++) { swx += (w[i] - wb) * (x[i] - c.MeanX); sww += (w[i] - wb) * (w[i] - wb); }
        double bp = n * (double)(swx * swx / (c.Sxx * sww));
        Close(bp, fit.BreuschPagan.Statistic.Value, 1e-8, "BP");
        Assert.Equal(1, fit.BreuschPagan.DegreesOfFreedom);

        // Breusch-Godfrey(1): n R² (uncentered) of r_t on [1, x, r_{t-1}], solved in decimal.
        var lag = new decimal[n];
        for (int i = 1; i < n; i++) lag[i] = r[i - 1];
        var cols = new[] { Ones(n), x, lag };
        var g = Solve(cols, r);
        var e = DecimalOracle.Residuals(cols, r, g);
        double bg = n * (1 - (double)(e.Sum(v => v * v) / r.Sum(v => v * v)));
        Close(bg, fit.BreuschGodfrey(1).Statistic.Value, 1e-8, "BG(1)");

        // Condition number of [1, x]: sqrt of the eigenvalue ratio of the 2×2 X'X.
        double a = n, b = (double)x.Sum(), d2 = (double)x.Sum(v => v * v);
        double tr = a + d2, det = (double)(n * x.Sum(v => v * v) - x.Sum() * x.Sum());
        double l1 = tr / 2 + Math.Sqrt(tr * tr / 4 - det), l2 = det / l1;
        Close(Math.Sqrt(l1 / l2), fit.ConditionNumber, 1e-10, "condition number");

        // (X'X)^{-1} for [1, x]: [[Σx², -Σx], [-Σx, n]] / det.
        var u = fit.UnscaledCovariance();
        Close(d2 / det, u[0, 0], 1e-11, "(X'X)^-1[0,0]");
        Close(-b / det, u[0, 1], 1e-11, "(X'X)^-1[0,1]");
        Close(a / det, u[1, 1], 1e-11, "(X'X)^-1[1,1]");
        Close(sigma * sigma * a / det, fit.Covariance()[1, 1], 1e-11, "cov[1,1]");
    }
}
