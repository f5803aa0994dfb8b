using NotebookAnalysis.Taxonomy;

namespace NotebookAnalysis.Tests.Taxonomy;

/// <summary>One test per kind of validation error: each names the file and the entry.</summary>
public sealed class TaxonomyValidationTests
{
    private static TaxonomyException Fails(TaxonomyCopy copy, TaxonomyErrorKind kind, string file, string entry)
    {
        var e = Assert.Throws<TaxonomyException>(copy.Load);
        Assert.Equal(kind, e.Kind);
        Assert.EndsWith(file, e.File);
        Assert.Equal(entry, e.Entry);
        Assert.Contains(file, e.Message);
        Assert.Contains(entry, e.Message);
        return e;
    }

    [Fact]
    public void The_unedited_copy_loads()
    {
        using var copy = new TaxonomyCopy();
        Table7Counts.Pinned(22, copy.Load().Practices.Count, "Table 7 practices of the unedited copy");
    }

    [Fact]
    public void Unknown_institution_type()
    {
        using var copy = new TaxonomyCopy().Replace("table7-practices.json",
            "\"id\": \"T7-F3\",\n      \"institution\": \"functional\"", "\"id\": \"T7-F3\",\n      \"institution\": \"operational\"");
        var e = Fails(copy, TaxonomyErrorKind.UnknownValue, "table7-practices.json", "T7-F3");
        Assert.Contains("'operational'", e.Message);
        Assert.True(e.Line > 0);
    }

