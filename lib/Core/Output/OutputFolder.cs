using System.Diagnostics;
using System.Text;

namespace NotebookAnalysis.Output;

/// <summary>How <see cref="OutputFolder.Commit"/> changed the folder.</summary>
public enum CommitMethod
{
    /// <summary>Every staged file already had these bytes; nothing was touched.</summary>
    Unchanged,

    /// <summary>The folder did not exist; a complete staged folder was renamed into place.</summary>
    Created,

    /// <summary>The staged folder and the old one were swapped in one step (Linux <c>renameat2(RENAME_EXCHANGE)</c>).</summary>
    Exchanged,

    /// <summary>
    /// The folder could not be swapped in one step (a mount point, another file system, no <c>renameat2</c>): the new
    /// files were staged inside the folder and renamed over the old ones one by one under a journal. A run killed
    /// in between leaves the journal, and the next run completes the commit (or, after a failed rename, rolls it back).
    /// </summary>
    Journaled,
}

/// <summary>What a commit did, for the caller's log line.</summary>
/// <param name="Method">How the folder changed.</param>
/// <param name="Elapsed">Wall time of the commit, lock wait included.</param>
/// <param name="Note">A sentence to print when the user should know something (journal mode, a leftover); else null.</param>
public sealed record CommitReport(CommitMethod Method, TimeSpan Elapsed, string? Note);

/// <summary>The points inside <see cref="OutputFolder.Commit"/> where a test hook runs (before the step).</summary>
internal enum CommitStep { Lock, Recover, Stage, Link, Write, Sync, Journal, Swap, MoveNew, DeleteOld, Done }

/// <summary>
/// The test seam of <see cref="OutputFolder"/>: a test traces, pauses or fails a commit at a step, and can force the
/// file-by-file journal on a system that can exchange (<paramref name="UseExchange"/> false). Production code sets none.
/// </summary>
/// <param name="Before">Runs before each step of the commit.</param>
/// <param name="UseExchange">False forces the file-by-file journal (tests of the fallback).</param>
internal sealed record CommitHook(Action<CommitStep> Before, bool UseExchange = true);

/// <summary>
/// Collects every file of a run in memory and changes the output folder all at once when the run has succeeded.
/// <para>
/// <see cref="Commit"/> builds a complete sibling folder on the same file system: every entry of the current folder
/// that this writer does not replace is hard-linked (copied where links fail), so files of other writers sharing the
/// folder are kept; then the staged folder is swapped in. A failure or a kill at any instant leaves the complete old
/// set or the complete new set, and never a temporary file inside the folder. Writers of the same folder, and of
/// folders nested in it, are serialized by OS locks on files under the runtime folder (<see cref="FolderLocks"/>).
/// </para>
/// <para>
/// Where the folder cannot be exchanged (it is a mount point such as a tmpfs, a bind mount or a container volume:
/// <c>EBUSY</c>; another file system: <c>EXDEV</c>; <c>EPERM</c>, <c>ENOTSUP</c>, <c>EINVAL</c>, no <c>renameat2</c>),
/// the commit is journaled inside the folder itself, so it stays on the folder's own file system: the new files are
/// staged in <c>.out~staging-*</c>, the files they replace are linked into it for a rollback, the journal
/// <c>.out~journal</c> is written, and the files are renamed into place one by one. The journal's presence marks a
/// commit in progress: the next run completes it, or rolls it back if a rename failed. <see cref="CommitReport.Method"/>
/// says which way was used.
/// </para>
/// After a run that ends, success or failure, nothing is left beside the folder or inside it but the folder's own
/// files. A kill can leave <c>.NAME.out~staging-*</c> (beside) or <c>.out~staging-*</c> and <c>.out~journal</c>
/// (inside); the next commit of the folder removes or completes them.
/// </summary>
public sealed class OutputFolder
{
    /// <summary>The marker in every name the commit creates beside or inside the folder.</summary>
    public const string Marker = ".out~";

    private const string InsideStaging = Marker + "staging-";
    private const string InsideJournal = Marker + "journal";

    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(10);
    private readonly SortedDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private bool _changed; // the folder no longer holds the old set (set at the swap)

    /// <summary>An output folder; nothing is touched before <see cref="Commit"/>.</summary>
    public OutputFolder(string directory) => Directory = Path.GetFullPath(directory);

