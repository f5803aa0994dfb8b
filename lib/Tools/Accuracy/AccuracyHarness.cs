using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearRegression;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Report.Reporting;
using NotebookAnalysis.Formatting;

namespace NotebookAnalysis.Accuracy;

/// <summary>One line of the accuracy CSV. <see cref="Value"/> and <see cref="LreValue"/> are null for a method that threw.</summary>
public sealed record AccuracyRow(string Dataset, string Method, string Quantity, string Term, double? Value, double? Certified, double? LreValue);

/// <summary>
/// Fits every StRD dataset with the engine and with two MathNet methods for comparison, and scores each certified
/// quantity by its LRE. Quantities: <c>estimate</c> and <c>std_error</c> per term, <c>sigma</c>, <c>r_squared</c>,
/// <c>ss_regression</c>, <c>ss_residual</c>, <c>f_stat</c>.
/// </summary>
/// <remarks>
/// MathNet methods: <c>mathnet_qr</c> takes its coefficients from <c>MultipleRegression.QR</c> and its (X'X)^{-1} from
/// R^{-1}R^{-T} of MathNet's thin QR; <c>mathnet_normal</c> takes both from the normal equations
/// (<c>MultipleRegression.NormalEquations</c>, and the inverse of X'X). Their residuals and sums of squares are then
/// formed in plain double from their coefficients, with the same formulas as the engine (SSR = Σ(ŷ-ȳ)², Σŷ² without a constant).
/// </remarks>
public static class AccuracyHarness
{
    /// <summary>The methods, in output order.</summary>
    /// <c>engine</c> is <see cref="Ols.Fit"/> (refined double QR; double-double below 64 rows or beyond the refinement's
    /// reach); <c>refined</c> and <c>double_double</c> are its two paths forced, whatever n, so they can be compared on
    /// every dataset (<c>refined</c> "fails" where its screen or convergence hands the fit to double-double).
    public static IReadOnlyList<string> Methods { get; } = ["engine", "refined", "double_double", "mathnet_qr", "mathnet_normal"];

    private sealed record Estimates(double[] Coefficients, double[] StdErrors, double Sigma, double RSquared, double Ssr, double Sse, double F);

    /// <summary>All rows for one dataset and every method.</summary>
    public static IReadOnlyList<AccuracyRow> Evaluate(StrdDataset data)
    {
        var rows = new List<AccuracyRow>();
        foreach (var method in Methods)
        {
            Estimates est;
            try
            {
                est = method switch
                {
                    "engine" => Engine(data, Ols.FitExtended),
                    "refined" => Engine(data, (d, y, yLow) => Ols.FitRefined(d, y, out var why, yLow) ?? throw new ModelException(d.Model, "refinement hands the fit to double-double: " + why)),
                    "double_double" => Engine(data, Ols.FitDoubleDouble),
                    "mathnet_qr" => MathNetFit(data, qr: true),
                    _ => MathNetFit(data, qr: false),
                };
            }
            catch (Exception e)
            {
                rows.Add(new AccuracyRow(data.Name, method, "error", $"{e.GetType().Name}: {e.Message}", null, null, null));
                continue;
            }
            var c = data.Certified;
            var names = data.ParameterOfColumn();
            for (int j = 0; j < names.Count; j++)
                rows.Add(Row(data, method, "estimate", names[j], est.Coefficients[j], c.Estimates[names[j]]));
            for (int j = 0; j < names.Count; j++)
                rows.Add(Row(data, method, "std_error", names[j], est.StdErrors[j], c.StdErrors[names[j]]));
            rows.Add(Row(data, method, "sigma", "", est.Sigma, c.ResidualSd));
            rows.Add(Row(data, method, "r_squared", "", est.RSquared, c.RSquared));
            rows.Add(Row(data, method, "ss_regression", "", est.Ssr, c.SsRegression));
            rows.Add(Row(data, method, "ss_residual", "", est.Sse, c.SsResidual));
            rows.Add(Row(data, method, "f_stat", "", est.F, c.FStatistic));
        }
        return rows;
    }

    // NIST's LRE throughout, -log10|x| for a certified 0 as well: an exact fit must give residuals of 0 to the digits scored.
    private static AccuracyRow Row(StrdDataset d, string method, string quantity, string term, double value, double certified) =>
        new(d.Name, method, quantity, term, value, certified, Lre.Of(value, certified));

    /// <summary>The engine on the data as printed: predictors and response carried to about 32 digits (the doubles and
    /// what rounding dropped, <see cref="StrdDataset.ToDesign"/> and <see cref="StrdDataset.YLow"/>), as NIST certifies them.</summary>
    private static Estimates Engine(StrdDataset data, Func<Design, IReadOnlyList<double>, double[]?, OlsResult> solver)
    {
        var fit = solver(data.ToDesign(), data.Y, data.YLow);
        // NIST certifies F = Infinity for an exact fit (Wampler1), where the engine's F is undefined: scored as that limit.
        return new Estimates([.. fit.Coefficients], [.. fit.StandardErrors], fit.Sigma, fit.RSquared.OrNull ?? double.NaN,
            fit.SsRegression, fit.SsResidual, fit.FStatistic.OrNull ?? (fit.IsExactFit ? double.PositiveInfinity : double.NaN));
    }

