namespace NotebookAnalysis.Report.Pipeline;

/// <summary>
/// The sections the main job runs after the base reproduction, in report order.
/// Each analysis registers itself here with one line.
/// </summary>
public static class Sections
{
    /// <summary>All registered sections, in the order they appear in REPRODUCTION.md and results.csv.</summary>
    public static IReadOnlyList<IAnalysisSection> All { get; } =
    [
        new AlternativeModelsSection(),
        new ResamplingSection(),
    ];
}