    /// <summary>The absolute output folder.</summary>
    public string Directory { get; }

    /// <summary>The relative paths staged so far.</summary>
    public IEnumerable<string> StagedFiles => _files.Keys;

    /// <summary>The staged bytes of <paramref name="relativePath"/>.</summary>
    public byte[] Staged(string relativePath) => (byte[])_files[relativePath].Clone();

    /// <summary>The hook of every folder this process creates (the kill test's child process sets one); null in production.</summary>
    internal static CommitHook? ProcessHook { get; set; }

    /// <summary>This folder's test hook (tests inject failures here); null in production.</summary>
    internal CommitHook? Hook { get; set; } = ProcessHook;

    /// <summary>Stages a text file (UTF-8 without BOM, content as given).</summary>
    public void AddText(string relativePath, string content) => AddBytes(relativePath, new UTF8Encoding(false).GetBytes(content));

    /// <summary>Stages a binary file.</summary>
    public void AddBytes(string relativePath, byte[] content)
    {
        var parts = relativePath.Split('/', '\\');
        if (Path.IsPathRooted(relativePath) || parts.Contains("..") || parts.Any(p => p.Length == 0 || p == "."))
            throw new ArgumentException($"Output path '{relativePath}' must be relative and stay inside the output folder.", nameof(relativePath));
        if (parts.Any(p => p.Contains(Marker, StringComparison.Ordinal) || AtomicFile.IsTempName(p)))
            throw new ArgumentException($"Output path '{relativePath}' uses a name reserved for the commit's own files.", nameof(relativePath));
        if (!_files.TryAdd(string.Join('/', parts), content))
            throw new InvalidOperationException($"Output file '{relativePath}' was staged twice.");
    }

    /// <summary>
    /// Changes the folder to hold every staged file, all at once; other files in it are kept. Creates the folder
    /// (atomically) when it does not exist.
    /// </summary>
    /// <exception cref="OutputException">The folder could not be changed; the message names the path, the reason and
    /// the folder's state (unchanged, unless it says otherwise).</exception>
    public CommitReport Commit()
    {
        _changed = false;
        try
        {
            return CommitUnderLock();
        }
        catch (Exception e) when (IsIo(e))
        {
            throw Fail(Directory, AtomicFile.Reason(e, Directory), e, nothingChanged: !_changed);
        }
    }

    private CommitReport CommitUnderLock()
    {
        var clock = Stopwatch.StartNew();
        var target = ResolveTarget();
        var parent = Path.GetDirectoryName(target) ?? throw Fail(target, "the output folder cannot be a file system root", null);
        var name = Path.GetFileName(target);
        if (SharedFolderReason(target) is { } shared) throw Fail(target, shared, null);

        for (var p = target; p is not null && !System.IO.Directory.Exists(p); p = Path.GetDirectoryName(p))
            if (File.Exists(p)) throw Fail(p, p == target ? "it is a file, not a directory" : $"it is a file, not a directory, so {target} cannot be made", null);
        Guard(target, () => System.IO.Directory.CreateDirectory(parent));

        using var locks = FolderLocks.Acquire(target, LockTimeout, Fail);
        Step(CommitStep.Lock);
        string? note = Recover(parent, name, target);
        Step(CommitStep.Recover);

        bool exists = System.IO.Directory.Exists(target);
        if (exists && _files.All(f => SameBytes(Path.Combine(target, f.Key), f.Value)))
            return new CommitReport(CommitMethod.Unchanged, clock.Elapsed, note);
        if (exists) RefuseImmutable(target);

        // A mount point cannot be renamed, and a sibling staged on its parent's file system could not become it:
        // known in advance, so no sibling is built for nothing.
        string? inPlace = exists ? InPlaceReason(target, parent) : null;
        if (inPlace is null && exists && Hook is { UseExchange: false }) inPlace = "the folder exchange is turned off";
        var method = CommitMethod.Journaled;
        if (inPlace is null)
        {
            var staging = Beside(parent, name, "staging");
            BuildSibling(staging, target, exists);
            if (!exists) method = Create(staging, target);
            else if (Exchange(staging, target) is var errno && errno == 0)
            {
                method = CommitMethod.Exchanged;
                Step(CommitStep.DeleteOld);
                if (!TryDeleteTree(staging))
                    note = Join(note, $"The previous contents of {target} could not be deleted from {staging}; the next commit retries.");
            }
            else
            {
                TryDeleteTree(staging);
                inPlace = Native.Describe(errno);
            }
        }
        if (inPlace is not null)
        {
            JournalInPlace(target);
            note = Join(note, $"{target}: the folder cannot be swapped in one step ({inPlace}), so its files were replaced one by one under a journal inside it; a run killed in between is completed by the next run.");
        }
        AtomicFile.SyncDirectory(parent);
        Step(CommitStep.Done);
        return new CommitReport(method, clock.Elapsed, note);
    }

