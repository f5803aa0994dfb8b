using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace NotebookAnalysis.NotebookRunner;

/// <summary>
/// A reviewer's static view of an executed notebook: one self-contained HTML file that needs no network.
/// Markdown cells are rendered (Markdig), code is highlighted as C#, images (outputs, and a Markdown cell's attachments
/// and files beside the notebook) are embedded as <c>data:</c> URIs,
/// and an output that would load anything from the network (e.g. a chart fetching plotly.js from a CDN) is
/// replaced by a note. Of an output's mime types the first of image/png, image/svg+xml, text/html,
/// text/markdown, text/plain is shown, so a chart given as Plotly JSON plus PNG shows its PNG.
/// </summary>
public static partial class HtmlExport
{
    private static readonly string[] MimeOrder = ["image/png", "image/svg+xml", "text/html", "text/markdown", "text/plain"];
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1f2328;line-height:1.5}
        .cell{margin:1em 0}.prompt{color:#57606a;font:12px monospace;margin-bottom:2px}
        pre{background:#f6f8fa;padding:.7em 1em;overflow-x:auto;border-radius:6px;font:13px/1.45 ui-monospace,"DejaVu Sans Mono",monospace}
        pre.code{border-left:3px solid #0969da}.output{margin:.4em 0 .4em 1em;overflow-x:auto}
        pre.stderr{background:#fff1f0}pre.error{background:#ffebe9;color:#82071e}
        .output img{max-width:100%}.note{color:#57606a;font-style:italic}
        table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #d0d7de;padding:3px 8px;text-align:right}th{background:#f6f8fa}
        .k{color:#cf222e}.s{color:#0a3069}.c{color:#6e7781;font-style:italic}.n{color:#0550ae}.p{color:#8250df}
        """;

    /// <summary>The HTML document for <paramref name="notebook"/>.</summary>
    /// <param name="notebook">The executed notebook.</param>
    public static string Render(NotebookFile notebook)
    {
        var html = new StringBuilder();
        var title = System.IO.Path.GetFileNameWithoutExtension(notebook.Path);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(WebUtility.HtmlEncode(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        foreach (var cell in notebook.Cells)
        {
            html.Append("<div class=\"cell ").Append(cell.CellType).Append("\" id=\"cell-").Append(cell.Number).Append("\">\n");
            switch (cell.CellType)
            {
                case "markdown":
                    html.Append(MarkdownHtml(cell.Source, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(notebook.Path))!,
                        notebook.Root["cells"]![cell.Number - 1]!["attachments"] as JsonObject));
                    break;
                case "code":
                    html.Append("<div class=\"prompt\">In [").Append(cell.ExecutionCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? " ").Append("]:</div>\n")
                        .Append("<pre class=\"code\"><code class=\"language-csharp\">").Append(HighlightCSharp(cell.Source)).Append("</code></pre>\n");
                    foreach (var output in cell.Outputs ?? [])
                        if (output is JsonObject o) html.Append(OutputHtml(o));
                    break;
                default:
                    html.Append("<pre>").Append(WebUtility.HtmlEncode(cell.Source)).Append("</pre>\n");
                    break;
            }
            html.Append("</div>\n");
        }
        return html.Append("</body>\n</html>\n").ToString();
    }

    private static string OutputHtml(JsonObject output)
    {
        switch ((string?)output["output_type"])
        {
            case "stream":
                return $"<pre class=\"output {WebUtility.HtmlEncode((string?)output["name"] ?? "stdout")}\">{WebUtility.HtmlEncode(NotebookFile.JoinSource(output["text"]))}</pre>\n";
            case "error":
                var trace = output["traceback"] is JsonArray t && t.Count > 0 ? string.Join('\n', t.Select(l => (string?)l)) : $"{output["ename"]}: {output["evalue"]}";
                return $"<pre class=\"output error\">{WebUtility.HtmlEncode(AnsiRegex().Replace(trace, ""))}</pre>\n";
        }
        if (output["data"] is not JsonObject data) return "";
        var mime = MimeOrder.FirstOrDefault(data.ContainsKey);
        if (mime is null) return "";
        var value = NotebookFile.JoinSource(data[mime]);
        var body = mime switch
        {
            "image/png" => $"<img alt=\"figure\" src=\"data:image/png;base64,{value.Replace("\n", "")}\">",
            "image/svg+xml" => $"<img alt=\"figure\" src=\"data:image/svg+xml;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}\">",
            "text/html" => LoadsFromNetwork(value)
                ? "<p class=\"note\">[An interactive view was left out here: it loads code from the network. A static image of the same chart, where the notebook has one, follows.]</p>"
                : value,
            "text/markdown" => Markdig.Markdown.ToHtml(value, Markdown),
            _ => $"<pre>{WebUtility.HtmlEncode(value)}</pre>",
        };
        return $"<div class=\"output\">{body}</div>\n";
    }

    /// <summary>
    /// True when HTML would fetch something over the network: an element whose src/href/data is an http(s) or
    /// protocol-relative URL (anchors excepted: a link loads nothing until followed), a CSS <c>url(http…)</c> or
    /// <c>@import</c>, or a script that names an http(s) URL (e.g. require.js paths to a CDN).
    /// </summary>
    public static bool LoadsFromNetwork(string html) =>
        ExternalAttributeRegex().IsMatch(html) || CssUrlRegex().IsMatch(html)
        || ScriptRegex().Matches(html).Any(m => UrlRegex().IsMatch(m.Value));

    private static string MarkdownHtml(string source, string folder, JsonObject? attachments)
    {
        var document = Markdig.Markdown.Parse(source, Markdown);
        foreach (var link in document.Descendants<LinkInline>().Where(l => l.Url is { Length: > 0 } url && !UrlRegex().IsMatch(url) && !url.StartsWith('#')))
            // Links between notebooks point at their exported HTML beside this file; images are embedded.
            link.Url = link.IsImage ? EmbeddedImage(link.Url!, folder, attachments) ?? link.Url : NotebookLinkRegex().Replace(link.Url!, ".html${rest}");
        return Markdig.Markdown.ToHtml(document, Markdown);
    }

    /// <summary>A data: URI for a Markdown image: a cell attachment or a file relative to the notebook; null when neither.</summary>
    private static string? EmbeddedImage(string url, string folder, JsonObject? attachments)
    {
        if (url.StartsWith("attachment:", StringComparison.Ordinal))
            return attachments?[url["attachment:".Length..]] is JsonObject bundle && bundle.FirstOrDefault() is { Value: not null } entry
                ? $"data:{entry.Key};base64,{NotebookFile.JoinSource(entry.Value)}" : null;
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, Uri.UnescapeDataString(url)));
        var type = System.IO.Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".gif" => "image/gif",
            ".svg" => "image/svg+xml",
            _ => null,
        };
        return type is null || !File.Exists(path) ? null : $"data:{type};base64,{Convert.ToBase64String(File.ReadAllBytes(path))}";
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "async", "await", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false",
        "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "init", "int", "interface", "internal", "is",
        "lock", "long", "nameof", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private",
        "protected", "public", "readonly", "record", "ref", "return", "sbyte", "sealed", "short", "sizeof", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using",
        "var", "virtual", "void", "volatile", "when", "where", "while", "with", "yield", "and", "or", "not",
    };

    /// <summary>C# source as HTML with spans for keywords (k), strings (s), comments (c), numbers (n) and directives (p).</summary>
    public static string HighlightCSharp(string source)
    {
        var html = new StringBuilder(source.Length * 2);
        int pos = 0;
        foreach (Match m in CSharpTokenRegex().Matches(source))
        {
            html.Append(WebUtility.HtmlEncode(source[pos..m.Index]));
            string? css = m.Groups["c"].Success ? "c" : m.Groups["s"].Success ? "s" : m.Groups["p"].Success ? "p"
                : m.Groups["n"].Success ? "n" : Keywords.Contains(m.Value) ? "k" : null;
            var text = WebUtility.HtmlEncode(m.Value);
            html.Append(css is null ? text : $"<span class=\"{css}\">{text}</span>");
            pos = m.Index + m.Length;
        }
        return html.Append(WebUtility.HtmlEncode(source[pos..])).ToString();
    }

    [GeneratedRegex("""(?<c>//[^\n]*|/\*[\s\S]*?\*/)|(?<s>"{3}[\s\S]*?"{3}|\$?@"(?:[^"]|"")*"|\$?"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)')|(?<p>^[ \t]*#[a-z]+\b)|(?<n>\b\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?[fFdDmMuUlL]*\b)|(?<w>\b[A-Za-z_]\w*\b)""", RegexOptions.Multiline)]
    private static partial Regex CSharpTokenRegex();

    [GeneratedRegex("""<(?!a\b)[a-z][a-z0-9]*\b[^>]*?\b(?:src|href|data|poster|srcset)\s*=\s*["']?\s*(?:https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalAttributeRegex();

    [GeneratedRegex("""url\(\s*["']?\s*(?:https?:)?//|@import""", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrlRegex();

    [GeneratedRegex("""<script\b[\s\S]*?</script>""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptRegex();

    [GeneratedRegex("""^(?:https?:)?//|\bhttps?://""", RegexOptions.IgnoreCase)]
    private static partial Regex UrlRegex();

    [GeneratedRegex("""\.ipynb(?<rest>#.*)?$""")]
    private static partial Regex NotebookLinkRegex();

    [GeneratedRegex("""\x1b\[[0-9;]*m""")]
    private static partial Regex AnsiRegex();
}
