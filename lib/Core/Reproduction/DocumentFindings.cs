using System.Globalization;
using NotebookAnalysis.Data;
using NotebookAnalysis.Statistics;
using NotebookAnalysis.Formatting;

namespace NotebookAnalysis.Reproduction;

/// <summary>
/// Findings on the paper as a document: titles, labels and claims, each checked against the transcription
/// (<c>seeds/paper.md</c>) and the recomputed fits when the report is built, so that a finding that stops
/// being true fails instead of being repeated.
/// </summary>
public static class DocumentFindings
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>All findings, in report order.</summary>
    /// <param name="paperText">The paper's transcription.</param>
    /// <param name="reproductions">The three table reproductions on the bundled data.</param>
    public static IReadOnlyList<Finding> All(string paperText, IReadOnlyList<MarketReproduction> reproductions)
    {
        var findings = new List<Finding>();
        findings.AddRange(WrongTitles(paperText));
        findings.Add(Labels());
        findings.AddRange(Claims(paperText, reproductions));
        return findings;
    }

    /// <summary>Tables 3 and 4 are titled "goods markets" although they regress the financial and innovation pillars.</summary>
    public static IEnumerable<Finding> WrongTitles(string paperText)
    {
        foreach (var spec in Markets.Paper)
        {
            string title = TableTitle(paperText, spec.PublishedTable!);
            string expected = spec.Market == Market.Goods ? "goods markets" : spec.Market == Market.Financial ? "financial markets" : "innovation markets";
            if (title.Contains(expected, StringComparison.OrdinalIgnoreCase))
                continue;
            yield return new Finding(
                $"wrong-title-{spec.Id}",
                $"Table {spec.PublishedTable} carries the wrong title",
                $"The title of Table {spec.PublishedTable} reads \"{title}\", but the table regresses {spec.Y} ({spec.PaperY}) on {spec.X} ({spec.PaperX}); its slope is labelled {spec.PaperX}.",
                $"The title was copied from Table 2. The numbers belong to the {expected}; this package labels the table by its content ({spec.Id}).");
        }
    }

    /// <summary>The mistranslated ToolPak labels, read from the published-tables file.</summary>
    public static Finding Labels()
    {
        var pairs = PublishedTables.All
            .SelectMany(p => new[] { (p.PaperRow, p.StandardRow), (p.PaperColumn, p.StandardColumn) })
            .Where(t => t.Item1.Length > 0 && !string.Equals(t.Item1, t.Item2, StringComparison.OrdinalIgnoreCase) && !t.Item1.StartsWith('x'))
            .Distinct()
            .OrderBy(t => t.Item1, StringComparer.Ordinal)
            .Select(t => $"\"{t.Item1}\" = {t.Item2}");
        var pT4 = PublishedTables.For(Markets.Get(Market.Innovation).PublishedTable!);
        string rValue = pT4.Single(p => p.Statistic == "p_value" && p.Term == "x").Printed;
        string sigF = pT4.Single(p => p.Statistic == "f_pvalue").Printed;
        return new Finding(
            "mistranslated-labels",
            "The ToolPak labels are mistranslated",
            string.Join("; ", pairs) + ". The section headed \"Dispersion analysis\" is the ANOVA table.",
            $"\"R-Value\" is the p-value, not a correlation: in Table 4 the slope's \"R-Value\" {rValue} equals Significance F {sigF}, as a p-value must in simple regression. \"Normed R-square\" is the adjusted R², \"Leftover\" the residual row, \"Y-crossing\" the intercept.");
    }

    /// <summary>What the text claims from Tables 2-4, against what the fits can support.</summary>
    public static IEnumerable<Finding> Claims(string paperText, IReadOnlyList<MarketReproduction> reps)
    {
        var goods = reps.Single(r => r.Series.Spec.Market == Market.Goods);
        var fin = reps.Single(r => r.Series.Spec.Market == Market.Financial);
        var inn = reps.Single(r => r.Series.Spec.Market == Market.Innovation);

        // Table 4: "does not depend" from p = 0.30 with n = 10.
        Locate(paperText, "does not depend on the number of clusters");
        var fx = inn.Fit["x"];
        var ci = (Lower: fx.Lower95.Value, Upper: fx.Upper95.Value);
        double df = inn.Fit.DfResidual;
        // Smallest slope detectable with 80% power in a two-sided 5% t test (central-t approximation).
        double mds = (Distributions.StudentTQuantile(0.975, df) + Distributions.StudentTQuantile(0.80, df)) * fx.StdError.Value;
        double goodsSlope = goods.Fit["x"].Estimate;
        yield return new Finding(
            "table4-claim",
            "Table 4 cannot show that innovation \"does not depend\" on clusters",
            $"The text after Table 4 concludes absence of dependence from Significance F = {F4(inn.Fit.FPValue.Value)} and R² = {F4(inn.Fit.RSquared.Value)}. " +
            $"With n = {inn.Fit.N}, the slope is {F4(fx.Estimate)} (SE {F4(fx.StdError.Value)}) and its 95% interval [{F4(ci.Lower)}, {F4(ci.Upper)}] contains zero and also slopes up to {F1(ci.Upper / goodsSlope)} times Table 2's {F4(goodsSlope)}. " +
            $"A slope would have to be about {F4(mds)} per cluster to be detected with 80% power at this SE.",
            "A p-value of 0.30 from ten points is absence of evidence, not evidence of absence: the data are compatible with no effect and with an effect larger than the goods market's. The sentence also speaks of \"the number of innovation markets\", but y is the innovation pillar's score.");

        // Tables 2-3: "almost unchanged" per cluster, but not over the observed range.
        Locate(paperText, "remains almost unchanged");
        foreach (var r in new[] { goods, fin })
        {
            double slope = r.Fit["x"].Estimate;
            double xRange = r.Series.Clusters.Max() - r.Series.Clusters.Min();
            double yRange = r.Series.Score.Max() - r.Series.Score.Min();
            yield return new Finding(
                $"almost-unchanged-{r.TableId}",
                $"Table {r.Series.Spec.PublishedTable}: a slope of {F4(slope)} per cluster is not \"almost unchanged\"",
                $"Clusters rose by {xRange.ToString("0", Inv)} over the decade; the fitted slope then predicts a rise of {F2(slope * xRange)} points against an observed range of {F2(yRange)} points of the pillar score (p = {r.Fit["x"].PValue.Value.ToString("0.0E+00", Inv)}, R² = {F4(r.Fit.RSquared.Value)}).",
                "Per cluster the effect is small because one cluster is a small unit; over the range observed, the fitted line accounts for the pillar's whole movement. The regression cannot tell this from a shared time trend (see the alternative models).");
        }

        // The conclusion contradicts Tables 2-3.
        Locate(paperText, "not\n\ndetermined by cluster processes", "not determined by cluster processes");
        yield return new Finding(
            "conclusion-contradiction",
            "The conclusion that market quality is \"not determined by cluster processes\" does not follow",
            $"Tables 2 and 3 report significant positive slopes (p = {goods.Fit["x"].PValue.Value.ToString("0.0E+00", Inv)} and {F4(fin.Fit["x"].PValue.Value)}); only Table 4 is not significant (p = {F4(inn.Fit["x"].PValue.Value)}). Durbin-Watson statistics of the three fits: {string.Join(", ", reps.Select(r => F2(r.Fit.DurbinWatson.Value)))}.",
            "Neither reading is supported: significant slopes on ten trending yearly points do not show that clusters determine the scores, and a non-significant slope does not show that they do not. What the tables do show is co-movement over 2009-2018.");
    }

    /// <summary>The transcription the findings cite, as messages name it.</summary>
    private const string PaperFile = "seeds/paper.md";

    /// <summary>The title line of Table <paramref name="number"/> in the paper (its first occurrence).</summary>
    public static string TableTitle(string paperText, string number)
    {
        string marker = $"**Table {number}.**";
        int i = paperText.IndexOf(marker, StringComparison.Ordinal);
        if (i < 0)
            throw new Data.DataFileException(PaperFile, 1, null, null, $"the paper's transcription has no title for Table {number} ('{marker}').");
        int end = paperText.IndexOf('\n', i);
        return paperText[(i + marker.Length)..(end < 0 ? paperText.Length : end)].Trim();
    }

    /// <summary>Fails unless one of the phrases occurs in the paper (the finding's locator).</summary>
    private static void Locate(string paperText, params string[] phrases)
    {
        if (!phrases.Any(p => paperText.Contains(p, StringComparison.Ordinal)))
            throw new Data.DataFileException(PaperFile, 1, null, null, $"the paper's transcription does not contain '{phrases[0]}'; the finding that cites it cannot be located.");
    }

    private static string F1(double v) => NumberFormat.Fixed(v, 1);
    private static string F2(double v) => NumberFormat.Fixed(v, 2);
    private static string F4(double v) => NumberFormat.Fixed(v, 4);
}
