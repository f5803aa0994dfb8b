using System.Numerics;
using System.Runtime.InteropServices;
using DD = NotebookAnalysis.Regression.DoubleDouble;

namespace NotebookAnalysis.Regression;

/// <summary>What the factorization hands to <see cref="OlsResult"/>; everything else is derived from it.</summary>
internal sealed record LeastSquaresSolution
{
    public required double[] Coefficients { get; init; }
    public required double[] Residuals { get; init; }
    public required double[] Fitted { get; init; }
    /// <summary>Residual sum of squares; exactly 0 for an exact fit.</summary>
    public required double Sse { get; init; }
    /// <summary>Regression sum of squares Σ(ŷ-ȳ)² (Σŷ² through the origin).</summary>
    public required double Ssr { get; init; }
    /// <summary>Total sum of squares Σ(y-ȳ)² (Σy² through the origin).</summary>
    public required double Sst { get; init; }
    /// <summary>R of X = QR (unscaled), k×k upper triangular.</summary>
    public required double[,] R { get; init; }
    /// <summary>(X'X)^{-1} = R^{-1}R^{-T}.</summary>
    public required double[,] UnscaledCovariance { get; init; }
    /// <summary>Hat diagonal h_i = ||q_i||², from the rows of Q.</summary>
    public required Func<double[]> Leverage { get; init; }
    /// <summary>The path that gave the fit.</summary>
    public required SolverPath Path { get; init; }
    /// <summary>Refinement steps taken on the refined path; 0 on the double-double path.</summary>
    public required int RefinementIterations { get; init; }
    /// <summary>Why the refined path handed the fit to the double-double path; null on the refined path.</summary>
    public string? FallbackReason { get; init; }
}

/// <summary>
/// The least-squares solver behind <see cref="Ols.Fit"/>. One engine path: <see cref="RefinedQr"/>, a streaming
/// Householder QR in double with extra-precise iterative refinement (residuals and corrections in double-double), both
/// with exact power-of-two column equilibration. Its fallback, for designs too ill-conditioned for refinement
/// (equilibrated condition number above <see cref="RefinedQr.ConditionLimit"/>), near-singular ones, or when refinement
/// does not converge, is the Householder QR carried out entirely in double-double (~32 digits), which certifies even
/// NIST Filip (condition number ~1e15 raw). Both cost O(n·k²), linear in n; the refined path in double operations.
/// Singularity is judged on the equilibrated columns by the double-double path: a diagonal of R below
/// <see cref="SingularTolerance"/> times the column's norm means the column lies within double rounding of the span of
/// the earlier ones; extended precision does not change that verdict, because the data themselves are only known to
/// double precision.
/// </summary>
internal static class LeastSquares
{
    /// <summary>
    /// Relative size of a diagonal of R (columns equilibrated) at or below which the design is singular. Rounding the
    /// data to double moves a column by up to one unit of roundoff (1.1e-16) of its norm, so a column closer than that
    /// to the span of the others may be dependent in truth; 1e-14 keeps a margin of about 100 units of roundoff.
    /// Measured: columns collinear up to rounding give 5e-17 to 2e-16; NIST Filip, the hardest StRD design, 5e-8.
    /// </summary>
    internal const double SingularTolerance = 1e-14;

    /// <summary>Fits by the refined double QR, or by double-double Householder QR when refinement cannot certify the fit.</summary>
    /// <param name="design">The design.</param>
    /// <param name="y">The response.</param>
    /// <param name="yLow">Low parts of an extended-precision response (the response is y + yLow), or null.</param>
    public static LeastSquaresSolution Solve(Design design, double[] y, double[]? yLow = null)
    {
        var scaleExp = ScaleExponents(design);
        if (design.Rows < RefinedQr.MinRows)
            return SolveDoubleDouble(design, y, scaleExp,
                $"fewer than {RefinedQr.MinRows} rows: the double-double QR costs microseconds there and is the more accurate path", yLow);
        return RefinedQr.TrySolve(design, y, scaleExp, out var reason, yLow: yLow) ?? SolveDoubleDouble(design, y, scaleExp, reason, yLow);
    }

