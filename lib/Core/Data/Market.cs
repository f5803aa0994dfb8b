namespace NotebookAnalysis.Data;

/// <summary>The three markets the paper regresses, one per published table.</summary>
public enum Market
{
    /// <summary>6th WEF pillar, goods market efficiency; Table 2.</summary>
    Goods,

    /// <summary>8th WEF pillar, financial market development; Table 3.</summary>
    Financial,

    /// <summary>12th WEF pillar, innovation; Table 4.</summary>
    Innovation,
}

/// <summary>How one market maps onto Table 1's columns and onto the published regression table.</summary>
/// <param name="Market">The market.</param>
/// <param name="TableId">Identifier used in results files: <c>T2_goods</c>, <c>T3_financial</c>, <c>T4_innovation</c>.</param>
/// <param name="PublishedTable">Number of the paper's table holding the regression (2, 3, 4).</param>
/// <param name="ScoreColumn">Column of <c>table1.csv</c> holding the WEF pillar score (y).</param>
/// <param name="ClusterColumn">Column of <c>table1.csv</c> holding the number of clusters (x).</param>
/// <param name="PaperY">The paper's symbol for y (y1, y2, y3).</param>
/// <param name="PaperX">The paper's symbol for x (x1, x2, x3).</param>
/// <param name="Title">Plain-language title of the regression.</param>
public sealed record MarketSpec(
    Market Market,
    string TableId,
    int PublishedTable,
    string ScoreColumn,
    string ClusterColumn,
    string PaperY,
    string PaperX,
    string Title);

/// <summary>The fixed mapping between markets, data columns and published tables.</summary>
public static class Markets
{
    public static MarketSpec Goods { get; } = new(Market.Goods, "T2_goods", 2,
        "goods_market_efficiency", "goods_clusters", "y1", "x1",
        "Goods market efficiency (6th pillar) on the number of clusters in goods markets");

    public static MarketSpec Financial { get; } = new(Market.Financial, "T3_financial", 3,
        "financial_market_development", "financial_clusters", "y2", "x2",
        "Financial market development (8th pillar) on the number of clusters in financial markets");

    public static MarketSpec Innovation { get; } = new(Market.Innovation, "T4_innovation", 4,
        "innovation", "innovation_clusters", "y3", "x3",
        "Innovation (12th pillar) on the number of clusters in innovation markets");

    /// <summary>All three, in the paper's order (Tables 2, 3, 4).</summary>
    public static IReadOnlyList<MarketSpec> All { get; } = [Goods, Financial, Innovation];

    /// <summary>The spec of <paramref name="market"/>.</summary>
    public static MarketSpec Get(Market market) => market switch
    {
        Market.Goods => Goods,
        Market.Financial => Financial,
        Market.Innovation => Innovation,
        _ => throw new ArgumentOutOfRangeException(nameof(market), market, "Unknown market."),
    };

    /// <summary>The spec whose <see cref="MarketSpec.TableId"/> is <paramref name="tableId"/>.</summary>
    public static MarketSpec ByTableId(string tableId) =>
        All.FirstOrDefault(m => m.TableId == tableId)
        ?? throw new ArgumentException($"Unknown table id '{tableId}'. Known: {string.Join(", ", All.Select(m => m.TableId))}.", nameof(tableId));
}
