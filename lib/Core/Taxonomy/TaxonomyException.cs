using NotebookAnalysis.Data;

namespace NotebookAnalysis.Taxonomy;

/// <summary>What is wrong with a taxonomy entry.</summary>
public enum TaxonomyErrorKind
{
    /// <summary>The file cannot be read, is not JSON, or lacks a field or has one of the wrong type.</summary>
    Schema,

    /// <summary>An institution type (or another enumerated value) outside the known set.</summary>
    UnknownValue,

    /// <summary>A country that is not an ISO 3166-1 alpha-2 code, or a subdivision that is not ISO 3166-2 for it.</summary>
    CountryNotNormalized,

    /// <summary>An id, a location or a table row used twice.</summary>
    Duplicate,

    /// <summary>A trace whose locating phrase does not occur in its scope.</summary>
    TraceNotFound,

    /// <summary>A trace whose locating phrase occurs more than once in its scope.</summary>
    TraceAmbiguous,

    /// <summary>The data disagree with the paper or with each other (a cross-check failed).</summary>
    Inconsistent,
}

/// <summary>
/// Bad taxonomy data: a <see cref="DataFileException"/> whose message names the file, the entry (its id) and, when
/// known, the file's line (<see cref="DataFileException.Line"/>, 0 when not found).
/// </summary>
public sealed class TaxonomyException(TaxonomyErrorKind kind, string file, string entry, int? line, string reason)
    : DataFileException(file, line ?? 0, reason, $"{file}, entry {entry}{(line is int l ? $" (line {l})" : "")}: {reason}")
{
    /// <summary>Which kind of error this is.</summary>
    public TaxonomyErrorKind Kind { get; } = kind;

    /// <summary>The entry's id, or a description of the entry when it has no id.</summary>
    public string Entry { get; } = entry;
}
