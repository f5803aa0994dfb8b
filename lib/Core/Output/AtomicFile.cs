// The one atomic single-file writer. Depends on the base class library only, so that projects which do not
// reference the NotebookAnalysis assembly (the notebook runner) compile this same file as a linked source:
//   <Compile Include="../Output/AtomicFile.cs" Link="Output/AtomicFile.cs" />
// and define NOTEBOOK_RUNNER, which makes the class internal there (no clash for assemblies that see both).
using System.Runtime.InteropServices;

namespace NotebookAnalysis.Output;

/// <summary>
/// Writes one file all at once: a temporary file in the same folder, flushed to disk, then renamed over the
/// target. Readers see the complete old file or the complete new one; the temporary file is removed on any failure.
/// Errors are <see cref="IOException"/>s whose message names the file, the reason and whether the file changed.
/// </summary>
#if NOTEBOOK_RUNNER
internal
#else
public
#endif
static class AtomicFile
{
    /// <summary>The marker in every temporary file's name (<c>.NAME.tmp~PID-RANDOM</c>), matched by .gitignore.</summary>
    public const string TempMarker = ".tmp~";

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically. The parent folder must exist.</summary>
    /// <exception cref="IOException">The write failed; the message names the file and the reason, and the file is unchanged.</exception>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var temp = TempPath(full);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new IOException($"Could not write {full}: {Reason(e, full)}. The file is unchanged.", e);
        }
        SyncDirectory(folder);
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark, atomically.</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new System.Text.UTF8Encoding(false).GetBytes(text));

    /// <summary>A fresh temporary name beside <paramref name="fullPath"/>.</summary>
    public static string TempPath(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}{TempMarker}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");

    /// <summary>True for a name this class (or a killed run of it) leaves while writing.</summary>
    public static bool IsTempName(string fileName) => fileName.StartsWith('.') && fileName.Contains(TempMarker, StringComparison.Ordinal);

    /// <summary>
    /// The reason of an I/O failure in words (read-only file system, disk full, permission, not a directory, ...),
    /// from the operating system's error number where .NET keeps it.
    /// </summary>
    public static string Reason(Exception e, string path)
    {
        int errno = Errno(e);
        string text = e.Message + " " + e.InnerException?.Message;
        bool Has(string s) => text.Contains(s, StringComparison.OrdinalIgnoreCase);
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            if (errno == 28 || Has("No space left")) return "the disk is full (no space left on device)";
            if (errno == 122 || Has("quota")) return "the disk quota is exceeded";
            if (errno == 30 || Has("Read-only file system")) return "the file system is read-only";
            if (errno == 20 || Has("Not a directory")) return "a part of the path is not a directory";
            if (errno == 21 || Has("Is a directory")) return "the target is a directory";
        }
        if (e is UnauthorizedAccessException || Has("denied") || Has("not permitted"))
            return "permission denied (the file or its folder is not writable, or the file is immutable)";
        if (e is DirectoryNotFoundException) return "the folder does not exist";
        if (e is PathTooLongException) return "the path is too long";
        // Otherwise the system's own words, without the quoted path (the caller names the file). An empty path is
        // no path: String.Replace("", …) throws, and the message code must never be what fails.
        var words = string.IsNullOrEmpty(path) ? e.Message : e.Message.Replace(path, "", StringComparison.Ordinal);
        words = System.Text.RegularExpressions.Regex.Replace(words, @"\s*:?\s*'[^']*'", "").Trim().TrimEnd(':', '.').Trim();
        return words.Length > 0 ? words : errno > 0 ? $"system error {errno}" : e.GetType().Name;
    }

    /// <summary>
    /// The operating system's error number behind an I/O exception, or 0. .NET keeps it as the HResult of the
    /// exception, or of its inner exception for "access denied" (EACCES and EPERM alike).
    /// </summary>
    public static int Errno(Exception e)
    {
        if (OperatingSystem.IsWindows()) return 0;
        var source = e is UnauthorizedAccessException && e.InnerException is IOException inner ? inner : e;
        return source is IOException && source.HResult is > 0 and < 4096 ? source.HResult : 0;
    }

    /// <summary>Deletes a file if it can; a failure is ignored (a leftover, removed by a later run).</summary>
    internal static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>Flushes a folder's entries (the rename) to disk. Best effort: not every system can open a folder.</summary>
    public static void SyncDirectory(string folder)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        try
        {
            int fd = open(folder, 0 /* O_RDONLY */);
            if (fd < 0) return;
            fsync(fd);
            close(fd);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);
}
