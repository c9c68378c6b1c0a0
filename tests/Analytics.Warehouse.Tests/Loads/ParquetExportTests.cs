using Analytics.Warehouse.Loads;

namespace Analytics.Warehouse.Tests.Loads;

public sealed class ParquetExportTests : IDisposable
{
    private readonly LoadFixture _fixture = new();

    [Fact]
    public async Task Calls_and_sms_are_written_as_parquet_partitioned_by_source_and_day_from_a_read_only_connection()
    {
        await LoadIdempotencyTests.LandEverythingAsync(_fixture);
        await _fixture.LoadAsync();
        var output = _fixture.Combine("export");

        await using (var readOnly = WarehouseDatabase.OpenReadOnly(_fixture.DatabasePath))
            await ParquetExport.ExportAsync(readOnly, output, CancellationToken.None);

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "calls", "source=televoips", "day=2026-11-20"), "*.parquet"));
        await using var reader = WarehouseDatabase.OpenReadWrite(_fixture.Combine("reader.duckdb"));
        await using var command = reader.CreateCommand();
        command.CommandText = $"""
            SELECT string_agg(source || ':' || day || ':' || n, ',' ORDER BY source, day) FROM (
                SELECT source, CAST(day AS VARCHAR) AS day, count(*) AS n
                FROM read_parquet('{output}/calls/**/*.parquet', hive_partitioning = true) GROUP BY ALL)
            """;
        Assert.Equal("callr:2026-11-20:2,televoips:2026-11-20:5,telgorithm:2026-11-20:1,telnyx:2026-11-20:2", await command.ExecuteScalarAsync());
        Assert.Equal(_fixture.One("SELECT count(*) FROM sms"),
            _fixture.One($"SELECT count(*) FROM read_parquet('{output}/sms/**/*.parquet', hive_partitioning = true)"));
    }

    [Fact]
    public async Task Call_legs_are_exported_like_the_other_tables_every_column_and_row()
    {
        await LoadIdempotencyTests.LandEverythingAsync(_fixture);
        await _fixture.LoadAsync();
        var output = _fixture.Combine("export");
        Assert.NotEqual("0", _fixture.One("SELECT count(*) FROM call_legs"));

        await using (var readOnly = WarehouseDatabase.OpenReadOnly(_fixture.DatabasePath))
            await ParquetExport.ExportAsync(readOnly, output, CancellationToken.None);

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "call_legs", "source=telgorithm", "day=2026-11-20"), "*.parquet"));
        var exported = $"read_parquet('{output}/call_legs/**/*.parquet', hive_partitioning = true)";
        // Every leg with every column as in the warehouse (source comes back last, from its partition, beside the added day).
        Assert.Equal(_fixture.Rows("SELECT * EXCLUDE (source), source FROM call_legs ORDER BY leg_id"), _fixture.Rows($"SELECT * EXCLUDE (day) FROM {exported} ORDER BY leg_id"));
    }

    public void Dispose() => _fixture.Dispose();
}
