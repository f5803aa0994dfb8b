using NotebookAnalysis.Data;
using NotebookAnalysis.Models;
using NotebookAnalysis.Regression;
using static NotebookAnalysis.Tests.Models.Reference;
using static NotebookAnalysis.Tests.Support.DecimalOracle;

namespace NotebookAnalysis.Tests.Models;

/// <summary>Each specification's coefficients and exact leave-one-out against references derived here, independently.</summary>
public class AlternativeModelsTests
{
    public static TheoryData<Market> Markets => new() { Market.Goods, Market.Financial, Market.Innovation };

    private static ModelInput Input(Market m) => ModelInput.From(Table1.LoadBundled(), m);

    /// <summary>The transformed (x, y) of each one-regressor specification, built by hand, and how to take y back to its level.</summary>
    private static (double[] X, double[] Y, double[] Level, Func<int, double, double> ToLevel) Hand(ModelInput input, ModelSpec spec)
    {
        double[] x = [.. input.X], y = [.. input.Y], year = input.Years.Select(v => (double)v).ToArray();
        int n = x.Length;
        double[] Tail(double[] v) => v[1..];
        return spec.Name switch
        {
            "base" => (x, y, y, (_, p) => p),
            "lag1" => (x[..^1], Tail(y), Tail(y), (_, p) => p),
            "loglog" => (x.Select(v => Math.Log(v)).ToArray(), y.Select(v => Math.Log(v)).ToArray(), y, (_, p) => Math.Exp(p)),
            "logy_x" => (x, y.Select(v => Math.Log(v)).ToArray(), y, (_, p) => Math.Exp(p)),
            "y_logx" => (x.Select(v => Math.Log(v)).ToArray(), y, y, (_, p) => p),
            "firstdiff" => (Enumerable.Range(1, n - 1).Select(t => x[t] - x[t - 1]).ToArray(),
                            Enumerable.Range(1, n - 1).Select(t => y[t] - y[t - 1]).ToArray(), Tail(y), (i, p) => y[i] + p),
            "year_only" => (year, y, y, (_, p) => p),
            _ => throw new ArgumentException(spec.Name),
        };
    }

    public static TheoryData<Market, string> SimpleSpecs()
    {
        var data = new TheoryData<Market, string>();
        foreach (var m in new[] { Market.Goods, Market.Financial, Market.Innovation })
            foreach (var s in new[] { "base", "lag1", "loglog", "logy_x", "y_logx", "firstdiff", "year_only" })
                data.Add(m, s);
        return data;
    }

    [Theory]
    [MemberData(nameof(SimpleSpecs))]
    public void OneRegressorModelsMatchClosedFormAndBruteForceLoo(Market market, string name)
    {
        var input = Input(market);
        var spec = ModelSpecs.All.Single(known => known.Name == name);
        var fit = AlternativeModels.Fit(input, spec);
        var (x, y, level, toLevel) = Hand(input, spec);
        var reference = SimpleFit(x, y);
        string term = spec.Regressor == RegressorTransform.None ? "year" : "x";

        Assert.Equal(x.Length, fit.OlsFit.N);
        Assert.True(Rel(fit[term].Estimate, reference.B1) < 1e-10, $"{name} slope {fit[term].Estimate} vs {reference.B1}");
        Assert.True(Math.Abs(fit["intercept"].Estimate - reference.B0) <= 1e-9 * Math.Max(Math.Abs(reference.B0), 1e-3), $"{name} intercept {fit["intercept"].Estimate} vs {reference.B0}");

        // Exact LOO through the hat matrix equals refitting without each row, on the level scale of y.
        var brute = BruteForceLooSimple(x, y).Select((p, i) => toLevel(i, p)).ToArray();
        Assert.Equal(level, fit.Loo!.Actual);
        for (int i = 0; i < brute.Length; i++)
            Assert.True(Math.Abs(fit.Loo.Predicted[i] - brute[i]) < 1e-10, $"{name} row {i}: {fit.Loo.Predicted[i]} vs {brute[i]}");
        Assert.True(Rel(fit.Loo.Rmse, Rmse(level, brute)) < 1e-9);
    }

