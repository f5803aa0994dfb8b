using System.Text;

namespace NotebookAnalysis.Output;

/// <summary>
/// Collects every file of a run in memory and writes them only when the whole run has succeeded, each
/// through a temporary file and an atomic rename. A failure before <see cref="Commit"/> leaves the
/// output folder exactly as it was.
/// </summary>
public sealed class OutputFolder
{
    private readonly SortedDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public OutputFolder(string directory) => Directory = Path.GetFullPath(directory);

    /// <summary>The absolute output folder.</summary>
    public string Directory { get; }

    /// <summary>The relative paths staged so far.</summary>
    public IEnumerable<string> StagedFiles => _files.Keys;

    /// <summary>The staged bytes of <paramref name="relativePath"/>.</summary>
    public byte[] Staged(string relativePath) => (byte[])_files[relativePath].Clone();

    /// <summary>Stages a text file (UTF-8 without BOM, content as given).</summary>
    public void AddText(string relativePath, string content) => AddBytes(relativePath, new UTF8Encoding(false).GetBytes(content));

    /// <summary>Stages a binary file.</summary>
    public void AddBytes(string relativePath, byte[] content)
    {
        if (Path.IsPathRooted(relativePath) || relativePath.Split('/', '\\').Contains(".."))
            throw new ArgumentException($"Output path '{relativePath}' must be relative and stay inside the output folder.", nameof(relativePath));
        if (!_files.TryAdd(relativePath.Replace('\\', '/'), content))
            throw new InvalidOperationException($"Output file '{relativePath}' was staged twice.");
    }

    /// <summary>Writes every staged file: temporary file in the target folder, then rename over the old one.</summary>
    public void Commit()
    {
        foreach (var (rel, bytes) in _files)
        {
            var target = Path.Combine(Directory, rel);
            var folder = Path.GetDirectoryName(target)!;
            System.IO.Directory.CreateDirectory(folder);
            var temp = Path.Combine(folder, $".{Path.GetFileName(target)}.tmp-{Environment.ProcessId}");
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, target, overwrite: true);
        }
    }
}
