namespace NotebookAnalysis.Regression;

/// <summary>
/// A model that cannot be fitted to the data (a statistic that is undefined for a fit is an <see cref="Estimate"/>, not
/// a throw). The message names the table (market) when known, the model and the reason, e.g.
/// <c>T3_financial (financial market), model 'base': x is constant</c>.
/// </summary>
public sealed class ModelException : Exception
{
    /// <summary>Creates the exception for <paramref name="model"/> with <paramref name="reason"/>.</summary>
    /// <param name="model">The model's name.</param>
    /// <param name="reason">Why it failed.</param>
    /// <param name="table">The table or market the model was fitted to, when the model's name does not say it.</param>
    public ModelException(string model, string reason, string? table = null)
        : base(table is null ? $"model '{model}': {reason}" : $"{table}, model '{model}': {reason}")
    {
        Model = model;
        Reason = reason;
        Table = table;
    }

    /// <summary>The table or market (e.g. <c>T3_financial (financial market)</c>), or null when the model's name carries it.</summary>
    public string? Table { get; }

    /// <summary>The same failure, located in <paramref name="table"/>.</summary>
    public ModelException In(string table) => new(Model, Reason, table);

    /// <summary>The model's name (as given to <see cref="Design"/>).</summary>
    public string Model { get; }

    /// <summary>Why the model failed, without the model name.</summary>
    public string Reason { get; }
}
