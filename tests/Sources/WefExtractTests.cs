using NotebookAnalysis.Data;
using NotebookAnalysis.Report.Pipeline;
using NotebookAnalysis.Sources;
using NotebookAnalysis.Tests.Support;
using static NotebookAnalysis.Tests.Sources.SourcesFixture;

namespace NotebookAnalysis.Tests.Sources;

/// <summary>The extract's reader: every error names the file, line and column with the offending value, and the job writes nothing.</summary>
public class WefExtractTests
{
    private static string Good => Extract((2009, Pillars.Goods, "3.9048236647210413"), (2010, Pillars.Goods, "3.7480141015450981"));

    [Fact]
    public void ReadsByHeaderInAnyOrderWithQuotedCommasAndKeepsEveryDigit()
    {
        var text = "score,pillar,edition_year_end,edition,source_commit,source_path,source_repo,pillar_name\r\n" +
                   "3.191861163935946,GCI.B.08,2013,2012-2013,abc,x.csv,o/r,\"8th pillar: \"\"Financial\"\", market\"\r\n";
        var wef = ParseExtract(text);
        var s = Assert.Single(wef.Scores);
        Assert.Equal(3.191861163935946m, s.Exact);
        Assert.Equal("3.191861163935946", s.Exact.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("8th pillar: \"Financial\", market", s.PillarName);
        Assert.Equal(2013, s.EditionYearEnd);
        Assert.Equal(2, s.Line);
        Assert.Same(s, wef.Find(Pillars.Financial, 2013));
        Assert.Null(wef.Find(Pillars.Financial, 2014));
    }

    [Fact]
    public void ReadsTheSameUnderRuRu()
    {
        var invariant = ParseExtract(Good).Scores.Select(s => s.Exact).ToList();
        var ru = CultureScope.Run("ru-RU", () => ParseExtract(Good).Scores.Select(s => s.Exact).ToList());
        Assert.Equal(invariant, ru);
        Assert.Equal(3.9048236647210413m, ru[0]);
    }

    public static TheoryData<string, string, int, int?, string[]> Errors => new()
    {
        // name, file text, line, column, fragments the message must hold
        { "wrong header", Good.Replace("\"pillar_name\"", "\"pillar_title\""), 1, 4, ["unknown column 'pillar_title'", "Expected the header: edition,edition_year_end,pillar,pillar_name,score"] },
        { "missing header", Good[(Good.IndexOf('\n') + 1)..], 1, 1, ["unknown column '2008-2009'", "is the header missing?"] },
        { "header lacks a column", Header.Replace(",\"source_commit\"", "") + "\n", 1, null, ["lacks the column(s) source_commit"] },
        { "non-numeric score", Good.Replace("3.7480141015450981", "3,748"), 3, 5, ["column 5 (score)", "'3,748' is not a number"] },
        { "score above 7", Good.Replace("3.7480141015450981", "37.48"), 3, 5, ["column 5 (score)", "'37.48' is outside the GCI scale of 1 to 7"] },
        { "score below 1", Good.Replace("3.7480141015450981", "0.5"), 3, 5, ["'0.5' is outside the GCI scale of 1 to 7"] },
        { "duplicate edition", Good + Row(2010, Pillars.Goods, "3.75") + "\n", 4, 1, ["column 1 (edition)", "edition '2009-2010' appears twice for pillar GCI.B.06 (first on line 3)"] },
        { "edition year mismatch", Good.Replace("\"2010\"", "\"2011\""), 3, 2, ["column 2 (edition_year_end)", "'2011' is not the second year of the edition '2009-2010' (2010)"] },
        { "short row", Good + "\"2011-2012\",\"2012\"\n", 4, 3, ["expected 8 fields as in the header but found 2"] },
        { "unclosed quote", Good + "\"2011-2012\n", 4, 1, ["the quote opened at character 1 is never closed"] },
        { "text after a closing quote", Good + "\"2011-2012\"x,\"2012\"\n", 4, 1, ["text follows the closing quote"] },
        { "tab in a score", Good.Replace("3.7480141015450981", "3.7480141015450981\t"), 3, 5, ["column 5 (score)", "holds a tab"] },
        { "no-break space in a score", Good.Replace("3.7480141015450981", "\u00A03.7480141015450981"), 3, 5, ["column 5 (score)", "holds a no-break space (U+00A0)"] },
        { "carriage return in a year", Good.Replace("\"2010\"", "\"2010\r\""), 3, 2, ["column 2 (edition_year_end)", "holds a carriage return"] },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void EveryErrorNamesFileLineAndColumn(string name, string text, int line, int? column, string[] fragments)
    {
        var e = Assert.Throws<DataFileException>(() => ParseExtract(text));
        Assert.Equal("wef.csv", e.File);
        Assert.True(e.Line == line, $"{name}: expected line {line}, got {e.Line}: {e.Message}");
        Assert.True(e.Column == column, $"{name}: expected column {column}, got {e.Column}: {e.Message}");
        Assert.StartsWith("wef.csv:line " + line, e.Message);
        foreach (var f in fragments)
            Assert.Contains(f, e.Message);
    }

    [Fact]
    public void UnknownPillarIdNamesTheId()
    {
        var text = Good + Row(2010, "GCI.B.07", "3.5") + "\n";
        var e = Assert.Throws<DataFileException>(() => ParseExtract(text));
        Assert.Equal(4, e.Line);
        Assert.Equal(3, e.Column);
        // A located error: file, line, column, field and value are the promise, so the message is pinned.
        Assert.Contains("wef.csv:line 4, column 3 (pillar): unknown pillar id 'GCI.B.07'", e.Message);
        Assert.Contains("Known: GCI.B.06, GCI.B.08, GCI.C.12, GCI", e.Message);
    }

    [Fact]
    public void MissingFileSaysWhereItLookedAndWhatFormatItExpects()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "nowhere", "extract.csv");
        var e = Assert.Throws<DataFileException>(() => WefExtract.Load(path));
        Assert.Equal(path, e.File);
        Assert.Equal(1, e.Line);
        Assert.Contains($"looked at {path}", e.Message);
        // The error lists the header it expects: that list is the value.
        Assert.Contains("edition,edition_year_end,pillar,pillar_name,score,source_repo,source_path,source_commit", e.Message);
    }

