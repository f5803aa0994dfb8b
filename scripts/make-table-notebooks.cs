#:property NotebookAnalysisLibrary=../lib/Views/Teaching/NotebookAnalysis.Teaching.csproj
// Writes notebooks 02-04 from one source: notebooks/templates/table-notebook.ipynb (the shared cells) and
// notebooks/templates/NN-….md (each table's market, number and own Markdown cells). Outputs already stored are kept
// for cells of the same id; rerun the notebooks afterwards (dotnet run scripts/run-notebooks.cs).
//   dotnet run scripts/make-table-notebooks.cs [-- --check]    (--check: exit 1 if a notebook's cells differ)
using NotebookAnalysis.Cli;
using NotebookAnalysis.Data;
using NotebookAnalysis.Output;
using NotebookAnalysis.Teaching;

if (NotebookAnalysis.Cli.ScriptBuild.RerunIfLibraryChanged(args, Console.Error) is int rerun) return rerun; // lib/ changed: see scripts/Directory.Build.targets

var cli = new CommandLine("dotnet run scripts/make-table-notebooks.cs", "Writes notebooks 02-04 from notebooks/templates/.")
    .Flag("--check", "only compare: exit 1 when a notebook's cells differ from the generated ones");
if (cli.ParseOrExit(args, "make-table-notebooks", Console.Out, Console.Error, out int exit) is not { } parsed) return exit;
bool check = parsed.Has("--check");
int stale = 0;
foreach (var (path, text) in TableNotebooks.Generate(ProjectPaths.Root))
{
    var current = File.Exists(path) ? File.ReadAllText(path) : null;
    bool same = current is not null && TableNotebooks.Sources(current).SequenceEqual(TableNotebooks.Sources(text));
    var shown = Path.GetRelativePath(ProjectPaths.Root, path);
    if (check)
    {
        Console.WriteLine($"{(same ? "current" : "STALE  ")} {shown}");
        if (!same) stale++;
        continue;
    }
    if (current == text) { Console.WriteLine($"unchanged {shown}"); continue; }
    AtomicFile.WriteAllText(path, text);
    Console.WriteLine($"wrote {shown}{(same ? "" : " (cells changed: rerun it)")}");
}
return stale == 0 ? 0 : 1;
