using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotebookAnalysis.NotebookRunner;

/// <summary>
/// Compares stored outputs with a fresh run for <c>--check</c>, after masking the parts that legitimately change
/// between runs: generated ids (GUIDs, hex ids) and timestamps. For <c>--check</c>, outputs that the Jupyter
/// kernel injects by itself (<see cref="IsKernelInjected"/>) are left out on both sides, so a notebook saved
/// from Jupyter still checks.
/// </summary>
public static partial class OutputComparison
{
    private static readonly JsonSerializerOptions MaskOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>True when the stored outputs of a cell equal <paramref name="fresh"/> after masking.</summary>
    public static bool SameAfterMasking(JsonArray? stored, JsonArray fresh) => Masked(stored) == Masked(fresh);

    /// <summary>The outputs as canonical JSON text with volatile parts masked.</summary>
    public static string Masked(JsonArray? outputs)
    {
        var text = NormalizeLines(outputs ?? []).ToJsonString(MaskOptions);
        text = GuidRegex().Replace(text, "<guid>");
        text = TimestampRegex().Replace(text, "<timestamp>");
        text = HexIdRegex().Replace(text, "${prefix}<id>");
        text = GeneratedNameRegex().Replace(text, "${prefix}<id>");
        text = ElapsedRegex().Replace(text, "<elapsed>");
        return text;
    }

    /// <summary>
    /// True for an output that the .NET Interactive Jupyter kernel adds by itself, not the cell's code:
    /// <list type="bullet">
    /// <item>its HTTP probe script (a <c>text/html</c> display holding <c>probeAddresses(</c>, which lists the
    /// machine's network addresses and loads require.js);</item>
    /// <item>"Loading extensions from `…`" (a <c>text/plain</c> display starting so, naming a path in the NuGet cache).</item>
    /// </list>
    /// Warnings (e.g. CS1701 on stderr) and errors are never counted as injected. The project's kernelspec
    /// (<c>.ci/kernel</c>, installed by <c>.ci/setup-jupyter</c>) switches the probe script off; it is still recognised
    /// here because the tool's stock kernelspec cannot switch it off, and "Loading extensions" cannot be switched off
    /// at all (the kernel prints it for any <c>#r "nuget: …"</c> package with interactive extensions).
    /// </summary>
    public static bool IsKernelInjected(JsonObject output)
    {
        if ((string?)output["output_type"] != "display_data" || output["data"] is not JsonObject data) return false;
        var html = NotebookFile.JoinSource(data["text/html"]);
        if (html.Contains("probeAddresses(", StringComparison.Ordinal)) return true;
        return data.Count == 1 && NotebookFile.JoinSource(data["text/plain"]).StartsWith("Loading extensions from ", StringComparison.Ordinal);
    }

    /// <summary>The outputs without those <see cref="IsKernelInjected"/> recognises.</summary>
    public static JsonArray WithoutKernelInjected(JsonArray? outputs) =>
        new((outputs ?? []).Where(o => o is not JsonObject output || !IsKernelInjected(output)).Select(o => o?.DeepClone()).ToArray());

    /// <summary>As <see cref="FirstDifference(NotebookFile, IReadOnlyDictionary{int, ValueTuple{JsonArray, int?}})"/>, with the fresh outputs read from another copy of the notebook (e.g. one Jupyter executed).</summary>
    public static string? FirstDifference(NotebookFile stored, NotebookFile fresh)
    {
        if (fresh.Cells.Count != stored.Cells.Count)
            return $"the notebooks have {stored.Cells.Count} and {fresh.Cells.Count} cells";
        var outputs = fresh.Cells.Where(c => c.CellType == "code").ToDictionary(c => c.Number, c => (c.Outputs ?? [], c.ExecutionCount));
        return FirstDifference(stored, outputs);
    }

