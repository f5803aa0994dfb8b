#!/usr/bin/env -S dotnet run
// The main job: reproduces Tables 1-4 of Mitrofanova et al. (2019) number by number and writes results/.
// Usage: dotnet run scripts/reproduce.cs [-- --data PATH --markets PATH --published PATH --out DIR]
#:property NotebookAnalysisLibrary=../lib/Report/NotebookAnalysis.Report.csproj
#:property TreatWarningsAsErrors=true
#:property Configuration=Release
// lib/ is referenced through scripts/Directory.Build.targets, built Release; not #:project, which makes every run
// restore and build-check lib/. ScriptBuild rebuilds and reruns this script when lib/ changed since its last build.

if (NotebookAnalysis.Cli.ScriptBuild.RerunIfLibraryChanged(args, Console.Error) is int rerun) return rerun;
return NotebookAnalysis.Report.Pipeline.MainJob.Run(args, Console.Out, Console.Error);
