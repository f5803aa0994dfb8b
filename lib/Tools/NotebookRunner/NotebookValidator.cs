using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotebookAnalysis.NotebookRunner;

/// <summary>
/// Structural checks: the parts of the nbformat 4.5 schema these notebooks use, and the project's
/// conventions (C# kernel metadata as Jupyter or VS Code save it, a <c>parameters</c> first code cell with pinned
/// packages). Whether the metadata is in the canonical form the runner writes is <see cref="NotebookMetadata.Differences"/>.
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
            foreach (var (output, i) in outputs.Select((o, i) => (o as JsonObject, i + 1)))
            {
                var type = (string?)output?["output_type"];
                if (output is null || type is null || !OutputTypes.Contains(type)) { problems.Add($"{where}, output {i}: unknown output_type."); continue; }
                string[] required = type switch
                {
                    "execute_result" => ["data", "execution_count", "metadata", "output_type"],
                    "display_data" => ["data", "metadata", "output_type"],
                    "stream" => ["name", "output_type", "text"],
                    _ => ["ename", "evalue", "output_type", "traceback"],
                };
                foreach (var key in required)
                    if (!output.ContainsKey(key)) problems.Add($"{where}, output {i} ({type}): missing '{key}'.");
                foreach (var key in output.Select(kv => kv.Key))
                    if (!required.Contains(key) && !(type == "display_data" && key == "transient"))
                        problems.Add($"{where}, output {i} ({type}): unexpected key '{key}'.");
            }
        }
        return problems;
    }

    /// <summary>
    /// Problems with the project's conventions: VS Code Polyglot metadata, and a first code cell tagged
    /// <c>parameters</c> whose <c>#r "nuget: Name, Version"</c> lines match <paramref name="pinnedVersions"/>
    /// and which references the Release build of the library and calls its set-up; no cell registers a formatter
    /// itself. Notebooks without code cells only need the metadata.
    /// </summary>
    public static IReadOnlyList<string> ConventionProblems(NotebookFile notebook, IReadOnlyDictionary<string, string> pinnedVersions)
    {
        var problems = new List<string>();
        var meta = notebook.Root["metadata"];
        if ((string?)meta?["kernelspec"]?["name"] != ".net-csharp") problems.Add("metadata.kernelspec.name must be '.net-csharp'.");
        if ((string?)meta?["kernelspec"]?["language"] != "C#") problems.Add("metadata.kernelspec.language must be 'C#'.");
        // Jupyter's kernel writes "C#" (the canonical value, see NotebookMetadata), VS Code's Polyglot "polyglot-notebook";
        // both are accepted here and the runner writes the canonical one back.
        if ((string?)meta?["language_info"]?["name"] is not ("C#" or "polyglot-notebook"))
            problems.Add("metadata.language_info.name must be 'C#' (or VS Code's 'polyglot-notebook', which the runner normalises).");
        if ((string?)meta?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"] != "csharp")
            problems.Add("metadata.polyglot_notebook.kernelInfo.defaultKernelName must be 'csharp'.");

        var code = notebook.Cells.Where(c => c.CellType == "code").ToList();
        foreach (var cell in code)
        {
            var cm = notebook.Root["cells"]![cell.Number - 1]!["metadata"];
            if ((string?)cm?["polyglot_notebook"]?["kernelName"] != "csharp" || (string?)cm?["dotnet_interactive"]?["language"] != "csharp")
                problems.Add($"cell {cell.Number}: metadata must name the csharp kernel (dotnet_interactive.language, polyglot_notebook.kernelName).");
        }
        if (code.Count == 0) return problems;

        var first = code[0];
        if (!first.IsParameters) problems.Add($"cell {first.Number}: the first code cell must be tagged 'parameters'.");
        if (code.Skip(1).Any(c => c.IsParameters)) problems.Add("only the first code cell may be tagged 'parameters'.");
        if (!first.Source.Contains(LibraryReference, StringComparison.Ordinal) || !first.Source.Contains(SetupCall, StringComparison.Ordinal))
            problems.Add($"cell {first.Number}: the first code cell must reference the library ({LibraryReference}) and call {SetupCall}");
        foreach (var cell in code.Where(c => c.Source.Contains("Formatter.Register", StringComparison.Ordinal)))
            problems.Add($"cell {cell.Number}: registers a formatter; {SetupCall} in the first cell registers every formatter the notebooks need.");
        if (!DataPathRegex().IsMatch(first.Source))
            problems.Add($"cell {first.Number}: the parameters cell must define dataPath.");
        foreach (var cell in code)
            foreach (Match m in NugetRegex().Matches(cell.Source))
            {
                string name = m.Groups["name"].Value, version = m.Groups["version"].Value;
                if (cell != first)
                    problems.Add($"cell {cell.Number}: #r \"nuget: {name}\" belongs in the first (parameters) cell.");
                if (!pinnedVersions.TryGetValue(name, out var pinned))
                    problems.Add($"cell {cell.Number}: package {name} is not pinned in Directory.Packages.props.");
                else if (pinned != version)
                    problems.Add($"cell {cell.Number}: {name} {(version.Length == 0 ? "has no version" : version)} but Directory.Packages.props pins {pinned}.");
            }
        return problems;
    }

    /// <summary>How a notebook's first cell references the library (the other assemblies load as its dependencies).</summary>
    public const string LibraryReference = "#r \"../lib/bin/Release/net10.0/NotebookAnalysis.Teaching.dll\"";

    /// <summary>The one set-up call of a notebook, right after <see cref="LibraryReference"/>.</summary>
    public const string SetupCall = "NotebookAnalysis.Teaching.Notebook.Setup();";

    [GeneratedRegex(@"^[a-zA-Z0-9\-_]{1,64}$")]
    private static partial Regex CellIdRegex();

    [GeneratedRegex(@"#r\s+""nuget:\s*(?<name>[A-Za-z0-9._-]+)\s*(?:,\s*(?<version>[^""\s]*))?\s*""")]
    private static partial Regex NugetRegex();

    [GeneratedRegex(@"\bvar\s+dataPath\s*=")]
    private static partial Regex DataPathRegex();
}