    /// <summary>The double-double path alone (tests and the accuracy harness compare the two paths).</summary>
    internal static LeastSquaresSolution SolveDoubleDouble(Design design, double[] y, double[]? yLow = null) =>
        SolveDoubleDouble(design, y, ScaleExponents(design), "requested", yLow);

    /// <summary>e_j such that 2^{e_j}·x_j has a 2-norm in [1, 2): exact scaling.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static int[] ScaleExponents(Design design)
    {
        var e = new int[design.Columns];
        for (int j = 0; j < e.Length; j++)
        {
            double norm = Norm2(design.ColumnsUnsafe[j]);
            if (norm == 0)
                throw new ModelException(design.Model, $"the column '{design.Terms[j]}' is all zeros.");
            e[j] = -Math.ILogB(norm);
        }
        return e;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static LeastSquaresSolution SolveDoubleDouble(Design design, double[] y, int[] scaleExp, string? reason, double[]? yLow)
    {
        int n = design.Rows, k = design.Columns, m = k + 1;
        var a = new DD[m][];
        for (int j = 0; j < m; j++)
        {
            var src = j < k ? design.ColumnsUnsafe[j] : y;
            var low = j < k ? design.LowPartsUnsafe[j] : yLow;
            var col = a[j] = new DD[n];
            double s = j < k ? Math.ScaleB(1.0, scaleExp[j]) : 1.0;
            for (int i = 0; i < n; i++) col[i] = new DD(src[i] * s, low is null ? 0 : low[i] * s);
        }

        var rs = new DD[k, k];
        for (int j = 0; j < k; j++)
        {
            var u = a[j];
            DD norm2 = DD.Zero;
            for (int i = j; i < n; i++) norm2 += u[i] * u[i];
            var colNorm = DD.Sqrt(norm2);
            var alpha = u[j].Hi >= 0 ? -colNorm : colNorm;
            rs[j, j] = alpha;
            if (Math.Abs(alpha.Hi) <= SingularTolerance * ColumnNorm(j, design, scaleExp))
                throw new ModelException(design.Model, CollinearMessage(design, rs, j));
            var uj = u[j] - alpha;
            u[j] = uj;
            var beta = -alpha * uj; // u'u / 2
            for (int c = j + 1; c < m; c++)
            {
                var w = a[c];
                DD s = DD.Zero;
                for (int i = j; i < n; i++) s += u[i] * w[i];
                var f = s / beta;
                for (int i = j; i < n; i++) w[i] -= f * u[i];
                if (c < k) rs[j, c] = w[j];
            }
        }

        CheckCondition(design, rs);

        // R_s b_s = (Q'y)_{0..k-1}.
        return Complete(design, y, scaleExp, rs, BackSubstitute(rs, a[k][..k]), SolverPath.DoubleDouble, 0, yLow)
            with { FallbackReason = reason };
    }

    /// <summary>
    /// Everything after the factorization, shared by both paths: from R_s (of the equilibrated design, double-double)
    /// and the equilibrated solution b_s, the coefficients b = 2^{e}·b_s (exact), (X'X)^{-1} = R^{-1}R^{-T}, the leverage
    /// and the residuals and sums of squares (<see cref="Finish"/>).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static LeastSquaresSolution Complete(Design design, double[] y, int[] scaleExp, DD[,] rs, DD[] bs,
        SolverPath path, int iterations, double[]? yLow = null)
    {
        int n = design.Rows, k = design.Columns;
        var b = new DD[k];
        for (int j = 0; j < k; j++) b[j] = DD.ScaleB(bs[j], scaleExp[j]);

        var inv = InvertUpper(rs);
        var cov = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = i; j < k; j++)
            {
                DD s = DD.Zero;
                for (int l = j; l < k; l++) s += inv[i, l] * inv[j, l];
                cov[i, j] = cov[j, i] = DD.ScaleB(s, scaleExp[i] + scaleExp[j]).ToDouble();
            }
        var r = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = i; j < k; j++)
                r[i, j] = Math.ScaleB(rs[i, j].ToDouble(), -scaleExp[j]);

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        double[] Leverage()
        {
            var h = new double[n];
            var q = new DD[k];
            var cols = design.ColumnsUnsafe;
            var lows = design.LowPartsUnsafe;
            // DD.ScaleB(v, e) is v·2^e, one correctly rounded product per part, whenever 2^e is a normal double
            // (Math.ScaleB multiplies by 2^e itself there): the same numbers, without two calls per term.
            bool multiply = scaleExp.All(e => e is >= -1022 and <= 1023);
            var scale = scaleExp.Select(e => multiply ? Math.ScaleB(1.0, e) : 0).ToArray();
            // q_i0 (and its square, the first term of h_i) depends only on x_i0: rows repeating the previous row's
            // x_i0 (every row, for the intercept) reuse it; the numbers are those the computation would give again.
            long previousHi = 0, previousLo = 0;
            bool havePrevious = false;
            DD q0 = DD.Zero, sum0 = DD.Zero;
            for (int i = 0; i < n; i++)
            {
                // q_i' = x_s,i' R_s^{-1} by forward substitution with R_s'; h_i = ||q_i||².
                DD sum;
                long hi0 = BitConverter.DoubleToInt64Bits(cols[0][i]), lo0 = BitConverter.DoubleToInt64Bits(lows[0] is { } lw0 ? lw0[i] : 0);
                if (havePrevious && hi0 == previousHi && lo0 == previousLo)
                {
                    q[0] = q0;
                    sum = sum0;
                }
                else
                {
                    DD s0 = Scaled(0, i);
                    q[0] = s0 / rs[0, 0];
                    sum = DD.Zero;
                    sum += q[0] * q[0];
                    (q0, sum0, previousHi, previousLo, havePrevious) = (q[0], sum, hi0, lo0, true);
                }
                for (int j = 1; j < k; j++)
                {
                    DD s = Scaled(j, i);
                    for (int l = 0; l < j; l++) s -= rs[l, j] * q[l];
                    q[j] = s / rs[j, j];
                    sum += q[j] * q[j];
                }
                h[i] = sum.ToDouble();
            }
            return h;

            DD Scaled(int j, int i)
            {
                var v = new DD(cols[j][i], lows[j] is { } lw ? lw[i] : 0);
                return multiply ? new DD(v.Hi * scale[j], v.Lo * scale[j]) : DD.ScaleB(v, scaleExp[j]);
            }
        }

        return Finish(design, y, b, r, cov, Leverage, path, iterations, scaleExp, yLow);
    }

    /// <summary>
    /// Residuals, fitted values and sums of squares from the coefficients, all accumulated in double-double.
    /// An exact fit is recognised without a tolerance: the coefficients rounded to double reproduce every y exactly.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static LeastSquaresSolution Finish(Design design, double[] y, DD[] b, double[,] r, double[,] cov,
        Func<double[]> leverage, SolverPath path, int iterations, int[] scaleExp, double[]? yLow = null)
    {
        int n = design.Rows, k = design.Columns;
        var cols = design.ColumnsUnsafe;
        var lows = design.LowPartsUnsafe;
        // Candidates for an exact fit: the coefficients rounded to double, and the same with every coefficient whose
        // whole contribution is below 2^-96 of y (double-double noise around a true zero) flushed to 0. The verdict
        // itself has no tolerance: the candidate must reproduce every y exactly.
        var bd = b.Select(v => v.ToDouble()).ToArray();
        bool exact = Reproduces(bd);
        if (!exact)
        {
            double threshold = Math.ScaleB(MaxAbs(y), -96);
            var flushed = (double[])bd.Clone();
            bool changed = false;
            for (int j = 0; j < k; j++)
            {
                if (bd[j] == 0) continue;
                // max|x_j| ≥ ||x_j||₂/√n ≥ 2^{-e_j}/√n: most columns are ruled out without reading them.
                if (Math.Abs(bd[j]) * Math.ScaleB(1.0, -scaleExp[j]) / Math.Sqrt(n) > threshold) continue;
                if (Math.Abs(bd[j]) * MaxAbs(cols[j]) <= threshold) { flushed[j] = 0; changed = true; }
            }
            if (changed && Reproduces(flushed)) { bd = flushed; exact = true; }
        }

        bool Reproduces(double[] c)
        {
            for (int i = 0; i < n; i++)
            {
                DD f = DD.Zero;
                for (int j = 0; j < k; j++)
                    f += lows[j] is { } lw ? DD.TwoProduct(cols[j][i], c[j]) + lw[i] * c[j] : DD.TwoProduct(cols[j][i], c[j]);
                if ((f - y[i] - (yLow is null ? 0 : yLow[i])).Hi != 0) return false;
            }
            return true;
        }

        var fitted = new double[n];
        var resid = new double[n];
        var yBar = design.HasIntercept ? (yLow is null ? Compensated.Sum(y) : Compensated.Sum(y) + Compensated.Sum(yLow)) / (DD)n : DD.Zero;
        // f = Xb with the rounding errors carried (compensated); in an exact fit f = y. Row blocks keep the
        // accumulators in cache, so X is read once.
        const int block = 1024;
        var fHi = new double[block];
        var fLo = new double[block];
        DD sse = DD.Zero, ssr = DD.Zero, sst = DD.Zero;
        for (int start = 0; start < n; start += block)
        {
            int len = Math.Min(block, n - start);
            var fh = fHi.AsSpan(0, len);
            var fl = fLo.AsSpan(0, len);
            fl.Clear();
            if (exact)
            {
                y.AsSpan(start, len).CopyTo(fh);
                if (yLow is not null) yLow.AsSpan(start, len).CopyTo(fl);
            }
            else
            {
                fh.Clear();
                for (int j = 0; j < k; j++)
                    Compensated.AddScaledColumn(cols[j].AsSpan(start, len), lows[j] is { } lw ? lw.AsSpan(start, len) : default, b[j], fh, fl);
            }
            var (e2, r2, t2) = Compensated.ResidualsAndSums(y.AsSpan(start, len), yLow is null ? default : yLow.AsSpan(start, len), fh, fl, yBar, resid.AsSpan(start, len), fitted.AsSpan(start, len));
            sse += e2;
            ssr += r2;
            sst += t2;
        }
        return new LeastSquaresSolution
        {
            Coefficients = bd,
            Residuals = resid,
            Fitted = fitted,
            Sse = exact ? 0 : sse.ToDouble(),
            Ssr = ssr.ToDouble(),
            Sst = sst.ToDouble(),
            R = r,
            UnscaledCovariance = cov,
            Leverage = leverage,
            Path = path,
            RefinementIterations = iterations,
        };
    }

    /// <summary>
    /// A triangular R can be nearly singular with no tiny diagonal; the equilibrated design's 2-norm condition number
    /// catches that. Above 1/<see cref="SingularTolerance"/>, rounding the data to double could already make the
    /// columns dependent, so no precision of arithmetic makes the coefficients meaningful.
    /// </summary>
    private static void CheckCondition(Design design, DD[,] rs)
    {
        int k = rs.GetLength(0);
        var r = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = i; j < k; j++)
                r[i, j] = rs[i, j].ToDouble();
        double kappa = Jacobi.ConditionNumber(r);
        if (kappa * SingularTolerance < 1) return;
        int worst = 0;
        double worstRatio = double.PositiveInfinity;
        for (int j = 0; j < k; j++)
        {
            double ratio = Math.Abs(r[j, j]) / Math.Max(Math.Abs(r[j, j]), Enumerable.Range(0, j + 1).Max(i => Math.Abs(r[i, j])));
            if (ratio < worstRatio) { worstRatio = ratio; worst = j; }
        }
        throw new ModelException(design.Model, CollinearMessage(design, rs, worst) +
            $" The condition number of the column-equilibrated design is {kappa.ToString("E2", System.Globalization.CultureInfo.InvariantCulture)}, above the limit {(1 / SingularTolerance).ToString("E0", System.Globalization.CultureInfo.InvariantCulture)}.");
    }

    private static double ColumnNorm(int j, Design design, int[] scaleExp) =>
        Math.ScaleB(Norm2(design.ColumnsUnsafe[j]), scaleExp[j]);

    /// <summary>Names the columns of the near-dependency x_j ≈ Σ c_l x_l found at the first tiny diagonal of R.</summary>
    internal static string CollinearMessage(Design design, DD[,] rs, int j)
    {
        // Solve R[0..j-1,0..j-1] c = R[0..j-1, j] (column j of R above the diagonal, already in rs when called).
        var c = new double[j];
        for (int i = j - 1; i >= 0; i--)
        {
            double s = rs[i, j].ToDouble();
            for (int l = i + 1; l < j; l++) s -= rs[i, l].ToDouble() * c[l];
            c[i] = s / rs[i, i].ToDouble();
        }
        var involved = new List<string>();
        double max = c.Length == 0 ? 0 : c.Max(Math.Abs);
        for (int i = 0; i < j; i++)
            if (Math.Abs(c[i]) > 1e-8 * max) involved.Add(design.Terms[i]);
        involved.Add(design.Terms[j]);
        return $"the columns {string.Join(", ", involved.Select(t => $"'{t}'"))} are collinear (numerically singular design): " +
               $"'{design.Terms[j]}' is a linear combination of the others to within double rounding.";
    }

    /// <summary>x from R x = b (R upper triangular) by back substitution in double-double; overwrites and returns b.</summary>
    internal static DD[] BackSubstitute(DD[,] r, DD[] b)
    {
        for (int j = b.Length - 1; j >= 0; j--)
        {
            var s = b[j];
            for (int c = j + 1; c < b.Length; c++) s -= r[j, c] * b[c];
            b[j] = s / r[j, j];
        }
        return b;
    }

    internal static DD[,] InvertUpper(DD[,] r)
    {
        int k = r.GetLength(0);
        var inv = new DD[k, k];
        for (int j = k - 1; j >= 0; j--)
        {
            inv[j, j] = (DD)1.0 / r[j, j];
            for (int i = j - 1; i >= 0; i--)
            {
                DD s = DD.Zero;
                for (int l = i + 1; l <= j; l++) s += r[i, l] * inv[l, j];
                inv[i, j] = -s / r[i, i];
            }
        }
        return inv;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static double Norm2(ReadOnlySpan<double> v)
    {
        // Fast path: plain sum of squares, valid when it neither overflows nor underflows.
        double plain = Dot(v, v);
        if (plain > 1e-250 && plain < 1e250) return Math.Sqrt(plain);
        // Scaled to avoid overflow and underflow.
        double max = 0;
        foreach (var x in v) max = Math.Max(max, Math.Abs(x));
        if (max == 0 || double.IsInfinity(max)) return max;
        double s = 0;
        foreach (var x in v) { double t = x / max; s += t * t; }
        return max * Math.Sqrt(s);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static double MaxAbs(ReadOnlySpan<double> v)
    {
        int i = 0;
        var acc = Vector<double>.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            foreach (var x in MemoryMarshal.Cast<double, Vector<double>>(v)) acc = Vector.Max(acc, Vector.Abs(x));
            i = v.Length / Vector<double>.Count * Vector<double>.Count;
        }
        double m = 0;
        for (int l = 0; l < Vector<double>.Count; l++) m = Math.Max(m, acc[l]);
        for (; i < v.Length; i++) m = Math.Max(m, Math.Abs(v[i]));
        return m;
    }

    /// <summary>Σ aᵢbᵢ in double, vectorized with fused multiply-adds (two accumulators).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length, i = 0;
        double s = 0;
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b[..n]);
            var acc0 = Vector<double>.Zero;
            var acc1 = Vector<double>.Zero;
            int v = 0;
            for (; v + 1 < va.Length; v += 2)
            {
                acc0 = Vector.FusedMultiplyAdd(va[v], vb[v], acc0);
                acc1 = Vector.FusedMultiplyAdd(va[v + 1], vb[v + 1], acc1);
            }
            for (; v < va.Length; v++) acc0 = Vector.FusedMultiplyAdd(va[v], vb[v], acc0);
            s = Vector.Sum(acc0 + acc1);
            i = va.Length * Vector<double>.Count;
        }
        for (; i < n; i++) s = Math.FusedMultiplyAdd(a[i], b[i], s);
        return s;
    }
}
