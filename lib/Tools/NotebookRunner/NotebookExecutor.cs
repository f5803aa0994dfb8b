using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace NotebookAnalysis.NotebookRunner;

/// <summary>The outcome of executing one notebook.</summary>
/// <param name="Outputs">Per executed code cell number: its nbformat outputs and execution count.</param>
/// <param name="FailedCell">The 1-based number of the first failing cell, or null when every cell ran.</param>
/// <param name="Error">The failing cell's error message, or null.</param>
/// <param name="FailedLine">The 1-based line of the failing cell where the error arose, when it can be told; else null.</param>
public sealed record ExecutionResult(
    IReadOnlyDictionary<int, (JsonArray Outputs, int? ExecutionCount)> Outputs,
    int? FailedCell = null,
    string? Error = null,
    int? FailedLine = null);

/// <summary>
/// Executes a notebook's code cells, in order, in a fresh in-process C# kernel set up like VS Code's:
/// <c>#r "nuget: …"</c> enabled, kernel helpers (<c>display</c>), and the packages' interactive extensions
/// (e.g. the DataFrame HTML formatter) loaded when a package brings one.
/// </summary>
/// <remarks>
/// The kernel resolves <c>#r "file.dll"</c> against the process working directory, which is process-wide:
/// run one notebook per process with the working directory set to the notebook's folder.
/// </remarks>
public static class NotebookExecutor
{
    /// <summary>
    /// Kernels created by <see cref="RunAsync"/>, never disposed: disposing one unregisters the NuGet dependency
    /// manager's native-library resolver, and the finalizers of native wrappers that the cells created (SkiaSharp's
    /// SKObject) then fail to find libSkiaSharp (DllNotFoundException on the finalizer thread, which kills the
    /// process). A worker runs one notebook and exits, so the kernel lives as long as the process.
    /// </summary>
    private static readonly List<Kernel> KeptAlive = [];

    /// <summary>Runs <paramref name="notebook"/>; stops at the first failing cell.</summary>
    /// <param name="notebook">The parsed notebook.</param>
    /// <param name="sources">Per cell number, source to run instead of the stored one (e.g. the parameters cell with --param values).</param>
    /// <param name="cellStarting">Called with the cell number before each code cell runs.</param>
    public static async Task<ExecutionResult> RunAsync(NotebookFile notebook, IReadOnlyDictionary<int, string>? sources = null, Action<int>? cellStarting = null)
    {
        var results = new Dictionary<int, (JsonArray, int?)>();
        if (!notebook.Cells.Any(c => c.CellType == "code"))
            return new ExecutionResult(results); // e.g. a contents page: nothing to run, no kernel needed
        var kernel = CreateKernel();
        lock (KeptAlive) KeptAlive.Add(kernel);
        int executionCount = 0;

        foreach (var cell in notebook.Cells.Where(c => c.CellType == "code"))
        {
            executionCount++;
            cellStarting?.Invoke(cell.Number);
            var outputs = new JsonArray();
            var source = sources is not null && sources.TryGetValue(cell.Number, out var replaced) ? replaced : cell.Source;
            var (error, line) = await SubmitAsync(kernel, source, outputs, executionCount);
            results[cell.Number] = (outputs, executionCount);
            if (error is not null)
                return new ExecutionResult(results, cell.Number, error, line);
        }
        return new ExecutionResult(results);
    }

