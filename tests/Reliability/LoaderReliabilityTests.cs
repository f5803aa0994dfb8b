using System.Diagnostics;
using System.Text;
using NotebookAnalysis.Cli;
using NotebookAnalysis.Data;
using NotebookAnalysis.Models;
using NotebookAnalysis.Report.Pipeline;
using NotebookAnalysis.Tests.Support;
using static NotebookAnalysis.Tests.Reliability.Inputs;

namespace NotebookAnalysis.Tests.Reliability;

/// <summary>
/// Issue 13, "every failure has a place": each class of bad input is refused at the loader or the command line with
/// the file, line, column and offending value (or the option), the exit code says so, and --out is left alone.
/// </summary>
public class LoaderReliabilityTests
{
    [Theory]
    [InlineData("1e308")]
    [InlineData("-1e308")]
    [InlineData("0.5")]
    [InlineData("7.01")]
    public void A_score_off_the_WEF_scale_is_refused_with_its_place(string score)
    {
        var run = RunMainJob(Variant((i, f) => { if (i == 4) f[1] = score; }));
        Assert.Equal(JobRunner.Failed, run.Code);
        Assert.Contains("line 6, column 2 (goods_market_efficiency)", run.Stderr);
        Assert.Contains($"'{score}'", run.Stderr);
        Assert.Contains("1 to 7", run.Stderr);
        Assert.DoesNotContain("NaN", run.Stderr);
        Assert.True(run.OutUnchanged);
    }

    [Fact]
    public void Scores_scaled_by_1e199_are_refused_at_the_first_one()
    {
        var run = RunMainJob(Variant((_, f) =>
        {
            foreach (int c in new[] { 1, 3, 5 })
                f[c] = (double.Parse(f[c], System.Globalization.CultureInfo.InvariantCulture) * 1e199).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }));
        Assert.Equal(JobRunner.Failed, run.Code);
        Assert.Contains("line 2, column 2 (goods_market_efficiency)", run.Stderr);
        Assert.Contains("E+199' is outside the WEF score scale", run.Stderr);
        Assert.True(run.OutUnchanged);
    }

    /// <summary>Copy-paste damage inside a number: <see cref="string.Trim()"/> used to hide a tab, a CR or a no-break space;
    /// a minus copied from a PDF is U+2212, not the hyphen-minus a number takes.</summary>
    [Theory]
    [InlineData(2, "1\t", "a tab", "")]
    [InlineData(2, "2\r", "a carriage return", "")]
    [InlineData(1, "\u00A03.8", "a no-break space (U+00A0)", "")]
    [InlineData(0, "2009\t", "a tab", "")]
    [InlineData(2, "1\t", "a tab", "ru-RU")]
    [InlineData(2, "2\r", "a carriage return", "ru-RU")]
    [InlineData(1, "\u00A03.8", "a no-break space (U+00A0)", "ru-RU")]
    [InlineData(1, "\u22123.8", "the typographic minus sign − (U+2212)", "")]
    public void A_tab_a_carriage_return_or_a_no_break_space_in_a_number_is_refused_with_its_place(int field, string value, string what, string culture)
    {
        using var scope = new CultureScope(culture);
        var run = RunMainJob(Variant((i, f) => { if (i == 4) f[field] = value; }));
        Assert.Equal(JobRunner.Failed, run.Code);
        string column = field switch { 0 => "column 1 (year)", 1 => "column 2 (goods_market_efficiency)", _ => "column 3 (goods_clusters)" };
        Assert.Contains($"line 6, {column}: ", run.Stderr);
        Assert.Contains($"holds {what}", run.Stderr);
        Assert.True(run.OutUnchanged);
        // Plain spaces around a number are still padding, and a CRLF line ending is still a line ending.
        var padded = Table1.Parse(Encoding.UTF8.GetBytes(Variant((i, f) => { if (i == 4) f[field] = " " + f[field] + " "; }).Replace("\n", "\r\n")), "padded.csv");
        var bundled = Table1.LoadBundled();
        if (field == 0) Assert.Equal(bundled.Years, padded.Years);
        else Assert.Equal(bundled.Column(Table1.ColumnNames[field])[4], padded.Column(Table1.ColumnNames[field])[4]);
    }

