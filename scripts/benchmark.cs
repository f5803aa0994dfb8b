#:property NotebookAnalysisLibrary=../lib/Tools/Benchmarks/NotebookAnalysis.Benchmarks.csproj
#:property TieredCompilationQuickJitForLoops=false
// Methods with loops are compiled optimized at once: a few fits never leave tier-0 code otherwise (10^4 rows: 13 ms vs 2 ms).
// Scale benchmark: fits n = 10^4 … 10^7 rows × 10 regressors (+ intercept) of seeded synthetic data
// (Benchmarks.SyntheticRegression) with the engine (streaming Householder QR in double + extra-precise refinement,
// double-double fallback) and with MathNet's MultipleRegression.QR, and reports wall time and memory.
// Usage: dotnet run -c Release scripts/benchmark.cs -- [--sizes 10000,100000,1000000,10000000] [--repeat 3] [--seed 20190613]
//        [--numpy] [--python PATH] [--csv FILE]
//   --numpy also times numpy.linalg.lstsq on the same data (float64, same columns) through python3 (or --python PATH).
//   --resampling times, instead, the resampling procedures on the bundled Table 1 against their budgets, in CPU time
//   (best of 5, warm): the exact enumeration of 10! permutations <= 0.1 s, and each 10,000-replicate loop (Monte Carlo
//   permutation, pairs and residual bootstrap with BCa, rounding Monte Carlo) <= 0.1 s. Exit 1 when one is over.
//   A timing check, not a test: the tests build Debug, where a time means nothing.
// "design_copy" is building the immutable Design (it copies the columns), reported apart from the fit.
// Timing: best of --repeat runs after one warm-up fit, Stopwatch around Ols.Fit plus reading the standard errors
// (the fit is lazy beyond the coefficients). Memory: bytes allocated by the fitting thread during one fit, and the
// process's peak working set at the end of each size (cumulative, includes the data).
using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearRegression;
using NotebookAnalysis.Benchmarks;
using NotebookAnalysis.Cli;
using NotebookAnalysis.Data;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Resampling;

if (NotebookAnalysis.Cli.ScriptBuild.RerunIfLibraryChanged(args, Console.Error) is int rerun) return rerun; // lib/ changed: see scripts/Directory.Build.targets

var inv = CultureInfo.InvariantCulture;
var cli = new CommandLine("dotnet run -c Release scripts/benchmark.cs", "Times the OLS engine against MathNet (and numpy) on seeded synthetic data, k = 10.")
    .Option("--sizes", "N,N,…", "row counts (default 10000,100000,1000000,10000000)")
    .Option("--repeat", "R", "timed runs per size, best kept (default 3)")
    .Option("--seed", "S", "seed of the synthetic data (default 20190613)")
    .Flag("--numpy", "also time numpy.linalg.lstsq through python3")
    .Option("--python", "PATH", "the Python interpreter for --numpy (default python3)")
    .Option("--csv", "FILE", "write the timings as CSV")
    .Flag("--resampling", "instead, time the resampling procedures on the bundled Table 1 against their budgets");
int[] defaultSizes = [10_000, 100_000, 1_000_000, 10_000_000];
// Validation parses every number once, so the reads below cannot fail.
if (cli.ParseOrExit(args, "benchmark", Console.Out, Console.Error, out int exit,
        p => { p.IntList("--sizes", defaultSizes, min: 12); p.Int("--repeat", 3); p.Int("--seed", 0, min: 0); }) is not { } parsed)
    return exit;
int[] sizes = parsed.IntList("--sizes", defaultSizes, min: 12).ToArray();
int repeat = parsed.Int("--repeat", 3), seed = parsed.Int("--seed", 20190613, min: 0), k = 10;
bool numpy = parsed.Has("--numpy");
string python = parsed.Value("--python") ?? "python3";
string? csv = parsed.Value("--csv");
if (parsed.Has("--resampling")) return Resampling();

