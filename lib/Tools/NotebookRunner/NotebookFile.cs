using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookAnalysis.NotebookRunner;

/// <summary>One cell of a notebook as the runner needs it.</summary>
/// <param name="Number">1-based position among all cells (markdown included), as VS Code shows them.</param>
/// <param name="Id">The nbformat 4.5 cell id, or null.</param>
/// <param name="CellType"><c>code</c>, <c>markdown</c> or <c>raw</c>.</param>
/// <param name="Source">The cell's text.</param>
/// <param name="Tags">The cell's <c>metadata.tags</c>.</param>
/// <param name="Outputs">The stored outputs (code cells), or null.</param>
public sealed record NotebookCell(int Number, string? Id, string CellType, string Source, IReadOnlyList<string> Tags, JsonArray? Outputs)
{
    /// <summary>True when the cell holds papermill's <c>parameters</c> tag.</summary>
    public bool IsParameters => Tags.Contains("parameters");
}

/// <summary>
/// An .ipynb file read as bytes. Outputs and execution counts are replaced by splicing the new JSON into the
/// original text, so every other byte of the file (metadata, sources, key order, indentation) stays as it was.
/// </summary>
/// <remarks>
/// Re-serialising the whole document would reorder or re-escape parts that VS Code wrote, and
/// Microsoft.DotNet.Interactive.Documents drops cell ids, so the file is edited in place instead.
/// </remarks>
public sealed class NotebookFile
{
    private readonly byte[] _bytes;
    private readonly DocumentSpans _spans;

    private NotebookFile(string path, byte[] bytes, JsonObject root, IReadOnlyList<NotebookCell> cells, DocumentSpans spans, string indentUnit)
    {
        Path = path;
        _bytes = bytes;
        Root = root;
        Cells = cells;
        _spans = spans;
        IndentUnit = indentUnit;
    }

    /// <summary>The file's path as given.</summary>
    public string Path { get; }

    /// <summary>The parsed document.</summary>
    public JsonObject Root { get; }

    /// <summary>All cells in order.</summary>
    public IReadOnlyList<NotebookCell> Cells { get; }