    /// <summary>
    /// The first cell whose masked outputs differ (kernel-injected outputs left out on both sides), with the first
    /// differing line of each side; null when all agree.
    /// </summary>
    public static string? FirstDifference(NotebookFile stored, IReadOnlyDictionary<int, (JsonArray Outputs, int? ExecutionCount)> fresh)
    {
        foreach (var cell in stored.Cells.Where(c => c.CellType == "code"))
        {
            if (!fresh.TryGetValue(cell.Number, out var run)) continue;
            if (cell.ExecutionCount != run.ExecutionCount)
                return $"cell {cell.Number}: stored execution_count {cell.ExecutionCount?.ToString() ?? "null"}, fresh run {run.ExecutionCount}";
            var a = Masked(WithoutKernelInjected(cell.Outputs)).Split('\n');
            var b = Masked(WithoutKernelInjected(run.Outputs)).Split('\n');
            for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
            {
                var left = i < a.Length ? a[i] : "<end>";
                var right = i < b.Length ? b[i] : "<end>";
                if (left != right)
                {
                    int at = 0;
                    while (at < left.Length && at < right.Length && left[at] == right[at]) at++;
                    return $"cell {cell.Number}: stored outputs differ from a fresh run at line {i + 1}, column {at + 1}:\n  stored: {Around(left, at)}\n  fresh:  {Around(right, at)}";
                }
            }
        }
        return null;
    }

    /// <summary>Up to 60 characters before and 100 after <paramref name="at"/>, so a long HTML line shows where it differs.</summary>
    private static string Around(string s, int at)
    {
        int start = Math.Max(0, at - 60), end = Math.Min(s.Length, at + 100);
        return (start > 0 ? "…" : "") + s[start..end] + (end < s.Length ? "…" : "");
    }

    /// <summary>Whether nbformat stores this mime type as JSON rather than text (<c>application/json</c>, <c>application/vnd.plotly.v1+json</c>).</summary>
    public static bool IsJsonMimeType(string mimeType) => JsonMimeRegex().IsMatch(mimeType);

    /// <summary>
    /// JSON with object keys in ordinal order and numbers in shortest round-trip form: Jupyter saves with sorted
    /// keys and Python's number spelling (1e-05 for .NET's 1E-05), which must not count as a difference.
    /// </summary>
    private static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => JsonValue.Create(kv.Key).ToJsonString() + ":" + Canonical(kv.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number
            => v.GetValue<double>().ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };

    /// <summary>Multiline strings joined, so a string and a list of lines with the same text compare equal; JSON mime values canonical.</summary>
    private static JsonNode NormalizeLines(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key,
            IsJsonMimeType(kv.Key) && kv.Value is not null ? JsonValue.Create(Canonical(kv.Value)) :
            kv.Value is JsonArray lines && kv.Key is not "outputs" && lines.All(l => l is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                ? JsonValue.Create(string.Concat(lines.Select(l => l!.GetValue<string>())))
                : kv.Value is null ? null : NormalizeLines(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(x => x is null ? null : NormalizeLines(x)).ToArray()),
        _ => node.DeepClone(),
    };

    [GeneratedRegex(@"^application/(?:[A-Za-z0-9.+-]+\+)?json$")]
    private static partial Regex JsonMimeRegex();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex GuidRegex();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?")]
    private static partial Regex TimestampRegex();

    // Ids that formatters generate per run, e.g. the DataFrame's id="table_639313778627511113".
    [GeneratedRegex(@"(?<prefix>\bid=\\?[""'][A-Za-z_-]*?)[0-9a-fA-F]{12,}")]
    private static partial Regex HexIdRegex();

    // Names the DataFrame formatter derives from a tick count anywhere in its HTML and script,
    // e.g. page_639313778627511113 for tables longer than one page.
    [GeneratedRegex(@"(?<prefix>\b(?:table|page)_)\d{12,}")]
    private static partial Regex GeneratedNameRegex();

    [GeneratedRegex(@"\b\d+(?:\.\d+)?\s?(?:ms|s)\b elapsed")]
    private static partial Regex ElapsedRegex();
}
