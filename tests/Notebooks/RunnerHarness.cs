using System.Diagnostics;
using NotebookAnalysis.Data;
using NotebookAnalysis.NotebookRunner;

namespace NotebookAnalysis.Tests.Notebooks;

/// <summary>
/// Starts the notebook runner as a separate process, as CI and users do. The notebooks reference the Release build
/// of lib/, so it is built once per test run first: a clean clone needs nothing installed by hand.
/// </summary>
internal static class RunnerHarness
{
    private static readonly Lazy<string> _libraryBuilt = new(BuildLibraryRelease, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The committed notebooks, for theories.</summary>
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var name in NotebookFiles())
            data.Add(name);
        return data;
    }

    private static IEnumerable<string> NotebookFiles() =>
        Directory.GetFiles(Path.Combine(ProjectPaths.Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).Select(p => Path.GetFileName(p)!);

    /// <summary>Notebooks that read data from ../shared beside the repository (not copied into it): run only where it is present.</summary>
    public static IReadOnlyDictionary<string, string> NeedsSharedData { get; } = new Dictionary<string, string>
    {
        ["08-primary-source.ipynb"] = ProjectPaths.SharedWefExtract,
    };

    /// <summary>The committed notebooks that need nothing outside the repository, for the execution theory.</summary>
    public static TheoryData<string> SelfContainedNotebooks()
    {
        var data = new TheoryData<string>();
        foreach (var name in NotebookFiles().Where(n => !NeedsSharedData.ContainsKey(n)))
            data.Add(name);
        return data;
    }

    /// <summary>Runs <c>run-notebooks</c> with <paramref name="args"/> (plus <c>--no-build</c>) and returns its exit code and output.</summary>
    public static (int ExitCode, string Output) Run(params string[] args) => RunWithEnvironment(new Dictionary<string, string>(), args);

    /// <summary>As <see cref="Run"/>, with extra environment variables (e.g. a ru-RU locale).</summary>
    public static (int ExitCode, string Output) RunWithEnvironment(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        _ = _libraryBuilt.Value;
        var runner = RunnerDll();
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = ProjectPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(runner);
        psi.ArgumentList.Add("--no-build");
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        return Execute(psi, TimeSpan.FromMinutes(10));
    }

    /// <summary>Builds lib/ in Release once per test run (the notebooks reference that build).</summary>
    public static void BuildLibrary() => _ = _libraryBuilt.Value;

    /// <summary>Starts <c>run-notebooks</c> (plus <c>--no-build</c>) without waiting, for tests that kill it.</summary>
    public static Process Start(params string[] args)
    {
        _ = _libraryBuilt.Value;
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = ProjectPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(RunnerDll());
        psi.ArgumentList.Add("--no-build");
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(psi)!;
    }

    /// <summary>
    /// The runner executable built beside the tests: the project reference copies NotebookRunner.dll here, and
    /// its own output folder (same configuration) holds the runtime config that <c>dotnet NotebookRunner.dll</c> needs.
    /// </summary>
    private static string RunnerDll()
    {
        var beside = typeof(RunnerCli).Assembly.Location;
        if (File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json"))) return beside;
        var config = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Name; // bin/<Configuration>/net10.0/
        var own = Path.Combine(ProjectPaths.Root, "lib", "Tools", "NotebookRunner", "bin", config, "net10.0", "NotebookRunner.dll");
        return File.Exists(own) ? own : throw new FileNotFoundException($"Cannot find the runner at {beside} or {own}.");
    }

    private static string BuildLibraryRelease()
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = ProjectPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "build", "lib/notebooks.slnf", "-c", "Release", "--nologo", "-v", "q", "-clp:ErrorsOnly" })
            psi.ArgumentList.Add(a);
        var (code, output) = Execute(psi, TimeSpan.FromMinutes(10));
        if (code != 0) throw new InvalidOperationException($"dotnet build lib -c Release failed:\n{output}");
        return output;
    }

    private static (int, string) Execute(ProcessStartInfo psi, TimeSpan timeout)
    {
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{psi.FileName} {string.Join(' ', psi.ArgumentList)} did not finish in {timeout}.");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
