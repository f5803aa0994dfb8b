using NotebookAnalysis.Cli;
using NotebookAnalysis.Data;
using NotebookAnalysis.Output;
using NotebookAnalysis.Report.Pipeline;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Output;

/// <summary>
/// <c>--out</c> at a mount point (a tmpfs, a bind mount: what a container volume is), where
/// <c>renameat2(RENAME_EXCHANGE)</c> gives <c>EBUSY</c>: the commit is journaled file by file inside the folder and says
/// so; a full or read-only mount point is refused with the folder unchanged. And after a run that ends, or a kill and a
/// run, <c>ls -a</c> beside the output shows only the output. Mount tests need root (skipped with the reason elsewhere).
/// </summary>
public class MountPointTests
{
    private static (int Code, string Stdout, string Stderr) Job(string data, string outDir)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        int code = MainJob.Run(["--data", data, "--out", outDir], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string? Commit(string dir, IReadOnlyDictionary<string, byte[]> set)
    {
        try
        {
            var report = MainJobSets.Staged(dir, set).Commit();
            Assert.Equal(CommitMethod.Journaled, report.Method);
            Assert.Contains("cannot be swapped in one step (it is a mount point)", report.Note);
            return null;
        }
        catch (OutputException e)
        {
            return e.Message;
        }
    }

    /// <summary>What <c>ls -a</c> shows in <paramref name="folder"/> (without . and ..).</summary>
    internal static string[] ListAll(string folder) =>
        Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(n => n!).ToArray();

    private static string[] CommitNamesInside(string dir) =>
        ListAll(dir).Where(n => n.Contains(OutputFolder.Marker, StringComparison.Ordinal)).ToArray();

    [FactNeedingMount]
    public void A_tmpfs_mount_point_as_out_is_written_and_replaced_file_by_file_and_the_job_says_so()
    {
        using var tmp = new TempDir();
        using var mount = new Mount(Path.Combine(tmp.Path, "mnt"), "size=16m");
        var dir = mount.Path;

        var first = Job(ProjectPaths.BundledTable1, dir);
        Assert.True(first.Code == JobRunner.Ok, first.Stderr);
        Assert.Contains("journaled)", first.Stdout);
        Assert.Contains("it is a mount point", first.Stdout);
        File.WriteAllText(Path.Combine(dir, "mlnet.csv"), "another writer's file");

        var second = Job(MainJobSets.ExtendedData, dir);
        Assert.True(second.Code == JobRunner.Ok, second.Stderr);
        Assert.Contains("journaled)", second.Stdout);
        Assert.Equal(MainJobSets.Snapshot(MainJobSets.NewFor(dir), ("mlnet.csv", "another writer's file")), TempDir.Snapshot(dir));
        Assert.Empty(CommitNamesInside(dir));
        Assert.Equal(["mnt"], ListAll(tmp.Path));
    }

    [FactNeedingMount]
    public void A_bind_mount_as_out_is_written_and_replaced_file_by_file()
    {
        using var tmp = new TempDir();
        var source = Path.Combine(tmp.Path, "volume");
        tmp.Write("volume/notes.txt", "the user's own file");
        using var mount = Mount.Bind(source, Path.Combine(tmp.Path, "out"));
        var dir = mount.Path;

        Assert.Null(Commit(dir, MainJobSets.Old));
        Assert.Equal(MainJobSets.Snapshot(MainJobSets.Old, ("notes.txt", "the user's own file")), TempDir.Snapshot(dir));
        Assert.Null(Commit(dir, MainJobSets.New));
        Assert.Equal(MainJobSets.Snapshot(MainJobSets.New, ("notes.txt", "the user's own file")), TempDir.Snapshot(dir));
        // The same files through the volume's own path: the bind mount was written, not shadowed.
        Assert.Equal(TempDir.Snapshot(dir), TempDir.Snapshot(source));
        Assert.Empty(CommitNamesInside(dir));
        Assert.Equal(["out", "volume"], ListAll(tmp.Path));
    }

    [FactNeedingMount]
    public void A_full_mount_point_is_refused_cleanly_and_the_folder_is_unchanged()
    {
        using var tmp = new TempDir();
        // The set is about 160 KB: the old set fits, the old set and the staged new one do not.
        foreach (var size in new[] { "200k", "264k" })
        {
            using var mount = new Mount(Path.Combine(tmp.Path, "mnt-" + size), $"size={size}");
            var dir = mount.Path;
            Assert.Null(Commit(dir, MainJobSets.Old));
            var before = TempDir.Snapshot(dir);

            var (code, _, stderr) = Job(MainJobSets.ExtendedData, dir);
            Assert.Equal(JobRunner.Failed, code);
            Assert.StartsWith($"reproduce: Could not write {dir}", stderr);
            Assert.Contains("disk is full", stderr);
            Assert.Contains($"Nothing under {dir} changed.", stderr);
            Assert.Equal(before, TempDir.Snapshot(dir));
            Assert.Empty(CommitNamesInside(dir));
        }
        Assert.Equal(["mnt-200k", "mnt-264k"], ListAll(tmp.Path));
    }

    [FactNeedingMount]
    public void A_read_only_mount_point_is_refused_cleanly_and_the_folder_is_unchanged()
    {
        using var tmp = new TempDir();
        using var mount = new Mount(Path.Combine(tmp.Path, "mnt"), "size=4m");
        var dir = mount.Path;
        Assert.Null(Commit(dir, MainJobSets.Old));
        var before = TempDir.Snapshot(dir);
        mount.Remount("ro");
        try
        {
            var (code, _, stderr) = Job(MainJobSets.ExtendedData, dir);
            Assert.Equal(JobRunner.Failed, code);
            Assert.StartsWith($"reproduce: Could not write {dir}", stderr);
            Assert.Contains("read-only", stderr);
            Assert.Contains($"Nothing under {dir} changed.", stderr);
            Assert.DoesNotContain("   at ", stderr); // a message, not a stack trace
            Assert.Equal(before, TempDir.Snapshot(dir));
        }
        finally
        {
            mount.Remount("rw");
        }
        Assert.Empty(CommitNamesInside(dir));
        Assert.Equal(["mnt"], ListAll(tmp.Path));
    }

    /// <summary>A child main job paused (then killed) at <paramref name="step"/>; returns once it is dead.</summary>
    private static void KillMainJobAt(string data, string dir, string options, string step)
    {
        using var child = ChildProcess.StartMainJob(["--data", data, "--out", dir], new Dictionary<string, string> { [ChildProcess.HookVariable] = options });
        using var reached = new ManualResetEventSlim();
        child.ErrorDataReceived += (_, e) => { if (e.Data == "output-step:" + step) reached.Set(); };
        child.OutputDataReceived += (_, _) => { };
        child.BeginErrorReadLine();
        child.BeginOutputReadLine();
        try
        {
            Assert.True(reached.Wait(TimeSpan.FromSeconds(120)), $"the child never reached {step}");
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    [Fact]
    public void Beside_a_plain_output_folder_only_the_folder_remains_after_a_run_and_after_a_kill_and_a_run()
    {
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "results");
        Assert.Equal(JobRunner.Ok, Job(ProjectPaths.BundledTable1, dir).Code);
        Assert.Equal(["results"], ListAll(tmp.Path));

        foreach (var (options, step) in new[] { ("pause=Write", "Write"), ("pause=DeleteOld", "DeleteOld"), ("journal,pause=MoveNew", "MoveNew") })
        {
            KillMainJobAt(MainJobSets.ExtendedData, dir, options, step);
            Assert.NotEqual(["results"], ListAll(tmp.Path).Concat(CommitNamesInside(dir)).ToArray()); // the kill left something
            Assert.Equal(JobRunner.Ok, Job(ProjectPaths.BundledTable1, dir).Code);
            Assert.Equal(["results"], ListAll(tmp.Path));
            Assert.Empty(CommitNamesInside(dir));
        }
    }

    [FactNeedingMount]
    public void Beside_a_mount_point_only_the_folder_remains_after_a_run_and_after_a_kill_and_a_run()
    {
        using var tmp = new TempDir();
        using var mount = new Mount(Path.Combine(tmp.Path, "mnt"), "size=16m");
        var dir = mount.Path;
        Assert.Equal(JobRunner.Ok, Job(ProjectPaths.BundledTable1, dir).Code);
        Assert.Equal(["mnt"], ListAll(tmp.Path));
        Assert.Empty(CommitNamesInside(dir));

        foreach (var step in new[] { "Write", "MoveNew" })
        {
            KillMainJobAt(MainJobSets.ExtendedData, dir, "pause=" + step, step);
            Assert.NotEmpty(CommitNamesInside(dir)); // the staging folder (and after the journal, the journal) inside
            var run = Job(MainJobSets.ExtendedData, dir);
            Assert.Equal(JobRunner.Ok, run.Code);
            Assert.Equal(["mnt"], ListAll(tmp.Path));
            Assert.Empty(CommitNamesInside(dir));
            Assert.Equal(MainJobSets.Snapshot(MainJobSets.NewFor(dir)), TempDir.Snapshot(dir));
            Assert.Equal(JobRunner.Ok, Job(ProjectPaths.BundledTable1, dir).Code); // back to the old set for the next kill
        }
    }
}
