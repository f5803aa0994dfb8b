using NotebookAnalysis.Data;
using NotebookAnalysis.Report.Reporting;
using NotebookAnalysis.Sources;
using static NotebookAnalysis.Tests.Sources.SourcesFixture;

namespace NotebookAnalysis.Tests.Sources;

/// <summary>The cell-by-cell comparison on constructed data whose agreements are known by hand.</summary>
public class SourceComparisonTests
{
    // Paper years 2009-2012.
    private static readonly double[] Goods = [3.7, 3.7, 3.7, 3.8];
    private static readonly double[] Financial = [3.3, 3.3, 3.4, 3.4];
    private static readonly double[] Innovation = [3.4, 3.3, 3.2, 3.1];

    // Goods: an exact edge (3.65 rounds up, half away from zero; as a double it is 3.64999…), a value just below it, a
    // value exactly 0.01 from an edge, and no 2011-2012 edition. Financial agrees everywhere under k = -1 only.
    // Innovation: one edition, disagreeing. Values on or at half a unit from an edge are written with 17 digits, as a
    // full-precision source writes them: cut to fewer digits they could not decide their rounding (see PrecisionTests).
    private static SourceComparison Constructed() => SourceComparison.Compare(
        Table(2009, Goods, Financial, Innovation),
        ParseExtract(Extract(
            (2009, Pillars.Goods, "3.6500000000000000"), (2010, Pillars.Goods, "3.6499999999999999"), (2011, Pillars.Goods, "3.76"),
            (2009, Pillars.Financial, "3.0000000000000000"), (2010, Pillars.Financial, "3.31"), (2011, Pillars.Financial, "3.28"),
            (2012, Pillars.Financial, "3.36"), (2013, Pillars.Financial, "3.44"),
            (2009, Pillars.Innovation, "3.5000000000000000"))));

    private static CellComparison Cell(SourceComparison c, int k, Market m, int year) =>
        c.Cells.Single(x => x.Mapping.K == k && x.Market == m && x.PaperYear == year);

    [Fact]
    public void RoundsTheExactDecimalHalfAwayFromZero()
    {
        // As doubles, "3.65" and "3.6499999999999999" are the same number, so no rounding of doubles can give them
        // different results; on the exact decimals one is an edge (rounds up) and the other is below it.
        Assert.Equal(double.Parse("3.65", System.Globalization.CultureInfo.InvariantCulture),
            double.Parse("3.6499999999999999", System.Globalization.CultureInfo.InvariantCulture));
        var c = Constructed();
        // 3.65: an edge, rounds up and agrees.
        AssertCell(Cell(c, 0, Market.Goods, 2009), 3.7m, CellStatus.Agrees, 0m, nearEdge: true, agreesAcrossEdge: false);
        // 3.6499999999999999: just below the edge, rounds down; on the other side it would agree.
        AssertCell(Cell(c, 0, Market.Goods, 2010), 3.6m, CellStatus.Disagrees, 1m, nearEdge: true, agreesAcrossEdge: true);
        // 3.76 is exactly 0.01 from 3.75: flagged (the limit is inclusive); 3.7 across that edge is the paper's value.
        AssertCell(Cell(c, 0, Market.Goods, 2011), 3.8m, CellStatus.Disagrees, -1m, nearEdge: true, agreesAcrossEdge: true);
        var far = Cell(c, 0, Market.Financial, 2009); // 3.0 vs 3.3
        Assert.Equal(3m, far.DifferenceInTenths);
        Assert.False(far.NearEdge);
        Assert.False(far.AgreesAcrossEdge);
    }

    private static void AssertCell(CellComparison cell, decimal rounded, CellStatus status, decimal tenths, bool nearEdge, bool agreesAcrossEdge)
    {
        Assert.Equal(rounded, cell.WefRounded);
        Assert.Equal(status, cell.Status);
        Assert.Equal(tenths, cell.DifferenceInTenths);
        Assert.Equal(nearEdge, cell.NearEdge);
        Assert.Equal(agreesAcrossEdge, cell.AgreesAcrossEdge);
    }

    [Fact]
    public void NearEdgeLimitIsExactlyOneHundredth()
    {
        Assert.Equal(0m, ScoreRounding.DistanceToEdge(3.65m));
        Assert.Equal(0.01m, ScoreRounding.DistanceToEdge(3.64m));
        Assert.Equal(0.011m, ScoreRounding.DistanceToEdge(3.661m));
        Assert.Equal(0.05m, ScoreRounding.DistanceToEdge(3.7m));
        Assert.Equal(-3.7m, ScoreRounding.ToTenth(-3.65m));
    }

