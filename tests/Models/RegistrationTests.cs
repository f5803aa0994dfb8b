using System.Text;
using NotebookAnalysis.Data;
using NotebookAnalysis.Models;
using NotebookAnalysis.Report.Pipeline;

namespace NotebookAnalysis.Tests.Models;

/// <summary>
/// The "Adding a model" checklist of lib/README.md stays true: registering a spec in <see cref="ModelSpecs.Alternatives"/>
/// is enough for it to reach results.csv and the report's alternative-models table, and nothing joins the ML.NET
/// comparison or the robustness checks unless its spec says so.
/// </summary>
public class RegistrationTests
{
    private static readonly SectionOutput Output = new AlternativeModelsSection().Run(Table1.LoadBundled());

    public static TheoryData<string> AlternativeNames()
    {
        var data = new TheoryData<string>();
        foreach (var s in ModelSpecs.Alternatives) data.Add(s.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(AlternativeNames))]
    public void EverySpecReachesResultsAndTheReport(string name)
    {
        var spec = ModelSpecs.All.Single(known => known.Name == name);
        foreach (var m in Markets.Paper)
        {
            var rows = Output.Rows.Where(r => r.Table == m.Id && r.Model == name).ToList();
            string slope = spec.Regressor == RegressorTransform.None ? "year" : "x";
            Assert.True(rows.Any(r => r.Statistic == "estimate" && r.Term == slope), $"results.csv has no {m.Id}/{name} slope estimate: is the spec in ModelSpecs.Alternatives?");
            Assert.Contains(rows, r => r.Statistic == "nobs");
        }
        // One row per market in the report's alternative-models table.
        Assert.Equal(Markets.Paper.Count, Output.Markdown.Split('\n').Count(l => l.StartsWith($"| `{name}` |")));
    }

    [Fact]
    public void TheMainJobWritesEverySpecToResultsCsvAndReproductionMd()
    {
        var output = MainJob.Compute(ProjectPaths.BundledTable1, Path.Combine(Path.GetTempPath(), "unused"));
        var csv = Encoding.UTF8.GetString(output.Files.Staged("results.csv"));
        var report = Encoding.UTF8.GetString(output.Files.Staged("REPRODUCTION.md"));
        foreach (var spec in ModelSpecs.All)
            foreach (var m in Markets.Paper)
                Assert.True(csv.Contains($"\n{m.Id},{spec.Name},"), $"results.csv lacks {m.Id}/{spec.Name}");
        foreach (var spec in ModelSpecs.All)
            Assert.Equal(Markets.Paper.Count, report.Split('\n').Count(l => l.StartsWith($"| `{spec.Name}` |")));
    }

    [Fact]
    public void SpecNamesAreUnique() =>
        Assert.Equal(ModelSpecs.All.Count, ModelSpecs.All.Select(s => s.Name).Distinct().Count());

    [Fact]
    public void RobustnessCountsOnlyTheSpecsThatJoinIt()
    {
        var battery = ModelBattery.Run(Table1.LoadBundled());
        var goods = battery.Markets.Single(m => m.Market.Market == Market.Goods);
        var linear = goods.Checks.Single(c => c.Check.StartsWith("the slope of x is positive in every linear-in-x"));
        var counted = ModelSpecs.All.Where(s => s.InRobustnessChecks && s.Regressor != RegressorTransform.None
            && s.Covariance == CovarianceKind.Classical && !s.IncludeXSquared).Select(s => s.Name).ToList();
        Assert.StartsWith($"positive in all {counted.Count}: ", linear.Evidence);
        foreach (var spec in ModelSpecs.All.Where(s => !s.InRobustnessChecks))
            Assert.DoesNotContain(spec.Name, linear.Evidence);
        // Every model is a row of the table whether or not it counts in the checks.
        Assert.Equal(ModelSpecs.All.Select(s => s.Name).Append("mean_only"), goods.Rows.Select(r => r.Model));
    }

    [Fact]
    public void ANamedCheckRefusesASpecThatDoesNotJoinTheChecks()
    {
        var table = Table1.LoadBundled();
        var input = ModelInput.From(table, Market.Goods);
        var hidden = ModelSpecs.HacNeweyWestLag1 with { InRobustnessChecks = false };
        var fits = ModelSpecs.All.Select(s => AlternativeModels.Fit(input, s == ModelSpecs.HacNeweyWestLag1 ? hidden : s)).ToList();
        var e = Assert.Throws<InvalidOperationException>(() => Robustness.Assess(table.Markets[Market.Goods], fits, LeaveOneOut.MeanOnly(input)));
        Assert.Contains("hac_nw_lag1", e.Message);
    }
}
