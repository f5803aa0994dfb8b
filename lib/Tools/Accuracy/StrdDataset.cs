using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using NotebookAnalysis.Data;
using NotebookAnalysis.Regression;

namespace NotebookAnalysis.Accuracy;

/// <summary>One term of an StRD model: parameter name, predictor (null for the constant) and power.</summary>
/// <param name="Parameter">The certified parameter's name, e.g. <c>B3</c>.</param>
/// <param name="Variable">The predictor's column name, or null for the constant term.</param>
/// <param name="Power">The power of the predictor (1 for a plain linear term).</param>
public sealed record StrdTerm(string Parameter, string? Variable, int Power);

/// <summary>Certified values of one StRD linear-regression dataset.</summary>
/// <param name="Estimates">Certified coefficients, by parameter name.</param>
/// <param name="StdErrors">Certified standard deviations of the estimates, by parameter name.</param>
/// <param name="ResidualSd">Residual standard deviation σ.</param>
/// <param name="RSquared">R² (uncentered for models without a constant).</param>
/// <param name="SsRegression">Regression sum of squares.</param>
/// <param name="SsResidual">Residual sum of squares.</param>
/// <param name="FStatistic">F statistic (+∞ for exact fits, printed "Infinity").</param>
public sealed record StrdCertified(
    IReadOnlyDictionary<string, double> Estimates,
    IReadOnlyDictionary<string, double> StdErrors,
    double ResidualSd,
    double RSquared,
    double SsRegression,
    double SsResidual,
    double FStatistic);

