using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace NotebookAnalysis.NotebookRunner;

/// <summary>
/// The runner's side of one worker process (this program with <c>--worker</c>): starts it with the notebook's
/// folder as working directory, follows which cell it runs, and turns a worker that dies (a cell calling
/// <c>Environment.Exit</c>, a stack overflow, a native crash) into one short message that names the cell.
/// </summary>
/// <remarks>
/// The worker reports progress on its standard output with <see cref="Marker"/> lines. Its standard input is a
/// pipe that the runner never writes to: when the runner dies, however it dies, the pipe closes and the worker
/// kills itself (<see cref="WatchParent"/>), so no worker is ever orphaned.
/// </remarks>
internal static class WorkerProcess
{
    /// <summary>Prefix of the worker's progress lines on its standard output.</summary>
    public const string Marker = "##run-notebooks:";

    private const string CellMarker = Marker + " cell ";

    /// <summary>The progress line the worker writes when every cell has run, before it compares or writes outputs.</summary>
    public const string AfterCells = Marker + " after cells";

    /// <summary>The progress line the worker writes when it has finished, whatever the outcome.</summary>
    public const string Done = Marker + " done";
    private const int HeadLines = 6, TailLines = 4, MaxLineLength = 200;

    /// <summary>The progress line the worker writes before running cell <paramref name="number"/>.</summary>
    public static string CellStarting(int number) => CellMarker + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// In the worker: end this process as soon as standard input reaches end of file, which
    /// happens when the runner that started it exits or is killed (TERM or KILL).
    /// </summary>
    public static void WatchParent()
    {
        if (!Console.IsInputRedirected) return; // started by hand from a terminal: nothing to watch
        var watcher = new Thread(() =>
        {
            using var input = Console.OpenStandardInput();
            var buffer = new byte[64];
            try
            {
                while (input.Read(buffer, 0, buffer.Length) > 0) { }
            }
            catch (IOException) { }
            // Kill(entireProcessTree) refuses a tree that holds the calling process; the kernel starts no long-lived children.
            Process.GetCurrentProcess().Kill();
        })
        { IsBackground = true, Name = "run-notebooks parent watch" };
        watcher.Start();
    }

    /// <summary>Runs the worker for <paramref name="notebook"/> and returns its exit code and what to print.</summary>
    /// <param name="notebook">Absolute path of the notebook.</param>
    /// <param name="display">The notebook's name in messages.</param>
    /// <param name="arguments">Worker arguments after the notebook and its display name.</param>
    /// <param name="environment">Extra environment variables (e.g. the figures folder).</param>
    /// <param name="timeout">Time allowed.</param>
    public static async Task<(int Code, string Output)> RunAsync(string notebook, string display, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var (file, prefix) = SelfCommand();
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = Path.GetDirectoryName(notebook)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in prefix) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("--worker");
        psi.ArgumentList.Add(notebook);
        psi.ArgumentList.Add(display);
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (k, v) in environment) psi.Environment[k] = v;

        using var process = Process.Start(psi)!;
        int? cell = null;
        bool done = false, afterCells = false;
        var output = new StringBuilder();
        // Standard error kept bounded (a worker may print for minutes): its first lines, its last ones, the count between.
        var stderr = new List<string>();
        int dropped = 0;
        var readOut = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is string line)
            {
                if (line.StartsWith(CellMarker, StringComparison.Ordinal)) cell = int.Parse(line[CellMarker.Length..], CultureInfo.InvariantCulture);
                else if (line == Done) done = true;
                else if (line == AfterCells) afterCells = true;
                else output.Append(line).Append('\n');
            }
        });
        var readErr = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is string line)
                lock (stderr)
                {
                    stderr.Add(line.Length > MaxLineLength ? line[..MaxLineLength] + "…" : line);
                    if (stderr.Count > HeadLines + TailLines) { stderr.RemoveAt(HeadLines); dropped++; }
                }
        });
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await Task.WhenAll(readOut, readErr);
            return (RunnerCli.Failed, $"{display}: timed out after {timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s{(cell is int c ? $" in cell {c}" : "")}\n{output}");
        }
        await Task.WhenAll(readOut, readErr);
        process.StandardInput.Close();

        if (done)
            return (process.ExitCode, output + (process.ExitCode == RunnerCli.Passed ? "" : Excerpt(stderr, dropped, TailLines)));
        // The worker died without finishing: name the cell it was running and why, in a few lines.
        bool overflow = stderr.FirstOrDefault() == "Stack overflow.";
        var why = overflow ? "a stack overflow" : stderr.Count == 0 ? "the process exiting (e.g. Environment.Exit)" : "a crash";
        var ended = $"the worker process ended (exit code {process.ExitCode}{Signal(process.ExitCode)}) through {why}";
        var message = afterCells ? $"{display}: failed after its cells ran (comparing or writing outputs): {ended}."
            : cell is int n ? $"{display}: cell {n} failed: {ended}, before the cell finished."
            : $"{display}: failed while starting the kernel: {ended}.";
        // A stack overflow's first lines hold the reason and the innermost frames; the rest is the kernel's own.
        var details = Excerpt(stderr, dropped, overflow ? 0 : TailLines);
        return (RunnerCli.Failed, output + message + (details.Length == 0 ? "" : "\n" + details));
    }

    /// <summary>" (SIGABRT)" for 134 and other 128+N codes, as the runtime reports a death by signal.</summary>
    private static string Signal(int code) => code switch
    {
        134 => " (SIGABRT)",
        137 => " (SIGKILL)",
        139 => " (SIGSEGV)",
        143 => " (SIGTERM)",
        > 128 and < 160 => $" (signal {code - 128})",
        _ => "",
    };

    /// <summary>How to start this same program again: the app host, or <c>dotnet</c> plus the entry assembly.</summary>
    private static (string File, string[] Prefix) SelfCommand()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot locate the running executable.");
        var name = Path.GetFileNameWithoutExtension(process);
        if (name.Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
            if (string.IsNullOrEmpty(entry) || Path.GetFileName(entry).StartsWith("testhost", StringComparison.OrdinalIgnoreCase))
                entry = typeof(RunnerCli).Assembly.Location;
            return (process, [entry]);
        }
        return (process, []);
    }

    /// <summary>
    /// The worker's standard error, kept short: its first lines (a stack overflow's reason and innermost frames),
    /// its last <paramref name="tail"/> lines, and how many were left out (<paramref name="dropped"/> while reading).
    /// </summary>
    private static string Excerpt(List<string> lines, int dropped, int tail)
    {
        lock (lines)
        {
            if (lines.Count == 0) return "";
            int omitted = Math.Max(0, lines.Count - HeadLines - tail);
            var kept = lines.Take(HeadLines).ToList();
            if (omitted + dropped > 0) kept.Add($"… {omitted + dropped} more line(s) of the worker's error output …");
            kept.AddRange(lines.Skip(HeadLines + omitted));
            return string.Join('\n', kept) + "\n";
        }
    }
}
