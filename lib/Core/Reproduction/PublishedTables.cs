using System.Globalization;
using NotebookAnalysis.Data;
using NotebookAnalysis.Results;
using static NotebookAnalysis.Diagnostics.MessageText;

namespace NotebookAnalysis.Reproduction;

/// <summary>
/// Loads a printed-tables file (codebook <c>seeds/published/README.md</c>): numbers printed in ToolPak tables, one a
/// line, each under the id of its table. The bundled <c>seeds/published/tables2-4.csv</c> holds the paper's Tables 2-4.
/// </summary>
/// <param name="Source">The file as the caller named it, for messages.</param>
/// <param name="Numbers">Its numbers, in file order.</param>
public sealed record PublishedTables(string Source, IReadOnlyList<PublishedNumber> Numbers)
{
    /// <summary>The file's header.</summary>
    public const string Header = "table,section,statistic,term,paper_row,paper_column,standard_row,standard_column,printed,decimals";

    /// <summary>The bundled file.</summary>
    public static string BundledPath => Path.Combine(ProjectPaths.Published, "tables2-4.csv");

    private static readonly Lazy<PublishedTables> _bundled = new(() => Load(BundledPath) with { Source = "seeds/published/tables2-4.csv" });

    /// <summary>The paper's Tables 2-4 (cached).</summary>
    public static PublishedTables Bundled => _bundled.Value;

    /// <summary>All 81 numbers of the paper's Tables 2-4, in the paper's order (cached).</summary>
    public static IReadOnlyList<PublishedNumber> All => Bundled.Numbers;

    /// <summary>The 27 numbers of one of the paper's tables, by its id (<c>2</c>, <c>3</c>, <c>4</c>).</summary>
    public static IReadOnlyList<PublishedNumber> For(string tableId) => All.Where(p => p.Table == tableId).ToList();

    /// <summary>The statistics a printed table may hold: the results vocabulary's coefficient and ANOVA statistics.</summary>
    private static readonly string[] ModelStatistics =
        ["multiple_r", "r_squared", "adj_r_squared", "sigma", "nobs", "df_model", "ss_regression", "ms_regression", "f_stat", "f_pvalue",
         "df_resid", "ss_residual", "ms_residual", "df_total", "ss_total"];

    /// <summary>Reads and validates a printed-tables file.</summary>
    /// <exception cref="DataFileException">A wrong header, a malformed line, an unknown statistic, a printed string that is not
    /// a number, a wrong decimal count or a number given twice; names the file, line and column.</exception>
    public static PublishedTables Load(string path)
    {
        var lines = InputFile.Lines(InputFile.ReadText(path, "the printed tables"));
        if (lines[0].TrimEnd() != Header)
            throw new DataFileException(path, 1, null, null, $"expected the header '{Header}'.");
        var names = Header.Split(',');
        var result = new List<PublishedNumber>();
        var keys = new HashSet<(string, string)>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var f = lines[i].Split(',');
            if (f.Length != names.Length)
                throw new DataFileException(path, i + 1, null, null, $"expected {names.Length} fields, found {f.Length}.");
            DataFileException Error(int column, string reason) => new(path, i + 1, column + 1, names[column], reason);
            bool coefficient = FitRows.CoefficientStatistics.Contains(f[2]);
            if (!coefficient && !ModelStatistics.Contains(f[2]))
                throw Error(2, $"{Quote(f[2])} is not a statistic of a ToolPak table ({string.Join(", ", ModelStatistics.Concat(FitRows.CoefficientStatistics))}).");
            if (coefficient == (f[3].Length == 0))
                throw Error(3, coefficient ? $"{f[2]} is a coefficient's statistic: name its term (intercept, x, or a regressor's column)." : $"{f[2]} is a statistic of the model: leave the term empty.");
            f[8] = InputFile.Cell(f[8], path, i + 1, 9, names[8]);
            try { _ = PublishedNumber.ParsePrinted(f[8]); }
            catch (Exception e) when (e is FormatException or OverflowException) { throw Error(8, $"{Quote(f[8])} is not a number (digits with a decimal point, optionally E notation, e.g. 2.08182E-08)."); }
            if (!int.TryParse(f[9], NumberStyles.None, CultureInfo.InvariantCulture, out int decimals) || decimals != PublishedNumber.DecimalsOf(f[8]))
                throw Error(9, $"{Quote(f[9])} is not the number of decimals of '{f[8]}' ({PublishedNumber.DecimalsOf(f[8])}).");
            var p = new PublishedNumber(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], decimals, i + 1);
            if (!keys.Add((p.Table, p.Key)))
                throw Error(2, $"table {p.Table} {p.Key} appears twice.");
            result.Add(p);
        }
        return new PublishedTables(path, result);
    }
}
