using NotebookAnalysis.Data;

namespace NotebookAnalysis.Reproduction;

/// <summary>Loads <c>seeds/published/tables2-4.csv</c>: the 81 numbers of Tables 2-4 as printed.</summary>
public static class PublishedTables
{
    /// <summary>The file's header.</summary>
    public const string Header = "table,section,statistic,term,paper_row,paper_column,standard_row,standard_column,printed,decimals";

    /// <summary>The bundled file.</summary>
    public static string BundledPath => Path.Combine(ProjectPaths.Published, "tables2-4.csv");

    private static readonly Lazy<IReadOnlyList<PublishedNumber>> _bundled = new(() => Load(BundledPath));

    /// <summary>All 81 published numbers, in the paper's order (cached).</summary>
    public static IReadOnlyList<PublishedNumber> All => _bundled.Value;

    /// <summary>The 27 numbers of one table, e.g. <c>T3_financial</c>.</summary>
    public static IReadOnlyList<PublishedNumber> For(string tableId) => All.Where(p => p.Table == tableId).ToList();

    /// <summary>Reads and validates a published-tables file.</summary>
    /// <exception cref="DataFileException">A malformed line, a printed string that is not a number, or a wrong decimal count.</exception>
    public static IReadOnlyList<PublishedNumber> Load(string path)
    {
        var lines = InputFile.Lines(InputFile.ReadText(path, "the printed tables"));
        if (lines[0] != Header)
            throw new DataFileException(path, 1, null, null, $"expected the header '{Header}'.");
        var names = Header.Split(',');
        var result = new List<PublishedNumber>();
        var keys = new HashSet<(string, string)>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var f = lines[i].Split(',');
            if (f.Length != names.Length)
                throw new DataFileException(path, i + 1, null, null, $"expected {names.Length} fields, found {f.Length}.");
            decimal value;
            try { value = PublishedNumber.ParsePrinted(f[8]); }
            catch (FormatException) { throw new DataFileException(path, i + 1, 9, "printed", $"'{f[8]}' is not a number."); }
            if (!int.TryParse(f[9], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int decimals)
                || decimals != PublishedNumber.DecimalsOf(f[8]))
                throw new DataFileException(path, i + 1, 10, "decimals", $"'{f[9]}' is not the number of decimals of '{f[8]}' ({PublishedNumber.DecimalsOf(f[8])}).");
            _ = value;
            var p = new PublishedNumber(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], decimals);
            if (!keys.Add((p.Table, p.Key)))
                throw new DataFileException(path, i + 1, 3, "statistic", $"{p.Table} {p.Key} appears twice.");
            result.Add(p);
        }
        return result;
    }
}
