using System.Globalization;
using System.Text;
using static NotebookAnalysis.Diagnostics.MessageText;

namespace NotebookAnalysis.Cli;

// Also compiled into lib/Tools/NotebookRunner as a linked source (NOTEBOOK_RUNNER makes the types internal there).

/// <summary>
/// The one argument parser of the scripts: declared options, <c>--name value</c> or <c>--name=value</c>, flags,
/// optional positionals, <c>-h</c>/<c>--help</c>. Every error is a <see cref="UsageException"/> that names the option.
/// </summary>
/// <example>
/// <code>
/// var cli = new CommandLine("dotnet run scripts/sources.cs", "Checks Table 1 against the WEF extract.")
///     .Option("--wef", "PATH", "the WEF extract")
///     .Option("--out", "DIR", "output folder");
/// var parsed = cli.Parse(args);       // throws UsageException
/// if (parsed.HelpRequested) { Console.Write(cli.Usage); return 0; }
/// string outDir = parsed.Value("--out") ?? "results";
/// </code>
/// </example>
/// <param name="command">How the command is invoked, e.g. <c>dotnet run scripts/reproduce.cs</c>.</param>
/// <param name="summary">One line saying what the command does.</param>
#if NOTEBOOK_RUNNER
internal
#else
public
#endif
sealed class CommandLine(string command, string summary)
{
    private readonly List<OptionSpec> _options = [];

    /// <summary>The name and description of the positional arguments, or null when none are accepted.</summary>
    private (string Name, string Help)? Positionals { get; set; }

    /// <summary>Declares an option that takes a value. Empty values are refused.</summary>
    /// <param name="name">The option, with its dashes: <c>--data</c>.</param>
    /// <param name="valueName">The placeholder in the usage text: <c>PATH</c>.</param>
    /// <param name="help">One line of help.</param>
    /// <param name="repeatable">Whether the option may be given more than once (read with <see cref="ParsedArguments.Values"/>).</param>
    public CommandLine Option(string name, string valueName, string help, bool repeatable = false)
    {
        _options.Add(new OptionSpec(name, valueName, help, repeatable));
        return this;
    }

    /// <summary>Declares a flag (an option without a value).</summary>
    public CommandLine Flag(string name, string help)
    {
        _options.Add(new OptionSpec(name, null, help, false));
        return this;
    }

    /// <summary>Accepts positional arguments (any argument not starting with <c>--</c>).</summary>
    public CommandLine WithPositionals(string name, string help)
    {
        Positionals = (name, help);
        return this;
    }

    /// <summary>The usage text, one line per option.</summary>
    public string Usage
    {
        get
        {
            var sb = new StringBuilder();
            sb.Append("usage: ").Append(command).Append(" [--");
            foreach (var o in _options)
                sb.Append(" [").Append(o.Name).Append(o.ValueName is null ? "" : " " + o.ValueName).Append(o.Repeatable ? "]…" : "]");
            if (Positionals is { } p) sb.Append(" [").Append(p.Name).Append("…]");
            sb.Append("]\n").Append(summary).Append('\n');
            int width = _options.Select(o => o.Display.Length).DefaultIfEmpty(0).Max();
            foreach (var o in _options)
                sb.Append("  ").Append(o.Display.PadRight(width)).Append("  ").Append(o.Help).Append('\n');
            if (Positionals is { } q) sb.Append("  ").Append(q.Name.PadRight(width)).Append("  ").Append(q.Help).Append('\n');
            return sb.ToString();
        }
    }

