namespace NotebookAnalysis.Data;

/// <summary>
/// One market's series from Table 1: y = WEF pillar score, x = number of clusters, by year.
/// Arrays are copies; the series is immutable.
/// </summary>
public sealed class MarketSeries
{
    private readonly int[] _years;
    private readonly double[] _score;
    private readonly double[] _clusters;

    public MarketSeries(MarketSpec spec, IReadOnlyList<int> years, IReadOnlyList<double> score, IReadOnlyList<double> clusters, string source)
    {
        if (years.Count != score.Count || years.Count != clusters.Count)
            throw new ArgumentException("Years, scores and cluster counts must have the same length.");
        Spec = spec;
        _years = [.. years];
        _score = [.. score];
        _clusters = [.. clusters];
        Source = source;
    }

    /// <summary>Which market and table this is.</summary>
    public MarketSpec Spec { get; }

    /// <summary>The file the series was read from (for messages).</summary>
    public string Source { get; }

    /// <summary>Number of years.</summary>
    public int Count => _years.Length;

    /// <summary>Calendar years, ascending and consecutive.</summary>
    public IReadOnlyList<int> Years => _years;

    /// <summary>y: the WEF pillar score.</summary>
    public IReadOnlyList<double> Score => _score;

    /// <summary>x: the number of clusters.</summary>
    public IReadOnlyList<double> Clusters => _clusters;

    /// <summary>Years as doubles, for use as a regressor.</summary>
    public double[] YearsAsDouble() => _years.Select(v => (double)v).ToArray();

    /// <summary>A copy of y.</summary>
    public double[] ScoreArray() => (double[])_score.Clone();

    /// <summary>A copy of x.</summary>
    public double[] ClustersArray() => (double[])_clusters.Clone();
}
