using System.Globalization;

namespace NotebookAnalysis.Tests.Support;

/// <summary>Runs code under a given culture (current and UI), restoring the previous one afterwards.</summary>
public sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture, _ui;

    public CultureScope(string name)
    {
        _culture = CultureInfo.CurrentCulture;
        _ui = CultureInfo.CurrentUICulture;
        var c = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentCulture = c;
        CultureInfo.CurrentUICulture = c;
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _ui;
    }

    /// <summary>Evaluates <paramref name="f"/> under <paramref name="name"/>.</summary>
    public static T Run<T>(string name, Func<T> f)
    {
        using var _ = new CultureScope(name);
        return f();
    }
}
