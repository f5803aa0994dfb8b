using System.Numerics;
using System.Runtime.InteropServices;
using DD = NotebookAnalysis.Regression.DoubleDouble;

namespace NotebookAnalysis.Regression;

/// <summary>Which computation produced a fit (<see cref="OlsResult.Path"/>).</summary>
public enum SolverPath
{
    /// <summary>
    /// The engine's path: blocked Householder QR in double, then extra-precise iterative refinement (residuals,
    /// gradients and corrections in double-double) that converged to <see cref="RefinedQr.Tolerance"/>.
    /// </summary>
    Refined,

    /// <summary>
    /// The fallback: Householder QR entirely in double-double. Taken for designs of fewer than 64 rows (where it is as
    /// cheap and more accurate), when the column-equilibrated design's condition
    /// number exceeds <see cref="RefinedQr.ConditionLimit"/>, when the double-precision factor is near singular
    /// (the double-double path then judges and names the singularity), or when refinement does not converge.
    /// </summary>
    DoubleDouble,
}

/// <summary>
/// The engine's fast path, after Demmel, Hida, Li and Riedy, "Extra-precise iterative refinement for overdetermined
/// least squares problems" (ACM TOMS 35(4), 2009):
/// <list type="number">
/// <item>One streaming pass over row blocks of the exactly equilibrated [X_s | y]: a TSQR-style Householder QR in
/// double (working memory O(block·k) whatever n is, vectorized), and in the same pass the Gram matrix X_s'X_s
/// accumulated in double-double (error-free products, compensated sums per block, double-double across blocks).</item>
/// <item>The double factor R gives the starting solution and screens the design: near-singular or too ill-conditioned
/// designs go to the double-double path, so every refusal and its message come from one place.</item>
/// <item>Refinement: r = y - X_s b_s and g = X_s'r in double-double, the correction d from R_c'R_c d = g in
/// double-double (R_c the double-double Cholesky factor of the Gram matrix), b_s += d, until the correction is below
/// <see cref="Tolerance"/> of every coefficient.</item>
/// </list>
/// Both the covariance (X'X)^{-1} = R_c^{-1}R_c^{-T} and the refined solution's noise floor are about κ²·1e-32 relative,
/// which is why the path is limited to κ ≤ <see cref="ConditionLimit"/> (1e-18); beyond that the double-double QR
/// (error about κ·1e-32) is used.
/// </summary>
internal static class RefinedQr
{
    /// <summary>Rows per block: the block's columns stay in cache, and compensated sums over 512 terms keep their
    /// error term (n·u)² at 3e-27 of the sum of magnitudes before the double-double accumulation across blocks.</summary>
    private const int BlockRows = 512;

    /// <summary>
    /// Designs with fewer rows go straight to the double-double QR: there it costs microseconds, it is the more accurate
    /// path (κ·1e-32 against κ²·1e-32), and the paper's own fits (10 rows) keep the numbers they have always had, to the
    /// last bit, including double-double noise around coefficients that are exactly 0.
    /// </summary>
    internal const int MinRows = 64;

    /// <summary>Largest 2-norm condition number of the equilibrated design that the refined path accepts (see class remarks).</summary>
    internal const double ConditionLimit = 1e7;

    /// <summary>Convergence: every correction at most 2^-90 (8e-28) of its coefficient, far below double's 1.1e-16, so the
    /// coefficients rounded to double are those of the exact least-squares solution of the double data.</summary>
    internal static readonly double Tolerance = Math.ScaleB(1.0, -90);

    /// <summary>When corrections stop shrinking (by half per step) before <see cref="Tolerance"/>, the solution is still
    /// accepted if they are below 2^-60 (8.7e-19) of every coefficient, a hundredth of a unit of roundoff of the result.
    /// The floor of this refinement is the rounding noise of the double-double residuals carried through (X'X)^{-1},
    /// about κ²·1e-32 of the coefficients; at <see cref="ConditionLimit"/> that is 1e-18.</summary>
    internal static readonly double StallTolerance = Math.ScaleB(1.0, -60);

