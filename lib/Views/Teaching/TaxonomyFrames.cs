using Microsoft.Data.Analysis;
using NotebookAnalysis.Taxonomy;

namespace NotebookAnalysis.Teaching;

/// <summary>The practice taxonomy (Tables 5-7, roles, gaps, traces) as DataFrames, for notebooks.</summary>
public static class TaxonomyFrames
{
    /// <summary>Table 7: one row per practice (id, institution, label, countries, places, line, the row as printed).</summary>
    public static DataFrame PracticesFrame(this PracticeTaxonomy taxonomy)
    {
        var rows = taxonomy.Practices.Select(p => (p, pass: taxonomy.Resolve(p.Trace))).ToList();
        return new DataFrame(
            new StringDataFrameColumn("id", rows.Select(r => r.p.Id)),
            new StringDataFrameColumn("institution", rows.Select(r => PracticeTaxonomy.Name(r.p.Institution))),
            new StringDataFrameColumn("label", rows.Select(r => r.p.Label)),
            new StringDataFrameColumn("countries", rows.Select(r => string.Join(";", r.p.Locations.Select(l => l.Country).Distinct()))),
            new StringDataFrameColumn("places", rows.Select(r => string.Join("; ", r.p.Locations.Select(l => l.DisplayName)))),
            new Int32DataFrameColumn("line", rows.Select(r => r.pass.FirstLine)),
            new StringDataFrameColumn("table7_row", rows.Select(r => r.pass.Context)));
    }

    /// <summary>
    /// Institution type × country (or region): the number of Table 7 practices of each type located there.
    /// Columns are ordered by total (descending), then by code; the last column is the row total of practices.
    /// With <paramref name="includeStudents"/>, the students' practices are counted beside Table 7's.
    /// </summary>
    public static DataFrame CrossTab(this PracticeTaxonomy taxonomy, CrossTabLevel level = CrossTabLevel.Country, bool includeStudents = false)
    {
        var practices = includeStudents ? taxonomy.PracticesWithStudents : taxonomy.Practices;
        var counts = taxonomy.CrossTabCounts(level, includeStudents);
        var keys = counts.GroupBy(c => c.Key)
            .OrderByDescending(g => g.Sum(c => c.Count)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).ToList();
        var types = Enum.GetValues<InstitutionType>();
        var frame = new DataFrame(new StringDataFrameColumn("institution", types.Select(PracticeTaxonomy.Name)));
        foreach (var key in keys)
            frame.Columns.Add(new Int32DataFrameColumn(key, types.Select(ty => counts.Where(c => c.Institution == ty && c.Key == key).Sum(c => c.Count))));
        frame.Columns.Add(new Int32DataFrameColumn("practices", types.Select(ty => practices.Count(p => p.Institution == ty))));
        return frame;
    }

    /// <summary>Table 5: one row per cell, with the repair (if any) and the related Table 7 practices.</summary>
    public static DataFrame AdvantagesFrame(this PracticeTaxonomy taxonomy)
    {
        var rows = taxonomy.Advantages.Select(a => (a, pass: taxonomy.Resolve(a.Trace))).ToList();
        return new DataFrame(
            new StringDataFrameColumn("id", rows.Select(r => r.a.Id)),
            new StringDataFrameColumn("kind", rows.Select(r => PracticeTaxonomy.Name(r.a.Kind))),
            new StringDataFrameColumn("item", rows.Select(r => r.a.Item)),
            new StringDataFrameColumn("lines", rows.Select(r => r.pass.Lines)),
            new BooleanDataFrameColumn("repaired", rows.Select(r => r.a.RepairFragments is not null)),
            new StringDataFrameColumn("as_transcribed", rows.Select(r => string.Join(" | ", r.pass.Fragments))),
            new StringDataFrameColumn("related_practices", rows.Select(r => string.Join(";", r.a.RelatedPractices))));
    }

    /// <summary>Table 5's repairs: the cells the transcription broke across lines, joined, and why.</summary>
    public static DataFrame RepairsFrame(this PracticeTaxonomy taxonomy)
    {
        var rows = taxonomy.Advantages.Where(a => a.RepairFragments is not null).Select(a => (a, pass: taxonomy.Resolve(a.Trace))).ToList();
        return new DataFrame(
            new StringDataFrameColumn("id", rows.Select(r => r.a.Id)),
            new StringDataFrameColumn("column", rows.Select(r => r.a.Column)),
            new StringDataFrameColumn("fragments", rows.Select(r => string.Join(" | ", r.pass.Fragments))),
            new StringDataFrameColumn("lines", rows.Select(r => r.pass.Lines)),
            new StringDataFrameColumn("repaired", rows.Select(r => r.a.Item)),
            new StringDataFrameColumn("reason", rows.Select(r => r.a.RepairReason!)));
    }

