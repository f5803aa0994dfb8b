#!/usr/bin/env -S dotnet run
// The main job: reproduces Tables 1-4 of Mitrofanova et al. (2019) number by number and writes results/.
// Usage: dotnet run scripts/reproduce.cs [-- --data PATH --out DIR]
#:project ../lib/Report/NotebookAnalysis.Report.csproj
#:property TreatWarningsAsErrors=true
#:property Configuration=Release
// Release: the job's own compute is about half the CPU of a Debug build (resampling loops). `dotnet run` still restores
// and checks the build of ../lib on every call (a #:project reference); that, not the job, is most of a warm run.

return NotebookAnalysis.Pipeline.MainJob.Run(args, Console.Out, Console.Error);
