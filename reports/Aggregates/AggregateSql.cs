namespace Analytics.Reports.Aggregates;

/// <summary>
/// The SQL text of every aggregate. DuckDB does all the counting; C# only maps rows. The connection
/// must have <c>SET TimeZone</c> to the period's zone first (see <see cref="AggregateQueries"/>) so that
/// <c>date_trunc</c> on TIMESTAMPTZ cuts local, DST-aware buckets. Every value is cast to a plain type
/// (BIGINT, DECIMAL(18,x), VARCHAR) so no HUGEINT or wide DECIMAL reaches the client.
/// </summary>
internal static class AggregateSql
{
    private const string SourceOrAll = "CASE WHEN grouping(source) = 1 THEN 'ALL' ELSE source END AS \"Source\"";

    private const string CallMeasures = """
        count(*)::BIGINT AS "Count",
        (count(*) FILTER (WHERE status = 'ANSWERED'))::BIGINT AS "Answered",
        coalesce(sum(answered_s), 0)::BIGINT AS "Duration",
        coalesce(sum(billed_s), 0)::BIGINT AS "BilledSeconds",
        (count(*) FILTER (WHERE debit IS NULL))::BIGINT AS "Unpriced",
        sum(debit)::DECIMAL(18, 6) AS "Debit",
        sum(credit)::DECIMAL(18, 6) AS "Credit"
        """;

    private const string UniqueCallers = "(count(DISTINCT caller) FILTER (WHERE direction = 'IN'))::BIGINT AS \"UniqueCallers\"";

    // Ratios over the summed measures: ALOC rounds half away from zero and is 0, not a division error, with no answer.
    private const string CallRatios = """
        (CASE WHEN "Count" = 0 THEN 0 ELSE round("Answered" / "Count", 4) END)::DECIMAL(9, 4) AS "Asr",
        (CASE WHEN "Answered" = 0 THEN 0 ELSE round("Duration" / "Answered") END)::BIGINT AS "Aloc",
        round("BilledSeconds" / 60, 2)::DECIMAL(18, 2) AS "BilledMinutes"
        """;

    private const string SmsMeasures = """
        count(*)::BIGINT AS "Count",
        coalesce(sum(parts), 0)::BIGINT AS "Parts",
        (count(*) FILTER (WHERE debit IS NULL))::BIGINT AS "Unpriced",
        sum(debit)::DECIMAL(18, 6) AS "Debit",
        sum(credit)::DECIMAL(18, 6) AS "Credit"
        """;

    // An empty bucket of a priced currency spent 0; only the unpriced (NULL currency) rows keep a NULL amount.
    private const string EmptyAmounts = """
        CASE WHEN a."Count" IS NULL AND d."Currency" IS NOT NULL THEN 0 ELSE a."Debit" END::DECIMAL(18, 6) AS "Debit",
        CASE WHEN a."Count" IS NULL AND d."Currency" IS NOT NULL THEN 0 ELSE a."Credit" END::DECIMAL(18, 6) AS "Credit"
        """;

    private const string AllFirst = "\"Source\" = 'ALL' DESC, \"Source\"";

    public static string TimeZone(ReportPeriod period) => $"SET TimeZone = {period.ZoneLiteral}";

    public static string CallsSummary(ReportPeriod p) => $"""
        {Calls(p)}
        SELECT *, {CallRatios} FROM (
            SELECT {SourceOrAll}, direction AS "Direction", currency AS "Currency", {CallMeasures}, {UniqueCallers}
            FROM c GROUP BY GROUPING SETS ((source, direction, currency), (direction, currency)))
        ORDER BY {AllFirst}, "Direction", "Currency" NULLS LAST
        """;

    public static string CallsByApp(ReportPeriod p) => Breakdown(p, "app_id AS \"AppId\", app_name AS \"AppName\"", "app_id, app_name", "\"AppId\"", "");

    public static string CallsByCountry(ReportPeriod p) => Breakdown(p, "country_code AS \"CountryCode\"", "country_code", "\"CountryCode\"", "");

    public static string CallsByDestination(ReportPeriod p) => Breakdown(p, "destination AS \"Destination\"", "destination", "\"Destination\"", "");

    public static string CallsByDid(ReportPeriod p) => Breakdown(p, "did AS \"Did\"", "did", "\"Did\"", " AND direction = 'IN'");

