using System.Diagnostics;
using NotebookAnalysis.Report.Pipeline;

namespace NotebookAnalysis.Tests.Support;

/// <summary>
/// The test assembly as a program, so out-of-process tests (killing it) need no separate build:
/// <c>dotnet NotebookAnalysis.Tests.dll main-job ARGS</c> runs the main job exactly as <c>scripts/reproduce.cs</c> does;
/// <c>commit SOURCE DIR</c> commits the files under SOURCE (a saved output set) to DIR, the main job's last step alone.
/// Any other command line is xunit.v3's (the runner starts this program to run the tests), and goes to its console runner.
/// </summary>
public static class ChildProcess
{
    /// <summary>The environment variable that configures <see cref="EnvironmentCommitHook"/> in the child.</summary>
    public const string HookVariable = "NOTEBOOKANALYSIS_OUTPUT_TEST";

    /// <summary>What the child prints to stderr when the job itself starts (after the runtime has started), so kills can be timed from it.</summary>
    public const string StartMarker = "run:start";

    public static int Main(string[] args)
    {
        if (args is not ["main-job", ..] and not ["commit", _, _])
            return Xunit.Runner.InProc.SystemConsole.ConsoleRunner.Run(args).GetAwaiter().GetResult();
        if (Environment.GetEnvironmentVariable(HookVariable) is { } options)
            NotebookAnalysis.Output.OutputFolder.ProcessHook = EnvironmentCommitHook.From(options);
        Console.Error.WriteLine(StartMarker);
        Console.Error.Flush();
        switch (args)
        {
            case ["main-job", .. var rest]:
                return MainJob.Run(rest, Console.Out, Console.Error);
            case ["commit", var source, var dir]:
                var folder = new NotebookAnalysis.Output.OutputFolder(dir);
                foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    folder.AddBytes(Path.GetRelativePath(source, file).Replace('\\', '/'), File.ReadAllBytes(file));
                folder.Commit();
                return 0;
            default:
                throw new InvalidOperationException("unreachable: the command line was checked above");
        }
    }

    /// <summary>Starts the main job in a child process with redirected output and extra environment variables.</summary>
    public static Process StartMainJob(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null) =>
        Start(args.Prepend("main-job"), environment);

    /// <summary>Starts a child that commits the saved set under <paramref name="source"/> to <paramref name="dir"/>.</summary>
    public static Process StartCommit(string source, string dir, IReadOnlyDictionary<string, string>? environment = null) =>
        Start(["commit", source, dir], environment);

    private static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        return Process.Start(info)!;
    }
}

/// <summary>
/// The kill test's hook in the child process, configured by <see cref="ChildProcess.HookVariable"/>: comma-separated
/// <c>trace</c> (print <c>output-step:NAME</c> to stderr before each step), <c>pause=STEP</c> (print, then sleep at
/// that step), <c>journal</c> (no exchange: the file-by-file journal).
/// </summary>
internal static class EnvironmentCommitHook
{
    public static NotebookAnalysis.Output.CommitHook From(string options)
    {
        var parts = options.Split(',');
        var pause = parts.FirstOrDefault(o => o.StartsWith("pause=", StringComparison.Ordinal))?[6..];
        return new(step =>
        {
            bool pauseHere = string.Equals(pause, step.ToString(), StringComparison.Ordinal);
            if (parts.Contains("trace") || pauseHere)
            {
                Console.Error.WriteLine($"output-step:{step}");
                Console.Error.Flush();
            }
            if (pauseHere) Thread.Sleep(TimeSpan.FromMinutes(2));
        }, UseExchange: !parts.Contains("journal"));
    }
}
