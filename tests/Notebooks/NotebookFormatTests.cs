using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using NotebookAnalysis.Data;
using NotebookAnalysis.NotebookRunner;

namespace NotebookAnalysis.Tests.Notebooks;

/// <summary>The notebooks' structure and conventions, and the runner's file handling, checked in process.</summary>
public sealed class NotebookFormatTests(ITestOutputHelper output)
{
    public static TheoryData<string> Notebooks() => RunnerHarness.Notebooks();

    private static string PathOf(string notebook) => Path.Combine(ProjectPaths.Root, "notebooks", notebook);

    /// <summary>Package versions pinned in Directory.Packages.props.</summary>
    internal static IReadOnlyDictionary<string, string> PinnedVersions() =>
        XDocument.Load(Path.Combine(ProjectPaths.Root, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_is_valid_nbformat_4_5(string notebook)
    {
        var problems = NotebookValidator.NbformatProblems(NotebookFile.Load(PathOf(notebook)));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_follows_the_conventions_and_pins_the_central_versions(string notebook)
    {
        var file = NotebookFile.Load(PathOf(notebook));
        var problems = NotebookConventions.Problems(file, PinnedVersions()).Concat(NotebookMetadata.Differences(file)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// A notebook as Jupyter saves it after <c>nbconvert --execute</c>: its kernel's language_info, a timestamp on
    /// every code cell, the outputs its kernel injects in the first cell, keys sorted, one-space indent.
    /// </summary>
    internal static string AsSavedByJupyter(string notebook)
    {
        var root = JsonNode.Parse(File.ReadAllText(PathOf(notebook)))!.AsObject();
        root["metadata"]!["language_info"] = new JsonObject
        {
            ["file_extension"] = ".cs", ["mimetype"] = "text/x-csharp", ["name"] = "C#", ["pygments_lexer"] = "csharp", ["version"] = "13.0",
        };
        var injected = JsonNode.Parse(File.ReadAllText(Path.Combine(ProjectPaths.Root, "tests", "Notebooks", "Fixtures", "jupyter-kernel-injected-outputs.json")))!["outputs"]!.AsArray();
        bool first = true;
        foreach (var cell in root["cells"]!.AsArray().Where(c => (string?)c!["cell_type"] == "code"))
        {
            cell!["metadata"]!["execution"] = new JsonObject
            {
                ["iopub.execute_input"] = "2026-11-29T15:11:21.917251Z", ["iopub.status.busy"] = "2026-11-29T15:11:21.897540Z",
                ["iopub.status.idle"] = "2026-11-29T15:11:27.213664Z", ["shell.execute_reply"] = "2026-11-29T15:11:27.193652Z",
            };
            if (first)
            {
                var outputs = cell["outputs"]!.AsArray();
                for (int i = injected.Count - 1; i >= 0; i--) outputs.Insert(i == 0 ? 0 : Math.Min(1, outputs.Count), injected[i]!.DeepClone()); // after the cell's own first output, if any
                first = false;
            }
        }
        var options = new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true, IndentSize = 1, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        return Sorted(root)!.ToJsonString(options) + "\n";
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Sorted(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };

    [Fact]
    public void A_notebook_saved_by_Jupyter_is_accepted_compares_equal_and_normalises_back_to_the_committed_file()
    {
        var saved = NotebookFile.Parse(Encoding.UTF8.GetBytes(AsSavedByJupyter("01-data.ipynb")), "saved-by-jupyter.ipynb");
        var committed = NotebookFile.Load(PathOf("01-data.ipynb"));

        Assert.Empty(NotebookValidator.NbformatProblems(saved));
        Assert.Empty(NotebookConventions.Problems(saved, PinnedVersions()));
        var differences = NotebookMetadata.Differences(saved);
        // Jupyter's language_info is the canonical one (what its kernel reports), so only the cells differ.
        Assert.DoesNotContain(differences, d => d.StartsWith("the notebook metadata", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.Contains("execution timestamps"));
        Assert.Contains(differences, d => d.Contains("probe script"));
        // --check's comparison leaves out what the kernel injected and ignores metadata.
        Assert.Null(OutputComparison.FirstDifference(committed, saved));

        // Writing back (with the first cell's fresh outputs, as a run gives) restores the committed document.
        var firstCode = committed.Cells.First(c => c.CellType == "code");
        var fresh = new Dictionary<int, (JsonArray, int?)> { [firstCode.Number] = ((JsonArray)firstCode.Outputs!.DeepClone(), 1) };
        var written = NotebookFile.Parse(saved.Rewrite(fresh, sources: null), "written.ipynb");
        Assert.Empty(NotebookMetadata.Differences(written));
        Assert.True(JsonNode.DeepEquals(committed.Root, written.Root), "the normalised file differs from the committed one");
    }

    [Fact]
    public void Kernel_injected_outputs_are_recognised_and_warnings_are_not()
    {
        var injected = JsonNode.Parse(File.ReadAllText(Path.Combine(ProjectPaths.Root, "tests", "Notebooks", "Fixtures", "jupyter-kernel-injected-outputs.json")))!["outputs"]!.AsArray();
        Assert.All(injected, o => Assert.True(OutputComparison.IsKernelInjected(o!.AsObject())));
        var warning = new JsonObject { ["name"] = "stderr", ["output_type"] = "stream", ["text"] = "warning CS1701: Assuming assembly reference …" };
        // The notebooks restore no NuGet package any more, but a cell that does shows this list itself, headless too.
        var packages = new JsonObject
        {
            ["data"] = new JsonObject { ["text/html"] = "<div><div></div><div></div><div><strong>Installed Packages</strong><ul><li><span>ScottPlot, 5.1.59</span></li></ul></div></div>" },
            ["metadata"] = new JsonObject(),
            ["output_type"] = "display_data",
        };
        Assert.False(OutputComparison.IsKernelInjected(warning));
        Assert.False(OutputComparison.IsKernelInjected(packages)); // "Installed Packages" is the cell's own output, headless too
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Rewriting_the_stored_outputs_reproduces_the_file_byte_for_byte(string notebook)
    {
        var file = NotebookFile.Load(PathOf(notebook));
        var same = file.Cells.Where(c => c.CellType == "code").ToDictionary(
            c => c.Number,
            c => ((JsonArray)c.Outputs!.DeepClone(), (int?)(file.Root["cells"]![c.Number - 1]!["execution_count"] as JsonValue)?.GetValue<int>()));
        Assert.Equal(file.Bytes.ToArray(), file.Rewrite(same, sources: null));
    }

    [Fact]
    public void A_foreign_layout_is_written_back_in_the_layout_Jupyter_writes()
    {
        // Two-space indent, CRLF, non-ASCII source, keys in an unusual order, a multi-line stored output.
        var original = "{\r\n  \"metadata\": {},\r\n  \"cells\": [\r\n    {\r\n      \"source\": [\"var s = \\\"ü\\\";\"],\r\n" +
                       "      \"outputs\": [ {\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": [\"a\\n\", \"b\"]} ],\r\n" +
                       "      \"metadata\": {},\r\n      \"id\": \"a-1\",\r\n      \"execution_count\": 7,\r\n      \"cell_type\": \"code\"\r\n    }\r\n  ],\r\n" +
                       "  \"nbformat\": 4,\r\n  \"nbformat_minor\": 5\r\n}\r\n";
        var file = NotebookFile.Parse(Encoding.UTF8.GetBytes(original), "foreign.ipynb");
        var outputs = new JsonArray(new JsonObject { ["name"] = "stdout", ["output_type"] = "stream", ["text"] = new JsonArray("ö\n") });
        var text = Encoding.UTF8.GetString(file.Rewrite(new Dictionary<int, (JsonArray, int?)> { [1] = (outputs, 1) }, sources: null));

        // The file's key order, one-space indent, LF, non-ASCII unescaped; the metadata made canonical.
        Assert.StartsWith("{\n \"metadata\": {\n  \"kernelspec\": {", text);
        Assert.Contains("\n   \"source\": [\n    \"var s = \\\"ü\\\";\"\n   ],\n   \"outputs\": [\n    {\n     \"name\": \"stdout\",\n     \"output_type\": \"stream\",\n     \"text\": [\n      \"ö\\n\"\n     ]\n    }\n   ],\n", text);
        Assert.Contains("\"execution_count\": 1,\n   \"cell_type\": \"code\"\n", text);
        Assert.EndsWith("\"nbformat_minor\": 5\n}\n", text);
        Assert.DoesNotContain("\r", text);
        Assert.Empty(NotebookMetadata.Differences(NotebookFile.Parse(Encoding.UTF8.GetBytes(text), "written.ipynb")));
    }

    [Fact]
    public void Validator_reports_missing_ids_and_wrong_pins()
    {
        var json = File.ReadAllText(PathOf("01-data.ipynb"));
        var root = JsonNode.Parse(json)!.AsObject();
        root["cells"]![0]!.AsObject().Remove("id");
        var first = root["cells"]!.AsArray().First(c => (string?)c!["cell_type"] == "code")!;
        var source = NotebookFile.JoinSource(first["source"]);
        // The notebooks #r no NuGet package; a pin that disagrees with Directory.Packages.props must still be caught.
        first["source"] = "#r \"nuget: ScottPlot, 5.1.57\"\n" + source;
        var file = NotebookFile.Parse(Encoding.UTF8.GetBytes(root.ToJsonString()), "mutated.ipynb");

        Assert.Contains(NotebookValidator.NbformatProblems(file), p => p.Contains("cell 1") && p.Contains("id"));
        Assert.Contains(NotebookConventions.Problems(file, PinnedVersions()), p => p.Contains("ScottPlot 5.1.57") && p.Contains("5.1.59"));
    }

    [Fact]
    public void Validator_reports_a_missing_setup_call_and_a_formatter_registered_in_a_cell()
    {
        var root = JsonNode.Parse(File.ReadAllText(PathOf("01-data.ipynb")))!.AsObject();
        var code = root["cells"]!.AsArray().Where(c => (string?)c!["cell_type"] == "code").ToList();
        code[0]!["source"] = NotebookFile.JoinSource(code[0]!["source"]).Replace(NotebookConventions.SetupCall, "", StringComparison.Ordinal);
        code[1]!["source"] = NotebookFile.JoinSource(code[1]!["source"]) + "\nFormatter.Register<string>(s => s, \"text/plain\");";
        var problems = NotebookConventions.Problems(NotebookFile.Parse(Encoding.UTF8.GetBytes(root.ToJsonString()), "mutated.ipynb"), PinnedVersions());
        Assert.Contains(problems, p => p.Contains(NotebookConventions.SetupCall) && p.Contains("must reference the library"));
        Assert.Contains(problems, p => p.Contains("registers a formatter"));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void No_notebook_registers_a_formatter_and_each_starts_with_the_one_setup_call(string notebook)
    {
        var code = NotebookFile.Load(PathOf(notebook)).Cells.Where(c => c.CellType == "code").ToList();
        Assert.All(code, c => Assert.DoesNotContain("Formatter.", c.Source));
        if (code.Count > 0)
        {
            var lines = code[0].Source.Split('\n');
            int setup = Array.IndexOf(lines, NotebookConventions.SetupCall);
            Assert.True(setup > 0 && lines[..setup].All(l => l.StartsWith("#r ", StringComparison.Ordinal)),
                $"{notebook}: the first cell must be #r lines, then {NotebookConventions.SetupCall}");
        }
    }

    [Fact]
    public void Masking_hides_generated_ids_and_timestamps_but_not_values()
    {
        JsonArray Out(string html) => new(new JsonObject { ["data"] = new JsonObject { ["text/html"] = html }, ["metadata"] = new JsonObject(), ["output_type"] = "display_data" });
        Assert.True(OutputComparison.SameAfterMasking(Out("<table id=\"table_639313778627511113\"><td>3.7</td>"), Out("<table id=\"table_639313778767103254\"><td>3.7</td>")));
        Assert.True(OutputComparison.SameAfterMasking(Out("run at 2026-11-27T12:00:01Z, 0f8fad5b-d9cb-469f-a165-70867728950e"), Out("run at 2026-11-28T09:30:00Z, 7c9e6679-7425-40de-944b-e07fc1f90ae7")));
        Assert.False(OutputComparison.SameAfterMasking(Out("<table id=\"table_639313778627511113\"><td>3.7</td>"), Out("<table id=\"table_639313778627511113\"><td>3.8</td>")));
        // Paged DataFrames (more than 25 rows) name their script functions after the same tick count.
        Assert.True(OutputComparison.SameAfterMasking(Out("<script>function page_639313778627511113(){}</script>"), Out("<script>function page_639313778767103254(){}</script>")));
        // A SHA-256 or other long hex value is data, not an id.
        Assert.False(OutputComparison.SameAfterMasking(Out("e76ba67638f9784dff99c2b7b8b4e7bcc45483d0f2b87d15d6606a2eac586b94"), Out("0000a67638f9784dff99c2b7b8b4e7bcc45483d0f2b87d15d6606a2eac586b94")));
    }

    [Fact]
    public void Parameters_rewrite_the_assignment_as_a_string_literal_or_code_by_its_declaration()
    {
        const string cell = "#r \"nuget: X, 1\"\nvar dataPath = \"../seeds/data/table1.csv\";\nvar seed = 20190613;\n";
        var code = Parameters.Rewrite(cell, new Dictionary<string, string> { ["dataPath"] = "C:\\data \"x\".csv", ["seed"] = "7" });
        Assert.Equal("#r \"nuget: X, 1\"\nvar dataPath = \"C:\\\\data \\\"x\\\".csv\";\nvar seed = 7;\n", code);
        Assert.Throws<ArgumentException>(() => Parameters.Rewrite(cell, new Dictionary<string, string> { ["missing"] = "1" }));
        Assert.Equal(("dataPath", "a=b"), Parameters.ParseAssignment("dataPath=a=b"));
        Assert.Throws<ArgumentException>(() => Parameters.ParseAssignment("1x=2"));
    }

    /// <summary>
    /// Jupyter's own validator (Debian's python3-nbformat), when installed. Without it the test is reported as skipped and the
    /// structural checks above stand in; CI installs it (see notebooks/README.md).
    /// </summary>
    [Fact]
    public void Notebooks_pass_python_nbformat_validation_when_available()
    {
        const string script = "import sys, nbformat\nfor p in sys.argv[1:]:\n    nbformat.validate(nbformat.read(p, as_version=4))\n    print('valid', p)\n";
        var notebooks = Directory.GetFiles(Path.Combine(ProjectPaths.Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToList();
        // Debian's python3-nbformat installs for /usr/bin/python3, which may not be the python3 first on PATH.
        var python = new[] { "/usr/bin/python3", "python3" }.FirstOrDefault(HasNbformat);
        if (python is null)
            Assert.Skip("no python3 with nbformat (apt-get install -y python3-nbformat); the structural checks above stand in.");
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Clear();
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (var nb in notebooks) psi.ArgumentList.Add(nb);
        using var run = Process.Start(psi)!;
        var text = run.StandardOutput.ReadToEnd() + run.StandardError.ReadToEnd();
        run.WaitForExit();
        output.WriteLine(text);
        Assert.True(run.ExitCode == 0, text);
        Assert.Equal(notebooks.Count, text.Split('\n').Count(l => l.StartsWith("valid ", StringComparison.Ordinal)));
    }

    private static bool HasNbformat(string python)
    {
        try
        {
            var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("import nbformat");
            using var probe = Process.Start(psi)!;
            probe.WaitForExit();
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
