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
    private readonly double[]?[] _low;     // optional low parts: column = _columns + _low in double-double
    private readonly string[] _terms;

    private Design(string model, string[] terms, double[][] columns, bool hasIntercept, double[]?[]? low = null)
    {
        Model = model;
        _terms = terms;
        _columns = columns;
        _low = low ?? new double[]?[columns.Length];
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

    /// <summary>
    /// A design whose regressors are powers of data columns, v^p, each formed in double-double arithmetic so that the
    /// design carries v^p to about 32 significant digits rather than rounded to double after every multiplication.
    /// The engine's double-double path fits that extended-precision design; the indexer shows v^p rounded once to
    /// double. Polynomial models (NIST StRD Filip, Wampler, Pontius) need this: Filip's x^10 rounded to double
    /// already moves its coefficients in the 8th digit.
    /// </summary>
    /// <param name="model">The model's name.</param>
    /// <param name="intercept">Whether to add the leading <c>intercept</c> column.</param>
    /// <param name="regressors">Named terms: the values, their low parts for data carried beyond double (each value is
    /// Values[i] + Low[i], e.g. decimal data read to about 32 digits; null when the values are exact doubles), and the
    /// power (1 or more) to raise them to.</param>
    public static Design Powers(string model, bool intercept, params (string Term, double[] Values, double[]? Low, int Power)[] regressors)
    {
        foreach (var (term, _, _, power) in regressors)
            if (power < 1)
                throw new ModelException(model, $"regressor '{term}' has power {power}; powers start at 1.");
        var plain = Create(model, regressors.Select(r => (r.Term, r.Values)).ToArray(), intercept);
        var columns = (double[][])plain._columns.Clone();
        var low = new double[]?[columns.Length];
        int offset = intercept ? 1 : 0;
        for (int j = 0; j < regressors.Length; j++)
        {
            var (_, values, xLow, power) = regressors[j];
            if (xLow is not null && xLow.Length != values.Length)
                throw new ModelException(model, $"regressor '{regressors[j].Term}' has {values.Length} values but {xLow.Length} low parts.");
            if (power == 1 && (xLow is null || xLow.All(v => v == 0))) continue;
            var hi = new double[values.Length];
            var lo = new double[values.Length];
            bool anyLow = false;
            for (int i = 0; i < values.Length; i++)
            {
                DoubleDouble v = 1.0;
                if (xLow is null)
                    for (int p = 0; p < power; p++) v *= values[i];
                else
                {
                    var x = DoubleDouble.TwoSum(values[i], xLow[i]);
                    for (int p = 0; p < power; p++) v *= x;
                }
                // Renormalize so that hi is the double nearest to v^p.
                hi[i] = v.Hi + v.Lo;
                lo[i] = v.Lo - (hi[i] - v.Hi);
                anyLow |= lo[i] != 0;
            }
            columns[offset + j] = hi;
            low[offset + j] = anyLow ? lo : null;
        }
        return new Design(model, plain._terms, columns, intercept, low);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static Design Create(string model, (string Term, double[] Values)[] regressors, bool intercept)
    {
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

    /// <summary>The columns without copying, for the engine.</summary>
    internal double[][] ColumnsUnsafe => _columns;

    /// <summary>Low parts of extended-precision columns (null entries for columns that are exact doubles).</summary>
    internal double[]?[] LowPartsUnsafe => _low;
}
