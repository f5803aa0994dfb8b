using System.Diagnostics;
using System.Globalization;
using System.Text;
using NotebookAnalysis.Transcription;
using NotebookAnalysis.Cli;
using NotebookAnalysis.Data;
using NotebookAnalysis.Output;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Report.Reporting;
using NotebookAnalysis.Reproduction;
using NotebookAnalysis.Results;
using NotebookAnalysis.Formatting;

namespace NotebookAnalysis.Report.Pipeline;

/// <summary>
/// The main job behind <c>dotnet run scripts/reproduce.cs</c>: fit Tables 2-4, judge the 81 published numbers,
/// check their consistency, run the registered analysis sections, and write <c>results/</c> atomically.
/// </summary>
public static class MainJob
{
    /// <summary>The command line: <c>--data</c>, <c>--markets</c> and <c>--out</c>.</summary>
    public static CommandLine CommandLine { get; } =
        new CommandLine("dotnet run scripts/reproduce.cs", "Reproduces Tables 1-4 of Mitrofanova et al. (2019) and writes the results folder.")
            .Option("--data", "PATH", "a data CSV: year and the columns the market description names (default: seeds/data/table1.csv)")
            .Option("--markets", "PATH", "a market description CSV, header market,y,x,label[,published_table]; x is one column or several separated by ';' (default: seeds/data/markets.csv)")
            .Option("--published", "PATH", "the printed tables the descriptions' published_table names, in the format of seeds/published/tables2-4.csv (default: that file)")
            .Option("--out", "DIR", "output folder (default: results/)");

    /// <summary>The sections run after the base reproduction, in the order they appear in REPRODUCTION.md and results.csv.
    /// Each analysis registers itself here with one line.</summary>
    public static IReadOnlyList<IAnalysisSection> Sections { get; } = [new AlternativeModelsSection(), new ResamplingSection()];

    /// <summary>Everything the job writes, computed in memory before anything touches the disk.</summary>
    /// <param name="Data">The data the job ran on.</param>
    /// <param name="Reproductions">The three table reproductions.</param>
    /// <param name="Rows">Every <c>results.csv</c> row.</param>
    /// <param name="Files">The staged files.</param>
    /// <param name="IsBundledData">Whether <paramref name="Data"/> is the bundled Table 1 (its hash is the codebook's) read with markets
    /// that map the printed tables onto the bundled columns: the data the paper printed.</param>
    /// <param name="OwnTables">Whether the printed tables were given with <c>--published</c>: the tables of these data.</param>
    public sealed record Output(Table1 Data, IReadOnlyList<MarketReproduction> Reproductions, IReadOnlyList<ResultRow> Rows, OutputFolder Files,
        bool IsBundledData, bool OwnTables = false);

