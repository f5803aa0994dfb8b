using Microsoft.Data.Analysis;
using NotebookAnalysis.Data;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Statistics;

namespace NotebookAnalysis.Teaching;

/// <summary>
/// A simple regression y = b0 + b1·x worked out step by step for notebooks 02-04: the design matrix, its Householder
/// QR factorization, the coefficients from R b = Qᵀy, residuals, SST = SSR + SSE, σ, standard errors, t, p,
/// confidence intervals and F. Each step is computed here from the previous ones, in the open, and set beside the
/// engine's <see cref="OlsResult"/> (<see cref="Engine"/>) so the reader sees both paths agree.
/// </summary>
/// <remarks>
/// This is a teaching copy of the factorization: the engine in <c>lib/Core/Regression</c> remains the source of the
/// published numbers. The QR here is plain Householder in double precision without refinement.
/// </remarks>
public sealed class RegressionSteps
{
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[,] _q; // n × k, orthonormal columns
    private readonly double[,] _r; // k × k, upper triangular
    private readonly double[] _qty;

    private RegressionSteps(MarketSeries series)
    {
        Series = series;
        _x = series.ClustersArray();
        _y = series.ScoreArray();
        Engine = Ols.FitSimple(_x, _y, series.Spec.Id);
        (_q, _r) = HouseholderQr(DesignArray());
        int n = _y.Length;
        _qty = new double[K];
        for (int j = 0; j < K; j++)
            for (int i = 0; i < n; i++)
                _qty[j] += _q[i, j] * _y[i];
        Coefficients = BackSubstitute(_r, _qty);
        Fitted = Enumerable.Range(0, n).Select(i => Coefficients[0] + Coefficients[1] * _x[i]).ToArray();
        Residuals = Enumerable.Range(0, n).Select(i => _y[i] - Fitted[i]).ToArray();
        double mean = _y.Average();
        Sst = _y.Sum(v => (v - mean) * (v - mean));
        Ssr = Fitted.Sum(v => (v - mean) * (v - mean));
        Sse = Residuals.Sum(e => e * e);
        Sigma = Math.Sqrt(Sse / DfResidual);
        // Column l of R⁻¹ solves R v = e_l; [(XᵀX)⁻¹]_jj = [R⁻¹R⁻ᵀ]_jj = Σ_l (R⁻¹)_jl².
        var rInverseColumns = Enumerable.Range(0, K).Select(l => BackSubstitute(_r, [.. Enumerable.Range(0, K).Select(i => i == l ? 1.0 : 0.0)])).ToArray();
        StandardErrors = Enumerable.Range(0, K).Select(j => Sigma * Math.Sqrt(rInverseColumns.Sum(column => column[j] * column[j]))).ToArray();
        TValues = Enumerable.Range(0, K).Select(j => Coefficients[j] / StandardErrors[j]).ToArray();
        PValues = TValues.Select(t => Distributions.StudentTTwoSidedP(t, DfResidual)).ToArray();
        TCritical = Distributions.StudentTQuantile(0.975, DfResidual);
        FStatistic = (Ssr / 1) / (Sse / DfResidual);
        FPValue = Distributions.FUpperTail(FStatistic, 1, DfResidual);
    }

    /// <summary>Works through the regression of <paramref name="series"/> (score on cluster count).</summary>
    public static RegressionSteps For(MarketSeries series) => new(series);

    /// <summary>The data.</summary>
    public MarketSeries Series { get; }

    /// <summary>The engine's fit of the same model, for comparison.</summary>
    public OlsResult Engine { get; }

    /// <summary>Number of coefficients (intercept and slope).</summary>
    public int K => 2;

    /// <summary>Residual degrees of freedom n − k.</summary>
    public int DfResidual => _y.Length - K;

    /// <summary>b0, b1 from back-substitution in R b = Qᵀy.</summary>
    public double[] Coefficients { get; }

    /// <summary>ŷ = X b.</summary>
    public double[] Fitted { get; }

    /// <summary>e = y − ŷ.</summary>
    public double[] Residuals { get; }

    /// <summary>Σ(y − ȳ)².</summary>
    public double Sst { get; }

    /// <summary>Σ(ŷ − ȳ)².</summary>
    public double Ssr { get; }

    /// <summary>Σe².</summary>
    public double Sse { get; }

    /// <summary>σ = √(SSE / (n − k)).</summary>
    public double Sigma { get; }

    /// <summary>SE_j = σ √[(XᵀX)⁻¹]_jj, with (XᵀX)⁻¹ = R⁻¹R⁻ᵀ.</summary>
    public double[] StandardErrors { get; }

    /// <summary>t_j = b_j / SE_j.</summary>
    public double[] TValues { get; }

    /// <summary>Two-sided p-values of t with n − k degrees of freedom.</summary>
    public double[] PValues { get; }

