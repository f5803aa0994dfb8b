using NotebookAnalysis.Transcription;
using System.Text.RegularExpressions;

namespace NotebookAnalysis.Taxonomy;

/// <summary>
/// The checks a loaded taxonomy must pass: normalised countries, no duplicates, every trace naming exactly
/// one place, and cross-checks of the data against the paper's tables. The first failure is thrown.
/// </summary>
internal sealed partial class TaxonomyValidator(PracticeTaxonomy t)
{
    /// <summary>The prose sections of section 4 (Results).</summary>
    public static readonly string[] Section4 = ["4", "4.1", "4.2"];

    public void Run()
    {
        CheckTypes();
        CheckPractices();
        CheckAdvantages();
        CheckFacilitator();
        CheckRoles();
        CheckGaps();
        CheckPlaces();
    }

    private Passage Resolve(string id, Trace trace, string what)
    {
        try
        {
            return t.Resolve(trace);
        }
        catch (Exception e) when (e is TraceException or KeyNotFoundException) // KeyNotFound: a document outside seeds/ or missing
        {
            var kind = e is TraceException { Matches: > 1 } ? TaxonomyErrorKind.TraceAmbiguous : TaxonomyErrorKind.TraceNotFound;
            throw t.Error(kind, id, $"{what} {trace} does not resolve: {e.Message}");
        }
    }

    private void CheckCountry(string id, string country, string? subdivision, string what)
    {
        var problem = t.Iso.CountryProblem(country) ?? t.Iso.SubdivisionProblem(country, subdivision);
        if (problem is not null)
            throw t.Error(TaxonomyErrorKind.CountryNotNormalized, id, $"{what}: {problem}.");
    }

    private void CheckTypes()
    {
        // A type described twice is already a duplicate id; here, one described nowhere.
        foreach (var type in Enum.GetValues<InstitutionType>().Where(type => t.InstitutionTypes.All(x => x.Type != type)))
            throw t.Error(TaxonomyErrorKind.Schema, PracticeTaxonomy.Name(type), $"institution type '{PracticeTaxonomy.Name(type)}' must be described in institution-types.json.");
        foreach (var x in t.InstitutionTypes)
        {
            var id = PracticeTaxonomy.Name(x.Type);
            var p = Resolve(id, x.Heading, "heading");
            if (t.Paper.IsTable(x.Heading.Section) && !t.Paper.Table(x.Heading.Section).Rows.Any(r => r.Line == p.FirstLine && r.IsHeading))
                throw t.Error(TaxonomyErrorKind.Inconsistent, id, $"heading {x.Heading} points to line {p.FirstLine}, which is not a sub-heading row of {x.Heading.Section}.");
        }
    }

