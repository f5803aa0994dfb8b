using NotebookAnalysis.Data;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Cli;

/// <summary>
/// Every result is reachable from <c>scripts/</c>, but the tests call the jobs in process, so nothing else compiles the
/// scripts themselves: <c>scripts/benchmark.cs</c> once kept a removed alias for a whole turn. Each is built here as a
/// user runs it (a .NET 10 file-based app against lib/'s Release build), in the notebook collection: one build at a time
/// beside the runner tests' own Release build of lib/, never two MSBuilds on one project at once.
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
        var (code, log) = ExternalTool.Run("dotnet", ["build", Path.Combine("scripts", script)], TimeSpan.FromMinutes(10));
        output.WriteLine(log.Length > 3000 ? "…" + log[^3000..] : log);
        Assert.True(code == 0, $"dotnet build scripts/{script} exited {code}:\n{(log.Length > 3000 ? "…" + log[^3000..] : log)}");
    }
}
