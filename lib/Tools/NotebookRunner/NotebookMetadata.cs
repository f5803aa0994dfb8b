using System.Text.Json.Nodes;

namespace NotebookAnalysis.NotebookRunner;

/// <summary>
/// The canonical metadata of the project's notebooks, and the normalisation the runner applies when it writes a
/// notebook back: whatever front end saved it (VS Code Polyglot, Jupyter, nbconvert), the file ends up with the
/// same notebook and cell metadata, so saving from one's own front end never makes a diff or fails <c>--check</c>.
/// </summary>
/// <remarks>
/// <c>language_info</c> is exactly what the .NET Interactive Jupyter kernel (tool 1.0.712001) reports in its
/// <c>kernel_info</c> reply, C# language version included: JupyterLab copies that reply into the notebook on open,
/// so any other value would make every notebook open as modified. It also matters to other readers:
/// nbconvert and GitHub pick their lexer from <c>pygments_lexer</c>/<c>name</c> (nbconvert finds none for VS Code's
/// <c>polyglot-notebook</c>), while VS Code's Polyglot extension recognises the notebook by its kernelspec and
/// <c>polyglot_notebook.kernelInfo</c>, which are kept.
/// </remarks>
public static class NotebookMetadata
{
    /// <summary>The notebook-level metadata every notebook carries, keys sorted as Jupyter writes them.</summary>
    public static JsonObject Document() => new()
    {
        ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
        ["language_info"] = new JsonObject
        {
            ["file_extension"] = ".cs",
            ["mimetype"] = "text/x-csharp",
            ["name"] = "C#",
            ["pygments_lexer"] = "csharp",
            ["version"] = "13.0",
        },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = "csharp",
                ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
            },
        },
    };

    /// <summary>
    /// A cell's metadata normalised: code cells name the C# kernel (VS Code's two keys); <c>tags</c> are kept;
    /// everything else (Jupyter's per-cell <c>execution</c> timestamps, <c>collapsed</c>, <c>scrolled</c>,
    /// VS Code's <c>vscode</c>, …) is dropped.
    /// </summary>
    public static JsonObject Cell(string cellType, JsonNode? current)
    {
        var result = new JsonObject();
        if (cellType == "code")
        {
            result["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" };
            result["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" };
        }
        if (current?["tags"] is JsonArray tags && tags.Count > 0) result["tags"] = tags.DeepClone();
        return result;
    }

    /// <summary>Where the notebook's metadata differs from the canonical form (empty when it is canonical).</summary>
    public static IReadOnlyList<string> Differences(NotebookFile notebook)
    {
        var problems = new List<string>();
        if (!JsonNode.DeepEquals(notebook.Root["metadata"], Document()))
            problems.Add("the notebook metadata is not the canonical one (kernelspec .net-csharp, language_info C#, polyglot_notebook kernelInfo); run the notebook with run-notebooks to normalise it.");
        foreach (var cell in notebook.Cells)
        {
            var metadata = notebook.Root["cells"]![cell.Number - 1]!["metadata"];
            if (!JsonNode.DeepEquals(metadata, Cell(cell.CellType, metadata)))
                problems.Add($"cell {cell.Number}: metadata holds more than the kernel name and tags (e.g. execution timestamps); run-notebooks normalises it.");
            if (cell.Outputs is JsonArray outputs && outputs.Any(o => o is JsonObject output && OutputComparison.IsKernelInjected(output)))
                problems.Add($"cell {cell.Number}: holds outputs the Jupyter kernel injects (its HTTP probe script, 'Loading extensions from …'); run-notebooks replaces them.");
        }
        return problems;
    }
}
