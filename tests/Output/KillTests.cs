using System.Diagnostics;
using NotebookAnalysis.Data;
using NotebookAnalysis.Output;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Output;

/// <summary>
/// SIGKILLs a writer at many instants and checks that the output folder then holds the complete old or the
/// complete new set (with another writer's file kept) and never a temporary file; leftovers beside it, and a
/// journaled swap cut in half, are repaired by the next run.
/// <list type="bullet">
/// <item>The main job itself (a child process running <c>MainJob.Run</c>): its run is timed first (from the child's
/// start marker, printed once the runtime is up, to its exit), then it is killed at instants spread over that span,
/// and paused inside its commit (at the exchange, and between the journal's file renames). The log says how many
/// kills landed mid-run.</item>
/// <item>A child that commits the main job's saved output set (the job's last step alone, so that many instants
/// cost little): paused at every step of the commit, and killed at random delays inside it, in both modes.</item>
/// </list>
/// </summary>
public class KillTests(ITestOutputHelper log)
{
    private const string Hook = ChildProcess.HookVariable;
    private const int Seed = 20261129;

    /// <summary>Scales the random kills for a longer run by hand (<c>NOTEBOOKANALYSIS_KILL_TRIES=10</c>).</summary>
    private static int Scale => int.TryParse(Environment.GetEnvironmentVariable("NOTEBOOKANALYSIS_KILL_TRIES"), out var n) && n > 0 ? n : 1;

    /// <summary>One kill: which child, the hook, the marker to wait for, and the delay after it as a fraction of the measured span (∞: never kill).</summary>
    private sealed record Attempt(bool MainJob, string Kind, string Environment, string? WaitFor, double Fraction);

    private static List<Attempt> Plan()
    {
        var rng = new Random(Seed);
        var plan = new List<Attempt>
        {
            new(true, "main job paused at step", "pause=Swap", "Swap", 0),
            new(true, "main job paused at step (journal)", "journal,pause=MoveNew", "MoveNew", 0),
        };
        // Spread evenly over the measured run (one kill per stratum, at a random point in it), so kills land throughout.
        int spread = 12 * Scale;
        for (int i = 0; i < spread; i++)
            plan.Add(new(true, "main job, spread over run", "trace", ChildProcess.StartMarker, (i + rng.NextDouble()) / spread));
        foreach (var step in Enum.GetNames<CommitStep>().Except(["Journal", "MoveNew"]))
            plan.Add(new(false, "commit paused at step", $"pause={step}", step, 0));
        foreach (var step in new[] { "Lock", "Recover", "Stage", "Link", "Write", "Sync", "Journal", "MoveNew", "DeleteOld", "Done" })
            plan.Add(new(false, "commit paused at step (journal)", $"journal,pause={step}", step, 0));
        for (int i = 0; i < 40 * Scale; i++)
        {
            bool journal = i % 2 == 1;
            plan.Add(new(false, journal ? "commit, random in commit (journal)" : "commit, random in commit", journal ? "trace,journal" : "trace", "Lock", rng.NextDouble() * 1.1));
        }
        return plan;
    }

