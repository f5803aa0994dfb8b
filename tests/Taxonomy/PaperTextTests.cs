using NotebookAnalysis.Transcription;
using NotebookAnalysis.Taxonomy;

namespace NotebookAnalysis.Tests.Taxonomy;

/// <summary>Trace resolution on small synthetic documents.</summary>
public sealed class PaperTextTests
{
    private const string Doc =
        "# Title\n\n" +
        "#### 4. Results\n\n" +
        "##### 4.1. First\n\n" +
        "Alpha beta gamma. The cat sat on the\n\n" +
        "mat near the door. Cats are not a cat.\n\n" +
        "**Table 9.** Caption\n\n" +
        "<i>Left</i>\t<i>Right</i>\n" +
        "Rows one\tRed apple\n" +
        "broken\tgreen\n" +
        "Row two\tBlue\n\n" +
        "Source: made up.\n\n" +
        "Second paragraph mentions the mat.\n\n" +
        "#### **4.2. Second**\n\n" +
        "The cat again.\n\n" +
        "**Table 8.** Grid\n\n" +
        "Characteristics\tEarly\tLate\n" +
        "Functions\tOne thing Another thing\tLast thing\n";

    private static PaperText Paper => PaperText.Parse(Doc, "doc.md");

    [Fact]
    public void A_page_break_inside_a_sentence_does_not_split_the_paragraph()
    {
        var p = Paper.Resolve(new Trace("4.1", "sat on the mat"));
        Assert.Equal(7, p.FirstLine);
        Assert.Equal(9, p.LastLine);
        Assert.Equal("The cat sat on the mat near the door.", p.Sentence);
    }

    [Fact]
    public void Matches_respect_word_boundaries_and_case()
    {
        Assert.Single(Paper.FindAll(new Trace("4.1", "a cat")));       // not inside "a cat" of "Cats"
        Assert.Empty(Paper.FindAll(new Trace("4.1", "alpha beta")));   // case-sensitive
        Assert.Equal(2, Paper.FindAll(new Trace("4.1", "cat")).Count); // "cat" twice, "Cats" excluded
    }

    [Fact]
    public void Sections_exclude_their_tables_and_other_sections()
    {
        Assert.Empty(Paper.FindAll(new Trace("4.1", "Red apple")));
        Assert.Single(Paper.FindAll(new Trace("4.2", "cat")));
        Assert.Equal(2, Paper.FindAll(new Trace("4.1", "mat")).Count);
    }

    [Fact]
    public void Ambiguous_and_missing_traces_throw_with_the_lines()
    {
        var amb = Assert.Throws<TraceException>(() => Paper.Resolve(new Trace("4.1", "mat")));
        Assert.Equal(2, amb.Matches);
        Assert.Contains("line 9", amb.Message);
        Assert.Contains("line 20", amb.Message);
        var none = Assert.Throws<TraceException>(() => Paper.Resolve(new Trace("4.1", "dog")));
        Assert.Equal(0, none.Matches);
        var scope = Assert.Throws<TraceException>(() => Paper.Resolve(new Trace("4.9", "cat")));
        Assert.Contains("no section '4.9'", scope.Message);
    }

    [Fact]
    public void A_column_entry_may_join_cells_the_transcription_broke()
    {
        var p = Paper.Resolve(new Trace("Table 9", "Rows one broken", Column: "Left"));
        Assert.Equal(["Rows one", "broken"], p.Fragments);
        Assert.Equal("lines 14-15", p.Lines);
        var whole = Paper.Resolve(new Trace("Table 9", "Row two", Column: "Left"));
        Assert.Single(whole.Fragments);
        Assert.Empty(Paper.FindAll(new Trace("Table 9", "Rows one", Column: "Right")));
    }

    [Fact]
    public void A_cell_entry_is_found_inside_its_cell_only()
    {
        var p = Paper.Resolve(new Trace("Table 8", "Another thing", Row: "Functions", Column: "Early"));
        Assert.Equal("One thing Another thing", p.Sentence);
        Assert.Empty(Paper.FindAll(new Trace("Table 8", "Last thing", Row: "Functions", Column: "Early")));
        Assert.Throws<TraceException>(() => Paper.Resolve(new Trace("Table 8", "thing", Row: "Nope", Column: "Early")));
    }

    [Fact]
    public void The_source_line_belongs_to_the_table_not_the_prose()
    {
        Assert.Empty(Paper.FindAll(new Trace("4.1", "made up")));
        Assert.Equal(1, Paper.CountMentions("Second paragraph", "4.1"));
    }
}
