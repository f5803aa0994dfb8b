using System.Text.RegularExpressions;
using NotebookAnalysis.Data;
using NotebookAnalysis.Results;

namespace NotebookAnalysis.Tests.Pipeline;

/// <summary>
/// <c>results/README.md</c> is the codebook of <c>results.csv</c>: every (table, model, statistic, term) that occurs in
/// the committed file is covered by a row pattern, and every name it uses is defined with its convention.
/// </summary>
public partial class ResultsCodebookTests
{
    private static string CodebookPath => Path.Combine(ProjectPaths.Results, "README.md");

    private static readonly Lazy<Codebook> Book = new(() => Codebook.Parse(File.ReadAllText(CodebookPath)));

    private static IReadOnlyList<ResultRow> CommittedRows() => Support.ResultsFile.Parse(File.ReadAllText(Path.Combine(ProjectPaths.Results, "results.csv")));

    [Fact]
    public void Every_row_pattern_of_results_csv_is_documented()
    {
        var book = Book.Value;
        var missing = CommittedRows()
            .Select(r => (r.Table, r.Model, r.Statistic, r.Term))
            .Distinct()
            .Where(p => !book.Tables.Contains(p.Table) || !book.Covers(p.Model, p.Statistic, p.Term))
            .Select(p => $"({p.Table}, {p.Model}, {p.Statistic}, {(p.Term.Length == 0 ? "–" : p.Term)})")
            .ToList();
        Assert.True(missing.Count == 0,
            $"results.csv has {missing.Count} row pattern(s) that results/README.md does not document, e.g. {string.Join(", ", missing.Take(5))}. " +
            "Add the model, statistic and term to a line of the table under '## Row patterns' in results/README.md " +
            "(and a new table id under '## Tables').");
    }

    [Fact]
    public void Every_name_in_a_row_pattern_is_defined_with_its_convention()
    {
        var book = Book.Value;
        foreach (var (models, statistics, terms) in book.Patterns)
        {
            foreach (var m in models) Assert.True(book.Models.Contains(m), $"results/README.md: model `{m}` is used under '## Row patterns' but not defined under '## Models'.");
            foreach (var s in statistics) Assert.True(book.Statistics.Contains(s), $"results/README.md: statistic `{s}` is used under '## Row patterns' but not defined under '## Statistics'.");
            foreach (var t in terms.Where(t => t.Length > 0)) Assert.True(book.Terms.Contains(t), $"results/README.md: term `{t}` is used under '## Row patterns' but not defined under '## Terms'.");
        }
    }

    [Fact]
    public void A_row_without_a_codebook_entry_is_caught()
    {
        var book = Book.Value;
        Assert.True(book.Covers("base", "estimate", "x"));
        Assert.True(book.Covers("rounding_mc", "half_width", ""));
        Assert.False(book.Covers("ar1_pw", "r_squared", "")); // ar1_pw writes no R² (its transformed regression runs through the origin)
        Assert.False(book.Covers("new_model", "rho", ""));
        Assert.False(book.Covers("base", "estimate", ""));
        Assert.False(book.Covers("hac_nw_auto", "f_stat", "x"));
    }

    /// <summary>The codebook's tables, read from their Markdown: first-column names, and the row-pattern table.</summary>
    private sealed record Codebook(HashSet<string> Tables, HashSet<string> Models, HashSet<string> Terms, HashSet<string> Statistics,
        IReadOnlyList<(string[] Models, string[] Statistics, string[] Terms)> Patterns)
    {
        public bool Covers(string model, string statistic, string term) =>
            Patterns.Any(p => p.Models.Contains(model) && p.Statistics.Contains(statistic) && p.Terms.Contains(term));

        public static Codebook Parse(string text)
        {
            var sections = Regex.Split(text.Replace("\r\n", "\n"), @"^## ", RegexOptions.Multiline)
                .Skip(1).ToDictionary(s => s[..s.IndexOf('\n')].Trim(), s => s);
            List<string[]> Rows(string heading)
            {
                Assert.True(sections.ContainsKey(heading), $"results/README.md lacks the section '## {heading}'.");
                return sections[heading].Split('\n')
                    .Where(l => l.StartsWith('|') && !l.StartsWith("|---", StringComparison.Ordinal))
                    .Skip(1) // header
                    .Select(l => Regex.Split(l.Trim().Trim('|'), @"(?<!\\)\|").Select(c => c.Trim()).ToArray())
                    .ToList();
            }
            static string[] Names(string cell) => cell == "–" ? [""] : CodeSpan().Matches(cell).Select(m => m.Groups[1].Value).ToArray();
            HashSet<string> First(string heading) => Rows(heading).SelectMany(r => Names(r[0])).ToHashSet();
            var patterns = Rows("Row patterns").Select(r => (Names(r[0]), Names(r[1]), Names(r[2]))).ToList();
            Assert.NotEmpty(patterns);
            return new Codebook(First("Tables"), First("Models"), First("Terms"), First("Statistics"), patterns);
        }
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();
}
