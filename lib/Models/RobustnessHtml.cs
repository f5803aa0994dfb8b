using System.Net;
using System.Text;
using static NotebookAnalysis.Models.Robustness;

namespace NotebookAnalysis.Models;

/// <summary>HTML views of the robustness tables and verdicts, for notebooks.</summary>
public static class RobustnessHtml
{
    /// <summary>A market's robustness table: slope, p, R², DW, LOO RMSE and level-scale AIC for every model.</summary>
    public static string Table(MarketRobustness market)
    {
        var sb = new StringBuilder();
        sb.Append($"<table><caption>{E(market.Market.TableId)}: {E(market.Market.Title)}</caption>");
        sb.Append("<thead><tr><th>model</th><th>specification</th><th>n</th><th>slope term</th><th>slope</th><th>p</th><th>R² (own scale)</th><th>DW</th><th>LOO RMSE (level y)</th><th>AIC (level y)</th></tr></thead><tbody>");
        foreach (var r in market.Rows)
            sb.Append($"<tr><td><code>{E(r.Model)}</code></td><td>{E(r.Formula)}</td><td>{r.N}</td><td>{E(r.SlopeTerm ?? "–")}</td><td>{O(r.Slope)}</td><td>{O(r.SlopePValue)}</td><td>{O(r.RSquared)}</td><td>{O(r.DurbinWatson)}</td><td>{O(r.LooRmse)}</td><td>{O(r.AicLevelScale)}</td></tr>");
        sb.Append("</tbody></table>");
        return sb.ToString();
    }

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
    public static string Likelihood(IEnumerable<AlternativeFit> fits)
    {
        var sb = new StringBuilder("<table><thead><tr><th>model</th><th>n</th><th>years</th><th>log-lik (own scale)</th><th>log Jacobian</th><th>log-lik (level y)</th><th>AIC (level y)</th><th>BIC (level y)</th></tr></thead><tbody>");
        foreach (var f in fits)
            sb.Append($"<tr><td><code>{E(f.Spec.Name)}</code></td><td>{f.Ols.N}</td><td>{f.Data.Years[0]}-{f.Data.Years[^1]}</td><td>{F(f.Ols.LogLikelihood)}</td><td>{F(f.LogJacobian)}</td><td>{F(f.LogLikelihoodLevelScale)}</td><td>{F(f.AicLevelScale)}</td><td>{F(f.BicLevelScale)}</td></tr>");
        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>The specifications as data: name, formula, rows lost, terms, covariance.</summary>
    public static string Specifications(IEnumerable<ModelSpec> specs)
    {
        var sb = new StringBuilder("<table><thead><tr><th>model</th><th>specification</th><th>y enters as</th><th>x enters as</th><th>terms</th><th>first year lost</th><th>covariance</th></tr></thead><tbody>");
        foreach (var s in specs)
            sb.Append($"<tr><td><code>{E(s.Name)}</code></td><td>{E(s.Formula)}</td><td>{s.Response}</td><td>{s.Regressor}</td><td>{E(string.Join(", ", new[] { "intercept" }.Concat(s.RegressorTerms)))}</td><td>{(s.DropsFirstRow ? "yes" : "no")}</td><td>{s.Covariance}{(s.Covariance == CovarianceKind.NeweyWest ? (s.HacLag is int l ? $" (lag {l})" : " (automatic lag)") : "")}</td></tr>");
        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>A bulleted list of plain-text notes (e.g. the statistics left out and why).</summary>
    public static string List(IEnumerable<string> items) => "<ul>" + string.Concat(items.Select(i => $"<li>{E(i)}</li>")) + "</ul>";

    private static string O(double? v) => v is double d ? F(d) : "–";

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
