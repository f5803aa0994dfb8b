using NotebookAnalysis.Cli;
using NotebookAnalysis.Teaching;
using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;
using NotebookAnalysis.Data;
using NotebookAnalysis.Report.Pipeline;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Data;

public class Table1LoaderTests
{
    private const string Header = "year,goods_market_efficiency,goods_clusters,financial_market_development,financial_clusters,innovation,innovation_clusters";

    private static string Rows(params string[] rows) => Header + "\n" + string.Join("\n", rows) + "\n";

    private static readonly string[] Good =
    [
        "2009,3.7,14,3.3,6,3.4,3",
        "2010,3.7,17,3.3,7,3.4,4",
        "2011,3.7,21,3.3,10,3.3,5",
        "2012,3.7,26,3.3,15,3.2,7",
        "2013,3.8,34,3.4,18,3.1,10",
    ];

    [Fact]
    public void Bundled_table_has_ten_years_and_the_papers_values()
    {
        var t = Table1.LoadBundled();
        Assert.Equal(10, t.RowCount);
        Assert.Equal(Enumerable.Range(2009, 10), t.Years);
        Assert.Equal(new[] { 3.7, 3.7, 3.7, 3.7, 3.8, 3.9, 4.0, 4.1, 4.1, 4.2 }, t.Column("goods_market_efficiency"));
        Assert.Equal(new double[] { 14, 17, 21, 26, 34, 45, 67, 79, 83, 91 }, t.Column("goods_clusters"));
        Assert.Equal(new double[] { 6, 7, 10, 15, 18, 20, 21, 22, 24, 27 }, t.Column("financial_clusters"));
        Assert.Equal(new[] { 3.4, 3.4, 3.3, 3.2, 3.1, 3.2, 3.3, 3.4, 3.4, 3.5 }, t.Column("innovation"));
    }

    [Fact]
    public void DataFrame_has_double_columns_holding_exact_doubles()
    {
        var df = Table1.LoadBundled().ToDataFrame();
        Assert.Equal(7, df.Columns.Count);
        Assert.Equal(10, df.Rows.Count);
        Assert.Equal(typeof(int), df.Columns["year"].DataType);
        foreach (var name in Table1.ColumnNames.Skip(1))
            Assert.Equal(typeof(double), df.Columns[name].DataType);
        // 3.7 stays the double nearest 3.7, not the float 3.700000047683716 that LoadCsv's inference gives.
        Assert.Equal(3.7, (double)df.Columns["goods_market_efficiency"][0]!);
    }

    [Theory]
    [InlineData("ru-RU")]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    public void Parsing_is_culture_invariant(string culture)
    {
        var invariant = CultureScope.Run("", () => Table1.LoadBundled().Column("innovation"));
        var local = CultureScope.Run(culture, () => Table1.LoadBundled().Column("innovation"));
        Assert.Equal(invariant, local);
        Assert.Equal(3.4, local[0]);
    }

    [Fact]
    public void DataFrame_LoadCsv_shows_the_hazard_that_the_loader_avoids()
    {
        // Documents why the project never calls LoadCsv: under de-DE it reads "3.7" as 37 (or as float32 3.7).
        var value = CultureScope.Run("de-DE", () =>
        {
            var df = DataFrame.LoadCsv(ProjectPaths.BundledTable1);
            return Convert.ToDouble(df.Columns["goods_market_efficiency"][0], CultureInfo.InvariantCulture);
        });
        Assert.NotEqual(3.7, value);
        Assert.Equal(3.7, CultureScope.Run("de-DE", () => Table1.LoadBundled().Column("goods_market_efficiency")[0]));
    }

    [Fact]
    public void Bom_crlf_blank_lines_and_surrounding_spaces_are_accepted()
    {
        // Spaces only: a tab or a no-break space in a cell is copy-paste damage, refused (LoaderReliabilityTests).
        var text = "\uFEFF " + Header.Replace(",", " , ") + " \r\n\r\n" +
                   string.Join("\r\n", Good.Select(r => "  " + r.Replace(",", " ,  ") + " ")) + "\r\n\r\n";
        var t = Table1.Parse(new UTF8Encoding(false).GetBytes(text), "bom.csv");
        Assert.Equal(5, t.RowCount);
        Assert.Equal(3.3, t.Column("financial_market_development")[0]);
        Assert.Equal(26.0, t.Column("goods_clusters")[3]);
    }

    [Fact]
    public void Columns_may_come_in_any_order()
    {
        var header = "innovation_clusters,innovation,year,financial_clusters,financial_market_development,goods_clusters,goods_market_efficiency";
        var rows = Good.Select(r =>
        {
            var f = r.Split(',');
            return string.Join(",", f[6], f[5], f[0], f[4], f[3], f[2], f[1]);
        });
        var t = Table1.Parse(Encoding.UTF8.GetBytes(header + "\n" + string.Join("\n", rows)), "reordered.csv");
        Assert.Equal(Table1.Parse(Encoding.UTF8.GetBytes(Rows(Good)), "x.csv").Column("innovation"), t.Column("innovation"));
    }

