#:property NotebookAnalysisLibrary=../lib/Report/NotebookAnalysis.Report.csproj
// Bad-input corpus for the main job: generates 150+ bad or odd inputs, runs the main job on each in-process
// with a per-case time limit (out of process for the cases that could block a process: FIFO, /dev/zero), and prints a
// table of outcomes: ok / clean error / crash / hang / --out changed.
// Issue 20 adds --out at mount points (tmpfs, bind mount, full, read-only; run as root, else reported as setup failed)
// and the sources job's inputs (the WEF extract, Table 1) as special files and bad UTF-8; every successful case must
// also leave nothing beside --out and no commit files inside it.
// Usage: dotnet run scripts/corpus.cs -- [--timeout SECONDS] [--only SUBSTRING] [--verbose]
// Exit code 0 when no case crashed, hung or changed --out on failure; 1 otherwise.
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NotebookAnalysis.Cli;
using NotebookAnalysis.Data;
using NotebookAnalysis.Report.Pipeline;

if (NotebookAnalysis.Cli.ScriptBuild.RerunIfLibraryChanged(args, Console.Error) is int rerun) return rerun; // lib/ changed: see scripts/Directory.Build.targets

var inv = CultureInfo.InvariantCulture;
var cli = new CommandLine("dotnet run scripts/corpus.cs", "Runs the main job on 150+ bad or odd inputs and tabulates the outcomes.")
    .Option("--timeout", "SECONDS", "time limit per case (default 120)")
    .Option("--only", "SUBSTRING", "run only the cases whose name contains SUBSTRING")
    .Flag("--verbose", "print every case's full message");
if (cli.ParseOrExit(args, "corpus", Console.Out, Console.Error, out int exit, p => p.Int("--timeout", 120)) is not { } parsed) return exit;
int timeoutSeconds = parsed.Int("--timeout", 120);
string? only = parsed.Value("--only");
bool verbose = parsed.Has("--verbose");

var work = Path.Combine(Path.GetTempPath(), "na-corpus-" + Environment.ProcessId.ToString(inv));
Directory.CreateDirectory(work);
var bundled = File.ReadAllLines(ProjectPaths.BundledTable1);
string header = bundled[0];
var cases = new List<Case>();

// ---- helpers to build inputs -------------------------------------------------------------------------------------
string Csv(IEnumerable<string> lines, string eol = "\n") => string.Join(eol, lines) + eol;
string Variant(Action<int, string[]> edit)
{
    var lines = (string[])bundled.Clone();
    for (int i = 1; i < lines.Length; i++)
    {
        var f = lines[i].Split(',');
        edit(i - 1, f);
        lines[i] = string.Join(',', f);
    }
    return Csv(lines);
}
string Cell(int row, int column, string value) => Variant((i, f) => { if (i == row) f[column] = value; });
string Rows(int n, Func<int, int, double> score, Func<int, int, double> clusters, string format = "0.0")
{
    var lines = new List<string> { header };
    for (int i = 0; i < n; i++)
    {
        var f = new List<string> { (1990 + i).ToString(inv) };
        for (int m = 0; m < 3; m++)
        {
            f.Add(score(i, m).ToString(format, inv));
            f.Add(clusters(i, m).ToString("0", inv));
        }
        lines.Add(string.Join(',', f));
    }
    return Csv(lines);
}
double Noise(int i, int m) => ((i * 7919 + m * 104729) % 13) / 13.0; // deterministic jitter in [0, 1)
void Data(string category, string name, string text) => cases.Add(new(category, name, dir => ["--data", Write(dir, text)]));
void Bytes(string category, string name, byte[] bytes) => cases.Add(new(category, name, dir => ["--data", WriteBytes(dir, bytes)]));
void Args(string category, string name, Func<string, string[]> build, bool outIsOurs = true) => cases.Add(new(category, name, build, OutIsOurs: outIsOurs));
static string Write(string dir, string text) => WriteBytes(dir, new UTF8Encoding(false).GetBytes(text));
static string WriteBytes(string dir, byte[] bytes)
{
    var p = Path.Combine(dir, "data.csv");
    File.WriteAllBytes(p, bytes);
    return p;
}

