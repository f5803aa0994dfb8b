using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Tests.Regression;

/// <summary>Designs that cannot be fitted are refused with a ModelException naming the model and the problem.</summary>
public class DegenerateDesignTests
{
    private static readonly double[] X = [1, 2, 3, 4, 5, 6];
    private static readonly double[] Y = [2.1, 3.9, 6.2, 7.8, 10.1, 12.2];

    private static ModelException Refused(Func<object> fit)
    {
        var e = Assert.Throws<ModelException>(fit);
        Assert.Equal("m1", e.Model);
        Assert.StartsWith("model 'm1': ", e.Message);
        return e;
    }

    [Fact]
    public void ConstantX() =>
        Assert.Contains("x is constant", Refused(() => Ols.FitSimple([3, 3, 3, 3], [1, 2, 3, 4], "m1")).Reason);

    [Fact]
    public void TooFewRows() =>
        Assert.Contains("n = 2 rows but 3 coefficients",
            Refused(() => Ols.Fit(Design.WithIntercept("m1", ("a", [1.0, 2]), ("b", [3.0, 5])), [1.0, 2])).Reason);

    [Fact]
    public void ExactlyCollinearColumnsAreNamed()
    {
        var twice = X.Select(v => 2 * v).ToArray();
        var e = Refused(() => Ols.Fit(Design.WithIntercept("m1", ("x", X), ("x2", twice)), Y));
        Assert.Contains("collinear", e.Reason);
        Assert.Contains("'x'", e.Reason);
        Assert.Contains("'x2'", e.Reason);
        Assert.DoesNotContain("'intercept'", e.Reason);
    }

    [Fact]
    public void ColumnThatIsASumOfOthersIsRefused()
    {
        var z = X.Select((v, i) => v * v + i % 2).ToArray();
        var sum = X.Zip(z, (a, b) => a + b + 1).ToArray(); // = intercept + x + z
        var e = Refused(() => Ols.Fit(Design.WithIntercept("m1", ("x", X), ("z", z), ("s", sum)), Y));
        Assert.Contains("'intercept', 'x', 'z', 's'", e.Reason);
    }

    [Fact]
    public void CollinearUpToRoundingIsRefused()
    {
        // 0.1·x + 0.7 in double differs from an exact combination of [1, x] only by rounding.
        var w = X.Select(v => 0.1 * v + 0.7).ToArray();
        Assert.Contains("collinear", Refused(() => Ols.Fit(Design.WithIntercept("m1", ("x", X), ("w", w)), Y)).Reason);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void NonFiniteValuesAreRefused(double bad, string shown)
    {
        var x = (double[])X.Clone();
        x[2] = bad;
        Assert.Contains($"x has a non-finite value ({shown}) at row 3", Refused(() => Ols.FitSimple(x, Y, "m1")).Reason);
        var y = (double[])Y.Clone();
        y[4] = bad;
        Assert.Contains($"y has a non-finite value ({shown}) at row 5", Refused(() => Ols.FitSimple(X, y, "m1")).Reason);
    }

    [Fact]
    public void LengthMismatch() =>
        Assert.Contains("y has 5 values but the design has 6 rows", Refused(() => Ols.FitSimple(X, Y[..5], "m1")).Reason);

    [Fact]
    public void ZeroColumnThroughOrigin() =>
        Assert.Contains("all zeros", Refused(() => Ols.Fit(Design.ThroughOrigin("m1", ("x", X), ("z", new double[6])), Y)).Reason);

    [Fact]
    public void ExactFitIsLegalWithDocumentedInfinities()
    {
        var y = X.Select(v => 1 + 2 * v).ToArray();
        var fit = Ols.FitSimple(X, y, "m1");
        Assert.True(fit.IsExactFit);
        Assert.Equal([1.0, 2.0], fit.Coefficients);
        Assert.Equal(0, fit.Sigma);
        Assert.All(fit.StandardErrors, se => Assert.Equal(0, se));
        Assert.All(fit.TValues, t => Assert.Equal(double.PositiveInfinity, t));
        Assert.All(fit.PValues, p => Assert.Equal(0, p));
        Assert.Equal(double.PositiveInfinity, fit.FStatistic);
        Assert.Equal(0, fit.FPValue);
        Assert.Equal(1, fit.RSquared);
        Assert.Equal((2.0, 2.0), fit.ConfidenceInterval("x"));
        Assert.Contains("exact fit", Assert.Throws<ModelException>(() => fit.DurbinWatson).Reason);
        Assert.Contains("exact fit", Assert.Throws<ModelException>(() => fit.StudentizedResiduals).Reason);
        Assert.Contains("undefined", fit.Summary());
    }

    [Fact]
    public void ConstantResponseIsAnExactFitWithUndefinedRSquared()
    {
        var fit = Ols.FitSimple(X, Enumerable.Repeat(4.25, X.Length).ToArray(), "m1");
        Assert.True(fit.IsExactFit);
        Assert.Equal(4.25, fit.Coefficients[0]);
        Assert.Equal(0.0, fit.Coefficients[1]);
        Assert.Equal(0.0, fit.TValues[1]);
        Assert.Equal(1.0, fit.PValues[1]);
        Assert.Contains("R² is undefined", Assert.Throws<ModelException>(() => fit.RSquared).Reason);
        Assert.Contains("F is undefined", Assert.Throws<ModelException>(() => fit.FStatistic).Reason);
        Assert.Contains("undefined", fit.Summary());
    }

    [Fact]
    public void ConfidenceLevelOutsideTheUnitIntervalNamesTheParameter()
    {
        var fit = Ols.FitSimple(X, Y, "m1");
        Assert.Equal("level", Assert.Throws<ArgumentOutOfRangeException>(() => fit.ConfidenceInterval("x", 1.0)).ParamName);
        Assert.Equal("level", Assert.Throws<ArgumentOutOfRangeException>(() => fit.ConfidenceInterval("x", 0)).ParamName);
        Assert.Throws<ArgumentException>(() => fit.ConfidenceInterval("nope"));
    }

    [Fact]
    public void DesignCopiesItsInputs()
    {
        var x = (double[])X.Clone();
        var d = Design.WithIntercept("m1", ("x", x));
        x[0] = 99;
        Assert.Equal(1.0, d[0, 1]);
        Assert.Equal(1.0, d[0, 0]);
        Assert.Equal(["intercept", "x"], d.Terms);
        Assert.True(d.HasIntercept);
        Assert.Equal((6, 2), (d.Rows, d.Columns));
    }
}
