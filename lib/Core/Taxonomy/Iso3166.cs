using System.Text;

namespace NotebookAnalysis.Taxonomy;

/// <summary>A country of ISO 3166-1.</summary>
/// <param name="Alpha2">Two-letter code, upper case (the form the taxonomy stores).</param>
/// <param name="Alpha3">Three-letter code (the form Plotly's world map expects); null for the EU.</param>
/// <param name="Name">English short name.</param>
public sealed record IsoCountry(string Alpha2, string? Alpha3, string Name);

/// <summary>A subdivision of ISO 3166-2.</summary>
/// <param name="Code">Code such as <c>US-SC</c> or <c>AT-6</c>.</param>
/// <param name="Name">Name as the standard gives it (often in the local language).</param>
/// <param name="Type">Kind of subdivision (State, Prefecture, Land, ...).</param>
public sealed record IsoSubdivision(string Code, string Name, string Type)
{
    /// <summary>The country part of the code.</summary>
    public string Country => Code[..Code.IndexOf('-')];
}

/// <summary>
/// ISO 3166-1 alpha-2 countries and ISO 3166-2 subdivisions, read from <c>seeds/taxonomy/iso/</c>
/// (extracted from Debian's iso-codes 4.15.0). The taxonomy normalises countries to alpha-2 because
/// ISO 3166-2 subdivision codes are built on it. <c>EU</c>, which ISO 3166-1 reserves exceptionally for
/// the European Union, is accepted as a supranational entry.
/// </summary>
public sealed class Iso3166
{
    /// <summary>The exceptionally reserved code for the European Union.</summary>
    public const string EuropeanUnion = "EU";

    private readonly Dictionary<string, IsoCountry> _countries;
    private readonly Dictionary<string, IsoSubdivision> _subdivisions;

    private Iso3166(Dictionary<string, IsoCountry> countries, Dictionary<string, IsoSubdivision> subdivisions)
    {
        _countries = countries;
        _subdivisions = subdivisions;
    }

    /// <summary>True for an upper-case alpha-2 code of ISO 3166-1, or <c>EU</c>.</summary>
    public bool IsCountry(string? code) => code is not null && _countries.ContainsKey(code);

    /// <summary>The country with alpha-2 <paramref name="code"/>.</summary>
    public IsoCountry Country(string code) =>
        _countries.TryGetValue(code, out var c) ? c : throw new KeyNotFoundException($"'{code}' is not an ISO 3166-1 alpha-2 code.");

    /// <summary>The subdivision with <paramref name="code"/>, or null.</summary>
    public IsoSubdivision? Subdivision(string? code) =>
        code is not null && _subdivisions.TryGetValue(code, out var s) ? s : null;

    /// <summary>Why <paramref name="code"/> is not a normalised country, or null when it is one.</summary>
    public string? CountryProblem(string? code)
    {
        if (string.IsNullOrEmpty(code)) return "the country is missing";
        if (IsCountry(code)) return null;
        var upper = code.ToUpperInvariant();
        if (IsCountry(upper)) return $"'{code}' must be upper case: '{upper}'";
        var byName = _countries.Values.FirstOrDefault(c =>
            string.Equals(c.Name, code, StringComparison.OrdinalIgnoreCase) || string.Equals(c.Alpha3, code, StringComparison.OrdinalIgnoreCase));
        return byName is not null
            ? $"'{code}' is not an ISO 3166-1 alpha-2 code; write '{byName.Alpha2}'"
            : $"'{code}' is not an ISO 3166-1 alpha-2 code";
    }

    /// <summary>Why <paramref name="subdivision"/> is not an ISO 3166-2 code of <paramref name="country"/>, or null.</summary>
    public string? SubdivisionProblem(string country, string? subdivision)
    {
        if (subdivision is null) return null;
        var s = Subdivision(subdivision);
        if (s is null) return $"'{subdivision}' is not an ISO 3166-2 subdivision code";
        if (s.Country != country) return $"subdivision '{subdivision}' belongs to {s.Country}, not to {country}";
        return null;
    }

    /// <summary>Reads <c>iso3166-1.tsv</c> and <c>iso3166-2.tsv</c> from <paramref name="folder"/>.</summary>
    public static Iso3166 Load(string folder)
    {
        var countries = new Dictionary<string, IsoCountry>(StringComparer.Ordinal)
        {
            [EuropeanUnion] = new IsoCountry(EuropeanUnion, null, "European Union"),
        };
        foreach (var (f, line) in ReadTsv(Path.Combine(folder, "iso3166-1.tsv"), 3))
            countries[f[0]] = new IsoCountry(f[0], f[1], f[2]);
        var subdivisions = new Dictionary<string, IsoSubdivision>(StringComparer.Ordinal);
        foreach (var (f, line) in ReadTsv(Path.Combine(folder, "iso3166-2.tsv"), 3))
            subdivisions[f[0]] = new IsoSubdivision(f[0], f[1], f[2]);
        return new Iso3166(countries, subdivisions);
    }

    private static IEnumerable<(string[] Fields, int Line)> ReadTsv(string path, int minFields)
    {
        string[] lines = Data.InputFile.Lines(TaxonomyJsonFile.ReadGuarded(path, "an ISO 3166 list"));
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var f = lines[i].Split('\t');
            if (f.Length < minFields)
                throw new TaxonomyException(TaxonomyErrorKind.Schema, path, $"line {i + 1}", i + 1, $"expected {minFields} tab-separated fields, found {f.Length}.");
            yield return (f, i + 1);
        }
    }
}
