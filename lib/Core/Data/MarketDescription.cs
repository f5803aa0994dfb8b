using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using static NotebookAnalysis.Diagnostics.MessageText;

namespace NotebookAnalysis.Data;

/// <summary>
/// Which markets a run analyses: one row per market, naming its id, the data columns of its score and its cluster count,
/// its label and optionally the paper's printed table it reproduces (codebook: <c>seeds/data/codebook.md</c>). The bundled
/// <c>seeds/data/markets.csv</c> holds the paper's three; a student's own file may hold 1 to <see cref="MaxMarkets"/>.
/// Immutable.
/// </summary>
public sealed partial class MarketDescription
{
    /// <summary>The columns every description has, in any order.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = ["market", "score_column", "count_column", "label"];

    /// <summary>The optional column: the number of the paper's printed table the market reproduces, or empty.</summary>
    public const string PublishedTableColumn = "published_table";

    /// <summary>The most markets a description may hold: every report and notebook shows each market, and 12 keep them legible.</summary>
    public const int MaxMarkets = 12;

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

    /// <summary>The market with id <paramref name="market"/>.</summary>
    /// <exception cref="ArgumentException">No market has that id; the message lists the ids.</exception>
    public MarketSpec this[Market market] => this[market.Id];

    /// <summary>The market with id <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException">No market has that id; the message lists the ids.</exception>
    public MarketSpec this[string id] =>
        _specs.FirstOrDefault(s => s.Id == id)
        ?? throw new ArgumentException($"The market description {Source} has no market {Quote(id)}. Markets: {string.Join(", ", _specs.Select(s => s.Id))}.", nameof(id));

    /// <summary>True when a market has id <paramref name="id"/>.</summary>
    public bool Contains(string id) => _specs.Any(s => s.Id == id);

    /// <summary>The 1-based line of the file that describes <paramref name="id"/> (0 for a description built in code).</summary>
    public int LineOf(string id) => _lines[Array.FindIndex(_specs, s => s.Id == id)];

    /// <summary>The data columns the description names: <c>year</c>, then each market's score and count columns, each once.</summary>
    public IReadOnlyList<string> DataColumns =>
        new[] { YearColumn }.Concat(_specs.SelectMany(s => new[] { s.ScoreColumn, s.CountColumn })).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>True when <paramref name="column"/> holds cluster counts for some market (else it holds scores or years).</summary>
    public bool IsCountColumn(string column) => _specs.Any(s => s.CountColumn == column);

    /// <summary>
    /// True when these markets map the paper's printed tables onto the same data columns as the bundled description
    /// (markets without a printed table aside), so that the paper's Table 1 under these markets is the paper's data.
    /// </summary>
    public bool PrintedTablesAsBundled =>
        _specs.Where(s => s.HasPublishedTable).All(s => Bundled.Specs.Any(b => b.PublishedTable == s.PublishedTable
            && b.ScoreColumn == s.ScoreColumn && b.CountColumn == s.CountColumn));

    /// <summary>A description built in code (tests, notebooks), validated like a file; <paramref name="source"/> names it in messages.</summary>
    public static MarketDescription From(IEnumerable<MarketSpec> specs, string source = "(markets built in code)")
    {
        var list = specs.ToList();
        var text = "market,score_column,count_column,label,published_table\n" + string.Concat(list.Select(s =>
            $"{s.Id},{s.ScoreColumn},{s.CountColumn},{s.Label},{s.PublishedTable?.ToString(CultureInfo.InvariantCulture)}\n"));
        return Parse(System.Text.Encoding.UTF8.GetBytes(text), source);
    }

    /// <summary>Reads and validates a market description file.</summary>
    /// <exception cref="DataFileException">The file cannot be read or is not a valid description; names file, line and column.</exception>
    public static MarketDescription Load(string path) => Parse(InputFile.ReadBytes(path, "the market description"), path);

    /// <summary>Parses the bytes of a market description; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="DataFileException">Not a valid description: an unknown, duplicate or missing column, a duplicate
    /// market id or data column, a score column that is another market's count column, more than <see cref="MaxMarkets"/> markets.</exception>
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
            string score = Field("score_column"), count = Field("count_column"), label = Field("label");
            foreach (var (name, value) in new[] { ("score_column", score), ("count_column", count) })
            {
                if (value.Length == 0) throw Error(name, "the cell is empty: name the data file's column.");
                if (value == YearColumn) throw Error(name, $"{Quote(value)} is the year column; a market needs its own score and count columns.");
                if (value.Any(char.IsControl)) throw Error(name, $"{Quote(value)} holds a control character, which no column name may hold.");
            }
            if (score == count)
                throw Error("count_column", $"{Quote(count)} is also this market's score column; the score and the count must be two columns.");
            if (specs.FirstOrDefault(s => s.CountColumn == score) is { } countOwner)
                throw Error("score_column", $"{Quote(score)} is market {countOwner.Id}'s count column; a column holds either scores or counts.");
            if (specs.FirstOrDefault(s => s.ScoreColumn == count) is { } scoreOwner)
                throw Error("count_column", $"{Quote(count)} is market {scoreOwner.Id}'s score column; a column holds either scores or counts.");
            if (label.Length == 0) throw Error("label", "the label is empty: say in words what the market regresses.");
            int? published = null;
            if (header.Contains(PublishedTableColumn) && Field(PublishedTableColumn) is { Length: > 0 } raw)
            {
                if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out int t) || t < 1)
                    throw Error(PublishedTableColumn, $"{Quote(raw)} is not a table number (the paper's printed table, e.g. 2), nor empty.");
                if (specs.FirstOrDefault(s => s.PublishedTable == t) is { } other)
                    throw Error(PublishedTableColumn, $"table {raw} is already market {other.Id}'s printed table; each printed table belongs to one market.");
                published = t;
            }
            specs.Add(new MarketSpec(id, score, count, label, published));
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
        for (int i = 0; i < names.Length; i++)
        {
            if (!RequiredColumns.Contains(names[i]) && names[i] != PublishedTableColumn)
                throw new DataFileException(source, lineNo, i + 1, names[i], $"unknown column {Quote(names[i])}. {expected}");
            if (Array.IndexOf(names, names[i]) != i)
                throw new DataFileException(source, lineNo, i + 1, names[i], $"column {Quote(names[i])} appears twice in the header.");
        }
        var missing = RequiredColumns.Where(n => !names.Contains(n)).ToList();
        if (missing.Count > 0)
            throw new DataFileException(source, lineNo, null, null, $"the header lacks the column(s) {string.Join(", ", missing)}. {expected}");
        return names;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,39}$")]
    private static partial Regex IdPattern();
}
