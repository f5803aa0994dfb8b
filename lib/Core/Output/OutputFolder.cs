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
    /// No atomic exchange on this system or file system: two renames under a journal. For an instant the folder is
    /// absent; a run killed in between is completed by the next run.
    /// </summary>
    Journaled,
}

/// <summary>What a commit did, for the caller's log line.</summary>
/// <param name="Method">How the folder changed.</param>
/// <param name="Elapsed">Wall time of the commit, lock wait included.</param>
/// <param name="Note">A sentence to print when the user should know something (journal mode, a leftover); else null.</param>
public sealed record CommitReport(CommitMethod Method, TimeSpan Elapsed, string? Note);

/// <summary>The points inside <see cref="OutputFolder.Commit"/> where a test hook runs (before the step).</summary>
internal enum CommitStep { Lock, Recover, Stage, Link, Write, Sync, Journal, Swap, MoveOld, MoveNew, DeleteOld, Done }

/// <summary>
/// Collects every file of a run in memory and changes the output folder all at once when the run has succeeded.
/// <para>
/// <see cref="Commit"/> builds a complete sibling folder on the same file system: every entry of the current folder
/// that this writer does not replace is hard-linked (copied where links fail), so files of other writers sharing the
/// folder are kept; then the staged folder is swapped in. A failure or a kill at any instant leaves the complete old
/// set or the complete new set, and never a temporary file inside the folder. Writers of the same folder, and of
/// folders nested in it, are serialized by advisory locks; leftovers of killed runs are removed by the next commit.
/// </para>
/// Names beside the folder: <c>.NAME.out~lock</c>, <c>.NAME.out~staging-*</c>, <c>.NAME.out~old-*</c>,
/// <c>.NAME.out~journal</c> (all matched by .gitignore).
/// </summary>
public sealed class OutputFolder
{
    /// <summary>The marker in every name the commit creates beside the folder.</summary>
    public const string Marker = ".out~";

    /// <summary>
    /// Test hook for out-of-process tests (the kill test): comma-separated <c>trace</c> (print <c>output-step:NAME</c>
    /// to stderr before each step), <c>pause=STEP</c> (print, then sleep at that step), <c>journal</c> (no exchange).
    /// </summary>
    internal const string TestVariable = "NOTEBOOKANALYSIS_OUTPUT_TEST";

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

    /// <summary>Runs before each step of a commit (tests inject failures here).</summary>
    internal Action<CommitStep>? StepHook { get; set; }

    /// <summary>False forces the journal path (tests of the fallback).</summary>
    internal bool UseExchange { get; set; } = Environment.GetEnvironmentVariable(TestVariable)?.Split(',').Contains("journal") != true;

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
        string? note = Recover(parent, name);
        Step(CommitStep.Recover);

        bool exists = System.IO.Directory.Exists(target);
        if (exists && _files.All(f => SameBytes(Path.Combine(target, f.Key), f.Value)))
            return new CommitReport(CommitMethod.Unchanged, clock.Elapsed, note);
        if (exists) RefuseImmutable(target);

