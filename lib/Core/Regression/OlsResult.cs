using System.Globalization;
using System.Text;
using NotebookAnalysis.Statistics;

namespace NotebookAnalysis.Regression;

/// <summary>
/// The immutable result of <see cref="Ols.Fit"/>: coefficients, inference, goodness of fit and diagnostics, each
/// derived on first use from the factorization.
/// </summary>
/// <remarks>
/// <para>Conventions (R's <c>summary.lm</c> and statsmodels unless noted):</para>
/// <list type="bullet">
/// <item>Through the origin, R² is uncentered (SST = Σy²) as in Excel and R; SSR = Σŷ².</item>
/// <item>Adjusted R² = 1 - (1-R²)(n-i)/(n-K), i = 1 with an intercept, 0 without (R).</item>
/// <item>Log-likelihood is R's <c>logLik.lm</c>: -n/2 (log 2π + log(SSE/n) + 1); AIC and BIC count K + 1 parameters
/// (the coefficients and σ), so AIC = -2 logL + 2(K+1) and BIC = -2 logL + log(n)(K+1).</item>
/// <item>No getter throws or returns ±∞ or NaN: a statistic that does not exist for the data is an undefined
/// <see cref="Estimate"/> with the reason. Exact fits (every residual exactly 0) are legal: σ = 0, every standard error
/// is 0 and the confidence interval collapses to the estimate; t, p, F, the likelihood, AIC, BIC and every statistic
/// that divides by the residual scale (Durbin-Watson, Jarque-Bera,
/// Breusch-Pagan, Breusch-Godfrey) are undefined. R², adjusted R² and multiple R are undefined for a constant y
/// (SST = 0). Only a fit that does not exist (<see cref="Ols.Fit"/>) throws a <see cref="ModelException"/>.</item>
/// </list>
/// </remarks>
public sealed class OlsResult
{
    private readonly double[] _y;
    private readonly LeastSquaresSolution _fit;
    private readonly Lazy<double[]> _se, _leverage;
    private readonly Lazy<CoefficientRow[]> _table;
    private readonly Lazy<double> _condition;
    private readonly Lazy<TestResult> _jb, _bp;
    // Breusch-Godfrey results by order: the results rows, the robustness checks and the report each ask for order 1,
    // and each asks refits the auxiliary regression (O(n·k²)). The test is deterministic, so the first result is kept.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Lazy<TestResult>> _bg = new();

    internal OlsResult(Design design, double[] y, LeastSquaresSolution fit)
    {
        Design = design;
        _y = y;
        _fit = fit;
        _se = new(() => Enumerable.Range(0, K).Select(j => Sigma * Math.Sqrt(_fit.UnscaledCovariance[j, j])).ToArray());
        _table = new(() =>
        {
            double q = Distributions.StudentTQuantile(0.5 + 0.95 / 2, DfResidual);
            return Enumerable.Range(0, K).Select(j => CoefficientRow.FromStandardError(Terms[j], Coefficients[j], StandardErrors[j], DfResidual, q)).ToArray();
        });
        _leverage = new(() => _fit.Leverage());
        _condition = new(() => Jacobi.ConditionNumber(_fit.R));
        _jb = new(ComputeJarqueBera);
        _bp = new(ComputeBreuschPagan);
    }

    /// <summary>The design that was fitted.</summary>
    public Design Design { get; }

    /// <summary>The response (a copy of the caller's values).</summary>
    public IReadOnlyList<double> Y => _y;

    /// <summary>The model's name.</summary>
    public string Model => Design.Model;

    /// <summary>Number of observations.</summary>
    public int N => Design.Rows;

    /// <summary>Number of coefficients.</summary>
    public int K => Design.Columns;

    /// <summary>Model degrees of freedom: K-1 with an intercept, K through the origin.</summary>
    public int DfModel => Design.HasIntercept ? K - 1 : K;

    /// <summary>Residual degrees of freedom N-K.</summary>
    public int DfResidual => N - K;

