using System.Globalization;
using NotebookAnalysis.Reproduction;
using NotebookAnalysis.Formatting;

namespace NotebookAnalysis.Report.Reporting;

/// <summary>Tables of verdicts and consistency checks, for the console, Markdown and HTML.</summary>
public static class VerdictTables
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Counts of match / last-digit / mismatch per table, plus a total row. An "undefined" column appears only when a
    /// published statistic is undefined for the data (e.g. an exact fit).
    /// </summary>
    public static Grid Summary(IEnumerable<MarketReproduction> reproductions)
    {
        var reps = reproductions.ToList();
        bool anyUndefined = reps.Any(r => r.Verdicts.Any(v => v.Kind == VerdictKind.Undefined));
        var kinds = new List<VerdictKind> { VerdictKind.Match, VerdictKind.LastDigit, VerdictKind.Mismatch };
        if (anyUndefined) kinds.Add(VerdictKind.Undefined);
        var grid = new Grid().Block(null, ["Table", "Numbers", .. kinds.Select(Verdicts.Name), "Consistency checks", "hold", "hold within rounding", "fail"]);
        int[] total = new int[kinds.Count + 5];
        foreach (var r in reps)
        {
            int[] c =
            [
                r.Verdicts.Count,
                .. kinds.Select(kind => r.Verdicts.Count(v => v.Kind == kind)),
                r.Consistency.Count,
                r.Consistency.Count(k => k.Status == ConsistencyStatus.Holds),
                r.Consistency.Count(k => k.Status == ConsistencyStatus.HoldsWithinRounding),
                r.Consistency.Count(k => k.Status == ConsistencyStatus.Fails),
            ];
            for (int i = 0; i < c.Length; i++) total[i] += c[i];
            grid.Row([$"{r.Spec.Heading} ({r.TableId})", .. c.Select(v => v.ToString(Inv))]);
        }
        grid.Row(["All", .. total.Select(v => v.ToString(Inv))]);
        return grid;
    }

    /// <summary>One row per published number of one table: labels, printed, recomputed, difference, verdict, and the note explaining it.</summary>
    public static Grid Detail(MarketReproduction r)
    {
        var grid = new Grid().Block(null, "Paper label", "Standard label", "Printed", "Recomputed", "Rounded", "Δ (last digit)", "Verdict", "Note");
        foreach (var v in r.Verdicts)
            grid.Row(v.Published.PaperLabel, v.Published.StandardLabel, v.Published.Printed,
                Defined(v) ? NumberFormat.Full(v.Recomputed) : SummaryOutput.Undefined, v.RecomputedRounded,
                Defined(v) ? v.DifferenceUnits.ToString("+0.00;-0.00;0.00", Inv) : "", v.KindName, v.Explanation);
        return grid;
    }

    /// <summary>The consistency checks of one table.</summary>
    public static Grid ConsistencyDetail(MarketReproduction r)
    {
        var grid = new Grid().Block(null, "Identity", "Printed", "At face value", "Implied by the printed inputs", "Status");
        foreach (var c in r.Consistency)
            grid.Row(c.Relation, c.Target.Printed, c.FaceValueRounded, c.Implied.ToString(), c.StatusName);
        return grid;
    }

    /// <summary>verdicts.csv: one row per published number; <c>table</c> is the market id, as in <c>results.csv</c>.</summary>
    public static string VerdictsCsv(IEnumerable<MarketReproduction> reproductions)
    {
        var sb = new System.Text.StringBuilder("table,section,statistic,term,paper_label,standard_label,printed,decimals,recomputed,recomputed_rounded,difference_units,rounded_difference_units,verdict,explanation\n");
        foreach (var r in reproductions)
            foreach (var v in r.Verdicts)
            {
                var p = v.Published;
                sb.AppendJoin(',', r.TableId, p.Section, p.Statistic, p.Term, Csv(p.PaperLabel), Csv(p.StandardLabel), p.Printed,
                    p.Decimals.ToString(Inv), v.RecomputedText, v.RecomputedRounded, Defined(v) ? v.DifferenceUnits.ToString("R", Inv) : "",
                    Defined(v) ? v.RoundedDifferenceUnits.ToString(Inv) : "", v.KindName, Csv(v.Explanation)).Append('\n');
            }
        return sb.ToString();
    }

    /// <summary>consistency.csv: one row per identity check; <c>table</c> is the market id.</summary>
    public static string ConsistencyCsv(IEnumerable<MarketReproduction> reproductions)
    {
        var sb = new System.Text.StringBuilder("table,relation,target_statistic,target_term,printed,face_value,face_value_rounded,implied_low,implied_high,status,explanation\n");
        foreach (var r in reproductions)
            foreach (var c in r.Consistency)
                sb.AppendJoin(',', r.TableId, Csv(c.Relation), c.Target.Statistic, c.Target.Term, c.Target.Printed,
                    c.FaceValue.ToString("R", Inv), c.FaceValueRounded, c.Implied.Low.ToString("R", Inv), c.Implied.High.ToString("R", Inv),
                    c.StatusName, Csv(c.Explanation)).Append('\n');
        return sb.ToString();
    }

    private static bool Defined(Verdict v) => v.Kind != VerdictKind.Undefined;

    /// <summary>Quotes a CSV field when it needs it (RFC 4180).</summary>
    public static string Csv(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
