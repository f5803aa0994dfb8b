using NotebookAnalysis.Report.Pipeline;
using System.Diagnostics;
using NotebookAnalysis.Data;
using NotebookAnalysis.Resampling;

namespace NotebookAnalysis.Tests.Resampling;

public class PermutationTestTests(ITestOutputHelper output)
{
    // Integer x and y on a 0.1 grid (as 10·y): every permutation's centred statistic is an exact integer,
    // so ties are decided exactly, with no tolerance. An independent check of the double enumeration.
    private static (long Count, long Total) IntegerEnumeration(int[] x, int[] y10)
    {
        int n = x.Length;
        long sx = x.Sum(), sy = y10.Sum();
        long Stat(int[] xp)
        {
            long s = 0;
            for (int i = 0; i < n; i++) s += (long)xp[i] * y10[i];
            return Math.Abs(n * s - sx * sy);
        }
        long obs = Stat(x);
        // Heap's algorithm (a different walk from the library's swap tree), recomputing the sum per permutation.
        var a = (int[])x.Clone();
        var c = new int[n];
        long count = Stat(a) >= obs ? 1 : 0, total = 1;
        for (int i = 0; i < n;)
        {
            if (c[i] < i)
            {
                int j = i % 2 == 0 ? 0 : c[i];
                (a[j], a[i]) = (a[i], a[j]);
                total++;
                if (Stat(a) >= obs) count++;
                c[i]++;
                i = 0;
            }
            else
            {
                c[i] = 0;
                i++;
            }
        }
        return (count, total);
    }

    [Fact]
    public void Exact_SmallCaseWithTies_MatchesIndependentIntegerEnumeration()
    {
        int[] x = [3, 5, 6, 9, 12, 14, 20];
        int[] y10 = [33, 33, 34, 33, 34, 34, 35];
        var (count, total) = IntegerEnumeration(x, y10);
        Assert.Equal(5040, total);
        var r = PermutationTest.Exact(x.Select(v => (double)v).ToArray(), y10.Select(v => v / 10.0).ToArray());
        Assert.Equal(total, r.Permutations);
        Assert.Equal(count, r.AtLeastAsExtreme);
        Assert.Equal((double)count / total, r.PValue);
        Assert.Equal(0.0, r.StandardError);
    }

    [Fact]
    public void Exact_SmallCaseWithoutTies_MatchesBruteForceSlopes()
    {
        // n = 6 real-valued data: brute force over all 720 orderings with a full slope formula per ordering.
        double[] x = [0.31, 1.7, 2.2, 3.9, 4.05, 6.6];
        double[] y = [1.2, 0.7, 2.9, 2.4, 3.35, 3.1];
        double Slope(double[] xp)
        {
            double mx = xp.Average(), my = y.Average();
            return xp.Zip(y, (a, b) => (a - mx) * (b - my)).Sum() / xp.Sum(a => (a - mx) * (a - mx));
        }
        double obs = Math.Abs(Slope(x));
        int count = 0, total = 0;
        foreach (var p in Permutations(Enumerable.Range(0, 6).ToList()))
        {
            total++;
            if (Math.Abs(Slope(p.Select(i => x[i]).ToArray())) >= obs * (1 - 1e-9)) count++;
        }
        var r = PermutationTest.Exact(x, y);
        Assert.Equal(720, total);
        Assert.Equal(count, r.AtLeastAsExtreme);
        Assert.Equal(Slope(x), r.ObservedSlope, 12);
    }

    private static IEnumerable<List<int>> Permutations(List<int> items)
    {
        if (items.Count == 0) { yield return []; yield break; }
        foreach (var first in items)
            foreach (var rest in Permutations(items.Where(v => v != first).ToList()))
                yield return [first, .. rest];
    }

    [Theory]
    [InlineData("T2_goods")]
    [InlineData("T3_financial")]
    [InlineData("T4_innovation")]
    public void Exact_BundledTables_MatchIntegerEnumeration(string market)
    {
        var s = Table1.LoadBundled().Series(market);
        int[] x = s.Clusters.Select(v => (int)v).ToArray();
        int[] y10 = s.Score.Select(v => (int)Math.Round(v * 10)).ToArray();
        Assert.True(s.Score.Zip(y10).All(p => Math.Abs(p.First * 10 - p.Second) < 1e-9), "scores must be on a 0.1 grid for this check");
        var (count, total) = IntegerEnumeration(x, y10);
        var r = PermutationTest.Exact(s.ClustersArray(), s.ScoreArray());
        Assert.Equal(3_628_800, total);
        Assert.Equal(count, r.AtLeastAsExtreme);
        output.WriteLine($"{s.Spec.Id}: {r.Summary()}");
    }

