using System.Text.RegularExpressions;
using NotebookAnalysis.Data;

namespace NotebookAnalysis.Tests.Architecture;

/// <summary>
/// XPlot.Plotly is the one interactive figure model: only the Rendering assembly references it, the core's
/// dependency closure does not hold it, and no source file writes Plotly JSON by hand.
/// </summary>
public sealed partial class ChartModelTests
{
    // Plotly attribute names as string literals: the sign of a figure written by hand (Utf8JsonWriter, JsonObject).
    [GeneratedRegex("\"(mode|fill|fillcolor|marker|xaxis|yaxis|colorscale|showlegend|barmode|annotations|legend|zmin|zmax|locationmode|choropleth|scatter|heatmap|geo)\"")]
    private static partial Regex PlotlyAttribute();

    private static IEnumerable<string> Sources(string folder, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(ProjectPaths.Root, folder), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Fact]
    public void No_Plotly_JSON_is_written_by_hand()
    {
        var offenders = Sources("lib", "*.cs").Concat(Sources("scripts", "*.cs"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => PlotlyAttribute().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(ProjectPaths.Root, x.f)}:{x.i + 1}")
            .ToList();
        Assert.True(offenders.Count == 0, $"Plotly attributes spelt as strings at {string.Join(", ", offenders)}: build the figure with XPlot.Plotly and Rendering.PlotlyRenderer.Serialize.");
    }

    [Fact]
    public void Only_the_Rendering_project_references_XPlot()
    {
        var referencing = Sources("lib", "*.csproj")
            .Where(f => File.ReadAllText(f).Contains("Include=\"XPlot.Plotly\"", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(ProjectPaths.Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .ToList();
        Assert.Equal(["lib/Views/Rendering/NotebookAnalysis.Rendering.csproj"], referencing);
        // The core's dependency closure (its deps.json in lib/bin, where every library assembly builds) holds no XPlot.
        var coreDeps = new[] { "Debug", "Release" }
            .Select(c => Path.Combine(ProjectPaths.Root, "lib", "bin", c, "net10.0", "NotebookAnalysis.deps.json"))
            .Where(File.Exists).ToList();
        Assert.NotEmpty(coreDeps);
        Assert.All(coreDeps, f => Assert.DoesNotContain("XPlot", File.ReadAllText(f), StringComparison.OrdinalIgnoreCase));
    }
}
