using System.Diagnostics;
using System.Globalization;
using System.Text;
using NotebookAnalysis.Data;
using NotebookAnalysis.Output;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Reporting;
using NotebookAnalysis.Reproduction;
using NotebookAnalysis.Results;

namespace NotebookAnalysis.Pipeline;

/// <summary>
/// The main job behind <c>dotnet run scripts/reproduce.cs</c>: fit Tables 2-4, judge the 81 published numbers,
/// check their consistency, run the registered analysis sections, and write <c>results/</c> atomically.
/// </summary>
public static class MainJob
{
    /// <summary>Exit code: success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code: bad data, a model that cannot be fitted, or a failed write.</summary>
    public const int Failed = 1;

    /// <summary>Exit code: bad command line.</summary>
    public const int Usage = 2;

    /// <summary>The usage text.</summary>
    public const string UsageText =
        "usage: dotnet run scripts/reproduce.cs [-- [--data PATH] [--out DIR]]\n" +
        "  --data PATH  a Table 1 CSV with the same columns (default: seeds/data/table1.csv)\n" +
        "  --out DIR    output folder (default: results/)\n";

    /// <summary>Everything the job writes, computed in memory before anything touches the disk.</summary>
    public sealed record Output(Table1 Data, IReadOnlyList<MarketReproduction> Reproductions, IReadOnlyList<ResultRow> Rows, OutputFolder Files);

