#:property NotebookAnalysisLibrary=../lib/Report/NotebookAnalysis.Report.csproj
#:property TreatWarningsAsErrors=true
// Scale benchmark of the main job: generates seeded Table-1-shaped data at each size, runs the
// main job's compute in this process (MainJob.Compute: load, fit, every section, all outputs staged in memory, no
// commit to disk) and reports wall time, CPU time, bytes allocated and the process's peak working set.
// Usage: dotnet run -c Release scripts/scale.cs -- [--sizes 1000,10000,100000] [--repeat 1] [--seed 20190613] [--csv FILE]
//        [--write-data DIR]   (only write the generated table1-<rows>.csv files to DIR, run nothing)
// Timing is warm: one untimed run at 100 rows first (JIT, static tables), then each size --repeat times, best kept.
// The generated data are valid input for Table1.Load: years consecutive from 2009 (so they run far beyond real
// calendar years at 10^5 rows), cluster counts non-negative whole numbers that never fall, scores printed to one
// decimal in [1, 7] and rising with the clusters plus noise. A benchmark, not a test: nothing here asserts a time.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using NotebookAnalysis.Cli;
using NotebookAnalysis.Data;
using NotebookAnalysis.Report.Pipeline;

if (NotebookAnalysis.Cli.ScriptBuild.RerunIfLibraryChanged(args, Console.Error) is int rerun) return rerun; // lib/ changed: see scripts/Directory.Build.targets

var inv = CultureInfo.InvariantCulture;
var cli = new CommandLine("dotnet run -c Release scripts/scale.cs", "Times the main job's compute on seeded Table-1-shaped data at each size.")
    .Option("--sizes", "N,N,...", "row counts (default 1000,10000,100000)")
    .Option("--repeat", "R", "timed runs per size, best kept (default 1)")
    .Option("--seed", "S", "seed of the generated data (default 20190613)")
    .Option("--csv", "FILE", "also write the table as CSV")
    .Option("--write-data", "DIR", "only write the generated table1-<rows>.csv files to DIR");
int[] defaultSizes = [1_000, 10_000, 100_000];
// Validation parses every number once, so the reads below cannot fail.
if (cli.ParseOrExit(args, "scale", Console.Out, Console.Error, out int exit,
        p => { p.IntList("--sizes", defaultSizes, min: Table1.MinimumRows); p.Int("--repeat", 1); p.Int("--seed", 0, min: 0); }) is not { } parsed)
    return exit;
int[] sizes = parsed.IntList("--sizes", defaultSizes, min: Table1.MinimumRows).ToArray();
int repeat = parsed.Int("--repeat", 1), seed = parsed.Int("--seed", 20190613, min: 0);
string? csv = parsed.Value("--csv"), writeData = parsed.Value("--write-data");

if (writeData is not null)
{
    Directory.CreateDirectory(writeData);
    foreach (int n in sizes)
        File.WriteAllText(Path.Combine(writeData, $"table1-{n}.csv"), Generate(n, seed));
    return 0;
}

var work = Directory.CreateTempSubdirectory("na-scale-");
try
{
    Run(100, seed, 1); // warm-up
    var lines = new List<string> { "rows,seconds,cpu_seconds,allocated_mb,peak_working_set_mb,results_rows,report_kb" };
    Console.WriteLine($"{"rows",8} {"seconds",8} {"cpu s",8} {"alloc MB",9} {"peak WS MB",10} {"csv rows",8} {"report KB",9}");
    foreach (int n in sizes)
    {
        var m = Run(n, seed, repeat);
        Console.WriteLine($"{n,8} {m.Seconds.ToString("F2", inv),8} {m.Cpu.ToString("F2", inv),8} {m.AllocMb.ToString("F0", inv),9} {m.PeakMb.ToString("F0", inv),10} {m.Rows,8} {m.ReportKb.ToString("F1", inv),9}");
        Console.Write(m.Sections);
        lines.Add(string.Join(',', n.ToString(inv), m.Seconds.ToString("F3", inv), m.Cpu.ToString("F3", inv), m.AllocMb.ToString("F1", inv),
            m.PeakMb.ToString("F0", inv), m.Rows.ToString(inv), m.ReportKb.ToString("F1", inv)));
    }
    if (csv is not null) File.WriteAllLines(csv, lines);
    return 0;
}
finally
{
    work.Delete(recursive: true);
}

Measurement Run(int n, int seed, int repeat)
{
    string data = Path.Combine(work.FullName, $"table1-{n}.csv");
    File.WriteAllText(data, Generate(n, seed));
    string outDir = Path.Combine(work.FullName, $"out-{n}");
    var best = new Measurement(double.PositiveInfinity, 0, 0, 0, 0, 0, "");
    for (int r = 0; r < repeat; r++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var proc = Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        long alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        var progress = new StringWriter(inv);
        var sw = Stopwatch.StartNew();
        var output = MainJob.Compute(data, outDir, progress);
        sw.Stop();
        proc.Refresh();
        double alloc = (GC.GetTotalAllocatedBytes(precise: true) - alloc0) / 1048576.0;
        int reportBytes = output.Files.Staged("REPRODUCTION.md").Length;
        var sections = new StringBuilder();
        foreach (var line in progress.ToString().Split('\n').Where(l => l.StartsWith("Section:", StringComparison.Ordinal) || l.StartsWith("Tables", StringComparison.Ordinal)))
            sections.Append("           ").Append(line).Append('\n');
        if (sw.Elapsed.TotalSeconds < best.Seconds)
            best = new Measurement(sw.Elapsed.TotalSeconds, (proc.TotalProcessorTime - cpu0).TotalSeconds, alloc,
                proc.PeakWorkingSet64 / 1048576.0, output.Rows.Count, reportBytes / 1024.0, sections.ToString());
    }
    return best;
}

string Generate(int n, int seed)
{
    // Clusters grow by a random 0-3 per year in each market; scores follow 3 + slope·clusters/n·… plus noise,
    // rounded to one decimal and kept inside the WEF range [1, 7].
    var rng = new Random(seed);
    var sb = new StringBuilder("year,goods_market_efficiency,goods_clusters,financial_market_development,financial_clusters,innovation,innovation_clusters\n");
    var clusters = new long[] { 14, 6, 3 };
    double[] baseScore = [3.6, 3.3, 3.2];
    double[] noise = [0.05, 0.05, 0.1];
    for (int i = 0; i < n; i++)
    {
        sb.Append((2009 + i).ToString(inv));
        for (int m = 0; m < 3; m++)
        {
            clusters[m] += rng.Next(4);
            double progress = (double)i / Math.Max(1, n - 1);
            double z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            double score = Math.Clamp(Math.Round(baseScore[m] + 0.6 * progress + noise[m] * z, 1), 1.0, 7.0);
            sb.Append(',').Append(score.ToString("0.0", inv)).Append(',').Append(clusters[m].ToString(inv));
        }
        sb.Append('\n');
    }
    return sb.ToString();
}

record Measurement(double Seconds, double Cpu, double AllocMb, double PeakMb, int Rows, double ReportKb, string Sections);
