namespace NotebookAnalysis.Resampling;

/// <summary>Counts in equal-width bins, for charts of resampling distributions. Immutable.</summary>
public sealed class Histogram
{
    private readonly long[] _counts;

    private Histogram(double lower, double upper, long[] counts)
    {
        Lower = lower;
        Upper = upper;
        _counts = counts;
    }

    /// <summary>Left edge of the first bin.</summary>
    public double Lower { get; }

    /// <summary>Right edge of the last bin.</summary>
    public double Upper { get; }

    /// <summary>Counts per bin.</summary>
    public IReadOnlyList<long> Counts => _counts;

    /// <summary>Sum of the counts.</summary>
    public long Total => _counts.Sum();

    /// <summary>Edge k of the bins (k = 0 … bin count).</summary>
    public double Edge(int k) => Lower + (Upper - Lower) * k / _counts.Length;

    /// <summary>
    /// Bins <paramref name="values"/> over [<paramref name="lower"/>, <paramref name="upper"/>]; values outside
    /// go to the end bins. With no range given, the range is the values' minimum and maximum.
    /// </summary>
    public static Histogram Of(IEnumerable<double> values, int bins, double? lower = null, double? upper = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (bins < 1 || bins > 100_000)
            throw new ArgumentOutOfRangeException(nameof(bins), bins, "bins must be in [1, 100000].");
        var v = values.ToArray();
        if (v.Length == 0) throw new ArgumentException("No values to bin.", nameof(values));
        if (v.Any(d => !double.IsFinite(d))) throw new ArgumentException("Values must be finite.", nameof(values));
        double lo = lower ?? v.Min(), hi = upper ?? v.Max();
        if (!(hi >= lo)) throw new ArgumentException($"The range [{lo}, {hi}] is empty.", nameof(upper));
        if (hi == lo) { lo -= 0.5; hi += 0.5; }
        var counts = new long[bins];
        foreach (var d in v)
        {
            int k = (int)((d - lo) / (hi - lo) * bins);
            counts[Math.Clamp(k, 0, bins - 1)]++;
        }
        return new Histogram(lo, hi, counts);
    }

    /// <summary>Wraps counts already binned over [lower, upper] (e.g. the exact permutation histogram).</summary>
    public static Histogram FromCounts(IReadOnlyList<long> counts, double lower, double upper)
    {
        if (counts.Count == 0) throw new ArgumentException("No bins.", nameof(counts));
        return new Histogram(lower, upper, [.. counts]);
    }

    /// <summary>
    /// The outline as a step curve: x runs over the bin edges (each inner edge twice) and y is the share of
    /// the total in each bin divided by the bin width (a density), so histograms of different sizes compare.
    /// </summary>
    public (double[] X, double[] Density) Steps()
    {
        int n = _counts.Length;
        double width = (Upper - Lower) / n, total = Total;
        var x = new double[2 * n];
        var y = new double[2 * n];
        for (int k = 0; k < n; k++)
        {
            x[2 * k] = Edge(k);
            x[2 * k + 1] = Edge(k + 1);
            y[2 * k] = y[2 * k + 1] = _counts[k] / total / width;
        }
        return (x, y);
    }
}
