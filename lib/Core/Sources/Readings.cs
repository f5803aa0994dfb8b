using System.Globalization;
using NotebookAnalysis.Data;
using NotebookAnalysis.Models;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Reproduction;

namespace NotebookAnalysis.Sources;

/// <summary>One column of the claims table: a name and the slopes it holds, per table id.</summary>
/// <param name="Name">The column's name, e.g. "WEF scores, k = 0 (2009-2018)".</param>
/// <param name="Slopes">Its slopes; a table id without a fit has none.</param>
public sealed record EvidenceBase(string Name, IReadOnlyList<SlopeEvidence> Slopes);

/// <summary>The claims table: every claim of the paper judged on every evidence base.</summary>
/// <param name="Claims">The claims (rows), in the paper's order.</param>
/// <param name="Bases">The evidence bases (columns), in report order.</param>
/// <param name="Cells">One cell per claim and base, claim by claim.</param>
public sealed record ClaimsTable(IReadOnlyList<PaperClaim> Claims, IReadOnlyList<EvidenceBase> Bases, IReadOnlyList<ClaimCell> Cells)
{
    /// <summary>The cell of claim <paramref name="claimId"/> on the base named <paramref name="baseName"/>.</summary>
    public ClaimCell Cell(string claimId, string baseName) => Cells.Single(c => c.Claim.Id == claimId && c.Base == baseName);
}

/// <summary>
/// The paper's claims from Tables 2-4 (<see cref="PaperClaims"/>) judged on the paper's Table 1, on the WEF's scores under
/// each mapping of <see cref="Rerun.AlwaysRerun"/>, and on the robustness battery's slope checks on the paper's data.
/// </summary>
public static class Readings
{
    /// <summary>The first column's name.</summary>
    public const string PaperBase = "paper's Table 1 as printed";

    /// <summary>The last column's name.</summary>
    public const string RobustnessBase = "robustness battery on the paper's data";

    /// <summary>A re-run's slope as evidence, named by its model.</summary>
    private static SlopeEvidence Evidence(RerunFit f) => Evidence(f.Spec.Id, f.Model, f.Fit.N, f.Slope);

    /// <summary>An alternative model's slope of x as evidence (p and CI under its own covariance), named by its spec.</summary>
    private static SlopeEvidence Evidence(AlternativeFit f) => Evidence(f.Data.Input.TableId, f.Spec.Name, f.N, f["x"]);

    /// <summary>
    /// A slope as evidence. A claim is judged on the slope's p and interval, so a fit without them (an exact fit: no
    /// residual variance) is a model that cannot serve as evidence, named with its reason.
    /// </summary>
    private static SlopeEvidence Evidence(string table, string model, int n, CoefficientRow slope)
    {
        double Defined(Estimate e) => e.IsDefined ? e.Value
            : throw new ModelException(model, $"the slope's p-value and interval are undefined ({e.Reason}), so no claim can be judged on this fit", table);
        return new(table, model, n, slope.Estimate, Defined(slope.PValue), Defined(slope.Lower95), Defined(slope.Upper95));
    }

    /// <summary>
    /// The evidence bases: the paper's full table; the WEF's scores under each mapping of <see cref="Rerun.AlwaysRerun"/>
    /// (the re-runs in <paramref name="reruns"/>; a mapping with too few years has no slope); the slopes of
    /// <see cref="Robustness.SlopeCheckSpecs"/> fitted to the paper's data.
    /// </summary>
    public static IReadOnlyList<EvidenceBase> Bases(Table1 paper, RerunSet reruns, IReadOnlyList<AlternativeFit> battery)
    {
        var bases = new List<EvidenceBase> { new(PaperBase, Markets.Paper.Select(s => Evidence(Rerun.Full(paper, s))).ToList()) };
        foreach (var m in Rerun.AlwaysRerun)
        {
            var fits = reruns.Fits.Where(f => f.Source == ScoreSource.Wef && f.Mapping == m).ToList();
            // The column names its years when every table's re-run covers the same ones (as with a complete extract).
            var spans = fits.Select(f => Rerun.Names.YearSpan(f.Years)).Distinct().ToList();
            string name = $"WEF scores, {m.Label}" + (spans.Count == 1 ? $" ({spans[0]})" : "");
            bases.Add(new(name, fits.Select(Evidence).ToList()));
        }
        var checks = Robustness.SlopeCheckSpecs.Select(s => s.Name).ToList();
        bases.Add(new(RobustnessBase, battery.Where(f => checks.Contains(f.Spec.Name))
            .OrderBy(f => Markets.Paper.ToList().FindIndex(s => s.Id == f.Data.Input.TableId)).ThenBy(f => checks.IndexOf(f.Spec.Name))
            .Select(Evidence).ToList()));
        return bases;
    }

    /// <summary>
    /// Every claim judged (<see cref="PaperClaims.Judge"/>), claim by claim, on every base of <paramref name="paper"/>, the
    /// re-runs and the battery's slope-check models fitted to <paramref name="paper"/> by the battery itself: a model that
    /// cannot be fitted to these data (x beside a trend when the counts grow linearly with the year) has no slope, as in
    /// the main job.
    /// </summary>
    public static ClaimsTable Table(IReadOnlyList<PaperClaim> claims, Table1 paper, RerunSet reruns)
    {
        var bases = Bases(paper, reruns, ModelBattery.Run(paper, null, Robustness.SlopeCheckSpecs).Fits);
        return new(claims, bases, (from c in claims
                                   from b in bases
                                   select PaperClaims.Judge(c, b.Name, b.Slopes.Where(s => c.TableIds.Contains(s.TableId)).ToList())).ToList());
    }
}
