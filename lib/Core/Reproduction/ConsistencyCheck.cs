namespace NotebookAnalysis.Reproduction;

/// <summary>The outcome of one consistency check.</summary>
public enum ConsistencyStatus
{
    /// <summary>The identity holds at the printed values.</summary>
    Holds,

    /// <summary>It fails at face value but holds once each printed number stands for its rounding interval.</summary>
    HoldsWithinRounding,

    /// <summary>No values that round to the printed ones satisfy the identity.</summary>
    Fails,
}

/// <summary>
/// One identity among the published numbers of a table (e.g. F = t²), checked two ways: at face value (the
/// printed inputs taken as exact, the result rounded like the printed target) and within rounding (each printed
/// number standing for its ±½-last-digit interval).
/// </summary>
/// <param name="Table">Table id.</param>
/// <param name="Relation">The identity, e.g. "F = t(x)²".</param>
/// <param name="Target">The printed number the identity predicts.</param>
/// <param name="FaceValue">The identity evaluated at the printed inputs.</param>
/// <param name="FaceValueRounded">That value written like the target.</param>
/// <param name="HoldsAtFaceValue">FaceValueRounded equals the printed target.</param>
/// <param name="Implied">The range the identity allows, given the inputs' rounding intervals.</param>
/// <param name="HoldsWithinRounding">The implied range meets the target's own rounding interval.</param>
public sealed record ConsistencyCheck(
    string Table,
    string Relation,
    PublishedNumber Target,
    double FaceValue,
    string FaceValueRounded,
    bool HoldsAtFaceValue,
    Interval Implied,
    bool HoldsWithinRounding)
{
    /// <summary>The outcome.</summary>
    public ConsistencyStatus Status => HoldsAtFaceValue ? ConsistencyStatus.Holds : HoldsWithinRounding ? ConsistencyStatus.HoldsWithinRounding : ConsistencyStatus.Fails;

    /// <summary>The outcome as reports write it: <c>holds</c>, <c>holds within rounding</c> or <c>fails</c>.</summary>
    public string StatusName => Status switch
    {
        ConsistencyStatus.Holds => "holds",
        ConsistencyStatus.HoldsWithinRounding => "holds within rounding",
        _ => "fails",
    };

    /// <summary>A sentence for the report.</summary>
    public string Explanation => Status switch
    {
        ConsistencyStatus.Holds => "",
        ConsistencyStatus.HoldsWithinRounding =>
            $"At face value {Relation} gives {FaceValueRounded}, not the printed {Target.Printed}; but the printed inputs stand for intervals, and the implied range {Implied} contains values that round to {Target.Printed}.",
        _ => $"{Relation} implies {Implied} from the printed inputs, which cannot round to the printed {Target.Printed}: the published numbers contradict each other.",
    };
}
