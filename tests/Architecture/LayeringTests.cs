using System.Reflection;
using System.Text.Json;
using NotebookAnalysis.Data;

namespace NotebookAnalysis.Tests.Architecture;

/// <summary>
/// The main job's core assembly must not pull ML.NET, SkiaSharp, ScottPlot, XPlot or Microsoft.Data.Analysis
/// (which brings Microsoft.ML.DataView): those belong to the Teaching, Rendering and MachineLearning assemblies.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string[] Forbidden = ["Microsoft.ML", "SkiaSharp", "ScottPlot", "XPlot", "Microsoft.Data.Analysis", "Apache.Arrow"];

    [Fact]
    public void CoreDepsJsonListsOnlyMathNet()
    {
        // The test assembly runs from tests/bin/<Configuration>/net10.0; the core builds into lib/bin/<Configuration>/net10.0.
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string deps = Path.Combine(ProjectPaths.Root, "lib", "bin", configuration, "net10.0", "NotebookAnalysis.deps.json");
        Assert.True(File.Exists(deps), $"{deps} is missing: the core was not built into lib/bin (lib/SharedOutput.props).");
        using var doc = JsonDocument.Parse(File.ReadAllText(deps));
        var libraries = doc.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name.Split('/')[0]).ToList();
        Assert.Equal(["MathNet.Numerics", "NotebookAnalysis"], libraries.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void CoreReferencesNoDrawingLearningOrDataFrameAssembly()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<Assembly>([typeof(Table1).Assembly]);
        while (queue.Count > 0)
        {
            var assembly = queue.Dequeue();
            foreach (var name in assembly.GetReferencedAssemblies())
            {
                if (!seen.Add(name.Name!)) continue;
                Assert.False(Forbidden.Any(f => name.Name!.StartsWith(f, StringComparison.Ordinal)),
                    $"{assembly.GetName().Name} references {name.Name}: move that code to lib/Teaching, lib/Rendering or lib/MachineLearning.");
                if (name.Name!.StartsWith("MathNet", StringComparison.Ordinal)) queue.Enqueue(Assembly.Load(name));
            }
        }
        Assert.Contains("MathNet.Numerics", seen);
    }
}
