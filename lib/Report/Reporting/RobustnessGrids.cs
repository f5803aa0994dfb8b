using System.Net;
using NotebookAnalysis.Models;
using static NotebookAnalysis.Formatting.NumberFormat;

namespace NotebookAnalysis.Report.Reporting;

/// <summary>The alternative-models tables as <see cref="Grid"/>s: one definition each, rendered to Markdown for
/// REPRODUCTION.md and to HTML for notebook 05; and a market's verdicts as HTML for notebook 05.</summary>
public static class RobustnessGrids
{
    /// <summary>A market's robustness table: slope, p, R², DW, LOO RMSE and level-scale AIC for every model.</summary>
    /// <param name="market">The market's robustness record.</param>
    /// <param name="caption">Whether to print the market's table id and title above the table (notebook 05).</param>
    public static Grid Table(MarketRobustness market, bool caption = false)
    {
        var grid = new Grid { Caption = caption ? $"{market.Market.Id}: {market.Market.Label}" : null }
            .Block(null, "model", "specification", "n", "slope term", "slope", "p", "R² (own scale)", "DW", "LOO RMSE (level y)", "AIC (level y)");
        foreach (var r in market.Rows)
            grid.Row(Grid.Code(r.Model), r.Formula, Integer(r.N), r.SlopeTerm ?? Missing, BriefOrMissing(r.Slope), BriefOrMissing(r.SlopePValue),
                BriefOrMissing(r.RSquared), BriefOrMissing(r.DurbinWatson), BriefOrMissing(r.LooRmse), BriefOrMissing(r.AicLevelScale));
        return grid;
    }

    /// <summary>Log-likelihood, AIC and BIC on each model's own scale and on the level of y (with the Jacobian of the log).</summary>
    public static Grid Likelihood(IEnumerable<AlternativeFit> fits)
    {
        var grid = new Grid().Block(null, "model", "n", "years", "log-lik (own scale)", "log Jacobian", "log-lik (level y)", "AIC (level y)", "BIC (level y)");
        foreach (var f in fits)
        {
            // An estimator without a likelihood (Theil-Sen) shows "–" here; the statistics left out say why.
            static string B(Regression.Estimate v) => v.Format(Brief, Missing);
            grid.Row(Grid.Code(f.Spec.Name), Integer(f.N), $"{Integer(f.Data.Years[0])}-{Integer(f.Data.Years[^1])}", B(f.OwnScaleLogLikelihood),
                B(f.LogJacobian), B(f.LogLikelihoodLevelScale), B(f.AicLevelScale), B(f.BicLevelScale));
        }
        return grid;
    }

    /// <summary>The specifications as data: name, formula, how y and x enter, terms, first year lost, covariance.</summary>
    public static Grid Specifications(IEnumerable<ModelSpec> specs)
    {
        var grid = new Grid().Block(null, "model", "specification", "y enters as", "x enters as", "terms", "first year lost", "covariance");
        foreach (var s in specs)
            grid.Row(Grid.Code(s.Name), s.Formula, s.Response.ToString(), s.Regressor.ToString(), string.Join(", ", new[] { "intercept" }.Concat(s.RegressorTerms)),
                s.DropsFirstRow ? "yes" : "no",
                s.Covariance + (s.Covariance == CovarianceKind.NeweyWest ? (s.HacLag is int l ? $" (lag {Integer(l)})" : " (automatic lag)") : ""));
        return grid;
    }

    /// <summary>A market's verdicts: which checks the paper's reading survives, with the evidence.</summary>
    public static HtmlFragment Verdicts(MarketRobustness market)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new System.Text.StringBuilder();
        sb.Append($"<p><strong>{E(market.Summary)}</strong></p><ul>");
        foreach (var c in market.Checks)
            sb.Append($"<li>{(c.Outcome == CheckOutcome.Fails ? "<strong>fails</strong>" : c.OutcomeName)}: {E(c.Check)} <small>({E(c.Evidence)})</small></li>");
        return new(sb.Append("</ul>").ToString());
    }
}
