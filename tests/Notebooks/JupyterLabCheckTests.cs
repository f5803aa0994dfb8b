using System.Text.Json.Nodes;
using NotebookAnalysis.Data;
using Xunit.Abstractions;

using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Notebooks;

/// <summary>
/// Every notebook in a real JupyterLab 4.6.3 with the jupyterlab-plotly renderer, in headless Chromium with the
/// network cut, through the shared checker <c>../shared/tools/jupyterlab/check</c> (see its README): once as a reader
/// opens the committed notebook (every chart interactive on hover, nothing modified on open, no page error, no
/// external request) and once with <c>--run</c> (Run All in the .NET kernel, save, reopen: no error output, no chart
/// that fails, no bootstrap request to a CDN). Runs <c>setup</c> first (idempotent). Skips with a message where
/// the checker is not beside the repository, or where <c>.ci/setup-jupyter</c> has not installed the kernel.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class JupyterLabCheckTests(ITestOutputHelper output)
{
    private static string Tool => Path.GetFullPath(Path.Combine(ProjectPaths.Root, "..", "shared", "tools", "jupyterlab"));

    private static string KernelLauncher => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "jupyter", "kernels", ".net-csharp", "launch.py");

    [Fact]
    public void Committed_notebooks_open_unmodified_with_every_chart_interactive_and_offline() => Check(run: false);

    [Fact]
    public void Notebooks_run_live_in_JupyterLab_with_no_error_and_no_external_request() => Check(run: true);

    private void Check(bool run)
    {
        if (!File.Exists(Path.Combine(Tool, "check")))
        {
            output.WriteLine($"SKIPPED: the JupyterLab checker is not at {Tool} (../shared/tools/jupyterlab beside the repository).");
            return;
        }
        if (run && !File.Exists(KernelLauncher))
        {
            output.WriteLine($"SKIPPED: the project's kernelspec .net-csharp is not installed ({KernelLauncher} missing); run 'bash .ci/setup-jupyter'.");
            return;
        }
        var (setupCode, setupLog) = ExternalTool.Run(Path.Combine(Tool, "setup"), [], TimeSpan.FromMinutes(10));
        Assert.True(setupCode == 0, $"{Tool}/setup exited {setupCode}:\n{Tail(setupLog)}");
        RunnerHarness.BuildLibrary();

        var outDir = Path.Combine(Path.GetTempPath(), "na-jupyterlab-" + Guid.NewGuid().ToString("N"));
        try
        {
            var notebooks = Directory.GetFiles(Path.Combine(ProjectPaths.Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal)
                .Where(n => !RunnerHarness.NeedsSharedData.TryGetValue(Path.GetFileName(n), out var data) || File.Exists(data)).ToList();
            List<string> args = run ? ["--run", "--out", outDir] : ["--out", outDir];
            var (code, log) = ExternalTool.Run(Path.Combine(Tool, "check"), [.. args, .. notebooks], TimeSpan.FromMinutes(60));
            output.WriteLine(Tail(log, 6000));
            var reportPath = Path.Combine(outDir, "report.json");
            Assert.True(File.Exists(reportPath), $"check wrote no report (exit {code}):\n{Tail(log)}");
            var report = JsonNode.Parse(File.ReadAllText(reportPath))!;
            var failures = report["notebooks"]!.AsArray()
                .Where(n => (string?)n!["result"] != "PASS")
                .Select(n => $"{n!["notebook"]}: {string.Join("; ", n["failures"]!.AsArray().Select(f => (string?)f))}")
                .ToList();
            Assert.True(code == 0 && failures.Count == 0, $"JupyterLab check{(run ? " --run" : "")} (exit {code}):\n{string.Join("\n", failures)}");
            Assert.Equal(notebooks.Count, report["notebooks"]!.AsArray().Count);
        }
        finally
        {
            try { Directory.Delete(outDir, recursive: true); } catch (IOException) { }
        }
    }

    private static string Tail(string log, int length = 3000) => log.Length > length ? "…" + log[^length..] : log;
}
