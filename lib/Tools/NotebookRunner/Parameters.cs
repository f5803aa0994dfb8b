using System.Text.Json;
using System.Text.RegularExpressions;

namespace NotebookAnalysis.NotebookRunner;

/// <summary>Papermill-style parameters: <c>--param name=value</c> overrides a variable of the <c>parameters</c> cell.</summary>
public static partial class Parameters
{
    /// <summary>
    /// The parameters cell with each given parameter's initial value replaced, so the cell shows the value used.
    /// A parameter declared with a string literal gets a string literal; any other gets the value as C# text
    /// (e.g. a number).
    /// </summary>
    /// <exception cref="ArgumentException">A name is not declared in the parameters cell.</exception>
    public static string Rewrite(string parametersSource, IReadOnlyDictionary<string, string> values)
    {
        var source = parametersSource;
        foreach (var (name, value) in values)
        {
            var declaration = new Regex($@"\b(?:var|string|int|double|bool)\s+{Regex.Escape(name)}\s*=\s*(?<init>[^;\n]*);", RegexOptions.CultureInvariant)
                .Match(source);
            if (!declaration.Success)
                throw new ArgumentException($"--param {name}: the parameters cell declares no variable '{name}'.");
            var init = declaration.Groups["init"];
            bool isString = init.Value.StartsWith('"') || init.Value.StartsWith('@');
            source = source[..init.Index] + (isString ? StringLiteral(value) : value) + source[(init.Index + init.Length)..];
        }
        return source;
    }

    /// <summary>Parses <c>name=value</c>.</summary>
    public static (string Name, string Value) ParseAssignment(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0 || !IdentifierRegex().IsMatch(text[..eq]))
            throw new ArgumentException($"--param expects name=value with a C# identifier as name, got '{text}'.");
        return (text[..eq], text[(eq + 1)..]);
    }

    /// <summary>
    /// A JSON string literal is a C# one: the escapes JSON uses (\", \\, \n, \uXXXX, …) all mean the same in C#.
    /// </summary>
    private static string StringLiteral(string value) => JsonSerializer.Serialize(value, LiteralOptions);

    private static readonly JsonSerializerOptions LiteralOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierRegex();
}
