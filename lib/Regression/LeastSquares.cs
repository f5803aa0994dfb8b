namespace NotebookAnalysis.Regression;

/// <summary>What the factorization hands to <see cref="OlsResult"/>; everything else is derived from it.</summary>
internal sealed class LeastSquaresSolution
{
    public required double[] Coefficients { get; init; }
    public required double[] Residuals { get; init; }
    public required double[] Fitted { get; init; }
    /// <summary>Residual sum of squares; exactly 0 for an exact fit.</summary>
    public required double Sse { get; init; }
    /// <summary>R of X = QR (unscaled), k×k upper triangular.</summary>
    public required double[,] R { get; init; }
    /// <summary>(X'X)^{-1} = R^{-1}R^{-T}.</summary>
    public required double[,] UnscaledCovariance { get; init; }
    /// <summary>Hat diagonal h_i = ||q_i||², from the rows of Q.</summary>
    public required Func<double[]> Leverage { get; init; }
}

/// <summary>Householder least squares in double precision with exact power-of-two column equilibration.</summary>
internal static class LeastSquares
{
    /// <summary>Relative size of a diagonal of R (columns scaled to unit norm) below which the design is singular.</summary>
    internal const double SingularTolerance = 1e-13;

    public static LeastSquaresSolution Solve(Design design, double[] y)
    {
        int n = design.Rows, k = design.Columns;
        var cols = design.ColumnsUnsafe;
        // Exact scaling by powers of two: no rounding, and R's diagonal becomes comparable across columns.
        var scale = new double[k];
        var a = new double[k + 1][];
        for (int j = 0; j < k; j++)
        {
            double norm = Norm2(cols[j]);
            scale[j] = norm > 0 ? Math.ScaleB(1.0, -Math.ILogB(norm)) : 1.0;
            a[j] = new double[n];
            for (int i = 0; i < n; i++) a[j][i] = cols[j][i] * scale[j];
        }
        a[k] = (double[])y.Clone();

        var rs = new double[k, k];
        for (int j = 0; j < k; j++)
        {
            var v = a[j];
            double colNorm = Norm2(v.AsSpan(j));
            double alpha = v[j] >= 0 ? -colNorm : colNorm;
            // Householder vector u = v - alpha e_j (stored in place); H = I - u u'/(-alpha u_j).
            double u0 = v[j] - alpha;
            v[j] = u0;
            double beta = -alpha * u0; // = u'u/2
            for (int c = j + 1; c <= k; c++)
            {
                var w = a[c];
                if (beta == 0) continue;
                double s = 0;
                for (int i = j; i < n; i++) s += v[i] * w[i];
                s /= beta;
                for (int i = j; i < n; i++) w[i] -= s * v[i];
            }
            rs[j, j] = alpha;
            for (int c = j + 1; c < k; c++) rs[j, c] = a[c][j];
        }
        CheckRank(design, rs, scale);

        // Back substitution for scaled coefficients, then unscale.
        var qty = a[k];
        var bs = new double[k];
        for (int j = k - 1; j >= 0; j--)
        {
            double s = qty[j];
            for (int c = j + 1; c < k; c++) s -= rs[j, c] * bs[c];
            bs[j] = s / rs[j, j];
        }
        var b = new double[k];
        for (int j = 0; j < k; j++) b[j] = bs[j] * scale[j];

        var fitted = new double[n];
        var resid = new double[n];
        bool exact = true;
        for (int i = 0; i < n; i++)
        {
            double f = 0;
            for (int j = 0; j < k; j++) f += cols[j][i] * b[j];
            fitted[i] = f;
            resid[i] = y[i] - f;
            if (resid[i] != 0) exact = false;
        }
        double sse = 0;
        if (!exact) foreach (var e in resid) sse += e * e;

        var rsInv = InvertUpper(rs);
        var r = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = i; j < k; j++)
                r[i, j] = rs[i, j] / scale[j];
        var cov = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                double s = 0;
                for (int l = Math.Max(i, j); l < k; l++) s += rsInv[i, l] * rsInv[j, l];
                cov[i, j] = s * scale[i] * scale[j];
            }

        double[] Leverage()
        {
            var h = new double[n];
            var q = new double[k];
            for (int i = 0; i < n; i++)
            {
                // q_i' = x_s,i' R_s^{-1}: forward substitution with R_s'.
                double sum = 0;
                for (int j = 0; j < k; j++)
                {
                    double s = cols[j][i] * scale[j];
                    for (int l = 0; l < j; l++) s -= rs[l, j] * q[l];
                    q[j] = s / rs[j, j];
                    sum += q[j] * q[j];
                }
                h[i] = sum;
            }
            return h;
        }

        return new LeastSquaresSolution
        {
            Coefficients = b, Residuals = resid, Fitted = fitted, Sse = sse,
            R = r, UnscaledCovariance = cov, Leverage = Leverage,
        };
    }

    private static void CheckRank(Design design, double[,] rs, double[] scale)
    {
        int k = rs.GetLength(0);
        var cols = design.ColumnsUnsafe;
        for (int j = 0; j < k; j++)
        {
            double colNorm = Norm2(cols[j]) * scale[j];
            if (colNorm == 0)
                throw new ModelException(design.Model, $"the column '{design.Terms[j]}' is all zeros.");
            if (Math.Abs(rs[j, j]) <= SingularTolerance * colNorm)
                throw new ModelException(design.Model, CollinearMessage(design, rs, j));
        }
    }

    /// <summary>Names the columns of the near-dependency x_j ≈ Σ c_l x_l found at the first tiny diagonal of R.</summary>
    internal static string CollinearMessage(Design design, double[,] rs, int j)
    {
        // Solve R[0..j-1,0..j-1] c = R[0..j-1, j]: the combination of earlier columns that reproduces column j.
        var c = new double[j];
        for (int i = j - 1; i >= 0; i--)
        {
            double s = rs[i, j];
            for (int l = i + 1; l < j; l++) s -= rs[i, l] * c[l];
            c[i] = s / rs[i, i];
        }
        var involved = new List<string>();
        double max = 0;
        foreach (var v in c) max = Math.Max(max, Math.Abs(v));
        for (int i = 0; i < j; i++)
            if (Math.Abs(c[i]) > 1e-8 * Math.Max(max, 1e-300)) involved.Add(design.Terms[i]);
        involved.Add(design.Terms[j]);
        return $"the columns {string.Join(", ", involved.Select(t => $"'{t}'"))} are collinear (numerically singular design): " +
               $"'{design.Terms[j]}' is a linear combination of the others to within rounding.";
    }

    internal static double[,] InvertUpper(double[,] r)
    {
        int k = r.GetLength(0);
        var inv = new double[k, k];
        for (int j = k - 1; j >= 0; j--)
        {
            inv[j, j] = 1 / r[j, j];
            for (int i = j - 1; i >= 0; i--)
            {
                double s = 0;
                for (int l = i + 1; l <= j; l++) s += r[i, l] * inv[l, j];
                inv[i, j] = -s / r[i, i];
            }
        }
        return inv;
    }

    internal static double Norm2(ReadOnlySpan<double> v)
    {
        // Scaled to avoid overflow and underflow.
        double max = 0;
        foreach (var x in v) max = Math.Max(max, Math.Abs(x));
        if (max == 0 || double.IsInfinity(max)) return max;
        double s = 0;
        foreach (var x in v) { double t = x / max; s += t * t; }
        return max * Math.Sqrt(s);
    }
}
