using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Analytics.Warehouse.Mapping;
using PhoneNumbers;

namespace Analytics.Warehouse.Reference;

/// <summary>
/// The country a PBX dials national numbers in (<c>Sources:TeleVoips:HomeCountry</c>; Telnyx and Telgorithm send bare
/// NANP numbers, read as US), and how its numbers become E.164, from libphonenumber's metadata rather than assumptions:
/// its international prefix (<c>011</c> in the US, <c>00</c> in Italy, <c>810</c> in Russia), its national prefix for
/// parsing (<c>1</c> in the US, <c>0</c> in France, none in Italy, whose national numbers keep their leading 0:
/// <c>06 6988 0000</c> is <c>+39 06 6988 0000</c>) with its transform rule, and the national number pattern and lengths.
/// </summary>
internal static partial class HomeCountry
{
    /// <summary>The calling code of <paramref name="region"/> (<c>1</c> for US, <c>33</c> for FR), or null when libphonenumber does not know it.</summary>
    public static string? CallingCode(string region)
    {
        var code = PhoneNumberUtil.GetInstance().GetCountryCodeForRegion(Normalize(region));
        return code == 0 ? null : code.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The region as the mapping SQL names it (<c>{{home}}</c>).</summary>
    public static string Normalize(string region) => region.Trim().ToUpperInvariant();

    /// <summary>
    /// <c>an_national(c, home)</c>: the E.164 form of the cleaned number <c>c</c> dialled in region <c>home</c> (one of
    /// <paramref name="regions"/>), or NULL when it is not a number dialled there (an extension, a short code). In
    /// libphonenumber's order: the international prefix first, then the national number with its national prefix
    /// stripped (or transformed) when what is left is a national number, then the digits as they are.
    /// </summary>
    public static string NationalMacro(IEnumerable<string> regions)
    {
        var util = PhoneNumberUtil.GetInstance();
        var branches = new StringBuilder();
        foreach (var region in regions.Select(Normalize).Distinct(StringComparer.Ordinal))
        {
            var metadata = util.GetMetadataForRegion(region);
            if (metadata is null)
                continue; // an unknown home country skips its source before anything maps (SourceSettingsCheck)
            branches.Append(CultureInfo.InvariantCulture, $"\n    WHEN {SqlTemplates.Literal(region)} THEN {National(metadata)}");
        }

        return branches.Length == 0
            ? "CREATE OR REPLACE TEMP MACRO an_national(c, home) AS CAST(NULL AS VARCHAR);"
            : $"CREATE OR REPLACE TEMP MACRO an_national(c, home) AS CASE home{branches}\nEND;";
    }

    private static string National(PhoneMetadata metadata)
    {
        var cc = metadata.CountryCode.ToString(CultureInfo.InvariantCulture);
        var general = metadata.GeneralDesc;
        var lengths = string.Join(", ", general.PossibleLengthList.Where(l => l > 0).Select(l => l.ToString(CultureInfo.InvariantCulture)));
        string IsNational(string n) =>
            $"(regexp_full_match({n}, {SqlTemplates.Literal("(?:" + general.NationalNumberPattern + ")")}) AND strlen({n}) IN ({lengths}))";

        var sql = new StringBuilder("CASE");
        if (metadata.InternationalPrefix.Length > 0)
        {
            var idd = "(?:" + metadata.InternationalPrefix + ")";
            sql.Append(CultureInfo.InvariantCulture,
                $" WHEN regexp_full_match(c, {SqlTemplates.Literal(idd + "[1-9][0-9]{6,14}")}) THEN '+' || regexp_replace(c, {SqlTemplates.Literal("^" + idd)}, '')");
        }

        var prefix = metadata.NationalPrefixForParsing;
        if (prefix.Length > 0)
        {
            var atStart = SqlTemplates.Literal("^(?:" + prefix + ")");
            var rule = metadata.NationalPrefixTransformRule;
            var groups = CapturingGroup().Count(prefix);
            if (rule.Length > 0 && groups > 0)
            {
                // The rule applies when the prefix's last group matched (libphonenumber); otherwise the prefix is only stripped.
                var transformed = $"regexp_replace(c, {atStart}, {SqlTemplates.Literal(GroupReference().Replace(rule, @"\$1"))})";
                sql.Append(CultureInfo.InvariantCulture,
                    $" WHEN regexp_extract(c, {atStart}, {groups}) <> '' AND {IsNational(transformed)} THEN '+{cc}' || {transformed}");
            }

            var stripped = $"regexp_replace(c, {atStart}, '')";
            sql.Append(CultureInfo.InvariantCulture,
                $" WHEN regexp_matches(c, {atStart}) AND strlen({stripped}) < strlen(c) AND {IsNational(stripped)} THEN '+{cc}' || {stripped}");
        }

        sql.Append(CultureInfo.InvariantCulture, $" WHEN {IsNational("c")} THEN '+{cc}' || c END");
        return sql.ToString();
    }

    // A '(' that opens a capturing group (not '(?:').
    [GeneratedRegex(@"\((?!\?)")]
    private static partial Regex CapturingGroup();

    // $1 in a transform rule is \1 in DuckDB's regexp_replace.
    [GeneratedRegex(@"\$(\d)")]
    private static partial Regex GroupReference();
}
