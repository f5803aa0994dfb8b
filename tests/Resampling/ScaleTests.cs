using NotebookAnalysis.Report.Pipeline;
using System.Globalization;
using System.Text;
using NotebookAnalysis.Data;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Resampling;
using NotebookAnalysis.Results;

namespace NotebookAnalysis.Tests.Resampling;

/// <summary>
/// The resampling section at any n: the closed-form slope against the engine, the O(n) leave-one-out slopes against
/// refits, the exact/Monte Carlo switch of the permutation test, determinism, and the bundled results unchanged.
/// </summary>
public class ScaleTests
{
    private static readonly CultureInfo Ic = CultureInfo.InvariantCulture;

    // The paper's data: ClosedFormAgreesWithEngineTests (RoundingSensitivityTests.cs).

    /// <summary>Seeded Table-1-shaped columns: rising whole cluster counts, scores = a + b·x + noise (unrounded).</summary>
    private static (double[] X, double[] Y) Synthetic(int n, int seed, double slope, double noise)
    {
        var rng = new Random(seed);
        var x = new double[n];
        var y = new double[n];
        double c = 5;
        for (int i = 0; i < n; i++)
        {
            c += rng.Next(4);
            x[i] = c;
            y[i] = 3.5 + slope * c + noise * (rng.NextDouble() - 0.5);
        }
        return (x, y);
    }

    /// <summary>A valid Table 1 CSV of <paramref name="n"/> consecutive years, scores printed to one decimal.</summary>
    private static Table1 SyntheticTable(int n, int seed)
    {
        var rng = new Random(seed);
        var sb = new StringBuilder(string.Join(",", Table1.ColumnNames)).Append('\n');
        long[] clusters = [14, 6, 3];
        for (int i = 0; i < n; i++)
        {
            sb.Append((2009 + i).ToString(Ic));
            for (int m = 0; m < 3; m++)
            {
                clusters[m] += rng.Next(4);
                double score = Math.Round(3.3 + 0.8 * i / n + 0.3 * rng.NextDouble(), 1);
                sb.Append(',').Append(score.ToString("0.0", Ic)).Append(',').Append(clusters[m].ToString(Ic));
            }
            sb.Append('\n');
        }
        return Table1.Parse(Encoding.UTF8.GetBytes(sb.ToString()), $"synthetic-{n}.csv");
    }

    private static void Close(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Abs(expected),
            $"{what}: engine {expected:R}, closed form {actual:R}, relative difference {Math.Abs(expected - actual) / Math.Abs(expected):E2} > {relative:E0}.");

    [Theory]
    [InlineData(12, 0.004, 0.2)]
    [InlineData(1_000, 0.004, 0.2)]
    [InlineData(100_000, 0.004, 0.2)]
    [InlineData(100_000, 0.00001, 2.0)] // weak association: r ≈ 0.1, where Sxy cancels most
    public void ClosedFormSlope_AgreesWithTheEngineOnRandomData(int n, double slope, double noise)
    {
        var (x, y) = Synthetic(n, 20190613 + n, slope, noise);
        var engine = Ols.FitSimple(x, y);
        var fit = SimpleSlope.FitFull(x, y);
        Close(engine["x"].Estimate, fit.Slope, 1e-12, "slope");
        Close(engine["intercept"].Estimate, fit.Intercept, 1e-12, "intercept");
        Close(engine.RSquared.Value, fit.RSquared, 1e-11, "R²");
        Close(engine["x"].TValue.Value, fit.T, 1e-11, "t");
    }

