using NotebookAnalysis.Data;
using NotebookAnalysis.Output;
using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Cli;

/// <summary>What a job computed in memory: the staged files, and the console text to print once they are committed.</summary>
/// <param name="Files">The staged output folder; nothing is on disk yet.</param>
/// <param name="Summary">The console text, given the commit's report (written after the commit succeeded).</param>
public sealed record JobOutput(OutputFolder Files, Func<CommitReport, string> Summary);

/// <summary>
/// The one runner of every entry point (reproduce, sources, mlnet): parse the command line, compute everything in
/// memory, commit the output folder all at once, print the summary, and turn the library's error types into a
/// located message and an exit code.
/// </summary>
public static class JobRunner
{
    /// <summary>Exit code: success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code: bad data, a model that cannot be fitted, or a failed write.</summary>
    public const int Failed = 1;

    /// <summary>Exit code: bad command line.</summary>
    public const int Usage = UsageException.ExitCode;

    /// <summary>
    /// Runs a job. Returns an exit code; on failure nothing under the output folder changes (an
    /// <see cref="OutputException"/>'s message says so, or says what changed). Only domain errors are reported here;
    /// anything else is a bug and propagates with its stack trace.
    /// </summary>
    /// <param name="program">The name that starts each error message, e.g. <c>reproduce</c>.</param>
    /// <param name="cli">The command line.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="stdout">Progress and the summary.</param>
    /// <param name="stderr">Errors.</param>
    /// <param name="compute">Computes the outputs from the parsed arguments; writes nothing.</param>
    public static int Run(string program, CommandLine cli, string[] args, TextWriter stdout, TextWriter stderr, Func<ParsedArguments, JobOutput> compute)
    {
        if (cli.ParseOrExit(args, program, stdout, stderr, out int exit) is not { } parsed) return exit;
        JobOutput output;
        CommitReport commit;
        try
        {
            output = compute(parsed);
            commit = output.Files.Commit();
        }
        catch (Exception e) when (IsDomainError(e))
        {
            // An OutputException's message says whether the folder is unchanged; any other error came before the commit.
            stderr.Write($"{program}: {e.Message}\n{(e is OutputException ? "" : "Nothing was written.\n")}");
            return Failed;
        }
        // The summary is written after the commit, outside the catch: nothing it could throw may claim that nothing was written.
        stdout.Write(output.Summary(commit));
        if (commit.Note is not null) stdout.Write(commit.Note + "\n");
        return Ok;
    }

    /// <summary>
    /// A command as a report's "How to regenerate" gives it: <paramref name="command"/> with the options given (null ones
    /// left out), quoted for a POSIX shell when needed. An absolute <c>--out</c> shows as <c>DIR</c> and an absolute input
    /// as <see cref="ProjectPaths.Display"/> names it: a report never names the folder it was written to, so runs into two
    /// folders write identical files and a shared report carries no home path.
    /// </summary>
    public static string Regenerate(string command, params (string Option, string? Value)[] options)
    {
        static string Shown(string option, string value) =>
            !Path.IsPathRooted(value) ? value : option == "--out" ? "DIR" : ProjectPaths.Display(value);
        var given = options.Where(o => o.Value is not null).Select(o => $"{o.Option} {ShellQuote(Shown(o.Option, o.Value!))}").ToList();
        return given.Count == 0 ? command : $"{command} -- {string.Join(" ", given)}";
    }

    /// <summary>A report's "How to regenerate" section: <paramref name="command"/> (from <see cref="Regenerate"/>) and the rule its paths follow.</summary>
    public static string RegenerateSection(string command) =>
        "## How to regenerate\n\nThe command that wrote this file (an absolute path shows relative to the repository; outside it, " +
        "the output folder as `DIR` and an input by its file name):\n\n```\n" + command + "\n```\n";

    /// <summary><paramref name="path"/>, or null when it names <paramref name="fallback"/>: an option left at its default is not spelled out.</summary>
    public static string? UnlessDefault(string path, string fallback) => Path.GetFullPath(path) == Path.GetFullPath(fallback) ? null : path;

    private static string ShellQuote(string s) =>
        s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+=:@%".Contains(c)) ? s : "'" + s.Replace("'", "'\\''") + "'";

    /// <summary>
    /// The errors a job reports as bad data, an unfit model or a failed write (exit 1, no stack trace). Anything else,
    /// <see cref="ArgumentException"/> and <see cref="InvalidOperationException"/> included, is a bug and propagates.
    /// </summary>
    internal static bool IsDomainError(Exception e) => e is DataFileException or ModelException or OutputException;
}