    [Theory]
    [MemberData(nameof(Markets))]
    public void TwoRegressorModelsMatchDecimalCramer(Market market)
    {
        var input = Input(market);
        double[] x = [.. input.X], y = [.. input.Y], year = input.Years.Select(v => (double)v).ToArray();

        var trend = AlternativeModels.Fit(input, ModelSpecs.XPlusYear);
        var (t0, t1, t2) = TwoRegressors(x, year, y);
        Assert.True(Rel(trend["x"].Estimate, (double)t1) < 1e-9, $"x_plus_year x {trend["x"].Estimate} vs {t1}");
        Assert.True(Rel(trend["year"].Estimate, (double)t2) < 1e-9);
        Assert.True(Rel(trend["intercept"].Estimate, (double)t0) < 1e-9);

        var quad = AlternativeModels.Fit(input, ModelSpecs.Quadratic);
        var (q0, q1, q2) = TwoRegressors(x, x.Select(v => v * v).ToArray(), y);
        Assert.True(Rel(quad["x"].Estimate, (double)q1) < 1e-9, $"quadratic x {quad["x"].Estimate} vs {q1}");
        Assert.True(Rel(quad["x_squared"].Estimate, (double)q2) < 1e-9);
        Assert.True(Rel(quad["intercept"].Estimate, (double)q0) < 1e-9);

        // LOO by refitting the 2-regressor model without each row (decimal Cramer again).
        foreach (var (fit, other) in new[] { (trend, year), (quad, x.Select(v => v * v).ToArray()) })
        {
            var pred = new double[y.Length];
            for (int i = 0; i < y.Length; i++)
            {
                var keep = Enumerable.Range(0, y.Length).Where(j => j != i).ToArray();
                var (b0, b1, b2) = TwoRegressors(keep.Select(j => x[j]).ToArray(), keep.Select(j => other[j]).ToArray(), keep.Select(j => y[j]).ToArray());
                pred[i] = (double)(b0 + b1 * (decimal)x[i] + b2 * (decimal)other[i]);
            }
            Assert.True(Rel(fit.Loo!.Rmse, Rmse(y, pred)) < 1e-9, $"{fit.Spec.Name}: {fit.Loo!.Rmse} vs {Rmse(y, pred)}");
        }
    }

    [Theory]
    [MemberData(nameof(Markets))]
    public void MeanOnlyBenchmarkMatchesBruteForce(Market market)
    {
        var input = Input(market);
        double[] y = [.. input.Y];
        var pred = y.Select((_, i) => y.Where((_, j) => j != i).Average()).ToArray();
        Assert.True(Rel(LeaveOneOut.MeanOnly(input).Rmse, Rmse(y, pred)) < 1e-12);
    }

    [Theory]
    [MemberData(nameof(Markets))]
    public void NeweyWestSlopeSeMatchesTheScalarFormula(Market market)
    {
        var input = Input(market);
        double[] x = [.. input.X], y = [.. input.Y];
        var r = SimpleFit(x, y);
        // The slope's score is (x_t − x̄) e_t / Sxx; Bartlett lag L adds 2·w_l·Σ u_t u_{t−l}.
        double Var(int lag)
        {
            var u = x.Select((v, t) => (v - r.XBar) * r.Residuals[t]).ToArray();
            double s = u.Sum(v => v * v);
            for (int l = 1; l <= lag; l++)
            {
                double w = 1 - l / (lag + 1.0), g = 0;
                for (int t = l; t < u.Length; t++) g += u[t] * u[t - l];
                s += 2 * w * g;
            }
            return s / (r.Sxx * r.Sxx);
        }
        var lag1 = AlternativeModels.Fit(input, ModelSpecs.HacNeweyWestLag1);
        Assert.Equal(1, lag1.HacLag);
        Assert.True(Rel(lag1["x"].StdError.Value, Math.Sqrt(Var(1))) < 1e-9, $"{lag1["x"].StdError.Value} vs {Math.Sqrt(Var(1))}");
        var auto = AlternativeModels.Fit(input, ModelSpecs.HacNeweyWestAuto);
        Assert.Equal(2, auto.HacLag);
        Assert.True(Rel(auto["x"].StdError.Value, Math.Sqrt(Var(2))) < 1e-9);
        // p from t(n − k) with the HAC SE, point estimate unchanged.
        Assert.Equal(lag1.OlsFit["x"].Estimate, lag1["x"].Estimate);
        double t = lag1["x"].Estimate / lag1["x"].StdError.Value;
        Assert.True(Rel(lag1["x"].PValue.Value, NotebookAnalysis.Statistics.Distributions.StudentTTwoSidedP(t, 8)) < 1e-12);
    }

