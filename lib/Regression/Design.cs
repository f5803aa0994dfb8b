namespace NotebookAnalysis.Regression;

/// <summary>
/// A regression design matrix X with named columns (terms). Immutable: the factory methods copy their inputs.
/// Validation of the values (finite, full rank, enough rows) happens in <see cref="Ols.Fit"/>, where the
/// response is known too; the shape (equal column lengths, unique non-empty names) is checked here.
/// </summary>
public sealed class Design
{
    /// <summary>The name of the intercept term added by <see cref="WithIntercept"/>.</summary>
    public const string InterceptTerm = "intercept";

    private readonly double[][] _columns; // column-major: _columns[col][row]
    private readonly string[] _terms;

    private Design(string model, string[] terms, double[][] columns, bool hasIntercept)
    {
        Model = model;
        _terms = terms;
        _columns = columns;
        HasIntercept = hasIntercept;
        Rows = columns.Length == 0 ? 0 : columns[0].Length;
    }

    /// <summary>
    /// A design with a leading column of ones named <c>intercept</c>, followed by <paramref name="regressors"/>.
    /// </summary>
    /// <param name="model">The model's name, used in every error message.</param>
    /// <param name="regressors">Named columns; all of the same length.</param>
    public static Design WithIntercept(string model, params (string Term, double[] Values)[] regressors) =>
        Create(model, regressors, intercept: true);

    /// <summary>
    /// A design without intercept (regression through the origin; Excel's "Constant is Zero").
    /// R² is then uncentered, as in Excel and R.
    /// </summary>
    public static Design ThroughOrigin(string model, params (string Term, double[] Values)[] regressors) =>
        Create(model, regressors, intercept: false);

    private static Design Create(string model, (string Term, double[] Values)[] regressors, bool intercept)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(regressors);
        if (regressors.Length == 0)
            throw new ModelException(model, "the design has no regressors" + (intercept ? " besides the intercept." : "."));
        int rows = -1;
        var terms = new List<string>();
        var columns = new List<double[]>();
        foreach (var (term, values) in regressors)
        {
            if (string.IsNullOrWhiteSpace(term))
                throw new ModelException(model, "a regressor has an empty name.");
            if (values is null)
                throw new ModelException(model, $"regressor '{term}' has no values (null).");
            if (rows < 0) rows = values.Length;
            else if (values.Length != rows)
                throw new ModelException(model, $"regressor '{term}' has {values.Length} values but '{regressors[0].Term}' has {rows}.");
        }
        if (intercept)
        {
            terms.Add(InterceptTerm);
            columns.Add(Enumerable.Repeat(1.0, rows).ToArray());
        }
        foreach (var (term, values) in regressors)
        {
            if (terms.Contains(term))
                throw new ModelException(model, $"the term '{term}' appears twice.");
            terms.Add(term);
            columns.Add((double[])values.Clone());
        }
        return new Design(model, [.. terms], [.. columns], intercept);
    }

    /// <summary>The model's name.</summary>
    public string Model { get; }

    /// <summary>Column names, in column order; <c>intercept</c> first when present.</summary>
    public IReadOnlyList<string> Terms => _terms;

    /// <summary>True when the first column is the intercept added by <see cref="WithIntercept"/>.</summary>
    public bool HasIntercept { get; }

    /// <summary>Number of observations n.</summary>
    public int Rows { get; }

    /// <summary>Number of columns (coefficients) k.</summary>
    public int Columns => _columns.Length;

    /// <summary>X[row, col].</summary>
    public double this[int row, int col] => _columns[col][row];

    /// <summary>The index of <paramref name="term"/>, or an <see cref="ArgumentException"/> listing the terms.</summary>
    public int IndexOf(string term)
    {
        int i = Array.IndexOf(_terms, term);
        return i >= 0 ? i
            : throw new ArgumentException($"model '{Model}' has no term '{term}'. Terms: {string.Join(", ", _terms)}.", nameof(term));
    }

    /// <summary>A copy of one column.</summary>
    public double[] Column(int col) => (double[])_columns[col].Clone();

    /// <summary>The column without copying, for the engine.</summary>
    internal ReadOnlySpan<double> ColumnSpan(int col) => _columns[col];

    internal double[][] ColumnsUnsafe => _columns;
}