    /// <summary>Why <paramref name="target"/> must be committed in place, or null: a mount point, or on another file system than its parent.</summary>
    private static string? InPlaceReason(string target, string parent)
    {
        if (Native.IdentityOf(target) is not { } self) return null;
        if (self.MountRoot) return "it is a mount point";
        return Native.IdentityOf(parent) is { } up && up.Device != self.Device ? "it is on another file system than its parent folder" : null;
    }

    /// <summary>The complete new folder beside the target: the target's other entries linked, the staged files written, all synced.</summary>
    private void BuildSibling(string staging, string target, bool exists) => BuildStaging(staging, target, staging, () =>
    {
        Step(CommitStep.Stage);
        Guard(target, () => System.IO.Directory.CreateDirectory(staging));
        if (exists) CopyModeOf(target, staging);
        Step(CommitStep.Link);
        if (exists) LinkTree(target, staging, "");
        WriteStaged(staging, target);
        Step(CommitStep.Sync);
        SyncTree(staging);
    });

    /// <summary>Runs <paramref name="build"/>; on any failure deletes the staging folder (the target is untouched) and rethrows, located.</summary>
    private void BuildStaging(string staging, string target, string reasonPath, Action build)
    {
        try
        {
            build();
        }
        catch (Exception e) when (e is not OutputException && IsIo(e))
        {
            TryDeleteTree(staging);
            throw Fail(target, AtomicFile.Reason(e, reasonPath), e);
        }
        catch
        {
            TryDeleteTree(staging);
            throw;
        }
    }

    private void WriteStaged(string root, string target)
    {
        foreach (var (rel, bytes) in _files)
        {
            Step(CommitStep.Write);
            var file = Path.Combine(root, rel);
            Guard(Path.Combine(target, rel), () =>
            {
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                using var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            });
        }
    }

    private static void SyncTree(string root)
    {
        foreach (var dir in System.IO.Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Prepend(root))
            AtomicFile.SyncDirectory(dir);
    }

    /// <summary>
    /// Writes one file with <see cref="AtomicFile"/>, holding the locks of the output folders that enclose it, so it
    /// cannot be lost to a concurrent commit of, say, <c>results/</c>. For a lone file (a script's <c>--out FILE</c>),
    /// where swapping its whole folder would be wrong (the folder may be anyone's, like /tmp).
    /// </summary>
    /// <exception cref="OutputException">The file could not be written; it is then unchanged.</exception>
    public static void WriteFile(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        var folder = new OutputFolder(Path.GetDirectoryName(full)!);
        try
        {
            using var locks = FolderLocks.Acquire(full, LockTimeout, folder.Fail, own: false);
            AtomicFile.WriteAllBytes(full, bytes);
        }
        catch (Exception e) when (e is not OutputException && IsIo(e))
        {
            throw new OutputException(full, AtomicFile.Reason(e.InnerException ?? e, full), nothingChanged: true, "The file is unchanged.", e);
        }
    }

    private string ResolveTarget()
    {
        // A symlinked output folder: change the folder it points to, keep the link.
        try
        {
            var info = new DirectoryInfo(Directory);
            return info.LinkTarget is null ? Directory : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Directory;
        }
        catch (Exception e) when (IsIo(e))
        {
            throw Fail(Directory, AtomicFile.Reason(e, Directory), e);
        }
    }

