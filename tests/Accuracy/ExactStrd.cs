using System.Globalization;
using System.Text;
using NotebookAnalysis.Tests.Support;

namespace NotebookAnalysis.Tests.Accuracy;

/// <summary>One regressor of a generated StRD problem: a predictor column (index into the predictors) and its power.</summary>
internal sealed record ExactTerm(int Predictor, int Power);

/// <summary>
/// A linear least-squares problem written as a NIST StRD file, with certified values computed in exact rational
/// arithmetic (<see cref="Rational"/>) from the data exactly as printed. When every printed number is a double's exact
/// value (<see cref="DataExactInDouble"/>), the certified values are those of the very numbers the engine reads, so any
/// shortfall in LRE is the engine's, not the data's.
/// </summary>
internal sealed class ExactStrd
{
    public ExactStrd(string name, string description, string[] predictors, bool intercept, ExactTerm[] terms, string[] y, string[][] x)
    {
        Name = name;
        Description = description;
        Predictors = predictors;
        Intercept = intercept;
        Terms = terms;
        Y = y;
        X = x;
    }

    public string Name { get; }
    public string Description { get; }
    /// <summary>Predictor column names (the response is <c>y</c>).</summary>
    public string[] Predictors { get; }
    public bool Intercept { get; }
    public ExactTerm[] Terms { get; }
    /// <summary>The response as printed.</summary>
    public string[] Y { get; }
    /// <summary>X[predictor][row] as printed.</summary>
    public string[][] X { get; }

    public int Rows => Y.Length;
    public int Parameters => Terms.Length + (Intercept ? 1 : 0);

    /// <summary>The certified parameter names in order: B0 for the constant, then B1, B2, …; through the origin B1 ….</summary>
    public string[] ParameterNames => Enumerable.Range(Intercept ? 0 : 1, Parameters).Select(i => "B" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>True when every printed number reads back as a double of exactly that value.</summary>
    public bool DataExactInDouble => Y.Concat(X.SelectMany(c => c)).All(t =>
        Rational.Parse(t) == Rational.Of(double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture)));

    // ---- certified values ----

    /// <summary>Exact certified values; null when X'X is singular (rank-deficient design).</summary>
    public Certified? Certify()
    {
        int n = Rows, k = Parameters;
        var xs = X.Select(c => c.Select(Rational.Parse).ToArray()).ToArray();
        var cols = new List<Rational[]>();
        if (Intercept) cols.Add(Enumerable.Repeat(Rational.One, n).ToArray());
        foreach (var t in Terms) cols.Add(xs[t.Predictor].Select(v => Rational.Pow(v, t.Power)).ToArray());
        var y = Y.Select(Rational.Parse).ToArray();

        if (ExactLeastSquares.Solve(cols, y) is not { } solution) return null;
        var (beta, inverseDiagonal, sse) = solution;
        Rational sst = Rational.Zero, mean = Rational.Zero;
        if (Intercept)
        {
            foreach (var v in y) mean += v;
            mean /= n;
        }
        foreach (var v in y) sst += (v - mean) * (v - mean);
        var ssr = sst - sse;
        int dfr = n - k, dfm = Intercept ? k - 1 : k;
        var s2 = sse / dfr;
        return new Certified(
            beta.Select(b => b.ToDouble()).ToArray(),
            inverseDiagonal.Select(d => Rational.Sqrt(s2 * d)).ToArray(),
            Rational.Sqrt(s2),
            sst.IsZero ? double.NaN : (ssr / sst).ToDouble(),
            ssr.ToDouble(),
            sse.ToDouble(),
            sse.IsZero ? double.PositiveInfinity : (ssr / dfm / s2).ToDouble(),
            dfm, dfr, (ssr / dfm).ToDouble(), s2.ToDouble());
    }

    public sealed record Certified(double[] Estimates, double[] StdErrors, double ResidualSd, double RSquared,
        double SsRegression, double SsResidual, double F, int DfModel, int DfResidual, double MsRegression, double MsResidual);

    // ---- the file ----

