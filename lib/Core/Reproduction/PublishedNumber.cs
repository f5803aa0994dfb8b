using System.Globalization;

namespace NotebookAnalysis.Reproduction;

/// <summary>
/// One number as a paper prints it in a ToolPak table, with the paper's label (the bundled paper's are mistranslated)
/// and the Excel Analysis ToolPak's standard label for the same cell. <c>Line</c> is the 1-based line of the
/// printed-tables file that holds it (0 when built in code), for messages.
/// </summary>
public sealed record PublishedNumber(
    string Table,
    string Section,
    string Statistic,
    string Term,
    string PaperRow,
    string PaperColumn,
    string StandardRow,
    string StandardColumn,
    string Printed,
    int Decimals,
    int Line = 0)
{
    /// <summary>The printed value, exactly, as a decimal (E notation is expanded).</summary>
    public decimal Value => ParsePrinted(Printed);

    /// <summary>True when printed in E notation (Excel's General format for small numbers).</summary>
    public bool IsScientific => Printed.Contains('E', StringComparison.OrdinalIgnoreCase);

    /// <summary>The power of ten of the printed string's E notation (0 for fixed notation).</summary>
    public int Exponent => IsScientific ? int.Parse(Printed[(Printed.IndexOfAny(['E', 'e']) + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;

    /// <summary>The value of one unit in the last printed digit: 0.0001 for "0.0269", 1E-13 for "2.08182E-08".</summary>
    public decimal LastDigitUnit => Pow10(Exponent - Decimals);

    /// <summary>The paper's label for the cell, e.g. "Leftover / SS" or "Normed R-square".</summary>
    public string PaperLabel => PaperColumn.Length == 0 ? PaperRow : $"{PaperRow} / {PaperColumn}";

    /// <summary>The ToolPak's label for the cell, e.g. "Residual / SS" or "Adjusted R Square".</summary>
    public string StandardLabel => StandardColumn.Length == 0 ? StandardRow : $"{StandardRow} / {StandardColumn}";

    /// <summary>A stable key: statistic, plus the term for coefficient rows.</summary>
    public string Key => Term.Length == 0 ? Statistic : $"{Statistic}[{Term}]";

    /// <summary>Parses a printed number ("0.0269", "-0.0074", "2.08182E-08") exactly, in the invariant culture.</summary>
    public static decimal ParsePrinted(string printed) =>
        decimal.Parse(printed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

    /// <summary>Digits after the decimal point of a printed string (of the mantissa in E notation).</summary>
    public static int DecimalsOf(string printed)
    {
        var mantissa = printed.Split('E', 'e')[0];
        int dot = mantissa.IndexOf('.');
        return dot < 0 ? 0 : mantissa.Length - dot - 1;
    }

    internal static decimal Pow10(int exponent)
    {
        decimal v = 1m;
        for (int i = 0; i < Math.Abs(exponent); i++) v *= 10m;
        return exponent >= 0 ? v : 1m / v;
    }
}