    private static Estimates MathNetFit(StrdDataset data, bool qr)
    {
        var design = data.ToDesign();
        int n = design.Rows, k = design.Columns;
        var x = Matrix<double>.Build.Dense(n, k, (i, j) => design[i, j]);
        var y = Vector<double>.Build.DenseOfArray(data.Y);
        Vector<double> b;
        Matrix<double> unscaled;
        if (qr)
        {
            b = MultipleRegression.QR(x, y);
            var rInv = x.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).R.Inverse();
            unscaled = rInv * rInv.Transpose();
        }
        else
        {
            b = MultipleRegression.NormalEquations(x, y);
            unscaled = (x.Transpose() * x).Inverse();
        }
        var fitted = x * b;
        double yBar = design.HasIntercept ? y.Average() : 0;
        double sse = 0, ssr = 0, sst = 0;
        for (int i = 0; i < n; i++)
        {
            double r = y[i] - fitted[i];
            sse += r * r;
            ssr += (fitted[i] - yBar) * (fitted[i] - yBar);
            sst += (y[i] - yBar) * (y[i] - yBar);
        }
        int dfRes = n - k, dfModel = design.HasIntercept ? k - 1 : k;
        double sigma = Math.Sqrt(sse / dfRes);
        var se = Enumerable.Range(0, k).Select(j => sigma * Math.Sqrt(unscaled[j, j])).ToArray();
        return new Estimates(b.ToArray(), se, sigma, ssr / sst, ssr, sse, ssr / dfModel / (sse / dfRes));
    }

    /// <summary>The CSV text (invariant culture, round-trip formatting, empty fields for missing values).</summary>
    public static string ToCsv(IEnumerable<AccuracyRow> rows)
    {
        var sb = new StringBuilder("dataset,method,quantity,term,value,certified,lre\n");
        foreach (var r in rows)
            sb.AppendJoin(',', VerdictTables.Csv(r.Dataset), VerdictTables.Csv(r.Method), VerdictTables.Csv(r.Quantity), VerdictTables.Csv(r.Term),
                Num(r.Value), Num(r.Certified), r.LreValue is double l ? NumberFormat.Fixed(l, 2) : "").Append('\n');
        return sb.ToString();
    }

    /// <summary>Minimum LRE per dataset and method (null when the method threw).</summary>
    public static IReadOnlyDictionary<(string Dataset, string Method), double?> MinimumLre(IEnumerable<AccuracyRow> rows) =>
        rows.GroupBy(r => (r.Dataset, r.Method))
            .ToDictionary(g => g.Key, g => g.Any(r => r.Quantity == "error") ? null : (double?)g.Min(r => r.LreValue!.Value));

    /// <summary>The path <see cref="Ols.Fit"/> takes on <paramref name="data"/>, e.g. "refined (2 iterations)" or "double-double".</summary>
    public static string EnginePath(StrdDataset data)
    {
        try
        {
            var fit = Ols.FitExtended(data.ToDesign(), data.Y, data.YLow);
            return fit.Path == SolverPath.Refined
                ? $"refined ({fit.RefinementIterations.ToString(CultureInfo.InvariantCulture)} iterations)"
                : fit.Design.Rows < RefinedQr.MinRows ? $"double-double (n < {RefinedQr.MinRows.ToString(CultureInfo.InvariantCulture)})" : "double-double";
        }
        catch (ModelException) { return "fails"; }
    }

    /// <summary>The minimum LRE per dataset (rows) and method (columns), the engine's weakest quantity and, when
    /// <paramref name="paths"/> is given (dataset → <see cref="EnginePath"/>), the engine's path, as a Markdown table.</summary>
    public static string MinimumTable(IReadOnlyList<AccuracyRow> rows, IReadOnlyDictionary<string, string>? paths = null)
    {
        var min = MinimumLre(rows);
        var grid = new Grid().Block(null, ["Dataset", .. Methods, "engine's weakest quantity", .. paths is null ? Array.Empty<string>() : ["engine's path"]]);
        foreach (var d in rows.Select(r => r.Dataset).Distinct())
        {
            var weakest = rows.Where(r => r.Dataset == d && r.Method == "engine" && r.LreValue is not null)
                .OrderBy(r => r.LreValue).FirstOrDefault();
            grid.Row([d,
                .. Methods.Select(m => min.TryGetValue((d, m), out var v) ? v is double x ? NumberFormat.Fixed(x, 1) : "fails" : ""),
                weakest is null ? "" : weakest.Quantity + (weakest.Term.Length > 0 ? " " + weakest.Term : ""),
                .. paths is null ? Array.Empty<string>() : [paths.TryGetValue(d, out var p) ? p : ""]]);
        }
        return grid.ToMarkdown();
    }

    // Round-trip digits; ±∞ print as "Infinity" and "-Infinity" in the invariant culture.
    private static string Num(double? v) => v is double x ? NumberFormat.Shortest(x) : "";
}
