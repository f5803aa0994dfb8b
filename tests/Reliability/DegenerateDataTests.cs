using System.Numerics;
using NotebookAnalysis.Cli;
using NotebookAnalysis.Report.Pipeline;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Reproduction;
using NotebookAnalysis.Results;
using static NotebookAnalysis.Tests.Reliability.Inputs;

namespace NotebookAnalysis.Tests.Reliability;

/// <summary>
/// Issue 13, "degenerate but valid data runs to the end": perfect fits, a constant y and collinear alternatives finish
/// with exit 0; an undefined statistic is left out of results.csv and explained in REPRODUCTION.md, never NaN or ∞.
/// </summary>
public class DegenerateDataTests
{
    private static IReadOnlyList<ResultRow> Rows(Run run) => Support.ResultsFile.Parse(run.Files["results.csv"]);

    /// <summary>No value is NaN or infinite (an explanation may say that a statistic would be +∞).</summary>
    private static void AssertNoNonFinite(Run run)
    {
        foreach (var name in new[] { "results.csv", "verdicts.csv", "consistency.csv" })
        {
            Assert.DoesNotContain("NaN", run.Files[name]);
            Assert.DoesNotContain("Infinity", run.Files[name]);
        }
        Assert.DoesNotContain("∞", run.Files["results.csv"]);
    }

    [Fact]
    public void A_goods_fit_that_is_perfect_up_to_rounding_runs_to_the_end()
    {
        var run = RunMainJob(PerfectGoods());
        Assert.True(run.Code == JobRunner.Ok, run.Stderr);
        AssertNoNonFinite(run);
        var r2 = Rows(run).Single(r => r.Table == "T2_goods" && r.Model == "base" && r.Statistic == "r_squared").Value;
        Assert.True(r2 > 1 - 1e-12, $"R² = {r2}");
        // The t statistics are of order 1e14: the verdicts judge them exactly (no decimal overflow).
        Assert.Contains("T2_goods,coefficients,t_value,x,", run.Files["verdicts.csv"]);
    }

    [Fact]
    public void All_three_markets_perfect_run_to_the_end()
    {
        var run = RunMainJob(PerfectAll());
        Assert.True(run.Code == JobRunner.Ok, run.Stderr);
        AssertNoNonFinite(run);
    }

    [Fact]
    public void An_exact_fit_leaves_out_the_undefined_statistics_and_says_why()
    {
        var run = RunMainJob(ExactGoods());
        Assert.True(run.Code == JobRunner.Ok, run.Stderr);
        AssertNoNonFinite(run);
        var baseRows = Rows(run).Where(r => r.Table == "T2_goods" && r.Model == "base").ToList();
        Assert.DoesNotContain(baseRows, r => r.Statistic is "t_value" or "f_stat" or "durbin_watson" or "bg1_stat");
        Assert.Contains(baseRows, r => r.Statistic == "estimate" && r.Term == "x" && r.Value == 1.0 / 16);
        var report = run.Files["REPRODUCTION.md"];
        Assert.Contains("## Statistics left out of results.csv", report);
        Assert.Contains("- T2_goods/base: t_value (intercept), p_value (intercept), t_value (x), p_value (x): the standard error is 0 (an exact fit: every residual is 0), so t = b / SE is undefined.", report);
        Assert.Contains("- T2_goods/base: f_stat, f_pvalue: the fit is exact (every residual is 0, so σ = 0), so F = MSR / MSE is undefined.", report);
        Assert.Contains("- T2_goods/base: loglik, aic, bic: the fit is exact (every residual is 0, so σ = 0), so the log-likelihood is undefined.", report);
        Assert.Contains("- T2_goods/base: durbin_watson: the fit is exact (every residual is 0, so σ = 0), so the Durbin-Watson statistic is undefined.", report);
        // The printed t and F are judged "undefined", with the reason, not "mismatch" against ∞.
        var verdicts = run.Files["verdicts.csv"].Split('\n').Where(l => l.StartsWith("T2_goods,anova,f_stat,")).Single();
        Assert.Contains(",undefined,", verdicts);
        Assert.Contains("the fit is exact", verdicts);
        // A reason that is a sentence is not given a second full stop ("undefined..").
        Assert.DoesNotContain("..", run.Files["verdicts.csv"].Replace("...", "", StringComparison.Ordinal));
        Assert.Contains("| undefined |", report);
    }

    [Fact]
    public void A_constant_score_in_one_market_runs_to_the_end_and_names_the_market()
    {
        var run = RunMainJob(ConstantFinancialScore());
        Assert.True(run.Code == JobRunner.Ok, run.Stderr);
        AssertNoNonFinite(run);
        Assert.DoesNotContain(Rows(run), r => r.Table == "T3_financial" && r.Model == "base" && r.Statistic == "r_squared");
        Assert.Contains(Rows(run), r => r.Table == "T2_goods" && r.Model == "base" && r.Statistic == "r_squared");
        Assert.Contains("- T3_financial/base: multiple_r, r_squared, adj_r_squared: y is constant (total sum of squares 0), so R² is undefined.", run.Files["REPRODUCTION.md"]);
    }

