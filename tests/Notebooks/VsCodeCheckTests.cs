using NotebookAnalysis.Data;

namespace NotebookAnalysis.Tests.Notebooks;

/// <summary>
/// Every committed notebook as a stock VS Code shows it (code-server 1.100 with the built-in notebook renderers, no
/// extension, 1440×900 with the Explorer open), through the shared checker <c>../shared/tools/vscode/check</c> (see its
/// README): every output rendered, no error output, not modified on open, no external request, and no text line or
/// HTML table wider than the output area. Nothing is run (no kernel), so every notebook is checked, 08 included.
/// Runs <c>setup</c> first (idempotent). Reported as skipped, with the reason, where the checker is not beside the repository.
/// </summary>
[Collection(FrontEndCollections.VsCode)]
public sealed class VsCodeCheckTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Committed_notebooks_read_cleanly_in_a_stock_VS_Code()
    {
        var tool = FrontEndCheck.RequireTool("vscode");
        // The checker opens the current directory (the repository root) and wants the notebooks inside it, by relative path.
        var notebooks = Directory.GetFiles(Path.Combine(ProjectPaths.Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal)
            .Select(n => Path.GetRelativePath(ProjectPaths.Root, n).Replace('\\', '/')).ToList();
        await FrontEndCheck.RunAsync(tool, [], notebooks, output);
    }
}
