namespace NotebookAnalysis.Tests.Taxonomy;

/// <summary>
/// Assertions on counts that Table 7 of the paper fixes. Their message says why the number is what it is, so that a
/// student who adds a practice to the wrong file learns where it belongs instead of reading "Expected: 22 Actual: 23".
/// </summary>
internal static class Table7Counts
{
    public const string Why =
        "Table 7 of the paper lists 22 practices in 37 locations (4 functional, 9 framework, 5 regulatory, 4 mental); " +
        "add your own to seeds/taxonomy/student-practices.json, not to table7-practices.json.";

    /// <summary>Asserts that <paramref name="actual"/> equals the paper's <paramref name="expected"/> count of <paramref name="what"/>.</summary>
    public static void Pinned(int expected, int actual, string what) =>
        Assert.True(expected == actual, $"{what}: expected {expected}, found {actual}. {Why}");

    /// <summary>Asserts a sequence of counts (e.g. practices per institution type).</summary>
    public static void Pinned(IEnumerable<int> expected, IEnumerable<int> actual, string what) =>
        Assert.True(expected.SequenceEqual(actual), $"{what}: expected [{string.Join(", ", expected)}], found [{string.Join(", ", actual)}]. {Why}");
}
