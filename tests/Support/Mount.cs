using System.Diagnostics;

namespace NotebookAnalysis.Tests.Support;

/// <summary>
/// A tmpfs mounted for one test (needs Linux, root and mount(8)); unmounted on dispose. <see cref="FactNeedingMountAttribute"/>
/// skips the test, with the reason in the test output, where mounting is not possible.
/// </summary>
public sealed class Mount : IDisposable
{
    public Mount(string path, string options)
    {
        Path = path;
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", path);
    }

    private Mount(string path) => Path = path;

    /// <summary>Bind-mounts <paramref name="source"/> (a folder) at <paramref name="path"/>, which is created.</summary>
    public static Mount Bind(string source, string path)
    {
        Directory.CreateDirectory(path);
        Run("mount", "--bind", source, path);
        return new Mount(path);
    }

    public string Path { get; }

    /// <summary>Changes mount options in place, e.g. <c>ro</c>.</summary>
    public void Remount(string options) => Run("mount", "-o", "remount," + options, Path);

    public void Dispose()
    {
        try { Run("umount", "-l", Path); } catch (InvalidOperationException) { }
    }

    /// <summary>Null when a tmpfs can be mounted here, else why not (probed once).</summary>
    public static string? Unavailable => Probe.Value;

    private static readonly Lazy<string?> Probe = new(() =>
    {
        if (!OperatingSystem.IsLinux()) return "needs Linux (tmpfs)";
        if (Environment.UserName != "root") return "needs root to mount a tmpfs";
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "na-mount-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (new Mount(dir, "size=64k")) { }
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "mount -t tmpfs is not allowed here: " + e.Message;
        }
        finally
        {
            try { Directory.Delete(dir); } catch (IOException) { }
        }
    });

    /// <summary>Runs a command; throws with its stderr when it fails.</summary>
    public static string Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Trim()}");
        return stdout.Result;
    }
}

/// <summary>A fact that runs only where a tmpfs can be mounted; elsewhere it is reported as skipped, with the reason.</summary>
public sealed class FactNeedingMountAttribute : FactAttribute
{
    public FactNeedingMountAttribute([System.Runtime.CompilerServices.CallerFilePath] string? sourceFilePath = null, [System.Runtime.CompilerServices.CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (Mount.Unavailable is { } reason) Skip = reason;
    }
}
