using System.Text;
using NotebookAnalysis.Data;
using NotebookAnalysis.Report.Pipeline;

namespace NotebookAnalysis.Tests.Pipeline;

/// <summary>
/// The committed <c>results/</c> are what the main job computes now: <c>dotnet test</c> recomputes them in memory
/// and compares byte for byte, so a change that moves a number or a sentence fails here until the outputs are
/// regenerated with <c>dotnet run scripts/reproduce.cs</c>.
/// </summary>
public class CommittedResultsTests
{
    private static readonly Lazy<MainJob.Output> Recomputed =
        new(() => MainJob.Compute(ProjectPaths.BundledTable1, ProjectPaths.Results));

    private static readonly string[] Files = ["results.csv", "verdicts.csv", "consistency.csv", "REPRODUCTION.md"];

    public static TheoryData<string> MainJobFiles() => new(Files);

    [Theory]
    [MemberData(nameof(MainJobFiles))]
    public void Committed_file_equals_the_recomputed_one(string name)
    {
        var output = Recomputed.Value;
        Assert.Contains(name, output.Files.StagedFiles);
        var committedPath = Path.Combine(ProjectPaths.Results, name);
        Assert.True(File.Exists(committedPath), $"results/{name} is missing: run `dotnet run scripts/reproduce.cs`.");
        string? difference = FirstDifference(File.ReadAllBytes(committedPath), output.Files.Staged(name));
        Assert.True(difference is null, $"results/{name} is stale: {difference}. Regenerate with `dotnet run scripts/reproduce.cs`.");
    }

    [Fact]
    public void Every_file_the_main_job_writes_is_checked_here()
    {
        // A new output file must join MainJobFiles, or a stale copy of it would pass unnoticed.
        Assert.Equal(Files.Order(StringComparer.Ordinal),
            Recomputed.Value.Files.StagedFiles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FirstDifference_names_the_first_differing_line()
    {
        Assert.Null(FirstDifference("a\nb\n"u8.ToArray(), "a\nb\n"u8.ToArray()));
        Assert.Equal("line 2 differs: committed 'b', recomputed 'c'", FirstDifference("a\nb\nz\n"u8.ToArray(), "a\nc\nz\n"u8.ToArray()));
        Assert.Equal("the recomputed file has 1 more line(s) from line 2: 'b'", FirstDifference("a\n"u8.ToArray(), "a\nb\n"u8.ToArray()));
        Assert.Equal("the committed file has 1 more line(s) from line 2: 'b'", FirstDifference("a\nb\n"u8.ToArray(), "a\n"u8.ToArray()));
        // The message a developer reads when a committed file is stale: the wording is the point.
        Assert.Equal("the bytes differ but every line is equal (line ends or a final newline)", FirstDifference("a\r\n"u8.ToArray(), "a\n"u8.ToArray()));
    }

    /// <summary>Null when the bytes are equal; otherwise the first differing line, 1-based, with both versions.</summary>
    internal static string? FirstDifference(byte[] committed, byte[] recomputed)
    {
        if (committed.AsSpan().SequenceEqual(recomputed)) return null;
        var a = Lines(committed);
        var b = Lines(recomputed);
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
            if (a[i] != b[i])
                return $"line {i + 1} differs: committed '{Clip(a[i])}', recomputed '{Clip(b[i])}'";
        if (a.Length != b.Length)
        {
            var (longer, extra) = a.Length > b.Length ? ("committed", a) : ("recomputed", b);
            int from = Math.Min(a.Length, b.Length);
            return $"the {longer} file has {Math.Abs(a.Length - b.Length)} more line(s) from line {from + 1}: '{Clip(extra[from])}'";
        }
        return "the bytes differ but every line is equal (line ends or a final newline)";

        static string[] Lines(byte[] bytes) => Encoding.UTF8.GetString(bytes).TrimEnd('\n').Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        static string Clip(string s) => s.Length <= 200 ? s : s[..200] + "…";
    }
}
