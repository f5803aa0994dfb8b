using System.Text.Json.Nodes;
using NotebookAnalysis.Data;
using NotebookAnalysis.NotebookRunner;

namespace NotebookAnalysis.Tests.Notebooks;

/// <summary>
/// Every committed notebook runs headless in its own process (through the runner, which starts one worker process
/// per notebook) without a cell error, and its stored outputs equal a fresh run's. Runner behaviour on broken
/// cells, stale outputs and bad usage is shown on temporary copies.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class NotebookExecutionTests(ITestOutputHelper output)
{
    public static TheoryData<string> Notebooks() => RunnerHarness.SelfContainedNotebooks();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_runs_headless_and_its_stored_outputs_are_current(string notebook)
    {
        var (code, text) = RunnerHarness.Run("--check", Path.Combine("notebooks", notebook));
        output.WriteLine(text);
        Assert.True(code == 0, $"run-notebooks --check {notebook} exited {code}:\n{text}");
        Assert.EndsWith("1 passed, 0 failed", text.TrimEnd());
    }

    /// <summary>Notebook 08 reads the WEF extract from ../shared; skipped with the reason where it is absent.</summary>
    [Sources.WefExtractFact]
    public void Primary_source_notebook_runs_headless_and_its_stored_outputs_are_current() =>
        Notebook_runs_headless_and_its_stored_outputs_are_current("08-primary-source.ipynb");

    [Fact]
    public void Stored_outputs_are_current_under_a_russian_locale_too()
    {
        // The authors' locale writes "3,7"; the runner pins the invariant culture, so a ru-RU machine reproduces the outputs.
        var russian = new Dictionary<string, string> { ["LANG"] = "ru_RU.UTF-8", ["LC_ALL"] = "ru_RU.UTF-8" };
        var (code, text) = RunnerHarness.RunWithEnvironment(russian, "--check", Path.Combine("notebooks", "02-table2-goods-markets.ipynb"));
        output.WriteLine(text);
        Assert.True(code == 0, $"exit {code}:\n{text}");
    }

    [Fact]
    public void A_broken_cell_fails_naming_the_notebook_and_the_cell_and_leaves_the_file_unchanged()
    {
        using var temp = new TempNotebook("01-data.ipynb", linkSeeds: true);
        // Insert a cell that does not compile as the 5th cell (after the formatter cell).
        temp.InsertCodeCell(4, "broken-01", "var broken = thisNameDoesNotExist + 1;");
        var before = File.ReadAllBytes(temp.Path);

        var (code, text) = RunnerHarness.Run(temp.Path, "--param", $"dataPath={ProjectPaths.BundledTable1}", "--out", temp.Folder("out"));
        output.WriteLine(text);

        Assert.Equal(RunnerCli.Failed, code);
        Assert.Contains($"{temp.Path}: cell 5 failed", text);
        Assert.Contains("CS0103", text);
        Assert.Contains("thisNameDoesNotExist", text);
        Assert.EndsWith("0 passed, 1 failed", text.TrimEnd());
        Assert.Equal(before, File.ReadAllBytes(temp.Path));
    }

    [Fact]
    public void Check_passes_on_a_notebook_saved_by_Jupyter_and_a_rerun_normalises_it()
    {
        // Beside a link to seeds/, so the notebook's own relative dataPath (which it prints) resolves unchanged.
        using var temp = new TempNotebook("01-data.ipynb", NotebookFormatTests.AsSavedByJupyter("01-data.ipynb"), linkSeeds: true);
        var before = File.ReadAllBytes(temp.Path);
        var (code, text) = RunnerHarness.Run("--check", temp.Path);
        output.WriteLine(text);
        Assert.True(code == RunnerCli.Passed, $"exit {code}:\n{text}");
        Assert.Equal(before, File.ReadAllBytes(temp.Path));

        (code, text) = RunnerHarness.Run(temp.Path);
        output.WriteLine(text);
        Assert.True(code == RunnerCli.Passed, $"exit {code}:\n{text}");
        var written = NotebookFile.Load(temp.Path);
        Assert.Empty(NotebookMetadata.Differences(written));
    }

    [Fact]
    public void Check_fails_on_stale_outputs_naming_the_cell_and_writes_nothing()
    {
        using var temp = new TempNotebook("01-data.ipynb", linkSeeds: true);
        // Tamper with the stored output of the last code cell (the data file's SHA-256).
        int last = temp.Root["cells"]!.AsArray().Count;
        temp.ReplaceStoredText(last, "e76b", "0000");
        var before = File.ReadAllBytes(temp.Path);

        var (code, text) = RunnerHarness.Run("--check", temp.Path, "--param", $"dataPath={ProjectPaths.BundledTable1}");
        output.WriteLine(text);

        Assert.Equal(RunnerCli.Failed, code);
        Assert.Contains($"cell {last}: stored outputs differ from a fresh run", text);
        Assert.Equal(before, File.ReadAllBytes(temp.Path));
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--jobs", "zero")]
    [InlineData("--param", "not an assignment")]
    [InlineData("does-not-exist.ipynb")]
    [InlineData("notebooks/01-data.ipynb", "--param", "dataPath=/tmp/t1.csv")] // a student's run needs --out
    [InlineData("notebooks/01-data.ipynb", "--out", "notebooks")] // never over the committed notebooks
    [InlineData("notebooks/01-data.ipynb", "--out", "results")] // never into results/figures/
    [InlineData("--out", "")]
    public void Usage_errors_exit_with_2(params string[] args)
    {
        var (code, text) = RunnerHarness.Run(args);
        Assert.True(code == RunnerCli.UsageError, $"exit {code}:\n{text}");
        Assert.Contains("usage:", text);
    }
}

/// <summary>
/// Notebook runs are heavy (a kernel each): these classes run one at a time, one collection. It starts first, beside the
/// front-end checks and the unit tests (<see cref="SlowCollectionsFirst"/>), not after them: its minutes are mostly a
/// kernel starting and waiting (about 3 CPU minutes in 6.5 on 2 shared cores).
/// </summary>
[CollectionDefinition(Name)]
public sealed class NotebookCollection
{
    public const string Name = "Notebooks (separate processes)";
}

/// <summary>
/// A copy of a committed notebook in a temporary folder, with the library reference made absolute so it runs
/// from there (the data path is passed with --param).
/// </summary>
internal sealed class TempNotebook : IDisposable
{
    private readonly string _folder;

    /// <param name="notebook">A committed notebook's file name (the copy's name).</param>
    /// <param name="text">The copy's content; default: the committed notebook's.</param>
    /// <param name="linkSeeds">Put the copy in a notebooks/ folder beside a link to the repository's seeds/, so
    /// <c>../seeds/…</c> resolves as in the repository.</param>
    public TempNotebook(string notebook, string? text = null, bool linkSeeds = false)
    {
        _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nb-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        Path = System.IO.Path.Combine(_folder, notebook);
        if (linkSeeds)
        {
            Directory.CreateSymbolicLink(System.IO.Path.Combine(_folder, "seeds"), ProjectPaths.Seeds);
            Directory.CreateDirectory(System.IO.Path.Combine(_folder, "notebooks"));
            Path = System.IO.Path.Combine(_folder, "notebooks", notebook);
        }
        text ??= File.ReadAllText(System.IO.Path.Combine(ProjectPaths.Root, "notebooks", notebook));
        // Every library the notebook references (core, Teaching, Rendering, …), made absolute.
        var lib = System.IO.Path.Combine(ProjectPaths.Root, "lib", "bin", "Release", "net10.0") + "/";
        text = text.Replace("#r \\\"../lib/bin/Release/net10.0/", "#r \\\"" + lib);
        if (text.Contains("NotebookAnalysis.Teaching.dll", StringComparison.Ordinal)) Assert.Contains(lib, text);
        File.WriteAllText(Path, text);
    }

    public string Path { get; }

    /// <summary>A path inside the temporary folder (not created).</summary>
    public string Folder(string name) => System.IO.Path.Combine(_folder, name);

    public JsonObject Root => JsonNode.Parse(File.ReadAllText(Path))!.AsObject();

    public void InsertCodeCell(int index, string id, string source)
    {
        var root = Root;
        var cell = new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["id"] = id,
            ["metadata"] = new JsonObject { ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" }, ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
            ["outputs"] = new JsonArray(),
            ["source"] = new JsonArray(source),
        };
        root["cells"]!.AsArray().Insert(index, cell);
        File.WriteAllText(Path, root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    public void ReplaceStoredText(int cellNumber, string oldText, string newText)
    {
        var root = Root;
        var outputs = root["cells"]![cellNumber - 1]!["outputs"]!.AsArray();
        var data = outputs[0]!["data"]!.AsObject();
        var key = data.First().Key;
        var joined = NotebookFile.JoinSource(data[key]);
        Assert.Contains(oldText, joined);
        data[key] = joined.Replace(oldText, newText);
        File.WriteAllText(Path, root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
