using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using static NotebookAnalysis.Diagnostics.MessageText;

namespace NotebookAnalysis.Data;

/// <summary>
/// Which markets a run analyses: one row per market, naming its id, its y column, its x column or columns (separated by
/// <c>;</c>), its label and optionally the id of the printed table it reproduces (codebook: <c>seeds/data/codebook.md</c>).
/// The bundled <c>seeds/data/markets.csv</c> holds the paper's three; a student's own file may hold 1 to
/// <see cref="MaxMarkets"/>. Immutable.
/// </summary>
public sealed partial class MarketDescription
{
    /// <summary>The columns every description has, in any order.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = ["market", "y", "x", "label"];

    /// <summary>The optional column: the id of the printed table the market reproduces (the <c>table</c> column of the
    /// printed-tables file), or empty.</summary>
    public const string PublishedTableColumn = "published_table";

    /// <summary>The most markets a description may hold: every report and notebook shows each market, and 12 keep them legible.</summary>
    public const int MaxMarkets = 12;

    /// <summary>The most regressors of one market: Excel's Analysis ToolPak regression takes at most 16.</summary>
    public const int MaxRegressors = 16;

    /// <summary>The data column every data file has beside the markets' columns.</summary>
    public const string YearColumn = "year";

    private static readonly Lazy<MarketDescription> _bundled = new(() => Load(ProjectPaths.BundledMarkets));

    private readonly MarketSpec[] _specs;
    private readonly int[] _lines;

    private MarketDescription(string source, string sha256, MarketSpec[] specs, int[] lines)
    {
        Source = source;
        Sha256 = sha256;
        _specs = specs;
        _lines = lines;
    }

    /// <summary>The bundled description, <c>seeds/data/markets.csv</c> (cached).</summary>
    public static MarketDescription Bundled => _bundled.Value;

    /// <summary>The file, as the caller named it.</summary>
    public string Source { get; }

    /// <summary>Lower-case hex SHA-256 of the file's bytes.</summary>
    public string Sha256 { get; }

    /// <summary>The markets, in the file's order (the order of every report).</summary>
    public IReadOnlyList<MarketSpec> Specs => _specs;

    /// <summary>Number of markets.</summary>
    public int Count => _specs.Length;

    /// <summary>The market with id <paramref name="market"/> (a string converts: <c>markets["T2_goods"]</c>).</summary>
    /// <exception cref="ArgumentException">No market has that id; the message lists the ids.</exception>
    public MarketSpec this[Market market] =>
        _specs.FirstOrDefault(s => s.Id == market.Id)
        ?? throw new ArgumentException($"The market description {Source} has no market {Quote(market.Id)}. Markets: {string.Join(", ", _specs.Select(s => s.Id))}.", nameof(market));

    /// <summary>True when a market has id <paramref name="id"/>.</summary>
    public bool Contains(string id) => _specs.Any(s => s.Id == id);

    /// <summary>The 1-based line of the file that describes <paramref name="id"/> (0 for a description built in code).</summary>
    public int LineOf(string id) => _lines[Array.FindIndex(_specs, s => s.Id == id)];

    /// <summary>The data columns the description names: <c>year</c>, then each market's y and x columns, each once.</summary>
    public IReadOnlyList<string> DataColumns =>
        new[] { YearColumn }.Concat(_specs.SelectMany(s => s.XColumns.Prepend(s.Y))).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>True when this is the bundled description (same bytes): its y columns are WEF scores and its x columns
    /// cluster counts, which the loader checks as such.</summary>
    public bool IsBundled => Sha256 == Bundled.Sha256;

    /// <summary>The same file with only the markets <paramref name="keep"/> selects (for the sections that need one regressor).</summary>
    public MarketDescription Where(Func<MarketSpec, bool> keep)
    {
        var kept = Enumerable.Range(0, _specs.Length).Where(i => keep(_specs[i])).ToArray();
        return new MarketDescription(Source, Sha256, [.. kept.Select(i => _specs[i])], [.. kept.Select(i => _lines[i])]);
    }

    /// <summary>
    /// True when these markets map the paper's printed tables onto the same data columns as the bundled description
    /// (markets without a printed table aside), so that the paper's Table 1 under these markets is the paper's data.
    /// </summary>
    public bool PrintedTablesAsBundled =>
        _specs.Where(s => s.HasPublishedTable).All(s => Bundled.Specs.Any(b => b.PublishedTable == s.PublishedTable && b.Y == s.Y && b.X == s.X));

    /// <summary>A description built in code (tests, notebooks), validated like a file; <paramref name="source"/> names it in messages.</summary>
    public static MarketDescription From(IEnumerable<MarketSpec> specs, string source = "(markets built in code)")
    {
        var text = "market,y,x,label,published_table\n" + string.Concat(specs.Select(s => $"{s.Id},{s.Y},{s.X},{s.Label},{s.PublishedTable}\n"));
        return Parse(System.Text.Encoding.UTF8.GetBytes(text), source);
    }

    /// <summary>Reads and validates a market description file.</summary>
    /// <exception cref="DataFileException">The file cannot be read or is not a valid description; names file, line and column.</exception>
    public static MarketDescription Load(string path) => Parse(InputFile.ReadBytes(path, "the market description"), path);

