using System.Text.RegularExpressions;
using NotebookAnalysis.Data;
using NotebookAnalysis.Report.Reporting;
using NotebookAnalysis.Reproduction;

namespace NotebookAnalysis.Tests.Architecture;

/// <summary>
/// Reporting owns every table: no source file outside <c>lib/Report/Reporting</c> writes Markdown or HTML table syntax, and the
/// one ToolPak layout serves both value sources.
/// </summary>
public sealed partial class TablesTests
{
    [GeneratedRegex(@"<table|<tr>|<td|<th>|\|---")]
    private static partial Regex TableSyntax();

    [Fact]
    public void No_table_is_built_by_hand_outside_Reporting()
    {
        var lib = Path.Combine(ProjectPaths.Root, "lib");
        var reporting = Path.Combine(lib, "Report", "Reporting") + Path.DirectorySeparatorChar;
        var offenders = Directory.EnumerateFiles(lib, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(reporting, StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => TableSyntax().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(ProjectPaths.Root, x.f)}:{x.i + 1}")
            .ToList();
        Assert.True(offenders.Count == 0,
            $"Table syntax outside lib/Report/Reporting at {string.Join(", ", offenders)}: return a record and build a Reporting.Grid from it instead.");
    }

    [Fact]
    public void The_ToolPak_layout_of_the_printed_numbers_has_the_shape_of_the_recomputed_one_and_every_printed_string()
    {
        foreach (var r in MarketReproduction.All(Table1.LoadBundled()))
        {
            var labels = ToolPakLabels.Paper(r.Published);
            string printed = SummaryOutput.Layout(r.Published, labels).ToMarkdown();
            string recomputed = SummaryOutput.Layout(r.Fit, labels, decimals: 4).ToMarkdown();
            string[] p = printed.Split('\n'), c = recomputed.Split('\n');
            Assert.Equal(c.Length, p.Length);
            for (int i = 0; i < c.Length; i++)
            {
                // Same rows with the same labels and the same number of cells; only the numbers may differ.
                Assert.Equal(c[i].Split('|').Length, p[i].Split('|').Length);
                Assert.Equal(c[i].Split('|').FirstOrDefault(), p[i].Split('|').FirstOrDefault());
                Assert.Equal(c[i].Split('|').ElementAtOrDefault(1), p[i].Split('|').ElementAtOrDefault(1));
            }
            foreach (var n in r.Published)
                Assert.Contains($"| {n.Printed} |", printed);
        }
    }
}
