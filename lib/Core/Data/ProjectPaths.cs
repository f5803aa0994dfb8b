namespace NotebookAnalysis.Data;

/// <summary>Locates the repository's folders from wherever the code runs (notebook, script or test).</summary>
public static class ProjectPaths
{
    private static readonly Lazy<string> _root = new(FindRoot);

    /// <summary>The repository root: the nearest ancestor holding <c>NotebookAnalysis.sln</c>.</summary>
    public static string Root => _root.Value;

    /// <summary>
    /// A path as reports name it: relative to the repository when inside it or in the <c>../shared</c> folder beside
    /// it, so a report does not depend on where the clone lives; else a relative path as given, and an absolute one
    /// by its file name alone, so a report that is shared carries no folder of the machine it ran on.
    /// </summary>
    public static string Display(string path)
    {
        var rel = Path.GetRelativePath(Root, Path.GetFullPath(path)).Replace('\\', '/');
        bool outside = Path.IsPathRooted(rel) || rel == ".." || rel.StartsWith("../", StringComparison.Ordinal);
        return !outside || rel.StartsWith("../shared/", StringComparison.Ordinal) ? rel
            : Path.IsPathRooted(path) ? Path.GetFileName(path) : path.Replace('\\', '/');
    }

    /// <summary><c>seeds/</c>.</summary>
    public static string Seeds => Path.Combine(Root, "seeds");

    /// <summary>The bundled Table 1 data.</summary>
    public static string BundledTable1 => Path.Combine(Seeds, "data", "table1.csv");

    /// <summary>The bundled market description, <c>seeds/data/markets.csv</c>: the paper's three markets.</summary>
    public static string BundledMarkets => Path.Combine(Seeds, "data", "markets.csv");

    /// <summary>The codebook that records the bundled data's SHA-256.</summary>
    public static string Codebook => Path.Combine(Seeds, "data", "codebook.md");

    /// <summary>The transcription of the paper.</summary>
    public static string Paper => Path.Combine(Seeds, "paper.md");

    /// <summary><c>seeds/published/</c>: Tables 2-4 as printed.</summary>
    public static string Published => Path.Combine(Seeds, "published");

    /// <summary><c>results/</c>, the default output folder.</summary>
    public static string Results => Path.Combine(Root, "results");

    /// <summary><c>../shared/data/strd</c> beside the repository, where the NIST StRD files live if present.</summary>
    public static string SharedStrd => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "strd"));

    /// <summary>
    /// <c>../shared/data/wef-gci-russia/extract.csv</c> beside the repository: the WEF GCI extract for Russia, if present.
    /// It is not copied into the project.
    /// </summary>
    public static string SharedWefExtract => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "wef-gci-russia", "extract.csv"));

    private static string FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "NotebookAnalysis.sln")))
                    return dir.FullName;
        }
        throw new DirectoryNotFoundException(
            $"Cannot find the repository root (a folder holding NotebookAnalysis.sln) above '{Environment.CurrentDirectory}' or '{AppContext.BaseDirectory}'.");
    }
}