double cpuBest = 0;
var lines = new List<string> { "method,n,k,seconds,cpu_seconds,allocated_mb,peak_working_set_mb,max_abs_coef_diff_vs_engine" };
Console.WriteLine($"{"method",-12} {"n",9} {"k",3} {"seconds",9} {"cpu s",9} {"alloc MB",9} {"peak WS MB",10}  max|Δb| vs engine");
foreach (int n in sizes)
{
    var (cols, y) = SyntheticRegression.Generate(n, k, seed);
    var regressors = cols.Select((c, j) => ($"x{j + 1}", c)).ToArray();
    var (tDesign, aDesign, design) = Time(() => Design.WithIntercept($"bench_{n}", regressors));
    Report("design_copy", n, tDesign, aDesign, 0);

    var (tEngine, aEngine, fit) = Time(() => { var f = Ols.Fit(design, y); _ = f.StandardErrors; return f; });
    double[] bEngine = [.. fit.Coefficients];
    Report("engine", n, tEngine, aEngine, 0);

    Console.WriteLine($"{"",-12} {"",9}     path: {fit.Path}, {fit.RefinementIterations} refinement iteration(s){(fit.FallbackReason is { } why ? $" (fallback: {why})" : "")}");
    var x = Matrix<double>.Build.Dense(n, k + 1, (i, j) => j == 0 ? 1.0 : cols[j - 1][i]);
    var yv = Vector<double>.Build.DenseOfArray(y);
    var (tMath, aMath, bMath) = Time(() => MultipleRegression.QR(x, yv));
    Report("mathnet_qr", n, tMath, aMath, bMath.Select((v, j) => Math.Abs(v - bEngine[j])).Max());

    if (numpy) RunNumpy(n, cols, y, bEngine);
}
if (csv is not null) File.WriteAllLines(csv, lines);
return 0;


// Each procedure on each of the three tables (n = 10), best CPU time of 5 warm runs: the process's CPU time measures the
// procedure itself, wall time on a shared machine mostly the wait for a core. Both are printed; the budget is on CPU.
int Resampling()
{
    var over = new List<string>();
    Console.WriteLine($"{"table",-13} {"procedure",-34} {"cpu ms",8} {"wall ms",8} {"budget ms",9}");
    foreach (var s in Table1.LoadBundled().AllSeries())
    {
        double[] x = s.ClustersArray(), y = s.ScoreArray();
        (string Name, Action Run)[] procedures =
        [
            ("exact permutation (10! orderings)", () => PermutationTest.Exact(x, y)),
            ("Monte Carlo permutation, 10,000", () => PermutationTest.MonteCarlo(x, y, 10_000, 1)),
            ("pairs bootstrap + BCa, 10,000", () => Bootstrap.Pairs(x, y, 10_000, 1).BCa()),
            ("residual bootstrap + BCa, 10,000", () => Bootstrap.Residual(x, y, 10_000, 1).BCa()),
            ("rounding Monte Carlo, 10,000", () => _ = RoundingSensitivity.Simulate(x, y, 10_000, 1).ShareSignificant),
        ];
        foreach (var (name, run) in procedures)
        {
            run(); // warm-up (JIT)
            double cpu = double.MaxValue, wall = double.MaxValue;
            using var process = Process.GetCurrentProcess();
            for (int r = 0; r < 5; r++)
            {
                process.Refresh();
                var cpu0 = process.TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                run();
                wall = Math.Min(wall, sw.Elapsed.TotalSeconds);
                process.Refresh();
                cpu = Math.Min(cpu, (process.TotalProcessorTime - cpu0).TotalSeconds);
            }
            Console.WriteLine($"{s.Spec.Id,-13} {name,-34} {(cpu * 1e3).ToString("F1", inv),8} {(wall * 1e3).ToString("F1", inv),8} {"100",9}");
            if (cpu > 0.1) over.Add($"{s.Spec.Id} {name}: {(cpu * 1e3).ToString("F0", inv)} ms CPU > 100 ms");
        }
    }
    foreach (var o in over) Console.Error.WriteLine("over budget: " + o);
    Console.WriteLine(over.Count == 0 ? "every procedure within its budget" : $"{over.Count} over budget");
    return over.Count == 0 ? 0 : 1;
}

