using System.Globalization;
using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Reporting;

/// <summary>
/// Renders a fit in the layout of Excel's Analysis ToolPak "SUMMARY OUTPUT" (the layout of the paper's
/// Tables 2-4): Regression Statistics, ANOVA, and the coefficient table with Lower/Upper 95%.
/// </summary>
public static class SummaryOutput
{
    /// <summary>The layout as a <see cref="Grid"/>; render it with ToText, ToMarkdown or ToHtml.</summary>
    /// <param name="fit">The fit.</param>
    /// <param name="labels">Labels to print: <see cref="ToolPakLabels.Standard"/> (default), <see cref="ToolPakLabels.Paper"/> or <see cref="ToolPakLabels.SideBySide"/>.</param>
    /// <param name="decimals">Digits after the point for every number, or null for Excel-like full precision (10 significant digits).</param>
    public static Grid Layout(OlsResult fit, ToolPakLabels? labels = null, int? decimals = null)
    {
        var l = labels ?? ToolPakLabels.Standard;
        // Statistics undefined for the fit (R² of a constant y, F of an exact fit) print as "undefined", never as NaN or ∞.
        string N(Func<double> v) => Estimate.Try(v) is { IsDefined: true } e ? Format(e.Value, decimals) : Undefined;
        string P(Func<double> v) => Estimate.Try(v) is { IsDefined: true } e ? FormatP(e.Value, decimals) : Undefined;
        string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        var grid = new Grid { Caption = "SUMMARY OUTPUT" };
        grid.Block(l.RegressionStatistics, "", "")
            .Row(l.MultipleR, N(() => fit.MultipleR))
            .Row(l.RSquare, N(() => fit.RSquared))
            .Row(l.AdjustedRSquare, N(() => fit.AdjustedRSquared))
            .Row(l.StandardError, N(() => fit.Sigma))
            .Row(l.Observations, I(fit.N));
        grid.Block(l.Anova, "", l.Df, l.Ss, l.Ms, l.F, l.SignificanceF)
            .Row(l.Regression, I(fit.DfModel), N(() => fit.SsRegression), N(() => fit.MsRegression), N(() => fit.FStatistic), P(() => fit.FPValue))
            .Row(l.Residual, I(fit.DfResidual), N(() => fit.SsResidual), N(() => fit.MsResidual))
            .Row(l.Total, I(fit.DfModel + fit.DfResidual), N(() => fit.SsTotal));
        grid.Block(null, "", l.Coefficients, l.CoefStandardError, l.TStat, l.PValue, l.Lower95, l.Upper95);
        foreach (var row in fit.CoefficientTable)
        {
            string name = row.Term == "intercept" ? l.Intercept
                : fit.Terms.Count(t => t != "intercept") == 1 ? l.XVariable
                : $"{row.Term}";
            var ci = fit.ConfidenceInterval(row.Term, 0.95);
            grid.Row(name, N(() => row.Estimate), N(() => row.StdError), N(() => row.TValue), P(() => row.PValue), N(() => ci.Lower), N(() => ci.Upper));
        }
        return grid;
    }

    /// <summary>What a cell shows for a statistic that is undefined for the fit.</summary>
    public const string Undefined = "undefined";

    /// <summary>Console text of <see cref="Layout"/>.</summary>
    public static string ToText(OlsResult fit, ToolPakLabels? labels = null, int? decimals = null) => Layout(fit, labels, decimals).ToText();

    /// <summary>Markdown of <see cref="Layout"/>.</summary>
    public static string ToMarkdown(OlsResult fit, ToolPakLabels? labels = null, int? decimals = null) => Layout(fit, labels, decimals).ToMarkdown();

    /// <summary>HTML of <see cref="Layout"/>.</summary>
    public static string ToHtml(OlsResult fit, ToolPakLabels? labels = null, int? decimals = null) => Layout(fit, labels, decimals).ToHtml();

    /// <summary>A number as the layout prints it.</summary>
    public static string Format(double v, int? decimals) =>
        decimals is int d ? v.ToString("F" + d.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
                          : v.ToString("G10", CultureInfo.InvariantCulture);

    /// <summary>p-values: E notation when they would print as zero (as Excel's General format does).</summary>
    public static string FormatP(double p, int? decimals) =>
        decimals is int d && p != 0 && p < 0.5 * Math.Pow(10, -d)
            ? p.ToString("0.#####E+00", CultureInfo.InvariantCulture)
            : Format(p, decimals);
}