    [Fact]
    public void AnExactFitWritesNoNonFiniteRowAndGivesEveryOmissionItsReason()
    {
        // y = 1 + 2x exactly: every least-squares model on the level of y fits it exactly (σ = 0).
        int[] years = [.. Enumerable.Range(2009, 10)];
        double[] x = [10, 12, 13, 15, 16, 18, 19, 21, 22, 24];
        var input = ModelInput.FromArrays("T", years, x.Select(v => 1 + 2 * v).ToArray(), x);
        int fitted = 0;
        foreach (var spec in ModelSpecs.All)
        {
            AlternativeFit fit;
            try { fit = AlternativeModels.Fit(input, spec); }
            catch (ModelException) { continue; } // e.g. Prais-Winsten: ρ of all-zero residuals does not exist
            fitted++;
            var undefined = new List<NotebookAnalysis.Results.UndefinedResult>();
            var rows = fit.ToResultRows(undefined);
            Assert.All(rows, r => Assert.True(double.IsFinite(r.Value), $"{spec.Name} {r.Statistic} {r.Term} = {r.Value}"));
            Assert.All(undefined, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason), $"{spec.Name} {u.What}"));
        }
        Assert.True(fitted >= 10, $"{fitted} specs fitted");
        foreach (var spec in new[] { ModelSpecs.Base, ModelSpecs.HacNeweyWestLag1 })
        {
            var fit = AlternativeModels.Fit(input, spec);
            Assert.Equal(0, fit["x"].StdError.Value, 1e-12);
            Assert.Contains("exact fit", fit["x"].TValue.Reason);
            Assert.Contains("exact fit", fit["x"].PValue.Reason);
            Assert.Equal(2, fit["x"].Lower95.Value, 1e-12);
            Assert.Contains("the log-likelihood is undefined", fit.AicLevelScale.Reason);
            Assert.Equal(0, fit.LooRmse.Value, 1e-9);
        }
    }

    [Fact]
    public void AutomaticLagFollowsNeweyWest1994RuleOfThumb()
    {
        Assert.Equal(2, NeweyWest.AutomaticLag(10));
        Assert.Equal(3, NeweyWest.AutomaticLag(50));  // 4·0.5^(2/9) = 3.43
        Assert.Equal(4, NeweyWest.AutomaticLag(100)); // 4·1
    }

    [Theory]
    [MemberData(nameof(Markets))]
    public void LevelScaleLikelihoodAddsTheJacobianOfTheLog(Market market)
    {
        var input = Input(market);
        var fit = AlternativeModels.Fit(input, ModelSpecs.LogLog);
        double[] ly = input.Y.Select(v => Math.Log(v)).ToArray(), lx = input.X.Select(v => Math.Log(v)).ToArray();
        var r = SimpleFit(lx, ly);
        int n = ly.Length;
        double s2 = r.Residuals.Sum(e => e * e) / n; // ML variance
        // Density of y: N(log y; fitted, s2) / y.
        double ll = 0;
        for (int i = 0; i < n; i++)
            ll += -0.5 * Math.Log(2 * Math.PI * s2) - r.Residuals[i] * r.Residuals[i] / (2 * s2) - Math.Log(input.Y[i]);
        Assert.True(Rel(fit.LogLikelihoodLevelScale.Value, ll) < 1e-10, $"{fit.LogLikelihoodLevelScale.Value} vs {ll}");
        Assert.True(Rel(fit.AicLevelScale.Value, -2 * ll + 2 * 3) < 1e-10);
        Assert.True(Rel(fit.BicLevelScale.Value, -2 * ll + Math.Log(n) * 3) < 1e-10);
        // Level-y models need no Jacobian.
        var b = AlternativeModels.Fit(input, ModelSpecs.Base);
        Assert.Equal(b.OlsFit.Aic, b.AicLevelScale);
    }
}
