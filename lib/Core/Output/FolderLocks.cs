using System.Security.Cryptography;
using System.Text;

namespace NotebookAnalysis.Output;

/// <summary>
/// The advisory locks a commit holds: an OS lock (<c>flock</c>, through <see cref="FileShare.None"/>) on a file under
/// the runtime folder (<c>$XDG_RUNTIME_DIR</c>, else the temp folder), named by a hash of the output folder's
/// canonical path, so nothing is ever created in the user's folders. A commit takes the lock of every enclosing
/// output folder that has one, outermost first, then its own, so a writer of <c>results/figures</c> and the writer of
/// <c>results/</c> exclude each other. The operating system releases them when a process dies.
/// </summary>
/// <remarks>
/// Keyed by path, not by device and inode: a commit replaces the folder (a new inode each time) and may create it.
/// Writers under different user accounts use different lock folders and do not exclude each other.
/// </remarks>
internal sealed class FolderLocks : IDisposable
{
    private const int SharingViolation = unchecked((int)0x80070020); // Windows
    private readonly List<FileStream> _held = [];

    private FolderLocks() { }

    /// <summary>The folder that holds the lock files (created on first use, private to the user).</summary>
    public static string LockFolder
    {
        get
        {
            var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
            var root = !string.IsNullOrEmpty(runtime) && Path.IsPathRooted(runtime) && Directory.Exists(runtime) ? runtime : Path.GetTempPath();
            return Path.Combine(root, $"notebookanalysis-locks-{Environment.UserName}");
        }
    }

    /// <summary>The lock file of <paramref name="folder"/> (an absolute path): a hash of it, under <see cref="LockFolder"/>.</summary>
    public static string LockPath(string folder)
    {
        var canonical = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..32];
        return Path.Combine(LockFolder, hash + ".lock");
    }

    /// <summary>
    /// Waits (up to <paramref name="timeout"/>) for the locks of the output folders enclosing <paramref name="folder"/>,
    /// outermost first, then for the folder's own lock when <paramref name="own"/> (a single file's writer takes only the enclosing ones).
    /// </summary>
    public static FolderLocks Acquire(string folder, TimeSpan timeout, Func<string, string, Exception?, OutputException> fail, bool own = true)
    {
        var enclosing = new List<string>();
        for (var a = Path.GetDirectoryName(folder); a is not null && Path.GetDirectoryName(a) is not null; a = Path.GetDirectoryName(a))
            if (File.Exists(LockPath(a))) enclosing.Add(LockPath(a));
        enclosing.Reverse();

        var locks = new FolderLocks();
        try
        {
            if (own) EnsureLockFolder(folder, fail);
            foreach (var path in enclosing) locks.Take(folder, path, own: false, timeout, fail);
            if (own) locks.Take(folder, LockPath(folder), own: true, timeout, fail);
            return locks;
        }
        catch
        {
            locks.Dispose();
            throw;
        }
    }

    private static void EnsureLockFolder(string folder, Func<string, string, Exception?, OutputException> fail)
    {
        var dir = LockFolder;
        try
        {
            if (Directory.Exists(dir)) return;
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dir);
            else Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw fail(folder, $"the lock folder {dir} cannot be created: {AtomicFile.Reason(e, dir)}", e);
        }
    }

    private void Take(string folder, string path, bool own, TimeSpan timeout, Func<string, string, Exception?, OutputException> fail)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                // FileShare.None takes flock(LOCK_EX) on Unix and a share lock on Windows.
                _held.Add(own
                    ? new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)
                    : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None));
                return;
            }
            catch (IOException e) when (IsHeldElsewhere(e) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
            catch (FileNotFoundException) when (!own)
            {
                return; // an enclosing folder's lock vanished (the lock folder was cleaned): nothing to exclude
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw fail(folder, IsHeldElsewhere(e)
                    ? $"another run has been writing the folder for over {timeout.TotalMinutes:0} minutes (lock file {path})"
                    : $"{AtomicFile.Reason(e, path)} (lock file {path})", e);
            }
        }
    }

    // On Unix .NET reports flock's EWOULDBLOCK as the errno (11 on Linux, 35 on macOS).
    private static bool IsHeldElsewhere(Exception e) =>
        e.HResult == SharingViolation || AtomicFile.Errno(e) == (OperatingSystem.IsMacOS() ? 35 : 11);

    public void Dispose()
    {
        for (int i = _held.Count - 1; i >= 0; i--) _held[i].Dispose();
        _held.Clear();
    }
}
