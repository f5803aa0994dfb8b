using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Benchmarks;

/// <summary>
/// Benchmark only: OLS by <see cref="StreamingQr"/> (blocked Householder QR in double, working memory independent of
/// n, then refinement with double-double residuals), for timing the engine's numerics against a double-precision
/// solver on very large designs. <see cref="Ols.Fit"/> never calls it; the engine has one path.
/// </summary>
public static class StreamingOls
{
    /// <summary>Largest 2-norm condition number of the equilibrated design that the streaming solver accepts.</summary>
    public const double DefaultConditionLimit = 1e4;

    /// <summary>
    /// Fits y = Xβ + ε like <see cref="Ols.Fit"/> (same validation, same derived statistics), or returns null when the
    /// equilibrated design is singular or its condition number exceeds <paramref name="conditionLimit"/>: in double
    /// precision the refinement would not reach full accuracy there.
    /// </summary>
    public static OlsResult? TryFit(Design design, IReadOnlyList<double> y, double conditionLimit = DefaultConditionLimit)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(y);
        var yy = y.ToArray();
        Ols.Validate(design, yy);
        var solution = StreamingQr.TrySolve(design, yy, LeastSquares.ScaleExponents(design), conditionLimit);
        return solution is null ? null : new OlsResult(design, yy, solution);
    }
}
