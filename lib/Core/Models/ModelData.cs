using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Models;

/// <summary>
/// A specification applied to one series: the response on the model's scale, the design matrix and what is needed to
/// take predictions back to the level of y. Built by <see cref="Build"/>; immutable.
/// </summary>
/// <param name="Spec">The specification.</param>
/// <param name="Input">The series it was built from.</param>
/// <param name="Model">The name used in messages: <c>table/model</c>, e.g. <c>T2_goods/loglog</c>.</param>
/// <param name="Years">The years of the rows used (the first year is gone after a lag or a difference).</param>
/// <param name="Response">The response on the model's scale: y, log y or Δy.</param>
/// <param name="LevelY">y on its level scale for the rows used: the target of level-scale predictions.</param>
/// <param name="PreviousLevelY">y_{t−1} for the rows used (difference models add the predicted Δy to it); empty otherwise.</param>
/// <param name="Design">The design matrix, intercept first, then the spec's terms.</param>
public sealed record ModelData(ModelSpec Spec, ModelInput Input, string Model, IReadOnlyList<int> Years, IReadOnlyList<double> Response,
    IReadOnlyList<double> LevelY, IReadOnlyList<double> PreviousLevelY, Design Design)
{
    /// <summary>Number of rows used.</summary>
    public int Rows => Years.Count;

    /// <summary>Takes a prediction on the model's scale for row <paramref name="row"/> to the level of y (exp without smearing for log y; y_{t−1} + Δŷ for differences).</summary>
    public double ToLevel(int row, double modelScalePrediction) => Spec.Response switch
    {
        ResponseTransform.Level => modelScalePrediction,
        ResponseTransform.Log => Math.Exp(modelScalePrediction),
        ResponseTransform.Difference => PreviousLevelY[row] + modelScalePrediction,
        _ => throw new InvalidOperationException($"Unknown response transform {Spec.Response}."),
    };

    /// <summary>
    /// Applies <paramref name="spec"/> to <paramref name="input"/>.
    /// </summary>
    /// <exception cref="Data.DataFileException">A log of a value that is not positive (names the file line, column and year).</exception>
    /// <exception cref="ModelException">Too few rows for the lag or difference, or for the number of coefficients.</exception>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static ModelData Build(ModelInput input, ModelSpec spec)
    {
        string model = $"{input.TableId}/{spec.Name}";
        int needed = spec.CoefficientCount + 1; // one residual degree of freedom at least
        int start = spec.DropsFirstRow ? 1 : 0;
        if (!spec.DropsFirstRow && input.Count < needed)
            throw new ModelException(model, $"{spec.Formula} has {spec.CoefficientCount} coefficients and needs at least {needed} rows, but the data has {input.Count}.");

        var y = input.Y;
        var x = input.X;
        double[] response = spec.Response switch
        {
            ResponseTransform.Level => Slice(y, start),
            ResponseTransform.Log => Slice(Transforms.Log(y, input.YColumn, input, model), start),
            ResponseTransform.Difference => Transforms.Difference(y, model, needed),
            _ => throw new InvalidOperationException($"Unknown response transform {spec.Response}."),
        };
        double[]? xTerm = spec.Regressor switch
        {
            RegressorTransform.None => null,
            RegressorTransform.Level => Slice(x, start),
            RegressorTransform.Log => Slice(Transforms.Log(x, input.XColumn, input, model), start),
            RegressorTransform.Lag1 => Transforms.Lag1(x, model, needed),
            RegressorTransform.Difference => Transforms.Difference(x, model, needed),
            _ => throw new InvalidOperationException($"Unknown regressor transform {spec.Regressor}."),
        };
        if (spec.DropsFirstRow && input.Count - 1 < needed)
            throw new ModelException(model, $"{spec.Formula} loses the first year, leaving {input.Count - 1} row(s); it needs at least {needed}, so the data must have at least {needed + 1} years.");

        var years = input.Years.Skip(start).ToArray();
        var regressors = new List<(string, double[])>();
        if (xTerm is not null) regressors.Add(("x", xTerm));
        if (spec.IncludeYear) regressors.Add(("year", years.Select(v => (double)v).ToArray()));
        if (spec.IncludeXSquared)
        {
            if (xTerm is null) throw new ModelException(model, "x_squared needs the regressor x, but the specification has none.");
            regressors.Add(("x_squared", xTerm.Select(v => v * v).ToArray()));
        }
        var design = Design.WithIntercept(model, [.. regressors]);
        double[] levelY = Slice(y, start);
        double[] previous = spec.Response == ResponseTransform.Difference ? y.Take(y.Count - 1).ToArray() : [];
        return new ModelData(spec, input, model, years, response, levelY, previous, design);
    }

    private static double[] Slice(IReadOnlyList<double> values, int start) => values.Skip(start).ToArray();
}