    /// <summary>
    /// Runs the job from command-line arguments. Returns an exit code; on failure nothing under the output folder changes.
    /// Only domain errors (bad data, a model that cannot be fitted, a failed write, a bad command line) are reported
    /// here; anything else is a bug and propagates with its stack trace.
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? data, outDir;
        try
        {
            if (args.Any(a => a is "-h" or "--help"))
            {
                stdout.Write(UsageText);
                return Ok;
            }
            (data, outDir) = ParseArguments(args);
        }
        catch (UsageException e)
        {
            stderr.Write($"reproduce: {e.Message}\n{UsageText}");
            return Usage;
        }
        try
        {
            var clock = Stopwatch.StartNew();
            var output = Compute(data ?? ProjectPaths.BundledTable1, outDir ?? ProjectPaths.Results, stdout);
            Commit(output.Files, outDir is null ? "the default output folder" : "--out");
            stdout.Write(Console(output));
            stdout.Write($"Wrote {string.Join(", ", output.Files.StagedFiles)} to {output.Files.Directory} in {clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s.\n");
            return Ok;
        }
        catch (Exception e) when (e is DataFileException or ModelException or OutputWriteException)
        {
            stderr.Write($"reproduce: {e.Message}\nNothing was written.\n");
            return Failed;
        }
    }

    /// <summary>The values of <c>--data</c> and <c>--out</c>; a <see cref="UsageException"/> naming the option otherwise.</summary>
    internal static (string? Data, string? Out) ParseArguments(IReadOnlyList<string> args)
    {
        string? data = null, outDir = null;
        for (int i = 0; i < args.Count; i++)
        {
            string option = args[i];
            if (option is not ("--data" or "--out"))
                throw new UsageException(option, $"unknown argument '{DataFileException.Shorten(option)}'.");
            if (i + 1 >= args.Count)
                throw new UsageException(option, $"{option} needs a value.");
            string value = args[++i];
            if (value.Trim().Length == 0)
                throw new UsageException(option, $"{option} needs a path, but its value is {(value.Length == 0 ? "empty" : "blank")}.");
            if (value.Any(char.IsControl))
                throw new UsageException(option, $"{option} '{DataFileException.Shorten(value)}' holds a control character, which no path may hold.");
            if ((option == "--data" ? data : outDir) is not null)
                throw new UsageException(option, $"{option} is given twice.");
            if (option == "--data") data = value;
            else
            {
                if (File.Exists(value))
                    throw new UsageException(option, $"--out '{DataFileException.Shorten(value)}' is a file; it must name a folder (existing or new).");
                outDir = value;
            }
        }
        return (data, outDir);
    }

    /// <summary>Writes the staged files; a failed write is reported as an <see cref="OutputWriteException"/> naming <paramref name="option"/>.</summary>
    private static void Commit(OutputFolder files, string option)
    {
        try
        {
            files.Commit();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputWriteException($"cannot write {option} folder {files.Directory}: {e.Message}", e);
        }
    }

    /// <summary>A bad command line; the message names the option.</summary>
    internal sealed class UsageException(string option, string message) : Exception(message)
    {
        /// <summary>The option at fault, as typed.</summary>
        public string Option { get; } = option;
    }

    /// <summary>
    /// A write to the output folder failed. Stands in for the <c>Output</c> folder's own exception until that lands.
    /// </summary>
    internal sealed class OutputWriteException(string message, Exception inner) : Exception(message, inner);

    /// <summary>Computes every output in memory. Throws on bad data; writes nothing.</summary>
    public static Output Compute(string dataPath, string outDir, TextWriter? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var data = Table1.Load(dataPath);
        string display = DisplayPath(dataPath);
        progress?.Write($"Data: {display}\nSHA-256: {data.Sha256}\n");
        var reproductions = MarketReproduction.All(data);
        // Findings are about the paper, so they always rest on the bundled data; reuse the fits when that is what ran.
        var bundled = data.Sha256 == BundledData.RecordedSha256() ? reproductions : MarketReproduction.All(Table1.LoadBundled());
        var findings = DocumentFindings.All(File.ReadAllText(ProjectPaths.Paper), bundled);

        var rows = new List<ResultRow>();
        var undefined = new List<UndefinedResult>();
        foreach (var r in reproductions)
            rows.AddRange(FitRows.From(r.Fit, r.TableId, "base", undefined));

        var report = new StringBuilder(ReproductionReport.Base(data, display, reproductions, findings));
        progress?.Write($"Tables 2-4 reproduced ({clock.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s)\n");
        var files = new OutputFolder(outDir);
        foreach (var section in Sections.All)
        {
            var sectionClock = Stopwatch.StartNew();
            var s = section.Run(data);
            progress?.Write($"Section: {section.Name} ({sectionClock.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s)\n");
            rows.AddRange(s.Rows);
            report.Append(s.Markdown.TrimEnd('\n')).Append("\n\n");
            foreach (var (name, text) in s.Files ?? new Dictionary<string, string>())
                files.AddText(name, text);
            undefined.AddRange(s.Undefined ?? []);
        }
        report.Append(UndefinedResult.Markdown(undefined));
        report.Append("## How to regenerate\n\n```\ndotnet run scripts/reproduce.cs\ndotnet test\n```\n");

        files.AddText("results.csv", ResultsCsv.Format(rows));
        files.AddText("verdicts.csv", VerdictTables.VerdictsCsv(reproductions));
        files.AddText("consistency.csv", VerdictTables.ConsistencyCsv(reproductions));
        files.AddText("REPRODUCTION.md", report.ToString().TrimEnd('\n') + "\n");
        return new Output(data, reproductions, rows, files);
    }

    /// <summary>The console summary: data provenance and the verdict table.</summary>
    public static string Console(Output output)
    {
        var sb = new StringBuilder();
        sb.Append('\n').Append(VerdictTables.Summary(output.Reproductions).ToText());
        foreach (var v in output.Reproductions.SelectMany(r => r.Verdicts).Where(v => v.Kind != VerdictKind.Match))
            sb.Append("  ").Append(v.KindName).Append(": ").Append(v.Explanation).Append('\n');
        return sb.ToString();
    }

    /// <summary>The data path as reports show it: relative to the repository when inside it, so reports do not depend on the clone's location.</summary>
    public static string DisplayPath(string path)
    {
        var full = Path.GetFullPath(path);
        var rel = Path.GetRelativePath(ProjectPaths.Root, full);
        return rel.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(rel) ? path.Replace('\\', '/') : rel.Replace('\\', '/');
    }
}