    private void CheckPractices()
    {
        var table7 = t.Paper.Table("Table 7");
        int printedRows = table7.Body.Count(r => !r.IsHeading);
        string countNote = $"Table 7 of the paper lists {printedRows} practices; add your own to {TaxonomyPaths.StudentFile}, not to table7-practices.json.";
        var usedRows = new Dictionary<int, string>();
        var headingOf = t.InstitutionTypes.ToDictionary(x => t.Resolve(x.Heading).FirstLine, x => x.Type);
        var numberInType = new Dictionary<InstitutionType, int>();

        foreach (var p in t.Practices)
        {
            var passage = CheckPractice(p);
            if (p.Trace.Section != "Table 7" || p.Trace.Document is not null)
                throw t.Error(TaxonomyErrorKind.Inconsistent, p.Id, $"table7-practices.json holds Table 7's rows only, but this practice traces to {p.Trace}. {countNote}");
            var row = table7.Rows.First(r => r.Line == passage.FirstLine);
            if (row == table7.Rows[0] || row.IsHeading || passage.Sentence != row.Cell(0))
                throw t.Error(TaxonomyErrorKind.Inconsistent, p.Id, $"trace {p.Trace} must point into a practice cell of Table 7 (it matched line {row.Line}: \"{passage.Sentence}\").");
            if (!usedRows.TryAdd(row.Line, p.Id))
                throw t.Error(TaxonomyErrorKind.Duplicate, p.Id, $"Table 7's row at line {row.Line} is already the practice {usedRows[row.Line]}. {countNote}");

            var heading = table7.Rows.Where(r => r.IsHeading && r.Line < row.Line).LastOrDefault();
            if (heading is null || !headingOf.TryGetValue(heading.Line, out var printed))
                throw t.Error(TaxonomyErrorKind.Inconsistent, p.Id, $"Table 7's row at line {row.Line} stands under no known sub-heading.");
            if (printed != p.Institution)
                throw t.Error(TaxonomyErrorKind.Inconsistent, p.Id,
                    $"the data say '{p.Institution.ToString().ToLowerInvariant()}', but Table 7 prints the row under '{heading.Cell(0)}' ({printed.ToString().ToLowerInvariant()}).");

            int number = numberInType[p.Institution] = numberInType.GetValueOrDefault(p.Institution) + 1;
            string expectedId = $"T7-{"FKRM"[(int)p.Institution]}{number}"; // the type's letter in enum order: T7-F1, T7-K1, T7-R1, T7-M1
            if (p.Id != expectedId)
                throw t.Error(TaxonomyErrorKind.Inconsistent, p.Id,
                    $"Table 7's ids number each institution type in table order (T7-F…, T7-K…, T7-R…, T7-M…): this {PracticeTaxonomy.Name(p.Institution)} practice is number {number} of its type, so its id is '{expectedId}'.");

            var cell = row.Cell(1);
            foreach (var l in p.Locations)
                foreach (var name in new[] { l.PaperCountry, l.Region }.OfType<string>())
                    if (!PaperText.Mentions(cell, [name]))
                        throw t.Error(TaxonomyErrorKind.Inconsistent, p.Id, $"'{name}' is not in the row's country cell \"{cell}\" (line {row.Line}).");
            var rest = cell;
            foreach (var name in p.Locations.SelectMany(l => new[] { l.PaperCountry, l.Region }).OfType<string>().Distinct().OrderByDescending(n => n.Length))
                rest = rest.Replace(name, " ", StringComparison.Ordinal);
            rest = FillerPattern().Replace(rest, " ").Trim();
            if (rest.Length > 0)
                throw t.Error(TaxonomyErrorKind.Inconsistent, p.Id, $"the row's country cell \"{cell}\" also names \"{rest}\", which no location records.");
            CheckBorderline(p);
        }

        foreach (var row in table7.Body.Where(r => !r.IsHeading))
            if (!usedRows.ContainsKey(row.Line))
                throw new TaxonomyException(TaxonomyErrorKind.Inconsistent, t.Origin(t.Practices.FirstOrDefault()?.Id ?? "").File,
                    $"(Table 7 row at line {row.Line})", null, $"no practice traces this row: \"{row.Cell(0)}\".");

        foreach (var p in t.StudentPractices)
        {
            CheckPractice(p);
            if (p.Id.StartsWith("T7-", StringComparison.Ordinal))
                throw t.Error(TaxonomyErrorKind.Schema, p.Id, $"ids starting with 'T7-' belong to Table 7; give your practice an id of your own (e.g. 'S-1'). {countNote}");
            if (p.Trace.Section == "Table 7" && p.Trace.Document is null)
                throw t.Error(TaxonomyErrorKind.Inconsistent, p.Id,
                    $"a student's practice cannot trace into Table 7, whose rows are table7-practices.json's; trace it to the text (e.g. section 4.1) or to a document of your own under seeds/.");
            CheckBorderline(p);
        }
    }

