using NotebookAnalysis.Transcription;
using NotebookAnalysis.Teaching;
using System.Globalization;
using System.Text.RegularExpressions;
using NotebookAnalysis.Taxonomy;

namespace NotebookAnalysis.Tests.Taxonomy;

/// <summary>Counts and traces of the bundled data, checked against the paper read independently of the library.</summary>
public sealed class TaxonomyLoadTests(TaxonomyFixture fx) : IClassFixture<TaxonomyFixture>
{
    private PracticeTaxonomy T => fx.Taxonomy;

    /// <summary>Table 7's practice rows, parsed here by plain line rules: tab-separated lines between the caption and the conclusion paragraph, minus headings.</summary>
    private List<(int Line, string Heading, string Practice, string Countries)> RawTable7()
    {
        var rows = new List<(int, string, string, string)>();
        int start = Array.FindIndex(fx.PaperLines, l => l.StartsWith("**Table 7.**", StringComparison.Ordinal));
        string heading = "";
        bool header = true;
        for (int i = start; i < fx.PaperLines.Length && !fx.PaperLines[i].StartsWith("Surely", StringComparison.Ordinal); i++)
        {
            var line = fx.PaperLines[i];
            if (!line.Contains('\t')) continue;
            if (header) { header = false; continue; }
            var cells = line.Split('\t');
            if (line.StartsWith("<i>", StringComparison.Ordinal)) { heading = Regex.Replace(cells[0], "<[^>]+>", ""); continue; }
            rows.Add((i + 1, heading, cells[0], cells[1]));
        }
        return rows;
    }

    [Fact]
    public void Table7_has_22_practices_each_on_its_own_row_in_paper_order()
    {
        var raw = RawTable7();
        Table7Counts.Pinned(22, raw.Count, "rows of Table 7 in seeds/paper.md");
        Table7Counts.Pinned(raw.Count, T.Practices.Count, "practices in table7-practices.json");
        var lines = T.Practices.Select(p => T.Resolve(p.Trace).FirstLine).ToList();
        Assert.Equal(raw.Select(r => r.Line), lines);
        for (int i = 0; i < raw.Count; i++)
            Assert.Contains(T.Practices[i].Trace.Locator, raw[i].Practice);
    }

    [Fact]
    public void Each_practice_has_the_institution_type_of_its_printed_heading()
    {
        static InstitutionType FromHeading(string h) =>
            h.Contains("functional") ? InstitutionType.Functional :
            h.Contains("framework") ? InstitutionType.Framework :
            h.Contains("regulatory") ? InstitutionType.Regulatory :
            h.StartsWith("Mental", StringComparison.Ordinal) ? InstitutionType.Mental :
            throw new InvalidOperationException(h);
        var raw = RawTable7();
        Assert.Equal(raw.Select(r => FromHeading(r.Heading)), T.Practices.Select(p => p.Institution));
        Table7Counts.Pinned([4, 9, 5, 4], Enum.GetValues<InstitutionType>().Select(ty => T.Practices.Count(p => p.Institution == ty)), "Table 7 practices per institution type");
    }

    [Fact]
    public void Every_country_and_region_of_Table7_is_recorded_and_normalised()
    {
        // Printed names → ISO alpha-2, written out here independently of the data files.
        var codes = new Dictionary<string, string>
        {
            ["Spain"] = "ES", ["Denmark"] = "DK", ["Serbia"] = "RS", ["Russian Federation"] = "RU", ["European Union"] = "EU",
            ["USA"] = "US", ["Germany"] = "DE", ["Japan"] = "JP", ["France"] = "FR", ["India"] = "IN", ["Bangladesh"] = "BD",
            ["Sri Lanka"] = "LK", ["Austria"] = "AT",
        };
        var raw = RawTable7();
        for (int i = 0; i < raw.Count; i++)
        {
            var printed = codes.Where(kv => raw[i].Countries.Contains(kv.Key)).Select(kv => kv.Value).OrderBy(c => c).ToList();
            var data = T.Practices[i].Locations.Select(l => l.Country).Distinct().OrderBy(c => c).ToList();
            Assert.Equal(printed, data);
            foreach (var l in T.Practices[i].Locations)
            {
                Assert.Matches("^[A-Z]{2}$", l.Country);
                if (l.Region is not null) Assert.Contains(l.Region, raw[i].Countries);
                if (l.Subdivision is not null) Assert.StartsWith(l.Country + "-", l.Subdivision);
            }
        }
        Table7Counts.Pinned(37, T.Practices.Sum(p => p.Locations.Count), "Table 7 locations");
    }

