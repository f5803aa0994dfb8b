using System.Globalization;
using System.Text;
using NotebookAnalysis.Data;
using NotebookAnalysis.Report.Pipeline;
using NotebookAnalysis.Results;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Pipeline;

/// <summary>
/// Markets as data: a 4-market, 14-year file whose columns are renamed and in another order, with its own market
/// description (one market mapped to the paper's Table 2, three without a printed table). The main job gives every
/// section for all four markets; the fourth market's base fit matches a decimal computation.
/// </summary>
public sealed class FourMarketTests(FourMarketTests.Run4 run) : IClassFixture<FourMarketTests.Run4>
{
    private const int FirstYear = 2005, Years = 14;
    private static readonly string[] Ids = ["retail", "banks", "tech", "energy"];

    /// <summary>The description: ids, renamed columns, labels; only <c>retail</c> names a printed table.</summary>
    public const string Description =
        "market,label,x,y,published_table\n" +
        "retail,Retail score on retail clusters,n_retail,s_retail,2\n" +
        "banks,Banking score on banking clusters,n_banks,s_banks,\n" +
        "tech,Technology score on technology clusters,n_tech,s_tech,\n" +
        "energy,Energy score on energy clusters,n_energy,s_energy,\n";

    /// <summary>The data: year in the middle, scores and counts interleaved in an order unlike the description's.</summary>
    public static string Data()
    {
        var rng = new Random(17);
        var sb = new StringBuilder("s_energy,n_tech,s_retail,year,n_banks,s_tech,n_energy,s_banks,n_retail\n");
        string S(double v) => v.ToString("F2", CultureInfo.InvariantCulture);
        for (int i = 0; i < Years; i++)
        {
            int retail = 30 + 5 * i + rng.Next(0, 4), banks = 4 + 2 * i + rng.Next(0, 3), tech = 12 + 3 * i + rng.Next(0, 5), energy = 7 + i + rng.Next(0, 4);
            double yr = 3.4 + 0.006 * retail + 0.05 * (rng.NextDouble() - 0.5), yb = 3.1 + 0.01 * banks + 0.05 * (rng.NextDouble() - 0.5);
            double yt = 3.3 + 0.004 * tech + 0.15 * (rng.NextDouble() - 0.5), ye = 4.0 - 0.01 * energy + 0.08 * (rng.NextDouble() - 0.5);
            sb.Append(CultureInfo.InvariantCulture, $"{S(ye)},{tech},{S(yr)},{FirstYear + i},{banks},{S(yt)},{energy},{S(yb)},{retail}\n");
        }
        return sb.ToString();
    }

    /// <summary>The main job run once under ru-RU on the four markets.</summary>
    public sealed class Run4
    {
        public Run4()
        {
            (Output, Report, Rows, Verdicts, DataText) = CultureScope.Run("ru-RU", () =>
            {
                using var dir = new TempDir();
                string data = Data();
                var output = MainJob.Compute(dir.Write("four.csv", data), Path.Combine(dir.Path, "out"), null, dir.Write("markets.csv", Description));
                string Text(string f) => Encoding.UTF8.GetString(output.Files.Staged(f));
                return (output, Text("REPRODUCTION.md"), Support.ResultsFile.Parse(Text("results.csv")), Text("verdicts.csv"), data);
            });
        }

        public MainJob.Output Output { get; }
        public string Report { get; }
        public IReadOnlyList<ResultRow> Rows { get; }
        public string Verdicts { get; }
        public string DataText { get; }
    }

    [Fact]
    public void Every_market_gets_its_base_fit_every_model_and_the_resampling_in_results_csv()
    {
        Assert.Equal(Ids, run.Output.Reproductions.Select(r => r.TableId));
        Assert.Equal(Ids, run.Rows.Select(r => r.Table).Distinct());
        foreach (var id in Ids)
        {
            var models = run.Rows.Where(r => r.Table == id).Select(r => r.Model).ToHashSet();
            foreach (var spec in NotebookAnalysis.Models.ModelSpecs.All)
                Assert.True(models.Contains(spec.Name), $"{id} lacks the model {spec.Name} in results.csv");
            foreach (var model in new[] { "mean_only", "permutation", "bootstrap_pairs", "bootstrap_residual", "rounding_mc" })
                Assert.Contains(model, models);
            Assert.Equal(Years, run.Rows.Single(r => r.Table == id && r.Model == "base" && r.Statistic == "nobs").Value);
            // Two-decimal scores: the rounding box is ±0.005 for every market.
            Assert.Equal(0.005, run.Rows.Single(r => r.Table == id && r.Model == "rounding_mc" && r.Statistic == "half_width").Value);
        }
    }

