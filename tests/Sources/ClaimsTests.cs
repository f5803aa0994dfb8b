using NotebookAnalysis.Data;
using NotebookAnalysis.Models;
using NotebookAnalysis.Formatting;
using NotebookAnalysis.Report.Reporting;
using NotebookAnalysis.Reproduction;
using NotebookAnalysis.Sources;
using static NotebookAnalysis.Tests.Sources.SourcesFixture;
using static NotebookAnalysis.Tests.Support.SentenceNumbers;

namespace NotebookAnalysis.Tests.Sources;

/// <summary>
/// The claims table: each claim judged as what it claims. A dependence claim needs a significant positive slope; a
/// no-dependence claim ("does not depend") is contradicted by any significant slope and otherwise only not contradicted.
/// </summary>
public class ClaimsTests
{
    private static PaperClaim Claim(string id) => PaperClaims.All.Single(c => c.Id == id);

    private static SlopeEvidence Slope(double slope, double p, double lo, double hi, string table = "T2_goods", string label = "fit") =>
        new(table, label, 10, slope, p, lo, hi);

    [Fact]
    public void TheClaimsAreThePapersOwnWords()
    {
        var claims = PaperClaims.FromPaper(File.ReadAllText(ProjectPaths.Paper));
        Assert.Equal(["T2_goods", "T3_financial", "T4_innovation", PaperClaims.ConclusionId], claims.Select(c => c.Id));
        Assert.Equal([ClaimKind.MoreClustersHigherScore, ClaimKind.MoreClustersHigherScore, ClaimKind.NoDependence, ClaimKind.NoDependence], claims.Select(c => c.Kind));
        Assert.Contains("does not depend", claims[2].Quote);
        // The conclusion's sentence is broken across a blank line in the transcription; it is still found.
        Assert.Contains("is not determined by cluster processes in them", claims[3].Quote);
        Assert.Equal(["T2_goods", "T3_financial", "T4_innovation"], claims[3].TableIds);
        Assert.Equal(ClaimKind.NoDependence, PaperClaims.ReadingOf("T4_innovation"));
        var e = Assert.Throws<InvalidOperationException>(() => PaperClaims.FromPaper("a text without the claims"));
        Assert.Contains("T2_goods", e.Message);
    }

    [Fact]
    public void ADependenceClaimOnOneSlope()
    {
        var c = Claim("T2_goods");
        var supported = PaperClaims.Judge(c, "b", [Slope(0.0066, 2e-8, 0.0059, 0.0073)]);
        Assert.Equal(ClaimStatus.Supported, supported.Status);
        Assert.Equal("significant positive slope: supported", supported.Verdict);
        var reversed = PaperClaims.Judge(c, "b", [Slope(-0.0066, 0.001, -0.0098, -0.0034)]);
        Assert.Equal(ClaimStatus.Contradicted, reversed.Status);
        Assert.Equal("significant negative slope: contradicted", reversed.Verdict);
        var none = PaperClaims.Judge(c, "b", [Slope(0.0053, 0.48, -0.0112, 0.0218)]);
        Assert.Equal(ClaimStatus.NotShown, none.Status);
        Assert.Equal(["0.0218"], Numbers(none.Verdict)); // the largest effect still compatible: the upper 95% bound
        // p exactly at 0.05 is not below it: not significant.
        Assert.Equal(ClaimStatus.NotShown, PaperClaims.Judge(c, "b", [Slope(0.01, 0.05, 0, 0.02)]).Status);
    }

