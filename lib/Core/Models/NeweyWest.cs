namespace NotebookAnalysis.Models;

/// <summary>
/// Newey-West heteroskedasticity- and autocorrelation-consistent (HAC) covariance of OLS coefficients:
/// V = (X'X)⁻¹ S (X'X)⁻¹ with S = Σ_t e_t² x_t x_t' + Σ_{l=1..L} w_l Σ_{t>l} e_t e_{t−l} (x_t x_{t−l}' + x_{t−l} x_t'),
/// Bartlett weights w_l = 1 − l/(L+1), no prewhitening and no small-sample factor (as R's
/// <c>sandwich::NeweyWest(fit, lag = L, prewhite = FALSE, adjust = FALSE)</c>).
/// </summary>
public static class NeweyWest
{
    /// <summary>
    /// Newey and West's (1994) rule of thumb for the Bartlett kernel's lag, floor(4·(n/100)^(2/9)); 2 at n = 10.
    /// </summary>
    public static int AutomaticLag(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return (int)Math.Floor(4 * Math.Pow(n / 100.0, 2.0 / 9.0));
    }

    /// <summary>
    /// The HAC covariance of the coefficients.
    /// </summary>
    /// <param name="x">Row-major regressors: <c>x[t, j]</c>.</param>
    /// <param name="residuals">OLS residuals e_t, in time order.</param>
    /// <param name="unscaledCovariance">(X'X)⁻¹ from the fit.</param>
    /// <param name="lag">Truncation lag L ≥ 0 (0 gives White's HC0).</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static double[,] Covariance(double[,] x, IReadOnlyList<double> residuals, double[,] unscaledCovariance, int lag)
    {
        int n = x.GetLength(0), k = x.GetLength(1);
        if (residuals.Count != n) throw new ArgumentException("One residual per row is needed.", nameof(residuals));
        if (lag < 0 || lag >= n) throw new ArgumentOutOfRangeException(nameof(lag), lag, $"The lag must be in 0…{n - 1}.");
        // Scores u_t = e_t x_t.
        var u = new double[n, k];
        for (int t = 0; t < n; t++)
            for (int j = 0; j < k; j++)
                u[t, j] = residuals[t] * x[t, j];
        var s = new double[k, k];
        for (int l = 0; l <= lag; l++)
        {
            double w = l == 0 ? 1.0 : 1.0 - l / (lag + 1.0); // Bartlett
            for (int a = 0; a < k; a++)
                for (int b = 0; b < k; b++)
                {
                    double g = 0;
                    for (int t = l; t < n; t++) g += u[t, a] * u[t - l, b];
                    s[a, b] += w * g;
                    if (l > 0) s[b, a] += w * g;
                }
        }
        var bread = unscaledCovariance;
        return Multiply(Multiply(bread, s), bread);
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), m = b.GetLength(1), p = a.GetLength(1);
        var c = new double[n, m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
            {
                double sum = 0;
                for (int q = 0; q < p; q++) sum += a[i, q] * b[q, j];
                c[i, j] = sum;
            }
        return c;
    }
}
