using System.Globalization;
using System.Text;
using NotebookAnalysis.Data;
using NotebookAnalysis.Sources;

namespace NotebookAnalysis.Tests.Sources;

/// <summary>A fact that is skipped, with the reason shown, when the shared WEF extract is absent.</summary>
public sealed class WefExtractFactAttribute : FactAttribute
{
    public WefExtractFactAttribute([System.Runtime.CompilerServices.CallerFilePath] string? sourceFilePath = null, [System.Runtime.CompilerServices.CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber) =>
        Skip = Support.SharedData.MissingReason(ProjectPaths.SharedWefExtract, "The WEF GCI extract", "the tests on the real WEF scores");
}

/// <summary>Constructed extracts and Table 1 files for the Sources tests.</summary>
internal static class SourcesFixture
{
    public const string Header = "\"edition\",\"edition_year_end\",\"pillar\",\"pillar_name\",\"score\",\"source_repo\",\"source_path\",\"source_commit\"";

    /// <summary>One quoted extract row for the edition ending in <paramref name="yearEnd"/>.</summary>
    public static string Row(int yearEnd, string pillar, string score) =>
        string.Join(",", new[]
        {
            $"{(yearEnd - 1).ToString(CultureInfo.InvariantCulture)}-{yearEnd.ToString(CultureInfo.InvariantCulture)}",
            yearEnd.ToString(CultureInfo.InvariantCulture), pillar, "name, with a comma", score, "owner/repo", "data.csv", "abc",
        }.Select(f => "\"" + f + "\""));

    /// <summary>An extract with the given (yearEnd, pillar, score) rows.</summary>
    public static string Extract(params (int YearEnd, string Pillar, string Score)[] rows) =>
        Header + "\n" + string.Concat(rows.Select(r => Row(r.YearEnd, r.Pillar, r.Score) + "\n"));

    public static WefExtract ParseExtract(string text) => WefExtract.Parse(Encoding.UTF8.GetBytes(text), "wef.csv");

    /// <summary>A Table 1 with the given years and score columns (clusters: strictly increasing, differing per market).</summary>
    public static Table1 Table(int firstYear, double[] goods, double[] financial, double[] innovation, double[]? goodsClusters = null)
    {
        var sb = new StringBuilder(string.Join(",", Table1.ColumnNames)).Append('\n');
        for (int i = 0; i < goods.Length; i++)
        {
            double gc = goodsClusters?[i] ?? 10 + 3 * i + i * i;
            sb.Append(string.Join(",",
                (firstYear + i).ToString(CultureInfo.InvariantCulture),
                goods[i].ToString("R", CultureInfo.InvariantCulture), gc.ToString("R", CultureInfo.InvariantCulture),
                financial[i].ToString("R", CultureInfo.InvariantCulture), (5 + 2 * i).ToString(CultureInfo.InvariantCulture),
                innovation[i].ToString("R", CultureInfo.InvariantCulture), (3 + i).ToString(CultureInfo.InvariantCulture))).Append('\n');
        }
        // Small constructed tables test the comparison logic; the main job's 5-row minimum is not at issue here.
        return Table1.Parse(Encoding.UTF8.GetBytes(sb.ToString()), "table1.csv", minimumRows: 3);
    }
}
