using Microsoft.Data.Analysis;

using NotebookAnalysis.Resampling;

namespace NotebookAnalysis.Teaching;

/// <summary>The resampling results as DataFrames, for notebooks (one row per table).</summary>
public static class ResamplingTables
{
    /// <summary>Exact and Monte Carlo permutation p beside the t-test p.</summary>
    public static DataFrame Permutation(IReadOnlyList<MarketResampling> all) => new(
        new StringDataFrameColumn("table", all.Select(m => m.Spec.Id)),
        new StringDataFrameColumn("method", all.Select(m => m.Permutation.Method == PermutationMethod.Exact ? "exact" : "monte carlo")),
        new DoubleDataFrameColumn("slope", all.Select(m => m.Permutation.ObservedSlope)),
        new DoubleDataFrameColumn("t_test_p", all.Select(m => m.TTestP.OrNull)),
        new Int64DataFrameColumn("permutations", all.Select(m => m.Permutation.Permutations)),
        new Int64DataFrameColumn("at_least_as_extreme", all.Select(m => m.Permutation.AtLeastAsExtreme)),
        new DoubleDataFrameColumn("permutation_p", all.Select(m => m.Permutation.PValue)),
        new DoubleDataFrameColumn("smallest_attainable_p", all.Select(m => m.Permutation.MinimumAttainablePValue)),
        new DoubleDataFrameColumn("monte_carlo_p", all.Select(m => m.MonteCarlo.PValue)),
        new DoubleDataFrameColumn("monte_carlo_se", all.Select(m => m.MonteCarlo.StandardError)));

    /// <summary>Percentile and BCa intervals of both bootstrap schemes.</summary>
    public static DataFrame Bootstrap(IReadOnlyList<MarketResampling> all, double level = ResamplingSettings.Level)
    {
        var rows = all.SelectMany(m => new[] { (m, b: m.Pairs), (m, b: m.Residual) }).ToList();
        var pct = rows.Select(r => r.b.Percentile(level)).ToList();
        var bca = rows.Select(r => r.b.BCa(level)).ToList();
        return new DataFrame(
            new StringDataFrameColumn("table", rows.Select(r => r.m.Spec.Id)),
            new StringDataFrameColumn("scheme", rows.Select(r => r.b.Scheme.ToString().ToLowerInvariant())),
            new DoubleDataFrameColumn("slope", rows.Select(r => r.b.ObservedSlope)),
            new DoubleDataFrameColumn("bootstrap_se", rows.Select(r => r.b.StandardError)),
            new DoubleDataFrameColumn("percentile_lower", pct.Select(c => c.Lower)),
            new DoubleDataFrameColumn("percentile_upper", pct.Select(c => c.Upper)),
            new DoubleDataFrameColumn("bca_lower", bca.Select(c => c.Lower.OrNull)),
            new DoubleDataFrameColumn("bca_upper", bca.Select(c => c.Upper.OrNull)),
            new DoubleDataFrameColumn("z0", rows.Select(r => r.b.BiasCorrection.OrNull)),
            new DoubleDataFrameColumn("acceleration", rows.Select(r => r.b.Acceleration.OrNull)));
    }

    /// <summary>The rounding Monte Carlo: slope, R² and p distributions and the share significant.</summary>
    public static DataFrame Rounding(IReadOnlyList<MarketResampling> all) => new(
        new StringDataFrameColumn("table", all.Select(m => m.Spec.Id)),
        new DoubleDataFrameColumn("printed_slope", all.Select(m => m.Rounding.ObservedSlope)),
        new DoubleDataFrameColumn("slope_q025", all.Select(m => m.Rounding.SlopeQuantile(0.025))),
        new DoubleDataFrameColumn("slope_q975", all.Select(m => m.Rounding.SlopeQuantile(0.975))),
        new DoubleDataFrameColumn("slope_min_over_box", all.Select(m => m.Rounding.SlopeMinOverBox)),
        new DoubleDataFrameColumn("slope_max_over_box", all.Select(m => m.Rounding.SlopeMaxOverBox)),
        new DoubleDataFrameColumn("printed_r_squared", all.Select(m => m.Rounding.ObservedRSquared)),
        new DoubleDataFrameColumn("r_squared_median", all.Select(m => m.Rounding.RSquaredQuantile(0.5))),
        new DoubleDataFrameColumn("r_squared_q025", all.Select(m => m.Rounding.RSquaredQuantile(0.025))),
        new DoubleDataFrameColumn("r_squared_q975", all.Select(m => m.Rounding.RSquaredQuantile(0.975))),
        new DoubleDataFrameColumn("printed_p", all.Select(m => m.Rounding.ObservedP)),
        new DoubleDataFrameColumn("p_median", all.Select(m => m.Rounding.PQuantile(0.5))),
        new DoubleDataFrameColumn("share_significant_5pct", all.Select(m => m.Rounding.ShareSignificant)));
}
