using System.Net;
using System.Text;
using NotebookAnalysis.Formatting;

namespace NotebookAnalysis.Report.Reporting;

/// <summary>
/// A small table of strings with titled blocks, rendered as aligned console text, GitHub Markdown or HTML.
/// Every report table goes through it, so the three renderings always show the same cells.
/// </summary>
public sealed partial class Grid
{
    private readonly List<(string? Title, string[] Header, List<string[]> Rows)> _blocks = [];

    /// <summary>The title above the whole grid (e.g. "SUMMARY OUTPUT"), or null.</summary>
    public string? Caption { get; init; }

    /// <summary>A cell shown as code: <c>`name`</c> in Markdown, <c>&lt;code&gt;</c> in HTML, plain in text.</summary>
    public static string Code(string s) => "`" + s + "`";

    /// <summary>Starts a block with an optional title and a header row.</summary>
    public Grid Block(string? title, params string[] header)
    {
        _blocks.Add((title, header, []));
        return this;
    }

    /// <summary>Adds a row to the current block; missing cells are blank.</summary>
    public Grid Row(params string[] cells)
    {
        if (_blocks.Count == 0) throw new InvalidOperationException("Start a block before adding rows.");
        _blocks[^1].Rows.Add(cells);
        return this;
    }

    /// <summary>Plain text with columns aligned; numbers right-aligned.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        if (Caption is not null) sb.Append(Caption).Append('\n').Append('\n');
        foreach (var (title, header, rows) in _blocks)
        {
            if (title is not null) sb.Append(title).Append('\n');
            var all = new List<string[]> { header };
            all.AddRange(rows.Select(r => r.Select(Plain).ToArray()));
            int cols = all.Max(r => r.Length);
            var width = new int[cols];
            foreach (var r in all)
                for (int c = 0; c < r.Length; c++)
                    width[c] = Math.Max(width[c], r[c].Length);
            foreach (var r in all)
            {
                if (r.All(string.IsNullOrEmpty)) continue;
                var line = new StringBuilder();
                for (int c = 0; c < cols; c++)
                {
                    string cell = c < r.Length ? r[c] : "";
                    bool numeric = c > 0 && LooksNumeric(cell);
                    line.Append(numeric ? cell.PadLeft(width[c]) : cell.PadRight(width[c]));
                    if (c < cols - 1) line.Append("  ");
                }
                sb.Append(line.ToString().TrimEnd()).Append('\n');
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>GitHub-flavoured Markdown: one pipe table per block, block titles in bold.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        if (Caption is not null) sb.Append("**").Append(Caption).Append("**\n\n");
        foreach (var (title, header, rows) in _blocks)
        {
            if (title is not null) sb.Append("*").Append(title).Append("*\n\n");
            int cols = Math.Max(header.Length, rows.Count == 0 ? 0 : rows.Max(r => r.Length));
            sb.Append("| ").Append(string.Join(" | ", Pad(header, cols).Select(Md))).Append(" |\n");
            // Right-align a column only when every filled cell in it is a number (the missing-value dash counts as blank).
            bool Numeric(int c) => c > 0 && rows.Select(r => c < r.Length ? r[c] : "").Where(v => v.Length > 0 && v != NumberFormat.Missing).All(LooksNumeric);
            sb.Append('|').Append(string.Concat(Enumerable.Range(0, cols).Select(c => Numeric(c) ? "---:|" : "---|"))).Append('\n');
            foreach (var r in rows)
                sb.Append("| ").Append(string.Join(" | ", Pad(r, cols).Select(Md))).Append(" |\n");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// The wrapper of every HTML table: a table wider than the notebook's output area (968 px in JupyterLab at a
    /// 1400 px window) scrolls sideways as a whole, headers with it, instead of being cut off.
    /// </summary>
    internal const string ScrollStyle = "overflow-x:auto;max-width:100%";

    /// <summary>
    /// An HTML fragment (a table per block), with a class for styling and no scripts. Text columns and their headers
    /// are left-aligned, numeric columns and their headers right-aligned (front ends right-align <c>th</c> by default).
    /// </summary>
    public string ToHtml()
    {
        var sb = new StringBuilder("<div class=\"na-grid\" style=\"" + ScrollStyle + "\">");
        if (Caption is not null) sb.Append("<p><b>").Append(WebUtility.HtmlEncode(Caption)).Append("</b></p>");
        foreach (var (title, header, rows) in _blocks)
        {
            sb.Append("<table>");
            if (title is not null) sb.Append("<caption style=\"text-align:left\"><i>").Append(WebUtility.HtmlEncode(title)).Append("</i></caption>");
            int cols = Math.Max(header.Length, rows.Count == 0 ? 0 : rows.Max(r => r.Length));
            sb.Append("<thead><tr>");
            var padded = Pad(header, cols);
            // Alignment is per column, so cells line up under their header: right for a column of numbers (every
            // filled cell a number; the first column holds labels), left for any column holding text.
            var numeric = Enumerable.Range(0, cols)
                .Select(c => c > 0 && rows.Select(r => c < r.Length ? r[c] : "").Where(v => v.Length > 0 && v != NumberFormat.Missing && v != "undefined").All(IsNumber))
                .ToArray();
            for (int c = 0; c < cols; c++)
                sb.Append(numeric[c] ? "<th style=\"text-align:right\">" : "<th style=\"text-align:left\">").Append(Breakable(padded[c])).Append("</th>");
            sb.Append("</tr></thead><tbody>");
            foreach (var r in rows)
            {
                sb.Append("<tr>");
                var cells = Pad(r, cols);
                for (int c = 0; c < cells.Length; c++)
                    sb.Append(numeric[c] ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">")
                      .Append(IsCode(cells[c]) ? "<code>" + Breakable(cells[c][1..^1]) + "</code>" : Breakable(cells[c])).Append("</td>");
                sb.Append("</tr>");
            }
            sb.Append("</tbody></table>");
        }
        return sb.Append("</div>").ToString();
    }

    /// <summary>
    /// Grids one below the other in HTML, each under its title in bold (e.g. the recomputed table, then the printed
    /// one): two SUMMARY OUTPUTs side by side are wider than a notebook's output area.
    /// </summary>
    public static string StackedHtml(params (string Title, Grid Grid)[] panels) =>
        string.Concat(panels.Select(p => "<p><b>" + WebUtility.HtmlEncode(p.Title) + "</b></p>" + p.Grid.ToHtml()));

    /// <summary>
    /// The width, in px, that a table must fit: a notebook's output area in a stock VS Code at 1440×900 with the
    /// Explorer open (1,014-1,032 px), less a margin.
    /// </summary>
    public const int HtmlAreaWidth = 1000;

    /// <summary>
    /// The estimated width in px of an HTML table of <paramref name="rows"/> (header included) in a notebook: with
    /// every cell on one line, or, <paramref name="wrapped"/>, with every column as narrow as its longest piece that
    /// cannot break (at a space, or after <c>_</c> or <c>/</c>: <see cref="Breakable"/>). Measured in VS Code 1.100's
    /// output: about 8.4 px a character and 17 px of padding a column (a 13-column table of 187 characters: 1,796 px).
    /// </summary>
    public static double HtmlWidth(IEnumerable<string[]> rows, bool wrapped)
    {
        var widths = new List<int>();
        foreach (var row in rows)
            for (int c = 0; c < row.Length; c++)
            {
                int w = wrapped ? LongestUnbreakable(row[c]) : row[c].Length;
                if (c == widths.Count) widths.Add(w); else widths[c] = Math.Max(widths[c], w);
            }
        return widths.Sum(w => w * 8.4 + 17);
    }

    private static int LongestUnbreakable(string text)
    {
        int longest = 0, run = 0;
        foreach (char ch in text)
        {
            if (ch == ' ') { run = 0; continue; }
            longest = Math.Max(longest, ++run);
            if (ch is '_' or '/') run = 0;
        }
        return longest;
    }

    /// <summary>
    /// Text as HTML with a line-break opportunity after each <c>_</c> and <c>/</c> (<c>&lt;wbr&gt;</c>), so that
    /// column names such as <c>financial_market_development</c> and paths wrap inside a narrow column instead of
    /// widening the table past the output area.
    /// </summary>
    internal static string Breakable(string text) =>
        WebUtility.HtmlEncode(text).Replace("_", "_<wbr>", StringComparison.Ordinal).Replace("/", "/<wbr>", StringComparison.Ordinal);

    private static string[] Pad(string[] r, int n) => r.Length >= n ? r : [.. r, .. Enumerable.Repeat("", n - r.Length)];

    private static bool IsCode(string s) => s.Length > 2 && s[0] == '`' && s[^1] == '`' && s.IndexOf('`', 1) == s.Length - 1;

    private static string Plain(string s) => IsCode(s) ? s[1..^1] : s;

    private static string Md(string s) => s.Replace("|", "\\|");

    /// <summary>One number as the formatters print it: sign, digits, decimals, exponent, percent (<c>-1.32E-05</c>, <c>3628800</c>, <c>95%</c>).</summary>
    private static bool IsNumber(string s) => NumberRegex().IsMatch(s);

    [System.Text.RegularExpressions.GeneratedRegex(@"^[+\-−]?(\d+(\.\d*)?|\.\d+)([eE][+\-]?\d+)?%?$")]
    private static partial System.Text.RegularExpressions.Regex NumberRegex();

    private static bool LooksNumeric(string s) =>
        s.Length > 0 && (char.IsDigit(s[0]) || ((s[0] == '-' || s[0] == '+' || s[0] == '−') && s.Length > 1 && char.IsDigit(s[1])));
}
