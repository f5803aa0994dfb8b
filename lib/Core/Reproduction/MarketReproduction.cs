using System.Globalization;
using NotebookAnalysis.Data;
using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Reproduction;

/// <summary>
/// One market's base fit (the paper's model: score on clusters with an intercept) and, when the market reproduces one of
/// the paper's printed tables, the printed numbers, the verdicts on them and their consistency checks.
/// </summary>
public sealed class MarketReproduction
{
    private readonly Lazy<IReadOnlyList<Verdict>> _verdicts;
    private readonly Lazy<IReadOnlyList<ConsistencyCheck>> _consistency;

    private MarketReproduction(MarketSeries series, OlsResult fit, IReadOnlyList<PublishedNumber> published)
    {
        Series = series;
        Fit = fit;
        Published = published;
        _verdicts = new(() => Published.Count == 0 ? [] : NotebookAnalysis.Reproduction.Verdicts.Compare(Fit, Published));
        // Without a printed table there is nothing to check (Consistency.Check refuses an empty table).
        _consistency = new(() => Published.Count == 0 ? [] : NotebookAnalysis.Reproduction.Consistency.Check(Published));
    }

    /// <summary>The market's series (y = score, x = clusters).</summary>
    public MarketSeries Series { get; }

    /// <summary>The market.</summary>
    public MarketSpec Spec => Series.Spec;

    /// <summary>The paper's model fitted to this market: score on clusters with an intercept.</summary>
    public OlsResult Fit { get; }

    /// <summary>The 27 numbers the paper prints for this market's table; empty when the market has no printed table.</summary>
    public IReadOnlyList<PublishedNumber> Published { get; }

    /// <summary>True when the paper prints a table for this market, so that verdicts exist.</summary>
    public bool HasPublishedTable => Published.Count > 0;

    /// <summary>One verdict per published number (none without a printed table).</summary>
    public IReadOnlyList<Verdict> Verdicts => _verdicts.Value;

    /// <summary>The internal-consistency checks of the printed numbers (none without a printed table).</summary>
    public IReadOnlyList<ConsistencyCheck> Consistency => _consistency.Value;

    /// <summary>The market id, e.g. <c>T2_goods</c>.</summary>
    public string TableId => Series.Spec.TableId;

    /// <summary>Fits the paper's model for <paramref name="market"/> and pairs it with its printed table, if any.</summary>
    /// <exception cref="ModelException">The base model cannot be fitted (names the market and its columns).</exception>
    /// <exception cref="DataFileException">The description names a printed table the paper does not print (names its line).</exception>
    public static MarketReproduction For(Table1 data, Market market)
    {
        var series = data.Series(market);
        var published = PrintedTable(data.Markets, series.Spec);
        OlsResult fit;
        try
        {
            fit = Ols.FitSimple(series.Clusters, series.Score, "base");
        }
        catch (ModelException e)
        {
            throw e.In($"{series.Spec.TableId} (market {series.Spec.Id}: {series.Spec.ScoreColumn} on {series.Spec.CountColumn})");
        }
        return new MarketReproduction(series, fit, published);
    }

    /// <summary>Every market of <paramref name="data"/>, in the description's order.</summary>
    public static IReadOnlyList<MarketReproduction> All(Table1 data) =>
        data.Markets.Specs.Select(m => For(data, m.Market)).ToList();

    /// <summary>
    /// The printed numbers of the table <paramref name="spec"/> names. The bundled description maps each printed table to
    /// the id its numbers carry in <c>seeds/published/tables2-4.csv</c>.
    /// </summary>
    private static IReadOnlyList<PublishedNumber> PrintedTable(MarketDescription markets, MarketSpec spec)
    {
        if (spec.PublishedTable is not int table) return [];
        var printed = MarketDescription.Bundled.Specs.FirstOrDefault(b => b.PublishedTable == table);
        if (printed is null)
            throw new DataFileException(markets.Source, markets.LineOf(spec.Id), null, MarketDescription.PublishedTableColumn,
                $"market {spec.Id} names table {table.ToString(CultureInfo.InvariantCulture)}, but the paper prints regression tables {string.Join(", ", MarketDescription.Bundled.Specs.Select(b => b.PublishedTable!.Value.ToString(CultureInfo.InvariantCulture)))} only; leave the cell empty.");
        return PublishedTables.For(printed.Id);
    }
}
