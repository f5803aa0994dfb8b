using System.Globalization;
using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Models;

/// <summary>
/// Iterated Prais-Winsten estimation of a regression with AR(1) errors u_t = ρ·u_{t−1} + ε_t (Prais and Winsten 1954;
/// the iteration of Cochrane and Orcutt, keeping the first year).
/// <list type="number">
/// <item>Start from the OLS fit of y on X.</item>
/// <item>ρ is the slope of the lag-1 regression of the residuals e = y − Xβ through the origin:
/// Σ_{t≥2} e_t·e_{t−1} / Σ_{t≥2} e_{t−1}².</item>
/// <item>Transform: row 1 times √(1−ρ²), rows t ≥ 2 as z_t − ρ·z_{t−1}, for y and every column of X (the constant too,
/// which keeps the term name <c>intercept</c> in a design through the origin); refit by OLS; recompute ρ from the
/// new residuals on the original scale.</item>
/// <item>Stop when ρ changes by at most <see cref="Tolerance"/>; the fit reported is the transformed regression at the
/// last ρ used, with classical inference (ρ treated as known, as in Stata's <c>prais</c> and statsmodels' GLSAR).</item>
/// </list>
/// The transform from y to the fitted response has log-Jacobian ½·log(1−ρ²), so the level-scale likelihood is the
/// exact Gaussian AR(1) likelihood at the estimates; AIC and BIC count ρ as a parameter.
/// </summary>
public sealed class PraisWinstenEstimator : IModelEstimator
{
    /// <summary>An estimator that stops when |ρ_new − ρ| ≤ <paramref name="tolerance"/>, failing after <paramref name="maxIterations"/> refits.</summary>
    public PraisWinstenEstimator(double tolerance, int maxIterations)
    {
        if (!(tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be positive.");
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "At least one iteration is needed.");
        Tolerance = tolerance;
        MaxIterations = maxIterations;
    }

    /// <summary>Convergence: the iteration stops when ρ changes by at most this much.</summary>
    public double Tolerance { get; }

    /// <summary>The most transformed refits before the fit is refused as not converged.</summary>
    public int MaxIterations { get; }

    /// <inheritdoc/>
    public string Description =>
        $"iterated Prais-Winsten AR(1): ρ from the lag-1 regression of the residuals through the origin, the first year kept with " +
        $"the √(1−ρ²) transform, iterated until ρ changes by at most {Tolerance.ToString("0.##e-0", CultureInfo.InvariantCulture)} " +
        $"(at most {MaxIterations} refits); SEs from the transformed regression, ρ treated as known";

    /// <summary>The statistics of the transformed regression that are meaningful: its R², F and own-scale AIC are not.</summary>
    private static readonly string[] Written = ["nobs", "df_resid", "sigma", "loglik", "durbin_watson"];

    /// <inheritdoc/>
    /// <exception cref="ModelException">|ρ| ≥ 1, residuals that are all zero, or no convergence within <see cref="MaxIterations"/>.</exception>
    public AlternativeFit Fit(ModelData data)
    {
        var design = data.Design;
        var y = data.Response.ToArray();
        var start = OlsEstimator.FitOls(data, design, y);
        double rho = Rho(data, start.Residuals, 0);
        for (int iteration = 1; ; iteration++)
        {
            if (!(Math.Abs(rho) < 1))
                throw new ModelException(data.Model, $"Prais-Winsten: ρ = {R(rho)} at iteration {iteration}; AR(1) errors need |ρ| < 1 (stationarity), and √(1−ρ²) does not exist otherwise.");
            var fit = OlsEstimator.FitOls(data, Transform(design, rho, data.Model), Transform(y, rho));
            double next = Rho(data, OriginalScaleResiduals(design, y, fit.Coefficients), iteration);
            if (Math.Abs(next - rho) <= Tolerance)
                return new AlternativeFit(data, fit, new EstimatorDetails(
                    [("rho", rho), ("iterations", iteration)],
                    LogJacobian: 0.5 * Math.Log(1 - rho * rho),
                    ExtraParameters: 1,
                    ModelStatistics: Written,
                    LeftOutReason: "the transformed regression runs through the origin with the transformed constant as a regressor, so its R², F, own-scale AIC/BIC and other diagnostics are uncentered or not comparable with the other models; nobs, df_resid, sigma (of the AR(1) innovations), loglik and the Durbin-Watson of the transformed residuals are written, and rho and iterations beside them",
                    NoLeaveOneOutReason: "removing a year breaks the AR(1) chain the transform is built on (and ρ would be re-estimated without it), so exact leave-one-out does not exist"));
            if (iteration == MaxIterations)
                throw new ModelException(data.Model, $"Prais-Winsten did not converge in {MaxIterations} iterations: ρ moved from {R(rho)} to {R(next)}, more than the tolerance {R(Tolerance)}.");
            rho = next;
        }
    }

    /// <summary>The lag-1 regression slope of <paramref name="e"/> through the origin.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static double Rho(ModelData data, IReadOnlyList<double> e, int iteration)
    {
        double num = 0, den = 0;
        for (int t = 1; t < e.Count; t++)
        {
            num += e[t] * e[t - 1];
            den += e[t - 1] * e[t - 1];
        }
        if (!(den > 0))
            throw new ModelException(data.Model, $"Prais-Winsten: the residuals of iteration {iteration} are all zero (an exact fit), so ρ is undefined.");
        return num / den;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static double[] OriginalScaleResiduals(Design design, double[] y, IReadOnlyList<double> beta)
    {
        var e = new double[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            double fitted = 0;
            for (int j = 0; j < design.Columns; j++) fitted += design[i, j] * beta[j];
            e[i] = y[i] - fitted;
        }
        return e;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static double[] Transform(IReadOnlyList<double> z, double rho)
    {
        var t = new double[z.Count];
        t[0] = Math.Sqrt(1 - rho * rho) * z[0];
        for (int i = 1; i < z.Count; i++) t[i] = z[i] - rho * z[i - 1];
        return t;
    }

    private static Design Transform(Design design, double rho, string model)
    {
        var columns = new (string, double[])[design.Columns];
        for (int j = 0; j < design.Columns; j++) columns[j] = (design.Terms[j], Transform(design.Column(j), rho));
        return Design.ThroughOrigin(model, columns);
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
