using NotebookAnalysis.Regression;
using NotebookAnalysis.Reproduction;
using NotebookAnalysis.Formatting;

namespace NotebookAnalysis.Report.Reporting;

/// <summary>One coefficient row of a "SUMMARY OUTPUT", as the strings to print.</summary>
/// <param name="Term">The engine's term name (<c>intercept</c>, <c>x</c>, …); the layout turns it into a label.</param>
/// <param name="Estimate">Coefficients.</param>
/// <param name="StdError">Standard Error.</param>
/// <param name="TStat">t Stat.</param>
/// <param name="PValue">P-value.</param>
/// <param name="Lower95">Lower 95%.</param>
/// <param name="Upper95">Upper 95%.</param>
public sealed record ToolPakCoefficient(string Term, string Estimate, string StdError, string TStat, string PValue, string Lower95, string Upper95);

/// <summary>
/// The cells of a "SUMMARY OUTPUT" as strings, from either value source: a fit (<see cref="FromFit"/>) or the numbers a
/// paper printed (<see cref="FromPrinted"/>). <see cref="SummaryOutput.Layout(ToolPakValues, ToolPakLabels?, string)"/> lays them out.
/// </summary>
public sealed record ToolPakValues(
    string MultipleR, string RSquare, string AdjustedRSquare, string StandardError, string Observations,
    string DfRegression, string SsRegression, string MsRegression, string F, string SignificanceF,
    string DfResidual, string SsResidual, string MsResidual, string DfTotal, string SsTotal,
    IReadOnlyList<ToolPakCoefficient> Coefficients)
{
    /// <summary>The values of a fit.</summary>
    /// <param name="fit">The fit.</param>
    /// <param name="decimals">Digits after the point for every number, or null for Excel-like full precision (10 significant digits).</param>
    public static ToolPakValues FromFit(OlsResult fit, int? decimals = null)
    {
        // Statistics undefined for the fit (R² of a constant y, F of an exact fit) print as "undefined", never as NaN or ∞.
        string N(Func<double> v) => Estimate.Try(v) is { IsDefined: true } e ? SummaryOutput.Format(e.Value, decimals) : SummaryOutput.Undefined;
        string P(Func<double> v) => Estimate.Try(v) is { IsDefined: true } e ? SummaryOutput.FormatP(e.Value, decimals) : SummaryOutput.Undefined;
        string I(int v) => NumberFormat.Integer(v);
        return new ToolPakValues(N(() => fit.MultipleR), N(() => fit.RSquared), N(() => fit.AdjustedRSquared), N(() => fit.Sigma), I(fit.N),
            I(fit.DfModel), N(() => fit.SsRegression), N(() => fit.MsRegression), N(() => fit.FStatistic), P(() => fit.FPValue),
            I(fit.DfResidual), N(() => fit.SsResidual), N(() => fit.MsResidual), I(fit.DfModel + fit.DfResidual), N(() => fit.SsTotal),
            fit.CoefficientTable.Select(row =>
            {
                var ci = fit.ConfidenceInterval(row.Term, 0.95);
                return new ToolPakCoefficient(row.Term, N(() => row.Estimate), N(() => row.StdError), N(() => row.TValue), P(() => row.PValue), N(() => ci.Lower), N(() => ci.Upper));
            }).ToList());
    }

    /// <summary>The strings a paper printed for one table (the published Tables 2-4).</summary>
    public static ToolPakValues FromPrinted(IReadOnlyList<PublishedNumber> printed)
    {
        string V(string statistic, string term = "") => printed.Single(n => n.Statistic == statistic && n.Term == term).Printed;
        return new ToolPakValues(V("multiple_r"), V("r_squared"), V("adj_r_squared"), V("sigma"), V("nobs"),
            V("df_model"), V("ss_regression"), V("ms_regression"), V("f_stat"), V("f_pvalue"),
            V("df_resid"), V("ss_residual"), V("ms_residual"), V("df_total"), V("ss_total"),
            printed.Where(n => n.Term.Length > 0).Select(n => n.Term).Distinct().OrderBy(t => t == "intercept" ? 0 : 1)
                .Select(t => new ToolPakCoefficient(t, V("estimate", t), V("std_error", t), V("t_value", t), V("p_value", t), V("ci95_lower", t), V("ci95_upper", t)))
                .ToList());
    }
}