    [Fact]
    public void Collinear_alternative_models_are_left_out_with_the_reason()
    {
        var run = RunMainJob(CollinearGoods());
        Assert.True(run.Code == JobRunner.Ok, run.Stderr);
        AssertNoNonFinite(run);
        Assert.DoesNotContain(Rows(run), r => r.Table == "T2_goods" && r.Model is "x_plus_year" or "firstdiff");
        Assert.Contains(Rows(run), r => r.Table == "T3_financial" && r.Model == "x_plus_year");
        var report = run.Files["REPRODUCTION.md"];
        Assert.Contains("- T2_goods/x_plus_year: every statistic: the model cannot be fitted to these data: the design of 'y on x and year' is singular", report);
        Assert.Contains("- T2_goods/firstdiff: every statistic: the model cannot be fitted to these data:", report);
        Assert.Contains("undefined: x beside a linear trend (x_plus_year) (cannot be evaluated: the model x_plus_year cannot be fitted to these data)", report);
    }

    [Fact]
    public void Estimate_holds_a_value_or_the_reason_there_is_none()
    {
        Assert.Equal(2.5, Estimate.Of(2.5).Value);
        Assert.Equal(2.5, Estimate.Of(2.5).OrNull);
        Assert.Equal("it evaluates to +∞", Estimate.Of(double.PositiveInfinity).Reason);
        Assert.Equal("it evaluates to NaN", Estimate.Of(double.NaN).Reason);
        var undefined = Estimate.Undefined("x is odd.");
        Assert.Equal("x is odd", undefined.Reason);
        Assert.Null(undefined.OrNull);
        Assert.Equal("–", undefined.Format(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture), "–"));
        Assert.Equal("x is odd", undefined.Map(Math.Sqrt).Reason);
        Assert.Equal(3.0, Estimate.Of(9).Map(Math.Sqrt).Value);
        // Reading the value of an undefined statistic is the caller's bug: it throws, naming the reason.
        Assert.Contains("x is odd", Assert.Throws<InvalidOperationException>(() => undefined.Value).Message);
    }
}

/// <summary>The verdicts' exact arithmetic: no input a double can hold overflows it.</summary>
public class VerdictArithmeticTests
{
    private static PublishedNumber Num(string printed, string statistic = "t_value") =>
        new("T2_goods", "coefficients", statistic, "x", "x1 / t-statistics", "", "X Variable 1 / t Stat", "", printed, PublishedNumber.DecimalsOf(printed));

    [Theory]
    [InlineData(1e300)]
    [InlineData(-1e300)]
    [InlineData(double.MaxValue)]
    [InlineData(1.2345678901234567e29)]
    public void Huge_recomputed_values_are_judged_exactly(double recomputed)
    {
        var v = Verdicts.Judge(Num("21.7810"), recomputed);
        Assert.Equal(VerdictKind.Mismatch, v.Kind);
        // The verdicts judge the double as it prints (its shortest round-trip decimal, an integer here), exactly:
        // the difference in last-digit units is that integer × 10⁴ − 217810.
        var printed = BigInteger.Parse(recomputed.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
        var expected = printed * 10_000 - 217810;
        Assert.Equal(expected, v.RoundedDifferenceUnits);
        Assert.True(double.IsFinite(v.DifferenceUnits) || Math.Abs(recomputed) > 1e304);
        Assert.Contains("units of the last digit", v.Explanation);
    }

    [Theory]
    [InlineData("2.08182E-08", 5e-324, "0.00000E-08")]
    [InlineData("0.0000", 4.9e-5, "0.0000")]
    [InlineData("0.0000", -5e-5, "-0.0001")]
    [InlineData("474.4133", 474.41325, "474.4133")]
    public void Tiny_values_and_ties_round_half_away_from_zero(string printed, double recomputed, string rounded)
    {
        var v = Verdicts.Judge(Num(printed), recomputed);
        Assert.Equal(rounded, v.RecomputedRounded);
    }

    [Fact]
    public void An_undefined_statistic_gets_the_undefined_verdict()
    {
        var v = Verdicts.Judge(Num("21.7810"), Estimate.Undefined("the fit is exact"));
        Assert.Equal(VerdictKind.Undefined, v.Kind);
        Assert.Equal("undefined", v.KindName);
        Assert.Equal("", v.RecomputedText);
        Assert.Contains("printed 21.7810, but the statistic is undefined for this data: the fit is exact.", v.Explanation);
    }
}