    [Fact]
    public void Table5_has_8_8_7_cells_and_5_repairs_matching_the_transcription()
    {
        Assert.Equal([8, 8, 7], Enum.GetValues<AdvantageKind>().Select(k => T.Advantages.Count(a => a.Kind == k)));
        // Independent: the lines of Table 5 whose cell in some column starts with a lower-case letter are the broken ones.
        int start = Array.FindIndex(fx.PaperLines, l => l.StartsWith("**Table 5.**", StringComparison.Ordinal));
        int brokenCells = 0;
        for (int i = start + 1; i < start + 14; i++)
            if (fx.PaperLines[i].Contains('\t') && !fx.PaperLines[i].Contains("<i>"))
                brokenCells += fx.PaperLines[i].Split('\t').Count(c => c.Trim().Length > 0 && char.IsLower(c.Trim()[0]));
        var repaired = T.Advantages.Where(a => a.RepairFragments is not null).ToList();
        Assert.Equal(brokenCells, repaired.Sum(a => a.RepairFragments!.Count - 1));
        Assert.Equal(5, repaired.Count);
        Assert.Contains(repaired, a => a.Item == "Business network development level");
        Assert.Contains(repaired, a => a.Item == "Transport infrastructure development");
        foreach (var a in repaired)
        {
            var p = T.Resolve(a.Trace);
            Assert.Equal(a.RepairFragments!.Count, p.LastLine - p.FirstLine + 1);
            Assert.False(string.IsNullOrWhiteSpace(a.RepairReason));
        }
    }

    [Fact]
    public void Table6_items_rebuild_every_cell()
    {
        int line = Array.FindIndex(fx.PaperLines, l => l.StartsWith("Functions\t", StringComparison.Ordinal));
        Assert.True(line > 0);
        var stages = Enum.GetValues<LifecycleStage>();
        foreach (var (characteristic, raw) in new[] { (FacilitatorCharacteristic.Functions, fx.PaperLines[line]), (FacilitatorCharacteristic.Expertise, fx.PaperLines[line + 1]) })
        {
            var cells = raw.Split('\t');
            for (int s = 0; s < stages.Length; s++)
            {
                var items = T.FacilitatorEntries.Where(e => e.Characteristic == characteristic && e.Stage == stages[s]).Select(e => e.Item);
                Assert.Equal(cells[s + 1].Trim(), string.Join(" ", items));
            }
        }
        Assert.Equal([6, 5, 4, 3, 4, 4], new[] { FacilitatorCharacteristic.Functions, FacilitatorCharacteristic.Expertise }
            .SelectMany(c => stages.Select(s => T.FacilitatorEntries.Count(e => e.Characteristic == c && e.Stage == s))));
        Assert.Equal(26, T.FacilitatorEntries.Count);
    }

    [Fact]
    public void Five_roles_with_four_kinds_of_clustrepreneurs()
    {
        var top = T.Roles.Where(r => r.Parent is null).ToList();
        Assert.Equal([1, 2, 3, 4, 5], top.Select(r => r.Number!.Value));
        var clustrepreneurs = top.Single(r => r.Name == "Clustrepreneurs");
        Assert.Equal(4, T.Roles.Count(r => r.Parent == clustrepreneurs.Id));
        // The numbered list items of section 4.1, counted in the raw text.
        Assert.Equal(5, fx.PaperLines.Count(l => Regex.IsMatch(l, @"^- \d\) ")));
        foreach (var r in top)
            Assert.Matches($@"^- {r.Number}\) ", fx.PaperLines[T.Resolve(r.Trace).FirstLine - 1]);
    }

