using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Analytics.Warehouse.Mapping;

/// <summary>
/// The mapping SQL shipped as embedded <c>Mapping/Sql/*.sql</c> resources. Placeholders are <c>{{name}}</c>;
/// <c>{{lookup:table:query}}</c> expands to the longest-prefix country lookup of <c>lookup.sql</c>. Values
/// substituted are either identifiers chosen here or literals made by <see cref="Literal(string)"/>.
/// </summary>
internal static partial class SqlTemplates
{
    public static string Get(string name)
    {
        var resource = $"Analytics.Warehouse.Mapping.Sql.{name}.sql";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the embedded resource {resource} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static string Render(string name, IReadOnlyDictionary<string, string> values)
    {
        var sql = Get(name);
        sql = LookupPlaceholder().Replace(sql, m => Get("lookup")
            .Replace("{{name}}", m.Groups[1].Value, StringComparison.Ordinal)
            .Replace("{{digits_query}}", m.Groups[2].Value, StringComparison.Ordinal));
        sql = CountryJoinsPlaceholder().Replace(sql, m => string.Concat(Enumerable.Range(1, MaxDialPrefix).Reverse().Select(k =>
            $"LEFT JOIN ref_dial_prefixes an_p{k} ON an_p{k}.prefix = left({m.Groups[1].Value}, {k})\n")));
        sql = CountryPlaceholder().Replace(sql, _ =>
            "coalesce(" + string.Join(", ", Enumerable.Range(1, MaxDialPrefix).Reverse().Select(k => $"an_p{k}.country_code")) + ")");
        sql = sql.Replace("{{merge_calls}}", Get("merge_calls"), StringComparison.Ordinal)
                 .Replace("{{merge_sms}}", Get("merge_sms"), StringComparison.Ordinal);
        foreach (var (key, value) in values)
            sql = sql.Replace("{{" + key + "}}", value, StringComparison.Ordinal);
        var missing = AnyPlaceholder().Match(sql);
        if (missing.Success)
            throw new InvalidOperationException($"mapping SQL {name}.sql: no value for {missing.Value}");
        return sql;
    }

    /// <summary>A SQL string literal ('' doubles embedded quotes).</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A double-quoted identifier.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Ids(IEnumerable<long> ids) => string.Join(", ", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The longest prefix in <c>ref_dial_prefixes</c> (dial_codes.csv; a test holds it).</summary>
    public const int MaxDialPrefix = 7;

    // {{country_joins:digits}} + {{country:digits}}: the longest-prefix country of one digits expression, as one
    // LEFT JOIN per prefix length against the small reference table (hash joins; no pass to collect numbers first).
    [GeneratedRegex(@"\{\{country_joins:([^}]*)\}\}")]
    private static partial Regex CountryJoinsPlaceholder();

    [GeneratedRegex(@"\{\{country:([^}]*)\}\}")]
    private static partial Regex CountryPlaceholder();

    [GeneratedRegex(@"\{\{lookup:(\w+):([^}]*)\}\}")]
    private static partial Regex LookupPlaceholder();

    [GeneratedRegex(@"\{\{[^}]+\}\}")]
    private static partial Regex AnyPlaceholder();
}
