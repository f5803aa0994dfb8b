using NotebookAnalysis.Data;
using NotebookAnalysis.Reproduction;
using NotebookAnalysis.Results;

namespace NotebookAnalysis.Report.Pipeline;

/// <summary>
/// One part of the main job (<c>scripts/reproduce.cs</c>) beyond the base reproduction: it adds rows to
/// <c>results.csv</c> and a section to <c>REPRODUCTION.md</c>. Sections must be deterministic (fixed seeds)
/// and fast: the whole main job aims at under 2 s warm.
/// </summary>
public interface IAnalysisSection
{
    /// <summary>Short name for progress output, e.g. "alternative models".</summary>
    string Name { get; }

    /// <summary>Runs the section on <paramref name="context"/>'s data and base fits. Throws on bad input; never writes files itself.</summary>
    SectionOutput Run(AnalysisContext context);
}

/// <summary>Running a section on data alone (notebooks, tests): the base fits are made once, here.</summary>
public static class AnalysisSectionExtensions
{
    /// <summary>Runs <paramref name="section"/> on <paramref name="data"/>, with the base fit of each market fitted once.</summary>
    public static SectionOutput Run(this IAnalysisSection section, Table1 data) => section.Run(AnalysisContext.For(data, MarketReproduction.All(data)));
}

/// <summary>
/// What every section receives: the data, its markets and the base fit of each market, fitted once by the base
/// reproduction. Sections read the base fits from here and never refit the base model.
/// </summary>
/// <param name="Data">The data file, with its market description (<see cref="Table1.Markets"/>).</param>
/// <param name="Base">One base reproduction per market, in the description's order.</param>
public sealed record AnalysisContext(Table1 Data, IReadOnlyList<MarketReproduction> Base)
{
    /// <summary>The context of the markets with one regressor: the sections are built on the one x of a simple regression.</summary>
    public static AnalysisContext For(Table1 data, IReadOnlyList<MarketReproduction> reproductions) =>
        new(data.WithMarkets(data.Markets.Where(m => m.HasOneRegressor)), [.. reproductions.Where(r => r.Spec.HasOneRegressor)]);
}

/// <summary>What a section contributes.</summary>
/// <param name="Rows">Rows for <c>results.csv</c> (the main job checks for duplicates and NaN).</param>
/// <param name="Markdown">A Markdown section for <c>REPRODUCTION.md</c>, starting with a level-2 heading.</param>
/// <param name="Undefined">Statistics left out of <paramref name="Rows"/> because they are undefined for the data, with the reason;
/// the main job lists them in <c>REPRODUCTION.md</c>.</param>
public sealed record SectionOutput(
    IReadOnlyList<ResultRow> Rows,
    string Markdown,
    IReadOnlyList<UndefinedResult> Undefined);