    /// <summary>
    /// The rules every practice obeys, Table 7's and the students' alike: its trace resolves; it has locations with
    /// normalised countries, a valid subdivision relation, no duplicate and evidence in section 4 (or in the practice's
    /// own document); a supported location is named by its evidence.
    /// </summary>
    private Passage CheckPractice(Practice p)
    {
        var passage = Resolve(p.Id, p.Trace, "trace");
        if (p.Locations.Count == 0)
            throw t.Error(TaxonomyErrorKind.Schema, p.Id, "the practice has no locations.");
        var seen = new HashSet<(string, string?)>();
        foreach (var l in p.Locations)
        {
            var what = $"location '{l.DisplayName}'";
            CheckCountry(p.Id, l.Country, l.Subdivision, what);
            if (l.Subdivision is null != l.SubdivisionRelation is null || l.SubdivisionRelation is not (null or "exact" or "within"))
                throw t.Error(TaxonomyErrorKind.Schema, p.Id, $"{what}: 'subdivision_relation' must be \"exact\" or \"within\" with a subdivision, and null without one.");
            if (!seen.Add((l.Country, l.Region)))
                throw t.Error(TaxonomyErrorKind.Duplicate, p.Id, $"{what} ({l.Country}) is listed twice.");
            if (l.Evidence.Count == 0)
                throw t.Error(TaxonomyErrorKind.Schema, p.Id, $"{what} has no evidence trace.");
            if (l.Evidence.FirstOrDefault(e => e.Document is null && !Section4.Contains(e.Section)) is { } outside)
                throw t.Error(TaxonomyErrorKind.Inconsistent, p.Id, $"evidence for {what} {outside} lies outside section 4 (4, 4.1, 4.2), where the paper describes its cases.");
            var evidence = l.Evidence.Select(e => Resolve(p.Id, e, $"evidence for {what}")).ToList();
            if (l.Support == Support.Supported)
            {
                var forms = PlaceForms(l);
                if (!evidence.Any(e => PaperText.Mentions(e.Context, forms)))
                    throw t.Error(TaxonomyErrorKind.Inconsistent, p.Id,
                        $"{what} is marked supported, but none of its evidence passages names it ({string.Join(", ", forms)}); mark it inferred or add the passage that does.");
            }
        }
        return passage;
    }

    /// <summary>A borderline names the other type a practice could belong to (checked after its placement, which explains more).</summary>
    private void CheckBorderline(Practice p)
    {
        if (p.Borderline is { } b && b.Other == p.Institution)
            throw t.Error(TaxonomyErrorKind.Inconsistent, p.Id, $"the borderline type '{PracticeTaxonomy.Name(b.Other)}' is the practice's own type; name the other type it could belong to.");
    }

    /// <summary>The word forms that name a location: the gazetteer's forms plus the printed name.</summary>
    internal IReadOnlyList<string> PlaceForms(PracticeLocation l)
    {
        var place = t.Places.FirstOrDefault(x => x.Country == l.Country && (l.Region is null ? x.Subdivision is null : x.Name == l.Region));
        return (place?.Forms ?? []).Append(l.Region ?? l.PaperCountry).Distinct().ToList();
    }

    private void CheckAdvantages()
    {
        var practiceIds = t.Practices.Select(p => p.Id).ToHashSet();
        var covered = new HashSet<(string Column, int Line)>();
        foreach (var a in t.Advantages)
        {
            var p = Resolve(a.Id, a.Trace, "trace");
            // A repair lists the cells the transcription broke the item across; an item in one whole cell records none.
            bool broken = p.Fragments.Count > 1;
            if (broken != (a.RepairFragments is not null) || (broken && !a.RepairFragments!.SequenceEqual(p.Fragments)))
                throw t.Error(TaxonomyErrorKind.Inconsistent, a.Id,
                    $"the repair lists [{string.Join(" | ", a.RepairFragments ?? [])}] but the transcription has [{string.Join(" | ", p.Fragments)}] ({p.Lines}).");
            for (int line = p.FirstLine; line <= p.LastLine; line++)
                if (!covered.Add((a.Column, line)))
                    throw t.Error(TaxonomyErrorKind.Duplicate, a.Id, $"the cell of '{a.Column}' at line {line} already belongs to another entry.");
            foreach (var r in a.RelatedPractices)
                if (!practiceIds.Contains(r))
                    throw t.Error(TaxonomyErrorKind.Inconsistent, a.Id, $"related practice '{r}' is not a Table 7 practice.");
        }
        var table5 = t.Paper.Table("Table 5");
        foreach (var column in t.Advantages.Select(a => a.Column).Distinct())
            foreach (var (line, text) in table5.ColumnCells(table5.ColumnIndex(column)))
                if (text.Length > 0 && !covered.Contains((column, line)))
                    throw new TaxonomyException(TaxonomyErrorKind.Inconsistent, t.Origin(t.Advantages[0].Id).File,
                        $"(Table 5 '{column}', line {line})", null, $"no entry covers the cell \"{text}\".");
    }

