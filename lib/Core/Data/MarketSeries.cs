namespace NotebookAnalysis.Data;

/// <summary>
/// One market's series from the data file, by year: y (the paper's WEF pillar score) and its regressors (the paper's
/// one x, the number of clusters). Arrays are copies; the series is immutable.
/// </summary>
public sealed class MarketSeries
{
    private readonly int[] _years;
    private readonly double[] _score;
    private readonly double[][] _regressors;

    /// <param name="spec">Which market.</param>
    /// <param name="years">Calendar years.</param>
    /// <param name="score">y, as printed.</param>
    /// <param name="regressors">The x columns, in <see cref="MarketSpec.XColumns"/> order.</param>
    /// <param name="source">The file, for messages.</param>
    /// <param name="scoreDecimals">Digits after the point the scores are printed with (<see cref="Table1.PrintedDecimals"/>);
    /// null infers it from the shortest round-trip form of the values (3.7 → 1).</param>
    public MarketSeries(MarketSpec spec, IReadOnlyList<int> years, IReadOnlyList<double> score, IReadOnlyList<IReadOnlyList<double>> regressors, string source,
        int? scoreDecimals = null)
    {
        if (regressors.Count != spec.XColumns.Count || regressors.Any(x => x.Count != years.Count) || years.Count != score.Count)
            throw new ArgumentException("Years, y and each x column must have the same length, one x per column of the market.");
        Spec = spec;
        _years = [.. years];
        _score = [.. score];
        _regressors = [.. regressors.Select(x => x.ToArray())];
        Source = source;
        ScoreDecimals = scoreDecimals ?? _score.Select(v => Table1.DecimalsOf(v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))).DefaultIfEmpty(0).Max();
    }

    /// <summary>Digits after the point the scores are printed with.</summary>
    public int ScoreDecimals { get; }

    /// <summary>
    /// Half the scores' rounding unit, 0.5·10^−<see cref="ScoreDecimals"/> (0.05 for scores printed to 0.1, 0.005 for
    /// 0.01): every unrounded score lies within ± this of its printed value.
    /// </summary>
    public double ScoreHalfWidth => 0.5 / Math.Pow(10, ScoreDecimals); // division: correctly rounded, 0.05 exactly as the literal

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

    /// <summary>x of a market with one regressor (the paper's number of clusters); the sections built on one x read it.</summary>
    /// <exception cref="InvalidOperationException">The market has several regressors.</exception>
    public IReadOnlyList<double> Clusters => Spec.HasOneRegressor ? _regressors[0]
        : throw new InvalidOperationException($"Market {Spec.Id} has {_regressors.Length} regressors; only a one-regressor market has one x.");

    /// <summary>Every x column, in <see cref="MarketSpec.XColumns"/> order.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Regressors => _regressors;

    /// <summary>Years as doubles, for use as a regressor.</summary>
    public double[] YearsAsDouble() => _years.Select(v => (double)v).ToArray();

    /// <summary>A copy of y.</summary>
    public double[] ScoreArray() => (double[])_score.Clone();

    /// <summary>A copy of x.</summary>
    public double[] ClustersArray() => [.. Clusters];
}
