using System.Globalization;
using NotebookAnalysis.Data;
using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Models;

/// <summary>
/// The series transformations behind the specifications: natural log, one-year lag, first difference. Each checks its
/// input and fails with a message that names the model, the column and the row, never with a silent NaN.
/// </summary>
public static class Transforms
{
    /// <summary>
    /// Natural log of every value of <paramref name="values"/>.
    /// </summary>
    /// <exception cref="DataFileException">A value is zero or negative; names the file line, the column, the year and the model.</exception>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static double[] Log(IReadOnlyList<double> values, string column, ModelInput input, string model)
    {
        var result = new double[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            double v = values[i];
            if (!(v > 0))
                throw new DataFileException(input.Source, input.Lines[i], null, column,
                    $"model '{model}' takes the log of column '{column}', but row {i + 1} (year {input.Years[i]}) holds {v.ToString("R", CultureInfo.InvariantCulture)}; the log needs values above zero.");
            result[i] = Math.Log(v);
        }
        return result;
    }

    /// <summary>
    /// x_{t−1} for t = 2…n: the series without its last value (aligned with rows 2…n).
    /// </summary>
    /// <exception cref="ModelException">Fewer than <paramref name="minimumRowsAfter"/> + 1 rows.</exception>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static double[] Lag1(IReadOnlyList<double> values, string model, int minimumRowsAfter)
    {
        RequireRows(values.Count, model, "a one-year lag", minimumRowsAfter);
        return values.Take(values.Count - 1).ToArray();
    }

    /// <summary>Δv_t = v_t − v_{t−1} for t = 2…n.</summary>
    /// <exception cref="ModelException">Fewer than <paramref name="minimumRowsAfter"/> + 1 rows.</exception>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static double[] Difference(IReadOnlyList<double> values, string model, int minimumRowsAfter)
    {
        RequireRows(values.Count, model, "a first difference", minimumRowsAfter);
        var d = new double[values.Count - 1];
        for (int t = 1; t < values.Count; t++) d[t - 1] = values[t] - values[t - 1];
        return d;
    }

    private static void RequireRows(int rows, string model, string what, int minimumRowsAfter)
    {
        if (rows - 1 < minimumRowsAfter)
            throw new ModelException(model,
                $"{what} loses the first year, leaving {Math.Max(rows - 1, 0)} row(s) from {rows}; the model needs at least {minimumRowsAfter} " +
                $"(one more than its coefficients), so the data must have at least {minimumRowsAfter + 1} years.");
    }
}
