using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text;
using Analytics.Warehouse.Loads;
using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Reference;

/// <summary>
/// The dial-code reference data shipped in this assembly: <c>dial_codes.csv</c> (ITU country calling codes →
/// ISO 3166-1 alpha-2, with sub-prefixes such as 441481 → GG) and <c>nanp_area_codes.csv</c> (NANP area codes
/// of Canada, the US territories and the Caribbean states; any other +1 number is US). Written to
/// <c>ref_dial_prefixes</c> before every load so a new build's data replaces the old.
/// </summary>
internal static class ReferenceData
{
    public static IReadOnlyList<(string Prefix, string Country, string DialCode)> Prefixes { get; } = Build();

    public static async Task RefreshAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var values = new StringBuilder();
        foreach (var (prefix, country, dial) in Prefixes)
        {
            values.Append(values.Length == 0 ? "" : ",\n")
                .Append('(').Append(SqlTemplates.Literal(prefix)).Append(", ").Append(SqlTemplates.Literal(country))
                .Append(", ").Append(SqlTemplates.Literal(dial)).Append(')');
        }

        // One small transaction: readers never see the table half-filled.
        await Sql.ExecAsync(connection, $"""
            BEGIN TRANSACTION;
            DELETE FROM ref_dial_prefixes;
            INSERT INTO ref_dial_prefixes (prefix, country_code, dial_code) VALUES
            {values};
            COMMIT;
            """, cancellationToken);
        await Sql.ExecAsync(connection, DialKeysSql(), cancellationToken);
    }

    /// <summary>Digits of the country lookup's common key; only prefixes longer than this need longer keys.</summary>
    private const int KeyDigits = 4;

    // ref_dial_keys and an_dial_key on the loading connection (Mapping/Sql/dial_keys.sql).
    private static string DialKeysSql()
    {
        var roots = Prefixes.Where(p => p.Prefix.Length > KeyDigits).Select(p => p.Prefix[..KeyDigits]).Distinct().Order(StringComparer.Ordinal).ToList();
        if (roots.Count == 0)
            roots.Add(new string('x', KeyDigits)); // matches no digits: every key is KeyDigits long
        var maxLength = Math.Max(KeyDigits + 1, Prefixes.Max(p => p.Prefix.Length));
        return SqlTemplates.Get("dial_keys")
            .Replace("{{key_digits}}", KeyDigits.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{max_length}}", maxLength.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{roots}}", string.Join(", ", roots.Select(SqlTemplates.Literal)), StringComparison.Ordinal)
            .Replace("{{root_rows}}", string.Join(", ", roots.Select(r => $"({SqlTemplates.Literal(r)})")), StringComparison.Ordinal);
    }

    private static List<(string, string, string)> Build()
    {
        var rows = new List<(string, string, string)>();
        foreach (var line in Lines("dial_codes.csv"))
        {
            var f = line.Split(',');
            rows.Add((f[0], f[1], f[2]));
        }

        foreach (var line in Lines("nanp_area_codes.csv"))
        {
            var f = line.Split(',');
            rows.Add(("1" + f[0], f[1], "1"));
        }

        return rows;
    }

    private static List<string> Lines(string name)
    {
        var resource = $"Analytics.Warehouse.Reference.{name}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the embedded resource {resource} is missing from the build");
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return all.Skip(1).ToList();
    }
}