    /// <summary>Layout options of <see cref="Write"/>.</summary>
    public sealed record Style
    {
        public string NewLine { get; init; } = "\r\n";
        /// <summary>"..." (NIST), "…" or null (every term written out).</summary>
        public string? Ellipsis { get; init; } = "...";
        /// <summary>'E' or 'D' exponents in the certified values.</summary>
        public char Exponent { get; init; } = 'E';
        public bool Bom { get; init; }
        /// <summary>Separator between fields of the tables and data rows.</summary>
        public string Gap { get; init; } = "      ";
        /// <summary>Whether to pad the header to NIST's fixed data line 60.</summary>
        public bool PadToLine60 { get; init; } = true;
    }

    /// <summary>The StRD text with the given certified values (from <see cref="Certify"/>, or made up for a degenerate design).</summary>
    public string Write(Certified c, Style? style = null)
    {
        style ??= new Style();
        var lines = new List<string>();
        string F(double v) => Num(v, style.Exponent);
        string gap = style.Gap;
        var names = ParameterNames;
        lines.Add("NIST/ITL StRD");
        lines.Add($"Dataset Name:  {Name} ({Name}.dat)");
        lines.Add("");
        lines.Add("File Format:   ASCII");
        int rangeLine = lines.Count;
        lines.Add("               Certified Values  (lines {0} to {1})");
        lines.Add("               Data              (lines {2} to {3})");
        lines.Add("");
        lines.Add("Procedure:     Linear Least Squares Regression");
        lines.Add("");
        lines.Add("Reference:     Generated by the NotebookAnalysis tests: " + Description + ".");
        lines.Add("               Certified values in exact rational arithmetic, rounded once.");
        lines.Add("");
        lines.Add("Data:          1 Response Variable (y)");
        lines.Add($"               {Predictors.Length} Predictor Variable{(Predictors.Length == 1 ? "" : "s")} (x)");
        lines.Add($"               {Rows} Observations");
        lines.Add("               Generated Data");
        lines.Add("");
        lines.Add("Model:         " + (Predictors.Length == 1 && Terms.Length > 1 ? "Polynomial Class" : "Linear Class"));
        lines.Add($"               {Parameters} Parameters ({(names.Length > 3 ? $"{names[0]},{names[1]},...,{names[^1]}" : string.Join(",", names))})");
        lines.Add("");
        lines.Add("               y = " + ModelText(style.Ellipsis) + " + e");
        lines.Add("");
        lines.Add("               Certified Regression Statistics");
        lines.Add("");
        lines.Add("                                          Standard Deviation");
        lines.Add("     Parameter         Estimate              of Estimate");
        lines.Add("");
        int certFirst = lines.Count + 1;
        for (int j = 0; j < names.Length; j++)
            lines.Add($"        {names[j],-4}{gap}{F(c.Estimates[j]),24}{gap}{F(c.StdErrors[j]),24}");
        lines.Add("");
        lines.Add("     Residual");
        lines.Add("     Standard Deviation   " + F(c.ResidualSd));
        lines.Add("");
        lines.Add("     R-Squared            " + F(c.RSquared));
        lines.Add("");
        lines.Add("");
        lines.Add("               Certified Analysis of Variance Table");
        lines.Add("");
        lines.Add("Source of Degrees of     Sums of             Mean  ");
        lines.Add("Variation  Freedom       Squares            Squares          F Statistic");
        lines.Add("              ");
        lines.Add($"Regression{gap}{c.DfModel}{gap}{F(c.SsRegression)}{gap}{F(c.MsRegression)}{gap}{(double.IsPositiveInfinity(c.F) ? "Infinity" : F(c.F))}");
        lines.Add($"Residual{gap}{c.DfResidual}{gap}{F(c.SsResidual)}{gap}{F(c.MsResidual)}");
        int certLast = lines.Count;
        lines.Add("");
        if (style.PadToLine60)
            while (lines.Count < 59) lines.Add("");
        lines.Add("Data:" + gap + string.Join(gap, ["y", .. Predictors]));
        int dataFirst = lines.Count + 1;
        for (int i = 0; i < Rows; i++)
            lines.Add(gap + string.Join(gap, [Y[i], .. X.Select(col => col[i])]));
        int dataLast = lines.Count;
        lines[rangeLine] = string.Format(CultureInfo.InvariantCulture, lines[rangeLine], certFirst, certLast);
        lines[rangeLine + 1] = string.Format(CultureInfo.InvariantCulture, lines[rangeLine + 1], certFirst, certLast, dataFirst, dataLast);
        var text = string.Join(style.NewLine, lines) + style.NewLine;
        return style.Bom ? "\uFEFF" + text : text;
    }

