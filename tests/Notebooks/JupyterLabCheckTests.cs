using NotebookAnalysis.Data;

namespace NotebookAnalysis.Tests.Notebooks;

/// <summary>
/// Every notebook in a real JupyterLab 4.6.3 with the jupyterlab-plotly renderer, in headless Chromium with the
/// network cut, through the shared checker <c>../shared/tools/jupyterlab/check --run</c> (see its README). One pass does
/// it all: it opens the committed notebook as a reader does (every chart interactive on hover, nothing modified on
/// open, no page error, no external request), runs all in the .NET kernel, saves and reopens it (no error output, no
/// chart that fails, no bootstrap request to a CDN). Runs <c>setup</c> first (idempotent). Reported as skipped, with the
/// reason, where the checker is not beside the repository or <c>.ci/setup-jupyter</c> has not installed the kernel.
/// </summary>
[Collection(FrontEndCollections.JupyterLab)]
public sealed class JupyterLabCheckTests(ITestOutputHelper output)
{
    private static string KernelLauncher => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "jupyter", "kernels", ".net-csharp", "launch.py");

    [Fact]
    public async Task Notebooks_open_unmodified_and_offline_and_run_live_in_JupyterLab_with_every_chart_interactive()
    {
        var tool = FrontEndCheck.RequireTool("jupyterlab");
        if (!File.Exists(KernelLauncher))
            Assert.Skip($"the project's kernelspec .net-csharp is not installed ({KernelLauncher} missing); run 'bash .ci/setup-jupyter'.");
        RunnerHarness.BuildLibrary();
        var notebooks = Directory.GetFiles(Path.Combine(ProjectPaths.Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal)
            .Where(n => !RunnerHarness.NeedsSharedData.TryGetValue(Path.GetFileName(n), out var data) || File.Exists(data)).ToList();
        await FrontEndCheck.RunAsync(tool, ["--run"], notebooks, output);
    }
}
