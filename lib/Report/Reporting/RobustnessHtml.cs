using System.Net;
using System.Text;
using NotebookAnalysis.Models;

namespace NotebookAnalysis.Report.Reporting;

/// <summary>HTML views of the robustness tables (rendered from <see cref="RobustnessGrids"/>) and verdicts, for notebooks.</summary>
public static class RobustnessHtml
{
    /// <summary>A market's robustness table: slope, p, R², DW, LOO RMSE and level-scale AIC for every model.</summary>
    public static string Table(MarketRobustness market) => RobustnessGrids.Table(market, caption: true).ToHtml();

    /// <summary>A market's verdicts: which checks the paper's reading survives, with the evidence.</summary>
    public static string Verdicts(MarketRobustness market)
    {
        var sb = new StringBuilder();
        sb.Append($"<p><strong>{E(market.Summary)}</strong></p><ul>");
        foreach (var c in market.Checks)
            sb.Append($"<li>{(c.Outcome == CheckOutcome.Fails ? "<strong>fails</strong>" : c.OutcomeName)}: {E(c.Check)} <small>({E(c.Evidence)})</small></li>");
        sb.Append("</ul>");
        return sb.ToString();
    }

    /// <summary>
    /// Log-likelihood, AIC and BIC on each model's own scale and on the level of y (with the Jacobian of the log), so
    /// that log-y and level-y models can be compared on the same density.
    /// </summary>
    public static string Likelihood(IEnumerable<AlternativeFit> fits) => RobustnessGrids.Likelihood(fits).ToHtml();

    /// <summary>The specifications as data: name, formula, rows lost, terms, covariance.</summary>
    public static string Specifications(IEnumerable<ModelSpec> specs) => RobustnessGrids.Specifications(specs).ToHtml();

    /// <summary>A bulleted list of plain-text notes (e.g. the statistics left out and why).</summary>
    public static string List(IEnumerable<string> items) => Reporting.HtmlFragment.List(items).Html;

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