    [Theory]
    [InlineData(800)]   // direct refits
    [InlineData(3_000)] // O(n) downdate
    public void LeaveOneOutSlopes_MatchRefitsWithoutEachPoint(int n)
    {
        var (x, y) = Synthetic(n, 7, 0.004, 0.2);
        x[n / 2] = 1e4; // a point of leverage near 1: the downdate would lose digits there, so it is refitted
        var loo = SimpleSlope.LeaveOneOutSlopes(x, y);
        for (int k = 0; k < n; k += k < 20 || k == n / 2 - 1 ? 1 : 97)
        {
            var rx = x.Where((_, i) => i != k).ToArray();
            var ry = y.Where((_, i) => i != k).ToArray();
            var reference = new DecimalRegressionSlope(rx, ry).Slope;
            Close(reference, loo[k], 1e-12, $"leave-one-out slope without row {k}");
        }
        Close(new DecimalRegressionSlope(x.Where((_, i) => i != n / 2).ToArray(), y.Where((_, i) => i != n / 2).ToArray()).Slope,
            loo[n / 2], 1e-12, "leave-one-out slope without the high-leverage row");
    }

    [Fact]
    public void LeaveOneOutSlopes_AreNaNWhereTheRestHaveConstantX()
    {
        int n = 2_000;
        var x = Enumerable.Repeat(3.0, n).ToArray();
        x[5] = 4.0;
        var y = Enumerable.Range(0, n).Select(i => 0.1 * (i % 7)).ToArray();
        var loo = SimpleSlope.LeaveOneOutSlopes(x, y);
        Assert.True(double.IsNaN(loo[5]));
        Assert.Equal(n - 1, loo.Count(double.IsFinite));
    }

    [Theory]
    [InlineData(10, 10_000)]
    [InlineData(1_000, 10_000)]
    [InlineData(2_000, 5_000)]
    [InlineData(10_000, 1_000)]
    [InlineData(50_000, 200)]
    [InlineData(100_000, 200)]
    public void Replicates_ShrinkAsWorkPerProcedureOverN_WithAFloor(int n, int expected) =>
        Assert.Equal(expected, ResamplingSettings.ReplicatesFor(n));

    [Fact]
    public void Permutation_IsExactUpToTenRows()
    {
        var m = MarketResampling.Run(SyntheticTable(10, 3).Series(Market.Goods));
        Assert.Equal(PermutationMethod.Exact, m.Permutation.Method);
        Assert.Equal(3_628_800, m.Permutation.Permutations);
        var rows = m.Rows().Where(r => r.Model == "permutation").ToDictionary(r => r.Statistic, r => r.Value);
        Assert.Equal(1.0, rows["exact"]);
        Assert.Equal(3_628_800.0, rows["permutations"]);
    }

    [Fact]
    public void Permutation_IsMonteCarloAboveTenRows_AndAgreesWithTheExactTest()
    {
        var series = SyntheticTable(11, 4).Series(Market.Innovation);
        var m = MarketResampling.Run(series);
        Assert.Equal(PermutationMethod.MonteCarlo, m.Permutation.Method);
        Assert.Same(m.MonteCarlo, m.Permutation);
        Assert.Equal(ResamplingSettings.Replicates, m.Permutation.Permutations);
        Assert.Equal(ResamplingSettings.PermutationSeed, m.Permutation.Seed);
        var rows = m.Rows().Where(r => r.Model == "permutation").ToDictionary(r => r.Statistic, r => r.Value);
        Assert.Equal(0.0, rows["exact"]);
        Assert.Equal(10_000.0, rows["permutations"]);
        // The library's exact enumeration still allows n = 11: the Monte Carlo estimate lies within 4 standard errors.
        var exact = PermutationTest.Exact(series.ClustersArray(), series.ScoreArray());
        double se = Math.Sqrt(exact.PValue * (1 - exact.PValue) / m.Permutation.Permutations);
        Assert.True(Math.Abs(m.Permutation.PValue - exact.PValue) <= 4 * se + 1e-12,
            $"Monte Carlo p {m.Permutation.PValue} vs exact {exact.PValue} (SE {se}).");
    }

    [Fact]
    public void LargeSample_IsDeterministicAndRecordsItsReplicates()
    {
        var table = SyntheticTable(2_500, 5);
        var first = MarketResampling.Run(table.Series(Market.Financial)).Rows().ToList();
        var second = MarketResampling.Run(table.Series(Market.Financial)).Rows().ToList();
        Assert.Equal(first, second);
        int r = ResamplingSettings.ReplicatesFor(2_500);
        Assert.Equal(4_000, r);
        Assert.Equal(r, first.Single(x => x.Model == "bootstrap_pairs" && x.Statistic == "replicates").Value);
        Assert.Equal(r, first.Single(x => x.Model == "bootstrap_residual" && x.Statistic == "replicates").Value);
        Assert.Equal(r, first.Single(x => x.Model == "rounding_mc" && x.Statistic == "replicates").Value);
        Assert.Equal(r, first.Single(x => x.Model == "permutation" && x.Statistic == "permutations").Value);
    }

