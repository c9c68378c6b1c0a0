using Analytics.Warehouse.DuckDb;

namespace Analytics.Warehouse.Tests.DuckDb;

public sealed class DuckDbCommandTests : IDisposable
{
    private readonly DuckDbFile _file = new();

    [Fact]
    public void Executes_statements_and_reports_rows_changed()
    {
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (id INTEGER, name VARCHAR)";
        Assert.Equal(0, command.ExecuteNonQuery());
        command.CommandText = "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, NULL)";
        Assert.Equal(3, command.ExecuteNonQuery());
        command.CommandText = "SELECT count(*) FROM t WHERE name IS NOT NULL";
        Assert.Equal(2L, command.ExecuteScalar());
    }

    [Fact]
    public void Runs_every_statement_of_a_script_and_returns_the_last_result()
    {
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (id INTEGER); INSERT INTO t VALUES (1), (2); SELECT sum(id)::BIGINT FROM t;";
        Assert.Equal(3L, Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Reports_DuckDB_syntax_errors_with_DuckDB_message()
    {
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELEC 1";
        var error = Assert.Throws<DuckDbException>(() => command.ExecuteNonQuery());
        Assert.Contains("syntax error at or near \"SELEC\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(DuckDbErrorType.Parser, error.ErrorType);
    }

    [Fact]
    public void Reports_catalog_and_constraint_errors_with_their_type()
    {
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM missing_table";
        var missing = Assert.Throws<DuckDbException>(() => command.ExecuteReader());
        Assert.Contains("missing_table", missing.Message, StringComparison.Ordinal);
        Assert.Equal(DuckDbErrorType.Catalog, missing.ErrorType);

        command.CommandText = "CREATE TABLE k (id INTEGER PRIMARY KEY); INSERT INTO k VALUES (1);";
        command.ExecuteNonQuery();
        command.CommandText = "INSERT INTO k VALUES (1)";
        var duplicate = Assert.Throws<DuckDbException>(() => command.ExecuteNonQuery());
        Assert.Equal(DuckDbErrorType.Constraint, duplicate.ErrorType);
        Assert.Contains("Duplicate key", duplicate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_an_error_raised_while_streaming()
    {
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT CAST(CASE WHEN i < 500000 THEN '1' ELSE 'x' END AS INTEGER) AS v FROM range(600000) t(i)";
        var error = Assert.Throws<DuckDbException>(() =>
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
                _ = reader.GetInt32(0);
        });
        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
        Assert.Equal(DuckDbErrorType.Conversion, error.ErrorType);
    }

    public void Dispose() => _file.Dispose();
}
