using Analytics.Warehouse.DuckDb;
using Dapper;

namespace Analytics.Warehouse.Tests.DuckDb;

public sealed class DapperTests : IDisposable
{
    private readonly DuckDbFile _file = new();

    public sealed record CallRecord(string CallId, int DurationS, decimal? Debit, DateTimeOffset StartedAt, string? Caller);

    public sealed class CallRow
    {
        public string CallId { get; set; } = string.Empty;

        public long DurationS { get; set; }

        public decimal? Debit { get; set; }
    }

    [Fact]
    public async Task Maps_rows_to_records_with_positional_constructors()
    {
        using var connection = await SeedAsync();
        var calls = (await connection.QueryAsync<CallRecord>(
            "SELECT call_id AS CallId, duration_s AS DurationS, debit AS Debit, started_at AS StartedAt, caller AS Caller FROM calls ORDER BY call_id")).ToList();

        Assert.Equal(2, calls.Count);
        Assert.Equal(new CallRecord("a", 60, 0.123456m, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), "+331"), calls[0]);
        Assert.Equal(new CallRecord("b", 5, null, new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero), null), calls[1]);
    }

    [Fact]
    public async Task Binds_anonymous_object_parameters_to_dollar_names()
    {
        using var connection = await SeedAsync();
        var row = await connection.QuerySingleAsync<CallRow>(
            "SELECT call_id AS CallId, duration_s AS DurationS, debit AS Debit FROM calls WHERE call_id = $id AND duration_s > $min",
            new { id = "a", min = 10 });
        Assert.Equal("a", row.CallId);
        Assert.Equal(60, row.DurationS);
        Assert.Equal(0.123456m, row.Debit);
    }

    [Fact]
    public async Task Executes_inserts_and_scalars_with_parameters()
    {
        using var connection = await SeedAsync();
        var inserted = await connection.ExecuteAsync(
            "INSERT INTO calls VALUES ($id, $duration, $debit, $started, $caller)",
            new { id = "c", duration = 7, debit = 1.5m, started = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), caller = (string?)null });
        Assert.Equal(1, inserted);

        var count = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM calls WHERE debit > $d", new { d = 1m });
        Assert.Equal(1, count);
        var caller = await connection.ExecuteScalarAsync<string?>("SELECT caller FROM calls WHERE call_id = $id", new { id = "c" });
        Assert.Null(caller);
    }

    public sealed record Totals(string Source, long Seconds, decimal Debit);

    [Fact]
    public async Task Maps_sums_to_records_when_cast_to_BIGINT_and_to_long_properties_as_they_are()
    {
        using var connection = await SeedAsync();

        // sum() of integers is a HUGEINT (BigInteger); positional records need the exact type, so cast.
        var totals = await connection.QuerySingleAsync<Totals>(
            "SELECT 'all' AS Source, sum(duration_s)::BIGINT AS Seconds, sum(debit) AS Debit FROM calls");
        Assert.Equal(new Totals("all", 65, 0.123456m), totals);

        // Settable properties go through BigInteger's explicit conversion.
        var row = await connection.QuerySingleAsync<CallRow>("SELECT 'x' AS CallId, sum(duration_s) AS DurationS FROM calls");
        Assert.Equal(65, row.DurationS);
    }

    [Fact]
    public async Task Commits_and_rolls_back_through_Dapper_transactions()
    {
        using var connection = await SeedAsync();
        using (var transaction = connection.BeginTransaction())
        {
            await connection.ExecuteAsync("DELETE FROM calls", transaction: transaction);
            transaction.Rollback();
        }

        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM calls"));

        using (var transaction = connection.BeginTransaction())
        {
            await connection.ExecuteAsync("DELETE FROM calls WHERE call_id = $id", new { id = "a" }, transaction);
            transaction.Commit();
        }

        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM calls"));
    }

    private async Task<DuckDbConnection> SeedAsync()
    {
        var connection = _file.Open();
        await connection.ExecuteAsync("""
            CREATE TABLE calls (call_id VARCHAR PRIMARY KEY, duration_s INTEGER, debit DECIMAL(18, 6), started_at TIMESTAMPTZ, caller VARCHAR);
            INSERT INTO calls VALUES ('a', 60, 0.123456, '2026-01-02 03:04:05+00', '+331'), ('b', 5, NULL, '2026-01-03 00:00:00+00', NULL);
            """);
        return connection;
    }

    public void Dispose() => _file.Dispose();
}
