using NotebookAnalysis.Data;
using NotebookAnalysis.Models;
using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Tests.Models;

/// <summary>The battery's parallel loops: results in index order, the first failure rethrown as itself.</summary>
public class OrderedParallelTests
{
    [Fact]
    public void ResultsComeBackInIndexOrder()
    {
        var squares = OrderedParallel.Map(1_000, i => { Thread.SpinWait((1_000 - i) * 10); return i * i; });
        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => i * i), squares);
    }

    [Fact]
    public void TheLowestIndexFailureIsRethrownUnwrapped()
    {
        var e = Assert.Throws<ModelException>(() => OrderedParallel.Map(100, i =>
            i is 37 or 80 ? throw new ModelException("m", $"row {i}") : i));
        Assert.Contains("row 37", e.Message);
    }

    [Fact]
    public void TheBatteryIsTheSameRunAfterRun()
    {
        var data = Table1.LoadBundled();
        var a = ModelBattery.Run(data);
        var b = ModelBattery.Run(data);
        Assert.Equal(a.Rows, b.Rows);
        Assert.Equal(a.LeftOut, b.LeftOut);
        Assert.Equal(a.Fits.Select(f => (f.Data.Input.TableId, f.Spec.Name)), b.Fits.Select(f => (f.Data.Input.TableId, f.Spec.Name)));
        Assert.Equal(a.Markets.SelectMany(m => m.Checks), b.Markets.SelectMany(m => m.Checks));
    }
}
