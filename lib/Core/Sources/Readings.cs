using System.Globalization;
using NotebookAnalysis.Data;

namespace NotebookAnalysis.Sources;

/// <summary>What the paper reads from one of Tables 2-4, quoted from its text.</summary>
/// <param name="Spec">The table.</param>
/// <param name="Quote">The paper's sentence (located in <c>seeds/paper.md</c> when the readings are built).</param>
/// <param name="ClaimsDependence">True for Tables 2-3 (the score grows with clusters), false for Table 4 ("does not depend").</param>
public sealed record PaperReading(MarketSpec Spec, string Quote, bool ClaimsDependence);

/// <summary>The fate of one reading on one re-run: the paper's own criterion (a slope significant at 5%) applied to it.</summary>
/// <param name="Reading">The paper's reading.</param>
/// <param name="Fit">The re-run.</param>
public sealed record ReadingOutcome(PaperReading Reading, RerunFit Fit)
{
    /// <summary>The paper's criterion: Significance F (= the slope's p-value in simple regression) below 0.05.</summary>
    public const double Alpha = 0.05;

    /// <summary>Whether the slope is significant at 5%.</summary>
    public bool Significant => Fit.Slope.PValue < Alpha;

    /// <summary>Whether the reading survives on this fit, by the paper's own criterion.</summary>
    public bool Holds => Reading.ClaimsDependence ? Significant && Fit.Slope.Estimate > 0 : !Significant;

    /// <summary>One clause: what the criterion says on this fit.</summary>
    public string Verdict => (Reading.ClaimsDependence, Significant, Fit.Slope.Estimate > 0) switch
    {
        (true, true, true) => "positive and significant at 5%: the reading's direction holds",
        (true, true, false) => "negative and significant at 5%: the reading is reversed",
        (true, false, _) => "not significant at 5%: the paper's criterion would not give the reading",
        (false, false, _) => "not significant at 5%: the paper's criterion gives the same reading (absence of evidence, not evidence of absence)",
        (false, true, true) => "positive and significant at 5%: the paper's own criterion would find dependence",
        (false, true, false) => "negative and significant at 5%: the paper's own criterion would find (negative) dependence",
    };
}

/// <summary>The paper's three readings of Tables 2-4.</summary>
public static class Readings
{
    /// <summary>The readings, each located in <paramref name="paperText"/>; throws if the transcription no longer holds a quote.</summary>
    public static IReadOnlyList<PaperReading> FromPaper(string paperText)
    {
        var readings = new List<PaperReading>
        {
            new(Markets.Goods, "quality of goods markets grows by 0.0066 point (i.e., remains almost unchanged) with growth of the number of clusters by 1", true),
            new(Markets.Financial, "quality of financial markets grows by 0.0063 points (i.e., remains almost unchanged) with growth of the number of clusters by 1", true),
            new(Markets.Innovation, "the number of innovation markets does not depend on the number of clusters in them, as significance F (0.3031) exceeds 0.05", false),
        };
        foreach (var r in readings)
            if (!paperText.Contains(r.Quote, StringComparison.Ordinal))
                throw new InvalidOperationException($"The paper's transcription does not contain the reading of Table {r.Spec.PublishedTable!.Value.ToString(CultureInfo.InvariantCulture)}: '{r.Quote}'.");
        return readings;
    }
}
