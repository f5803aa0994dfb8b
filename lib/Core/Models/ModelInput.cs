using NotebookAnalysis.Data;

namespace NotebookAnalysis.Models;

/// <summary>
/// One market's series with the provenance that error messages need: the file, the line of each row and the column
/// names. Build it from Table 1 with <see cref="From(Table1, Market)"/>, or from plain arrays with
/// <see cref="FromArrays"/> for a student's own data. Immutable.
/// </summary>
public sealed class ModelInput
{
    private readonly int[] _years;
    private readonly double[] _y;
    private readonly double[] _x;
    private readonly int[] _lines;

    private ModelInput(string tableId, string source, string yColumn, string xColumn, int[] years, double[] y, double[] x, int[] lines)
    {
        if (years.Length != y.Length || years.Length != x.Length || years.Length != lines.Length)
            throw new ArgumentException("Years, y, x and line numbers must have the same length.");
        for (int i = 1; i < years.Length; i++)
            if (years[i] != years[i - 1] + 1)
                throw new Data.DataFileException(source, lines[i], null, "year",
                    $"years must be consecutive for lags and differences: {years[i]} follows {years[i - 1]}.");
        TableId = tableId;
        Source = source;
        YColumn = yColumn;
        XColumn = xColumn;
        _years = years;
        _y = y;
        _x = x;
        _lines = lines;
    }

    /// <summary>The table id used in results (<c>T2_goods</c>…), or the caller's label.</summary>
    public string TableId { get; }

    /// <summary>The data file (for messages).</summary>
    public string Source { get; }

    /// <summary>The column holding y.</summary>
    public string YColumn { get; }

    /// <summary>The column holding x.</summary>
    public string XColumn { get; }

    /// <summary>Number of rows (years).</summary>
    public int Count => _years.Length;

    /// <summary>Calendar years, consecutive.</summary>
    public IReadOnlyList<int> Years => _years;

    /// <summary>y: the pillar score.</summary>
    public IReadOnlyList<double> Y => _y;

    /// <summary>x: the number of clusters.</summary>
    public IReadOnlyList<double> X => _x;

    /// <summary>The 1-based file line of each row.</summary>
    public IReadOnlyList<int> Lines => _lines;

    /// <summary>The series of <paramref name="market"/> from Table 1, with its file lines and column names.</summary>
    public static ModelInput From(Table1 table, Market market)
    {
        var spec = table.Markets[market];
        if (!spec.HasOneRegressor)
            throw new Regression.ModelException("alternative models", $"{spec.XColumns.Count} regressors; the alternative models are built on the one x of a simple regression", spec.Id);
        return new ModelInput(spec.Id, table.Source, spec.Y, spec.X,
            [.. table.Years], table.Column(spec.Y), table.Column(spec.X), [.. table.LineOfRow]);
    }

    /// <summary>
    /// A series from arrays. Rows are numbered 1, 2, … in messages unless <paramref name="lines"/> gives file lines.
    /// </summary>
    public static ModelInput FromArrays(string tableId, IReadOnlyList<int> years, IReadOnlyList<double> y, IReadOnlyList<double> x,
        string yColumn = "y", string xColumn = "x", string source = "(arrays)", IReadOnlyList<int>? lines = null) =>
        new(tableId, source, yColumn, xColumn, [.. years], [.. y], [.. x], lines is null ? Enumerable.Range(1, years.Count).ToArray() : [.. lines]);

    /// <summary>All three markets of Table 1, in table order.</summary>
    public static IReadOnlyList<ModelInput> AllMarkets(Table1 table) => table.Markets.Specs.Select(m => From(table, m.Market)).ToList();
}
