using System.Numerics;
using System.Runtime.InteropServices;
using NotebookAnalysis.Regression;
using DD = NotebookAnalysis.Regression.DoubleDouble;

namespace NotebookAnalysis.Benchmarks;

/// <summary>
/// Benchmark only (scripts/benchmark.cs), never on the engine's path: a fast solver for large n, TSQR-style Householder QR in double over blocks of rows, so that working memory is
/// O(block·k) whatever n is, vectorized with <see cref="Vector{T}"/>; then one step of iterative refinement of the
/// solution by the corrected semi-normal equations R'R d = X'r with r computed in double-double.
/// </summary>
internal static class StreamingQr
{
    private const int BlockRows = 1024;

    /// <summary>The solution, or null when the equilibrated design's condition number exceeds <paramref name="conditionLimit"/>.</summary>
    public static LeastSquaresSolution? TrySolve(Design design, double[] y, int[] scaleExp, double conditionLimit)
    {
        int n = design.Rows, k = design.Columns, m = k + 1;
        var cols = design.ColumnsUnsafe;
        var scale = scaleExp.Select(e => Math.ScaleB(1.0, e)).ToArray();

        // R of [X_s | y], m×m upper triangular, updated block by block.
        var r = new double[m, m];
        var block = new double[m][];
        for (int c = 0; c < m; c++) block[c] = new double[BlockRows];
        for (int start = 0; start < n; start += BlockRows)
        {
            int len = Math.Min(BlockRows, n - start);
            for (int c = 0; c < m; c++)
            {
                var dst = block[c].AsSpan(0, len);
                if (c < k)
                {
                    var src = cols[c].AsSpan(start, len);
                    double s = scale[c];
                    for (int i = 0; i < len; i++) dst[i] = src[i] * s;
                }
                else y.AsSpan(start, len).CopyTo(dst);
            }
            AbsorbBlock(r, block, len);
        }

        var rs = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = i; j < k; j++)
                rs[i, j] = r[i, j];
        for (int j = 0; j < k; j++)
            if (!(Math.Abs(rs[j, j]) > LeastSquares.SingularTolerance))
                return null; // let the double-double path judge (and name) the singularity
        var sv = Jacobi.SingularValues(rs);
        if (!(sv[0] / sv[^1] <= conditionLimit))
            return null;

        // Initial solution from R_s b = z, then one refinement step with residuals in double-double.
        var b = new DD[k];
        {
            var z = new double[k];
            for (int j = 0; j < k; j++) z[j] = r[j, k];
            var b0 = BackSubstitute(rs, z);
            for (int j = 0; j < k; j++) b[j] = b0[j];
        }
        for (int iteration = 0; iteration < 2; iteration++)
        {
            // g = X_s'r, then R_s'R_s d = g (corrected semi-normal equations).
            var g = GradientOfResiduals(cols, design.LowPartsUnsafe, scale, y, b);
            var w = ForwardSubstituteTransposed(rs, g);
            var d = BackSubstitute(rs, w);
            double dn = 0, bn = 0;
            for (int j = 0; j < k; j++)
            {
                b[j] += d[j];
                dn = Math.Max(dn, Math.Abs(d[j]));
                bn = Math.Max(bn, Math.Abs(b[j].Hi));
            }
            // CSNE contracts the error by about κ²u ≤ 1e-8 per step here, so a correction below 1e-8 leaves < 1e-16.
            if (dn <= 1e-8 * bn) break;
        }
        var bUnscaled = new DD[k];
        for (int j = 0; j < k; j++) bUnscaled[j] = b[j] * scale[j];

