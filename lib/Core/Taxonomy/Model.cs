using NotebookAnalysis.Transcription;
namespace NotebookAnalysis.Taxonomy;

/// <summary>The four kinds of institution of Table 7, in the table's order.</summary>
public enum InstitutionType
{
    /// <summary>Operational roles and functions.</summary>
    Functional,

    /// <summary>Organisational bodies and networks.</summary>
    Framework,

    /// <summary>Rules, data, strategy and selection ("regulatory institutions of controlling and strategizing").</summary>
    Regulatory,

    /// <summary>Mindsets, identity and shared language.</summary>
    Mental,
}

/// <summary>How far the text of section 4 supports a Table 7 location.</summary>
public enum Support
{
    /// <summary>A passage names the place together with the practice.</summary>
    Supported,

    /// <summary>The place is linked to the practice only through a step the reader must add.</summary>
    Inferred,

    /// <summary>No passage links the place to the practice.</summary>
    Unsupported,
}

/// <summary>The three kinds of territorial advantage of Table 5.</summary>
public enum AdvantageKind
{
    /// <summary>Comparative advantages (costs, resources, location).</summary>
    Comparative,

    /// <summary>Competitive advantages (science, technology, skills).</summary>
    Competitive,

    /// <summary>Collaborative advantages (networks, partnerships, trust).</summary>
    Collaborative,
}

/// <summary>The cluster life-cycle stages of Table 6.</summary>
public enum LifecycleStage
{
    /// <summary>"Eventual" (emerging) cluster.</summary>
    Eventual,

    /// <summary>Growing cluster.</summary>
    Growing,

    /// <summary>Mature cluster.</summary>
    Mature,
}

/// <summary>The two rows of Table 6.</summary>
public enum FacilitatorCharacteristic
{
    /// <summary>What the facilitator does.</summary>
    Functions,

    /// <summary>What the facilitator must know ("scope of expertise").</summary>
    Expertise,
}

/// <summary>What a gap entry records.</summary>
public enum GapKind
{
    /// <summary>A practice section 4 describes that Table 7 does not list.</summary>
    Practice,

    /// <summary>A case (an example or counter-example) Table 7 does not use.</summary>
    Case,

    /// <summary>A place the text links to a Table 7 practice whose row omits it.</summary>
    Place,
}

/// <summary>One of the four institution types with its meaning and the Table 7 heading that introduces it.</summary>
public sealed record InstitutionTypeInfo(InstitutionType Type, int Order, string Name, Trace Heading, string Principle, string Meaning);

/// <summary>The argument for placing a practice under another type, and the argument against.</summary>
public sealed record Borderline(InstitutionType Other, string For, string Against);

/// <summary>A country or region where Table 7 locates a practice, with what the text says about it.</summary>
/// <param name="Country">ISO 3166-1 alpha-2 (or <c>EU</c>).</param>
/// <param name="PaperCountry">The country as Table 7 prints it (a locator inside the row).</param>
/// <param name="Region">The region as Table 7 prints it, or null.</param>
/// <param name="Subdivision">ISO 3166-2 code of the region (<c>exact</c>) or of the subdivision holding the city (<c>within</c>).</param>
/// <param name="SubdivisionRelation"><c>exact</c>, <c>within</c>, or null without a subdivision.</param>
/// <param name="Support">How far section 4 supports the location.</param>
/// <param name="Evidence">Passages of section 4 behind the judgement.</param>
/// <param name="Reason">The judgement, in this project's words.</param>
public sealed record PracticeLocation(
    string Country, string PaperCountry, string? Region, string? Subdivision, string? SubdivisionRelation,
    Support Support, IReadOnlyList<Trace> Evidence, string Reason)
{
    /// <summary>Region if any, else country, as printed.</summary>
    public string DisplayName => Region ?? PaperCountry;
}

/// <summary>A practice of Table 7.</summary>
public sealed record Practice(
    string Id, InstitutionType Institution, string Label, Trace Trace, string Rationale,
    Borderline? Borderline, string? Note, IReadOnlyList<PracticeLocation> Locations);

/// <summary>A cell of Table 5. <see cref="RepairFragments"/> lists the pieces of a cell the transcription broke across lines.</summary>
public sealed record Advantage(
    string Id, AdvantageKind Kind, string Item, string Column, IReadOnlyList<string>? RepairFragments, string? RepairReason,
    IReadOnlyList<string> RelatedPractices, string? Relation)
{
    /// <summary>The trace: the item in its column of Table 5.</summary>
    public Trace Trace => new("Table 5", Item, Column: Column);
}

/// <summary>One item of a Table 6 cell.</summary>
public sealed record FacilitatorEntry(
    string Id, FacilitatorCharacteristic Characteristic, LifecycleStage Stage, string Item, string Row, string Column, IReadOnlyList<string> Related)
{
    /// <summary>The trace: the item within its cell of Table 6.</summary>
    public Trace Trace => new("Table 6", Item, Row: Row, Column: Column);
}

/// <summary>The repair of one Table 6 cell (items run together on one line).</summary>
public sealed record CellRepair(FacilitatorCharacteristic Characteristic, LifecycleStage Stage, string Reason);

/// <summary>An organisational role of section 4.1, or a sub-role (<see cref="Parent"/> set).</summary>
public sealed record Role(string Id, int? Number, string? Parent, string Name, Trace Trace, string Summary, IReadOnlyList<string> Related);

/// <summary>A country, optionally narrowed to a subdivision.</summary>
public sealed record PlaceRef(string Country, string? Subdivision);

/// <summary>A practice, case or place that section 4 describes and Table 7 omits.</summary>
public sealed record Gap(string Id, GapKind Kind, string Label, Trace Trace, IReadOnlyList<PlaceRef> Places, IReadOnlyList<string> Nearest, string Note);

/// <summary>A place named in section 4, with the word forms the text uses for it.</summary>
public sealed record Place(string Name, string Country, string? Subdivision, IReadOnlyList<string> Forms, string? PartOf);