    [Fact]
    public void ANonSignificantSlopeAgainstDoesNotDependIsNotContradictedButNotShown()
    {
        var c = Claim("T4_innovation");
        var cell = PaperClaims.Judge(c, "b", [Slope(0.0067, 0.3031, -0.0074, 0.0208, "T4_innovation")]);
        // Judged as a claim of no dependence: never "supported", and the interval says what is still allowed.
        Assert.Equal(ClaimStatus.NotContradicted, cell.Status);
        Assert.Equal(["95", "-0.0074", "0.0208"], Numbers(cell.Verdict)); // the 95% interval's bounds
        Assert.DoesNotContain("supported", cell.Verdict);
        // The same slope judged as a dependence claim would be "not shown": the two readings are not interchangeable.
        Assert.Equal(ClaimStatus.NotShown, PaperClaims.Judge(Claim("T2_goods"), "b", [Slope(0.0067, 0.3031, -0.0074, 0.0208)]).Status);
        // A significant slope of either sign contradicts "does not depend".
        Assert.Equal("significant positive slope: contradicted", PaperClaims.Judge(c, "b", [Slope(0.098, 0.022, 0.019, 0.18, "T4_innovation")]).Verdict);
        Assert.Equal("significant negative slope: contradicted", PaperClaims.Judge(c, "b", [Slope(-0.05, 0.01, -0.08, -0.02, "T4_innovation")]).Verdict);
    }

    [Fact]
    public void SeveralFitsOnOneBase()
    {
        SlopeEvidence[] mixed = [Slope(0.0063, 0.0006, 0.0037, 0.009, label: "base"), Slope(0.01, 0.15, -0.0046, 0.0246, label: "x_plus_year")];
        var partly = PaperClaims.Judge(Claim("T3_financial"), "b", mixed);
        Assert.Equal(ClaimStatus.PartlySupported, partly.Status);
        // 1 of 2 fits significant; the other named, with its slope, p and upper 95% bound.
        Assert.Equal(["1", "2", "0.01", "0.1500", "0.0246"], Numbers(partly.Verdict));
        Assert.Contains("x_plus_year", partly.Verdict);
        Assert.DoesNotContain("base", partly.Verdict);
        var all = PaperClaims.Judge(Claim("T2_goods"), "b", [mixed[0], mixed[0]]);
        Assert.Equal("significant positive slope in all 2 fits: supported", all.Verdict);
        var noneOfThem = PaperClaims.Judge(Claim("T4_innovation"), "b", [Slope(0.006, 0.3, -0.007, 0.02, "T4_innovation"), Slope(0.02, 0.47, -0.058, 0.113, "T4_innovation")]);
        Assert.Equal(ClaimStatus.NotContradicted, noneOfThem.Status);
        Assert.Equal(["2", "95", "-0.058", "0.113"], Numbers(noneOfThem.Verdict)); // 2 fits; the lowest lower and highest upper bound
    }

    [Fact]
    public void TheConclusionIsJudgedOnAllThreeTablesAtOnce()
    {
        var conclusion = Claim(PaperClaims.ConclusionId);
        var cell = PaperClaims.Judge(conclusion, "b",
        [
            Slope(0.0066, 2e-8, 0.0059, 0.0073, "T2_goods", "paper"), Slope(0.0063, 0.0006, 0.0037, 0.009, "T3_financial", "paper"),
            Slope(0.0067, 0.3031, -0.0074, 0.0208, "T4_innovation", "paper"),
        ]);
        Assert.Equal(ClaimStatus.Contradicted, cell.Status);
        // The two significant slopes that contradict it, each with its table, slope and p; the non-significant one is not named.
        Assert.Equal(["0.0066", "2.0E-08", "0.0063", "0.0006"], Numbers(cell.Verdict));
        Assert.Equal(["T2_goods", "T3_financial"], new[] { "T2_goods", "T3_financial", "T4_innovation" }.Where(cell.Verdict.Contains));
        Assert.Null(PaperClaims.Judge(conclusion, "b", []).Status);
    }

