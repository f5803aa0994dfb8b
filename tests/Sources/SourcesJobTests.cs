using NotebookAnalysis.Data;
using NotebookAnalysis.Report.Pipeline;
using NotebookAnalysis.Results;
using NotebookAnalysis.Tests.Support;
using static NotebookAnalysis.Tests.Sources.SourcesFixture;

namespace NotebookAnalysis.Tests.Sources;

/// <summary>The job behind scripts/sources.cs: deterministic, culture-invariant, and current in results/.</summary>
public class SourcesJobTests
{
    /// <summary>An extract for the bundled Table 1 with every pillar for editions ending 2009-2016, values off the paper's.</summary>
    private static string ConstructedExtract()
    {
        var rows = new List<(int, string, string)>();
        for (int i = 0; i < 8; i++)
            foreach (var (pillar, baseline) in new[] { (NotebookAnalysis.Sources.Pillars.Goods, 3.61), (NotebookAnalysis.Sources.Pillars.Financial, 3.27), (NotebookAnalysis.Sources.Pillars.Innovation, 3.149) })
                rows.Add((2009 + i, pillar, (baseline + 0.0371 * i * (i % 3)).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        return Extract([.. rows]);
    }

    private static Dictionary<string, byte[]> Run(string wef, string outDir)
    {
        var output = SourcesJob.Compute(wef, ProjectPaths.BundledTable1, outDir);
        return output.Files.StagedFiles.ToDictionary(f => f, output.Files.Staged);
    }

    [Fact]
    public void TwoRunsAreByteIdenticalAndRuRuEqualsInvariant()
    {
        using var dir = new TempDir();
        var wef = dir.Write("wef.csv", ConstructedExtract());
        var outDir = Path.Combine(dir.Path, "out");
        var first = Run(wef, outDir);
        var second = Run(wef, outDir);
        var ru = CultureScope.Run("ru-RU", () => Run(wef, outDir));
        Assert.Equal(["SOURCES.md", "sources-cells.csv", "sources.csv"], first.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in first)
        {
            Assert.Equal(bytes, second[name]);
            Assert.Equal(bytes, ru[name]);
        }
        // The report names neither the temporary folder nor the output folder, and its command says how it ran.
        var report = System.Text.Encoding.UTF8.GetString(first["SOURCES.md"]);
        Assert.DoesNotContain(dir.Path, report);
        Assert.Contains("```\ndotnet run scripts/sources.cs -- --wef wef.csv --out DIR\n```", report);
        var rows = Support.ResultsFile.Parse(System.Text.Encoding.UTF8.GetString(first["sources.csv"]), "sources.csv");
        Assert.Contains(rows, r => r.Table == "T2_goods" && r.Model == "wef_k0_2009_2016" && r.Statistic == "estimate" && r.Term == "x");
        Assert.Contains(rows, r => r.Table == "T4_innovation" && r.Model == "paper_2009_2016" && r.Statistic == "p_value" && r.Term == "x");
        Assert.Contains(rows, r => r.Table == "T3_financial" && r.Model == "paper_2009_2018" && r.Statistic == "durbin_watson");
        Assert.Contains(rows, r => r.Table == "T3_financial" && r.Model == "cells_km3" && r.Statistic == "checked" && r.Value == 5);
        // k = -1 and k = +1 are re-run always, each over the years it covers (editions ending 2009-2016).
        Assert.Contains(rows, r => r.Table == "T2_goods" && r.Model == "wef_km1_2009_2015" && r.Statistic == "nobs");
        Assert.Contains(rows, r => r.Table == "T4_innovation" && r.Model == "wef_kp1_2010_2017" && r.Statistic == "nobs");
    }

    [Fact]
    public void RunWritesTheThreeFilesAndNothingElse()
    {
        using var dir = new TempDir();
        var wef = dir.Write("wef.csv", ConstructedExtract());
        var outDir = Path.Combine(dir.Path, "out");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, SourcesJob.Run(["--wef", wef, "--out", outDir], stdout, stderr));
        Assert.Equal("", stderr.ToString());
        Assert.Equal(["SOURCES.md", "sources-cells.csv", "sources.csv"], TempDir.Snapshot(outDir).Keys);
        Assert.Contains("The mapping that agrees best is", stdout.ToString());
        var md = File.ReadAllText(Path.Combine(outDir, "SOURCES.md"));
        Assert.Contains("- WEF extract: `wef.csv`", md); // an absolute path outside the repository by its file name alone
        Assert.Contains("- Table 1: `seeds/data/table1.csv`", md); // inside it, relative to the root
    }

    [Fact]
    public void AnExactFitOfThePapersDataIsAModelErrorNamingTheMarketNotACrash()
    {
        // Scores exactly linear in the counts: the fit has no residual variance, so its slope has no p-value or interval.
        using var dir = new TempDir();
        var lines = File.ReadAllLines(ProjectPaths.BundledTable1);
        var exact = lines.Take(1).Concat(lines.Skip(1).Select((l, i) =>
        {
            var f = l.Split(',');
            (f[1], f[2]) = ((2 + 0.5 * i).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return string.Join(',', f);
        }));
        var data = dir.Write("exact.csv", string.Join("\n", exact) + "\n");
        var wef = dir.Write("wef.csv", ConstructedExtract());
        var outDir = Path.Combine(dir.Path, "out");
        var stderr = new StringWriter();
        Assert.Equal(1, SourcesJob.Run(["--wef", wef, "--data", data, "--out", outDir], new StringWriter(), stderr));
        Assert.Contains("T2_goods, model 'paper_", stderr.ToString());
        Assert.Contains("no claim can be judged on this fit", stderr.ToString());
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void UnknownArgumentIsAUsageError()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, SourcesJob.Run(["--wfe", "x"], new StringWriter(), stderr));
        Assert.Contains("unknown option '--wfe'", stderr.ToString());
        Assert.Contains("usage: dotnet run scripts/sources.cs", stderr.ToString());
    }

    [WefExtractFact]
    public void CommittedSourcesOutputsAreCurrent()
    {
        var fresh = Run(ProjectPaths.SharedWefExtract, ProjectPaths.Results);
        Assert.Contains("- WEF extract: `../shared/data/wef-gci-russia/extract.csv`", System.Text.Encoding.UTF8.GetString(fresh["SOURCES.md"]));
        foreach (var (name, bytes) in fresh)
        {
            var committed = Path.Combine(ProjectPaths.Results, name);
            Assert.True(File.Exists(committed), $"results/{name} is missing: run 'dotnet run scripts/sources.cs'.");
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(committed)),
                $"results/{name} is stale: run 'dotnet run scripts/sources.cs' and commit it.");
        }
    }

    [WefExtractFact]
    public void TheReadmeQuotesTheCurrentClaimsTable()
    {
        var output = SourcesJob.Compute(ProjectPaths.SharedWefExtract, ProjectPaths.BundledTable1, ProjectPaths.Results);
        var table = NotebookAnalysis.Report.Reporting.SourcesReport.ClaimsInShort(output.Claims).ToMarkdown().Trim('\n');
        var readme = File.ReadAllText(Path.Combine(ProjectPaths.Root, "README.md"));
        Assert.True(readme.Contains(table, StringComparison.Ordinal),
            $"README.md does not quote the current claims table; paste it from 'dotnet run scripts/sources.cs' (SOURCES.md):\n{table}");
    }

    [Fact]
    public void TheMainJobDoesNotReadTheExtract()
    {
        // The main job's inputs are Table 1, the codebook, the paper and the published tables: nothing under ../shared.
        var source = string.Concat(Directory.EnumerateFiles(Path.Combine(ProjectPaths.Root, "lib", "Report", "Pipeline"), "*.cs")
            .Where(f => Path.GetFileName(f) != "SourcesJob.cs").Select(File.ReadAllText));
        Assert.DoesNotContain("SharedWefExtract", source);
        Assert.DoesNotContain("WefExtract", source);
        Assert.DoesNotContain("SourcesJob", File.ReadAllText(Path.Combine(ProjectPaths.Root, "scripts", "reproduce.cs")));
    }
}
