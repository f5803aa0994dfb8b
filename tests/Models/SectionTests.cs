using System.Diagnostics;
using System.Globalization;
using NotebookAnalysis.Data;
using NotebookAnalysis.Models;
using NotebookAnalysis.Report.Pipeline;
using NotebookAnalysis.Results;

namespace NotebookAnalysis.Tests.Models;

/// <summary>The main job's alternative-models section: complete, finite, culture-invariant, fast.</summary>
public class SectionTests
{
    private static readonly string[] Alternatives =
        ["lag1", "loglog", "logy_x", "y_logx", "firstdiff", "x_plus_year", "year_only", "quadratic", "hac_nw_lag1", "hac_nw_auto"];

    [Fact]
    public void IsRegisteredInTheMainJob() => Assert.Contains(MainJob.Sections, s => s is AlternativeModelsSection);

    [Fact]
    public void WritesEveryModelForEveryTableWithFullStatistics()
    {
        var output = new AlternativeModelsSection().Run(Table1.LoadBundled());
        var csv = ResultsCsv.Format(output.Rows); // refuses NaN and duplicates
        Assert.StartsWith(ResultsCsv.Header, csv);
        foreach (var table in new[] { "T2_goods", "T3_financial", "T4_innovation" })
        {
            foreach (var model in Alternatives)
            {
                var rows = output.Rows.Where(r => r.Table == table && r.Model == model).ToList();
                foreach (var stat in new[] { "nobs", "r_squared", "sigma", "loglik", "aic", "bic", "durbin_watson", "jb_stat", "bp_stat", "bg1_stat",
                                              "condition_number", "loo_rmse", "loglik_level_scale", "aic_level_scale", "bic_level_scale" })
                    Assert.Contains(rows, r => r.Statistic == stat && r.Term == "");
                foreach (var stat in new[] { "estimate", "std_error", "t_value", "p_value", "ci95_lower", "ci95_upper" })
                    Assert.Contains(rows, r => r.Statistic == stat && r.Term == "x" || r.Statistic == stat && r.Term == "year" && model == "year_only");
                Assert.Equal(model.StartsWith("hac"), !rows.Any(r => r.Statistic == "f_stat"));
            }
            Assert.Contains(output.Rows, r => r.Table == table && r.Model == "mean_only" && r.Statistic == "loo_rmse");
            // Base rows belong to the base reproduction; this section adds only the base model's leave-one-out.
            Assert.All(output.Rows.Where(r => r.Table == table && r.Model == "base"), r => Assert.StartsWith("loo_", r.Statistic));
        }
        Assert.Contains("## Alternative models", output.Markdown);
        Assert.Equal(2, output.Rows.Count(r => r.Model == "x_plus_year" && r.Table == "T2_goods" && r.Statistic == "estimate" && r.Term != "intercept"));
    }

    [Fact]
    public void KeyFiguresMatchIndependentDerivations()
    {
        // nobs and df for the n = 9 models; LOO of the base model by brute force.
        var rows = new AlternativeModelsSection().Run(Table1.LoadBundled()).Rows;
        double Get(string t, string m, string s, string term = "") => rows.Single(r => r.Table == t && r.Model == m && r.Statistic == s && r.Term == term).Value;
        Assert.Equal(9, Get("T3_financial", "lag1", "nobs"));
        Assert.Equal(7, Get("T3_financial", "firstdiff", "df_resid"));
        Assert.Equal(2, Get("T2_goods", "quadratic", "df_model"));
        var s = Table1.LoadBundled().Series(Market.Goods);
        double[] x = s.ClustersArray(), y = s.ScoreArray();
        var pred = Reference.BruteForceLooSimple(x, y);
        Assert.True(Reference.Rel(Get("T2_goods", "base", "loo_rmse"), Reference.Rmse(y, pred)) < 1e-10);
        Assert.Equal(2, Get("T2_goods", "hac_nw_auto", "hac_lag"));
    }

    [Fact]
    public void OutputIsIdenticalUnderRussianCulture()
    {
        var data = Table1.LoadBundled();
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            var invariant = new AlternativeModelsSection().Run(data);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ru-RU");
            var russian = new AlternativeModelsSection().Run(data);
            Assert.Equal(invariant.Markdown, russian.Markdown);
            Assert.Equal(ResultsCsv.Format(invariant.Rows), ResultsCsv.Format(russian.Rows));
            Assert.DoesNotContain("0,0", russian.Markdown.Replace("0,000", "")); // no decimal commas in figures
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = ui;
        }
    }

    [Fact]
    public void TwoRunsGiveIdenticalOutput()
    {
        var data = Table1.LoadBundled();
        var a = new AlternativeModelsSection().Run(data);
        var b = new AlternativeModelsSection().Run(data);
        Assert.Equal(ResultsCsv.Format(a.Rows), ResultsCsv.Format(b.Rows));
        Assert.Equal(a.Markdown, b.Markdown);
    }

    [Fact]
    public void BatteryWithExactLooRunsWithinOneSecondWarm()
    {
        var data = Table1.LoadBundled();
        var section = new AlternativeModelsSection();
        section.Run(data); // warm-up (JIT)
        var best = TimeSpan.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            section.Run(data);
            best = sw.Elapsed < best ? sw.Elapsed : best;
        }
        Assert.True(best < TimeSpan.FromSeconds(1), $"warm battery took {best.TotalMilliseconds} ms");
    }
}
