using NotebookAnalysis.Transcription;
using NotebookAnalysis.Teaching;
using NotebookAnalysis.Data;
using NotebookAnalysis.Taxonomy;

namespace NotebookAnalysis.Tests.Taxonomy;

/// <summary>Practices taken from another paper: traced to a document of their own under the seeds folder.</summary>
public sealed class TaxonomyExtensionTests
{
    private static Practice FromOtherPaper(string locator, string document) => new(
        "X-1", InstitutionType.Framework, "A practice from another paper", new Trace("2", locator, Document: document),
        "A body.", null, null,
        [new PracticeLocation("IT", "Italy", "Emilia-Romagna", "IT-45", "exact", NotebookAnalysis.Taxonomy.Support.Inferred,
            [new Trace("2", locator, Document: document)], "Described in the student's notes.")]);

    [Fact]
    public void A_practice_traced_to_another_document_resolves_there()
    {
        using var copy = new TaxonomyCopy();
        var seeds = Path.Combine(copy.Folder, "seeds");
        Directory.CreateDirectory(Path.Combine(seeds, "notes"));
        File.Copy(ProjectPaths.Paper, Path.Combine(seeds, "paper.md"));
        File.WriteAllText(Path.Combine(seeds, "notes", "other.md"),
            "## 1. Introduction\n\nNothing here.\n\n## 2. Cases\n\nThe regional agency convened a district council of firms.\n");
        var taxonomy = PracticeTaxonomy.Load(copy.Folder, Path.Combine(seeds, "paper.md"));

        var extended = taxonomy.WithPractice(FromOtherPaper("district council of firms", "notes/other.md"));
        var p = extended.Resolve(extended.Practice("X-1").Trace);
        Assert.Equal(7, p.FirstLine);
        Assert.Equal("The regional agency convened a district council of firms.", p.Sentence);
        Assert.Equal(1, (int)extended.CrossTab(includeStudents: true)["IT"][1]!);

        var missing = Assert.Throws<TaxonomyException>(() => taxonomy.WithPractice(FromOtherPaper("district council of firms", "notes/none.md")));
        Assert.Equal(TaxonomyErrorKind.TraceNotFound, missing.Kind);
        Assert.Contains("notes/none.md", missing.Message);

        var outside = Assert.Throws<TaxonomyException>(() => taxonomy.WithPractice(FromOtherPaper("x", "../outside.md")));
        Assert.Contains("outside seeds/", outside.Message);
    }

    [Fact]
    public void A_missing_data_file_is_named()
    {
        using var copy = new TaxonomyCopy();
        File.Delete(copy.PathOf("roles.json"));
        var e = Assert.Throws<TaxonomyException>(copy.Load);
        Assert.Equal(TaxonomyErrorKind.Schema, e.Kind);
        Assert.EndsWith("roles.json", e.File);
        Assert.Contains("cannot read the file", e.Message);
    }

    [Fact]
    public void Invalid_json_is_named_with_its_line()
    {
        using var copy = new TaxonomyCopy().Replace("gaps.json", "\"id\": \"G10\",", "\"id\": \"G10\",,");
        var e = Assert.Throws<TaxonomyException>(copy.Load);
        Assert.Equal(TaxonomyErrorKind.Schema, e.Kind);
        Assert.True(e.Line > 0);
        Assert.Contains("not valid JSON", e.Message);
    }
}