// ---- A. malformed CSV --------------------------------------------------------------------------------------------
const string A = "malformed CSV";
Data(A, "missing cell", Cell(3, 3, ""));
Data(A, "missing field", Csv(bundled.Select((l, i) => i == 4 ? l[..l.LastIndexOf(',')] : l)));
Data(A, "extra field", Csv(bundled.Select((l, i) => i == 4 ? l + ",9" : l)));
Data(A, "extra column in header and rows", Csv(bundled.Select((l, i) => l + (i == 0 ? ",extra" : ",1"))));
Data(A, "trailing comma on every line", Csv(bundled.Select(l => l + ",")));
Data(A, "quoted numbers", Cell(4, 1, "\"3.8\""));
Data(A, "unbalanced quote", Cell(4, 1, "\"3.8"));
Data(A, "semicolon separated", Csv(bundled.Select(l => l.Replace(',', ';'))));
Data(A, "tab separated", Csv(bundled.Select(l => l.Replace(',', '\t'))));
Data(A, "pipe separated", Csv(bundled.Select(l => l.Replace(',', '|'))));
Data(A, "header typo", Csv(bundled.Select((l, i) => i == 0 ? l.Replace("innovation_clusters", "inovation_clusters") : l)));
Data(A, "header upper case", Csv(bundled.Select((l, i) => i == 0 ? l.ToUpperInvariant() : l)));
Data(A, "duplicate header column", Csv(bundled.Select((l, i) => i == 0 ? l.Replace("goods_clusters", "goods_market_efficiency") : l)));
Data(A, "missing column", Csv(bundled.Select(l => l[..l.LastIndexOf(',')])));
Data(A, "columns reordered", Csv(bundled.Select(l => { var f = l.Split(','); return string.Join(',', f.Reverse()); })));
Data(A, "header repeated mid-file", Csv(bundled.Take(5).Append(header).Concat(bundled.Skip(5))));
Data(A, "row of commas", Csv(bundled.Take(5).Append(",,,,,,").Concat(bundled.Skip(5))));
Data(A, "comment line", Csv(bundled.Take(3).Append("# a comment").Concat(bundled.Skip(3))));
Data(A, "Excel sep= line", Csv(bundled.Prepend("sep=,")));
Data(A, "no header", Csv(bundled.Skip(1)));
Data(A, "no trailing newline", string.Join('\n', bundled));
Data(A, "blank lines everywhere", Csv(bundled.SelectMany(l => new[] { "", l, "  " })));
Data(A, "spaces around fields", Csv(bundled.Select(l => string.Join(" , ", l.Split(',')))));
Data(A, "markdown table", Csv(bundled.Select(l => "| " + l.Replace(",", " | ") + " |")));
Data(A, "JSON instead of CSV", "{\"year\": [2009, 2010]}\n");
Data(A, "HTML instead of CSV", "<html><body>404 Not Found</body></html>\n");

// ---- B. encodings and BOMs -----------------------------------------------------------------------------------------
const string B = "encoding/BOM";
var text = Csv(bundled);
Bytes(B, "UTF-8 BOM", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);
Bytes(B, "UTF-16 LE with BOM", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
Bytes(B, "UTF-16 BE with BOM", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)]);
Bytes(B, "UTF-16 LE without BOM", Encoding.Unicode.GetBytes(text));
Bytes(B, "UTF-32 with BOM", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(text)]);
Bytes(B, "Latin-1 byte in a value", [.. Encoding.UTF8.GetBytes(Cell(4, 1, "3.8X")).Select(b => b == (byte)'X' ? (byte)0xB0 : b)]);
Bytes(B, "invalid UTF-8 in header", [.. Encoding.UTF8.GetBytes("year\u00ff").Take(4), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(text[4..])]);
Bytes(B, "overlong UTF-8 encoding", [.. Encoding.UTF8.GetBytes(text).Take(10), 0xC0, 0xAF, .. Encoding.UTF8.GetBytes(text).Skip(10)]);
Data(B, "zero-width space in header", text.Replace("innovation,", "innovation\u200B,"));
Data(B, "non-breaking space around a value", Cell(4, 1, "\u00A03.8\u00A0"));
Data(B, "full-width digits", Cell(4, 1, "３.８"));
Data(B, "Arabic-Indic digits", Cell(4, 2, "٣٤"));
Data(B, "BOM in the middle", Cell(4, 1, "\uFEFF3.8"));
Data(B, "two BOMs", "\uFEFF\uFEFF" + text);

// ---- C. line endings ----------------------------------------------------------------------------------------------
const string C = "line endings";
Data(C, "CRLF", Csv(bundled, "\r\n"));
Data(C, "CR only (classic Mac)", Csv(bundled, "\r"));
Data(C, "mixed LF and CRLF", string.Concat(bundled.Select((l, i) => l + (i % 2 == 0 ? "\r\n" : "\n"))));
Data(C, "CR CR LF", Csv(bundled, "\r\r\n"));
Data(C, "Unicode line separator", Csv(bundled, "\u2028"));
Data(C, "NEL line ends", Csv(bundled, "\u0085"));
Data(C, "form feed between rows", Csv(bundled, "\n\f"));