    [Fact]
    public void EmptyFileAndHeaderOnlyAreErrors()
    {
        Assert.Contains("the file is empty", Assert.Throws<DataFileException>(() => ParseExtract("")).Message);
        Assert.Contains("no rows", Assert.Throws<DataFileException>(() => ParseExtract(Header + "\n")).Message);
    }

    public static TheoryData<string> BadFiles => new()
    {
        "missing",
        Good.Replace("\"pillar_name\"", "\"pillar_title\""),
        Good[(Good.IndexOf('\n') + 1)..],
        Good + Row(2010, "GCI.B.07", "3.5") + "\n",
        Good + Row(2010, Pillars.Goods, "3.75") + "\n",
        Good.Replace("3.7480141015450981", "n/a"),
        Good.Replace("3.7480141015450981", "7.01"),
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void TheJobFailsAndWritesNothing(string text)
    {
        using var dir = new TempDir();
        var outDir = Path.Combine(dir.Path, "out");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "SOURCES.md"), "previous run\n");
        var before = TempDir.Snapshot(outDir);
        var wef = text == "missing" ? Path.Combine(dir.Path, "absent.csv") : dir.Write("wef.csv", text);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = SourcesJob.Run(["--wef", wef, "--out", outDir], stdout, stderr);
        Assert.Equal(1, code);
        Assert.Contains(wef, stderr.ToString());
        Assert.Matches(@":line \d+", stderr.ToString());
        Assert.Contains("Nothing was written.", stderr.ToString());
        Assert.Equal(before, TempDir.Snapshot(outDir));
        Assert.Equal("", stdout.ToString());
    }

    [WefExtractFact]
    public void TheSharedExtractReadsAsItsReadmeDescribes()
    {
        var wef = WefExtract.Load(ProjectPaths.SharedWefExtract);
        // Editions 2006-2007 … 2017-2018 for the three pillars and the overall index (the README's table).
        Assert.Equal(48, wef.Scores.Count);
        foreach (var p in new[] { Pillars.Goods, Pillars.Financial, Pillars.Innovation, Pillars.Overall })
            Assert.Equal(Enumerable.Range(2007, 12), wef.Scores.Where(s => s.Pillar == p).Select(s => s.EditionYearEnd).Order());
        Assert.Equal(4.314196116754343m, wef.Find(Pillars.Overall, 2009)!.Exact);
        // The README: the 2016-17 and 2017-18 pillar rows come from a second copy with 10 significant digits (one drops a
        // trailing zero, so 9 are stored); none of them lies within half a unit of its last digit of a rounding edge.
        var cut = wef.Scores.Where(s => s.Pillar != Pillars.Overall && s.EditionYearEnd >= 2017).ToList();
        Assert.Equal(6, cut.Count);
        Assert.All(cut, s => Assert.Equal("FrauBoes/TributeToHans", s.SourceRepo));
        Assert.All(cut, s => Assert.InRange(s.SignificantDigits, 9, 10));
        Assert.All(cut, s => Assert.False(s.FullPrecision));
        Assert.All(cut, s => Assert.False(ScoreRounding.Undecidable(s)));
        Assert.All(wef.Scores.Where(s => s.SourceRepo == "tokumotion/GCI_Data" && s.EditionYearEnd >= 2008), s => Assert.True(s.FullPrecision));
    }
}
