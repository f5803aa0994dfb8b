using NotebookAnalysis.Statistics;

namespace NotebookAnalysis.Tests.Statistics;

/// <summary>Tails and quantiles against closed forms that hold for particular degrees of freedom.</summary>
public class DistributionsTests
{
    private static void Close(double expected, double actual, double rel) =>
        Assert.True(Math.Abs(expected - actual) <= rel * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(3.7)]
    [InlineData(250.0)]
    [InlineData(1e6)]
    public void StudentTClosedForms(double t)
    {
        // ν = 1 (Cauchy): p = (2/π) atan(1/|t|).  ν = 2: p = 2 / (sqrt(2+t²)(sqrt(2+t²)+|t|)), cancellation-free.
        Close(2 / Math.PI * Math.Atan(1 / t), Distributions.StudentTTwoSidedP(-t, 1), 1e-13);
        double s = Math.Sqrt(2 + t * t);
        Close(2 / (s * (s + t)), Distributions.StudentTTwoSidedP(t, 2), 1e-13);
    }

    [Fact]
    public void StudentTExactValues()
    {
        Assert.Equal(1.0, Distributions.StudentTTwoSidedP(0, 8));
        Assert.Equal(0.0, Distributions.StudentTTwoSidedP(double.PositiveInfinity, 8));
        // ν = 2 quantile: t = (2p-1) sqrt(2 / (4p(1-p))).
        foreach (var p in new[] { 0.6, 0.9, 0.975, 0.999, 0.01 })
            Close((2 * p - 1) * Math.Sqrt(2 / (4 * p * (1 - p))), Distributions.StudentTQuantile(p, 2), 1e-12);
        // ν = 1: t = tan(π(p - 1/2)).
        Close(Math.Tan(Math.PI * (0.975 - 0.5)), Distributions.StudentTQuantile(0.975, 1), 1e-12);
        // Round trip for the paper's ν = 8.
        double q = Distributions.StudentTQuantile(0.975, 8);
        Close(0.05, Distributions.StudentTTwoSidedP(q, 8), 1e-13);
        Assert.Throws<ArgumentOutOfRangeException>(() => Distributions.StudentTQuantile(1, 8));
    }

    [Theory]
    [InlineData(0.3, 8)]
    [InlineData(183.0, 8)]
    [InlineData(1e5, 3)]
    public void FWithOneNumeratorDfIsTSquared(double f, double d2) =>
        Close(Distributions.StudentTTwoSidedP(Math.Sqrt(f), d2), Distributions.FUpperTail(f, 1, d2), 1e-12);

    [Fact]
    public void FWithTwoAndTwoDf() // P(F ≥ f) = 1/(1+f) for d1 = d2 = 2.
    {
        foreach (var f in new[] { 0.1, 1.0, 19.0, 1e8 })
            Close(1 / (1 + f), Distributions.FUpperTail(f, 2, 2), 1e-13);
        Assert.Equal(0.0, Distributions.FUpperTail(double.PositiveInfinity, 1, 8));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(5.0)]
    [InlineData(200.0)]
    public void ChiSquaredClosedForms(double x)
    {
        Close(Math.Exp(-x / 2), Distributions.ChiSquaredUpperTail(x, 2), 1e-13);
        Close(Math.Exp(-x / 2) * (1 + x / 2), Distributions.ChiSquaredUpperTail(x, 4), 1e-13);
        Close(MathNet.Numerics.SpecialFunctions.Erfc(Math.Sqrt(x / 2)), Distributions.ChiSquaredUpperTail(x, 1), 1e-12);
    }
}
