using System.Diagnostics;
using NotebookAnalysis.Pipeline;

namespace NotebookAnalysis.Tests.Support;

/// <summary>
/// The test assembly as a program: <c>dotnet NotebookAnalysis.Tests.dll main-job ARGS</c> runs the main job exactly
/// as <c>scripts/reproduce.cs</c> does, so out-of-process tests (killing it) need no separate build.
/// </summary>
public static class ChildProcess
{
    public static int Main(string[] args) => args is ["main-job", .. var rest]
        ? MainJob.Run(rest, Console.Out, Console.Error)
        : 2;

    /// <summary>Starts the main job in a child process with redirected output and extra environment variables.</summary>
    public static Process StartMainJob(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        info.ArgumentList.Add("main-job");
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        return Process.Start(info)!;
    }
}
