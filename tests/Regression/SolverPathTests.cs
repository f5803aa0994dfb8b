using System.Numerics;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Regression;

/// <summary>
/// The engine's one path (double QR + extra-precise refinement) and its double-double fallback: which designs take
/// which path, that they agree, and that neither fits a singular design.
/// </summary>
public class SolverPathTests
{
    internal static (Design, double[]) Synthetic(int n, int k, int seed, double spread = 1)
    {
        var rng = new Random(seed);
        var cols = new (string, double[])[k];
        for (int j = 0; j < k; j++) cols[j] = ($"x{j + 1}", new double[n]);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 3;
            for (int j = 0; j < k; j++)
            {
                double v = 100 * (j + 1) + spread * (rng.NextDouble() - 0.5) * (j + 1);
                cols[j].Item2[i] = v;
                s += (j % 3 - 1) * 0.7 * v;
            }
            y[i] = s + rng.NextDouble();
        }
        return (Design.WithIntercept("synthetic", cols), y);
    }

    [Fact]
    public void RefinedAndDoubleDoublePathsAgree()
    {
        var (design, y) = Synthetic(5000, 6, 7, spread: 50);
        var fit = Ols.Fit(design, y);
        var dd = Ols.FitDoubleDouble(design, y);
        Assert.Equal(SolverPath.Refined, fit.Path);
        Assert.InRange(fit.RefinementIterations, 1, 3);
        Assert.Null(fit.FallbackReason);
        Assert.Contains("refined in double-double", fit.Method);
        Assert.Equal(SolverPath.DoubleDouble, dd.Path);
        Assert.Equal(0, dd.RefinementIterations);
        for (int j = 0; j < design.Columns; j++)
        {
            DecimalOracle.Close(dd.Coefficients[j], fit.Coefficients[j], 1e-15, $"b{j}");
            DecimalOracle.Close(dd.StandardErrors[j], fit.StandardErrors[j], 1e-15, $"se{j}");
        }
        DecimalOracle.Close(dd.SsResidual, fit.SsResidual, 1e-15, "SSE");
        DecimalOracle.Close(dd.SsRegression, fit.SsRegression, 1e-15, "SSR");
        DecimalOracle.Close(dd.ConditionNumber, fit.ConditionNumber, 1e-12, "condition number");
        for (int i = 0; i < 50; i++) DecimalOracle.Close(dd.Leverage[i], fit.Leverage[i], 1e-14, $"h{i}");
    }

    [Fact]
    public void LargeDesignsTakeTheRefinedPath()
    {
        // Spans several row blocks, with a ragged last block.
        var (design, y) = Synthetic(40_003, 6, 11, spread: 100);
        var fit = Ols.Fit(design, y);
        Assert.Equal(SolverPath.Refined, fit.Path);
        var dd = Ols.FitDoubleDouble(design, y);
        for (int j = 0; j < design.Columns; j++)
            DecimalOracle.Close(dd.Coefficients[j], fit.Coefficients[j], 1e-15, $"b{j}");
        DecimalOracle.Close(dd.SsResidual, fit.SsResidual, 1e-15, "SSE");
    }

    [Fact]
    public void TooIllConditionedForRefinementFallsBackToDoubleDouble()
    {
        // Regressors that vary by ±0.00005 around 100-600: the equilibrated condition number is far above 1e8.
        var (design, y) = Synthetic(2000, 6, 13, spread: 1e-4);
        var fit = Ols.Fit(design, y);
        Assert.Equal(SolverPath.DoubleDouble, fit.Path);
        Assert.Equal(0, fit.RefinementIterations);
        Assert.NotNull(fit.FallbackReason);
        Assert.Contains("double-double", fit.Method);
    }

    [Fact]
    public void SmallDesignsTakeTheDoubleDoublePath()
    {
        var (design, y) = Synthetic(63, 3, 5, spread: 50);
        var fit = Ols.Fit(design, y);
        Assert.Equal(SolverPath.DoubleDouble, fit.Path);
        Assert.Contains("64 rows", fit.FallbackReason);
        var (design64, y64) = Synthetic(64, 3, 5, spread: 50);
        Assert.Equal(SolverPath.Refined, Ols.Fit(design64, y64).Path);
    }

    [Fact]
    public void ExtendedPrecisionDoesNotRescueASingularPolynomial()
    {
        // Three distinct x values cannot identify a cubic: x³ is an exact combination of 1, x, x² on them.
        double[] x = [1, 2, 3, 1, 2, 3, 1, 2, 3];
        double[] y = [1, 4, 9, 1.1, 3.9, 9.2, 0.9, 4.1, 8.8];
        var e = Assert.Throws<ModelException>(() =>
            Ols.Fit(Design.Powers("cubic", true, ("x", x, null, 1), ("x2", x, null, 2), ("x3", x, null, 3)), y));
        Assert.Contains("collinear", e.Reason);
        Assert.Contains("'x3'", e.Reason);
    }

    [Fact]
    public void NearlySingularBeyondDoublePrecisionIsRefused()
    {
        // x and x + 1e-15·z differ only below double resolution of the data: refused, never "fitted" in double-double.
        var rng = new Random(3);
        var x = Enumerable.Range(0, 30).Select(_ => rng.NextDouble() + 1).ToArray();
        var w = x.Select(v => v * (1 + 4e-16 * (rng.NextDouble() - 0.5))).ToArray();
        var y = x.Select(v => 2 * v + rng.NextDouble()).ToArray();
        Assert.Contains("collinear", Assert.Throws<ModelException>(() =>
            Ols.Fit(Design.WithIntercept("near", ("x", x), ("w", w)), y)).Reason);
    }

    [Fact]
    public void PowersCarryTheExactValueToDoubleDouble()
    {
        // 3^40 needs 64 bits: hi must be the nearest double and hi + lo the exact integer.
        var d = Design.Powers("p", false, ("x40", [3.0], null, 40));
        var exact = BigInteger.Pow(3, 40);
        double hi = d[0, 0];
        Assert.Equal((double)exact, hi);
        var lo = d.LowPartsUnsafe[0]![0];
        Assert.Equal(exact, new BigInteger(hi) + new BigInteger(lo));
    }
}
