using System.Text.RegularExpressions;
using NotebookAnalysis.Data;
using NotebookAnalysis.Reproduction;

namespace NotebookAnalysis.Tests.Reproduction;

public class PublishedTablesTests
{
    [Fact]
    public void There_are_81_numbers_27_per_table()
    {
        Assert.Equal(81, PublishedTables.All.Count);
        foreach (var id in new[] { "2", "3", "4" })
            Assert.Equal(27, PublishedTables.For(id).Count);
    }

    [Fact]
    public void Every_printed_string_sits_at_its_row_and_column_of_the_paper()
    {
        var paper = File.ReadAllLines(ProjectPaths.Paper);
        foreach (var group in PublishedTables.All.GroupBy(p => p.Table))
        {
            int number = int.Parse(group.Key, System.Globalization.CultureInfo.InvariantCulture);
            var block = TableBlock(paper, number);
            foreach (var p in group)
            {
                string cell = Cell(block, p);
                Assert.True(cell == p.Printed, $"{p.Table} {p.PaperLabel}: file has '{p.Printed}', paper has '{cell}'.");
            }
        }
    }

    [Fact]
    public void Decimals_and_last_digit_units_follow_the_printed_string()
    {
        var sigF = PublishedTables.For("2").Single(p => p.Statistic == "f_pvalue");
        Assert.Equal("2.08182E-08", sigF.Printed);
        Assert.Equal(5, sigF.Decimals);
        Assert.Equal(1e-13m, sigF.LastDigitUnit);
        Assert.Equal(0.0000000208182m, sigF.Value);
        var sigma = PublishedTables.For("2").Single(p => p.Statistic == "sigma");
        Assert.Equal(0.0001m, sigma.LastDigitUnit);
        Assert.Equal("Normed R-square", PublishedTables.For("3").Single(p => p.Statistic == "adj_r_squared").PaperRow);
        Assert.Equal("P-value", PublishedTables.For("4").Single(p => p.Statistic == "p_value" && p.Term == "x").StandardColumn);
    }

    [Fact]
    public void A_wrong_decimal_count_is_refused_with_line_and_column()
    {
        var path = Path.Combine(Path.GetTempPath(), $"published-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, PublishedTables.Header + "\n2,regression_statistics,sigma,,Standard error,,Standard Error,,0.0269,3\n");
        try
        {
            var e = Assert.Throws<DataFileException>(() => PublishedTables.Load(path));
            Assert.Equal(2, e.Line);
            Assert.Equal(10, e.Column);
        }
        finally { File.Delete(path); }
    }

    private static List<string[]> TableBlock(string[] paper, int number)
    {
        int start = Array.FindIndex(paper, l => l.StartsWith($"**Table {number}.**", StringComparison.Ordinal));
        Assert.True(start >= 0, $"Table {number} not found in the paper.");
        var rows = new List<string[]>();
        for (int i = start + 1; i < paper.Length && !paper[i].StartsWith("Source:", StringComparison.Ordinal); i++)
            if (paper[i].Contains('\t'))
                rows.Add(paper[i].Split('\t').Select(c => Regex.Replace(c, "<[^>]+>", "").Trim()).ToArray());
        return rows;
    }

    private static string Cell(List<string[]> block, PublishedNumber p)
    {
        if (p.Section == "regression_statistics")
            return block.Single(r => r[0] == p.PaperRow)[1];
        // ANOVA and coefficient rows: the header row above names the columns.
        int rowIndex = block.FindIndex(r => r[0] == p.PaperRow);
        Assert.True(rowIndex >= 0, $"{p.Table}: row '{p.PaperRow}' not found.");
        var header = block.Take(rowIndex).Last(r => r[0].Length == 0 && r.Length > 2);
        int col = Array.IndexOf(header, p.PaperColumn);
        Assert.True(col > 0, $"{p.Table}: column '{p.PaperColumn}' not found.");
        return block[rowIndex][col];
    }
}
