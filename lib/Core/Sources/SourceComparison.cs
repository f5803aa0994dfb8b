using System.Globalization;
using NotebookAnalysis.Data;

namespace NotebookAnalysis.Sources;

/// <summary>How many cells of one pillar column agree under one mapping.</summary>
/// <param name="Mapping">The year-to-edition mapping.</param>
/// <param name="Market">The paper's market (pillar column).</param>
/// <param name="Cells">The column's cells (Table 1's years).</param>
/// <param name="Checked">Cells with a WEF score in the extract.</param>
/// <param name="Agree">Checked cells that agree after rounding.</param>
/// <param name="Undecidable">Checked cells whose WEF score has too few digits to decide its rounding (neither agree nor disagree).</param>
public sealed record AgreementCount(EditionMapping Mapping, Market Market, int Cells, int Checked, int Agree, int Undecidable)
{
    /// <summary>Cells without a WEF score in the extract.</summary>
    public int NotInExtract => Cells - Checked;
}

/// <summary>
/// Table 1's three score columns compared cell by cell with the WEF's scores under every year-to-edition mapping
/// (<see cref="EditionMapping.All"/>). Build it with <see cref="Compare"/>; immutable.
/// </summary>
public sealed class SourceComparison
{
    private SourceComparison(Table1 paper, WefExtract wef, IReadOnlyList<EditionMapping> mappings, List<CellComparison> cells)
    {
        Paper = paper;
        Wef = wef;
        Mappings = mappings;
        Cells = cells;
        Counts = (from m in mappings
                  from spec in Markets.Paper
                  let column = cells.Where(c => c.Mapping == m && c.Market == spec.Market).ToList()
                  select new AgreementCount(m, spec.Market, column.Count,
                      column.Count(c => c.Status != CellStatus.NotInExtract),
                      column.Count(c => c.Status == CellStatus.Agrees),
                      column.Count(c => c.Status == CellStatus.Undecidable))).ToList();
    }

    /// <summary>Table 1 as read.</summary>
    public Table1 Paper { get; }

    /// <summary>The WEF extract as read.</summary>
    public WefExtract Wef { get; }

    /// <summary>The mappings compared, in order of k.</summary>
    public IReadOnlyList<EditionMapping> Mappings { get; }

    /// <summary>Every cell: mapping, then market in table order, then year.</summary>
    public IReadOnlyList<CellComparison> Cells { get; }

    /// <summary>Counts per mapping and market, in the same order.</summary>
    public IReadOnlyList<AgreementCount> Counts { get; }

    /// <summary>Cells agreeing under <paramref name="mapping"/>, over the three pillars.</summary>
    public int TotalAgree(EditionMapping mapping) => Counts.Where(c => c.Mapping == mapping).Sum(c => c.Agree);

    /// <summary>Cells whose rounding the WEF's stored digits cannot decide under <paramref name="mapping"/>, over the three pillars.</summary>
    public int TotalUndecidable(EditionMapping mapping) => Counts.Where(c => c.Mapping == mapping).Sum(c => c.Undecidable);

    /// <summary>Cells checked under <paramref name="mapping"/>, over the three pillars.</summary>
    public int TotalChecked(EditionMapping mapping) => Counts.Where(c => c.Mapping == mapping).Sum(c => c.Checked);

    /// <summary>
    /// The mapping with the most agreeing cells; among equals, the one with the higher share of checked cells agreeing,
    /// then the one closest to the natural mapping (smallest |k|, then the larger k).
    /// </summary>
    public EditionMapping Best =>
        Mappings.OrderByDescending(TotalAgree)
            .ThenByDescending(m => TotalChecked(m) == 0 ? 0.0 : (double)TotalAgree(m) / TotalChecked(m))
            .ThenBy(m => Math.Abs(m.K)).ThenByDescending(m => m.K).First();

    /// <summary>Mappings that tie with <see cref="Best"/> on the number of agreeing cells (including it).</summary>
    public IReadOnlyList<EditionMapping> TiedForBest => Mappings.Where(m => TotalAgree(m) == TotalAgree(Best)).ToList();

    /// <summary>Mappings under which every checked cell agrees and at least one cell is checked.</summary>
    public IReadOnlyList<EditionMapping> MappingsAgreeingOnEveryCheckedCell =>
        Mappings.Where(m => TotalChecked(m) > 0 && TotalAgree(m) == TotalChecked(m)).ToList();

    /// <summary>Mappings that reproduce the whole table: every cell of the three columns is in the extract and agrees.</summary>
    public IReadOnlyList<EditionMapping> MappingsReproducingTable =>
        Mappings.Where(m => Counts.Where(c => c.Mapping == m).All(c => c.Agree == c.Cells)).ToList();

    /// <summary>The cells of one mapping and market, by year.</summary>
    public IReadOnlyList<CellComparison> Column(EditionMapping mapping, Market market) =>
        Cells.Where(c => c.Mapping == mapping && c.Market == market).ToList();

    /// <summary>The count of one mapping and market.</summary>
    public AgreementCount Count(EditionMapping mapping, Market market) =>
        Counts.Single(c => c.Mapping == mapping && c.Market == market);

    /// <summary>
    /// Compares every score cell of <paramref name="paper"/> with <paramref name="wef"/> under each mapping.
    /// </summary>
    /// <exception cref="DataFileException">A score of Table 1 is not on the 0.1 grid the comparison rounds to.</exception>
    public static SourceComparison Compare(Table1 paper, WefExtract wef, IReadOnlyList<EditionMapping>? mappings = null)
    {
        mappings ??= EditionMapping.All;
        var printed = new Dictionary<Market, decimal[]>();
        foreach (var spec in Markets.Paper)
        {
            var column = paper.Column(spec.Y);
            var values = new decimal[column.Length];
            for (int i = 0; i < column.Length; i++)
            {
                values[i] = ScoreRounding.FromPrinted(column[i]);
                if (!ScoreRounding.OnGrid(values[i]))
                    throw new DataFileException(paper.Source, paper.LineOfRow[i], null, null,
                        $"{spec.Y} = '{column[i].ToString("R", CultureInfo.InvariantCulture)}' has more than one decimal; the comparison with the WEF rounds to 0.1, as Table 1 prints its scores.");
            }
            printed[spec.Market] = values;
        }

        var cells = new List<CellComparison>();
        foreach (var m in mappings)
            foreach (var spec in Markets.Paper)
                for (int i = 0; i < paper.RowCount; i++)
                {
                    int year = paper.Years[i];
                    cells.Add(new CellComparison(m, spec.Market, year, m.EditionLabel(year), printed[spec.Market][i],
                        wef.Find(Pillars.Of(spec.Market), m.EditionYearEnd(year))));
                }
        return new SourceComparison(paper, wef, mappings, cells);
    }
}
