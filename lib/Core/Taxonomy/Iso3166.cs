namespace NotebookAnalysis.Taxonomy;

/// <summary>A country of ISO 3166-1.</summary>
/// <param name="Alpha2">Two-letter code, upper case (the form the taxonomy stores).</param>
/// <param name="Alpha3">Three-letter code (the form Plotly's world map expects); null for the EU.</param>
/// <param name="Name">English short name.</param>
public sealed record IsoCountry(string Alpha2, string? Alpha3, string Name);

/// <summary>
/// ISO 3166-1 alpha-2 countries and ISO 3166-2 subdivisions, read from <c>seeds/taxonomy/iso/</c>
/// (extracted from Debian's iso-codes 4.15.0). The taxonomy normalises countries to alpha-2 because
/// ISO 3166-2 subdivision codes are built on it. <c>EU</c>, which ISO 3166-1 reserves exceptionally for
/// the European Union, is accepted as a supranational entry.
/// </summary>
public sealed class Iso3166
{
    private readonly Dictionary<string, IsoCountry> _countries = new(StringComparer.Ordinal)
    {
        ["EU"] = new IsoCountry("EU", null, "European Union"),
    };

    // Subdivision code (US-SC, AT-6) → its country; the validator needs nothing else of ISO 3166-2.
    private readonly Dictionary<string, string> _subdivisionCountry = new(StringComparer.Ordinal);

    private Iso3166() { }

    /// <summary>The country with alpha-2 <paramref name="code"/>.</summary>
    public IsoCountry Country(string code) =>
        _countries.TryGetValue(code, out var c) ? c : throw new KeyNotFoundException($"'{code}' is not an ISO 3166-1 alpha-2 code.");

    /// <summary>Why <paramref name="code"/> is not a normalised country, or null when it is one.</summary>
    public string? CountryProblem(string? code)
    {
        if (string.IsNullOrEmpty(code)) return "the country is missing";
        if (_countries.ContainsKey(code)) return null;
        var upper = code.ToUpperInvariant();
        if (_countries.ContainsKey(upper)) return $"'{code}' must be upper case: '{upper}'";
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
        if (!_subdivisionCountry.TryGetValue(subdivision, out var owner)) return $"'{subdivision}' is not an ISO 3166-2 subdivision code";
        return owner == country ? null : $"subdivision '{subdivision}' belongs to {owner}, not to {country}";
    }

    /// <summary>Reads <c>iso3166-1.tsv</c> (code, alpha-3, name) and <c>iso3166-2.tsv</c> (code, name, type) from <paramref name="folder"/>.</summary>
    public static Iso3166 Load(string folder)
    {
        var iso = new Iso3166();
        foreach (var f in ReadTsv(Path.Combine(folder, "iso3166-1.tsv")))
            iso._countries[f[0]] = new IsoCountry(f[0], f[1], f[2]);
        foreach (var f in ReadTsv(Path.Combine(folder, "iso3166-2.tsv")))
            iso._subdivisionCountry[f[0]] = f[0][..f[0].IndexOf('-')];
        return iso;
    }

    private static IEnumerable<string[]> ReadTsv(string path)
    {
        string[] lines = Data.InputFile.Lines(TaxonomyJsonFile.ReadGuarded(path, "an ISO 3166 list"));
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var f = lines[i].Split('\t');
            if (f.Length < 3)
                throw new TaxonomyException(TaxonomyErrorKind.Schema, path, $"line {i + 1}", i + 1, $"expected 3 tab-separated fields, found {f.Length}.");
            yield return f;
        }
    }
}
