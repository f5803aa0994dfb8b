using NotebookAnalysis.Cli;
using NotebookAnalysis.Data;
using NotebookAnalysis.Output;
using NotebookAnalysis.Report.Pipeline;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Output;

/// <summary>
/// The main job against a full disk, a read-only file system and immutable files: a clear error naming the
/// folder and the reason, exit 1, and the folder exactly as it was. Mount tests need root (skipped elsewhere).
/// </summary>
public class FileSystemFaultTests
{
    private static (int Code, string Stderr) Job(string data, string outDir)
    {
        var err = new StringWriter();
        int code = MainJob.Run(["--data", data, "--out", outDir], new StringWriter(), err);
        return (code, err.ToString());
    }

    /// <summary>Commits a set of the main job's files; returns the error message, or null on success.</summary>
    private static string? Commit(string dir, IReadOnlyDictionary<string, byte[]> set)
    {
        try
        {
            MainJobSets.Staged(dir, set).Commit();
            return null;
        }
        catch (OutputException e)
        {
            return e.Message;
        }
    }

    private static long Bytes(string dir) => Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    [FactNeedingMount]
    public void A_full_disk_leaves_the_previous_run_untouched_with_a_message_that_says_so()
    {
        using var tmp = new TempDir();
        // Sizes from "nothing fits" to "the old set fits but not old + new" (the set is about 160 KB).
        var outcomes = new List<string>();
        foreach (var size in new[] { "32k", "120k", "200k", "264k" })
        {
            var mnt = Path.Combine(tmp.Path, "mnt-" + size);
            using var mount = new Mount(mnt, $"size={size}");
            var dir = Path.Combine(mnt, "results");
            var first = Commit(dir, MainJobSets.Old);
            if (first is not null)
            {
                Assert.Contains("disk is full", first);
                Assert.Contains($"Nothing under {dir} changed.", first);
                Assert.False(Directory.Exists(dir), $"{size}: a half-made folder was left");
                Assert.Empty(OutputFolderTests.Leftovers(dir));
                outcomes.Add($"{size}: first run refused");
                continue;
            }
            File.WriteAllText(Path.Combine(dir, "mlnet.csv"), "another writer's file");
            var before = TempDir.Snapshot(dir);
            var second = Commit(dir, MainJobSets.New);
            Assert.NotNull(second); // old + new never fit in these sizes
            Assert.Contains($"Could not write {dir}", second);
            Assert.Contains("disk is full", second);
            Assert.Contains($"Nothing under {dir} changed.", second);
            Assert.Equal(before, TempDir.Snapshot(dir));
            Assert.Empty(OutputFolderTests.Leftovers(dir));
            outcomes.Add($"{size}: second run refused, {Bytes(dir)} bytes kept");
        }
        Assert.Contains(outcomes, o => o.Contains("first run refused"));
        Assert.Contains(outcomes, o => o.Contains("second run refused"));
    }

    [FactNeedingMount]
    public void A_read_only_file_system_leaves_the_folder_untouched_with_a_message_that_says_so()
    {
        using var tmp = new TempDir();
        using var mount = new Mount(Path.Combine(tmp.Path, "mnt"), "size=4m");
        var dir = Path.Combine(mount.Path, "results");
        Assert.Null(Commit(dir, MainJobSets.Old));
        var before = TempDir.Snapshot(dir);
        mount.Remount("ro");
        try
        {
            // Through the main job: its message is the OutputException's, which says whether the folder changed.
            var (code, stderr) = Job(MainJobSets.ExtendedData, dir);
            Assert.Equal(JobRunner.Failed, code);
            Assert.StartsWith($"reproduce: Could not write {dir}", stderr);
            Assert.DoesNotContain("Nothing was written", stderr);
            Assert.Contains("read-only", stderr);
            Assert.Contains($"Nothing under {dir} changed.", stderr);
            Assert.Equal(before, TempDir.Snapshot(dir));

            // A folder that does not exist yet on a read-only file system.
            var error = Commit(Path.Combine(mount.Path, "new"), MainJobSets.New);
            Assert.Contains("read-only", error);
            Assert.False(Directory.Exists(Path.Combine(mount.Path, "new")));
        }
        finally
        {
            mount.Remount("rw");
        }
        Assert.Empty(OutputFolderTests.Leftovers(dir));
    }

    public static TheoryData<string> ImmutableFiles => new() { "results.csv", "mlnet.csv" };

    /// <summary>An immutable file (chattr +i): one this writer replaces, or another writer's file it would keep.</summary>
    [Theory]
    [MemberData(nameof(ImmutableFiles))]
    public void An_immutable_file_stops_the_commit_before_anything_changes(string immutable)
    {
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "results");
        Assert.Null(Commit(dir, MainJobSets.Old));
        File.WriteAllText(Path.Combine(dir, "mlnet.csv"), "another writer's file");
        var file = Path.Combine(dir, immutable);
        try
        {
            Mount.Run("chattr", "+i", file);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            Assert.Skip($"chattr +i is not supported here ({e.Message})");
        }
        try
        {
            var before = TempDir.Snapshot(dir);
            var error = Commit(dir, MainJobSets.New);
            Assert.NotNull(error);
            Assert.Contains($"Could not write {file}", error);
            Assert.Contains("immutable", error);
            Assert.Contains($"Nothing under {dir} changed.", error);
            Assert.Equal(before, TempDir.Snapshot(dir));
            Assert.Empty(OutputFolderTests.Leftovers(dir));
        }
        finally
        {
            Mount.Run("chattr", "-i", file);
        }
    }
}
