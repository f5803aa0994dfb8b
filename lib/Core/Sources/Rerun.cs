using System.Globalization;
using NotebookAnalysis.Data;
using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Sources;

/// <summary>Whose scores a re-run regression uses as y.</summary>
public enum ScoreSource
{
    /// <summary>Table 1's printed scores.</summary>
    Paper,

    /// <summary>The WEF's unrounded scores from the extract.</summary>
    Wef,
}

/// <summary>One of Tables 2-4 re-run: y = scores from <see cref="Source"/>, x = the paper's cluster counts, over <see cref="Years"/>.</summary>
/// <param name="Spec">Which table.</param>
/// <param name="Source">Whose scores.</param>
/// <param name="Mapping">The year-to-edition mapping for WEF scores; null for the paper's own scores.</param>
/// <param name="Years">The paper's years used, ascending.</param>
/// <param name="Fit">The engine's fit.</param>
public sealed record RerunFit(MarketSpec Spec, ScoreSource Source, EditionMapping? Mapping, IReadOnlyList<int> Years, OlsResult Fit)
{
    /// <summary>The model name in <c>sources.csv</c>, named for its data and years: <c>wef_k0_2009_2018</c>, <c>paper_2009_2017</c>.</summary>
    public string Model => Rerun.Names.Model(Source, Mapping, Years);

    /// <summary>A short description, e.g. "WEF scores, k = 0, 2009-2018 (n = 10)".</summary>
    public string Description =>
        (Source == ScoreSource.Wef ? $"WEF scores, {Mapping!.Label}" : "paper's Table 1") + ", " + Rerun.Names.YearSpan(Years) +
        " (n = " + Years.Count.ToString(CultureInfo.InvariantCulture) + ")";

    /// <summary>x: the paper's cluster counts on <see cref="Years"/>.</summary>
    public double[] Clusters() => Fit.Design.Column(Fit.Design.IndexOf("x"));

    /// <summary>y: the scores on <see cref="Years"/>.</summary>
    public IReadOnlyList<double> Scores => Fit.Y;

    /// <summary>The slope on the cluster count.</summary>
    public CoefficientRow Slope => Fit["x"];
}

/// <summary>A re-run that was not fitted because the extract covers too few of the table's years under the mapping.</summary>
/// <param name="Mapping">The mapping.</param>
/// <param name="Spec">The table.</param>
/// <param name="Years">The years covered.</param>
public sealed record UncoveredRerun(EditionMapping Mapping, MarketSpec Spec, int Years);

/// <summary>The re-runs of <see cref="Rerun.All"/>, and those the extract could not support.</summary>
/// <param name="Fits">The fits, per table in table order.</param>
/// <param name="TooFewYears">Mappings and tables with fewer than <see cref="Rerun.MinimumYears"/> covered years.</param>
public sealed record RerunSet(IReadOnlyList<RerunFit> Fits, IReadOnlyList<UncoveredRerun> TooFewYears);

/// <summary>The three regressions of Tables 2-4 re-run on the WEF's own scores, beside the paper's data on the same years.</summary>
public static class Rerun
{
    /// <summary>
    /// For one mapping and table: the WEF's unrounded scores against the paper's cluster counts on the years the extract
    /// covers under <paramref name="mapping"/>, and Table 1's own scores on the same years.
    /// </summary>
    public static (RerunFit Wef, RerunFit Paper) Covered(SourceComparison comparison, EditionMapping mapping, MarketSpec spec)
    {
        var cells = comparison.Column(mapping, spec.Market).Where(c => c.Wef is not null).ToList();
        var years = cells.Select(c => c.PaperYear).ToList();
        var clusters = Select(comparison.Paper.Years, comparison.Paper.Column(spec.X), years);
        var paperScores = Select(comparison.Paper.Years, comparison.Paper.Column(spec.Y), years);
        var wef = Fit(spec, ScoreSource.Wef, mapping, years, clusters, cells.Select(c => c.Wef!.Value).ToArray());
        var paper = Fit(spec, ScoreSource.Paper, null, years, clusters, paperScores);
        return (wef, paper);
    }

    /// <summary>The paper's full table: Table 1's scores on every year.</summary>
    public static RerunFit Full(Table1 paper, MarketSpec spec)
    {
        var years = paper.Years.ToList();
        return Fit(spec, ScoreSource.Paper, null, years, paper.Column(spec.X), paper.Column(spec.Y));
    }

