using NotebookAnalysis.Data;
using System.Text.RegularExpressions;

namespace NotebookAnalysis.Transcription;

/// <summary>
/// A Markdown transcription (the paper, <c>seeds/paper.md</c>) split into scopes that traces can name:
/// numbered sections (prose only, tables excluded), the abstract, the references, and each table as a grid
/// of tab-separated cells. Resolves a <see cref="Trace"/> to the one place it names.
/// </summary>
/// <remarks>
/// Matching is ordinal and case-sensitive after collapsing whitespace and dropping Markdown emphasis and
/// HTML tags; a phrase that starts or ends with a letter or digit must start or end at a word boundary.
/// A section's prose is grouped into paragraphs; a page break in mid-sentence (a blank line after a line
/// without final punctuation, or before a lower-case line) does not end a paragraph.
/// </remarks>
public sealed partial class PaperText
{
    private readonly Dictionary<string, List<Paragraph>> _prose = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PaperTable> _tables = new(StringComparer.Ordinal);

    private PaperText(string source, string[] lines)
    {
        Source = source;
        Lines = lines;
        Build();
    }

    /// <summary>The file as given.</summary>
    public string Source { get; }

    /// <summary>The document's raw lines (index 0 is line 1).</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>Reads a transcription through the guarded reader (<see cref="Data.InputFile"/>).</summary>
    /// <exception cref="Data.DataFileException">Not a regular file, too large, unreadable, or not valid UTF-8 (with its line and column).</exception>
    public static PaperText Load(string path) => Parse(Data.InputFile.ReadText(path, "the paper's transcription"), path);

    /// <summary>The bundled paper, <c>seeds/paper.md</c>.</summary>
    public static PaperText LoadBundled() => Load(ProjectPaths.Paper);

    /// <summary>The whole document, lines joined with <c>\n</c> (CRLF normalised), for phrase searches.</summary>
    public string Text => string.Join('\n', Lines);

    /// <summary>Splits <paramref name="text"/> into scopes; <paramref name="source"/> names it in messages.</summary>
    public static PaperText Parse(string text, string source) =>
        new(source, text.Replace("\r\n", "\n").Split('\n'));

    /// <summary>The table with id <c>Table N</c>.</summary>
    public PaperTable Table(string id) =>
        _tables.TryGetValue(id, out var t) ? t : throw new KeyNotFoundException($"{Source} has no scope '{id}'. Tables: {string.Join(", ", _tables.Keys)}.");

    /// <summary>True when <paramref name="scope"/> is a table id.</summary>
    public bool IsTable(string scope) => _tables.ContainsKey(scope);

    /// <summary>The paragraphs of a section's prose, tables excluded.</summary>
    public IReadOnlyList<Paragraph> Paragraphs(string section) =>
        _prose.TryGetValue(section, out var p) ? p : throw new KeyNotFoundException($"{Source} has no section '{section}'. Sections: {string.Join(", ", _prose.Keys)}.");

    /// <summary>
    /// Every place <paramref name="trace"/> matches (zero, one or more). Throws <see cref="KeyNotFoundException"/>
    /// when the scope, row or column does not exist.
    /// </summary>
    public IReadOnlyList<Passage> FindAll(Trace trace)
    {
        var locator = Normalize(trace.Locator);
        if (locator.Length == 0)
            throw new ArgumentException("The locating phrase is empty.", nameof(trace));
        if (_tables.TryGetValue(trace.Section, out var table))
            return table.Find(trace, locator);
        if (trace.Row is not null || trace.Column is not null)
            throw new KeyNotFoundException($"scope '{trace.Section}' is a section, not a table: it has no rows or columns.");
        var found = new List<Passage>();
        foreach (var p in Paragraphs(trace.Section))
            foreach (int at in Occurrences(p.Text, locator))
                found.Add(new Passage(trace, p.LineAt(at), p.LineAt(at + locator.Length - 1),
                    SentenceAround(p.Text, at, locator.Length), p.Text, [locator]));
        return found;
    }

