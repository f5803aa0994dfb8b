using NotebookAnalysis.Models;
using NotebookAnalysis.Regression;
using DD = NotebookAnalysis.Regression.DoubleDouble;

namespace NotebookAnalysis.Tests.Regression;

/// <summary>
/// The hat diagonal the engine computes (2^e scaling by one product, the first column's term reused while x_i0
/// repeats) against the plain forward substitution it replaced, to the bit, and the leave-one-out predictions built on
/// it against refits without each row.
/// </summary>
public class LeverageTests
{
    /// <summary>h_i = ||x_s,i' R_s^{-1}||² by forward substitution in double-double with Math.ScaleB, every row on its own.</summary>
    private static double[] Reference(Design design, DD[,] rs, int[] scaleExp)
    {
        int n = design.Rows, k = design.Columns;
        var h = new double[n];
        var q = new DD[k];
        for (int i = 0; i < n; i++)
        {
            DD sum = DD.Zero;
            for (int j = 0; j < k; j++)
            {
                DD s = DD.ScaleB(new DD(design.ColumnsUnsafe[j][i], design.LowPartsUnsafe[j] is { } lw ? lw[i] : 0), scaleExp[j]);
                for (int l = 0; l < j; l++) s -= rs[l, j] * q[l];
                q[j] = s / rs[j, j];
                sum += q[j] * q[j];
            }
            h[i] = sum.ToDouble();
        }
        return h;
    }

    public static TheoryData<int, bool, int> Designs => new()
    {
        { 10, true, 1 }, { 10, true, 2 }, { 500, true, 1 }, { 500, true, 3 }, { 500, false, 2 }, { 2_000, true, 2 },
    };

    [Theory]
    [MemberData(nameof(Designs))]
    public void EqualsThePlainForwardSubstitutionToTheBit(int n, bool intercept, int regressors)
    {
        var rng = new Random(n * 10 + regressors);
        var columns = new (string, double[])[regressors];
        for (int j = 0; j < regressors; j++)
        {
            // Repeated values (counts, years) and a column far from unit scale, so that the reuse and the scaling both act.
            var c = new double[n];
            for (int i = 0; i < n; i++) c[i] = j == 0 ? Math.Floor(rng.NextDouble() * 7) : (rng.NextDouble() - 0.3) * Math.Pow(10, 3 * j);
            columns[j] = ($"x{j}", c);
        }
        var y = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var design = intercept ? Design.WithIntercept("leverage", columns) : Design.ThroughOrigin("leverage", columns);
        var fit = Ols.Fit(design, y);

        // R_s as Complete receives it: the double-double Householder QR of the equilibrated design.
        var scaleExp = LeastSquares.ScaleExponents(design);
        var rs = EquilibratedR(design, scaleExp);
        var expected = Reference(design, rs, scaleExp);
        var dd = LeastSquares.Complete(design, y, scaleExp, rs, new DD[design.Columns], SolverPath.DoubleDouble, 0).Leverage();
        for (int i = 0; i < n; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(dd[i]));
        // And the fit's own leverage is a hat diagonal: in [0, 1], summing to k.
        Assert.All(fit.Leverage, h => Assert.InRange(h, 0, 1));
        Assert.Equal(design.Columns, fit.Leverage.Sum(), 1e-9);
    }

    /// <summary>R_s of the equilibrated design by Householder QR in double-double (as the fallback path computes it).</summary>
    private static DD[,] EquilibratedR(Design design, int[] scaleExp)
    {
        int n = design.Rows, k = design.Columns;
        var a = new DD[k][];
        for (int j = 0; j < k; j++)
        {
            a[j] = new DD[n];
            for (int i = 0; i < n; i++) a[j][i] = DD.ScaleB(new DD(design.ColumnsUnsafe[j][i], 0), scaleExp[j]);
        }
        var rs = new DD[k, k];
        for (int j = 0; j < k; j++)
        {
            var u = a[j];
            DD norm2 = DD.Zero;
            for (int i = j; i < n; i++) norm2 += u[i] * u[i];
            var alpha = u[j].Hi >= 0 ? -DD.Sqrt(norm2) : DD.Sqrt(norm2);
            rs[j, j] = alpha;
            u[j] -= alpha;
            var beta = -alpha * u[j];
            for (int c = j + 1; c < k; c++)
            {
                var w = a[c];
                DD s = DD.Zero;
                for (int i = j; i < n; i++) s += u[i] * w[i];
                var f = s / beta;
                for (int i = j; i < n; i++) w[i] -= f * u[i];
                rs[j, c] = w[j];
            }
        }
        return rs;
    }

    [Theory]
    [InlineData(12)]
    [InlineData(200)]
    public void LeaveOneOutThroughTheHatMatrixEqualsRefitsWithoutEachRow(int n)
    {
        var rng = new Random(20190705 + n);
        var years = Enumerable.Range(2000, n).ToArray();
        var x = Enumerable.Range(0, n).Select(i => Math.Floor(5 + i * 0.7 + rng.NextDouble() * 4)).ToArray();
        var y = x.Select(v => Math.Round(3 + 0.05 * v + rng.NextDouble() * 0.4, 1)).ToArray();
        var input = ModelInput.FromArrays("T", years, y, x);
        foreach (var spec in new[] { ModelSpecs.Base, ModelSpecs.Quadratic, ModelSpecs.LogYX, ModelSpecs.FirstDifference })
        {
            var fit = AlternativeModels.Fit(input, spec);
            var loo = fit.Loo!;
            var data = fit.Data;
            for (int i = 0; i < data.Rows; i++)
            {
                // Refit without row i and predict it on the model's scale, then take it to the level of y.
                var keep = Enumerable.Range(0, data.Rows).Where(r => r != i).ToArray();
                var cols = Enumerable.Range(1, data.Design.Columns - 1)
                    .Select(j => (data.Design.Terms[j], keep.Select(r => data.Design[r, j]).ToArray())).ToArray();
                var refit = Ols.Fit(Design.WithIntercept("refit", cols), keep.Select(r => data.Response[r]).ToArray());
                double modelScale = refit.Coefficients[0];
                for (int j = 1; j < data.Design.Columns; j++) modelScale += refit.Coefficients[j] * data.Design[i, j];
                double expected = data.ToLevel(i, modelScale);
                Assert.True(Math.Abs(loo.Predicted[i] - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)),
                    $"{spec.Name}, row {i}: hat matrix {loo.Predicted[i]:R}, refit {expected:R}");
            }
        }
    }
}
