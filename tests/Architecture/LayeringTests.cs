using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using NotebookAnalysis.Data;

namespace NotebookAnalysis.Tests.Architecture;

/// <summary>
/// lib/ by layer (lib/README.md, "Layers"): each layer folder is one assembly, an assembly references only the layers
/// below it, the core and the report pull no package but MathNet.Numerics, and no two namespaces depend on each other.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string[] Forbidden = ["Microsoft.ML", "SkiaSharp", "ScottPlot", "XPlot", "Microsoft.Data.Analysis", "Apache.Arrow"];

    /// <summary>Layer folder (relative to lib/) → its assembly and the project assemblies it may reference.</summary>
    public static readonly IReadOnlyList<(string Folder, string Assembly, string[] MayReference)> Layers =
    [
        ("Core", "NotebookAnalysis", []),
        ("Report", "NotebookAnalysis.Report", ["NotebookAnalysis"]),
        // Teaching's Notebook.Setup registers the Rendering's Figure formatter: the one set-up call of a notebook.
        ("Views/Teaching", "NotebookAnalysis.Teaching", ["NotebookAnalysis", "NotebookAnalysis.Report", "NotebookAnalysis.Rendering"]),
        ("Views/Rendering", "NotebookAnalysis.Rendering", ["NotebookAnalysis", "NotebookAnalysis.Report"]),
        ("MachineLearning", "NotebookAnalysis.MachineLearning", ["NotebookAnalysis", "NotebookAnalysis.Report"]),
        ("Tools/Accuracy", "NotebookAnalysis.Accuracy", ["NotebookAnalysis", "NotebookAnalysis.Report"]),
        ("Tools/Benchmarks", "NotebookAnalysis.Benchmarks", ["NotebookAnalysis"]),
        ("Tools/NotebookRunner", "NotebookRunner", []),
    ];

    private static string Lib => Path.Combine(ProjectPaths.Root, "lib");

    private static Assembly Load(string name) => Assembly.Load(new AssemblyName(name));

    [Theory]
    [InlineData("NotebookAnalysis", new[] { "MathNet.Numerics", "NotebookAnalysis" })]
    [InlineData("NotebookAnalysis.Report", new[] { "MathNet.Numerics", "NotebookAnalysis", "NotebookAnalysis.Report" })]
    public void TheMainJobsAssembliesPullOnlyMathNet(string assembly, string[] expected)
    {
        // The test assembly runs from tests/bin/<Configuration>/net10.0; the library builds into lib/bin/<Configuration>/net10.0.
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string deps = Path.Combine(Lib, "bin", configuration, "net10.0", assembly + ".deps.json");
        Assert.True(File.Exists(deps), $"{deps} is missing: {assembly} was not built into lib/bin (lib/SharedOutput.props).");
        using var doc = JsonDocument.Parse(File.ReadAllText(deps));
        var libraries = doc.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name.Split('/')[0]).ToList();
        Assert.Equal(expected, libraries.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void TheCoreReferencesNoDrawingLearningOrDataFrameAssembly()
    {
        foreach (var core in new[] { "NotebookAnalysis", "NotebookAnalysis.Report" })
            foreach (var name in Load(core).GetReferencedAssemblies())
                Assert.False(Forbidden.Any(f => name.Name!.StartsWith(f, StringComparison.Ordinal)),
                    $"{core} references {name.Name}: move that code to lib/Views/Teaching, lib/Views/Rendering or lib/MachineLearning.");
    }

    [Fact]
    public void EachAssemblyReferencesOnlyTheLayersBelowIt()
    {
        var projectAssemblies = Layers.Select(l => l.Assembly).ToHashSet();
        foreach (var (folder, assembly, mayReference) in Layers)
        {
            var references = Load(assembly).GetReferencedAssemblies().Select(a => a.Name!).Where(projectAssemblies.Contains).Order().ToList();
            Assert.True(references.All(mayReference.Contains),
                $"lib/{folder} ({assembly}) references {string.Join(", ", references.Except(mayReference))}; it may reference only {string.Join(", ", mayReference.DefaultIfEmpty("no project assembly"))}.");
        }
    }

    [Fact]
    public void EachLayerFolderIsOneProjectAndEverySourceFileBelongsToOne()
    {
        var projects = Directory.EnumerateFiles(Lib, "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Lib, Path.GetDirectoryName(p)!).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Layers.Select(l => l.Folder).Order(StringComparer.Ordinal), projects);
        var orphans = Directory.EnumerateFiles(Lib, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Lib, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Where(f => !Layers.Any(l => f.StartsWith(l.Folder + "/", StringComparison.Ordinal)))
            .ToList();
        Assert.True(orphans.Count == 0, $"Source files outside every layer folder: {string.Join(", ", orphans)}");
    }

    [Fact]
    public void EveryNamespaceIsItsFolder()
    {
        // The project's root namespace, then the folders under the project: lib/Core/Data/Table1.cs is NotebookAnalysis.Data
        // (the core assembly is NotebookAnalysis), lib/Report/Pipeline/MainJob.cs is NotebookAnalysis.Report.Pipeline,
        // lib/Views/Teaching/Frames.cs is NotebookAnalysis.Teaching.
        var rootNamespace = new Regex(@"<RootNamespace>([\w.]+)</RootNamespace>");
        var ns = new Regex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline);
        var wrong = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Lib, "*.cs", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(Lib, file).Replace('\\', '/');
            if (rel.Contains("/obj/", StringComparison.Ordinal) || rel.Contains("/bin/", StringComparison.Ordinal)) continue;
            var text = File.ReadAllText(file);
            // A tool's entry point with top-level statements has no namespace.
            if (Path.GetFileName(file) == "Program.cs" && !text.Contains("namespace ", StringComparison.Ordinal)) continue;
            var m = ns.Match(text);
            var project = Path.GetDirectoryName(file)!;
            while (!Directory.EnumerateFiles(project, "*.csproj").Any()) project = Path.GetDirectoryName(project)!;
            var folders = Path.GetRelativePath(project, Path.GetDirectoryName(file)!).Replace('\\', '/');
            string expected = rootNamespace.Match(File.ReadAllText(Directory.EnumerateFiles(project, "*.csproj").Single())).Groups[1].Value
                + (folders == "." ? "" : "." + folders.Replace('/', '.'));
            if (!m.Success || m.Groups[1].Value != expected) wrong.Add($"{rel}: {(m.Success ? m.Groups[1].Value : "no file-scoped namespace")}, expected {expected}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void NoTwoNamespacesDependOnEachOther()
    {
        var graph = new DependencyGraph();
        foreach (var (_, assembly, _) in Layers) graph.AddCompiled(Load(assembly));
        graph.AddUsings(Lib);
        Assert.NotEmpty(graph.Edges);
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, "Namespace cycles:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void TheCycleCheckFindsAnInjectedCycle()
    {
        // The graph of the real code plus one edge from the engine back up to the report: the check must name it.
        var graph = new DependencyGraph();
        graph.AddCompiled(Load("NotebookAnalysis"));
        graph.AddCompiled(Load("NotebookAnalysis.Report"));
        graph.Add("NotebookAnalysis.Regression", "NotebookAnalysis.Report.Reporting", "injected");
        var cycles = graph.Cycles();
        Assert.Single(cycles);
        // The cycle is named by its edge, namespaces and all: the ids are the value.
        Assert.Contains("NotebookAnalysis.Regression → NotebookAnalysis.Report.Reporting (injected)", cycles[0]);
        Assert.Contains("NotebookAnalysis.Report.Reporting → NotebookAnalysis.Regression", cycles[0]);
    }
}