    [Fact]
    public void The_fourth_markets_base_fit_matches_a_decimal_computation()
    {
        // Read the columns from the CSV text itself, by header name, so the oracle does not rest on the loader.
        var lines = run.DataText.TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        decimal[] Col(string name) => lines.Skip(1).Select(l => decimal.Parse(l.Split(',')[Array.IndexOf(header, name)], CultureInfo.InvariantCulture)).ToArray();
        var x = Col("n_energy");
        var y = Col("s_energy");
        var b = DecimalOracle.Solve([DecimalOracle.Ones(Years), x], y);
        var fit = run.Output.Reproductions.Single(r => r.TableId == "energy").Fit;
        Assert.Equal((double)b[0], fit["intercept"].Estimate, 1e-11);
        Assert.Equal((double)b[1], fit["x"].Estimate, 1e-12);
        Assert.Equal((double)b[1], run.Rows.Single(r => r.Table == "energy" && r.Model == "base" && r.Statistic == "estimate" && r.Term == "x").Value, 1e-12);
        var e = DecimalOracle.Residuals([DecimalOracle.Ones(Years), x], y, b);
        double sse = (double)e.Sum(v => v * v);
        Assert.Equal(sse, run.Rows.Single(r => r.Table == "energy" && r.Model == "base" && r.Statistic == "ss_residual").Value, sse * 1e-9);
    }

    [Fact]
    public void The_report_has_every_section_for_every_market()
    {
        var report = run.Report;
        Assert.Contains("## Table 2: Retail score on retail clusters", report);
        foreach (var (id, label) in new[] { ("banks", "Banking"), ("tech", "Technology"), ("energy", "Energy") })
        {
            int at = report.IndexOf($"## Market {id}: {label} score", StringComparison.Ordinal);
            Assert.True(at > 0, $"no base section for {id}");
            int next = report.IndexOf("\n## ", at + 1, StringComparison.Ordinal);
            var section = report[at..next];
            Assert.Contains("### Recomputed SUMMARY OUTPUT", section);
            Assert.Contains("| Observations | 14 |", section);
            Assert.Contains("### Diagnostics the paper does not report", section);
            Assert.Contains("The paper prints no table for this market.", section);
            Assert.DoesNotContain("Internal consistency", section);
            // Alternative models and resampling tables.
            Assert.Contains($"### {id}: {label} score", report);
            // Only the paper's own columns carry the paper's reading; retail compares other columns with Table 2 as printed,
            // so it, like the markets with no printed table, is judged on a positive dependence of its own y on its own x.
            Assert.Contains($"**{id}: the reading of a positive dependence (higher n_{id}, higher s_{id})", report);
            Assert.Contains($"| {id} |", report[report.IndexOf("## What the numbers can bear", StringComparison.Ordinal)..]);
        }
        Assert.Contains("dotnet run scripts/reproduce.cs -- --data ", report);
        Assert.Contains(" --markets ", report);
    }

    [Fact]
    public void Verdicts_exist_only_for_the_market_with_a_printed_table()
    {
        var rows = run.Verdicts.TrimEnd('\n').Split('\n').Skip(1).ToList();
        Assert.Equal(27, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("retail,", r));
        Assert.Equal(27, run.Output.Reproductions.Single(r => r.TableId == "retail").Verdicts.Count);
        Assert.All(run.Output.Reproductions.Where(r => r.TableId != "retail"), r => Assert.Empty(r.Verdicts));
        Assert.False(run.Output.IsBundledData);
    }

