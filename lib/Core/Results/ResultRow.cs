namespace NotebookAnalysis.Results;

/// <summary>
/// One row of <c>results/results.csv</c>, the long-format file that every analysis appends to:
/// <c>table,model,statistic,term,value</c>.
/// </summary>
/// <param name="Table"><c>T2_goods</c>, <c>T3_financial</c> or <c>T4_innovation</c>.</param>
/// <param name="Model"><c>base</c> for the paper's model; alternative models and resampling add their own names.</param>
/// <param name="Statistic">A name from the results vocabulary, e.g. <c>estimate</c>, <c>r_squared</c>.</param>
/// <param name="Term"><c>intercept</c>, <c>x</c>, … for per-coefficient rows; empty for model rows.</param>
/// <param name="Value">The value at full double precision. Never NaN or infinite.</param>
public sealed record ResultRow(string Table, string Model, string Statistic, string Term, double Value);
