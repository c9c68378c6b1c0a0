using System.Data.Common;

namespace Analytics.Warehouse.Loads;

/// <summary>Thin execution helpers: the loader's SQL is generated text (no user values), run as scripts.</summary>
internal static class Sql
{
    public static async Task ExecAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<long> LongAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static Task<List<(string A, string B)>> PairsAsync(DbConnection connection, string sql, CancellationToken cancellationToken) =>
        RowsAsync(connection, sql, r => (r.GetString(0), r.GetString(1)), cancellationToken);

    public static Task<List<(long A, long B)>> LongPairsAsync(DbConnection connection, string sql, CancellationToken cancellationToken) =>
        RowsAsync(connection, sql, r => (r.GetInt64(0), r.GetInt64(1)), cancellationToken);

    public static async Task<List<T>> RowsAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> row, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(row(reader));
        return rows;
    }
}
