using System.Text;
using NotebookAnalysis.Data;
using NotebookAnalysis.Taxonomy;

namespace NotebookAnalysis.Tests.Taxonomy;

/// <summary>The bundled taxonomy, loaded once for the read-only tests.</summary>
public sealed class TaxonomyFixture
{
    public PracticeTaxonomy Taxonomy { get; } = PracticeTaxonomy.LoadBundled();

    /// <summary>The paper's raw lines, read here without the library (index 0 = line 1).</summary>
    public string[] PaperLines { get; } = File.ReadAllLines(ProjectPaths.Paper, Encoding.UTF8);
}

/// <summary>A throw-away copy of seeds/taxonomy/*.json that a test may edit before loading.</summary>
internal sealed class TaxonomyCopy : IDisposable
{
    public TaxonomyCopy()
    {
        Folder = Path.Combine(Path.GetTempPath(), "taxonomy-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        foreach (var f in TaxonomyPaths.Files.Append(TaxonomyPaths.StudentFile))
            File.Copy(Path.Combine(TaxonomyPaths.Folder, f), Path.Combine(Folder, f));
    }

    public string Folder { get; }

    public string PathOf(string file) => Path.Combine(Folder, file);

    /// <summary>Replaces the single occurrence of <paramref name="old"/> in <paramref name="file"/>.</summary>
    public TaxonomyCopy Replace(string file, string old, string replacement)
    {
        var path = PathOf(file);
        var text = File.ReadAllText(path);
        int first = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(first >= 0, $"test setup: '{old}' not found in {file}");
        Assert.True(text.IndexOf(old, first + 1, StringComparison.Ordinal) < 0, $"test setup: '{old}' occurs more than once in {file}");
        File.WriteAllText(path, text.Replace(old, replacement, StringComparison.Ordinal));
        return this;
    }

    public PracticeTaxonomy Load() => PracticeTaxonomy.Load(Folder, ProjectPaths.Paper);

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