    /// <summary>
    /// Folders that are never swapped whole: a commit replaces the folder, so files other programs create in it
    /// meanwhile would be lost, and a repository's root or a home folder is far too big to stage.
    /// </summary>
    private static string? SharedFolderReason(string target)
    {
        static string Trim(string p) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p));
        string[] shared = [Path.GetTempPath(), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            "/tmp", "/var/tmp", "/home", "/root", "/var", "/etc", "/usr", "/opt", "/srv", "/mnt", "/media", "/dev", "/proc", "/sys", "/run"];
        string? what = shared.Where(p => p.Length > 0).Any(p => string.Equals(Trim(p), Trim(target), StringComparison.Ordinal)) ? "a shared system or home folder"
            : System.IO.Directory.Exists(Path.Combine(target, ".git")) ? "the root of a repository" : null;
        return what is null ? null
            : $"it is {what}, and a commit replaces its output folder whole; give a folder of its own (for example {Path.Combine(target, "results")})";
    }

    private CommitMethod Create(string staging, string target)
    {
        Step(CommitStep.Swap);
        try
        {
            if (!Native.RenameNoReplace(staging, target)) System.IO.Directory.Move(staging, target);
            _changed = true;
            return CommitMethod.Created;
        }
        catch (Exception e) when (IsIo(e))
        {
            TryDeleteTree(staging);
            throw Fail(target, System.IO.Directory.Exists(target) ? "another program created the folder meanwhile" : AtomicFile.Reason(e, target), e);
        }
    }

    /// <summary>
    /// Swaps the sibling in one step where the system can. Returns 0, or the errno when the folders cannot be
    /// exchanged (the caller then journals in place); throws on any other failure (the folder is then unchanged).
    /// </summary>
    private int Exchange(string staging, string target)
    {
        int errno;
        try
        {
            Step(CommitStep.Swap);
            errno = Native.Exchange(staging, target);
        }
        catch (Exception e) when (IsIo(e))
        {
            TryDeleteTree(staging);
            throw Fail(target, AtomicFile.Reason(e, target), e);
        }
        if (errno == 0) _changed = true;
        if (errno == 0 || Native.CannotExchange(errno)) return errno;
        TryDeleteTree(staging);
        throw Fail(target, Native.Describe(errno), null);
    }

    /// <summary>
    /// The commit where the folder cannot be swapped: staged inside the folder (its own file system, so every rename
    /// is atomic), the replaced files linked aside for a rollback, then renamed into place one by one under the journal.
    /// </summary>
    private void JournalInPlace(string target)
    {
        var staging = Path.Combine(target, InsideStaging + Unique());
        var journal = Path.Combine(target, InsideJournal);
        var entries = _files.Keys.Select(rel => new JournalEntry(rel, File.Exists(Path.Combine(target, rel)))).ToList();
        BuildStaging(staging, target, target, () =>
        {
            Step(CommitStep.Stage);
            Guard(target, () => System.IO.Directory.CreateDirectory(Path.Combine(staging, "new")));
            WriteStaged(Path.Combine(staging, "new"), target);
            Step(CommitStep.Link);
            foreach (var entry in entries.Where(e => e.Replaces))
            {
                var backup = Path.Combine(staging, "old", entry.Path);
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(backup)!);
                if (!Native.Link(Path.Combine(target, entry.Path), backup, out _)) File.Copy(Path.Combine(target, entry.Path), backup);
            }
            Step(CommitStep.Sync);
            SyncTree(staging);
        });
        try
        {
            // The commit point: from here a killed run is completed by the next one.
            Step(CommitStep.Journal);
            AtomicFile.WriteAllText(journal, JournalText(staging, entries, forward: true));
        }
        catch (Exception e) when (IsIo(e))
        {
            TryDeleteTree(staging);
            throw Fail(target, AtomicFile.Reason(e.InnerException ?? e, journal), e);
        }
        try
        {
            foreach (var entry in entries)
            {
                Step(CommitStep.MoveNew);
                var dest = Path.Combine(target, entry.Path);
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
                File.Move(Path.Combine(staging, "new", entry.Path), dest, overwrite: true);
                _changed = true;
            }
            SyncTree(target);
        }
        catch (Exception e) when (IsIo(e))
        {
            try
            {
                AtomicFile.WriteAllText(journal, JournalText(staging, entries, forward: false));
                Replay(target, staging, entries, forward: false);
            }
            catch (Exception rollback) when (IsIo(rollback))
            {
                throw new OutputException(target, AtomicFile.Reason(e, target), nothingChanged: false,
                    $"Some of its files are new and some old; the next run finishes the commit from the journal {journal}.", e);
            }
            _changed = false;
            AtomicFile.TryDelete(journal);
            TryDeleteTree(staging);
            throw Fail(target, AtomicFile.Reason(e, target), e);
        }
        AtomicFile.TryDelete(journal);
        try
        {
            Step(CommitStep.DeleteOld);
        }
        finally
        {
            TryDeleteTree(staging); // inside the user's folder: removed whatever happens after the commit point
            AtomicFile.SyncDirectory(target);
        }
    }

    /// <summary>One file of a journaled commit: its relative path, and whether it replaces an existing file.</summary>
    private readonly record struct JournalEntry(string Path, bool Replaces);

    // One line per fact; paths percent-encoded, so a name may hold any character.
    private static string JournalText(string staging, IEnumerable<JournalEntry> entries, bool forward) =>
        $"direction={(forward ? "forward" : "back")}\nstaging={Uri.EscapeDataString(Path.GetFileName(staging))}\n" +
        string.Concat(entries.Select(e => $"{(e.Replaces ? "replace" : "new")}={Uri.EscapeDataString(e.Path)}\n"));

    /// <summary>
    /// Completes (<paramref name="forward"/>) or undoes a journaled commit. Idempotent, so a run killed while
    /// replaying is finished by the next: forward moves every staged file still waiting; back restores every
    /// backup still waiting and removes the new files that were moved in.
    /// </summary>
    private static void Replay(string target, string staging, IReadOnlyList<JournalEntry> entries, bool forward)
    {
        foreach (var entry in entries)
        {
            var dest = Path.Combine(target, entry.Path);
            var staged = Path.Combine(staging, "new", entry.Path);
            var backup = Path.Combine(staging, "old", entry.Path);
            if (forward && File.Exists(staged))
            {
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
                File.Move(staged, dest, overwrite: true);
            }
            else if (!forward && entry.Replaces && File.Exists(backup)) File.Move(backup, dest, overwrite: true);
            else if (!forward && !entry.Replaces && !File.Exists(staged) && File.Exists(dest)) File.Delete(dest);
        }
        SyncTree(target);
    }

    /// <summary>
    /// Under the lock: completes or rolls back a journaled commit that a killed run left, and deletes the staging
    /// folders and journal temporaries of killed runs, beside the folder and inside it (no other writer
    /// can be using them while the lock is held).
    /// </summary>
    private string? Recover(string parent, string name, string target)
    {
        string? note = null;
        try
        {
            var journal = Path.Combine(target, InsideJournal);
            if (File.Exists(journal))
            {
                var pairs = File.ReadAllLines(journal).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToList();
                string? Value(string key) => pairs.Where(p => p[0] == key).Select(p => Uri.UnescapeDataString(p[1])).FirstOrDefault();
                var stagingName = Value("staging");
                bool forward = Value("direction") != "back";
                var entries = pairs.Where(p => p[0] is "replace" or "new").Select(p => new JournalEntry(Uri.UnescapeDataString(p[1]), p[0] == "replace")).ToList();
                // A journal names only its own staging folder inside the target; anything else is not ours to move.
                if (stagingName is not null && stagingName.StartsWith(InsideStaging, StringComparison.Ordinal) && !stagingName.Contains('/')
                    && entries.All(e => !Path.IsPathRooted(e.Path) && !e.Path.Split('/').Contains("..")))
                {
                    Replay(target, Path.Combine(target, stagingName), entries, forward);
                    _changed = true;
                    note = Join(note, forward
                        ? $"Completed a commit of {target} that an earlier run left half done (journal {journal})."
                        : $"Rolled back a commit of {target} that an earlier run could not finish (journal {journal}).");
                }
                File.Delete(journal);
            }
            if (System.IO.Directory.Exists(target))
                foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(target, Marker + "*")
                             .Concat(System.IO.Directory.EnumerateFileSystemEntries(target, "." + InsideJournal + "*")))
                    DeleteEntry(entry);
            // Staging folders of killed runs beside the folder.
            foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(parent, $".{name}{Marker}staging-*"))
                DeleteEntry(entry);
        }
        catch (Exception e) when (IsIo(e))
        {
            throw Fail(target, "an earlier run's leftovers could not be cleaned up: " + AtomicFile.Reason(e, parent), e, nothingChanged: !_changed);
        }
        return note;
    }

    private static void DeleteEntry(string entry)
    {
        if (System.IO.Directory.Exists(entry) && new DirectoryInfo(entry).LinkTarget is null) System.IO.Directory.Delete(entry, recursive: true);
        else File.Delete(entry);
    }

    /// <summary>Hard-links (or copies) every entry of <paramref name="from"/> that this writer does not replace.</summary>
    private void LinkTree(string from, string to, string relative)
    {
        foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(Path.Combine(from, relative)))
        {
            var fileName = Path.GetFileName(entry);
            var rel = relative.Length == 0 ? fileName : relative + "/" + fileName;
            // Temporaries and the commit's own names (never staged: AddBytes refuses them) are not carried over.
            if (AtomicFile.IsTempName(fileName) || fileName.StartsWith(Marker, StringComparison.Ordinal) || _files.ContainsKey(rel)) continue;
            var info = new FileInfo(entry);
            var dest = Path.Combine(to, rel);
            if (info.Attributes.HasFlag(FileAttributes.Directory) && info.LinkTarget is null)
            {
                System.IO.Directory.CreateDirectory(dest);
                CopyModeOf(entry, dest);
                LinkTree(from, to, rel);
            }
            else if (!Native.Link(entry, dest, out int errno))
            {
                // An immutable file would stay behind in the old tree, undeletable: refuse. Otherwise copy.
                if (errno == Native.EPERM && IsImmutable(entry))
                    throw Fail(entry, "the file is immutable or append-only (chattr), so the folder cannot be swapped", null);
                if (info.LinkTarget is not null) File.CreateSymbolicLink(dest, info.LinkTarget);
                else File.Copy(entry, dest);
            }
        }
    }

    /// <summary>An immutable file that this commit replaces would survive in the old tree; refuse before changing anything.</summary>
    private void RefuseImmutable(string target)
    {
        foreach (var path in _files.Keys.Select(rel => Path.Combine(target, rel)))
            if (File.Exists(path) && IsImmutable(path))
                throw Fail(path, "the file is immutable or append-only (chattr)", null);
    }

    /// <summary>Immutable and append-only files refuse opening for writing with EPERM even to root; a merely read-only file gives EACCES.</summary>
    private static bool IsImmutable(string path)
    {
        try
        {
            using var _ = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            return false;
        }
        catch (Exception e) when (IsIo(e))
        {
            return AtomicFile.Errno(e) == Native.EPERM;
        }
    }

    private void Step(CommitStep step) => Hook?.Before(step);

    private OutputException Fail(string path, string reason, Exception? inner) => Fail(path, reason, inner, nothingChanged: true);

    private OutputException Fail(string path, string reason, Exception? inner, bool nothingChanged) =>
        new(path, reason, nothingChanged, nothingChanged ? $"Nothing under {Directory} changed." : $"{Directory} holds the complete new set; leftovers beside it are removed by the next run.", inner);

    private void Guard(string path, Action action)
    {
        try { action(); }
        catch (Exception e) when (IsIo(e)) { throw Fail(path, AtomicFile.Reason(e, path), e); }
    }

    private static bool SameBytes(string path, byte[] bytes)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes);
        }
        catch (Exception e) when (IsIo(e))
        {
            return false;
        }
    }

    private static void CopyModeOf(string from, string to)
    {
        if (OperatingSystem.IsWindows()) return;
        try { File.SetUnixFileMode(to, File.GetUnixFileMode(from)); }
        catch (Exception e) when (IsIo(e)) { }
    }

    private static string Beside(string parent, string name, string kind) => Path.Combine(parent, $".{name}{Marker}{kind}-{Unique()}");

    private static string Unique() => $"{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    private static string? Join(string? a, string b) => a is null ? b : a + " " + b;

    private static bool IsIo(Exception e) => e is IOException or UnauthorizedAccessException;

    private static bool TryDeleteTree(string path)
    {
        try
        {
            if (System.IO.Directory.Exists(path)) System.IO.Directory.Delete(path, recursive: true);
            return true;
        }
        catch (Exception e) when (IsIo(e))
        {
            return false;
        }
    }

}