    [Fact]
    public void BundledData_ResamplingRowsEqualTheCommittedResults_OnlyRowsAreAdded()
    {
        string[] models = ["permutation", "bootstrap_pairs", "bootstrap_residual", "rounding_mc"];
        var committed = Support.ResultsFile.Parse(File.ReadAllText(Path.Combine(ProjectPaths.Results, "results.csv")))
            .Where(r => models.Contains(r.Model))
            .ToList();
        var now = new ResamplingSection().Run(Table1.LoadBundled()).Rows
            .ToDictionary(r => (r.Table, r.Model, r.Statistic, r.Term), r => r.Value);
        Assert.True(committed.Count >= 39, $"results.csv has {committed.Count} resampling rows; 13 per table were written before this change.");
        // Every value the committed file holds is reproduced bit for bit; rows are only ever added.
        foreach (var row in committed)
        {
            Assert.True(now.TryGetValue((row.Table, row.Model, row.Statistic, row.Term), out double v), $"{row} is no longer written.");
            Assert.True(BitConverter.DoubleToInt64Bits(row.Value) == BitConverter.DoubleToInt64Bits(v),
                $"{row.Table},{row.Model},{row.Statistic}: committed {row.Value:R}, now {v:R}.");
        }
        // How each value was obtained: 10! pairings enumerated, 10,000 replicates everywhere.
        foreach (var t in new[] { "T2_goods", "T3_financial", "T4_innovation" })
        {
            Assert.Equal(1.0, now[(t, "permutation", "exact", "x")]);
            Assert.Equal(3_628_800.0, now[(t, "permutation", "permutations", "x")]);
            Assert.Equal(10_000.0, now[(t, "bootstrap_pairs", "replicates", "x")]);
            Assert.Equal(10_000.0, now[(t, "bootstrap_residual", "replicates", "x")]);
            Assert.Equal(10_000.0, now[(t, "rounding_mc", "replicates", "")]);
        }
    }

    /// <summary>The least-squares slope in System.Decimal from the doubles' exact shortest round-trip decimal forms.</summary>
    private sealed class DecimalRegressionSlope
    {
        public DecimalRegressionSlope(double[] x, double[] y)
        {
            var xd = x.Select(v => (decimal)v).ToArray();
            var yd = y.Select(v => decimal.Parse(v.ToString("R", Ic), NumberStyles.Float, Ic)).ToArray();
            decimal mx = xd.Average(), my = yd.Average();
            decimal sxx = 0, sxy = 0;
            for (int i = 0; i < xd.Length; i++)
            {
                sxx += (xd[i] - mx) * (xd[i] - mx);
                sxy += (xd[i] - mx) * (yd[i] - my);
            }
            Slope = (double)(sxy / sxx);
        }

        public double Slope { get; }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(1_500)]
    public void PooledMarketsGiveEachMarketsOwnNumbers(int n)
    {
        // RunAll runs every market's procedures as one pool of jobs; each market's numbers are those it gets alone.
        var table = SyntheticTable(n, 7);
        var markets = table.AllSeries().Select(s => (s, Ols.FitSimple(s.Clusters, s.Score))).ToList();
        var pooled = MarketResampling.RunAll(markets);
        for (int i = 0; i < markets.Count; i++)
        {
            var alone = MarketResampling.RunAll([markets[i]])[0];
            Assert.Equal(alone.Rows().ToList(), pooled[i].Rows().ToList());
            Assert.Equal(alone.Pairs.Replicates, pooled[i].Pairs.Replicates);
            Assert.Equal(alone.Rounding.Slopes, pooled[i].Rounding.Slopes);
        }
    }
}
