using NotebookAnalysis.Cli;
using NotebookAnalysis.Data;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Cli;

/// <summary>
/// The scripts reference lib/ without a #:project directive, so that `dotnet run scripts/NAME.cs` skips MSBuild when
/// nothing changed; <c>Cli.ScriptBuild</c> must then notice every change to lib/ itself.
/// </summary>
public class ScriptBuildTests
{
    private static readonly DateTime Built = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>A lib/ tree with every file and folder dated an hour before <see cref="Built"/>.</summary>
    private static string OldLibrary(TempDir dir)
    {
        foreach (var f in new[] { "Core/Regression/Ols.cs", "Core/NotebookAnalysis.csproj", "Core/bin/x.dll", "Core/obj/y.cache", "README.md", ".vs/state" })
            dir.Write(Path.Combine("lib", f), "x");
        var before = Built.AddHours(-1);
        foreach (var f in Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories)) File.SetLastWriteTimeUtc(f, before);
        foreach (var d in Directory.EnumerateDirectories(dir.Path, "*", SearchOption.AllDirectories)) Directory.SetLastWriteTimeUtc(d, before);
        return Path.Combine(dir.Path, "lib");
    }

    [Fact]
    public void AnUnchangedLibraryIsCurrent()
    {
        using var dir = new TempDir();
        Assert.Null(ScriptBuild.FirstChangeSince(OldLibrary(dir), Built));
    }

    [Theory]
    [InlineData("Core/bin/x.dll")]
    [InlineData("Core/obj/y.cache")]
    [InlineData("README.md")]
    [InlineData(".vs/state")]
    public void BuildOutputsDocsAndHiddenFoldersDoNotCount(string file)
    {
        using var dir = new TempDir();
        var lib = OldLibrary(dir);
        File.SetLastWriteTimeUtc(Path.Combine(lib, file), Built.AddMinutes(1));
        Assert.Null(ScriptBuild.FirstChangeSince(lib, Built));
    }

    [Fact]
    public void AnEditedSourceIsAChange()
    {
        using var dir = new TempDir();
        var lib = OldLibrary(dir);
        var source = Path.Combine(lib, "Core", "Regression", "Ols.cs");
        File.SetLastWriteTimeUtc(source, Built.AddSeconds(1));
        Assert.Equal(source, ScriptBuild.FirstChangeSince(lib, Built));
    }

    [Fact]
    public void ADeletedSourceIsAChange()
    {
        using var dir = new TempDir();
        var lib = OldLibrary(dir);
        var built = ScriptBuild.Sources(lib);
        Assert.Equal(["Core/NotebookAnalysis.csproj", "Core/Regression/Ols.cs"], built);
        var source = Path.Combine(lib, "Core", "Regression", "Ols.cs");
        File.Delete(source);
        Assert.Equal(source, ScriptBuild.FirstChangeSince(lib, Built, built));
    }

    [Fact]
    public void ASourceAddedWithAnOldTimeIsAChange()
    {
        // A copy that keeps times (cp -p, an archive) brings a file older than the build.
        using var dir = new TempDir();
        var lib = OldLibrary(dir);
        var built = ScriptBuild.Sources(lib);
        var added = dir.Write("lib/Core/Regression/Added.cs", "x");
        File.SetLastWriteTimeUtc(added, Built.AddDays(-1));
        Assert.Equal(Path.Combine(lib, "Core", "Regression", "Added.cs"), ScriptBuild.FirstChangeSince(lib, Built, built));
    }

    [Fact]
    public void BuildingAProjectUnderLibIsNotAChange()
    {
        // Building the notebook runner creates its ignored bin/ and obj/, which changes its folder's time (and the
        // folder's own time is all that changes): the main command must not rebuild for that.
        using var dir = new TempDir();
        var lib = OldLibrary(dir);
        dir.Write("lib/Tools/NotebookRunner/NotebookRunner.csproj", "x");
        File.SetLastWriteTimeUtc(Path.Combine(lib, "Tools", "NotebookRunner", "NotebookRunner.csproj"), Built.AddHours(-1));
        var built = ScriptBuild.Sources(lib);
        dir.Write("lib/Tools/NotebookRunner/bin/Debug/NotebookRunner.dll", "x");
        dir.Write("lib/Tools/NotebookRunner/obj/project.assets.json", "x");
        Assert.True(Directory.GetLastWriteTimeUtc(Path.Combine(lib, "Tools", "NotebookRunner")) > Built);
        Assert.Null(ScriptBuild.FirstChangeSince(lib, Built, built));
    }

    [Fact]
    public void OutsideAFileBasedAppTheGuardDoesNothing()
    {
        // The test host is not `dotnet run FILE.cs`: no EntryPointFilePath, so no rerun and no message.
        var error = new StringWriter();
        Assert.Null(ScriptBuild.RerunIfLibraryChanged([], error));
        Assert.Equal("", error.ToString());
    }

    /// <summary>
    /// The real thing, on a copy of the main command's sources: a cold run builds, a warm run starts without MSBuild,
    /// a new file in lib/ makes the next run rebuild and run the new code, and the run after it is warm again.
    /// </summary>
    [Fact]
    public void TheMainCommandSkipsMSBuildWhenCurrentAndRebuildsWhenLibChanges()
    {
        using var dir = new TempDir();
        string repo = Path.Combine(dir.Path, "repo");
        foreach (var f in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props", "NotebookAnalysis.sln",
                     "lib/SharedOutput.props", "scripts/reproduce.cs", "scripts/Directory.Build.targets" })
            CopyFile(Path.Combine(ProjectPaths.Root, f), Path.Combine(repo, f));
        foreach (var d in new[] { "lib/Core", "lib/Report", "seeds" })
            CopyTree(Path.Combine(ProjectPaths.Root, d), Path.Combine(repo, d));

        string output = Path.Combine(dir.Path, "out");
        var written = new List<SortedDictionary<string, string>>();
        (int Code, string Output) Run(bool verbose = false)
        {
            var run = ExternalTool.Run("dotnet", ["run", "scripts/reproduce.cs", "--", "--out", output], TimeSpan.FromMinutes(5),
                workingDirectory: repo, environment: verbose ? new Dictionary<string, string> { ["DOTNET_CLI_CONTEXT_VERBOSE"] = "true" } : null);
            written.Add(TempDir.Snapshot(output));
            return run;
        }
        const string Probe = "probe: the rebuilt library runs";

        var cold = Run();
        Assert.True(cold.Code == 0, cold.Output);

        var warm = Run(verbose: true);
        Assert.True(warm.Code == 0, warm.Output);
        Assert.Contains("No need to build", warm.Output); // the SDK's own up-to-date message: MSBuild did not run
        Assert.DoesNotContain("rebuilding", warm.Output);

        File.WriteAllText(Path.Combine(repo, "lib", "Report", "Probe.cs"), $$"""
            #pragma warning disable CA2255 // a module initializer in a library: here it is the point
            namespace NotebookAnalysis.Probe;
            internal static class Loaded
            {
                [System.Runtime.CompilerServices.ModuleInitializer]
                internal static void Say() => System.Console.Error.WriteLine("{{Probe}}");
            }
            """);
        var changed = Run();
        Assert.True(changed.Code == 0, changed.Output);
        // What a script prints when it rebuilds: the wording is the point.
        Assert.Contains("lib/Report/Probe.cs changed after this script's last build: rebuilding and rerunning", changed.Output);
        Assert.Contains(Probe, changed.Output);

        var after = Run(verbose: true);
        Assert.True(after.Code == 0, after.Output);
        Assert.Contains("No need to build", after.Output);
        Assert.DoesNotContain("rebuilding", after.Output);
        Assert.Contains(Probe, after.Output);

        // Building another project under lib/ creates its ignored bin/ and obj/ (and changes its folder's time): no rebuild.
        foreach (var built in new[] { "bin/Debug/Tool.dll", "obj/project.assets.json" })
            CopyFile(Path.Combine(repo, "lib", "Core", "NotebookAnalysis.csproj"), Path.Combine(repo, "lib", "Report", "Pipeline", built));
        var ignored = Run(verbose: true);
        Assert.True(ignored.Code == 0, ignored.Output);
        Assert.Contains("No need to build", ignored.Output);
        Assert.DoesNotContain("rebuilding", ignored.Output);

        // lib/ and the script change together, the script calling what lib/ just gained (a pull does this): the SDK
        // must build lib/ before the script, not compile the script alone against the last build's DLLs.
        File.WriteAllText(Path.Combine(repo, "lib", "Report", "ProbeApi.cs"), """
            namespace NotebookAnalysis.Probe;
            /// <summary>New in lib/ together with its caller.</summary>
            public static class NewApi
            {
                /// <summary>A message.</summary>
                public static string Message => "probe: the script calls new library code";
            }
            """);
        string script = Path.Combine(repo, "scripts", "reproduce.cs");
        File.WriteAllText(script, File.ReadAllText(script).Replace("return NotebookAnalysis.Report.Pipeline.MainJob.Run(",
            "Console.Error.WriteLine(NotebookAnalysis.Probe.NewApi.Message);\nreturn NotebookAnalysis.Report.Pipeline.MainJob.Run("));
        var together = Run();
        Assert.True(together.Code == 0, together.Output);
        Assert.Contains("probe: the script calls new library code", together.Output);

        // Every run wrote the same results.
        Assert.NotEmpty(written[0]);
        Assert.All(written, w => Assert.Equal(written[0], w));
    }

    private static void CopyFile(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, f);
            if (relative.Split(Path.DirectorySeparatorChar) is var parts && (parts.Contains("bin") || parts.Contains("obj"))) continue;
            CopyFile(f, Path.Combine(to, relative));
        }
    }
}
