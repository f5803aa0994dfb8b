using NotebookAnalysis.Resampling;

namespace NotebookAnalysis.Tests.Resampling;

/// <summary>SimpleSlope.FitOnFixedX (the rounding Monte Carlo's refit) gives FitFull's numbers to the bit.</summary>
public class FixedXFitTests
{
    [Theory]
    [InlineData(10, 1)]
    [InlineData(1_000, 2)]
    [InlineData(20_000, 3)]
    public void EqualsFitFullToTheBit(int n, int seed)
    {
        var rng = new Random(seed);
        var x = Enumerable.Range(0, n).Select(i => Math.Floor(10 + i * 0.3 + rng.NextDouble() * 5)).ToArray();
        double mx = SimpleSlope.Mean(x), sxx = 0;
        var xc = new double[n];
        for (int i = 0; i < n; i++)
        {
            xc[i] = x[i] - mx;
            sxx += xc[i] * xc[i];
        }
        for (int draw = 0; draw < 20; draw++)
        {
            var y = x.Select(v => Math.Round(3 + 0.01 * v, 1) + (2 * rng.NextDouble() - 1) * 0.05).ToArray();
            var full = SimpleSlope.FitFull(x, y);
            var fixedX = SimpleSlope.FitOnFixedX(x, xc, mx, sxx, y, SimpleSlope.Mean(y));
            Assert.Equal(full, fixedX);
            Assert.Equal(BitConverter.DoubleToInt64Bits(full.P), BitConverter.DoubleToInt64Bits(fixedX.P));
            Assert.Equal(BitConverter.DoubleToInt64Bits(full.Slope), BitConverter.DoubleToInt64Bits(fixedX.Slope));
        }
    }
}
