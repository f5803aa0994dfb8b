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
        // `check --run` saves each notebook and restores it afterwards; other tests read the committed notebooks
        // meanwhile, so it runs on copies (whose relative paths reach lib/, seeds/ and ../shared as the originals do).
        using var copy = new RepositoryCopy();
        var notebooks = Directory.GetFiles(Path.Combine(copy.Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal)
            .Where(n => !RunnerHarness.NeedsSharedData.TryGetValue(Path.GetFileName(n), out var data) || File.Exists(data)).ToList();
        await FrontEndCheck.RunAsync(tool, ["--run"], notebooks, output, copy.Root);
    }

    /// <summary>
    /// <c>TEMP/repo</c>: a copy of notebooks/ beside links to every other top-level entry of the repository, and
    /// <c>TEMP/shared</c> a link to <c>../shared</c>.
    /// </summary>
    private sealed class RepositoryCopy : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "na-jupyterlab-copy-" + Guid.NewGuid().ToString("N"));

        public string Root => Path.Combine(_folder, "repo");

        public RepositoryCopy()
        {
            Directory.CreateDirectory(Root);
            Directory.CreateSymbolicLink(Path.Combine(_folder, "shared"), Path.GetFullPath(Path.Combine(ProjectPaths.Root, "..", "shared")));
            foreach (var entry in Directory.EnumerateFileSystemEntries(ProjectPaths.Root))
            {
                var name = Path.GetFileName(entry);
                if (name is "notebooks" or ".git") continue;
                if (Directory.Exists(entry)) Directory.CreateSymbolicLink(Path.Combine(Root, name), entry);
                else File.CreateSymbolicLink(Path.Combine(Root, name), entry);
            }
            var source = Path.Combine(ProjectPaths.Root, "notebooks");
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(Root, "notebooks", Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        public void Dispose()
        {
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } // deletes the links, not what they point to
        }
    }
}
