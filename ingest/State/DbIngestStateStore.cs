using System.Data.Common;

namespace Analytics.Ingest.State;

/// <summary>
/// <see cref="IIngestStateStore"/> over the <c>ingest_state</c> table. Each call opens a connection from the factory,
/// does one statement and closes it, so the DuckDB write lock is held only for that instant.
/// </summary>
public sealed class DbIngestStateStore(Func<DbConnection> connect, TimeProvider? time = null) : IIngestStateStore
{
    /// <summary>The store over the warehouse file at <paramref name="path"/> (opened read-write per call, schema applied).</summary>
    public static DbIngestStateStore ForWarehouse(string path, TimeProvider? time = null) =>
        new(() => Analytics.Warehouse.WarehouseDatabase.OpenReadWrite(path), time);

    // Same definition as schema.sql; repeated here so the store works on a warehouse file that was never migrated.
    private const string Create = """
        CREATE TABLE IF NOT EXISTS ingest_state (
            source     VARCHAR NOT NULL,
            feed       VARCHAR NOT NULL,
            key        VARCHAR NOT NULL,
            value      VARCHAR,
            updated_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
            PRIMARY KEY (source, feed, key)
        )
        """;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private bool _created;

    public async Task<string?> GetAsync(string source, string feed, string key, CancellationToken cancellationToken)
    {
        var result = await RunAsync("SELECT value FROM ingest_state WHERE source = $source AND feed = $feed AND key = $key",
            source, feed, key, null, scalar: true, cancellationToken);
        return result as string;
    }

    public Task SetAsync(string source, string feed, string key, string value, CancellationToken cancellationToken) =>
        RunAsync("""
            INSERT INTO ingest_state (source, feed, key, value, updated_at) VALUES ($source, $feed, $key, $value, $updated_at)
            ON CONFLICT (source, feed, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """, source, feed, key, value, scalar: false, cancellationToken);

    public Task DeleteAsync(string source, string feed, string key, CancellationToken cancellationToken) =>
        RunAsync("DELETE FROM ingest_state WHERE source = $source AND feed = $feed AND key = $key",
            source, feed, key, null, scalar: false, cancellationToken);

    private async Task<object?> RunAsync(string sql, string source, string feed, string key, string? value, bool scalar, CancellationToken cancellationToken)
    {
        await using var connection = connect();
        if (connection.State != System.Data.ConnectionState.Open)
            await connection.OpenAsync(cancellationToken);
        if (!_created)
        {
            await using var create = connection.CreateCommand();
            create.CommandText = Create;
            await create.ExecuteNonQueryAsync(cancellationToken);
            _created = true;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "source", source);
        Add(command, "feed", feed);
        Add(command, "key", key);
        if (value is not null)
        {
            Add(command, "value", value);
            Add(command, "updated_at", _time.GetUtcNow());
        }

        if (scalar)
        {
            var result = await command.ExecuteScalarAsync(cancellationToken);
            return result is DBNull ? null : result;
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
        return null;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
