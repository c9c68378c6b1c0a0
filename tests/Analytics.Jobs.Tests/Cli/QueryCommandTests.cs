using System.Text;
using System.Text.Json;
using Analytics.Jobs;
using Analytics.Jobs.Cli;
using Analytics.Testing;
using Analytics.Warehouse;
using Dapper;

namespace Analytics.Jobs.Tests.Cli;

public sealed class QueryCommandTests : IDisposable
{
    private const string Sql = "SELECT call_id, duration_s, debit, caller FROM calls ORDER BY call_id";
    private readonly TempDirectory _directory = new();
    private readonly WarehouseOptions _options;

    public QueryCommandTests()
    {
        _options = new WarehouseOptions { Path = _directory.File("analytics.duckdb") };
        using var connection = WarehouseDatabase.OpenReadWrite(_options.Path);
        connection.Execute("""
            INSERT INTO calls (source, call_id, direction, started_at, status, debit, caller, load_id) VALUES
              ('callr', 'a', 'IN', '2026-01-01 10:00:00+00', 'ANSWERED', 0.12, '+33 1, "x"', 1),
              ('callr', 'b', 'OUT', '2026-01-01 11:00:00+00', 'BUSY', NULL, NULL, 1);
            UPDATE calls SET duration_s = 42 WHERE call_id = 'a';
            """);
    }

    [Fact]
    public async Task Csv_is_exactly_what_DuckDB_COPY_writes()
    {
        var expectedFile = _directory.File("expected.csv");
        using (var connection = WarehouseDatabase.OpenReadWrite(_options.Path))
            connection.Execute($"COPY ({Sql}) TO '{expectedFile}' (FORMAT csv, HEADER)");

        var actual = await RunAsync(Sql + ";", QueryFormat.Csv);
        Assert.Equal(await File.ReadAllTextAsync(expectedFile), actual);
        Assert.StartsWith("call_id,duration_s,debit,caller\n", actual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_is_an_array_of_objects()
    {
        var json = await RunAsync(Sql, QueryFormat.Json);
        using var document = JsonDocument.Parse(json);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("a", rows[0].GetProperty("call_id").GetString());
        Assert.Equal(42, rows[0].GetProperty("duration_s").GetInt32());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("caller").ValueKind);
    }

    [Fact]
    public async Task Table_aligns_columns_for_people()
    {
        var table = await RunAsync(Sql, QueryFormat.Table);
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("call_id | duration_s |    debit | caller", lines[0].TrimEnd());
        Assert.Equal("a       |         42 | 0.120000 | +33 1, \"x\"", lines[2]);
        Assert.Equal("b       |          0 |     NULL | NULL", lines[3]);
        Assert.Equal("(2 rows)", lines[^1]);
    }

    [Fact]
    public async Task Fails_with_DuckDB_message_on_one_line()
    {
        var error = await Assert.ThrowsAsync<CliException>(() => RunAsync("SELECT * FROM nowhere", QueryFormat.Table));
        Assert.Contains("nowhere", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Is_read_only()
    {
        var error = await Assert.ThrowsAsync<CliException>(() => RunAsync("DELETE FROM calls", QueryFormat.Table));
        Assert.Contains("read-only", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_missing_warehouse_says_how_to_create_one()
    {
        var options = new WarehouseOptions { Path = _directory.File("none.duckdb") };
        var error = await Assert.ThrowsAsync<CliException>(() => QueryCommand.RunAsync(options, "SELECT 1", QueryFormat.Table, Stream.Null, CancellationToken.None));
        Assert.Contains("analytics demo", error.Message, StringComparison.Ordinal);
    }

    private async Task<string> RunAsync(string sql, QueryFormat format)
    {
        using var output = new MemoryStream();
        await QueryCommand.RunAsync(_options, sql, format, output, CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    public void Dispose() => _directory.Dispose();
}
