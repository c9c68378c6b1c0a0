using DuckDB.NET.Data;
using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Tests.Mapping;

public sealed class MacrosTests : IDisposable
{
    private readonly DuckDBConnection _connection = new("DataSource=:memory:");

    public MacrosTests()
    {
        _connection.Open();
        using var macros = _connection.CreateCommand();
        macros.CommandText = SqlTemplates.Get("macros");
        macros.ExecuteNonQuery();
    }

    // an_utc's fast paths skip ICU's TIMESTAMPTZ parser: they must give what that parser gives, NULL included.
    [Theory]
    [InlineData("2026-11-20 10:00:00")]
    [InlineData("2026-11-20T10:00:00Z")]
    [InlineData("2026-11-20T10:00:00.123Z")]
    [InlineData("2026-11-20T10:00:00.123456Z")]
    [InlineData("2026-12-31T23:59:59.999Z")]
    [InlineData("2026-11-20T10:00:00.12Z")]
    [InlineData("2026-11-20T10:00:00.1234Z")]
    [InlineData("2026-11-20T10:00:00+01:00")]
    [InlineData("2026-11-20T10:00+01")]
    [InlineData("2026-11-20 10:00-05")]
    [InlineData(" 2026-11-20T10:00:00Z")]
    [InlineData("2026-11-20 10:00:00Z")]
    [InlineData("2026-11-20T10:00:00z")]
    [InlineData("2026-11-20T25:00:00Z")]
    [InlineData("2026-02-30T10:00:00Z")]
    [InlineData("2026-11-20T10:00:00.abcZ")]
    [InlineData("xxxx-xx-xxTxx:xx:xxZ")]
    [InlineData("2026-11-20 25:00:00")]
    [InlineData("2026-11-2é 10:00:00")]
    [InlineData("2026-11-é 10:00:00")]
    [InlineData("2026-11-20T10:00:00")]
    [InlineData("0000-00-00 00:00:01")]
    public void Utc_times_read_as_ICU_reads_them(string text)
    {
        Assert.Equal(Scalar("SELECT CAST(TRY_CAST(trim($v) AS TIMESTAMPTZ) AS VARCHAR)", text), Scalar("SELECT CAST(an_utc($v) AS VARCHAR)", text));
    }

    [Theory]
    [InlineData("0000-00-00 00:00:00")]
    [InlineData("")]
    [InlineData("   ")]
    public void Zero_and_blank_times_are_no_time(string text) => Assert.Null(Scalar("SELECT CAST(an_utc($v) AS VARCHAR)", text));

    // an_trim skips trim() for ASCII values with no space at either end: it must trim exactly what trim() trims
    // (Unicode spaces, not tabs or newlines), wherever the value is ASCII or not.
    [Theory]
    [InlineData("1500000000")]
    [InlineData(" 1500000000")]
    [InlineData("1500000000 ")]
    [InlineData("  a b  ")]
    [InlineData("\ta\n")]
    [InlineData("\u00A0a")]
    [InlineData("a\u3000")]
    [InlineData("\u2009a\u202F")]
    [InlineData("é ")]
    [InlineData(" é")]
    [InlineData("é")]
    [InlineData("")]
    [InlineData(" ")]
    public void An_trim_trims_what_trim_trims(string text)
    {
        Assert.Equal(Scalar("SELECT trim($v)", text), Scalar("SELECT an_trim($v)", text));
    }

    [Fact]
    public void An_trim_of_null_is_null() => Assert.Null(Scalar("SELECT an_trim(CAST($v AS VARCHAR))", null));

    private string? Scalar(string sql, string? value)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(new DuckDBParameter("v", value));
        return command.ExecuteScalar() as string;
    }

    public void Dispose() => _connection.Dispose();
}
