using NotebookAnalysis.Cli;
using System.Globalization;
using System.Text;
using NotebookAnalysis.Data;
using NotebookAnalysis.Report.Pipeline;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Reproduction;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Reproduction;

/// <summary>
/// Another paper's printed tables, judged from its data: <c>tests/Reproduction/AnyPaper/</c> holds two markets (one
/// regressor with negative real x; two regressors), their ToolPak tables printed from R's lm with mixed decimals and E
/// notation (<c>make.R</c>), and the same tables with five planted errors. The command that shows it:
/// <c>dotnet run scripts/reproduce.cs -- --data tests/Reproduction/AnyPaper/data.csv --markets tests/Reproduction/AnyPaper/markets.csv
/// --published tests/Reproduction/AnyPaper/published.csv --out /tmp/any</c>.
/// </summary>
public sealed class AnyPaperTests(AnyPaperTests.Runs runs) : IClassFixture<AnyPaperTests.Runs>
{
    private static string File(string name) => Path.Combine(ProjectPaths.Root, "tests", "Reproduction", "AnyPaper", name);

    /// <summary>The cells make.R plants errors in, with the verdict each must get.</summary>
    private static readonly (string Market, string Statistic, string Term, VerdictKind Kind)[] Planted =
    [
        ("demand", "estimate", "x", VerdictKind.Mismatch),         // 4.6235 printed 4.6253
        ("demand", "r_squared", "", VerdictKind.LastDigit),        // 0.7678 printed 0.7679
        ("wages", "t_value", "schooling", VerdictKind.Mismatch),   // 12.7363 printed 12.7433
        ("wages", "ss_residual", "", VerdictKind.LastDigit),       // 0.5506 printed 0.5505
        ("wages", "f_pvalue", "", VerdictKind.Mismatch),           // 6.54677E-07 printed 6.45677E-07
    ];

    /// <summary>The main job on the planted and on the clean tables, under ru-RU.</summary>
    public sealed class Runs
    {
        public Runs()
        {
            MainJob.Output Run(string published) => CultureScope.Run("ru-RU", () =>
                MainJob.Compute(File("data.csv"), Path.Combine(Path.GetTempPath(), "unused-out"), null, File("markets.csv"), null, File(published)));
            PlantedRun = Run("published.csv");
            Clean = Run("published-clean.csv");
        }

        public MainJob.Output PlantedRun { get; }
        public MainJob.Output Clean { get; }

        public string Report(MainJob.Output o) => Encoding.UTF8.GetString(o.Files.Staged("REPRODUCTION.md"));
    }

    [Fact]
    public void Every_planted_error_gets_its_verdict_and_every_other_number_matches()
    {
        var verdicts = runs.PlantedRun.Reproductions.SelectMany(r => r.Verdicts.Select(v => (Market: r.TableId, Verdict: v))).ToList();
        Assert.Equal(27 + 33, verdicts.Count);
        foreach (var (market, v) in verdicts)
        {
            var plant = Planted.Where(p => p.Market == market && p.Statistic == v.Published.Statistic && p.Term == v.Published.Term).ToList();
            Assert.True((plant.Count == 1 ? plant[0].Kind : VerdictKind.Match) == v.Kind, $"{market} {v.Published.Key}: {v.KindName} ({v.Explanation})");
        }
        Assert.Contains(verdicts, x => x.Verdict.Published.IsScientific && x.Verdict.Kind == VerdictKind.Match);
        Assert.Equal([0, 2, 3, 4, 5, 6], verdicts.Select(x => x.Verdict.Published.Decimals).Distinct().Order());
    }

    [Fact]
    public void The_clean_tables_match_everywhere_and_no_consistency_check_fails()
    {
        var reps = runs.Clean.Reproductions;
        Assert.All(reps.SelectMany(r => r.Verdicts), v => Assert.Equal(VerdictKind.Match, v.Kind));
        Assert.All(reps.SelectMany(r => r.Consistency), c => Assert.NotEqual(ConsistencyStatus.Fails, c.Status));
    }

