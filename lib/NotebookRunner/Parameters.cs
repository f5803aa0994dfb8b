using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NotebookAnalysis.NotebookRunner;

/// <summary>Papermill-style parameters: <c>--param name=value</c> overrides a variable of the <c>parameters</c> cell.</summary>
public static partial class Parameters
{
    /// <summary>
    /// C# that re-declares each parameter after the parameters cell. A parameter declared there with a string
    /// literal gets a string literal; any other is inserted as C# text (e.g. a number).
    /// </summary>
    /// <exception cref="ArgumentException">A name is not declared in the parameters cell.</exception>
    public static string Injection(string parametersSource, IReadOnlyDictionary<string, string> values)
    {
        var code = new StringBuilder("// injected by run-notebooks --param\n");
        foreach (var (name, value) in values)
        {
            var declaration = new Regex($@"\b(?:var|string|int|double|bool)\s+{Regex.Escape(name)}\s*=\s*(?<init>\S)", RegexOptions.CultureInvariant)
                .Match(parametersSource);
            if (!declaration.Success)
                throw new ArgumentException($"--param {name}: the parameters cell declares no variable '{name}'.");
            bool isString = declaration.Groups["init"].Value is "\"" or "@";
            code.Append("var ").Append(name).Append(" = ")
                .Append(isString ? StringLiteral(value) : value).Append(";\n");
        }
        return code.ToString();
    }

    /// <summary>Parses <c>name=value</c>.</summary>
    public static (string Name, string Value) ParseAssignment(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0 || !IdentifierRegex().IsMatch(text[..eq]))
            throw new ArgumentException($"--param expects name=value with a C# identifier as name, got '{text}'.");
        return (text[..eq], text[(eq + 1)..]);
    }

    private static string StringLiteral(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in value)
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        return sb.Append('"').ToString();
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierRegex();
}
