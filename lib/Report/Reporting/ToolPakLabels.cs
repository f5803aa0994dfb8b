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

    /// <summary>The labels as the paper prints them in Table <paramref name="tableId"/>, read from <c>seeds/published/</c>.</summary>
    public static ToolPakLabels Paper(string tableId)
    {
        var p = PublishedTables.For(tableId);
        string Row(string s, string t = "") => p.Single(n => n.Statistic == s && n.Term == t).PaperRow;
        string Col(string s, string t = "") => p.Single(n => n.Statistic == s && n.Term == t).PaperColumn;
        // The two section headings are not numbers, so they are not in the published file; the paper prints them so.
        return new(
            "Regression statistics", Row("multiple_r"), Row("r_squared"), Row("adj_r_squared"), Row("sigma"), Row("nobs"),
            "Dispersion analysis", Row("ss_regression"), Row("ss_residual"), Row("ss_total"), Col("df_model"), Col("ss_regression"), Col("ms_regression"), Col("f_stat"), Col("f_pvalue"),
            Col("estimate", "x"), Col("std_error", "x"), Col("t_value", "x"), Col("p_value", "x"), Col("ci95_lower", "x"), Col("ci95_upper", "x"),
            Row("estimate", "intercept"), Row("estimate", "x"));
    }

    /// <summary>Each label as "Standard [paper]" where the two differ, the standard label alone where they agree.</summary>
    public static ToolPakLabels SideBySide(string tableId)
    {
        var s = Standard;
        var p = Paper(tableId);
        string B(string a, string b) => a == b ? a : $"{a} [{b}]";
        return new(
            B(s.RegressionStatistics, p.RegressionStatistics), B(s.MultipleR, p.MultipleR), B(s.RSquare, p.RSquare), B(s.AdjustedRSquare, p.AdjustedRSquare), B(s.StandardError, p.StandardError), B(s.Observations, p.Observations),
            B(s.Anova, p.Anova), B(s.Regression, p.Regression), B(s.Residual, p.Residual), B(s.Total, p.Total), B(s.Df, p.Df), B(s.Ss, p.Ss), B(s.Ms, p.Ms), B(s.F, p.F), B(s.SignificanceF, p.SignificanceF),
            B(s.Coefficients, p.Coefficients), B(s.CoefStandardError, p.CoefStandardError), B(s.TStat, p.TStat), B(s.PValue, p.PValue), B(s.Lower95, p.Lower95), B(s.Upper95, p.Upper95),
            B(s.Intercept, p.Intercept), B(s.XVariable, p.XVariable));
    }
}