    [Fact]
    public void Each_failing_consistency_check_is_explained_by_a_planted_error()
    {
        var fails = runs.PlantedRun.Reproductions.SelectMany(r => r.Consistency.Where(c => c.Status == ConsistencyStatus.Fails).Select(c => $"{r.TableId}: {c.Relation}"));
        string[] expected =
        [
            "demand: R² = SS(Regression) / SS(Total)",              // target r_squared planted
            "demand: R² = 1 − SS(Residual) / SS(Total)",            // target r_squared planted
            "demand: t(x) = b / SE",                                 // input b(x) planted
            "demand: Lower 95%(x) = b − t(0.975, df)·SE",           // input b(x) planted
            "demand: Upper 95%(x) = b + t(0.975, df)·SE",           // input b(x) planted
            "wages: MS(Residual) = SS(Residual) / df",               // input SS(Residual) planted
            "wages: F = SS(Regression)·df(Residual) / (SS(Residual)·df(Regression))", // input SS(Residual) planted
            "wages: R² = 1 − SS(Residual) / SS(Total)",             // input SS(Residual) planted
            "wages: Standard Error = √(SS(Residual) / df(Residual))", // input SS(Residual) planted
            "wages: t(schooling) = b / SE",                          // target t(schooling) planted
            "wages: P-value(schooling) = 2·P(T > |t|), T ~ t(df)",  // input t(schooling) planted
            "wages: Significance F = P(F(k, df) > F)",               // target Significance F planted
        ];
        Assert.Equal(expected, fails);
    }

    [Fact]
    public void Only_one_regressor_identities_are_left_out_of_the_two_regressor_table()
    {
        var wages = runs.Clean.Reproductions.Single(r => r.TableId == "wages").Consistency.Select(c => c.Relation).ToList();
        Assert.DoesNotContain(wages, r => r.StartsWith("F = t(", StringComparison.Ordinal) || r.Contains("P-value(x)", StringComparison.Ordinal));
        Assert.Contains("t(tenure) = b / SE", wages);
        Assert.Contains("F = MS(Regression) / MS(Residual)", wages);
        Assert.Contains("F = t(x)²", runs.Clean.Reproductions.Single(r => r.TableId == "demand").Consistency.Select(c => c.Relation));
    }

