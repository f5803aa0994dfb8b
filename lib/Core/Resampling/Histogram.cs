namespace NotebookAnalysis.Resampling;

/// <summary>
/// Equal-width bins drawn as a step curve, for charts of resampling distributions: x runs over the bin edges (each
/// inner edge twice) and y is the share of the total in each bin divided by the bin width (a density), so histograms
/// of different sizes compare.
/// </summary>
public static class Histogram
{
    /// <summary>
    /// Bins <paramref name="values"/> over [<paramref name="lower"/>, <paramref name="upper"/>] (values outside go to
    /// the end bins) and returns the step curve.
    /// </summary>
    public static (double[] X, double[] Density) Steps(IEnumerable<double> values, int bins, double lower, double upper)
    {
        if (bins < 1 || bins > 100_000)
            throw new ArgumentOutOfRangeException(nameof(bins), bins, "bins must be in [1, 100000].");
        var v = values.ToArray();
        if (v.Length == 0) throw new ArgumentException("No values to bin.", nameof(values));
        if (v.Any(d => !double.IsFinite(d))) throw new ArgumentException("Values must be finite.", nameof(values));
        double lo = lower, hi = upper;
        if (!(hi >= lo)) throw new ArgumentException($"The range [{lo}, {hi}] is empty.", nameof(upper));
        if (hi == lo) { lo -= 0.5; hi += 0.5; }
        var counts = new long[bins];
        foreach (var d in v)
        {
            int k = (int)((d - lo) / (hi - lo) * bins);
            counts[Math.Clamp(k, 0, bins - 1)]++;
        }
        return Steps(counts, lo, hi);
    }

    /// <summary>The step curve of counts already binned over [lower, upper] (e.g. the exact permutation histogram).</summary>
    public static (double[] X, double[] Density) Steps(IReadOnlyList<long> counts, double lower, double upper)
    {
        int n = counts.Count;
        if (n == 0) throw new ArgumentException("No bins.", nameof(counts));
        double width = (upper - lower) / n, total = counts.Sum();
        double Edge(int k) => lower + (upper - lower) * k / n;
        var x = new double[2 * n];
        var y = new double[2 * n];
        for (int k = 0; k < n; k++)
        {
            x[2 * k] = Edge(k);
            x[2 * k + 1] = Edge(k + 1);
            y[2 * k] = y[2 * k + 1] = counts[k] / total / width;
        }
        return (x, y);
    }
}
