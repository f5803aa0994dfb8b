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
    private const string DoneMarker = Marker + " done";
    private const string AfterCellsMarker = Marker + " after cells";
    private const int HeadLines = 6, TailLines = 4, MaxLineLength = 200;

    /// <summary>The progress line the worker writes before running cell <paramref name="number"/>.</summary>
    public static string CellStarting(int number) => CellMarker + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The progress line the worker writes when every cell has run, before it compares or writes outputs.</summary>
    public static string AfterCells => AfterCellsMarker;

    /// <summary>The progress line the worker writes when it has finished, whatever the outcome.</summary>
    public static string Done => DoneMarker;

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
        var stderr = new ErrorTail();
        var readOut = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is string line)
            {
                if (line.StartsWith(CellMarker, StringComparison.Ordinal)) cell = int.Parse(line[CellMarker.Length..], CultureInfo.InvariantCulture);
                else if (line == DoneMarker) done = true;
                else if (line == AfterCellsMarker) afterCells = true;
                else output.Append(line).Append('\n');
            }
        });
        var readErr = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is string line) stderr.Add(line);
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
            return (process.ExitCode, output + (process.ExitCode == RunnerCli.Passed ? "" : stderr.Text));
        // The worker died without finishing: name the cell it was running and why, in a few lines.
        bool overflow = stderr.Head.FirstOrDefault() == "Stack overflow.";
        var why = overflow ? "a stack overflow" : stderr.Count == 0 ? "the process exiting (e.g. Environment.Exit)" : "a crash";
        var ended = $"the worker process ended (exit code {process.ExitCode}{Signal(process.ExitCode)}) through {why}";
        var message = afterCells ? $"{display}: failed after its cells ran (comparing or writing outputs): {ended}."
            : cell is int n ? $"{display}: cell {n} failed: {ended}, before the cell finished."
            : $"{display}: failed while starting the kernel: {ended}.";
        // A stack overflow's first lines hold the reason and the innermost frames; the rest is the kernel's own.
        var details = overflow ? stderr.HeadText : stderr.Text;
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
    /// its last lines, each cut to <see cref="MaxLineLength"/> characters, and how many were left out.
    /// </summary>
    private sealed class ErrorTail
    {
        private readonly object _lock = new();
        private readonly Queue<string> _tail = new();
        public List<string> Head { get; } = [];
        public int Count { get; private set; }

        public void Add(string line)
        {
            line = line.Length > MaxLineLength ? line[..MaxLineLength] + "…" : line;
            lock (_lock)
            {
                Count++;
                if (Head.Count < HeadLines) { Head.Add(line); return; }
                _tail.Enqueue(line);
                if (_tail.Count > TailLines) _tail.Dequeue();
            }
        }

        public string HeadText
        {
            get
            {
                lock (_lock)
                    return Count == 0 ? "" : string.Join('\n', Head) + (Count > Head.Count ? $"\n… {Count - Head.Count} more line(s) of the worker's error output …" : "") + "\n";
            }
        }

        public string Text
        {
            get
            {
                lock (_lock)
                {
                    if (Count == 0) return "";
                    var lines = new List<string>(Head);
                    int omitted = Count - Head.Count - _tail.Count;
                    if (omitted > 0) lines.Add($"… {omitted} more line(s) of the worker's error output …");
                    lines.AddRange(_tail);
                    return string.Join('\n', lines) + "\n";
                }
            }
        }
    }
}
