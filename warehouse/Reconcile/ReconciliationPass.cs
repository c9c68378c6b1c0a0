using System.Data.Common;
using System.Globalization;
using Analytics.Landing;
using Analytics.Warehouse.Loads;
using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Reconcile;

/// <summary>
/// Rewrites the <c>reconciliation</c> rows of some source-days: the provider's own figures (<c>provider_totals</c>, from the
/// latest loaded totals file of each feed and day) against the same figures worked out from <c>calls</c> and <c>sms</c>
/// with the provider's definitions: the UTC day of <c>started_at</c> (calls) or <c>sent_at</c> (SMS, Telnyx
/// <c>created_at</c>), per direction and currency; count = rows; billed/answered seconds = Σ <c>billed_s</c>/<c>answered_s</c>;
/// parts = Σ <c>parts</c>; cost = Σ <c>debit</c> (Telnyx SMS debit includes the carrier fee, as the usage report's cost plus
/// carrier_passthrough_fee does). A kind (calls or SMS) whose totals the provider did not answer for that day is
/// <c>unavailable</c>, with the warehouse's figures alone.
/// </summary>
internal static class ReconciliationPass
{
    /// <summary>The figures each provider's totals give, per kind (and so the ones compared).</summary>
    private static readonly (string Source, string Kind, string Metric)[] Compared =
    [
        (LandingFeeds.Telnyx, "calls", "count"), (LandingFeeds.Telnyx, "calls", "billed_seconds"), (LandingFeeds.Telnyx, "calls", "cost"),
        (LandingFeeds.Telnyx, "sms", "count"), (LandingFeeds.Telnyx, "sms", "parts"), (LandingFeeds.Telnyx, "sms", "cost"),
        (LandingFeeds.Callr, "calls", "count"), (LandingFeeds.Callr, "calls", "answered_seconds"), (LandingFeeds.Callr, "calls", "cost"),
        (LandingFeeds.Callr, "sms", "count"), (LandingFeeds.Callr, "sms", "parts"), (LandingFeeds.Callr, "sms", "cost"),
    ];

    /// <summary>
    /// Figures that are counted, not measured: a provider's count of calls, messages or parts for a closed day is exact, so
    /// these compare exactly whatever the tolerance (one call missing from 10,000 is a mismatch, not 0.01 % of noise).
    /// </summary>
    private static readonly HashSet<string> Exact = ["count", "parts"];