    /// <summary>The fewest years a re-run needs: intercept and slope with one residual degree of freedom.</summary>
    public const int MinimumYears = 3;

    /// <summary>The mappings re-run always: the edition's first year (k = −1), its second year (k = 0), the year before (k = +1).</summary>
    public static IReadOnlyList<EditionMapping> AlwaysRerun { get; } = [new(-1), EditionMapping.Natural, new(1)];

    /// <summary>
    /// Every re-run for the report, per table in table order: WEF and paper on the years each mapping of
    /// <see cref="AlwaysRerun"/> covers, then the same under each mapping tied for the most agreeing cells
    /// (<see cref="SourceComparison.TiedForBest"/>) that is not among them, and the paper's full table. Fits with the same
    /// model name are kept once. A mapping that covers fewer than <see cref="MinimumYears"/> years of a table is not
    /// fitted; it is listed in <see cref="RerunSet.TooFewYears"/>.
    /// </summary>
    public static RerunSet All(SourceComparison comparison)
    {
        var mappings = AlwaysRerun.ToList();
        mappings.AddRange(comparison.TiedForBest.Where(m => !mappings.Contains(m)).OrderBy(m => m != comparison.Best));
        var fits = new List<RerunFit>();
        var skipped = new List<UncoveredRerun>();
        foreach (var spec in Markets.Paper)
        {
            foreach (var m in mappings)
            {
                int covered = comparison.Count(m, spec.Market).Checked;
                if (covered < MinimumYears)
                {
                    skipped.Add(new UncoveredRerun(m, spec, covered));
                    continue;
                }
                var (wef, paper) = Covered(comparison, m, spec);
                fits.Add(wef);
                fits.Add(paper);
            }
            fits.Add(Full(comparison.Paper, spec));
        }
        return new RerunSet(fits.DistinctBy(f => (f.Spec.Id, f.Model)).ToList(), skipped);
    }

    private static RerunFit Fit(MarketSpec spec, ScoreSource source, EditionMapping? mapping, List<int> years, double[] x, double[] y)
    {
        string model = Names.Model(source, mapping, years);
        if (years.Count < MinimumYears)
            throw new ModelException($"{spec.Id}/{model}", $"only {years.Count.ToString(CultureInfo.InvariantCulture)} years have scores, and the regression needs at least {MinimumYears.ToString(CultureInfo.InvariantCulture)}.");
        return new RerunFit(spec, source, mapping, years, Ols.Fit(Design.WithIntercept($"{spec.Id}/{model}", ("x", x)), y));
    }

    private static double[] Select(IReadOnlyList<int> allYears, double[] values, List<int> years) =>
        years.Select(y => values[IndexOf(allYears, y)]).ToArray();

    private static int IndexOf(IReadOnlyList<int> years, int year)
    {
        for (int i = 0; i < years.Count; i++) if (years[i] == year) return i;
        throw new ArgumentException($"Year {year} is not in Table 1.", nameof(year));
    }

    /// <summary>Model names and year spans.</summary>
    internal static class Names
    {
        public static string Model(ScoreSource source, EditionMapping? mapping, IReadOnlyList<int> years) =>
            (source == ScoreSource.Wef ? "wef_" + mapping!.Name : "paper") + "_" + YearKey(years);

        /// <summary>"2009_2016" for consecutive years; the years joined by underscores otherwise, so a name never hides a gap.</summary>
        public static string YearKey(IReadOnlyList<int> years) =>
            Consecutive(years) ? $"{Y(years[0])}_{Y(years[^1])}" : string.Join("_", years.Select(Y));

        /// <summary>"2009-2016" for consecutive years; the years listed otherwise.</summary>
        public static string YearSpan(IReadOnlyList<int> years) =>
            years.Count == 0 ? "no years" : Consecutive(years) ? $"{Y(years[0])}-{Y(years[^1])}" : string.Join(", ", years.Select(Y));

        private static bool Consecutive(IReadOnlyList<int> years) =>
            years.Count > 0 && years.Zip(years.Skip(1)).All(p => p.Second == p.First + 1);

        private static string Y(int year) => year.ToString(CultureInfo.InvariantCulture);
    }
}
