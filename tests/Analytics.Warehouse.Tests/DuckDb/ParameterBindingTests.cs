using Analytics.Warehouse.DuckDb;

namespace Analytics.Warehouse.Tests.DuckDb;

public sealed class ParameterBindingTests : IDisposable
{
    private readonly DuckDbFile _file = new();
    private readonly DuckDbConnection _connection;

    public ParameterBindingTests() => _connection = _file.Open();

    [Fact]
    public void Binds_question_marks_by_position()
    {
        Assert.Equal("a-2", Scalar("SELECT ? || '-' || ?::VARCHAR", new DuckDbParameter("a"), new DuckDbParameter(2)));
    }

    [Fact]
    public void Binds_numbered_placeholders_by_position_and_reuses_them()
    {
        Assert.Equal(7L, Scalar("SELECT $2 - $1 + $2", new DuckDbParameter(1L), new DuckDbParameter(4L)));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("$id")]
    [InlineData("@id")]
    public void Binds_named_placeholders_whatever_the_prefix_of_the_parameter_name(string name)
    {
        Assert.Equal(15, Scalar("SELECT $id * $factor", new DuckDbParameter(name, 5), new DuckDbParameter("factor", 3)));
    }

    [Fact]
    public void Ignores_named_parameters_the_statement_does_not_use()
    {
        Assert.Equal(5, Scalar("SELECT $id", new DuckDbParameter("id", 5), new DuckDbParameter("unused", "x")));
    }

    [Fact]
    public void Reports_a_missing_value_with_DuckDB_message()
    {
        var error = Assert.Throws<DuckDbException>(() => Scalar("SELECT $id + $other", new DuckDbParameter("id", 5)));
        Assert.Contains("other", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binds_the_same_parameters_to_each_statement_of_a_script()
    {
        Assert.Equal(2L, Scalar(
            "CREATE TABLE p (v INTEGER); INSERT INTO p VALUES ($v), ($v + 1); SELECT count(*) FROM p WHERE v >= $v",
            new DuckDbParameter("v", 10)));
    }

    [Fact]
    public void Parameter_values_are_data_not_SQL()
    {
        const string Hostile = "'); DROP TABLE q; --";
        _connection.ExecuteInternal("CREATE TABLE q (v VARCHAR)");
        using (var insert = new DuckDbCommand("INSERT INTO q VALUES ($v)", _connection))
        {
            insert.Parameters.Add("v", Hostile);
            insert.ExecuteNonQuery();
        }

        Assert.Equal(Hostile, Scalar("SELECT v FROM q"));
    }

    [Fact]
    public void Rejects_unsupported_parameter_types()
    {
        Assert.Throws<NotSupportedException>(() => Scalar("SELECT $1", new DuckDbParameter(new object())));
    }

    private object? Scalar(string sql, params DuckDbParameter[] parameters)
    {
        using var command = new DuckDbCommand(sql, _connection);
        foreach (var parameter in parameters)
            command.Parameters.Add(parameter);
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _file.Dispose();
    }
}
