using System.Text.RegularExpressions;
using NotebookAnalysis.NotebookRunner;

namespace NotebookAnalysis.Tests.Notebooks;

/// <summary>The project's notebook conventions (C# kernel metadata as Jupyter or VS Code save it, a <c>parameters</c> first code cell with pinned packages).</summary>
internal static partial class NotebookConventions
{
    /// <summary>
    /// Problems with the project's conventions: VS Code Polyglot metadata; a first code cell tagged <c>parameters</c>
    /// that references the Release build of the library, calls its set-up, and pins any <c>#r "nuget: Name, Version"</c>
    /// line to <paramref name="pinnedVersions"/>; no cell that registers a formatter itself. Notebooks without code
    /// cells only need the metadata.
    /// </summary>
    public static IReadOnlyList<string> Problems(NotebookFile notebook, IReadOnlyDictionary<string, string> pinnedVersions)
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

    [GeneratedRegex(@"#r\s+""nuget:\s*(?<name>[A-Za-z0-9._-]+)\s*(?:,\s*(?<version>[^""\s]*))?\s*""")]
    private static partial Regex NugetRegex();

    [GeneratedRegex(@"\bvar\s+dataPath\s*=")]
    private static partial Regex DataPathRegex();
}
