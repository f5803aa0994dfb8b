using System.Globalization;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathStats = MathNet.Numerics.Statistics.Statistics;
using MathNet.Numerics.Statistics;
using NotebookAnalysis.Data;
using NotebookAnalysis.Resampling;

namespace NotebookAnalysis.Tests.Resampling;

public class BootstrapTests
{
    private static (double[] X, double[] Y) Data(Market m)
    {
        var s = Table1.LoadBundled().Series(m);
        return (s.ClustersArray(), s.ScoreArray());
    }

    [Fact]
    public void Pairs_ReplicatesMatchANaiveRefitWithTheSameDraws()
    {
        var (x, y) = Data(Market.Goods);
        var r = Bootstrap.Pairs(x, y, 500, 11);
        var rng = new Random(11);
        int n = x.Length;
        for (int k = 0; k < 500;)
        {
            var idx = Enumerable.Range(0, n).Select(_ => rng.Next(n)).ToArray();
            var bx = idx.Select(i => x[i]).ToArray();
            if (bx.Distinct().Count() == 1) continue;
            var (_, slope) = Fit.Line(bx, idx.Select(i => y[i]).ToArray());
            Assert.Equal(slope, r.Replicates[k], 1e-12);
            k++;
        }
    }

    [Fact]
    public void Residual_ReplicatesMatchANaiveRefitOnRebuiltY()
    {
        var (x, y) = Data(Market.Innovation);
        int n = x.Length;
        var (a, b) = Fit.Line(x, y);
        double mx = x.Average(), sxx = x.Sum(v => (v - mx) * (v - mx));
        var r0 = Enumerable.Range(0, n).Select(i => (y[i] - a - b * x[i]) / Math.Sqrt(1 - (1.0 / n + (x[i] - mx) * (x[i] - mx) / sxx))).ToArray();
        var rm = r0.Average();
        var res = r0.Select(v => v - rm).ToArray();
        var boot = Bootstrap.Residual(x, y, 300, 5);
        var rng = new Random(5);
        for (int k = 0; k < 300; k++)
        {
            var ystar = Enumerable.Range(0, n).Select(i => a + b * x[i] + res[rng.Next(n)]).ToArray();
            Assert.Equal(Fit.Line(x, ystar).B, boot.Replicates[k], 1e-12);
        }
    }

    [Fact]
    public void Percentile_UsesType7Quantiles()
    {
        var (x, y) = Data(Market.Financial);
        var r = Bootstrap.Pairs(x, y, 2000, 3);
        var ci = r.Percentile(0.9);
        Assert.Equal(MathStats.QuantileCustom(r.Replicates.ToArray(), 0.05, QuantileDefinition.R7), ci.Lower, 15);
        Assert.Equal(MathStats.QuantileCustom(r.Replicates.ToArray(), 0.95, QuantileDefinition.R7), ci.Upper, 15);
    }

    [Fact]
    public void BCa_MatchesTheTextbookFormulaComputedIndependently()
    {
        var (x, y) = Data(Market.Innovation);
        var r = Bootstrap.Pairs(x, y, 4000, 9);
        double b = Fit.Line(x, y).B;
        var reps = r.Replicates.ToArray();
        double z0 = Normal.InvCDF(0, 1, reps.Count(v => v < b) / (double)reps.Length);
        var jack = Enumerable.Range(0, x.Length).Select(k =>
            Fit.Line(x.Where((_, i) => i != k).ToArray(), y.Where((_, i) => i != k).ToArray()).B).ToArray();
        double jm = jack.Average();
        double acc = jack.Sum(t => Math.Pow(jm - t, 3)) / (6 * Math.Pow(jack.Sum(t => Math.Pow(jm - t, 2)), 1.5));
        double Adj(double p) { double z = z0 + Normal.InvCDF(0, 1, p); return Normal.CDF(0, 1, z0 + z / (1 - acc * z)); }
        var ci = r.BCa(0.95);
        Assert.Equal(z0, r.BiasCorrection.Value, 12);
        Assert.Equal(acc, r.Acceleration.Value, 12);
        Assert.Equal(MathStats.QuantileCustom(reps, Adj(0.025), QuantileDefinition.R7), ci.Lower.Value, 12);
        Assert.Equal(MathStats.QuantileCustom(reps, Adj(0.975), QuantileDefinition.R7), ci.Upper.Value, 12);
    }

    [Fact]
    public void Bootstrap_SlopeSpreadAgreesWithTheOlsStandardError()
    {
        // Goods: the OLS SE of the slope is about 3.0e-4 (Table 2's residuals are small and regular);
        // the residual bootstrap SE should agree within 10%.
        var (x, y) = Data(Market.Goods);
        double mx = x.Average(), sxx = x.Sum(v => (v - mx) * (v - mx));
        var (a, b) = Fit.Line(x, y);
        double sse = x.Zip(y, (xi, yi) => Math.Pow(yi - a - b * xi, 2)).Sum();
        double se = Math.Sqrt(sse / (x.Length - 2) / sxx);
        var r = Bootstrap.Residual(x, y, 10_000, 1);
        Assert.InRange(r.StandardError / se, 0.9, 1.1);
    }

    [Fact]
    public void SameSeed_SameOutput()
    {
        var (x, y) = Data(Market.Financial);
        Assert.Equal(Bootstrap.Pairs(x, y, 1000, 42).Replicates, Bootstrap.Pairs(x, y, 1000, 42).Replicates);
        Assert.Equal(Bootstrap.Residual(x, y, 1000, 42).Replicates, Bootstrap.Residual(x, y, 1000, 42).Replicates);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(95.0)]
    [InlineData(double.NaN)]
    public void LevelOutsideZeroOne_IsAnError(double level)
    {
        var (x, y) = Data(Market.Goods);
        var r = Bootstrap.Pairs(x, y, 100, 1);
        Assert.Equal("level", Assert.Throws<ArgumentOutOfRangeException>(() => r.Percentile(level)).ParamName);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => r.BCa(level));
        Assert.Contains("strictly between 0 and 1", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void NonPositiveReplicates_IsAnError(int replicates)
    {
        var (x, y) = Data(Market.Goods);
        Assert.Equal("replicates", Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.Pairs(x, y, replicates, 1)).ParamName);
        Assert.Equal("replicates", Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.Residual(x, y, replicates, 1)).ParamName);
        Assert.Equal("replicates", Assert.Throws<ArgumentOutOfRangeException>(() => RoundingSensitivity.Simulate(x, y, replicates, 1)).ParamName);
    }

    [Fact]
    public void Pairs_RedrawsResamplesWithConstantX()
    {
        // Two distinct x values out of three: about 2·(1/3)³ + (2/3)³ … of resamples are constant; they must be redrawn, not NaN.
        double[] x = [1, 1, 2];
        double[] y = [1.0, 1.5, 2.5];
        var r = Bootstrap.Pairs(x, y, 2000, 4);
        Assert.Equal(2000, r.Replicates.Count); // redrawn, not skipped
        Assert.All(r.Replicates, v => Assert.True(double.IsFinite(v)));
    }
}