// ---- D. culture and number formats --------------------------------------------------------------------------------
const string D = "culture/number format";
Data(D, "ru-RU decimal commas, quoted", Variant((_, f) => { f[1] = $"\"{f[1].Replace('.', ',')}\""; }));
Data(D, "ru-RU decimal commas, unquoted", Variant((_, f) => { f[1] = f[1].Replace('.', ','); }));
Data(D, "ru-RU export: semicolons and commas", Csv(bundled.Select(l => l.Replace(',', ';').Replace('.', ','))));
Data(D, "thousands separator in a count", Cell(4, 2, "\"1,234\""));
Data(D, "space as thousands separator", Cell(4, 2, "1 234"));
Data(D, "narrow nbsp thousands", Cell(4, 2, "1\u202F234"));
Data(D, "exponent score 3.8e0", Cell(4, 1, "3.8e0"));
Data(D, "leading plus", Cell(4, 1, "+3.8"));
Data(D, "trailing dot", Cell(4, 1, "3."));
Data(D, "leading dot", Cell(4, 1, ".38e1"));
Data(D, "hex count", Cell(4, 2, "0x22"));
Data(D, "underscore digits", Cell(4, 2, "3_4"));
Data(D, "percent sign", Cell(4, 1, "38%"));
Data(D, "currency sign", Cell(4, 2, "$34"));
Data(D, "unicode minus", Cell(4, 1, "−3.8"));
Data(D, "count as 34.0", Cell(4, 2, "34.0"));
Data(D, "count as 3.4e1", Cell(4, 2, "3.4e1"));
Data(D, "two-decimal scores", Variant((i, f) => { foreach (int c in new[] { 1, 3, 5 }) f[c] = (double.Parse(f[c], inv) + 0.01 * (i % 3)).ToString("0.00", inv); }));
Data(D, "fifteen-decimal scores", Variant((i, f) => { foreach (int c in new[] { 1, 3, 5 }) f[c] = (double.Parse(f[c], inv) + 0.000000000000001 * i).ToString("0.000000000000000", inv); }));

// ---- E. extreme magnitudes ------------------------------------------------------------------------------------------
const string E = "extreme magnitude";
foreach (var v in new[] { "1e308", "-1e308", "1e-308", "5e-324", "-0", "0", "1e400", "-1e400", "1e-400", "7.0000001", "0.9999999", "1", "7", "1e16" })
    Data(E, $"score {v} on line 6", Cell(4, 1, v));
Data(E, "scores scaled by 1e199", Variant((_, f) => { foreach (int c in new[] { 1, 3, 5 }) f[c] = (double.Parse(f[c], inv) * 1e199).ToString("R", inv); }));
Data(E, "scores scaled by 1e-199", Variant((_, f) => { foreach (int c in new[] { 1, 3, 5 }) f[c] = (double.Parse(f[c], inv) * 1e-199).ToString("R", inv); }));
foreach (var v in new[] { "1e300", "0e-99999999999999999999", "1000000000", "1000000001", "9007199254740993", "-1", "-0", "1e-300", "34.5", "1e2", "99.99999999999999999999" })
    Data(E, $"cluster count {v} on line 6", Cell(4, 2, v));
Data(E, "all counts 1e9", Variant((i, f) => { foreach (int c in new[] { 2, 4, 6 }) f[c] = (1_000_000_000 - 7 * (9 - i)).ToString(inv); }));

// ---- F. years -------------------------------------------------------------------------------------------------------
const string F = "years";
Data(F, "duplicate year", Cell(4, 0, "2012"));
Data(F, "unsorted years", Csv(bundled.Take(1).Concat(bundled.Skip(1).Reverse())));
Data(F, "swapped pair of years", Csv(bundled.Take(3).Append(bundled[4]).Append(bundled[3]).Concat(bundled.Skip(5))));
Data(F, "gap in years", Csv(bundled.Where((_, i) => i != 5)));
foreach (var y in new[] { "0", "-2013", "99999", "2013.0", "2013.5", "'13", "2147483647", "9999999999999", "２０１３", "MMXIII" })
    Data(F, $"year {y} on line 6", Cell(4, 0, y));
Data(F, "years 9995-9999 then 10000", Rows(6, (i, m) => 3 + 0.1 * i + Noise(i, m), (i, m) => 10 + 3 * i * i + m, "0.0").Replace("1990", "9994").Replace("1991", "9995").Replace("1992", "9996").Replace("1993", "9997").Replace("1994", "9998").Replace("1995", "9999"));

// ---- G. NaN and infinity strings ----------------------------------------------------------------------------------
const string G = "NaN/Infinity";
foreach (var v in new[] { "NaN", "nan", "-nan", "NAN", "Inf", "inf", "Infinity", "-Infinity", "∞", "-∞", "1e999", "#N/A", "#DIV/0!", "null", "NULL", "None", "NA", "-", "?" })
    Data(G, $"score '{v}'", Cell(4, 1, v));
