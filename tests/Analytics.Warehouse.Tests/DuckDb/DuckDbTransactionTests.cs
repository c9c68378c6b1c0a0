using Analytics.Warehouse.DuckDb;

namespace Analytics.Warehouse.Tests.DuckDb;

public sealed class DuckDbTransactionTests : IDisposable
{
    private readonly DuckDbFile _file = new();

    [Fact]
    public void Commit_makes_changes_visible_to_other_connections()
    {
        using var writer = Seeded();
        using var transaction = writer.BeginTransaction();
        DuckDbTestSql.Execute(writer, "INSERT INTO t VALUES (2)");
        using var reader = _file.Open();
        Assert.Equal(1L, Count(reader));
        transaction.Commit();
        Assert.Equal(2L, Count(reader));
    }

    [Fact]
    public void Rollback_discards_changes()
    {
        using var connection = Seeded();
        using var transaction = connection.BeginTransaction();
        DuckDbTestSql.Execute(connection, "INSERT INTO t VALUES (2)");
        transaction.Rollback();
        Assert.Equal(1L, Count(connection));
    }

    [Fact]
    public void Disposing_without_commit_rolls_back()
    {
        using var connection = Seeded();
        using (connection.BeginTransaction())
            DuckDbTestSql.Execute(connection, "INSERT INTO t VALUES (2)");
        Assert.Equal(1L, Count(connection));
        using var again = connection.BeginTransaction();
        again.Commit();
    }

    [Fact]
    public void Closing_the_connection_rolls_back_an_open_transaction()
    {
        using (var connection = Seeded())
        {
            connection.BeginTransaction();
            DuckDbTestSql.Execute(connection, "INSERT INTO t VALUES (2)");
        }

        using var reopened = _file.Open();
        Assert.Equal(1L, Count(reopened));
    }

    [Fact]
    public void Committing_twice_fails()
    {
        using var connection = Seeded();
        var transaction = connection.BeginTransaction();
        transaction.Commit();
        Assert.Throws<InvalidOperationException>(transaction.Commit);
    }

    private DuckDbConnection Seeded()
    {
        var connection = _file.Open();
        DuckDbTestSql.Execute(connection, "CREATE TABLE IF NOT EXISTS t (id INTEGER); DELETE FROM t; INSERT INTO t VALUES (1);");
        return connection;
    }

    private static object? Count(DuckDbConnection connection)
    {
        using var command = new DuckDbCommand("SELECT count(*) FROM t", connection);
        return command.ExecuteScalar();
    }

    public void Dispose() => _file.Dispose();
}
