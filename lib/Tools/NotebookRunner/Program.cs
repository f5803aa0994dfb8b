// The runner as an executable, for the tests: `dotnet NotebookRunner.dll [options] [NOTEBOOK…]`.
// scripts/run-notebooks.cs calls the same entry point.
return await NotebookAnalysis.NotebookRunner.RunnerCli.RunAsync(args);