    /// <summary>Parses the bytes of a market description; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="DataFileException">Not a valid description: an unknown, duplicate or missing column (the old header
    /// <c>score_column,count_column</c> with how to rename it), a duplicate market id, a bad column name, a y column among its
    /// own x columns, more than <see cref="MaxRegressors"/> regressors or <see cref="MaxMarkets"/> markets.</exception>
    public static MarketDescription Parse(byte[] bytes, string source)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        // Strict UTF-8 with the bad byte's true line and column; the BOM is dropped.
        var lines = InputFile.Decode(bytes, source).Split('\n');
        string[]? header = null;
        int headerLine = 0;
        var specs = new List<MarketSpec>();
        var specLines = new List<int>();
        for (int i = 0; i < lines.Length; i++)
        {
            int lineNo = i + 1;
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            if (line.Contains('"'))
                throw new DataFileException(source, lineNo, null, null, "quoted fields are not allowed in a market description; write labels without commas or quotes.");
            var fields = line.Split(',').Select(f => f.Trim()).ToArray();
            if (header is null)
            {
                header = ParseHeader(fields, source, lineNo);
                headerLine = lineNo;
                continue;
            }
            if (fields.Length != header.Length)
                throw new DataFileException(source, lineNo, Math.Min(fields.Length, header.Length) + 1, null,
                    $"expected {header.Length.ToString(CultureInfo.InvariantCulture)} fields (the header's) but found {fields.Length.ToString(CultureInfo.InvariantCulture)}; a label may not contain a comma.");
            string Field(string name) => fields[Array.IndexOf(header, name)];
            DataFileException Error(string name, string reason) => new(source, lineNo, Array.IndexOf(header, name) + 1, name, reason);

            string id = Field("market");
            if (!IdPattern().IsMatch(id))
                throw Error("market", $"{Quote(id)} is not a market id: use a letter followed by letters, digits or underscores (at most 40), e.g. T2_goods.");
            int first = specs.FindIndex(s => s.Id == id);
            if (first >= 0)
                throw Error("market", $"market {Quote(id)} appears twice (first on line {specLines[first].ToString(CultureInfo.InvariantCulture)}).");
            string y = Field("y"), x = Field("x"), label = Field("label");
            var xs = x.Split(';').Select(c => c.Trim()).ToArray();
            foreach (var (name, value) in xs.Select(c => ("x", c)).Prepend(("y", y)))
            {
                if (value.Length == 0) throw Error(name, "a column name is empty: name the data file's column (several x columns are separated by ';').");
                if (value is YearColumn or "intercept")
                    throw Error(name, $"{Quote(value)} is {(value == YearColumn ? "the year column" : "the intercept's term name")}; name a data column of the market's own.");
                if (value.Any(char.IsControl)) throw Error(name, $"{Quote(value)} holds a control character, which no column name may hold.");
            }
            if (xs.Contains(y))
                throw Error("x", $"{Quote(y)} is also this market's y column; y and x must be different columns.");
            if (xs.Distinct(StringComparer.Ordinal).Count() != xs.Length)
                throw Error("x", $"{Quote(x)} names a column twice.");
            if (xs.Length > MaxRegressors)
                throw Error("x", $"{xs.Length.ToString(CultureInfo.InvariantCulture)} regressors; a ToolPak regression takes at most {MaxRegressors.ToString(CultureInfo.InvariantCulture)}.");
            if (label.Length == 0) throw Error("label", "the label is empty: say in words what the market regresses.");
            string? published = null;
            if (header.Contains(PublishedTableColumn) && Field(PublishedTableColumn) is { Length: > 0 } raw)
            {
                if (specs.FirstOrDefault(s => s.PublishedTable == raw) is { } other)
                    throw Error(PublishedTableColumn, $"table {raw} is already market {other.Id}'s printed table; each printed table belongs to one market.");
                published = raw;
            }
            specs.Add(new MarketSpec(id, y, string.Join(';', xs), label, published));
            specLines.Add(lineNo);
            if (specs.Count > MaxMarkets)
                throw new DataFileException(source, lineNo, null, null,
                    $"the description holds more than {MaxMarkets.ToString(CultureInfo.InvariantCulture)} markets; the reports show every market, and at most {MaxMarkets.ToString(CultureInfo.InvariantCulture)} stay legible.");
        }
        if (header is null)
            throw new DataFileException(source, 1, null, null, $"the market description is empty: expected the header {string.Join(",", RequiredColumns)} and one row per market.");
        if (specs.Count == 0)
            throw new DataFileException(source, headerLine, null, null, "the market description has a header but no markets.");
        return new MarketDescription(source, sha, [.. specs], [.. specLines]);
    }

    private static string[] ParseHeader(string[] names, string source, int lineNo)
    {
        string expected = $"Expected the header {string.Join(",", RequiredColumns)} (and optionally {PublishedTableColumn}).";
        InputFile.CheckHeader(names, source, lineNo, RequiredColumns, n => RequiredColumns.Contains(n) || n == PublishedTableColumn,
            n => n is "score_column" or "count_column"
                ? $"{Quote(n)} is the old header; rename score_column to y and count_column to x (x may now name several columns, separated by ';')."
                : $"unknown column {Quote(n)}. {expected}",
            m => m, expected);
        return names;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,39}$")]
    private static partial Regex IdPattern();
}
