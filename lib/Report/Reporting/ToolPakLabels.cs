using NotebookAnalysis.Reproduction;

namespace NotebookAnalysis.Report.Reporting;

/// <summary>The labels of Excel's Analysis ToolPak "SUMMARY OUTPUT", in its English original or as a table of the paper prints them.</summary>
public sealed record ToolPakLabels(
    string RegressionStatistics, string MultipleR, string RSquare, string AdjustedRSquare, string StandardError, string Observations,
    string Anova, string Regression, string Residual, string Total, string Df, string Ss, string Ms, string F, string SignificanceF,
    string Coefficients, string CoefStandardError, string TStat, string PValue, string Lower95, string Upper95,
    string Intercept, string XVariable)
{
    /// <summary>Excel's own English labels.</summary>
    public static ToolPakLabels Standard { get; } = new(
        "Regression Statistics", "Multiple R", "R Square", "Adjusted R Square", "Standard Error", "Observations",
        "ANOVA", "Regression", "Residual", "Total", "df", "SS", "MS", "F", "Significance F",
        "Coefficients", "Standard Error", "t Stat", "P-value", "Lower 95%", "Upper 95%",
        "Intercept", "X Variable 1");

    /// <summary>The labels as a paper prints them in one table, read from its printed numbers; a cell it does not print keeps
    /// the standard label. The regressor's label is that of the first regressor.</summary>
    public static ToolPakLabels Paper(IReadOnlyList<PublishedNumber> table)
    {
        var s = Standard;
        string x = table.FirstOrDefault(n => n.Term is { Length: > 0 } and not "intercept")?.Term ?? "x";
        string Row(string fallback, string statistic, string term = "") => table.FirstOrDefault(n => n.Statistic == statistic && n.Term == term)?.PaperRow ?? fallback;
        string Col(string fallback, string statistic, string term = "") => table.FirstOrDefault(n => n.Statistic == statistic && n.Term == term)?.PaperColumn ?? fallback;
        // The two section headings are not numbers, so they are not in the published file; the bundled paper prints them so.
        bool paper = table.Count > 0 && PublishedTables.All.Contains(table[0]);
        return new(
            paper ? "Regression statistics" : s.RegressionStatistics, Row(s.MultipleR, "multiple_r"), Row(s.RSquare, "r_squared"), Row(s.AdjustedRSquare, "adj_r_squared"), Row(s.StandardError, "sigma"), Row(s.Observations, "nobs"),
            paper ? "Dispersion analysis" : s.Anova, Row(s.Regression, "ss_regression"), Row(s.Residual, "ss_residual"), Row(s.Total, "ss_total"), Col(s.Df, "df_model"), Col(s.Ss, "ss_regression"), Col(s.Ms, "ms_regression"), Col(s.F, "f_stat"), Col(s.SignificanceF, "f_pvalue"),
            Col(s.Coefficients, "estimate", x), Col(s.CoefStandardError, "std_error", x), Col(s.TStat, "t_value", x), Col(s.PValue, "p_value", x), Col(s.Lower95, "ci95_lower", x), Col(s.Upper95, "ci95_upper", x),
            Row(s.Intercept, "estimate", "intercept"), Row(s.XVariable, "estimate", x));
    }

    /// <summary>Each label as "Standard [paper]" where the two differ, the standard label alone where they agree.</summary>
    public static ToolPakLabels SideBySide(IReadOnlyList<PublishedNumber> table)
    {
        var s = Standard;
        var p = Paper(table);
        string B(string a, string b) => a == b ? a : $"{a} [{b}]";
        return new(
            B(s.RegressionStatistics, p.RegressionStatistics), B(s.MultipleR, p.MultipleR), B(s.RSquare, p.RSquare), B(s.AdjustedRSquare, p.AdjustedRSquare), B(s.StandardError, p.StandardError), B(s.Observations, p.Observations),
            B(s.Anova, p.Anova), B(s.Regression, p.Regression), B(s.Residual, p.Residual), B(s.Total, p.Total), B(s.Df, p.Df), B(s.Ss, p.Ss), B(s.Ms, p.Ms), B(s.F, p.F), B(s.SignificanceF, p.SignificanceF),
            B(s.Coefficients, p.Coefficients), B(s.CoefStandardError, p.CoefStandardError), B(s.TStat, p.TStat), B(s.PValue, p.PValue), B(s.Lower95, p.Lower95), B(s.Upper95, p.Upper95),
            B(s.Intercept, p.Intercept), B(s.XVariable, p.XVariable));
    }
}
