using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotebookAnalysis.NotebookRunner;

/// <summary>One cell of a notebook as the runner needs it.</summary>
/// <param name="Number">1-based position among all cells (markdown included), as VS Code shows them.</param>
/// <param name="Id">The nbformat 4.5 cell id, or null.</param>
/// <param name="CellType"><c>code</c>, <c>markdown</c> or <c>raw</c>.</param>
/// <param name="Source">The cell's text.</param>
/// <param name="Tags">The cell's <c>metadata.tags</c>.</param>
/// <param name="Outputs">The stored outputs (code cells), or null.</param>
/// <param name="ExecutionCount">The stored execution count (code cells), or null.</param>
public sealed record NotebookCell(int Number, string? Id, string CellType, string Source, IReadOnlyList<string> Tags, JsonArray? Outputs, int? ExecutionCount)
{
    /// <summary>True when the cell holds papermill's <c>parameters</c> tag.</summary>
    public bool IsParameters => Tags.Contains("parameters");
}

/// <summary>
/// An .ipynb file and its parsed document. Written back in the layout Jupyter and VS Code write (keys in the
/// file's order, one-space indent, non-ASCII as UTF-8), which the committed notebooks have, so a rewrite that
/// changes no output reproduces the file byte for byte.
/// </summary>
/// <remarks>
/// Microsoft.DotNet.Interactive.Documents drops cell ids, so the file is edited as a JSON tree instead.
/// </remarks>
public sealed class NotebookFile
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        NewLine = "\n",
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly byte[] _bytes;

    private NotebookFile(string path, byte[] bytes, JsonObject root, IReadOnlyList<NotebookCell> cells)
    {
        Path = path;
        _bytes = bytes;
        Root = root;
        Cells = cells;
    }

    /// <summary>The file's path as given.</summary>
    public string Path { get; }

    /// <summary>The parsed document.</summary>
    public JsonObject Root { get; }

    /// <summary>All cells in order.</summary>
    public IReadOnlyList<NotebookCell> Cells { get; }

    /// <summary>The original bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The largest notebook read (outputs with images included); a bigger file is refused unread.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    /// <summary>
    /// Reads and parses <paramref name="path"/> through the guarded reader (a regular file, at most <see cref="MaxBytes"/>,
    /// strict UTF-8); throws <see cref="NotebookFormatException"/> on a malformed file.
    /// </summary>
    /// <exception cref="Data.DataFileException">Not a regular file, too large, unreadable, or not UTF-8 (with the bad byte's line and column).</exception>
    public static NotebookFile Load(string path)
    {
        var bytes = Data.InputFile.ReadBytes(path, "the notebook", MaxBytes);
        Data.InputFile.Decode(bytes, path); // located UTF-8 errors; JSON parsing alone would not name the place
        return Parse(bytes, path);
    }

    /// <summary>Parses notebook bytes; <paramref name="path"/> names the file in messages.</summary>
    public static NotebookFile Parse(byte[] bytes, string path)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(bytes) as JsonObject ?? throw new NotebookFormatException(path, "the file is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException(path, $"the file is not valid JSON: {e.Message}");
        }
        if (root["cells"] is not JsonArray cellsNode)
            throw new NotebookFormatException(path, "the notebook has no \"cells\" array.");

        var cells = new List<NotebookCell>();
        for (int i = 0; i < cellsNode.Count; i++)
        {
            if (cellsNode[i] is not JsonObject c)
                throw new NotebookFormatException(path, $"cell {i + 1} is not a JSON object.");
            string type = c["cell_type"]?.GetValue<string>() ?? throw new NotebookFormatException(path, $"cell {i + 1} has no cell_type.");
            var tags = (c["metadata"]?["tags"] as JsonArray)?.Select(t => t?.GetValue<string>() ?? "").ToList() ?? [];
            cells.Add(new NotebookCell(i + 1, c["id"]?.GetValue<string>(), type, JoinSource(c["source"]), tags, c["outputs"] as JsonArray,
                c["execution_count"] is JsonValue count && count.TryGetValue(out int n) ? n : null));
        }
        return new NotebookFile(path, bytes, root, cells);
    }

    /// <summary>A multiline nbformat string (a string or an array of lines) as one string.</summary>
    public static string JoinSource(JsonNode? node) => node switch
    {
        null => "",
        JsonArray a => string.Concat(a.Select(l => l?.GetValue<string>() ?? "")),
        _ => node.GetValue<string>(),
    };

    /// <summary>A string as nbformat's list of lines, each but the last ending in a newline.</summary>
    public static JsonArray Lines(string text) =>
        new(Regex.Split(text, "(?<=\n)").Where(l => l.Length > 0).Select(l => (JsonNode)JsonValue.Create(l)).ToArray());

    /// <summary>
    /// The file's bytes with outputs and execution counts replaced, sources of some cells replaced, and the
    /// notebook and cell metadata made canonical (<see cref="NotebookMetadata"/>).
    /// </summary>
    /// <param name="results">Per cell number: the new outputs and execution count. Cells not listed are kept.</param>
    /// <param name="sources">Per cell number: a new source text, or null.</param>
    public byte[] Rewrite(IReadOnlyDictionary<int, (JsonArray Outputs, int? ExecutionCount)> results, IReadOnlyDictionary<int, string>? sources)
    {
        var root = Root.DeepClone().AsObject();
        var cells = root["cells"]!.AsArray();
        foreach (var (number, (outputs, count)) in results)
        {
            cells[number - 1]!["outputs"] = outputs.DeepClone();
            cells[number - 1]!["execution_count"] = count;
        }
        foreach (var (number, source) in sources ?? new Dictionary<int, string>())
            cells[number - 1]!["source"] = Lines(source);
        root["metadata"] = NotebookMetadata.Document();
        foreach (var cell in Cells)
            cells[cell.Number - 1]!["metadata"] = NotebookMetadata.Cell(cell.CellType, cells[cell.Number - 1]!["metadata"]);
        return Encoding.UTF8.GetBytes(root.ToJsonString(WriteOptions) + "\n");
    }
}

/// <summary>A notebook file that is not a well-formed nbformat 4 document.</summary>
public sealed class NotebookFormatException(string path, string reason) : Exception($"{path}: {reason}");
