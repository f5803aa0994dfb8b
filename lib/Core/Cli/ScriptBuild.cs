using System.Diagnostics;

namespace NotebookAnalysis.Cli;

/// <summary>
/// Keeps a script's cached build honest about lib/. The scripts reference lib/ through
/// <c>scripts/Directory.Build.targets</c> (the <c>NotebookAnalysisLibrary</c> property) instead of a <c>#:project</c>
/// directive, because the SDK restores and builds on every <c>dotnet run</c> of a script with a <c>#:project</c>
/// directive (1.9 s of the main command's 2.5 s), while without one it starts the cached build at once when nothing it
/// watches has changed. It watches the script and the Directory.Build.* files, not lib/: this guard watches lib/.
/// </summary>
/// <remarks>
/// A change is a source under lib/ (bin/, obj/, hidden folders and *.md aside) modified after the SDK's marker of the
/// script's last successful build, or a source added or removed since: the list of sources is kept beside the marker.
/// Folders' own times are not read, because building a project under lib/ creates its ignored bin/ and obj/, which
/// changes its folder's time without changing any source. On a change the script is built again and rerun with the
/// same arguments, once: the rerun carries <see cref="RebuiltVariable"/>, is not checked, and records the sources it was built from.
/// </remarks>
// Also compiled into lib/Tools/NotebookRunner as a linked source (NOTEBOOK_RUNNER makes it internal there).
#if NOTEBOOK_RUNNER
internal
#else
public
#endif
static class ScriptBuild
{
    /// <summary>Set in the environment of a rerun, so that a rerun never reruns.</summary>
    public const string RebuiltVariable = "NOTEBOOKANALYSIS_SCRIPT_REBUILT";

    // Written by the SDK (Microsoft.DotNet.Cli VirtualProjectBuildingCommand) into the script's artifacts folder,
    // two levels above the program (artifacts/bin/<configuration>/), at the end of every successful build.
    private const string SuccessMarker = "build-success.cache";

    // Ours, beside the marker: the sources under lib/ when the script was last found current or rebuilt.
    private const string SourceList = "notebookanalysis-lib-sources.txt";

    /// <summary>
    /// When the running script is a file-based app whose lib/ changed after its last build, rebuilds it with
    /// <c>dotnet run --no-cache</c>, reruns it with <paramref name="args"/> and returns the rerun's exit code;
    /// otherwise returns null and the caller runs on. Messages go to <paramref name="error"/>.
    /// </summary>
    public static int? RerunIfLibraryChanged(string[] args, TextWriter error)
    {
        if (AppContext.GetData("EntryPointFilePath") is not string script || !File.Exists(script)) return null; // not `dotnet run FILE.cs`
        string library = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(script)!, "..", "lib"));
        if (!Directory.Exists(library)) return null;
        var marker = new FileInfo(Path.Combine(AppContext.BaseDirectory, "..", "..", SuccessMarker));
        var list = new FileInfo(Path.Combine(AppContext.BaseDirectory, "..", "..", SourceList));
        if (Environment.GetEnvironmentVariable(RebuiltVariable) == "1")
        {
            TryRecord(list, Sources(library));
            return null;
        }

        string? reason = null;
        if (!marker.Exists) reason = $"the SDK's build marker {marker.FullName} is missing, so lib/ cannot be compared with the build";
        else
        {
            // A list older than the build (the SDK rebuilt for a change of its own) does not describe it; only times are compared then.
            var built = list.Exists && list.LastWriteTimeUtc >= marker.LastWriteTimeUtc
                ? File.ReadAllLines(list.FullName).ToHashSet(StringComparer.Ordinal) : null;
            if (FirstChangeSince(library, marker.LastWriteTimeUtc, built) is { } changed)
                reason = $"{Path.GetRelativePath(Path.GetDirectoryName(library)!, changed)} changed after this script's last build";
            else if (built is null) TryRecord(list, Sources(library));
        }
        if (reason is null) return null;

        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { UseShellExecute = false };
        foreach (var a in (string[])["run", "--no-cache", "--file", script, "--", .. args]) start.ArgumentList.Add(a);
        start.Environment[RebuiltVariable] = "1";
        error.WriteLine($"{reason}: rebuilding and rerunning (dotnet run --no-cache {Path.GetFileName(script)}).");
        error.Flush();
        using var rerun = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dotnet}");
        rerun.WaitForExit();
        return rerun.ExitCode;
    }

    /// <summary>
    /// The first source under <paramref name="library"/> (see <see cref="Sources"/>) written after
    /// <paramref name="builtUtc"/>, else the first one added or removed since the build's list <paramref name="builtSources"/>
    /// (paths relative to the library; null when unknown), or null when there is none.
    /// </summary>
    public static string? FirstChangeSince(string library, DateTime builtUtc, IReadOnlySet<string>? builtSources = null)
    {
        var now = Sources(library);
        if (now.FirstOrDefault(f => File.GetLastWriteTimeUtc(Path.Combine(library, f)) > builtUtc) is { } changed)
            return Path.Combine(library, changed);
        return builtSources is null ? null
            : now.Except(builtSources).Concat(builtSources.Except(now)).Order(StringComparer.Ordinal).Select(f => Path.Combine(library, f)).FirstOrDefault();
    }

    /// <summary>The files under <paramref name="library"/> that a build reads: bin/, obj/, hidden folders and *.md skipped; relative paths.</summary>
    public static SortedSet<string> Sources(string library)
    {
        var sources = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(library)]);
        while (pending.TryPop(out var folder))
            foreach (var entry in folder.EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo sub)
                {
                    if (sub.Name is not ("bin" or "obj") && !sub.Name.StartsWith('.')) pending.Push(sub);
                }
                else if (!entry.Name.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                    sources.Add(Path.GetRelativePath(library, entry.FullName));
            }
        return sources;
    }

    private static void TryRecord(FileInfo list, IEnumerable<string> sources)
    {
        // Best effort: without the list only the sources' times are compared.
        try { File.WriteAllLines(list.FullName, sources); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