(double Seconds, double AllocatedMb, T Result) Time<T>(Func<T> f)
{
    var warm = f(); // warm-up: JIT and page faults
    GC.Collect();
    GC.WaitForPendingFinalizers();
    double best = double.PositiveInfinity, alloc = 0;
    cpuBest = double.PositiveInfinity;
    T result = warm;
    for (int r = 0; r < repeat; r++)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var proc = Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        result = f();
        sw.Stop();
        proc.Refresh();
        cpuBest = Math.Min(cpuBest, (proc.TotalProcessorTime - cpu0).TotalSeconds);
        alloc = (GC.GetAllocatedBytesForCurrentThread() - before) / 1048576.0;
        best = Math.Min(best, sw.Elapsed.TotalSeconds);
    }
    return (best, alloc, result);
}

void Report(string method, int n, double seconds, double allocMb, double diff)
{
    double peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
    Console.WriteLine($"{method,-12} {n,9} {k,3} {seconds.ToString("F4", inv),9} {cpuBest.ToString("F4", inv),9} {allocMb.ToString("F1", inv),9} {peak.ToString("F0", inv),10}  {diff.ToString("E1", inv)}");
    lines.Add(string.Join(',', method, n.ToString(inv), k.ToString(inv), seconds.ToString("R", inv), cpuBest.ToString("R", inv), allocMb.ToString("F1", inv),
        peak.ToString("F0", inv), diff.ToString("E3", inv)));
}

void RunNumpy(int n, double[][] cols, double[] y, double[] bEngine)
{
    // Same data through a binary file: intercept column + regressors, row-major float64, then y.
    var path = Path.Combine(Path.GetTempPath(), $"na-bench-{Environment.ProcessId}-{n}.bin");
    using (var w = new BinaryWriter(File.Create(path)))
    {
        for (int i = 0; i < n; i++)
        {
            w.Write(1.0);
            for (int j = 0; j < k; j++) w.Write(cols[j][i]);
        }
        foreach (var v in y) w.Write(v);
    }
    string script = $$"""
import numpy as np, time, sys
n, k = {{n}}, {{k + 1}}
d = np.fromfile(sys.argv[1], dtype='<f8')
X = d[:n*k].reshape(n, k); y = d[n*k:]
np.linalg.lstsq(X, y, rcond=None)
best = 1e9; cbest = 1e9
for _ in range({{repeat}}):
    t = time.perf_counter(); c = time.process_time(); b = np.linalg.lstsq(X, y, rcond=None)[0]
    best = min(best, time.perf_counter() - t); cbest = min(cbest, time.process_time() - c)
print(best, cbest); print(' '.join(repr(v) for v in b))
""";
    var psi = new ProcessStartInfo(python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
    psi.ArgumentList.Add("-");
    psi.ArgumentList.Add(path);
    try
    {
        using var p = Process.Start(psi)!;
        p.StandardInput.Write(script);
        p.StandardInput.Close();
        string output = p.StandardOutput.ReadToEnd(), err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) { Console.WriteLine($"numpy       {n,9}: not run ({err.Trim().Split('\n').Last()})"); return; }
        var outLines = output.Trim().Split('\n');
        var times = outLines[0].Split(' ');
        double seconds = double.Parse(times[0], inv), cpu = double.Parse(times[1], inv);
        var b = outLines[1].Split(' ').Select(s => double.Parse(s, inv)).ToArray();
        Console.WriteLine($"{"numpy_lstsq",-12} {n,9} {k,3} {seconds.ToString("F4", inv),9} {cpu.ToString("F4", inv),9} {"",9} {"",10}  {b.Select((v, j) => Math.Abs(v - bEngine[j])).Max().ToString("E1", inv)}");
        lines.Add(string.Join(',', "numpy_lstsq", n.ToString(inv), k.ToString(inv), seconds.ToString("R", inv), cpu.ToString("R", inv), "", "",
            b.Select((v, j) => Math.Abs(v - bEngine[j])).Max().ToString("E3", inv)));
    }
    catch (System.ComponentModel.Win32Exception e)
    {
        Console.WriteLine($"numpy: python3 not found ({e.Message})");
    }
    finally
    {
        File.Delete(path);
    }
}
