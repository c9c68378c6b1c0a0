namespace Analytics.Sandbox.Data;

/// <summary>
/// A destination with its numbering plan and tariffs. Rates are per minute in EUR (USD = EUR × 1.08,
/// rounded to 4 places); billing is <see cref="FirstIncrement"/>/<see cref="NextIncrement"/> seconds.
/// </summary>
internal sealed record Country(
    string Iso,
    string DialCode,
    string[] MobilePrefixes,
    int MobileRest,
    string[] FixedPrefixes,
    int FixedRest,
    decimal MobileRateEur,
    decimal FixedRateEur,
    decimal SmsRateEur,
    int FirstIncrement,
    int NextIncrement)
{
    public int DialCodeInt => int.Parse(DialCode, System.Globalization.CultureInfo.InvariantCulture);

    public bool IsNanp => DialCode == "1";

    /// <summary>An E.164 number with '+'.</summary>
    public string Number(ref Rng rng, bool mobile)
    {
        var prefixes = mobile ? MobilePrefixes : FixedPrefixes;
        var rest = mobile ? MobileRest : FixedRest;
        if (IsNanp)
            return string.Concat("+1", rng.Pick(prefixes), ((char)('2' + rng.Next(8))).ToString(), rng.Digits(rest - 1));
        return string.Concat("+", DialCode, rng.Pick(prefixes), rng.Digits(rest));
    }

    public decimal RateEur(bool mobile) => mobile ? MobileRateEur : FixedRateEur;

    public static decimal ToUsd(decimal eur) => Math.Round(eur * 1.08m, 4, MidpointRounding.AwayFromZero);

    /// <summary>Seconds billed for a talk time under this country's increments (0 stays 0).</summary>
    public int Billed(int talkSeconds) => Billing.Billed(talkSeconds, FirstIncrement, NextIncrement);
}

internal static class Billing
{
    public static int Billed(int talk, int first, int next)
    {
        if (talk <= 0)
            return 0;
        if (talk <= first)
            return first;
        return first + ((talk - first + next - 1) / next * next);
    }

    /// <summary>billed/60 × rate, 4 places, half away from zero.</summary>
    public static decimal Cost(int billedSeconds, decimal ratePerMinute) =>
        Math.Round(billedSeconds * ratePerMinute / 60m, 4, MidpointRounding.AwayFromZero);
}

internal static class Countries
{
    // NANP: the area code decides US vs CA; both dial +1.
    public static readonly Country US = new("US", "1", ["212", "415", "312", "213", "646", "617", "305", "206", "512", "404"], 7,
        ["202", "718", "214", "303", "702"], 7, 0.0090m, 0.0090m, 0.0037m, 6, 6);
    public static readonly Country CA = new("CA", "1", ["416", "514", "604", "613", "403", "647", "778"], 7,
        ["905", "819", "780"], 7, 0.0110m, 0.0110m, 0.0037m, 6, 6);
    public static readonly Country FR = new("FR", "33", ["6", "7"], 8, ["1", "2", "3", "4", "5", "9"], 8, 0.0650m, 0.0120m, 0.0650m, 60, 60);
    public static readonly Country GB = new("GB", "44", ["74", "75", "77", "78", "79"], 8, ["20"], 8, 0.0480m, 0.0110m, 0.0420m, 1, 1);
    public static readonly Country DE = new("DE", "49", ["151", "160", "170", "176"], 8, ["30", "89", "40"], 8, 0.0720m, 0.0140m, 0.0780m, 60, 1);
    public static readonly Country ES = new("ES", "34", ["6", "7"], 8, ["91", "93"], 7, 0.0550m, 0.0150m, 0.0610m, 30, 6);
    public static readonly Country IT = new("IT", "39", ["32", "33", "34", "38"], 8, ["06", "02"], 8, 0.0610m, 0.0160m, 0.0690m, 30, 6);
    public static readonly Country BE = new("BE", "32", ["47", "48", "49"], 7, ["2", "3", "9"], 7, 0.1100m, 0.0210m, 0.0740m, 60, 60);
    public static readonly Country CH = new("CH", "41", ["76", "77", "78", "79"], 7, ["44", "22", "31"], 7, 0.1900m, 0.0290m, 0.0810m, 60, 1);
    public static readonly Country NL = new("NL", "31", ["6"], 8, ["20", "10", "70"], 7, 0.0890m, 0.0180m, 0.0870m, 1, 1);

    public static readonly Country[] All = [FR, GB, DE, US, CA, ES, IT, BE, CH, NL];

    public static Country ByIso(string iso) => All.First(c => c.Iso == iso);

    /// <summary>Longest prefix match on an E.164 number (with or without '+').</summary>
    public static Country? ForNumber(string e164)
    {
        var digits = e164.TrimStart('+');
        if (digits.StartsWith('1') && digits.Length > 4)
        {
            var area = digits.Substring(1, 3);
            return CA.MobilePrefixes.Contains(area) || CA.FixedPrefixes.Contains(area) ? CA : US;
        }
        return All.Where(c => !c.IsNanp && digits.StartsWith(c.DialCode, StringComparison.Ordinal))
            .OrderByDescending(c => c.DialCode.Length).FirstOrDefault();
    }
}

/// <summary>Weights over <see cref="Countries.All"/> for one feed.</summary>
internal sealed class CountryMix(params (Country Country, double Weight)[] entries)
{
    private readonly Country[] _countries = entries.Select(e => e.Country).ToArray();
    private readonly double[] _weights = entries.Select(e => e.Weight).ToArray();

    public Country Pick(ref Rng rng) => _countries[rng.PickWeighted(_weights)];

    public static readonly CountryMix European = new((Countries.FR, 55), (Countries.BE, 8), (Countries.CH, 6), (Countries.GB, 6),
        (Countries.DE, 5), (Countries.ES, 5), (Countries.IT, 5), (Countries.NL, 4), (Countries.US, 4), (Countries.CA, 2));

    public static readonly CountryMix American = new((Countries.US, 50), (Countries.CA, 15), (Countries.GB, 9), (Countries.FR, 7),
        (Countries.DE, 6), (Countries.ES, 4), (Countries.IT, 3), (Countries.NL, 3), (Countries.BE, 2), (Countries.CH, 1));

    public static readonly CountryMix Nanp = new((Countries.US, 78), (Countries.CA, 22));
}
