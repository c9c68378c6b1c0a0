using System.Data.Common;
using System.Globalization;
using Analytics.Reports.Aggregates;
using Analytics.Testing;
using Analytics.Warehouse;
using Dapper;

namespace Analytics.Reports.Tests.Aggregates;

/// <summary>
/// The day cache (CallDays): a report read through it, cold (every day added up from the raw calls and cached) and
/// warm (every day read back), has exactly the numbers of the raw path, in every table; and a day whose calls
/// change, are removed or replaced, or whose cache files are damaged, is added up again. 6,000 calls over four
/// sources and 70 days, with every dimension the report groups by, callers written "+digits", otherwise, or not at all.
/// </summary>
public sealed class CallDaysTests : IDisposable
{
    private readonly TempDirectory _directory = new("call-days");

    public CallDaysTests()
    {
        using var connection = WarehouseDatabase.OpenReadWrite(Warehouse);
        connection.Execute(Calls("range(6000) t(i)"));
    }

    private string Warehouse => _directory.File("analytics.duckdb");

    private string Output => _directory.File("reports");

    /// <summary>Calls with every dimension and measure the report reads, all derived from i.</summary>
    private static string Calls(string range, string warehouseTable = "calls") => $"""
        INSERT INTO {warehouseTable} (source, call_id, direction, started_at, answered_s, billed_s, caller, did, country_code, destination,
                           app_id, app_name, status, debit, credit, currency, cost_basis, load_id)
        SELECT src, 'c' || i, CASE WHEN h % 5 = 0 THEN 'OUT' ELSE 'IN' END,
               TIMESTAMPTZ '2026-09-25 00:00:00+00' + to_seconds(((h >> 8) % (70 * 86400))::BIGINT),
               talk, ((talk + 59) // 60) * 60,
               CASE (h >> 20) % 41 WHEN 0 THEN NULL WHEN 1 THEN 'anonymous' WHEN 2 THEN '0612' || ((h >> 30) % 7) WHEN 3 THEN '+0033' || ((h >> 30) % 3)
                    ELSE '+3361234' || lpad(((h >> 24) % 90)::VARCHAR, 4, '0') END,
               CASE WHEN h % 5 <> 0 THEN '+3318700' || ((h >> 34) % 4) END,
               ['FR', 'GB', 'US', NULL][1 + ((h >> 36) % 4)::INTEGER], ['France Mobile', 'UK Fixed', NULL][1 + ((h >> 38) % 3)::INTEGER],
               ['app1', 'app2', NULL][1 + ((h >> 40) % 3)::INTEGER], ['App one', 'App two', NULL][1 + ((h >> 40) % 3)::INTEGER],
               CASE WHEN talk > 0 THEN 'ANSWERED' ELSE 'NO_ANSWER' END,
               CASE WHEN src = 'televoips' AND (h >> 42) % 3 = 0 THEN NULL ELSE round(talk * 0.0007, 6) END, 0,
               CASE src WHEN 'callr' THEN 'EUR' WHEN 'televoips' THEN NULL ELSE 'USD' END,
               CASE WHEN src = 'televoips' AND (h >> 42) % 3 = 0 THEN NULL WHEN src = 'televoips' THEN 'rated' ELSE 'provider' END, 1
        FROM (SELECT i, hash(i) AS h, ['callr', 'telnyx', 'telgorithm', 'televoips'][1 + (hash(i) % 4)::INTEGER] AS src,
                     CASE WHEN (hash(i) >> 12) % 10 < 6 THEN ((hash(i) >> 14) % 900)::INTEGER ELSE 0 END AS talk
              FROM {range})
        """;

    public static TheoryData<string, string, Granularity, string> Periods => new()
    {
        { "2026-10-18", "2026-11-03", Granularity.Day, "Europe/Paris" }, // through Paris's autumn change
        { "2026-10-25", "2026-10-25", Granularity.Day, "Europe/Paris" }, // the 25-hour day alone
        { "2026-10-01", "2026-11-30", Granularity.Week, "Europe/Paris" },
        { "2026-10-01", "2026-11-30", Granularity.Month, "America/New_York" },
        { "2026-10-28", "2026-11-04", Granularity.Day, "America/New_York" }, // through New York's (1 November)
        { "2026-11-01", "2026-11-01", Granularity.Day, "Asia/Kathmandu" }, // +05:45: days start on a quarter-hour
    };

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task Cold_and_warm_the_cache_gives_every_table_exactly_the_raw_numbers(string from, string to, Granularity granularity, string zone)
    {
        var period = new ReportPeriod(DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture), zone, granularity);
        var raw = await RunAsync(period, cache: null);
        Assert.True(raw.CallsSummary.Sum(r => r.Count) > 50, "the data misses the period");
        Assert.Contains(raw.CallsSummary, r => r.UniqueCallers > 10);

