using NotebookAnalysis.Statistics;

namespace NotebookAnalysis.Regression;

/// <summary>One row of the coefficient table; the inference columns are undefined, with the reason, where they do not exist.</summary>
/// <param name="Term">The term's name.</param>
/// <param name="Estimate">The coefficient b_j.</param>
/// <param name="StdError">Its standard error σ·sqrt([(X'X)^{-1}]_jj) (0 for an exact fit).</param>
/// <param name="TValue">b_j / SE_j; undefined when SE_j = 0 (an exact fit).</param>
/// <param name="PValue">Two-sided p-value from Student's t with N-K degrees of freedom.</param>
/// <param name="Lower95">Lower end of the 95 % confidence interval.</param>
/// <param name="Upper95">Upper end of the 95 % confidence interval.</param>
public sealed record CoefficientRow(string Term, double Estimate, Estimate StdError, Estimate TValue, Estimate PValue, Estimate Lower95, Estimate Upper95)
{
    /// <summary>The row of coefficient <paramref name="b"/> with standard error <paramref name="se"/>, t-based on <paramref name="df"/>
    /// degrees of freedom; <paramref name="q"/> is the t quantile of the 95% interval.</summary>
    internal static CoefficientRow FromStandardError(string term, double b, double se, int df, double q)
    {
        var t = se > 0 ? Regression.Estimate.Of(b / se)
            : Regression.Estimate.Undefined("the standard error is 0 (an exact fit: every residual is 0), so t = b / SE is undefined");
        return new(term, b, Regression.Estimate.Of(se), t, t.Map(v => Distributions.StudentTTwoSidedP(v, df)),
            Regression.Estimate.Of(b - q * se), Regression.Estimate.Of(b + q * se));
    }

    /// <summary>A row with the estimate only: the estimator gives no standard error, for <paramref name="reason"/>.</summary>
    public static CoefficientRow WithoutInference(string term, double b, string reason)
    {
        var none = Regression.Estimate.Undefined(reason);
        return new(term, b, none, none, none, none, none);
    }
}

/// <summary>A test statistic with its reference distribution's degrees of freedom and p-value; both undefined, with the reason, where the test does not exist.</summary>
/// <param name="Name">The test's name, e.g. "Jarque-Bera".</param>
/// <param name="Statistic">The statistic.</param>
/// <param name="DegreesOfFreedom">Degrees of freedom of the χ² reference distribution.</param>
/// <param name="PValue">Upper-tail p-value.</param>
public sealed record TestResult(string Name, Estimate Statistic, double DegreesOfFreedom, Estimate PValue)
{
    /// <summary>A χ² test with statistic <paramref name="statistic"/> on <paramref name="df"/> degrees of freedom.</summary>
    internal static TestResult ChiSquared(string name, double statistic, int df) =>
        new(name, Estimate.Of(statistic), df, Estimate.Of(Distributions.ChiSquaredUpperTail(statistic, df)));

    /// <summary>A test that does not exist for the fit, for <paramref name="reason"/>.</summary>
    internal static TestResult Undefined(string name, double df, string reason) =>
        new(name, Estimate.Undefined(reason), df, Estimate.Undefined(reason));
}
