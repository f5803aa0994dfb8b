using System.Globalization;

namespace NotebookAnalysis.Sources;

/// <summary>
/// One way the paper's years could map onto WEF editions: the paper's year = the edition's second year + <see cref="K"/>.
/// The paper does not say which it used, so every k from −3 to +1 is checked.
/// </summary>
/// <param name="K">The offset: 0 is the natural reading (2009 = edition 2008-2009); −1 takes the edition's first year.</param>
public sealed record EditionMapping(int K)
{
    /// <summary>The smallest offset checked.</summary>
    public const int MinK = -3;

    /// <summary>The largest offset checked.</summary>
    public const int MaxK = 1;

    /// <summary>The natural mapping, k = 0.</summary>
    public static EditionMapping Natural { get; } = new(0);

    /// <summary>Every mapping checked, k = −3 … +1.</summary>
    public static IReadOnlyList<EditionMapping> All { get; } =
        Enumerable.Range(MinK, MaxK - MinK + 1).Select(k => new EditionMapping(k)).ToList();

    /// <summary>The second year of the edition that the paper's <paramref name="paperYear"/> stands for.</summary>
    public int EditionYearEnd(int paperYear) => paperYear - K;

    /// <summary>The edition label the paper's <paramref name="paperYear"/> stands for, e.g. <c>2008-2009</c>.</summary>
    public string EditionLabel(int paperYear)
    {
        int end = EditionYearEnd(paperYear);
        return (end - 1).ToString(CultureInfo.InvariantCulture) + "-" + end.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A name for file keys: <c>k0</c>, <c>km1</c> (k = −1), <c>kp1</c> (k = +1).</summary>
    public string Name => K == 0 ? "k0" : K < 0 ? "km" + (-K).ToString(CultureInfo.InvariantCulture) : "kp" + K.ToString(CultureInfo.InvariantCulture);

    /// <summary>The offset as printed: <c>k = -1</c>, <c>k = 0</c>, <c>k = +1</c>.</summary>
    public string Label => "k = " + (K > 0 ? "+" : K < 0 ? "-" : "") + Math.Abs(K).ToString(CultureInfo.InvariantCulture);

    /// <summary>What the mapping means for the paper's first year, e.g. "2009 = edition 2008-2009".</summary>
    public string Example(int paperYear) => paperYear.ToString(CultureInfo.InvariantCulture) + " = edition " + EditionLabel(paperYear);
}
