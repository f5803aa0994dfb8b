using System.Diagnostics;
using NotebookAnalysis.Data;

namespace NotebookAnalysis.Tests.Support;

/// <summary>Runs an external program from the repository root with .NET telemetry off, bounded in time.</summary>
public static class ExternalTool
{
    /// <summary>Runs a program; on timeout kills its process tree and returns -1.</summary>
    /// <param name="file">The program.</param>
    /// <param name="args">Its arguments, passed as they are.</param>
    /// <param name="timeout">How long it may run.</param>
    /// <param name="extraPath">A folder appended to PATH (the .NET tools folder, without which the Jupyter kernel dies at start).</param>
    /// <param name="workingDirectory">Where it runs (default: the repository root).</param>
    /// <param name="environment">Extra environment variables.</param>
    public static (int Code, string Output) Run(string file, IEnumerable<string> args, TimeSpan timeout, string? extraPath = null,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null) =>
        RunAsync(file, args, timeout, extraPath, workingDirectory, environment).GetAwaiter().GetResult();

    /// <summary>
    /// <see cref="Run"/> as a task, for the front-end checks, which wait minutes for their browser.
    /// </summary>
    public static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, string? extraPath = null,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? ProjectPaths.Root };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (extraPath is not null) psi.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") + Path.PathSeparator + extraPath;
        psi.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}\n{await stdout.ConfigureAwait(false)}{await stderr.ConfigureAwait(false)}");
        }
        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }
}
