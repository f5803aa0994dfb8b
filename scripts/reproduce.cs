#!/usr/bin/env -S dotnet run
// The main job: reproduces Tables 1-4 of Mitrofanova et al. (2019) number by number and writes results/.
// Usage: dotnet run scripts/reproduce.cs [-- --data PATH --out DIR]
#:project ../lib/NotebookAnalysis.csproj
#:property TreatWarningsAsErrors=true

return NotebookAnalysis.Pipeline.MainJob.Run(args, Console.Out, Console.Error);
