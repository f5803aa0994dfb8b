using NotebookAnalysis.Data;
using NotebookAnalysis.Results;

namespace NotebookAnalysis.Pipeline;

/// <summary>
/// One part of the main job (<c>scripts/reproduce.cs</c>) beyond the base reproduction: it adds rows to
/// <c>results.csv</c> and a section to <c>REPRODUCTION.md</c>. Sections must be deterministic (fixed seeds)
/// and fast: the whole main job aims at under 2 s warm.
/// </summary>
public interface IAnalysisSection
{
    /// <summary>Short name for progress output, e.g. "alternative models".</summary>
    string Name { get; }

    /// <summary>Runs the section on <paramref name="data"/>. Throws on bad input; never writes files itself.</summary>
    SectionOutput Run(Table1 data);
}

/// <summary>What a section contributes.</summary>
/// <param name="Rows">Rows for <c>results.csv</c> (the main job checks for duplicates and NaN).</param>
/// <param name="Markdown">A Markdown section for <c>REPRODUCTION.md</c>, starting with a level-2 heading.</param>
/// <param name="Files">Extra files, relative to the output folder (e.g. <c>robustness.csv</c>), with their text.</param>
/// <param name="Undefined">Statistics left out of <paramref name="Rows"/> because they are undefined for the data, with the reason;
/// the main job lists them in <c>REPRODUCTION.md</c>.</param>
public sealed record SectionOutput(
    IReadOnlyList<ResultRow> Rows,
    string Markdown,
    IReadOnlyDictionary<string, string>? Files = null,
    IReadOnlyList<UndefinedResult>? Undefined = null);