    [Fact]
    public void Every_trace_resolves_to_one_place_whose_raw_lines_hold_the_locator()
    {
        var all = T.AllTraces();
        int expected = 4 + T.Practices.Count + T.Practices.Sum(p => p.Locations.Sum(l => l.Evidence.Count))
            + T.Advantages.Count + T.FacilitatorEntries.Count + T.Roles.Count + T.Gaps.Count;
        Assert.Equal(expected, all.Count);
        foreach (var e in all)
        {
            var p = e.Passage;
            var raw = string.Join(" ", fx.PaperLines[(p.FirstLine - 1)..p.LastLine]);
            var flat = Regex.Replace(Regex.Replace(raw, "<[^>]+>", ""), @"\s+", " ");
            if (p.Fragments.Count > 1)
                Assert.All(p.Fragments, f => Assert.Contains(f, flat));
            else
                Assert.Contains(p.Trace.Locator, flat);
            // Exactly one place: the library's own search finds no second match.
            Assert.Single(T.Paper.FindAll(p.Trace));
        }
    }

    [Fact]
    public void Evidence_and_gaps_trace_into_section_4()
    {
        Assert.All(T.Practices.SelectMany(p => p.Locations).SelectMany(l => l.Evidence), e => Assert.Contains(e.Section, new[] { "4.1", "4.2" }));
        Assert.All(T.Gaps, g => Assert.Contains(g.Trace.Section, new[] { "4.1", "4.2" }));
    }

    [Fact]
    public void Data_hold_only_short_locators_from_the_paper()
    {
        // Copy no sentences: every locator is a few words, and no label or reason repeats 8 consecutive words of the paper.
        var paperWords = Regex.Split(string.Join(" ", fx.PaperLines), @"\W+").Where(w => w.Length > 0).ToArray();
        var shingles = new HashSet<string>(Enumerable.Range(0, paperWords.Length - 7).Select(i => string.Join(" ", paperWords[i..(i + 8)]).ToLowerInvariant()));
        foreach (var e in T.AllTraces())
            Assert.True(e.Passage.Trace.Locator.Split(' ').Length <= 8, $"{e.Id}: locator too long");
        var texts = T.Practices.SelectMany(p => new[] { p.Label, p.Rationale, p.Note ?? "", p.Borderline?.For ?? "", p.Borderline?.Against ?? "" }
                .Concat(p.Locations.Select(l => l.Reason)))
            .Concat(T.Gaps.SelectMany(g => new[] { g.Label, g.Note }))
            .Concat(T.Roles.Select(r => r.Summary))
            .Concat(T.InstitutionTypes.Select(x => x.Meaning));
        foreach (var text in texts)
        {
            var w = Regex.Split(text, @"\W+").Where(x => x.Length > 0).ToArray();
            for (int i = 0; i + 8 <= w.Length; i++)
                Assert.DoesNotContain(string.Join(" ", w[i..(i + 8)]).ToLowerInvariant(), shingles);
        }
    }

    [Fact]
    public void Frames_have_one_row_per_entry()
    {
        Table7Counts.Pinned(22, (int)T.PracticesFrame().Rows.Count, "rows of PracticesFrame");
        Assert.Equal(23, T.AdvantagesFrame().Rows.Count);
        Assert.Equal(5, T.RepairsFrame().Rows.Count);
        Assert.Equal(26, T.FacilitatorFrame().Rows.Count);
        Assert.Equal(10, T.RolesFrame().Rows.Count);
        Assert.Equal(T.Gaps.Count, T.GapsFrame().Rows.Count);
        var matrix = T.LifecycleMatrix();
        Assert.Equal(2, matrix.Rows.Count);
        Assert.Equal(4, matrix.Columns.Count);
    }

    [Fact]
    public void Outputs_are_identical_under_ru_RU()
    {
        string Render()
        {
            var t = PracticeTaxonomy.LoadBundled();
            return string.Join("\n---\n", t.Summary(), t.CrossTab().ToString(), t.CrossTab(CrossTabLevel.Region).ToString(),
                t.PlacesFrame().ToString(), t.UnsupportedFrame(true).ToString());
        }
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            var invariant = Render();
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ru-RU");
            Assert.Equal(invariant, Render());
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }
}
