using NotebookAnalysis.Transcription;
using System.Globalization;
using System.Text;

namespace NotebookAnalysis.Taxonomy;

/// <summary>An entry of the taxonomy with its trace resolved in the paper.</summary>
/// <param name="Id">Entry id.</param>
/// <param name="Table">Which dataset: <c>Table 7</c>, <c>Table 7 evidence</c>, <c>Table 5</c>, <c>Table 6</c>, <c>roles</c>, <c>gaps</c>, <c>types</c>.</param>
/// <param name="Passage">The resolved place.</param>
public sealed record TracedEntry(string Id, string Table, Passage Passage);

/// <summary>A Table 7 location that section 4 supports only by inference, or not at all.</summary>
public sealed record LocationFinding(Practice Practice, PracticeLocation Location, IReadOnlyList<Passage> Evidence, IReadOnlyList<Paragraph> PlaceParagraphs);

/// <summary>A place named in section 4, how often, and whether Table 7 uses it.</summary>
public sealed record PlaceMention(Place Place, int Mentions, bool InTable7, IReadOnlyList<string> Practices);

/// <summary>How the cross-tabulation groups locations.</summary>
public enum CrossTabLevel
{
    /// <summary>One column per ISO 3166-1 country (or EU).</summary>
    Country,

    /// <summary>One column per printed region, or per country where Table 7 names no region.</summary>
    Region,
}

public sealed partial class PracticeTaxonomy
{
    /// <summary>
    /// The cross-tab of Table 7's practices as a plain count table: (institution, column key) → count, for charts.
    /// With <paramref name="includeStudents"/>, the students' practices are counted beside Table 7's.
    /// </summary>
    public IReadOnlyList<(InstitutionType Institution, string Key, int Count)> CrossTabCounts(CrossTabLevel level = CrossTabLevel.Country, bool includeStudents = false) =>
        (includeStudents ? PracticesWithStudents : Practices)
            .SelectMany(p => p.Locations.Select(l => (p.Id, p.Institution, Key: ColumnKey(l, level))))
            .Distinct()
            .GroupBy(c => (c.Institution, c.Key))
            .Select(g => (g.Key.Institution, g.Key.Key, g.Count()))
            .OrderBy(x => x.Institution).ThenBy(x => x.Key, StringComparer.Ordinal)
            .ToList();

    /// <summary>Practices per country (distinct practices), for the world map: ISO alpha-2, alpha-3, name, count.</summary>
    public IReadOnlyList<(string Alpha2, string? Alpha3, string Name, int Practices)> PracticesByCountry() =>
        Practices.SelectMany(p => p.Locations.Select(l => (p.Id, l.Country))).Distinct()
            .GroupBy(x => x.Country)
            .Select(g => (g.Key, Iso.Country(g.Key).Alpha3, Iso.Country(g.Key).Name, g.Count()))
            .OrderByDescending(x => x.Item4).ThenBy(x => x.Key, StringComparer.Ordinal)
            .ToList();

    private static string ColumnKey(PracticeLocation l, CrossTabLevel level) =>
        level == CrossTabLevel.Country || l.Region is null ? l.Country : $"{l.Country}: {l.Region}";

    /// <summary>Every entry's trace, resolved: the proof that each entry names one place of the paper.</summary>
    public IReadOnlyList<TracedEntry> AllTraces()
    {
        var list = new List<TracedEntry>();
        list.AddRange(InstitutionTypes.Select(x => new TracedEntry(Name(x.Type), "types", Resolve(x.Heading))));
        list.AddRange(Practices.Select(p => new TracedEntry(p.Id, "Table 7", Resolve(p.Trace))));
        list.AddRange(Practices.SelectMany(p => p.Locations.SelectMany(l => l.Evidence.Select(e =>
            new TracedEntry($"{p.Id}/{l.Country}{(l.Region is null ? "" : "/" + l.Region)}", "Table 7 evidence", Resolve(e))))));
        list.AddRange(Advantages.Select(a => new TracedEntry(a.Id, "Table 5", Resolve(a.Trace))));
        list.AddRange(FacilitatorEntries.Select(e => new TracedEntry(e.Id, "Table 6", Resolve(e.Trace))));
        list.AddRange(Roles.Select(r => new TracedEntry(r.Id, "roles", Resolve(r.Trace))));
        list.AddRange(Gaps.Select(g => new TracedEntry(g.Id, "gaps", Resolve(g.Trace))));
        return list;
    }