/// <summary>
/// Renders regression output in the layout of Excel's Analysis ToolPak "SUMMARY OUTPUT" (the layout of the paper's
/// Tables 2-4): Regression Statistics, ANOVA, and the coefficient table with Lower/Upper 95%. The one ToolPak layout:
/// the recomputed tables and the tables as printed both go through <see cref="Layout(ToolPakValues, ToolPakLabels?, string)"/>.
/// </summary>
public static class SummaryOutput
{
    /// <summary>What a cell shows for a statistic that is undefined for the fit.</summary>
    public const string Undefined = "undefined";

    /// <summary>The layout of <paramref name="values"/> as a <see cref="Grid"/>; render it with ToText, ToMarkdown or ToHtml.</summary>
    /// <param name="values">The cells, from a fit or from the printed numbers.</param>
    /// <param name="labels">Labels to print: <see cref="ToolPakLabels.Standard"/> (default), <see cref="ToolPakLabels.Paper"/> or <see cref="ToolPakLabels.SideBySide"/>.</param>
    /// <param name="caption">The title above the layout.</param>
    public static Grid Layout(ToolPakValues values, ToolPakLabels? labels = null, string caption = "SUMMARY OUTPUT")
    {
        var l = labels ?? ToolPakLabels.Standard;
        var v = values;
        var grid = new Grid { Caption = caption };
        grid.Block(l.RegressionStatistics, "", "")
            .Row(l.MultipleR, v.MultipleR)
            .Row(l.RSquare, v.RSquare)
            .Row(l.AdjustedRSquare, v.AdjustedRSquare)
            .Row(l.StandardError, v.StandardError)
            .Row(l.Observations, v.Observations);
        grid.Block(l.Anova, "", l.Df, l.Ss, l.Ms, l.F, l.SignificanceF)
            .Row(l.Regression, v.DfRegression, v.SsRegression, v.MsRegression, v.F, v.SignificanceF)
            .Row(l.Residual, v.DfResidual, v.SsResidual, v.MsResidual)
            .Row(l.Total, v.DfTotal, v.SsTotal);
        grid.Block(null, "", l.Coefficients, l.CoefStandardError, l.TStat, l.PValue, l.Lower95, l.Upper95);
        bool simple = v.Coefficients.Count(c => c.Term != "intercept") == 1;
        foreach (var c in v.Coefficients)
        {
            string name = c.Term == "intercept" ? l.Intercept : simple ? l.XVariable : c.Term;
            grid.Row(name, c.Estimate, c.StdError, c.TStat, c.PValue, c.Lower95, c.Upper95);
        }
        return grid;
    }

    /// <summary>The layout of a fit.</summary>
    /// <param name="fit">The fit.</param>
    /// <param name="labels">Labels to print: <see cref="ToolPakLabels.Standard"/> (default), <see cref="ToolPakLabels.Paper"/> or <see cref="ToolPakLabels.SideBySide"/>.</param>
    /// <param name="decimals">Digits after the point for every number, or null for Excel-like full precision (10 significant digits).</param>
    public static Grid Layout(OlsResult fit, ToolPakLabels? labels = null, int? decimals = null) =>
        Layout(ToolPakValues.FromFit(fit, decimals), labels);

    /// <summary>Console text of <see cref="Layout(OlsResult, ToolPakLabels?, int?)"/>.</summary>
    public static string ToText(OlsResult fit, ToolPakLabels? labels = null, int? decimals = null) => Layout(fit, labels, decimals).ToText();

    /// <summary>Markdown of <see cref="Layout(OlsResult, ToolPakLabels?, int?)"/>.</summary>
    public static string ToMarkdown(OlsResult fit, ToolPakLabels? labels = null, int? decimals = null) => Layout(fit, labels, decimals).ToMarkdown();

    /// <summary>HTML of <see cref="Layout(OlsResult, ToolPakLabels?, int?)"/>.</summary>
    public static string ToHtml(OlsResult fit, ToolPakLabels? labels = null, int? decimals = null) => Layout(fit, labels, decimals).ToHtml();

    /// <summary>A number as the layout prints it: fixed decimals, or <see cref="NumberFormat.Full"/>.</summary>
    public static string Format(double v, int? decimals) =>
        decimals is int d ? NumberFormat.Fixed(v, d) : NumberFormat.Full(v);

    /// <summary>p-values: E notation when they would print as zero (as Excel's General format does).</summary>
    public static string FormatP(double p, int? decimals) =>
        decimals is int d && p != 0 && p < 0.5 * Math.Pow(10, -d)
            ? p.ToString("0.#####E+00", System.Globalization.CultureInfo.InvariantCulture)
            : Format(p, decimals);
}
