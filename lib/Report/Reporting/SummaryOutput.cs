using NotebookAnalysis.Regression;
using NotebookAnalysis.Reproduction;
using NotebookAnalysis.Formatting;
using NotebookAnalysis.Results;

namespace NotebookAnalysis.Report.Reporting;

/// <summary>
/// Renders regression output in the layout of Excel's Analysis ToolPak "SUMMARY OUTPUT" (the layout of the paper's
/// Tables 2-4): Regression Statistics, ANOVA, and the coefficient table with Lower/Upper 95%, one row per term. The one
/// ToolPak layout: a fit's values and a table's printed strings both go through
/// <see cref="Layout(Func{string, string, string}, IReadOnlyList{string}, ToolPakLabels?, string)"/>.
/// </summary>
public static class SummaryOutput
{
    /// <summary>What a cell shows for a statistic that is undefined for the fit.</summary>
    public const string Undefined = "undefined";

    /// <summary>The layout as a <see cref="Grid"/>; render it with ToText, ToMarkdown or ToHtml.</summary>
    /// <param name="cell">The string of a cell by statistic and term, in the results vocabulary (("f_stat", ""), ("p_value", "x")).</param>
    /// <param name="terms">The coefficient rows, intercept first.</param>
    /// <param name="labels">Labels to print: <see cref="ToolPakLabels.Standard"/> (default), <see cref="ToolPakLabels.Paper"/> or <see cref="ToolPakLabels.SideBySide"/>.</param>
    /// <param name="caption">The title above the layout.</param>
    public static Grid Layout(Func<string, string, string> cell, IReadOnlyList<string> terms, ToolPakLabels? labels = null, string caption = "SUMMARY OUTPUT")
    {
        var l = labels ?? ToolPakLabels.Standard;
        string V(string statistic) => cell(statistic, "");
        var grid = new Grid { Caption = caption };
        grid.Block(l.RegressionStatistics, "", "")
            .Row(l.MultipleR, V("multiple_r"))
            .Row(l.RSquare, V("r_squared"))
            .Row(l.AdjustedRSquare, V("adj_r_squared"))
            .Row(l.StandardError, V("sigma"))
            .Row(l.Observations, V("nobs"));
        grid.Block(l.Anova, "", l.Df, l.Ss, l.Ms, l.F, l.SignificanceF)
            .Row(l.Regression, V("df_model"), V("ss_regression"), V("ms_regression"), V("f_stat"), V("f_pvalue"))
            .Row(l.Residual, V("df_resid"), V("ss_residual"), V("ms_residual"))
            .Row(l.Total, V("df_total"), V("ss_total"));
        grid.Block(null, "", l.Coefficients, l.CoefStandardError, l.TStat, l.PValue, l.Lower95, l.Upper95);
        bool simple = terms.Count(t => t != "intercept") == 1;
        // The columns are the coefficient statistics in the results vocabulary's order: estimate, SE, t, p, interval.
        foreach (var t in terms)
            grid.Row([t == "intercept" ? l.Intercept : simple ? l.XVariable : t, .. FitRows.CoefficientStatistics.Select(s => cell(s, t))]);
        return grid;
    }

    /// <summary>The layout of a fit; a statistic undefined for it (R² of a constant y, F of an exact fit) reads "undefined".</summary>
    /// <param name="fit">The fit.</param>
    /// <param name="labels">Labels to print: <see cref="ToolPakLabels.Standard"/> (default), <see cref="ToolPakLabels.Paper"/> or <see cref="ToolPakLabels.SideBySide"/>.</param>
    /// <param name="decimals">Digits after the point for every number, or null for Excel-like full precision (10 significant digits).</param>
    public static Grid Layout(OlsResult fit, ToolPakLabels? labels = null, int? decimals = null) =>
        Layout((statistic, term) => FitRows.Statistic(fit, statistic, term) is not { IsDefined: true } e ? Undefined
            : statistic is "nobs" or "df_model" or "df_resid" or "df_total" ? NumberFormat.Integer((int)e.Value)
            : statistic is "p_value" or "f_pvalue" ? FormatP(e.Value, decimals) : Format(e.Value, decimals), fit.Terms, labels);

    /// <summary>The layout of the strings a paper printed for one table; a cell it does not print is empty.</summary>
    public static Grid Layout(IReadOnlyList<PublishedNumber> printed, ToolPakLabels? labels = null, string caption = "SUMMARY OUTPUT") =>
        Layout((statistic, term) => printed.FirstOrDefault(n => n.Statistic == statistic && n.Term == term)?.Printed ?? "",
            [.. printed.Where(n => n.Term.Length > 0).Select(n => n.Term).Distinct().OrderBy(t => t == "intercept" ? 0 : 1)], labels, caption);

    /// <summary>A number as the layout prints it: fixed decimals, or <see cref="NumberFormat.Full"/>.</summary>
    public static string Format(double v, int? decimals) =>
        decimals is int d ? NumberFormat.Fixed(v, d) : NumberFormat.Full(v);

    /// <summary>p-values: E notation when they would print as zero (as Excel's General format does).</summary>
    public static string FormatP(double p, int? decimals) =>
        decimals is int d && p != 0 && p < 0.5 * Math.Pow(10, -d)
            ? p.ToString("0.#####E+00", System.Globalization.CultureInfo.InvariantCulture)
            : Format(p, decimals);
}
