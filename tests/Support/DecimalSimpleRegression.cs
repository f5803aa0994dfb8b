namespace NotebookAnalysis.Tests.Support;

/// <summary>
/// Simple regression y = a + b·x by the textbook closed forms, evaluated in System.Decimal (28 digits) from the
/// data as printed. An independent reference for the engine: no QR, no doubles until the end.
/// </summary>
public sealed class DecimalSimpleRegression
{
    public DecimalSimpleRegression(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var xs = x.Select(v => decimal.Parse(v.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var ys = y.Select(v => decimal.Parse(v.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        N = xs.Length;
        decimal mx = xs.Sum() / N, my = ys.Sum() / N;
        Sxx = xs.Sum(v => (v - mx) * (v - mx));
        Sxy = xs.Zip(ys).Sum(p => (p.First - mx) * (p.Second - my));
        Syy = ys.Sum(v => (v - my) * (v - my));
        Slope = Sxy / Sxx;
        Intercept = my - Slope * mx;
        SsRegression = Slope * Sxy;
        SsResidual = Syy - SsRegression;
        MsResidual = SsResidual / (N - 2);
        RSquared = SsRegression / Syy;
        AdjRSquared = 1 - (1 - RSquared) * (N - 1) / (N - 2);
        F = SsRegression / MsResidual;
        Sigma = Sqrt(MsResidual);
        SeSlope = Sqrt(MsResidual / Sxx);
        SeIntercept = Sqrt(MsResidual * (1m / N + mx * mx / Sxx));
        MultipleR = Sqrt(RSquared);
        MeanX = mx;
    }

    public int N { get; }
    public decimal Sxx { get; }
    public decimal Sxy { get; }
    public decimal Syy { get; }
    public decimal MeanX { get; }
    public decimal Slope { get; }
    public decimal Intercept { get; }
    public decimal SsRegression { get; }
    public decimal SsResidual { get; }
    public decimal MsResidual { get; }
    public decimal RSquared { get; }
    public decimal AdjRSquared { get; }
    public decimal MultipleR { get; }
    public decimal F { get; }
    public decimal Sigma { get; }
    public decimal SeSlope { get; }
    public decimal SeIntercept { get; }
    public decimal TSlope => Slope / SeSlope;
    public decimal TIntercept => Intercept / SeIntercept;

    /// <summary>Newton's square root in decimal, to the last digit.</summary>
    public static decimal Sqrt(decimal v)
    {
        if (v < 0) throw new ArgumentOutOfRangeException(nameof(v));
        if (v == 0) return 0;
        decimal r = (decimal)Math.Sqrt((double)v);
        for (int i = 0; i < 8; i++) r = (r + v / r) / 2;
        return r;
    }
}