    /// <summary>The right-hand side without "+ e": constant, x, (x**2), … with the middle of long runs elided.</summary>
    public string ModelText(string? ellipsis)
    {
        var names = ParameterNames;
        var parts = new List<string>();
        int off = 0;
        if (Intercept) { parts.Add(names[0]); off = 1; }
        for (int j = 0; j < Terms.Length; j++)
        {
            var t = Terms[j];
            string v = Predictors[t.Predictor];
            parts.Add(t.Power == 1 ? $"{names[j + off]}*{v}" : $"{names[j + off]}*({v}**{t.Power})");
        }
        // Elide when the regressors step uniformly: powers 1..d of one predictor, or x1..xk in order.
        bool powers = Terms.Select((t, j) => t.Predictor == Terms[0].Predictor && t.Power == j + 1).All(b => b);
        bool numbered = Terms.Select((t, j) => t.Power == 1 && t.Predictor == j && Predictors[j] == "x" + (j + 1).ToString(CultureInfo.InvariantCulture)).All(b => b);
        if (ellipsis is not null && parts.Count >= 6 && (powers || numbered))
            parts = [.. parts.Take(3), ellipsis, .. parts.TakeLast(2)];
        return string.Join(" + ", parts);
    }

    /// <summary>A number the way NIST prints them: 15 significant digits are not enough to certify 15 digits after a
    /// rounding, so 17 (round trip), in E notation for very large or small magnitudes.</summary>
    internal static string Num(double v, char exponent = 'E')
    {
        if (v == 0) return "0.000000000000000";
        double a = Math.Abs(v);
        string s = a >= 1e-3 && a < 1e15
            ? v.ToString("R", CultureInfo.InvariantCulture)
            : v.ToString("E16", CultureInfo.InvariantCulture);
        if (!s.Contains('.') && !s.Contains('E')) s += ".0";
        return exponent == 'E' ? s : s.Replace('E', exponent);
    }

    // ---- generators (seeded) ----

    /// <summary>k·2^-bits printed exactly (at most 15 significant digits for the magnitudes used here).</summary>
    internal static string Dyadic(double v, int bits)
    {
        double q = Math.Round(Math.ScaleB(v, bits));
        double d = Math.ScaleB(q, -bits);
        var r = Rational.Of(d);
        // The exact decimal expansion: numerator·5^bits / 10^bits.
        var digits = r.Num * System.Numerics.BigInteger.Pow(5, bits) * System.Numerics.BigInteger.Pow(2, bits) / r.Den;
        bool neg = digits.Sign < 0;
        var s = System.Numerics.BigInteger.Abs(digits).ToString(CultureInfo.InvariantCulture).PadLeft(bits + 1, '0');
        string text = bits == 0 ? s : s[..^bits] + "." + s[^bits..];
        text = text.Contains('.') ? text.TrimEnd('0') : text;
        if (text.EndsWith('.')) text += "0";
        return (neg ? "-" : "") + text;
    }

    private static string[] Col(IEnumerable<double> v, int bits) => v.Select(x => Dyadic(x, bits)).ToArray();

