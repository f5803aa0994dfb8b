using System.Security.Cryptography;
using NotebookAnalysis.Data;
using NotebookAnalysis.Output;
using NotebookAnalysis.Report.Pipeline;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Output;

/// <summary>
/// The main job's two output sets, computed once per test run: <see cref="Old"/> from the bundled Table 1 and
/// <see cref="New"/> from the same data with a 2019 row added (so every file differs).
/// </summary>
public static class MainJobSets
{
    private static readonly TempDir Folder = new();
    /// <summary>The data file of <see cref="New"/> (pass the same path to a child process: the report names it).</summary>
    public static string ExtendedData { get; } = Folder.Write("extended.csv",
        string.Join("\n", File.ReadAllLines(ProjectPaths.BundledTable1).Append("2019,4.3,95,3.5,28,3.6,24")) + "\n");

    private static readonly Lazy<(IReadOnlyDictionary<string, byte[]> Old, IReadOnlyDictionary<string, byte[]> New)> Sets = new(() =>
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Folder.Dispose();
        return (Compute(ProjectPaths.BundledTable1), Compute(ExtendedData));
    });

    public static IReadOnlyDictionary<string, byte[]> Old => Sets.Value.Old;

    public static IReadOnlyDictionary<string, byte[]> New => Sets.Value.New;

    /// <summary>The bundled data's set as a run with <c>--out <paramref name="outDir"/></c> writes it: the report's "How to
    /// regenerate" names the folder, so a child run's files equal these, not <see cref="Old"/>.</summary>
    public static IReadOnlyDictionary<string, byte[]> OldFor(string outDir) => Compute(ProjectPaths.BundledTable1, outDir);

    /// <summary>The extended data's set as a run with <c>--out <paramref name="outDir"/></c> writes it.</summary>
    public static IReadOnlyDictionary<string, byte[]> NewFor(string outDir) => Compute(ExtendedData, outDir);

    /// <summary>An output folder staged with <paramref name="set"/>, as the main job stages it.</summary>
    public static OutputFolder Staged(string dir, IReadOnlyDictionary<string, byte[]> set)
    {
        var folder = new OutputFolder(dir);
        foreach (var (name, bytes) in set) folder.AddBytes(name, bytes);
        return folder;
    }

    /// <summary>What <see cref="TempDir.Snapshot"/> gives for a folder holding <paramref name="set"/> plus <paramref name="others"/>.</summary>
    public static SortedDictionary<string, string> Snapshot(IReadOnlyDictionary<string, byte[]> set, params (string Name, string Text)[] others)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, bytes) in set) result[name] = Convert.ToHexString(SHA256.HashData(bytes));
        foreach (var (name, text) in others) result[name] = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        return result;
    }

    private static IReadOnlyDictionary<string, byte[]> Compute(string data, string? outDir = null)
    {
        // A child run given --data and --out names both in the report's "How to regenerate": compute with that command.
        var files = (outDir is null ? MainJob.Compute(data, Path.GetTempPath())
            : MainJob.Compute(data, outDir, command: MainJob.RegenerateCommand(data, null, outDir))).Files;
        return files.StagedFiles.ToDictionary(f => f, files.Staged);
    }
}