    /// <summary>Table 6 in long form: one row per item (of one characteristic, when given).</summary>
    public static DataFrame FacilitatorFrame(this PracticeTaxonomy taxonomy, FacilitatorCharacteristic? only = null)
    {
        var rows = taxonomy.FacilitatorEntries.Where(e => only is null || e.Characteristic == only).ToList();
        return new DataFrame(
            new StringDataFrameColumn("id", rows.Select(e => e.Id)),
            new StringDataFrameColumn("characteristic", rows.Select(e => PracticeTaxonomy.Name(e.Characteristic))),
            new StringDataFrameColumn("stage", rows.Select(e => PracticeTaxonomy.Name(e.Stage))),
            new StringDataFrameColumn("item", rows.Select(e => e.Item)),
            new StringDataFrameColumn("related", rows.Select(e => string.Join(";", e.Related))));
    }

    /// <summary>Table 6 as the life-cycle matrix: characteristics × stages, items separated by "; ".</summary>
    public static DataFrame LifecycleMatrix(this PracticeTaxonomy taxonomy)
    {
        var characteristics = Enum.GetValues<FacilitatorCharacteristic>();
        var frame = new DataFrame(new StringDataFrameColumn("characteristic", characteristics.Select(PracticeTaxonomy.Name)));
        foreach (var (stage, column) in taxonomy.Stages)
            frame.Columns.Add(new StringDataFrameColumn(column, characteristics.Select(c =>
                string.Join("; ", taxonomy.FacilitatorEntries.Where(e => e.Characteristic == c && e.Stage == stage).Select(e => e.Item)))));
        return frame;
    }

    /// <summary>The roles of section 4.1 with their traces.</summary>
    public static DataFrame RolesFrame(this PracticeTaxonomy taxonomy) => new(
        new StringDataFrameColumn("id", taxonomy.Roles.Select(r => r.Id)),
        new StringDataFrameColumn("role", taxonomy.Roles.Select(r => r.Parent is null ? $"{r.Number}) {r.Name}" : $"   · {r.Name}")),
        new StringDataFrameColumn("summary", taxonomy.Roles.Select(r => r.Summary)),
        new StringDataFrameColumn("trace", taxonomy.Roles.Select(r => $"{r.Trace.Section}, {taxonomy.Resolve(r.Trace).Lines}")),
        new StringDataFrameColumn("related", taxonomy.Roles.Select(r => string.Join(";", r.Related))));

    /// <summary>How each collaborative advantage of Table 5 maps onto Table 7's practices.</summary>
    public static DataFrame CollaborativeToPractices(this PracticeTaxonomy taxonomy)
    {
        var rows = taxonomy.Advantages.Where(a => a.Kind == AdvantageKind.Collaborative).ToList();
        return new DataFrame(
            new StringDataFrameColumn("advantage", rows.Select(a => a.Item)),
            new StringDataFrameColumn("practices", rows.Select(a => a.RelatedPractices.Count == 0 ? "(none)" :
                string.Join("; ", a.RelatedPractices.Select(id => $"{id} {taxonomy.Practice(id).Label}")))),
            new StringDataFrameColumn("institutions", rows.Select(a => string.Join(", ",
                a.RelatedPractices.Select(id => PracticeTaxonomy.Name(taxonomy.Practice(id).Institution)).Distinct()))),
            new StringDataFrameColumn("relation", rows.Select(a => a.Relation ?? "")));
    }

    /// <summary><see cref="PracticeTaxonomy.OmittedFromTable7"/> as a frame (of one kind, when given).</summary>
    public static DataFrame GapsFrame(this PracticeTaxonomy taxonomy, GapKind? kind = null)
    {
        var rows = taxonomy.OmittedFromTable7().Where(r => kind is null || r.Gap.Kind == kind).ToList();
        return new DataFrame(
            new StringDataFrameColumn("id", rows.Select(r => r.Gap.Id)),
            new StringDataFrameColumn("kind", rows.Select(r => PracticeTaxonomy.Name(r.Gap.Kind))),
            new StringDataFrameColumn("label", rows.Select(r => r.Gap.Label)),
            new StringDataFrameColumn("places", rows.Select(r => string.Join(";", r.Gap.Places.Select(p => p.Subdivision ?? p.Country)))),
            new StringDataFrameColumn("nearest", rows.Select(r => string.Join(";", r.Gap.Nearest))),
            new StringDataFrameColumn("trace", rows.Select(r => $"{r.Gap.Trace.Section}, {r.Passage.Lines}")),
            new StringDataFrameColumn("note", rows.Select(r => r.Gap.Note)));
    }

