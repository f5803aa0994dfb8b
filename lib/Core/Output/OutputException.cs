namespace NotebookAnalysis.Output;

/// <summary>
/// An output folder or file could not be written. The message names the path and the reason (read-only file
/// system, disk full, not a directory, permission, ...) and says what state the folder is in; it promises that
/// nothing changed only when <see cref="NothingChanged"/> is true.
/// </summary>
public sealed class OutputException : Exception
{
    /// <summary>Creates the exception; the message is built from the parts.</summary>
    public OutputException(string path, string reason, bool nothingChanged, string state, Exception? inner = null)
        : base($"Could not write {path}: {reason}. {state}", inner)
    {
        Path = path;
        Reason = reason;
        NothingChanged = nothingChanged;
    }

    /// <summary>The folder or file that could not be written.</summary>
    public string Path { get; }

    /// <summary>Why, in words.</summary>
    public string Reason { get; }

    /// <summary>True when the output folder is exactly as it was before the attempt.</summary>
    public bool NothingChanged { get; }
}
