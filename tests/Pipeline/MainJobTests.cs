using NotebookAnalysis.Cli;
using NotebookAnalysis.Data;
using NotebookAnalysis.Report.Pipeline;
using NotebookAnalysis.Results;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Pipeline;

public class MainJobTests
{
    private static SortedDictionary<string, byte[]> Staged(string culture) => CultureScope.Run(culture, () =>
    {
        var output = MainJob.Compute(ProjectPaths.BundledTable1, Path.Combine(Path.GetTempPath(), "unused"));
        return new SortedDictionary<string, byte[]>(output.Files.StagedFiles.ToDictionary(f => f, output.Files.Staged), StringComparer.Ordinal);
    });

    [Fact]
    public void Outputs_are_byte_identical_under_ru_RU_and_invariant_culture_and_across_runs()
    {
        var invariant = Staged("");
        var russian = Staged("ru-RU");
        var again = Staged("");
        Assert.Equal(invariant.Keys, russian.Keys);
        foreach (var name in invariant.Keys)
        {
            Assert.True(invariant[name].AsSpan().SequenceEqual(russian[name]), $"{name} differs under ru-RU");
            Assert.True(invariant[name].AsSpan().SequenceEqual(again[name]), $"{name} differs between runs");
        }
        Assert.Contains("results.csv", invariant.Keys);
        Assert.Contains("verdicts.csv", invariant.Keys);
        Assert.Contains("consistency.csv", invariant.Keys);
        Assert.Contains("REPRODUCTION.md", invariant.Keys);
    }

    [Fact]
    public void Results_csv_has_every_base_statistic_for_every_table()
    {
        var output = MainJob.Compute(ProjectPaths.BundledTable1, Path.GetTempPath());
        var rows = Support.ResultsFile.Parse(System.Text.Encoding.UTF8.GetString(output.Files.Staged("results.csv")));
        foreach (var table in new[] { "T2_goods", "T3_financial", "T4_innovation" })
        {
            var base_ = rows.Where(r => r.Table == table && r.Model == "base").ToList();
            foreach (var term in new[] { "intercept", "x" })
                foreach (var s in FitRows.CoefficientStatistics)
                    Assert.Single(base_, r => r.Term == term && r.Statistic == s);
            foreach (var s in FitRows.ModelStatistics)
                Assert.Single(base_, r => r.Term == "" && r.Statistic == s);
        }
        // Values round-trip: the slope of Table 3 is exactly 1/158 (Sxy/Sxx in the test's own arithmetic).
        var slope = rows.Single(r => r.Table == "T3_financial" && r.Model == "base" && r.Statistic == "estimate" && r.Term == "x").Value;
        var d = new DecimalOracle.SimpleRegression(Table1.LoadBundled().Series(Market.Financial).Clusters, Table1.LoadBundled().Series(Market.Financial).Score);
        Assert.Equal((double)d.Slope, slope, 15);
    }

    [Fact]
    public void Report_names_the_data_hash_but_results_csv_does_not()
    {
        var output = MainJob.Compute(ProjectPaths.BundledTable1, Path.GetTempPath());
        var report = System.Text.Encoding.UTF8.GetString(output.Files.Staged("REPRODUCTION.md"));
        var sha = Table1.LoadBundled().Sha256;
        Assert.Contains(sha, report);
        Assert.Contains("This is the bundled Table 1", report);
        Assert.DoesNotContain(sha, System.Text.Encoding.UTF8.GetString(output.Files.Staged("results.csv")));
        Assert.DoesNotContain(ProjectPaths.Root, report); // no absolute paths: the report does not depend on the clone's location
    }

    [Fact]
    public void A_students_file_is_accepted_and_its_hash_reported()
    {
        using var tmp = new TempDir();
        var lines = File.ReadAllLines(ProjectPaths.BundledTable1).ToList();
        lines.Add("2019,4.3,95,3.5,28,3.6,24");
        var data = tmp.Write("extended.csv", string.Join("\n", lines) + "\n");
        var outDir = Path.Combine(tmp.Path, "out");
        var stdout = new StringWriter();
        int code = MainJob.Run(["--data", data, "--out", outDir], stdout, new StringWriter());
        Assert.Equal(JobRunner.Ok, code);
        var sha = Table1.Load(data).Sha256;
        Assert.Contains(sha, stdout.ToString());
        var report = File.ReadAllText(Path.Combine(outDir, "REPRODUCTION.md"));
        Assert.Contains(sha, report);
        Assert.Contains("**not** the bundled Table 1", report);
        Assert.Contains("Rows: 11", report);
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Two_runs_into_different_absolute_folders_write_identical_files_and_name_neither()
    {
        using var tmp = new TempDir();
        string a = Path.Combine(tmp.Path, "a"), b = Path.Combine(tmp.Path, "b");
        Assert.Equal(JobRunner.Ok, MainJob.Run(["--out", a], new StringWriter(), new StringWriter()));
        Assert.Equal(JobRunner.Ok, MainJob.Run(["--out", b], new StringWriter(), new StringWriter()));
        var names = Directory.GetFiles(a).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(names, Directory.GetFiles(b).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList());
        foreach (var name in names)
            Assert.True(File.ReadAllBytes(Path.Combine(a, name!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, name!))), $"{name} differs");
        var report = File.ReadAllText(Path.Combine(a, "REPRODUCTION.md"));
        Assert.Contains("```\ndotnet run scripts/reproduce.cs -- --out DIR\n```", report);
        Assert.DoesNotContain(tmp.Path, report);
        Assert.Equal("dotnet run scripts/reproduce.cs -- --out my-results", MainJob.RegenerateCommand(null, null, "my-results"));
    }

    [Fact]
    public void An_absolute_input_outside_the_repository_is_named_by_its_file_name_alone()
    {
        using var tmp = new TempDir();
        var data = Path.Combine(tmp.Path, "mine", "table1.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(data)!);
        File.Copy(ProjectPaths.BundledTable1, data);
        var outDir = Path.Combine(tmp.Path, "out");
        Assert.Equal(JobRunner.Ok, MainJob.Run(["--data", data, "--out", outDir], new StringWriter(), new StringWriter()));
        var report = File.ReadAllText(Path.Combine(outDir, "REPRODUCTION.md"));
        Assert.DoesNotContain(tmp.Path, report);
        Assert.Contains("```\ndotnet run scripts/reproduce.cs -- --data table1.csv --out DIR\n```", report);
        // Inside the repository an absolute path shows relative to its root, from where the scripts run.
        Assert.Equal("dotnet run scripts/reproduce.cs -- --markets seeds/data/markets.csv",
            MainJob.RegenerateCommand(null, Path.Combine(ProjectPaths.Seeds, "data", "markets.csv"), null));
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        var err = new StringWriter();
        Assert.Equal(JobRunner.Usage, MainJob.Run(["--bogus"], new StringWriter(), err));
        Assert.Contains("usage:", err.ToString());
        Assert.Equal(JobRunner.Usage, MainJob.Run(["--data"], new StringWriter(), new StringWriter()));
    }
}
