using System.Text;
using NotebookAnalysis.Data;
using NotebookAnalysis.MachineLearning;
using NotebookAnalysis.Models;
using NotebookAnalysis.Results;

namespace NotebookAnalysis.Tests.MachineLearning;

/// <summary>The ML.NET comparison: deterministic, one row per fold, close to exact OLS, honest about its gaps.</summary>
public class MlNetComparisonTests
{
    private static ModelInput Goods => ModelInput.From(Table1.LoadBundled(), Market.Goods);

    [Fact]
    public void ComparesExactlyTheSpecsThatDeclareIt()
    {
        // Joining is declared by the spec, never implied: not the Newey-West variants (same point fit as base), not ar1_pw.
        Assert.Equal(ModelSpecs.All.Where(s => s.InMlNetComparison).Select(s => s.Name), MlNetComparison.Specs.Select(s => s.Name));
        Assert.DoesNotContain(MlNetComparison.Specs, s => s.Name is "ar1_pw" or "hac_nw_lag1" or "hac_nw_auto");
        Assert.All(MlNetComparison.Specs, s => Assert.Null(s.Estimator));
    }

    [Fact]
    public void TwoRunsGiveIdenticalNumbers()
    {
        var a = MlNetComparison.Run(Goods, ModelSpecs.LogLog);
        var b = MlNetComparison.Run(Goods, ModelSpecs.LogLog);
        Assert.Equal(a.Estimates, b.Estimates);
        Assert.Equal(a.Loo.Predicted, b.Loo.Predicted);
        Assert.Equal(ResultsCsv.Format(a.ToResultRows()), ResultsCsv.Format(b.ToResultRows()));
    }

    [Fact]
    public void SamplingKeyGivesExactlyOneRowPerFold()
    {
        var r = MlNetComparison.Run(Goods, ModelSpecs.Base);
        Assert.Equal(10, r.FoldSizes.Count);
        Assert.All(r.FoldSizes, s => Assert.Equal(1, s));
        Assert.Equal(Goods.Years, r.Loo.Years);
        var lag = MlNetComparison.Run(Goods, ModelSpecs.Lag1);
        Assert.Equal(9, lag.FoldSizes.Count);
        Assert.Equal(Goods.Years.Skip(1), lag.Loo.Years);
    }

    [Fact]
    public void DefaultRandomSplitLeavesSomeFoldsEmpty()
    {
        var sizes = MlNetComparison.DefaultSplitFoldSizes(Goods);
        Assert.Equal(10, sizes.Count);
        Assert.Equal(10, sizes.Sum());
        Assert.Contains(0, sizes);
        Assert.True(sizes.Max() > 1);
    }

    public static TheoryData<Market, string> Cases()
    {
        var d = new TheoryData<Market, string>();
        foreach (var m in new[] { Market.Goods, Market.Financial, Market.Innovation })
            foreach (var s in new[] { "base", "loglog", "firstdiff", "quadratic" })
                d.Add(m, s);
        return d;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SlopesLieWithinAQuarterStandardErrorOfOlsAndLooIsClose(Market market, string model)
    {
        var input = ModelInput.From(Table1.LoadBundled(), market);
        var r = MlNetComparison.Run(input, ModelSpecs.All.Single(known => known.Name == model));
        // Independent check of the gaps' bookkeeping.
        for (int j = 0; j < r.Terms.Count; j++)
            Assert.Equal(r.Estimates[j] - r.Exact.OlsFit.Coefficients[j], r.EstimateGaps[j]);
        for (int j = 1; j < r.Terms.Count; j++)
            Assert.True(r.EstimateGapsInStandardErrors[j].Value < 0.25, $"{model} {r.Terms[j]}: ML.NET {r.Estimates[j]} vs OLS {r.Exact.OlsFit.Coefficients[j]} ({r.EstimateGapsInStandardErrors[j].Value} SE)");
        Assert.True(Math.Abs(r.LooRmseGap.Value) < 0.05 * r.Exact.Loo!.Rmse, $"{model}: LOO RMSE {r.Loo.Rmse} vs exact {r.Exact.Loo!.Rmse}");
        Assert.All(r.Loo.Predicted, p => Assert.True(double.IsFinite(p)));
        // Pooled metrics recomputed by hand.
        var err = r.Loo.Actual.Select((a, i) => a - r.Loo.Predicted[i]).ToArray();
        Assert.Equal(Math.Sqrt(err.Sum(e => e * e) / err.Length), r.Loo.Rmse, 12);
        Assert.Equal(err.Sum(Math.Abs) / err.Length, r.Loo.Mae, 12);
    }

    [Fact]
    public void ConstantTrainingResponseInAFoldStillGivesAFinitePrediction()
    {
        // Financial Δy is 0 in every year but one: holding that year out leaves a constant response.
        var r = MlNetComparison.Run(ModelInput.From(Table1.LoadBundled(), Market.Financial), ModelSpecs.FirstDifference);
        Assert.All(r.Loo.Predicted, p => Assert.True(double.IsFinite(p)));
    }

    [Fact]
    public void LogOfZeroIsRefusedBeforeMlNet()
    {
        var lines = File.ReadAllLines(ProjectPaths.BundledTable1);
        var f = lines[3].Split(',');
        f[2] = "0";
        lines[3] = string.Join(',', f);
        var table = Table1.Parse(Encoding.UTF8.GetBytes(string.Join('\n', lines)), "zero.csv");
        var e = Assert.Throws<DataFileException>(() => MlNetComparison.Run(ModelInput.From(table, Market.Goods), ModelSpecs.LogLog));
        Assert.Contains("goods_clusters", e.Message);
        Assert.Equal(4, e.Line);
    }

    [Fact]
    public void ResultRowsUseTheResultsVocabulary()
    {
        var r = MlNetComparison.Run(Goods, ModelSpecs.XPlusYear);
        var rows = r.ToResultRows();
        Assert.All(rows, row => Assert.Equal("mlnet_x_plus_year", row.Model));
        Assert.Equal(["intercept", "x", "year"], rows.Where(x => x.Statistic == "estimate").Select(x => x.Term));
        foreach (var s in new[] { "loo_rmse", "loo_mae", "loo_pred_r_squared" })
            Assert.Single(rows, x => x.Statistic == s && x.Term == "");
        Assert.NotEmpty(ResultsCsv.Format(rows));
    }
}

/// <summary>The ML.NET outputs do not depend on the current culture.</summary>
public class MlNetCultureTests
{
    [Fact]
    public void ReportAndRowsAreIdenticalUnderRussianCulture()
    {
        var input = ModelInput.From(Table1.LoadBundled(), Market.Financial);
        var (culture, ui) = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;
            var invariant = MlNetComparison.Run(input, ModelSpecs.LogYX);
            string htmlInvariant = MlNetReport.Html([invariant]);
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("ru-RU");
            var russian = MlNetComparison.Run(input, ModelSpecs.LogYX);
            Assert.Equal(htmlInvariant, MlNetReport.Html([russian]));
            Assert.Equal(ResultsCsv.Format(invariant.ToResultRows()), ResultsCsv.Format(russian.ToResultRows()));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
            System.Globalization.CultureInfo.CurrentUICulture = ui;
        }
    }
}
