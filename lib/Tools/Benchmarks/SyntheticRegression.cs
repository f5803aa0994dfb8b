namespace NotebookAnalysis.Benchmarks;

/// <summary>
/// Benchmark data only (<c>scripts/benchmark.cs</c>): seeded synthetic regressions, the same rows for the engine,
/// MathNet and numpy. Never used by an analysis.
/// </summary>
public static class SyntheticRegression
{
    /// <summary>
    /// k regressors, standard normal (Box-Muller from <see cref="Random"/>(seed)) with mean 10(j+1) and scale (j+1);
    /// y = 1 + Σ 0.1(j+1)·x_j + N(0, 0.5²).
    /// </summary>
    /// <param name="n">Rows.</param>
    /// <param name="k">Regressors (the intercept is not included).</param>
    /// <param name="seed">Seed of <see cref="Random"/>.</param>
    public static (double[][] Columns, double[] Y) Generate(int n, int k, int seed)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var cols = new double[k][];
        for (int j = 0; j < k; j++) cols[j] = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 1;
            for (int j = 0; j < k; j++)
            {
                double v = (j + 1) * 10 + (j + 1) * Normal();
                cols[j][i] = v;
                s += 0.1 * (j + 1) * v;
            }
            y[i] = s + 0.5 * Normal();
        }
        return (cols, y);
    }
}