    /// <summary>
    /// The one place <paramref name="trace"/> names. Throws <see cref="TraceException"/> when it matches nothing,
    /// or more than one place (the message lists the lines).
    /// </summary>
    public Passage Resolve(Trace trace)
    {
        IReadOnlyList<Passage> found;
        try
        {
            found = FindAll(trace);
        }
        catch (KeyNotFoundException e)
        {
            throw new TraceException(0, e.Message);
        }
        return found.Count switch
        {
            1 => found[0],
            0 => throw new TraceException(0, $"the phrase \"{trace.Locator}\" does not occur in {ScopeName(trace)} of {Source}."),
            _ => throw new TraceException(found.Count,
                $"the phrase \"{trace.Locator}\" occurs {found.Count} times in {ScopeName(trace)} of {Source} ({string.Join(", ", found.Select(f => f.Lines))}); lengthen it so that it names one place."),
        };
    }

    /// <summary>Number of word-bounded occurrences of <paramref name="phrase"/> in the prose of <paramref name="sections"/>.</summary>
    public int CountMentions(string phrase, params string[] sections) =>
        sections.Sum(s => Paragraphs(s).Sum(p => Occurrences(p.Text, Normalize(phrase)).Count()));

    /// <summary>Paragraphs of <paramref name="sections"/> that mention any of <paramref name="phrases"/>.</summary>
    public IReadOnlyList<Paragraph> ParagraphsMentioning(IEnumerable<string> phrases, params string[] sections)
    {
        var normalized = phrases.Select(Normalize).Where(p => p.Length > 0).ToList();
        return sections.SelectMany(Paragraphs)
            .Where(p => normalized.Any(n => Occurrences(p.Text, n).Any()))
            .ToList();
    }

    /// <summary>True when <paramref name="text"/> holds a word-bounded occurrence of any of <paramref name="phrases"/>.</summary>
    public static bool Mentions(string text, IEnumerable<string> phrases) =>
        phrases.Select(Normalize).Any(n => n.Length > 0 && Occurrences(text, n).Any());

    private static string ScopeName(Trace t) =>
        $"scope '{t.Section}'" + (t.Row is null ? "" : $", row '{t.Row}'") + (t.Column is null ? "" : $", column '{t.Column}'");

    /// <summary>Collapses whitespace and drops HTML tags and Markdown emphasis markers.</summary>
    public static string Normalize(string s)
    {
        s = TagPattern().Replace(s, "");
        s = s.Replace("*", "");
        return WhitespacePattern().Replace(s, " ").Trim();
    }

    /// <summary>Start indices of word-bounded, ordinal occurrences of <paramref name="phrase"/> in <paramref name="text"/>.</summary>
    public static IEnumerable<int> Occurrences(string text, string phrase)
    {
        for (int at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            bool startOk = !char.IsLetterOrDigit(phrase[0]) || at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            int end = at + phrase.Length;
            bool endOk = !char.IsLetterOrDigit(phrase[^1]) || end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (startOk && endOk)
                yield return at;
        }
    }

    private static string SentenceAround(string text, int at, int length)
    {
        int start = at;
        while (start > 0 && !(start >= 2 && ".!?".Contains(text[start - 2]) && text[start - 1] == ' ' && char.IsUpper(text[start])))
            start--;
        int end = at + length;
        while (end < text.Length && !(".!?".Contains(text[end]) && (end + 1 == text.Length || (text[end + 1] == ' ' && end + 2 < text.Length && char.IsUpper(text[end + 2])))))
            end++;
        return text[start..Math.Min(text.Length, end + 1)].Trim();
    }

    // ---- scope construction ----

