namespace NotebookAnalysis.Regression;

/// <summary>One row of the coefficient table.</summary>
/// <param name="Term">The term's name.</param>
/// <param name="Estimate">The coefficient b_j.</param>
/// <param name="StdError">Its standard error σ·sqrt([(X'X)^{-1}]_jj).</param>
/// <param name="TValue">b_j / SE_j (±∞ for a nonzero coefficient of an exact fit, 0 for an exactly zero one).</param>
/// <param name="PValue">Two-sided p-value from Student's t with N-K degrees of freedom.</param>
/// <param name="Lower95">Lower end of the 95 % confidence interval.</param>
/// <param name="Upper95">Upper end of the 95 % confidence interval.</param>
public sealed record CoefficientRow(string Term, double Estimate, double StdError, double TValue, double PValue, double Lower95, double Upper95);

/// <summary>A test statistic with its reference distribution's degrees of freedom and p-value.</summary>
/// <param name="Name">The test's name, e.g. "Jarque-Bera".</param>
/// <param name="Statistic">The statistic.</param>
/// <param name="DegreesOfFreedom">Degrees of freedom of the χ² reference distribution.</param>
/// <param name="PValue">Upper-tail p-value.</param>
public sealed record TestResult(string Name, double Statistic, double DegreesOfFreedom, double PValue);