    /// <summary><see cref="PracticeTaxonomy.UnsupportedLocations"/> as a frame.</summary>
    public static DataFrame UnsupportedFrame(this PracticeTaxonomy taxonomy, bool includeInferred = false)
    {
        var rows = taxonomy.UnsupportedLocations(includeInferred);
        return new DataFrame(
            new StringDataFrameColumn("practice", rows.Select(r => r.Practice.Id)),
            new StringDataFrameColumn("label", rows.Select(r => r.Practice.Label)),
            new StringDataFrameColumn("place", rows.Select(r => r.Location.DisplayName)),
            new StringDataFrameColumn("code", rows.Select(r => r.Location.Subdivision ?? r.Location.Country)),
            new StringDataFrameColumn("support", rows.Select(r => PracticeTaxonomy.Name(r.Location.Support))),
            new StringDataFrameColumn("place_named_in_4", rows.Select(r => string.Join(", ", r.PlaceParagraphs.Select(p => p.FirstLine == p.LastLine ? $"line {p.FirstLine}" : $"lines {p.FirstLine}-{p.LastLine}")))),
            new StringDataFrameColumn("reason", rows.Select(r => r.Location.Reason)));
    }

    /// <summary><see cref="PracticeTaxonomy.PlaceMentions"/> as a frame; only the places Table 7 does not use when <paramref name="onlyMissing"/>.</summary>
    public static DataFrame PlacesFrame(this PracticeTaxonomy taxonomy, bool onlyMissing = false)
    {
        var rows = taxonomy.PlaceMentions().Where(m => !onlyMissing || !m.InTable7).ToList();
        return new DataFrame(
            new StringDataFrameColumn("place", rows.Select(r => r.Place.Name)),
            new StringDataFrameColumn("code", rows.Select(r => r.Place.Subdivision ?? r.Place.Country)),
            new Int32DataFrameColumn("mentions_in_4", rows.Select(r => r.Mentions)),
            new BooleanDataFrameColumn("in_table7", rows.Select(r => r.InTable7)),
            new StringDataFrameColumn("practices", rows.Select(r => string.Join(";", r.Practices))));
    }

    /// <summary>The four institution types: name, sorting principle, meaning, and the Table 7 line of their heading.</summary>
    public static DataFrame InstitutionTypesFrame(this PracticeTaxonomy taxonomy) => new(
        new StringDataFrameColumn("type", taxonomy.InstitutionTypes.Select(x => PracticeTaxonomy.Name(x.Type))),
        new StringDataFrameColumn("name", taxonomy.InstitutionTypes.Select(x => x.Name)),
        new StringDataFrameColumn("principle", taxonomy.InstitutionTypes.Select(x => x.Principle)),
        new StringDataFrameColumn("meaning", taxonomy.InstitutionTypes.Select(x => x.Meaning)),
        new Int32DataFrameColumn("practices", taxonomy.InstitutionTypes.Select(x => taxonomy.Practices.Count(p => p.Institution == x.Type))),
        new StringDataFrameColumn("heading", taxonomy.InstitutionTypes.Select(x => $"{x.Heading.Section}, {taxonomy.Resolve(x.Heading).Lines}")));

    /// <summary>Why each practice sits where it does: id, type, label, rationale.</summary>
    public static DataFrame RationaleFrame(this PracticeTaxonomy taxonomy) => new(
        new StringDataFrameColumn("id", taxonomy.Practices.Select(p => p.Id)),
        new StringDataFrameColumn("institution", taxonomy.Practices.Select(p => PracticeTaxonomy.Name(p.Institution))),
        new StringDataFrameColumn("label", taxonomy.Practices.Select(p => p.Label)),
        new StringDataFrameColumn("rationale", taxonomy.Practices.Select(p => p.Rationale)));