    private void Build()
    {
        // Prose before the first heading (title, authors) is scope "Front".
        var heads = new List<(int Index, string Id)> { (0, "Front") };
        for (int i = 0; i < Lines.Count; i++)
            if (SectionId(Lines[i]) is { } id)
                heads.Add((i, id));
        var tableLine = new bool[Lines.Count];
        for (int i = 0; i < Lines.Count; i++)
        {
            var m = CaptionPattern().Match(Lines[i]);
            if (!m.Success || tableLine[i]) continue;
            var id = $"Table {m.Groups[1].Value}";
            var table = PaperTable.Read(id, Lines, i, out int last);
            for (int k = i; k <= last; k++) tableLine[k] = true;
            if (_tables.ContainsKey(id))
                throw new FormatException($"{Source}: line {i + 1}: a second, separate '{id}'.");
            _tables[id] = table;
        }

        for (int h = 0; h < heads.Count; h++)
        {
            var (first, id) = heads[h];
            int last = (h + 1 < heads.Count ? heads[h + 1].Index : Lines.Count) - 1;
            if (!_prose.TryAdd(id, BuildParagraphs(first, last, tableLine)))
                throw new FormatException($"{Source}: line {first + 1}: section '{id}' appears twice.");
        }
    }

    private static string? SectionId(string line)
    {
        if (line.StartsWith("**Abstract:**", StringComparison.Ordinal)) return "Abstract";
        if (line.StartsWith("**References:**", StringComparison.Ordinal)) return "References";
        var m = HeadingPattern().Match(line);
        return m.Success ? m.Groups[1].Value : null;
    }

    private List<Paragraph> BuildParagraphs(int first, int last, bool[] tableLine)
    {
        var paragraphs = new List<Paragraph>();
        List<(int Line, string Text)>? open = null;
        bool afterBlank = false;
        for (int i = first; i <= last; i++)
        {
            var text = tableLine[i] ? "" : Normalize(Lines[i]);
            if (text.Length == 0 || text == "---")
            {
                afterBlank = true;
                continue;
            }
            // Each list item is a paragraph; a blank line ends one unless it is a page break (see Continues).
            if (open is null || text.StartsWith("- ", StringComparison.Ordinal) || (afterBlank && !Continues(open[^1].Text, text)))
            {
                if (open is not null) paragraphs.Add(new Paragraph(open));
                open = [];
            }
            open.Add((i + 1, text));
            afterBlank = false;
        }
        if (open is not null) paragraphs.Add(new Paragraph(open));
        return paragraphs;
    }

    // A blank line inside a sentence is a page break of the transcription, not a paragraph end.
    private static bool Continues(string previous, string next)
    {
        if (previous.StartsWith('#')) return false; // a heading is never continued
        char end = previous.TrimEnd('"', '”', ')', ' ')[^1];
        bool previousEnds = ".!?:;".Contains(end);
        bool nextIsItem = next.StartsWith("- ", StringComparison.Ordinal) || next.StartsWith('#');
        return !nextIsItem && (!previousEnds || char.IsLower(next[0]));
    }

    [GeneratedRegex(@"^#{2,6}\s*(?:\*\*)?(\d+(?:\.\d+)?)\.\s")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"^\*\*Table (\d+)\.\*\*")]
    internal static partial Regex CaptionPattern();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();
}

/// <summary>A paragraph of prose: its lines (1-based line, normalised text), joined with single spaces.</summary>
public sealed class Paragraph(IReadOnlyList<(int Line, string Text)> lines)
{
    /// <summary>The normalised text.</summary>
    public string Text { get; } = string.Join(' ', lines.Select(l => l.Text));

    /// <summary>1-based first line.</summary>
    public int FirstLine => lines[0].Line;

    /// <summary>1-based last line.</summary>
    public int LastLine => lines[^1].Line;

    /// <summary>The 1-based document line holding character <paramref name="index"/> of <see cref="Text"/>.</summary>
    public int LineAt(int index)
    {
        foreach (var (line, text) in lines)
        {
            if (index <= text.Length) return line; // within the line, or the space that joins it to the next
            index -= text.Length + 1;
        }
        return LastLine;
    }
}

/// <summary>A trace that does not name exactly one place. Internal: the taxonomy's validator turns it into a
/// <see cref="Taxonomy.TaxonomyException"/> that names the data file and the entry.</summary>
internal sealed class TraceException(int matches, string message) : Exception(message)
{
    /// <summary>How many places matched (0 when none, or when the scope does not exist).</summary>
    public int Matches { get; } = matches;
}
