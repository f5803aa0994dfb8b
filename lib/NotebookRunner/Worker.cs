using System.Globalization;
using System.Text.Json.Nodes;

namespace NotebookAnalysis.NotebookRunner;

/// <summary>
/// Runs one notebook in this process (started by <see cref="RunnerCli"/> with the notebook's folder as working
/// directory): validate, execute, then write the outputs back or, with <c>--check</c>, compare them.
/// </summary>
internal static class Worker
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("run-notebooks --worker NOTEBOOK DISPLAY-NAME [--check] [--param n=v]…");
            return RunnerCli.UsageError;
        }
        // Stored outputs must not depend on the machine's locale (the authors' is ru-RU: "3,7"): the kernel and every
        // thread it starts format numbers in the invariant culture, whatever LANG says.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        string path = args[0], name = args[1];
        bool check = false, timings = false;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 2; i < args.Length; i++)
        {
            if (args[i] == "--check") check = true;
            else if (args[i] == "--timings") timings = true;
            else if (args[i] == "--param" && i + 1 < args.Length)
            {
                var (n, v) = Parameters.ParseAssignment(args[++i]);
                parameters[n] = v;
            }
        }

        NotebookFile notebook;
        try
        {
            notebook = NotebookFile.Load(path);
        }
        catch (Exception e) when (e is NotebookFormatException or IOException)
        {
            Console.WriteLine($"{name}: {e.Message}");
            return RunnerCli.Failed;
        }
        var problems = NotebookValidator.NbformatProblems(notebook);
        if (problems.Count > 0)
        {
            Console.WriteLine($"{name}: not a valid nbformat 4.5 notebook:\n  " + string.Join("\n  ", problems));
            return RunnerCli.Failed;
        }

        ExecutionResult result;
        try
        {
            result = await NotebookExecutor.RunAsync(notebook, parameters);
        }
        catch (ArgumentException e)
        {
            Console.WriteLine($"{name}: {e.Message}");
            return RunnerCli.Failed;
        }
        if (timings && result.Timings is { Count: > 0 } t)
            Console.WriteLine($"{name}: kernel {t[0].Seconds.ToString("0.00", CultureInfo.InvariantCulture)} s; " +
                string.Join(", ", t.Skip(1).OrderByDescending(c => c.Seconds).Take(4).Select(c => $"cell {c.Cell} {c.Seconds.ToString("0.00", CultureInfo.InvariantCulture)} s")) +
                $"; all {t.Count - 1} code cells {t.Skip(1).Sum(c => c.Seconds).ToString("0.00", CultureInfo.InvariantCulture)} s");
        if (result.Error is not null)
        {
            Console.WriteLine(result.FailedCell is int n
                ? $"{name}: cell {n} failed: {result.Error}"
                : $"{name}: {result.Error}");
            return RunnerCli.Failed;
        }

        if (check)
        {
            var difference = OutputComparison.FirstDifference(notebook, result.Outputs);
            if (difference is not null)
            {
                Console.WriteLine($"{name}: stored outputs are stale; rerun without --check and commit. {difference}");
                return RunnerCli.Failed;
            }
            return RunnerCli.Passed;
        }

        // Cells whose outputs only differ in masked parts keep their stored bytes: no churn in version control.
        var changed = result.Outputs
            .Where(kv => !(OutputComparison.SameAfterMasking(notebook.Cells[kv.Key - 1].Outputs, kv.Value.Outputs)
                           && StoredCount(notebook, kv.Key) == kv.Value.ExecutionCount))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        var bytes = notebook.WithOutputs(changed);
        if (!bytes.AsSpan().SequenceEqual(notebook.Bytes))
        {
            // Write beside, then replace: a crash never leaves a half-written notebook.
            var temp = path + ".tmp";
            await File.WriteAllBytesAsync(temp, bytes);
            File.Move(temp, path, overwrite: true);
            Console.WriteLine($"{name}: outputs updated");
        }
        return RunnerCli.Passed;
    }

    private static int? StoredCount(NotebookFile notebook, int cell) =>
        (notebook.Root["cells"]![cell - 1]!["execution_count"] as JsonValue)?.GetValue<int?>();
}