    /// <summary>Term names, in coefficient order.</summary>
    public IReadOnlyList<string> Terms => Design.Terms;

    /// <summary>How the fit was computed, e.g. "Householder QR in double-double".</summary>
    public string Method => Path == SolverPath.Refined
        ? $"Householder QR in double, refined in double-double ({RefinementIterations} iteration{(RefinementIterations == 1 ? "" : "s")})"
        : "Householder QR in double-double";

    /// <summary>Which path gave the fit: the refined double QR (the rule) or the double-double fallback.</summary>
    public SolverPath Path => _fit.Path;

    /// <summary>Iterative-refinement steps the refined path took (typically 2-3); 0 when the double-double path gave the fit.</summary>
    public int RefinementIterations => _fit.RefinementIterations;

    /// <summary>Why the fit fell back to the double-double path; null when <see cref="Path"/> is <see cref="SolverPath.Refined"/>.</summary>
    public string? FallbackReason => _fit.FallbackReason;

    /// <summary>True when every residual is exactly zero.</summary>
    public bool IsExactFit => _fit.Sse == 0;

    /// <summary>The least-squares coefficients.</summary>
    public IReadOnlyList<double> Coefficients => _fit.Coefficients;

    /// <summary>Standard errors σ·sqrt([(X'X)^{-1}]_jj).</summary>
    public IReadOnlyList<double> StandardErrors => _se.Value;

    /// <summary>t statistics b/SE; undefined for an exact fit (SE = 0).</summary>
    public IReadOnlyList<Estimate> TValues => CoefficientTable.Select(c => c.TValue).ToList();

    /// <summary>Two-sided p-values of the t statistics.</summary>
    public IReadOnlyList<Estimate> PValues => CoefficientTable.Select(c => c.PValue).ToList();

    /// <summary>The coefficient table with 95 % confidence intervals.</summary>
    public IReadOnlyList<CoefficientRow> CoefficientTable => _table.Value;

    /// <summary>The row of <paramref name="term"/>.</summary>
    public CoefficientRow this[string term] => CoefficientTable[Design.IndexOf(term)];

    /// <summary>Multiple R = sqrt(R²).</summary>
    public Estimate MultipleR => RSquared.Map(Math.Sqrt);

    /// <summary>R² = SSR/SST; uncentered through the origin; undefined for a constant y.</summary>
    public Estimate RSquared => ConstantY() ?? Estimate.Of(SsRegression / SsTotal);

    /// <summary>Adjusted R² (R's convention; see remarks).</summary>
    public Estimate AdjustedRSquared => ConstantY() ?? Estimate.Of(1 - SsResidual / SsTotal * (N - (Design.HasIntercept ? 1 : 0)) / DfResidual);

    /// <summary>Residual standard error σ = sqrt(SSE/(N-K)).</summary>
    public double Sigma => Math.Sqrt(MsResidual);

    /// <summary>Regression sum of squares: Σ(ŷ-ȳ)², or Σŷ² through the origin.</summary>
    public double SsRegression => _fit.Ssr;

    /// <summary>Residual sum of squares Σr².</summary>
    public double SsResidual => _fit.Sse;

    /// <summary>Total sum of squares: Σ(y-ȳ)², or Σy² through the origin.</summary>
    public double SsTotal => _fit.Sst;

    /// <summary>SSR / DfModel.</summary>
    public double MsRegression => SsRegression / DfModel;

    /// <summary>SSE / DfResidual.</summary>
    public double MsResidual => SsResidual / DfResidual;

    /// <summary>F = MSR/MSE; undefined for an exact fit (MSE = 0).</summary>
    public Estimate FStatistic => ExactFit("F = MSR / MSE") ?? Estimate.Of(MsRegression / MsResidual);

    /// <summary>P(F_{DfModel, DfResidual} ≥ F): Excel's "Significance F".</summary>
    public Estimate FPValue => FStatistic.Map(f => Distributions.FUpperTail(f, DfModel, DfResidual));

    /// <summary>Fitted values ŷ = Xb.</summary>
    public IReadOnlyList<double> Fitted => _fit.Fitted;

