using System.Text;
using NotebookAnalysis.Data;
using NotebookAnalysis.Models;
using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Tests.Models;

/// <summary>Bad input after transformation gets a clear error naming the model, the column and the row.</summary>
public class BadInputTests
{
    private static Table1 TableWithZeroGoodsClusters()
    {
        var lines = File.ReadAllLines(ProjectPaths.BundledTable1);
        // Row 3 (year 2011, file line 4): goods_clusters 21 -> 0.
        var fields = lines[3].Split(',');
        fields[2] = "0";
        lines[3] = string.Join(',', fields);
        return Table1.Parse(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"), "zero.csv");
    }

    [Theory]
    [InlineData("loglog")]
    [InlineData("y_logx")]
    public void LogOfZeroNamesColumnRowAndModel(string model)
    {
        var input = ModelInput.From(TableWithZeroGoodsClusters(), Market.Goods);
        var e = Assert.Throws<DataFileException>(() => AlternativeModels.Fit(input, ModelSpecs.All.Single(known => known.Name == model)));
        Assert.Equal("zero.csv", e.File);
        Assert.Equal(4, e.Line);
        Assert.Equal("goods_clusters", e.ColumnName);
        Assert.Contains("goods_clusters", e.Message);
        Assert.Contains("year 2011", e.Message);
        Assert.Contains("row 3", e.Message);
        Assert.Contains($"T2_goods/{model}", e.Message);
        // The other models fit the same data.
        Assert.NotNull(AlternativeModels.Fit(input, ModelSpecs.Base));
    }

    [Fact]
    public void LogOfNegativeScoreNamesTheScoreColumn()
    {
        var input = ModelInput.FromArrays("mine", [2001, 2002, 2003, 2004], [1.0, -2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 5.0], "score", "clusters");
        var e = Assert.Throws<DataFileException>(() => AlternativeModels.Fit(input, ModelSpecs.LogYX));
        Assert.Contains("'score'", e.Message);
        Assert.Contains("row 2 (year 2002)", e.Message);
        Assert.Contains("-2", e.Message);
    }

    [Theory]
    [InlineData("lag1")]
    [InlineData("firstdiff")]
    public void LagOrDifferenceOnTooFewRowsIsAClearError(string model)
    {
        var input = ModelInput.FromArrays("short", [2001, 2002, 2003], [1.0, 2.0, 4.0], [1.0, 3.0, 4.0]);
        var e = Assert.Throws<ModelException>(() => AlternativeModels.Fit(input, ModelSpecs.All.Single(known => known.Name == model)));
        Assert.Equal($"short/{model}", e.Model);
        Assert.Contains("first year", e.Message);
        Assert.Contains("at least 4 years", e.Message);
    }

    [Fact]
    public void QuadraticOnTooFewRowsIsAClearError()
    {
        var input = ModelInput.FromArrays("short", [2001, 2002, 2003], [1.0, 2.0, 4.0], [1.0, 3.0, 4.0]);
        var e = Assert.Throws<ModelException>(() => AlternativeModels.Fit(input, ModelSpecs.Quadratic));
        Assert.Contains("3 coefficients", e.Message);
        Assert.Contains("at least 4 rows", e.Message);
    }

    [Fact]
    public void DifferencingALinearSeriesGivesASingularDesign()
    {
        // x grows by 3 every year: Δx is constant, so its slope beside the intercept is not identified.
        var input = ModelInput.FromArrays("linear", [2001, 2002, 2003, 2004, 2005], [1.0, 1.5, 1.7, 2.4, 2.6], [3.0, 6.0, 9.0, 12.0, 15.0]);
        Assert.NotNull(AlternativeModels.Fit(input, ModelSpecs.Base));
        var e = Assert.Throws<ModelException>(() => AlternativeModels.Fit(input, ModelSpecs.FirstDifference));
        Assert.Equal("linear/firstdiff", e.Model);
        Assert.Contains("singular", e.Message);
        Assert.Contains("after the transformation", e.Message);
        Assert.Contains("constant", e.Message);
    }

    [Fact]
    public void ClustersLinearInTheYearMakeTheTrendModelSingular()
    {
        var input = ModelInput.FromArrays("linear", [2001, 2002, 2003, 2004, 2005], [1.0, 1.5, 1.7, 2.4, 2.6], [3.0, 6.0, 9.0, 12.0, 15.0]);
        var e = Assert.Throws<ModelException>(() => AlternativeModels.Fit(input, ModelSpecs.XPlusYear));
        Assert.Equal("linear/x_plus_year", e.Model);
        Assert.Contains("singular", e.Message);
    }
}
