using NotebookAnalysis.Transcription;
namespace NotebookAnalysis.Taxonomy;

/// <summary>Reads the taxonomy files into typed records; checks the schema, enumerations and id uniqueness.</summary>
internal static class TaxonomyReader
{
    public static TaxonomyParts Read(string folder, string paperPath)
    {
        var paper = PaperText.Load(paperPath);
        var isoFolder = Path.Combine(folder, "iso");
        var iso = Iso3166.Load(Directory.Exists(isoFolder) ? isoFolder : TaxonomyPaths.Iso);
        var origin = new Dictionary<string, (string File, int? Line)>(StringComparer.Ordinal);
        var files = TaxonomyPaths.Files.ToDictionary(f => f, f => TaxonomyJsonFile.Read(Path.Combine(folder, f)));

        // The entries of one array, each id registered (unique across all files) before its fields are read.
        List<T> Entries<T>(TaxonomyJsonFile file, string array, Func<JsonEntry, T> read) => file.Entries(array).Select(e =>
        {
            if (origin.TryGetValue(e.Id, out var first))
                throw e.Error(TaxonomyErrorKind.Duplicate,
                    $"id '{e.Id}' is used twice (first in {first.File}{(first.Line is int l ? $", line {l}" : "")}).");
            origin[e.Id] = (e.File.Display, e.Line);
            return read(e);
        }).ToList();

        var types = Entries(files["institution-types.json"], "types", e => new InstitutionTypeInfo(
            e.Enum<InstitutionType>("id", "institution type"), e.OptInt("order") ?? 0, e.Str("name"), e.Trace("heading"), e.Str("principle"), e.Str("meaning")));

        var practices = Entries(files["table7-practices.json"], "practices", ReadPractice);
        var studentPath = Path.Combine(folder, TaxonomyPaths.StudentFile);
        var studentPractices = File.Exists(studentPath) ? Entries(TaxonomyJsonFile.Read(studentPath), "practices", ReadPractice) : [];

        var t5 = files["table5-advantages.json"];
        var columns = Headers<AdvantageKind>(t5, "kinds", "column", "advantage kind");
        var advantages = Entries(t5, "entries", e =>
        {
            var kind = e.Enum<AdvantageKind>("kind", "advantage kind");
            if (!columns.TryGetValue(kind, out var column))
                throw e.Error(TaxonomyErrorKind.Schema, $"kind '{PracticeTaxonomy.Name(kind)}' has no column in 'kinds'.");
            var repair = e.OptObj("repair");
            return new Advantage(e.Id, kind, e.Str("item"), column,
                repair?.StrList("fragments", required: true), repair?.Str("reason"),
                e.StrList("related_practices"), e.OptStr("relation"));
        });

        var t6 = files["table6-facilitator.json"];
        var stages = Headers<LifecycleStage>(t6, "stages", "column", "life-cycle stage");
        var rows = Headers<FacilitatorCharacteristic>(t6, "characteristics", "row", "facilitator characteristic");
        var repairs = t6.Entries("repairs", hasId: false).Select(r => new CellRepair(
            r.Enum<FacilitatorCharacteristic>("characteristic", "facilitator characteristic"),
            r.Enum<LifecycleStage>("stage", "life-cycle stage"), r.Str("reason"))).ToList();
        var facilitator = Entries(t6, "entries", e =>
        {
            var ch = e.Enum<FacilitatorCharacteristic>("characteristic", "facilitator characteristic");
            var st = e.Enum<LifecycleStage>("stage", "life-cycle stage");
            if (!rows.TryGetValue(ch, out var row))
                throw e.Error(TaxonomyErrorKind.Schema, $"characteristic '{ch}' has no row in 'characteristics'.");
            if (!stages.TryGetValue(st, out var column))
                throw e.Error(TaxonomyErrorKind.Schema, $"stage '{st}' has no column in 'stages'.");
            return new FacilitatorEntry(e.Id, ch, st, e.Str("item"), row, column, e.StrList("related"));
        });

        var roles = Entries(files["roles.json"], "roles", e =>
            new Role(e.Id, e.OptInt("number"), e.OptStr("parent"), e.Str("name"), e.Trace(), e.Str("summary"), e.StrList("related")));

        var gaps = Entries(files["gaps.json"], "gaps", e => new Gap(e.Id, e.Enum<GapKind>("kind", "gap kind"), e.Str("label"), e.Trace(),
            e.ObjList("places", required: false).Select(p => new PlaceRef(p.Str("country"), p.OptStr("subdivision"))).ToList(),
            e.StrList("nearest"), e.Str("note")));

        var gazetteer = new List<Place>();
        foreach (var e in files["places.json"].Entries("places", hasId: false))
        {
            var name = e.Str("name");
            if (gazetteer.Any(p => p.Name == name))
                throw e.Error(TaxonomyErrorKind.Duplicate, $"place '{name}' is listed twice.");
            origin.TryAdd("place:" + name, (e.File.Display, null));
            gazetteer.Add(new Place(name, e.Str("country"), e.OptStr("subdivision"), e.StrList("forms", required: true), e.OptStr("part_of")));
        }

        return new TaxonomyParts
        {
            Paper = paper,
            Iso = iso,
            Seeds = Path.GetDirectoryName(Path.GetFullPath(paperPath))!,
            Documents = new() { [PracticeTaxonomy.PaperDocument] = paper },
            Origin = origin,
            Types = types.OrderBy(t => t.Type).ToList(),
            Practices = practices,
            StudentPractices = studentPractices,
            Advantages = advantages,
            Stages = stages.OrderBy(s => s.Key).Select(s => (s.Key, s.Value)).ToList(),
            Facilitator = facilitator,
            CellRepairs = repairs,
            Roles = roles,
            Gaps = gaps,
            Places = gazetteer,
        };
    }

    /// <summary>The table header (column or row title) of each value of <typeparamref name="T"/>, from the array <paramref name="array"/>.</summary>
    private static Dictionary<T, string> Headers<T>(TaxonomyJsonFile file, string array, string field, string what) where T : struct, Enum
    {
        var headers = new Dictionary<T, string>();
        foreach (var e in file.Entries(array))
            if (!headers.TryAdd(e.Enum<T>("id", what), e.Str(field)))
                throw e.Error(TaxonomyErrorKind.Duplicate, $"{what} '{e.Id}' is listed twice.");
        return headers;
    }

    /// <summary>A practice of a Table 7-shaped file (Table 7's own, or the students').</summary>
    private static Practice ReadPractice(JsonEntry e)
    {
        var institution = e.Enum<InstitutionType>("institution", "institution type");
        var b = e.OptObj("borderline");
        Borderline? borderline = b is JsonEntry be ? new Borderline(be.Enum<InstitutionType>("other", "institution type"), be.Str("for"), be.Str("against")) : null;
        var locations = e.ObjList("locations").Select(l => new PracticeLocation(
            l.Str("country"), l.Str("paper_country"), l.OptStr("region"), l.OptStr("subdivision"), l.OptStr("subdivision_relation"),
            l.Enum<Support>("support", "support level"),
            l.ObjList("evidence").Select(t => t.AsTrace()).ToList(),
            l.Str("reason"))).ToList();
        return new Practice(e.Id, institution, e.Str("label"), e.Trace(), e.Str("rationale"), borderline, e.OptStr("note"), locations);
    }
}
