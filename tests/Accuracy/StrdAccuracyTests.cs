using NotebookAnalysis.Accuracy;
using NotebookAnalysis.Data;
using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Tests.Accuracy;

/// <summary>A theory that is skipped, with the reason shown, when the shared NIST StRD folder is absent.</summary>
public sealed class StrdTheoryAttribute : TheoryAttribute
{
    public StrdTheoryAttribute([System.Runtime.CompilerServices.CallerFilePath] string? sourceFilePath = null, [System.Runtime.CompilerServices.CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber) =>
        Skip = Support.SharedData.MissingReason(ProjectPaths.SharedStrd, "NIST StRD data", "the certified-accuracy test");
}

/// <summary>
/// The engine on the 11 NIST StRD linear-regression datasets: every certified quantity (estimates, standard errors,
/// residual SD, R², SSR, SSE, F) must reach a log relative error of at least 12 digits.
/// </summary>
public class StrdAccuracyTests
{
    public static TheoryData<string> Datasets => new()
    {
        "Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley",
        "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5",
    };

    [StrdTheory]
    [MemberData(nameof(Datasets))]
    public void EngineReachesTwelveDigitsOnEveryCertifiedQuantity(string name)
    {
        var data = StrdDataset.Load(Path.Combine(ProjectPaths.SharedStrd, name + ".dat"));
        var rows = AccuracyHarness.Evaluate(data).Where(r => r.Method == "engine").ToList();
        Assert.DoesNotContain(rows, r => r.Quantity == "error");
        int k = data.Terms.Count;
        Assert.Equal(2 * k + 5, rows.Count);
        var worst = rows.MinBy(r => r.LreValue!.Value)!;
        Assert.True(worst.LreValue >= 12,
            $"{name}: {worst.Quantity} {worst.Term} = {worst.Value:R} vs certified {worst.Certified:R}, LRE {worst.LreValue:F2} < 12");
    }

    [StrdTheory]
    [InlineData("Wampler1")]
    public void ExactFitIsRecognisedWithoutTolerance(string name)
    {
        var data = StrdDataset.Load(Path.Combine(ProjectPaths.SharedStrd, name + ".dat"));
        var fit = Ols.Fit(data.ToDesign(), data.Y);
        Assert.True(fit.IsExactFit);
        Assert.All(fit.Coefficients, b => Assert.Equal(1.0, b));
        // NIST prints F = Infinity; the engine says F is undefined for an exact fit, and why.
        Assert.Contains("the fit is exact", fit.FStatistic.Reason);
        Assert.Equal(double.PositiveInfinity, data.Certified.FStatistic);
    }

    [StrdTheory]
    [InlineData("Filip")]
    public void FilipNeedsTheExtendedPrecisionPowers(string name)
    {
        // The same fit on powers rounded to double after each multiplication loses digits to the data, not the arithmetic:
        // this is why StrdDataset.ToDesign forms the powers in double-double.
        var data = StrdDataset.Load(Path.Combine(ProjectPaths.SharedStrd, name + ".dat"));
        var exact = Ols.Fit(data.ToDesign(), data.Y);
        // Powers by repeated multiplication in double, as a user of a double-only library would form them.
        var roundedPowers = data.Terms.Where(t => t.Variable is not null).Select(t => (t.Parameter,
            data.Data[t.Variable!].Select(v => Enumerable.Repeat(v, t.Power).Aggregate(1.0, (p, f) => p * f)).ToArray()));
        var rounded = Ols.Fit(Design.WithIntercept(name, [.. roundedPowers]), data.Y);
        double certified = data.Certified.Estimates["B10"];
        Assert.True(Lre.Of(exact.Coefficients[10], certified) >= 12);
        Assert.True(Lre.Of(rounded.Coefficients[10], certified) < 10);
    }
}
