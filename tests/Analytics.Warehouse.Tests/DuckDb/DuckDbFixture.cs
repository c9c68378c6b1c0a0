using Analytics.Testing;
using Analytics.Warehouse.DuckDb;

namespace Analytics.Warehouse.Tests.DuckDb;

/// <summary>Opens connections to a fresh DuckDB file per test class instance.</summary>
public sealed class DuckDbFile : IDisposable
{
    private readonly TemporaryDirectory _directory = new("duckdb");

    public string Path => _directory.File("test.duckdb");

    public DuckDbConnection Open(bool readOnly = false)
    {
        var connection = new DuckDbConnection(DuckDbConnectionString.For(Path, readOnly));
        connection.Open();
        return connection;
    }

    public void Dispose() => _directory.Dispose();
}

/// <summary>Runs one statement for its effect: the tests' setup and writes.</summary>
internal static class DuckDbTestSql
{
    public static void Execute(DuckDbConnection connection, string sql)
    {
        using var command = new DuckDbCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
