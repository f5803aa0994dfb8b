using NotebookAnalysis.Cli;
using NotebookAnalysis.Transcription;
using System.Diagnostics;
using System.Text;
using NotebookAnalysis.Accuracy;
using NotebookAnalysis.Data;
using NotebookAnalysis.Report.Pipeline;
using NotebookAnalysis.Reproduction;
using NotebookAnalysis.Sources;
using NotebookAnalysis.Taxonomy;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Reliability;

/// <summary>
/// The one guarded reader (<c>Data.InputFile</c>) and every input routed through it: a FIFO with no writer,
/// /dev/zero and a directory are each refused within 2 s with a message that names the file and its line, and a bad
/// UTF-8 byte is reported at its true line and column.
/// </summary>
public class InputFileTests
{
    /// <summary>Every reader of an input file, by the input's name; each throws its located error for a bad path.</summary>
    public static readonly Dictionary<string, Action<string>> Readers = new()
    {
        ["Table 1"] = p => Table1.Load(p),
        ["WEF extract"] = p => WefExtract.Load(p),
        ["paper.md"] = p => PaperText.Load(p),
        ["paper.md (the jobs)"] = p => InputFile.ReadText(p, "the paper's transcription"),
        ["taxonomy JSON"] = p => TaxonomyJsonFile.Read(p),
        ["printed tables"] = p => PublishedTables.Load(p),
        ["StRD file"] = p => StrdDataset.Load(p),
        ["notebook"] = p => NotebookRunner.NotebookFile.Load(p),
    };

    public static TheoryData<string, string> ReadersAndSpecialFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var reader in Readers.Keys)
            foreach (var kind in new[] { "fifo", "/dev/zero", "directory" })
                data.Add(reader, kind);
        return data;
    }

    [Theory]
    [MemberData(nameof(ReadersAndSpecialFiles))]
    public async Task A_special_file_is_refused_within_2_seconds_with_a_located_message(string reader, string kind)
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("FIFOs and /dev/zero as tested here are Linux notions.");
        using var dir = new TempDir();
        string path = kind switch
        {
            "fifo" => Path.Combine(dir.Path, "input.fifo"),
            "directory" => Directory.CreateDirectory(Path.Combine(dir.Path, "input.d")).FullName,
            _ => "/dev/zero",
        };
        if (kind == "fifo") Mount.Run("mkfifo", path);

        var clock = Stopwatch.StartNew();
        // The time is taken where the reader returns: the test's own continuation may wait for a thread.
        var reading = Task.Run(() => (Error: Record.Exception(() => Readers[reader](path)), clock.Elapsed));
        bool ended = await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken)) == reading;
        if (!ended && kind == "fifo") File.WriteAllText(path, ""); // unblock a hung reader so the test process can end
        Assert.True(ended, $"{reader} on {kind}: still reading after 2 s");
        var (error, elapsed) = await reading;
        Assert.NotNull(error);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"refused after {elapsed.TotalSeconds:F1} s");
        Assert.Contains(path, error.Message);
        Assert.Contains("line 1", error.Message);
        Assert.Contains(kind switch { "fifo" => "named pipe (FIFO)", "directory" => "is a directory", _ => "character device" }, error.Message);
        Assert.DoesNotContain("   at ", error.Message);
    }

    [Fact]
    public async Task The_WEF_extract_as_a_fifo_stops_the_sources_job_within_2_seconds_with_a_message()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("FIFOs as tested here are a Linux notion.");
        using var dir = new TempDir();
        var fifo = Path.Combine(dir.Path, "extract.csv");
        Mount.Run("mkfifo", fifo);
        var outDir = Path.Combine(dir.Path, "out");
        var stderr = new StringWriter();
        var run = Task.Run(() => SourcesJob.Run(["--wef", fifo, "--out", outDir], new StringWriter(), stderr));
        bool ended = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken)) == run;
        if (!ended) File.WriteAllText(fifo, "");
        Assert.True(ended, "the sources job blocked on a FIFO");
        Assert.Equal(1, await run);
        Assert.Contains($"{fifo}:line 1: the path is a named pipe (FIFO)", stderr.ToString());
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Byte_E9_on_line_6_is_reported_at_line_6_with_its_column()
    {
        using var culture = new CultureScope("ru-RU");
        var lines = File.ReadAllLines(ProjectPaths.BundledTable1);
        // Line 6 is the row of 2013; a Latin-1 'é' after "2013,3." : the byte is the 8th character of its line.
        Assert.StartsWith("2013,", lines[5]);
        var before = Encoding.UTF8.GetBytes(string.Join('\n', lines[..5]) + "\n" + lines[5][..7]);
        var after = Encoding.UTF8.GetBytes(lines[5][7..] + "\n" + string.Join('\n', lines[6..]) + "\n");
        byte[] bytes = [.. before, 0xE9, .. after];

        var e = Assert.Throws<DataFileException>(() => InputFile.Decode(bytes, "t.csv"));
        Assert.Equal((6, 8), (e.Line, e.Column));
        Assert.Contains("byte 0xE9", e.Message);

        // Through the main job, as a user sees it; a BOM does not shift the column, and multi-byte characters count once.
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "latin1.csv");
        File.WriteAllBytes(file, [0xEF, 0xBB, 0xBF, .. bytes]);
        var stderr = new StringWriter();
        Assert.Equal(JobRunner.Failed, MainJob.Run(["--data", file, "--out", Path.Combine(dir.Path, "out")], new StringWriter(), stderr));
        Assert.Contains($"{file}:line 6, column 8: byte 0xE9 is not valid UTF-8", stderr.ToString());

        var wide = Assert.Throws<DataFileException>(() => InputFile.Decode([.. "a\nπ€x"u8, 0xE9, .. "\n"u8], "w.csv"));
        Assert.Equal((2, 4), (wide.Line, wide.Column));
        // The WEF extract and paper.md give the same location.
        var wef = Assert.Throws<DataFileException>(() => WefExtract.Parse(bytes, "wef.csv"));
        Assert.Equal((6, 8), (wef.Line, wef.Column));
        File.WriteAllBytes(file, bytes);
        var paper = Assert.Throws<DataFileException>(() => PaperText.Load(file));
        Assert.Equal((6, 8), (paper.Line, paper.Column));
    }

    [Fact]
    public void A_BOM_is_dropped_UTF16_is_named_and_the_cap_is_kept()
    {
        Assert.Equal("a,b", InputFile.Decode([0xEF, 0xBB, 0xBF, .. "a,b"u8], "x"));
        var utf16 = Assert.Throws<DataFileException>(() => InputFile.Decode([0xFF, 0xFE, (byte)'a', 0], "x"));
        Assert.Contains("UTF-16", utf16.Message);

        using var dir = new TempDir();
        var file = dir.Write("small.txt", new string('x', 100));
        Assert.Equal(100, InputFile.ReadBytes(file, "a test input", 100).Length);
        var big = Assert.Throws<DataFileException>(() => InputFile.ReadBytes(file, "a test input", 99));
        Assert.Contains("at most 99 bytes for a test input", big.Message);
        var missing = Assert.Throws<DataFileException>(() => InputFile.ReadText(Path.Combine(dir.Path, "none.md"), "paper.md"));
        Assert.Contains("no such file", missing.Message);
    }
}
