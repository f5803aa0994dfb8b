namespace NotebookAnalysis.Transcription;

/// <summary>One line of a transcribed table: its cells, split at tabs and normalised.</summary>
/// <param name="Line">1-based line in the document.</param>
/// <param name="Cells">Cell texts; empty strings for empty cells.</param>
/// <param name="IsHeading">True for a sub-heading row: one italic cell, the others empty (Table 7's groups).</param>
public sealed record TableRow(int Line, IReadOnlyList<string> Cells, bool IsHeading)
{
    /// <summary>Cell <paramref name="i"/>, or an empty string past the row's end.</summary>
    public string Cell(int i) => i < Cells.Count ? Cells[i] : "";
}

/// <summary>
/// A table of the transcription: its caption line and its tab-separated rows (the first is the header).
/// Tables continued after a page break (a repeated caption) are one table.
/// </summary>
public sealed class PaperTable
{
    private PaperTable(string id, List<TableRow> rows)
    {
        Id = id;
        Rows = rows;
    }

    /// <summary><c>Table N</c>.</summary>
    public string Id { get; }

    /// <summary>All rows, header first.</summary>
    public IReadOnlyList<TableRow> Rows { get; }

    /// <summary>The header's cells (column titles).</summary>
    public IReadOnlyList<string> Header => Rows.Count > 0 ? Rows[0].Cells : [];

    /// <summary>Rows after the header.</summary>
    public IEnumerable<TableRow> Body => Rows.Skip(1);

    /// <summary>Index of the column titled <paramref name="column"/>.</summary>
    public int ColumnIndex(string column)
    {
        var name = PaperText.Normalize(column);
        for (int i = 0; i < Header.Count; i++)
            if (Header[i] == name) return i;
        throw new KeyNotFoundException($"{Id} has no column '{column}'. Columns: {string.Join(" | ", Header)}.");
    }

    /// <summary>The body row whose first cell is <paramref name="row"/>.</summary>
    public TableRow RowNamed(string row)
    {
        var name = PaperText.Normalize(row);
        return Body.FirstOrDefault(r => r.Cell(0) == name)
            ?? throw new KeyNotFoundException($"{Id} has no row '{row}'. Rows: {string.Join(" | ", Body.Select(r => r.Cell(0)))}.");
    }

    /// <summary>The body cells of one column, top to bottom, with their lines (empty cells included).</summary>
    public IReadOnlyList<(int Line, string Text)> ColumnCells(int index) =>
        Body.Select(r => (r.Line, r.Cell(index))).ToList();

    internal IReadOnlyList<Passage> Find(Trace trace, string locator)
    {
        var found = new List<Passage>();
        if (trace.Column is not null && trace.Row is null)
        {
            // A column entry is one cell or a run of consecutive cells that the transcription broke apart.
            var cells = ColumnCells(ColumnIndex(trace.Column));
            for (int i = 0; i < cells.Count; i++)
            {
                if (cells[i].Text.Length == 0) continue;
                var joined = cells[i].Text;
                for (int j = i; ; j++)
                {
                    if (joined == locator)
                    {
                        var fragments = cells.Skip(i).Take(j - i + 1).Select(c => c.Text).ToList();
                        found.Add(new Passage(trace, cells[i].Line, cells[j].Line, joined,
                            string.Join(" | ", fragments), fragments));
                        break;
                    }
                    if (joined.Length >= locator.Length || j + 1 >= cells.Count || cells[j + 1].Text.Length == 0)
                        break;
                    joined += " " + cells[j + 1].Text;
                }
            }
            return found;
        }
        // Otherwise the phrase lies inside one cell: of the named row (or any row), in the named column (or any column).
        foreach (var row in trace.Row is null ? Rows : [RowNamed(trace.Row)])
            foreach (var cell in trace.Column is null ? row.Cells : [row.Cell(ColumnIndex(trace.Column))])
                foreach (var _ in PaperText.Occurrences(cell, locator))
                    found.Add(new Passage(trace, row.Line, row.Line, cell, string.Join(" | ", row.Cells.Where(c => c.Length > 0)), [locator]));
        return found;
    }

    internal static PaperTable Read(string id, IReadOnlyList<string> lines, int caption, out int last)
    {
        var rows = new List<TableRow>();
        last = caption;
        for (int k = caption + 1; k < lines.Count; k++)
        {
            var line = lines[k];
            if (line.Trim().Length == 0) continue;
            var m = PaperText.CaptionPattern().Match(line);
            if (m.Success)
            {
                if ($"Table {m.Groups[1].Value}" != id) break;
                last = k; // the caption repeated after a page break
                continue;
            }
            if (line.Contains('\t'))
            {
                var cells = line.Split('\t').Select(PaperText.Normalize).ToList();
                while (cells.Count > 1 && cells[^1].Length == 0) cells.RemoveAt(cells.Count - 1);
                bool heading = line.TrimStart().StartsWith("<i>", StringComparison.Ordinal) && cells.Count == 1 && rows.Count > 0;
                rows.Add(new TableRow(k + 1, cells, heading));
                last = k;
                continue;
            }
            if (line.StartsWith("Source:", StringComparison.Ordinal))
                last = k;
            break;
        }
        return new PaperTable(id, rows);
    }
}
