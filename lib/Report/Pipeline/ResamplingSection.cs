using System.Globalization;
using System.Text;
using MathNet.Numerics;
using NotebookAnalysis.Data;
using NotebookAnalysis.Formatting;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Report.Reporting;
using NotebookAnalysis.Resampling;
using NotebookAnalysis.Results;

namespace NotebookAnalysis.Report.Pipeline;

/// <summary>
/// The main job's resampling section: exact permutation p, bootstrap intervals and rounding
/// sensitivity for every market, as <c>results.csv</c> rows and a REPRODUCTION.md section.
/// </summary>
public sealed class ResamplingSection : IAnalysisSection
{
    /// <inheritdoc/>
    public string Name => "resampling (permutation, bootstrap, rounding)";

    /// <inheritdoc/>
    public SectionOutput Run(AnalysisContext context)
    {
        // The markets are independent and each procedure has its own seed, so running them on parallel threads
        // gives the same numbers in the same (market) order. Each takes its base fit from the context.
        var all = MarketResampling.RunAll(context.Base);
        var undefined = new List<UndefinedResult>();
        return new SectionOutput(all.SelectMany(m => m.Rows(undefined)).ToList(), Markdown(all), undefined);
    }

    /// <summary>The REPRODUCTION.md section for the given analyses (invariant culture). Every count, grid and
    /// half-width in its sentences comes from <paramref name="all"/>.</summary>
    public static string Markdown(IReadOnlyList<MarketResampling> all)
    {
        var w = Words.For(all);
        var ic = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        void L(FormattableString s) => md.Append(s.ToString(ic)).Append('\n');
        int n = all[0].Permutation.N;
        bool exact = all.All(m => m.Permutation.Method == PermutationMethod.Exact);
        int reps = all[0].Replicates;
        L($"## What the numbers can bear: {(exact ? "exact permutation tests" : "permutation tests")}, bootstrap, rounding");
        L($"");
        L($"{n} yearly points, with {w.Scores} printed to {PrintedTo(all)}. The t-test's p-values assume normal errors; these checks do not.");
        L($"Slopes are least-squares slopes of {w.SlopeOf}. Seeds: pairs bootstrap {ResamplingSettings.PairsSeed}, residual bootstrap {ResamplingSettings.ResidualSeed}, rounding {ResamplingSettings.RoundingSeed}, Monte Carlo permutation {ResamplingSettings.PermutationSeed} (`System.Random`, one thread); {reps:N0} replicates each.");
        if (reps < ResamplingSettings.Replicates)
            L($"(Each replicate costs O(n), so above {ResamplingSettings.FullReplicatesMaxN:N0} rows the count is {ResamplingSettings.WorkPerProcedure:N0}/n, at least {ResamplingSettings.MinimumReplicates:N0}, instead of {ResamplingSettings.Replicates:N0}: Monte Carlo standard errors are about √({ResamplingSettings.Replicates:N0}/{reps:N0}) = {Math.Sqrt((double)ResamplingSettings.Replicates / reps):F1} times those of the full count.)");
        L($"");
        if (exact)
        {
            L($"### Exact permutation test of the slope");
            L($"");
            L($"All {n}! = {PermutationTest.Factorial(n):N0} pairings of x with y, two-sided: a pairing counts when |b_perm| ≥ |b_obs|·(1 − {PermutationTest.DefaultRelativeTolerance:G1}); the tolerance counts ties, which the rounded {w.Scores} make common. The Monte Carlo column repeats the test with {reps:N0} random pairings, as a check (0 means none was as extreme).");
        }
        else
        {
            L($"### Permutation test of the slope (Monte Carlo)");
            L($"");
            L($"With {n} points there are {n}! pairings, too many to enumerate (the section enumerates them only up to {PermutationTest.Factorial(ResamplingSettings.MaxExactN):N0}, that is {ResamplingSettings.MaxExactN} points). Monte Carlo instead: {reps:N0} random pairings (seed {ResamplingSettings.PermutationSeed}), two-sided, ties within a relative {PermutationTest.DefaultRelativeTolerance:G1} on |b|. p is the share at least as extreme ± its standard error (the Monte Carlo column is the same test). results.csv records the method (`permutation,exact` = 0) and the count (`permutations`).");
        }
        L($"");
        md.Append(Reporting.ResamplingGrids.Permutation(all).ToMarkdown().TrimEnd('\n')).Append('\n');
        var atFloor = all.Where(m => m.Permutation.Method == PermutationMethod.Exact && m.Permutation.PValue == m.Permutation.MinimumAttainablePValue).Select(m => m.Spec.Id).ToList();
        if (exact)
        {
            L($"");
            L($"With tied {w.Scores} no p-value can fall below the share of pairings that reach the largest attainable |slope|.{(atFloor.Count > 0 ? $" For {string.Join(" and ", atFloor)} the observed pairing is that extreme: the exact p is the smallest these values could ever give." : "")}");
        }
        L($"");
        L($"### Bootstrap {ResamplingSettings.Level * 100:0}% intervals for the slope");
        L($"");
        L($"Pairs: resample (x, y) pairs. Residual: x fixed, leverage-adjusted re-centered residuals (Davison & Hinkley, Algorithm 6.1). Percentile: type-7 quantiles; BCa: bias correction from the share of replicates below b̂, acceleration from the jackknife.");
        L($"");
        md.Append(Reporting.ResamplingGrids.Bootstrap(all).ToMarkdown());
        L($"### Sensitivity to the rounding of the {w.Scores}");
        L($"");
        var (box, draw) = RoundingBox(all, w);
        L($"{box} {reps:N0} draws of y + {draw}; {w.ExactX}. The last column is the exact range of the slope over every dataset that rounds to the printed one (a corner of the box, since the slope is linear in y).");
        L($"");
        md.Append(Reporting.ResamplingGrids.Rounding(all).ToMarkdown().TrimEnd('\n')).Append('\n');
        foreach (var m in all.Where(m => m.Step is not null))
        {
            L($"");
            md.Append(StepParagraph(m, n, w)).Append('\n');
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
            : string.Join(", ", all.Select(m => $"{DecimalsInWords(m.ScoreDecimals)} ({m.Spec.Id})"));
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
    private static (string Sentence, string Draw) RoundingBox(IReadOnlyList<MarketResampling> all, Words w)
    {
        string Unit(MarketResampling m) => NumberFormat.Fixed(2 * m.Rounding.HalfWidth, m.ScoreDecimals);
        string Half(MarketResampling m) => NumberFormat.HalfUnit(m.Rounding.HalfWidth, m.ScoreDecimals);
        if (all.Select(m => m.ScoreDecimals).Distinct().Count() == 1)
            return ($"Each {w.Score} is printed to {Unit(all[0])}, so its unrounded value lies within ±{Half(all[0])}.", $"U(−{Half(all[0])}, {Half(all[0])})");
        return ($"Each {w.Score}'s unrounded value lies within half its column's printed unit, ±h: " +
                string.Join(", ", all.Select(m => $"{m.Spec.Id} printed to {Unit(m)}, h = {Half(m)}")) + ".", "U(−h, h)");
    }

    /// <summary>The paragraph on a market whose score takes two values (Table 3 of the paper): the fit is one step.</summary>
    private static string StepParagraph(MarketResampling m, int n, Words w)
    {
        var s = m.Step!;
        var r = m.Rounding;
        int d = m.ScoreDecimals;
        string Grid(double v) => NumberFormat.OnGrid(v, d);
        double h = r.HalfWidth;
        var sentences = new List<string>
        {
            $"**{m.Spec.Id}: the fit is one step.**",
            $"{w.Y} reads {Grid(s.Low)} for {s.CountLow} years (up to {w.XValue(s.LargestXLow)}) and {Grid(s.High)} for {s.CountHigh} years (from {w.XValue(s.SmallestXHigh)}).",
            $"Regressing a two-valued y on x compares two groups of x: R² = n₀n₁(x̄₁ − x̄₀)²/(n·Sxx) = {NumberFormat.Fixed(s.PointBiserialRSquared, 4)} for a step of any size, and the slope is the step times {NumberFormat.Fixed(s.IndicatorSlope, 5)}.",
            $"The R² of {NumberFormat.Fixed(r.ObservedRSquared, 2)} therefore says only where the step falls among the {w.XValues}, nothing about how large it is.",
            $"Rounding decides the step: {w.Scores} printed {Grid(s.Low)} and {Grid(s.High)} allow a true difference between the two groups' mean {w.Scores} anywhere from {Grid(Math.Max(0, s.Step - 2 * h))} to {Grid(s.Step + 2 * h)}, and true {w.Scores} that differ by up to {NumberFormat.Fixed(2 * h, d)} within a group.",
            $"Over the rounding draws R² has median {NumberFormat.Fixed(r.RSquaredQuantile(0.5), 2)} [{NumberFormat.Fixed(r.RSquaredQuantile(0.025), 2)}, {NumberFormat.Fixed(r.RSquaredQuantile(0.975), 2)}], the slope over the rounding box reaches {NumberFormat.Fixed(r.SlopeMinOverBox, 5)}, and {NumberFormat.Percent(r.ShareSignificant)} of the draws are significant at {NumberFormat.Fixed(ResamplingSettings.Alpha * 100, 0)}%.",
        };
        if (m.Permutation.Method == PermutationMethod.Exact)
            sentences.Add($"Nor can the exact permutation p fall below {NumberFormat.Significant(m.Permutation.MinimumAttainablePValue, 3)}, against the t-test's {m.TTestP.Format(p => NumberFormat.Significant(p, 2))}: " +
                          $"with two {w.Score} levels only the choice of years in the upper group matters, and there are C({n}, {s.CountLow}) = {NumberFormat.Count((long)SpecialFunctions.Binomial(n, s.CountLow))} such choices.");
        return string.Join(" ", sentences);
    }

    /// <summary>
    /// The words for y and x: the paper's (scores, cluster counts) when every market is one of the paper's, else y and x,
    /// so the section's sentences are true of any data.
    /// </summary>
    private sealed record Words(string Y, string Score, string Scores, string SlopeOf, string ExactX, string XValues, string XUnit)
    {
        public static Words For(IReadOnlyList<MarketResampling> all) => all.All(m => Markets.Paper.Contains(m.Spec))
            ? new("The score", "score", "scores", "the score on the number of clusters", "cluster counts are exact", "cluster counts", " clusters")
            : new("y", "y value", "y values", "y on x", "x is taken as exact", "values of x", "");

        /// <summary>"12 clusters", or "x = 12".</summary>
        public string XValue(double x) => XUnit.Length > 0 ? NumberFormat.Shortest(x) + XUnit : "x = " + NumberFormat.Shortest(x);
    }
}
