#!/usr/bin/env -S dotnet run
// Table 1 against its primary source: the WEF's own pillar scores, cell by cell, and Tables 2-4 re-run on them.
// Writes results/sources.csv, results/sources-cells.csv and results/SOURCES.md atomically.
// Usage: dotnet run scripts/sources.cs [-- --wef PATH --data PATH --out DIR]
//   The WEF extract defaults to ../shared/data/wef-gci-russia/extract.csv beside the repository; it is never copied in.
#:property NotebookAnalysisLibrary=../lib/Report/NotebookAnalysis.Report.csproj
#:property TreatWarningsAsErrors=true

if (NotebookAnalysis.Cli.ScriptBuild.RerunIfLibraryChanged(args, Console.Error) is int rerun) return rerun; // lib/ changed: see scripts/Directory.Build.targets

return NotebookAnalysis.Report.Pipeline.SourcesJob.Run(args, Console.Out, Console.Error);