Data(G, "count 'NaN'", Cell(4, 2, "NaN"));
Data(G, "year 'NaN'", Cell(4, 0, "NaN"));

// ---- H. empty, huge and control characters ------------------------------------------------------------------------
const string H = "size/control characters";
Data(H, "empty file", "");
Data(H, "single newline", "\n");
Data(H, "whitespace only", " \t \n \n");
Data(H, "header only", header + "\n");
Data(H, "header and one row", Csv(bundled.Take(2)));
Data(H, "3 rows", Csv(bundled.Take(1).Concat(bundled.TakeLast(3))));
Data(H, "4 rows", Csv(bundled.Take(1).Concat(bundled.TakeLast(4))));
Data(H, "10 MB header", "year," + new string('g', 10_000_000) + ",goods_clusters\n2009,3.7,14\n");
Data(H, "10 MB value", Cell(4, 1, new string('9', 10_000_000)));
Data(H, "10 MB of digits after the point", Cell(4, 1, "3." + new string('7', 10_000_000)));
Data(H, "100,000 columns", header + new string(',', 100_000) + "\n" + string.Join('\n', bundled.Skip(1)) + "\n");
Data(H, "1,000,000 blank lines", header + new string('\n', 1_000_000) + string.Join('\n', bundled.Skip(1)) + "\n");
Data(H, "NUL in a value", Cell(4, 1, "3.\u00008"));
Data(H, "NUL bytes after the data", text + new string('\0', 1000));
Data(H, "raw CR in a value", Cell(4, 1, "3\r.8"));
Data(H, "ESC sequence in a value", Cell(4, 1, "\u001b[31m3.8"));
Data(H, "BEL in the header", text.Replace("year", "ye\u0007ar"));
Data(H, "DEL in a value", Cell(4, 1, "3.8\u007f"));
Data(H, "C1 control in a value", Cell(4, 1, "3.8\u0090"));
Data(H, "RTL override in header", text.Replace("year", "\u202Eyear"));
Data(H, "emoji in a value", Cell(4, 1, "3.8🙂"));
Data(H, "lone surrogate (as UTF-8 bytes)", Cell(4, 1, "3.8") /* replaced below */);
cases[^1] = cases[^1] with { Build = dir => ["--data", WriteBytes(dir, [.. Encoding.UTF8.GetBytes(Csv(bundled.Take(5))), 0xED, 0xA0, 0x80, .. Encoding.UTF8.GetBytes(Csv(bundled.Skip(5)))])] };

// ---- I. degenerate but valid data ------------------------------------------------------------------------------
const string I = "degenerate/valid";
Data(I, "bundled Table 1", text);
Data(I, "perfect goods fit (3 + 0.01x)", Variant((_, f) => f[1] = (3 + 0.01 * double.Parse(f[2], inv)).ToString("0.00", inv)));
Data(I, "all three fits perfect", Variant((_, f) => { foreach (var (y, x) in new[] { (1, 2), (3, 4), (5, 6) }) f[y] = (3 + 0.01 * double.Parse(f[x], inv)).ToString("0.00", inv); }));
Data(I, "exact fit in binary (3 + x/16)", Variant((i, f) => { f[2] = (4 * i).ToString(inv); f[1] = (3 + 0.25 * i).ToString("R", inv); }));
Data(I, "constant y in goods", Variant((_, f) => f[1] = "3.7"));
Data(I, "constant y in financial", Variant((_, f) => f[3] = "3.4"));
Data(I, "constant y in every market", Variant((_, f) => { f[1] = "3.7"; f[3] = "3.4"; f[5] = "3.3"; }));
Data(I, "constant x in goods", Variant((_, f) => f[2] = "20"));
Data(I, "all counts zero in innovation", Variant((_, f) => f[6] = "0"));
Data(I, "one zero count (log models)", Cell(0, 2, "0"));
Data(I, "counts linear in the year (collinear)", Variant((i, f) => f[2] = (10 + 3 * i).ToString(inv)));
Data(I, "counts quadratic in the year", Variant((i, f) => f[2] = (10 + i * i).ToString(inv)));
Data(I, "two-valued score", Variant((i, f) => f[1] = i < 5 ? "3.7" : "3.8"));
Data(I, "one outlier score", Cell(4, 1, "6.9"));
Data(I, "identical markets", Variant((_, f) => { f[3] = f[1]; f[4] = f[2]; f[5] = f[1]; f[6] = f[2]; }));
Data(I, "score equals count/100", Variant((_, f) => f[1] = (1 + double.Parse(f[2], inv) / 100).ToString("R", inv)));
Data(I, "5 rows (the minimum)", Csv(bundled.Take(1).Concat(bundled.TakeLast(5))));
Data(I, "5 rows all constant y", Rows(5, (i, m) => 3.5, (i, m) => 10 + 2 * i * i + m));
Data(I, "6 rows", Csv(bundled.Take(1).Concat(bundled.TakeLast(6))));
Data(I, "14 years, two-decimal scores", Rows(14, (i, m) => 3 + 0.07 * i + 0.3 * Noise(i, m), (i, m) => 5 + 4 * i + (i * i) % 5 + m, "0.00"));
Data(I, "30 rows", Rows(30, (i, m) => 2 + 0.1 * i + Noise(i, m), (i, m) => 5 + 3 * i + (i * i) % 7 + m));
Data(I, "100 rows", Rows(100, (i, m) => 1.5 + 0.045 * i + 0.5 * Noise(i, m), (i, m) => 5 + 2 * i + (i * i) % 11 + m));
Data(I, "scores at the scale's ends", Variant((i, f) => f[1] = i % 2 == 0 ? "1" : "7"));