        var inv = LeastSquares.InvertUpper(ToDD(rs));
        var cov = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = i; j < k; j++)
            {
                DD s = DD.Zero;
                for (int l = j; l < k; l++) s += inv[i, l] * inv[j, l];
                cov[i, j] = cov[j, i] = (s * (scale[i] * scale[j])).ToDouble();
            }
        var runscaled = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = i; j < k; j++)
                runscaled[i, j] = rs[i, j] / scale[j];

        double[] Leverage()
        {
            var h = new double[n];
            var q = new double[k];
            for (int i = 0; i < n; i++)
            {
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

        return LeastSquares.Finish(design, y, bUnscaled, runscaled, cov, Leverage,
            "streaming Householder QR in double + refinement with double-double residuals");
    }

    /// <summary>
    /// Householder QR of the stacked matrix [R; B] (R m×m upper triangular, B len×m), overwriting R with the new
    /// triangular factor. Column j's reflector touches only row j of R and all rows of B.
    /// </summary>
    private static void AbsorbBlock(double[,] r, double[][] block, int len)
    {
        int m = r.GetLength(0);
        for (int j = 0; j < m; j++)
        {
            var u = block[j].AsSpan(0, len);
            double tail = LeastSquares.Dot(u, u);
            if (tail == 0) continue;
            double rjj = r[j, j];
            double norm = Math.Sqrt(rjj * rjj + tail);
            double alpha = rjj >= 0 ? -norm : norm;
            double u0 = rjj - alpha;     // reflector u = (u0 at row j of R; u on the block)
            double beta = -alpha * u0;   // u'u / 2
            r[j, j] = alpha;
            for (int c = j + 1; c < m; c++)
            {
                var w = block[c].AsSpan(0, len);
                double f = (u0 * r[j, c] + LeastSquares.Dot(u, w)) / beta;
                r[j, c] -= f * u0;
                Axpy(-f, u, w);
            }
        }
    }

    /// <summary>g = X_s'r with r = y - X_s b_s computed compensated, block by block (X read once, no n-sized buffers).</summary>
    private static double[] GradientOfResiduals(double[][] cols, double[]?[] lows, double[] scale, double[] y, DD[] b)
    {
        int n = y.Length, k = cols.Length;
        var bu = new DD[k];
        for (int j = 0; j < k; j++) bu[j] = -(b[j] * scale[j]);
        var r = new double[BlockRows];
        var w = new double[BlockRows];
        var g = new double[k];
        for (int start = 0; start < n; start += BlockRows)
        {
            int len = Math.Min(BlockRows, n - start);
            var rb = r.AsSpan(0, len);
            var wb = w.AsSpan(0, len);
            y.AsSpan(start, len).CopyTo(rb);
            wb.Clear();
            for (int j = 0; j < k; j++)
                Compensated.AddScaledColumn(cols[j].AsSpan(start, len), lows[j] is { } lw ? lw.AsSpan(start, len) : default, bu[j], rb, wb);
            for (int i = 0; i < len; i++) rb[i] += wb[i];
            for (int j = 0; j < k; j++)
            {
                g[j] += LeastSquares.Dot(cols[j].AsSpan(start, len), rb);
                if (lows[j] is { } lw2) g[j] += LeastSquares.Dot(lw2.AsSpan(start, len), rb);
            }
        }
        for (int j = 0; j < k; j++) g[j] *= scale[j];
        return g;
    }

    private static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        int n = x.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y[..n]);
            var va = new Vector<double>(alpha);
            for (int v = 0; v < vx.Length; v++) vy[v] = Vector.FusedMultiplyAdd(va, vx[v], vy[v]);
            i = vx.Length * Vector<double>.Count;
        }
        for (; i < n; i++) y[i] = Math.FusedMultiplyAdd(alpha, x[i], y[i]);
    }

    private static double[] BackSubstitute(double[,] r, double[] z)
    {
        int k = z.Length;
        var x = new double[k];
        for (int j = k - 1; j >= 0; j--)
        {
            double s = z[j];
            for (int c = j + 1; c < k; c++) s -= r[j, c] * x[c];
            x[j] = s / r[j, j];
        }
        return x;
    }

    private static double[] ForwardSubstituteTransposed(double[,] r, double[] g)
    {
        int k = g.Length;
        var w = new double[k];
        for (int j = 0; j < k; j++)
        {
            double s = g[j];
            for (int l = 0; l < j; l++) s -= r[l, j] * w[l];
            w[j] = s / r[j, j];
        }
        return w;
    }

    private static DD[,] ToDD(double[,] a)
    {
        int k = a.GetLength(0);
        var d = new DD[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
                d[i, j] = a[i, j];
        return d;
    }
}
