using System.Numerics;
using NotebookAnalysis.Accuracy;
using NotebookAnalysis.Data;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Tests.Accuracy;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Regression;

/// <summary>
/// The refined path against the double-double path on NIST StRD data and on seeded random ill-conditioned designs
/// (condition numbers 1e6 … 1e12), and against exact rational solutions of no-intercept problems.
/// </summary>
public class RefinementTests
{
    public static TheoryData<string> StrdDatasets => new()
    {
        "Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley",
        "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5",
    };

    [StrdTheory]
    [MemberData(nameof(StrdDatasets))]
    public void RefinedPathMatchesDoubleDoubleOnStrd(string name)
    {
        var data = StrdDataset.Load(Path.Combine(ProjectPaths.SharedStrd, name + ".dat"));
        var design = data.ToDesign();
        // The datasets have fewer than 64 rows, so Ols.Fit takes the double-double path; the refined path is forced here.
        Assert.Equal(SolverPath.DoubleDouble, Ols.Fit(design, data.Y).Path);
        var fit = Ols.FitRefined(design, data.Y, out var reason);
        var dd = Ols.FitDoubleDouble(design, data.Y);
        if (name == "Filip")
        {
            // Equilibrated condition number ~1e10, beyond the refined path's limit.
            Assert.Null(fit);
            Assert.Contains("condition number", reason);
            return;
        }
        Assert.NotNull(fit);
        Assert.Equal(SolverPath.Refined, fit!.Path);
        for (int j = 0; j < design.Columns; j++)
        {
            Close(dd.Coefficients[j], fit.Coefficients[j], 1e-15, $"{name} b{j}");
            Close(dd.StandardErrors[j], fit.StandardErrors[j], 1e-15, $"{name} se{j}");
        }
        Close(dd.SsResidual, fit.SsResidual, 1e-15, $"{name} SSE");
        Close(dd.SsRegression, fit.SsRegression, 1e-15, $"{name} SSR");
        // The certified values themselves, through the refined engine.
        var c = data.Certified;
        var names = data.ParameterOfColumn();
        for (int j = 0; j < names.Count; j++)
        {
            Assert.True(Lre.Of(fit.Coefficients[j], c.Estimates[names[j]]) >= 12.5, $"{name} {names[j]}");
            Assert.True(Lre.Of(fit.StandardErrors[j], c.StdErrors[names[j]]) >= 12.5, $"{name} se {names[j]}");
        }
        Assert.True(Lre.Of(fit.Sigma, c.ResidualSd) >= 12.5, $"{name} sigma");
    }