// ---- J. files that are not regular files -------------------------------------------------------------------------
const string J = "non-regular file";
Args(J, "directory", dir => ["--data", dir]);
Args(J, "missing file", dir => ["--data", Path.Combine(dir, "nope.csv")]);
Args(J, "path through a file", dir => ["--data", Path.Combine(Write(dir, text), "x.csv")]);
Args(J, "/dev/null", _ => ["--data", "/dev/null"]);
Args(J, "/dev/zero", _ => ["--data", "/dev/zero"]);
Args(J, "/dev/urandom", _ => ["--data", "/dev/urandom"]);
Args(J, "/proc/self/status (regular, size 0)", _ => ["--data", "/proc/self/status"]);
Args(J, "symlink to the bundled file", dir => { var l = Path.Combine(dir, "link.csv"); File.CreateSymbolicLink(l, ProjectPaths.BundledTable1); return ["--data", l]; });
Args(J, "symlink to /dev/zero", dir => { var l = Path.Combine(dir, "zero.csv"); File.CreateSymbolicLink(l, "/dev/zero"); return ["--data", l]; });
Args(J, "broken symlink", dir => { var l = Path.Combine(dir, "broken.csv"); File.CreateSymbolicLink(l, Path.Combine(dir, "gone")); return ["--data", l]; });
Args(J, "symlink loop", dir => { var a = Path.Combine(dir, "a.csv"); var b = Path.Combine(dir, "b.csv"); File.CreateSymbolicLink(a, b); File.CreateSymbolicLink(b, a); return ["--data", a]; });
Args(J, "FIFO with no writer", dir => ["--data", MakeFifo(dir)]);
Args(J, "sparse file over the size cap", dir => { var p = Path.Combine(dir, "big.csv"); using (var fs = File.Create(p)) fs.SetLength(Table1.MaxFileBytes + 1); return ["--data", p]; });
Args(J, "unreadable file (mode 000)", dir =>
{
    var p = Write(dir, text);
    if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(p, UnixFileMode.None);
    return ["--data", p];
});
cases.Add(new(J, "FIFO with no writer (out of process)", dir => ["--data", MakeFifo(dir)], OutOfProcess: true));
cases.Add(new(J, "/dev/zero (out of process)", _ => ["--data", "/dev/zero"], OutOfProcess: true));

// ---- K. bad options -------------------------------------------------------------------------------------------------
const string K = "options";
Args(K, "--data \"\"", _ => ["--data", ""]);
Args(K, "--out \"\"", dir => ["--data", Write(dir, text), "--out", ""], outIsOurs: false);
Args(K, "--data blank", _ => ["--data", "   "]);
Args(K, "--data without a value", _ => ["--data"]);
Args(K, "--out without a value", _ => ["--out"], outIsOurs: false);
Args(K, "unknown option", _ => ["--frobnicate"]);
Args(K, "positional argument", _ => ["table1.csv"]);
Args(K, "--data given twice", dir => ["--data", Write(dir, text), "--data", Write(dir, text)]);
Args(K, "--data with a NUL", _ => ["--data", "a\0b.csv"]);
Args(K, "--data with a newline", _ => ["--data", "a\nb.csv"]);
Args(K, "--out is an existing file", dir => ["--data", Write(dir, text), "--out", Write(dir, text)], outIsOurs: false);
Args(K, "--out below a file", dir => ["--data", Write(dir, text), "--out", Path.Combine(Write(dir, text), "sub")], outIsOurs: false);
Args(K, "--out in /proc", dir => ["--data", Write(dir, text), "--out", "/proc/na-corpus"], outIsOurs: false);
Args(K, "single-dash option", _ => ["-data", "x.csv"]);
Args(K, "--data=PATH form", dir => ["--data=" + Write(dir, text)]);

