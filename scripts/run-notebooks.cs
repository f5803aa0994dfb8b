#:property NotebookAnalysisLibrary=../lib/Tools/NotebookRunner/NotebookRunner.csproj
// The kernel compiles and loads code at run time: no native AOT, reflection-based JSON on.
#:property PublishAot=false
// Runs the notebooks headless, each in a fresh C# kernel in its own process, with the notebook's folder as
// working directory, and writes back only outputs and execution counts (or, with --check, compares them).
//   dotnet run scripts/run-notebooks.cs [-- [NOTEBOOK…] [--check] [--param name=value]… [--out DIR] [--html DIR]]
// Exit codes: 0 all passed, 1 a notebook failed, 2 usage error. See notebooks/README.md.
// RunAsync reruns the script after a rebuild when lib/ changed (scripts/Directory.Build.targets), and builds
// lib/notebooks.slnf in Release for the notebooks' #r (unless --no-build).
return await NotebookAnalysis.NotebookRunner.RunnerCli.RunAsync(args);
