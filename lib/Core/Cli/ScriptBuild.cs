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
/// A change is any file or folder under lib/ (bin/, obj/ and *.md aside) modified after the SDK's marker of the
/// script's last successful build. A folder's time catches deleted and renamed files. On a change the script is built
/// again and rerun with the same arguments, once: the rerun carries <see cref="RebuiltVariable"/> and is not checked.
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

    /// <summary>
    /// When the running script is a file-based app whose lib/ changed after its last build, rebuilds it with
    /// <c>dotnet run --no-cache</c>, reruns it with <paramref name="args"/> and returns the rerun's exit code;
    /// otherwise returns null and the caller runs on. Messages go to <paramref name="error"/>.
    /// </summary>
    public static int? RerunIfLibraryChanged(string[] args, TextWriter error)
    {
        if (AppContext.GetData("EntryPointFilePath") is not string script || !File.Exists(script)) return null; // not `dotnet run FILE.cs`
        if (Environment.GetEnvironmentVariable(RebuiltVariable) == "1") return null;
        string library = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(script)!, "..", "lib"));
        if (!Directory.Exists(library)) return null;

        var marker = new FileInfo(Path.Combine(AppContext.BaseDirectory, "..", "..", SuccessMarker));
        string? reason = marker.Exists
            ? FirstChangeSince(library, marker.LastWriteTimeUtc) is { } changed
                ? $"{Path.GetRelativePath(Path.GetDirectoryName(library)!, changed)} changed after this script's last build"
                : null
            : $"the SDK's build marker {marker.FullName} is missing, so lib/ cannot be compared with the build";
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
    /// The first file or folder under <paramref name="library"/> (bin/, obj/, hidden folders and *.md skipped) whose
    /// last write is after <paramref name="builtUtc"/>, or null when there is none.
    /// </summary>
    public static string? FirstChangeSince(string library, DateTime builtUtc)
    {
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(library)]);
        while (pending.TryPop(out var folder))
        {
            if (folder.LastWriteTimeUtc > builtUtc) return folder.FullName;
            foreach (var entry in folder.EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo sub)
                {
                    if (sub.Name is not ("bin" or "obj") && !sub.Name.StartsWith('.')) pending.Push(sub);
                }
                else if (!entry.Name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && entry.LastWriteTimeUtc > builtUtc)
                    return entry.FullName;
            }
        }
        return null;
    }
}
