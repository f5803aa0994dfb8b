using System.Globalization;
using System.Security.Cryptography;
using static NotebookAnalysis.Diagnostics.MessageText;

namespace NotebookAnalysis.Data;

/// <summary>
/// Table 1 of the paper: WEF pillar scores and cluster counts for Russia by year, read and validated
/// by <see cref="Table1.Load"/>. Immutable.
/// </summary>
/// <remarks>
/// The file is parsed here, field by field, in the invariant culture, rather than with
/// <c>DataFrame.LoadCsv</c>: that method infers float32 columns (3.7 becomes 3.700000047683716) and
/// under a de-DE or ru-RU culture reads "3.7" as 37.
/// </remarks>
public sealed class Table1
{
    /// <summary>The header names of the bundled file, in its order: the columns the bundled market description names.</summary>
    public static IReadOnlyList<string> ColumnNames => MarketDescription.Bundled.DataColumns;

    /// <summary>
    /// Rows the main job needs: every model of the battery fitted with its diagnostics defined. The binding ones are the
    /// three-coefficient models (quadratic, x and year) and the two-coefficient models that lose the first year (lag,
    /// first difference): the Breusch-Godfrey test of order 1 needs n − k − 1 ≥ 1 fitted rows, so 3 + 2 = 5 rows and
    /// 1 + 2 + 2 = 5 years. <c>tests/Reliability</c> derives the same number from the model specifications.
    /// </summary>
    public const int MinimumRows = 5;

    /// <summary>The largest file the loader reads (64 MiB, about a million rows); larger files are refused unread.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>The WEF Global Competitiveness Index scale of every score column: 1-7 points (<c>seeds/data/codebook.md</c>).</summary>
    public const double ScoreMinimum = 1, ScoreMaximum = 7;

    /// <summary>
    /// The largest cluster count accepted. Counts are whole numbers, and this bound keeps every sum the models form
    /// (Σx⁴ of the quadratic model over a million rows is at most 10⁴²) finite and the counts exact in a double.
    /// </summary>
    public const double MaxClusterCount = 1e9;

    /// <summary>The largest magnitude of a value under a description other than the bundled one: Σx⁴ of the quadratic
    /// model over a million rows stays below 10²⁰⁷, finite.</summary>
    public const double MaxMagnitude = 1e50;

    /// <summary>The most digits after the point a score may be written with: a double holds no more, and the rounding
    /// analysis takes its half-width (½·10^-decimals) from them.</summary>
    public const int MaxScoreDecimals = 15;

    /// <summary>
    /// The years accepted: whole numbers from 1 to 9,999,999. Real data are calendar years (2009…); the wider range
    /// lets a synthetic series of 10⁵-10⁶ consecutive "years" (scripts/scale.cs) use the same loader.
    /// </summary>
    public const int MinimumYear = 1, MaximumYear = 9_999_999;

    private readonly int[] _years;
    private readonly Dictionary<string, double[]> _columns;
    private readonly Dictionary<string, int> _decimals;

    private Table1(string source, string sha256, int[] years, Dictionary<string, double[]> columns, Dictionary<string, int> decimals, int[] lineOfRow,
        MarketDescription markets, IReadOnlyList<string> unusedColumns)
    {
        UnusedColumns = unusedColumns;
        Markets = markets;
        Source = source;
        Sha256 = sha256;
        _years = years;
        _columns = columns;
        _decimals = decimals;
        LineOfRow = lineOfRow;
    }

    /// <summary>The path as given by the caller.</summary>
    public string Source { get; }

    /// <summary>The markets of this file: which columns hold each market's score and count.</summary>
    public MarketDescription Markets { get; }

    /// <summary>The header names the file was read with, in the description's order: <c>year</c>, then each market's score and count.</summary>
    public IReadOnlyList<string> Columns => Markets.DataColumns;

    /// <summary>Lower-case hex SHA-256 of the file's bytes, for provenance.</summary>
    public string Sha256 { get; }

    /// <summary>Number of data rows (years).</summary>
    public int RowCount => _years.Length;

