using NotebookAnalysis.Transcription;
using NotebookAnalysis.Teaching;
using System.Text.RegularExpressions;
using Microsoft.Data.Analysis;
using NotebookAnalysis.Taxonomy;

namespace NotebookAnalysis.Tests.Taxonomy;

/// <summary>The cross-tab, the gaps and the support findings.</summary>
public sealed class TaxonomyCrossCheckTests(TaxonomyFixture fx) : IClassFixture<TaxonomyFixture>
{
    private PracticeTaxonomy T => fx.Taxonomy;

    [Fact]
    public void Cross_tab_counts_match_the_printed_table()
    {
        // Independent count: for each Table 7 row in the raw paper, the printed country names under each heading.
        var names = new Dictionary<string, string>
        {
            ["Spain"] = "ES", ["Denmark"] = "DK", ["Serbia"] = "RS", ["Russian Federation"] = "RU", ["European Union"] = "EU",
            ["USA"] = "US", ["Germany"] = "DE", ["Japan"] = "JP", ["France"] = "FR", ["India"] = "IN", ["Bangladesh"] = "BD",
            ["Sri Lanka"] = "LK", ["Austria"] = "AT",
        };
        var expected = new Dictionary<(string, string), int>();
        string heading = "";
        int start = Array.FindIndex(fx.PaperLines, l => l.StartsWith("**Table 7.**", StringComparison.Ordinal));
        foreach (var line in fx.PaperLines.Skip(start + 3).TakeWhile(l => !l.StartsWith("Surely", StringComparison.Ordinal)).Where(l => l.Contains('\t')))
        {
            if (line.StartsWith("<i>", StringComparison.Ordinal))
            {
                var h = line.ToLowerInvariant();
                heading = h.Contains("functional") ? "functional" : h.Contains("framework") ? "framework" : h.Contains("regulatory") ? "regulatory" : "mental";
                continue;
            }
            foreach (var (name, code) in names)
                if (line.Split('\t')[1].Contains(name))
                    expected[(heading, code)] = expected.GetValueOrDefault((heading, code)) + 1;
        }

        var tab = T.CrossTab();
        var types = ((StringDataFrameColumn)tab["institution"]).ToList();
        int total = 0;
        foreach (var column in tab.Columns.Where(c => c.Name is not "institution" and not "practices"))
            for (int r = 0; r < types.Count; r++)
            {
                int v = (int)column[r]!;
                Assert.Equal(expected.GetValueOrDefault((types[r]!, column.Name)), v);
                total += v;
            }
        Assert.Equal(expected.Values.Sum(), total);
        Assert.Equal(13, tab.Columns.Count - 2);
        Table7Counts.Pinned(22, (int)((Int32DataFrameColumn)tab["practices"]).Sum()!, "practices in the cross-tab");
    }

    [Fact]
    public void Region_cross_tab_has_one_column_per_printed_place()
    {
        var tab = T.CrossTab(CrossTabLevel.Region);
        var distinctPlaces = T.Practices.SelectMany(p => p.Locations).Select(l => (l.Country, l.Region)).Distinct().Count();
        Assert.Equal(distinctPlaces, tab.Columns.Count - 2);
        var cellSum = tab.Columns.Where(c => c.Name is not "institution" and not "practices").Sum(c => Enumerable.Range(0, 4).Sum(r => (int)c[r]!));
        Assert.Equal(T.Practices.Sum(p => p.Locations.Select(l => (l.Country, l.Region)).Distinct().Count()), cellSum);
    }