// ---- L. --out at a mount point (issue 20) ----------------------------------------------------------------------------
const string L = "--out at a mount point";
Action Mount(string outDir, params string[] mountArgs)
{
    Run("mount", [.. mountArgs, outDir]);
    return () => Run("umount", ["-l", outDir]);
}
cases.Add(new(L, "tmpfs mount point, room to spare", dir => ["--data", Write(dir, text)], Before: (_, o) => Mount(o, "-t", "tmpfs", "-o", "size=16m", "tmpfs")));
cases.Add(new(L, "tmpfs mount point, a second run replaces", dir => ["--data", Write(dir, text)], Before: (_, o) =>
{
    var undo = Mount(o, "-t", "tmpfs", "-o", "size=16m", "tmpfs");
    if (MainJob.Run(["--data", ProjectPaths.BundledTable1, "--out", o], TextWriter.Null, TextWriter.Null) != JobRunner.Ok) throw new InvalidOperationException("first run failed");
    return undo;
}));
cases.Add(new(L, "bind mount (a container volume)", dir => ["--data", Write(dir, text)], Before: (dir, o) =>
{
    var volume = Directory.CreateDirectory(Path.Combine(dir, "volume")).FullName;
    return Mount(o, "--bind", volume);
}));
cases.Add(new(L, "tmpfs mount point, full (size=48k)", dir => ["--data", Write(dir, text)], Before: (_, o) => Mount(o, "-t", "tmpfs", "-o", "size=48k", "tmpfs")));
cases.Add(new(L, "tmpfs mount point, read-only", dir => ["--data", Write(dir, text)], Before: (_, o) =>
{
    var undo = Mount(o, "-t", "tmpfs", "-o", "size=4m", "tmpfs");
    SeedOld(o);
    Run("mount", ["-o", "remount,ro", o]);
    return undo;
}));
cases.Add(new(L, "--out inside a tmpfs (parent is the mount point)", dir => ["--data", Write(dir, text), "--out", Path.Combine(dir, "mnt", "out")], OutIsOurs: false, Before: (dir, _) =>
{
    var mnt = Directory.CreateDirectory(Path.Combine(dir, "mnt")).FullName;
    return Mount(mnt, "-t", "tmpfs", "-o", "size=16m", "tmpfs");
}));

// ---- M. the sources job's inputs as special files and bad bytes (issue 20) -------------------------------------------
const string M = "sources job inputs";
byte[] latin1 = [.. Encoding.UTF8.GetBytes(Csv(bundled.Take(5)) + bundled[5][..7]), 0xE9, .. Encoding.UTF8.GetBytes(bundled[5][7..] + "\n" + Csv(bundled.Skip(6)))];
cases.Add(new(M, "--wef is a FIFO with no writer", dir => ["--wef", MakeFifo(dir)], Job: "sources"));
cases.Add(new(M, "--wef is /dev/zero", _ => ["--wef", "/dev/zero"], Job: "sources"));
cases.Add(new(M, "--wef is a directory", dir => ["--wef", dir], Job: "sources"));
cases.Add(new(M, "--wef is missing", dir => ["--wef", Path.Combine(dir, "none.csv")], Job: "sources"));
cases.Add(new(M, "--wef has byte 0xE9 on line 6", dir => ["--wef", WriteBytes(dir, latin1)], Job: "sources"));
cases.Add(new(M, "--wef is a sparse file over the cap", dir => { var p = Path.Combine(dir, "big.csv"); using (var fs = File.Create(p)) fs.SetLength(InputFile.DefaultMaxBytes + 1); return ["--wef", p]; }, Job: "sources"));
cases.Add(new(M, "--data (sources) is a FIFO", dir => ["--data", MakeFifo(dir)], Job: "sources"));
cases.Add(new(M, "--data (sources) is /dev/zero", _ => ["--data", "/dev/zero"], Job: "sources"));
cases.Add(new(M, "--data (main job) has byte 0xE9 on line 6", dir => ["--data", WriteBytes(dir, latin1)]));
cases.Add(new(M, "--data (main job) is a directory", dir => ["--data", dir]));

if (only is not null) cases.RemoveAll(c => !c.Name.Contains(only, StringComparison.OrdinalIgnoreCase) && !c.Category.Contains(only, StringComparison.OrdinalIgnoreCase));

