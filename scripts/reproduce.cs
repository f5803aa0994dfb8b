#!/usr/bin/env -S dotnet run
// The main job: reproduces Tables 1-4 of Mitrofanova et al. (2019) number by number and writes results/.
// Usage: dotnet run scripts/reproduce.cs [-- --data PATH --out DIR]
#:project ../lib/Report/NotebookAnalysis.Report.csproj
#:property TreatWarningsAsErrors=true
#:property Configuration=Release
#:property CurrentSolutionConfigurationContents=<SolutionConfiguration><ProjectConfiguration Project='{6F1B3C2A-0000-4000-8000-000000000001}' AbsolutePath='$([System.IO.Path]::GetFullPath('$(MSBuildProjectDirectory)/../lib/Report/NotebookAnalysis.Report.csproj'))'>Release|AnyCPU</ProjectConfiguration><ProjectConfiguration Project='{6F1B3C2A-0000-4000-8000-000000000002}' AbsolutePath='$([System.IO.Path]::GetFullPath('$(MSBuildProjectDirectory)/../lib/Core/NotebookAnalysis.csproj'))'>Release|AnyCPU</ProjectConfiguration></SolutionConfiguration>
// Release for ../lib too: `Configuration` above is this script's own property and does not reach a #:project reference,
// which built Debug (JIT optimizations disabled: the job at 10^5 rows took 90 s instead of 23 s). The solution-
// configuration mapping is what MSBuild's AssignProjectConfiguration reads to give a reference its configuration.

return NotebookAnalysis.Pipeline.MainJob.Run(args, Console.Out, Console.Error);
