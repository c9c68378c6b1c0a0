using System.Data;
using Analytics.Warehouse.DuckDb;

namespace Analytics.Warehouse.Tests.DuckDb;

[Collection(nameof(MemoryMeasuringTests))]
public sealed class DuckDbDataReaderTests : IDisposable
{
    private readonly DuckDbFile _file = new();
    private readonly DuckDbConnection _connection;

    public DuckDbDataReaderTests() => _connection = _file.Open();

    [Fact]
    public void Streams_a_large_result_with_bounded_managed_memory()
    {
        // 5M rows of ~40 bytes would be ~200 MB materialised; streaming holds one 2048-row chunk.
        using var command = new DuckDbCommand("SELECT range AS id, 'row-' || range AS name, range * 0.5 AS x FROM range(5000000)", _connection);
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        long rows = 0;
        long checksum = 0;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                checksum += reader.GetInt64(0) + reader.GetBytesSpan(1).Length;
                if (++rows % 500_000 == 0)
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
            }
        }

        Assert.Equal(5_000_000, rows);
        Assert.Equal((4_999_999L * 5_000_000 / 2) + Enumerable.Range(0, 5_000_000).Sum(i => 4L + Digits(i)), checksum);
        Assert.True(peak < 16 * 1024 * 1024, $"managed memory grew by {peak / 1024 / 1024} MB while streaming");
    }

    [Fact]
    public async Task Cancelling_interrupts_a_long_query()
    {
        using var command = new DuckDbCommand("SELECT count(*) FROM range(1000000000000) a, range(1000) b WHERE a.range * b.range = -1", _connection);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => command.ExecuteScalarAsync(cancellation.Token));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "the interrupt must stop the query promptly");

        using var after = new DuckDbCommand("SELECT 1", _connection);
        Assert.Equal(1, after.ExecuteScalar());
    }

    [Fact]
    public async Task Cancelling_while_reading_interrupts_the_stream()
    {
        using var command = new DuckDbCommand("SELECT a.range FROM range(100000000000) a WHERE a.range % 7 = 0", _connection);
        using var cancellation = new CancellationTokenSource();
        await using var reader = await command.ExecuteReaderAsync(cancellation.Token);
        Assert.True(await reader.ReadAsync(cancellation.Token));
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            while (await reader.ReadAsync(cancellation.Token))
            {
            }
        });
    }

    [Fact]
    public void Exposes_column_metadata()
    {
        using var command = new DuckDbCommand("SELECT 1::INTEGER AS a, 'x' AS \"B c\"", _connection);
        using var reader = command.ExecuteReader();
        Assert.Equal(2, reader.FieldCount);
        Assert.Equal("a", reader.GetName(0));
        Assert.Equal(1, reader.GetOrdinal("b C"));
        Assert.Equal(typeof(int), reader.GetFieldType(0));
        Assert.True(reader.HasRows);
        Assert.True(reader.Read());
        Assert.Equal("x", reader["B c"]);
        Assert.False(reader.Read());
    }

    [Fact]
    public void An_empty_result_has_no_rows()
    {
        using var command = new DuckDbCommand("SELECT 1 AS a WHERE false", _connection);
        using var reader = command.ExecuteReader();
        Assert.False(reader.HasRows);
        Assert.Equal(1, reader.FieldCount);
        Assert.False(reader.Read());
    }

    [Fact]
    public void A_new_command_closes_the_open_reader_and_CloseConnection_closes_the_connection()
    {
        using var first = new DuckDbCommand("SELECT * FROM range(10000)", _connection);
        var reader = first.ExecuteReader();
        Assert.True(reader.Read());
        using var second = new DuckDbCommand("SELECT 2", _connection);
        Assert.Equal(2, second.ExecuteScalar());
        Assert.True(reader.IsClosed);

        using var own = _file.Open();
        using var third = new DuckDbCommand("SELECT 3", own);
        using (third.ExecuteReader(CommandBehavior.CloseConnection))
        {
        }

        Assert.Equal(ConnectionState.Closed, own.State);
    }

    [Fact]
    public void Closing_a_connection_with_an_open_CloseConnection_reader_closes_both()
    {
        var connection = _file.Open();
        using var command = new DuckDbCommand("SELECT * FROM range(10000)", connection);
        var reader = command.ExecuteReader(CommandBehavior.CloseConnection);
        Assert.True(reader.Read());
        connection.Close();
        Assert.True(reader.IsClosed);
        Assert.Equal(ConnectionState.Closed, connection.State);
        connection.Dispose();
    }

    [Fact]
    public void Reports_rows_affected_by_DML_read_through_a_reader()
    {
        using var command = new DuckDbCommand("CREATE TABLE r (v INTEGER); INSERT INTO r SELECT * FROM range(5)", _connection);
        using var reader = command.ExecuteReader();
        Assert.Equal(5, reader.RecordsAffected);
        Assert.Equal(0, reader.FieldCount);
        Assert.False(reader.Read());
    }

    private static int Digits(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;

    public void Dispose()
    {
        _connection.Dispose();
        _file.Dispose();
    }
}
