using System.Globalization;
using System.Text;
using NotebookAnalysis.Data;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Formatting;
using NotebookAnalysis.Results;

namespace NotebookAnalysis.Resampling;

/// <summary>The fixed settings of the resampling section: replicate counts and seeds (documented in REPRODUCTION.md).</summary>
public static class ResamplingSettings
{
    /// <summary>Bootstrap replicates, rounding draws and Monte Carlo permutations for samples up to
    /// <see cref="FullReplicatesMaxN"/> rows.</summary>
    public const int Replicates = 10_000;

    /// <summary>Fewest replicates used at any n, reached above 50,000 rows. Monte Carlo standard errors there are
    /// √(10,000/200) ≈ 7 times those of the full count: precision traded for a main job that stays within seconds at
    /// 10⁵ rows (where the classical p-values and intervals these procedures check are already close to exact). The
    /// paper's ten rows, and any data up to 1,000 rows, get the full <see cref="Replicates"/>.</summary>
    public const int MinimumReplicates = 200;

    /// <summary>Work per procedure, replicates × n, above which the replicate count shrinks with n.</summary>
    public const long WorkPerProcedure = 10_000_000;

    /// <summary>Largest n that gets the full <see cref="Replicates"/>: 1,000 rows.</summary>
    public const int FullReplicatesMaxN = (int)(WorkPerProcedure / Replicates);

    /// <summary>Seed of the pairs bootstrap.</summary>
    public const int PairsSeed = 20190701;

    /// <summary>Seed of the residual bootstrap.</summary>
    public const int ResidualSeed = 20190702;

    /// <summary>Seed of the rounding Monte Carlo.</summary>
    public const int RoundingSeed = 20190703;

    /// <summary>Seed of the Monte Carlo permutation test (beside the exact one, or instead of it).</summary>
    public const int PermutationSeed = 20190704;

    /// <summary>Largest n whose n! pairings are enumerated: 10! = 3,628,800 (about 10 ms per market). Above it the
    /// permutation test is the seeded Monte Carlo one.</summary>
    public const int MaxExactN = 10;

    /// <summary>
    /// Replicates per procedure for a sample of <paramref name="n"/> rows: <see cref="Replicates"/> up to
    /// <see cref="FullReplicatesMaxN"/> rows, then <see cref="WorkPerProcedure"/>/n but never fewer than
    /// <see cref="MinimumReplicates"/>. Each replicate costs O(n), so the section's cost stays linear in n
    /// with a constant of at most <see cref="MinimumReplicates"/> replicates per row and procedure.
    /// </summary>
    public static int ReplicatesFor(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return (int)Math.Clamp(WorkPerProcedure / n, MinimumReplicates, Replicates);
    }

    /// <summary>Confidence level of the bootstrap intervals.</summary>
    public const double Level = 0.95;

    /// <summary>Significance level of the rounding Monte Carlo.</summary>
    public const double Alpha = 0.05;
}