    /// <summary>The 97.5 % quantile of t with n − k degrees of freedom.</summary>
    public double TCritical { get; }

    /// <summary>F = (SSR / 1) / (SSE / (n − k)).</summary>
    public double FStatistic { get; }

    /// <summary>P(F(1, n − k) ≥ F).</summary>
    public double FPValue { get; }

    private static readonly string[] TermNames = ["intercept", "x"];

    /// <summary>Step 1: X (a column of ones and the cluster counts) beside y, one row per year.</summary>
    public DataFrame DesignMatrix() => new(
        new Int32DataFrameColumn("year", Series.Years),
        new DoubleDataFrameColumn("X: intercept", Enumerable.Repeat(1.0, _y.Length)),
        new DoubleDataFrameColumn($"X: {Series.Spec.PaperX} (clusters)", _x),
        new DoubleDataFrameColumn($"y: {Series.Spec.PaperY} (score)", _y));

    /// <summary>Step 2a: Q, n × 2 with orthonormal columns.</summary>
    public DataFrame Q() => new(
        new Int32DataFrameColumn("year", Series.Years),
        new DoubleDataFrameColumn("q1", Column(_q, 0)),
        new DoubleDataFrameColumn("q2", Column(_q, 1)));

    /// <summary>Step 2b: R, 2 × 2 upper triangular, and Qᵀy.</summary>
    public DataFrame R() => new(
        new StringDataFrameColumn("row", ["1", "2"]),
        new DoubleDataFrameColumn("R: intercept", [_r[0, 0], _r[1, 0]]),
        new DoubleDataFrameColumn("R: x", [_r[0, 1], _r[1, 1]]),
        new DoubleDataFrameColumn("Qᵀy", _qty));

