using System.Text.Json.Nodes;
using NotebookAnalysis.Data;
using NotebookAnalysis.NotebookRunner;

using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Notebooks;

/// <summary>
/// Every notebook in Jupyter with the real .NET Interactive kernel, as a reader runs it
/// (<c>jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=.net-csharp</c>): no error and no
/// warning output (no error output, no stderr stream: that is where the kernel puts diagnostics such as CS1701),
/// and outputs equal to the committed ones in mime types and content, compared as <c>--check</c> does
/// (<see cref="OutputComparison"/>: ids and timestamps masked, the outputs the kernel injects by itself left out,
/// see <see cref="OutputComparison.IsKernelInjected"/>; each chart compared by its PNG, the one mime type the Jupyter kernel
/// sends for it). Reported as skipped, with the reason, where Jupyter, the tool or the kernel
/// is missing; <c>bash .ci/setup-jupyter</c> installs them.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class JupyterKernelTests
{
    public static TheoryData<string> Notebooks() => RunnerHarness.Notebooks();

    private static readonly Lazy<string?> Missing = new(FindMissing);

    private static string Tools => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools");

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_runs_in_Jupyter_without_warnings_and_gives_the_committed_outputs(string notebook)
    {
        if (Missing.Value is string why)
            Assert.Skip($"{why}; run 'bash .ci/setup-jupyter' to install Jupyter and the .NET Interactive kernel.");
        // Notebook 08 reads the WEF extract from ../shared, as NotebookExecutionTests' run of it does.
        if (notebook.StartsWith("08-", StringComparison.Ordinal)
            && SharedData.MissingReason(ProjectPaths.SharedWefExtract, "The WEF GCI extract", "notebook 08") is string absent)
            Assert.Skip(absent);
        RunnerHarness.BuildLibrary();
        var folder = Path.Combine(Path.GetTempPath(), "nb-jupyter-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var (code, log) = Jupyter(TimeSpan.FromMinutes(15), "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=.net-csharp", "--ExecutePreprocessor.timeout=600",
                "--output-dir", folder, Path.Combine(ProjectPaths.Root, "notebooks", notebook));
            Assert.True(code == 0, $"jupyter nbconvert --execute {notebook} exited {code}:\n{Tail(log)}");

            var committed = AsTheJupyterKernelShowsIt(Path.Combine(ProjectPaths.Root, "notebooks", notebook));
            var executed = NotebookFile.Load(Path.Combine(folder, notebook));
            var problems = new List<string>();
            foreach (var cell in executed.Cells.Where(c => c.CellType == "code"))
                foreach (var o in (cell.Outputs ?? []).OfType<JsonObject>())
                {
                    if ((string?)o["output_type"] == "error")
                        problems.Add($"cell {cell.Number}: error output {o["ename"]}: {o["evalue"]}");
                    else if ((string?)o["output_type"] == "stream" && (string?)o["name"] == "stderr")
                        problems.Add($"cell {cell.Number}: warning output on stderr: {FirstLine(NotebookFile.JoinSource(o["text"]))}");
                }
            var difference = OutputComparison.FirstDifference(committed, executed);
            if (difference is not null) problems.Add("outputs differ from the committed ones: " + difference);
            Assert.True(problems.Count == 0, $"{notebook} in Jupyter:\n" + string.Join("\n", problems));
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// The committed notebook with each chart as the Jupyter kernel shows it: the PNG alone (<see cref="Rendering.Figure.MimeTypes"/>;
    /// that kernel would send the Plotly figure as a string JupyterLab cannot draw).
    /// </summary>
    private static NotebookFile AsTheJupyterKernelShowsIt(string path)
    {
        var root = JsonNode.Parse(File.ReadAllBytes(path))!;
        foreach (var output in root["cells"]!.AsArray().SelectMany(c => c!["outputs"] as JsonArray ?? []).OfType<JsonObject>())
            if (output["data"] is JsonObject data && data.ContainsKey("image/png"))
                data.Remove(Rendering.PlotlyRenderer.MimeType);
        return NotebookFile.Parse(System.Text.Encoding.UTF8.GetBytes(root.ToJsonString()), path);
    }

    private static string FirstLine(string text) => text.Trim().Split('\n')[0].Trim();

    private static string Tail(string log) => log.Length > 3000 ? "…" + log[^3000..] : log;

    /// <summary>Why the Jupyter check cannot run here, or null when it can.</summary>
    private static string? FindMissing()
    {
        try
        {
            var (code, _) = Jupyter(TimeSpan.FromMinutes(1), "nbconvert", "--version");
            if (code != 0) return "jupyter nbconvert is not installed";
            var (listed, kernels) = Jupyter(TimeSpan.FromMinutes(1), "kernelspec", "list");
            if (listed != 0 || !kernels.Contains(".net-csharp", StringComparison.Ordinal)) return "the Jupyter kernel .net-csharp is not registered";
            if (!File.Exists(Path.Combine(Tools, "dotnet-interactive"))) return $"the dotnet-interactive tool is not in {Tools}";
            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "jupyter is not on PATH";
        }
    }

    /// <summary>Runs <c>jupyter</c> with the .NET tools folder on PATH (without it the kernel dies at start).</summary>
    private static (int Code, string Output) Jupyter(TimeSpan timeout, params string[] args) => ExternalTool.Run("jupyter", args, timeout, Tools);
}