    [Theory]
    [InlineData("market,y,x,label\na,s1,n1,A\nb,s2,n2,B\na,s3,n3,C\n", 4, 1, "market", "appears twice (first on line 2)")]
    [InlineData("market,y,x,label,colour\na,s1,n1,A,red\n", 1, 5, "colour", "unknown column")]
    [InlineData("market,y,market,label\n", 1, 3, "market", "appears twice in the header")]
    [InlineData("market,score_column,count_column,label\na,s1,n1,A\n", 1, 2, "score_column", "rename score_column to y and count_column to x")]
    [InlineData("market,y,x,label\na,s1,n1;s1,A\n", 2, 3, "x", "is also this market's y column")]
    [InlineData("market,y,x,label\na,s1,n1;;n2,A\n", 2, 3, "x", "a column name is empty")]
    [InlineData("market,y,x,label\na,s1,n1;n1,A\n", 2, 3, "x", "names a column twice")]
    [InlineData("market,y,x,label\n1a,s1,n1,A\n", 2, 1, "market", "is not a market id")]
    [InlineData("market,y,x,label,published_table\na,s1,n1,A,2\nb,s2,n2,B,2\n", 3, 5, "published_table", "already market a's printed table")]
    public void A_bad_market_description_is_a_located_error(string text, int line, int column, string columnName, string reason)
    {
        var e = Assert.Throws<DataFileException>(() => MarketDescription.Parse(Encoding.UTF8.GetBytes(text), "m.csv"));
        Assert.Equal("m.csv", e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Equal(columnName, e.ColumnName);
        Assert.Contains(reason, e.Reason);
    }

    [Fact]
    public void Thirteen_markets_are_refused_with_the_line()
    {
        var text = "market,y,x,label\n" + string.Concat(Enumerable.Range(1, 13).Select(i => $"m{i},s{i},n{i},M{i}\n"));
        var e = Assert.Throws<DataFileException>(() => MarketDescription.Parse(Encoding.UTF8.GetBytes(text), "m.csv"));
        Assert.Equal(14, e.Line);
        Assert.Contains("more than 12 markets", e.Reason);
    }

    [Fact]
    public void The_data_file_is_checked_against_the_description_with_located_errors()
    {
        var markets = MarketDescription.Parse(Encoding.UTF8.GetBytes(Description), "markets.csv");
        var data = Data();
        // A column the description does not name is the dataset's own business: kept out, never read (here it holds text).
        var extra = data.Replace("n_retail\n", "n_retail,other\n").Replace("\n", ",text\n").Replace("n_retail,other,text\n", "n_retail,other\n");
        var withExtra = Table1.Parse(Encoding.UTF8.GetBytes(extra), "four.csv", markets);
        Assert.Equal(["other"], withExtra.UnusedColumns);
        Assert.Equal(Table1.Parse(Encoding.UTF8.GetBytes(data), "four.csv", markets).Column("s_retail"), withExtra.Column("s_retail"));
        // Under the bundled description the file holds exactly its columns, so a typo is caught where it is.
        var e = Assert.Throws<DataFileException>(() => Table1.Parse(Encoding.UTF8.GetBytes(
            File.ReadAllText(ProjectPaths.BundledTable1).Replace("innovation_clusters", "innovation_clusters,other").Replace("\n2", ",1\n2").TrimEnd() + ",1\n"), "t1.csv"));
        Assert.Contains("unknown column 'other'", e.Reason);
        // A named column the file lacks: the message names the market, the description's line and the columns no market
        // names, where a misspelt one is found.
        var renamed = data.Replace("s_tech", "s_technology");
        e = Assert.Throws<DataFileException>(() => Table1.Parse(Encoding.UTF8.GetBytes(renamed), "four.csv", markets));
        Assert.Equal(("four.csv", 1), (e.File, e.Line));
        Assert.Contains("lacks the column(s) s_tech (market tech's y, markets.csv line 4)", e.Reason);
        Assert.Contains("(the file's columns no market names: 's_technology')", e.Reason);
        // A duplicate column.
        var duplicate = data.Replace("n_retail\n", "n_retail,s_banks\n");
        e = Assert.Throws<DataFileException>(() => Table1.Parse(Encoding.UTF8.GetBytes(duplicate), "four.csv", markets));
        Assert.Equal((1, 10), (e.Line, e.Column!.Value));
        Assert.Contains("appears twice", e.Reason);
    }

    [Fact]
    public void A_missing_described_column_names_its_market_and_description_line()
    {
        var markets = MarketDescription.Parse(Encoding.UTF8.GetBytes(Description), "markets.csv");
        var lines = Data().Split('\n');
        // Drop the column s_tech (field 6) from every line.
        var dropped = string.Join("\n", lines.Select(l => l.Length == 0 ? l : string.Join(",", l.Split(',').Where((_, i) => i != 5))));
        var e = Assert.Throws<DataFileException>(() => Table1.Parse(Encoding.UTF8.GetBytes(dropped), "four.csv", markets));
        Assert.Equal(1, e.Line);
        Assert.Contains("s_tech (market tech's y, markets.csv line 4)", e.Reason);
    }
}
