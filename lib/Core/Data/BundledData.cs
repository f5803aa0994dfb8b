using System.Text.RegularExpressions;

namespace NotebookAnalysis.Data;

/// <summary>The provenance record of the bundled Table 1: the SHA-256 written in the codebook.</summary>
public static partial class BundledData
{
    [GeneratedRegex(@"^sha256:\s*([0-9a-f]{64})\s*$", RegexOptions.Multiline)]
    private static partial Regex ShaLine();

    /// <summary>The SHA-256 recorded in <c>seeds/data/codebook.md</c> (the line <c>sha256: …</c>).</summary>
    public static string RecordedSha256(string? codebookPath = null)
    {
        var path = codebookPath ?? ProjectPaths.Codebook;
        var m = ShaLine().Match(InputFile.ReadText(path, "the codebook"));
        return m.Success ? m.Groups[1].Value
            : throw new DataFileException(path, 1, null, null, "the codebook has no line 'sha256: <64 hex digits>'.");
    }
}
