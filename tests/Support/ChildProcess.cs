using System.Diagnostics;
using NotebookAnalysis.Pipeline;

namespace NotebookAnalysis.Tests.Support;

/// <summary>
/// The test assembly as a program, so out-of-process tests (killing it) need no separate build:
/// <c>dotnet NotebookAnalysis.Tests.dll main-job ARGS</c> runs the main job exactly as <c>scripts/reproduce.cs</c> does;
/// <c>commit SOURCE DIR</c> commits the files under SOURCE (a saved output set) to DIR, the main job's last step alone.
/// </summary>
public static class ChildProcess
{
    public static int Main(string[] args)
    {
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
                return 2;
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
