using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Analytics.Warehouse.Reference;

namespace Analytics.Warehouse.Mapping;

/// <summary>
/// The mapping SQL shipped as embedded <c>Mapping/Sql/*.sql</c> resources. Placeholders are <c>{{name}}</c>;
/// <c>{{country_joins:digits}}</c> expands to the country lookup of <see cref="PhonePrefixes"/> over a digits column, and
/// <c>{{country:digits}}</c> to the country it found; <c>{{duplicates:rows,key}}</c>
/// and <c>{{latest:alias.key}}</c> to the ranking of duplicated keys of <c>duplicates.sql</c>; <c>{{upsert_calls}}</c>,
/// <c>{{upsert_sms}}</c> and <c>{{upsert_call_legs}}</c> to <c>upsert.sql</c>, <c>{{calls_from_legs}}</c> to the calls
/// made from <c>call_legs</c> (<c>calls_from_legs.sql</c>). Values
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

    /// <param name="loadIds">The batch a mapping reads: each <c>column IN ({{load_ids}})</c> becomes <see cref="InLoads"/>.</param>
    public static string Render(string name, IReadOnlyDictionary<string, string> values, IReadOnlyList<long>? loadIds = null)
    {
        var sql = Get(name);
        if (loadIds is not null)
            sql = InLoadIdsPlaceholder().Replace(sql, m => InLoads(m.Groups[1].Value, loadIds));
        sql = CountryJoinsPlaceholder().Replace(sql, m => PhonePrefixes.Join(m.Groups[1].Value));
        sql = CountryPlaceholder().Replace(sql, m => PhonePrefixes.Country(m.Groups[1].Value));
        sql = DuplicatesPlaceholder().Replace(sql, m => Get("duplicates")
            .Replace("{{rows}}", m.Groups[1].Value, StringComparison.Ordinal).Replace("{{key}}", m.Groups[2].Value, StringComparison.Ordinal));
        sql = LatestPlaceholder().Replace(sql, m =>
            $"({m.Groups[1].Value}.{m.Groups[2].Value} NOT IN (SELECT k FROM an_dups) OR ({m.Groups[1].Value}.load_id, {m.Groups[1].Value}.ordinal) IN (SELECT (load_id, ordinal) FROM an_winners))");
        sql = sql.Replace("{{upsert_calls}}", Upsert("calls", "call_id"), StringComparison.Ordinal)
                 .Replace("{{upsert_sms}}", Upsert("sms", "message_id"), StringComparison.Ordinal)
                 .Replace("{{upsert_call_legs}}", Upsert("call_legs", "leg_id"), StringComparison.Ordinal)
                 .Replace("{{calls_from_legs}}", Get("calls_from_legs").TrimEnd(), StringComparison.Ordinal);
        foreach (var (key, value) in values)
            sql = sql.Replace("{{" + key + "}}", value, StringComparison.Ordinal);
        var missing = AnyPlaceholder().Match(sql);
        if (missing.Success)
            throw new InvalidOperationException($"mapping SQL {name}.sql: no value for {missing.Value}");
        return sql;
    }

    private static string Upsert(string target, string key) =>
        Get("upsert").Replace("{{target}}", target, StringComparison.Ordinal).Replace("{{key}}", key, StringComparison.Ordinal)
            .Replace("{{write_seq}}", target == "calls" ? ", " + WriteSeq + " AS write_seq" : "", StringComparison.Ordinal);

    /// <summary>
    /// One fresh value of calls.write_seq for every row of a statement (an uncorrelated subquery: DuckDB draws it once).
    /// The only way shipped SQL sets the column; a test holds it to that.
    /// </summary>
    internal const string WriteSeq = "(SELECT nextval('calls_write_seq'))";

    /// <summary>A SQL string literal ('' doubles embedded quotes).</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A double-quoted identifier.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// "<paramref name="column"/> is one of <paramref name="ids"/>". A batch's load ids come from one sequence call, so
    /// they are one range: a BETWEEN, which DuckDB binds at once and prunes row groups by. An IN list of 20,000 ids (a
    /// day of Telnyx pages) took ~0.15 s to bind in every statement that read the batch. Other sets stay an IN list.
    /// </summary>
    public static string InLoads(string column, IReadOnlyList<long> ids)
    {
        ArgumentOutOfRangeException.ThrowIfZero(ids.Count);
        var (min, max) = (ids.Min(), ids.Max());
        var contiguous = max - min + 1 == ids.Count && ids.Distinct().Count() == ids.Count;
        return contiguous
            ? string.Create(CultureInfo.InvariantCulture, $"{column} BETWEEN {min} AND {max}")
            : $"{column} IN ({Ids(ids)})";
    }

    public static string Ids(IEnumerable<long> ids) => string.Join(", ", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    // {{country_joins:digits}}: the libphonenumber country of one digits column, by one hash join against ref_phone_keys
    // (PhonePrefixes): no pass over the batch to collect numbers first.
    [GeneratedRegex(@"\{\{country_joins:([^}]*)\}\}")]
    private static partial Regex CountryJoinsPlaceholder();

    [GeneratedRegex(@"\{\{country:([^}]*)\}\}")]
    private static partial Regex CountryPlaceholder();

    // {{duplicates:rows,key}}: duplicates.sql for the batch's rows; {{latest:alias.key}}: the row is its key's only or latest copy.
    [GeneratedRegex(@"\{\{duplicates:([A-Za-z_][A-Za-z0-9_]*),([A-Za-z_][A-Za-z0-9_]*)\}\}")]
    private static partial Regex DuplicatesPlaceholder();

    [GeneratedRegex(@"\{\{latest:([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\}\}")]
    private static partial Regex LatestPlaceholder();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_.]*) IN \(\{\{load_ids\}\}\)")]
    private static partial Regex InLoadIdsPlaceholder();

    [GeneratedRegex(@"\{\{[^}]+\}\}")]
    private static partial Regex AnyPlaceholder();
}