    /// <summary>Parses <paramref name="args"/> against the declared options.</summary>
    /// <exception cref="UsageException">An unknown option, a missing or empty value, a repeated option, or a positional where none is accepted.</exception>
    public ParsedArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var positionals = new List<string>();
        bool help = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg is "-h" or "--help") { help = true; continue; }
            if (!arg.StartsWith('-') || arg == "-")
            {
                if (Positionals is null)
                    throw new UsageException(arg, $"unexpected argument {Quote(arg)}: this command takes options only.");
                positionals.Add(arg);
                continue;
            }
            string name = arg;
            string? inline = null;
            int eq = arg.IndexOf('=');
            if (eq > 0) { name = arg[..eq]; inline = arg[(eq + 1)..]; }
            var spec = _options.FirstOrDefault(o => o.Name == name)
                ?? throw new UsageException(name, $"unknown option {Quote(name)}.");
            if (spec.ValueName is null)
            {
                if (inline is not null) throw new UsageException(name, $"option {name} takes no value.");
                values[name] = ["true"];
                continue;
            }
            string? value = inline ?? (i + 1 < args.Count ? args[++i] : null);
            if (value is null)
                throw new UsageException(name, $"option {name} needs a value ({spec.ValueName}).");
            if (value.Length == 0)
                throw new UsageException(name, $"option {name}: the value ({spec.ValueName}) is empty.");
            if (spec.ValueName is "PATH" or "DIR") CheckPath(name, spec.ValueName, value);
            if (values.TryGetValue(name, out var list))
            {
                if (!spec.Repeatable) throw new UsageException(name, $"option {name} is given more than once.");
                list.Add(value);
            }
            else values[name] = [value];
        }
        return new ParsedArguments(values, positionals, help);
    }

    /// <summary>
    /// Parses <paramref name="args"/> the way every entry point does. A usage error prints
    /// "<paramref name="program"/>: message" and the usage to <paramref name="stderr"/> and sets exit code 2;
    /// <c>-h</c>/<c>--help</c> prints the usage to <paramref name="stdout"/> and sets 0. Either way it returns null.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="program">The name that starts each error message, e.g. <c>reproduce</c>.</param>
    /// <param name="stdout">Where the usage goes for <c>--help</c>.</param>
    /// <param name="stderr">Where usage errors go.</param>
    /// <param name="exitCode">0 after <c>--help</c>, 2 after a usage error; 0 when arguments are returned.</param>
    /// <param name="validate">Further checks that throw <see cref="UsageException"/> (e.g. on paths); not run for <c>--help</c>.</param>
    public ParsedArguments? ParseOrExit(IReadOnlyList<string> args, string program, TextWriter stdout, TextWriter stderr,
        out int exitCode, Action<ParsedArguments>? validate = null)
    {
        exitCode = 0;
        try
        {
            var parsed = Parse(args);
            if (parsed.HelpRequested) { stdout.Write(Usage); return null; }
            validate?.Invoke(parsed);
            return parsed;
        }
        catch (UsageException e)
        {
            stderr.Write($"{program}: {e.Message}\n{Usage}");
            exitCode = UsageException.ExitCode;
            return null;
        }
    }

    /// <summary>What the parser can know about a path before anything reads it: no blank value, no control character, no file as a folder.</summary>
    private static void CheckPath(string option, string kind, string value)
    {
        if (value.Trim().Length == 0)
            throw new UsageException(option, $"option {option}: the value is blank.");
        if (value.Any(char.IsControl))
            throw new UsageException(option, $"option {option}: {Quote(value)} holds a control character, which no path may hold.");
        if (kind == "DIR" && File.Exists(value))
            throw new UsageException(option, $"option {option}: {Quote(value)} is a file; it must name a folder (existing or new).");
    }

    private sealed record OptionSpec(string Name, string? ValueName, string Help, bool Repeatable)
    {
        public string Display => ValueName is null ? Name : Name + " " + ValueName;
    }
}

/// <summary>The result of <see cref="CommandLine.Parse"/>.</summary>
#if NOTEBOOK_RUNNER
internal
#else
public
#endif
sealed class ParsedArguments
{
    private readonly Dictionary<string, List<string>> _values;

    internal ParsedArguments(Dictionary<string, List<string>> values, IReadOnlyList<string> positionals, bool help)
    {
        _values = values;
        Positionals = positionals;
        HelpRequested = help;
    }

    /// <summary>Whether <c>-h</c> or <c>--help</c> was given.</summary>
    public bool HelpRequested { get; }

    /// <summary>The positional arguments, in order.</summary>
    public IReadOnlyList<string> Positionals { get; }

    /// <summary>The value of an option given at most once, or null when absent.</summary>
    public string? Value(string name) => _values.TryGetValue(name, out var v) ? v[^1] : null;

    /// <summary>Every value of a repeatable option, in order (empty when absent).</summary>
    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var v) ? v : [];

    /// <summary>Whether a flag or option was given.</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>A comma-separated list of integers, each in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="UsageException">An item is not such an integer.</exception>
    public IReadOnlyList<int> IntList(string name, IReadOnlyList<int> fallback, int min = 1, int max = int.MaxValue) =>
        Value(name) is { } text ? text.Split(',').Select(item => ParseInt(name, item, min, max)).ToList() : fallback;

    /// <summary>The value of an option parsed as a positive integer, or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="UsageException">The value is not an integer in [<paramref name="min"/>, <paramref name="max"/>].</exception>
    public int Int(string name, int fallback, int min = 1, int max = int.MaxValue) =>
        Value(name) is { } text ? ParseInt(name, text, min, max) : fallback;

    private static int ParseInt(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= min && v <= max ? v
            : throw new UsageException(name, $"option {name}: {Quote(text)} is not an integer from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
}

/// <summary>A bad command line. <see cref="Exception.Message"/> names the option; scripts print it with the usage and exit 2.</summary>
#if NOTEBOOK_RUNNER
internal
#else
public
#endif
sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UsageException(string option, string message) : base(message) => Option = option;

    /// <summary>The option (or argument) at fault.</summary>
    public string Option { get; }

    /// <summary>Exit code for usage errors, shared by every script.</summary>
    public const int ExitCode = 2;
}
