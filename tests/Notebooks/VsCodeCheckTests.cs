using System.Text.Json.Nodes;
using NotebookAnalysis.Data;
using Xunit.Abstractions;

using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Notebooks;

/// <summary>
/// Every committed notebook as a reader sees it in a stock VS Code (1.100, built-in notebook renderers only, 1440×900
/// with the Explorer open, offline), through the shared checker <c>../shared/tools/vscode/check</c> (see its README):
/// every output rendered, each chart as its PNG, nothing modified on open, no external request, and no text line or
/// table wider than the output area. Runs <c>setup</c> first (idempotent). Skips with a message where the checker is
/// not beside the repository.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class VsCodeCheckTests(ITestOutputHelper output)
{
    private static string Tool => Path.GetFullPath(Path.Combine(ProjectPaths.Root, "..", "shared", "tools", "vscode"));

    [Fact]
    public void Committed_notebooks_read_whole_in_a_stock_VS_Code()
    {
        if (!File.Exists(Path.Combine(Tool, "check")))
        {
            output.WriteLine($"SKIPPED: the VS Code checker is not at {Tool} (../shared/tools/vscode beside the repository).");
            return;
        }
        var (setupCode, setupLog) = ExternalTool.Run(Path.Combine(Tool, "setup"), [], TimeSpan.FromMinutes(10));
        Assert.True(setupCode == 0, $"{Tool}/setup exited {setupCode}:\n{Tail(setupLog)}");

        var outDir = Path.Combine(Path.GetTempPath(), "na-vscode-" + Guid.NewGuid().ToString("N"));
        try
        {
            // check opens the current folder in VS Code and each notebook by its path relative to it.
            var notebooks = Directory.GetFiles(Path.Combine(ProjectPaths.Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal)
                .Select(n => Path.GetRelativePath(ProjectPaths.Root, n)).ToList();
            var (code, log) = ExternalTool.Run(Path.Combine(Tool, "check"), ["--out", outDir, .. notebooks], TimeSpan.FromMinutes(60));
            output.WriteLine(Tail(log, 6000));
            var reportPath = Path.Combine(outDir, "report.json");
            Assert.True(File.Exists(reportPath), $"check wrote no report (exit {code}):\n{Tail(log)}");
            var report = JsonNode.Parse(File.ReadAllText(reportPath))!;
            var failures = report["notebooks"]!.AsArray()
                .Where(n => (string?)n!["result"] != "PASS")
                .Select(n => $"{n!["notebook"]}: {string.Join("; ", n["failures"]!.AsArray().Select(f => (string?)f))}")
                .ToList();
            Assert.True(code == 0 && failures.Count == 0, $"VS Code check (exit {code}):\n{string.Join("\n", failures)}");
            Assert.Equal(notebooks.Count, report["notebooks"]!.AsArray().Count);
        }
        finally
        {
            try { Directory.Delete(outDir, recursive: true); } catch (IOException) { }
        }
    }

    private static string Tail(string log, int length = 3000) => log.Length > length ? "…" + log[^length..] : log;
}
