using NotebookAnalysis.Transcription;
using System.Collections.Concurrent;
using NotebookAnalysis.Data;

namespace NotebookAnalysis.Taxonomy;

/// <summary>Where the taxonomy's data live.</summary>
public static class TaxonomyPaths
{
    /// <summary><c>seeds/taxonomy/</c>.</summary>
    public static string Folder => Path.Combine(ProjectPaths.Seeds, "taxonomy");

    /// <summary><c>seeds/taxonomy/iso/</c>: the ISO 3166 reference lists.</summary>
    public static string Iso => Path.Combine(Folder, "iso");

    /// <summary>The data files, in load order.</summary>
    public static IReadOnlyList<string> Files { get; } =
    [
        "institution-types.json", "table7-practices.json", "table5-advantages.json", "table6-facilitator.json",
        "roles.json", "gaps.json", "places.json",
    ];

    /// <summary>
    /// The students' own practices (<c>student-practices.json</c>, empty as shipped): validated by the same rules as
    /// Table 7's, but never counted as Table 7. Optional: a folder without it has no student practices.
    /// </summary>
    public const string StudentFile = "student-practices.json";
}

/// <summary>
/// The paper's qualitative half as validated data: Table 7's practices by institution type and place,
/// Table 5's advantages, Table 6's facilitator matrix, the organisational roles of section 4.1, and the
/// practices and places section 4 describes but Table 7 omits. Every entry carries a <see cref="Trace"/>
/// that resolves to exactly one place of the paper, read at run time. Immutable.
/// </summary>
/// <remarks>
/// Load with <see cref="LoadBundled"/> or <see cref="Load"/>. Any bad entry stops the load with a
/// <see cref="TaxonomyException"/> naming the file and the entry: an unknown institution type, a country
/// that is not ISO 3166-1 alpha-2, a duplicate, a trace that matches no place or several, or data that
/// disagree with the paper (a practice under the wrong Table 7 heading, a country missing from its row,
/// a Table 5 cell whose repair does not match the transcription, a Table 6 cell the items do not rebuild).
/// </remarks>
public sealed partial class PracticeTaxonomy
{
    /// <summary>The document key of the paper in <see cref="Trace.Document"/>.</summary>
    public const string PaperDocument = "paper.md";

    private readonly TaxonomyParts _parts;
    private readonly ConcurrentDictionary<Trace, Passage> _passages = new(); // resolved once; safe to share across threads

    private PracticeTaxonomy(TaxonomyParts parts)
    {
        _parts = parts;
        new TaxonomyValidator(this).Run();
    }

    /// <summary>The paper (<c>seeds/paper.md</c>), split into sections and tables.</summary>
    public PaperText Paper => _parts.Paper;

    /// <summary>The ISO 3166 lists used to validate countries.</summary>
    public Iso3166 Iso => _parts.Iso;

    /// <summary>The four institution types, in Table 7's order.</summary>
    public IReadOnlyList<InstitutionTypeInfo> InstitutionTypes => _parts.Types;

    /// <summary>Table 7's practices, in the table's order: the paper's 22, never a student's.</summary>
    public IReadOnlyList<Practice> Practices => _parts.Practices;

    /// <summary>
    /// The students' practices: <see cref="TaxonomyPaths.StudentFile"/> plus any added with <see cref="WithPractice"/>.
    /// Validated like Table 7's; counted only where an analysis is asked to include them.
    /// </summary>
    public IReadOnlyList<Practice> StudentPractices => _parts.StudentPractices;

    /// <summary>Table 7's practices followed by the students'.</summary>
    public IReadOnlyList<Practice> PracticesWithStudents => [.. Practices, .. StudentPractices];

    /// <summary>Table 5's cells.</summary>
    public IReadOnlyList<Advantage> Advantages => _parts.Advantages;

    /// <summary>Table 6's stages with their column headers, in life-cycle order.</summary>
    public IReadOnlyList<(LifecycleStage Stage, string Column)> Stages => _parts.Stages;

    /// <summary>Table 6's items.</summary>
    public IReadOnlyList<FacilitatorEntry> FacilitatorEntries => _parts.Facilitator;

    /// <summary>The recorded repairs of Table 6's cells.</summary>
    public IReadOnlyList<CellRepair> FacilitatorRepairs => _parts.CellRepairs;

    /// <summary>The organisational roles and sub-roles of section 4.1.</summary>
    public IReadOnlyList<Role> Roles => _parts.Roles;

    /// <summary>Practices, cases and places of section 4 that Table 7 omits.</summary>
    public IReadOnlyList<Gap> Gaps => _parts.Gaps;

