using System.Text;
using NotebookAnalysis.Output;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Output;

public class OutputFolderTests
{
    private static OutputFolder Staged(string dir, params (string Name, string Text)[] files)
    {
        var folder = new OutputFolder(dir);
        foreach (var (name, text) in files) folder.AddText(name, text);
        return folder;
    }

    /// <summary>
    /// Names a commit created beside <paramref name="dir"/> (staging, old, journal, temp, a lock file) or inside it
    /// (a journaled commit's staging folder and journal): after a run that ends there must be none.
    /// </summary>
    internal static string[] Leftovers(string dir)
    {
        var name = Path.GetFileName(dir);
        var beside = Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(dir)!)
            .Select(Path.GetFileName)
            .Where(n => n!.StartsWith("." + name, StringComparison.Ordinal))
            .Select(n => n!);
        var inside = Directory.Exists(dir)
            ? Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Where(n => n!.Contains(OutputFolder.Marker, StringComparison.Ordinal)).Select(n => "inside: " + n)
            : [];
        return beside.Concat(inside).ToArray();
    }

    private static string[] TempNamesInside(string dir) =>
        Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName).Where(n => n!.Contains('~') || n.Contains(".tmp")).Select(n => n!).ToArray();

    private static SortedDictionary<string, string> Expected(params (string Name, string Text)[] files)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, text) in files)
            result[name.Replace('/', Path.DirectorySeparatorChar)] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return result;
    }

    [Fact]
    public void A_missing_folder_is_created_whole_and_nothing_stays_beside_it()
    {
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "out");
        var report = Staged(dir, ("a.txt", "a"), ("sub/b.txt", "b")).Commit();
        Assert.Equal(CommitMethod.Created, report.Method);
        Assert.Equal(Expected(("a.txt", "a"), ("sub/b.txt", "b")), TempDir.Snapshot(dir));
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(tmp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // The lock is an OS lock on a file under the runtime folder, named by the folder's path.
        Assert.StartsWith(FolderLocks.LockFolder, FolderLocks.LockPath(dir), StringComparison.Ordinal);
        Assert.True(File.Exists(FolderLocks.LockPath(dir)));
    }

    [Fact]
    public void A_commit_replaces_its_own_files_and_keeps_every_other_writers_files()
    {
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "results");
        tmp.Write("results/REPRODUCTION.md", "old report");
        tmp.Write("results/mlnet.csv", "mlnet's");
        tmp.Write("results/SOURCES.md", "sources'");
        tmp.Write("results/figures/scatter.png", "a figure");
        tmp.Write("results/.hidden", "dot file");
        var report = Staged(dir, ("REPRODUCTION.md", "new report"), ("results.csv", "rows")).Commit();
        Assert.Equal(OperatingSystem.IsLinux() ? CommitMethod.Exchanged : CommitMethod.Journaled, report.Method);
        Assert.Equal(Expected(("REPRODUCTION.md", "new report"), ("results.csv", "rows"), ("mlnet.csv", "mlnet's"), ("SOURCES.md", "sources'"),
            ("figures/scatter.png", "a figure"), (".hidden", "dot file")), TempDir.Snapshot(dir));
        Assert.Empty(Leftovers(dir));
    }

    public static TheoryData<string, bool> StepsAndModes()
    {
        var data = new TheoryData<string, bool>();
        foreach (var step in Enum.GetNames<CommitStep>())
            foreach (var exchange in new[] { true, false })
                data.Add(step, exchange);
        return data;
    }

    [Theory]
    [MemberData(nameof(StepsAndModes))]
    public void A_failure_at_any_step_leaves_the_complete_old_or_new_set_and_the_next_run_cleans_up(string stepName, bool exchange)
    {
        var step = Enum.Parse<CommitStep>(stepName);
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "out");
        Staged(dir, ("a.csv", "old a"), ("b/b.csv", "old b"), ("other.csv", "another writer's")).Commit();
        var old = TempDir.Snapshot(dir);
        var @new = Expected(("a.csv", "new a"), ("b/b.csv", "new b"), ("c.csv", "new c"), ("other.csv", "another writer's"));

        var folder = Staged(dir, ("a.csv", "new a"), ("b/b.csv", "new b"), ("c.csv", "new c"));
        int writes = 0;
        folder.Hook = new(s =>
        {
            // For Write, fail at the second file: one staged file is written, the next is not.
            if (s == step && (s != CommitStep.Write || ++writes == 2)) throw new IOException("injected failure");
        }, exchange);
        var error = Record.Exception(() => folder.Commit());

        var after = TempDir.Snapshot(dir);
        Assert.True(after.SequenceEqual(old) || after.SequenceEqual(@new), $"{step}: the folder holds a mixed set: {string.Join(", ", after.Keys)}");
        Assert.Empty(TempNamesInside(dir));
        if (error is not null)
        {
            var e = Assert.IsType<OutputException>(error);
            Assert.Contains("injected failure", e.Message);
            Assert.Contains(dir, e.Message);
            Assert.Equal(e.NothingChanged, after.SequenceEqual(old));
            Assert.Contains(e.NothingChanged ? "Nothing under" : "holds the complete new set", e.Message);
            if (e.NothingChanged && step is not (CommitStep.DeleteOld or CommitStep.Done)) Assert.Empty(Leftovers(dir));
        }
        else
        {
            Assert.Equal(@new, after); // the step does not occur in this mode
        }

        // The next run removes whatever a failure after the swap left beside the folder.
        Staged(dir, ("d.csv", "d")).Commit();
        Assert.Empty(Leftovers(dir));
        Assert.Equal("d", File.ReadAllText(Path.Combine(dir, "d.csv")));
    }

    [Fact]
    public void A_file_by_file_commit_killed_after_its_journal_is_completed_by_the_next_run()
    {
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "out");
        // State after the journal was written and a.csv moved in, before b.csv was: a mixed folder, marked by the journal.
        tmp.Write("out/a.csv", "new a");
        tmp.Write("out/b.csv", "old b");
        tmp.Write("out/other.csv", "another writer's");
        tmp.Write("out/.out~staging-1-aaaa/new/b.csv", "new b");
        tmp.Write("out/.out~staging-1-aaaa/new/sub dir/c.csv", "new c");
        tmp.Write("out/.out~staging-1-aaaa/old/a.csv", "old a");
        tmp.Write("out/.out~staging-1-aaaa/old/b.csv", "old b");
        tmp.Write("out/.out~journal", "direction=forward\nstaging=.out~staging-1-aaaa\nreplace=a.csv\nreplace=b.csv\nnew=sub%20dir%2Fc.csv\n");
        tmp.Write("out/..out~journal.tmp~2-bbbb", "half of a later journal");
        var report = Staged(dir, ("z.csv", "z")).Commit();
        Assert.Equal(Expected(("a.csv", "new a"), ("b.csv", "new b"), ("sub dir/c.csv", "new c"), ("other.csv", "another writer's"), ("z.csv", "z")), TempDir.Snapshot(dir));
        Assert.Contains("Completed a commit", report.Note);
        Assert.Empty(Leftovers(dir));
    }

    [Fact]
    public void A_file_by_file_commit_whose_rollback_was_cut_short_is_rolled_back_by_the_next_run()
    {
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "out");
        // A rename failed after a.csv and c.csv were moved in; the rollback was cut before it restored anything.
        tmp.Write("out/a.csv", "new a");
        tmp.Write("out/b.csv", "old b");
        tmp.Write("out/c.csv", "new c");
        tmp.Write("out/.out~staging-1-aaaa/new/b.csv", "new b");
        tmp.Write("out/.out~staging-1-aaaa/old/a.csv", "old a");
        tmp.Write("out/.out~staging-1-aaaa/old/b.csv", "old b");
        tmp.Write("out/.out~journal", "direction=back\nstaging=.out~staging-1-aaaa\nreplace=a.csv\nreplace=b.csv\nnew=c.csv\n");
        var report = Staged(dir, ("z.csv", "z")).Commit();
        Assert.Equal(Expected(("a.csv", "old a"), ("b.csv", "old b"), ("z.csv", "z")), TempDir.Snapshot(dir));
        Assert.Contains("Rolled back", report.Note);
        Assert.Empty(Leftovers(dir));
    }

    [Fact]
    public void A_journal_that_names_a_folder_outside_its_own_staging_moves_nothing()
    {
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "out");
        tmp.Write("out/a.csv", "a");
        tmp.Write("elsewhere/new/a.csv", "not ours");
        tmp.Write("out/.out~journal", "direction=forward\nstaging=..%2F..%2Felsewhere\nreplace=a.csv\n");
        Staged(dir, ("z.csv", "z")).Commit();
        Assert.Equal(Expected(("a.csv", "a"), ("z.csv", "z")), TempDir.Snapshot(dir));
        Assert.True(File.Exists(Path.Combine(tmp.Path, "elsewhere/new/a.csv")));
    }

    [Fact]
    public void Unchanged_bytes_touch_nothing()
    {
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "out");
        Staged(dir, ("a.csv", "a")).Commit();
        var steps = new List<CommitStep>();
        var again = Staged(dir, ("a.csv", "a"));
        again.Hook = new(steps.Add);
        Assert.Equal(CommitMethod.Unchanged, again.Commit().Method);
        Assert.Equal([CommitStep.Lock, CommitStep.Recover], steps);
    }

    [Fact]
    public async Task Concurrent_writers_of_a_folder_and_of_a_folder_inside_it_serialize_and_lose_nothing()
    {
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "results");
        Staged(dir, ("seed.csv", "first")).Commit(); // the folder and its lock exist, as after any earlier run
        int inside = 0, maxInside = 0;
        void Track(CommitStep s)
        {
            if (s == CommitStep.Lock) { var n = Interlocked.Increment(ref inside); InterlockedMax(ref maxInside, n); }
            if (s == CommitStep.Swap) Thread.Sleep(5);
            if (s == CommitStep.Done) Interlocked.Decrement(ref inside);
        }
        var writers = Enumerable.Range(0, 6).Select(i => Task.Run(() =>
        {
            var folder = Staged(dir, ("shared-a.csv", $"writer {i}"), ("shared-b.csv", $"writer {i}"), ($"own-{i}.csv", $"writer {i}"));
            folder.Hook = new(Track);
            folder.Commit();
        }));
        var figures = Enumerable.Range(0, 4).Select(i => Task.Run(() =>
        {
            var folder = new OutputFolder(Path.Combine(dir, "figures"));
            folder.AddText($"figure-{i}.png", $"figure {i}");
            folder.Hook = new(Track);
            folder.Commit();
        }));
        await Task.WhenAll([.. writers, .. figures]);

        Assert.Equal(1, maxInside);
        var a = File.ReadAllText(Path.Combine(dir, "shared-a.csv"));
        Assert.Equal(a, File.ReadAllText(Path.Combine(dir, "shared-b.csv")));
        for (int i = 0; i < 6; i++) Assert.Equal($"writer {i}", File.ReadAllText(Path.Combine(dir, $"own-{i}.csv")));
        for (int i = 0; i < 4; i++) Assert.Equal($"figure {i}", File.ReadAllText(Path.Combine(dir, "figures", $"figure-{i}.png")));
        Assert.Equal("first", File.ReadAllText(Path.Combine(dir, "seed.csv")));
        Assert.Empty(Leftovers(dir));
        Assert.Empty(Leftovers(Path.Combine(dir, "figures")));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    [Fact]
    public void A_file_where_the_folder_should_be_is_a_clear_error_and_stays_as_it_was()
    {
        using var tmp = new TempDir();
        var file = tmp.Write("out", "a file");
        var e = Assert.Throws<OutputException>(() => Staged(file, ("a.csv", "a")).Commit());
        Assert.Contains(file, e.Message);
        Assert.Contains("not a directory", e.Message);
        Assert.Contains("Nothing under", e.Message);
        Assert.Equal("a file", File.ReadAllText(file));

        var below = Path.Combine(file, "sub");
        var e2 = Assert.Throws<OutputException>(() => Staged(below, ("a.csv", "a")).Commit());
        Assert.Contains("not a directory", e2.Message);
        Assert.Equal("a file", File.ReadAllText(file));
    }

    [Fact]
    public void A_symlinked_folder_is_changed_where_it_points_and_the_link_stays()
    {
        using var tmp = new TempDir();
        var real = Path.Combine(tmp.Path, "real");
        tmp.Write("real/keep.csv", "kept");
        var link = Path.Combine(tmp.Path, "link");
        Directory.CreateSymbolicLink(link, real);
        Staged(link, ("a.csv", "a")).Commit();
        Assert.NotNull(new DirectoryInfo(link).LinkTarget);
        Assert.Equal(Expected(("a.csv", "a"), ("keep.csv", "kept")), TempDir.Snapshot(real));
    }

    [Fact]
    public void Shared_folders_and_repository_roots_are_never_swapped_whole()
    {
        var e = Assert.Throws<OutputException>(() => Staged(Path.GetTempPath(), ("a.csv", "a")).Commit());
        Assert.Contains("shared system or home folder", e.Message);
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "a.csv")));

        using var tmp = new TempDir();
        Directory.CreateDirectory(Path.Combine(tmp.Path, ".git"));
        var before = TempDir.Snapshot(tmp.Path);
        var e2 = Assert.Throws<OutputException>(() => Staged(tmp.Path, ("a.csv", "a")).Commit());
        Assert.Contains("root of a repository", e2.Message);
        Assert.Contains("Nothing under", e2.Message);
        Assert.Equal(before, TempDir.Snapshot(tmp.Path));
    }

    [Fact]
    public async Task A_lone_file_waits_for_a_commit_of_the_folder_around_it_and_survives_it()
    {
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "results");
        Staged(dir, ("a.csv", "first")).Commit();
        using var atSwap = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var commit = Staged(dir, ("a.csv", "second"));
        commit.Hook = new(s => { if (s == CommitStep.Swap) { atSwap.Set(); release.Wait(); } });
        var committing = Task.Run(() => commit.Commit(), TestContext.Current.CancellationToken);
        Assert.True(atSwap.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        var writing = Task.Run(() => OutputFolder.WriteFile(Path.Combine(dir, "accuracy.csv"), "lone"u8.ToArray()), TestContext.Current.CancellationToken);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(writing.IsCompleted, "the lone file was written while the folder was being swapped");
        release.Set();
        await Task.WhenAll(committing, writing);
        Assert.Equal(Expected(("a.csv", "second"), ("accuracy.csv", "lone")), TempDir.Snapshot(dir));

        var missing = Path.Combine(tmp.Path, "no-such-folder", "x.csv");
        var e = Assert.Throws<OutputException>(() => OutputFolder.WriteFile(missing, [1]));
        Assert.Contains(missing, e.Message);
        Assert.Contains("The file is unchanged", e.Message);
    }

    [Fact]
    public void Reserved_and_escaping_names_are_refused_when_staged()
    {
        var folder = new OutputFolder(Path.GetTempPath());
        Assert.Throws<ArgumentException>(() => folder.AddText("../x.csv", ""));
        Assert.Throws<ArgumentException>(() => folder.AddText("/etc/x", ""));
        Assert.Throws<ArgumentException>(() => folder.AddText(".a.out~lock", ""));
        Assert.Throws<ArgumentException>(() => folder.AddText("sub/.a.csv.tmp~1-x", ""));
        folder.AddText("a.csv", "");
        Assert.Throws<InvalidOperationException>(() => folder.AddText("a.csv", ""));
    }

    [Fact]
    public void AtomicFile_replaces_a_file_whole_and_leaves_no_temporary_file_when_it_fails()
    {
        using var tmp = new TempDir();
        var path = tmp.Write("notebook.ipynb", "old");
        AtomicFile.WriteAllText(path, "new");
        Assert.Equal("new", File.ReadAllText(path));

        var dirTarget = Path.Combine(tmp.Path, "a-directory");
        Directory.CreateDirectory(dirTarget);
        var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(dirTarget, "x"));
        Assert.Contains(dirTarget, e.Message);
        Assert.Contains("The file is unchanged", e.Message);
        Assert.Equal(["a-directory", "notebook.ipynb"], Directory.EnumerateFileSystemEntries(tmp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var missing = Path.Combine(tmp.Path, "no-such-folder", "x.csv");
        var e2 = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(missing, "x"));
        Assert.Contains(missing, e2.Message);
    }
}
