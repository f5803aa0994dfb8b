using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using NotebookAnalysis.Rendering;
using NotebookAnalysis.Report.Reporting;

namespace NotebookAnalysis.Teaching;

/// <summary>
/// The one set-up call of a notebook: after <c>#r</c> of the library, <c>NotebookAnalysis.Teaching.Notebook.Setup();</c>
/// registers how the library's results are shown, so no notebook repeats formatter code.
/// </summary>
public static class Notebook
{
    /// <summary>
    /// Registers the formatters the notebooks need, in the running kernel:
    /// a <see cref="Figure"/> is one output with the Plotly figure and the PNG (<see cref="Figure.MimeTypes"/>:
    /// the PNG alone in the Jupyter kernel); <see cref="HtmlFragment"/> and <see cref="DataFrame"/> are plain HTML
    /// tables (<see cref="FrameHtml"/>); <see cref="Prose"/> is Markdown, which every front end wraps to its output area.
    /// Calling it again registers the same formatters again (a re-run cell changes nothing).
    /// </summary>
    public static void Setup()
    {
        Formatter.Register<Figure>(figure => figure.PlotlyJson, PlotlyRenderer.MimeType);
        Formatter.Register<Figure>(figure => Convert.ToBase64String(figure.Png), "image/png"); // nbformat stores image/png as base64
        Formatter.SetPreferredMimeTypesFor(typeof(Figure), Figure.MimeTypes.ToArray());
        Formatter.Register<HtmlFragment>(fragment => fragment.Html, "text/html");
        Formatter.Register<DataFrame>(frame => FrameHtml.Html(frame), "text/html");
        Formatter.Register<Prose>(prose => prose.Markdown, Prose.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(Prose), Prose.MimeType);
    }
}