    /// <summary>Filip-like: y on powers 1..degree of x shifted to [-9, -3] (dyadic), noise 2^-12.</summary>
    public static ExactStrd ShiftedPolynomial(string name, int degree, int n, int seed, bool intercept = true, double noise = 1e-3)
    {
        var rng = new Random(seed);
        var x = Enumerable.Range(0, n).Select(_ => -3 - 6 * rng.NextDouble()).Select(v => Math.ScaleB(Math.Round(Math.ScaleB(v, 8)), -8)).ToArray();
        var c = Enumerable.Range(0, degree + 1).Select(p => (rng.NextDouble() - 0.5) * Math.Pow(0.5, p)).ToArray();
        var y = x.Select(v => (intercept ? c[0] : 0) + Enumerable.Range(1, degree).Sum(p => c[p] * Math.Pow(v, p)) + noise * (rng.NextDouble() - 0.5)).ToArray();
        return new ExactStrd(name, $"degree-{degree} polynomial in x on [-9, -3]{(intercept ? "" : " through the origin")}, {n} rows",
            ["x"], intercept, Enumerable.Range(1, degree).Select(p => new ExactTerm(0, p)).ToArray(),
            Col(y, 12), [Col(x, 8)]);
    }

    /// <summary>Exact polynomial (zero residuals): integer x, dyadic coefficients, so every y is exact.</summary>
    public static ExactStrd ExactPolynomial(string name, int degree, int n, long offset, bool intercept = true)
    {
        var x = Enumerable.Range(0, n).Select(i => (double)(offset + i)).ToArray();
        // Coefficients 1, 1/2, 1/4, …: y = Σ 2^-p x^p, exact in double while |y| < 2^53.
        var y = x.Select(v => Enumerable.Range(intercept ? 0 : 1, degree + (intercept ? 1 : 0)).Sum(p => Math.ScaleB(Math.Pow(v, p), -p))).ToArray();
        return new ExactStrd(name, $"exact degree-{degree} polynomial, x = {offset}..{offset + n - 1}{(intercept ? "" : " through the origin")} (zero residuals)",
            ["x"], intercept, Enumerable.Range(1, degree).Select(p => new ExactTerm(0, p)).ToArray(),
            Col(y, 4), [Col(x, 0)]);
    }

