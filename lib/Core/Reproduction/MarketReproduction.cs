using NotebookAnalysis.Data;
using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Reproduction;

/// <summary>Everything the reproduction of one published table needs: the data, the fit, the verdicts and the checks.</summary>
public sealed class MarketReproduction
{
    private readonly Lazy<IReadOnlyList<Verdict>> _verdicts;
    private readonly Lazy<IReadOnlyList<ConsistencyCheck>> _consistency;

    private MarketReproduction(MarketSeries series, OlsResult fit, IReadOnlyList<PublishedNumber> published)
    {
        Series = series;
        Fit = fit;
        Published = published;
        _verdicts = new(() => NotebookAnalysis.Reproduction.Verdicts.Compare(Fit, Published));
        _consistency = new(() => NotebookAnalysis.Reproduction.Consistency.Check(Published));
    }

    /// <summary>The market's series (y = score, x = clusters).</summary>
    public MarketSeries Series { get; }

    /// <summary>The paper's model refitted: score on clusters with an intercept.</summary>
    public OlsResult Fit { get; }

    /// <summary>The 27 numbers the paper prints for this table.</summary>
    public IReadOnlyList<PublishedNumber> Published { get; }

    /// <summary>One verdict per published number.</summary>
    public IReadOnlyList<Verdict> Verdicts => _verdicts.Value;

    /// <summary>The internal-consistency checks of the printed numbers.</summary>
    public IReadOnlyList<ConsistencyCheck> Consistency => _consistency.Value;

    /// <summary>The table id, e.g. <c>T2_goods</c>.</summary>
    public string TableId => Series.Spec.TableId;

    /// <summary>Fits the paper's model for <paramref name="market"/> and pairs it with the published table.</summary>
    public static MarketReproduction For(Table1 data, Market market)
    {
        var series = data.Series(market);
        OlsResult fit;
        try
        {
            fit = Ols.FitSimple(series.Clusters, series.Score, "base");
        }
        catch (ModelException e)
        {
            throw e.In($"{series.Spec.TableId} ({series.Spec.Market.ToString().ToLowerInvariant()} market: {series.Spec.ScoreColumn} on {series.Spec.ClusterColumn})");
        }
        return new MarketReproduction(series, fit, PublishedTables.For(series.Spec.TableId));
    }

    /// <summary>All three tables, in the paper's order.</summary>
    public static IReadOnlyList<MarketReproduction> All(Table1 data) =>
        Markets.All.Select(m => For(data, m.Market)).ToList();
}
