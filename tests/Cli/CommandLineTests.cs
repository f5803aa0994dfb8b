using NotebookAnalysis.Cli;

namespace NotebookAnalysis.Tests.Cli;

public sealed class CommandLineTests
{
    private static CommandLine Cli() => new CommandLine("dotnet run scripts/x.cs", "Does x.")
        .Option("--data", "PATH", "input")
        .Option("--param", "NAME=VALUE", "a parameter", repeatable: true)
        .Flag("--check", "compare only");

    [Fact]
    public void ParsesSeparateAndInlineValuesFlagsAndRepeats()
    {
        var p = Cli().Parse(["--data", "a.csv", "--param=x=1", "--param", "y=2", "--check"]);
        Assert.Equal("a.csv", p.Value("--data"));
        Assert.Equal(["x=1", "y=2"], p.Values("--param"));
        Assert.True(p.Has("--check"));
        Assert.False(p.HelpRequested);
        Assert.Null(Cli().Parse([]).Value("--data"));
    }

    [Theory]
    [InlineData(new[] { "--data", "" }, "--data", "option --data: the value (PATH) is empty.")]
    [InlineData(new[] { "--data=" }, "--data", "option --data: the value (PATH) is empty.")]
    [InlineData(new[] { "--data" }, "--data", "option --data needs a value (PATH).")]
    [InlineData(new[] { "--out", "x" }, "--out", "unknown option '--out'.")]
    [InlineData(new[] { "--data", "a", "--data", "b" }, "--data", "option --data is given more than once.")]
    [InlineData(new[] { "--check=yes" }, "--check", "option --check takes no value.")]
    [InlineData(new[] { "stray" }, "stray", "unexpected argument 'stray': this command takes options only.")]
    public void UsageErrorsNameTheOption(string[] args, string option, string message)
    {
        var e = Assert.Throws<UsageException>(() => Cli().Parse(args));
        Assert.Equal(option, e.Option);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void UnknownOptionWithControlCharactersIsEscapedAndShortened()
    {
        var e = Assert.Throws<UsageException>(() => Cli().Parse(["--x\0\r" + new string('y', 10_000)]));
        Assert.DoesNotContain('\0', e.Message);
        Assert.DoesNotContain('\r', e.Message);
        Assert.Contains("\\0\\r", e.Message);
        Assert.True(e.Message.Length < 200, e.Message);
        Assert.Contains("(10005 characters)", e.Message);
    }

    [Fact]
    public void IntegersAreInvariantAndRangeChecked()
    {
        var cli = new CommandLine("x", "y").Option("--jobs", "N", "jobs");
        Assert.Equal(3, cli.Parse(["--jobs", "3"]).Int("--jobs", 1));
        Assert.Equal(1, cli.Parse([]).Int("--jobs", 1));
        var e = Assert.Throws<UsageException>(() => cli.Parse(["--jobs", "0"]).Int("--jobs", 1, min: 1, max: 64));
        Assert.Equal("option --jobs: '0' is not an integer from 1 to 64.", e.Message);
    }

    [Fact]
    public void HelpAndUsageText()
    {
        Assert.True(Cli().Parse(["-h"]).HelpRequested);
        string usage = Cli().Usage;
        // The usage text is the point.
        Assert.StartsWith("usage: dotnet run scripts/x.cs [-- [--data PATH] [--param NAME=VALUE]… [--check]]\nDoes x.\n", usage);
        Assert.Contains("  --data PATH         input\n  --param NAME=VALUE  a parameter\n", usage);
    }
}

public sealed class ParseOrExitTests
{
    private static CommandLine Cli() => new CommandLine("dotnet run scripts/x.cs", "Does x.").Option("--n", "N", "n").Option("--sizes", "N,N", "sizes");

    [Fact]
    public void UsageErrorPrintsProgramMessageAndUsageAndGivesTwo()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        Assert.Null(Cli().ParseOrExit(["--n", ""], "x", stdout, stderr, out int exit));
        Assert.Equal(2, exit);
        Assert.Equal("", stdout.ToString());
        // A usage error as printed: the wording is the point.
        Assert.StartsWith("x: option --n: the value (N) is empty.\nusage: dotnet run scripts/x.cs", stderr.ToString());
    }

    [Fact]
    public void HelpPrintsUsageAndGivesZeroWithoutValidating()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        Assert.Null(Cli().ParseOrExit(["--help"], "x", stdout, stderr, out int exit, _ => throw new UsageException("--n", "not reached")));
        Assert.Equal(0, exit);
        Assert.StartsWith("usage: ", stdout.ToString());
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public void ValidationErrorsAreUsageErrors()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        Assert.Null(Cli().ParseOrExit(["--sizes", "10,x"], "x", stdout, stderr, out int exit, p => p.IntList("--sizes", [1], min: 5)));
        Assert.Equal(2, exit);
        // A usage error as printed: the wording is the point.
        Assert.StartsWith("x: option --sizes: 'x' is not an integer from 5 to 2147483647.", stderr.ToString());
        var parsed = Cli().ParseOrExit(["--sizes", "10,20"], "x", stdout, stderr, out exit);
        Assert.Equal([10, 20], parsed!.IntList("--sizes", [1]));
        Assert.Equal([1], Cli().Parse([]).IntList("--sizes", [1]));
    }
}
