using Analytics.Warehouse.DuckDb;
using Dapper;

namespace Analytics.Warehouse.Tests.DuckDb;

public sealed class DuckDbAppenderTests : IDisposable
{
    private readonly DuckDbFile _file = new();

    public sealed record Row(long Id, string? Name, double? Score, decimal? Amount, DateTime? At, DateTimeOffset? AtTz, DateOnly? Day, bool? Flag, Guid? Uid);

    [Fact]
    public async Task Appends_rows_of_every_common_type_including_nulls()
    {
        using var connection = Open();
        var uid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        using (var appender = connection.CreateAppender("t"))
        {
            appender.Append(1L).Append("short").Append(1.5).Append(12.345678m).Append(new DateTime(2026, 1, 2, 3, 4, 5, 6))
                .Append(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))).Append(new DateOnly(2026, 1, 2)).Append(true).Append(uid).EndRow();
            appender.AppendRow(2L, "a string longer than twelve bytes, ünïcödé", null, null, null, null, null, null, null);
            appender.Close();
        }

        var rows = (await connection.QueryAsync<Row>("SELECT id AS Id, name AS Name, score AS Score, amount AS Amount, ts AS At, ts_tz AS AtTz, day AS Day, flag AS Flag, uid AS Uid FROM t ORDER BY id")).ToList();
        Assert.Equal(new Row(1, "short", 1.5, 12.345678m, new DateTime(2026, 1, 2, 3, 4, 5, 6), new DateTimeOffset(2026, 1, 2, 1, 4, 5, TimeSpan.Zero), new DateOnly(2026, 1, 2), true, uid), rows[0]);
        Assert.Equal(new Row(2, "a string longer than twelve bytes, ünïcödé", null, null, null, null, null, null, null), rows[1]);
    }

    [Fact]
    public async Task Appends_more_rows_than_one_chunk_holds()
    {
        using var connection = Open();
        using (var appender = connection.CreateAppender("t"))
        {
            for (var i = 0; i < 10_000; i++)
            {
                appender.Append((long)i).Append(i % 3 == 0 ? null : $"name-{i}").Append(i * 0.5).Append(i / 100m)
                    .Append(new DateTime(2026, 1, 1).AddSeconds(i)).AppendNull().AppendNull().Append(i % 2 == 0).AppendNull().EndRow();
            }
        }

        var summary = await connection.QuerySingleAsync<(long Count, long Nulls, decimal Amount, long Evens)>(
            "SELECT count(*), count(*) - count(name), sum(amount), count(*) FILTER (flag) FROM t");
        Assert.Equal(10_000, summary.Count);
        Assert.Equal(3_334, summary.Nulls);
        Assert.Equal(Enumerable.Range(0, 10_000).Sum(i => i / 100m), summary.Amount);
        Assert.Equal(5_000, summary.Evens);
    }

    [Fact]
    public async Task Appended_rows_roll_back_with_the_transaction()
    {
        using var connection = Open();
        using (var transaction = connection.BeginTransaction())
        {
            using (var appender = connection.CreateAppender("t"))
            {
                for (var i = 0; i < 5000; i++)
                    appender.AppendRow((long)i, "x", null, null, null, null, null, null, null);
            }

            Assert.Equal(5000, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM t"));
            transaction.Rollback();
        }

        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public void Rejects_a_value_of_the_wrong_type_naming_the_column()
    {
        using var connection = Open();
        using var appender = connection.CreateAppender("t");
        var error = Assert.Throws<DuckDbException>(() => appender.Append("not a number"));
        Assert.Contains("column 1 (BIGINT) cannot take a String", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_decimal_with_more_places_than_the_column()
    {
        using var connection = Open();
        using var appender = connection.CreateAppender("t");
        appender.Append(1L).Append("x").Append(1.0);
        var error = Assert.Throws<DuckDbException>(() => appender.Append(1.1234567m));
        Assert.Contains("DECIMAL(18,6)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_use_after_close_and_an_incomplete_row()
    {
        using var connection = Open();
        var appender = connection.CreateAppender("t");
        Assert.Throws<DuckDbException>(() => appender.Append(1L).EndRow());
        appender.Dispose();
        using var closed = connection.CreateAppender("t");
        closed.Close();
        var error = Assert.Throws<DuckDbException>(() => closed.Append(1L));
        Assert.Contains("closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_constraint_violations_with_DuckDB_message()
    {
        using var connection = _file.Open();
        connection.Execute("CREATE TABLE k (id INTEGER PRIMARY KEY, v VARCHAR NOT NULL)");
        using var appender = connection.CreateAppender("k");
        appender.AppendRow(1, "a").AppendRow(2, null);
        var error = Assert.Throws<DuckDbException>(appender.Close);
        Assert.Contains("NOT NULL constraint failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fails_for_a_missing_table_with_DuckDB_message()
    {
        using var connection = _file.Open();
        var error = Assert.Throws<DuckDbException>(() => connection.CreateAppender("nope"));
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    private DuckDbConnection Open()
    {
        var connection = _file.Open();
        connection.Execute("""
            CREATE TABLE t (id BIGINT, name VARCHAR, score DOUBLE, amount DECIMAL(18, 6), ts TIMESTAMP, ts_tz TIMESTAMPTZ, day DATE, flag BOOLEAN, uid UUID)
            """);
        return connection;
    }

    public void Dispose() => _file.Dispose();
}