    public static string CallsHistory(ReportPeriod p) => History(p, Calls(p), $"{CallMeasures}, {UniqueCallers}", CallRatios,
        $"""
        coalesce(a."Count", 0) AS "Count", coalesce(a."Answered", 0) AS "Answered", coalesce(a."Duration", 0) AS "Duration",
        coalesce(a."BilledSeconds", 0) AS "BilledSeconds", coalesce(a."Unpriced", 0) AS "Unpriced", {EmptyAmounts},
        coalesce(a."UniqueCallers", 0) AS "UniqueCallers"
        """);

    public static string SmsSummary(ReportPeriod p) => $"""
        {Sms(p)}
        SELECT * FROM (
            SELECT {SourceOrAll}, direction AS "Direction", currency AS "Currency", {SmsMeasures}
            FROM c GROUP BY GROUPING SETS ((source, direction, currency), (direction, currency)))
        ORDER BY {AllFirst}, "Direction", "Currency" NULLS LAST
        """;

    public static string SmsHistory(ReportPeriod p) => History(p, Sms(p), SmsMeasures, "",
        $"""
        coalesce(a."Count", 0) AS "Count", coalesce(a."Parts", 0) AS "Parts", coalesce(a."Unpriced", 0) AS "Unpriced",
        {EmptyAmounts}
        """);

    private static string Calls(ReportPeriod p, string extraWhere = "") =>
        $"WITH c AS (SELECT * FROM calls WHERE started_at >= {p.StartSql} AND started_at < {p.EndSql}{extraWhere})";

    private static string Sms(ReportPeriod p) =>
        $"WITH c AS (SELECT *, sent_at AS started_at FROM sms WHERE sent_at >= {p.StartSql} AND sent_at < {p.EndSql})";

    private static string Breakdown(ReportPeriod p, string keySelect, string keyGroup, string keyOrder, string extraWhere) => $"""
        {Calls(p, extraWhere)}
        SELECT *, {CallRatios} FROM (
            SELECT {SourceOrAll}, currency AS "Currency", {keySelect}, {CallMeasures}
            FROM c GROUP BY GROUPING SETS ((source, currency, {keyGroup}), (currency, {keyGroup})))
        ORDER BY {AllFirst}, "Currency" NULLS LAST, "Debit" DESC NULLS LAST, "Count" DESC, {keyOrder} NULLS LAST
        """;

    /// <summary>
    /// Every bucket of the period × every (source, direction, currency) seen in it, so a day without
    /// traffic still appears with zeros; ALL IN/OUT always appear, even for an empty period.
    /// </summary>
    private static string History(ReportPeriod p, string with, string measures, string ratios, string filled) => $"""
        {with},
        agg AS (
            SELECT {p.BucketSql("started_at")} AS bucket, {SourceOrAll}, direction AS "Direction",
                   currency AS "Currency", {measures}
            FROM c GROUP BY GROUPING SETS ((bucket, source, direction, currency), (bucket, direction, currency))),
        buckets AS (SELECT "range" AS bucket FROM range(date_trunc('{p.TruncUnit}', {p.StartSql}), {p.EndSql}, {p.IntervalSql})),
        dims AS (
            SELECT DISTINCT "Source", "Direction", "Currency" FROM agg
            UNION
            SELECT 'ALL', d.dir, NULL FROM (VALUES ('IN'), ('OUT')) d(dir)
            WHERE NOT EXISTS (SELECT 1 FROM agg WHERE agg."Source" = 'ALL' AND agg."Direction" = d.dir)),
        grid AS (
            SELECT b.bucket, d."Source", d."Direction", d."Currency", {filled}
            FROM buckets b CROSS JOIN dims d
            LEFT JOIN agg a ON a.bucket = b.bucket AND a."Source" = d."Source" AND a."Direction" = d."Direction"
                           AND a."Currency" IS NOT DISTINCT FROM d."Currency")
        SELECT strftime(timezone({p.ZoneLiteral}, bucket), '{p.LabelFormat}') AS "PeriodStart",
               strftime(timezone('UTC', bucket), '%Y-%m-%d %H:%M:%S') AS "PeriodStartUtc",
               * EXCLUDE (bucket){(ratios.Length == 0 ? "" : ", " + ratios)}
        FROM grid
        ORDER BY bucket, {AllFirst}, "Direction", "Currency" NULLS LAST
        """;
}
