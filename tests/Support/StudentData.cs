using System.Globalization;
using System.Text;

namespace NotebookAnalysis.Tests.Support;

/// <summary>
/// Table-1-shaped data that are not the paper's, as a student would bring them: a chosen span of years and scores
/// printed to a chosen number of decimals per market. Generated in code (deterministic), written to a temp folder.
/// </summary>
public static class StudentData
{
    /// <summary>
    /// The CSV text: <paramref name="years"/> rows from <paramref name="firstYear"/>, cluster counts rising with noise,
    /// scores a noisy line in the counts, each score column printed with its number of decimals (goods, financial, innovation).
    /// </summary>
    public static string Csv(int firstYear, int years, (int Goods, int Financial, int Innovation) decimals, int seed = 11)
    {
        var rng = new Random(seed);
        var sb = new StringBuilder("year,goods_market_efficiency,goods_clusters,financial_market_development,financial_clusters,innovation,innovation_clusters\n");
        string Score(double v, int d) => v.ToString("F" + d.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        for (int i = 0; i < years; i++)
        {
            int goods = 40 + 6 * i + rng.Next(0, 5), financial = 5 + 2 * i + rng.Next(0, 3), innovation = 20 + 3 * i + rng.Next(0, 6);
            double y1 = 3.55 + 0.0065 * (goods - 40) + 0.03 * (rng.NextDouble() - 0.5);
            double y2 = 3.25 + 0.006 * (financial - 5) + 0.04 * (rng.NextDouble() - 0.5);
            double y3 = 3.30 + 0.004 * (innovation - 20) + 0.20 * (rng.NextDouble() - 0.5);
            sb.Append(CultureInfo.InvariantCulture, $"{firstYear + i},{Score(y1, decimals.Goods)},{goods},{Score(y2, decimals.Financial)},{financial},{Score(y3, decimals.Innovation)},{innovation}\n");
        }
        return sb.ToString();
    }
}