/// <summary>Everything the resampling section computes for one market. Immutable.</summary>
/// <param name="Spec">Which table.</param>
/// <param name="Permutation">The exact permutation test when n ≤ <see cref="ResamplingSettings.MaxExactN"/>; above it the
/// seeded Monte Carlo test (the same object as <paramref name="MonteCarlo"/>).</param>
/// <param name="MonteCarlo">The seeded Monte Carlo permutation test: a check on the exact one, or the test itself for larger n.</param>
/// <param name="Pairs">The pairs bootstrap.</param>
/// <param name="Residual">The residual bootstrap.</param>
/// <param name="Rounding">The rounding-sensitivity Monte Carlo.</param>
/// <param name="Step">The step description when y takes two values (Table 3), else null.</param>
/// <param name="TTestP">The classical two-sided t-test p of the slope (the OLS engine, normal errors), for comparison.</param>
/// <param name="ScoreDecimals">Digits after the point the scores are printed with; the rounding Monte Carlo's half-width follows from it.</param>
public sealed record MarketResampling(MarketSpec Spec, PermutationTestResult Permutation, PermutationTestResult MonteCarlo,
    BootstrapResult Pairs, BootstrapResult Residual, RoundingSensitivityResult Rounding, StepDescription? Step, Estimate TTestP, int ScoreDecimals)
{
    /// <summary>Replicates of each random procedure (see <see cref="ResamplingSettings.ReplicatesFor"/>).</summary>
    public int Replicates => Pairs.Count;

    /// <summary>The base fit's intercept and slope (the printed scores' least-squares line).</summary>
    public (double Intercept, double Slope) PrintedLine { get; init; }

    /// <summary>The least-squares line through the corner of the rounding box with the flattest slope.</summary>
    public (double Intercept, double Slope) FlattestInBox { get; init; }

    /// <summary>The least-squares line through the corner of the rounding box with the steepest slope.</summary>
    public (double Intercept, double Slope) SteepestInBox { get; init; }

    /// <summary>Every market of <paramref name="reproductions"/>, each with its base fit (never refitted), in their order.</summary>
    public static IReadOnlyList<MarketResampling> RunAll(IReadOnlyList<Reproduction.MarketReproduction> reproductions, int histogramBins = 0) =>
        RunAll(reproductions.Select(r => (r.Series, r.Fit)).ToList(), histogramBins);

    /// <summary>
    /// Every market of <paramref name="markets"/>, in their order. The procedures of all markets (five per market:
    /// the exact permutation test and four random ones, each drawing from its own seeded generator) are one pool of independent jobs, started longest first
    /// (the permutation shuffles) on as many threads as there are cores, so no core idles while another market's long
    /// job runs alone; which thread runs a job changes no number.
    /// </summary>
    public static IReadOnlyList<MarketResampling> RunAll(IReadOnlyList<(MarketSeries Series, OlsResult BaseFit)> markets, int histogramBins = 0)
    {
        if (markets.FirstOrDefault(m => !m.Series.Spec.HasOneRegressor) is { Series.Spec: var several })
            throw new ModelException("resampling of the slope", $"{several.XColumns.Count} regressors; the permutation test, bootstrap and rounding analysis resample the slope of one x", several.Id);
        var draws = markets.Select(m => new Draws(m.Series, histogramBins)).ToArray();
        var procedures = draws.Select(d => d.Procedures()).ToArray();
        // Procedure-major order: every market's longest procedure first.
        var jobs = Enumerable.Range(0, procedures.FirstOrDefault()?.Length ?? 0).SelectMany(p => procedures.Select(ps => ps[p])).ToList();
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(jobs, System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering), job => job());
        return markets.Select((m, i) => draws[i].Result(m.BaseFit)).ToList();
    }

    /// <summary>Runs every resampling analysis on one market with the fixed settings, fitting its base model here
    /// (standalone use; the main job passes the base fits it already has to <see cref="RunAll(IReadOnlyList{ValueTuple{MarketSeries, OlsResult}}, int)"/>).</summary>
    /// <param name="series">The market's series.</param>
    /// <param name="histogramBins">Bins of the permutation histogram (0: none).</param>
    public static MarketResampling Run(MarketSeries series, int histogramBins = 0) =>
        RunAll([(series, Ols.FitSimple(series.Clusters, series.Score, series.Spec.Id))], histogramBins)[0];

    /// <summary>One market's random procedures (each from its own seeded generator) and its exact permutation test, runnable in any order and on
    /// any thread (<see cref="Procedures"/>), then the result (<see cref="Result"/>).</summary>
    private sealed class Draws(MarketSeries series, int histogramBins)
    {
        private readonly double[] _x = series.ClustersArray();
        private readonly double[] _y = series.ScoreArray();
        private PermutationTestResult? _monteCarlo;
        private BootstrapResult? _pairs, _residual;
        private RoundingSensitivityResult? _rounding;
        private PermutationTestResult? _exact;

        private int Replicates => ResamplingSettings.ReplicatesFor(_x.Length);

        private bool Exact => _x.Length <= ResamplingSettings.MaxExactN;

        /// <summary>The procedures, longest first: the exact permutation test (only up to
        /// <see cref="ResamplingSettings.MaxExactN"/> rows, where it is the longest), the Monte Carlo permutation test,
        /// the pairs and residual bootstraps, the rounding Monte Carlo. Each draws from its own seeded generator, so
        /// running them side by side changes no number; at 10^5 rows each is 10^8 draws.</summary>
        public Action[] Procedures() =>
        [
            () => _exact = Exact ? PermutationTest.Exact(_x, _y, histogramBins: histogramBins) : null,
            () => _monteCarlo = PermutationTest.MonteCarlo(_x, _y, Replicates, ResamplingSettings.PermutationSeed, histogramBins: Exact ? 0 : histogramBins),
            () => _pairs = Bootstrap.Pairs(_x, _y, Replicates, ResamplingSettings.PairsSeed),
            () => _residual = Bootstrap.Residual(_x, _y, Replicates, ResamplingSettings.ResidualSeed),
            () => _rounding = RoundingSensitivity.Simulate(_x, _y, Replicates, ResamplingSettings.RoundingSeed, series.ScoreHalfWidth, ResamplingSettings.Alpha),
        ];

        public MarketResampling Result(OlsResult baseFit)
        {
            return new MarketResampling(series.Spec,
                Exact ? _exact! : _monteCarlo!,
                _monteCarlo!,
                _pairs!,
                _residual!,
                _rounding!,
                StepAnalysis.Describe(_x, _y),
                baseFit["x"].PValue,
                series.ScoreDecimals)
            {
                PrintedLine = (baseFit["intercept"].Estimate, baseFit["x"].Estimate),
                FlattestInBox = Line(_x, RoundingSensitivity.ExtremeCorner(_x, _y, steepest: false, series.ScoreHalfWidth)),
                SteepestInBox = Line(_x, RoundingSensitivity.ExtremeCorner(_x, _y, steepest: true, series.ScoreHalfWidth)),
            };
        }
    }

    private static (double Intercept, double Slope) Line(double[] x, double[] y)
    {
        var f = SimpleSlope.FitFull(x, y);
        return (f.Intercept, f.Slope);
    }

    /// <summary>
    /// The rows this market contributes to <c>results.csv</c>. A BCa interval that is undefined for the data is left out
    /// and, with the reason, added to <paramref name="undefined"/>.
    /// </summary>
    public IEnumerable<ResultRow> Rows(ICollection<UndefinedResult>? undefined = null)
    {
        string t = Spec.Id;
        yield return new ResultRow(t, "permutation", "p_value", "x", Permutation.PValue);
        // How the p was obtained: exact = 1 when all n! pairings were enumerated, 0 for the seeded Monte Carlo test.
        yield return new ResultRow(t, "permutation", "exact", "x", Permutation.Method == PermutationMethod.Exact ? 1 : 0);
        yield return new ResultRow(t, "permutation", "permutations", "x", Permutation.Permutations);
        foreach (var (model, boot) in new[] { ("bootstrap_pairs", Pairs), ("bootstrap_residual", Residual) })
        {
            var p = boot.Percentile(ResamplingSettings.Level);
            yield return new ResultRow(t, model, "ci95_lower", "x", p.Lower);
            yield return new ResultRow(t, model, "ci95_upper", "x", p.Upper);
            var bca = new List<ResultRow>();
            var (lower, upper) = boot.BCa(ResamplingSettings.Level);
            UndefinedResult.AddRowOrReason(bca, undefined, t, model, "bca_ci95_lower", "x", lower);
            UndefinedResult.AddRowOrReason(bca, undefined, t, model, "bca_ci95_upper", "x", upper);
            foreach (var row in bca)
                yield return row;
            yield return new ResultRow(t, model, "replicates", "x", boot.Count);
        }
        yield return new ResultRow(t, "rounding_mc", "half_width", "", Rounding.HalfWidth);
        yield return new ResultRow(t, "rounding_mc", "share_significant_5pct", "", Rounding.ShareSignificant);
        yield return new ResultRow(t, "rounding_mc", "slope_q025", "", Rounding.SlopeQuantile(0.025));
        yield return new ResultRow(t, "rounding_mc", "slope_q975", "", Rounding.SlopeQuantile(0.975));
        yield return new ResultRow(t, "rounding_mc", "r_squared_median", "", Rounding.RSquaredQuantile(0.5));
        yield return new ResultRow(t, "rounding_mc", "replicates", "", Rounding.Draws);
    }
}
