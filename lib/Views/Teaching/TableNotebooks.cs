using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotebookAnalysis.Teaching;

/// <summary>
/// Notebooks 02-04 (one per regression table) from one source: the shared cells in
/// <c>notebooks/templates/table-notebook.ipynb</c> and, per table, <c>notebooks/templates/NN-….md</c> with the
/// market, the table number and the few Markdown cells that differ. A change to the shared cells is made once;
/// readers still get one plain notebook per table. <c>scripts/make-table-notebooks.cs</c> writes them.
/// </summary>
/// <remarks>
/// Placeholders in the template: <c>{{market}}</c> (the <c>Market</c> member, e.g. <c>Goods</c>), <c>{{table}}</c>
/// (the published table number), and cells whose whole source is <c>{{part:NAME}}</c>, replaced by the part of that
/// name. Cell ids <c>cNN-…</c> take the notebook's number. Generation replaces cell sources, ids, types and
/// metadata and the notebook metadata, and keeps the outputs stored for a cell of the same id (rerun the notebook after
/// changing a cell's source).
/// </remarks>
public static partial class TableNotebooks
{
    /// <summary>The template folder, relative to the repository root.</summary>
    public const string TemplateFolder = "notebooks/templates";

    /// <summary>The shared cells.</summary>
    public const string TemplateName = "table-notebook.ipynb";

    /// <summary>
    /// Every generated notebook: its path (under <c>notebooks/</c>) and full text, given the repository root.
    /// Outputs are taken from the notebook already on disk, when there is one.
    /// </summary>
    public static IReadOnlyList<(string Path, string Text)> Generate(string root)
    {
        var folder = Path.Combine(root, TemplateFolder);
        var template = File.ReadAllText(Path.Combine(folder, TemplateName));
        var result = new List<(string, string)>();
        foreach (var partsFile in Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(partsFile);
            var target = Path.Combine(root, "notebooks", name + ".ipynb");
            var existing = File.Exists(target) ? File.ReadAllText(target) : null;
            result.Add((target, Render(template, name, File.ReadAllText(partsFile), existing, partsFile)));
        }
        return result;
    }

    /// <summary>One notebook: the template filled from <paramref name="parts"/>, outputs kept from <paramref name="existing"/>.</summary>
    /// <param name="template">The template notebook's text.</param>
    /// <param name="name">The notebook's file stem, e.g. <c>02-table2-goods-markets</c> (its first two characters number the cell ids).</param>
    /// <param name="parts">The parts file's text.</param>
    /// <param name="existing">The notebook on disk, or null.</param>
    /// <param name="partsPath">The parts file's path, for error messages.</param>
    public static string Render(string template, string name, string parts, string? existing, string partsPath = "parts")
    {
        var (values, sections) = ParseParts(parts, partsPath);
        foreach (var key in new[] { "market", "table" })
            if (!values.ContainsKey(key)) throw new FormatException($"{partsPath}: missing '<!-- {key}: … -->'.");
        var number = name[..2];
        var notebook = JsonNode.Parse(template)!.AsObject();
        var outputs = new Dictionary<string, (JsonNode? Outputs, JsonNode? Count)>(StringComparer.Ordinal);
        if (existing is not null)
            foreach (var cell in JsonNode.Parse(existing)!["cells"]!.AsArray())
                if (cell?["id"]?.GetValue<string>() is { } id && cell["cell_type"]?.GetValue<string>() == "code")
                    outputs[id] = (cell["outputs"]?.DeepClone(), cell["execution_count"]?.DeepClone());

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in notebook["cells"]!.AsArray())
        {
            var id = cell!["id"]!.GetValue<string>().Replace("cNN-", "c" + number + "-", StringComparison.Ordinal);
            cell["id"] = id;
            var source = string.Concat(cell["source"]!.AsArray().Select(l => l!.GetValue<string>()));
            var part = PartRegex().Match(source);
            if (part.Success)
            {
                var key = part.Groups[1].Value;
                if (!sections.TryGetValue(key, out var text)) throw new FormatException($"{partsPath}: no '<!-- part: {key} -->' (the template asks for it).");
                used.Add(key);
                source = text;
            }
            source = source.Replace("{{market}}", values["market"], StringComparison.Ordinal).Replace("{{table}}", values["table"], StringComparison.Ordinal);
            if (source.Contains("{{", StringComparison.Ordinal)) throw new FormatException($"{name}: cell {id} keeps a placeholder: {source[source.IndexOf("{{", StringComparison.Ordinal)..].Split('\n')[0]}");
            cell["source"] = Lines(source);
            if (cell["cell_type"]!.GetValue<string>() == "code" && outputs.TryGetValue(id, out var kept))
            {
                cell["execution_count"] = kept.Count;
                cell["outputs"] = kept.Outputs ?? new JsonArray();
            }
        }
        var unused = sections.Keys.Where(k => !used.Contains(k)).ToList();
        if (unused.Count > 0) throw new FormatException($"{partsPath}: part(s) the template does not use: {string.Join(", ", unused)}.");
        return notebook.ToJsonString(WriteOptions) + "\n";
    }

    /// <summary>The sources of a notebook's cells, in order (what a test compares: outputs are not generated).</summary>
    public static IReadOnlyList<(string Id, string Type, string Source)> Sources(string notebookText) =>
        JsonNode.Parse(notebookText)!["cells"]!.AsArray()
            .Select(c => (c!["id"]!.GetValue<string>(), c["cell_type"]!.GetValue<string>(), string.Concat(c["source"]!.AsArray().Select(l => l!.GetValue<string>()))))
            .ToList();

    private static (Dictionary<string, string> Values, Dictionary<string, string> Sections) ParseParts(string text, string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var body = new StringBuilder();
        void Flush()
        {
            if (current is not null) sections[current] = body.ToString().Trim('\n');
            body.Clear();
        }
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var marker = MarkerRegex().Match(lines[i]);
            if (marker.Success && marker.Groups[1].Value == "part")
            {
                Flush();
                current = marker.Groups[2].Value;
                if (sections.ContainsKey(current)) throw new FormatException($"{path}, line {i + 1}: part '{current}' appears twice.");
            }
            else if (marker.Success && current is null)
                values[marker.Groups[1].Value] = marker.Groups[2].Value;
            else if (current is not null)
                body.Append(lines[i]).Append('\n');
        }
        Flush();
        return (values, sections);
    }

    /// <summary>nbformat's list of lines: each but the last ends in a newline.</summary>
    private static JsonArray Lines(string text) =>
        new(Regex.Split(text, "(?<=\n)").Where(l => l.Length > 0).Select(l => (JsonNode)JsonValue.Create(l)).ToArray());

    /// <summary>The notebooks' layout: one-space indent, non-ASCII as UTF-8 (a final newline is added by <see cref="Render"/>).</summary>
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [GeneratedRegex(@"^\{\{part:([a-z0-9-]+)\}\}\n?$")]
    private static partial Regex PartRegex();

    [GeneratedRegex(@"^<!-- ([a-z]+): ([^ ]+) -->$")]
    private static partial Regex MarkerRegex();
}
