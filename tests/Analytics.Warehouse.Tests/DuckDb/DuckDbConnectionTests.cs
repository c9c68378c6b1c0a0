using System.Data;
using Analytics.Warehouse.DuckDb;

namespace Analytics.Warehouse.Tests.DuckDb;

[Collection(nameof(MemoryMeasuringTests))]
public sealed class DuckDbConnectionTests : IDisposable
{
    private readonly DuckDbFile _file = new();

    [Fact]
    public void Connections_to_one_file_share_one_database()
    {
        using var first = _file.Open();
        using var second = _file.Open();
        DuckDbTestSql.Execute(first, "CREATE TABLE shared (v INTEGER); INSERT INTO shared VALUES (1)");
        using var command = new DuckDbCommand("SELECT count(*) FROM shared", second);
        Assert.Equal(1L, command.ExecuteScalar());
    }

    [Fact]
    public void In_memory_databases_are_private_to_their_connection()
    {
        using var first = new DuckDbConnection("Data Source=:memory:");
        using var second = new DuckDbConnection("Data Source=:memory:");
        first.Open();
        second.Open();
        DuckDbTestSql.Execute(first, "CREATE TABLE mine (v INTEGER)");
        Assert.Throws<DuckDbException>(() => DuckDbTestSql.Execute(second, "SELECT * FROM mine"));
    }

    [Fact]
    public void Read_only_connections_cannot_write()
    {
        using (var writer = _file.Open())
            DuckDbTestSql.Execute(writer, "CREATE TABLE t (v INTEGER)");
        using var reader = _file.Open(readOnly: true);
        Assert.True(reader.IsReadOnly);
        var error = Assert.Throws<DuckDbException>(() => DuckDbTestSql.Execute(reader, "INSERT INTO t VALUES (1)"));
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_unknown_connection_string_keys_and_modes()
    {
        Assert.Throws<ArgumentException>(() => new DuckDbConnection("Data Source=x;Mode=Fast").Open());
        Assert.Throws<ArgumentException>(() => new DuckDbConnection("Data Source=x;Access Mode=Sometimes").Open());
        Assert.Throws<ArgumentException>(() => new DuckDbConnection("Access Mode=ReadOnly").Open());
    }

    [Fact]
    public void Reopens_after_close_and_reports_state()
    {
        using var connection = new DuckDbConnection(DuckDbConnectionString.For(_file.Path, readOnly: false));
        Assert.Equal(ConnectionState.Closed, connection.State);
        connection.Open();
        Assert.Equal(ConnectionState.Open, connection.State);
        connection.Close();
        Assert.Equal(ConnectionState.Closed, connection.State);
        connection.Open();
        Assert.Equal(_file.Path, connection.DataSource);
    }

    [Fact]
    public async Task Serves_concurrent_readers_on_several_threads()
    {
        using (var writer = _file.Open())
            DuckDbTestSql.Execute(writer, "CREATE TABLE n AS SELECT range AS v FROM range(100000)");

        var sums = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            long total = 0;
            for (var round = 0; round < 5; round++)
            {
                using var connection = _file.Open();
                using var command = new DuckDbCommand("SELECT v FROM n WHERE v % 8 = $w", connection);
                command.Parameters.Add("w", worker);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                    total += reader.GetInt64(0);
            }

            return total;
        })));

        for (var worker = 0; worker < 8; worker++)
        {
            var expected = 5 * Enumerable.Range(0, 100000).Where(v => v % 8 == worker).Sum(v => (long)v);
            Assert.Equal(expected, sums[worker]);
        }
    }

    [Fact]
    public void Does_not_leak_across_100k_open_close_cycles()
    {
        using (var warmup = _file.Open())
            DuckDbTestSql.Execute(warmup, "CREATE TABLE IF NOT EXISTS c (v INTEGER)");

        // Every cycle connects and disconnects (every 10th runs a statement); a keeper connection holds the
        // native database except on every 1000th cycle, which closes and reopens the database itself.
        // The first 10k cycles warm up the allocators.
        var keeper = _file.Open();
        var samples = new List<long>();
        for (var i = 0; i < 100_000; i++)
        {
            if (i % 1000 == 0)
            {
                keeper.Dispose();
                using (_file.Open())
                {
                }

                keeper = _file.Open();
            }

            using var connection = _file.Open();
            if (i % 10 == 0)
            {
                using var command = new DuckDbCommand("SELECT count(*) FROM c WHERE v = $v", connection);
                command.Parameters.Add("v", i);
                command.ExecuteScalar();
            }

            if (i % 10_000 == 9_999)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                samples.Add(RssMegabytes());
            }
        }

        keeper.Dispose();
        var growth = samples[^1] - samples[0];
        Assert.True(growth < 50, $"RSS grew by {growth} MB after warm-up over 90k open/close cycles: {string.Join(", ", samples)} MB");
    }

    private static long RssMegabytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024;
        }

        return 0;
    }

    public void Dispose() => _file.Dispose();
}