// ---- run -------------------------------------------------------------------------------------------------------------
Console.WriteLine($"{cases.Count} cases, time limit {timeoutSeconds} s each; work folder {work}");
var results = new List<(Case Case, string Outcome, string Detail, double Seconds)>();
int index = 0;
foreach (var c in cases)
{
    index++;
    var dir = Path.Combine(work, index.ToString("000", inv));
    Directory.CreateDirectory(dir);
    var outDir = Path.Combine(dir, "out");
    Directory.CreateDirectory(outDir);
    Action? undo = null;
    try { undo = c.Before?.Invoke(dir, outDir); }
    catch (Exception e) { results.Add((c, "setup failed", e.Message, 0)); continue; }
    if (!File.Exists(Path.Combine(outDir, "results.csv"))) SeedOld(outDir);
    var before = Snapshot(outDir);
    var clock = Stopwatch.StartNew();
    string[] caseArgs;
    try { caseArgs = c.Build(dir); }
    catch (Exception e) { results.Add((c, "setup failed", e.Message, 0)); undo?.Invoke(); continue; }
    if (c.OutIsOurs && !caseArgs.Contains("--out") && !caseArgs.Any(a => a is "-h" or "--help")) caseArgs = ["--out", outDir, .. caseArgs];

    var (code, stdout, stderr, crash, hung) = c.OutOfProcess ? RunOutOfProcess(caseArgs, timeoutSeconds) : RunInProcess(c.Job, caseArgs, timeoutSeconds);
    double seconds = clock.Elapsed.TotalSeconds;
    var after = Snapshot(outDir);
    bool unchanged = before.SequenceEqual(after);
    // Nothing beside --out (no lock, staging or journal file) and no commit file inside it, whatever the outcome.
    int outAt = Array.LastIndexOf(caseArgs, "--out") + 1;
    string actualOut = outDir;
    if (outAt > 0 && outAt < caseArgs.Length && caseArgs[outAt].Trim().Length > 0 && !caseArgs[outAt].Any(char.IsControl))
        actualOut = Path.TrimEndingDirectorySeparator(Path.GetFullPath(caseArgs[outAt]));
    bool tempLeft = Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any(p => Path.GetFileName(p).Contains(".tmp") || Path.GetFileName(p).Contains(".out~"))
        || (Path.GetDirectoryName(actualOut) is { } besideDir && Directory.Exists(besideDir)
            && Directory.EnumerateFileSystemEntries(besideDir).Any(p => Path.GetFileName(p).StartsWith("." + Path.GetFileName(actualOut), StringComparison.Ordinal)));
    string outcome, detail = FirstLine(stderr);
    if (hung) outcome = "hang";
    else if (crash is not null) { outcome = "crash"; detail = crash; }
    else if (code == JobRunner.Ok)
    {
        var resultsCsv = Path.Combine(outDir, "results.csv");
        bool complete = !c.OutIsOurs || (File.Exists(resultsCsv) && !File.ReadAllText(resultsCsv).StartsWith("old", StringComparison.Ordinal)
            && File.Exists(Path.Combine(outDir, "verdicts.csv")) && File.Exists(Path.Combine(outDir, "consistency.csv")));
        bool finite = !c.OutIsOurs || !Directory.EnumerateFiles(outDir, "*.csv").Any(f => File.ReadAllText(f).Contains("NaN") || File.ReadAllText(f).Contains("Infinity"));
        outcome = complete && finite && !tempLeft ? "ok" : "bad output";
        if (tempLeft) detail = "files left beside or inside --out";
        detail = complete ? (finite ? FirstLine(stdout.Split('\n').LastOrDefault(l => l.StartsWith("Wrote", StringComparison.Ordinal)) ?? "") : "NaN/Infinity in a CSV") : "incomplete output set";
    }
    else if (code is JobRunner.Failed or JobRunner.Usage)
    {
        bool clean = stderr.StartsWith(c.Job + ": ", StringComparison.Ordinal) && !stderr.Contains("   at ", StringComparison.Ordinal)
            && stderr.Length < 4000 && !stderr.TrimEnd('\n').Any(ch => char.IsControl(ch) && ch != '\n');
        outcome = !unchanged || tempLeft ? "--out changed" : clean ? "clean error" : "unclean error";
    }
    else outcome = $"exit {code}";
    undo?.Invoke(); // after the output was judged: unmounting hides it
    results.Add((c, outcome, detail, seconds));
    if (verbose || outcome is not ("ok" or "clean error"))
        Console.WriteLine($"  [{index,3}] {c.Category} / {c.Name}: {outcome} ({seconds:0.0} s) {Short(detail, 200)}");
}

// ---- report ----------------------------------------------------------------------------------------------------------
string[] outcomes = ["ok", "clean error", "crash", "hang", "--out changed", "unclean error", "bad output", "setup failed"];
Console.WriteLine();
Console.WriteLine($"| category | cases | {string.Join(" | ", outcomes)} |");
Console.WriteLine($"|---|---:|{string.Concat(outcomes.Select(_ => "---:|"))}");
foreach (var g in results.GroupBy(r => r.Case.Category))
    Console.WriteLine($"| {g.Key} | {g.Count()} | {string.Join(" | ", outcomes.Select(o => g.Count(r => r.Outcome == o)))} |");