/// <summary>
/// A NIST StRD linear-regression <c>.dat</c> file: the model from its "y = …" line, the certified values and the data.
/// Reads the official files and any file in the same format. Copes with the format's quirks: F printed as
/// <c>Infinity</c>, numbers with a trailing dot or Fortran exponents, the residual SD on the line after "Residual",
/// the "Standard Deviation" column header above the parameter table, and "…" in polynomial models.
/// Bad input throws a <see cref="DataFileException"/> naming the file and line.
/// </summary>
public sealed class StrdDataset
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;
    private static readonly Regex ParameterLine = new(@"^\s*B(\d{1,9})\s+(\S+)\s+(\S+)\s*$", Options);
    // "Residual Standard Deviation  value" on one line, or "Standard Deviation  value" under a "Residual" line.
    private static readonly Regex ResidualSdLine = new(@"^\s*(?<oneLine>Residual\s+)?Standard\s+Deviation\s*:?\s+(\S+)\s*$", Options);
    private static readonly Regex ResidualHeader = new(@"^\s*Residual\s*:?\s*$", Options);
    private static readonly Regex RSquaredLine = new(@"^\s*R[-\s]?Squared\s*:?\s+(\S+)\s*$", Options);
    private static readonly Regex AnovaRegression = new(@"^\s*Regression\s+(\d{1,9})\s+(\S+)\s+(\S+)\s+(\S+)\s*$", Options);
    private static readonly Regex AnovaResidual = new(@"^\s*Residual\s+(\d{1,9})\s+(\S+)\s+(\S+)\s*$", Options);
    private static readonly Regex ParameterCount = new(@"(\d{1,9})\s+Parameters?\b", Options);
    private static readonly Regex ObservationCount = new(@"(\d{1,9})\s+Observations?\b", Options);
    private static readonly Regex ModelLine = new(@"^\s*([A-Za-z]\w*)\s*=\s*B\d", Options);
    private static readonly Regex TermPattern = new(@"^B(\d{1,9})(?:\s*\*\s*(.+))?$", Options);
    private static readonly Regex FactorPattern = new(@"^\(?\s*([A-Za-z]\w*)\s*(?:(?:\*\*|\^)\s*\(?\s*(\d{1,4})\s*\)?)?\s*\)?$", RegexOptions.CultureInvariant);
    private static readonly Regex DataHeader = new(@"^\s*Data\s*:\s*([A-Za-z]\w*(?:\s+[A-Za-z]\w*)+)\s*$", Options);

    private StrdDataset() { }

    /// <summary>What rounding the printed decimals to double dropped, by column (null for a column of exact doubles).</summary>
    private IReadOnlyDictionary<string, double[]?> Low { get; init; } = null!;

    /// <summary>Dataset name: the file name without extension.</summary>
    public required string Name { get; init; }

    /// <summary>Model terms in parameter order.</summary>
    public required IReadOnlyList<StrdTerm> Terms { get; init; }

    /// <summary>Data columns by header name (the response and the predictors).</summary>
    public required IReadOnlyDictionary<string, double[]> Data { get; init; }

    /// <summary>The response column's name (the first data column).</summary>
    public required string Response { get; init; }

    /// <summary>The certified values.</summary>
    public required StrdCertified Certified { get; init; }

    /// <summary>True when the model has a constant term.</summary>
    public bool HasIntercept => Terms.Any(t => t.Variable is null);

    /// <summary>The response values (a copy).</summary>
    public double[] Y => (double[])Data[Response].Clone();

    /// <summary>
    /// What rounding the printed response to double dropped: y as printed is <see cref="Y"/> + YLow to about 32 digits
    /// (null when every printed y is a double exactly). NIST certifies the decimals as printed, not their doubles.
    /// </summary>
    public double[]? YLow => (double[]?)Low[Response]?.Clone();

    /// <summary>
    /// The design: a constant term becomes the intercept; every other term is named by its parameter (B1, B2, …) and
    /// holds its predictor raised to its power. The predictors are the printed decimals carried to about 32 digits (the
    /// double and what rounding dropped) and the powers are formed in double-double (<see cref="Design.Powers"/>):
    /// Filip's x^10 rounded to double after each multiplication already moves its coefficients in the 8th digit.
    /// </summary>
    public Design ToDesign() => Design.Powers(Name, HasIntercept, Terms.Where(t => t.Variable is not null)
        .Select(t => (t.Parameter, Data[t.Variable!], Low[t.Variable!], t.Power)).ToArray());

    /// <summary>The certified parameter name of each design column, in design order.</summary>
    public IReadOnlyList<string> ParameterOfColumn() =>
        [.. Terms.OrderBy(t => t.Variable is not null).Select(t => t.Parameter)]; // the constant first (a stable sort)

    /// <summary>The <c>*.dat</c> files of <paramref name="directory"/>, sorted by name; an <see cref="IOException"/> when
    /// the folder does not exist or holds none.</summary>
    public static IReadOnlyList<string> Files(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"StRD folder '{directory}' does not exist.");
        var files = Directory.GetFiles(directory, "*.dat").OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
            throw new FileNotFoundException($"StRD folder '{directory}' holds no .dat files.");
        return files;
    }

    /// <summary>Reads one StRD file.</summary>
    public static StrdDataset Load(string path)
    {
        // Line ends: LF, CRLF or a lone CR (old Mac files); a BOM is dropped by InputFile.
        var text = InputFile.ReadText(path, "an NIST StRD file").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var lines = InputFile.Lines(text);
        if (lines.Length > 0 && lines[^1].Length == 0) lines = lines[..^1]; // as File.ReadAllLines: no line after the last line end
        return Parse(lines, path);
    }

    /// <summary>
    /// Parses the lines of an StRD file; <paramref name="source"/> names it in messages. The header's line ranges
    /// ("Certified Values (lines 31 to 51)") are not relied on: every field is found by its label, so files laid out
    /// differently still read. Every inconsistency (parameters, observations, degrees of freedom) is an error, never a
    /// silently different model.
    /// </summary>
    public static StrdDataset Parse(IReadOnlyList<string> lines, string source)
    {
        string name = Path.GetFileNameWithoutExtension(source);
        DataFileException Error(int line, string reason) => new(source, Math.Max(line, 1), null, null, reason);
        // Tabs, no-break spaces and a stray BOM are whitespace here.
        var clean = lines.Select(l => l.Replace('\uFEFF', ' ').Replace('\u00A0', ' ')).ToArray();

        // Data header: "Data:" followed only by column names (the earlier "Data: 1 Response Variable" line is not one).
        int dataHeader = Array.FindIndex(clean, DataHeader.IsMatch);
        if (dataHeader < 0)
            throw Error(clean.Length, "no data header line (\"Data:  y  x …\") was found.");
        var columns = DataHeader.Match(clean[dataHeader]).Groups[1].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var duplicate = columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw Error(dataHeader + 1, $"the data column '{duplicate.Key}' is named twice.");

        // Model line ("y = B0 + B1*x + … + e"), possibly continued on following lines that start with "+" (or after a trailing "+").
        int modelLine = Array.FindIndex(clean, 0, dataHeader, ModelLine.IsMatch);
        if (modelLine < 0)
            throw Error(1, "no model line (\"y = B0 + B1*x + … + e\") was found.");
        string modelText = clean[modelLine];
        for (int i = modelLine + 1; i < dataHeader; i++)
        {
            var next = clean[i].Trim();
            if (next.Length == 0) break;
            if (!(next.StartsWith('+') || modelText.TrimEnd().EndsWith('+'))) break;
            modelText += " " + next;
        }
        string lhs = ModelLine.Match(modelText).Groups[1].Value;
        string response = columns.Contains(lhs, StringComparer.Ordinal) ? lhs : columns[0];
        var predictors = columns.Where(c => c != response).ToArray();
        var terms = ParseModel(modelText, modelLine + 1, source, predictors);

        // Certified values (all above the data header).
        var est = new Dictionary<string, double>();
        var sd = new Dictionary<string, double>();
        double? residualSd = null, r2 = null, ssr = null, sse = null, f = null;
        int? paramCount = null, obsCount = null, dfRegression = null, dfResidual = null;
        int anovaLine = 0;
        string previous = "";
        for (int i = 0; i < dataHeader; i++)
        {
            string line = clean[i];
            int no = i + 1;
            Match mt;
            if (i == modelLine) { previous = line.Trim(); continue; }
            if (paramCount is null && (mt = ParameterCount.Match(line)).Success) paramCount = Count(mt.Groups[1].Value, no);
            if (obsCount is null && (mt = ObservationCount.Match(line)).Success) obsCount = Count(mt.Groups[1].Value, no);
            if ((mt = ParameterLine.Match(line)).Success)
            {
                string key = "B" + Count(mt.Groups[1].Value, no).ToString(CultureInfo.InvariantCulture);
                if (est.ContainsKey(key))
                    throw Error(no, $"a second certified line for {key}.");
                est[key] = Certified(mt.Groups[2].Value, no, $"the estimate of {key}");
                sd[key] = Certified(mt.Groups[3].Value, no, $"the standard deviation of {key}");
            }
            else if ((mt = ResidualSdLine.Match(line)).Success && (mt.Groups["oneLine"].Success || ResidualHeader.IsMatch(previous)))
                residualSd = Certified(mt.Groups[1].Value, no, "the residual standard deviation");
            else if ((mt = RSquaredLine.Match(line)).Success)
                r2 = Certified(mt.Groups[1].Value, no, "R-Squared");
            else if ((mt = AnovaRegression.Match(line)).Success)
            {
                dfRegression = Count(mt.Groups[1].Value, no);
                ssr = Certified(mt.Groups[2].Value, no, "the regression sum of squares");
                f = Number(mt.Groups[4].Value, source, no);
                if (double.IsNaN(f.Value) || f.Value < 0)
                    throw Error(no, $"the certified F statistic '{mt.Groups[4].Value}' is neither a non-negative number nor Infinity.");
                anovaLine = no;
            }
            else if ((mt = AnovaResidual.Match(line)).Success)
            {
                dfResidual = Count(mt.Groups[1].Value, no);
                sse = Certified(mt.Groups[2].Value, no, "the residual sum of squares");
                anovaLine = no;
            }
            if (line.Trim().Length > 0) previous = line.Trim();
        }
        foreach (var t in terms)
            if (!est.ContainsKey(t.Parameter))
                throw Error(modelLine + 1, $"the model uses {t.Parameter} but no certified value for it was found.");
        if (est.Count != terms.Count)
            throw Error(modelLine + 1, $"the model has {terms.Count} parameters ({string.Join(", ", terms.Select(t => t.Parameter))}) but {est.Count} certified estimates were found ({string.Join(", ", est.Keys)}).");
        if (paramCount is int pc && pc != terms.Count)
            throw Error(modelLine + 1, $"the header says {pc} parameters but the model line has {terms.Count}.");
        if (residualSd is null) throw Error(dataHeader, "no certified residual standard deviation (\"Residual\" followed by \"Standard Deviation  value\").");
        if (r2 is null) throw Error(dataHeader, "no certified R-Squared line.");
        if (ssr is null || f is null) throw Error(dataHeader, "no certified ANOVA \"Regression\" line (df, SS, MS, F).");
        if (sse is null) throw Error(dataHeader, "no certified ANOVA \"Residual\" line (df, SS, MS).");

        // Data rows.
        var values = columns.Select(_ => new List<double>()).ToArray();
        var lows = columns.Select(_ => new List<double>()).ToArray();
        for (int i = dataHeader + 1; i < clean.Length; i++)
        {
            var fields = clean[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0) continue;
            if (fields.Length != columns.Length)
                throw Error(i + 1, $"expected {columns.Length} values ({string.Join(", ", columns)}) but found {fields.Length}.");
            for (int c = 0; c < fields.Length; c++)
            {
                double v = Number(fields[c], source, i + 1, c + 1, columns[c]);
                if (!double.IsFinite(v))
                    throw new DataFileException(source, i + 1, c + 1, columns[c], $"'{fields[c]}' is not a finite number.");
                values[c].Add(v);
                lows[c].Add(DecimalLowPart(fields[c], v));
            }
        }
        int n = values[0].Count;
        if (n == 0)
            throw Error(dataHeader + 1, "the data header is followed by no data rows.");
        if (obsCount is int oc && oc != n)
            throw Error(dataHeader + 1, $"the header says {oc} observations but {n} data rows were found.");
        // The ANOVA degrees of freedom add up to n - 1 with a constant, n without (whatever the rank): a check that
        // the rows and the model were read as the file meant them.
        bool hasConstant = terms.Any(t => t.Variable is null);
        int totalDf = n - (hasConstant ? 1 : 0);
        if (dfRegression is int dm && dfResidual is int dr && dm + dr != totalDf)
            throw Error(anovaLine, $"the ANOVA degrees of freedom ({dm} + {dr}) do not add up to {totalDf} (n = {n}{(hasConstant ? " minus 1 for the constant" : ", no constant")}).");
        var data = new Dictionary<string, double[]>();
        var low = new Dictionary<string, double[]?>();
        for (int c = 0; c < columns.Length; c++)
        {
            data[columns[c]] = [.. values[c]];
            low[columns[c]] = lows[c].Any(v => v != 0) ? [.. lows[c]] : null;
        }

        var certified = new StrdCertified(est, sd, residualSd.Value, r2.Value, ssr.Value, sse.Value, f.Value);
        return new StrdDataset { Name = name, Terms = terms, Data = data, Low = low, Response = response, Certified = certified };

        int Count(string digits, int no) =>
            int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : throw Error(no, $"'{digits}' is too large a count.");

        double Certified(string text, int no, string what)
        {
            double v = Number(text, source, no);
            if (!double.IsFinite(v))
                throw Error(no, $"{what} is certified as '{text}', which is not a finite number.");
            return v;
        }
    }

    private static List<StrdTerm> ParseModel(string line, int lineNo, string source, string[] predictors)
    {
        DataFileException Error(string reason) => new(source, lineNo, null, null, reason);
        var rhs = line[(line.IndexOf('=') + 1)..].Replace("…", "...", StringComparison.Ordinal);
        var parts = rhs.Split('+').Select(p => p.Trim()).ToList();
        if (parts.Count > 0 && parts[^1] is "e" or "E" or "ε" or "error" or "u") parts.RemoveAt(parts.Count - 1);
        if (parts.Any(p => p.Length == 0))
            throw Error("the model has an empty term (two '+' in a row, or a trailing '+').");
        var terms = new List<(int Index, StrdTerm? Term)>(); // Term null marks "..."
        foreach (var p in parts)
        {
            if (p.Length >= 2 && p.Trim('.').Length == 0) { terms.Add((-1, null)); continue; }
            var m = TermPattern.Match(p);
            if (!m.Success)
                throw Error($"cannot read the model term '{p}' (expected B<i>, B<i>*x, B<i>*(x**p) or '...').");
            if (!int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                throw Error($"the parameter index of '{p}' is too large.");
            if (!m.Groups[2].Success)
            {
                terms.Add((index, new StrdTerm($"B{index}", null, 0)));
                continue;
            }
            var fm = FactorPattern.Match(m.Groups[2].Value.Trim());
            if (!fm.Success)
                throw Error($"cannot read the factor '{m.Groups[2].Value}' of term '{p}' (expected x, x**p or (x**p)).");
            string variable = fm.Groups[1].Value;
            if (!predictors.Contains(variable, StringComparer.Ordinal))
                throw Error($"the model uses '{variable}' but the predictor columns are {string.Join(", ", predictors)}.");
            int power = fm.Groups[2].Success ? int.Parse(fm.Groups[2].Value, CultureInfo.InvariantCulture) : 1;
            if (power < 1)
                throw Error($"the term '{p}' has power {power}; powers start at 1 (the constant is a bare B<i>).");
            terms.Add((index, new StrdTerm($"B{index}", variable, power)));
        }
        if (terms.Count == 0)
            throw Error("the model has no terms.");

        // Expand "...": the parameters between two terms of the same predictor whose powers step with the index.
        var result = new List<StrdTerm>();
        for (int i = 0; i < terms.Count; i++)
        {
            if (terms[i].Term is not null) { result.Add(terms[i].Term!); continue; }
            if (i == 0 || i == terms.Count - 1 || terms[i - 1].Term is null || terms[i + 1].Term is null)
                throw Error("'...' in the model must stand between two terms.");
            var (a, ta) = terms[i - 1];
            var (b, tb) = terms[i + 1];
            if (b - a < 1)
                throw Error($"cannot expand '...' between {ta!.Parameter} and {tb!.Parameter}: the parameter numbers must increase.");
            var va = ta!.Variable ?? tb!.Variable;
            int pa = ta.Variable is null ? 0 : ta.Power;
            if (va is not null && va == tb!.Variable && tb.Power - pa == b - a)
            {
                // Powers of one predictor: B1*x + ... + B9*(x**9).
                for (int idx = a + 1; idx < b; idx++) result.Add(new StrdTerm($"B{idx}", va, pa + idx - a));
            }
            else if (NumberedPredictors(ta.Variable, tb!.Variable, b - a) is string prefix && ta.Power == 1 && tb.Power == 1)
            {
                // Numbered predictors: B1*x1 + ... + B6*x6.
                var digits = ta.Variable![prefix.Length..];
                int first = int.Parse(digits, CultureInfo.InvariantCulture);
                for (int idx = a + 1; idx < b; idx++)
                {
                    // Keep the numbering's zero padding (x01 ... x10).
                    string name = prefix + (first + idx - a).ToString(new string('0', digits.Length), CultureInfo.InvariantCulture);
                    if (!predictors.Contains(name, StringComparer.Ordinal))
                        throw Error($"'...' stands for '{name}', which is not a data column.");
                    result.Add(new StrdTerm($"B{idx}", name, 1));
                }
            }
            else
                throw Error($"cannot expand '...' between {ta.Parameter} and {tb.Parameter} (neither successive powers of one predictor nor numbered predictors).");
        }
        var dup = result.GroupBy(t => t.Parameter).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
            throw Error($"the parameter {dup.Key} appears twice in the model.");
        if (result.Count(t => t.Variable is null) > 1)
            throw Error("the model has more than one constant term.");
        var same = result.Where(t => t.Variable is not null).GroupBy(t => (t.Variable, t.Power)).FirstOrDefault(g => g.Count() > 1);
        if (same is not null)
            throw Error($"{string.Join(" and ", same.Select(t => t.Parameter))} multiply the same regressor.");
        return result;
    }

    /// <summary>The common prefix of x1 and x6 when their numbers differ by <paramref name="step"/>; otherwise null.</summary>
    private static string? NumberedPredictors(string? first, string? last, int step)
    {
        if (first is null || last is null) return null;
        var m1 = Regex.Match(first, @"^(\D+)(\d{1,9})$", RegexOptions.CultureInvariant);
        var m2 = Regex.Match(last, @"^(\D+)(\d{1,9})$", RegexOptions.CultureInvariant);
        if (!m1.Success || !m2.Success || m1.Groups[1].Value != m2.Groups[1].Value) return null;
        int d = int.Parse(m2.Groups[2].Value, CultureInfo.InvariantCulture) - int.Parse(m1.Groups[2].Value, CultureInfo.InvariantCulture);
        return d == step ? m1.Groups[1].Value : null;
    }

    private static readonly Regex FortranExponent = new(@"^([+-]?(?:\d+\.?\d*|\.\d+))([+-]\d{3})$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Parses a number of the StRD files, whatever the current culture: invariant digits, a trailing dot ("557028453333333."),
    /// E or D exponents in either case ("0.1D+02"), Fortran's three-digit exponent without a letter ("0.1234-105"), "Infinity"/"Inf"
    /// in any case (NaN only as the text "NaN"; callers reject non-finite values where they are not allowed).
    /// </summary>
    internal static double Number(string text, string source, int line, int? column = null, string? columnName = null)
    {
        var t = text.Trim();
        var bare = t.TrimStart('+', '-').ToLowerInvariant();
        if (bare is "infinity" or "inf" or "\u221e")
            return t.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
        if (bare == "nan") return double.NaN;
        t = Normalize(t);
        if (t.Length > 0 && (char.IsAsciiDigit(t[^1]) || t[^1] == '.')
            && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            return v;
        throw new DataFileException(source, line, column, columnName, $"'{text}' is not a number.");
    }

    /// <summary>E exponents for D ones and for Fortran's letterless three-digit exponents.</summary>
    private static string Normalize(string t)
    {
        t = t.Trim().Replace('D', 'E').Replace('d', 'e');
        var fm = FortranExponent.Match(t);
        return fm.Success ? fm.Groups[1].Value + "E" + fm.Groups[2].Value : t;
    }

    private static readonly Regex DecimalNumeral = new(@"^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$", RegexOptions.CultureInvariant);

    /// <summary>
    /// The decimal numeral <paramref name="text"/> minus <paramref name="hi"/> (its double), rounded to double: what
    /// reading the number as a double dropped, exactly computed in integers. 0 when the numeral is a double exactly,
    /// and for anything that is not a plain finite numeral.
    /// </summary>
    internal static double DecimalLowPart(string text, double hi)
    {
        if (!double.IsFinite(hi) || hi == 0) return 0;
        var m = DecimalNumeral.Match(Normalize(text));
        if (!m.Success) return 0;
        string intPart = m.Groups[2].Value, frac = m.Groups[3].Value;
        if (intPart.Length + frac.Length == 0 || intPart.Length + frac.Length > 400) return 0;
        int exp10 = (m.Groups[4].Success ? int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) : 0) - frac.Length;
        if (Math.Abs(exp10) > 400) return 0;
        var digits = BigInteger.Parse("0" + intPart + frac, NumberStyles.None, CultureInfo.InvariantCulture);
        if (m.Groups[1].Value == "-") digits = -digits;
        // hi = mant·2^e2 exactly.
        long bits = BitConverter.DoubleToInt64Bits(hi);
        int e2 = (int)((bits >> 52) & 0x7FF);
        long mant = bits & 0xFFFFFFFFFFFFFL;
        if (e2 == 0) e2++; else mant |= 1L << 52;
        e2 -= 1075;
        BigInteger hiMant = hi < 0 ? -mant : mant;
        // Both over the common denominator D = 10^a·2^b: value·D and hi·D are integers.
        int a = Math.Max(-exp10, 0), b = Math.Max(-e2, 0);
        var pow10 = BigInteger.Pow(10, a);
        var value = digits * BigInteger.Pow(10, Math.Max(exp10, 0)) << b;
        var hiScaled = (hiMant << (e2 + b)) * pow10;
        var diff = value - hiScaled;
        if (diff.IsZero) return 0;
        var den = pow10 << b;
        // diff/den to double through a quotient of at least 64 bits.
        int shift = 64 - (int)(BigInteger.Abs(diff).GetBitLength() - den.GetBitLength());
        var q = shift >= 0 ? (diff << shift) / den : diff / (den << -shift);
        return Math.ScaleB((double)q, -shift);
    }
}
