using System.Diagnostics;
using System.Globalization;
using System.Text;
using NotebookAnalysis.Transcription;
using NotebookAnalysis.Cli;
using NotebookAnalysis.Data;
using NotebookAnalysis.Output;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Reporting;
using NotebookAnalysis.Reproduction;
using NotebookAnalysis.Results;
using NotebookAnalysis.Formatting;

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

    /// <summary>The command line: <c>--data</c>, <c>--markets</c> and <c>--out</c>.</summary>
    public static CommandLine CommandLine { get; } =
        new CommandLine("dotnet run scripts/reproduce.cs", "Reproduces Tables 1-4 of Mitrofanova et al. (2019) and writes the results folder.")
            .Option("--data", "PATH", "a data CSV: year and the columns the market description names (default: seeds/data/table1.csv)")
            .Option("--markets", "PATH", "a market description CSV, header market,score_column,count_column,label[,published_table] (default: seeds/data/markets.csv)")
            .Option("--out", "DIR", "output folder (default: results/)");

    /// <summary>The usage text.</summary>
    public static string UsageText => CommandLine.Usage;

    /// <summary>Everything the job writes, computed in memory before anything touches the disk.</summary>
    /// <param name="Data">The data the job ran on.</param>
    /// <param name="Reproductions">The three table reproductions.</param>
    /// <param name="Rows">Every <c>results.csv</c> row.</param>
    /// <param name="Files">The staged files.</param>
    /// <param name="IsBundledData">Whether <paramref name="Data"/> is the bundled Table 1 (its hash is the codebook's) read with markets
    /// that map the printed tables onto the bundled columns: the data the paper printed.</param>
    public sealed record Output(Table1 Data, IReadOnlyList<MarketReproduction> Reproductions, IReadOnlyList<ResultRow> Rows, OutputFolder Files,
        bool IsBundledData);

    /// <summary>
    /// Runs the job from command-line arguments. Returns an exit code; on failure nothing under the output folder changes.
    /// Only domain errors (bad data, a model that cannot be fitted, a failed write, a bad command line) are reported
    /// here; anything else is a bug and propagates with its stack trace.
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (CommandLine.ParseOrExit(args, "reproduce", stdout, stderr, out int exit,
                p => CheckPaths(p.Value("--data"), p.Value("--markets"), p.Value("--out"))) is not { } parsed)
            return exit;
        string? data = parsed.Value("--data"), markets = parsed.Value("--markets"), outDir = parsed.Value("--out");
        try
        {
            var clock = Stopwatch.StartNew();
            var output = Compute(data ?? ProjectPaths.BundledTable1, outDir ?? ProjectPaths.Results, stdout, markets,
                RegenerateCommand(data, markets, outDir));
            var commit = output.Files.Commit();
            stdout.Write(Console(output));
            stdout.Write($"Wrote {string.Join(", ", output.Files.StagedFiles)} to {output.Files.Directory} in {NumberFormat.Seconds(clock.Elapsed, 2)} s (commit {NumberFormat.Seconds(commit.Elapsed, 3)} s, {commit.Method.ToString().ToLowerInvariant()}).\n");
            if (commit.Note is not null) stdout.Write(commit.Note + "\n");
            return Ok;
        }
        catch (OutputException e)
        {
            // The message says whether the folder is unchanged.
            stderr.Write($"reproduce: {e.Message}\n");
            return Failed;
        }
        catch (Exception e) when (IsDomainError(e))
        {
            stderr.Write($"reproduce: {e.Message}\nNothing was written.\n");
            return Failed;
        }
    }

    /// <summary>
    /// The errors the job reports as bad data, an unfit model or a failed write (exit 1, no stack trace). Anything else,
    /// <see cref="ArgumentException"/> and <see cref="InvalidOperationException"/> included, is a bug and propagates.
    /// </summary>
    internal static bool IsDomainError(Exception e) => e is DataFileException or ModelException or OutputException;


    /// <summary>What the parser cannot know about paths: blank values, control characters, an --out that is a file.</summary>
    private static void CheckPaths(string? data, string? markets, string? outDir)
    {
        foreach (var (option, value) in new[] { ("--data", data), ("--markets", markets), ("--out", outDir) })
        {
            if (value is null) continue;
            if (value.Trim().Length == 0)
                throw new UsageException(option, $"option {option}: the value is blank.");
            if (value.Any(char.IsControl))
                throw new UsageException(option, $"option {option}: {Diagnostics.MessageText.Quote(value)} holds a control character, which no path may hold.");
        }
        if (outDir is not null && File.Exists(outDir))
            throw new UsageException("--out", $"option --out: {Diagnostics.MessageText.Quote(outDir)} is a file; it must name a folder (existing or new).");
    }

    /// <summary>
    /// The command that regenerates an output written with these options, for the report's "How to regenerate": the
    /// options as given (quoted for a POSIX shell when needed), none when the defaults were used. An absolute
    /// <c>--out</c> shows as <c>--out DIR</c>: the report never names the folder it was written to, so runs into two
    /// folders give identical files and a shared report carries no home path.
    /// </summary>
    public static string RegenerateCommand(string? data, string? markets, string? outDir)
    {
        var parts = new List<string> { "dotnet run scripts/reproduce.cs" };
        if (outDir is not null && Path.IsPathRooted(outDir)) outDir = "DIR";
        var options = new[] { ("--data", data), ("--markets", markets), ("--out", outDir) }.Where(o => o.Item2 is not null).ToList();
        if (options.Count > 0) parts.Add("--");
        foreach (var (option, value) in options)
            parts.Add($"{option} {ShellQuote(value!)}");
        return string.Join(" ", parts);
    }

    private static string ShellQuote(string s) =>
        s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+=:@%".Contains(c)) ? s : "'" + s.Replace("'", "'\\''") + "'";

    /// <summary>Computes every output in memory. Throws on bad data; writes nothing.</summary>
    /// <param name="dataPath">The data CSV.</param>
    /// <param name="outDir">The output folder.</param>
    /// <param name="progress">Where progress lines go, if anywhere.</param>
    /// <param name="marketsPath">The market description; null for the bundled one.</param>
    /// <param name="command">The command the report's "How to regenerate" gives; null for the command with these paths spelled out.</param>
    public static Output Compute(string dataPath, string outDir, TextWriter? progress = null, string? marketsPath = null, string? command = null)
    {
        var clock = Stopwatch.StartNew();
        var markets = marketsPath is null ? MarketDescription.Bundled : MarketDescription.Load(marketsPath);
        var data = Table1.Load(dataPath, markets);
        string display = DisplayPath(dataPath);
        progress?.Write($"Data: {display}\nSHA-256: {data.Sha256}\n");
        if (marketsPath is not null)
            progress?.Write($"Markets: {DisplayPath(marketsPath)} ({string.Join(", ", markets.Specs.Select(m => m.Id))})\n");
        var reproductions = MarketReproduction.All(data);
        // Findings are about the paper, so they always rest on the bundled data; reuse the fits when that is what ran.
        bool isBundled = data.Sha256 == BundledData.RecordedSha256() && markets.PrintedTablesAsBundled
            && Markets.Paper.All(p => markets.Contains(p.Id) && markets[p.Id] == p);
        var bundled = isBundled ? reproductions : MarketReproduction.All(Table1.LoadBundled());
        var findings = DocumentFindings.All(PaperText.LoadBundled().Text, bundled);

        var rows = new List<ResultRow>();
        var undefined = new List<UndefinedResult>();
        foreach (var r in reproductions)
            rows.AddRange(FitRows.From(r.Fit, r.TableId, "base", undefined));

        var report = new StringBuilder(ReproductionReport.Base(data, display, reproductions, findings, isBundled,
            marketsPath is null ? null : DisplayPath(marketsPath)));
        progress?.Write($"Base fits of {reproductions.Count.ToString(CultureInfo.InvariantCulture)} market(s) ({NumberFormat.Seconds(clock.Elapsed)} s)\n");
        var files = new OutputFolder(outDir);
        var context = new AnalysisContext(data, reproductions);
        foreach (var section in Sections.All)
        {
            var sectionClock = Stopwatch.StartNew();
            var s = section.Run(context);
            progress?.Write($"Section: {section.Name} ({NumberFormat.Seconds(sectionClock.Elapsed)} s)\n");
            rows.AddRange(s.Rows);
            report.Append(s.Markdown.TrimEnd('\n')).Append("\n\n");
            foreach (var (name, text) in s.Files ?? new Dictionary<string, string>())
                files.AddText(name, text);
            undefined.AddRange(s.Undefined ?? []);
        }
        report.Append(UndefinedResult.Markdown(undefined));
        command ??= RegenerateCommand(Path.GetFullPath(dataPath) == Path.GetFullPath(ProjectPaths.BundledTable1) ? null : display,
            marketsPath is null ? null : DisplayPath(marketsPath),
            Path.GetFullPath(outDir) == Path.GetFullPath(ProjectPaths.Results) ? null : DisplayPath(outDir));
        report.Append("## How to regenerate\n\nThe command that wrote this file:\n\n```\n").Append(command).Append("\n```\n");
        if (isBundled && command == "dotnet run scripts/reproduce.cs")
            report.Append("\n`dotnet test` checks that this file and the other committed outputs are not stale.\n");

        files.AddText("results.csv", ResultsCsv.Format(rows));
        files.AddText("verdicts.csv", VerdictTables.VerdictsCsv(reproductions));
        files.AddText("consistency.csv", VerdictTables.ConsistencyCsv(reproductions));
        files.AddText("REPRODUCTION.md", report.ToString().TrimEnd('\n') + "\n");
        return new Output(data, reproductions, rows, files, isBundled);
    }

    /// <summary>The console summary: data provenance and the verdict table.</summary>
    public static string Console(Output output)
    {
        var sb = new StringBuilder();
        var printed = output.Reproductions.Where(r => r.HasPublishedTable).ToList();
        if (printed.Count == 0)
            return $"\nNo market of this description reproduces one of the paper's printed tables, so there are no verdicts; {output.Reproductions.Count.ToString(CultureInfo.InvariantCulture)} market(s) analysed.\n";
        sb.Append('\n').Append(VerdictTables.Summary(printed).ToText());
        var nonMatches = printed.SelectMany(r => r.Verdicts).Where(v => v.Kind != VerdictKind.Match).ToList();
        // The printed tables belong to the paper's data: for another file, differences are expected and only counted.
        if (!output.IsBundledData)
            sb.Append($"  The data are not the bundled Table 1: {nonMatches.Count.ToString(CultureInfo.InvariantCulture)} printed numbers differ from these fits, as expected (listed in verdicts.csv).\n");
        else
            foreach (var v in nonMatches)
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
