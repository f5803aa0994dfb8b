namespace NotebookAnalysis.Tests.Regression;

/// <summary>
/// Independent reference arithmetic for the tests: least squares by the normal equations solved by Gauss-Jordan
/// elimination in System.Decimal (28-29 significant digits). A different algorithm in a different number system from
/// the engine's QR, fine for the small well-conditioned designs it is used on here.
/// </summary>
internal static class DecimalReference
{
    /// <summary>
    /// The double's value to 17 significant digits. (A plain (decimal) cast keeps only 15, which is not the value
    /// the engine sees.)
    /// </summary>
    public static decimal D(double v) =>
        decimal.Parse(v.ToString("G17", System.Globalization.CultureInfo.InvariantCulture),
            System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Coefficients of y on the columns (each column a full-length array), in decimal.</summary>
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

    public static decimal[] Ones(int n) => Enumerable.Repeat(1m, n).ToArray();

    public static decimal[] Dec(IEnumerable<double> v) => v.Select(D).ToArray();

    public static void Close(double expected, double actual, double rel = 1e-12, string what = "")
    {
        double tol = rel * Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(Math.Abs(expected - actual) <= tol,
            $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(expected - actual) / Math.Abs(expected):E2}, allowed {rel:E0})");
    }
}
