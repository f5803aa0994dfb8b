using NotebookAnalysis.Charts;
using NotebookAnalysis.Data;
using NotebookAnalysis.Resampling;

namespace NotebookAnalysis.Tests.Resampling;

public class ResamplingChartsTests
{
    [Fact]
    public void EveryChartValidates_HasAUniqueR07Name_AndMarksTheObservedValue()
    {
        var t1 = Table1.LoadBundled();
        var all = t1.AllSeries().Select(s => MarketResampling.Run(s, ResamplingCharts.Bins)).ToList();
        var specs = all.SelectMany(m => new[] { ResamplingCharts.PermutationDistribution(m), ResamplingCharts.BootstrapDistribution(m) })
            .Concat([ResamplingCharts.RoundingSlopes(all), ResamplingCharts.RoundingRSquared(all), ResamplingCharts.RoundingPValues(all),
                     ResamplingCharts.RoundingBox(t1.Series(Market.Financial), all.Single(m => m.Spec.Id == Market.Financial.Id))])
            .ToList();
        foreach (var s in specs) s.Validate();
        Assert.All(specs, s => Assert.StartsWith("r07-", s.Name));
        Assert.Equal(specs.Count, specs.Select(s => s.Name).Distinct().Count());
        foreach (var m in all)
        {
            var perm = ResamplingCharts.PermutationDistribution(m);
            var observed = perm.Series.Single(s => s.Label.StartsWith("observed slope"));
            Assert.All(observed.X, x => Assert.Equal(m.Permutation.ObservedSlope, x));
            // The histogram holds all n! pairings.
            Assert.Equal(m.Permutation.Permutations, m.Permutation.Histogram.Sum());
        }
    }

    [Fact]
    public void PermutationChart_WithoutHistogram_IsAClearError()
    {
        var m = MarketResampling.Run(Table1.LoadBundled().Series(Market.Goods));
        var ex = Assert.Throws<ArgumentException>(() => ResamplingCharts.PermutationDistribution(m));
        Assert.Contains("histogramBins", ex.Message);
    }
}
