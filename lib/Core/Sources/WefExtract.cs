using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NotebookAnalysis.Data;

namespace NotebookAnalysis.Sources;

/// <summary>One score of the WEF extract: one pillar (or the overall index) in one edition.</summary>
/// <param name="Edition">The WEF edition label, e.g. <c>2008-2009</c>.</param>
/// <param name="EditionYearEnd">The second year of the label (2009 for 2008-2009).</param>
/// <param name="Pillar">The WEF GLOBAL ID: <c>GCI.B.06</c>, <c>GCI.B.08</c>, <c>GCI.C.12</c> or <c>GCI</c>.</param>
/// <param name="PillarName">The WEF series name.</param>
/// <param name="Exact">The score exactly as written in the file (System.Decimal keeps every printed digit).</param>
/// <param name="SourceRepo">The public repository the row was taken from.</param>
/// <param name="SourcePath">The file inside that repository.</param>
/// <param name="SourceCommit">The commit of that repository.</param>
/// <param name="Line">The 1-based line of the row in the extract.</param>
public sealed record WefScore(string Edition, int EditionYearEnd, string Pillar, string PillarName, decimal Exact,
    string SourceRepo, string SourcePath, string SourceCommit, int Line)
{
    /// <summary>The score as the nearest double, for regressions.</summary>
    public double Value => (double)Exact;

    /// <summary>Digits after the decimal point, as stored (System.Decimal keeps the scale it was parsed with, trailing zeros included).</summary>
    public int Decimals => Exact.Scale;

    /// <summary>Significant digits as stored: every digit from the first non-zero one to the last one written.</summary>
    public int SignificantDigits =>
        Math.Max(1, Math.Abs(Exact).ToString(CultureInfo.InvariantCulture).Replace(".", "", StringComparison.Ordinal).TrimStart('0').Length);

    /// <summary>
    /// Half a unit of the last stored digit: a value cut to these digits stands for every number this close to it
    /// (5E-10 for a value stored as 3.425537080 or 4.186344936).
    /// </summary>
    public decimal HalfUnit => new(5, 0, 0, false, (byte)Math.Min(Decimals + 1, 28));

    /// <summary>
    /// Whether the score carries full precision: at least <see cref="ScoreRounding.FullPrecisionDigits"/> significant
    /// digits, as a binary double written out in full has; the stored decimal is then taken as exact.
    /// </summary>
    public bool FullPrecision => SignificantDigits >= ScoreRounding.FullPrecisionDigits;
}

/// <summary>
/// The extract of the WEF Global Competitiveness Index historical dataset for Russia
/// (<c>../shared/data/wef-gci-russia/extract.csv</c>), read by its header in the invariant culture and validated.
/// Every error is a <see cref="DataFileException"/> naming the file, the line and the column, with the offending value.
/// </summary>
public sealed class WefExtract
{
    /// <summary>The required header names; columns are found by name, in any order.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
        ["edition", "edition_year_end", "pillar", "pillar_name", "score", "source_repo", "source_path", "source_commit"];

    /// <summary>The WEF GLOBAL IDs the extract may hold.</summary>
    public static IReadOnlyList<string> KnownPillars { get; } = [Pillars.Goods, Pillars.Financial, Pillars.Innovation, Pillars.Overall];

    /// <summary>What the file must look like, for messages that tell a user what to supply.</summary>
    public static string ExpectedFormat =>
        "a UTF-8 CSV with the header " + string.Join(",", ColumnNames) +
        " (fields may be quoted), one row per edition and pillar: edition 'YYYY-YYYY', edition_year_end its second year, " +
        "pillar one of " + string.Join(", ", KnownPillars) + ", score a number in [1, 7] with a decimal point";

    private readonly List<WefScore> _scores;
    private readonly Dictionary<(string Pillar, int YearEnd), WefScore> _index;

    private WefExtract(string source, string sha256, List<WefScore> scores)
    {
        Source = source;
        Sha256 = sha256;
        _scores = scores;
        _index = scores.ToDictionary(s => (s.Pillar, s.EditionYearEnd));
    }

    /// <summary>The path as given by the caller.</summary>
    public string Source { get; }

    /// <summary>Lower-case hex SHA-256 of the file's bytes, for provenance.</summary>
    public string Sha256 { get; }

    /// <summary>Every row, in file order.</summary>
    public IReadOnlyList<WefScore> Scores => _scores;

    /// <summary>The score of <paramref name="pillar"/> in the edition whose second year is <paramref name="editionYearEnd"/>, or null.</summary>
    public WefScore? Find(string pillar, int editionYearEnd) =>
        _index.TryGetValue((pillar, editionYearEnd), out var s) ? s : null;

    /// <summary>Reads and validates the extract at <paramref name="path"/>.</summary>
    public static WefExtract Load(string path)
    {
        if (path.Length > 0 && !path.Contains('\0') && !Path.Exists(path))
            throw new DataFileException(path, 1, null, null,
                $"the WEF extract was not found (looked at {Path.GetFullPath(path)}). Expected {ExpectedFormat}.");
        // The guarded reader: a FIFO, a device or a directory is refused at once, never read.
        return Parse(InputFile.ReadBytes(path, "the WEF extract"), path);
    }

    /// <summary>Parses the bytes of an extract; <paramref name="source"/> names it in messages.</summary>
    public static WefExtract Parse(byte[] bytes, string source)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        string text = InputFile.Decode(bytes, source); // strict UTF-8, the bad byte's line and column; BOM dropped

