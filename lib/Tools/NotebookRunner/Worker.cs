using System.Globalization;
using NotebookAnalysis.Output;

namespace NotebookAnalysis.NotebookRunner;

/// <summary>
/// Runs one notebook in this process (started by <see cref="RunnerCli"/> with the notebook's folder as working
/// directory): validate, execute, then write the outputs back (or an executed copy under <c>--out</c>) or, with
/// <c>--check</c>, compare them; optionally export HTML.
/// </summary>
/// <remarks>
/// Everything the runner reads goes to the real standard output through <see cref="_report"/>, which the kernel's
/// console capture does not touch: progress markers (<see cref="WorkerProcess.Marker"/>) and the messages.
/// </remarks>
internal static class Worker
{
    private static TextWriter _report = Console.Out;

    public static async Task<int> RunAsync(string[] args)
    {
        WorkerProcess.WatchParent();
        _report = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true, NewLine = "\n" };
        try
        {
            return await RunCoreAsync(args);
        }
        finally
        {
            _report.WriteLine(WorkerProcess.Done);
        }
    }

    private static async Task<int> RunCoreAsync(string[] args)
    {
        // Stored outputs must not depend on the machine's locale (the authors' is ru-RU: "3,7"): the kernel and every
        // thread it starts format numbers in the invariant culture, whatever LANG says.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        // The runner passes its own options on, after the notebook's path and its name in messages.
        var options = RunnerCli.Options.Parse(args);
        string path = options.Notebooks[0], name = options.Notebooks[1];

        NotebookFile notebook;
        try
        {
            notebook = NotebookFile.Load(path);
        }
        catch (Exception e) when (e is NotebookFormatException or Data.DataFileException or IOException or UnauthorizedAccessException)
        {
            return Fail($"{name}: {e.Message}");
        }
        var problems = NotebookValidator.NbformatProblems(notebook);
        if (problems.Count > 0)
            return Fail($"{name}: not a valid nbformat 4.5 notebook:\n  " + string.Join("\n  ", problems));

        // --param: the parameters cell runs, and in a copy shows, with the given values.
        var sources = new Dictionary<int, string>();
        if (options.Parameters.Count > 0)
        {
            var parametersCell = notebook.Cells.FirstOrDefault(c => c.CellType == "code" && c.IsParameters);
            if (parametersCell is null)
                return Fail($"{name}: --param was given but the notebook has no cell tagged 'parameters'.");
            try
            {
                sources[parametersCell.Number] = Parameters.Rewrite(parametersCell.Source, options.Parameters);
            }
            catch (ArgumentException e)
            {
                return Fail($"{name}: {e.Message}");
            }
        }

        var result = await NotebookExecutor.RunAsync(notebook, sources, cell => _report.WriteLine(WorkerProcess.CellStarting(cell)));
        _report.WriteLine(WorkerProcess.AfterCells);
        // Run the finalizers of what the cells left behind now, while the kernel (and the native-library resolver
        // it registered) is alive, so a finalizer problem shows here, in every run, rather than at random later.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        if (result.Error is not null)
            return Fail(result.FailedCell is int n
                ? $"{name}: cell {n} failed{(result.FailedLine is int line ? $" at line {line}" : "")}: {result.Error}"
                : $"{name}: {result.Error}");
        if (CommitFigures(name) is { } figuresFailed)
            return Fail(figuresFailed);

        if (options.Check)
        {
            if (OutputComparison.FirstDifference(notebook, result.Outputs) is { } difference)
                return Fail($"{name}: stored outputs are stale; rerun without --check and commit. {difference}");
            return ExportHtml(notebook, notebook.Rewrite(result.Outputs, sources), options.Html, name);
        }

        byte[] bytes;
        string target;
        if (options.Out is not null)
        {
            // A student's run: a complete executed copy, its parameters cell showing the values used.
            bytes = notebook.Rewrite(result.Outputs, sources);
            target = Path.Combine(options.Out, Path.GetFileName(path));
        }
        else
        {
            // Cells whose outputs only differ in masked parts keep their stored bytes: no churn in version control.
            var changed = result.Outputs
                .Where(kv => !(OutputComparison.SameAfterMasking(notebook.Cells[kv.Key - 1].Outputs, kv.Value.Outputs)
                               && notebook.Cells[kv.Key - 1].ExecutionCount == kv.Value.ExecutionCount))
                .ToDictionary(kv => kv.Key, kv => kv.Value);
            bytes = notebook.Rewrite(changed, sources: null);
            target = path;
        }
        if (options.Out is not null || !bytes.AsSpan().SequenceEqual(notebook.Bytes))
        {
            if (Write(target, bytes, name) is int failed) return failed;
            _report.WriteLine(options.Out is null ? $"{name}: outputs updated" : $"{name}: executed copy written to {target}");
        }
        return ExportHtml(notebook, bytes, options.Html, name);
    }

    /// <summary>Writes through the one atomic writer; a file that cannot be written is a clean error naming it.</summary>
    private static int? Write(string target, byte[] bytes, string name)
    {
        try
        {
            if (File.Exists(target) && IsReadOnly(target))
                return Fail($"{name}: cannot write {target}: the file is read-only (make it writable, or write a copy with --out DIR); nothing was written.");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"{name}: cannot create the folder of {target}: {e.Message} Nothing was written.");
        }
        try
        {
            AtomicFile.WriteAllBytes(target, bytes);
            return null;
        }
        catch (IOException e)
        {
            // AtomicFile's message already names the file, the reason and that the file is unchanged.
            return Fail($"{name}: {e.Message}");
        }
    }

    /// <summary>Reports why the notebook failed; returns the failure's exit code.</summary>
    private static int Fail(string message)
    {
        _report.WriteLine(message);
        return RunnerCli.Failed;
    }

    /// <summary>
    /// Read-only by its mode bits, even for root, who may write anyway: a read-only notebook is the owner's wish.
    /// </summary>
    private static bool IsReadOnly(string path) =>
        OperatingSystem.IsWindows()
            ? File.GetAttributes(path).HasFlag(FileAttributes.ReadOnly)
            : (File.GetUnixFileMode(path) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0;

    private static int ExportHtml(NotebookFile source, byte[] executed, string? htmlDir, string name)
    {
        if (htmlDir is null) return RunnerCli.Passed;
        var html = HtmlExport.Render(NotebookFile.Parse(executed, source.Path));
        var target = Path.Combine(htmlDir, Path.ChangeExtension(Path.GetFileName(source.Path), ".html"));
        if (Write(target, System.Text.Encoding.UTF8.GetBytes(html), name) is int failed) return failed;
        _report.WriteLine($"{name}: exported {target}");
        return RunnerCli.Passed;
    }

    /// <summary>
    /// Writes the run's figures in one commit: calls <c>NotebookAnalysis.Rendering.Figure.CommitPending</c> by name in
    /// the assembly the notebook loaded (the runner does not reference the rendering library). Returns an error line,
    /// or null (also when the notebook drew no figure).
    /// </summary>
    private static string? CommitFigures(string name)
    {
        var commit = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name == "NotebookAnalysis.Rendering")
            .Select(a => a.GetType("NotebookAnalysis.Rendering.Figure")?.GetMethod("CommitPending", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .FirstOrDefault(m => m is not null);
        if (commit is null) return null;
        try
        {
            commit.Invoke(null, null);
            return null;
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            // An OutputException's message names the folder, the reason and that it is unchanged.
            return $"{name}: the figures could not be written: {e.InnerException.Message}";
        }
    }
}
