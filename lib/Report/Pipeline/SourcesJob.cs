using System.Globalization;
using NotebookAnalysis.Transcription;
using NotebookAnalysis.Cli;
using NotebookAnalysis.Data;
using NotebookAnalysis.Output;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Reproduction;
using NotebookAnalysis.Report.Reporting;
using NotebookAnalysis.Results;
using NotebookAnalysis.Sources;

namespace NotebookAnalysis.Report.Pipeline;

/// <summary>
/// The job behind <c>dotnet run scripts/sources.cs</c>: Table 1 against the WEF extract, cell by cell, and Tables 2-4
/// re-run on the WEF's scores. Writes <c>sources.csv</c>, <c>sources-cells.csv</c> and <c>SOURCES.md</c> atomically.
/// Separate from the main job, whose outputs never depend on the extract.
/// </summary>
public static class SourcesJob
{
    /// <summary>The command line: <c>--wef</c>, <c>--data</c> and <c>--out</c>.</summary>
    public static CommandLine CommandLine { get; } =
        new CommandLine("dotnet run scripts/sources.cs", "Checks Table 1 against the WEF's own pillar scores, cell by cell, and re-runs Tables 2-4 on them.")
            .Option("--wef", "PATH", "the WEF GCI extract (default: ../shared/data/wef-gci-russia/extract.csv beside the repository)")
            .Option("--data", "PATH", "a Table 1 CSV (default: seeds/data/table1.csv)")
            .Option("--out", "DIR", "output folder (default: results/)");

    /// <summary>Everything the job writes, computed in memory before anything touches the disk.</summary>
    /// <param name="Comparison">The cell-by-cell comparison.</param>
    /// <param name="Fits">The re-run regressions.</param>
    /// <param name="Claims">The paper's claims judged on every evidence base.</param>
    /// <param name="Rows">The rows of <c>sources.csv</c>.</param>
    /// <param name="Files">The staged files.</param>
    public sealed record Output(SourceComparison Comparison, RerunSet Fits, ClaimsTable Claims,
        IReadOnlyList<ResultRow> Rows, OutputFolder Files);

    /// <summary>Runs the job from command-line arguments (<see cref="JobRunner.Run"/>). Returns an exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        JobRunner.Run("sources", CommandLine, args, stdout, stderr, parsed =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            string? wef = parsed.Value("--wef"), data = parsed.Value("--data"), outDir = parsed.Value("--out");
            var output = Compute(wef ?? ProjectPaths.SharedWefExtract, data ?? ProjectPaths.BundledTable1, outDir ?? ProjectPaths.Results,
                RegenerateCommand(wef, data, outDir));
            return new JobOutput(output.Files, _ => Console(output) +
                $"Wrote {string.Join(", ", output.Files.StagedFiles)} to {output.Files.Directory} in {clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s.\n");
        });

    /// <summary>The command that regenerates an output written with these options (<see cref="JobRunner.Regenerate"/>).</summary>
    public static string RegenerateCommand(string? wef, string? data, string? outDir) =>
        JobRunner.Regenerate("dotnet run scripts/sources.cs", ("--wef", wef), ("--data", data), ("--out", outDir));

    /// <summary>Computes every output in memory. Throws on bad input; writes nothing.</summary>
    /// <param name="wefPath">The WEF extract.</param>
    /// <param name="dataPath">The Table 1 CSV.</param>
    /// <param name="outDir">The output folder.</param>
    /// <param name="command">The command SOURCES.md's "How to regenerate" gives; null for the command with these paths spelled out.</param>
    public static Output Compute(string wefPath, string dataPath, string outDir, string? command = null)
    {
        command ??= RegenerateCommand(JobRunner.UnlessDefault(wefPath, ProjectPaths.SharedWefExtract),
            JobRunner.UnlessDefault(dataPath, ProjectPaths.BundledTable1), JobRunner.UnlessDefault(outDir, ProjectPaths.Results));
        var wef = WefExtract.Load(wefPath);
        var paper = Table1.Load(dataPath);
        var quoted = PaperClaims.FromPaper(PaperText.LoadBundled().Text);
        var comparison = SourceComparison.Compare(paper, wef);
        var fits = Rerun.All(comparison);
        var claims = Readings.Table(quoted, paper, fits);
        var rows = SourceResults.Rows(comparison, fits.Fits);
        var files = new OutputFolder(outDir);
        files.AddText("sources.csv", ResultsCsv.Format(rows));
        files.AddText("sources-cells.csv", SourcesReport.CellsCsv(comparison));
        files.AddText("SOURCES.md", SourcesReport.Markdown(comparison, fits, claims, ProjectPaths.Display(dataPath), ProjectPaths.Display(wefPath), command).TrimEnd('\n') + "\n");
        return new Output(comparison, fits, claims, rows, files);
    }

    /// <summary>The console summary: agreement counts, the conclusion and the re-run slopes.</summary>
    public static string Console(Output output)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(SourcesReport.Agreement(output.Comparison).ToText());
        sb.Append(SourcesReport.Conclusion(output.Comparison)).Append("\n\n");
        sb.Append(SourcesReport.Reruns(output.Fits.Fits).ToText());
        sb.Append(SourcesReport.ClaimsInShort(output.Claims).ToText());
        return sb.ToString();
    }
}
