using NotebookAnalysis.Transcription;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NotebookAnalysis.Taxonomy;

/// <summary>A taxonomy JSON file: its root, and the line of each entry for messages.</summary>
internal sealed class TaxonomyJsonFile(string display, string text, JsonElement root)
{
    private readonly string[] _lines = text.Split('\n');

    public string Display { get; } = display;

    /// <summary>Reads <paramref name="path"/>, which must hold one JSON object (comments allowed).</summary>
    public static TaxonomyJsonFile Read(string path)
    {
        var content = ReadGuarded(path, "taxonomy JSON");
        JsonElement parsed;
        try
        {
            using var doc = JsonDocument.Parse(content, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            parsed = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new TaxonomyException(TaxonomyErrorKind.Schema, path, "(file)", e.LineNumber is long l ? (int)l + 1 : null, $"not valid JSON: {e.Message}");
        }
        return parsed.ValueKind == JsonValueKind.Object ? new TaxonomyJsonFile(path, content, parsed)
            : throw new TaxonomyException(TaxonomyErrorKind.Schema, path, "(file)", 1, "the file must hold one JSON object.");
    }

    /// <summary>
    /// A taxonomy input through the guarded reader (<see cref="Data.InputFile"/>), its failure as a
    /// <see cref="TaxonomyException"/> that keeps the line and column.
    /// </summary>
    internal static string ReadGuarded(string path, string what)
    {
        try
        {
            return Data.InputFile.ReadText(path, what);
        }
        catch (Data.DataFileException e)
        {
            var where = e.Column is int c ? $"column {c}: " : "";
            var reason = e.Reason.StartsWith("no such file", StringComparison.Ordinal) ? "cannot read the file: " + e.Reason : e.Reason;
            throw new TaxonomyException(TaxonomyErrorKind.Schema, path, "(file)", e.Line, where + reason);
        }
    }

    /// <summary>The 1-based line where <c>"id": "<paramref name="id"/>"</c> stands.</summary>
    public int? LineOf(string id)
    {
        var pattern = new Regex("\"id\"\\s*:\\s*\"" + Regex.Escape(id) + "\"");
        int index = Array.FindIndex(_lines, pattern.IsMatch);
        return index >= 0 ? index + 1 : null;
    }

    /// <summary>The entries of the root array <paramref name="name"/>, each with its id (or its position).</summary>
    public IEnumerable<JsonEntry> Entries(string name, bool hasId = true)
    {
        if (!root.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
            throw new TaxonomyException(TaxonomyErrorKind.Schema, Display, "(file)", null, $"the file needs an array '{name}'.");
        int index = 0;
        foreach (var element in array.EnumerateArray())
        {
            index++;
            var position = $"{name}[{index}]";
            if (element.ValueKind != JsonValueKind.Object)
                throw new TaxonomyException(TaxonomyErrorKind.Schema, Display, position, null, "each entry must be a JSON object.");
            var id = position;
            if (hasId)
            {
                if (!element.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String || idElement.GetString()!.Trim().Length == 0)
                    throw new TaxonomyException(TaxonomyErrorKind.Schema, Display, position, null, "the entry has no 'id' (a non-empty string).");
                id = idElement.GetString()!;
            }
            yield return new JsonEntry(this, element, id, hasId ? LineOf(id) : null);
        }
    }
}

/// <summary>One entry (or nested object) of a taxonomy file, with typed field access that fails with the entry's name.</summary>
internal readonly record struct JsonEntry(TaxonomyJsonFile File, JsonElement Element, string Id, int? Line)
{
    public TaxonomyException Error(TaxonomyErrorKind kind, string reason) => new(kind, File.Display, Id, Line, reason);

    public string Str(string name)
    {
        var s = OptStr(name);
        return s is { Length: > 0 } ? s : throw Error(TaxonomyErrorKind.Schema, $"field '{name}' is missing or empty (a string is required).");
    }

    public string? OptStr(string name) => Field(name, JsonValueKind.String, "a string")?.GetString();

    public int? OptInt(string name) => Field(name, JsonValueKind.Number, "a whole number") is not { } v ? null
        : v.TryGetInt32(out int i) ? i : throw Error(TaxonomyErrorKind.Schema, $"field '{name}' must be a whole number.");

    public IReadOnlyList<string> StrList(string name, bool required = false) =>
        ArrayOf(name, JsonValueKind.String, "strings", required).Select(x => x.GetString()!).ToList();

    public JsonEntry? OptObj(string name) => Field(name, JsonValueKind.Object, "an object") is { } v ? this with { Element = v } : null;

    public IReadOnlyList<JsonEntry> ObjList(string name, bool required = true)
    {
        var self = this;
        return ArrayOf(name, JsonValueKind.Object, "objects", required).Select(x => self with { Element = x }).ToList();
    }

    public Trace Trace(string name = "trace") =>
        (OptObj(name) ?? throw Error(TaxonomyErrorKind.Schema, $"field '{name}' is missing (an object is required).")).AsTrace();

    /// <summary>This object read as a trace.</summary>
    public Trace AsTrace() => new(Str("section"), Str("locator"), OptStr("row"), OptStr("column"), OptStr("document"));

    /// <summary>Field <paramref name="name"/>, null when absent or null, an error when not of <paramref name="kind"/>.</summary>
    private JsonElement? Field(string name, JsonValueKind kind, string expected)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == kind ? v : throw Error(TaxonomyErrorKind.Schema, $"field '{name}' must be {expected}.");
    }

    private IEnumerable<JsonElement> ArrayOf(string name, JsonValueKind item, string items, bool required)
    {
        if (Field(name, JsonValueKind.Array, $"an array of {items}") is not { } v)
            return required ? throw Error(TaxonomyErrorKind.Schema, $"field '{name}' is missing (an array of {items} is required).") : [];
        if (v.EnumerateArray().Any(x => x.ValueKind != item))
            throw Error(TaxonomyErrorKind.Schema, $"field '{name}' must be an array of {items}.");
        return v.EnumerateArray();
    }

    /// <summary>Reads an enumerated value written in lower case (e.g. "functional").</summary>
    public T Enum<T>(string name, string what) where T : struct, System.Enum
    {
        var raw = Str(name);
        foreach (var value in System.Enum.GetValues<T>())
            if (string.Equals(value.ToString(), raw, StringComparison.OrdinalIgnoreCase) && raw == raw.ToLowerInvariant())
                return value;
        throw Error(TaxonomyErrorKind.UnknownValue,
            $"unknown {what} '{raw}'; known: {string.Join(", ", System.Enum.GetValues<T>().Select(v => v.ToString().ToLowerInvariant()))}.");
    }
}
