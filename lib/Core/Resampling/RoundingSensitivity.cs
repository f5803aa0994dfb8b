using System.Globalization;
using NotebookAnalysis.Data;

namespace NotebookAnalysis.Resampling;

/// <summary>
/// How much the fit depends on the scores being rounded to their printed decimals: the unrounded truth is simulated
/// as yᵢ + U(−h, h) per score (h = 0.05 for data printed to 0.1, 0.005 for 0.01), x exact, and the fit recomputed per draw.
/// </summary>
public static class RoundingSensitivity
{
    /// <summary>Half the rounding unit of the bundled Table 1's WEF scores, printed to 0.1. Data read from a file
    /// carry their own (<see cref="MarketSeries.ScoreHalfWidth"/>).</summary>
    public const double WefHalfWidth = 0.05;

    /// <summary>Simulates <paramref name="draws"/> unrounded versions of y and refits each.</summary>
    /// <param name="x">Regressor values (exact).</param>
    /// <param name="y">Printed (rounded) responses.</param>
    /// <param name="draws">Number of simulated datasets; in [1, 100,000,000].</param>
    /// <param name="seed">Seed of <see cref="Random"/>; each draw takes n uniforms in order.</param>
    /// <param name="halfWidth">Half the rounding unit; in (0, ∞).</param>
    /// <param name="alpha">Significance level for <see cref="RoundingSensitivityResult.ShareSignificant"/>; in (0, 1).</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static RoundingSensitivityResult Simulate(IReadOnlyList<double> x, IReadOnlyList<double> y, int draws, int seed,
        double halfWidth = WefHalfWidth, double alpha = 0.05)
    {
        SimpleSlope.Validate(x, y);
        Bootstrap.CheckReplicates(draws);
        if (!(halfWidth > 0 && double.IsFinite(halfWidth)))
            throw new ArgumentOutOfRangeException(nameof(halfWidth), halfWidth, "halfWidth must be a positive finite number (0.05 for scores printed to 0.1).");
        Bootstrap.CheckLevel(alpha, nameof(alpha));
        double[] xa = [.. x], ya = [.. y];
        int n = xa.Length;
        var observed = SimpleSlope.FitFull(xa, ya);
        var rng = new Random(seed);
        var yd = new double[n];
        var slope = new double[draws];
        var r2 = new double[draws];
        var p = new double[draws];
        // x is exact, so x̄, the centered x and Sxx are the same in every draw: computed once, as FitFull computes them.
        double mx = SimpleSlope.Mean(xa);
        var xc = SimpleSlope.Centered(xa, out double sxx);
        for (int d = 0; d < draws; d++)
        {
            // ȳ summed left to right while the draw is made, as SimpleSlope.Mean sums it.
            double sy = 0;
            for (int i = 0; i < n; i++)
            {
                yd[i] = ya[i] + (2 * rng.NextDouble() - 1) * halfWidth;
                sy += yd[i];
            }
            var f = SimpleSlope.FitOnFixedX(xa, xc, mx, sxx, yd, sy / n);
            slope[d] = f.Slope;
            r2[d] = f.RSquared;
            p[d] = f.P;
        }
        return new RoundingSensitivityResult(halfWidth, alpha, observed, slope, r2, p, SlopeRange(xa, ya, halfWidth));
    }

    /// <summary>
    /// The data within ±<paramref name="halfWidth"/> of the printed y that give the flattest
    /// (<paramref name="steepest"/> false) or steepest slope: yᵢ ∓ h·sign(xᵢ − x̄), a corner of the rounding box.
    /// </summary>
    public static double[] ExtremeCorner(IReadOnlyList<double> x, IReadOnlyList<double> y, bool steepest, double halfWidth = WefHalfWidth)
    {
        var (xc, _, b) = CenteredFit(x, y);
        // Move against the slope's sign for the flattest case, with it for the steepest.
        double dir = (steepest ? 1 : -1) * (b >= 0 ? 1 : -1);
        return y.Select((v, i) => v + dir * halfWidth * Math.Sign(xc[i])).ToArray();
    }

    /// <summary>
    /// The exact range of least-squares slopes over every y within ±<paramref name="halfWidth"/> of the
    /// printed values: the slope is linear in y, so it is b̂ ± h·Σ|xᵢ − x̄| / Sxx, attained at a corner.
    /// </summary>
    public static (double Min, double Max) SlopeRange(IReadOnlyList<double> x, IReadOnlyList<double> y, double halfWidth = WefHalfWidth)
    {
        var (xc, sxx, b) = CenteredFit(x, y);
        double sabs = 0;
        foreach (var v in xc) sabs += Math.Abs(v);
        double w = halfWidth * sabs / sxx;
        return (b - w, b + w);
    }

    /// <summary>The centered x, Sxx and the least-squares slope of validated data.</summary>
    private static (double[] Centered, double Sxx, double Slope) CenteredFit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        SimpleSlope.Validate(x, y);
        double[] xa = [.. x];
        return (SimpleSlope.Centered(xa, out double sxx), sxx, SimpleSlope.FitFull(xa, [.. y]).Slope);
    }
}

