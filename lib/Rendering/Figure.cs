using XPlot.Plotly;

using NotebookAnalysis.Charts;

namespace NotebookAnalysis.Rendering;

/// <summary>A PNG image to show in a notebook (notebooks register an <c>image/png</c> formatter for it).</summary>
/// <param name="Bytes">The PNG file's bytes.</param>
/// <param name="Path">Where it was saved.</param>
public sealed record PngImage(byte[] Bytes, string Path)
{
    /// <summary>The bytes in base64, as nbformat stores <c>image/png</c> outputs.</summary>
    public string Base64 => Convert.ToBase64String(Bytes);
}

/// <summary>
/// One chart in both forms, from one <see cref="ChartSpec"/>: the interactive XPlot.Plotly chart and the static
/// PNG saved under the figures folder.
/// </summary>
public sealed class Figure
{
    private Figure(ChartSpec spec, PlotlyChart interactive, PngImage image)
    {
        Spec = spec;
        Interactive = interactive;
        Image = image;
    }

    /// <summary>The description both views were drawn from.</summary>
    public ChartSpec Spec { get; }

    /// <summary>The interactive chart (shown through the notebook's <c>text/html</c> formatter).</summary>
    public PlotlyChart Interactive { get; }

    /// <summary>The static image, already saved to disk.</summary>
    public PngImage Image { get; }

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
        var image = WritePng(folder, spec.Name, StaticRenderer.ToPng(spec));
        return new Figure(spec, PlotlyRenderer.ToPlotly(spec), image);
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
