using NotebookAnalysis.Cli;
using System.Diagnostics;
using System.Globalization;

namespace NotebookAnalysis.NotebookRunner;

/// <summary>
/// <c>run-notebooks [--check] [--param name=value]… [--out DIR] [--html DIR] [--jobs N] [--no-build] [--timeout S] [NOTEBOOK…]</c>.
/// Runs each notebook in its own process (a worker: this program with <c>--worker</c>), with the notebook's
/// folder as working directory. Exit codes: 0 all passed, 1 a notebook failed, 2 usage error.
/// </summary>
public static class RunnerCli
{
    /// <summary>Exit code when every notebook passed.</summary>
    public const int Passed = 0;

    /// <summary>Exit code when a notebook failed (a cell error, stale outputs with --check, a malformed file).</summary>
    public const int Failed = 1;

    /// <summary>Exit code for a usage error.</summary>
    public const int UsageError = 2;

    private static readonly CommandLine Cli = new CommandLine("dotnet run scripts/run-notebooks.cs",
            "Runs the notebooks headless, one fresh C# kernel per notebook, and writes back their outputs.")
        .WithPositionals("NOTEBOOK", ".ipynb files to run (default: every notebooks/*.ipynb of the repository)")
        .Flag("--check", "run without writing; fail when the stored outputs differ from a fresh run")
        .Option("--param", "NAME=VALUE", "override a variable of the notebooks' 'parameters' cell; needs --out (or --check)", repeatable: true)
        .Option("--out", "DIR", "write the executed copies to DIR/NAME.ipynb and their figures to DIR/figures/")
        .Option("--html", "DIR", "also export each executed notebook to DIR/NAME.html (images embedded, no network)")
        .Option("--jobs", "N", "notebooks run at once, one process each (default: number of processors)")
        .Flag("--no-build", "do not build lib/notebooks.slnf in Release first")
        .Option("--timeout", "SECONDS", "seconds allowed per notebook (default 600)");

    /// <summary>Entry point for the script and the runner executable.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "--worker")
            return await Worker.RunAsync(args[1..]);
        // Run as `dotnet run scripts/run-notebooks.cs`: rebuild and rerun first when lib/ changed since the last build.
        if (NotebookAnalysis.Cli.ScriptBuild.RerunIfLibraryChanged(args, Console.Error) is int rerun) return rerun;

        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (Exception e) when (e is UsageException or ArgumentException)
        {
            return Refuse(e.Message);
        }
        if (options.Help)
        {
            Console.WriteLine(Cli.Usage);
            return Passed;
        }

        var notebooks = options.Notebooks.Count > 0 ? options.Notebooks.Select(Path.GetFullPath).ToList() : DefaultNotebooks();
        if (notebooks is null) return UsageError;
        if (UsageProblem(options, notebooks) is string problem) return Refuse(problem);

        if (!options.NoBuild && !await BuildLibraryAsync(notebooks)) return Failed;