    [Fact]
    public void After_a_kill_at_any_instant_the_folder_holds_the_complete_old_or_new_set()
    {
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "results");
        var other = ("mlnet.csv", "another writer's file");
        IReadOnlyDictionary<string, byte[]>[] sets = [MainJobSets.OldFor(dir), MainJobSets.NewFor(dir)];
        string[] data = [ProjectPaths.BundledTable1, MainJobSets.ExtendedData];
        string[] saved = [Path.Combine(tmp.Path, "saved-old"), Path.Combine(tmp.Path, "saved-new")];
        for (int i = 0; i < 2; i++)
            foreach (var (name, bytes) in sets[i])
                File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(saved[i]).FullName, name), bytes);
        var complete = sets.Select(s => MainJobSets.Snapshot(s, other)).ToArray();
        MainJobSets.Staged(dir, sets[0]).Commit();
        File.WriteAllText(Path.Combine(dir, other.Item1), other.Item2);

        // One whole run of the main job (old → new) gives the time scale of the random kills over a run
        // (the shortest run seen so far: the machine may be busy).
        var clock = Stopwatch.StartNew();
        var whole = RunAndKill(new(true, "main job, whole run", "", ChildProcess.StartMarker, double.PositiveInfinity), data[1], dir, 0);
        Assert.True(whole.Exited);
        var runMs = whole.StartToExit;
        Assert.Equal(complete[1], TempDir.Snapshot(dir));

        // The commit's own duration in a fresh process (from taking the lock to its last step) scales the kills inside it.
        var commitMs = new List<double>();
        for (int i = 0; i < 4; i++)
        {
            var run = RunAndKill(new(false, "commit, whole", i % 2 == 0 ? "trace" : "trace,journal", "Lock", double.PositiveInfinity), saved[i % 2 == 0 ? 0 : 1], dir, 0);
            Assert.True(run.Exited);
            commitMs.Add(run.LockToDone);
        }
        Assert.Equal(complete[1], TempDir.Snapshot(dir));

        int current = 1;
        var tally = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int spreadKills = 0, landedMidRun = 0;
        foreach (var attempt in Plan())
        {
            int target = 1 - current;
            var (exited, lastStep, _, startToExit) = RunAndKill(attempt, attempt.MainJob ? data[target] : saved[target], dir, attempt.MainJob ? runMs : commitMs.Average());
            if (exited && attempt.MainJob) runMs = Math.Min(runMs, startToExit);
            if (attempt.Kind.Contains("spread", StringComparison.Ordinal))
            {
                spreadKills++;
                if (!exited) landedMidRun++;
            }

            // Inside the folder: never a temporary file, except the journal's own (a journaled commit in progress).
            var journal = Path.Combine(dir, OutputFolder.Marker + "journal");
            bool inProgress = File.Exists(journal);
            if (Directory.Exists(dir))
                Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories),
                    f => Path.GetFileName(f).Contains('~') && !IsCommitOwned(Path.GetRelativePath(dir, f)));
            var leftovers = OutputFolderTests.Leftovers(dir);
            // The user's files: without a journaled commit's own entries inside (removed or completed by the next run).
            var before = new SortedDictionary<string, string>(TempDir.Snapshot(dir).Where(f => !IsCommitOwned(f.Key)).ToDictionary(), StringComparer.Ordinal);
            Assert.True(Directory.Exists(dir), $"{attempt} (last step {lastStep}): the folder is absent");
            if (!inProgress)
                Assert.True(complete.Any(c => c.SequenceEqual(before)), $"{attempt} (last step {lastStep}): a mixed folder: {string.Join(", ", before.Keys)}");

            // The next run: an empty commit only recovers (completes a journaled commit) and cleans up.
            new OutputFolder(dir).Commit();
            Assert.Empty(OutputFolderTests.Leftovers(dir));
            var after = TempDir.Snapshot(dir);
            Assert.DoesNotContain(after.Keys, IsCommitOwned);
            int holds = Array.FindIndex(complete, c => c.SequenceEqual(after));
            Assert.True(holds >= 0, $"{attempt} (last step {lastStep}): a mixed folder after the next run: {string.Join(", ", after.Keys)}");
            if (!inProgress) Assert.Equal(before, after);
            else Assert.Equal(target, holds); // a journal is only written once the new set is complete: rolled forward
            if (exited) Assert.Equal(target, holds);

            string outcome = exited ? "ran to the end: new set"
                : (holds == target ? "new set" : "old set") + (inProgress ? ", journaled commit completed by the next run" : "") + (leftovers.Length > 0 ? ", leftovers beside or inside removed by the next run" : "");
            string at = exited ? "" : lastStep is null ? " (killed before the commit)" : $" (killed during {lastStep})";
            var key = $"{attempt.Kind}: {outcome}{at}";
            tally[key] = tally.GetValueOrDefault(key) + 1;
            current = holds;
        }

        log.WriteLine($"{tally.Values.Sum()} kill attempts in {clock.Elapsed.TotalSeconds:0.0} s, seed {Seed}; the shortest whole main-job run took {runMs / 1000:0.00} s from its start marker to its exit, a commit in a fresh process {commitMs.Average():0.0} ms (lock to last step; {string.Join(", ", commitMs.Select(m => m.ToString("0.0")))}).");
        log.WriteLine($"Kills spread over the main job's run: {landedMidRun} of {spreadKills} landed mid-run (the rest found it already exited).");
        foreach (var (key, count) in tally) log.WriteLine($"  {count,3}  {key}");
        // The plan must really have cut commits on both sides of the swap, and a journaled swap in half.
        Assert.Contains(tally.Keys, k => k.Contains("old set") && k.Contains("during"));
        Assert.Contains(tally.Keys, k => k.Contains("new set") && k.Contains("during"));
        Assert.Contains(tally.Keys, k => k.Contains("journaled commit completed by the next run"));
        Assert.Contains(tally.Keys, k => k.StartsWith("main job", StringComparison.Ordinal) && k.Contains("during"));
        // Spread over the measured run, most kills must land while the job runs (fixed delays once landed 1 in 122).
        Assert.True(landedMidRun * 2 >= spreadKills, $"only {landedMidRun} of {spreadKills} spread kills landed mid-run");
    }

    private static bool IsCommitOwned(string relative) =>
        relative.StartsWith(OutputFolder.Marker, StringComparison.Ordinal) || relative.StartsWith("." + OutputFolder.Marker, StringComparison.Ordinal);

    /// <summary>Starts the child, kills it as the attempt says; returns whether it exited on its own and the last commit step it reported.</summary>
    private sealed record Run(bool Exited, string? LastStep, double LockToDone, double StartToExit);

    private static Run RunAndKill(Attempt attempt, string input, string dir, double spanMs)
    {
        string? last = null;
        var clock = Stopwatch.StartNew();
        double lockAt = double.NaN, doneAt = double.NaN, startAt = double.NaN;
        using var reached = new ManualResetEventSlim();
        var environment = new Dictionary<string, string> { [Hook] = attempt.Environment };
        using var child = attempt.MainJob
            ? ChildProcess.StartMainJob(["--data", input, "--out", dir], environment)
            : ChildProcess.StartCommit(input, dir, environment);
        try
        {
            child.ErrorDataReceived += (_, e) =>
            {
                if (e.Data == ChildProcess.StartMarker)
                {
                    startAt = clock.Elapsed.TotalMilliseconds;
                    if (attempt.WaitFor == ChildProcess.StartMarker) reached.Set();
                    return;
                }
                if (e.Data?.StartsWith("output-step:", StringComparison.Ordinal) != true) return;
                last = e.Data["output-step:".Length..];
                if (last == "Lock") lockAt = clock.Elapsed.TotalMilliseconds;
                if (last == "Done") doneAt = clock.Elapsed.TotalMilliseconds;
                if (last == attempt.WaitFor) reached.Set();
            };
            child.OutputDataReceived += (_, _) => { };
            child.BeginErrorReadLine();
            child.BeginOutputReadLine();
            var deadline = TimeSpan.FromSeconds(120);
            var waited = Stopwatch.StartNew();
            if (attempt.WaitFor is not null)
                while (!reached.Wait(10) && !child.HasExited && waited.Elapsed < deadline) { }
            var delay = Stopwatch.StartNew();
            double delayMs = attempt.Fraction * spanMs;
            if (double.IsPositiveInfinity(attempt.Fraction)) child.WaitForExit(deadline);
            while (delay.Elapsed.TotalMilliseconds < delayMs && !child.HasExited)
                if (delayMs - delay.Elapsed.TotalMilliseconds > 3) Thread.Sleep(1); else Thread.SpinWait(100);
            bool exited = child.HasExited;
            if (!exited) child.Kill();
            child.WaitForExit();
            if (exited) Assert.Equal(0, child.ExitCode);
            return new(exited, last, doneAt - lockAt, clock.Elapsed.TotalMilliseconds - startAt);
        }
        finally
        {
            if (!child.HasExited) child.Kill();
        }
    }
}