    public static TheoryData<string, string, int, int?, string?, string> BadInputs() => new()
    {
        // name, content, line, column, column name, reason fragment
        { "missing cell", Rows("2009,3.7,14,,6,3.4,3", Good[1], Good[2]), 2, 4, "financial_market_development", "missing" },
        { "missing field", Rows("2009,3.7,14,3.3,6,3.4", Good[1], Good[2]), 2, 7, "innovation_clusters", "missing" },
        { "non-numeric", Rows(Good[0], "2010,high,17,3.3,7,3.4,4", Good[2]), 3, 2, "goods_market_efficiency", "not a number" },
        { "decimal comma", Rows(Good[0], "2010,3,7,17,3.3,7,3.4,4", Good[2]), 3, 2, "goods_market_efficiency", "decimal comma" },
        { "quoted decimal comma", Rows(Good[0], "2010,\"3,7\",17,3.3,7,3.4,4", Good[2]), 3, null, null, "decimal comma" },
        { "duplicate year", Rows(Good[0], Good[1], "2010,3.7,21,3.3,10,3.3,5"), 4, 1, "year", "appears twice" },
        { "missing year", Rows(Good[0], Good[1], "2012,3.7,26,3.3,15,3.2,7"), 4, 1, "year", "2011 is missing" },
        { "wrong header", "year,goods,goods_clusters,financial_market_development,financial_clusters,innovation,innovation_clusters\n" + string.Join("\n", Good), 1, 2, "goods", "unknown column" },
        { "missing column", "year,goods_market_efficiency,goods_clusters,financial_market_development,financial_clusters,innovation\n2009,3.7,14,3.3,6,3.4", 1, null, null, "lacks the column(s) innovation_clusters" },
        { "missing header", string.Join("\n", Good), 1, 1, null, "header is missing" },
        { "semicolons", Header.Replace(',', ';') + "\n2009;3,7;14;3,3;6;3,4;3", 1, null, null, "semicolons" },
        { "empty file", "", 1, null, null, "empty" },
        { "blank file", " \n\n  \n", 1, null, null, "empty" },
        { "header only", Header + "\n", 1, null, null, "no data rows" },
        { "NaN", Rows(Good[0], "2010,NaN,17,3.3,7,3.4,4", Good[2]), 3, 2, "goods_market_efficiency", "not a finite number" },
        { "Inf", Rows(Good[0], Good[1], "2011,3.7,21,3.3,10,-Infinity,5"), 4, 6, "innovation", "not a finite number" },
        { "overflow to Inf", Rows(Good[0], Good[1], "2011,3.7,21,3.3,10,1e400,5"), 4, 6, "innovation", "not a finite number" },
        { "fractional count", Rows(Good[0], "2010,3.7,17.5,3.3,7,3.4,4", Good[2]), 3, 3, "goods_clusters", "count" },
        { "too few rows", Rows(Good[0], Good[1], Good[2], Good[3]), 5, null, null, "the models need at least 5 consecutive years" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_refused_with_file_line_and_column(string name, string content, int line, int? column, string? columnName, string reason)
    {
        var e = Assert.Throws<DataFileException>(() => Table1.Parse(Encoding.UTF8.GetBytes(content), $"{name}.csv"));
        Assert.Equal($"{name}.csv", e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        if (columnName is not null) Assert.Equal(columnName, e.ColumnName);
        Assert.Contains(reason, e.Message);
        Assert.StartsWith($"{name}.csv:line {line}", e.Message);
        if (column is int c) Assert.Contains($"column {c}", e.Message);
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_makes_the_main_job_fail_without_writing(string name, string content, int line, int? column, string? columnName, string reason)
    {
        _ = column; _ = columnName;
        using var tmp = new TempDir();
        var data = tmp.Write($"{name}.csv", content);
        var outDir = System.IO.Path.Combine(tmp.Path, "out");
        tmp.Write("out/results.csv", "previous results\n");
        tmp.Write("out/REPRODUCTION.md", "previous report\n");
        var before = TempDir.Snapshot(outDir);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = MainJob.Run(["--data", data, "--out", outDir], stdout, stderr);
        Assert.Equal(JobRunner.Failed, code);
        Assert.Contains($"line {line}", stderr.ToString());
        Assert.Contains(reason, stderr.ToString());
        Assert.Contains("Nothing was written", stderr.ToString());
        Assert.Equal(before, TempDir.Snapshot(outDir));
    }

    [Fact]
    public void Missing_file_is_named()
    {
        var e = Assert.Throws<DataFileException>(() => Table1.Load("/no/such/table.csv"));
        Assert.Contains("/no/such/table.csv", e.Message);
    }

    [Fact]
    public void RequireRows_names_the_model()
    {
        var t = Table1.Parse(Encoding.UTF8.GetBytes(Rows(Good)), "four.csv");
        var e = Assert.Throws<DataFileException>(() => t.RequireRows(6, "x_plus_year with lag"));
        Assert.Contains("x_plus_year with lag", e.Message);
        Assert.Contains("four.csv", e.Message);
    }
}