    /// <summary>One level of indentation in the file (Jupyter and VS Code write one space).</summary>
    public string IndentUnit { get; }

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
        Data.InputFile.Decode(bytes, path); // located UTF-8 errors; the bytes themselves are kept for byte-exact edits
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
            cells.Add(new NotebookCell(i + 1, c["id"]?.GetValue<string>(), type, JoinSource(c["source"]), tags, c["outputs"] as JsonArray));
        }
        var spans = FindSpans(bytes, path, cells.Count);
        return new NotebookFile(path, bytes, root, cells, spans, DetectIndent(bytes));
    }

    /// <summary>A multiline nbformat string (a string or an array of lines) as one string.</summary>
    public static string JoinSource(JsonNode? node) => node switch
    {
        null => "",
        JsonArray a => string.Concat(a.Select(l => l?.GetValue<string>() ?? "")),
        _ => node.GetValue<string>(),
    };

    /// <summary>
    /// The file's bytes with outputs and execution counts replaced, sources of some cells replaced, and, when
    /// <paramref name="normalize"/> is set, the notebook and cell metadata made canonical
    /// (<see cref="NotebookMetadata"/>). Every other byte stays as it was.
    /// </summary>
    /// <param name="results">Per cell number: the new outputs and execution count. Cells not listed are kept.</param>
    /// <param name="sources">Per cell number: a new source text, or null.</param>
    /// <param name="normalize">Rewrite metadata that differs from the canonical form.</param>
    public byte[] Rewrite(IReadOnlyDictionary<int, (JsonArray Outputs, int? ExecutionCount)> results, IReadOnlyDictionary<int, string>? sources, bool normalize)
    {
        var edits = new List<(int Start, int End, byte[] Text)>();
        foreach (var (number, (outputs, count)) in results)
        {
            var span = _spans.Cells[number - 1];
            if (span.Outputs is not (int os, int oe) || span.ExecutionCount is not (int es, int ee))
                throw new NotebookFormatException(Path, $"cell {number} lacks \"outputs\" or \"execution_count\"; a code cell needs both.");
            edits.Add((es, ee, Encoding.UTF8.GetBytes(count is int n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null")));
            edits.Add((os, oe, Encoding.UTF8.GetBytes(FormatJson(outputs, IndentAt(os)))));
        }
        foreach (var (number, source) in sources ?? new Dictionary<int, string>())
        {
            if (_spans.Cells[number - 1].Source is not (int ss, int se))
                throw new NotebookFormatException(Path, $"cell {number} has no \"source\".");
            edits.Add((ss, se, Encoding.UTF8.GetBytes(FormatJson(NotebookExecutor.Lines(source), IndentAt(ss)))));
        }
        if (normalize)
        {
            var canonical = NotebookMetadata.Document();
            if (!JsonNode.DeepEquals(Root["metadata"], canonical) && _spans.Metadata is (int ms, int me))
                edits.Add((ms, me, Encoding.UTF8.GetBytes(FormatJson(canonical, IndentAt(ms)))));
            foreach (var cell in Cells)
            {
                var current = Root["cells"]![cell.Number - 1]!["metadata"];
                var wanted = NotebookMetadata.Cell(cell.CellType, current);
                if (!JsonNode.DeepEquals(current, wanted) && _spans.Cells[cell.Number - 1].Metadata is (int cs, int ce))
                    edits.Add((cs, ce, Encoding.UTF8.GetBytes(FormatJson(wanted, IndentAt(cs)))));
            }
        }
        edits.Sort((a, b) => a.Start.CompareTo(b.Start));
        using var result = new MemoryStream(_bytes.Length + 4096);
        int pos = 0;
        foreach (var (start, end, text) in edits)
        {
            result.Write(_bytes, pos, start - pos);
            result.Write(text);
            pos = end;
        }
        result.Write(_bytes, pos, _bytes.Length - pos);
        return result.ToArray();
    }

    /// <summary>
    /// JSON text of <paramref name="node"/> in the notebook's style: keys as given, one indent unit per level,
    /// non-ASCII kept as UTF-8, continuation lines prefixed with <paramref name="baseIndent"/>.
    /// </summary>
    private string FormatJson(JsonNode node, string baseIndent)
    {
        var options = new JsonWriterOptions
        {
            Indented = true,
            IndentCharacter = IndentUnit.Length > 0 ? IndentUnit[0] : ' ',
            IndentSize = Math.Max(1, IndentUnit.Length),
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NewLine = DetectNewLine(),
        };
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
            node.WriteTo(writer);
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        return text.Replace(options.NewLine, options.NewLine + baseIndent);
    }

    private string DetectNewLine() => Array.IndexOf(_bytes, (byte)'\n') is int i && i > 0 && _bytes[i - 1] == '\r' ? "\r\n" : "\n";

    /// <summary>The leading whitespace of the line holding byte <paramref name="offset"/>.</summary>
    private string IndentAt(int offset)
    {
        int lineStart = offset;
        while (lineStart > 0 && _bytes[lineStart - 1] != '\n') lineStart--;
        int end = lineStart;
        while (end < _bytes.Length && (_bytes[end] == ' ' || _bytes[end] == '\t')) end++;
        return Encoding.ASCII.GetString(_bytes, lineStart, end - lineStart);
    }

    private static string DetectIndent(byte[] bytes)
    {
        int nl = Array.IndexOf(bytes, (byte)'\n');
        if (nl < 0) return " ";
        int i = nl + 1, start = i;
        while (i < bytes.Length && (bytes[i] == ' ' || bytes[i] == '\t')) i++;
        return i > start ? Encoding.ASCII.GetString(bytes, start, i - start) : " ";
    }

    private sealed class CellSpans
    {
        public (int, int)? Outputs;
        public (int, int)? ExecutionCount;
        public (int, int)? Source;
        public (int, int)? Metadata;
    }

    private sealed class DocumentSpans
    {
        public (int, int)? Metadata;
        public List<CellSpans> Cells { get; } = [];
    }

    /// <summary>Byte ranges of the notebook's <c>metadata</c> and of each cell's values that the runner may rewrite.</summary>
    private static DocumentSpans FindSpans(byte[] bytes, string path, int cellCount)
    {
        var spans = new DocumentSpans();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        reader.Read(); // StartObject of the document
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (name != "cells" || reader.TokenType != JsonTokenType.StartArray)
            {
                var span = SkipValue(ref reader);
                if (name == "metadata") spans.Metadata = span;
                continue;
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var cell = new CellSpans();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    string key = reader.GetString()!;
                    reader.Read();
                    var span = SkipValue(ref reader);
                    switch (key)
                    {
                        case "outputs": cell.Outputs = span; break;
                        case "execution_count": cell.ExecutionCount = span; break;
                        case "source": cell.Source = span; break;
                        case "metadata": cell.Metadata = span; break;
                    }
                }
                spans.Cells.Add(cell);
            }
        }
        if (spans.Cells.Count != cellCount)
            throw new NotebookFormatException(path, $"found {spans.Cells.Count} cells while scanning but {cellCount} while parsing.");
        return spans;
    }

    /// <summary>Skips the value the reader is on and returns its byte range.</summary>
    private static (int, int) SkipValue(ref Utf8JsonReader reader)
    {
        int start = (int)reader.TokenStartIndex;
        reader.Skip();
        int end = reader.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject
            ? (int)reader.TokenStartIndex + 1
            : (int)reader.BytesConsumed;
        return (start, end);
    }
}

/// <summary>A notebook file that is not a well-formed nbformat 4 document.</summary>
public sealed class NotebookFormatException(string path, string reason) : Exception($"{path}: {reason}");