    /// <summary>
    /// End to end on constructed data whose verdicts are known: goods rise with their clusters (significant), financial
    /// and innovation alternate around a level while clusters grow (not significant); the WEF scores equal the paper's.
    /// </summary>
    [Fact]
    public void TheTableOnConstructedData()
    {
        double[] goods = [3.1, 3.1, 3.2, 3.3, 3.4, 3.5, 3.6, 3.8];
        double[] flat = [3.3, 3.4, 3.3, 3.4, 3.3, 3.4, 3.3, 3.4];
        var table = Table(2009, goods, flat, flat);
        var rows = new List<(int, string, string)>();
        for (int i = 0; i < 8; i++)
        {
            rows.Add((2009 + i, Pillars.Goods, goods[i].ToString("0.0000000000000000", System.Globalization.CultureInfo.InvariantCulture)));
            rows.Add((2009 + i, Pillars.Financial, flat[i].ToString("0.0000000000000000", System.Globalization.CultureInfo.InvariantCulture)));
            rows.Add((2009 + i, Pillars.Innovation, flat[i].ToString("0.0000000000000000", System.Globalization.CultureInfo.InvariantCulture)));
        }
        var comparison = SourceComparison.Compare(table, ParseExtract(Extract([.. rows])));
        var reruns = Rerun.All(comparison);
        var claims = Readings.Table(PaperClaims.All, table, reruns);
        Assert.Equal(4 * 5, claims.Cells.Count);
        Assert.Equal([Readings.PaperBase, "WEF scores, k = -1 (2009-2015)", "WEF scores, k = 0 (2009-2016)", "WEF scores, k = +1 (2010-2016)", Readings.RobustnessBase],
            claims.Bases.Select(b => b.Name));
        foreach (var b in new[] { Readings.PaperBase, "WEF scores, k = 0 (2009-2016)" })
        {
            Assert.Equal(ClaimStatus.Supported, claims.Cell("T2_goods", b).Status);
            Assert.Equal(ClaimStatus.NotShown, claims.Cell("T3_financial", b).Status);
            var innovation = claims.Cell("T4_innovation", b);
            Assert.Equal(ClaimStatus.NotContradicted, innovation.Status);
            var e = Assert.Single(innovation.Slopes);
            Assert.True(e.Lower95 < 0 && e.Upper95 > 0);
            Assert.Equal(["95", NumberFormat.Brief(e.Lower95), NumberFormat.Brief(e.Upper95)], Numbers(innovation.Verdict));
            // Goods' significant slope contradicts "not determined by cluster processes".
            Assert.Equal(ClaimStatus.Contradicted, claims.Cell(PaperClaims.ConclusionId, b).Status);
        }
        // The same data under both bases: the WEF's k = 0 slopes are the paper's.
        Assert.Equal(claims.Cell("T2_goods", Readings.PaperBase).Slopes[0].Slope, claims.Cell("T2_goods", "WEF scores, k = 0 (2009-2016)").Slopes[0].Slope, 12);
        // The robustness column holds the battery's slope checks that can be fitted (financial and innovation clusters
        // grow linearly with the year here, so x beside a trend cannot be fitted for them).
        var battery = claims.Cell("T2_goods", Readings.RobustnessBase).Slopes.Select(s => s.Label).ToList();
        Assert.Equal(Robustness.SlopeCheckSpecs.Select(s => s.Name), battery);
        Assert.DoesNotContain("x_plus_year", claims.Cell("T4_innovation", Readings.RobustnessBase).Slopes.Select(s => s.Label));
        // The Markdown table is one row per claim and one column per base.
        var md = SourcesReport.Claims(claims).ToMarkdown();
        Assert.Equal(2 + 4, md.Split('\n').Count(l => l.StartsWith('|')));
        Assert.Contains("| Table 4 (innovation): \"the number of innovation markets does not depend", md);
    }

    [Fact]
    public void TheRobustnessSummaryNamesEachTablesOwnReading()
    {
        var markets = ModelBattery.Run(Table1.LoadBundled()).Markets;
        Assert.Equal([ClaimKind.MoreClustersHigherScore, ClaimKind.MoreClustersHigherScore, ClaimKind.NoDependence], markets.Select(m => m.Reading));
        foreach (var m in markets)
            Assert.StartsWith($"{m.Market.Id}: the paper's reading ({PaperClaims.Describe(m.Reading)}) survives {m.Survived} of {m.Checks.Count} checks", m.Summary);
        Assert.StartsWith("T4_innovation: the paper's reading (no dependence) survives", markets[2].Summary);
        Assert.DoesNotContain("more clusters", markets[2].Summary);
        // Table 4's base slope (p = 0.30) does not contradict no dependence: that check holds.
        Assert.True(markets[2].Checks[0].Holds);
        Assert.Equal("the base model's slope is not significant", markets[2].Checks[0].Check);
    }
}
