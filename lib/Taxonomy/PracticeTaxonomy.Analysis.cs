using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

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
    /// <summary>Table 7: one row per practice (id, institution, label, countries, places, line, the row as printed).</summary>
    public DataFrame PracticesFrame()
    {
        var rows = Practices.Select(p => (p, pass: Resolve(p.Trace))).ToList();
        return new DataFrame(
            new StringDataFrameColumn("id", rows.Select(r => r.p.Id)),
            new StringDataFrameColumn("institution", rows.Select(r => Name(r.p.Institution))),
            new StringDataFrameColumn("label", rows.Select(r => r.p.Label)),
            new StringDataFrameColumn("countries", rows.Select(r => string.Join(";", r.p.Locations.Select(l => l.Country).Distinct()))),
            new StringDataFrameColumn("places", rows.Select(r => string.Join("; ", r.p.Locations.Select(l => l.DisplayName)))),
            new Int32DataFrameColumn("line", rows.Select(r => r.pass.FirstLine)),
            new StringDataFrameColumn("table7_row", rows.Select(r => r.pass.Context)));
    }

    /// <summary>Table 7 in long form: one row per practice × location, with ISO codes and the support judgement.</summary>
    public DataFrame LocationsFrame()
    {
        var rows = Practices.SelectMany(p => p.Locations.Select(l => (p, l))).ToList();
        return new DataFrame(
            new StringDataFrameColumn("practice", rows.Select(r => r.p.Id)),
            new StringDataFrameColumn("institution", rows.Select(r => Name(r.p.Institution))),
            new StringDataFrameColumn("country", rows.Select(r => r.l.Country)),
            new StringDataFrameColumn("country_name", rows.Select(r => Iso.Country(r.l.Country).Name)),
            new StringDataFrameColumn("region", rows.Select(r => r.l.Region ?? "")),
            new StringDataFrameColumn("subdivision", rows.Select(r => r.l.Subdivision ?? "")),
            new StringDataFrameColumn("relation", rows.Select(r => r.l.SubdivisionRelation ?? "")),
            new StringDataFrameColumn("support", rows.Select(r => Name(r.l.Support))));
    }

    /// <summary>
    /// Institution type × country (or region): the number of Table 7 practices of each type located there.
    /// Columns are ordered by total (descending), then by code; the last column is the row total of practices.
    /// </summary>
    public DataFrame CrossTab(CrossTabLevel level = CrossTabLevel.Country)
    {
        var cells = Practices
            .SelectMany(p => p.Locations.Select(l => (p.Id, p.Institution, Key: ColumnKey(l, level))))
            .Distinct()
            .ToList();
        var keys = cells.GroupBy(c => c.Key)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).ToList();
        var types = Enum.GetValues<InstitutionType>();
        var frame = new DataFrame(new StringDataFrameColumn("institution", types.Select(Name)));
        foreach (var key in keys)
            frame.Columns.Add(new Int32DataFrameColumn(key, types.Select(ty => cells.Count(c => c.Institution == ty && c.Key == key))));
        frame.Columns.Add(new Int32DataFrameColumn("practices", types.Select(ty => Practices.Count(p => p.Institution == ty))));
        return frame;
    }

    /// <summary>The cross-tab as a plain count table: (institution, column key) → count, for charts.</summary>
    public IReadOnlyList<(InstitutionType Institution, string Key, int Count)> CrossTabCounts(CrossTabLevel level = CrossTabLevel.Country) =>
        Practices
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

    private string ColumnKey(PracticeLocation l, CrossTabLevel level) =>
        level == CrossTabLevel.Country || l.Region is null ? l.Country : $"{l.Country}: {l.Region}";

    /// <summary>Table 5: one row per cell, with the repair (if any) and the related Table 7 practices.</summary>
    public DataFrame AdvantagesFrame()
    {
        var rows = Advantages.Select(a => (a, pass: Resolve(a.Trace))).ToList();
        return new DataFrame(
            new StringDataFrameColumn("id", rows.Select(r => r.a.Id)),
            new StringDataFrameColumn("kind", rows.Select(r => Name(r.a.Kind))),
            new StringDataFrameColumn("item", rows.Select(r => r.a.Item)),
            new StringDataFrameColumn("lines", rows.Select(r => r.pass.Lines)),
            new BooleanDataFrameColumn("repaired", rows.Select(r => r.a.RepairFragments is not null)),
            new StringDataFrameColumn("as_transcribed", rows.Select(r => string.Join(" | ", r.pass.Fragments))),
            new StringDataFrameColumn("related_practices", rows.Select(r => string.Join(";", r.a.RelatedPractices))));
    }

    /// <summary>Table 5's repairs: the cells the transcription broke across lines, joined, and why.</summary>
    public DataFrame RepairsFrame()
    {
        var rows = Advantages.Where(a => a.RepairFragments is not null).Select(a => (a, pass: Resolve(a.Trace))).ToList();
        return new DataFrame(
            new StringDataFrameColumn("id", rows.Select(r => r.a.Id)),
            new StringDataFrameColumn("column", rows.Select(r => r.a.Column)),
            new StringDataFrameColumn("fragments", rows.Select(r => string.Join(" | ", r.pass.Fragments))),
            new StringDataFrameColumn("lines", rows.Select(r => r.pass.Lines)),
            new StringDataFrameColumn("repaired", rows.Select(r => r.a.Item)),
            new StringDataFrameColumn("reason", rows.Select(r => r.a.RepairReason!)));
    }

    /// <summary>Table 6 in long form: one row per item (of one characteristic, when given).</summary>
    public DataFrame FacilitatorFrame(FacilitatorCharacteristic? only = null)
    {
        var rows = FacilitatorEntries.Where(e => only is null || e.Characteristic == only).ToList();
        return new DataFrame(
            new StringDataFrameColumn("id", rows.Select(e => e.Id)),
            new StringDataFrameColumn("characteristic", rows.Select(e => Name(e.Characteristic))),
            new StringDataFrameColumn("stage", rows.Select(e => Name(e.Stage))),
            new StringDataFrameColumn("item", rows.Select(e => e.Item)),
            new StringDataFrameColumn("related", rows.Select(e => string.Join(";", e.Related))));
    }

    /// <summary>Table 6 as the life-cycle matrix: characteristics × stages, items separated by "; ".</summary>
    public DataFrame LifecycleMatrix()
    {
        var characteristics = Enum.GetValues<FacilitatorCharacteristic>();
        var frame = new DataFrame(new StringDataFrameColumn("characteristic", characteristics.Select(Name)));
        foreach (var (stage, column) in Stages)
            frame.Columns.Add(new StringDataFrameColumn(column, characteristics.Select(c =>
                string.Join("; ", FacilitatorEntries.Where(e => e.Characteristic == c && e.Stage == stage).Select(e => e.Item)))));
        return frame;
    }

    /// <summary>Table 6 item counts: characteristic × stage.</summary>
    public int LifecycleCount(FacilitatorCharacteristic c, LifecycleStage s) =>
        FacilitatorEntries.Count(e => e.Characteristic == c && e.Stage == s);

    /// <summary>The roles of section 4.1 with their traces.</summary>
    public DataFrame RolesFrame()
    {
        var rows = Roles.Select(r => (r, pass: Resolve(r.Trace))).ToList();
        return new DataFrame(
            new StringDataFrameColumn("id", rows.Select(x => x.r.Id)),
            new StringDataFrameColumn("role", rows.Select(x => x.r.Parent is null ? $"{x.r.Number}) {x.r.Name}" : $"   · {x.r.Name}")),
            new StringDataFrameColumn("summary", rows.Select(x => x.r.Summary)),
            new StringDataFrameColumn("trace", rows.Select(x => $"{x.r.Trace.Section}, {x.pass.Lines}")),
            new StringDataFrameColumn("related", rows.Select(x => string.Join(";", x.r.Related))));
    }

    /// <summary>How each collaborative advantage of Table 5 maps onto Table 7's practices.</summary>
    public DataFrame CollaborativeToPractices()
    {
        var rows = Advantages.Where(a => a.Kind == AdvantageKind.Collaborative).ToList();
        return new DataFrame(
            new StringDataFrameColumn("advantage", rows.Select(a => a.Item)),
            new StringDataFrameColumn("practices", rows.Select(a => a.RelatedPractices.Count == 0 ? "(none)" :
                string.Join("; ", a.RelatedPractices.Select(id => $"{id} {Practice(id).Label}")))),
            new StringDataFrameColumn("institutions", rows.Select(a => string.Join(", ",
                a.RelatedPractices.Select(id => Name(Practice(id).Institution)).Distinct()))),
            new StringDataFrameColumn("relation", rows.Select(a => a.Relation ?? "")));
    }

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

    /// <summary><see cref="AllTraces"/> as a frame: id, dataset, section, locator, lines, the sentence or cell found.</summary>
    public DataFrame TracesFrame()
    {
        var all = AllTraces();
        return new DataFrame(
            new StringDataFrameColumn("id", all.Select(x => x.Id)),
            new StringDataFrameColumn("dataset", all.Select(x => x.Table)),
            new StringDataFrameColumn("section", all.Select(x => x.Passage.Trace.Section)),
            new StringDataFrameColumn("locator", all.Select(x => x.Passage.Trace.Locator)),
            new StringDataFrameColumn("lines", all.Select(x => x.Passage.Lines)),
            new StringDataFrameColumn("found_in", all.Select(x => x.Passage.Sentence)));
    }

    /// <summary>The practices, cases and places section 4 describes that Table 7 omits, with their passages.</summary>
    public IReadOnlyList<(Gap Gap, Passage Passage)> OmittedFromTable7() =>
        Gaps.Select(g => (g, Resolve(g.Trace))).ToList();

    /// <summary><see cref="OmittedFromTable7"/> as a frame (of one kind, when given).</summary>
    public DataFrame GapsFrame(GapKind? kind = null)
    {
        var rows = OmittedFromTable7().Where(r => kind is null || r.Gap.Kind == kind).ToList();
        return new DataFrame(
            new StringDataFrameColumn("id", rows.Select(r => r.Gap.Id)),
            new StringDataFrameColumn("kind", rows.Select(r => Name(r.Gap.Kind))),
            new StringDataFrameColumn("label", rows.Select(r => r.Gap.Label)),
            new StringDataFrameColumn("places", rows.Select(r => string.Join(";", r.Gap.Places.Select(p => p.Subdivision ?? p.Country)))),
            new StringDataFrameColumn("nearest", rows.Select(r => string.Join(";", r.Gap.Nearest))),
            new StringDataFrameColumn("trace", rows.Select(r => $"{r.Gap.Trace.Section}, {r.Passage.Lines}")),
            new StringDataFrameColumn("note", rows.Select(r => r.Gap.Note)));
    }

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

    /// <summary><see cref="UnsupportedLocations"/> as a frame.</summary>
    public DataFrame UnsupportedFrame(bool includeInferred = false)
    {
        var rows = UnsupportedLocations(includeInferred);
        return new DataFrame(
            new StringDataFrameColumn("practice", rows.Select(r => r.Practice.Id)),
            new StringDataFrameColumn("label", rows.Select(r => r.Practice.Label)),
            new StringDataFrameColumn("place", rows.Select(r => r.Location.DisplayName)),
            new StringDataFrameColumn("code", rows.Select(r => r.Location.Subdivision ?? r.Location.Country)),
            new StringDataFrameColumn("support", rows.Select(r => Name(r.Location.Support))),
            new StringDataFrameColumn("place_named_in_4", rows.Select(r => string.Join(", ", r.PlaceParagraphs.Select(p => p.FirstLine == p.LastLine ? $"line {p.FirstLine}" : $"lines {p.FirstLine}-{p.LastLine}")))),
            new StringDataFrameColumn("reason", rows.Select(r => r.Location.Reason)));
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

    /// <summary>Places section 4 names that no Table 7 location uses (computed from the text, not curated).</summary>
    public IReadOnlyList<PlaceMention> PlacesMissingFromTable7() => PlaceMentions().Where(m => !m.InTable7).ToList();

    /// <summary><see cref="PlaceMentions"/> as a frame; only the places Table 7 does not use when <paramref name="onlyMissing"/>.</summary>
    public DataFrame PlacesFrame(bool onlyMissing = false)
    {
        var rows = PlaceMentions().Where(m => !onlyMissing || !m.InTable7).ToList();
        return new DataFrame(
            new StringDataFrameColumn("place", rows.Select(r => r.Place.Name)),
            new StringDataFrameColumn("code", rows.Select(r => r.Place.Subdivision ?? r.Place.Country)),
            new Int32DataFrameColumn("mentions_in_4", rows.Select(r => r.Mentions)),
            new BooleanDataFrameColumn("in_table7", rows.Select(r => r.InTable7)),
            new StringDataFrameColumn("practices", rows.Select(r => string.Join(";", r.Practices))));
    }

    /// <summary>The four institution types: name, sorting principle, meaning, and the Table 7 line of their heading.</summary>
    public DataFrame InstitutionTypesFrame() => new(
        new StringDataFrameColumn("type", InstitutionTypes.Select(x => Name(x.Type))),
        new StringDataFrameColumn("name", InstitutionTypes.Select(x => x.Name)),
        new StringDataFrameColumn("principle", InstitutionTypes.Select(x => x.Principle)),
        new StringDataFrameColumn("meaning", InstitutionTypes.Select(x => x.Meaning)),
        new Int32DataFrameColumn("practices", InstitutionTypes.Select(x => Practices.Count(p => p.Institution == x.Type))),
        new StringDataFrameColumn("heading", InstitutionTypes.Select(x => $"{x.Heading.Section}, {Resolve(x.Heading).Lines}")));

    /// <summary>Why each practice sits where it does: id, type, label, rationale.</summary>
    public DataFrame RationaleFrame() => new(
        new StringDataFrameColumn("id", Practices.Select(p => p.Id)),
        new StringDataFrameColumn("institution", Practices.Select(p => Name(p.Institution))),
        new StringDataFrameColumn("label", Practices.Select(p => p.Label)),
        new StringDataFrameColumn("rationale", Practices.Select(p => p.Rationale)));

    /// <summary>The borderline practices: the other type each could belong to, argued both ways.</summary>
    public DataFrame BorderlineFrame()
    {
        var rows = Practices.Where(p => p.Borderline is not null).ToList();
        return new DataFrame(
            new StringDataFrameColumn("id", rows.Select(p => p.Id)),
            new StringDataFrameColumn("label", rows.Select(p => p.Label)),
            new StringDataFrameColumn("placed_as", rows.Select(p => Name(p.Institution))),
            new StringDataFrameColumn("could_be", rows.Select(p => Name(p.Borderline!.Other))),
            new StringDataFrameColumn("argument_for", rows.Select(p => p.Borderline!.For)),
            new StringDataFrameColumn("argument_against", rows.Select(p => p.Borderline!.Against)));
    }

    /// <summary>Borderline practices counted by (placed as, could be).</summary>
    public IReadOnlyList<(InstitutionType PlacedAs, InstitutionType CouldBe, int Count)> BorderlinePairs() =>
        Practices.Where(p => p.Borderline is not null)
            .GroupBy(p => (p.Institution, p.Borderline!.Other))
            .Select(g => (g.Key.Institution, g.Key.Other, g.Count()))
            .OrderBy(x => x.Institution).ThenBy(x => x.Other).ToList();

    /// <summary><see cref="BorderlinePairs"/> as a frame.</summary>
    public DataFrame BorderlinePairsFrame()
    {
        var rows = BorderlinePairs();
        return new DataFrame(
            new StringDataFrameColumn("placed_as", rows.Select(r => Name(r.PlacedAs))),
            new StringDataFrameColumn("could_be", rows.Select(r => Name(r.CouldBe))),
            new Int32DataFrameColumn("practices", rows.Select(r => r.Count)));
    }

    /// <summary>
    /// What section 4 says about the place of one Table 7 location: every paragraph that names it, read from the
    /// paper. <paramref name="place"/> is the region or country as Table 7 prints it.
    /// </summary>
    public DataFrame PlaceParagraphsFrame(string practiceId, string place)
    {
        var p = Practice(practiceId);
        var location = p.Locations.FirstOrDefault(l => l.DisplayName == place)
            ?? throw new KeyNotFoundException($"{practiceId} has no location '{place}'. Locations: {string.Join(", ", p.Locations.Select(l => l.DisplayName))}.");
        var paragraphs = Paper.ParagraphsMentioning(new TaxonomyValidator(this).PlaceForms(location), TaxonomyValidator.Section4);
        return new DataFrame(
            new StringDataFrameColumn("lines", paragraphs.Select(x => x.FirstLine == x.LastLine ? $"{x.FirstLine}" : $"{x.FirstLine}-{x.LastLine}")),
            new StringDataFrameColumn("paragraph", paragraphs.Select(x => x.Text)));
    }

    /// <summary>Entries per dataset and how many traces resolved to exactly one place (all of them, or the load fails).</summary>
    public DataFrame TraceCountsFrame()
    {
        var groups = AllTraces().GroupBy(x => x.Table).ToList();
        return new DataFrame(
            new StringDataFrameColumn("dataset", groups.Select(g => g.Key)),
            new Int32DataFrameColumn("traces", groups.Select(g => g.Count())),
            new Int32DataFrameColumn("resolved_once", groups.Select(g => g.Count(x => Document(x.Passage.Trace.Document).FindAll(x.Passage.Trace).Count == 1))),
            new StringDataFrameColumn("sections", groups.Select(g => string.Join(", ", g.Select(x => x.Passage.Trace.Section).Distinct()))));
    }

    /// <summary>One practice with its passages: the Table 7 row, then each location's evidence, read from the paper.</summary>
    public DataFrame EvidenceFrame(string practiceId)
    {
        var p = Practice(practiceId);
        var row = Resolve(p.Trace);
        var rows = new List<(string What, string Support, string Where, string Text)> { ("Table 7 row", "", $"{p.Trace.Section}, {row.Lines}", row.Context) };
        foreach (var l in p.Locations)
            foreach (var e in l.Evidence)
            {
                var pass = Resolve(e);
                rows.Add((l.DisplayName, Name(l.Support), $"{e.Section}, {pass.Lines}", pass.Sentence));
            }
        return new DataFrame(
            new StringDataFrameColumn("entry", rows.Select(r => r.What)),
            new StringDataFrameColumn("support", rows.Select(r => r.Support)),
            new StringDataFrameColumn("where", rows.Select(r => r.Where)),
            new StringDataFrameColumn("text", rows.Select(r => r.Text)));
    }

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
        sb.AppendLine(inv, $"Gaps: {Gaps.Count} ({string.Join(", ", Enum.GetValues<GapKind>().Select(k => $"{Gaps.Count(g => g.Kind == k)} {Name(k)}"))}); places of section 4 missing from Table 7: {PlacesMissingFromTable7().Count}");
        sb.Append(inv, $"Traces resolved: {AllTraces().Count}");
        return sb.ToString();
    }

    /// <summary>The lower-case name used in the data files and frames.</summary>
    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
