using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NotebookAnalysis.Data;
using NotebookAnalysis.Report.Pipeline;
using NotebookAnalysis.Results;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Pipeline;

/// <summary>
/// On data that are not the paper's (14 years, 2005-2018, scores printed to two decimals), every number a sentence
/// of REPRODUCTION.md states comes from those data: n, the years, the lag rule's result, the leave-one-out counts,
/// the rounding grid and half-width; and the paper's printed tables are said once to be the paper's.
/// </summary>
public sealed class StudentDataReportTests(StudentDataReportTests.TwoDecimalRun twoDecimals) : IClassFixture<StudentDataReportTests.TwoDecimalRun>
{
    private const int FirstYear = 2005, Years = 14, LastYear = FirstYear + Years - 1;

    /// <summary>The main job run once on the 14-year two-decimal data (it takes a few seconds), shared by the tests.</summary>
    public sealed class TwoDecimalRun
    {
        public (MainJob.Output Output, string Report, IReadOnlyList<ResultRow> Rows) Result { get; } = Run((2, 2, 2));
    }

    private static (MainJob.Output Output, string Report, IReadOnlyList<ResultRow> Rows) Run((int, int, int) decimals) =>
        CultureScope.Run("ru-RU", () =>
        {
            using var dir = new TempDir();
            var path = dir.Write("student.csv", StudentData.Csv(FirstYear, Years, decimals));
            var output = MainJob.Compute(path, Path.Combine(dir.Path, "out"));
            string Text(string f) => Encoding.UTF8.GetString(output.Files.Staged(f));
            return (output, Text("REPRODUCTION.md"), Support.ResultsFile.Parse(Text("results.csv")));
        });

    /// <summary>The report without the findings section, which is about the paper's data by design (and says so).</summary>
    private static string AboutThisData(string report)
    {
        int start = report.IndexOf("## Findings on the document", StringComparison.Ordinal);
        int end = report.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        Assert.True(start > 0 && end > start, "the report has a findings section followed by another section");
        return report[..start] + report[end..];
    }