    private void CheckFacilitator()
    {
        var table6 = t.Paper.Table("Table 6");
        foreach (var e in t.FacilitatorEntries)
        {
            Resolve(e.Id, e.Trace, "trace");
            CheckReferences(e.Id, e.Related, "related id");
        }
        foreach (var g in t.FacilitatorEntries.GroupBy(e => (e.Characteristic, e.Stage)))
        {
            var first = g.First();
            var cell = table6.RowNamed(first.Row).Cell(table6.ColumnIndex(first.Column));
            var ordered = g.OrderBy(e => PaperText.Occurrences(cell, e.Item).First()).ToList();
            var rebuilt = string.Join(" ", ordered.Select(e => e.Item));
            if (rebuilt != cell)
                throw t.Error(TaxonomyErrorKind.Inconsistent, first.Id,
                    $"the items of cell [{first.Row}] [{first.Column}] rebuild \"{rebuilt}\", but the cell reads \"{cell}\".");
            if (ordered.Count > 1 && !t.FacilitatorRepairs.Any(r => r.Characteristic == first.Characteristic && r.Stage == first.Stage))
                throw t.Error(TaxonomyErrorKind.Inconsistent, first.Id, $"cell [{first.Row}] [{first.Column}] is split into {ordered.Count} items but records no repair.");
        }
        foreach (var row in t.FacilitatorEntries.Select(e => e.Row).Distinct())
            foreach (var (stage, column) in t.Stages)
                if (table6.RowNamed(row).Cell(table6.ColumnIndex(column)).Length > 0 && !t.FacilitatorEntries.Any(e => e.Row == row && e.Column == column))
                    throw new TaxonomyException(TaxonomyErrorKind.Inconsistent, t.Origin(t.FacilitatorEntries[0].Id).File,
                        $"(Table 6 [{row}] [{column}])", null, "no entry covers this cell.");
    }

    private void CheckRoles()
    {
        var ids = t.Roles.Select(r => r.Id).ToHashSet();
        var numbers = new HashSet<int>();
        foreach (var r in t.Roles)
        {
            Resolve(r.Id, r.Trace, "trace");
            if (r.Parent is not null && !ids.Contains(r.Parent))
                throw t.Error(TaxonomyErrorKind.Inconsistent, r.Id, $"parent role '{r.Parent}' does not exist.");
            if (r.Parent is null && (r.Number is not int n || !numbers.Add(n)))
                throw t.Error(r.Number is null ? TaxonomyErrorKind.Schema : TaxonomyErrorKind.Duplicate, r.Id, "a top-level role needs a number of its own.");
            CheckReferences(r.Id, r.Related, "related id");
        }
    }

    private void CheckGaps()
    {
        foreach (var g in t.Gaps)
        {
            Resolve(g.Id, g.Trace, "trace");
            if (g.Trace.Document is null && g.Trace.Section is not ("4.1" or "4.2"))
                throw t.Error(TaxonomyErrorKind.Inconsistent, g.Id, $"a gap is something section 4 describes, so its trace points into 4.1 or 4.2, not {g.Trace}.");
            foreach (var place in g.Places)
                CheckCountry(g.Id, place.Country, place.Subdivision, "place");
            CheckReferences(g.Id, g.Nearest, "nearest id");
        }
    }

    private void CheckPlaces()
    {
        foreach (var p in t.Places)
        {
            var id = "place:" + p.Name;
            CheckCountry(id, p.Country, p.Subdivision, $"place '{p.Name}'");
            if (p.PartOf is not null && !t.Places.Any(x => x.Name == p.PartOf))
                throw t.Error(TaxonomyErrorKind.Inconsistent, id, $"part_of '{p.PartOf}' is not a listed place.");
            foreach (var form in p.Forms)
                if (t.Paper.CountMentions(form, Section4) == 0)
                    throw t.Error(TaxonomyErrorKind.Inconsistent, id, $"the form \"{form}\" does not occur in section 4.");
        }
    }

    private void CheckReferences(string id, IEnumerable<string> references, string what)
    {
        if (references.FirstOrDefault(r => !t.Practices.Any(p => p.Id == r) && !t.Roles.Any(x => x.Id == r)) is { } unknown)
            throw t.Error(TaxonomyErrorKind.Inconsistent, id, $"{what} '{unknown}' is not a practice or a role.");
    }

    // What may remain of a Table 7 country cell once every recorded name is removed.
    [GeneratedRegex(@"\b(?:The|the|and)\b|[(),\s]")]
    private static partial Regex FillerPattern();
}
