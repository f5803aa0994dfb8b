using NotebookAnalysis.Resampling;
using static NotebookAnalysis.Formatting.NumberFormat;

namespace NotebookAnalysis.Report.Reporting;

/// <summary>The resampling section's tables (one row per table id), as <see cref="Grid"/>s for REPRODUCTION.md and notebooks.</summary>
public static class ResamplingGrids
{
    /// <summary>The permutation test beside the t-test, with the Monte Carlo check.</summary>
    public static Grid Permutation(IReadOnlyList<MarketResampling> all)
    {
        var grid = new Grid().Block(null, "Table", "slope", "t-test p (normal errors)", "pairings at least as extreme", "permutation p",
            "smallest p these values allow", "Monte Carlo p ± SE");
        foreach (var m in all)
        {
            var p = m.Permutation;
            bool exact = p.Method == PermutationMethod.Exact;
            grid.Row(m.Spec.Id, Fixed(p.ObservedSlope, 5), m.TTestP.Format(p => Significant(p, 3)),
                $"{Count(p.AtLeastAsExtreme)} of {Count(p.Permutations)}",
                exact ? Brief(p.PValue) : $"{Brief(p.PValue)} ± {Significant(p.StandardError, 2)}",
                exact ? Brief(p.MinimumAttainablePValue) : "n/a",
                $"{Significant(m.MonteCarlo.PValue, 3)} ± {Significant(m.MonteCarlo.StandardError, 2)}");
        }
        return grid;
    }

    /// <summary>Percentile and BCa intervals of both bootstrap schemes.</summary>
    public static Grid Bootstrap(IReadOnlyList<MarketResampling> all, double level = ResamplingSettings.Level)
    {
        var grid = new Grid().Block(null, "Table", "scheme", "SE", "percentile", "BCa");
        foreach (var m in all)
            foreach (var b in new[] { m.Pairs, m.Residual })
            {
                var p = b.Percentile(level);
                // A BCa interval undefined for the data (all replicates on one side of b̂) reads "undefined".
                string bca = b.BCa(level) is ({ IsDefined: true } lo, { IsDefined: true } hi) ? $"[{Fixed(lo.Value, 5)}, {Fixed(hi.Value, 5)}]" : SummaryOutput.Undefined;
                grid.Row(m.Spec.Id, b.Scheme.ToString().ToLowerInvariant(), Fixed(b.StandardError, 5),
                    $"[{Fixed(p.Lower, 5)}, {Fixed(p.Upper, 5)}]", bca);
            }
        return grid;
    }

    /// <summary>The rounding Monte Carlo: slope, R² and p over the draws, and the exact slope range over the rounding box.</summary>
    public static Grid Rounding(IReadOnlyList<MarketResampling> all)
    {
        var grid = new Grid().Block(null, "Table", "printed slope", "slope 2.5%–97.5%", "printed R²", "R² median [2.5%, 97.5%]", "p median",
            $"share significant at {Fixed(ResamplingSettings.Alpha * 100, 0)}%", "slope over the rounding box");
        foreach (var m in all)
        {
            var r = m.Rounding;
            grid.Row(m.Spec.Id, Fixed(r.ObservedSlope, 5), $"{Fixed(r.SlopeQuantile(0.025), 5)} – {Fixed(r.SlopeQuantile(0.975), 5)}",
                Fixed(r.ObservedRSquared, 4),
                $"{Fixed(r.RSquaredQuantile(0.5), 4)} [{Fixed(r.RSquaredQuantile(0.025), 4)}, {Fixed(r.RSquaredQuantile(0.975), 4)}]",
                Significant(r.PQuantile(0.5), 3), Percent(r.ShareSignificant),
                $"[{Fixed(r.SlopeMinOverBox, 5)}, {Fixed(r.SlopeMaxOverBox, 5)}]");
        }
        return grid;
    }
}
