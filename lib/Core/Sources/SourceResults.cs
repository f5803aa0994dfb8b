using NotebookAnalysis.Data;
using NotebookAnalysis.Results;

namespace NotebookAnalysis.Sources;

/// <summary>The rows of <c>results/sources.csv</c>, in the long format of <c>results.csv</c>.</summary>
public static class SourceResults
{
    /// <summary>
    /// Per table: the agreement counts of each mapping (model <c>cells_k0</c>, <c>cells_km1</c>, …; statistics
    /// <c>cells</c>, <c>checked</c>, <c>agree</c>, <c>undecidable</c>, <c>not_in_extract</c>), then every statistic of
    /// every re-run (models <c>wef_km1_2009_2017</c>, <c>paper_2009_2017</c>, <c>wef_k0_2009_2018</c>, <c>paper_2009_2018</c>, …).
    /// </summary>
    public static IReadOnlyList<ResultRow> Rows(SourceComparison comparison, IReadOnlyList<RerunFit> fits)
    {
        var rows = new List<ResultRow>();
        foreach (var spec in Markets.Paper)
        {
            foreach (var m in comparison.Mappings)
            {
                var c = comparison.Count(m, spec.Market);
                string model = "cells_" + m.Name;
                rows.Add(new ResultRow(spec.Id, model, "cells", "", c.Cells));
                rows.Add(new ResultRow(spec.Id, model, "checked", "", c.Checked));
                rows.Add(new ResultRow(spec.Id, model, "agree", "", c.Agree));
                rows.Add(new ResultRow(spec.Id, model, "undecidable", "", c.Undecidable));
                rows.Add(new ResultRow(spec.Id, model, "not_in_extract", "", c.NotInExtract));
            }
            foreach (var f in fits.Where(f => f.Spec == spec))
                rows.AddRange(FitRows.From(f.Fit, spec.Id, f.Model));
        }
        return rows;
    }
}
