using System.Data.Common;
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