    [Fact]
    public void The_report_makes_no_finding_on_the_document_and_says_which_sections_leave_out_the_two_regressor_market()
    {
        string report = runs.Report(runs.PlantedRun);
        // The printed SUMMARY OUTPUT beside the recomputed one, with the regressors' own rows.
        Assert.Contains("| schooling | 0.40789 | 0.03203 | 12.7433 | 4.62914E-07 | 0.3354 | 0.4803 |", report);
        Assert.Contains("No findings on the document are made for these printed tables", report);
        Assert.DoesNotContain("The ToolPak labels are mistranslated", report);
        Assert.DoesNotContain("carries the wrong title", report);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(report, "`wages` has several regressors"));
        // The sections ran for the one-regressor market only.
        var tables = runs.PlantedRun.Rows.Where(r => r.Model != "base").Select(r => r.Table).Distinct().ToList();
        Assert.Equal(["demand"], tables);
        Assert.Equal(["intercept", "schooling", "tenure"],
            runs.PlantedRun.Rows.Where(r => r.Table == "wages" && r.Statistic == "estimate").Select(r => r.Term));
        // The sections speak of these data, not of the paper's: no scores, no clusters, no reading the paper never made.
        Assert.DoesNotContain("cluster", report, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("score", report, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("**demand: the reading of a positive dependence (higher temp_anomaly, higher demand)", report);
        Assert.Contains("Slopes are least-squares slopes of y on x.", report);
    }

    /// <summary>The two-regressor fit against R's lm (r-reference.csv, written by make.R at 17 significant digits).</summary>
    [Fact]
    public void A_two_regressor_fit_equals_R()
    {
        var fit = runs.Clean.Reproductions.Single(r => r.TableId == "wages").Fit;
        var lines = System.IO.File.ReadAllLines(File("r-reference.csv"));
        Assert.Equal("term,estimate,std_error,p_value", lines[0]);
        Assert.Equal(4, lines.Length);
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            double R(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            var row = fit[f[0]];
            Assert.Equal(R(1), row.Estimate, Math.Abs(R(1)) * 1e-10);
            Assert.Equal(R(2), row.StdError.Value, R(2) * 1e-10);
            Assert.Equal(R(3), row.PValue.Value, R(3) * 1e-8);
        }
    }

    [Fact]
    public void The_sections_run_on_the_one_regressor_market_and_a_direct_call_on_the_other_names_it()
    {
        var data = Table1.Load(File("data.csv"), MarketDescription.Load(File("markets.csv")));
        var reproductions = MarketReproduction.All(data, PublishedTables.Load(File("published.csv")));
        // The sections' context leaves the two-regressor market out, for the main job and any other caller.
        var context = AnalysisContext.For(data, reproductions);
        Assert.Equal(["demand"], new AlternativeModelsSection().Run(context).Rows.Select(r => r.Table).Distinct());
        Assert.Equal(["demand"], new ResamplingSection().Run(context).Rows.Select(r => r.Table).Distinct());
        // Called on it directly, the model-level entry points refuse it with the market and the reason.
        var wages = data.Markets["wages"];
        var e = Assert.Throws<ModelException>(() => NotebookAnalysis.Models.ModelInput.From(data, wages.Market));
        Assert.Equal(("wages", "alternative models"), (e.Table, e.Model));
        Assert.Contains("2 regressors", e.Reason);
        var r = Assert.Throws<ModelException>(() => NotebookAnalysis.Resampling.MarketResampling.RunAll(reproductions));
        Assert.Equal("wages", r.Table);
    }

    [Theory]
    [InlineData("missing", "published.csv", 0, "no such file (the printed tables)")]
    [InlineData("header", "published.csv", 1, "expected the header")]
    [InlineData("not a number", "published.csv", 23, "'4.62O5' is not a number")]
    [InlineData("typographic minus", "published.csv", 23, "'\u22124.6253' holds the typographic minus sign")]
    [InlineData("stray term", "published.csv", 56, "'tenur' is not a term of market wages")]
    [InlineData("unknown table", "markets.csv", 3, "names table W9, but")]
    public void Bad_printed_tables_are_located_errors_and_nothing_is_written(string fault, string file, int line, string reason)
    {
        using var dir = new TempDir();
        string published = System.IO.File.ReadAllText(File("published.csv")), markets = System.IO.File.ReadAllText(File("markets.csv"));
        switch (fault)
        {
            case "header": published = published.Replace("standard_column", "standard_col"); break;
            case "not a number": published = published.Replace(",4.6253,", ",4.62O5,"); break;
            case "typographic minus": published = published.Replace(",4.6253,", ",\u22124.6253,"); break;
            case "stray term": published = published.Replace("W2,coefficients,estimate,tenure,", "W2,coefficients,estimate,tenur,"); break;
            case "unknown table": markets = markets.Replace(",W2", ",W9"); break;
        }
        string publishedPath = fault == "missing" ? Path.Combine(dir.Path, "published.csv") : dir.Write("published.csv", published);
        string marketsPath = dir.Write("markets.csv", markets), outDir = Path.Combine(dir.Path, "out");
        var stderr = new StringWriter();
        int code = MainJob.Run(["--data", File("data.csv"), "--markets", marketsPath, "--published", publishedPath, "--out", outDir], new StringWriter(), stderr);
        Assert.Equal(JobRunner.Failed, code);
        Assert.False(Directory.Exists(outDir));
        string message = stderr.ToString();
        Assert.Contains(file, message);
        if (line > 0) Assert.Contains($"line {line.ToString(CultureInfo.InvariantCulture)}", message);
        Assert.Contains(reason, message);
        Assert.Contains("Nothing was written.", message);
    }

    [Fact]
    public void The_old_market_header_is_refused_with_how_to_rename_it()
    {
        var e = Assert.Throws<DataFileException>(() => MarketDescription.Parse(Encoding.UTF8.GetBytes("market,score_column,count_column,label\na,s,n,A\n"), "old.csv"));
        Assert.Equal((1, 2), (e.Line, e.Column!.Value));
        Assert.Contains("rename score_column to y and count_column to x", e.Reason);
    }
}