    /// <summary>Each step contracts the error by about κ²·1e-32 ≤ 1e-16, so two or three steps are the rule; ten is a guard.</summary>
    internal const int MaxIterations = 10;

    /// <summary>A diagonal of the double R below this fraction of its column's norm (1 after equilibration) sends the
    /// design to the double-double path, which decides singularity with <see cref="LeastSquares.SingularTolerance"/>.</summary>
    private const double NearSingular = 1e-10;

    /// <summary>The refined solution, or null (with the reason) when the double-double path must decide.</summary>
    /// <param name="design">The design (validated by <see cref="Ols.Validate"/>).</param>
    /// <param name="y">The response.</param>
    /// <param name="scaleExp">The equilibration exponents (<see cref="LeastSquares.ScaleExponents"/>).</param>
    /// <param name="fallbackReason">Why the double-double path must decide; null when a solution is returned.</param>
    /// <param name="conditionLimit">The screen's limit; tests raise it to show what refinement does beyond it.</param>
    /// <param name="yLow">Low parts of an extended-precision response (y + yLow, e.g. decimal data read to 32 digits), or null.</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static LeastSquaresSolution? TrySolve(Design design, double[] y, int[] scaleExp, out string? fallbackReason,
        double conditionLimit = ConditionLimit, double[]? yLow = null)
    {
        int n = design.Rows, k = design.Columns, m = k + 1;
        var blocks = new BlockReader(design, y, scaleExp);

        // Pass 1: R of [X_s | y] in double (TSQR) and X_s'X_s in double-double, block by block.
        var r = new double[m, m];
        var gram = new DD[k, k];
        for (int start = 0; start < n; start += BlockRows)
        {
            int len = Math.Min(BlockRows, n - start);
            blocks.Load(start, len, withY: true);
            for (int j = 0; j < k; j++)
            {
                var xj = blocks.Hi[j].AsSpan(0, len);
                var lj = blocks.Lo[j] is { } lwj ? lwj.AsSpan(0, len) : default;
                for (int l = j; l < k; l++)
                {
                    var xl = blocks.Hi[l].AsSpan(0, len);
                    var (s, c) = Dot2(xj, xl);
                    // Low parts are below 2^-53 of their column: their products need no error-free transformation.
                    if (!lj.IsEmpty) c += LeastSquares.Dot(lj, xl);
                    if (blocks.Lo[l] is { } lwl) c += LeastSquares.Dot(xj, lwl.AsSpan(0, len));
                    gram[j, l] += DD.TwoSum(s, c);
                }
            }
            AbsorbBlock(r, blocks.Hi, len);
        }

        var rd = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = i; j < k; j++)
                rd[i, j] = r[i, j];
        for (int j = 0; j < k; j++)
            if (!(Math.Abs(rd[j, j]) > NearSingular))
            {
                fallbackReason = $"the double-precision R is near singular at '{design.Terms[j]}'";
                return null;
            }
        double kappa = Jacobi.ConditionNumber(rd);
        if (!(kappa <= conditionLimit))
        {
            fallbackReason = $"the equilibrated condition number {kappa.ToString("E1", System.Globalization.CultureInfo.InvariantCulture)} exceeds {conditionLimit.ToString("E0", System.Globalization.CultureInfo.InvariantCulture)}";
            return null;
        }

        // R_c: Cholesky factor of the double-double Gram matrix, rows signed like the Householder R (so R, the leverage
        // and the condition number are those of the QR the double-double path computes).
        var rc = new DD[k, k];
        for (int j = 0; j < k; j++)
        {
            DD d = gram[j, j];
            for (int l = 0; l < j; l++) d -= rc[l, j] * rc[l, j];
            if (!(d.Hi > 0))
            {
                fallbackReason = "the double-double Gram matrix is not positive definite";
                return null;
            }
            rc[j, j] = DD.Sqrt(d);
            for (int c = j + 1; c < k; c++)
            {
                DD s = gram[j, c];
                for (int l = 0; l < j; l++) s -= rc[l, j] * rc[l, c];
                rc[j, c] = s / rc[j, j];
            }
        }
        for (int j = 0; j < k; j++)
            if (rd[j, j] < 0)
                for (int c = j; c < k; c++) rc[j, c] = -rc[j, c];

        // Starting solution from the double QR: R b_s = (Q'y)_{0..k-1}.
        var b = new DD[k];
        for (int j = k - 1; j >= 0; j--)
        {
            double s = r[j, k];
            for (int c = j + 1; c < k; c++) s -= rd[j, c] * b[c].Hi;
            b[j] = s / rd[j, j];
        }

        double previous = double.PositiveInfinity;
        for (int iteration = 1; iteration <= MaxIterations; iteration++)
        {
            var g = Gradient(blocks, y, yLow, b);
            var d = SolveNormal(rc, g);
            double bMax = 0;
            for (int j = 0; j < k; j++)
            {
                b[j] += d[j];
                bMax = Math.Max(bMax, Math.Abs(b[j].Hi));
            }
            // Component-wise relative size of the correction; coefficients below 2^-50 of the largest (scaled) one are
            // measured against that floor, so that a coefficient that is truly 0 cannot stall convergence.
            double floor = Math.ScaleB(bMax, -50), change = 0;
            for (int j = 0; j < k; j++)
            {
                double dj = Math.Abs(d[j].Hi);
                if (dj == 0) continue;
                change = Math.Max(change, dj / Math.Max(Math.Abs(b[j].Hi), floor));
            }
            bool converged = change <= Tolerance;
            bool stalled = !converged && change > previous / 2;
            if (converged || (stalled && change <= StallTolerance))
            {
                fallbackReason = null;
                return LeastSquares.Complete(design, y, scaleExp, rc, b, SolverPath.Refined, iteration, yLow);
            }
            if (stalled) break;
            previous = change;
        }
        fallbackReason = "iterative refinement did not converge";
        return null;
    }

    /// <summary>g = X_s'r with r = y - X_s b_s, both in double-double: the residual kept as an unevaluated pair per row,
    /// the products error-free, the sums compensated per block and in double-double across blocks.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static DD[] Gradient(BlockReader blocks, double[] y, double[]? yLow, DD[] b)
    {
        int n = y.Length, k = b.Length;
        var g = new DD[k];
        var rh = new double[BlockRows];
        var rl = new double[BlockRows];
        var nb = new DD[k];
        for (int j = 0; j < k; j++) nb[j] = -b[j];
        for (int start = 0; start < n; start += BlockRows)
        {
            int len = Math.Min(BlockRows, n - start);
            blocks.Load(start, len, withY: false);
            var h = rh.AsSpan(0, len);
            var l = rl.AsSpan(0, len);
            y.AsSpan(start, len).CopyTo(h);
            if (yLow is null) l.Clear();
            else yLow.AsSpan(start, len).CopyTo(l);
            for (int j = 0; j < k; j++)
                Compensated.AddScaledColumn(blocks.Hi[j].AsSpan(0, len), blocks.Lo[j] is { } lw ? lw.AsSpan(0, len) : default, nb[j], h, l);
            for (int j = 0; j < k; j++)
            {
                var xj = blocks.Hi[j].AsSpan(0, len);
                var (s, c) = Dot2(xj, h);
                c += LeastSquares.Dot(xj, l);
                if (blocks.Lo[j] is { } lw) c += LeastSquares.Dot(lw.AsSpan(0, len), h);
                g[j] += DD.TwoSum(s, c);
            }
        }
        return g;
    }

    /// <summary>d from R'R d = g by forward then back substitution, in double-double.</summary>
    private static DD[] SolveNormal(DD[,] rc, DD[] g)
    {
        int k = g.Length;
        var w = new DD[k];
        for (int j = 0; j < k; j++)
        {
            var s = g[j];
            for (int l = 0; l < j; l++) s -= rc[l, j] * w[l];
            w[j] = s / rc[j, j];
        }
        return LeastSquares.BackSubstitute(rc, w);
    }

    /// <summary>
    /// Householder QR of the stacked matrix [R; B] (R m×m upper triangular, B len×m), overwriting R with the new
    /// triangular factor. Column j's reflector touches only row j of R and all rows of B.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>Σ aᵢbᵢ as an unevaluated pair S + C (Ogita-Rump-Oishi Dot2, vectorized): as accurate as double-double
    /// accumulation over one block, at the cost of a few more double operations.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static (double S, double C) Dot2(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length, i = 0;
        double S = 0, C = 0;
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b[..n]);
            Vector<double> s0 = default, c0 = default, s1 = default, c1 = default;
            int v = 0;
            // Two independent chains hide the latency of the dependent additions.
            for (; v + 1 < va.Length; v += 2)
            {
                Step(ref s0, ref c0, va[v], vb[v]);
                Step(ref s1, ref c1, va[v + 1], vb[v + 1]);
            }
            if (v < va.Length) Step(ref s0, ref c0, va[v], vb[v]);
            for (int lane = 0; lane < Vector<double>.Count; lane++)
            {
                Add(ref S, ref C, s0[lane]); C += c0[lane];
                Add(ref S, ref C, s1[lane]); C += c1[lane];
            }
            i = va.Length * Vector<double>.Count;
        }
        for (; i < n; i++)
        {
            double p = a[i] * b[i];
            C += Math.FusedMultiplyAdd(a[i], b[i], -p);
            Add(ref S, ref C, p);
        }
        return (S, C);

        static void Add(ref double s, ref double c, double x)
        {
            double t = s + x, bb = t - s;
            c += (s - (t - bb)) + (x - bb);
            s = t;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Step(ref Vector<double> s, ref Vector<double> c, Vector<double> a, Vector<double> b)
    {
        var p = a * b;
        var e = Vector.FusedMultiplyAdd(a, b, -p);
        var t = s + p;
        var bb = t - s;
        c += ((s - (t - bb)) + (p - bb)) + e;
        s = t;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>Copies a block of rows of the equilibrated columns (and their low parts) into reusable buffers; scaling
    /// by 2^e is exact, and keeps every product and sum of squares clear of overflow and underflow.</summary>
    private sealed class BlockReader
    {
        private readonly double[][] _cols;
        private readonly double[]?[] _lows;
        private readonly double[] _y;
        private readonly double[] _scale;
        public readonly double[][] Hi;
        public readonly double[]?[] Lo;

        public BlockReader(Design design, double[] y, int[] scaleExp)
        {
            int k = design.Columns;
            _cols = design.ColumnsUnsafe;
            _lows = design.LowPartsUnsafe;
            _y = y;
            _scale = scaleExp.Select(e => Math.ScaleB(1.0, e)).ToArray();
            Hi = new double[k + 1][];
            for (int c = 0; c <= k; c++) Hi[c] = new double[BlockRows];
            Lo = new double[k][];
            for (int c = 0; c < k; c++) Lo[c] = _lows[c] is null ? null : new double[BlockRows];
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Load(int start, int len, bool withY)
        {
            for (int c = 0; c < _cols.Length; c++)
            {
                Scale(_cols[c].AsSpan(start, len), _scale[c], Hi[c].AsSpan(0, len));
                if (_lows[c] is { } low) Scale(low.AsSpan(start, len), _scale[c], Lo[c]!.AsSpan(0, len));
            }
            if (withY) _y.AsSpan(start, len).CopyTo(Hi[_cols.Length]);
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private static void Scale(ReadOnlySpan<double> src, double s, Span<double> dst)
        {
            int n = src.Length, i = 0;
            if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
            {
                var vs = MemoryMarshal.Cast<double, Vector<double>>(src);
                var vd = MemoryMarshal.Cast<double, Vector<double>>(dst[..n]);
                var f = new Vector<double>(s);
                for (int v = 0; v < vs.Length; v++) vd[v] = vs[v] * f;
                i = vs.Length * Vector<double>.Count;
            }
            for (; i < n; i++) dst[i] = src[i] * s;
        }
    }
}
