using System.Text;

namespace NotebookAnalysis.Teaching;

/// <summary>
/// Sentences for a notebook's reader, shown as Markdown (<c>text/markdown</c>). A <c>text/plain</c> output is one
/// unwrapped line per line of text, which a stock VS Code cuts at the output area's edge (about 125 characters);
/// Markdown is wrapped to the area by VS Code, JupyterLab, GitHub and nbconvert alike.
/// </summary>
/// <param name="Markdown">The Markdown source.</param>
public sealed record Prose(string Markdown)
{
    /// <summary>The output's mime type.</summary>
    public const string MimeType = "text/markdown";

    /// <summary>The Markdown source.</summary>
    public override string ToString() => Markdown;

    /// <summary>
    /// Plain text as Markdown that reads the same: every character Markdown would interpret is escaped, and each line
    /// of <paramref name="text"/> becomes its own paragraph (Markdown would join them).
    /// </summary>
    public static Prose Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var markdown = new StringBuilder();
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (markdown.Length > 0) markdown.Append("\n\n");
            foreach (char c in line)
            {
                if (MarkdownPunctuation.Contains(c)) markdown.Append('\\');
                markdown.Append(c);
            }
        }
        return new(markdown.ToString());
    }

    /// <summary>Plain text lines as a bulleted list, each item escaped as in <see cref="Text"/>.</summary>
    public static Prose List(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new(string.Join("\n", items.Select(item => "- " + Text(item.Replace('\n', ' ')).Markdown)));
    }

    // ASCII punctuation that can start or end Markdown syntax (CommonMark lets any ASCII punctuation be escaped).
    private const string MarkdownPunctuation = "\\`*_{}[]<>()#+-.!|~";
}
