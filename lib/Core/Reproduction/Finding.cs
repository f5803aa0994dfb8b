namespace NotebookAnalysis.Reproduction;

/// <summary>A finding about the paper as a document, with the evidence computed or located at run time.</summary>
/// <param name="Id">Stable identifier, e.g. <c>wrong-title-T3</c>.</param>
/// <param name="Title">One line.</param>
/// <param name="Evidence">What was found where (a short locator in the paper, recomputed numbers).</param>
/// <param name="Assessment">What it means for a reader.</param>
public sealed record Finding(string Id, string Title, string Evidence, string Assessment);
