using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace NotebookAnalysis.NotebookRunner;

/// <summary>
/// <c>run-notebooks [--check] [--param name=value]… [--jobs N] [--no-build] [--timeout S] [NOTEBOOK…]</c>.
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

    private const string Usage =
        "usage: dotnet run scripts/run-notebooks.cs [-- [NOTEBOOK…] [--check] [--param name=value]… [--jobs N] [--no-build] [--timings] [--timeout SECONDS]]\n" +
        "  NOTEBOOK       .ipynb files to run (default: every notebooks/*.ipynb of the repository)\n" +
        "  --check        run without writing; fail when the stored outputs differ from a fresh run\n" +
        "  --param n=v    override variable n of the notebooks' 'parameters' cell (e.g. --param dataPath=/data/t1.csv)\n" +
        "  --jobs N       notebooks run at once, one process each (default: number of processors)\n" +
        "  --no-build     do not build lib/ in Release first\n" +
        "  --timings      print kernel start-up and the slowest cells of each notebook\n" +
        "  --timeout S    seconds allowed per notebook (default 600)";

    /// <summary>Entry point for the script and the runner executable.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "--worker")
            return await Worker.RunAsync(args[1..]);

        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"run-notebooks: {e.Message}\n{Usage}");
            return UsageError;
        }
        if (options.Help)
        {
            Console.WriteLine(Usage);
            return Passed;
        }

        var notebooks = options.Notebooks.Count > 0 ? options.Notebooks.Select(Path.GetFullPath).ToList() : DefaultNotebooks();
        if (notebooks is null) return UsageError;
        foreach (var nb in notebooks)
            if (!File.Exists(nb) || !nb.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine($"run-notebooks: '{nb}' is not an existing .ipynb file.\n{Usage}");
                return UsageError;
            }

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

    private static async Task<(int Code, string Output)> RunWorkerAsync(string notebook, Options options)
    {
        var (file, prefix) = SelfCommand();
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = Path.GetDirectoryName(notebook)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in prefix) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("--worker");
        psi.ArgumentList.Add(notebook);
        psi.ArgumentList.Add(Display(notebook));
        if (options.Check) psi.ArgumentList.Add("--check");
        if (options.Timings) psi.ArgumentList.Add("--timings");
        foreach (var (name, value) in options.Parameters)
        {
            psi.ArgumentList.Add("--param");
            psi.ArgumentList.Add($"{name}={value}");
        }
        psi.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (Failed, $"{Display(notebook)}: timed out after {options.TimeoutSeconds} s\n{await stdout}");
        }
        var err = await stderr;
        return (process.ExitCode, (await stdout) + (process.ExitCode == 0 || err.Length == 0 ? "" : err));
    }

    /// <summary>How to start this same program again: the app host, or <c>dotnet</c> plus the entry assembly.</summary>
    private static (string File, string[] Prefix) SelfCommand()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot locate the running executable.");
        var name = Path.GetFileNameWithoutExtension(process);
        if (name.Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            var entry = Assembly.GetEntryAssembly()?.Location;
            if (string.IsNullOrEmpty(entry) || Path.GetFileName(entry).StartsWith("testhost", StringComparison.OrdinalIgnoreCase))
                entry = typeof(RunnerCli).Assembly.Location;
            return (process, [entry]);
        }
        return (process, []);
    }

    private sealed class Options
    {
        public List<string> Notebooks { get; } = [];
        public Dictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);
        public bool Check { get; private set; }
        public bool NoBuild { get; private set; }
        public bool Timings { get; private set; }
        public bool Help { get; private set; }
        public int Jobs { get; private set; } = Math.Max(1, Environment.ProcessorCount);
        public int TimeoutSeconds { get; private set; } = 600;

        public static Options Parse(string[] args)
        {
            var o = new Options();
            for (int i = 0; i < args.Length; i++)
            {
                string a = args[i];
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value.");
                switch (a)
                {
                    case "--": break;
                    case "--check": o.Check = true; break;
                    case "--no-build": o.NoBuild = true; break;
                    case "--timings": o.Timings = true; break;
                    case "-h" or "--help": o.Help = true; break;
                    case "--param":
                        var (name, value) = NotebookRunner.Parameters.ParseAssignment(Next());
                        o.Parameters[name] = value;
                        break;
                    case "--jobs":
                        o.Jobs = int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var j) && j > 0 ? j : throw new ArgumentException("--jobs needs a positive whole number.");
                        break;
                    case "--timeout":
                        o.TimeoutSeconds = int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t > 0 ? t : throw new ArgumentException("--timeout needs a positive whole number of seconds.");
                        break;
                    default:
                        if (a.StartsWith('-')) throw new ArgumentException($"unknown option '{a}'.");
                        o.Notebooks.Add(a);
                        break;
                }
            }
            return o;
        }
    }
}
