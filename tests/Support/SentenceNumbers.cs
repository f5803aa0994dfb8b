using System.Text.RegularExpressions;

namespace NotebookAnalysis.Tests.Support;

/// <summary>
/// The values a sentence carries, for tests that assert them rather than pin the wording around them: a test then
/// fails when a number or an id is wrong, not when a phrase is reworded.
/// </summary>
internal static partial class SentenceNumbers
{
    /// <summary>The numbers in <paramref name="text"/>, as printed and in order ("-0.0074", "2.0E-08", "95"); digits inside a word (T2_goods) are not numbers.</summary>
    public static string[] Numbers(string text) => [.. NumberPattern().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"(?<![\w.])[-−]?\d+(?:[.,]\d+)*(?:E[-+]\d+)?(?![\w])")]
    private static partial Regex NumberPattern();
}