    /// <summary>Calendar years, ascending and consecutive.</summary>
    public IReadOnlyList<int> Years => _years;

    /// <summary>The 1-based file line of each data row, for messages about a row.</summary>
    public IReadOnlyList<int> LineOfRow { get; }

    /// <summary>The file's columns that its market description does not name, in file order: never read (another
    /// description's file may hold any columns besides its own; the bundled one holds exactly its seven).</summary>
    public IReadOnlyList<string> UnusedColumns { get; }

    /// <summary>A copy of one numeric column by header name.</summary>
    public double[] Column(string name) =>
        _columns.TryGetValue(name, out var values)
            ? (double[])values.Clone()
            : throw new ArgumentException($"Table 1 has no column '{name}'. Columns: {string.Join(", ", Columns.Skip(1))}.", nameof(name));

    /// <summary>
    /// Digits after the decimal point with which the file prints <paramref name="market"/>'s score column: the most
    /// any of its cells shows (1 for the bundled "3.7", 2 for "3.71"). Read from the CSV text, not the parsed doubles,
    /// so "3.70" counts as two. It sets the rounding unit of the scores, 10^−decimals.
    /// </summary>
    public int PrintedDecimals(Market market) => _decimals[Markets[market].Y];

    /// <summary>The series of one market of <see cref="Markets"/>.</summary>
    /// <exception cref="ArgumentException">The description has no such market.</exception>
    public MarketSeries Series(Market market)
    {
        var spec = Markets[market];
        return new MarketSeries(spec, _years, _columns[spec.Y], [.. spec.XColumns.Select(c => _columns[c])], Source, PrintedDecimals(market));
    }

    /// <summary>The same data read with a subset of its markets (<see cref="MarketDescription.Where"/>), e.g. those with one regressor.</summary>
    public Table1 WithMarkets(MarketDescription markets) => new(Source, Sha256, _years, _columns, _decimals, [.. LineOfRow], markets, UnusedColumns);

    /// <summary>The series of every market, in the description's order.</summary>
    public IReadOnlyList<MarketSeries> AllSeries() => Markets.Specs.Select(m => Series(m.Market)).ToList();

    /// <summary>
    /// Fails with a <see cref="DataFileException"/> unless the table has at least
    /// <paramref name="rowsNeeded"/> rows for <paramref name="model"/>.
    /// </summary>
    public void RequireRows(int rowsNeeded, string model)
    {
        if (RowCount < rowsNeeded)
            throw new DataFileException(Source, RowCount == 0 ? 1 : LineOfRow[^1], null, null,
                $"model '{model}' needs at least {rowsNeeded} rows of data, but the file has {RowCount}.");
    }

    /// <summary>The bundled <c>seeds/data/table1.csv</c>, found by walking up from the working directory.</summary>
    public static Table1 LoadBundled() => Load(ProjectPaths.BundledTable1);

    /// <summary>
    /// Reads and validates a data file whose columns <paramref name="markets"/> names (default: the bundled description):
    /// <c>year</c> and each market's y and x columns, in any order; under another description than the bundled one, other
    /// columns too, unread (<see cref="UnusedColumns"/>). Accepts a UTF-8 BOM, CRLF line ends, blank lines and blanks
    /// around fields; rejects everything else that is not a clean table (a named column the file lacks, and under the
    /// bundled description one it does not name, included) with a <see cref="DataFileException"/> naming the file, line and column.
    /// </summary>
    /// <param name="path">The CSV file: a regular file of at most <see cref="MaxFileBytes"/>, whose type is checked before
    /// it is read, so a FIFO with no writer, a directory or a device such as /dev/zero is refused at once.</param>
    /// <param name="markets">The market description; null for the bundled one.</param>
    /// <param name="minimumRows">Rows the intended model needs; fewer is an error.</param>
    public static Table1 Load(string path, MarketDescription? markets = null, int minimumRows = MinimumRows) =>
        Parse(InputFile.ReadBytes(path, "Table 1", MaxFileBytes), path, markets, minimumRows);

