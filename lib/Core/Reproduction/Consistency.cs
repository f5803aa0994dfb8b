using NotebookAnalysis.Statistics;

namespace NotebookAnalysis.Reproduction;

/// <summary>
/// Internal consistency of one published table: the ToolPak's identities checked on the printed numbers alone,
/// without the data. A failure at face value that holds within rounding is the printing's doing, not an error.
/// </summary>
public static class Consistency
{
    /// <summary>
    /// The identity checks of one table with any number of regressors: those that hold for every regression, then, for one
    /// regressor, those of simple regression (F = t², Significance F = P-value of x, R² from t). An identity is checked
    /// when the table prints every number it relates, and, if it uses n or the degrees of freedom, those too: a table that
    /// prints its coefficients alone still gets t = b / SE.
    /// </summary>
    /// <param name="table">The published numbers of one table (e.g. from <see cref="PublishedTables.For"/>); none gives no checks.</param>
    public static IReadOnlyList<ConsistencyCheck> Check(IReadOnlyList<PublishedNumber> table)
    {
        string id = table.FirstOrDefault()?.Table ?? "";
        PublishedNumber? P(string statistic, string term = "") => table.FirstOrDefault(p => p.Statistic == statistic && p.Term == term);

        double dfRes = (double?)P("df_resid")?.Value ?? double.NaN;
        double dfModel = (double?)P("df_model")?.Value ?? double.NaN;
        double n = (double?)P("nobs")?.Value ?? double.NaN;
        double tCrit = double.IsNaN(dfRes) ? double.NaN : Distributions.StudentTQuantile(0.975, dfRes);
        var checks = new List<ConsistencyCheck>();

        void Add(string relation, PublishedNumber? target, Func<double[], double> f, params PublishedNumber?[] given)
        {
            // A relation that needs a number the table does not print is not checked.
            if (target is null || given.Any(i => i is null))
                return;
            var inputs = given.Select(i => i!).ToArray();
            var face = f(inputs.Select(i => (double)i.Value).ToArray());
            var implied = Interval.Range(f, inputs.Select(Interval.OfPrinted).ToArray());
            var faceRounded = Verdicts.RoundLike(target, face);
            bool atFace = double.IsFinite(face) && PublishedNumber.ParsePrinted(faceRounded) == target.Value;
            bool within = implied.Intersects(Interval.OfPrinted(target));
            checks.Add(new ConsistencyCheck(id, relation, target, face, faceRounded, atFace, implied, within));
        }
        // A relation that uses n or the degrees of freedom is checked only where the table prints them.
        void Counted(string relation, PublishedNumber? target, Func<double[], double> f, params PublishedNumber?[] given)
        {
            if (!double.IsNaN(dfRes + dfModel + n)) Add(relation, target, f, given);
        }

        // Counts.
        Add("df(Total) = df(Regression) + df(Residual)", P("df_total"), v => v[0] + v[1], P("df_model"), P("df_resid"));
        Add("Observations = df(Total) + 1", P("nobs"), v => v[0] + 1, P("df_total"));
        // Sums of squares and mean squares.
        Add("SS(Total) = SS(Regression) + SS(Residual)", P("ss_total"), v => v[0] + v[1], P("ss_regression"), P("ss_residual"));
        Counted("MS(Regression) = SS(Regression) / df", P("ms_regression"), v => v[0] / dfModel, P("ss_regression"));
        Counted("MS(Residual) = SS(Residual) / df", P("ms_residual"), v => v[0] / dfRes, P("ss_residual"));
        Add("F = MS(Regression) / MS(Residual)", P("f_stat"), v => v[0] / v[1], P("ms_regression"), P("ms_residual"));
        Counted("F = SS(Regression)·df(Residual) / (SS(Residual)·df(Regression))", P("f_stat"), v => v[0] * dfRes / (v[1] * dfModel), P("ss_regression"), P("ss_residual"));
        // Fit statistics.
        Add("R² = SS(Regression) / SS(Total)", P("r_squared"), v => v[0] / v[1], P("ss_regression"), P("ss_total"));
        Add("R² = 1 − SS(Residual) / SS(Total)", P("r_squared"), v => 1 - v[0] / v[1], P("ss_residual"), P("ss_total"));
        Add("Multiple R = √R²", P("multiple_r"), v => Math.Sqrt(v[0]), P("r_squared"));
        Counted("Adjusted R² = 1 − (1 − R²)(n − 1)/(n − k)", P("adj_r_squared"), v => 1 - (1 - v[0]) * (n - 1) / dfRes, P("r_squared"));
        Add("Standard Error = √MS(Residual)", P("sigma"), v => Math.Sqrt(v[0]), P("ms_residual"));
        Counted("Standard Error = √(SS(Residual) / df(Residual))", P("sigma"), v => Math.Sqrt(v[0] / dfRes), P("ss_residual"));
        // Coefficients, intercept first, the regressors in the table's order.
        foreach (var term in table.Select(p => p.Term).Where(t => t.Length > 0).Distinct().OrderBy(t => t == "intercept" ? 0 : 1))
        {
            string label = term == "intercept" ? "Intercept" : term;
            Add($"t({label}) = b / SE", P("t_value", term), v => v[0] / v[1], P("estimate", term), P("std_error", term));
            Counted($"Lower 95%({label}) = b − t(0.975, df)·SE", P("ci95_lower", term), v => v[0] - tCrit * v[1], P("estimate", term), P("std_error", term));
            Counted($"Upper 95%({label}) = b + t(0.975, df)·SE", P("ci95_upper", term), v => v[0] + tCrit * v[1], P("estimate", term), P("std_error", term));
            Counted($"P-value({label}) = 2·P(T > |t|), T ~ t(df)", P("p_value", term), v => Distributions.StudentTTwoSidedP(v[0], dfRes), P("t_value", term));
        }
        // Identities of simple regression (one regressor).
        if (dfModel == 1)
        {
            Add("F = t(x)²", P("f_stat"), v => v[0] * v[0], P("t_value", "x"));
            Add("Significance F = P-value(x)", P("f_pvalue"), v => v[0], P("p_value", "x"));
            Counted("Significance F = P(F(1, df) > F)", P("f_pvalue"), v => Distributions.FUpperTail(v[0], dfModel, dfRes), P("f_stat"));
            Counted("R² = t(x)² / (t(x)² + df(Residual))", P("r_squared"), v => v[0] * v[0] / (v[0] * v[0] + dfRes), P("t_value", "x"));
        }
        else
        {
            Counted("Significance F = P(F(k, df) > F)", P("f_pvalue"), v => Distributions.FUpperTail(v[0], dfModel, dfRes), P("f_stat"));
        }
        return checks;
    }
}
