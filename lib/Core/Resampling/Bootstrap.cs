using System.Globalization;
using MathNet.Numerics.Distributions;
using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Resampling;

/// <summary>
/// Bootstrap distributions of the slope in y = a + b·x, seeded with <c>new Random(seed)</c>, one thread.
/// Each replicate is a closed-form refit on a reused index buffer: no allocation per replicate.
/// </summary>
public static class Bootstrap
{
    /// <summary>Largest replicate count accepted.</summary>
    public const int MaxReplicates = 100_000_000;

    /// <summary>
    /// Pairs (case) bootstrap: resample the (x, y) pairs with replacement and refit. A resample whose x
    /// values are all equal has no slope; it is redrawn.
    /// </summary>
    /// <param name="x">Regressor values.</param>
    /// <param name="y">Response values.</param>
    /// <param name="replicates">Number of bootstrap replicates; in [1, 100,000,000].</param>
    /// <param name="seed">Seed of <see cref="Random"/>.</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static BootstrapResult Pairs(IReadOnlyList<double> x, IReadOnlyList<double> y, int replicates, int seed)
    {
        SimpleSlope.Validate(x, y);
        CheckReplicates(replicates);
        double[] xa = [.. x], ya = [.. y];
        int n = xa.Length;
        var observed = SimpleSlope.FitFull(xa, ya);
        var rng = new Random(seed);
        var idx = new int[n];
        var slopes = new double[replicates];
        for (int r = 0; r < replicates;)
        {
            for (int i = 0; i < n; i++) idx[i] = rng.Next(n);
            double sx = 0, sy = 0;
            for (int i = 0; i < n; i++) { sx += xa[idx[i]]; sy += ya[idx[i]]; }
            double mx = sx / n, my = sy / n;
            double sxx = 0, sxy = 0;
            for (int i = 0; i < n; i++)
            {
                double dx = xa[idx[i]] - mx;
                sxx += dx * dx;
                sxy += dx * (ya[idx[i]] - my);
            }
            if (sxx == 0) continue;
            slopes[r++] = sxy / sxx;
        }
        return new BootstrapResult(BootstrapScheme.Pairs, observed.Slope, slopes, SimpleSlope.LeaveOneOutSlopes(xa, ya));
    }

    /// <summary>
    /// Residual (model-based) bootstrap, x fixed: y* = â + b̂·x + e*, with e* drawn from the leverage-adjusted,
    /// re-centered residuals rᵢ = eᵢ/√(1 − hᵢ) − mean (Davison &amp; Hinkley 1997, Algorithm 6.1), so the
    /// resampled errors have the model's variance rather than the shrunken variance of raw residuals.
    /// Because Σ(xᵢ − x̄) = 0, the refit slope is b̂ + Σ(xᵢ − x̄)·e*ᵢ / Sxx exactly.
    /// </summary>
    /// <param name="x">Regressor values.</param>
    /// <param name="y">Response values.</param>
    /// <param name="replicates">Number of bootstrap replicates; in [1, 100,000,000].</param>
    /// <param name="seed">Seed of <see cref="Random"/>.</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static BootstrapResult Residual(IReadOnlyList<double> x, IReadOnlyList<double> y, int replicates, int seed)
    {
        SimpleSlope.Validate(x, y);
        CheckReplicates(replicates);
        double[] xa = [.. x], ya = [.. y];
        int n = xa.Length;
        var fit = SimpleSlope.FitFull(xa, ya);
        var xc = SimpleSlope.Centered(xa, out double sxx);
        var modified = new double[n];
        for (int i = 0; i < n; i++)
        {
            double e = ya[i] - (fit.Intercept + fit.Slope * xa[i]);
            double h = 1.0 / n + xc[i] * xc[i] / sxx;
            // h = 1 only when every other x is equal: that point is fitted exactly and its residual is 0.
            modified[i] = 1 - h > 1e-12 ? e / Math.Sqrt(1 - h) : 0.0;
        }
        double mr = SimpleSlope.Mean(modified);
        for (int i = 0; i < n; i++) modified[i] = (modified[i] - mr) / sxx; // pre-divided: one multiply-add per term below

        var rng = new Random(seed);
        var slopes = new double[replicates];
        // The replicate's draws first, then the sum: the same draws and the same additions in the same order, but the
        // reads of modified[] no longer wait on the generator, so they overlap.
        var idx = new int[n];
        for (int r = 0; r < replicates; r++)
        {
            for (int i = 0; i < n; i++) idx[i] = rng.Next(n);
            double s = 0;
            for (int i = 0; i < n; i++) s += xc[i] * modified[idx[i]];
            slopes[r] = fit.Slope + s;
        }
        return new BootstrapResult(BootstrapScheme.Residual, fit.Slope, slopes, SimpleSlope.LeaveOneOutSlopes(xa, ya));
    }

