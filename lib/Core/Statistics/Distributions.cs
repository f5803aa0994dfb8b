using MathNet.Numerics;

namespace NotebookAnalysis.Statistics;

/// <summary>
/// Tail probabilities and quantiles of the distributions used in regression inference.
/// Every upper tail is computed directly from a regularized incomplete beta or gamma function,
/// never as <c>1 - CDF</c>, so small p-values keep their relative accuracy.
/// </summary>
public static class Distributions
{
    /// <summary>
    /// Two-sided p-value of Student's t: P(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, 1/2).
    /// Exactly 1 at t = 0 and exactly 0 at t = ±∞.
    /// </summary>
    /// <param name="t">The t statistic.</param>
    /// <param name="df">Degrees of freedom ν &gt; 0.</param>
    public static double StudentTTwoSidedP(double t, double df)
    {
        RequireDf(df, nameof(df));
        if (double.IsNaN(t)) throw new ArgumentException("t is NaN.", nameof(t));
        if (t == 0) return 1.0;
        if (double.IsInfinity(t)) return 0.0;
        double t2 = t * t;
        // x = ν/(ν+t²) computed without cancellation; for huge t² it underflows gracefully toward 0.
        double x = df / (df + t2);
        if (x >= 1.0) return 1.0;
        return Math.Min(1.0, SpecialFunctions.BetaRegularized(df / 2, 0.5, x));
    }

    /// <summary>
    /// The p-quantile of Student's t with <paramref name="df"/> degrees of freedom
    /// (e.g. p = 0.975 gives the two-sided 95 % critical value).
    /// </summary>
    /// <param name="p">Probability in (0, 1).</param>
    /// <param name="df">Degrees of freedom ν &gt; 0.</param>
    public static double StudentTQuantile(double p, double df)
    {
        RequireDf(df, nameof(df));
        if (!(p > 0 && p < 1))
            throw new ArgumentOutOfRangeException(nameof(p), p, "The probability must lie strictly between 0 and 1.");
        if (p == 0.5) return 0.0;
        // Solve for t > 0 with upper tail q = min(p, 1-p); the sign follows p.
        double q = p < 0.5 ? p : 1 - p;
        double sign = p < 0.5 ? -1 : 1;
        double Upper(double t) => 0.5 * StudentTTwoSidedP(t, df);

        // Bracket [lo, hi] with Upper(lo) >= q > Upper(hi).
        double lo = 0, hi = 1;
        while (Upper(hi) > q)
        {
            lo = hi;
            hi *= 2;
            if (double.IsInfinity(hi)) return sign * double.PositiveInfinity;
        }
        double logC = SpecialFunctions.GammaLn((df + 1) / 2) - SpecialFunctions.GammaLn(df / 2) - 0.5 * Math.Log(df * Math.PI);
        double Density(double t) => Math.Exp(logC - (df + 1) / 2 * double.LogP1(t * t / df));

        // Safeguarded Newton: take the Newton step when it stays inside the bracket, else bisect.
        double x = 0.5 * (lo + hi);
        for (int i = 0; i < 200; i++)
        {
            double g = Upper(x) - q;
            if (g == 0) break;
            if (g > 0) lo = x; else hi = x;
            double step = g / Density(x);
            double next = x + step;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (Math.Abs(next - x) <= 4 * double.Epsilon + 1e-16 * Math.Abs(x)) { x = next; break; }
            x = next;
        }
        return sign * x;
    }

    /// <summary>
    /// Upper tail of the F distribution, P(F ≥ f) = I_{d2/(d2+d1 f)}(d2/2, d1/2). Exactly 0 at f = +∞.
    /// </summary>
    public static double FUpperTail(double f, double d1, double d2)
    {
        RequireDf(d1, nameof(d1));
        RequireDf(d2, nameof(d2));
        if (double.IsNaN(f)) throw new ArgumentException("f is NaN.", nameof(f));
        if (f <= 0) return 1.0;
        if (double.IsPositiveInfinity(f)) return 0.0;
        double x = d2 / (d2 + d1 * f);
        return Math.Min(1.0, SpecialFunctions.BetaRegularized(d2 / 2, d1 / 2, x));
    }

    /// <summary>Upper tail of χ² with <paramref name="df"/> degrees of freedom: Q(df/2, x/2).</summary>
    public static double ChiSquaredUpperTail(double x, double df)
    {
        RequireDf(df, nameof(df));
        if (double.IsNaN(x)) throw new ArgumentException("x is NaN.", nameof(x));
        if (x <= 0) return 1.0;
        if (double.IsPositiveInfinity(x)) return 0.0;
        return Math.Min(1.0, SpecialFunctions.GammaUpperRegularized(df / 2, x / 2));
    }

    private static void RequireDf(double df, string name)
    {
        if (!(df > 0) || double.IsInfinity(df))
            throw new ArgumentOutOfRangeException(name, df, "Degrees of freedom must be positive and finite.");
    }
}
