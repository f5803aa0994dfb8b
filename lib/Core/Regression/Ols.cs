namespace NotebookAnalysis.Regression;

/// <summary>
/// Ordinary least squares: <see cref="Fit"/> validates the design and the response, factors X by Householder QR in
/// double with extra-precise iterative refinement (double-double fallback; <see cref="OlsResult.Path"/>) and returns an immutable <see cref="OlsResult"/> whose statistics are derived on demand.
/// </summary>
public static class Ols
{
    /// <summary>
    /// Fits y = Xβ + ε. Throws a <see cref="ModelException"/> naming the model and the reason when the fit is
    /// not identified: a non-finite value, n ≤ k, a constant regressor beside the intercept, or collinear columns.
    /// </summary>
    /// <param name="design">The design matrix X with named terms.</param>
    /// <param name="y">The response, one value per row of <paramref name="design"/>.</param>
    public static OlsResult Fit(Design design, IReadOnlyList<double> y) => FitExtended(design, y, yLow: null);

    /// <summary>
    /// <see cref="Fit(Design, IReadOnlyList{double})"/> for a response carried beyond double: y + yLow, where yLow
    /// holds what rounding y to double dropped (e.g. decimal data read to about 32 digits; the accuracy harness), or
    /// null. Both paths fit the extended response; <see cref="OlsResult.Y"/> shows y.
    /// </summary>
    internal static OlsResult FitExtended(Design design, IReadOnlyList<double> y, double[]? yLow) =>
        FitWith(design, y, yLow, LeastSquares.Solve)!;

    /// <summary>Fits by the double-double Householder QR alone, the engine's fallback path (tests and the accuracy harness
    /// compare it with the refined path).</summary>
    internal static OlsResult FitDoubleDouble(Design design, IReadOnlyList<double> y, double[]? yLow = null) =>
        FitWith(design, y, yLow, LeastSquares.SolveDoubleDouble)!;

    /// <summary>The refined path alone, whatever the number of rows (tests and the accuracy harness); null, with the
    /// reason, when its screen or its convergence hands the fit to the double-double path.</summary>
    internal static OlsResult? FitRefined(Design design, IReadOnlyList<double> y, out string? fallbackReason, double[]? yLow = null)
    {
        string? reason = null;
        var fit = FitWith(design, y, yLow, (d, yy, low) => RefinedQr.TrySolve(d, yy, LeastSquares.ScaleExponents(d), out reason, yLow: low));
        fallbackReason = reason;
        return fit;
    }

    /// <summary>Validates, then fits by <paramref name="solve"/>; null when the solver declines.</summary>
    private static OlsResult? FitWith(Design design, IReadOnlyList<double> y, double[]? yLow,
        Func<Design, double[], double[]?, LeastSquaresSolution?> solve)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(y);
        var yy = y.ToArray();
        Validate(design, yy, yLow);
        return solve(design, yy, yLow) is { } solution ? new OlsResult(design, yy, solution) : null;
    }

    /// <summary>Simple regression y = b0 + b1·x with terms <c>intercept</c> and <c>x</c>.</summary>
    public static OlsResult FitSimple(IReadOnlyList<double> x, IReadOnlyList<double> y, string model = "base")
    {
        ArgumentNullException.ThrowIfNull(x);
        return Fit(Design.WithIntercept(model, ("x", x.ToArray())), y);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static void Validate(Design design, double[] y, double[]? yLow = null)
    {
        string model = design.Model;
        int n = design.Rows, k = design.Columns;
        if (y.Length != n)
            throw new ModelException(model, $"y has {y.Length} values but the design has {n} rows.");
        if (yLow is not null && (yLow.Length != n || !AllFinite(yLow)))
            throw new ModelException(model, $"the low parts of y must be {n} finite values.");
        foreach (var (name, values) in design.Terms.Zip(design.ColumnsUnsafe).Prepend(("y", y)))
        {
            if (AllFinite(values)) continue;
            for (int i = 0; i < n; i++)
                if (!double.IsFinite(values[i]))
                    throw new ModelException(model, $"{name} has a non-finite value ({Format(values[i])}) at row {i + 1}.");
        }
        if (n <= k)
            throw new ModelException(model, $"n = {n} rows but {k} coefficients: a least-squares fit needs more rows than coefficients.");
        if (design.HasIntercept)
        {
            for (int j = 1; j < k; j++)
            {
                var col = design.ColumnsUnsafe[j];
                bool constant = true;
                for (int i = 1; i < n && constant; i++) constant = col[i] == col[0];
                if (constant)
                    throw new ModelException(model, $"{design.Terms[j]} is constant (every value is {col[0].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}), so its slope is not identified beside the intercept.");
            }
        }
    }

    /// <summary>Vectorized screen: x·0 is 0 for every finite x and NaN for ±∞ and NaN.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static bool AllFinite(ReadOnlySpan<double> v)
    {
        int i = 0;
        var acc = System.Numerics.Vector<double>.Zero;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var vv = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(v);
            foreach (var x in vv) acc += x * System.Numerics.Vector<double>.Zero;
            i = vv.Length * System.Numerics.Vector<double>.Count;
        }
        double s = System.Numerics.Vector.Sum(acc);
        for (; i < v.Length; i++) s += v[i] * 0;
        return s == 0;
    }

    private static string Format(double v) => double.IsNaN(v) ? "NaN" : v > 0 ? "+Infinity" : "-Infinity";
}
