namespace NotebookAnalysis.Report.Reporting;

/// <summary>
/// HTML produced by the library, to show in a notebook: notebooks register a <c>text/html</c> formatter that writes
/// <see cref="Html"/> as is.
/// </summary>
/// <remarks>
/// Notebooks show these instead of the kernel's <c>HTML(…)</c> helper, whose <c>IHtmlContent</c> makes the
/// .NET Interactive tool's compiler warn CS1701 in every such cell (its Microsoft.DotNet.Interactive.dll was built
/// against Microsoft.AspNetCore.Html.Abstractions 2.3.0.0 and runs on ASP.NET Core 10's 10.0.0.0).
/// </remarks>
/// <param name="Html">The markup, trusted (built by the library, with every data value encoded).</param>
public sealed record HtmlFragment(string Html)
{
    /// <summary>The markup.</summary>
    public override string ToString() => Html;

    /// <summary>A bulleted list, one item per string (HTML-encoded): how a list of messages reads as a list.</summary>
    public static HtmlFragment List(IEnumerable<string> items) =>
        new("<ul>" + string.Concat(items.Select(i => "<li>" + System.Net.WebUtility.HtmlEncode(i).Replace("\n", "<br>", StringComparison.Ordinal) + "</li>")) + "</ul>");
}
