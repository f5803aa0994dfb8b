#:property NotebookAnalysisLibrary=../lib/Tools/Accuracy/NotebookAnalysis.Accuracy.csproj
// NIST StRD accuracy harness: fits every linear-regression .dat file of a folder with the engine (and its double-double
// fallback path alone) and with MathNet,
// writes the LRE of every certified quantity as CSV and prints the minimum LRE per dataset × method. A model the engine
// refuses (e.g. a rank-deficient design) is an error row; a file that cannot be read is named with its line, the rest
// are still scored, and the exit code is 1.
// Usage: dotnet run scripts/accuracy.cs -- [--strd DIR] [--out FILE.csv]
//   DIR defaults to ../shared/data/strd beside the repository; without --out the CSV is not written.
using System.Globalization;
using NotebookAnalysis.Accuracy;
using NotebookAnalysis.Cli;
using NotebookAnalysis.Data;
using NotebookAnalysis.Output;

if (NotebookAnalysis.Cli.ScriptBuild.RerunIfLibraryChanged(args, Console.Error) is int rerun) return rerun; // lib/ changed: see scripts/Directory.Build.targets

var cli = new CommandLine("dotnet run scripts/accuracy.cs", "NIST StRD accuracy: the LRE of every certified quantity, engine vs MathNet.")
    .Option("--strd", "DIR", "the StRD folder (default: ../shared/data/strd)")
    .Option("--out", "FILE.csv", "write the LRE table as CSV (default: not written)");
if (cli.ParseOrExit(args, "accuracy", Console.Out, Console.Error, out int exit) is not { } parsed) return exit;
string strd = parsed.Value("--strd") ?? ProjectPaths.SharedStrd;
string? output = parsed.Value("--out");

try
{
    // A file that cannot be read is reported (file, line, reason) and the others are still scored; the exit code is then 1.
    var datasets = new List<StrdDataset>();
    var unreadable = new List<string>();
    foreach (var file in StrdDataset.Files(strd))
    {
        try { datasets.Add(StrdDataset.Load(file)); }
        catch (DataFileException e) { unreadable.Add(e.Message); }
    }
    var rows = datasets.SelectMany(AccuracyHarness.Evaluate).ToList();
    if (output is not null)
    {
        // One file, written atomically and serialized with commits of an output folder around it (e.g. results/).
        var full = Path.GetFullPath(output);
        OutputFolder.WriteFile(full, new System.Text.UTF8Encoding(false).GetBytes(AccuracyHarness.ToCsv(rows)));
        Console.WriteLine($"Wrote {rows.Count} rows to {full}");
    }
    Console.WriteLine($"Minimum LRE (digits, capped at {Lre.Cap.ToString(CultureInfo.InvariantCulture)}) over every certified quantity, {datasets.Count} datasets from {Path.GetFullPath(strd)}{(unreadable.Count > 0 ? $" ({unreadable.Count} unreadable)" : "")}:");
    Console.WriteLine();
    Console.Write(AccuracyHarness.MinimumTable(rows, datasets.ToDictionary(d => d.Name, AccuracyHarness.EnginePath)));
    foreach (var e in rows.Where(r => r.Quantity == "error"))
        Console.WriteLine($"{e.Dataset} {e.Method}: {e.Term}");
    foreach (var u in unreadable)
        Console.Error.WriteLine("unreadable: " + u);
    return unreadable.Count == 0 ? 0 : 1;
}
catch (Exception e) when (e is DataFileException or OutputException or IOException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
