using System.Diagnostics;
using System.Text.Json.Nodes;
using NotebookAnalysis.Data;
using NotebookAnalysis.NotebookRunner;

namespace NotebookAnalysis.Tests.Notebooks;

/// <summary>
/// The runner under faults: a cell that ends the process or overflows the stack is named, a killed
/// runner leaves no worker behind, write-back is atomic and a read-only notebook is a clean error, and --check
/// after a tampered image ends without a finalizer crash. Also a student's --param run, which writes
/// an executed copy and its figures under --out only.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class RunnerReliabilityTests(ITestOutputHelper output)
{
    private static string Cell(string id, string source) => new JsonObject
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["id"] = id,
        ["metadata"] = NotebookMetadata.Cell("code", null),
        ["outputs"] = new JsonArray(),
        ["source"] = new JsonArray(source),
    }.ToJsonString();

    /// <summary>A small notebook of code cells, in canonical metadata.</summary>
    private static string SmallNotebook(params string[] sources) =>
        "{\n \"cells\": [\n" + string.Join(",\n", sources.Select((s, i) => Cell($"t{i + 1}", s))) + "\n ],\n \"metadata\": " +
        NotebookMetadata.Document().ToJsonString() + ",\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n";

    [Fact]
    public void A_cell_that_exits_the_process_is_named()
    {
        using var temp = new TempNotebook("exits.ipynb", SmallNotebook("var x = 1;", "System.Environment.Exit(3);", "x"));
        var (code, text) = RunnerHarness.Run(temp.Path);
        output.WriteLine(text);
        Assert.Equal(RunnerCli.Failed, code);
        // The runner's error names the notebook, the cell and the exit: the wording is the point.
        Assert.Contains($"{temp.Path}: cell 2 failed: the worker process ended (exit code 3)", text);
        Assert.Contains("Environment.Exit", text);
        Assert.EndsWith("0 passed, 1 failed", text.TrimEnd());
    }

    [Fact]
    public void A_domain_error_in_a_cell_shows_its_message_and_the_cells_line_without_compiler_frames()
    {
        using var temp = new TempNotebook("missing-data.ipynb", SmallNotebook("var x = 1;",
            "var path = \"/no/such/folder/table1.csv\";\n// the data file is missing\nvar text = System.IO.File.ReadAllText(path);", "x"));
        var (code, text) = RunnerHarness.Run(temp.Path);
        output.WriteLine(text);
        Assert.Equal(RunnerCli.Failed, code);
        Assert.Contains($"{temp.Path}: cell 2 failed at line 3: ", text);
        Assert.Contains("/no/such/folder/table1.csv", text);
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Submission#", text);
        Assert.DoesNotContain("Microsoft.CodeAnalysis", text);
    }

    [Fact]
    public void A_cell_that_exits_with_code_0_still_fails()
    {
        // Exit code 0 without the worker's closing marker is not a pass.
        using var temp = new TempNotebook("exits0.ipynb", SmallNotebook("var x = 1;", "System.Environment.Exit(0);"));
        var (code, text) = RunnerHarness.Run(temp.Path);
        output.WriteLine(text);
        Assert.Equal(RunnerCli.Failed, code);
        Assert.Contains("cell 2 failed: the worker process ended (exit code 0)", text);
    }

    [Fact]
    public void A_stack_overflow_names_the_cell_in_a_few_lines()
    {
        using var temp = new TempNotebook("overflow.ipynb", SmallNotebook("var x = 1;", "int Deeper(int n) => Deeper(n + 1) + 1;\nDeeper(0)"));
        var (code, text) = RunnerHarness.Run(temp.Path);
        output.WriteLine(text);
        Assert.Equal(RunnerCli.Failed, code);
        // The runner's error names the notebook, the cell and the cause: the wording is the point.
        Assert.Contains($"{temp.Path}: cell 2 failed: the worker process ended (exit code 134 (SIGABRT)) through a stack overflow", text);
        Assert.Contains("Deeper", text); // the innermost frame is kept
        Assert.True(text.Length < 2000, $"the report is {text.Length} characters; the runtime's dump must not be passed on whole");
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("KILL")]
    public void Killing_the_runner_leaves_no_worker(string signal)
    {
        if (!OperatingSystem.IsLinux())
            Assert.Skip("finding the worker reads /proc (Linux only).");
        using var temp = new TempNotebook("spins.ipynb", SmallNotebook("var x = 1;", "while (true) { }"));
        using var runner = RunnerHarness.Start(temp.Path, "--timeout", "120");
        int? worker = null;
        var clock = Stopwatch.StartNew();
        while (worker is null && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            Thread.Sleep(200);
            worker = WorkersOf(temp.Path).Cast<int?>().FirstOrDefault();
        }
        Assert.True(worker is not null, "the worker never started");
        Thread.Sleep(1500); // let it reach the spinning cell

        Assert.Equal(0, Kill(runner.Id, signal));
        runner.WaitForExit(10_000);
        clock.Restart();
        while (WorkersOf(temp.Path).Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(100);
        var left = WorkersOf(temp.Path);
        foreach (var pid in left) Kill(pid, "KILL"); // our own orphan: do not leave it spinning
        Assert.True(left.Count == 0, $"worker {string.Join(", ", left)} survived a {signal} of the runner");
        output.WriteLine($"worker {worker} ended {clock.Elapsed.TotalSeconds:0.0} s after the runner got {signal}");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_read_only_notebook_is_a_clean_error_and_nothing_is_left_behind()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "a read-only file as tested here is a Unix notion (chmod).");
        using var temp = new TempNotebook("readonly.ipynb", SmallNotebook("var x = 1;", "x + 1"));
        var before = File.ReadAllBytes(temp.Path);
        File.SetUnixFileMode(temp.Path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var (code, text) = RunnerHarness.Run(temp.Path);
        output.WriteLine(text);
        Assert.Equal(RunnerCli.Failed, code);
        Assert.Contains($"cannot write {temp.Path}: the file is read-only", text);
        Assert.DoesNotContain("Unhandled", text);
        Assert.Equal(before, File.ReadAllBytes(temp.Path));
        Assert.Equal([temp.Path], Directory.GetFiles(Path.GetDirectoryName(temp.Path)!));
    }

    [Fact]
    public void Write_back_is_atomic_and_normalises_the_metadata()
    {
        // Saved by Jupyter: language_info from its kernel, a timestamp on the cell.
        var text = SmallNotebook("var x = 1;", "x + 1")
            .Replace("\"metadata\": {\"dotnet_interactive\"", "\"metadata\": {\"execution\": {\"iopub.status.busy\": \"2026-11-29T15:11:21.897540Z\"}, \"dotnet_interactive\"");
        var root = JsonNode.Parse(text)!.AsObject();
        root["metadata"]!["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" };
        using var temp = new TempNotebook("saved.ipynb", root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        Assert.NotEmpty(NotebookMetadata.Differences(NotebookFile.Load(temp.Path)));

        var (code, log) = RunnerHarness.Run(temp.Path);
        output.WriteLine(log);
        Assert.Equal(RunnerCli.Passed, code);
        var written = NotebookFile.Load(temp.Path);
        Assert.Empty(NotebookMetadata.Differences(written));
        Assert.Contains("<pre>2</pre>", NotebookFile.JoinSource(written.Cells[1].Outputs![0]!["data"]!["text/html"]));
        Assert.Equal([temp.Path], Directory.GetFiles(Path.GetDirectoryName(temp.Path)!)); // no temporary file left
    }

    [Fact]
    public void Check_after_a_tampered_image_fails_cleanly_without_a_finalizer_crash()
    {
        using var temp = new TempNotebook("02-table2-goods-markets.ipynb", linkSeeds: true);
        var root = temp.Root;
        var (cellIndex, image) = root["cells"]!.AsArray().Select((c, i) => (i, c!["outputs"] as JsonArray))
            .SelectMany(x => (x.Item2 ?? []).Select(o => (x.i, o!["data"]?["image/png"])))
            .First(x => x.Item2 is not null);
        var png = NotebookFile.JoinSource(image);
        image!.ReplaceWith(png[..100] + (png[100] == 'A' ? 'B' : 'A') + png[101..]);
        File.WriteAllText(temp.Path, root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

        var (code, text) = RunnerHarness.Run("--check", temp.Path, "--param", $"dataPath={ProjectPaths.BundledTable1}");
        output.WriteLine(text);
        Assert.Equal(RunnerCli.Failed, code);
        // The --check message names the cell: the wording is the point.
        Assert.Contains($"cell {cellIndex + 1}: stored outputs differ from a fresh run", text);
        Assert.DoesNotContain("DllNotFoundException", text);
        Assert.DoesNotContain("Unhandled exception", text);
        Assert.DoesNotContain("worker process ended", text);
    }

    [Fact]
    public void A_students_param_run_writes_the_copy_and_its_figures_under_out_only()
    {
        using var temp = new TempNotebook("02-table2-goods-markets.ipynb", linkSeeds: true);
        var before = File.ReadAllBytes(temp.Path);
        var committedFigures = Snapshot(Path.Combine(ProjectPaths.Results, "figures"));
        // The student's data: the bundled file under another name, so the run is comparable.
        var data = temp.Folder("my-table1.csv");
        File.Copy(ProjectPaths.BundledTable1, data);
        var outDir = temp.Folder("student");

        var htmlDir = temp.Folder("html");
        var (code, text) = RunnerHarness.Run(temp.Path, "--param", $"dataPath={data}", "--out", outDir, "--html", htmlDir);
        output.WriteLine(text);
        Assert.Equal(RunnerCli.Passed, code);

        Assert.Equal(before, File.ReadAllBytes(temp.Path));
        Assert.Equal(committedFigures, Snapshot(Path.Combine(ProjectPaths.Results, "figures")));
        var copy = NotebookFile.Load(Path.Combine(outDir, "02-table2-goods-markets.ipynb"));
        var parameters = copy.Cells.First(c => c.IsParameters);
        // Generated source code: the text is the point.
        Assert.Contains($"var dataPath = {System.Text.Json.JsonSerializer.Serialize(data)};", parameters.Source);
        Assert.DoesNotContain("../seeds/data/table1.csv", parameters.Source);
        Assert.All(copy.Cells.Where(c => c.CellType == "code"), c => Assert.NotNull(copy.Root["cells"]![c.Number - 1]!["execution_count"]));
        var figures = Directory.GetFiles(Path.Combine(outDir, "figures"), "*.png").Select(Path.GetFileName).Order().ToList();
        output.WriteLine(string.Join(", ", figures));
        Assert.Contains("t2-scatter.png", figures);
        // The reviewer's view of the copy: one self-contained file.
        var html = File.ReadAllText(Path.Combine(htmlDir, "02-table2-goods-markets.html"));
        Assert.Empty(HtmlExportTests.NetworkResources(html));
        Assert.Contains("data:image/png;base64,", html);
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))))
            : [];

    /// <summary>Process ids whose command line runs a worker for <paramref name="notebook"/> (read from /proc).</summary>
    private static List<int> WorkersOf(string notebook)
    {
        var found = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                int i = Array.IndexOf(args, "--worker");
                if (i >= 0 && i + 1 < args.Length && args[i + 1] == notebook) found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }

    private static int Kill(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { RedirectStandardError = true })!;
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