        var total = Stopwatch.StartNew();
        int passed = 0, failed = 0, done = 0;
        var gate = new SemaphoreSlim(options.Jobs);
        var consoleLock = new object();
        var tasks = notebooks.Select(async nb =>
        {
            await gate.WaitAsync();
            try
            {
                var sw = Stopwatch.StartNew();
                var (code, output) = await RunWorkerAsync(nb, options);
                if (!output.EndsWith('\n') && output.Length > 0) output += "\n";
                lock (consoleLock)
                {
                    done++;
                    bool ok = code == Passed;
                    if (ok) passed++; else failed++;
                    Console.WriteLine($"[{done}/{notebooks.Count}] {(ok ? "PASS" : "FAIL")} {Display(nb)} ({sw.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s)");
                    foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                        Console.WriteLine("    " + line.TrimEnd('\r'));
                }
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks);
        Console.WriteLine($"ran {notebooks.Count} notebook(s) in {total.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        Console.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? Passed : Failed;
    }

    private static int Refuse(string problem)
    {
        Console.Error.WriteLine($"run-notebooks: {problem}\n{Cli.Usage}");
        return UsageError;
    }

    private static string Display(string path)
    {
        var rel = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return rel.StartsWith("..", StringComparison.Ordinal) ? path : rel;
    }

    private static List<string>? DefaultNotebooks()
    {
        var root = FindRepositoryRoot();
        if (root is null)
        {
            Console.Error.WriteLine("run-notebooks: no NOTEBOOK given and no repository (NotebookAnalysis.sln) above the working directory.");
            return null;
        }
        return Directory.GetFiles(Path.Combine(root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToList();
    }

    private static string? FindRepositoryRoot(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NotebookAnalysis.sln"))) return dir.FullName;
        return null;
    }

    /// <summary>Builds lib/ in Release, which the notebooks reference, so they never run against a stale DLL.</summary>
    private static async Task<bool> BuildLibraryAsync(IReadOnlyList<string> notebooks)
    {
        var root = FindRepositoryRoot(Path.GetDirectoryName(notebooks[0])) ?? FindRepositoryRoot();
        if (root is null) return true; // notebooks outside the repository: nothing of ours to build
        var sw = Stopwatch.StartNew();
        var psi = new ProcessStartInfo("dotnet", ["build", Path.Combine(root, "lib", "notebooks.slnf"), "-c", "Release", "--nologo", "-v", "q", "-clp:ErrorsOnly"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"FAIL building lib/ in Release:\n{await stdout}{await stderr}");
            return false;
        }
        Console.WriteLine($"built lib/ in Release ({sw.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s)");
        return true;
    }

    /// <summary>A notebook that is not one, or option combinations that would write where they must not; null when all is consistent.</summary>
    private static string? UsageProblem(Options options, IReadOnlyList<string> notebooks)
    {
        if (notebooks.FirstOrDefault(nb => !File.Exists(nb) || !nb.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)) is { } notNotebook)
            return $"'{notNotebook}' is not an existing .ipynb file.";
        if (options.Parameters.Count > 0 && options.Out is null && !options.Check)
            return "--param writes executed copies under a folder of yours: add --out DIR (the committed notebooks and results/figures/ stay as they are).";
        if (options.Out is null) return null;
        var outDir = Path.GetFullPath(options.Out);
        if (options.Check) return "--check writes nothing; drop --out.";
        foreach (var nb in notebooks)
            if (string.Equals(Path.GetDirectoryName(nb), outDir.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
                return $"--out {options.Out} is the folder of {Display(nb)}: the copies would overwrite the notebooks; choose another folder.";
        var root = FindRepositoryRoot(Path.GetDirectoryName(notebooks[0]));
        if (root is not null && string.Equals(Path.Combine(outDir, FiguresFolderName), Path.Combine(root, "results", FiguresFolderName), StringComparison.Ordinal))
            return $"--out {options.Out} would put the figures in the committed results/figures/; choose another folder.";
        return null;
    }

    /// <summary>The environment variable through which the runner tells lib/ where a run's figures go (see Figure.DefaultFolder).</summary>
    public const string FiguresVariable = "NOTEBOOK_ANALYSIS_FIGURES";

    /// <summary>The environment variable that makes lib/ hold a run's figures for one commit (see Figure.BatchVariable).</summary>
    public const string FiguresBatchVariable = "NOTEBOOK_ANALYSIS_FIGURES_BATCH";

    /// <summary>The sub-folder of <c>--out</c> that receives the copies' figures.</summary>
    public const string FiguresFolderName = "figures";

    private static async Task<(int Code, string Output)> RunWorkerAsync(string notebook, Options options)
    {
        var arguments = new List<string>();
        if (options.Check) arguments.Add("--check");
        if (options.Out is not null) arguments.AddRange(["--out", Path.GetFullPath(options.Out)]);
        if (options.Html is not null) arguments.AddRange(["--html", Path.GetFullPath(options.Html)]);
        foreach (var (name, value) in options.Parameters) arguments.AddRange(["--param", $"{name}={value}"]);

        // Where the notebook's figures go: results/figures/ for a normal rerun; the student's folder with --out;
        // with --check, a scratch folder removed afterwards, so that --check really writes nothing.
        // The run's figures are written in one commit after the last cell (Worker.CommitFigures), not one per figure.
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { [FiguresBatchVariable] = "1" };
        string? scratch = null;
        if (options.Out is not null)
            environment[FiguresVariable] = Path.Combine(Path.GetFullPath(options.Out), FiguresFolderName);
        else if (options.Check)
            environment[FiguresVariable] = scratch = Path.Combine(Path.GetTempPath(), $"run-notebooks-check-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            return await WorkerProcess.RunAsync(notebook, Display(notebook), arguments, environment, TimeSpan.FromSeconds(options.TimeoutSeconds));
        }
        finally
        {
            if (scratch is not null && Directory.Exists(scratch))
                try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The parsed command line; the worker parses the same options (<see cref="Worker"/>).</summary>
    internal sealed class Options
    {
        public List<string> Notebooks { get; } = [];
        public Dictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);
        public bool Check { get; private init; }
        public bool NoBuild { get; private init; }
        public bool Help { get; private init; }
        public string? Out { get; private init; }
        public string? Html { get; private init; }
        public int Jobs { get; private init; }
        public int TimeoutSeconds { get; private init; }

        public static Options Parse(string[] args)
        {
            var parsed = Cli.Parse(args.Where(a => a != "--").ToList());
            var o = new Options
            {
                Check = parsed.Has("--check"),
                NoBuild = parsed.Has("--no-build"),
                Help = parsed.HelpRequested,
                Out = parsed.Value("--out"),
                Html = parsed.Value("--html"),
                Jobs = parsed.Int("--jobs", Math.Max(1, Environment.ProcessorCount)),
                TimeoutSeconds = parsed.Int("--timeout", 600),
            };
            o.Notebooks.AddRange(parsed.Positionals);
            foreach (var assignment in parsed.Values("--param"))
            {
                var (name, value) = NotebookRunner.Parameters.ParseAssignment(assignment);
                o.Parameters[name] = value;
            }
            return o;
        }
    }
}