    [Fact]
    public void MissingEditionsAreNotInTheExtract()
    {
        var c = Constructed();
        var missing = Cell(c, 0, Market.Goods, 2012);
        Assert.Equal(CellStatus.NotInExtract, missing.Status);
        Assert.Equal("not in the extract", missing.StatusText);
        Assert.Equal("2011-2012", missing.Edition);
        Assert.Null(missing.Wef);
        Assert.Null(missing.WefRounded);
        Assert.Null(missing.DifferenceInTenths);
        Assert.Null(missing.NearEdge);
        // k = +1 maps 2009 to the 2007-2008 edition, which no pillar has.
        Assert.All(c.Cells.Where(x => x.Mapping.K == 1 && x.PaperYear == 2009), x => Assert.Equal(CellStatus.NotInExtract, x.Status));
    }

    [Fact]
    public void CountsPerMappingAndPillarAndTheBestMapping()
    {
        var c = Constructed();
        Assert.Equal([-3, -2, -1, 0, 1], c.Mappings.Select(m => m.K));
        Assert.Equal(5 * 3, c.Counts.Count);
        // (k, market) → (checked, agree), worked out by hand from the values above.
        var expected = new Dictionary<(int, Market), (int, int)>
        {
            [(0, Market.Goods)] = (3, 1), [(0, Market.Financial)] = (4, 2), [(0, Market.Innovation)] = (1, 0),
            [(-1, Market.Goods)] = (2, 0), [(-1, Market.Financial)] = (4, 4), [(-1, Market.Innovation)] = (0, 0),
            [(-2, Market.Goods)] = (1, 0), [(-2, Market.Financial)] = (3, 2), [(-2, Market.Innovation)] = (0, 0),
            [(-3, Market.Goods)] = (0, 0), [(-3, Market.Financial)] = (2, 0), [(-3, Market.Innovation)] = (0, 0),
            [(1, Market.Goods)] = (3, 2), [(1, Market.Financial)] = (3, 0), [(1, Market.Innovation)] = (1, 0),
        };
        foreach (var count in c.Counts)
        {
            Assert.Equal(4, count.Cells);
            Assert.Equal(expected[(count.Mapping.K, count.Market)], (count.Checked, count.Agree));
            Assert.Equal(4 - count.Checked, count.NotInExtract);
        }
        Assert.Equal(-1, c.Best.K);
        Assert.Single(c.TiedForBest);
        Assert.Empty(c.MappingsReproducingTable);
        Assert.Empty(c.MappingsAgreeingOnEveryCheckedCell);
        Assert.Equal((4, 6), (c.TotalAgree(c.Best), c.TotalChecked(c.Best)));
        Assert.Contains($"k = -1 (2009 = edition 2009-2010): {c.TotalAgree(c.Best)} of its {c.TotalChecked(c.Best)} checked cells agree.", SourcesReport.Conclusion(c));
        Assert.Contains("No mapping reproduces Table 1", SourcesReport.Conclusion(c));
    }

    [Fact]
    public void AnExtractEqualToTheTableIsReproducedUnderItsMappingOnly()
    {
        var rows = new List<(int, string, string)>();
        for (int i = 0; i < 4; i++)
        {
            // Unrounded values that round to the paper's, under k = 0.
            rows.Add((2009 + i, Pillars.Goods, (Goods[i] + 0.04).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            rows.Add((2009 + i, Pillars.Financial, (Financial[i] - 0.049).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            rows.Add((2009 + i, Pillars.Innovation, Innovation[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        }
        var c = SourceComparison.Compare(Table(2009, Goods, Financial, Innovation), ParseExtract(Extract([.. rows])));
        Assert.Equal([0], c.MappingsReproducingTable.Select(m => m.K));
        Assert.Equal(0, c.Best.K);
        Assert.Equal(12, c.TotalAgree(c.Best));
        Assert.Contains("k = 0 reproduces every score cell of Table 1.", SourcesReport.Conclusion(c));
    }

    [Fact]
    public void AScoreOffTheTenthsGridIsAnErrorNamingTheRow()
    {
        var table = Table(2009, [3.7, 3.71, 3.7, 3.8], Financial, Innovation);
        var e = Assert.Throws<DataFileException>(() => SourceComparison.Compare(table, ParseExtract(Extract((2009, Pillars.Goods, "3.7")))));
        Assert.Equal(3, e.Line);
        Assert.Contains("goods_market_efficiency = '3.71' has more than one decimal", e.Message);
    }

    [Fact]
    public void CellsCsvHoldsEveryCellWithTheScoreExactlyAsRead()
    {
        var c = Constructed();
        var lines = SourcesReport.CellsCsv(c).TrimEnd('\n').Split('\n');
        Assert.Equal(SourcesReport.CellsHeader, lines[0]);
        Assert.Equal(1 + 5 * 3 * 4, lines.Length);
        // Records of cells.csv, field by field (not prose).
        Assert.Contains("0,T2_goods,GCI.B.06,2010,2009-2010,3.7,3.6499999999999999,17,3.6,disagrees,1,yes,3", lines);
        Assert.Contains("0,T2_goods,GCI.B.06,2012,2011-2012,3.8,,,,not in the extract,,,", lines);
    }
}
