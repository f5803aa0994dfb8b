using System.Globalization;
using System.Text;

namespace NotebookAnalysis.Regression;

/// <summary>The statsmodels-like text of <see cref="OlsResult.Summary"/>.</summary>
internal static class SummaryText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private const int Width = 78;

    public static string Render(OlsResult r)
    {
        // An undefined statistic prints as "undefined" in its cell and its reason once under the table.
        var reasons = new List<string>();
        string Cell(Estimate v, string fmt)
        {
            if (v.Reason is { } why && !reasons.Contains(why)) reasons.Add(why);
            return v.Format(x => x.ToString(fmt, Inv));
        }
        string G(Estimate v) => Cell(v, "G6");
        var sb = new StringBuilder();
        string eq = new('=', Width), dash = new('-', Width);
        sb.AppendLine(Center("OLS Regression Results"));
        sb.AppendLine(eq);
        var left = new List<(string, string)>
        {
            ("Model:", r.Model),
            ("Method:", "Least Squares"),
            ("No. Observations:", r.N.ToString(Inv)),
            ("Df Residuals:", r.DfResidual.ToString(Inv)),
            ("Df Model:", r.DfModel.ToString(Inv)),
            ("Intercept:", r.Design.HasIntercept ? "yes" : "no (R² uncentered)"),
            ("", ""),
        };
        var right = new List<(string, string)>
        {
            ("R-squared:", Cell(r.RSquared, "F6")),
            ("Adj. R-squared:", Cell(r.AdjustedRSquared, "F6")),
            ("F-statistic:", G(r.FStatistic)),
            ("Prob (F-statistic):", G(r.FPValue)),
            ("Log-Likelihood:", G(r.LogLikelihood)),
            ("AIC:", G(r.Aic)),
            ("BIC:", G(r.Bic)),
        };
        for (int i = 0; i < left.Count; i++)
            sb.AppendLine((Pair(left[i]) + "  " + Pair(right[i])).TrimEnd());
        sb.AppendLine(eq);
        sb.AppendLine($"{"",-14}{"coef",12}{"std err",12}{"t",10}{"P>|t|",8}{"[0.025",11}{"0.975]",11}");
        sb.AppendLine(dash);
        foreach (var row in r.CoefficientTable)
            sb.AppendLine($"{Trim(row.Term, 13),-14}{G(Estimate.Of(row.Estimate)),12}{G(row.StdError),12}{Cell(row.TValue, "F3"),10}{Cell(row.PValue, "F3"),8}{G(row.Lower95),11}{G(row.Upper95),11}");
        sb.AppendLine(eq);
        var diag = new List<(string, string)>
        {
            ("Durbin-Watson:", Cell(r.DurbinWatson, "F3")),
            ("Jarque-Bera (JB):", Cell(r.JarqueBera.Statistic, "F3")),
            ("Prob(JB):", G(r.JarqueBera.PValue)),
            ("Breusch-Pagan:", Cell(r.BreuschPagan.Statistic, "F3")),
            ("Prob(BP):", G(r.BreuschPagan.PValue)),
            ("Cond. No.:", G(Estimate.Of(r.ConditionNumber))),
            ("Residual std err:", G(Estimate.Of(r.Sigma))),
            ("", ""),
        };
        for (int i = 0; i < diag.Count; i += 2)
            sb.AppendLine((Pair(diag[i]) + "  " + Pair(diag[i + 1])).TrimEnd());
        sb.AppendLine(eq);
        sb.AppendLine("Notes: computed by " + r.Method + ".");
        sb.AppendLine("Standard errors assume homoskedastic errors; AIC/BIC count K+1 parameters (R's logLik.lm).");
        foreach (var why in reasons)
            sb.AppendLine($"Undefined: {why}.");
        return sb.ToString();
    }

    private static string Pair((string Label, string Value) p) =>
        p.Label.Length == 0 ? new string(' ', 38) : $"{p.Label,-20}{p.Value,18}";

    // Left and right blocks are 38 characters each with two spaces between: 78 in all.

    private static string Center(string s) => new string(' ', Math.Max(0, (Width - s.Length) / 2)) + s;

    private static string Trim(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";

}