    [Fact]
    public void Exact_Table3_IsOneSplitInC10_4()
    {
        // y2 takes two values (4 × 3.3, 6 × 3.4); only which 4 cluster counts sit at 3.3 matters: C(10,4) = 210
        // splits, each reached by 4!·6! pairings. The printed split is the most extreme one, so p = 1/210.
        var s = Table1.LoadBundled().Series(Market.Financial);
        var r = PermutationTest.Exact(s.ClustersArray(), s.ScoreArray());
        Assert.Equal(24L * 720, r.AtLeastAsExtreme);
        Assert.Equal(1.0 / 210, r.PValue, 15);
        Assert.Equal(r.PValue, r.MinimumAttainablePValue);
    }

    [Fact]
    public void MonteCarlo_AgreesWithExact_WithinItsStandardError()
    {
        var s = Table1.LoadBundled().Series(Market.Innovation);
        double[] x = s.ClustersArray(), y = s.ScoreArray();
        double exact = PermutationTest.Exact(x, y).PValue;
        int within1 = 0, seeds = 40;
        for (int seed = 1; seed <= seeds; seed++)
        {
            var mc = PermutationTest.MonteCarlo(x, y, 4000, seed);
            double z = Math.Abs(mc.PValue - exact) / mc.StandardError;
            Assert.True(z < 3.5, $"seed {seed}: MC p {mc.PValue} vs exact {exact}, {z:F2} SE apart");
            if (z <= 1) within1++;
        }
        // About 68% of seeds should land within one SE; fewer than half would mean a biased estimator.
        Assert.True(within1 >= seeds / 2, $"only {within1}/{seeds} seeds within 1 SE");
        output.WriteLine($"exact {exact}; {within1}/{seeds} Monte Carlo estimates within 1 SE");
    }

    [Fact]
    public void MonteCarlo_SmallCase_WithinThreeStandardErrors_AndSeeded()
    {
        double[] x = [3, 5, 6, 9, 12, 14, 20];
        double[] y = [3.3, 3.5, 3.4, 3.3, 3.6, 3.4, 3.5];
        var exact = PermutationTest.Exact(x, y);
        var a = PermutationTest.MonteCarlo(x, y, 10_000, 7);
        var b = PermutationTest.MonteCarlo(x, y, 10_000, 7);
        Assert.Equal(a.AtLeastAsExtreme, b.AtLeastAsExtreme);
        Assert.InRange(a.PValue, exact.PValue - 3 * a.StandardError, exact.PValue + 3 * a.StandardError);
        Assert.Equal((a.AtLeastAsExtreme + 1.0) / 10_001, a.ConservativePValue);
    }

    [Fact]
    public void Exact_TooLargeN_IsAnErrorNamingTheRange()
    {
        var x = Enumerable.Range(1, 13).Select(v => (double)v).ToArray();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => PermutationTest.Exact(x, x));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("3 ≤ n ≤ 12", ex.Message);
        Assert.Contains("MonteCarlo", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void MonteCarlo_NonPositiveReplicates_IsAnError(int replicates)
    {
        double[] x = [1, 2, 3, 4];
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => PermutationTest.MonteCarlo(x, x, replicates, 1));
        Assert.Equal("replicates", ex.ParamName);
        Assert.Contains("[1, 100,000,000]", ex.Message);
    }

    [Fact]
    public void BadData_AreErrors()
    {
        Assert.Throws<ArgumentException>(() => PermutationTest.Exact([1, 2, 3], [1, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PermutationTest.Exact([1, 2], [1, 2]));
        // A constant x is data the slope is undefined for (a model error); the others are calls no loaded table makes.
        Assert.Contains("x is constant", Assert.Throws<NotebookAnalysis.Regression.ModelException>(() => PermutationTest.Exact([1, 1, 1], [1, 2, 3])).Message);
        Assert.Throws<ArgumentException>(() => PermutationTest.Exact([1, 2, double.NaN], [1, 2, 3]));
    }
}