    /// <summary>Runs the job from command-line arguments (<see cref="JobRunner.Run"/>). Returns an exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        JobRunner.Run("reproduce", CommandLine, args, stdout, stderr, parsed =>
        {
            string? data = parsed.Value("--data"), markets = parsed.Value("--markets"), outDir = parsed.Value("--out"), published = parsed.Value("--published");
            var clock = Stopwatch.StartNew();
            var output = Compute(data ?? ProjectPaths.BundledTable1, outDir ?? ProjectPaths.Results, stdout, markets,
                RegenerateCommand(data, markets, outDir, published), published);
            return new JobOutput(output.Files, commit => Console(output) +
                $"Wrote {string.Join(", ", output.Files.StagedFiles)} to {output.Files.Directory} in {NumberFormat.Seconds(clock.Elapsed, 2)} s (commit {NumberFormat.Seconds(commit.Elapsed, 3)} s, {commit.Method.ToString().ToLowerInvariant()}).\n");
        });

    /// <summary>The command that regenerates an output written with these options (<see cref="JobRunner.Regenerate"/>).</summary>
    public static string RegenerateCommand(string? data, string? markets, string? outDir, string? published = null) =>
        JobRunner.Regenerate("dotnet run scripts/reproduce.cs", ("--data", data), ("--markets", markets), ("--published", published), ("--out", outDir));

    /// <summary>Computes every output in memory. Throws on bad data; writes nothing.</summary>
    /// <param name="dataPath">The data CSV.</param>
    /// <param name="outDir">The output folder.</param>
    /// <param name="progress">Where progress lines go, if anywhere.</param>
    /// <param name="marketsPath">The market description; null for the bundled one.</param>
    /// <param name="command">The command the report's "How to regenerate" gives; null for the command with these paths spelled out.</param>
    /// <param name="publishedPath">The printed tables (<c>--published</c>); null for the paper's Tables 2-4.</param>
    public static Output Compute(string dataPath, string outDir, TextWriter? progress = null, string? marketsPath = null, string? command = null,
        string? publishedPath = null)
    {
        var clock = Stopwatch.StartNew();
        var markets = marketsPath is null ? MarketDescription.Bundled : MarketDescription.Load(marketsPath);
        var data = Table1.Load(dataPath, markets);
        string display = ProjectPaths.Display(dataPath);
        progress?.Write($"Data: {display}\nSHA-256: {data.Sha256}\n");
        if (marketsPath is not null)
            progress?.Write($"Markets: {ProjectPaths.Display(marketsPath)} ({string.Join(", ", markets.Specs.Select(m => m.Id))})\n");
        var published = publishedPath is null ? PublishedTables.Bundled : PublishedTables.Load(publishedPath);
        var reproductions = MarketReproduction.All(data, published);
        // Findings are about the paper, so they always rest on the bundled data; reuse the fits when that is what ran.
        // Other printed tables get none: the findings are about this paper's document.
        bool isBundled = publishedPath is null && data.Sha256 == BundledData.RecordedSha256() && markets.PrintedTablesAsBundled
            && Markets.Paper.All(p => markets.Contains(p.Id) && markets[p.Id] == p);
        var findings = publishedPath is not null ? []
            : DocumentFindings.All(PaperText.LoadBundled().Text, isBundled ? reproductions : MarketReproduction.All(Table1.LoadBundled()));

        var rows = new List<ResultRow>();
        var undefined = new List<UndefinedResult>();
        foreach (var r in reproductions)
            rows.AddRange(FitRows.From(r.Fit, r.TableId, "base", undefined));

        var report = new StringBuilder(ReproductionReport.Base(data, display, reproductions, findings, isBundled,
            marketsPath is null ? null : ProjectPaths.Display(marketsPath), publishedPath is null ? null : ProjectPaths.Display(publishedPath)));
        progress?.Write($"Base fits of {reproductions.Count.ToString(CultureInfo.InvariantCulture)} market(s) ({NumberFormat.Seconds(clock.Elapsed)} s)\n");
        var files = new OutputFolder(outDir);
        // The sections are built on one regressor x; markets with several are left out of them, said once.
        var several = reproductions.Where(r => !r.Spec.HasOneRegressor).Select(r => $"`{r.TableId}`").ToList();
        if (several.Count > 0)
            report.Append($"## Sections left out for markets with several regressors\n\n{string.Join(", ", several)} {(several.Count == 1 ? "has" : "have")} several regressors, so the sections built on the one regressor x of a simple regression (alternative models and robustness checks, resampling of the slope, rounding analysis, the notebooks' charts of x) leave {(several.Count == 1 ? "it" : "them")} out.\n\n");
        var context = AnalysisContext.For(data, reproductions);
        // With no one-regressor market there is nothing for the sections to run on.
        foreach (var section in context.Base.Count > 0 ? Sections : [])
        {
            var sectionClock = Stopwatch.StartNew();
            var s = section.Run(context);
            progress?.Write($"Section: {section.Name} ({NumberFormat.Seconds(sectionClock.Elapsed)} s)\n");
            rows.AddRange(s.Rows);
            report.Append(s.Markdown.TrimEnd('\n')).Append("\n\n");
            undefined.AddRange(s.Undefined);
        }
        report.Append(UndefinedResult.Markdown(undefined));
        command ??= RegenerateCommand(JobRunner.UnlessDefault(dataPath, ProjectPaths.BundledTable1), marketsPath,
            JobRunner.UnlessDefault(outDir, ProjectPaths.Results), publishedPath);
        report.Append(JobRunner.RegenerateSection(command));
        if (isBundled && command == "dotnet run scripts/reproduce.cs")
            report.Append("\n`dotnet test` checks that this file and the other committed outputs are not stale.\n");

        files.AddText("results.csv", ResultsCsv.Format(rows));
        files.AddText("verdicts.csv", VerdictTables.VerdictsCsv(reproductions));
        files.AddText("consistency.csv", VerdictTables.ConsistencyCsv(reproductions));
        files.AddText("REPRODUCTION.md", report.ToString().TrimEnd('\n') + "\n");
        return new Output(data, reproductions, rows, files, isBundled, publishedPath is not null);
    }

    /// <summary>The console summary: data provenance and the verdict table.</summary>
    public static string Console(Output output)
    {
        var sb = new StringBuilder();
        var printed = output.Reproductions.Where(r => r.HasPublishedTable).ToList();
        if (printed.Count == 0)
            return $"\nNo market of this description names a printed table, so there are no verdicts; {output.Reproductions.Count.ToString(CultureInfo.InvariantCulture)} market(s) analysed.\n";
        sb.Append('\n').Append(VerdictTables.Summary(printed).ToText());
        var nonMatches = printed.SelectMany(r => r.Verdicts).Where(v => v.Kind != VerdictKind.Match).ToList();
        // The printed tables belong to the paper's data: for another file, differences are expected and only counted.
        if (!output.IsBundledData && !output.OwnTables)
            sb.Append($"  The data are not the bundled Table 1: {nonMatches.Count.ToString(CultureInfo.InvariantCulture)} printed numbers differ from these fits, as expected (listed in verdicts.csv).\n");
        else
            foreach (var v in nonMatches)
                sb.Append("  ").Append(v.KindName).Append(": ").Append(v.Explanation).Append('\n');
        return sb.ToString();
    }
}
