using NotebookAnalysis.Reproduction;

namespace NotebookAnalysis.Tests.Reproduction;

public class ConsistencyTests
{
    private static IReadOnlyList<ConsistencyCheck> Checks(string table) => Consistency.Check(PublishedTables.For(table));

    [Fact]
    public void Sigma_from_the_printed_MS_fails_at_face_value_but_holds_within_rounding()
    {
        // Table 2 prints MS(Residual) 0.0007 and Standard Error 0.0269; √0.0007 = 0.0265, but 0.0007 stands for
        // [0.00065, 0.00075], whose roots [0.02550, 0.02739] contain 0.0269. Derived here by hand.
        var c = Checks("2").Single(k => k.Relation == "Standard Error = √MS(Residual)");
        Assert.Equal("0.0265", c.FaceValueRounded);
        Assert.False(c.HoldsAtFaceValue);
        Assert.True(c.HoldsWithinRounding);
        Assert.Equal(Math.Sqrt(0.00065), c.Implied.Low, 12);
        Assert.Equal(Math.Sqrt(0.00075), c.Implied.High, 12);
        Assert.Equal(ConsistencyStatus.HoldsWithinRounding, c.Status);
    }

    [Fact]
    public void F_equals_t_squared_within_rounding_in_every_table()
    {
        foreach (var t in new[] { "2", "3", "4" })
        {
            var c = Checks(t).Single(k => k.Relation == "F = t(x)²");
            Assert.True(c.HoldsWithinRounding, $"{t}: {c.Implied}");
        }
        // 21.7810² = 474.41196 rounds to 474.4120, not the printed 474.4133: fails at face value.
        var t2 = Checks("2").Single(k => k.Relation == "F = t(x)²");
        Assert.Equal(21.781 * 21.781, t2.FaceValue, 9);
        Assert.False(t2.HoldsAtFaceValue);
    }

    [Fact]
    public void Counts_hold_exactly()
    {
        foreach (var t in new[] { "2", "3", "4" })
        {
            Assert.Equal(ConsistencyStatus.Holds, Checks(t).Single(k => k.Relation.StartsWith("df(Total)")).Status);
            Assert.Equal(ConsistencyStatus.Holds, Checks(t).Single(k => k.Relation.StartsWith("Observations")).Status);
        }
    }

    [Fact]
    public void A_contradiction_between_printed_numbers_is_reported_as_a_failure()
    {
        var tampered = PublishedTables.For("3")
            .Select(p => p.Statistic == "f_stat" ? p with { Printed = "35.3030" } : p).ToList();
        var c = Consistency.Check(tampered).Single(k => k.Relation == "F = MS(Regression) / MS(Residual)");
        Assert.Equal(ConsistencyStatus.Fails, c.Status);
        Assert.Contains("contradict", c.Explanation);
    }

    [Fact]
    public void A_table_that_prints_its_coefficients_alone_still_gets_t_equals_b_over_SE()
    {
        // Without n and the degrees of freedom only the identities that need neither are checked.
        var coefficients = PublishedTables.For("2").Where(p => p.Section == "coefficients").ToList();
        var checks = Consistency.Check(coefficients);
        Assert.Equal(["t(Intercept) = b / SE", "t(x) = b / SE"], checks.Select(c => c.Relation));
        Assert.All(checks, c => Assert.True(c.HoldsWithinRounding, $"{c.Relation}: {c.Implied}"));
        // The full table checks the same two, and the df-based ones besides.
        Assert.True(Checks("2").Count > checks.Count);
        Assert.Equal(2, Checks("2").Count(c => c.Relation.EndsWith("= b / SE", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_table_has_the_same_battery_of_checks()
    {
        var counts = new[] { "2", "3", "4" }.Select(t => Checks(t).Count).Distinct().ToList();
        Assert.Single(counts);
        Assert.True(counts[0] >= 25);
    }
}
