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

/// <summary>One market: a row of a market description, mapping the market onto columns of the data file.</summary>
/// <param name="Id">The market id, used as the <c>table</c> column of <c>results.csv</c> (<c>T2_goods</c>…).</param>
/// <param name="Y">The data column holding y.</param>
/// <param name="X">The data column holding x, or several separated by <c>;</c> (<see cref="XColumns"/>), as the description writes it.</param>
/// <param name="Label">Plain-language title of the regression, for reports and charts.</param>
/// <param name="PublishedTable">The id of the printed table this market reproduces (the <c>table</c> column of the printed
/// tables; <c>2</c>, <c>3</c>, <c>4</c> for the paper), or null when none is printed: only such markets get verdicts.</param>
public sealed record MarketSpec(string Id, string Y, string X, string Label, string? PublishedTable = null)
{
    /// <summary>The id as a <see cref="Data.Market"/>.</summary>
    public Market Market => new(Id);

    /// <summary>The x columns, in the description's order: one for the paper's markets, up to 16.</summary>
    public IReadOnlyList<string> XColumns => X.Split(';');

    /// <summary>True when the market has one regressor: the sections built on one x (alternative models, resampling,
    /// rounding, charts of x) run only for such markets.</summary>
    public bool HasOneRegressor => !X.Contains(';');

    /// <summary>The fit's term names of the regressors: <c>x</c> for one regressor, else the column names.</summary>
    public IReadOnlyList<string> Terms => HasOneRegressor ? ["x"] : XColumns;

    /// <summary>True when a printed regression table is given for this market.</summary>
    public bool HasPublishedTable => PublishedTable is not null;

    /// <summary>The paper's symbol for y (y1 for Table 2…), or null for a market that is not one of the paper's.</summary>
    public string? PaperY => PaperIndex is int i ? $"y{i}" : null;

    /// <summary>The paper's symbol for x (x1 for Table 2…), or null for a market that is not one of the paper's.</summary>
    public string? PaperX => PaperIndex is int i ? $"x{i}" : null;

    private int? PaperIndex => MarketDescription.Bundled.Specs.ToList().IndexOf(this) is int i and >= 0 ? i + 1 : null;

    /// <summary>How reports head this market: "Table 2" for a printed table, else "Market ID".</summary>
    public string Heading => PublishedTable is { } t ? $"Table {t}" : $"Market {Id}";
}

/// <summary>
/// The paper's markets, read from the bundled description <c>seeds/data/markets.csv</c>. Code about the data takes its
/// markets from <see cref="Table1.Markets"/> instead; these are for code about the paper (its printed tables, its text and
/// the WEF sources of its Table 1).
/// </summary>
public static class Markets
{
    /// <summary>The paper's three markets, in the order of Tables 2, 3, 4.</summary>
    public static IReadOnlyList<MarketSpec> Paper => MarketDescription.Bundled.Specs;

    /// <summary>The paper's market <paramref name="market"/> (e.g. <c>Markets.Get(Market.Goods)</c>).</summary>
    public static MarketSpec Get(Market market) => MarketDescription.Bundled[market];
}
