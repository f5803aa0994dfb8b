namespace NotebookAnalysis.Transcription;

/// <summary>
/// Where an entry comes from in a source document: a scope (a section such as <c>4.1</c>, or a table such as
/// <c>Table 7</c>) and a short locating phrase of a few words. For table cells, <see cref="Row"/> and
/// <see cref="Column"/> name the row label and the column header. A trace is valid when it resolves to
/// exactly one place (see <see cref="PaperText.Resolve"/>).
/// </summary>
/// <param name="Section">Scope id: <c>Abstract</c>, <c>1</c>…<c>5</c>, <c>4.1</c>, <c>4.2</c>, <c>References</c>, or <c>Table N</c>.</param>
/// <param name="Locator">The locating phrase, quoted exactly (whitespace is normalised).</param>
/// <param name="Row">For a table cell: the text of the row's first cell.</param>
/// <param name="Column">For a table cell or a column: the column header.</param>
/// <param name="Document">Source file relative to <c>seeds/</c>; null means the paper (<c>paper.md</c>).</param>
public sealed record Trace(string Section, string Locator, string? Row = null, string? Column = null, string? Document = null)
{
    /// <summary>Short form for tables and messages: <c>4.1 "locator"</c>.</summary>
    public override string ToString()
    {
        var where = Section;
        if (Row is not null) where += $" [{Row}]";
        if (Column is not null) where += $" [{Column}]";
        if (Document is not null) where = $"{Document} {where}";
        return $"{where} \"{Locator}\"";
    }
}

/// <summary>The place a <see cref="Trace"/> resolves to, read from the document at run time.</summary>
/// <param name="Trace">The trace that was resolved.</param>
/// <param name="FirstLine">1-based line of the document where the match starts.</param>
/// <param name="LastLine">1-based line where it ends (greater than <paramref name="FirstLine"/> for cells broken across lines).</param>
/// <param name="Sentence">The sentence (prose) or the cell (tables) holding the match.</param>
/// <param name="Context">The paragraph (prose) or the whole row (tables) holding the match.</param>
/// <param name="Fragments">For a table column match: the cells joined to form the match, top to bottom.</param>
public sealed record Passage(
    Trace Trace,
    int FirstLine,
    int LastLine,
    string Sentence,
    string Context,
    IReadOnlyList<string> Fragments)
{
    /// <summary><c>line 291</c> or <c>lines 158-159</c>.</summary>
    public string Lines => FirstLine == LastLine ? $"line {FirstLine}" : $"lines {FirstLine}-{LastLine}";
}