    /// <summary>Step 2c: how exact the factorization is: max |QᵀQ − I| and max |QR − X|.</summary>
    public DataFrame FactorizationChecks()
    {
        int n = _y.Length;
        var x = DesignArray();
        double orth = 0, recon = 0;
        for (int a = 0; a < K; a++)
            for (int b = 0; b < K; b++)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += _q[i, a] * _q[i, b];
                orth = Math.Max(orth, Math.Abs(s - (a == b ? 1 : 0)));
            }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < K; j++)
            {
                double s = 0;
                for (int l = 0; l < K; l++) s += _q[i, l] * _r[l, j];
                recon = Math.Max(recon, Math.Abs(s - x[i, j]));
            }
        return Quantities(("max |QᵀQ − I|", "Q has orthonormal columns", orth), ("max |QR − X|", "the factorization reproduces X", recon));
    }

    /// <summary>Step 3: b from R b = Qᵀy, beside the engine's estimates.</summary>
    public DataFrame CoefficientSteps() => new(
        new StringDataFrameColumn("term", TermNames),
        new DoubleDataFrameColumn("b (R b = Qᵀy)", Coefficients),
        new DoubleDataFrameColumn("engine", Engine.Coefficients),
        new DoubleDataFrameColumn("difference", Enumerable.Range(0, K).Select(j => Coefficients[j] - Engine.Coefficients[j])));

    /// <summary>Step 4: fitted values and residuals by year.</summary>
    public DataFrame ResidualTable() => new(
        new Int32DataFrameColumn("year", Series.Years),
        new DoubleDataFrameColumn("x", _x),
        new DoubleDataFrameColumn("y", _y),
        new DoubleDataFrameColumn("ŷ = b0 + b1·x", Fitted),
        new DoubleDataFrameColumn("e = y − ŷ", Residuals));

    /// <summary>Step 5: SST = SSR + SSE, with the identity's rounding error and R² both ways.</summary>
    public DataFrame Decomposition() => Quantities(
        ("SST", "Σ(y − ȳ)²", Sst),
        ("SSR", "Σ(ŷ − ȳ)²", Ssr),
        ("SSE", "Σe²", Sse),
        ("SST − (SSR + SSE)", "zero up to rounding", Sst - (Ssr + Sse)),
        ("R² = SSR / SST", "share of the variation in y the line reproduces", Ssr / Sst),
        ("R² (engine)", "", Engine.RSquared.OrNull));

    /// <summary>Step 6: σ, the residual standard error, beside the engine's.</summary>
    public DataFrame SigmaStep() => Quantities(
        ("n − k", "residual degrees of freedom", DfResidual),
        ("σ² = SSE / (n − k)", "residual mean square", Sse / DfResidual),
        ("σ", "standard error of the regression", Sigma),
        ("σ (engine)", "", Engine.Sigma));

    /// <summary>Steps 7-9: standard errors, t, p and 95 % confidence intervals, computed here, and the engine's.</summary>
    public DataFrame Inference() => new(
        new StringDataFrameColumn("term", TermNames),
        new DoubleDataFrameColumn("b", Coefficients),
        new DoubleDataFrameColumn("SE = σ√[(XᵀX)⁻¹]jj", StandardErrors),
        new DoubleDataFrameColumn("t = b / SE", TValues),
        new DoubleDataFrameColumn("p = P(|T| ≥ |t|)", PValues),
        new DoubleDataFrameColumn("lower 95% = b − t·SE", Enumerable.Range(0, K).Select(j => Coefficients[j] - TCritical * StandardErrors[j])),
        new DoubleDataFrameColumn("upper 95% = b + t·SE", Enumerable.Range(0, K).Select(j => Coefficients[j] + TCritical * StandardErrors[j])),
        new DoubleDataFrameColumn("SE (engine)", Engine.StandardErrors),
        new DoubleDataFrameColumn("p (engine)", Engine.PValues.Select(p => p.OrNull)));

    /// <summary>Step 10: F and its p-value; in a simple regression F = t² of the slope.</summary>
    public DataFrame FTest() => Quantities(
        ("t critical", "97.5 % quantile of t(n − k), used for the intervals", TCritical),
        ("F = (SSR / 1) / (SSE / (n − k))", "", FStatistic),
        ("t² of the slope", "equals F in a simple regression", TValues[1] * TValues[1]),
        ("Significance F = P(F(1, n − k) ≥ F)", "equals the slope's p-value", FPValue),
        ("F (engine)", "", Engine.FStatistic.OrNull),
        ("Significance F (engine)", "", Engine.FPValue.OrNull));

    // An engine statistic undefined for the data is a missing cell.
    private static DataFrame Quantities(params (string Quantity, string Meaning, double? Value)[] rows) => new(
        new StringDataFrameColumn("quantity", rows.Select(r => r.Quantity)),
        new StringDataFrameColumn("meaning", rows.Select(r => r.Meaning)),
        new DoubleDataFrameColumn("value", rows.Select(r => r.Value)));

    private double[,] DesignArray()
    {
        var x = new double[_y.Length, K];
        for (int i = 0; i < _y.Length; i++)
        {
            x[i, 0] = 1;
            x[i, 1] = _x[i];
        }
        return x;
    }

    private static double[] Column(double[,] m, int j) => Enumerable.Range(0, m.GetLength(0)).Select(i => m[i, j]).ToArray();

    /// <summary>Thin Householder QR of an n × k matrix: Q (n × k) and R (k × k) with a non-negative diagonal.</summary>
    internal static (double[,] Q, double[,] R) HouseholderQr(double[,] a)
    {
        int n = a.GetLength(0), k = a.GetLength(1);
        var work = (double[,])a.Clone();
        var vs = new List<double[]>();
        for (int j = 0; j < k; j++)
        {
            double norm = 0;
            for (int i = j; i < n; i++) norm = double.Hypot(norm, work[i, j]);
            double alpha = work[j, j] > 0 ? -norm : norm; // sign chosen to avoid cancellation
            var v = new double[n];
            for (int i = j; i < n; i++) v[i] = work[i, j];
            v[j] -= alpha;
            double vnorm2 = 0;
            for (int i = j; i < n; i++) vnorm2 += v[i] * v[i];
            vs.Add(v);
            if (vnorm2 == 0) continue;
            for (int c = j; c < k; c++)
            {
                double s = 0;
                for (int i = j; i < n; i++) s += v[i] * work[i, c];
                s = 2 * s / vnorm2;
                for (int i = j; i < n; i++) work[i, c] -= s * v[i];
            }
        }
        // Q = H1 H2 … Hk applied to the first k columns of the identity.
        var q = new double[n, k];
        for (int c = 0; c < k; c++)
        {
            var e = new double[n];
            e[c] = 1;
            for (int h = vs.Count - 1; h >= 0; h--)
            {
                var v = vs[h];
                double vnorm2 = v.Sum(t => t * t);
                if (vnorm2 == 0) continue;
                double s = 0;
                for (int i = 0; i < n; i++) s += v[i] * e[i];
                s = 2 * s / vnorm2;
                for (int i = 0; i < n; i++) e[i] -= s * v[i];
            }
            for (int i = 0; i < n; i++) q[i, c] = e[i];
        }
        var r = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = i; j < k; j++) r[i, j] = work[i, j];
        // Make R's diagonal non-negative (flip the matching column of Q), the usual textbook convention.
        for (int i = 0; i < k; i++)
            if (r[i, i] < 0)
            {
                for (int j = i; j < k; j++) r[i, j] = -r[i, j];
                for (int row = 0; row < n; row++) q[row, i] = -q[row, i];
            }
        return (q, r);
    }

    private static double[] BackSubstitute(double[,] r, double[] rhs)
    {
        int k = rhs.Length;
        var b = new double[k];
        for (int i = k - 1; i >= 0; i--)
        {
            double s = rhs[i];
            for (int j = i + 1; j < k; j++) s -= r[i, j] * b[j];
            b[i] = s / r[i, i];
        }
        return b;
    }
}
