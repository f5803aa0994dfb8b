using MathNet.Numerics.Distributions;
using NotebookAnalysis.Data;
using NotebookAnalysis.Reproduction;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Reproduction;

public class VerdictTests
{
    private static readonly IReadOnlyList<MarketReproduction> Reps = MarketReproduction.All(Table1.LoadBundled());

    /// <summary>The value of each published statistic derived in the test: decimal closed forms, MathNet for t tails.</summary>
    private static double Independent(DecimalOracle.SimpleRegression d, string statistic, string term)
    {
        double tq = StudentT.InvCDF(0, 1, d.N - 2, 0.975);
        double P(decimal t) => 2 * StudentT.CDF(0, 1, d.N - 2, -Math.Abs((double)t));
        return (statistic, term) switch
        {
            ("multiple_r", _) => (double)d.MultipleR,
            ("r_squared", _) => (double)d.RSquared,
            ("adj_r_squared", _) => (double)d.AdjRSquared,
            ("sigma", _) => (double)d.Sigma,
            ("nobs", _) => d.N,
            ("df_model", _) => 1,
            ("df_resid", _) => d.N - 2,
            ("df_total", _) => d.N - 1,
            ("ss_regression", _) or ("ms_regression", _) => (double)d.SsRegression,
            ("ss_residual", _) => (double)d.SsResidual,
            ("ms_residual", _) => (double)d.MsResidual,
            ("ss_total", _) => (double)d.Syy,
            ("f_stat", _) => (double)d.F,
            ("f_pvalue", _) => P(d.TSlope),
            ("estimate", "x") => (double)d.Slope,
            ("estimate", "intercept") => (double)d.Intercept,
            ("std_error", "x") => (double)d.SeSlope,
            ("std_error", "intercept") => (double)d.SeIntercept,
            ("t_value", "x") => (double)d.TSlope,
            ("t_value", "intercept") => (double)d.TIntercept,
            ("p_value", "x") => P(d.TSlope),
            ("p_value", "intercept") => P(d.TIntercept),
            ("ci95_lower", "x") => (double)d.Slope - tq * (double)d.SeSlope,
            ("ci95_upper", "x") => (double)d.Slope + tq * (double)d.SeSlope,
            ("ci95_lower", "intercept") => (double)d.Intercept - tq * (double)d.SeIntercept,
            ("ci95_upper", "intercept") => (double)d.Intercept + tq * (double)d.SeIntercept,
            _ => throw new ArgumentException($"{statistic} {term}"),
        };
    }

    [Fact]
    public void Recomputed_values_agree_with_an_independent_decimal_derivation()
    {
        foreach (var r in Reps)
        {
            var d = new DecimalOracle.SimpleRegression(r.Series.Clusters, r.Series.Score);
            foreach (var v in r.Verdicts)
            {
                double expected = Independent(d, v.Published.Statistic, v.Published.Term);
                // p-values in the far tail: MathNet's CDF is itself only accurate to a relative ~1e-9 there.
                double tol = v.Published.Statistic.Contains("pvalue") || v.Published.Statistic == "p_value" ? 1e-8 : 1e-11;
                Assert.True(Math.Abs(v.Recomputed - expected) <= tol * Math.Max(1e-300, Math.Abs(expected)),
                    $"{r.TableId} {v.Published.Key}: engine {v.Recomputed:R}, independent {expected:R}");
            }
        }
    }

    [Fact]
    public void Verdicts_cover_81_numbers_and_follow_from_rounding_the_independent_values()
    {
        var all = Reps.SelectMany(r => r.Verdicts).ToList();
        Assert.Equal(81, all.Count);
        foreach (var r in Reps)
        {
            var d = new DecimalOracle.SimpleRegression(r.Series.Clusters, r.Series.Score);
            foreach (var v in r.Verdicts)
            {
                var p = v.Published;
                decimal exact = (decimal)Independent(d, p.Statistic, p.Term);
                long units = (long)((Math.Round(exact / p.LastDigitUnit, 0, MidpointRounding.AwayFromZero) * p.LastDigitUnit - p.Value) / p.LastDigitUnit);
                var expectedKind = Math.Abs(units) switch { 0 => VerdictKind.Match, 1 => VerdictKind.LastDigit, _ => VerdictKind.Mismatch };
                Assert.Equal(expectedKind, v.Kind);
                if (v.Kind != VerdictKind.Match) Assert.False(string.IsNullOrWhiteSpace(v.Explanation));
            }
        }
    }

    [Fact]
    public void Every_non_match_has_a_sentence()
    {
        foreach (var v in Reps.SelectMany(r => r.Verdicts).Where(v => v.Kind != VerdictKind.Match))
            Assert.Matches(@"^T\d_\w+ "".+"": printed .+\.$", v.Explanation);
    }

    private static PublishedNumber Num(string printed, string statistic = "sigma") =>
        new("T2_goods", "regression_statistics", statistic, "", "Standard error", "", "Standard Error", "", printed, PublishedNumber.DecimalsOf(printed));

    [Theory]
    [InlineData("0.0269", 0.026896953552206, "match", 0)]
    [InlineData("0.0270", 0.026896953552206, "last-digit", -1)]
    [InlineData("0.0268", 0.026896953552206, "last-digit", 1)]
    [InlineData("0.0275", 0.026896953552206, "mismatch", -6)]
    [InlineData("-0.0074", -0.00736, "match", 0)]
    [InlineData("2.08182E-08", 2.0818249e-08, "match", 0)]
    [InlineData("2.08183E-08", 2.0818249e-08, "last-digit", -1)]
    [InlineData("0.00005", 0.000045, "match", 0)] // half away from zero, as Excel rounds for display
    public void Judge_classifies_by_units_of_the_last_printed_digit(string printed, double recomputed, string kind, long units)
    {
        var v = Verdicts.Judge(Num(printed), recomputed);
        Assert.Equal(kind, v.KindName);
        Assert.Equal(units, v.RoundedDifferenceUnits);
        if (kind != "match") Assert.Contains(printed, v.Explanation);
    }

    [Fact]
    public void Truncation_is_recognised_and_explained()
    {
        var v = Verdicts.Judge(Num("0.0268"), 0.02689);
        Assert.Equal(VerdictKind.LastDigit, v.Kind);
        Assert.Contains("truncated", v.Explanation);
    }

    [Fact]
    public void Zero_printed_p_values_get_a_note_with_their_size()
    {
        var p = Reps[0].Verdicts.Single(v => v.Published.Statistic == "p_value" && v.Published.Term == "intercept");
        Assert.Equal("0.0000", p.Published.Printed);
        Assert.Equal(VerdictKind.Match, p.Kind);
        Assert.Contains("hides its size", p.Explanation);
    }

    [Fact]
    public void Verdicts_are_identical_under_ru_RU()
    {
        string Render() => Report.Reporting.VerdictTables.VerdictsCsv(MarketReproduction.All(Table1.LoadBundled()));
        Assert.Equal(CultureScope.Run("", Render), CultureScope.Run("ru-RU", Render));
    }
}
