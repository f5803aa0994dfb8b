using System.Security.Cryptography;
using NotebookAnalysis.Data;

namespace NotebookAnalysis.Tests.Data;

public class BundledDataTests
{
    [Fact]
    public void Bundled_csv_hash_equals_the_one_recorded_in_the_codebook()
    {
        // Changing seeds/data/table1.csv without updating the codebook's sha256 line fails here.
        var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(ProjectPaths.BundledTable1)));
        Assert.Equal(BundledData.RecordedSha256(), actual);
        Assert.Equal(actual, Table1.LoadBundled().Sha256);
    }

    [Fact]
    public void Codebook_documents_every_column()
    {
        var codebook = File.ReadAllText(ProjectPaths.Codebook);
        foreach (var column in Table1.ColumnNames)
            Assert.Contains($"`{column}`", codebook);
        Assert.Contains("Global Competitiveness Report", codebook);
        Assert.Contains("Russian Cluster Observatory", codebook);
    }

    [Fact]
    public void Bundled_csv_matches_table_1_of_the_paper()
    {
        // Every data row of the paper's Table 1 (tab-separated in the transcription) equals the CSV row.
        var paper = File.ReadAllLines(ProjectPaths.Paper);
        var table = Table1.LoadBundled();
        for (int i = 0; i < table.RowCount; i++)
        {
            var year = table.Years[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
            var line = paper.Single(l => l.StartsWith(year + "\t", StringComparison.Ordinal));
            var printed = line.Split('\t').Skip(1).Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var ours = Table1.ColumnNames.Skip(1).Select(c => table.Column(c)[i]).ToArray();
            Assert.Equal(printed, ours);
        }
    }

    [Fact]
    public void Codebook_hash_check_would_fail_on_a_changed_file()
    {
        var bytes = File.ReadAllBytes(ProjectPaths.BundledTable1);
        bytes[^2] ^= 1; // flip one bit of the last value
        Assert.NotEqual(BundledData.RecordedSha256(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