Console.WriteLine($"| **all** | **{results.Count}** | {string.Join(" | ", outcomes.Select(o => $"**{results.Count(r => r.Outcome == o)}**"))} |");
Console.WriteLine();
Console.WriteLine("Per case (outcome, seconds, first line of the message):");
foreach (var (c, o, d, s) in results)
    Console.WriteLine($"- {c.Category} / {c.Name}: {o} ({s:0.0} s) {Short(d, 160)}");
bool bad = results.Any(r => r.Outcome is not ("ok" or "clean error"));
try { Directory.Delete(work, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
// A case that hung in-process leaves a blocked thread behind: end the process explicitly.
Environment.Exit(bad ? 1 : 0);
return 0;

// ---- local functions -------------------------------------------------------------------------------------------------
static (int Code, string Stdout, string Stderr, string? Crash, bool Hung) RunInProcess(string job, string[] args, int timeoutSeconds)
{
    var stdout = new StringWriter();
    var stderr = new StringWriter();
    var task = Task.Run(() => job == "sources" ? SourcesJob.Run(args, stdout, stderr) : MainJob.Run(args, stdout, stderr));
    try
    {
        if (!task.Wait(TimeSpan.FromSeconds(timeoutSeconds))) return (-1, "", "", null, true);
        return (task.Result, stdout.ToString(), stderr.ToString(), null, false);
    }
    catch (AggregateException e)
    {
        var inner = e.InnerException!;
        return (-1, stdout.ToString(), stderr.ToString(), $"{inner.GetType().Name}: {inner.Message} at {inner.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}", false);
    }
}

static (int Code, string Stdout, string Stderr, string? Crash, bool Hung) RunOutOfProcess(string[] args, int timeoutSeconds)
{
    var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = ProjectPaths.Root };
    foreach (var a in new[] { "run", Path.Combine(ProjectPaths.Root, "scripts", "reproduce.cs"), "--" }.Concat(args)) psi.ArgumentList.Add(a);
    using var p = Process.Start(psi)!;
    var so = p.StandardOutput.ReadToEndAsync();
    var se = p.StandardError.ReadToEndAsync();
    if (!p.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds + 60)))
    {
        p.Kill(entireProcessTree: true);
        return (-1, "", "", null, true);
    }
    string err = se.Result;
    return (p.ExitCode, so.Result, err, p.ExitCode is 0 or 1 or 2 ? null : $"exit {p.ExitCode}: {FirstLine(err)}", false);
}

static void SeedOld(string outDir)
{
    File.WriteAllText(Path.Combine(outDir, "results.csv"), "old results\n");
    File.WriteAllText(Path.Combine(outDir, "REPRODUCTION.md"), "old report\n");
}

static void Run(string file, string[] args)
{
    using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
    var err = p.StandardError.ReadToEnd();
    p.WaitForExit();
    if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {err.Trim()}");
}

static string MakeFifo(string dir)
{
    var path = Path.Combine(dir, "pipe.csv");
    using var p = Process.Start(new ProcessStartInfo("mkfifo", [path]))!;
    p.WaitForExit();
    return path;
}

static SortedDictionary<string, string> Snapshot(string dir)
{
    var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
    if (!Directory.Exists(dir)) return result;
    foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        result[Path.GetRelativePath(dir, f)] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)));
    return result;
}

static string FirstLine(string s) => s.Split('\n').FirstOrDefault(l => l.Length > 0 && !l.StartsWith("Data:", StringComparison.Ordinal) && !l.StartsWith("SHA-256", StringComparison.Ordinal)) ?? "";

static string Short(string s, int max) => NotebookAnalysis.Diagnostics.MessageText.Printable(s, max);

/// <summary>One corpus case: what it tests and how to build its command line in a fresh folder.</summary>
/// <param name="Category">The table row it counts in.</param>
/// <param name="Name">What it tests.</param>
/// <param name="Build">Its command line, given a fresh folder.</param>
/// <param name="OutOfProcess">Run through <c>dotnet run scripts/reproduce.cs</c> (a case that could block a process).</param>
/// <param name="OutIsOurs">Whether the corpus's seeded --out is passed (else the case names its own).</param>
/// <param name="Before">Run before --out is seeded (a mount); returns what undoes it after the case.</param>
/// <param name="Job">The job run in process: <c>reproduce</c> (the main job) or <c>sources</c>.</param>
record Case(string Category, string Name, Func<string, string[]> Build, bool OutOfProcess = false, bool OutIsOurs = true,
    Func<string, string, Action?>? Before = null, string Job = "reproduce");
