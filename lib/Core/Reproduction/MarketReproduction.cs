using System.Globalization;
using NotebookAnalysis.Data;
using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Reproduction;

/// <summary>
/// One market's base fit (y on its regressors with an intercept; for the paper, score on clusters) and, when a printed
/// table is given for the market, the printed numbers, the verdicts on them and their consistency checks.
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
        // Without a printed table both are empty.
        _verdicts = new(() => NotebookAnalysis.Reproduction.Verdicts.Compare(Fit, Published));
        _consistency = new(() => NotebookAnalysis.Reproduction.Consistency.Check(Published));
    }

    /// <summary>The market's series (y and its regressors; for the paper, score and clusters).</summary>
    public MarketSeries Series { get; }

    /// <summary>The market.</summary>
    public MarketSpec Spec => Series.Spec;

    /// <summary>The paper's model fitted to this market: score on clusters with an intercept.</summary>
    public OlsResult Fit { get; }

    /// <summary>The numbers printed for this market's table (27 for each of the paper's); empty without a printed table.</summary>
    public IReadOnlyList<PublishedNumber> Published { get; }

    /// <summary>True when the paper prints a table for this market, so that verdicts exist.</summary>
    public bool HasPublishedTable => Published.Count > 0;

    /// <summary>One verdict per published number (none without a printed table).</summary>
    public IReadOnlyList<Verdict> Verdicts => _verdicts.Value;

    /// <summary>The internal-consistency checks of the printed numbers (none without a printed table).</summary>
    public IReadOnlyList<ConsistencyCheck> Consistency => _consistency.Value;

    /// <summary>The market id, e.g. <c>T2_goods</c>.</summary>
    public string TableId => Series.Spec.Id;

    /// <summary>
    /// Fits the market's base model (y on its regressors with an intercept) and pairs it with its printed table, if any,
    /// from <paramref name="printed"/> (the bundled Tables 2-4 when null).
    /// </summary>
    /// <exception cref="ModelException">The base model cannot be fitted (names the market and its columns).</exception>
    /// <exception cref="DataFileException">The description names a table the printed file lacks, or the table prints a term
    /// that is not a regressor of the market (names the line).</exception>
    public static MarketReproduction For(Table1 data, Market market, PublishedTables? printed = null)
    {
        var series = data.Series(market);
        var spec = series.Spec;
        var published = PrintedTable(data.Markets, spec, printed ?? PublishedTables.Bundled);
        OlsResult fit;
        try
        {
            fit = Ols.Fit(Design.WithIntercept("base", [.. spec.Terms.Select((t, j) => (t, series.Regressors[j].ToArray()))]), series.Score);
        }
        catch (ModelException e)
        {
            throw e.In($"{spec.Id} (market {spec.Id}: {spec.Y} on {spec.X})");
        }
        return new MarketReproduction(series, fit, published);
    }

    /// <summary>Every market of <paramref name="data"/>, in the description's order, with <paramref name="printed"/> (the
    /// bundled Tables 2-4 when null).</summary>
    public static IReadOnlyList<MarketReproduction> All(Table1 data, PublishedTables? printed = null) =>
        data.Markets.Specs.Select(m => For(data, m.Market, printed)).ToList();

    /// <summary>The printed numbers of the table <paramref name="spec"/> names, each term checked against its regressors.</summary>
    private static IReadOnlyList<PublishedNumber> PrintedTable(MarketDescription markets, MarketSpec spec, PublishedTables printed)
    {
        if (spec.PublishedTable is not { } table) return [];
        var numbers = printed.Numbers.Where(p => p.Table == table).ToList();
        if (numbers.Count == 0)
            throw new DataFileException(markets.Source, markets.LineOf(spec.Id), null, MarketDescription.PublishedTableColumn,
                $"market {spec.Id} names table {table}, but {printed.Source} holds tables {string.Join(", ", printed.Numbers.Select(p => p.Table).Distinct())} only.");
        var terms = spec.Terms.Prepend(Design.InterceptTerm).ToList();
        if (numbers.FirstOrDefault(p => p.Term.Length > 0 && !terms.Contains(p.Term)) is { } stray)
            throw new DataFileException(printed.Source, stray.Line, 4, "term",
                $"{Diagnostics.MessageText.Quote(stray.Term)} is not a term of market {spec.Id} (table {table}); its terms are {string.Join(", ", terms)}.");
        return numbers;
    }
}