    /// <summary>The borderline practices: the other type each could belong to, argued both ways.</summary>
    public static DataFrame BorderlineFrame(this PracticeTaxonomy taxonomy)
    {
        var rows = taxonomy.Practices.Where(p => p.Borderline is not null).ToList();
        return new DataFrame(
            new StringDataFrameColumn("id", rows.Select(p => p.Id)),
            new StringDataFrameColumn("label", rows.Select(p => p.Label)),
            new StringDataFrameColumn("placed_as", rows.Select(p => PracticeTaxonomy.Name(p.Institution))),
            new StringDataFrameColumn("could_be", rows.Select(p => PracticeTaxonomy.Name(p.Borderline!.Other))),
            new StringDataFrameColumn("argument_for", rows.Select(p => p.Borderline!.For)),
            new StringDataFrameColumn("argument_against", rows.Select(p => p.Borderline!.Against)));
    }

    /// <summary><see cref="PracticeTaxonomy.BorderlinePairs"/> as a frame.</summary>
    public static DataFrame BorderlinePairsFrame(this PracticeTaxonomy taxonomy)
    {
        var rows = taxonomy.BorderlinePairs();
        return new DataFrame(
            new StringDataFrameColumn("placed_as", rows.Select(r => PracticeTaxonomy.Name(r.PlacedAs))),
            new StringDataFrameColumn("could_be", rows.Select(r => PracticeTaxonomy.Name(r.CouldBe))),
            new Int32DataFrameColumn("practices", rows.Select(r => r.Count)));
    }

    /// <summary>
    /// What section 4 says about the place of one Table 7 location that the text does not support (or supports only by
    /// inference): every paragraph that names the place, read from the paper (<see cref="PracticeTaxonomy.UnsupportedLocations"/>).
    /// <paramref name="place"/> is the region or country as Table 7 prints it.
    /// </summary>
    public static DataFrame PlaceParagraphsFrame(this PracticeTaxonomy taxonomy, string practiceId, string place)
    {
        var findings = taxonomy.UnsupportedLocations(includeInferred: true).Where(f => f.Practice.Id == practiceId).ToList();
        var paragraphs = findings.FirstOrDefault(f => f.Location.DisplayName == place)?.PlaceParagraphs
            ?? throw new KeyNotFoundException($"{practiceId} has no unsupported or inferred location '{place}'. Such locations: {string.Join(", ", findings.Select(f => f.Location.DisplayName))}.");
        return new DataFrame(
            new StringDataFrameColumn("lines", paragraphs.Select(x => x.FirstLine == x.LastLine ? $"{x.FirstLine}" : $"{x.FirstLine}-{x.LastLine}")),
            new StringDataFrameColumn("paragraph", paragraphs.Select(x => x.Text)));
    }

    /// <summary>Entries per dataset and how many traces resolved to exactly one place (all of them, or the load fails).</summary>
    public static DataFrame TraceCountsFrame(this PracticeTaxonomy taxonomy)
    {
        var groups = taxonomy.AllTraces().GroupBy(x => x.Table).ToList();
        return new DataFrame(
            new StringDataFrameColumn("dataset", groups.Select(g => g.Key)),
            new Int32DataFrameColumn("traces", groups.Select(g => g.Count())),
            new Int32DataFrameColumn("resolved_once", groups.Select(g => g.Count(x => taxonomy.Document(x.Passage.Trace.Document).FindAll(x.Passage.Trace).Count == 1))),
            new StringDataFrameColumn("sections", groups.Select(g => string.Join(", ", g.Select(x => x.Passage.Trace.Section).Distinct()))));
    }

    /// <summary>One practice with its passages: the Table 7 row, then each location's evidence, read from the paper.</summary>
    public static DataFrame EvidenceFrame(this PracticeTaxonomy taxonomy, string practiceId)
    {
        var p = taxonomy.Practice(practiceId);
        var row = taxonomy.Resolve(p.Trace);
        var rows = new List<(string What, string Support, string Where, string Text)> { ("Table 7 row", "", $"{p.Trace.Section}, {row.Lines}", row.Context) };
        foreach (var l in p.Locations)
            foreach (var e in l.Evidence)
            {
                var pass = taxonomy.Resolve(e);
                rows.Add((l.DisplayName, PracticeTaxonomy.Name(l.Support), $"{e.Section}, {pass.Lines}", pass.Sentence));
            }
        return new DataFrame(
            new StringDataFrameColumn("entry", rows.Select(r => r.What)),
            new StringDataFrameColumn("support", rows.Select(r => r.Support)),
            new StringDataFrameColumn("where", rows.Select(r => r.Where)),
            new StringDataFrameColumn("text", rows.Select(r => r.Text)));
    }
}
