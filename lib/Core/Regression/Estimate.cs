using System.Globalization;

namespace NotebookAnalysis.Regression;

/// <summary>
/// A statistic that is either a finite value or undefined for the data, with the reason. This is the package's one
/// convention for undefined statistics: an undefined one is left out of <c>results.csv</c> and its reason is written
/// to the report, never as ±∞, NaN, a throw or a silent omission.
/// </summary>
public readonly record struct Estimate
{
    private Estimate(double value, string? reason)
    {
        Value = value;
        Reason = reason;
    }

    /// <summary>The value; meaningful only when <see cref="IsDefined"/>.</summary>
    public double Value { get; }

    /// <summary>Why the statistic is undefined, or null when it is defined.</summary>
    public string? Reason { get; }

    /// <summary>True when the statistic has a finite value.</summary>
    public bool IsDefined => Reason is null;

    /// <summary>A defined value; a non-finite <paramref name="value"/> becomes undefined with a generic reason.</summary>
    public static Estimate Of(double value) =>
        double.IsFinite(value) ? new(value, null) : new(double.NaN, $"it evaluates to {Describe(value)}");

    /// <summary>
    /// An undefined statistic and the reason, kept as a clause without its final full stop (a <see cref="ModelException"/>'s
    /// reason is a sentence), so messages that end it themselves do not print "undefined..".
    /// </summary>
    public static Estimate Undefined(string reason) => new(double.NaN, AsClause(reason));

    private static string AsClause(string reason) =>
        reason.EndsWith('.') && !reason.EndsWith("..", StringComparison.Ordinal) ? reason[..^1] : reason;

    /// <summary>
    /// Evaluates <paramref name="compute"/>: a <see cref="ModelException"/> (the engine's word for "undefined for
    /// this fit") or a non-finite value becomes undefined; <paramref name="whenNotFinite"/> explains the latter.
    /// </summary>
    public static Estimate Try(Func<double> compute, Func<double, string>? whenNotFinite = null)
    {
        double v;
        try
        {
            v = compute();
        }
        catch (ModelException e)
        {
            return Undefined(e.Reason);
        }
        return double.IsFinite(v) ? new(v, null) : Undefined(whenNotFinite?.Invoke(v) ?? $"it evaluates to {Describe(v)}");
    }

    /// <summary>+∞, −∞ or NaN in words.</summary>
    public static string Describe(double v) =>
        double.IsNaN(v) ? "NaN" : double.IsPositiveInfinity(v) ? "+∞" : double.IsNegativeInfinity(v) ? "−∞" : v.ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override string ToString() => IsDefined ? Value.ToString("R", CultureInfo.InvariantCulture) : $"undefined ({Reason})";
}
