namespace NotebookAnalysis.Data;

/// <summary>
/// A market's id: the value of the <c>market</c> column of a market description (<see cref="MarketDescription"/>) and the
/// <c>table</c> column of <c>results.csv</c>. The three static ids name the paper's markets in the bundled description;
/// code about the paper itself (its printed tables, its text, the WEF sources) uses them, code about the data never does.
/// </summary>
/// <param name="Id">The id, e.g. <c>T2_goods</c>.</param>
public readonly record struct Market(string Id)
{
    /// <summary>The paper's goods market (6th WEF pillar; Table 2).</summary>
    public static Market Goods { get; } = new("T2_goods");

    /// <summary>The paper's financial market (8th WEF pillar; Table 3).</summary>
    public static Market Financial { get; } = new("T3_financial");

    /// <summary>The paper's innovation market (12th WEF pillar; Table 4).</summary>
    public static Market Innovation { get; } = new("T4_innovation");

    /// <summary>A market id from its text, e.g. <c>"T2_goods"</c>.</summary>
    public static implicit operator Market(string id) => new(id);

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>One market: a row of a market description, mapping the market onto two columns of the data file.</summary>
/// <param name="Id">The market id, used as the <c>table</c> column of <c>results.csv</c> (<c>T2_goods</c>…).</param>
/// <param name="ScoreColumn">The data column holding the score (y), on the WEF's 1-7 scale.</param>
/// <param name="CountColumn">The data column holding the count of clusters (x), a whole number.</param>
/// <param name="Label">Plain-language title of the regression, for reports and charts.</param>
/// <param name="PublishedTable">The number of the paper's printed table this market reproduces (2, 3, 4), or null when the
/// paper prints none for it: only such markets get verdicts against printed numbers.</param>
public sealed record MarketSpec(string Id, string ScoreColumn, string CountColumn, string Label, int? PublishedTable = null)
{
    /// <summary>The id as a <see cref="Data.Market"/>.</summary>
    public Market Market => new(Id);

    /// <summary>The id as results files write it (the <c>table</c> column): the same as <see cref="Id"/>.</summary>
    public string TableId => Id;

    /// <summary>The same as <see cref="CountColumn"/>: x is the number of clusters.</summary>
    public string ClusterColumn => CountColumn;

    /// <summary>The same as <see cref="Label"/>.</summary>
    public string Title => Label;

    /// <summary>True when the paper prints a regression table for this market.</summary>
    public bool HasPublishedTable => PublishedTable is not null;

    /// <summary>The paper's symbol for y (y1 for Table 2, y2 for Table 3…), or null without a printed table.</summary>
    public string? PaperY => PublishedTable is int t ? $"y{t - 1}" : null;

    /// <summary>The paper's symbol for x (x1 for Table 2…), or null without a printed table.</summary>
    public string? PaperX => PublishedTable is int t ? $"x{t - 1}" : null;

    /// <summary>How reports head this market: "Table 2" for a printed table, else "Market ID".</summary>
    public string Heading => PublishedTable is int t ? $"Table {t.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : $"Market {Id}";
}

/// <summary>
/// The paper's markets, read from the bundled description <c>seeds/data/markets.csv</c>. Code about the data takes its
/// markets from <see cref="Table1.Markets"/> instead; these are for code about the paper (its printed tables, its text and
/// the WEF sources of its Table 1).
/// </summary>
public static class Markets
{
    /// <summary>The paper's goods market.</summary>
    public static MarketSpec Goods => MarketDescription.Bundled[Market.Goods];

    /// <summary>The paper's financial market.</summary>
    public static MarketSpec Financial => MarketDescription.Bundled[Market.Financial];

    /// <summary>The paper's innovation market.</summary>
    public static MarketSpec Innovation => MarketDescription.Bundled[Market.Innovation];

    /// <summary>The paper's three markets, in the order of Tables 2, 3, 4.</summary>
    public static IReadOnlyList<MarketSpec> Paper => MarketDescription.Bundled.Specs;

    /// <summary>The paper's market <paramref name="market"/>.</summary>
    public static MarketSpec Get(Market market) => MarketDescription.Bundled[market];
}