        var lines = text.Split('\n');
        int[]? fieldOf = null;
        int width = 0;
        var scores = new List<WefScore>();
        var first = new Dictionary<(string, int), int>();
        for (int i = 0; i < lines.Length; i++)
        {
            int lineNo = i + 1;
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            var fields = SplitCsv(line, source, lineNo);
            if (fieldOf is null)
            {
                fieldOf = Header(fields, source, lineNo);
                width = fields.Count;
                continue;
            }
            if (fields.Count != width)
                throw new DataFileException(source, lineNo, Math.Min(fields.Count, width) + 1, null,
                    $"expected {width} fields as in the header but found {fields.Count}.");
            string Field(int c) => fields[fieldOf[c]].Trim();
            string Number(int c) => InputFile.Cell(fields[fieldOf[c]], source, lineNo, fieldOf[c] + 1, ColumnNames[c]);
            DataFileException Error(int c, string reason) => new(source, lineNo, fieldOf[c] + 1, ColumnNames[c], reason);

            string edition = Field(0);
            if (!TryEdition(edition, out int editionEnd))
                throw Error(0, $"'{edition}' is not an edition label 'YYYY-YYYY' of two consecutive years (e.g. 2008-2009).");
            string yearRaw = Number(1);
            if (!int.TryParse(yearRaw, NumberStyles.None, CultureInfo.InvariantCulture, out int yearEnd))
                throw Error(1, $"'{yearRaw}' is not a year (a whole number such as 2009).");
            if (yearEnd != editionEnd)
                throw Error(1, $"'{yearRaw}' is not the second year of the edition '{edition}' ({editionEnd.ToString(CultureInfo.InvariantCulture)}).");
            string pillar = Field(2);
            if (!KnownPillars.Contains(pillar))
                throw Error(2, $"unknown pillar id '{pillar}'. Known: {string.Join(", ", KnownPillars)}.");
            if (first.TryGetValue((pillar, yearEnd), out int firstLine))
                throw Error(0, $"edition '{edition}' appears twice for pillar {pillar} (first on line {firstLine.ToString(CultureInfo.InvariantCulture)}).");
            string raw = Number(4);
            if (!decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                    CultureInfo.InvariantCulture, out decimal score))
                throw Error(4, $"'{raw}' is not a number (expected digits with a decimal point, e.g. 3.9048236647210413).");
            if (score < 1m || score > 7m)
                throw Error(4, $"'{raw}' is outside the GCI scale of 1 to 7.");
            first[(pillar, yearEnd)] = lineNo;
            scores.Add(new WefScore(edition, yearEnd, pillar, Field(3), score, Field(5), Field(6), Field(7), lineNo));
        }
        if (fieldOf is null)
            throw new DataFileException(source, 1, null, null, $"the file is empty. Expected {ExpectedFormat}.");
        if (scores.Count == 0)
            throw new DataFileException(source, 1, null, null, "the file has a header but no rows.");
        return new WefExtract(source, sha, scores);
    }

    private static int[] Header(List<string> fields, string source, int lineNo)
    {
        var names = fields.Select(f => f.Trim()).ToArray();
        string expected = $"Expected the header: {string.Join(",", ColumnNames)}.";
        InputFile.CheckHeader(names, source, lineNo, ColumnNames, ColumnNames.Contains,
            n => $"unknown column {Diagnostics.MessageText.Quote(n)} in the header (is the header missing?). {expected}", n => n, expected);
        return ColumnNames.Select(n => Array.IndexOf(names, n)).ToArray();
    }

    private static bool TryEdition(string label, out int yearEnd)
    {
        yearEnd = 0;
        var parts = label.Split('-');
        return parts.Length == 2
            && parts[0].Length == 4 && parts[1].Length == 4
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int start)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out yearEnd)
            && yearEnd == start + 1;
    }

    /// <summary>Splits one CSV line (RFC 4180 quoting, no line breaks inside fields).</summary>
    private static List<string> SplitCsv(string line, string source, int lineNo)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        int i = 0;
        while (true)
        {
            sb.Clear();
            if (i < line.Length && line[i] == '"')
            {
                int open = i++;
                while (true)
                {
                    if (i >= line.Length)
                        throw new DataFileException(source, lineNo, fields.Count + 1, null,
                            $"the quote opened at character {(open + 1).ToString(CultureInfo.InvariantCulture)} is never closed.");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    sb.Append(line[i++]);
                }
                if (i < line.Length && line[i] != ',')
                    throw new DataFileException(source, lineNo, fields.Count + 1, null,
                        $"text follows the closing quote at character {i.ToString(CultureInfo.InvariantCulture)}.");
            }
            else
            {
                while (i < line.Length && line[i] != ',') sb.Append(line[i++]);
            }
            fields.Add(sb.ToString());
            if (i >= line.Length) return fields;
            i++; // the comma
        }
    }
}

/// <summary>The WEF GLOBAL IDs of the pillars the paper uses, and their link to the paper's markets.</summary>
public static class Pillars
{
    /// <summary>6th pillar: Goods market efficiency (Table 2).</summary>
    public const string Goods = "GCI.B.06";

    /// <summary>8th pillar: Financial market development (Table 3).</summary>
    public const string Financial = "GCI.B.08";

    /// <summary>12th pillar: Innovation (Table 4).</summary>
    public const string Innovation = "GCI.C.12";

    /// <summary>The overall Global Competitiveness Index (not in Table 1).</summary>
    public const string Overall = "GCI";

    /// <summary>The WEF pillar of the paper's <paramref name="market"/>.</summary>
    public static string Of(Market market) => market switch
    {
        _ when market == Market.Goods => Goods,
        _ when market == Market.Financial => Financial,
        _ when market == Market.Innovation => Innovation,
        _ => throw new ArgumentOutOfRangeException(nameof(market), market, "Unknown market."),
    };
}
