namespace NotebookAnalysis.Tests.Models;

/// <summary>
/// Independent reference computations for the alternative-model tests: closed-form simple regression in doubles and
/// brute-force leave-one-out by refitting without each row. None of it uses the engine or the hat matrix; the decimal
/// oracle for several regressors is <see cref="Support.DecimalOracle.TwoRegressors"/>.
/// </summary>
internal static class Reference
{
    public sealed record Simple(double B0, double B1, double[] Residuals, double Sxx, double XBar);

    /// <summary>b1 = Sxy/Sxx, b0 = ȳ − b1 x̄ with two-pass centred sums.</summary>
    public static Simple SimpleFit(double[] x, double[] y)
    {
        int n = x.Length;
        double xb = x.Average(), yb = y.Average(), sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) { sxx += (x[i] - xb) * (x[i] - xb); sxy += (x[i] - xb) * (y[i] - yb); }
        double b1 = sxy / sxx, b0 = yb - b1 * xb;
        return new Simple(b0, b1, Enumerable.Range(0, n).Select(i => y[i] - b0 - b1 * x[i]).ToArray(), sxx, xb);
    }

    /// <summary>Leave-one-out by refitting a simple regression without each row; returns the model-scale predictions.</summary>
    public static double[] BruteForceLooSimple(double[] x, double[] y)
    {
        int n = x.Length;
        var pred = new double[n];
        for (int i = 0; i < n; i++)
        {
            var xs = x.Where((_, j) => j != i).ToArray();
            var ys = y.Where((_, j) => j != i).ToArray();
            var f = SimpleFit(xs, ys);
            pred[i] = f.B0 + f.B1 * x[i];
        }
        return pred;
    }

    public static double Rmse(IReadOnlyList<double> actual, IReadOnlyList<double> predicted) =>
        Math.Sqrt(actual.Select((a, i) => (a - predicted[i]) * (a - predicted[i])).Sum() / actual.Count);

    public static double Rel(double actual, double expected) => Math.Abs(actual - expected) / Math.Abs(expected);
}
