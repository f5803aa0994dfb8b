using System.Globalization;
using NotebookAnalysis.Accuracy;
using NotebookAnalysis.Data;
using NotebookAnalysis.Tests.Support;

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

    private static string[] Edit(Func<string, string> f) => Cubic.Select(f).ToArray();

    [Fact]
    public void ReadsTheFormatsVariants()
    {
        // Unicode ellipsis, "^" powers, a model line wrapped after a '+', the residual SD on one line, Fortran-style
        // numbers (D exponent, letterless three-digit exponent, trailing dot), "INFINITY" in capitals, tabs, the response
        // not in the first column, and NBSP/BOM characters as whitespace.
        var lines = Edit(l => l
            .Replace("y = B0 + B1*x + ... + B3*(x**3) + e", "y = B0 + B1*x + … +")
            .Replace("B0        1.  ", "B0\t0.1d+01\u00A0")
            .Replace("0.400000000000000E+01", "0.4+001")
            .Replace("Infinity", "INFINITY")
            .Replace("     Standard Deviation   0.000000000000000", "     Residual Standard Deviation   0.0")
            .Replace("Data:       y          x", "Data:\tx\ty")).ToList();
        lines.Insert(9, "                   B3*x^3 + e");
        lines.Remove("     Residual");
        int header = lines.FindIndex(l => l.StartsWith("Data:\tx", StringComparison.Ordinal));
        for (int i = header + 1; i < lines.Count; i++)
        {
            var f = lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            lines[i] = $"\t{f[1]}\t{f[0]}   ";
        }
        var d = CultureScope.Run("ru-RU", () => StrdDataset.Parse(lines, "Variant.dat"));
        Assert.Equal(["B0", "B1", "B2", "B3"], d.Terms.Select(t => t.Parameter));
        Assert.Equal([0, 1, 2, 3], d.Terms.Select(t => t.Power));
        Assert.Equal("y", d.Response);
        Assert.Equal([1.0, 10, 49, 142, 313], d.Y);
        Assert.Equal(1.0, d.Certified.Estimates["B0"]);
        Assert.Equal(4.0, d.Certified.Estimates["B3"]);
        Assert.Equal(0.0, d.Certified.ResidualSd);
        Assert.Equal(double.PositiveInfinity, d.Certified.FStatistic);
        Assert.Null(d.YLow);
    }

    public static TheoryData<string, string, int, string> BadFiles => new()
    {
        // name, line to replace (substring) → replacement, expected line, expected message fragment
        { "NaN estimate", "B2        0.3D+01                 0.0|B2        NaN                 0.0", 15, "not a finite number" },
        { "degrees of freedom", "Regression    3|Regression    2", 24, "degrees of freedom (2 + 1) do not add up to 4" },
        { "duplicate column", "Data:       y          x|Data:       y          x    x", 26, "named twice" },
        { "huge index", "B3*(x**3)|B99999999999*(x**3)", 9, "B99999999999" },
        { "unknown predictor", "B1*x +|B1*z +", 9, "uses 'z'" },
        { "dangling ellipsis", "+ B3*(x**3) + e|+ e", 9, "must stand between two terms" },
        { "empty term", "+ B3*(x**3) + e|+ B3*(x**3) + + e", 9, "empty term" },
        { "power zero", "B3*(x**3)|B3*(x**0)", 9, "power 0" },
        { "missing certified", "        B1        2.00000000000000        0.000000000000000|", 9, "no certified value for it" },
        { "ragged row", "            49          2|            49", 29, "expected 2 values" },
        { "bad number", "            142         3|            142         3.0.1", 30, "'3.0.1' is not a number" },
        { "observations", "5 Observations|6 Observations", 26, "says 6 observations but 5" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void UnreadableInputNamesFileAndLine(string what, string edit, int line, string message)
    {
        var parts = edit.Split('|');
        var lines = Cubic.Select(l => l.Contains(parts[0], StringComparison.Ordinal) ? l.Replace(parts[0], parts[1]) : l).ToArray();
        Assert.NotEqual(Cubic, lines);
        var e = Assert.Throws<DataFileException>(() => StrdDataset.Parse(lines, "Bad.dat"));
        Assert.True(e.Message.Contains(message, StringComparison.Ordinal), $"{what}: {e.Message}");
        Assert.Equal(line, e.Line);
        Assert.StartsWith("Bad.dat", e.Message);
    }

    [Fact]
    public void EmptyDataIsAnError()
    {
        var lines = Cubic.Take(Array.FindIndex(Cubic, l => l.StartsWith("Data:       y", StringComparison.Ordinal)) + 1).Append("   ").ToArray();
        Assert.Contains("no data rows", Assert.Throws<DataFileException>(() => StrdDataset.Parse(lines, "Empty.dat")).Message);
    }

    public static TheoryData<string> NistNames => StrdAccuracyTests.Datasets;

    [StrdTheory]
    [MemberData(nameof(NistNames))]
    public void NistFilesReadTheSameInEveryLayout(string name)
    {
        var path = Path.Combine(ProjectPaths.SharedStrd, name + ".dat");
        var original = StrdDataset.Load(path);
        var text = File.ReadAllText(path);
        var lf = text.Replace("\r\n", "\n");
        string[] variants =
        [
            lf,                                                                                  // LF line ends
            "\uFEFF" + text,                                                                      // BOM
            lf.Replace("\n", "\r"),                                                               // lone CR (old Mac)
            string.Join("\r\n", lf.Split('\n').Select(l => l + " \t ")),                         // trailing whitespace
            string.Join("\n", lf.Split('\n').Select(l => System.Text.RegularExpressions.Regex.Replace(l, "  +", "\t"))), // tabs
            lf.Replace("NIST/ITL StRD\n", "NIST/ITL StRD\n\nRe-typed copy\n\n") + "\n\n\n",       // lines shifted, blank tail
            string.Join("\n", lf.Split('\n').Select((l, i) => i > 60 && i % 3 == 0 ? l + "\n" : l)),  // blank lines among the data
        ];
        using var dir = new TempDir();
        for (int v = 0; v < variants.Length; v++)
        {
            var file = dir.Write($"{name}.dat", variants[v]);
            var d = CultureScope.Run("ru-RU", () => StrdDataset.Load(file));
            Assert.Equal(original.Terms, d.Terms);
            Assert.Equal(original.Certified.Estimates, d.Certified.Estimates);
            Assert.Equal(original.Certified.StdErrors, d.Certified.StdErrors);
            Assert.Equal((original.Certified.ResidualSd, original.Certified.RSquared, original.Certified.SsRegression, original.Certified.SsResidual, original.Certified.FStatistic),
                (d.Certified.ResidualSd, d.Certified.RSquared, d.Certified.SsRegression, d.Certified.SsResidual, d.Certified.FStatistic));
            Assert.Equal(original.Y, d.Y);
            Assert.Equal(original.YLow, d.YLow);
            foreach (var c in original.Data.Keys) Assert.Equal(original.Data[c], d.Data[c]);
        }
    }

    [Theory]
    [InlineData("0.1")]
    [InlineData("1000000000.1")]
    [InlineData("0.1D+01")]
    [InlineData("-0.333333333333333333333")]
    [InlineData("1.00000000000000000001E-5")]
    [InlineData("-2.5")]
    [InlineData("557028453333333.")]
    public void DecimalLowPartIsWhatTheDoubleDropped(string text)
    {
        double hi = StrdDataset.Number(text, "t", 1);
        double lo = StrdDataset.DecimalLowPart(text, hi);
        var exact = Rational.Parse(text) - Rational.Of(hi);
        Assert.Equal(exact.ToDouble(), lo);
        Assert.True(Math.Abs(lo) <= Math.Abs(hi) * 1.2e-16);
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