    /// <summary>Parses the bytes of a data file with the columns <paramref name="markets"/> (null: the bundled description)
    /// names; <paramref name="source"/> names it in messages.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static Table1 Parse(byte[] bytes, string source, MarketDescription? markets = null, int minimumRows = MinimumRows)
    {
        markets ??= MarketDescription.Bundled;
        var columnNames = markets.DataColumns;
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        // Strict UTF-8 with the true line and column of a bad byte; the BOM dropped.
        string text = InputFile.Decode(bytes, source);

        var lines = text.Split('\n');
        int headerLine = 0; // 1-based line of the header, 0 until found
        string[]? header = null;
        var years = new List<int>();
        var lineOfRow = new List<int>();
        int[] fieldOf = [];
        // Per column, looked up once rather than per cell: whether it is an x, its values, its decimals so far.
        var isCountColumn = columnNames.Select(n => markets.Specs.Any(s => s.XColumns.Contains(n))).ToArray();
        bool wef = markets.IsBundled;
        var valuesOf = columnNames.Select(_ => new List<double>()).ToArray();
        var decimalsOf = new int[columnNames.Count];

        for (int i = 0; i < lines.Length; i++)
        {
            int lineNo = i + 1;
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
                continue;

            if (header is null)
            {
                headerLine = lineNo;
                header = ParseHeader(line, source, lineNo, markets);
                fieldOf = columnNames.Select(n => Array.IndexOf(header, n)).ToArray();
                continue;
            }

            var fields = line.Split(',');
            if (line.Contains('"'))
                throw new DataFileException(source, lineNo, null, null,
                    "quoted fields are not allowed; numbers must use a decimal point and no quotes (a quoted \"3,7\" is a decimal comma).");
            if (fields.Length != header.Length)
            {
                if (fields.Length > header.Length)
                {
                    int col = FirstDecimalCommaSuspect(fields);
                    throw new DataFileException(source, lineNo, col + 1, col < header.Length ? header[col] : null,
                        $"expected {header.Length} fields but found {fields.Length}; this looks like a decimal comma " +
                        $"(\"{Diagnostics.MessageText.Printable(fields[col].Trim() + "," + fields[col + 1].Trim())}\"). Write numbers with a decimal point, e.g. 3.7.");
                }
                throw new DataFileException(source, lineNo, fields.Length + 1, header[fields.Length],
                    $"expected {header.Length} fields but found {fields.Length}: the cell is missing.");
            }

            for (int c = 0; c < columnNames.Count; c++)
            {
                int f = fieldOf[c];
                string name = columnNames[c];
                bool isCount = isCountColumn[c];
                string raw = InputFile.Cell(fields[f], source, lineNo, f + 1, name);
                if (raw.Length == 0)
                    throw new DataFileException(source, lineNo, f + 1, name, "the cell is empty: a value is missing.");
                if (c == 0)
                {
                    if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out int year) || year < MinimumYear || year > MaximumYear)
                        throw new DataFileException(source, lineNo, f + 1, name, $"{Quote(raw)} is not a year (a whole number from 1 to 9999999, such as 2009).");
                    years.Add(year);
                    lineOfRow.Add(lineNo);
                }
                else
                {
                    double v = ParseNumber(raw, source, lineNo, f + 1, name);
                    CheckRange(v, raw, name, isCount, wef, source, lineNo, f + 1);
                    valuesOf[c].Add(v);
                    int written = DecimalsOf(raw);
                    if (written > MaxScoreDecimals && !isCount)
                        throw new DataFileException(source, lineNo, f + 1, name,
                            $"{Quote(raw)} has {written.ToString(CultureInfo.InvariantCulture)} digits after the point; a y value may have at most {MaxScoreDecimals.ToString(CultureInfo.InvariantCulture)} (a double holds no more, and the rounding analysis takes its grid from them).");
                    decimalsOf[c] = Math.Max(decimalsOf[c], written);
                }
            }
        }

        if (header is null)
            throw new DataFileException(source, 1, null, null, "the file is empty: expected a header line and one row per year.");
        if (years.Count == 0)
            throw new DataFileException(source, headerLine, null, null, "the file has a header but no data rows.");

        CheckYears(years, lineOfRow, source, fieldOf[0] + 1);

        var scoreColumns = Enumerable.Range(1, columnNames.Count - 1).ToList();
        var table = new Table1(source, sha, [.. years], scoreColumns.ToDictionary(c => columnNames[c], c => valuesOf[c].ToArray()),
            scoreColumns.ToDictionary(c => columnNames[c], c => decimalsOf[c]), [.. lineOfRow], markets, header.Except(columnNames).ToList());
        if (table.RowCount < minimumRows)
            throw new DataFileException(source, lineOfRow[^1], null, null,
                $"the file has {table.RowCount} data row(s), but the models need at least {minimumRows} consecutive years: " +
                "the quadratic and trend models have 3 coefficients, the lag and difference models lose the first year, " +
                "and the Breusch-Godfrey test of each needs two rows more than its coefficients.");
        return table;
    }

    private static string[] ParseHeader(string line, string source, int lineNo, MarketDescription markets)
    {
        var expectedColumns = markets.DataColumns;
        string named = markets == MarketDescription.Bundled ? "" : $" (the columns the market description {markets.Source} names)";
        if (line.IndexOfAny(['\r', '\u0085', '\u2028', '\u2029']) >= 0)
            throw new DataFileException(source, lineNo, null, null,
                "the header line runs into the next line: the file ends its lines with a lone CR (classic Mac), NEL or a Unicode line separator; save it with LF or CRLF line ends.");
        if (line.Contains(';') && !line.Contains(','))
            throw new DataFileException(source, lineNo, null, null,
                "the file is separated by semicolons (a ru-RU/de-DE spreadsheet export); save it with commas between fields and a decimal point.");
        var header = line.Split(',').Select(h => h.Trim()).ToArray();
        if (header.Length > 0 && header[0].Length > 0 && (char.IsDigit(header[0][0]) || header[0][0] == '-'))
            throw new DataFileException(source, lineNo, 1, null,
                $"the header is missing: the first line starts with a number. Expected the header: {string.Join(",", expectedColumns)}");
        string expected = $"Expected the header{named}: {string.Join(",", expectedColumns)}";
        // The bundled description's file holds exactly its columns, so a typo is caught where it is; another description's
        // file may hold more (a dataset's other variables), which are not read.
        InputFile.CheckHeader(header, source, lineNo, expectedColumns, n => !markets.IsBundled || expectedColumns.Contains(n),
            h => $"unknown column {Quote(h)}: the market description names no such column. {expected}",
            m => WhoNames(m, markets), expected + (header.Except(expectedColumns).ToList() is { Count: > 0 } other
                ? $" (the file's columns no market names: {string.Join(", ", other.Select(c => Quote(c)))})" : ""));
        return header;
    }

    /// <summary>A missing column with the market (and description line) that names it.</summary>
    private static string WhoNames(string column, MarketDescription markets)
    {
        var spec = markets.Specs.FirstOrDefault(s => s.Y == column || s.XColumns.Contains(column));
        if (spec is null) return column;
        int line = markets.LineOf(spec.Id);
        return $"{column} (market {spec.Id}'s {(spec.Y == column ? "y" : "x")}, {markets.Source}{(line > 0 ? $" line {line.ToString(CultureInfo.InvariantCulture)}" : "")})";
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static double ParseNumber(string raw, string source, int lineNo, int column, string name)
    {
        const NumberStyles style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (!double.TryParse(raw, style, CultureInfo.InvariantCulture, out double v))
        {
            string lower = raw.ToLowerInvariant();
            if (lower is "nan" or "inf" or "+inf" or "-inf" or "infinity" or "+infinity" or "-infinity" or "∞" or "-∞")
                throw new DataFileException(source, lineNo, column, name, $"{Quote(raw)} is not a finite number (NaN and infinity are not data).");
            throw new DataFileException(source, lineNo, column, name, $"{Quote(raw)} is not a number (expected digits with an optional decimal point, e.g. 3.7).");
        }
        if (!double.IsFinite(v))
            throw new DataFileException(source, lineNo, column, name, $"{Quote(raw)} is not a finite number.");
        return v;
    }

    /// <summary>
    /// Under the bundled description (<paramref name="wef"/>) scores on the WEF scale and counts as whole numbers in range;
    /// under another any real value up to <see cref="MaxMagnitude"/>. The bounds also keep every sum of squares the models
    /// form finite, so a magnitude that would overflow is refused here, with its place, rather than deep in a fit.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void CheckRange(double v, string raw, string name, bool isCount, bool wef, string source, int lineNo, int column)
    {
        if (!wef)
        {
            if (Math.Abs(v) > MaxMagnitude)
                throw new DataFileException(source, lineNo, column, name,
                    $"{Quote(raw)} is larger in magnitude than the loader accepts (1E+50): the models' sums of fourth powers must stay finite.");
        }
        else if (isCount)
        {
            // The text itself must be whole: "99.99999999999999999999" rounds to the double 100 but is not a count.
            // Digits alone are whole whatever decimal makes of them (a whole value, or too many digits to parse).
            bool wholeText = raw.All(char.IsAsciiDigit) || !decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) || exact == decimal.Truncate(exact);
            if (v < 0 || v != Math.Floor(v) || !wholeText)
                throw new DataFileException(source, lineNo, column, name, $"{Quote(raw)} is not a count of clusters (a whole number, zero or more).");
            if (v > MaxClusterCount)
                throw new DataFileException(source, lineNo, column, name,
                    $"{Quote(raw)} clusters is more than the loader accepts ({MaxClusterCount.ToString("0", CultureInfo.InvariantCulture)}); a count that large is a typo or another unit.");
        }
        else if (!(v >= ScoreMinimum && v <= ScoreMaximum))
        {
            throw new DataFileException(source, lineNo, column, name,
                $"{Quote(raw)} is outside the WEF score scale of 1 to 7 points (seeds/data/codebook.md).");
        }
    }

    /// <summary>Digits after the point as written: "3.70" → 2, "37e-1" → 1, "4" → 0.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static int DecimalsOf(string raw)
    {
        int e = raw.IndexOfAny(['e', 'E']);
        string mantissa = e < 0 ? raw : raw[..e];
        // An exponent beyond long (e.g. "0e-99999999999999999999", a valid zero) counts as the widest one.
        long exponent = e < 0 ? 0
            : long.TryParse(raw[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long x) ? x
            : raw[e + 1] == '-' ? long.MinValue / 2 : long.MaxValue / 2;
        int point = mantissa.IndexOf('.');
        long fraction = point < 0 ? 0 : mantissa.Length - point - 1;
        return (int)Math.Clamp(fraction - exponent, 0, int.MaxValue);
    }

    private static int FirstDecimalCommaSuspect(string[] fields)
    {
        // A score such as 3,7 splits into "3" and "7": the first half is one digit, the second digits.
        for (int i = 1; i + 1 < fields.Length; i++)
            if (fields[i].Trim() is [var a] && char.IsDigit(a) && fields[i + 1].Trim() is { Length: > 0 } b && b.All(char.IsDigit))
                return i;
        return fields.Length - 2;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void CheckYears(List<int> years, List<int> lineOfRow, string source, int column)
    {
        var seen = new Dictionary<int, int>();
        for (int i = 0; i < years.Count; i++)
        {
            if (seen.TryGetValue(years[i], out int firstLine))
                throw new DataFileException(source, lineOfRow[i], column, "year", $"year {years[i]} appears twice (first on line {firstLine}).");
            seen[years[i]] = lineOfRow[i];
            if (i > 0 && years[i] < years[i - 1])
                throw new DataFileException(source, lineOfRow[i], column, "year", $"years must ascend: {years[i]} follows {years[i - 1]}.");
            if (i > 0 && years[i] != years[i - 1] + 1)
                throw new DataFileException(source, lineOfRow[i], column, "year",
                    $"year {years[i - 1] + 1} is missing: {years[i]} follows {years[i - 1]}. The lag and difference models need consecutive years.");
        }
    }
}
