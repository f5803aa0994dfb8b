using NotebookAnalysis.Transcription;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NotebookAnalysis.Taxonomy;

/// <summary>A taxonomy JSON file: its root, and the line of each entry for messages.</summary>
internal sealed class TaxonomyJsonFile
{
    private readonly string[] _lines;

    private TaxonomyJsonFile(string display, string text, JsonElement root)
    {
        Display = display;
        _lines = text.Split('\n');
        Root = root;
    }

    public string Display { get; }

    public JsonElement Root { get; }

    public static TaxonomyJsonFile Read(string path)
    {
        return Parse(ReadGuarded(path, "taxonomy JSON"), path);
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

    public static TaxonomyJsonFile Parse(string text, string display)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new TaxonomyException(TaxonomyErrorKind.Schema, display, "(file)", 1, "the file must hold one JSON object.");
            return new TaxonomyJsonFile(display, text, doc.RootElement.Clone());
        }
        catch (JsonException e)
        {
            int? line = e.LineNumber is long l ? (int)l + 1 : null;
            throw new TaxonomyException(TaxonomyErrorKind.Schema, display, "(file)", line, $"not valid JSON: {e.Message}");
        }
    }

    /// <summary>The 1-based line where <c>"id": "<paramref name="id"/>"</c> stands.</summary>
    public int? LineOf(string id)
    {
        var pattern = new Regex("\"id\"\\s*:\\s*\"" + Regex.Escape(id) + "\"");
        for (int i = 0; i < _lines.Length; i++)
            if (pattern.IsMatch(_lines[i])) return i + 1;
        return null;
    }

    /// <summary>The entries of the root array <paramref name="name"/>, each with its id (or its position).</summary>
    public IEnumerable<JsonEntry> Entries(string name, bool hasId = true)
    {
        if (!Root.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
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

    public string? OptStr(string name)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String) throw Error(TaxonomyErrorKind.Schema, $"field '{name}' must be a string.");
        return v.GetString();
    }

    public int? OptInt(string name)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int i)) throw Error(TaxonomyErrorKind.Schema, $"field '{name}' must be a whole number.");
        return i;
    }

    public IReadOnlyList<string> StrList(string name, bool required = false)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return required ? throw Error(TaxonomyErrorKind.Schema, $"field '{name}' is missing (an array of strings is required).") : [];
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
            throw Error(TaxonomyErrorKind.Schema, $"field '{name}' must be an array of strings.");
        return v.EnumerateArray().Select(x => x.GetString()!).ToList();
    }

    public JsonEntry? OptObj(string name)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Object) throw Error(TaxonomyErrorKind.Schema, $"field '{name}' must be an object.");
        return this with { Element = v };
    }

    public JsonEntry Obj(string name) =>
        OptObj(name) ?? throw Error(TaxonomyErrorKind.Schema, $"field '{name}' is missing (an object is required).");

    public IReadOnlyList<JsonEntry> ObjList(string name, bool required = true)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return required ? throw Error(TaxonomyErrorKind.Schema, $"field '{name}' is missing (an array of objects is required).") : [];
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.Object))
            throw Error(TaxonomyErrorKind.Schema, $"field '{name}' must be an array of objects.");
        var self = this;
        return v.EnumerateArray().Select(x => self with { Element = x }).ToList();
    }

    public Trace Trace(string name = "trace")
    {
        var t = Obj(name);
        return new Trace(t.Str("section"), t.Str("locator"), t.OptStr("row"), t.OptStr("column"), t.OptStr("document"));
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
