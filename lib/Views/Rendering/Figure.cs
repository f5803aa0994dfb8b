using NotebookAnalysis.Charts;

namespace NotebookAnalysis.Rendering;

/// <summary>A PNG image and where it was saved.</summary>
/// <param name="Bytes">The PNG file's bytes.</param>
/// <param name="Path">Where it was saved.</param>
public sealed record PngImage(byte[] Bytes, string Path)
{
    /// <summary>The bytes in base64, as nbformat stores <c>image/png</c> outputs.</summary>
    public string Base64 => Convert.ToBase64String(Bytes);
}

/// <summary>
/// One chart, shown once: its interactive view (plotly.js figure JSON, <see cref="PlotlyRenderer.MimeType"/>) and
/// its static view (a PNG saved under the figures folder). Notebooks register a formatter for each and display the
/// figure as one output with both mime types; a front end draws the first it can (the interactive chart in
/// JupyterLab and VS Code, the PNG on GitHub and in nbconvert's HTML).
/// </summary>
/// <param name="Name">File stem of the PNG, e.g. <c>t2-scatter</c>.</param>
/// <param name="PlotlyJson">The interactive chart.</param>
/// <param name="Image">The static chart, already saved.</param>
public sealed record Figure(string Name, string PlotlyJson, PngImage Image)
{
    /// <summary>The mime types of a figure's output, most capable first.</summary>
    public static IReadOnlyList<string> MimeTypes { get; } = [PlotlyRenderer.MimeType, "image/png"];

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
        return new Figure(spec.Name, PlotlyRenderer.ToPlotlyJson(spec), WritePng(folder, spec.Name, StaticRenderer.ToPng(spec)));
    }

    /// <summary>Writes <c>{folder}/{name}.png</c> through <see cref="Output.OutputFolder"/>, which serializes it with every other writer of the folder and of <c>results/</c>.</summary>
    internal static PngImage WritePng(string? folder, string name, byte[] png)
    {
        var files = new Output.OutputFolder(folder ?? DefaultFolder);
        files.AddBytes(name + ".png", png);
        files.Commit();
        return new PngImage(png, System.IO.Path.Combine(files.Directory, name + ".png"));
    }
}