    /// <summary>Runs one cell, adding its outputs to <paramref name="outputs"/>; returns its error and line, or nulls.</summary>
    private static async Task<(string? Error, int? Line)> SubmitAsync(Kernel kernel, string code, JsonArray outputs, int executionCount)
    {
        var result = await kernel.SendAsync(new SubmitCode(code));
        string? error = null;
        int? line = null;
        var byValueId = new Dictionary<string, JsonObject>();
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case ReturnValueProduced r:
                    AddData(outputs, r, "execute_result", executionCount, byValueId);
                    break;
                case DisplayedValueUpdated u when u.ValueId is not null && byValueId.TryGetValue(u.ValueId, out var existing):
                    existing["data"] = DataOf(u);
                    break;
                case DisplayedValueProduced or DisplayedValueUpdated:
                    AddData(outputs, (DisplayEvent)e, "display_data", null, byValueId);
                    break;
                case StandardOutputValueProduced o:
                    AddStream(outputs, "stdout", TextOf(o));
                    break;
                case StandardErrorValueProduced s:
                    AddStream(outputs, "stderr", TextOf(s));
                    break;
                case CommandFailed f:
                    (error, line) = CellError(f.Exception, f.Message, code);
                    outputs.Add(new JsonObject
                    {
                        ["ename"] = f.Exception is { } thrown ? Unwrap(thrown).GetType().Name : "Error",
                        ["evalue"] = error,
                        ["output_type"] = "error",
                        ["traceback"] = new JsonArray(),
                    });
                    break;
            }
        }
        return (error, line);
    }

    /// <summary>
    /// A failed cell's error as a reader needs it: the exception's type and message, without the stack frames of the
    /// runtime and of Roslyn's script host, and the cell's line where it arose when that can be told. Submissions carry
    /// no line numbers, so the line is the one that makes the call the exception came out of (or, when the cell threw
    /// it itself, its one <c>throw</c>), if exactly one line does.
    /// </summary>
    internal static (string Error, int? Line) CellError(Exception? exception, string message, string code)
    {
        if (exception is null)
        {
            // A compile error: its message already holds (line,column) positions; drop any frames.
            var kept = message.Split('\n').Where(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && !l.Contains("--- End of stack trace", StringComparison.Ordinal));
            return (string.Join('\n', kept).Trim(), null);
        }
        var e = Unwrap(exception);
        var frames = (e.StackTrace ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("at ", StringComparison.Ordinal)).ToList();
        int submission = frames.FindIndex(l => l.StartsWith("at Submission#", StringComparison.Ordinal));
        var lines = code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int? found = null;
        if (submission > 0)
        {
            // "at System.IO.File.ReadAllText(String path, Encoding encoding)" → "File.ReadAllText(", then "ReadAllText(".
            var callee = frames[submission - 1][3..];
            int paren = callee.IndexOf('(');
            var parts = (paren > 0 ? callee[..paren] : callee).Split('.');
            string[] needles = parts.Length >= 2 ? [$"{parts[^2]}.{parts[^1]}(", $"{parts[^1]}("] : [$"{parts[^1]}("];
            foreach (var needle in needles.Where(n => !n.StartsWith(".ctor", StringComparison.Ordinal)))
                if (UniqueLine(lines, needle) is int l) { found = l; break; }
        }
        else if (submission == 0)
        {
            found = UniqueLine(lines, "throw ");
        }
        return ($"{e.GetType().Name}: {e.Message}", found);
    }

    private static int? UniqueLine(string[] lines, string needle)
    {
        var hits = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(needle, StringComparison.Ordinal) && !lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal)).ToList();
        return hits.Count == 1 ? hits[0] + 1 : null;
    }

    private static Exception Unwrap(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } or TargetInvocationException && e.InnerException is not null) e = e.InnerException;
        return e;
    }

    private static string TextOf(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? e.Value?.ToString() ?? "";

    private static JsonObject DataOf(DisplayEvent e)
    {
        var data = new JsonObject();
        foreach (var v in e.FormattedValues.Where(v => !v.SuppressDisplay).OrderBy(v => v.MimeType, StringComparer.Ordinal))
            data[v.MimeType] = OutputComparison.IsJsonMimeType(v.MimeType)
                ? JsonNode.Parse(v.Value) // nbformat stores JSON mime types as JSON, which JupyterLab's Plotly renderer needs
                : v.MimeType.StartsWith("image/", StringComparison.Ordinal) && v.MimeType != "image/svg+xml"
                    ? JsonValue.Create(v.Value)
                    : NotebookFile.Lines(v.Value);
        return data;
    }

    private static void AddData(JsonArray outputs, DisplayEvent e, string outputType, int? executionCount, Dictionary<string, JsonObject> byValueId)
    {
        var data = DataOf(e);
        if (data.Count == 0) return;
        var output = new JsonObject { ["data"] = data };
        if (outputType == "execute_result") output["execution_count"] = executionCount;
        output["metadata"] = new JsonObject();
        output["output_type"] = outputType;
        outputs.Add(output);
        if (e.ValueId is not null) byValueId[e.ValueId] = output;
    }

    private static void AddStream(JsonArray outputs, string name, string text)
    {
        // Consecutive writes to one stream form one output, as in Jupyter.
        if (outputs.Count > 0 && outputs[^1] is JsonObject last && (string?)last["output_type"] == "stream" && (string?)last["name"] == name)
        {
            last["text"] = NotebookFile.Lines(NotebookFile.JoinSource(last["text"]) + text);
            return;
        }
        outputs.Add(new JsonObject { ["name"] = name, ["output_type"] = "stream", ["text"] = NotebookFile.Lines(text) });
    }

    private static CompositeKernel CreateKernel()
    {
        var loadedExtensions = new HashSet<string>(StringComparer.Ordinal);
        var csharp = new CSharpKernel()
            .UseKernelHelpers()
            .UseValueSharing()
            .UseNugetDirective((k, packages) => OnPackagesResolvedAsync(k, packages, loadedExtensions), false);
        var composite = new CompositeKernel { csharp };
        composite.DefaultKernelName = csharp.Name;
        return composite;
    }

    /// <summary>
    /// What VS Code's kernel does after <c>#r "nuget: …"</c>: reference the packages' assemblies, then load any
    /// <c>interactive-extensions/dotnet/*.dll</c> they ship (this is how DataFrame gets its HTML table formatter).
    /// </summary>
    private static async Task OnPackagesResolvedAsync(CSharpKernel kernel, IReadOnlyList<ResolvedPackageReference> packages, HashSet<string> loaded)
    {
        kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
        foreach (var package in packages)
        {
            var folder = Path.Combine(package.PackageRoot, "interactive-extensions", "dotnet");
            if (!Directory.Exists(folder)) continue;
            foreach (var dll in Directory.GetFiles(folder, "*.dll").Order(StringComparer.Ordinal))
            {
                if (!loaded.Add(Path.GetFullPath(dll))) continue;
                var assembly = Assembly.LoadFrom(dll);
                foreach (var type in assembly.GetExportedTypes().Where(t => typeof(IKernelExtension).IsAssignableFrom(t) && !t.IsAbstract))
                    if (Activator.CreateInstance(type) is IKernelExtension extension)
                        await extension.OnLoadAsync(kernel);
            }
        }
    }
}
