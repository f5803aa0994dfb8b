using System.Globalization;
using NotebookAnalysis.Cli;
using NotebookAnalysis.Data;
using NotebookAnalysis.Report.Pipeline;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Reliability;

/// <summary>Constructed inputs for the reliability tests, and a runner that checks --out is left alone on failure.</summary>
internal static class Inputs
{
    /// <summary>The bundled file's lines (line 1 is the header; line 6 is 2013).</summary>
    public static string[] BundledLines() => File.ReadAllLines(ProjectPaths.BundledTable1);

    /// <summary>The bundled table with cells changed: <paramref name="edit"/> gets the data row index (0 = 2009) and its fields.</summary>
    public static string Variant(Action<int, string[]> edit)
    {
        var lines = BundledLines();
        for (int i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            edit(i - 1, f);
            lines[i] = string.Join(',', f);
        }
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>Goods score set to 3 + 0.01 × goods clusters (3.14, 3.17, …, 3.91): a fit that is perfect up to rounding.</summary>
    public static string PerfectGoods() =>
        Variant((_, f) => f[1] = (3 + 0.01 * double.Parse(f[2], CultureInfo.InvariantCulture)).ToString("0.00", CultureInfo.InvariantCulture));

    /// <summary>Every market's score set to 3 + 0.01 × its cluster count.</summary>
    public static string PerfectAll() => Variant((_, f) =>
    {
        foreach (var (y, x) in new[] { (1, 2), (3, 4), (5, 6) })
            f[y] = (3 + 0.01 * double.Parse(f[x], CultureInfo.InvariantCulture)).ToString("0.00", CultureInfo.InvariantCulture);
    });

    /// <summary>Goods clusters 0, 4, 8, … and score 3 + x/16: every residual is exactly 0 in binary arithmetic.</summary>
    public static string ExactGoods() => Variant((i, f) =>
    {
        f[2] = (4 * i).ToString(CultureInfo.InvariantCulture);
        f[1] = (3 + 0.25 * i).ToString("R", CultureInfo.InvariantCulture);
    });

    /// <summary>Financial score constant at 3.4.</summary>
    public static string ConstantFinancialScore() => Variant((_, f) => f[3] = "3.4");

    /// <summary>Goods clusters 10, 13, 16, …: linear in the year, so x_plus_year is collinear and Δx is constant.</summary>
    public static string CollinearGoods() => Variant((i, f) => f[2] = (10 + 3 * i).ToString(CultureInfo.InvariantCulture));

    /// <summary>Runs the main job in-process on <paramref name="csv"/> with a fresh --out holding one old file.</summary>
    public static Run RunMainJob(string csv, params string[] extraArgs)
    {
        using var dir = new TempDir();
        var data = dir.Write("data.csv", csv);
        return RunMainJobOn(data, dir, extraArgs);
    }

    /// <summary>Runs the main job in-process on the file <paramref name="dataPath"/>.</summary>
    public static Run RunMainJobOn(string dataPath, TempDir dir, params string[] extraArgs)
    {
        var outDir = Path.Combine(dir.Path, "out");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "results.csv"), "old results\n");
        var before = TempDir.Snapshot(outDir);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = MainJob.Run(["--data", dataPath, "--out", outDir, .. extraArgs], stdout, stderr);
        var after = TempDir.Snapshot(outDir);
        var files = code == JobRunner.Ok
            ? after.Keys.ToDictionary(k => k, k => File.ReadAllText(Path.Combine(outDir, k)))
            : new Dictionary<string, string>();
        return new Run(code, stdout.ToString(), stderr.ToString(), before.SequenceEqual(after), files);
    }

    /// <summary>Runs <paramref name="action"/> with a time limit, so a regression that blocks fails instead of hanging the suite.</summary>
    public static T WithTimeout<T>(Func<T> action, int seconds = 30)
    {
        var task = Task.Run(action);
        Assert.True(task.Wait(TimeSpan.FromSeconds(seconds)), $"did not finish within {seconds} s (a hang)");
        return task.Result;
    }
}

/// <summary>The outcome of one in-process run of the main job.</summary>
internal sealed record Run(int Code, string Stdout, string Stderr, bool OutUnchanged, IReadOnlyDictionary<string, string> Files);