    /// <summary>The practices, cases and places section 4 describes that Table 7 omits, with their passages.</summary>
    public IReadOnlyList<(Gap Gap, Passage Passage)> OmittedFromTable7() =>
        Gaps.Select(g => (g, Resolve(g.Trace))).ToList();

    /// <summary>
    /// Table 7 locations that the text of section 4 does not support (<see cref="Support.Unsupported"/>), or supports
    /// only by inference when <paramref name="includeInferred"/>; with the reason, the evidence passages, and the
    /// section-4 paragraphs that do name the place (what the text says about it instead).
    /// </summary>
    public IReadOnlyList<LocationFinding> UnsupportedLocations(bool includeInferred = false)
    {
        var validator = new TaxonomyValidator(this);
        return Practices.SelectMany(p => p.Locations
                .Where(l => l.Support == Support.Unsupported || (includeInferred && l.Support == Support.Inferred))
                .Select(l => new LocationFinding(p, l, l.Evidence.Select(Resolve).ToList(),
                    Paper.ParagraphsMentioning(validator.PlaceForms(l), TaxonomyValidator.Section4))))
            .ToList();
    }

    /// <summary>
    /// Every place of the gazetteer: how often section 4 names it, and whether a Table 7 location uses it
    /// (a country through any location in it; a region through a location with that region, or the place it is part of).
    /// </summary>
    public IReadOnlyList<PlaceMention> PlaceMentions()
    {
        var list = new List<PlaceMention>();
        foreach (var place in Places)
        {
            int mentions = place.Forms.Sum(f => Paper.CountMentions(f, TaxonomyValidator.Section4));
            var target = place.PartOf is null ? place : Places.First(x => x.Name == place.PartOf);
            var practices = Practices.Where(p => p.Locations.Any(l => l.Country == target.Country &&
                (target.Subdivision is null || l.Region == target.Name))).Select(p => p.Id).ToList();
            list.Add(new PlaceMention(place, mentions, practices.Count > 0, practices));
        }
        return list;
    }

    /// <summary>Borderline practices counted by (placed as, could be).</summary>
    public IReadOnlyList<(InstitutionType PlacedAs, InstitutionType CouldBe, int Count)> BorderlinePairs() =>
        Practices.Where(p => p.Borderline is not null)
            .GroupBy(p => (p.Institution, p.Borderline!.Other))
            .Select(g => (g.Key.Institution, g.Key.Other, g.Count()))
            .OrderBy(x => x.Institution).ThenBy(x => x.Other).ToList();

    /// <summary>Counts of everything loaded and traced, as text.</summary>
    public string Summary()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Table 7: {Practices.Count} practices, {Practices.Sum(p => p.Locations.Count)} locations in {Practices.SelectMany(p => p.Locations).Select(l => l.Country).Distinct().Count()} countries");
        foreach (var type in Enum.GetValues<InstitutionType>())
            sb.AppendLine(inv, $"  {TypeInfo(type).Name}: {Practices.Count(p => p.Institution == type)}");
        foreach (var s in Enum.GetValues<Support>())
            sb.AppendLine(inv, $"  locations {Name(s)}: {Practices.Sum(p => p.Locations.Count(l => l.Support == s))}");
        sb.AppendLine(inv, $"Table 5: {Advantages.Count} advantages ({string.Join(", ", Enum.GetValues<AdvantageKind>().Select(k => $"{Advantages.Count(a => a.Kind == k)} {Name(k)}"))}), {Advantages.Count(a => a.RepairFragments is not null)} repaired");
        sb.AppendLine(inv, $"Table 6: {FacilitatorEntries.Count} items ({FacilitatorEntries.Count(e => e.Characteristic == FacilitatorCharacteristic.Functions)} functions, {FacilitatorEntries.Count(e => e.Characteristic == FacilitatorCharacteristic.Expertise)} expertise) in {FacilitatorRepairs.Count} repaired cells");
        sb.AppendLine(inv, $"Roles: {Roles.Count(r => r.Parent is null)} roles, {Roles.Count(r => r.Parent is not null)} sub-roles");
        sb.AppendLine(inv, $"Gaps: {Gaps.Count} ({string.Join(", ", Enum.GetValues<GapKind>().Select(k => $"{Gaps.Count(g => g.Kind == k)} {Name(k)}"))}); places of section 4 missing from Table 7: {PlaceMentions().Count(m => !m.InTable7)}");
        sb.Append(inv, $"Traces resolved: {AllTraces().Count}");
        return sb.ToString();
    }

    /// <summary>The lower-case name used in the data files and frames.</summary>
    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
