using System.Data.Common;
using System.Diagnostics;
using Analytics.Testing;
using Dapper;

namespace Analytics.Warehouse.Tests.Connections;

/// <summary>The provider's behaviours the product relies on, through the facade (Dapper on its connections).</summary>
public sealed class WarehouseDatabaseTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string Path => _directory.File("analytics.duckdb");

    [Fact]
    public void Values_of_every_column_type_go_in_as_parameters_and_come_back_equal_NULLs_included()
    {
        using var connection = WarehouseDatabase.OpenReadWrite(Path);
        connection.Execute("""
            CREATE TABLE typed (i INTEGER, b BIGINT, d DOUBLE, m DECIMAL(18, 6), s VARCHAR, f BOOLEAN, day DATE, ts TIMESTAMPTZ)
            """);
        var at = new DateTime(2026, 11, 20, 10, 15, 30, 123, DateTimeKind.Utc).AddTicks(4560);
        connection.Execute("INSERT INTO typed VALUES ($i, $b, $d, $m, $s, $f, $day, $ts)",
            new { i = int.MaxValue, b = long.MinValue, d = 0.1, m = 123456789012.123456m, s = "é, \"x\"\n", f = true, day = new DateOnly(2026, 2, 28), ts = at });
        connection.Execute("INSERT INTO typed VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");

        var rows = connection.Query("SELECT * FROM typed ORDER BY i NULLS LAST").ToList();
        var row = (IDictionary<string, object?>)rows[0];
        Assert.Equal(int.MaxValue, row["i"]);
        Assert.Equal(long.MinValue, row["b"]);
        Assert.Equal(0.1, row["d"]);
        Assert.Equal(123456789012.123456m, row["m"]);
        Assert.Equal("é, \"x\"\n", row["s"]);
        Assert.Equal(true, row["f"]);
        Assert.Equal(new DateOnly(2026, 2, 28), row["day"]);
        Assert.Equal(at, DateTime.SpecifyKind((DateTime)row["ts"]!, DateTimeKind.Utc));
        Assert.All(((IDictionary<string, object?>)rows[1]).Values, Assert.Null);
    }

    [Fact]
    public void Decimals_are_exact()
    {
        using var connection = WarehouseDatabase.OpenReadWrite(Path);
        Assert.Equal(0.3m, connection.ExecuteScalar<decimal>("SELECT CAST(0.1 AS DECIMAL(18, 6)) + CAST(0.2 AS DECIMAL(18, 6))"));
        Assert.Equal(999999999999.999999m, connection.ExecuteScalar<decimal>("SELECT CAST($m AS DECIMAL(18, 6))", new { m = 999999999999.999999m }));
        Assert.Equal("0.120000", connection.ExecuteScalar<decimal>("SELECT CAST(0.12 AS DECIMAL(18, 6))").ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Cancelling_interrupts_a_running_statement()
    {
        await using var connection = WarehouseDatabase.OpenReadWrite(Path);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        // Minutes of work uninterrupted.
        await Assert.ThrowsAnyAsync<Exception>(() =>
            connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM range(1000000000000) a WHERE a.range % 7 = 3", cancellationToken: cancel.Token)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(1, connection.ExecuteScalar<int>("SELECT 1"));
    }

    [Fact]
    public async Task A_file_a_writer_holds_is_a_typed_lock_naming_its_pid_for_readers_and_writers()
    {
        using (WarehouseDatabase.OpenReadWrite(Path))
        {
        }

        await using var holder = LockHolderProcess.Start(Path);
        var reader = Assert.Throws<WarehouseLockedException>(() => WarehouseDatabase.OpenReadOnly(Path));
        Assert.Equal(holder.Id, reader.Holder.Pid);
        Assert.Equal(WarehouseAccess.ReadWrite, reader.Holder.Access);
        Assert.Equal(System.IO.Path.GetFullPath(Path), reader.Path);
        Assert.Contains($"PID {holder.Id}, a read-write session", reader.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', reader.Message);

        var writer = Assert.Throws<WarehouseLockedException>(() => WarehouseDatabase.OpenReadWrite(Path));
        Assert.Equal(holder.Id, writer.Holder.Pid);
        Assert.Equal(WarehouseAccess.ReadWrite, writer.Holder.Access);
    }

    [Fact]
    public async Task A_writer_blocked_by_a_reader_is_told_the_holder_is_a_read_only_session()
    {
        using (WarehouseDatabase.OpenReadWrite(Path))
        {
        }

        await using var holder = LockHolderProcess.Start(Path, readOnly: true);
        var error = Assert.Throws<WarehouseLockedException>(() => WarehouseDatabase.OpenReadWrite(Path));
        Assert.Equal(new WarehouseLockHolder("dotnet", holder.Id, WarehouseAccess.ReadOnly), error.Holder);
        Assert.Contains($"dotnet PID {holder.Id}, a read-only session", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_write_open_while_this_process_has_the_file_read_only_is_refused()
    {
        using (WarehouseDatabase.OpenReadWrite(Path))
        {
        }

        using var reader = WarehouseDatabase.OpenReadOnly(Path);
        var error = Assert.Throws<WarehouseException>(() => WarehouseDatabase.OpenReadWrite(Path));
        Assert.Contains("already open read-only in this process", error.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<DbException>(() => reader.Execute("CREATE TABLE written (a INTEGER)"));
    }

    [Fact]
    public void Budgets_of_connections_sharing_an_instance_add_up_and_closing_one_gives_back_only_its_own()
    {
        using var load = WarehouseDatabase.OpenReadWrite(Path, new WarehouseBudget("100MB", PreserveInsertionOrder: false));
        var loadAlone = Setting(load, "memory_limit");
        Assert.Equal(Expected("100MB"), loadAlone);
        Assert.Equal("false", Setting(load, "preserve_insertion_order"), ignoreCase: true);

        using (var report = WarehouseDatabase.OpenReadOnly(Path, new WarehouseBudget("60MB")))
        {
            Assert.Equal(Expected("160MB"), Setting(load, "memory_limit"));
            WarehouseDatabase.ChangeBudget(report, new WarehouseBudget("20MB"));
            Assert.Equal(Expected("120MB"), Setting(report, "memory_limit"));
        }

        Assert.Equal(loadAlone, Setting(load, "memory_limit"));
        Assert.Equal("false", Setting(load, "preserve_insertion_order"), ignoreCase: true);
    }

    [Fact]
    public void A_missing_file_is_not_created_by_a_reader()
    {
        Assert.Throws<FileNotFoundException>(() => WarehouseDatabase.OpenReadOnly(Path));
        Assert.False(File.Exists(Path));
    }

    private static string Setting(DbConnection connection, string name) =>
        connection.ExecuteScalar<string>("SELECT current_setting($name)", new { name })!;

    // DuckDB's own rendering of a limit set to that many bytes.
    private static string Expected(string size)
    {
        using var memory = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        memory.Open();
        memory.Execute($"SET memory_limit = '{new WarehouseBudget(size).Bytes / 1024}KiB'");
        return Setting(memory, "memory_limit");
    }

    public void Dispose() => _directory.Dispose();
}
