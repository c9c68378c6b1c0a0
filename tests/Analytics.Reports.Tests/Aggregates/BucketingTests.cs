using Analytics.Reports.Aggregates;
using Analytics.Warehouse;
using Dapper;

namespace Analytics.Reports.Tests.Aggregates;

/// <summary>
/// Integer-epoch bucketing against ICU's: one call every 7 minutes 13 seconds through 2026's spring and autumn
/// transitions, each bucketed by <see cref="Bucketing.KeySql"/> and labelled in C#, and by DuckDB's
/// <c>date_trunc</c> with the session TimeZone set; they must agree on every call.
/// </summary>
public sealed class BucketingTests
{
    [Theory]
    [InlineData("Europe/Paris", "2026-03-20", "2026-04-05", Granularity.Day)]
    [InlineData("Europe/Paris", "2026-10-18", "2026-11-03", Granularity.Day)]
    [InlineData("America/New_York", "2026-03-01", "2026-03-15", Granularity.Day)]
    [InlineData("America/New_York", "2026-10-25", "2026-11-08", Granularity.Day)]
    [InlineData("Europe/Paris", "2026-03-01", "2026-04-30", Granularity.Week)]
    [InlineData("America/New_York", "2026-10-01", "2026-11-30", Granularity.Week)]
    [InlineData("Europe/Paris", "2026-01-01", "2026-12-31", Granularity.Month)]
    [InlineData("America/New_York", "2026-01-01", "2026-12-31", Granularity.Month)]
    public async Task Buckets_match_icu_date_trunc_on_every_call(string zone, string from, string to, Granularity granularity)
    {
        var period = new ReportPeriod(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), zone, granularity);
        using var directory = new Analytics.Testing.TempDirectory();
        await using var connection = WarehouseDatabase.OpenReadWrite(Path.Combine(directory.Path, "icu.duckdb"));
        await connection.ExecuteAsync($"SET TimeZone = '{zone}'");
        var unit = granularity.ToString().ToLowerInvariant();
        var rows = (await connection.QueryAsync<(long Key, string Icu, string IcuUtc, string At)>($"""
            SELECT {period.Buckets.KeySql("t")} AS key, strftime(date_trunc('{unit}', t), '%Y-%m-%d %H:%M:%S') AS icu,
                   strftime(timezone('UTC', date_trunc('{unit}', t)), '%Y-%m-%d %H:%M:%S') AS icu_utc, strftime(timezone('UTC', t), '%Y-%m-%d %H:%M:%S') AS at
            FROM (SELECT unnest(range({period.StartSql}, {period.EndSql}, INTERVAL 433 SECOND)) AS t)
            """)).ToList();

        Assert.True(rows.Count > 2000, $"only {rows.Count} calls");
        var format = granularity == Granularity.Month ? "yyyy-MM" : "yyyy-MM-dd";
        var mismatches = rows.Where(r => period.Buckets.Label(r.Key) != DateTime.ParseExact(r.Icu, "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
                .ToString(format, System.Globalization.CultureInfo.InvariantCulture)
            || period.Buckets.StartOf(r.Key).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) != r.IcuUtc).Take(3).ToList();
        Assert.True(mismatches.Count == 0, string.Join("; ", mismatches.Select(m => $"{m.At} UTC: ours {period.Buckets.Label(m.Key)} from {period.Buckets.StartOf(m.Key):u}, ICU {m.Icu} from {m.IcuUtc}")));
    }
}