    /// <summary>Residuals y - ŷ.</summary>
    public IReadOnlyList<double> Residuals => _fit.Residuals;

    /// <summary>Hat diagonal h_i = ||q_i||², from the rows of Q (not from inverting X'X).</summary>
    public IReadOnlyList<double> Leverage => _leverage.Value;

    /// <summary>Gaussian log-likelihood at the ML variance SSE/n (R's <c>logLik.lm</c>).</summary>
    /// <remarks>Undefined for an exact fit: the ML variance is 0 and the density at the data is infinite.</remarks>
    public Estimate LogLikelihood => ExactFit("the log-likelihood") ?? Estimate.Of(-0.5 * N * (Math.Log(2 * Math.PI) + Math.Log(SsResidual / N) + 1));

    /// <summary>AIC = -2 logL + 2(K+1): the coefficients and σ (R's convention).</summary>
    public Estimate Aic => LogLikelihood.Map(ll => -2 * ll + 2 * (K + 1));

    /// <summary>BIC = -2 logL + log(n)(K+1) (R's convention).</summary>
    public Estimate Bic => LogLikelihood.Map(ll => -2 * ll + Math.Log(N) * (K + 1));

    /// <summary>Durbin-Watson: Σ(r_t - r_{t-1})² / Σr², rows in the given order.</summary>
    public Estimate DurbinWatson
    {
        get
        {
            var r = _fit.Residuals;
            double num = 0;
            for (int i = 1; i < r.Length; i++) num += (r[i] - r[i - 1]) * (r[i] - r[i - 1]);
            return ExactFit("the Durbin-Watson statistic") ?? Estimate.Of(num / SsResidual);
        }
    }

    /// <summary>Jarque-Bera normality test on the residuals: n/6 (S² + (K-3)²/4), χ²(2) (statsmodels: central moments).</summary>
    public TestResult JarqueBera => _jb.Value;

    /// <summary>
    /// Koenker's studentized Breusch-Pagan test: n·R² of the regression of r² on the regressors, χ²(K-1)
    /// (R's <c>lmtest::bptest</c>). Through the origin the auxiliary regression adds an intercept and has K degrees of freedom.
    /// </summary>
    public TestResult BreuschPagan => _bp.Value;