    internal static void CheckReplicates(int replicates)
    {
        if (replicates < 1 || replicates > MaxReplicates)
            throw new ArgumentOutOfRangeException(nameof(replicates), replicates,
                string.Create(CultureInfo.InvariantCulture, $"replicates must be in [1, {MaxReplicates:N0}]."));
    }

    internal static void CheckLevel(double level, string name = "level")
    {
        if (!(level > 0 && level < 1))
            throw new ArgumentOutOfRangeException(name, level, "The confidence level must lie strictly between 0 and 1 (e.g. 0.95).");
    }
}

/// <summary>Which bootstrap scheme produced a distribution.</summary>
public enum BootstrapScheme
{
    /// <summary>Resampled (x, y) pairs.</summary>
    Pairs,

    /// <summary>x fixed, leverage-adjusted residuals resampled.</summary>
    Residual,
}

/// <summary>A confidence interval.</summary>
/// <param name="Lower">Lower bound.</param>
/// <param name="Upper">Upper bound.</param>
/// <param name="Level">Nominal coverage, e.g. 0.95.</param>
public readonly record struct ConfidenceInterval(double Lower, double Upper, double Level);

/// <summary>
/// A bootstrap distribution of the slope with percentile and BCa intervals derived on demand. Immutable.
/// </summary>
/// <remarks>
/// Quantiles are Hyndman–Fan type 7 (R's and numpy's default): linear interpolation between order
/// statistics at position (R − 1)·p. BCa (Efron 1987): bias correction z₀ = Φ⁻¹(share of replicates
/// below b̂, ties counted half); acceleration a from the leave-one-out (jackknife) slopes,
/// a = Σ(θ̄ − θᵢ)³ / (6·(Σ(θ̄ − θᵢ)²)^{3/2}), for both schemes (Davison &amp; Hinkley §5.3, §6.3 use the
/// regression's empirical influence values, which the jackknife approximates).
/// </remarks>
public sealed class BootstrapResult
{
    private readonly double[] _sorted;
    private readonly double[] _replicates;
    private readonly double[] _jackknife;

    internal BootstrapResult(BootstrapScheme scheme, double observed, double[] replicates, double[] jackknife)
    {
        Scheme = scheme;
        ObservedSlope = observed;
        _replicates = replicates;
        _sorted = Quantiles.SortedCopy(replicates);
        _jackknife = jackknife;
    }

    /// <summary>Pairs or residual.</summary>
    public BootstrapScheme Scheme { get; }

    /// <summary>The slope of the original data.</summary>
    public double ObservedSlope { get; }

    /// <summary>Number of replicates.</summary>
    public int Count => _replicates.Length;

    /// <summary>The replicate slopes in draw order.</summary>
    public IReadOnlyList<double> Replicates => _replicates;

    /// <summary>The replicate slopes sorted ascending.</summary>
    public IReadOnlyList<double> Sorted => _sorted;

    /// <summary>Standard deviation of the replicates (n − 1 divisor).</summary>
    public double StandardError
    {
        get
        {
            double m = SimpleSlope.Mean(_replicates), s = 0;
            foreach (var v in _replicates) s += (v - m) * (v - m);
            return Count > 1 ? Math.Sqrt(s / (Count - 1)) : 0;
        }
    }

