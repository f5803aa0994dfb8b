using System.Globalization;

namespace NotebookAnalysis.Tests.Support;

/// <summary>
/// The tests' one independent reference arithmetic, in System.Decimal (28-29 significant digits): closed-form simple
/// regression, least squares by the normal equations solved by Gauss-Jordan elimination, and a relative-error check.
/// A different algorithm in a different number system from the engine's QR in doubles, fine for the small,
/// well-conditioned designs it is used on here.
/// </summary>
internal static class DecimalOracle
{
    /// <summary>
    /// The double's value to 17 significant digits: the value the engine sees. (A plain (decimal) cast keeps only 15.)
    /// </summary>
    public static decimal D(double v) =>
        decimal.Parse(v.ToString("G17", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The number as printed: the shortest text that reads back as the double (3.7, not 3.7000000000000002).</summary>
    public static decimal Printed(double v) =>
        decimal.Parse(v.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary><see cref="D"/> of every value.</summary>
    public static decimal[] Dec(IEnumerable<double> v) => v.Select(D).ToArray();

    /// <summary>An intercept column.</summary>
    public static decimal[] Ones(int n) => Enumerable.Repeat(1m, n).ToArray();

    /// <summary>Coefficients of y on the columns (each column a full-length array): normal equations, Gauss-Jordan with partial pivoting.</summary>
    public static decimal[] Solve(IReadOnlyList<decimal[]> columns, decimal[] y)
    {
        int k = columns.Count, n = y.Length;
        var a = new decimal[k, k + 1];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                decimal s = 0;
                for (int r = 0; r < n; r++) s += columns[i][r] * columns[j][r];
                a[i, j] = s;
            }
            decimal t = 0;
            for (int r = 0; r < n; r++) t += columns[i][r] * y[r];
            a[i, k] = t;
        }
        for (int p = 0; p < k; p++)
        {
            int piv = p;
            for (int i = p + 1; i < k; i++) if (Math.Abs(a[i, p]) > Math.Abs(a[piv, p])) piv = i;
            for (int j = 0; j <= k; j++) (a[p, j], a[piv, j]) = (a[piv, j], a[p, j]);
            for (int i = 0; i < k; i++)
            {
                if (i == p) continue;
                decimal f = a[i, p] / a[p, p];
                for (int j = p; j <= k; j++) a[i, j] -= f * a[p, j];
            }
        }
        var b = new decimal[k];
        for (int i = 0; i < k; i++) b[i] = a[i, k] / a[i, i];
        return b;
    }

    /// <summary>y − Xb.</summary>
    public static decimal[] Residuals(IReadOnlyList<decimal[]> columns, decimal[] y, decimal[] b)
    {
        var r = new decimal[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            decimal f = 0;
            for (int j = 0; j < columns.Count; j++) f += columns[j][i] * b[j];
            r[i] = y[i] - f;
        }
        return r;
    }

    /// <summary>y = b0 + b1·a + b2·c with an intercept: <see cref="Solve"/> on [1, a, c].</summary>
    public static (decimal B0, decimal B1, decimal B2) TwoRegressors(double[] a, double[] c, double[] y)
    {
        var b = Solve([Ones(y.Length), Dec(a), Dec(c)], Dec(y));
        return (b[0], b[1], b[2]);
    }

    /// <summary>Newton's square root in decimal, to the last digit.</summary>
    public static decimal Sqrt(decimal v)
    {
        if (v < 0) throw new ArgumentOutOfRangeException(nameof(v));
        if (v == 0) return 0;
        decimal r = (decimal)Math.Sqrt((double)v);
        for (int i = 0; i < 8; i++) r = (r + v / r) / 2;
        return r;
    }

    /// <summary>Asserts |expected − actual| ≤ rel·|expected|, naming the quantity and the relative error.</summary>
    public static void Close(double expected, double actual, double rel = 1e-12, string what = "")
    {
        double tol = rel * Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(Math.Abs(expected - actual) <= tol,
            $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(expected - actual) / Math.Abs(expected):E2}, allowed {rel:E0})");
    }

    /// <summary>
    /// Simple regression y = a + b·x by the textbook closed forms, from the data as printed (<see cref="Printed"/>):
    /// b = Sxy/Sxx, a = ȳ − b·x̄, SSE = Syy − b·Sxy, SE(b) = √(s²/Sxx), SE(a) = √(s²(1/n + x̄²/Sxx)).
    /// </summary>
    public sealed class SimpleRegression
    {
        public SimpleRegression(IReadOnlyList<double> x, IReadOnlyList<double> y)
            : this(x.Select(Printed).ToArray(), y.Select(Printed).ToArray())
        {
        }

        /// <summary>From values already in decimal (e.g. a corner of the rounding box, y ± 0.05 exactly).</summary>
        public SimpleRegression(IReadOnlyList<decimal> xs, IReadOnlyList<decimal> ys)
        {
            N = xs.Count;
            decimal mx = xs.Sum() / N, my = ys.Sum() / N;
            Sxx = xs.Sum(v => (v - mx) * (v - mx));
            Sxy = xs.Zip(ys).Sum(p => (p.First - mx) * (p.Second - my));
            Syy = ys.Sum(v => (v - my) * (v - my));
            Slope = Sxy / Sxx;
            Intercept = my - Slope * mx;
            SsRegression = Slope * Sxy;
            SsResidual = Syy - SsRegression;
            MsResidual = SsResidual / (N - 2);
            MeanX = mx;
            Residuals = xs.Zip(ys, (a, b) => b - Intercept - Slope * a).ToArray();
        }

        public int N { get; }
        public decimal Sxx { get; }
        public decimal Sxy { get; }
        /// <summary>Σ(y − ȳ)², the total sum of squares.</summary>
        public decimal Syy { get; }
        public decimal MeanX { get; }
        public decimal Slope { get; }
        public decimal Intercept { get; }
        public decimal SsRegression { get; }
        public decimal SsResidual { get; }
        public decimal MsResidual { get; }
        // Computed on use, so that data with a constant y or an exact fit (a corner of a rounding box) still give a slope.
        public decimal RSquared => SsRegression / Syy;
        public decimal AdjRSquared => 1 - (1 - RSquared) * (N - 1) / (N - 2);
        public decimal MultipleR => Sqrt(RSquared);
        public decimal F => SsRegression / MsResidual;
        public decimal Sigma => Sqrt(MsResidual);
        public decimal SeSlope => Sqrt(MsResidual / Sxx);
        public decimal SeIntercept => Sqrt(MsResidual * (1m / N + MeanX * MeanX / Sxx));
        public decimal TSlope => Slope / SeSlope;
        public decimal TIntercept => Intercept / SeIntercept;
        /// <summary>y − a − b·x per row.</summary>
        public decimal[] Residuals { get; }
    }
}
