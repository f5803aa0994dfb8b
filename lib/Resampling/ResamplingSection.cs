using System.Globalization;
using System.Text;
using NotebookAnalysis.Data;
using NotebookAnalysis.Pipeline;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Reporting;
using NotebookAnalysis.Results;

namespace NotebookAnalysis.Resampling;

/// <summary>The fixed settings of the resampling section: replicate counts and seeds (documented in REPRODUCTION.md).</summary>
public static class ResamplingSettings
{
    /// <summary>Bootstrap replicates, rounding draws and Monte Carlo permutations for samples up to
    /// <see cref="FullReplicatesMaxN"/> rows.</summary>
    public const int Replicates = 10_000;

    /// <summary>Fewest replicates used at any n.</summary>
    public const int MinimumReplicates = 1_000;

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
    BootstrapResult Pairs, BootstrapResult Residual, RoundingSensitivityResult Rounding, StepDescription? Step, double TTestP, int ScoreDecimals)
{
    /// <summary>Replicates of each random procedure (see <see cref="ResamplingSettings.ReplicatesFor"/>).</summary>
    public int Replicates => Pairs.Count;

    /// <summary>Runs every resampling analysis on one market with the fixed settings.</summary>
    public static MarketResampling Run(MarketSeries series, int histogramBins = 0)
    {
        var x = series.ClustersArray();
        var y = series.ScoreArray();
        int replicates = ResamplingSettings.ReplicatesFor(x.Length);
        bool exact = x.Length <= ResamplingSettings.MaxExactN;
        // The four random procedures draw from their own seeded generators, so running them side by side changes no
        // number; at 10^5 rows each is 10^8 draws, and the markets alone (3) do not keep 2 cores evenly busy.
        PermutationTestResult monteCarlo = null!;
        BootstrapResult pairs = null!, residual = null!;
        RoundingSensitivityResult rounding = null!;
        Parallel.Invoke(
            () => monteCarlo = PermutationTest.MonteCarlo(x, y, replicates, ResamplingSettings.PermutationSeed, histogramBins: exact ? 0 : histogramBins),
            () => pairs = Bootstrap.Pairs(x, y, replicates, ResamplingSettings.PairsSeed),
            () => residual = Bootstrap.Residual(x, y, replicates, ResamplingSettings.ResidualSeed),
            () => rounding = RoundingSensitivity.Simulate(series, replicates, ResamplingSettings.RoundingSeed, ResamplingSettings.Alpha));
        return new MarketResampling(series.Spec,
            exact ? PermutationTest.Exact(x, y, histogramBins: histogramBins) : monteCarlo,
            monteCarlo,
            pairs,
            residual,
            rounding,
            StepAnalysis.Describe(x, y),
            Ols.FitSimple(x, y, series.Spec.TableId)["x"].PValue,
            series.ScoreDecimals);
    }

    /// <summary>The BCa interval at <paramref name="level"/>, or null where it is undefined for the data.</summary>
    public static ConfidenceInterval? BcaOf(BootstrapResult boot, double level = ResamplingSettings.Level)
    {
        try
        {
            return boot.BCa(level);
        }
        catch (ModelException)
        {
            return null;
        }
    }

    /// <summary>
    /// The rows this market contributes to <c>results.csv</c>. A BCa interval that is undefined for the data is left out
    /// and, with the reason, added to <paramref name="undefined"/>.
    /// </summary>
    public IEnumerable<ResultRow> Rows(ICollection<UndefinedResult>? undefined = null)
    {
        string t = Spec.TableId;
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
            UndefinedResult.AddRowOrReason(bca, undefined, t, model, "bca_ci95_lower", "x", Estimate.Try(() => boot.BCa(ResamplingSettings.Level).Lower));
            UndefinedResult.AddRowOrReason(bca, undefined, t, model, "bca_ci95_upper", "x", Estimate.Try(() => boot.BCa(ResamplingSettings.Level).Upper));
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

/// <summary>
/// The main job's resampling section (issue 7): exact permutation p, bootstrap intervals and rounding
/// sensitivity for Tables 2-4, as <c>results.csv</c> rows and a REPRODUCTION.md section.
/// </summary>
public sealed class ResamplingSection : IAnalysisSection
{
    /// <inheritdoc/>
    public string Name => "resampling (permutation, bootstrap, rounding)";

    /// <inheritdoc/>
    public SectionOutput Run(Table1 data)
    {
        ArgumentNullException.ThrowIfNull(data);
        // The markets are independent and each procedure has its own seed, so running them on parallel threads
        // gives the same numbers in the same (table) order.
        var all = data.AllSeries().AsParallel().AsOrdered().Select(s => MarketResampling.Run(s)).ToList();
        var undefined = new List<UndefinedResult>();
        return new SectionOutput(all.SelectMany(m => m.Rows(undefined)).ToList(), Markdown(all), Undefined: undefined);
    }

    /// <summary>The REPRODUCTION.md section for the given analyses (invariant culture). Every count, grid and
    /// half-width in its sentences comes from <paramref name="all"/>.</summary>
    public static string Markdown(IReadOnlyList<MarketResampling> all)
    {
        var ic = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        void L(FormattableString s) => md.Append(s.ToString(ic)).Append('\n');
        int n = all[0].Permutation.N;
        bool exact = all.All(m => m.Permutation.Method == PermutationMethod.Exact);
        int reps = all[0].Replicates;
        L($"## What the numbers can bear: {(exact ? "exact permutation tests" : "permutation tests")}, bootstrap, rounding");
        L($"");
        L($"{n} yearly points, with scores printed to {PrintedTo(all)}. The paper's p-values assume normal errors; these checks do not.");
        L($"Slopes are least-squares slopes of the score on the number of clusters. Seeds: pairs bootstrap {ResamplingSettings.PairsSeed}, residual bootstrap {ResamplingSettings.ResidualSeed}, rounding {ResamplingSettings.RoundingSeed}, Monte Carlo permutation {ResamplingSettings.PermutationSeed} (`System.Random`, one thread); {reps:N0} replicates each.");
        if (reps < ResamplingSettings.Replicates)
            L($"(Each replicate costs O(n), so above {ResamplingSettings.FullReplicatesMaxN:N0} rows the count is {ResamplingSettings.WorkPerProcedure:N0}/n, at least {ResamplingSettings.MinimumReplicates:N0}, instead of {ResamplingSettings.Replicates:N0}: Monte Carlo standard errors are about √({ResamplingSettings.Replicates:N0}/{reps:N0}) = {Math.Sqrt((double)ResamplingSettings.Replicates / reps):F1} times those of the full count.)");
        L($"");
        if (exact)
        {
            L($"### Exact permutation test of the slope");
            L($"");
            L($"All {n}! = {PermutationTest.Factorial(n):N0} pairings of x with y, two-sided: a pairing counts when |b_perm| ≥ |b_obs|·(1 − {PermutationTest.DefaultRelativeTolerance:G1}); the tolerance counts ties, which the rounded scores make common. The Monte Carlo column repeats the test with {reps:N0} random pairings, as a check (0 means none was as extreme).");
        }
        else
        {
            L($"### Permutation test of the slope (Monte Carlo)");
            L($"");
            L($"With {n} points there are {n}! pairings, too many to enumerate (the section enumerates them only up to {PermutationTest.Factorial(ResamplingSettings.MaxExactN):N0}, that is {ResamplingSettings.MaxExactN} points). Monte Carlo instead: {reps:N0} random pairings (seed {ResamplingSettings.PermutationSeed}), two-sided, ties within a relative {PermutationTest.DefaultRelativeTolerance:G1} on |b|. p is the share at least as extreme ± its standard error (the Monte Carlo column is the same test). results.csv records the method (`permutation,exact` = 0) and the count (`permutations`).");
        }
        L($"");
        md.Append(Reporting.ResamplingGrids.Permutation(all).ToMarkdown().TrimEnd('\n')).Append('\n');
        var atFloor = all.Where(m => m.Permutation.Method == PermutationMethod.Exact && m.Permutation.PValue == m.Permutation.MinimumAttainablePValue).Select(m => m.Spec.TableId).ToList();
        if (exact)
        {
            L($"");
            L($"With tied scores no p-value can fall below the share of pairings that reach the largest attainable |slope|.{(atFloor.Count > 0 ? $" For {string.Join(" and ", atFloor)} the observed pairing is that extreme: the exact p is the smallest these values could ever give." : "")}");
        }
        L($"");
        L($"### Bootstrap {ResamplingSettings.Level * 100:0}% intervals for the slope");
        L($"");
        L($"Pairs: resample (x, y) pairs. Residual: x fixed, leverage-adjusted re-centered residuals (Davison & Hinkley, Algorithm 6.1). Percentile: type-7 quantiles; BCa: bias correction from the share of replicates below b̂, acceleration from the jackknife.");
        L($"");
        md.Append(Reporting.ResamplingGrids.Bootstrap(all).ToMarkdown());
        L($"### Sensitivity to the rounding of the scores");
        L($"");
        var (box, draw) = RoundingBox(all);
        L($"{box} {reps:N0} draws of y + {draw}; cluster counts are exact. The last column is the exact range of the slope over every dataset that rounds to the printed one (a corner of the box, since the slope is linear in y).");
        L($"");
        md.Append(Reporting.ResamplingGrids.Rounding(all).ToMarkdown().TrimEnd('\n')).Append('\n');
        foreach (var m in all.Where(m => m.Step is not null))
        {
            L($"");
            md.Append(StepParagraph(m, n)).Append('\n');
        }
        L($"");
        return md.ToString();
    }

    /// <summary>"one decimal", or per table when the score columns are printed to different decimals.</summary>
    private static string PrintedTo(IReadOnlyList<MarketResampling> all)
    {
        var distinct = all.Select(m => m.ScoreDecimals).Distinct().ToList();
        return distinct.Count == 1
            ? DecimalsInWords(distinct[0])
            : string.Join(", ", all.Select(m => $"{DecimalsInWords(m.ScoreDecimals)} ({m.Spec.TableId})"));
    }

    private static string DecimalsInWords(int d) => d switch
    {
        0 => "whole numbers",
        1 => "one decimal",
        2 => "two decimals",
        3 => "three decimals",
        _ => $"{d.ToString(CultureInfo.InvariantCulture)} decimals",
    };

    /// <summary>The grid each score is printed to and the half-width h of its rounding box (once, or per table when the
    /// score columns differ), and the perturbation drawn.</summary>
    private static (string Sentence, string Draw) RoundingBox(IReadOnlyList<MarketResampling> all)
    {
        string Unit(MarketResampling m) => NumberFormat.Fixed(2 * m.Rounding.HalfWidth, m.ScoreDecimals);
        string Half(MarketResampling m) => NumberFormat.HalfUnit(m.Rounding.HalfWidth, m.ScoreDecimals);
        if (all.Select(m => m.ScoreDecimals).Distinct().Count() == 1)
            return ($"Each score is printed to {Unit(all[0])}, so its unrounded value lies within ±{Half(all[0])}.", $"U(−{Half(all[0])}, {Half(all[0])})");
        return ("Each score's unrounded value lies within half its column's printed unit, ±h: " +
                string.Join(", ", all.Select(m => $"{m.Spec.TableId} printed to {Unit(m)}, h = {Half(m)}")) + ".", "U(−h, h)");
    }

    /// <summary>The paragraph on a market whose score takes two values (Table 3 of the paper): the fit is one step.</summary>
    private static string StepParagraph(MarketResampling m, int n)
    {
        var s = m.Step!;
        var r = m.Rounding;
        int d = m.ScoreDecimals;
        string Grid(double v) => NumberFormat.OnGrid(v, d);
        double h = r.HalfWidth;
        var sentences = new List<string>
        {
            $"**{m.Spec.TableId}: the fit is one step.**",
            $"The score reads {Grid(s.Low)} for {s.CountLow} years (up to {NumberFormat.Shortest(s.LargestXLow)} clusters) and {Grid(s.High)} for {s.CountHigh} years (from {NumberFormat.Shortest(s.SmallestXHigh)} clusters).",
            $"Regressing a two-valued y on x compares two groups of x: R² = n₀n₁(x̄₁ − x̄₀)²/(n·Sxx) = {NumberFormat.Fixed(s.PointBiserialRSquared, 4)} for a step of any size, and the slope is the step times {NumberFormat.Fixed(s.IndicatorSlope, 5)}.",
            $"The R² of {NumberFormat.Fixed(r.ObservedRSquared, 2)} therefore says only where the step falls among the cluster counts, nothing about how large it is.",
            $"Rounding decides the step: scores printed {Grid(s.Low)} and {Grid(s.High)} allow a true difference between the two groups' mean scores anywhere from {Grid(Math.Max(0, s.Step - 2 * h))} to {Grid(s.Step + 2 * h)}, and true scores that differ by up to {NumberFormat.Fixed(2 * h, d)} within a group.",
            $"Over the rounding draws R² has median {NumberFormat.Fixed(r.RSquaredQuantile(0.5), 2)} [{NumberFormat.Fixed(r.RSquaredQuantile(0.025), 2)}, {NumberFormat.Fixed(r.RSquaredQuantile(0.975), 2)}], the slope over the rounding box reaches {NumberFormat.Fixed(r.SlopeMinOverBox, 5)}, and {NumberFormat.Percent(r.ShareSignificant)} of the draws are significant at {NumberFormat.Fixed(ResamplingSettings.Alpha * 100, 0)}%.",
        };
        if (m.Permutation.Method == PermutationMethod.Exact)
            sentences.Add($"Nor can the exact permutation p fall below {NumberFormat.Significant(m.Permutation.MinimumAttainablePValue, 3)}, against the t-test's {NumberFormat.Significant(m.TTestP, 2)}: " +
                          $"with two score levels only the choice of years in the upper group matters, and there are C({n}, {s.CountLow}) = {NumberFormat.Count(Binomial(n, s.CountLow))} such choices.");
        return string.Join(" ", sentences);
    }

    private static long Binomial(int n, int k)
    {
        long c = 1;
        for (int i = 1; i <= k; i++) c = c * (n - k + i) / i;
        return c;
    }
}
