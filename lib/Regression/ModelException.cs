namespace NotebookAnalysis.Regression;

/// <summary>
/// A model that cannot be fitted or a statistic that is undefined for it. The message names the model and the reason,
/// e.g. <c>model 'T2_goods': x is constant</c>.
/// </summary>
public sealed class ModelException : Exception
{
    /// <summary>Creates the exception for <paramref name="model"/> with <paramref name="reason"/>.</summary>
    public ModelException(string model, string reason)
        : base($"model '{model}': {reason}")
    {
        Model = model;
        Reason = reason;
    }

    /// <summary>The model's name (as given to <see cref="Design"/>).</summary>
    public string Model { get; }

    /// <summary>Why the model failed, without the model name.</summary>
    public string Reason { get; }
}