        var staging = Beside(parent, name, "staging");
        try
        {
            Step(CommitStep.Stage);
            Guard(target, () => System.IO.Directory.CreateDirectory(staging));
            if (exists) CopyModeOf(target, staging);
            Step(CommitStep.Link);
            if (exists) LinkTree(target, staging, "");
            foreach (var (rel, bytes) in _files)
            {
                Step(CommitStep.Write);
                var file = Path.Combine(staging, rel);
                Guard(Path.Combine(target, rel), () =>
                {
                    System.IO.Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                    using var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None);
                    stream.Write(bytes);
                    stream.Flush(flushToDisk: true);
                });
            }
            Step(CommitStep.Sync);
            foreach (var dir in System.IO.Directory.EnumerateDirectories(staging, "*", SearchOption.AllDirectories).Prepend(staging))
                AtomicFile.SyncDirectory(dir);
        }
        catch (Exception e) when (e is not OutputException && IsIo(e))
        {
            TryDeleteTree(staging);
            throw Fail(target, AtomicFile.Reason(e, staging), e);
        }
        catch
        {
            TryDeleteTree(staging);
            throw;
        }

        var method = !exists ? Create(staging, target) : Exchange(staging, target) ? CommitMethod.Exchanged : Journal(staging, target, parent, name);
        AtomicFile.SyncDirectory(parent);
        if (method == CommitMethod.Journaled)
            note = Join(note, $"{target}: this system has no atomic folder exchange, so the folders were swapped by two renames under a journal ({Beside(parent, name, "journal", unique: false)}); a run killed in between is completed by the next run.");
        if (method == CommitMethod.Exchanged)
        {
            Step(CommitStep.DeleteOld);
            if (!TryDeleteTree(staging))
                note = Join(note, $"The previous contents of {target} could not be deleted from {staging}; the next commit retries.");
        }
        Step(CommitStep.Done);
        return new CommitReport(method, clock.Elapsed, note);
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
        if (shared.Where(p => p.Length > 0).Any(p => string.Equals(Trim(p), Trim(target), StringComparison.Ordinal)))
            return "it is a shared system or home folder, and a commit replaces its output folder whole; give a folder of its own (for example " + Path.Combine(target, "results") + ")";
        if (System.IO.Directory.Exists(Path.Combine(target, ".git")))
            return "it is the root of a repository, and a commit replaces its output folder whole; give a folder of its own (for example " + Path.Combine(target, "results") + ")";
        return null;
    }

    private CommitMethod Create(string staging, string target)
    {
        Step(CommitStep.Swap);
        try
        {
            if (!Native.Rename(staging, target, noReplace: true)) System.IO.Directory.Move(staging, target);
            _changed = true;
            return CommitMethod.Created;
        }
        catch (Exception e) when (IsIo(e))
        {
            TryDeleteTree(staging);
            throw Fail(target, System.IO.Directory.Exists(target) ? "another program created the folder meanwhile" : AtomicFile.Reason(e, target), e);
        }
    }

    /// <summary>Swaps in one step where the system can; false when it cannot (caller falls back to the journal).</summary>
    private bool Exchange(string staging, string target)
    {
        if (!UseExchange) return false;
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
        if (errno == 0) return _changed = true;
        if (Native.IsUnsupported(errno)) return false;
        TryDeleteTree(staging);
        throw Fail(target, Native.Describe(errno), null);
    }

    private CommitMethod Journal(string staging, string target, string parent, string name)
    {
        var journal = Beside(parent, name, "journal", unique: false);
        var old = Beside(parent, name, "old");
        try
        {
            Step(CommitStep.Journal);
            AtomicFile.WriteAllText(journal, $"staged={Path.GetFileName(staging)}\nold={Path.GetFileName(old)}\n");
        }
        catch (Exception e) when (IsIo(e))
        {
            TryDeleteTree(staging);
            throw Fail(target, AtomicFile.Reason(e, journal), e);
        }
        try
        {
            Step(CommitStep.MoveOld);
            System.IO.Directory.Move(target, old);
            _changed = true;
        }
        catch (Exception e) when (IsIo(e))
        {
            TryDeleteTree(staging);
            TryDelete(journal);
            throw Fail(target, AtomicFile.Reason(e, target), e);
        }
        try
        {
            Step(CommitStep.MoveNew);
            System.IO.Directory.Move(staging, target);
        }
        catch (Exception e) when (IsIo(e))
        {
            try
            {
                System.IO.Directory.Move(old, target);
            }
            catch (Exception rollback) when (IsIo(rollback))
            {
                throw new OutputException(target, AtomicFile.Reason(e, target), nothingChanged: false,
                    $"The old contents are in {old} and the new in {staging}; the next run restores the folder from the journal {journal}.", e);
            }
            _changed = false;
            TryDeleteTree(staging);
            TryDelete(journal);
            throw Fail(target, AtomicFile.Reason(e, target), e);
        }
        TryDelete(journal);
        Step(CommitStep.DeleteOld);
        TryDeleteTree(old);
        return CommitMethod.Journaled;
    }

    /// <summary>
    /// Under the lock: finishes or rolls back a journaled swap that a killed run left, and deletes staging and old
    /// folders of killed runs (no other writer can be using them while the lock is held).
    /// </summary>
    private string? Recover(string parent, string name)
    {
        string? note = null;
        var journal = Beside(parent, name, "journal", unique: false);
        var target = Path.Combine(parent, name);
        try
        {
            if (File.Exists(journal))
            {
                var entries = File.ReadAllLines(journal).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
                var staged = entries.TryGetValue("staged", out var s) ? Path.Combine(parent, s) : null;
                var old = entries.TryGetValue("old", out var o) ? Path.Combine(parent, o) : null;
                if (!System.IO.Directory.Exists(target))
                {
                    // Killed between the two renames: the staged folder is complete (the journal is written after it), so finish.
                    if (staged is not null && System.IO.Directory.Exists(staged)) System.IO.Directory.Move(staged, target);
                    else if (old is not null && System.IO.Directory.Exists(old)) System.IO.Directory.Move(old, target);
                    _changed = true;
                    note = $"Completed a swap of {target} that an earlier run left half done (journal {journal}).";
                }
                File.Delete(journal);
            }
            var prefix = $".{name}{Marker}";
            foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(parent, "." + name + "*"))
            {
                var file = Path.GetFileName(entry);
                bool ours = file.StartsWith(prefix + "staging-", StringComparison.Ordinal) || file.StartsWith(prefix + "old-", StringComparison.Ordinal)
                            || (file.StartsWith("." + prefix + "journal", StringComparison.Ordinal) && AtomicFile.IsTempName(file));
                if (!ours) continue;
                if (System.IO.Directory.Exists(entry)) TryDeleteTree(entry);
                else TryDelete(entry);
            }
        }
        catch (Exception e) when (IsIo(e))
        {
            throw Fail(target, "an earlier run's leftovers beside the folder could not be cleaned up: " + AtomicFile.Reason(e, parent), e, nothingChanged: !_changed);
        }
        return note;
    }

    /// <summary>Hard-links (or copies) every entry of <paramref name="from"/> that this writer does not replace.</summary>
    private void LinkTree(string from, string to, string relative)
    {
        foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(Path.Combine(from, relative)))
        {
            var fileName = Path.GetFileName(entry);
            var rel = relative.Length == 0 ? fileName : relative + "/" + fileName;
            if (AtomicFile.IsTempName(fileName) || _files.ContainsKey(rel)) continue;
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

    private void Step(CommitStep step)
    {
        StepHook?.Invoke(step);
        TestHook.Run(step);
    }

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

    private static string Beside(string parent, string name, string kind, bool unique = true) =>
        Path.Combine(parent, $".{name}{Marker}{kind}" + (unique ? $"-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}" : ""));

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

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (Exception e) when (IsIo(e)) { }
    }

    /// <summary>The environment-variable hook of <see cref="TestVariable"/>, read once.</summary>
    private static class TestHook
    {
        private static readonly string[] Options = Environment.GetEnvironmentVariable(TestVariable)?.Split(',') ?? [];
        private static readonly bool Trace = Options.Contains("trace");
        private static readonly string? Pause = Options.FirstOrDefault(o => o.StartsWith("pause=", StringComparison.Ordinal))?[6..];

        public static void Run(CommitStep step)
        {
            if (Options.Length == 0) return;
            bool pause = string.Equals(Pause, step.ToString(), StringComparison.Ordinal);
            if (Trace || pause)
            {
                Console.Error.WriteLine($"output-step:{step}");
                Console.Error.Flush();
            }
            if (pause) Thread.Sleep(TimeSpan.FromMinutes(2));
        }
    }
}