    /// <summary>X = U·diag(σ)·V' with U (n×k) and V (k×k) orthonormal from seeded Gaussian matrices and σ log-spaced
    /// from 1 to 1/κ, so X's 2-norm condition number is κ; y = X·β + small noise.</summary>
    private static (Design Design, double[] Y) IllConditioned(int n, int k, double kappa, int seed, bool intercept)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        double[][] Orthonormal(int rows, int cols)
        {
            var q = new double[cols][];
            for (int j = 0; j < cols; j++)
            {
                var v = new double[rows];
                for (int i = 0; i < rows; i++) v[i] = Normal();
                for (int pass = 0; pass < 2; pass++) // Gram-Schmidt twice: orthogonal to working precision
                    for (int l = 0; l < j; l++)
                    {
                        double d = 0;
                        for (int i = 0; i < rows; i++) d += q[l][i] * v[i];
                        for (int i = 0; i < rows; i++) v[i] -= d * q[l][i];
                    }
                double norm = Math.Sqrt(v.Sum(t => t * t));
                q[j] = v.Select(t => t / norm).ToArray();
            }
            return q;
        }
        var u = Orthonormal(n, k);
        var vt = Orthonormal(k, k);
        var cols = new (string, double[])[k];
        for (int j = 0; j < k; j++)
        {
            var col = new double[n];
            for (int l = 0; l < k; l++)
            {
                double s = Math.Pow(kappa, -l / (double)(k - 1)) * vt[l][j];
                for (int i = 0; i < n; i++) col[i] += u[l][i] * s;
            }
            cols[j] = ($"x{j + 1}", col);
        }
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = intercept ? 0.5 : 0;
            for (int j = 0; j < k; j++) s += (j + 1) * cols[j].Item2[i];
            y[i] = s + 1e-3 * Normal();
        }
        return (intercept ? Design.WithIntercept("ill", cols) : Design.ThroughOrigin("ill", cols), y);
    }

    [Theory]
    [InlineData(1e6, 1, false)]
    [InlineData(1e6, 2, true)]
    [InlineData(1e8, 3, false)]
    [InlineData(1e10, 4, false)]
    [InlineData(1e12, 5, true)]
    public void RandomIllConditionedDesignsAgreeWithDoubleDouble(double kappa, int seed, bool intercept)
    {
        var (design, y) = IllConditioned(400, 5, kappa, seed, intercept);
        var fit = Ols.Fit(design, y);
        var dd = Ols.FitDoubleDouble(design, y);
        if (kappa <= 1e6) Assert.Equal(SolverPath.Refined, fit.Path);
        if (kappa >= 1e10)
        {
            Assert.Equal(SolverPath.DoubleDouble, fit.Path);
            Assert.NotNull(fit.FallbackReason);
        }
        for (int j = 0; j < design.Columns; j++)
        {
            Close(dd.Coefficients[j], fit.Coefficients[j], 1e-15, $"b{j}");
            Close(dd.StandardErrors[j], fit.StandardErrors[j], 1e-15, $"se{j}");
        }
        Close(dd.SsResidual, fit.SsResidual, 1e-15, "SSE");
    }

    [Theory]
    [InlineData(1e5, 6, true)]
    [InlineData(1e9, 7, false)]
    [InlineData(1e12, 8, false)]
    public void BeyondItsLimitRefinementCannotCertifyTheFit(double kappa, int seed, bool converges)
    {
        // Forced past the condition screen: the refinement's noise floor (about κ²·1e-32 of the coefficients) stops it
        // above its tolerance, or the double R is already near singular; within the limit it converges.
        var (design, y) = IllConditioned(300, 4, kappa, seed, intercept: false);
        var refined = RefinedQr.TrySolve(design, y, LeastSquares.ScaleExponents(design), out var reason, double.PositiveInfinity);
        Assert.Equal(converges, refined is not null);
        if (!converges)
        {
            Assert.NotNull(reason);
            Assert.Equal(SolverPath.DoubleDouble, Ols.Fit(design, y).Path);
            return;
        }
        var dd = LeastSquares.SolveDoubleDouble(design, y);
        for (int j = 0; j < design.Columns; j++)
        {
            Close(dd.Coefficients[j], refined!.Coefficients[j], 1e-15, $"b{j}");
            Close(dd.UnscaledCovariance[j, j], refined.UnscaledCovariance[j, j], 1e-15, $"cov{j}");
        }
    }

    // ---- no-intercept problems with exact (rational) certified values ----

    public static TheoryData<string> NoInterceptProblems => new() { "cubic-origin", "near-collinear-origin", "wide-scale-origin" };

    private static (Design Design, double[] Y) NoInterceptProblem(string name)
    {
        switch (name)
        {
            case "cubic-origin":
            {
                // x = 1..40, y = 0.25·x - 0.125·x² + x³/1024 + a ±1 pattern: an exact cubic through the origin plus noise.
                var x = Enumerable.Range(1, 40).Select(i => (double)i).ToArray();
                var y = x.Select((v, i) => 0.25 * v - 0.125 * v * v + v * v * v / 1024 + (i % 3 - 1)).ToArray();
                return (Design.Powers(name, false, ("x", x, null, 1), ("x2", x, null, 2), ("x3", x, null, 3)), y);
            }
            case "near-collinear-origin":
            {
                // x near 1000, x and x² through the origin: the columns are within 1e-3 of proportional (κ ~ 1e6).
                var x = Enumerable.Range(0, 31).Select(i => 1000 + i / 16.0).ToArray();
                var y = x.Select((v, i) => 3 * v - v * v / 512 + ((i * 7) % 5 - 2) / 8.0).ToArray();
                return (Design.Powers(name, false, ("x", x, null, 1), ("x2", x, null, 2)), y);
            }
            default:
            {
                // Columns of very different scale (1e-6 … 1e6), exactly representable dyadic values.
                int n = 25;
                var a = Enumerable.Range(0, n).Select(i => Math.ScaleB(i + 1, -20)).ToArray();
                var b = Enumerable.Range(0, n).Select(i => Math.ScaleB((i * i) % 7 + 1, 20)).ToArray();
                var c = Enumerable.Range(0, n).Select(i => (double)((i * 5) % 11 - 5)).ToArray();
                var y = Enumerable.Range(0, n).Select(i => 7 * a[i] * 1e6 + b[i] / 1e6 + c[i] + (i % 4) - 1.5).ToArray();
                return (Design.ThroughOrigin(name, ("a", a), ("b", b), ("c", c)), y);
            }
        }
    }

    [Theory]
    [MemberData(nameof(NoInterceptProblems))]
    public void NoInterceptProblemsMatchExactRationalSolutions(string name)
    {
        var (design, y) = NoInterceptProblem(name);
        int n = design.Rows, k = design.Columns;
        var exact = ExactSolution(design, y);
        var fit = Ols.FitRefined(design, y, out var reason)!;
        Assert.True(fit is not null, reason);
        Assert.Equal(SolverPath.Refined, fit.Path);
        for (int j = 0; j < k; j++)
        {
            AssertLre(exact.B[j], fit.Coefficients[j], $"{name} b{j}");
            AssertLre(exact.Se[j], fit.StandardErrors[j], $"{name} se{j}");
        }
        AssertLre(exact.Sse, fit.SsResidual, $"{name} SSE");
        AssertLre(Math.Sqrt(exact.Sse / (n - k)), fit.Sigma, $"{name} sigma");
        // The double-double path (Ols.Fit's at this size) certifies the same numbers.
        var dd = Ols.Fit(design, y);
        Assert.Equal(SolverPath.DoubleDouble, dd.Path);
        for (int j = 0; j < k; j++) AssertLre(exact.B[j], dd.Coefficients[j], $"{name} dd b{j}");
    }

    private static void AssertLre(double certified, double value, string what)
    {
        double lre = Lre.Of(value, certified);
        Assert.True(lre >= 13, $"{what}: {value:R} vs exact {certified:R}, LRE {lre:F2} < 13");
    }

    private static void Close(double expected, double actual, double rel, string what) =>
        Assert.True(Math.Abs(actual - expected) <= rel * Math.Abs(expected) || actual == expected,
            $"{what}: {actual:R} vs {expected:R} (relative difference {Math.Abs(actual - expected) / Math.Abs(expected):E2} > {rel:E0})");

    /// <summary>Exact least squares over the rationals (<see cref="ExactLeastSquares"/>) on the exact values of
    /// the doubles (and their low parts), SSE = Σ(y - Xb)², SE_j = sqrt(SSE/(n-k)·[(X'X)^{-1}]_jj) rounded once.</summary>
    private static (double[] B, double[] Se, double Sse) ExactSolution(Design design, double[] yd)
    {
        int n = design.Rows, k = design.Columns;
        var columns = Enumerable.Range(0, k).Select(j => Enumerable.Range(0, n)
            .Select(i => Rational.Of(design[i, j]) + Rational.Of(design.LowPartsUnsafe[j] is { } lw ? lw[i] : 0)).ToArray()).ToArray();
        var y = yd.Select(Rational.Of).ToArray();
        var (beta, inverseDiagonal, sse) = ExactLeastSquares.Solve(columns, y) ?? throw new InvalidOperationException("X'X is singular");
        var s2 = sse / new Rational(n - k, 1);
        return (beta.Select(b => b.ToDouble()).ToArray(),
            inverseDiagonal.Select(d => Math.Sqrt((s2 * d).ToDouble())).ToArray(),
            sse.ToDouble());
    }
}
