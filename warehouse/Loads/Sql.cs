using System.Data.Common;

namespace Analytics.Warehouse.Loads;

/// <summary>
/// Thin execution helpers: the loader's SQL is generated text (no user values), run as scripts. A statement that
/// fails because the token was cancelled (DuckDB interrupted, or the Arrow stream it read was abandoned) is an
/// <see cref="OperationCanceledException"/>, as callers of a cancelled operation expect.
/// </summary>
internal static class Sql
{
    public static Task ExecAsync(DbConnection connection, string sql, CancellationToken cancellationToken) =>
        RunAsync(connection, sql, c => c.ExecuteNonQueryAsync(cancellationToken), cancellationToken);

    public static Task<long> LongAsync(DbConnection connection, string sql, CancellationToken cancellationToken) =>
        RunAsync(connection, sql, async c =>
        {
            var value = await c.ExecuteScalarAsync(cancellationToken);
            return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    public static Task<List<(string A, string B)>> PairsAsync(DbConnection connection, string sql, CancellationToken cancellationToken) =>
        RowsAsync(connection, sql, r => (r.GetString(0), r.GetString(1)), cancellationToken);

    public static Task<List<(long A, long B)>> LongPairsAsync(DbConnection connection, string sql, CancellationToken cancellationToken) =>
        RowsAsync(connection, sql, r => (r.GetInt64(0), r.GetInt64(1)), cancellationToken);

    public static Task<List<T>> RowsAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> row, CancellationToken cancellationToken) =>
        RunAsync(connection, sql, async c =>
        {
            await using var reader = await c.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
                rows.Add(row(reader));
            return rows;
        }, cancellationToken);

    private static async Task<T> RunAsync<T>(DbConnection connection, string sql, Func<DbCommand, Task<T>> run, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        try
        {
            return await run(command);
        }
        catch (DbException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the load was cancelled", ex, cancellationToken);
        }
    }
}