/// <summary>The distributions of slope, R² and p over simulated unrounded data. Immutable.</summary>
public sealed class RoundingSensitivityResult
{
    private readonly double[] _slope, _r2, _p;
    private readonly Lazy<double[]> _slopeSorted, _r2Sorted, _pSorted;

    internal RoundingSensitivityResult(double halfWidth, double alpha, SimpleSlope.Fit observed,
        double[] slope, double[] r2, double[] p, (double Min, double Max) range)
    {
        HalfWidth = halfWidth;
        Alpha = alpha;
        ObservedSlope = observed.Slope;
        ObservedRSquared = observed.RSquared;
        ObservedP = observed.P;
        _slope = slope;
        _r2 = r2;
        _p = p;
        _slopeSorted = new(() => Quantiles.SortedCopy(_slope));
        _r2Sorted = new(() => Quantiles.SortedCopy(_r2));
        _pSorted = new(() => Quantiles.SortedCopy(_p));
        // A corner of the box where the slope is exactly 0 (Table 3) comes out as ±1e-17 of roundoff;
        // snap such values to 0 here, once, rather than in every report that prints them.
        double scale = Math.Max(Math.Abs(range.Min), Math.Abs(range.Max));
        SlopeMinOverBox = Math.Abs(range.Min) <= 1e-12 * scale ? 0.0 : range.Min;
        SlopeMaxOverBox = Math.Abs(range.Max) <= 1e-12 * scale ? 0.0 : range.Max;
    }

    /// <summary>Half-width h of the uniform perturbation.</summary>
    public double HalfWidth { get; }

    /// <summary>Significance level used for <see cref="ShareSignificant"/>.</summary>
    public double Alpha { get; }

    /// <summary>Number of simulated datasets.</summary>
    public int Draws => _slope.Length;

    /// <summary>Slope of the printed data.</summary>
    public double ObservedSlope { get; }

    /// <summary>R² of the printed data.</summary>
    public double ObservedRSquared { get; }

    /// <summary>Two-sided t-test p of the slope on the printed data.</summary>
    public double ObservedP { get; }

    /// <summary>Smallest slope over all data within the rounding box (exact, a corner).</summary>
    public double SlopeMinOverBox { get; }

    /// <summary>Largest slope over all data within the rounding box.</summary>
    public double SlopeMaxOverBox { get; }

    /// <summary>Slopes per draw, in draw order.</summary>
    public IReadOnlyList<double> Slopes => _slope;

    /// <summary>R² per draw.</summary>
    public IReadOnlyList<double> RSquared => _r2;

    /// <summary>Two-sided p of the slope's t-test per draw.</summary>
    public IReadOnlyList<double> PValues => _p;

    /// <summary>Share of draws whose slope is significant (p &lt; <see cref="Alpha"/>).</summary>
    public double ShareSignificant => (double)_p.Count(v => v < Alpha) / Draws;

    /// <summary>Type-7 quantile of the slopes.</summary>
    public double SlopeQuantile(double q) => Quantiles.Type7(_slopeSorted.Value, q);

    /// <summary>Type-7 quantile of R².</summary>
    public double RSquaredQuantile(double q) => Quantiles.Type7(_r2Sorted.Value, q);

    /// <summary>Type-7 quantile of p.</summary>
    public double PQuantile(double q) => Quantiles.Type7(_pSorted.Value, q);
}
