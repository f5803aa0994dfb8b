using MathNet.Numerics.Distributions;
using NotebookAnalysis.Data;
using NotebookAnalysis.Reproduction;
using NotebookAnalysis.Sources;
using NotebookAnalysis.Tests.Support;
using static NotebookAnalysis.Tests.Sources.SourcesFixture;

namespace NotebookAnalysis.Tests.Sources;

/// <summary>The re-run regressions against an independent computation: closed forms in System.Decimal, MathNet's t distribution.</summary>
public class RerunTests
{
    /// <summary>Checks a re-run against the decimal closed forms on (x, y), with p, CI and DW computed here.</summary>
    private static void AgreesWithIndependentComputation(RerunFit fit, double[] x, double[] y) =>
        AgreesWithIndependentComputation(fit, new DecimalOracle.SimpleRegression(x, y));

    /// <summary>As above, from an oracle built on exact decimals (the WEF's scores as printed in the extract).</summary>
    private static void AgreesWithIndependentComputation(RerunFit fit, DecimalOracle.SimpleRegression d)
    {
        var s = fit.Slope;
        Assert.Equal(d.N, fit.Fit.N);
        DecimalOracle.Close((double)d.Slope, s.Estimate, 1e-12, "slope");
        DecimalOracle.Close((double)d.Intercept, fit.Fit["intercept"].Estimate, 1e-12, "intercept");
        DecimalOracle.Close((double)d.SeSlope, s.StdError.Value, 1e-10, "SE");
        DecimalOracle.Close((double)d.TSlope, s.TValue.Value, 1e-10, "t");
        DecimalOracle.Close((double)d.RSquared, fit.Fit.RSquared.Value, 1e-10, "R²");
        double df = d.N - 2;
        DecimalOracle.Close(2 * StudentT.CDF(0, 1, df, -Math.Abs((double)d.TSlope)), s.PValue.Value, 1e-8, "p");
        double half = StudentT.InvCDF(0, 1, df, 0.975) * (double)d.SeSlope;
        DecimalOracle.Close((double)d.Slope - half, s.Lower95.Value, 1e-8, "CI lower");
        DecimalOracle.Close((double)d.Slope + half, s.Upper95.Value, 1e-8, "CI upper");
        // Durbin-Watson from the oracle's decimal residuals.
        var e = d.Residuals;
        decimal num = 0, den = 0;
        for (int i = 0; i < e.Length; i++)
        {
            den += e[i] * e[i];
            if (i > 0) num += (e[i] - e[i - 1]) * (e[i] - e[i - 1]);
        }
        DecimalOracle.Close((double)(num / den), fit.Fit.DurbinWatson.Value, 1e-9, "DW");
    }

    [Fact]
    public void ConstructedWefScoresAgainstClosedForms()
    {
        double[] goods = [3.7, 3.7, 3.7, 3.8, 3.9];
        double[] fin = [3.3, 3.3, 3.4, 3.4, 3.4];
        double[] inn = [3.4, 3.3, 3.2, 3.1, 3.2];
        double[] clusters = [14, 17, 21, 26, 34];
        string[] wefGoods = ["3.9048236647210413", "3.7480141015450981", "3.5751320495603469", "3.5991164546779943", "3.6249182802210616"];
        var rows = new List<(int, string, string)>();
        for (int i = 0; i < 5; i++)
        {
            rows.Add((2009 + i, Pillars.Goods, wefGoods[i]));
            rows.Add((2009 + i, Pillars.Financial, "3." + (2 + i).ToString(System.Globalization.CultureInfo.InvariantCulture) + "1"));
            rows.Add((2009 + i, Pillars.Innovation, "3.3" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        // Leave out the 2009-2010 goods edition: the goods re-run under k = 0 must drop the paper's 2010.
        rows.RemoveAll(r => r.Item1 == 2010 && r.Item2 == Pillars.Goods);
        var table = Table(2009, goods, fin, inn, clusters);
        var c = SourceComparison.Compare(table, ParseExtract(Extract([.. rows])));
        var (wef, paper) = Rerun.Covered(c, EditionMapping.Natural, Markets.Get(Market.Goods));
        Assert.Equal([2009, 2011, 2012, 2013], wef.Years);
        Assert.Equal("wef_k0_2009_2011_2012_2013", wef.Model);
        Assert.Equal("paper_2009_2011_2012_2013", paper.Model);
        double[] x = [14, 21, 26, 34];
        AgreesWithIndependentComputation(wef, x, [3.9048236647210413, 3.5751320495603469, 3.5991164546779943, 3.6249182802210616]);
        AgreesWithIndependentComputation(paper, x, [3.7, 3.7, 3.8, 3.9]);
        var full = Rerun.Full(table, Markets.Get(Market.Goods));
        Assert.Equal("paper_2009_2013", full.Model);
        AgreesWithIndependentComputation(full, clusters, goods);
    }

    [Fact]
    public void TooFewCoveredYearsAreListedNotFitted()
    {
        double[] v = [3.3, 3.4, 3.5, 3.6];
        var c = SourceComparison.Compare(Table(2009, v, v, v),
            ParseExtract(Extract((2009, Pillars.Goods, "3.3"), (2010, Pillars.Goods, "3.4"), (2009, Pillars.Financial, "3.3"))));
        var set = Rerun.All(c);
        Assert.Contains(set.TooFewYears, u => u.Mapping.K == 0 && u.Spec == Markets.Get(Market.Goods) && u.Years == 2);
        Assert.Contains(set.TooFewYears, u => u.Mapping.K == 0 && u.Spec == Markets.Get(Market.Innovation) && u.Years == 0);
        Assert.DoesNotContain(set.Fits, f => f.Source == ScoreSource.Wef);
        Assert.Equal(3, set.Fits.Count); // the three full tables
    }

    [WefExtractFact]
    public void TheSharedExtractUnderTheNaturalMappingAgainstClosedForms()
    {
        var table = Table1.LoadBundled();
        var wef = WefExtract.Load(ProjectPaths.SharedWefExtract);
        var c = SourceComparison.Compare(table, wef);
        foreach (var spec in Markets.Paper)
        {
            var (fit, paper) = Rerun.Covered(c, EditionMapping.Natural, spec);
            // The extract covers every year of Table 1 under k = 0 (editions 2008-2009 … 2017-2018).
            Assert.Equal(Enumerable.Range(2009, 10), fit.Years);
            Assert.Equal("wef_k0_2009_2018", fit.Model);
            var x = table.Column(spec.X)[..10];
            // y: the extract's exact decimals, read back independently of the comparison's cells.
            var y = Enumerable.Range(2009, 10).Select(year => wef.Scores.Single(s => s.Pillar == Pillars.Of(spec.Market) && s.EditionYearEnd == year).Exact).ToArray();
            AgreesWithIndependentComputation(fit, new DecimalOracle.SimpleRegression(x.Select(v => (decimal)v).ToArray(), y));
            AgreesWithIndependentComputation(paper, x, table.Column(spec.Y)[..10]);
        }
    }

    [Fact]
    public void TheFullTableIsTheMainJobsFit()
    {
        var table = Table1.LoadBundled();
        foreach (var r in MarketReproduction.All(table))
        {
            var full = Rerun.Full(table, r.Series.Spec);
            Assert.Equal("paper_2009_2018", full.Model);
            Assert.Equal(r.Fit.Coefficients, full.Fit.Coefficients);
            Assert.Equal(r.Fit["x"].PValue, full.Slope.PValue);
        }
    }
}
