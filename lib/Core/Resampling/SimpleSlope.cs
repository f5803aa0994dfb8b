using NotebookAnalysis.Regression;
using NotebookAnalysis.Statistics;

namespace NotebookAnalysis.Resampling;

/// <summary>
/// Closed-form simple regression (y on x with an intercept) for resampling loops: centered two-pass sums,
/// no allocation. For one regressor the centered formula is the QR solution (the centered x column is its
/// own orthogonal basis), so it carries no normal-equations error.
/// </summary>
internal static class SimpleSlope
{
    /// <summary>Validates a pair of samples: same length, at least <see cref="PermutationTest.MinN"/> points, finite, x not constant.</summary>
    public static void Validate(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count)
            throw new ArgumentException($"x has {x.Count} values but y has {y.Count}; they must pair up.", nameof(y));
        if (x.Count < PermutationTest.MinN)
            throw new ArgumentOutOfRangeException(nameof(x), x.Count,
                $"A slope test needs at least {PermutationTest.MinN} pairs (intercept, slope and one residual degree of freedom); got {x.Count}.");
        for (int i = 0; i < x.Count; i++)
        {
            if (!double.IsFinite(x[i]))
                throw new ArgumentException($"x[{i}] is {x[i]}; every value must be finite.", nameof(x));
            if (!double.IsFinite(y[i]))
                throw new ArgumentException($"y[{i}] is {y[i]}; every value must be finite.", nameof(y));
        }
        if (x.All(v => v == x[0]))
            throw new ModelException("slope", $"x is constant (every value is {x[0].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}), so the slope is undefined.");
    }

    /// <summary>Mean by a plain left-to-right sum (deterministic order).</summary>
    public static double Mean(ReadOnlySpan<double> v)
    {
        double s = 0;
        for (int i = 0; i < v.Length; i++) s += v[i];
        return s / v.Length;
    }

    /// <summary><paramref name="v"/> minus its mean, and the sum of squares of the result (Sxx when v is x).</summary>
    public static double[] Centered(ReadOnlySpan<double> v, out double sumOfSquares)
    {
        double m = Mean(v);
        var centered = new double[v.Length];
        sumOfSquares = 0;
        for (int i = 0; i < v.Length; i++)
        {
            centered[i] = v[i] - m;
            sumOfSquares += centered[i] * centered[i];
        }
        return centered;
    }

    /// <summary>The least-squares fit of one sample: slope, intercept, R², t of the slope and its two-sided p.</summary>
    public static Fit FitFull(ReadOnlySpan<double> x, ReadOnlySpan<double> y) =>
        FitOnFixedX(x, Centered(x, out double sxx), Mean(x), sxx, y, Mean(y));

    /// <summary>
    /// <see cref="FitFull"/> for a loop that refits many y on one x: the caller passes x̄, the centered x and Sxx,
    /// computed once by <see cref="Mean"/> and <see cref="Centered"/> as <see cref="FitFull"/> computes them, and ȳ, so
    /// the fit is the one <see cref="FitFull"/> gives, to the bit.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static Fit FitOnFixedX(ReadOnlySpan<double> x, ReadOnlySpan<double> xCentered, double mx, double sxx, ReadOnlySpan<double> y, double my)
    {
        int n = x.Length;
        double sxy = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = xCentered[i], dy = y[i] - my;
            sxy += dx * dy;
            syy += dy * dy;
        }
        double b = sxy / sxx;
        // Residual sum of squares from the residuals themselves, not Syy - Sxy²/Sxx (cancellation when R² → 1).
        double sse = 0;
        for (int i = 0; i < n; i++)
        {
            double r = (y[i] - my) - b * (x[i] - mx);
            sse += r * r;
        }
        int df = n - 2;
        double r2 = syy > 0 ? 1.0 - sse / syy : 0.0;
        if (r2 < 0) r2 = 0; // sse can exceed syy by an ulp when the slope is ~0
        double t = sse > 0 ? b / Math.Sqrt(sse / df / sxx) : (b == 0 ? 0 : double.PositiveInfinity * Math.Sign(b));
        return new Fit(b, my - b * mx, r2, t, Distributions.StudentTTwoSidedP(t, df));
    }

    /// <summary>Largest n for which <see cref="LeaveOneOutSlopes"/> refits every subsample directly (O(n²), at most 10⁶ terms).</summary>
    public const int DirectLeaveOneOutMaxN = 1_000;

    /// <summary>
    /// The n leave-one-out slopes (NaN where dropping a point leaves x constant). Up to
    /// <see cref="DirectLeaveOneOutMaxN"/> points each subsample is refitted by the two-pass formula, the most
    /// accurate way and cheap there. Above it, O(n): dropping point k changes the centered sums by
    /// Sxx₍ₖ₎ = Sxx − n/(n−1)·dxₖ² and Sxy₍ₖ₎ = Sxy − n/(n−1)·dxₖ·dyₖ (exact identities). The downdate loses
    /// digits only when point k carries most of Sxx (leverage near 1): there, when Sxx₍ₖ₎ &lt; Sxx/2, the slope is
    /// still refitted directly. At most two points qualify (Σ dxₖ² = Sxx), so the cost stays O(n).
    /// </summary>
    public static double[] LeaveOneOutSlopes(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length;
        if (n <= DirectLeaveOneOutMaxN)
        {
            var direct = new double[n];
            for (int k = 0; k < n; k++) direct[k] = SlopeWithout(x, y, k);
            return direct;
        }
        // Every slope below is a difference from these totals, so they are summed with compensation: their
        // rounding error stays at a few units of roundoff instead of growing with n.
        double mx = (Compensated.Sum(x) / n).ToDouble(), my = (Compensated.Sum(y) / n).ToDouble();
        DoubleDouble sxxDd = DoubleDouble.Zero, sxyDd = DoubleDouble.Zero;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - mx;
            sxxDd += DoubleDouble.TwoProduct(dx, dx);
            sxyDd += DoubleDouble.TwoProduct(dx, y[i] - my);
        }
        double sxx = sxxDd.ToDouble(), sxy = sxyDd.ToDouble();
        double f = n / (n - 1.0);
        var loo = new double[n];
        for (int k = 0; k < n; k++)
        {
            double dx = x[k] - mx;
            double sxxK = sxx - f * dx * dx;
            loo[k] = sxxK >= 0.5 * sxx
                ? (sxy - f * dx * (y[k] - my)) / sxxK
                : SlopeWithout(x, y, k);
        }
        return loo;
    }

    /// <summary>The two-pass slope of every point but <paramref name="k"/>; NaN when the rest have constant x.</summary>
    private static double SlopeWithout(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int k)
    {
        int n = x.Length;
        double sx = 0, sy = 0;
        for (int i = 0; i < n; i++)
            if (i != k) { sx += x[i]; sy += y[i]; }
        double mx = sx / (n - 1), my = sy / (n - 1);
        double sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++)
        {
            if (i == k) continue;
            double dx = x[i] - mx;
            sxx += dx * dx;
            sxy += dx * (y[i] - my);
        }
        return sxx > 0 ? sxy / sxx : double.NaN;
    }

    /// <summary>One fit's statistics.</summary>
    public readonly record struct Fit(double Slope, double Intercept, double RSquared, double T, double P);
}