    [Theory]
    [InlineData("1e300", "more than the loader accepts")]
    [InlineData("-3", "not a count of clusters")]
    [InlineData("2.5", "not a count of clusters")]
    public void A_bad_cluster_count_is_refused_with_its_place(string count, string reason)
    {
        var run = RunMainJob(Variant((i, f) => { if (i == 4) f[2] = count; }));
        Assert.Equal(JobRunner.Failed, run.Code);
        Assert.Contains("line 6, column 3 (goods_clusters)", run.Stderr);
        Assert.Contains($"'{count}'", run.Stderr);
        Assert.Contains(reason, run.Stderr);
        Assert.DoesNotContain("not finite", run.Stderr);
        Assert.True(run.OutUnchanged);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Too_few_rows_are_refused_at_the_loader_not_inside_a_test(int rows)
    {
        var lines = BundledLines();
        var csv = string.Join('\n', lines.Take(1).Concat(lines.TakeLast(rows))) + "\n";
        var run = RunMainJob(csv);
        Assert.Equal(JobRunner.Failed, run.Code);
        Assert.Contains($"line {rows + 1}", run.Stderr);
        Assert.Contains($"has {rows} data row(s)", run.Stderr);
        Assert.Contains($"at least {Table1.MinimumRows}", run.Stderr);
        Assert.DoesNotContain("Breusch-Godfrey test of order", run.Stderr);
        Assert.True(run.OutUnchanged);
    }

    [Fact]
    public void The_minimum_row_count_is_what_the_models_need()
    {
        // Every model needs its coefficients plus two fitted rows (Breusch-Godfrey of order 1 needs n − k − 1 ≥ 1),
        // plus the year a lag or difference loses.
        int needed = ModelSpecs.All.Max(s => s.CoefficientCount + 2 + (s.DropsFirstRow ? 1 : 0));
        Assert.Equal(Table1.MinimumRows, needed);
    }

    [Fact]
    public void The_smallest_accepted_table_runs_to_the_end()
    {
        var lines = BundledLines();
        var csv = string.Join('\n', lines.Take(1).Concat(lines.TakeLast(Table1.MinimumRows))) + "\n";
        var run = RunMainJob(csv);
        Assert.True(run.Code == JobRunner.Ok, run.Stderr);
        Assert.DoesNotContain("NaN", run.Files["results.csv"]);
        Assert.DoesNotContain("Infinity", run.Files["results.csv"]);
    }

    [Theory]
    [InlineData("--data")]
    [InlineData("--out")]
    public void An_empty_path_is_a_usage_error_naming_the_option(string option)
    {
        var stderr = new StringWriter();
        int code = MainJob.Run([option, ""], new StringWriter(), stderr);
        Assert.Equal(JobRunner.Usage, code);
        Assert.Contains($"option {option}: the value", stderr.ToString());
        Assert.Contains("is empty", stderr.ToString());
        Assert.DoesNotContain("(Parameter", stderr.ToString());
    }

    [Theory]
    [InlineData(new[] { "--data" }, "option --data needs a value")]
    [InlineData(new[] { "--frobnicate" }, "unknown option '--frobnicate'")]
    [InlineData(new[] { "--out", "a", "--out", "b" }, "option --out is given more than once")]
    [InlineData(new[] { "--data", "x\0y" }, "option --data: 'x\\0y' holds a control character")]
    [InlineData(new[] { "--data", "  " }, "option --data: the value is blank")]
    public void Other_usage_errors_name_the_option(string[] args, string message)
    {
        var stderr = new StringWriter();
        Assert.Equal(JobRunner.Usage, MainJob.Run(args, new StringWriter(), stderr));
        Assert.Contains(message, stderr.ToString());
    }

    [Fact]
    public void An_out_path_that_is_a_file_is_a_usage_error()
    {
        using var dir = new TempDir();
        var file = dir.Write("taken", "x");
        var stderr = new StringWriter();
        Assert.Equal(JobRunner.Usage, MainJob.Run(["--out", file], new StringWriter(), stderr));
        Assert.Contains("--out", stderr.ToString());
        Assert.Contains("is a file", stderr.ToString());
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void A_directory_is_refused_as_not_a_file()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "folder.csv"));
        var run = RunMainJobOn(Path.Combine(dir.Path, "folder.csv"), dir);
        Assert.Equal(JobRunner.Failed, run.Code);
        Assert.Contains("folder.csv:line 1: the path is a directory, not a file", run.Stderr);
        Assert.DoesNotContain("denied", run.Stderr);
        Assert.True(run.OutUnchanged);
    }

    [Fact]
    public void A_fifo_with_no_writer_is_refused_without_blocking()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("FIFOs as tested here are a Linux notion.");
        using var dir = new TempDir();
        var fifo = Path.Combine(dir.Path, "pipe.csv");
        using (var mk = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { RedirectStandardError = true })!)
            mk.WaitForExit();
        Assert.True(File.Exists(fifo), "mkfifo failed");
        var run = WithTimeout(() => RunMainJobOn(fifo, dir));
        Assert.Equal(JobRunner.Failed, run.Code);
        Assert.Contains("pipe.csv:line 1: the path is a named pipe (FIFO)", run.Stderr);
        Assert.True(run.OutUnchanged);
    }

    [Fact]
    public void Dev_zero_is_refused_before_any_read()
    {
        if (!File.Exists("/dev/zero")) Assert.Skip("this system has no /dev/zero.");
        using var dir = new TempDir();
        long before = GC.GetTotalAllocatedBytes();
        var run = WithTimeout(() => RunMainJobOn("/dev/zero", dir));
        Assert.Equal(JobRunner.Failed, run.Code);
        Assert.Contains("/dev/zero:line 1: the path is a character device", run.Stderr);
        Assert.True(GC.GetTotalAllocatedBytes() - before < 64L * 1024 * 1024, "the loader read from /dev/zero");
        Assert.True(run.OutUnchanged);
    }

    [Fact]
    public void A_file_over_the_size_cap_is_refused_unread_with_the_cap_in_the_message()
    {
        using var dir = new TempDir();
        var big = Path.Combine(dir.Path, "big.csv");
        using (var fs = File.Create(big))
            fs.SetLength(Table1.MaxFileBytes + 1); // sparse: no disk used
        var run = WithTimeout(() => RunMainJobOn(big, dir));
        Assert.Equal(JobRunner.Failed, run.Code);
        Assert.Contains($"{Table1.MaxFileBytes + 1} bytes", run.Stderr);
        Assert.Contains($"at most {Table1.MaxFileBytes} bytes (64 MiB", run.Stderr);
        Assert.True(run.OutUnchanged);
    }

    [Fact]
    public void A_10_MB_header_is_not_echoed()
    {
        var header = "year," + new string('g', 10_000_000) + ",goods_clusters";
        var run = RunMainJob(header + "\n2009,3.7,14\n");
        Assert.Equal(JobRunner.Failed, run.Code);
        Assert.Contains("line 1, column 2", run.Stderr);
        Assert.Contains("unknown column 'gggg", run.Stderr);
        Assert.Contains("(10000000 characters)", run.Stderr);
        Assert.True(run.Stderr.Length < 2_000, $"message of {run.Stderr.Length} characters");
        Assert.True(run.OutUnchanged);
    }

    [Theory]
    [InlineData("3.\u00007", "'3.\\07'")]
    [InlineData("3\r.7", "'3\\r.7'")]
    [InlineData("3.7\u001b[31m", "'3.7\\u001B[31m'")]
    public void Control_characters_in_a_value_are_escaped_in_the_message(string value, string shown)
    {
        var run = RunMainJob(Variant((i, f) => { if (i == 4) f[1] = value; }));
        Assert.Equal(JobRunner.Failed, run.Code);
        Assert.Contains("line 6, column 2 (goods_market_efficiency)", run.Stderr);
        Assert.Contains(shown, run.Stderr);
        Assert.DoesNotContain(run.Stderr.TrimEnd('\n'), c => char.IsControl(c) && c != '\n');
        Assert.True(run.OutUnchanged);
    }

    [Fact]
    public void A_constant_regressor_names_the_market_and_the_model()
    {
        var run = RunMainJob(Variant((_, f) => f[4] = "5"));
        Assert.Equal(JobRunner.Failed, run.Code);
        // A model error names the table, market, columns, model and reason: the wording is the point.
        Assert.Contains("T3_financial (market T3_financial: financial_market_development on financial_clusters), model 'base': x is constant", run.Stderr);
        Assert.True(run.OutUnchanged);
    }

    [Fact]
    public void Only_domain_errors_are_reported_as_such_so_a_bug_keeps_its_stack_trace()
    {
        Assert.True(JobRunner.IsDomainError(new DataFileException("f.csv", 1, null, null, "bad")));
        Assert.True(JobRunner.IsDomainError(new NotebookAnalysis.Regression.ModelException("base", "x is constant", "T2_goods")));
        Assert.False(JobRunner.IsDomainError(new InvalidOperationException("a bug")));
        Assert.False(JobRunner.IsDomainError(new ArgumentException("a bug")));
        Assert.False(JobRunner.IsDomainError(new NullReferenceException()));
        Assert.False(JobRunner.IsDomainError(new IOException("a read outside the loader is a bug too")));
    }

    [Fact]
    public void A_score_with_more_decimals_than_a_double_holds_is_refused()
    {
        // Found by the corpus: 10 MB of digits after the point made the rounding half-width 0 and crashed the job.
        var run = RunMainJob(Variant((i, f) => { if (i == 4) f[1] = "3." + new string('7', 10_000_000); }));
        Assert.Equal(JobRunner.Failed, run.Code);
        Assert.Contains("line 6, column 2 (goods_market_efficiency)", run.Stderr);
        // A bad-input message with its limit: the wording is the point.
        Assert.Contains("has 10000000 digits after the point; a y value may have at most 15", run.Stderr);
        Assert.True(run.OutUnchanged);
        Assert.Equal(15, Table1.Parse(Encoding.UTF8.GetBytes(Variant((i, f) => { if (i == 4) f[1] = "3.800000000000001"; })), "ok.csv").PrintedDecimals(Market.Goods));
    }

    [Fact]
    public void An_exponent_beyond_int_on_a_valid_zero_loads()
    {
        var t = Table1.Parse(Encoding.UTF8.GetBytes(Variant((i, f) => { if (i == 4) f[2] = "0e-99999999999999999999"; })), "zero.csv");
        Assert.Equal(0.0, t.Column("goods_clusters")[4]);
    }

    [Fact]
    public void Data_file_messages_escape_and_cut()
    {
        var e = new DataFileException("f\r.csv", 1, 2, "c\0", new string('x', 10_000));
        Assert.True(e.Message.Length < DataFileException.MaxReasonLength + 100);
        Assert.DoesNotContain(e.Message, char.IsControl);
    }

    [Fact]
    public void Loader_reads_the_bundled_file_through_the_regular_file_check()
    {
        Assert.Equal(10, Table1.Load(ProjectPaths.BundledTable1).RowCount);
        Assert.Equal(File.ReadAllBytes(ProjectPaths.BundledTable1), InputFile.ReadBytes(ProjectPaths.BundledTable1, "Table 1", Table1.MaxFileBytes));
    }
}
