using NotebookAnalysis.Regression;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Regression;

/// <summary>The vectorized compensated kernels keep the exact rounding errors (they rely on a true fused multiply-add).</summary>
public class CompensatedTests
{
    [Fact]
    public void ProductErrorsAreCarried()
    {
        // (1 + 2^-30)(1 - 2^-30) = 1 - 2^-60: hi rounds to 1, the low part must hold exactly -2^-60, in every lane and the tail.
        int n = 37;
        var x = Enumerable.Repeat(1 + Math.ScaleB(1, -30), n).ToArray();
        var hi = new double[n];
        var lo = new double[n];
        Compensated.AddScaledColumn(x, default, new DoubleDouble(1 - Math.ScaleB(1, -30), 0), hi, lo);
        Assert.All(hi, v => Assert.Equal(1.0, v));
        Assert.All(lo, v => Assert.Equal(-Math.ScaleB(1, -60), v));
    }

    [Fact]
    public void SumsOfSquaresSurviveCancellation()
    {
        // y = 1e8 + r with tiny r: Σ(y - f)² must be Σr² to full precision although y - f cancels 8 digits.
        int n = 101;
        var y = Enumerable.Range(0, n).Select(i => 1e8 + (i % 7 - 3) * 1e-6).ToArray();
        var fHi = Enumerable.Repeat(1e8, n).ToArray();
        var fLo = new double[n];
        var (sse, _, _) = Compensated.ResidualsAndSums(y, default, fHi, fLo, DoubleDouble.Zero, new double[n], new double[n]);
        // y_i - 1e8 is exact in double (Sterbenz), so the reference is Σ of exact squares, summed in decimal.
        decimal expected = y.Select(v => DecimalOracle.D(v - 1e8) * DecimalOracle.D(v - 1e8)).Sum();
        DecimalOracle.Close((double)expected, sse.ToDouble(), 1e-15, "SSE");
        // Σy in double-double against the decimal sum of the doubles.
        DecimalOracle.Close((double)y.Select(DecimalOracle.D).Sum(), Compensated.Sum(y).ToDouble(), 1e-16, "Σy");
    }
}
