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
    /// Renders <paramref name="spec"/> both ways and writes <c>{folder}/{name}.png</c> (through a temporary
    /// file and a rename, so a failure never leaves half an image). The file is rewritten only when its bytes change.
    /// </summary>
    /// <param name="spec">The chart.</param>
    /// <param name="folder">Target folder; default <see cref="DefaultFolder"/>.</param>
    public static Figure Save(ChartSpec spec, string? folder = null)
    {
        spec.Validate();
        folder ??= DefaultFolder;
        Directory.CreateDirectory(folder);
        var png = StaticRenderer.ToPng(spec);
        var path = System.IO.Path.Combine(folder, spec.Name + ".png");
        if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(png))
        {
            var temp = path + ".tmp";
            File.WriteAllBytes(temp, png);
            File.Move(temp, path, overwrite: true);
        }
        return new Figure(spec, PlotlyRenderer.ToPlotly(spec), new PngImage(png, System.IO.Path.GetFullPath(path)));
    }
}
