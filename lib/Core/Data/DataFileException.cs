using NotebookAnalysis.Diagnostics;

namespace NotebookAnalysis.Data;

/// <summary>
/// Bad input in a data file. The message always names the file, the 1-based line and, where one
/// column is at fault, the 1-based column number and the column name. One of the library's three error types
/// (with <c>Regression.ModelException</c> and <c>Output.OutputException</c>): every bad input file, whatever
/// its format, is reported as this type or its one subtype, <c>Taxonomy.TaxonomyException</c>.
/// </summary>
// Also compiled into lib/Tools/NotebookRunner as a linked source (NOTEBOOK_RUNNER makes it internal there).
#if NOTEBOOK_RUNNER
internal
#else
public
#endif
class DataFileException : Exception
{
    public DataFileException(string file, int line, int? column, string? columnName, string reason)
        : base(Compose(MessageText.Printable(file, 200), line, column, columnName is null ? null : MessageText.Printable(columnName),
            MessageText.Printable(reason, MaxReasonLength)))
    {
        File = file;
        Line = line;
        Column = column;
        ColumnName = columnName;
        Reason = reason;
    }

    /// <summary>For a subtype that composes its own message (the taxonomy names an entry rather than a column).</summary>
    protected DataFileException(string file, int line, string reason, string message) : base(message)
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>1-based line number in the file (0 only for a taxonomy entry whose line could not be found).</summary>
    public int Line { get; }

    /// <summary>1-based column (field) number, or null when the whole line or file is at fault.</summary>
    public int? Column { get; }

    /// <summary>The header name of the column at fault, when known.</summary>
    public string? ColumnName { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>The longest reason a message carries; longer ones (which only an echoed value makes) are cut.</summary>
    public const int MaxReasonLength = 600;

    private static string Compose(string file, int line, int? column, string? columnName, string reason)
    {
        var where = $"{file}:line {line}";
        if (column is int c)
            where += columnName is null ? $", column {c}" : $", column {c} ({columnName})";
        return $"{where}: {reason}";
    }
}
