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
    /// Plain text as Markdown that reads the same: every character that Markdown would read as inline syntax is
    /// escaped, and so is a line start that would open a block (a heading, list, quote or rule); each line of
    /// <paramref name="text"/> becomes its own paragraph (Markdown would join them).
    /// </summary>
    public static Prose Text(string text)
    {
        var markdown = new StringBuilder();
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (markdown.Length > 0) markdown.Append("\n\n");
            int digits = line.TakeWhile(char.IsAsciiDigit).Count();
            for (int i = 0; i < line.Length; i++)
            {
                bool blockStart = (i == 0 && "#+-=>".Contains(line[0])) || (i == digits && digits > 0 && line[i] is '.' or ')');
                if (Inline.Contains(line[i]) || blockStart) markdown.Append('\\');
                markdown.Append(line[i]);
            }
        }
        return new(markdown.ToString());
    }

    /// <summary>Plain text lines as a bulleted list, each item escaped as in <see cref="Text"/>.</summary>
    public static Prose List(IEnumerable<string> items) =>
        new(string.Join("\n", items.Select(item => "- " + Text(item.Replace('\n', ' ')).Markdown)));

    // ASCII punctuation that Markdown can read as inline syntax anywhere in a line (emphasis, code, links, HTML, tables,
    // strikethrough); CommonMark lets any ASCII punctuation be escaped with a backslash.
    private const string Inline = "\\`*_[]<>|~";
}