    [Fact]
    public void Every_n_and_year_the_report_states_is_this_datas()
    {
        var (output, report, _) = twoDecimals.Result;
        Assert.False(output.IsBundledData);
        var text = AboutThisData(report);
        Assert.Contains($"- Rows: {Years} ({FirstYear}-{LastYear})", text);

        // Every "n = k" is the full sample or the sample after losing the first year to a lag or a difference.
        var ns = Regex.Matches(text, @"\bn = (\d+)").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(ns);
        Assert.All(ns, n => Assert.True(n == Years || n == Years - 1, $"the report states n = {n}, but the data have {Years} years"));
        Assert.Contains($"{Years} yearly points", text);
        // 14! pairings are too many to enumerate: the section must not call its test exact.
        // The section's heading anchors the check below (a missing section would pass it).
        Assert.Contains("## What the numbers can bear: permutation tests, bootstrap, rounding", text);
        Assert.DoesNotContain("exact permutation", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"unreliable at n = {Years}", text);

        // Every year range lies inside the data's years.
        var ranges = Regex.Matches(text, @"\b((?:19|20)\d\d)-((?:19|20)\d\d)\b").ToList();
        Assert.NotEmpty(ranges);
        foreach (Match m in ranges)
        {
            int a = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), b = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            Assert.True(a >= FirstYear && b <= LastYear, $"the report states the years {m.Value}, outside the data's {FirstYear}-{LastYear}");
        }
        Assert.DoesNotContain("2009", text);
        Assert.DoesNotContain("n = 10", text);
    }

    [Fact]
    public void The_lag_rule_and_the_leave_one_out_counts_are_computed_for_this_n()
    {
        var (_, report, _) = twoDecimals.Result;
        // Newey and West's (1994) rule floor(4·(n/100)^(2/9)), in the test's own arithmetic.
        int lag = (int)Math.Floor(4 * Math.Pow(Years / 100.0, 2.0 / 9.0));
        Assert.Contains($"which gives lag {lag} at n = {Years}.", report);
        Assert.Contains($"Newey-West (automatic lag {lag}) standard errors", report);
        Assert.Contains($"the n = {Years} models with each other", report);
        Assert.Contains($"explain y in {FirstYear + 1}-{LastYear}", report); // lag1 and firstdiff lose the first year
        Assert.Contains($"over {Years - 1} years, the others over {Years}.", report);
    }

    [Fact]
    public void Two_decimal_scores_get_half_width_0_005_in_the_analysis_the_text_and_results_csv()
    {
        var (output, report, rows) = twoDecimals.Result;
        foreach (var market in output.Data.Markets.Specs.Select(m => m.Market))
            Assert.Equal(2, output.Data.PrintedDecimals(market));
        var halfWidths = rows.Where(r => r.Model == "rounding_mc" && r.Statistic == "half_width").ToList();
        Assert.Equal(["T2_goods", "T3_financial", "T4_innovation"], halfWidths.Select(r => r.Table));
        Assert.All(halfWidths, r => Assert.Equal(0.005, r.Value));
        Assert.Contains("with scores printed to two decimals.", report);
        Assert.Contains("printed to 0.01", report);
        Assert.Contains("within ±0.005", report);
        Assert.Contains("U(−0.005, 0.005)", report);
        Assert.DoesNotContain("0.05)", report);
        Assert.DoesNotContain("±0.05", report);

        // The Monte Carlo really drew within ±0.005: the slope range over the rounding box is b ± h·Σ|x − x̄|/Sxx.
        var s = output.Data.Series(Market.Goods);
        double[] x = s.ClustersArray(), y = s.ScoreArray();
        double xm = x.Average(), sxx = x.Sum(v => (v - xm) * (v - xm)), sabs = x.Sum(v => Math.Abs(v - xm));
        double b = x.Zip(y).Sum(p => (p.First - xm) * p.Second) / sxx;
        var r = NotebookAnalysis.Resampling.MarketResampling.Run(s).Rounding;
        Assert.Equal(0.005, r.HalfWidth);
        Assert.Equal(b - 0.005 * sabs / sxx, r.SlopeMinOverBox, 12);
        Assert.All(r.Slopes, v => Assert.InRange(v, b - 0.005 * sabs / sxx - 1e-12, b + 0.005 * sabs / sxx + 1e-12));
    }

    [Fact]
    public void Score_columns_printed_to_different_decimals_get_their_own_half_widths()
    {
        var (output, report, rows) = Run((1, 2, 3));
        Assert.Equal([1, 2, 3], output.Data.Markets.Specs.Select(m => m.Market).Select(output.Data.PrintedDecimals));
        Assert.Equal([0.05, 0.005, 0.0005], rows.Where(r => r.Model == "rounding_mc" && r.Statistic == "half_width").Select(r => r.Value));
        // Each table named with its own grid and half-width, as the data give them.
        foreach (var (spec, (decimals, word)) in output.Data.Markets.Specs.Zip(new[] { (1, "one decimal"), (2, "two decimals"), (3, "three decimals") }))
        {
            decimal step = 1m / (decimal)Math.Pow(10, decimals);
            Assert.Contains($"{word} ({spec.Id})", report);
            Assert.Contains($"{spec.Id} printed to {step.ToString(CultureInfo.InvariantCulture)}, h = {(step / 2).ToString(CultureInfo.InvariantCulture)}", report);
        }
    }

    [Fact]
    public void The_printed_tables_are_said_once_to_be_the_papers_and_their_verdicts_are_counted_not_listed()
    {
        var (output, report, _) = twoDecimals.Result;
        Assert.Single(Regex.Matches(report, "belong to the paper"));
        int differ = output.Reproductions.SelectMany(r => r.Verdicts).Count(v => v.Kind != NotebookAnalysis.Reproduction.VerdictKind.Match);
        Assert.True(differ > 20, $"the student data should differ from most printed numbers, but only {differ} do");
        Assert.Contains($"{differ} of 81 printed numbers differ from this file's fits", report);
        Assert.DoesNotContain("Non-matches:", report);
        Assert.DoesNotContain("### Number by number", report);
        Assert.DoesNotContain(report.Split('\n'), l => l.StartsWith("- ", StringComparison.Ordinal) && l.Contains("mismatch", StringComparison.Ordinal));
        Assert.Contains("## Findings on the document (about the paper's data)", report);

        var console = MainJob.Console(output);
        Assert.DoesNotContain("mismatch:", console);
        Assert.Contains($"{differ} printed numbers differ from these fits", console);
    }

    [Theory]
    [InlineData("3.7", 1)]
    [InlineData("3.70", 2)]
    [InlineData("4", 0)]
    [InlineData("37e-1", 1)]
    [InlineData("0.37E+1", 1)] // scores stay on the 1-7 scale the loader enforces
    [InlineData("3.125", 3)]
    public void Printed_decimals_are_read_from_the_text(string cell, int decimals)
    {
        var csv = "year,goods_market_efficiency,goods_clusters,financial_market_development,financial_clusters,innovation,innovation_clusters\n" +
                  $"2001,{cell},1,3.3,1,3.1,1\n2002,3.5,2,3.3,2,3.1,2\n2003,3.6,3,3.4,3,3.2,4\n2004,3.6,5,3.4,4,3.2,5\n2005,3.7,8,3.5,6,3.3,7\n";
        var t = Table1.Parse(Encoding.UTF8.GetBytes(csv), "inline.csv");
        Assert.Equal(Math.Max(1, decimals), t.PrintedDecimals(Market.Goods));
        Assert.Equal(1, t.PrintedDecimals(Market.Financial));
    }
}
