using NotebookAnalysis.Data;
using NotebookAnalysis.Report.Pipeline;
using NotebookAnalysis.Results;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Models;

/// <summary>
/// The engine against R: every value of <c>tests/References/r-battery.csv</c>, written by
/// <c>Rscript scripts/r/battery.R --reference tests/References/r-battery.csv</c> with lm, lmtest, sandwich and an
/// iterated Prais-Winsten in base R, equals the row the main job computes for <c>results.csv</c> to 1e-8 relative.
/// R is needed only to regenerate the file (tests/References/README.md), never here.
/// </summary>
public class RReferenceTests
{
    /// <summary>Relative tolerance of every comparison.</summary>
    private const double Relative = 1e-8;

    /// <summary>
    /// Absolute floor for the coefficient rows in the units of the coefficient's standard error (1e-12 for t, 1e-12·SE
    /// for an estimate and its interval): an estimate whose exact value is 0 comes out of R as rounding noise
    /// (T3_financial firstdiff's intercept: −2.3e-18, t = −9.3e-17), where a relative comparison means nothing.
    /// p-values and model statistics have no floor: a tiny p (2.6e-16) is compared relatively, and an exact 0 must be 0.
    /// </summary>
    private const double CoefficientFloorInStandardErrors = 1e-12;

    /// <summary>
    /// Models of results.csv that have no R reference, because their values come from random draws (R's generator
    /// is not the engine's): the bootstraps and the rounding Monte Carlo.
    /// </summary>
    private static readonly string[] RandomModels = ["bootstrap_pairs", "bootstrap_residual", "rounding_mc"];

    private static string ReferencePath => Path.Combine(ProjectPaths.Root, "tests", "References", "r-battery.csv");

    // Read under ru-RU: the file's "0.5" must not become 5.
    private static readonly Lazy<IReadOnlyList<ResultRow>> Reference =
        new(() => CultureScope.Run("ru-RU", () => Support.ResultsFile.Parse(File.ReadAllText(ReferencePath), "tests/References/r-battery.csv")));

    private static readonly Lazy<IReadOnlyList<ResultRow>> Engine =
        new(() => MainJob.Compute(ProjectPaths.BundledTable1, ProjectPaths.Results).Rows);

    [Fact]
    public void The_reference_file_holds_at_least_500_distinct_values_of_the_three_tables()
    {
        var rows = Reference.Value;
        Assert.True(rows.Count >= 500, $"tests/References/r-battery.csv holds {rows.Count} values; at least 500 are expected.");
        var duplicate = rows.GroupBy(Key).FirstOrDefault(g => g.Count() > 1);
        Assert.True(duplicate is null, $"tests/References/r-battery.csv repeats the row {duplicate?.Key}.");
        Assert.Equal(new[] { "T2_goods", "T3_financial", "T4_innovation" }, rows.Select(r => r.Table).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_R_value_equals_the_engine_to_1e_8_relative()
    {
        var failures = Compare(Reference.Value, Engine.Value);
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {Reference.Value.Count} values of tests/References/r-battery.csv differ from the engine:\n" +
            string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void Every_engine_value_has_an_R_reference_unless_it_comes_from_random_draws()
    {
        // A statistic added to results.csv must get its R value (or join the documented exceptions).
        var keys = Reference.Value.Select(Key).ToHashSet();
        var uncovered = Engine.Value.Where(r => !RandomModels.Contains(r.Model) && !keys.Contains(Key(r))).Select(Key).ToList();
        Assert.True(uncovered.Count == 0, $"{uncovered.Count} engine values have no R reference: {string.Join("; ", uncovered.Take(20))}.");
        Assert.All(RandomModels, m => Assert.Contains(Engine.Value, r => r.Model == m));
    }

    [Fact]
    public void A_change_of_1e_6_relative_in_a_reference_value_fails_and_names_the_row()
    {
        var reference = Reference.Value.ToList();
        int i = reference.FindIndex(r => (r.Table, r.Model, r.Statistic, r.Term) == ("T2_goods", "hac_nw_lag1", "std_error", "x"));
        Assert.True(i >= 0, "the reference file has no Newey-West (lag 1) standard error of x for T2_goods.");
        reference[i] = reference[i] with { Value = reference[i].Value * (1 + 1e-6) };
        var failures = Compare(reference, Engine.Value);
        Assert.StartsWith($"line {i + 2}: T2_goods,hac_nw_lag1,std_error,x: R ", Assert.Single(failures));
    }

    [Fact]
    public void The_floor_near_zero_applies_only_to_coefficient_rows_in_standard_errors()
    {
        ResultRow Row(string model, string statistic, string term, double value) => new("T", model, statistic, term, value);
        var reference = new[]
        {
            Row("m", "std_error", "intercept", 0.01), Row("m", "estimate", "intercept", -2e-18), Row("m", "t_value", "intercept", -2e-16),
            Row("m", "p_value", "intercept", 2.5e-16), Row("m", "log_jacobian", "", 0),
        };
        var close = new[]
        {
            Row("m", "std_error", "intercept", 0.01), Row("m", "estimate", "intercept", 1e-34), Row("m", "t_value", "intercept", 1e-32),
            Row("m", "p_value", "intercept", 2.5e-16 * (1 + 1e-9)), Row("m", "log_jacobian", "", 0),
        };
        Assert.Empty(Compare(reference, close));
        // Beyond the floor (1e-12 SE), a tiny p off by 1e-7 relative, and a zero that is not 0, each fail.
        var far = new[]
        {
            Row("m", "std_error", "intercept", 0.01), Row("m", "estimate", "intercept", 2e-14), Row("m", "t_value", "intercept", 2e-12),
            Row("m", "p_value", "intercept", 2.5e-16 * (1 + 1e-7)), Row("m", "log_jacobian", "", 1e-300),
        };
        Assert.Equal(4, Compare(reference, far).Count);
    }

    /// <summary>One message per reference row that the engine lacks or that differs beyond the tolerance, naming the
    /// file line and the row.</summary>
    private static List<string> Compare(IReadOnlyList<ResultRow> reference, IReadOnlyList<ResultRow> engine)
    {
        var computed = engine.ToDictionary(Key, r => r.Value);
        var standardErrors = reference.Where(r => r.Statistic == "std_error").ToDictionary(r => (r.Table, r.Model, r.Term), r => r.Value);
        var failures = new List<string>();
        for (int i = 0; i < reference.Count; i++)
        {
            var r = reference[i];
            string where = $"line {i + 2}: {Key(r)}";
            if (!computed.TryGetValue(Key(r), out double value))
            {
                failures.Add($"{where}: R {R(r.Value)}, and the engine has no such row");
                continue;
            }
            double floor = r.Term.Length == 0 || r.Statistic == "p_value" ? 0
                : r.Statistic == "t_value" ? CoefficientFloorInStandardErrors
                : standardErrors.TryGetValue((r.Table, r.Model, r.Term), out double se) ? CoefficientFloorInStandardErrors * se : 0;
            double difference = Math.Abs(value - r.Value);
            if (!(difference <= Relative * Math.Abs(r.Value) + floor))
                failures.Add($"{where}: R {R(r.Value)}, engine {R(value)}, relative difference {R(difference / Math.Abs(r.Value))} > {R(Relative)}");
        }
        return failures;
    }

    private static string Key(ResultRow r) => $"{r.Table},{r.Model},{r.Statistic},{r.Term}";

    private static string R(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
