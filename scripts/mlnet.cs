#:property NotebookAnalysisLibrary=../lib/MachineLearning/NotebookAnalysis.MachineLearning.csproj
#:property PublishAot=false
// ML.NET's dynamic code generation (LoadFromEnumerable, Expression transforms) needs the JIT, so no native AOT.

// The ML.NET comparison: every specification as an ML.NET pipeline trained by SDCA, leave-one-out
// through CrossValidate with a sampling-key column, beside exact OLS and the exact hat-matrix leave-one-out.
// Writes results/mlnet.csv in the results.csv format. Deterministic: MLContext(seed), one thread.
//
//   dotnet run scripts/mlnet.cs [-- --data seeds/data/table1.csv] [--markets seeds/data/markets.csv] [--out results]
//
// Exit codes: 0 done, 1 bad data or a model error, 2 usage error.

using System.Diagnostics;
using System.Globalization;
using NotebookAnalysis.Cli;
using NotebookAnalysis.Data;
using NotebookAnalysis.MachineLearning;
using NotebookAnalysis.Models;
using NotebookAnalysis.Output;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Results;

if (NotebookAnalysis.Cli.ScriptBuild.RerunIfLibraryChanged(args, Console.Error) is int rerun) return rerun; // lib/ changed: see scripts/Directory.Build.targets

var cli = new CommandLine("dotnet run scripts/mlnet.cs", "The ML.NET comparison: writes mlnet.csv in the results.csv format.")
    .Option("--data", "PATH", "a Table 1 CSV (default: seeds/data/table1.csv)")
    .Option("--markets", "PATH", "a market description CSV (default: seeds/data/markets.csv)")
    .Option("--out", "DIR", "output folder (default: results/)");
return JobRunner.Run("mlnet", cli, args, Console.Out, Console.Error, parsed =>
{
    var markets = parsed.Value("--markets") is { } m ? MarketDescription.Load(m) : MarketDescription.Bundled;
    // The specifications are built on the one x of a simple regression, as the main job's sections are: markets with
    // several regressors are left out, and the summary says so.
    var table = Table1.Load(parsed.Value("--data") ?? ProjectPaths.BundledTable1, markets).WithMarkets(markets.Where(s => s.HasOneRegressor));
    var several = markets.Specs.Where(s => !s.HasOneRegressor).Select(s => s.Id).ToList();
    // For comparison: the exact battery (every model × market with hat-matrix LOO), timed warm (second run).
    ModelBattery.Run(table);
    var exactClock = Stopwatch.StartNew();
    var exact = ModelBattery.Run(table);
    var exactTime = exactClock.Elapsed;

    var sw = Stopwatch.StartNew();
    var settings = SdcaSettings.Default;
    var results = MlNetComparison.RunAll(table, settings);
    // The default split depends only on the number of rows and the seed, so it is checked once per row count.
    var splitByRows = new Dictionary<int, IReadOnlyList<int>>();
    var splits = ModelInput.AllMarkets(table)
        .Select(i => (i.TableId, splitByRows.TryGetValue(i.Count, out var s) ? s : splitByRows[i.Count] = MlNetComparison.DefaultSplitFoldSizes(i, settings)))
        .ToList();
    var undefined = new List<UndefinedResult>();
    var folder = new OutputFolder(parsed.Value("--out") ?? ProjectPaths.Results);
    folder.AddText("mlnet.csv", ResultsCsv.Format(MlNetComparison.ToResultRows(results, splits, undefined)));

    return new JobOutput(folder, _ =>
    {
        string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
        string E(Estimate v) => v.Format(F);
        var text = new StringWriter { NewLine = "\n" };
        text.WriteLine($"{"table/model",-28} {"max |gap|/SE",12} {"LOO RMSE",10} {"exact",10} {"gap",10}");
        foreach (var r in results)
            text.WriteLine($"{r.TableId + "/" + r.ModelName,-28} {E(r.EstimateGapsInStandardErrors.Skip(1).MaxBy(g => g.OrNull ?? double.PositiveInfinity)),12} {F(r.Loo.Rmse),10} {E(r.Exact.LooRmse),10} {E(r.LooRmseGap),10}");
        foreach (var u in undefined)
            text.WriteLine(u.Sentence);
        if (several.Count > 0)
            text.WriteLine($"Left out, with several regressors: {string.Join(", ", several)}.");
        foreach (var (tableId, sizes) in splits)
            text.WriteLine($"{tableId}: CrossValidate(numberOfFolds: {sizes.Count}) without a sampling key gives fold sizes [{string.Join(", ", sizes)}] ({sizes.Count(s => s == 0)} empty).");
        text.WriteLine($"{results.Count} ML.NET LOOCV runs ({results.Sum(r => r.FoldSizes.Count + 1)} fits) in {sw.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s wall, {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s CPU (process, single-threaded trainer); wrote {Path.Combine(folder.Directory, "mlnet.csv")}");
        text.WriteLine($"Exact battery ({exact.Fits.Count} fits, warm): {exactTime.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)} ms.");
        return text.ToString();
    });
});
