using NotebookAnalysis.Data;
using NotebookAnalysis.Report.Reporting;
using NotebookAnalysis.Sources;
using static NotebookAnalysis.Tests.Sources.SourcesFixture;

namespace NotebookAnalysis.Tests.Sources;

/// <summary>
/// Precision as stored: a WEF value with fewer than full-precision digits stands for every number within half a unit of
/// its last digit, and a rounding to 0.1 that those digits cannot decide is reported as undecidable, never guessed.
/// </summary>
public class PrecisionTests
{
    // Paper years 2009-2012, goods column 3.7 throughout.
    private static readonly double[] Goods = [3.7, 3.7, 3.7, 3.7];
    private static readonly double[] Other = [3.3, 3.3, 3.3, 3.3];

    // Goods under k = 0: 2009 a 10-digit value on the edge 3.65 (the true score may lie on either side);
    // 2010 a 10-digit value 1E-9 below the edge, twice its half unit of 5E-10 (decided: 3.6);
    // 2011 the same edge at full precision (taken as exact: rounds up to 3.7); 2012 a 10-digit value far from any edge.
    private static SourceComparison Constructed() => SourceComparison.Compare(
        Table(2009, Goods, Other, Other),
        ParseExtract(Extract(
            (2009, Pillars.Goods, "3.650000000"), (2010, Pillars.Goods, "3.649999999"),
            (2011, Pillars.Goods, "3.6500000000000000"), (2012, Pillars.Goods, "3.712345678"))));

    private static CellComparison Cell(SourceComparison c, int year) =>
        c.Cells.Single(x => x.Mapping == EditionMapping.Natural && x.Market == Market.Goods && x.PaperYear == year);

    [Fact]
    public void DigitsAndHalfUnitAreTheStoredOnes()
    {
        var wef = ParseExtract(Extract((2009, Pillars.Goods, "3.42553708"), (2010, Pillars.Goods, "4.186344936"),
            (2011, Pillars.Goods, "3.425537080"), (2012, Pillars.Goods, "3.9048236647210413")));
        var s = wef.Scores;
        Assert.Equal([9, 10, 10, 17], s.Select(x => x.SignificantDigits));
        Assert.Equal([0.000000005m, 0.0000000005m, 0.0000000005m, 0.00000000000000005m], s.Select(x => x.HalfUnit));
        Assert.Equal([false, false, false, true], s.Select(x => x.FullPrecision));
    }

    [Fact]
    public void ATenDigitValueThatCannotDecideTheRoundingIsUndecidable()
    {
        var c = Constructed();
        var edge = Cell(c, 2009);
        Assert.Equal(10, edge.Wef!.SignificantDigits);
        Assert.True(edge.RoundingUndecidable);
        Assert.Equal(CellStatus.Undecidable, edge.Status);
        Assert.Equal("undecidable", edge.StatusText);
        // Not guessed: no rounding, no difference, no agreement either way; both candidates named.
        Assert.Null(edge.WefRounded);
        Assert.Null(edge.DifferenceInTenths);
        Assert.False(edge.AgreesAcrossEdge);
        Assert.Equal("3.6 or 3.7", edge.Candidates);
    }

    [Fact]
    public void DigitsThatDoDecideTheRoundingAreJudged()
    {
        var c = Constructed();
        // 1E-9 below the edge with a half unit of 5E-10: every number the digits stand for rounds to 3.6.
        var below = Cell(c, 2010);
        Assert.False(below.RoundingUndecidable);
        Assert.Equal(3.6m, below.WefRounded);
        Assert.Equal(CellStatus.Disagrees, below.Status);
        // At full precision the stored decimal is taken as exact: the edge rounds half away from zero.
        var full = Cell(c, 2011);
        Assert.True(full.Wef!.FullPrecision);
        Assert.Equal(CellStatus.Agrees, full.Status);
        Assert.Null(full.Candidates);
        Assert.Equal(CellStatus.Agrees, Cell(c, 2012).Status);
    }

    [Fact]
    public void CountsReportsAndCsvKeepUndecidableCellsApart()
    {
        var c = Constructed();
        var count = c.Count(EditionMapping.Natural, Market.Goods);
        // The disagreeing cell is counted from the cells themselves, not derived from the other three counts.
        Assert.Equal((4, 2, 1, 1), (count.Checked, count.Agree, count.Undecidable,
            c.Column(EditionMapping.Natural, Market.Goods).Count(cell => cell.Status == CellStatus.Disagrees)));
        Assert.Equal(1, c.TotalUndecidable(EditionMapping.Natural));
        // A mapping with an undecidable cell does not reproduce the table, whatever the other cells say.
        Assert.DoesNotContain(EditionMapping.Natural, c.MappingsReproducingTable);
        var lines = SourcesReport.CellsCsv(c).Split('\n');
        // A record of cells.csv, field by field (not prose).
        Assert.Contains("0,T2_goods,GCI.B.06,2009,2008-2009,3.7,3.650000000,10,,undecidable,,yes,2", lines);
        string note = SourcesReport.PrecisionNote(c);
        // The note counts the short rows (the three 10-digit ones, with their source) and names each undecidable cell.
        var shortRows = c.Wef.Scores.Where(s => !s.FullPrecision).ToList();
        Assert.Equal(["2008-2009", "2009-2010", "2011-2012"], shortRows.Select(s => s.Edition));
        Assert.Contains($"{shortRows.Count} rows have fewer (10 digits: {string.Join(", ", shortRows.Select(s => $"GCI.B.06 {s.Edition}"))}, from owner/repo)", note);
        // The same 10-digit value is the paper's 2010 under k = +1, undecidable there too.
        var undecidable = c.Cells.Where(x => x.Status == CellStatus.Undecidable).Select(x => (x.PaperYear, x.Mapping.K, x.Candidates)).ToList();
        Assert.Equal([(2009, 0, "3.6 or 3.7"), (2010, 1, "3.6 or 3.7")], undecidable);
        Assert.Contains($"{undecidable.Count} cell(s) are undecidable:", note);
        foreach (var (year, k, candidates) in undecidable)
            Assert.Contains($"goods_market_efficiency {year} under k = {(k > 0 ? "+" : "")}{k} ({candidates})", note);
        Assert.Contains("| undecidable |", SourcesReport.Agreement(c).ToMarkdown());
        Assert.Contains("| 3.6 or 3.7 | undecidable |", SourcesReport.Cells(c, EditionMapping.Natural).ToMarkdown());
    }
}