        var cold = CallDayCache.Under(Output);
        AssertSame(raw, await RunAsync(period, cold));
        Assert.Equal((0, period.Days, period.Days), (cold.DaysRead, cold.DaysComputed, cold.DaysScanned));

        // Nothing changed since: no day is even fingerprinted from the calls (the table's count and highest write_seq
        // are the ones the cache remembers).
        var warm = CallDayCache.Under(Output);
        AssertSame(raw, await RunAsync(period, warm));
        Assert.Equal((period.Days, 0, 0), (warm.DaysRead, warm.DaysComputed, warm.DaysScanned));
    }

    [Fact]
    public async Task A_day_whose_calls_were_added_removed_or_replaced_is_added_up_again_and_only_that_day()
    {
        var period = new ReportPeriod(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), "Europe/Paris", Granularity.Day);
        await RunAsync(period, CallDayCache.Under(Output));
        // Each change, and how many days it makes the report fingerprint from the calls: rows only added are found by
        // their write_seq alone; a row removed or replaced needs the whole period read.
        var changes = new (string Sql, int Scanned)[]
        {
            // A new call on the 3rd.
            (Calls("(SELECT 100000 AS i) t").Replace("TIMESTAMPTZ '2026-09-25 00:00:00+00' + to_seconds(((h >> 8) % (70 * 86400))::BIGINT)", "TIMESTAMPTZ '2026-10-03 10:00:00+00'", StringComparison.Ordinal), 0),
            // The 7th loses a call and gains none: its count drops, its highest write_seq may stay.
            ("DELETE FROM calls WHERE call_id = (SELECT min(call_id) FROM calls WHERE started_at >= TIMESTAMPTZ '2026-10-07 00:00:00+00' AND started_at < TIMESTAMPTZ '2026-10-07 20:00:00+00')", 31),
            // A call of the 12th re-sent with another price, as the loader's upsert replaces it: same count, new write_seq.
            ("""
            CREATE TEMP TABLE resent AS SELECT * EXCLUDE (write_seq) FROM calls WHERE call_id = (SELECT min(call_id) FROM calls WHERE started_at >= TIMESTAMPTZ '2026-10-12 00:00:00+00' AND started_at < TIMESTAMPTZ '2026-10-12 20:00:00+00' AND debit IS NOT NULL);
            DELETE FROM calls WHERE call_id IN (SELECT call_id FROM resent);
            INSERT INTO calls BY NAME SELECT * REPLACE (debit + 1.5 AS debit) FROM resent;
            """, 31),
        };
        foreach (var (change, scanned) in changes)
        {
            await using (var connection = WarehouseDatabase.OpenReadWrite(Warehouse))
                await connection.ExecuteAsync(change);
            var cache = CallDayCache.Under(Output);
            AssertSame(await RunAsync(period, cache: null), await RunAsync(period, cache));
            Assert.Equal((30, 1, scanned), (cache.DaysRead, cache.DaysComputed, cache.DaysScanned));
        }
    }

    [Fact]
    public async Task Damaged_cache_files_are_added_up_again_and_rewritten()
    {
        var period = new ReportPeriod(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 10), "Europe/Paris", Granularity.Day);
        var raw = await RunAsync(period, cache: null);
        await RunAsync(period, CallDayCache.Under(Output));
        var files = Directory.GetFiles(CallDayCache.Under(Output).Root, "2026-10-0*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(18, files.Count); // October 1 to 9, two files a day
        await File.WriteAllTextAsync(files.First(f => f.EndsWith(".callers", StringComparison.Ordinal)), "not a callers file");
        await File.WriteAllBytesAsync(files.Last(f => f.EndsWith(".parquet", StringComparison.Ordinal)), [1, 2, 3]);

        // The damaged callers file is seen before anything is built: that day is added up again. The damaged Parquet
        // file fails DuckDB's read: it is deleted and this report takes the raw path; the next one adds that day up.
        AssertSame(raw, await RunAsync(period, CallDayCache.Under(Output)));
        AssertSame(raw, await RunAsync(period, CallDayCache.Under(Output)));
        var warm = CallDayCache.Under(Output);
        AssertSame(raw, await RunAsync(period, warm));
        Assert.Equal((10, 0), (warm.DaysRead, warm.DaysComputed));
    }

    [Fact]
    public async Task Another_period_in_the_same_zone_fingerprints_only_the_days_the_cache_does_not_remember_and_a_damaged_memory_costs_one_pass()
    {
        var october = new ReportPeriod(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), "Europe/Paris", Granularity.Day);
        await RunAsync(october, CallDayCache.Under(Output));
        var span = new ReportPeriod(new DateOnly(2026, 10, 25), new DateOnly(2026, 11, 3), "Europe/Paris", Granularity.Day);
        var cache = CallDayCache.Under(Output);
        AssertSame(await RunAsync(span, cache: null), await RunAsync(span, cache));
        Assert.Equal((7, 3, 3), (cache.DaysRead, cache.DaysComputed, cache.DaysScanned));

        var remembered = Assert.Single(Directory.GetFiles(cache.Root, "fingerprints.json", SearchOption.AllDirectories));
        await File.WriteAllTextAsync(remembered, "{ not json");
        cache = CallDayCache.Under(Output);
        AssertSame(await RunAsync(october, cache: null), await RunAsync(october, cache));
        Assert.Equal((31, 0, 31), (cache.DaysRead, cache.DaysComputed, cache.DaysScanned));
    }

    [Fact]
    public async Task A_day_holding_a_row_without_write_seq_is_never_cached()
    {
        await using (var connection = WarehouseDatabase.OpenReadWrite(Warehouse))
        {
            await connection.ExecuteAsync(Calls("(SELECT 200000 AS i) t").Replace("TIMESTAMPTZ '2026-09-25 00:00:00+00' + to_seconds(((h >> 8) % (70 * 86400))::BIGINT)", "TIMESTAMPTZ '2026-10-05 10:00:00+00'", StringComparison.Ordinal));
            await connection.ExecuteAsync("UPDATE calls SET write_seq = NULL WHERE call_id = 'c200000'");
        }

        var period = new ReportPeriod(new DateOnly(2026, 10, 4), new DateOnly(2026, 10, 6), "Europe/Paris", Granularity.Day);
        var raw = await RunAsync(period, cache: null);
        await RunAsync(period, CallDayCache.Under(Output));
        var warm = CallDayCache.Under(Output);
        AssertSame(raw, await RunAsync(period, warm));
        Assert.Equal((2, 1), (warm.DaysRead, warm.DaysComputed));
        Assert.Empty(Directory.GetFiles(warm.Root, "2026-10-05_*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Another_warehouse_with_the_same_counts_and_write_seqs_never_reads_this_ones_days()
    {
        var period = new ReportPeriod(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), "Europe/Paris", Granularity.Day);
        await RunAsync(period, CallDayCache.Under(Output));
        // Same calls in the same order (so the same counts and write_seqs per day), every price doubled.
        var other = _directory.File("other.duckdb");
        await using (var connection = WarehouseDatabase.OpenReadWrite(other))
            await connection.ExecuteAsync(Calls("range(6000) t(i)").Replace("round(talk * 0.0007, 6)", "round(talk * 0.0014, 6)", StringComparison.Ordinal));
        await using var read = WarehouseDatabase.OpenReadOnly(other);
        var cache = CallDayCache.Under(Output);
        var cached = await AggregateQueries.RunAsync(read, period, CancellationToken.None, cache: cache);
        AssertSame(await AggregateQueries.RunAsync(read, period, CancellationToken.None), cached);
        Assert.Equal(0, cache.DaysRead);
    }

    [Fact]
    public async Task A_cache_that_cannot_be_written_costs_speed_not_the_report_and_says_why()
    {
        Directory.CreateDirectory(Output);
        await File.WriteAllTextAsync(Path.Combine(Output, ".cache"), "a file where the cache's folder would go");
        var period = new ReportPeriod(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 10), "Europe/Paris", Granularity.Day);
        var cache = CallDayCache.Under(Output);
        AssertSame(await RunAsync(period, cache: null), await RunAsync(period, cache));
        Assert.Equal(10, cache.DaysComputed);
        Assert.NotNull(cache.WriteFailure);
        Assert.Contains("not written:", cache.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hourly_reports_read_the_raw_calls_and_leave_the_cache_alone()
    {
        var period = new ReportPeriod(new DateOnly(2026, 10, 25), new DateOnly(2026, 10, 25), "Europe/Paris", Granularity.Hour);
        var cache = CallDayCache.Under(Output);
        AssertSame(await RunAsync(period, cache: null), await RunAsync(period, cache));
        Assert.Equal((0, 0), (cache.DaysRead, cache.DaysComputed));
        Assert.False(Directory.Exists(cache.Root));
    }

    private async Task<ReportData> RunAsync(ReportPeriod period, CallDayCache? cache)
    {
        await using var connection = WarehouseDatabase.OpenReadOnly(Warehouse);
        return await AggregateQueries.RunAsync(connection, period, CancellationToken.None, cache: cache);
    }

    private static void AssertSame(ReportData expected, ReportData actual)
    {
        Assert.Equal(expected.CallsSummary, actual.CallsSummary);
        Assert.Equal(expected.CallsHistory, actual.CallsHistory);
        Assert.Equal(expected.CallsByApp, actual.CallsByApp);
        Assert.Equal(expected.CallsByCountry, actual.CallsByCountry);
        Assert.Equal(expected.CallsByDestination, actual.CallsByDestination);
        Assert.Equal(expected.CallsByDid, actual.CallsByDid);
    }

    public void Dispose() => _directory.Dispose();
}
