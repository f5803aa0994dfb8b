// PLACEHOLDER until lib/Output/AtomicFile.cs (branch 'output') is on main: NotebookRunner.csproj compiles this file
// only while ../Output/AtomicFile.cs does not exist, and links that one instead once it does. Delete this file then.
namespace NotebookAnalysis.Output;

/// <summary>Stand-in for the project's one atomic file writer (same name and signature).</summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to a temporary file beside <paramref name="path"/>, flushes it, then renames it over <paramref name="path"/>; the temporary file never survives a failure.</summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}