    /// <summary>Near-collinear regressors x1..xk: x2 = x1 + δ, x3 = (x1 + x2)/2 + δ', … with δ of order <paramref name="delta"/>.</summary>
    public static ExactStrd NearCollinear(string name, int k, int n, int seed, double delta, bool intercept = true)
    {
        var rng = new Random(seed);
        var xs = new double[k][];
        xs[0] = Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * 100, 0) + 50).ToArray();
        for (int j = 1; j < k; j++)
        {
            var prev = xs[j - 1];
            var first = xs[0];
            xs[j] = Enumerable.Range(0, n).Select(i => Math.ScaleB(Math.Round(Math.ScaleB((prev[i] + first[i]) / 2 + delta * (rng.NextDouble() - 0.5), 16)), -16)).ToArray();
        }
        var b = Enumerable.Range(0, k).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
        var y = Enumerable.Range(0, n).Select(i => (intercept ? 10 : 0) + Enumerable.Range(0, k).Sum(j => b[j] * xs[j][i]) + (rng.NextDouble() - 0.5)).ToArray();
        return new ExactStrd(name, $"{k} near-collinear regressors (differences of order {delta.ToString("G3", CultureInfo.InvariantCulture)}){(intercept ? "" : " through the origin")}, {n} rows",
            Enumerable.Range(1, k).Select(j => "x" + j.ToString(CultureInfo.InvariantCulture)).ToArray(), intercept,
            Enumerable.Range(0, k).Select(j => new ExactTerm(j, 1)).ToArray(), Col(y, 10), xs.Select(c => Col(c, 16)).ToArray());
    }

    /// <summary>NumAcc-like: x and y around a large offset with tiny variation, simple or quadratic.</summary>
    public static ExactStrd LargeOffset(string name, double xOffset, double yOffset, int n, int degree, int seed, int bits = 3)
    {
        var rng = new Random(seed);
        var x = Enumerable.Range(0, n).Select(i => xOffset + Math.ScaleB(i * 4 + rng.Next(4), -bits)).ToArray();
        var u = x.Select(v => v - xOffset).ToArray();
        var y = u.Select(v => yOffset + 0.5 * v + (degree > 1 ? -0.01 * v * v : 0) + Math.ScaleB(rng.Next(-8, 9), -bits)).ToArray();
        return new ExactStrd(name, $"x around {xOffset.ToString("G3", CultureInfo.InvariantCulture)}, y around {yOffset.ToString("G3", CultureInfo.InvariantCulture)}, degree {degree}, {n} rows",
            ["x"], true, Enumerable.Range(1, degree).Select(p => new ExactTerm(0, p)).ToArray(), Col(y, bits), [Col(x, bits)]);
    }

    /// <summary>Random well-posed regression with n = p + 1 (one residual degree of freedom).</summary>
    public static ExactStrd OneDegreeOfFreedom(string name, int k, int seed, bool intercept = true)
    {
        var rng = new Random(seed);
        int n = k + (intercept ? 1 : 0) + 1;
        var xs = Enumerable.Range(0, k).Select(_ => Enumerable.Range(0, n).Select(_ => (double)rng.Next(-50, 51) / 4).ToArray()).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => (double)rng.Next(-1000, 1001) / 8).ToArray();
        return new ExactStrd(name, $"{k} regressors{(intercept ? " and a constant" : "")}, n = p + 1 = {n}",
            Enumerable.Range(1, k).Select(j => "x" + j.ToString(CultureInfo.InvariantCulture)).ToArray(), intercept,
            Enumerable.Range(0, k).Select(j => new ExactTerm(j, 1)).ToArray(), Col(y, 3), xs.Select(c => Col(c, 2)).ToArray());
    }

    /// <summary>Exact collinearity: x3 = x1 + x2 (rank deficient; no certified values exist).</summary>
    public static ExactStrd RankDeficient(string name, int n, int seed)
    {
        var rng = new Random(seed);
        var x1 = Enumerable.Range(0, n).Select(_ => (double)rng.Next(0, 100)).ToArray();
        var x2 = Enumerable.Range(0, n).Select(_ => (double)rng.Next(0, 100)).ToArray();
        var x3 = x1.Zip(x2, (a, b) => a + b).ToArray();
        var y = Enumerable.Range(0, n).Select(i => 1 + x1[i] - x2[i] + rng.Next(-3, 4)).ToArray();
        return new ExactStrd(name, "x3 = x1 + x2 exactly (rank deficient)", ["x1", "x2", "x3"], true,
            [new(0, 1), new(1, 1), new(2, 1)], Col(y, 0), [Col(x1, 0), Col(x2, 0), Col(x3, 0)]);
    }

    /// <summary>
    /// NIST-like decimal data that doubles do not hold exactly (0.1 steps): the certified values are those of the decimals
    /// as printed, so the data's rounding to double is part of what is measured, as in NIST's own files.
    /// <paramref name="degree"/> powers of x = offset + 0.1·i, y = offset + Σ 0.1^p·(x - offset)^p·10^p/… exact decimals.
    /// </summary>
    public static ExactStrd DecimalOffset(string name, decimal xOffset, decimal yOffset, int n, int degree, int seed, bool exact = false)
    {
        var rng = new Random(seed);
        var u = Enumerable.Range(0, n).Select(i => i / 10m).ToArray();
        var x = u.Select(v => (xOffset + v).ToString(CultureInfo.InvariantCulture)).ToArray();
        var y = u.Select(v =>
        {
            decimal s = yOffset, pw = 1;
            for (int p = 1; p <= degree; p++) { pw *= v; s += pw / (p % 2 == 0 ? -10m : 10m); }
            if (!exact) s += rng.Next(-9, 10) / 10m;
            return s.ToString(CultureInfo.InvariantCulture);
        }).ToArray();
        return new ExactStrd(name, $"decimal data, x = {xOffset} + 0.1 i, y around {yOffset}, degree {degree}{(exact ? ", exact fit" : "")}, {n} rows",
            ["x"], true, Enumerable.Range(1, degree).Select(p => new ExactTerm(0, p)).ToArray(), y, [x]);
    }

    /// <summary>Made-up "certified" values for a design that has none (a rank-deficient one): the reader must still read them.</summary>
    public Certified Placeholder()
    {
        int k = Parameters;
        return new Certified(Enumerable.Repeat(1.0, k).ToArray(), Enumerable.Repeat(0.5, k).ToArray(), 1, 0.5, 10, 10, 1,
            Intercept ? k - 1 : k, Rows - k, 1, 1);
    }
}
