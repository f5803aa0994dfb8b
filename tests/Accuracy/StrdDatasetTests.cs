using System.Globalization;
using NotebookAnalysis.Accuracy;
using NotebookAnalysis.Data;

namespace NotebookAnalysis.Tests.Accuracy;

/// <summary>The StRD reader on hand-written files in the same format, with the format's quirks.</summary>
public class StrdDatasetTests
{
    // A cubic through the origin-free model with "...", a trailing-dot number, a D exponent, F = Infinity,
    // and the "Standard Deviation" column header above the parameter table.
    private static readonly string[] Cubic =
    [
        "NIST/ITL StRD-like test file",
        "Dataset Name:  Cubic (Cubic.dat)",
        "Data:          1 Response Variable (y)",
        "               1 Predictor Variable (x)",
        "               5 Observations",
        "Model:         Polynomial Class",
        "               4 Parameters (B0,B1,...,B3)",
        "",
        "               y = B0 + B1*x + ... + B3*(x**3) + e",
        "",
        "                                          Standard Deviation",
        "     Parameter         Estimate                of Estimate",
        "        B0        1.                      0.0",
        "        B1        2.00000000000000        0.000000000000000",
        "        B2        0.3D+01                 0.0",
        "        B3        0.400000000000000E+01   0.0",
        "",
        "     Residual",
        "     Standard Deviation   0.000000000000000",
        "",
        "     R-Squared            1.00000000000000",
        "",
        "Regression    3      100.0   33.3   Infinity",
        "Residual      1      0.0     0.0",
        "",
        "Data:       y          x",
        "            1.          0",
        "            10          1",
        "            49          2",
        "            142         3",
        "            313         4",
    ];

    [Fact]
    public void ParsesModelCertifiedValuesAndData()
    {
        var d = StrdDataset.Parse(Cubic, "Cubic.dat");
        Assert.Equal("Cubic", d.Name);
        Assert.Equal(["B0", "B1", "B2", "B3"], d.Terms.Select(t => t.Parameter));
        Assert.Equal([0, 1, 2, 3], d.Terms.Select(t => t.Power));
        Assert.True(d.HasIntercept);
        Assert.Equal(1.0, d.Certified.Estimates["B0"]);
        Assert.Equal(3.0, d.Certified.Estimates["B2"]);
        Assert.Equal(4.0, d.Certified.Estimates["B3"]);
        Assert.Equal(0.0, d.Certified.ResidualSd);
        Assert.Equal(double.PositiveInfinity, d.Certified.FStatistic);
        Assert.Equal(100.0, d.Certified.SsRegression);
        Assert.Equal([1.0, 10, 49, 142, 313], d.Y);
        var design = d.ToDesign();
        Assert.Equal(["intercept", "B1", "B2", "B3"], design.Terms);
        Assert.Equal(64.0, design[4, 3]);
    }

    [Fact]
    public void ParsesUnderRussianCulture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("ru-RU");
            Assert.Equal(4.0, StrdDataset.Parse(Cubic, "Cubic.dat").Certified.Estimates["B3"]);
        }
        finally { CultureInfo.CurrentCulture = saved; }
    }

    [Fact]
    public void NoInterceptAndSeveralPredictors()
    {
        var lines = Cubic.Select(l => l
            .Replace("y = B0 + B1*x + ... + B3*(x**3) + e", "y = B1*x1 + B2*x2 + e")
            .Replace("4 Parameters (B0,B1,...,B3)", "2 Parameters (B1,B2)")
            .Replace("Data:       y          x", "Data:       y   x1   x2")
            .Replace("Regression    3", "Regression    2")
            .Replace("Residual      1", "Residual      3")).ToList();
        lines.RemoveAll(l => l.Contains("  B0  ") || l.Contains("  B3  "));
        int header = lines.FindIndex(l => l.StartsWith("Data:       y", StringComparison.Ordinal));
        lines = [.. lines.Take(header + 1), "  3  1  2", "  5  2  3", "  4  3  1", "  9  4  5", "  2  5  -1"];
        var d = StrdDataset.Parse(lines, "Two.dat");
        Assert.False(d.HasIntercept);
        Assert.Equal(["x1", "x2"], d.Terms.Select(t => t.Variable));
        var design = d.ToDesign();
        Assert.Equal(["B1", "B2"], design.Terms);
        Assert.False(design.HasIntercept);
    }

    [Fact]
    public void EllipsisOverNumberedPredictors()
    {
        var lines = Cubic.Select(l => l
            .Replace("y = B0 + B1*x + ... + B3*(x**3) + e", "y = B0 + B1*x1 + ... + B3*x3 + e")
            .Replace("Data:       y          x", "Data:       y   x1   x2   x3")).ToList();
        int header = lines.FindIndex(l => l.StartsWith("Data:       y", StringComparison.Ordinal));
        lines = [.. lines.Take(header + 1), "1 1 2 3", "2 2 3 1", "3 3 1 5", "4 4 5 2", "5 5 1 1"];
        var d = StrdDataset.Parse(lines, "Numbered.dat");
        Assert.Equal(["x1", "x2", "x3"], d.Terms.Skip(1).Select(t => t.Variable));
    }

    [Fact]
    public void BadInputNamesFileAndLine()
    {
        var bad = (string[])Cubic.Clone();
        bad[28] = "            49          two";
        var e = Assert.Throws<DataFileException>(() => StrdDataset.Parse(bad, "Cubic.dat"));
        Assert.Equal(29, e.Line);
        Assert.Equal(2, e.Column);
        Assert.Contains("'two' is not a number", e.Message);

        var missing = Cubic.Where(l => !l.Contains("  B2  ")).ToArray();
        Assert.Contains("certified", Assert.Throws<DataFileException>(() => StrdDataset.Parse(missing, "Cubic.dat")).Message);

        var ragged = (string[])Cubic.Clone();
        ragged[27] = "  10";
        Assert.Contains("expected 2 values", Assert.Throws<DataFileException>(() => StrdDataset.Parse(ragged, "Cubic.dat")).Message);
    }

    [Theory]
    [InlineData(1.0, 1.0, 15)]
    [InlineData(1.000001, 1.0, 6)]
    [InlineData(1e-9, 0.0, 9)]
    [InlineData(0.0, 0.0, 15)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity, 15)]
    [InlineData(1e12, double.PositiveInfinity, 12)]
    [InlineData(2.0, 1.0, 0)]
    [InlineData(double.NaN, 1.0, 0)]
    public void LogRelativeError(double x, double c, double expected) =>
        Assert.Equal(expected, Lre.Of(x, c), 9);
}
