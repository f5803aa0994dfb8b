using NotebookAnalysis.Charts;

namespace NotebookAnalysis.Rendering;

/// <summary>
/// One chart, shown once: its interactive view (plotly.js figure JSON, <see cref="PlotlyRenderer.MimeType"/>) and
/// its static view (a PNG saved under the figures folder). Notebook.Setup (Teaching) registers a formatter for each, so a
/// notebook displays the figure as one output with both mime types; a front end draws the first it can (the
/// interactive chart in JupyterLab with jupyterlab-plotly and in VS Code with the Jupyter renderers, the PNG in a stock
/// VS Code, on GitHub and in nbconvert's HTML).
/// </summary>
/// <param name="Name">File stem of the PNG, e.g. <c>t2-scatter</c>.</param>
/// <param name="PlotlyJson">The interactive chart.</param>
/// <param name="Png">The static chart: the PNG file's bytes.</param>
/// <param name="PngPath">Where the PNG was saved.</param>
public sealed record Figure(string Name, string PlotlyJson, byte[] Png, string PngPath)
{
    /// <summary>
    /// The mime types of a figure's output in this process, most capable first: the Plotly figure and the PNG, except
    /// in the .NET Interactive Jupyter kernel (<see cref="InJupyterKernel"/>), where the PNG alone. That kernel's
    /// Jupyter bridge sends every mime type but <c>application/json</c> as a string, and JupyterLab's Plotly renderer
    /// throws on a string payload, so a live run there shows the PNG; the notebooks committed by the headless runner
    /// keep both. Notebook.Setup (Teaching) passes this to <c>Formatter.SetPreferredMimeTypesFor</c>.
    /// </summary>
    public static IReadOnlyList<string> MimeTypes { get; } = ForHost(InJupyterKernel(Environment.GetCommandLineArgs()));

    /// <summary>The mime types for a host: the PNG alone in the Jupyter kernel, the Plotly figure and the PNG elsewhere.</summary>
    internal static IReadOnlyList<string> ForHost(bool jupyterKernel) =>
        jupyterKernel ? ["image/png"] : [PlotlyRenderer.MimeType, "image/png"];

    /// <summary>
    /// True when <paramref name="commandLine"/> is the .NET Interactive tool started as a Jupyter kernel
    /// (<c>…/Microsoft.DotNet.Interactive.App.dll jupyter …</c>); VS Code's <c>stdio</c> kernel and the headless runner are not.
    /// </summary>
    internal static bool InJupyterKernel(IReadOnlyList<string> commandLine) =>
        commandLine.Count > 1
        && System.IO.Path.GetFileName(commandLine[0]).StartsWith("Microsoft.DotNet.Interactive.App", StringComparison.OrdinalIgnoreCase)
        && commandLine[1] == "jupyter";

    /// <summary>
    /// Where figures go: the folder named by the environment variable <see cref="FolderVariable"/> when it is set
    /// (the notebook runner sets it for a student's <c>--out</c> copy, and to a scratch folder for <c>--check</c>),
    /// otherwise <c>results/figures/</c> of the repository.
    /// </summary>
    public static string DefaultFolder =>
        Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder
            ? folder
            : System.IO.Path.Combine(Data.ProjectPaths.Results, "figures");

    /// <summary>The environment variable that redirects <see cref="DefaultFolder"/>.</summary>
    public const string FolderVariable = "NOTEBOOK_ANALYSIS_FIGURES";

    /// <summary>
    /// Renders <paramref name="spec"/> both ways and writes <c>{folder}/{name}.png</c>. The figures folder changes
    /// all at once (see <see cref="Output.OutputFolder"/>), and only when the image's bytes change.
    /// </summary>
    /// <param name="spec">The chart.</param>
    /// <param name="folder">Target folder; default <see cref="DefaultFolder"/>.</param>
    /// <exception cref="Output.OutputException">The folder could not be written (it is then unchanged).</exception>
    public static Figure Save(ChartSpec spec, string? folder = null)
    {
        spec.Validate();
        return Create(spec.Name, PlotlyRenderer.ToPlotlyJson(spec), StaticRenderer.ToPng(spec), folder);
    }

    /// <summary>
    /// The environment variable with which the notebook runner asks for one commit per run: while it is <c>1</c>, figures
    /// are held in memory and written by <see cref="CommitPending"/>, which the runner calls after the notebook's last
    /// cell. Without it (VS Code, Jupyter) each figure is committed when it is saved, as an interactive user expects.
    /// </summary>
    public const string BatchVariable = "NOTEBOOK_ANALYSIS_FIGURES_BATCH";

    // Folder → file name → bytes; a figure saved twice in a run keeps its last bytes.
    private static readonly Dictionary<string, SortedDictionary<string, byte[]>> Pending = new(StringComparer.Ordinal);

    /// <summary>
    /// The figure, its PNG written to <c>{folder}/{name}.png</c> through <see cref="Output.OutputFolder"/>, which serializes
    /// it with every other writer of the folder and of <c>results/</c>: at once, or with the run's other figures when
    /// <see cref="BatchVariable"/> is set.
    /// </summary>
    internal static Figure Create(string name, string plotlyJson, byte[] png, string? folder)
    {
        var directory = System.IO.Path.GetFullPath(folder ?? DefaultFolder);
        var output = new Output.OutputFolder(directory);
        output.AddBytes(name + ".png", png); // in a batch, the name is checked now, not at the commit
        if (Environment.GetEnvironmentVariable(BatchVariable) != "1")
            output.Commit();
        else
            lock (Pending)
            {
                if (!Pending.TryGetValue(directory, out var files)) Pending[directory] = files = new(StringComparer.Ordinal);
                files[name + ".png"] = png;
            }
        return new Figure(name, plotlyJson, png, System.IO.Path.Combine(directory, name + ".png"));
    }

    /// <summary>
    /// Writes every figure held since the last call, one commit per folder (normally one: the run's figures folder).
    /// Returns a line for the log, or null when none were held. Called by the notebook runner, by name, after the last cell.
    /// </summary>
    /// <exception cref="Output.OutputException">A folder could not be written (it is then unchanged).</exception>
    public static string? CommitPending()
    {
        List<(string Folder, SortedDictionary<string, byte[]> Files)> batches;
        lock (Pending)
        {
            batches = Pending.Select(p => (p.Key, p.Value)).ToList();
            Pending.Clear();
        }
        if (batches.Count == 0) return null;
        var lines = new List<string>();
        foreach (var (directory, files) in batches)
        {
            var folder = new Output.OutputFolder(directory);
            foreach (var (file, bytes) in files) folder.AddBytes(file, bytes);
            var report = folder.Commit();
            lines.Add($"{files.Count} figure(s) to {directory} in one commit ({report.Method.ToString().ToLowerInvariant()})");
        }
        return string.Join("; ", lines);
    }
}
