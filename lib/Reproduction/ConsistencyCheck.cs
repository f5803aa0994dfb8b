namespace NotebookAnalysis.Reproduction;

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
    /// <summary><c>holds</c>, <c>holds within rounding</c> or <c>fails</c>.</summary>
    public string Status => HoldsAtFaceValue ? "holds" : HoldsWithinRounding ? "holds within rounding" : "fails";

    /// <summary>A sentence for the report.</summary>
    public string Explanation => Status switch
    {
        "holds" => "",
        "holds within rounding" =>
            $"At face value {Relation} gives {FaceValueRounded}, not the printed {Target.Printed}; but the printed inputs stand for intervals, and the implied range {Implied} contains values that round to {Target.Printed}.",
        _ => $"{Relation} implies {Implied} from the printed inputs, which cannot round to the printed {Target.Printed}: the published numbers contradict each other.",
    };
}
