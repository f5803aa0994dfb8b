using System.Globalization;

namespace NotebookAnalysis.Resampling;

/// <summary>
/// Permutation tests of the slope in y = a + b·x: under H0 (no association) every pairing of the x values
/// with the y values is equally likely. Two-sided: a permutation counts when |b_perm| ≥ |b_obs|.
/// </summary>
/// <remarks>
/// Only Σ xc·yc varies across permutations (Sxx and Syy do not), so the test works on
/// T = Σ xc[π(i)]·yc[i] with centered xc and yc; b = T / Sxx.
/// Ties: y printed to one decimal has many tied values, so many permutations give the same |b| in exact
/// arithmetic but differ by a few ulps in floating point. A permutation counts when
/// |T_perm| ≥ |T_obs|·(1 − <see cref="DefaultRelativeTolerance"/>). Each permutation's T is a fresh sum of
/// n products (partial sums along the enumeration tree, no running update), so its error is below
/// n·ε·√(Sxx·Syy); the tolerance absorbs it whenever |r| &gt; about 1e-5, and it is far below the smallest
/// non-zero gap between distinct T values of data printed to 0.1.
/// </remarks>
public static class PermutationTest
{
    /// <summary>Relative tolerance on |b| used to count ties as "at least as extreme": 1e-9.</summary>
    public const double DefaultRelativeTolerance = 1e-9;

    /// <summary>Largest n enumerated exactly: 12! = 479,001,600 permutations (a few seconds).</summary>
    public const int MaxExactN = 12;

    /// <summary>Smallest n accepted: three pairs (intercept, slope, one residual degree of freedom).</summary>
    public const int MinN = 3;

    /// <summary>
    /// The exact permutation p-value: enumerates all n! pairings of x with y.
    /// </summary>
    /// <param name="x">Regressor values (e.g. cluster counts).</param>
    /// <param name="y">Response values (e.g. WEF scores), paired with <paramref name="x"/>.</param>
    /// <param name="histogramBins">If positive, also count the permutation slopes in this many equal bins
    /// spanning the attainable range [b_min, b_max] (for charts); 0 for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">n outside [3, 12] or a bad bin count.</exception>
    public static PermutationTestResult Exact(IReadOnlyList<double> x, IReadOnlyList<double> y, int histogramBins = 0)
    {
        SimpleSlope.Validate(x, y);
        int n = x.Count;
        if (n > MaxExactN)
            throw new ArgumentOutOfRangeException(nameof(x), n,
                string.Create(CultureInfo.InvariantCulture,
                    $"n = {n} is too large for exact enumeration ({n}! permutations); the allowed range is {MinN} ≤ n ≤ {MaxExactN}. Use PermutationTest.MonteCarlo for larger samples."));
        CheckBins(histogramBins);

        var setup = new Setup(x, y);
        var state = new Enumerator(setup, histogramBins);
        state.Run();
        long total = Factorial(n);
        if (state.Visited != total)
            throw new InvalidOperationException($"Enumeration visited {state.Visited} permutations, expected {total}.");
        return new PermutationTestResult(
            PermutationMethod.Exact, n, setup.ObservedSlope, total, state.AtLeastAsExtreme,
            0, setup.MinSlope, setup.MaxSlope, state.Histogram ?? Array.Empty<long>(), state.AtMaximum);
    }