    /// <summary>The places section 4 names (the gazetteer behind the place cross-checks).</summary>
    public IReadOnlyList<Place> Places => _parts.Places;

    /// <summary>Loads <c>seeds/taxonomy/</c> and <c>seeds/paper.md</c> from the repository.</summary>
    public static PracticeTaxonomy LoadBundled() => Load(TaxonomyPaths.Folder, ProjectPaths.Paper);

    /// <summary>
    /// Loads and validates the taxonomy in <paramref name="folder"/> against the paper at <paramref name="paperPath"/>.
    /// The ISO lists are read from <paramref name="folder"/>/iso, or from the bundled ones when that folder is absent.
    /// </summary>
    public static PracticeTaxonomy Load(string folder, string paperPath) => new(TaxonomyReader.Read(folder, paperPath));

    /// <summary>
    /// A new taxonomy with <paramref name="practice"/> appended to the students' practices, validated by the same
    /// rules as Table 7's (its trace may name another document under <c>seeds/</c>, e.g. a student's notes on another
    /// paper). Table 7 is unchanged; <see cref="PracticesWithStudents"/> includes the new practice.
    /// </summary>
    public PracticeTaxonomy WithPractice(Practice practice, string origin = "(added practice)")
    {
        if (_parts.Origin.TryGetValue(practice.Id, out var first))
            throw new TaxonomyException(TaxonomyErrorKind.Duplicate, origin, practice.Id, null, $"id '{practice.Id}' is already used in {first.File}.");
        return new(_parts with
        {
            Origin = new(_parts.Origin) { [practice.Id] = (origin, null) },
            StudentPractices = [.. StudentPractices, practice],
        });
    }

    /// <summary>The place <paramref name="trace"/> names, read from its document (cached).</summary>
    public Passage Resolve(Trace trace) => _passages.GetOrAdd(trace, t => Document(t.Document).Resolve(t));

    /// <summary>The document a trace names: the paper, or a file under <c>seeds/</c>.</summary>
    public PaperText Document(string? document)
    {
        var key = document ?? PaperDocument;
        if (_parts.Documents.TryGetValue(key, out var d)) return d;
        var path = Path.GetFullPath(Path.Combine(_parts.Seeds, key));
        if (!path.StartsWith(Path.GetFullPath(_parts.Seeds), StringComparison.Ordinal))
            throw new KeyNotFoundException($"document '{key}' lies outside seeds/.");
        if (!File.Exists(path))
            throw new KeyNotFoundException($"document '{key}' does not exist under {_parts.Seeds}.");
        return _parts.Documents.GetOrAdd(key, _ => PaperText.Load(path));
    }

    /// <summary>The file and line an entry was read from.</summary>
    public (string File, int? Line) Origin(string id) =>
        _parts.Origin.TryGetValue(id, out var o) ? o : ("(unknown)", null);

    /// <summary>The practice with <paramref name="id"/>: Table 7's, or a student's.</summary>
    public Practice Practice(string id) =>
        PracticesWithStudents.FirstOrDefault(p => p.Id == id) ?? throw new KeyNotFoundException($"No Table 7 or student practice '{id}'.");

    /// <summary>The info of institution type <paramref name="type"/>.</summary>
    public InstitutionTypeInfo TypeInfo(InstitutionType type) => InstitutionTypes.First(t => t.Type == type);

    internal TaxonomyException Error(TaxonomyErrorKind kind, string id, string reason)
    {
        var (file, line) = Origin(id);
        return new TaxonomyException(kind, file, id, line, reason);
    }
}

/// <summary>The pieces read from the files, before validation. The document cache is shared by the taxonomies built from it.</summary>
internal sealed record TaxonomyParts
{
    public required PaperText Paper { get; init; }
    public required Iso3166 Iso { get; init; }
    public required string Seeds { get; init; }
    public required ConcurrentDictionary<string, PaperText> Documents { get; init; }
    public required Dictionary<string, (string File, int? Line)> Origin { get; init; }
    public required IReadOnlyList<InstitutionTypeInfo> Types { get; init; }
    public required IReadOnlyList<Practice> Practices { get; init; }
    public required IReadOnlyList<Practice> StudentPractices { get; init; }
    public required IReadOnlyList<Advantage> Advantages { get; init; }
    public required IReadOnlyList<(LifecycleStage Stage, string Column)> Stages { get; init; }
    public required IReadOnlyList<FacilitatorEntry> Facilitator { get; init; }
    public required IReadOnlyList<CellRepair> CellRepairs { get; init; }
    public required IReadOnlyList<Role> Roles { get; init; }
    public required IReadOnlyList<Gap> Gaps { get; init; }
    public required IReadOnlyList<Place> Places { get; init; }
}