    [Theory]
    [InlineData("\"country\": \"Spain\"", "'Spain' is not an ISO 3166-1 alpha-2 code; write 'ES'")]
    [InlineData("\"country\": \"es\"", "must be upper case")]
    [InlineData("\"country\": \"XS\"", "'XS' is not an ISO 3166-1 alpha-2 code")]
    public void Country_not_normalised(string country, string expected)
    {
        using var copy = new TaxonomyCopy().Replace("table7-practices.json",
            "{ \"country\": \"ES\", \"paper_country\": \"Spain\", \"region\": \"San Sebastian\", \"subdivision\": \"ES-PV\", \"subdivision_relation\": \"within\",\n          \"support\": \"supported\",\n          \"evidence\": [ { \"section\": \"4.1\", \"locator\": \"cluster-consumer community cooperation\" } ]",
            "{ " + country + ", \"paper_country\": \"Spain\", \"region\": \"San Sebastian\", \"subdivision\": \"ES-PV\", \"subdivision_relation\": \"within\",\n          \"support\": \"supported\",\n          \"evidence\": [ { \"section\": \"4.1\", \"locator\": \"cluster-consumer community cooperation\" } ]");
        var e = Fails(copy, TaxonomyErrorKind.CountryNotNormalized, "table7-practices.json", "T7-F3");
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Subdivision_of_another_country()
    {
        using var copy = new TaxonomyCopy().Replace("table7-practices.json", "\"subdivision\": \"RU-TA\"", "\"subdivision\": \"US-TX\"");
        var e = Fails(copy, TaxonomyErrorKind.CountryNotNormalized, "table7-practices.json", "T7-F4");
        Assert.Contains("belongs to US, not to RU", e.Message);
    }

    [Fact]
    public void Duplicate_id()
    {
        using var copy = new TaxonomyCopy().Replace("roles.json", "\"id\": \"ROLE-3b\"", "\"id\": \"ROLE-3a\"");
        var e = Fails(copy, TaxonomyErrorKind.Duplicate, "roles.json", "ROLE-3a");
        Assert.Contains("used twice", e.Message);
    }

    [Fact]
    public void Duplicate_table7_row()
    {
        // T7-F2 re-pointed at T7-F1's row: both practices would claim line 291.
        using var copy = new TaxonomyCopy().Replace("table7-practices.json",
            "\"locator\": \"training programs for cluster managers\"", "\"locator\": \"ambassador function into operational\"");
        var e = Fails(copy, TaxonomyErrorKind.Duplicate, "table7-practices.json", "T7-F2");
        Assert.Contains("already the practice T7-F1", e.Message);
    }

    [Fact]
    public void Trace_not_found()
    {
        using var copy = new TaxonomyCopy().Replace("gaps.json", "\"locator\": \"distributed leadership\"", "\"locator\": \"distributed management\"");
        var e = Fails(copy, TaxonomyErrorKind.TraceNotFound, "gaps.json", "G10");
        Assert.Contains("does not occur in scope '4.1'", e.Message);
    }

    [Fact]
    public void Trace_in_a_section_that_does_not_exist()
    {
        using var copy = new TaxonomyCopy().Replace("gaps.json", "{ \"section\": \"4.1\", \"locator\": \"distributed leadership\" }", "{ \"section\": \"4.3\", \"locator\": \"distributed leadership\" }");
        Fails(copy, TaxonomyErrorKind.TraceNotFound, "gaps.json", "G10");
    }

    [Fact]
    public void Trace_ambiguous()
    {
        using var copy = new TaxonomyCopy().Replace("roles.json", "\"locator\": \"social entrepreneurs fulfilling\"", "\"locator\": \"social entrepreneurs\"");
        var e = Fails(copy, TaxonomyErrorKind.TraceAmbiguous, "roles.json", "ROLE-3d");
        Assert.Contains("occurs 2 times", e.Message);
        Assert.Contains("line 174", e.Message);
        Assert.Contains("line 248", e.Message);
    }

    [Fact]
    public void Institution_differs_from_the_printed_heading()
    {
        using var copy = new TaxonomyCopy().Replace("table7-practices.json",
            "\"id\": \"T7-M3\",\n      \"institution\": \"mental\"", "\"id\": \"T7-M3\",\n      \"institution\": \"functional\"");
        var e = Fails(copy, TaxonomyErrorKind.Inconsistent, "table7-practices.json", "T7-M3");
        Assert.Contains("Mental institution practices", e.Message);
    }

    [Fact]
    public void Country_cell_names_a_place_no_location_records()
    {
        using var copy = new TaxonomyCopy().Replace("table7-practices.json",
            ",\n        { \"country\": \"RS\", \"paper_country\": \"Serbia\"", ",\n        { \"country\": \"RS\", \"paper_country\": \"Srbija\"");
        var e = Fails(copy, TaxonomyErrorKind.Inconsistent, "table7-practices.json", "T7-F2");
        Assert.Contains("'Srbija' is not in the row's country cell", e.Message);
    }

    [Fact]
    public void Supported_location_whose_evidence_does_not_name_it()
    {
        using var copy = new TaxonomyCopy().Replace("table7-practices.json",
            "\"evidence\": [ { \"section\": \"4.1\", \"locator\": \"facilitators' education and training\" } ]",
            "\"evidence\": [ { \"section\": \"4.1\", \"locator\": \"Cluster development case of Denmark\" } ]");
        var e = Fails(copy, TaxonomyErrorKind.Inconsistent, "table7-practices.json", "T7-F2");
        Assert.Contains("marked supported", e.Message);
    }

    [Fact]
    public void Table5_repair_missing()
    {
        using var copy = new TaxonomyCopy().Replace("table5-advantages.json",
            "\"item\": \"Cluster progress\"", "\"item\": \"Business network development level Cluster progress\"");
        // The edited item no longer matches a run of cells; the original cell is left uncovered.
        Assert.Throws<TaxonomyException>(copy.Load);
    }

    [Fact]
    public void Table5_repair_that_does_not_match_the_transcription()
    {
        using var copy = new TaxonomyCopy().Replace("table5-advantages.json",
            "\"fragments\": [\"Transport infrastructure\", \"development\"]", "\"fragments\": [\"Transport\", \"infrastructure development\"]");
        var e = Fails(copy, TaxonomyErrorKind.Inconsistent, "table5-advantages.json", "T5-CP6");
        // A bad-input message: it names what the transcription holds, so the wording is the point.
        Assert.Contains("the transcription has [Transport infrastructure | development]", e.Message);
    }

    [Fact]
    public void Table6_items_that_do_not_rebuild_the_cell()
    {
        using var copy = new TaxonomyCopy().Replace("table6-facilitator.json",
            "{ \"id\": \"T6-EE2\", \"characteristic\": \"expertise\", \"stage\": \"eventual\", \"item\": \"Event-management\", \"related\": [\"T7-K3\"] },\n", "");
        var e = Fails(copy, TaxonomyErrorKind.Inconsistent, "table6-facilitator.json", "T6-EE1");
        Assert.Contains("rebuild \"Fundraising Lobbying\"", e.Message);
    }

    [Fact]
    public void Missing_field()
    {
        using var copy = new TaxonomyCopy().Replace("gaps.json", "\"label\": \"Distributed leadership across member organisations\",", "");
        var e = Fails(copy, TaxonomyErrorKind.Schema, "gaps.json", "G10");
        Assert.Contains("field 'label'", e.Message);
    }

    [Fact]
    public void Unknown_reference()
    {
        using var copy = new TaxonomyCopy().Replace("gaps.json", "\"nearest\": [\"T7-R5\"]", "\"nearest\": [\"T7-R9\"]");
        var e = Fails(copy, TaxonomyErrorKind.Inconsistent, "gaps.json", "G10");
        Assert.Contains("'T7-R9'", e.Message);
    }

    // --- Table 7's rules from SCHEMA.md, and the students' file checked by the same rules ---

    private const string StudentPractice = """
        {
          "id": "S-1", "institution": "regulatory", "label": "Balancing short- and long-term goals of clusters",
          "trace": { "section": "4.1", "locator": "balancing the short- and long-term goals" },
          "rationale": "Setting the time horizon of cluster goals is strategizing.", "borderline": null,
          "locations": [ { "country": "COUNTRY", "paper_country": "USA", "region": "South Carolina", "subdivision": "US-SC", "subdivision_relation": "exact",
            "support": "supported", "evidence": [ { "section": "4.1", "locator": "balancing the short- and long-term goals" } ], "reason": "A lesson of the South Carolina case." } ]
        }
        """;

    private static TaxonomyCopy WithStudentPractice(string id = "S-1", string country = "US", string? trace = null)
    {
        var entry = StudentPractice.Replace("\"S-1\"", $"\"{id}\"").Replace("COUNTRY", country);
        if (trace is not null) entry = entry.Replace("\"trace\": { \"section\": \"4.1\", \"locator\": \"balancing the short- and long-term goals\" }", trace);
        return new TaxonomyCopy().Replace(TaxonomyPaths.StudentFile, "\"practices\": []", $"\"practices\": [\n{entry}\n]");
    }

    [Fact]
    public void A_student_practice_loads_beside_Table7_and_is_not_counted_as_Table7()
    {
        using var copy = WithStudentPractice();
        var t = copy.Load();
        Table7Counts.Pinned(22, t.Practices.Count, "Table 7 practices with a student's practice on file");
        Assert.Equal(["S-1"], t.StudentPractices.Select(p => p.Id));
        Assert.Equal(23, t.PracticesWithStudents.Count);
        Assert.EndsWith(TaxonomyPaths.StudentFile, t.Origin("S-1").File);
    }

    [Fact]
    public void A_student_practice_is_checked_by_Table7s_rules()
    {
        using var copy = WithStudentPractice(country: "USA");
        var e = Fails(copy, TaxonomyErrorKind.CountryNotNormalized, TaxonomyPaths.StudentFile, "S-1");
        Assert.Contains("write 'US'", e.Message);
        Assert.True(e.Line > 0);
    }

    [Fact]
    public void A_student_practice_may_not_take_a_Table7_id()
    {
        using var copy = WithStudentPractice(id: "T7-R6");
        var e = Fails(copy, TaxonomyErrorKind.Schema, TaxonomyPaths.StudentFile, "T7-R6");
        Assert.Contains("student-practices.json, not to table7-practices.json", e.Message);
    }

    [Fact]
    public void A_student_practice_may_not_trace_into_Table7()
    {
        using var copy = WithStudentPractice(trace: "\"trace\": { \"section\": \"Table 7\", \"locator\": \"cluster ambassador function\" }");
        var e = Fails(copy, TaxonomyErrorKind.Inconsistent, TaxonomyPaths.StudentFile, "S-1");
        Assert.Contains("cannot trace into Table 7", e.Message);
    }

    [Fact]
    public void A_practice_added_to_the_Table7_file_is_sent_to_the_students_file()
    {
        // What notebook 06 once suggested: a practice from section 4.1 appended to table7-practices.json.
        var entry = StudentPractice.Replace("\"S-1\"", "\"T7-R6\"").Replace("COUNTRY", "US");
        using var copy = new TaxonomyCopy().Replace("table7-practices.json", "\"practices\": [", "\"practices\": [\n" + entry.Trim() + ",");
        var e = Fails(copy, TaxonomyErrorKind.Inconsistent, "table7-practices.json", "T7-R6");
        // The message tells the student where their practices go: the wording is the point.
        Assert.Contains("Table 7 of the paper lists 22 practices; add your own to student-practices.json, not to table7-practices.json", e.Message);
    }

    [Fact]
    public void Table7_ids_number_each_type_in_table_order()
    {
        using var copy = new TaxonomyCopy().Replace("table7-practices.json", "\"id\": \"T7-F3\"", "\"id\": \"T7-K3x\"");
        var e = Fails(copy, TaxonomyErrorKind.Inconsistent, "table7-practices.json", "T7-K3x");
        Assert.Contains("its id is 'T7-F3'", e.Message);
    }

    [Fact]
    public void Borderline_type_differs_from_the_practices_own()
    {
        using var copy = new TaxonomyCopy().Replace("table7-practices.json",
            "\"borderline\": { \"other\": \"mental\", \"for\": \"What the ambassador", "\"borderline\": { \"other\": \"functional\", \"for\": \"What the ambassador");
        var e = Fails(copy, TaxonomyErrorKind.Inconsistent, "table7-practices.json", "T7-F1");
        Assert.Contains("the practice's own type", e.Message);
    }

    [Fact]
    public void Evidence_lies_in_section_4()
    {
        using var copy = new TaxonomyCopy().Replace("table7-practices.json",
            "{ \"section\": \"4.1\", \"locator\": \"Spanish ceramics manufacturing cluster\" }", "{ \"section\": \"1\", \"locator\": \"impact of the spatial factor\" }");
        var e = Fails(copy, TaxonomyErrorKind.Inconsistent, "table7-practices.json", "T7-F1");
        Assert.Contains("outside section 4", e.Message);
    }

    [Fact]
    public void Gap_traces_into_4_1_or_4_2()
    {
        using var copy = new TaxonomyCopy().Replace("gaps.json",
            "{ \"section\": \"4.1\", \"locator\": \"distributed leadership\" }", "{ \"section\": \"1\", \"locator\": \"impact of the spatial factor\" }");
        var e = Fails(copy, TaxonomyErrorKind.Inconsistent, "gaps.json", "G10");
        Assert.Contains("4.1 or 4.2", e.Message);
    }

    /// <summary>Edits one Table 7 practice of the copy as JSON (the files' layout does not matter).</summary>
    private static TaxonomyCopy EditPractice(string id, Action<System.Text.Json.Nodes.JsonObject> edit)
    {
        var copy = new TaxonomyCopy();
        var path = copy.PathOf("table7-practices.json");
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var practices = root["practices"]!.AsArray();
        var practice = practices.Single(p => (string?)p!["id"] == id)!.AsObject();
        edit(practice);
        File.WriteAllText(path, root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return copy;
    }

    [Fact]
    public void A_practice_needs_locations()
    {
        using var copy = EditPractice("T7-K2", p => p["locations"] = new System.Text.Json.Nodes.JsonArray());
        Assert.Contains("no locations", Fails(copy, TaxonomyErrorKind.Schema, "table7-practices.json", "T7-K2").Message);
    }

    [Fact]
    public void A_location_needs_evidence()
    {
        using var copy = EditPractice("T7-K2", p => p["locations"]![0]!["evidence"] = new System.Text.Json.Nodes.JsonArray());
        Assert.Contains("no evidence trace", Fails(copy, TaxonomyErrorKind.Schema, "table7-practices.json", "T7-K2").Message);
    }

    [Fact]
    public void A_location_is_listed_once()
    {
        using var copy = EditPractice("T7-K2", p => p["locations"]!.AsArray().Add(p["locations"]![0]!.DeepClone()));
        Assert.Contains("listed twice", Fails(copy, TaxonomyErrorKind.Duplicate, "table7-practices.json", "T7-K2").Message);
    }

    [Fact]
    public void Subdivision_relation_goes_with_a_subdivision()
    {
        using var copy = EditPractice("T7-R1", p => p["locations"]![0]!["subdivision_relation"] = "near");
        Assert.Contains("'subdivision_relation'", Fails(copy, TaxonomyErrorKind.Schema, "table7-practices.json", "T7-R1").Message);
    }

    [Fact]
    public void Every_Table7_row_is_traced()
    {
        using var copy = new TaxonomyCopy();
        var path = copy.PathOf("table7-practices.json");
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        root["practices"]!.AsArray().RemoveAt(21); // T7-M4, the last row
        File.WriteAllText(path, root.ToJsonString());
        var e = Assert.Throws<TaxonomyException>(copy.Load);
        Assert.Equal(TaxonomyErrorKind.Inconsistent, e.Kind);
        Assert.Contains("no practice traces this row", e.Message);
    }
}
