using System.Globalization;
using Analytics.Reports.Aggregates;
using Analytics.Warehouse;
using Dapper;

namespace Analytics.Reports.Tests.Aggregates;

/// <summary>
/// Unique inbound callers (report_period_callers) by both methods, the bit sets of calls_callers.sql and the plain
/// count(DISTINCT) of calls_callers_distinct.sql, against DuckDB's own count(DISTINCT caller) over ICU's
/// <c>date_trunc</c> with the session TimeZone set: 5,000 calls from 60 callers (some NULL) over four sources (one
/// unpriced, so NULL currency; two in USD, so the ALL row unites them), through 2026's autumn change in Paris.
/// </summary>
public sealed class UniqueCallersTests
{
    private const string Zone = "Europe/Paris";

    [Theory]
    [InlineData("2026-10-18", "2026-11-03", Granularity.Day)] // 17 days × 4 sources: two 64-bit words
    [InlineData("2026-10-25", "2026-10-25", Granularity.Hour)] // the 25-hour day
    [InlineData("2026-10-01", "2026-11-30", Granularity.Week)]
    [InlineData("2026-10-01", "2026-11-30", Granularity.Month)]
    [InlineData("2026-10-25", "2026-10-25", Granularity.Day)] // one bucket: the period's and the bucket's counts agree
    public async Task Both_methods_count_what_count_distinct_counts_per_bucket_source_and_currency_and_over_the_period(string from, string to, Granularity granularity)
    {
        var period = new ReportPeriod(DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture), Zone, granularity);
        using var directory = new Analytics.Testing.TempDirectory();
        await using var connection = WarehouseDatabase.OpenReadWrite(Path.Combine(directory.Path, "callers.duckdb"));
        await connection.ExecuteAsync("""
            INSERT INTO calls (source, call_id, direction, started_at, status, caller, currency, load_id)
            SELECT ['callr', 'telnyx', 'telgorithm', 'televoips'][1 + (hash(i) % 4)::INTEGER] AS src, 'c' || i,
                   CASE WHEN hash(i) % 5 = 0 THEN 'OUT' ELSE 'IN' END,
                   TIMESTAMPTZ '2026-09-25 00:00:00+00' + to_seconds(((hash(i) >> 8) % (70 * 86400))::BIGINT),
                   'ANSWERED', CASE WHEN (hash(i) >> 20) % 61 = 0 THEN NULL ELSE '+3361234' || lpad(((hash(i) >> 24) % 60)::VARCHAR, 4, '0') END,
                   CASE src WHEN 'callr' THEN 'EUR' WHEN 'televoips' THEN NULL ELSE 'USD' END, 1
            FROM range(5000) t(i)
            """);

        var ours = await CountsAsync(connection, period, UniqueCallers.MaxWords);
        var distinct = await CountsAsync(connection, period, maxWords: 0);
        // Hours are elapsed hours (the repeated 02:00 is two buckets); ICU truncates both to one ambiguous 02:00, so
        // hours are checked against UTC's (Paris is a whole number of hours off UTC).
        await connection.ExecuteAsync($"SET TimeZone = '{(granularity == Granularity.Hour ? "UTC" : Zone)}'");
        var unit = granularity.ToString().ToLowerInvariant();
        var icu = (await connection.QueryAsync<(string? Start, string Source, string? Currency, long Callers)>($"""
            SELECT strftime(timezone('UTC', bucket), '%Y-%m-%d %H:%M:%S'), CASE WHEN grouping(source) = 1 THEN 'ALL' ELSE source END, currency, count(DISTINCT caller)
            FROM (SELECT *, date_trunc('{unit}', started_at) AS bucket FROM calls
                  WHERE started_at >= {period.StartSql} AND started_at < {period.EndSql} AND direction = 'IN')
            GROUP BY GROUPING SETS ((bucket, source, currency), (bucket, currency), (source, currency), (currency))
            """)).Where(r => r.Callers > 0).Order().ToList();

        Assert.True(icu.Sum(r => r.Callers) > 100, $"only {icu.Sum(r => r.Callers)} callers counted: the data misses the period");
        Assert.Equal(icu, ours);
        Assert.Equal(icu, distinct);
    }

    /// <summary>
    /// report_period_callers with each bucket key turned into its first instant (UTC), as ICU labels it. Groups whose
    /// inbound calls all lack a caller count 0 by count(DISTINCT) and are absent from the bit sets; the report
    /// shows 0 for both (coalesce), so zeros are left out of the comparison.
    /// </summary>
    private static async Task<List<(string? Start, string Source, string? Currency, long Callers)>> CountsAsync(
        System.Data.Common.DbConnection connection, ReportPeriod period, int maxWords)
    {
        await AggregateQueries.CreatePeriodTablesAsync(connection, period, PeriodTables.Buckets, CancellationToken.None);
        await UniqueCallers.CreateAsync(connection, period, PeriodTables.Buckets, CancellationToken.None, maxWords);
        try
        {
            var rows = await connection.QueryAsync<(long? Bucket, string Source, string? Currency, long Callers)>(
                "SELECT bucket, source, currency, callers FROM report_period_callers");
            return [.. rows.Select(r => (r.Bucket is { } key ? period.Buckets.StartOf(key).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : null,
                r.Source, r.Currency, r.Callers)).Where(r => r.Callers > 0).Order()];
        }
        finally
        {
            await AggregateQueries.DropPeriodTablesAsync(connection);
        }
    }
}
