using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotebookAnalysis.NotebookRunner;

/// <summary>
/// Structural checks: the parts of the nbformat 4.5 schema these notebooks use. Whether the metadata is in the
/// canonical form the runner writes is <see cref="NotebookMetadata.Differences"/>; the project's own conventions are
/// checked by the tests (tests/Notebooks/NotebookConventions.cs).
/// </summary>
public static partial class NotebookValidator
{
    private static readonly string[] CodeCellKeys = ["cell_type", "execution_count", "id", "metadata", "outputs", "source"];
    private static readonly string[] TextCellKeys = ["attachments", "cell_type", "id", "metadata", "source"];
    private static readonly string[] OutputTypes = ["execute_result", "display_data", "stream", "error"];

    /// <summary>Problems with the nbformat 4.5 structure; empty when the file is valid.</summary>
    public static IReadOnlyList<string> NbformatProblems(NotebookFile notebook)
    {
        var problems = new List<string>();
        var root = notebook.Root;
        if ((int?)root["nbformat"] != 4) problems.Add("nbformat must be 4.");
        if ((int?)root["nbformat_minor"] is not int minor || minor < 5) problems.Add("nbformat_minor must be 5 or more (cells carry ids).");
        if (root["metadata"] is not JsonObject) problems.Add("the notebook has no metadata object.");
        foreach (var key in root.Select(kv => kv.Key))
            if (key is not ("cells" or "metadata" or "nbformat" or "nbformat_minor"))
                problems.Add($"unexpected top-level key '{key}'.");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in notebook.Cells)
        {
            var node = (JsonObject)root["cells"]![cell.Number - 1]!;
            string where = $"cell {cell.Number}";
            var allowed = cell.CellType == "code" ? CodeCellKeys : TextCellKeys;
            if (cell.CellType is not ("code" or "markdown" or "raw")) problems.Add($"{where}: unknown cell_type '{cell.CellType}'.");
            foreach (var key in node.Select(kv => kv.Key))
                if (!allowed.Contains(key)) problems.Add($"{where}: unexpected key '{key}' in a {cell.CellType} cell.");
            foreach (var key in allowed.Where(k => k != "attachments"))
                if (!node.ContainsKey(key)) problems.Add($"{where}: missing '{key}'.");
            if (cell.Id is null || !CellIdRegex().IsMatch(cell.Id)) problems.Add($"{where}: the id must match ^[a-zA-Z0-9-_]{{1,64}}$.");
            else if (!ids.Add(cell.Id)) problems.Add($"{where}: the id '{cell.Id}' repeats.");
            if (node["metadata"] is not JsonObject) problems.Add($"{where}: metadata must be an object.");
            if (node["source"] is not (JsonArray or JsonValue)) problems.Add($"{where}: source must be a string or a list of strings.");
            if (cell.CellType != "code") continue;
            if (node["execution_count"] is JsonNode count && count.GetValueKind() != System.Text.Json.JsonValueKind.Number)
                problems.Add($"{where}: execution_count must be an integer or null.");
            if (node["outputs"] is not JsonArray outputs) { problems.Add($"{where}: outputs must be a list."); continue; }
            // The outputs' own keys are the runner's to write: it replaces them on every run.
            foreach (var (output, i) in outputs.Select((o, i) => (o as JsonObject, i + 1)))
                if (!OutputTypes.Contains((string?)output?["output_type"] ?? ""))
                    problems.Add($"{where}, output {i}: unknown output_type.");
        }
        return problems;
    }

    [GeneratedRegex(@"^[a-zA-Z0-9\-_]{1,64}$")]
    private static partial Regex CellIdRegex();
}