    [Fact]
    public void Three_locations_are_unsupported_by_the_text()
    {
        var found = T.UnsupportedLocations().Select(f => $"{f.Practice.Id}/{f.Location.Subdivision ?? f.Location.Country}").ToList();
        Assert.Equal(["T7-F2/DK", "T7-K1/EU", "T7-M2/US-MN"], found);
        foreach (var f in T.UnsupportedLocations())
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Location.Reason));
            Assert.NotEmpty(f.Evidence);
            Assert.NotEmpty(f.PlaceParagraphs); // the text names the place elsewhere
        }
    }

    [Fact]
    public void Minnesota_passages_never_mention_marketing_or_branding()
    {
        // The reason given for T7-M2/US-MN, checked on the text: no paragraph naming Minnesota names marketing, branding or identity.
        var paragraphs = T.Paper.ParagraphsMentioning(["Minnesota"], "4.1");
        Assert.NotEmpty(paragraphs);
        Assert.All(paragraphs, p => Assert.DoesNotMatch("(?i)marketing|brand|identity", p.Text));
        // ... while the Oregon paragraph does.
        Assert.Contains(T.Paper.ParagraphsMentioning(["Oregon"], "4.1"), p => Regex.IsMatch(p.Text, "marketing and branding"));
    }

    [Fact]
    public void Denmark_passages_never_mention_training_of_managers_or_facilitators()
    {
        var paragraphs = T.Paper.ParagraphsMentioning(["Denmark", "Danish"], "4.1");
        Assert.NotEmpty(paragraphs);
        Assert.All(paragraphs, p => Assert.DoesNotMatch("(?i)facilitators'|training of|training program", p.Text));
    }

    [Fact]
    public void Open_government_passage_names_no_place()
    {
        var p = T.Resolve(new Trace("4.1", "regional open government"));
        Assert.False(PaperText.Mentions(p.Context, T.Places.SelectMany(x => x.Forms)));
    }

    [Fact]
    public void Inferred_locations_are_the_role_list_and_the_comparison_sample()
    {
        var inferred = T.Practices.SelectMany(p => p.Locations.Where(l => l.Support == NotebookAnalysis.Taxonomy.Support.Inferred).Select(_ => p.Id)).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["T7-F1"] = 2, ["T7-R2"] = 6 }, inferred);
        Assert.Equal(11, T.UnsupportedLocations(includeInferred: true).Count);
    }

    [Fact]
    public void Places_of_section_4_missing_from_Table7_are_computed_from_the_text()
    {
        var missing = T.PlaceMentions().Where(x => !x.InTable7).Select(m => m.Place.Subdivision).ToList();
        Assert.Equal(["RU-PNZ", "RU-VOR", "RU-LIP", "RU-SAM", "RU-KYA"], missing);
        Assert.All(T.PlaceMentions().Where(x => !x.InTable7), m => Assert.True(m.Mentions > 0));
        // Each is recorded as a gap with its trace.
        foreach (var m in T.PlaceMentions().Where(x => !x.InTable7))
            Assert.Contains(T.Gaps, g => g.Places.Any(p => p.Subdivision == m.Place.Subdivision));
    }

    [Fact]
    public void Every_Table7_location_is_named_somewhere_in_section_4()
    {
        foreach (var p in T.Practices)
            foreach (var l in p.Locations)
            {
                var forms = T.Places.Where(x => x.Country == l.Country && (l.Region is null ? x.Subdivision is null : x.Name == l.Region)).SelectMany(x => x.Forms).ToList();
                Assert.True(forms.Count > 0, $"{p.Id}: {l.DisplayName} is not in the gazetteer");
                Assert.True(forms.Sum(f => T.Paper.CountMentions(f, "4", "4.1", "4.2")) > 0, $"{p.Id}: {l.DisplayName} is never named in section 4");
            }
    }

    [Fact]
    public void Gaps_point_to_passages_no_Table7_row_quotes()
    {
        var table7 = string.Join(" ", T.Paper.Table("Table 7").Rows.SelectMany(r => r.Cells));
        Assert.Equal(29, T.Gaps.Count);
        foreach (var (gap, passage) in T.OmittedFromTable7())
            Assert.DoesNotContain(gap.Trace.Locator, table7);
    }

    [Fact]
    public void Collaborative_advantages_map_to_practices_except_smart_control()
    {
        var map = T.Advantages.Where(a => a.Kind == AdvantageKind.Collaborative).ToDictionary(a => a.Item, a => a.RelatedPractices);
        Assert.Equal(7, map.Count);
        Assert.Empty(map["Smart control systems"]);
        Assert.Equal(["T7-K1"], map["Open government"]);
        Assert.All(map.Where(kv => kv.Key != "Smart control systems"), kv => Assert.NotEmpty(kv.Value));
        // Open government is the one item printed in both tables.
        Assert.Contains("open government", string.Join(" ", T.Paper.Table("Table 7").Rows.Select(r => r.Cell(0))));
    }

    [Fact]
    public void A_student_can_add_a_practice_traced_to_the_text()
    {
        var added = T.WithPractice(new Practice("S-1", InstitutionType.Regulatory, "Balancing short- and long-term goals",
            new Trace("4.1", "balancing the short- and long-term goals"), "A rule of strategy.", null, null,
            [new PracticeLocation("US", "USA", "South Carolina", "US-SC", "exact", NotebookAnalysis.Taxonomy.Support.Supported,
                [new Trace("4.1", "balancing the short- and long-term goals")], "South Carolina's lesson.")]));
        // A student's practice is validated like Table 7's but never counted as Table 7.
        Table7Counts.Pinned(22, added.Practices.Count, "Table 7 practices after WithPractice");
        Assert.Equal(["S-1"], added.StudentPractices.Select(p => p.Id));
        Assert.Equal("S-1", added.PracticesWithStudents[^1].Id);
        var before = (int)T.CrossTab()["US"][2]!;
        Assert.Equal(before, (int)added.CrossTab()["US"][2]!);
        Assert.Equal(before + 1, (int)added.CrossTab(includeStudents: true)["US"][2]!);
        Table7Counts.Pinned(22, T.Practices.Count, "Table 7 practices of the original"); // the original is unchanged
        Assert.Empty(T.StudentPractices); // student-practices.json is empty as shipped
    }

    [Fact]
    public void An_added_practice_is_validated_like_the_bundled_ones()
    {
        var bad = new Practice("S-2", InstitutionType.Mental, "x", new Trace("4.1", "distributed leadership"), "r", null, null,
            [new PracticeLocation("USA", "USA", null, null, null, NotebookAnalysis.Taxonomy.Support.Inferred, [new Trace("4.1", "distributed leadership")], "r")]);
        var e = Assert.Throws<TaxonomyException>(() => T.WithPractice(bad));
        Assert.Equal(TaxonomyErrorKind.CountryNotNormalized, e.Kind);
        Assert.Equal("S-2", e.Entry);
        Assert.Contains("write 'US'", e.Message);

        var dup = bad with { Id = "T7-F1" };
        Assert.Equal(TaxonomyErrorKind.Duplicate, Assert.Throws<TaxonomyException>(() => T.WithPractice(dup)).Kind);
    }
}
