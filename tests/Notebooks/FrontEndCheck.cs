using System.Text.Json.Nodes;
using NotebookAnalysis.Data;
using NotebookAnalysis.Tests.Support;
using Xunit.Sdk;
using Xunit.v3;

namespace NotebookAnalysis.Tests.Notebooks;

/// <summary>
/// The front-end checks drive a browser for minutes each (JupyterLab with a live kernel about 11, VS Code about 6 on
/// 2 cores shared with other jobs) and mostly wait on it (together 4.5 CPU minutes in 15). Each is a collection of its
/// own, started first with the notebook collection (<see cref="SlowCollectionsFirst"/>), so they run beside each
/// other and beside the unit tests rather than after them. tests/xunit.runner.json allows twice as many tests at once
/// as there are cores, so these three hold a thread each and the unit tests keep the rest.
/// </summary>
public static class FrontEndCollections
{
    public const string JupyterLab = "Front-end check: JupyterLab";
    public const string VsCode = "Front-end check: VS Code";
}

[CollectionDefinition(FrontEndCollections.JupyterLab)]
public sealed class JupyterLabCollection;

[CollectionDefinition(FrontEndCollections.VsCode)]
public sealed class VsCodeCollection;

/// <summary>Starts the front-end and notebook collections before the others, so their minutes overlap the unit tests.</summary>
public sealed class SlowCollectionsFirst : ITestCollectionOrderer
{
    private static readonly string[] Slow = [FrontEndCollections.JupyterLab, FrontEndCollections.VsCode, NotebookCollection.Name];

    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection =>
        DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections)
            .OrderBy(c => Slow.Contains(c.TestCollectionDisplayName) ? 0 : 1).ToList();
}

/// <summary>
/// A shared checker beside the repository (<c>../shared/tools/NAME</c>: <c>setup</c>, then <c>check [--out DIR] NOTEBOOK…</c>,
/// writing <c>report.json</c> with one record per notebook, <c>result</c> PASS or FAIL and its <c>failures</c>).
/// </summary>
internal static class FrontEndCheck
{
    /// <summary>The checker's folder.</summary>
    public static string Tool(string name) => Path.GetFullPath(Path.Combine(ProjectPaths.Root, "..", "shared", "tools", name));

    /// <summary>Skips the calling test, with the reason, where the checker is not beside the repository.</summary>
    public static string RequireTool(string name)
    {
        var tool = Tool(name);
        if (!File.Exists(Path.Combine(tool, "check")))
            Assert.Skip($"the {name} checker is not at {tool} (../shared/tools/{name} beside the repository).");
        return tool;
    }

    /// <summary>
    /// Runs <c>setup</c>, then <c>check</c> with <paramref name="options"/> on <paramref name="notebooks"/> (paths relative to the
    /// repository root, or <paramref name="workingDirectory"/>), and fails naming every notebook that did not pass and why.
    /// </summary>
    public static async Task RunAsync(string tool, IReadOnlyList<string> options, IReadOnlyList<string> notebooks, ITestOutputHelper output,
        string? workingDirectory = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (setupCode, setupLog) = await ExternalTool.RunAsync(Path.Combine(tool, "setup"), [], TimeSpan.FromMinutes(15));
        Assert.True(setupCode == 0, $"{tool}/setup exited {setupCode}:\n{Tail(setupLog)}");
        output.WriteLine($"setup: {clock.Elapsed.TotalSeconds:F0} s");
        var (code, records, outDir, report) = await CheckAsync(tool, options, notebooks, output, workingDirectory);
        // A kernel that did not start in time on a loaded machine ("kernel not ready") says nothing about the notebook:
        // those notebooks, and only when they are the only failures, are checked once more, and the output says so.
        var failed = records.Where(n => (string?)n!["result"] != "PASS").ToList();
        if (failed.Count > 0 && failed.All(n => n!["failures"]!.AsArray().Any(f => ((string?)f ?? "").Contains("kernel not ready", StringComparison.Ordinal))))
        {
            var stalled = failed.Select(n => (string)n!["notebook"]!).ToList();
            output.WriteLine($"retrying once, the kernel did not start: {string.Join(", ", stalled)}");
            var again = notebooks.Where(nb => stalled.Contains(Path.GetFileName(nb))).ToList();
            var retry = await CheckAsync(tool, options, again, output, workingDirectory);
            try { Directory.Delete(outDir, recursive: true); } catch (IOException) { }
            (code, outDir, report) = (retry.Code, retry.OutDir, retry.Report);
            records = [.. records.Except(failed), .. retry.Records];
        }
        var failures = records
            .Where(n => (string?)n!["result"] != "PASS")
            .Select(n => $"{n!["notebook"]}: {string.Join("; ", n["failures"]!.AsArray().Select(f => (string?)f))}")
            .ToList();
        Assert.True(code == 0 && failures.Count == 0,
            $"{string.Join(' ', [Path.GetFileName(tool), "check", .. options])} (exit {code}, {failures.Count} of {records.Count} failed; " +
            $"report and screenshots kept in {outDir}):\n{string.Join("\n", failures)}{(report["infraError"] is JsonNode e ? "\n" + e : "")}");
        Assert.Equal(notebooks.Count, records.Count);
        try { Directory.Delete(outDir, recursive: true); } catch (IOException) { } // kept when the check failed, for its report.json and screenshots
    }

    /// <summary>One run of <c>check</c>: its exit code, its per-notebook records, its output folder and report.</summary>
    private static async Task<(int Code, List<JsonNode?> Records, string OutDir, JsonNode Report)> CheckAsync(string tool,
        IReadOnlyList<string> options, IReadOnlyList<string> notebooks, ITestOutputHelper output, string? workingDirectory)
    {
        var outDir = Path.Combine(Path.GetTempPath(), "na-" + Path.GetFileName(tool) + "-" + Guid.NewGuid().ToString("N"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, log) = await ExternalTool.RunAsync(Path.Combine(tool, "check"), [.. options, "--out", outDir, .. notebooks], TimeSpan.FromMinutes(60),
            workingDirectory: workingDirectory);
        output.WriteLine($"check: {clock.Elapsed.TotalSeconds:F0} s, exit {code}");
        output.WriteLine(Tail(log, 6000));
        var reportPath = Path.Combine(outDir, "report.json");
        Assert.True(File.Exists(reportPath), $"check wrote no report (exit {code}):\n{Tail(log)}");
        var report = JsonNode.Parse(File.ReadAllText(reportPath))!;
        return (code, [.. report["notebooks"]!.AsArray()], outDir, report);
    }

    private static string Tail(string log, int length = 3000) => log.Length > length ? "…" + log[^length..] : log;
}
