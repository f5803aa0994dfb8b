using System.Globalization;
using System.Text;

namespace NotebookAnalysis.Diagnostics;

// Also compiled into lib/Tools/NotebookRunner as a linked source (NOTEBOOK_RUNNER makes it internal there).

/// <summary>
/// Makes untrusted text safe to put in an error message: control characters escaped (a NUL or a raw CR would
/// corrupt a terminal or a log), long values shortened with their length stated (a 10 MB header must not be echoed).
/// </summary>
#if NOTEBOOK_RUNNER
internal
#else
public
#endif
static class MessageText
{
    /// <summary>The default number of characters kept.</summary>
    public const int DefaultMaxLength = 60;

    /// <summary>
    /// <paramref name="value"/> with control characters written as <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\0</c> or
    /// <c>\uXXXX</c>, cut after <paramref name="maxLength"/> characters with "… (N characters)" appended.
    /// </summary>
    public static string Printable(string? value, int maxLength = DefaultMaxLength)
    {
        if (value is null) return "";
        var sb = new StringBuilder(Math.Min(value.Length, maxLength) + 16);
        int kept = Math.Min(value.Length, maxLength);
        for (int i = 0; i < kept; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF')
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        if (value.Length > maxLength)
            sb.Append("… (").Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(" characters)");
        return sb.ToString();
    }

    /// <summary><see cref="Printable"/> in single quotes, as messages quote a value: <c>'a\0b'</c>.</summary>
    public static string Quote(string? value, int maxLength = DefaultMaxLength) => "'" + Printable(value, maxLength) + "'";
}
