using NotebookAnalysis.Data;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Cli;

/// <summary>
/// Every result is reachable from <c>scripts/</c>, but the tests call the jobs in process, so nothing else compiles the
/// scripts themselves: <c>scripts/benchmark.cs</c> once kept a removed alias for a whole turn. Each is built here as a
/// user runs it (a .NET 10 file-based app against lib/'s Release build), after the one Release build of lib/ that the
/// notebook and front-end tests share (<see cref="NotebookAnalysis.Tests.Notebooks.RunnerHarness.BuildLibrary"/>), so
/// no two MSBuilds write lib/ at once, and in the notebook collection, one script at a time.
/// </summary>
[Collection(NotebookAnalysis.Tests.Notebooks.NotebookCollection.Name)]
public class ScriptsCompileTests(ITestOutputHelper output)
{
    public static TheoryData<string> Scripts() =>
        [.. Directory.GetFiles(Path.Combine(ProjectPaths.Root, "scripts"), "*.cs").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void The_script_builds(string script)
    {
        NotebookAnalysis.Tests.Notebooks.RunnerHarness.BuildLibrary();
        var (code, log) = ExternalTool.Run("dotnet", ["build", Path.Combine("scripts", script)], TimeSpan.FromMinutes(10));
        output.WriteLine(log.Length > 3000 ? "…" + log[^3000..] : log);
        Assert.True(code == 0, $"dotnet build scripts/{script} exited {code}:\n{(log.Length > 3000 ? "…" + log[^3000..] : log)}");
    }
}