    /// <summary>Mean of the replicates minus the observed slope.</summary>
    public double Bias => SimpleSlope.Mean(_replicates) - ObservedSlope;

    /// <summary>Type-7 quantile of the replicates at probability <paramref name="p"/> in [0, 1].</summary>
    public double Quantile(double p) => Quantiles.Type7(_sorted, p);

    /// <summary>Percentile interval: the (1 − level)/2 and (1 + level)/2 quantiles.</summary>
    /// <param name="level">Coverage in (0, 1), e.g. 0.95.</param>
    public ConfidenceInterval Percentile(double level = 0.95)
    {
        Bootstrap.CheckLevel(level);
        double alpha = (1 - level) / 2;
        return new ConfidenceInterval(Quantile(alpha), Quantile(1 - alpha), level);
    }

    /// <summary>Bias-correction constant z₀ (ties with b̂ counted half); undefined when every replicate lies on one side of b̂.</summary>
    public Estimate BiasCorrection
    {
        get
        {
            double below = 0;
            foreach (var v in _sorted)
            {
                if (v < ObservedSlope) below += 1;
                else if (v == ObservedSlope) below += 0.5;
                else break;
            }
            double share = below / Count;
            return share <= 0 || share >= 1
                ? Estimate.Undefined(string.Create(CultureInfo.InvariantCulture, $"BCa is undefined: all {Count} replicates lie on one side of the observed slope {ObservedSlope:G6}"))
                : Estimate.Of(Normal.InvCDF(0, 1, share));
        }
    }

    /// <summary>Acceleration a from the jackknife slopes; undefined when leaving one point out makes x constant.</summary>
    public Estimate Acceleration
    {
        get
        {
            if (_jackknife.Any(double.IsNaN))
                return Estimate.Undefined("the BCa acceleration is undefined: leaving one point out makes x constant");
            double m = _jackknife.Average();
            double num = 0, den = 0;
            foreach (var t in _jackknife)
            {
                double d = m - t;
                num += d * d * d;
                den += d * d;
            }
            return Estimate.Of(den > 0 ? num / (6 * Math.Pow(den, 1.5)) : 0.0);
        }
    }

    /// <summary>Bias-corrected and accelerated (BCa) interval; each end undefined, with the reason, where it does not exist.</summary>
    /// <param name="level">Coverage in (0, 1), e.g. 0.95.</param>
    public (Estimate Lower, Estimate Upper) BCa(double level = 0.95)
    {
        Bootstrap.CheckLevel(level);
        double alpha = (1 - level) / 2;
        Estimate bias = BiasCorrection, acceleration = Acceleration;
        return (End(alpha), End(1 - alpha));

        Estimate End(double p)
        {
            if (!bias.IsDefined) return bias;
            if (!acceleration.IsDefined) return acceleration;
            double z0 = bias.Value, a = acceleration.Value;
            double z = z0 + Normal.InvCDF(0, 1, p);
            double denom = 1 - a * z;
            return denom <= 0
                ? Estimate.Undefined(string.Create(CultureInfo.InvariantCulture, $"BCa is undefined at level {level}: 1 − a(z₀ + z) = {denom:G4} ≤ 0 (a = {a:G4}, z₀ = {z0:G4})"))
                : Estimate.Of(Quantile(Normal.CDF(0, 1, z0 + z / denom)));
        }
    }
}

/// <summary>Sample quantiles.</summary>
public static class Quantiles
{
    /// <summary>
    /// Hyndman–Fan type 7 quantile of ascending <paramref name="sorted"/> at <paramref name="p"/> in [0, 1]:
    /// h = (n − 1)p, value = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
    /// </summary>
    public static double Type7(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) throw new ArgumentException("No values.", nameof(sorted));
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in [0, 1].");
        double h = (sorted.Count - 1) * p;
        int lo = (int)Math.Floor(h);
        if (lo >= sorted.Count - 1) return sorted[^1];
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /// <summary>An ascending copy of <paramref name="values"/>, for <see cref="Type7"/>.</summary>
    internal static double[] SortedCopy(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted;
    }
}