    /// <summary>
    /// Breusch-Godfrey LM test for serial correlation up to <paramref name="order"/>: n·R² of the auxiliary regression of
    /// r_t on X and r_{t-1..t-order} (missing lags filled with 0), R² uncentered as in <c>lmtest::bgtest</c>; χ²(order).
    /// </summary>
    public TestResult BreuschGodfrey(int order = 1)
    {
        if (order < 1) throw new ArgumentOutOfRangeException(nameof(order), order, "The order must be at least 1.");
        const string name = "Breusch-Godfrey";
        if (IsExactFit) return TestResult.Undefined(name, order, ExactFitReason("the Breusch-Godfrey test"));
        if (N - K - order <= 0)
            return TestResult.Undefined(name, order, $"the Breusch-Godfrey test of order {order} needs more than {K + order} rows, but n = {N}");
        return _bg.GetOrAdd(order, o => new Lazy<TestResult>(() => ComputeBreuschGodfrey(o))).Value;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private TestResult ComputeBreuschGodfrey(int order)
    {
        var r = _fit.Residuals;
        var regs = AuxiliaryRegressors();
        for (int l = 1; l <= order; l++)
        {
            var lag = new double[N];
            for (int i = l; i < N; i++) lag[i] = r[i - l];
            regs.Add(($"lag{l}_residual", lag));
        }
        var aux = Design.HasIntercept
            ? Design.WithIntercept(Model + " (Breusch-Godfrey auxiliary)", [.. regs])
            : Design.ThroughOrigin(Model + " (Breusch-Godfrey auxiliary)", [.. regs]);
        var fit = Ols.Fit(aux, r);
        return TestResult.ChiSquared("Breusch-Godfrey", N * (1 - fit.SsResidual / r.Sum(v => v * v)), order);
    }

    /// <summary>2-norm condition number of X: ratio of its extreme singular values (statsmodels' <c>condition_number</c>).</summary>
    public double ConditionNumber => _condition.Value;

    /// <summary>(X'X)^{-1}, computed as R^{-1}R^{-T}; a copy.</summary>
    public double[,] UnscaledCovariance() => (double[,])_fit.UnscaledCovariance.Clone();

    /// <summary>σ²(X'X)^{-1}; a copy.</summary>
    public double[,] Covariance()
    {
        var c = UnscaledCovariance();
        double s2 = MsResidual;
        for (int i = 0; i < K; i++)
            for (int j = 0; j < K; j++)
                c[i, j] *= s2;
        return c;
    }

    /// <summary>A statsmodels-like plain-text summary, formatted in the invariant culture.</summary>
    public string Summary() => SummaryText.Render(this);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private TestResult ComputeJarqueBera()
    {
        if (IsExactFit) return TestResult.Undefined("Jarque-Bera", 2, ExactFitReason("the Jarque-Bera test"));
        var r = _fit.Residuals;
        double mean = r.Average();
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (var v in r)
        {
            double d = v - mean, d2 = d * d;
            m2 += d2; m3 += d2 * d; m4 += d2 * d2;
        }
        m2 /= N; m3 /= N; m4 /= N;
        // Equal nonzero residuals (possible without an intercept) have no spread to take skewness and kurtosis against.
        if (m2 == 0) return TestResult.Undefined("Jarque-Bera", 2, "the residuals have no variance, so their skewness and kurtosis (and the Jarque-Bera test) are undefined");
        double skew = m3 / Math.Pow(m2, 1.5), kurt = m4 / (m2 * m2);
        return TestResult.ChiSquared("Jarque-Bera", N / 6.0 * (skew * skew + (kurt - 3) * (kurt - 3) / 4), 2);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private TestResult ComputeBreuschPagan()
    {
        var regs = AuxiliaryRegressors();
        if (IsExactFit) return TestResult.Undefined("Breusch-Pagan", regs.Count, ExactFitReason("the Breusch-Pagan test"));
        var r2 = _fit.Residuals.Select(v => v * v).ToArray();
        var fit = Ols.Fit(Design.WithIntercept(Model + " (Breusch-Pagan auxiliary)", [.. regs]), r2);
        // Squared residuals without variation carry no evidence of heteroskedasticity: LM = 0.
        return TestResult.ChiSquared("Breusch-Pagan", fit.SsTotal == 0 ? 0 : N * fit.SsRegression / fit.SsTotal, regs.Count);
    }

    /// <summary>
    /// The model's columns other than its own intercept, for an auxiliary regression. They are renamed
    /// ("regressor: x") so that they cannot clash with the auxiliary design's own names: a design through the origin
    /// may carry a column called <c>intercept</c> (Prais-Winsten's transformed constant), and the Breusch-Pagan
    /// auxiliary regression adds its own <c>intercept</c>.
    /// </summary>
    private List<(string, double[])> AuxiliaryRegressors()
    {
        var regs = new List<(string, double[])>();
        for (int j = Design.HasIntercept ? 1 : 0; j < K; j++) regs.Add(("regressor: " + Terms[j], Design.Column(j)));
        return regs;
    }

    // The undefined cases, each with its reason; null where the statistic exists (read as `Case() ?? Estimate.Of(...)`).
    private Estimate? ConstantY() => SsTotal != 0 ? null : Estimate.Undefined(Design.HasIntercept
        ? "y is constant (total sum of squares 0), so R² is undefined"
        : "y is all zeros (uncentered total sum of squares 0), so R² is undefined");

    private Estimate? ExactFit(string what) => IsExactFit ? Estimate.Undefined(ExactFitReason(what)) : null;

    private static string ExactFitReason(string what) => $"the fit is exact (every residual is 0, so σ = 0), so {what} is undefined";
}
