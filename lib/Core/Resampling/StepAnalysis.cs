using System.Globalization;

namespace NotebookAnalysis.Resampling;

/// <summary>
/// When y takes exactly two values, the regression of y on x is a comparison of two groups of x. Then
/// R² is the squared point-biserial correlation n₀n₁(x̄₁ − x̄₀)² / (n·Sxx): it depends only on which x
/// values sit in the upper group, not on the size of the step. Table 3 is this case: the financial
/// pillar reads 3.3 for four years and 3.4 for six.
/// </summary>
public static class StepAnalysis
{
    /// <summary>Describes the step, or returns null when y does not take exactly two distinct values.</summary>
    public static StepDescription? Describe(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        SimpleSlope.Validate(x, y);
        var levels = y.Distinct().Order().ToArray();
        if (levels.Length != 2) return null;
        double low = levels[0], high = levels[1];
        int n = x.Count;
        var lowX = Enumerable.Range(0, n).Where(i => y[i] == low).Select(i => x[i]).ToArray();
        var highX = Enumerable.Range(0, n).Where(i => y[i] == high).Select(i => x[i]).ToArray();
        double mx = x.Average();
        double sxx = x.Sum(v => (v - mx) * (v - mx));
        double gap = highX.Average() - lowX.Average();
        double r2 = lowX.Length * (double)highX.Length * gap * gap / (n * sxx);
        // Slope of the 0/1 indicator on x; the fitted slope is the step times this.
        double indicatorSlope = Enumerable.Range(0, n).Sum(i => (x[i] - mx) * ((y[i] == high ? 1.0 : 0.0) - (double)highX.Length / n)) / sxx;
        bool clean = lowX.Max() < highX.Min();
        return new StepDescription(low, high, lowX.Length, highX.Length, lowX.Max(), highX.Min(), clean, r2, indicatorSlope);
    }
}

/// <summary>A two-level response described as a step in x.</summary>
/// <param name="Low">The lower y value.</param>
/// <param name="High">The upper y value.</param>
/// <param name="CountLow">Points at the lower value.</param>
/// <param name="CountHigh">Points at the upper value.</param>
/// <param name="LargestXLow">Largest x among the lower points.</param>
/// <param name="SmallestXHigh">Smallest x among the upper points.</param>
/// <param name="CleanSplit">True when every lower point has smaller x than every upper point (one step).</param>
/// <param name="PointBiserialRSquared">n₀n₁(x̄₁ − x̄₀)²/(n·Sxx): equals the regression's R² for any step size.</param>
/// <param name="IndicatorSlope">Slope of the 0/1 group indicator on x; the fitted slope is (High − Low) times this.</param>
public sealed record StepDescription(double Low, double High, int CountLow, int CountHigh, double LargestXLow, double SmallestXHigh,
    bool CleanSplit, double PointBiserialRSquared, double IndicatorSlope)
{
    /// <summary>The step High − Low.</summary>
    public double Step => High - Low;

    /// <summary>One sentence in the invariant culture.</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"y takes two values: {Low:0.0##} for {CountLow} points (x ≤ {LargestXLow:G6}) and {High:0.0##} for {CountHigh} points (x ≥ {SmallestXHigh:G6}){(CleanSplit ? ", one step" : "")}; R² = {PointBiserialRSquared:F4} whatever the step's size; slope = step × {IndicatorSlope:G4}.");
}