    /// <param name="tolerance">Percent of the provider's figure the warehouse's seconds and money may be off by and still be
    /// <c>ok</c>; counts (<see cref="Exact"/>) compare exactly.</param>
    /// <returns>The rows written.</returns>
    public static async Task<long> RunAsync(DbConnection connection, IReadOnlyCollection<(string Source, DateOnly Day)> days, decimal tolerance,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reconciled = days.Where(d => ProviderTotals.BySource.ContainsKey(d.Source)).Distinct().ToList();
        if (reconciled.Count == 0)
            return 0;
        var dayRows = string.Join(",\n", reconciled.Select(d => string.Create(CultureInfo.InvariantCulture,
            $"({SqlTemplates.Literal(d.Source)}, DATE '{d.Day:yyyy-MM-dd}', TIMESTAMPTZ '{d.Day:yyyy-MM-dd} 00:00:00+00', TIMESTAMPTZ '{d.Day.AddDays(1):yyyy-MM-dd} 00:00:00+00')")));
        // Each figure's tolerance is the one recorded with its row, so 'ok' means |difference| <= tolerance_percent % everywhere.
        var metricRows = string.Join(", ", Compared.Select(c => string.Create(CultureInfo.InvariantCulture,
            $"({SqlTemplates.Literal(c.Source)}, '{c.Kind}', '{c.Metric}', CAST({(Exact.Contains(c.Metric) ? 0m : tolerance)} AS DECIMAL(9, 4)))")));
        var feedKinds = string.Join(", ", ProviderTotals.BySource.SelectMany(s => s.Value.Select(f =>
            $"({SqlTemplates.Literal(s.Key)}, {SqlTemplates.Literal(f)}, '{ProviderTotals.KindOf(f)}')")));
        var checkedAt = $"TIMESTAMPTZ '{now.UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}+00'";
        // Literal bounds reach the scans, so zone maps skip the row groups of other days (a join's bounds would not). Each row's
        // UTC day is epoch arithmetic, so the join is on equal days (a hash join), not a range join over every row the load touched.
        var span = string.Create(CultureInfo.InvariantCulture,
            $"BETWEEN TIMESTAMPTZ '{reconciled.Min(d => d.Day):yyyy-MM-dd} 00:00:00+00' AND TIMESTAMPTZ '{reconciled.Max(d => d.Day).AddDays(1):yyyy-MM-dd} 00:00:00+00'");
        var sources = string.Join(", ", reconciled.Select(d => SqlTemplates.Literal(d.Source)).Distinct());
        await using var transaction = await LoadTransaction.BeginAsync(connection, cancellationToken);
        await Sql.ExecAsync(connection, $"""
            CREATE OR REPLACE TEMP TABLE an_rc_days AS SELECT * FROM (VALUES {dayRows}) v(source, day, day_start, day_end);
            CREATE OR REPLACE TEMP TABLE an_rc_metrics AS SELECT * FROM (VALUES {metricRows}) v(source, kind, metric, tolerance_percent);
            -- The kinds the provider answered for: a totals file of that feed and day loaded (possibly with no rows: nothing happened).
            CREATE OR REPLACE TEMP TABLE an_rc_answered AS
            SELECT DISTINCT l.source, l.day, f.kind
            FROM loads l JOIN (VALUES {feedKinds}) f(source, feed, kind) ON l.source = f.source AND l.feed = f.feed
                         JOIN an_rc_days d ON d.source = l.source AND d.day = l.day
            WHERE l.status = 'loaded';
            CREATE OR REPLACE TEMP TABLE an_rc_provider AS
            SELECT p.source, p.day, p.kind, p.direction, p.currency, p.metric, sum(p.value) AS value
            FROM provider_totals p JOIN an_rc_days d ON d.source = p.source AND d.day = p.day
            GROUP BY ALL;
            CREATE OR REPLACE TEMP TABLE an_rc_groups AS
            SELECT c.source, d.day, 'calls' AS kind, c.direction, coalesce(c.currency, '') AS currency,
                   count(*) AS n, sum(c.billed_s) AS billed, sum(c.answered_s) AS answered, 0 AS parts, coalesce(sum(c.debit), 0) AS cost
            FROM calls c JOIN an_rc_days d ON c.source = d.source AND DATE '1970-01-01' + CAST(epoch_us(c.started_at) // 86400000000 AS INTEGER) = d.day
            WHERE c.source IN ({sources}) AND c.started_at {span}
            GROUP BY ALL
            UNION ALL
            SELECT s.source, d.day, 'sms', s.direction, coalesce(s.currency, ''), count(*), 0, 0, sum(s.parts), coalesce(sum(s.debit), 0)
            FROM sms s JOIN an_rc_days d ON s.source = d.source AND DATE '1970-01-01' + CAST(epoch_us(s.sent_at) // 86400000000 AS INTEGER) = d.day
            WHERE s.source IN ({sources}) AND s.sent_at {span}
            GROUP BY ALL;
            CREATE OR REPLACE TEMP TABLE an_rc_warehouse AS
            SELECT g.source, g.day, g.kind, g.direction, g.currency, m.metric,
                   CAST(CASE m.metric WHEN 'count' THEN g.n WHEN 'billed_seconds' THEN g.billed WHEN 'answered_seconds' THEN g.answered
                                      WHEN 'parts' THEN g.parts ELSE g.cost END AS DECIMAL(18, 6)) AS value
            FROM an_rc_groups g JOIN an_rc_metrics m ON m.source = g.source AND m.kind = g.kind;
            DELETE FROM reconciliation WHERE (source, day) IN (SELECT source, day FROM an_rc_days);
            INSERT INTO reconciliation (source, day, kind, direction, currency, metric, provider_value, warehouse_value, difference, status, tolerance_percent, checked_at)
            SELECT k.source, k.day, k.kind, k.direction, k.currency, k.metric,
                   CASE WHEN a.kind IS NOT NULL THEN coalesce(p.value, 0) END,
                   coalesce(w.value, 0),
                   CASE WHEN a.kind IS NOT NULL THEN coalesce(w.value, 0) - coalesce(p.value, 0) END,
                   CASE WHEN a.kind IS NULL THEN 'unavailable'
                        WHEN abs(coalesce(w.value, 0) - coalesce(p.value, 0)) * 100 <= m.tolerance_percent * abs(coalesce(p.value, 0)) THEN 'ok'
                        ELSE 'mismatch' END,
                   m.tolerance_percent, {checkedAt}
            FROM (SELECT source, day, kind, direction, currency, metric FROM an_rc_provider
                  UNION SELECT source, day, kind, direction, currency, metric FROM an_rc_warehouse) k
            JOIN an_rc_metrics m ON m.source = k.source AND m.kind = k.kind AND m.metric = k.metric
            LEFT JOIN an_rc_answered a ON a.source = k.source AND a.day = k.day AND a.kind = k.kind
            LEFT JOIN an_rc_provider p ON p.source = k.source AND p.day = k.day AND p.kind = k.kind AND p.direction = k.direction
                                      AND p.currency = k.currency AND p.metric = k.metric
            LEFT JOIN an_rc_warehouse w ON w.source = k.source AND w.day = k.day AND w.kind = k.kind AND w.direction = k.direction
                                       AND w.currency = k.currency AND w.metric = k.metric;
            DROP TABLE an_rc_days; DROP TABLE an_rc_metrics; DROP TABLE an_rc_answered; DROP TABLE an_rc_provider;
            DROP TABLE an_rc_groups; DROP TABLE an_rc_warehouse;
            """, cancellationToken);
        var rows = await Sql.LongAsync(connection,
            $"SELECT count(*) FROM reconciliation WHERE checked_at = {checkedAt}", cancellationToken);
        // Dying before this commit leaves the previous rows of these days: the next load recomputes them.
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }
}
