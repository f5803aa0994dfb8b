using System.Globalization;

namespace NotebookAnalysis.Regression;

/// <summary>
/// A statistic that is either a finite value or undefined for the data, with the reason (as statsmodels returns nan with
/// a warning and R returns NA). This is the package's one convention for undefined statistics: a result object returns
/// it, never ±∞, NaN or a throw; <c>results.csv</c> leaves an undefined one out and the report prints its reason.
/// </summary>
public readonly record struct Estimate
{
    private readonly double _value;

    private Estimate(double value, string? reason)
    {
        _value = value;
        Reason = reason;
    }

    /// <summary>
    /// The value. Read it where the statistic is known to exist; reading an undefined one is a bug in the caller and
    /// throws <see cref="InvalidOperationException"/> with the reason (use <see cref="IsDefined"/>, <see cref="OrNull"/>
    /// or <see cref="Format"/> where it may not exist).
    /// </summary>
    public double Value => Reason is null ? _value : throw new InvalidOperationException($"The statistic is undefined: {Reason}.");

    /// <summary>Why the statistic is undefined, as a clause without a final full stop; null when it is defined.</summary>
    public string? Reason { get; }

    /// <summary>True when the statistic has a finite value.</summary>
    public bool IsDefined => Reason is null;

    /// <summary>The value, or null when undefined (for tables that show a gap).</summary>
    public double? OrNull => IsDefined ? _value : null;

    /// <summary>A defined value; a non-finite <paramref name="value"/> (a case the producer did not foresee) becomes undefined, saying so.</summary>
    public static Estimate Of(double value) =>
        double.IsFinite(value) ? new(value, null) : new(double.NaN, $"it evaluates to {(double.IsNaN(value) ? "NaN" : value > 0 ? "+∞" : "−∞")}");

    /// <summary>An undefined statistic and why (a trailing full stop is dropped, so messages can end the clause themselves).</summary>
    public static Estimate Undefined(string reason) =>
        new(double.NaN, reason.EndsWith('.') && !reason.EndsWith("..", StringComparison.Ordinal) ? reason[..^1] : reason);

    /// <summary><paramref name="f"/> of the value (a statistic derived from this one), or this undefined estimate and its reason.</summary>
    public Estimate Map(Func<double, double> f) => IsDefined ? Of(f(_value)) : this;

    /// <summary>The value formatted by <paramref name="format"/>, or <paramref name="undefined"/> when there is none.</summary>
    public string Format(Func<double, string> format, string undefined = "undefined") => IsDefined ? format(_value) : undefined;

    /// <inheritdoc/>
    public override string ToString() => IsDefined ? _value.ToString("R", CultureInfo.InvariantCulture) : $"undefined ({Reason})";
}