    /// <summary>
    /// A Monte Carlo permutation test for samples where n! is out of reach: <paramref name="replicates"/>
    /// random pairings drawn by Fisher–Yates shuffles with <c>new Random(seed)</c>.
    /// <see cref="PermutationTestResult.PValue"/> is the proportion of replicates at least as extreme, an
    /// unbiased estimate of the exact p with standard error √(p(1−p)/R); use
    /// <see cref="PermutationTestResult.ConservativePValue"/> = (count + 1)/(R + 1) as a valid test.
    /// </summary>
    /// <param name="x">Regressor values.</param>
    /// <param name="y">Response values.</param>
    /// <param name="replicates">Number of random permutations; in [1, 100,000,000].</param>
    /// <param name="seed">Seed of <see cref="Random"/>.</param>
    /// <param name="histogramBins">Optional histogram of the replicate slopes (0 for none).</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static PermutationTestResult MonteCarlo(IReadOnlyList<double> x, IReadOnlyList<double> y, int replicates, int seed,
        int histogramBins = 0)
    {
        SimpleSlope.Validate(x, y);
        Bootstrap.CheckReplicates(replicates);
        CheckBins(histogramBins);

        var s = new Setup(x, y);
        int n = s.N;
        var rng = new Random(seed);
        var perm = new double[n];
        long[]? hist = histogramBins > 0 ? new long[histogramBins] : null;
        long count = 0, atMax = 0;
        // A replicate's n − 1 draws first, then its swaps: the same draws and the same shuffle, but the swaps' memory
        // accesses no longer wait on the generator, so they overlap.
        var draws = new int[n];
        for (int r = 0; r < replicates; r++)
        {
            for (int i = n - 1; i > 0; i--) draws[i] = rng.Next(i + 1);
            s.Xc.CopyTo(perm, 0);
            for (int i = n - 1; i > 0; i--)
            {
                int j = draws[i];
                (perm[i], perm[j]) = (perm[j], perm[i]);
            }
            double t = 0;
            for (int i = 0; i < n; i++) t += perm[i] * s.Yc[i];
            double a = Math.Abs(t);
            if (a >= s.Threshold) count++;
            if (a >= s.MaxAbsThreshold) atMax++;
            if (hist is not null) s.AddToHistogram(hist, t);
        }
        return new PermutationTestResult(PermutationMethod.MonteCarlo, n, s.ObservedSlope, replicates, count,
            seed, s.MinSlope, s.MaxSlope, hist ?? Array.Empty<long>(), atMax);
    }

    /// <summary>n! for 0 ≤ n ≤ 20.</summary>
    public static long Factorial(int n)
    {
        if (n < 0 || n > 20) throw new ArgumentOutOfRangeException(nameof(n), n, "n! fits a long only for 0 ≤ n ≤ 20.");
        long f = 1;
        for (int i = 2; i <= n; i++) f *= i;
        return f;
    }

    private static void CheckBins(int histogramBins)
    {
        if (histogramBins < 0 || histogramBins > 100_000)
            throw new ArgumentOutOfRangeException(nameof(histogramBins), histogramBins, "histogramBins must be in [0, 100000].");
    }

    /// <summary>Centered data and thresholds shared by the exact and Monte Carlo versions.</summary>
    private sealed class Setup
    {
        public Setup(IReadOnlyList<double> x, IReadOnlyList<double> y)
        {
            const double tol = DefaultRelativeTolerance;
            N = x.Count;
            Xc = SimpleSlope.Centered(x.ToArray(), out double sxx);
            Yc = SimpleSlope.Centered(y.ToArray(), out _);
            double tObs = 0;
            for (int i = 0; i < N; i++) tObs += Xc[i] * Yc[i];
            ObservedSlope = tObs / sxx;
            Threshold = Math.Abs(tObs) * (1 - tol);
            // Attainable extremes by the rearrangement inequality: same-order pairing maximises T.
            var xs = (double[])Xc.Clone();
            var ys = (double[])Yc.Clone();
            Array.Sort(xs);
            Array.Sort(ys);
            double tMax = 0, tMin = 0;
            for (int i = 0; i < N; i++)
            {
                tMax += xs[i] * ys[i];
                tMin += xs[i] * ys[N - 1 - i];
            }
            MinSlope = tMin / sxx;
            MaxSlope = tMax / sxx;
            MaxAbsThreshold = Math.Max(Math.Abs(tMax), Math.Abs(tMin)) * (1 - tol);
            _lo = tMin;
            _width = tMax - tMin;
        }

        private readonly double _lo, _width;
        public int N { get; }
        public double[] Xc { get; }
        public double[] Yc { get; }
        public double ObservedSlope { get; }
        public double Threshold { get; }
        public double MinSlope { get; }
        public double MaxSlope { get; }
        public double MaxAbsThreshold { get; }

        public void AddToHistogram(long[] hist, double t)
        {
            int k = _width > 0 ? (int)((t - _lo) / _width * hist.Length) : 0;
            hist[Math.Clamp(k, 0, hist.Length - 1)]++;
        }
    }

    /// <summary>
    /// Depth-first enumeration of all permutations by swaps, with the partial sum Σ_{i&lt;k} xs[i]·yc[i]
    /// carried per depth, so every leaf's T is a fresh sum of n products (no drift over millions of
    /// one-term updates). The last three positions are unrolled (six leaves per call).
    /// </summary>
    private sealed class Enumerator(Setup s, int bins)
    {
        private readonly double[] _xs = (double[])s.Xc.Clone();
        private readonly double[] _yc = s.Yc;
        private readonly int _n = s.N;
        private readonly double _thr = s.Threshold, _maxThr = s.MaxAbsThreshold;
        private long _count, _atMax, _leafGroups;

        public long[]? Histogram { get; } = bins > 0 ? new long[bins] : null;
        public long Visited => _leafGroups * 6;
        public long AtLeastAsExtreme => _count;
        public long AtMaximum => _atMax;

        public void Run() => Recurse(0, 0.0);

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private void Recurse(int k, double partial)
        {
            var xs = _xs;
            if (k == _n - 3)
            {
                _leafGroups++;
                double y0 = _yc[k], y1 = _yc[k + 1], y2 = _yc[k + 2];
                double a = xs[k], b = xs[k + 1], c = xs[k + 2];
                long cnt = 0, max = 0;
                double t0 = partial + a * y0 + b * y1 + c * y2, t1 = partial + a * y0 + c * y1 + b * y2;
                double t2 = partial + b * y0 + a * y1 + c * y2, t3 = partial + b * y0 + c * y1 + a * y2;
                double t4 = partial + c * y0 + a * y1 + b * y2, t5 = partial + c * y0 + b * y1 + a * y2;
                Leaf(t0, ref cnt, ref max);
                Leaf(t1, ref cnt, ref max);
                Leaf(t2, ref cnt, ref max);
                Leaf(t3, ref cnt, ref max);
                Leaf(t4, ref cnt, ref max);
                Leaf(t5, ref cnt, ref max);
                _count += cnt;
                _atMax += max;
                // Charts only: the same six sums, binned (one predictable branch per six leaves on the timed path).
                if (Histogram is { } h)
                    foreach (var t in (ReadOnlySpan<double>)[t0, t1, t2, t3, t4, t5]) s.AddToHistogram(h, t);
                return;
            }
            double yk = _yc[k];
            for (int i = k; i < _n; i++)
            {
                (xs[k], xs[i]) = (xs[i], xs[k]);
                Recurse(k + 1, partial + xs[k] * yk);
                (xs[k], xs[i]) = (xs[i], xs[k]);
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private void Leaf(double t, ref long cnt, ref long max)
        {
            // Branch-free counting (about a third of the leaves count for a weak slope, so branches mispredict):
            // NonNegative(d) is 1 when d ≥ 0 (sign bit clear; +0 counts), else 0.
            double a = Math.Abs(t);
            cnt += NonNegative(a - _thr);
            max += NonNegative(a - _maxThr);
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static long NonNegative(double d) => (long)((ulong)~BitConverter.DoubleToInt64Bits(d) >> 63);
    }
}

/// <summary>How a permutation p-value was obtained.</summary>
public enum PermutationMethod
{
    /// <summary>All n! permutations enumerated.</summary>
    Exact,

    /// <summary>Random permutations (seeded).</summary>
    MonteCarlo,
}

/// <summary>The outcome of a permutation test of the slope. Immutable.</summary>
/// <param name="Method">Exact enumeration or Monte Carlo.</param>
/// <param name="N">Sample size.</param>
/// <param name="ObservedSlope">The observed least-squares slope.</param>
/// <param name="Permutations">Permutations examined: n! (exact) or the replicate count (Monte Carlo).</param>
/// <param name="AtLeastAsExtreme">Permutations with |b_perm| ≥ |b_obs| (ties within the tolerance included; the identity included when exact).</param>
/// <param name="Seed">The seed (Monte Carlo); 0 for exact.</param>
/// <param name="MinSlope">Smallest slope any pairing can give (rearrangement inequality).</param>
/// <param name="MaxSlope">Largest slope any pairing can give.</param>
/// <param name="Histogram">Counts of permutation slopes in equal bins over [MinSlope, MaxSlope], or empty when no histogram was asked for.</param>
/// <param name="AtMaximum">Permutations reaching the largest attainable |b|: with tied y, the smallest p any data of these values could give is this over n!.</param>
public sealed record PermutationTestResult(PermutationMethod Method, int N, double ObservedSlope, long Permutations, long AtLeastAsExtreme,
    int Seed, double MinSlope, double MaxSlope, IReadOnlyList<long> Histogram, long AtMaximum)
{
    /// <summary>
    /// Exact: the exact two-sided p, AtLeastAsExtreme / n!. Monte Carlo: the proportion of replicates at
    /// least as extreme, an unbiased estimate of the exact p.
    /// </summary>
    public double PValue => (double)AtLeastAsExtreme / Permutations;

    /// <summary>Standard error of <see cref="PValue"/>: 0 when exact, √(p(1−p)/R) for Monte Carlo.</summary>
    public double StandardError => Method == PermutationMethod.Exact ? 0.0 : Math.Sqrt(PValue * (1 - PValue) / Permutations);

    /// <summary>
    /// (p − <paramref name="exactP"/>) in units of <see cref="StandardError"/>: how far a Monte Carlo estimate lies
    /// from the exact p. 0 when the standard error is 0 (an exact test, or an estimate of 0 or 1).
    /// </summary>
    public double StandardErrorsFrom(double exactP) => StandardError > 0 ? (PValue - exactP) / StandardError : 0.0;

    /// <summary>Monte Carlo: (count + 1)/(R + 1), a valid p-value that is never 0. Exact: equal to <see cref="PValue"/>.</summary>
    public double ConservativePValue => Method == PermutationMethod.Exact ? PValue : (AtLeastAsExtreme + 1.0) / (Permutations + 1.0);

    /// <summary>The smallest p-value any dataset with these x values and these y values (ties and all) can reach.</summary>
    public double MinimumAttainablePValue => (double)AtMaximum / Permutations;

    /// <summary>One line in the invariant culture.</summary>
    public string Summary() => Method == PermutationMethod.Exact
        ? string.Create(CultureInfo.InvariantCulture,
            $"Exact permutation test (n = {N}, {Permutations:N0} permutations): slope {ObservedSlope:G6}, {AtLeastAsExtreme:N0} at least as extreme (|b| tolerance {PermutationTest.DefaultRelativeTolerance:G2}), p = {PValue:G6}; smallest attainable p {MinimumAttainablePValue:G4}.")
        : string.Create(CultureInfo.InvariantCulture,
            $"Monte Carlo permutation test (n = {N}, R = {Permutations:N0}, seed {Seed}): slope {ObservedSlope:G6}, {AtLeastAsExtreme:N0} at least as extreme, p ≈ {PValue:G6} ± {StandardError:G3} (SE); (count+1)/(R+1) = {ConservativePValue:G6}.");

    /// <inheritdoc/>
    public override string ToString() => Summary();
}
