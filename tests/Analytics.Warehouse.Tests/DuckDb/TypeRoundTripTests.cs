using System.Numerics;
using Analytics.Warehouse.DuckDb;

namespace Analytics.Warehouse.Tests.DuckDb;

/// <summary>Every supported type: bound as a parameter, stored, read back through GetValue and the typed getters.</summary>
public sealed class TypeRoundTripTests : IDisposable
{
    private readonly DuckDbFile _file = new();
    private readonly DuckDbConnection _connection;

    public TypeRoundTripTests() => _connection = _file.Open();

    public static TheoryData<string, object> Values() => new()
    {
        { "BOOLEAN", true },
        { "TINYINT", (sbyte)-128 },
        { "SMALLINT", (short)-32768 },
        { "INTEGER", int.MinValue },
        { "BIGINT", long.MaxValue },
        { "HUGEINT", BigInteger.Parse("-170141183460469231731687303715884105728", System.Globalization.CultureInfo.InvariantCulture) },
        { "UTINYINT", (byte)255 },
        { "USMALLINT", (ushort)65535 },
        { "UINTEGER", uint.MaxValue },
        { "UBIGINT", ulong.MaxValue },
        { "FLOAT", 1.5f },
        { "DOUBLE", -2.25e300 },
        { "DECIMAL(4,1)", 123.4m },
        { "DECIMAL(9,4)", -12345.6789m },
        { "DECIMAL(18,6)", 123456789012.345678m },
        { "DECIMAL(38,10)", 1234567890123456789.0123456789m },
        { "VARCHAR", "héllo, wörld — a string longer than twelve bytes" },
        { "VARCHAR", "short" },
        { "BLOB", new byte[] { 0, 1, 2, 255 } },
        { "DATE", new DateOnly(1969, 7, 20) },
        { "TIME", new TimeOnly(23, 59, 58, 123, 456) },
        { "TIMESTAMP", new DateTime(2026, 3, 4, 5, 6, 7, 891).AddTicks(2340) },
        { "TIMESTAMPTZ", new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero) },
        { "INTERVAL", TimeSpan.FromHours(50.5) },
        { "UUID", Guid.Parse("c3f1e2a4-9b7d-4e1f-8a2b-0123456789ab") },
        { "UUID", Guid.Parse("03f1e2a4-9b7d-4e1f-8a2b-0123456789ab") },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Round_trips_a_value_and_a_null(string type, object value)
    {
        _connection.ExecuteInternal($"CREATE OR REPLACE TABLE v (x {type})");
        using (var insert = new DuckDbCommand("INSERT INTO v VALUES ($1), ($2)", _connection))
        {
            insert.Parameters.Add(new DuckDbParameter(value));
            insert.Parameters.Add(new DuckDbParameter(DBNull.Value));
            Assert.Equal(2, insert.ExecuteNonQuery());
        }

        using var select = new DuckDbCommand("SELECT x FROM v ORDER BY x NULLS LAST", _connection);
        using var reader = select.ExecuteReader();
        Assert.True(reader.Read());
        Assert.False(reader.IsDBNull(0));
        Assert.Equal(value, reader.GetValue(0));
        Assert.Equal(value.GetType(), reader.GetFieldType(0));
        Assert.Equal(value, typeof(DuckDbDataReader).GetMethod(nameof(reader.GetFieldValue))!.MakeGenericMethod(value.GetType()).Invoke(reader, [0]));
        Assert.True(reader.Read());
        Assert.True(reader.IsDBNull(0));
        Assert.Equal(DBNull.Value, reader.GetValue(0));
        Assert.False(reader.Read());
    }

    [Fact]
    public void Typed_getters_read_without_conversion_surprises()
    {
        using var reader = Query("""
            SELECT 42::INTEGER, 7::BIGINT, 2.5::DOUBLE, 12.345::DECIMAL(10,3), 'text', DATE '2026-01-02',
                   TIMESTAMP '2026-01-02 03:04:05.123456', TIMESTAMPTZ '2026-01-02 03:04:05+02', true, INTERVAL 3 DAY,
                   170141183460469231731687303715884105727::HUGEINT, TIME '01:02:03'
            """);
        Assert.Equal(42, reader.GetInt32(0));
        Assert.Equal(42L, reader.GetInt64(0));
        Assert.Equal(7L, reader.GetInt64(1));
        Assert.Equal(2.5, reader.GetDouble(2));
        Assert.Equal(12.345m, reader.GetDecimal(3));
        Assert.Equal(12.345, reader.GetDouble(3), 10);
        Assert.Equal("text", reader.GetString(4));
        Assert.Equal(new DateTime(2026, 1, 2), reader.GetDateTime(5));
        Assert.Equal(new DateOnly(2026, 1, 2), reader.GetFieldValue<DateOnly>(5));
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, 123, 456), reader.GetDateTime(6));
        var utc = reader.GetDateTime(7);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(new DateTime(2026, 1, 2, 1, 4, 5, DateTimeKind.Utc), utc);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 1, 4, 5, TimeSpan.Zero), reader.GetValue(7));
        Assert.True(reader.GetBoolean(8));
        Assert.Equal(TimeSpan.FromDays(3), reader.GetFieldValue<TimeSpan>(9));
        Assert.Equal(new DuckDbInterval(0, 3, 0), reader.GetFieldValue<DuckDbInterval>(9));
        Assert.Equal(Int128.MaxValue, reader.GetFieldValue<Int128>(10));
        Assert.Equal(new TimeSpan(1, 2, 3), reader.GetFieldValue<TimeOnly>(11).ToTimeSpan());
        Assert.Equal("INTEGER", reader.GetDataTypeName(0));
        Assert.Equal("DECIMAL(10,3)", reader.GetDataTypeName(3));
    }

    [Fact]
    public void Intervals_with_months_read_as_DuckDbInterval()
    {
        using var reader = Query("SELECT INTERVAL '1 year 2 months 3 days 04:05:06'");
        var expected = new DuckDbInterval(14, 3, ((4 * 3600) + (5 * 60) + 6) * 1_000_000L);
        Assert.Equal(expected, reader.GetValue(0));
        Assert.Throws<InvalidCastException>(() => reader.GetFieldValue<TimeSpan>(0));
        Assert.Equal("1 year 2 months 3 days 04:05:06", reader.GetString(0));
    }

    [Fact]
    public void Nested_and_enum_values_read_as_DuckDB_text()
    {
        _connection.ExecuteInternal("CREATE TYPE mood AS ENUM ('sad', 'happy')");
        using var reader = Query("""
            SELECT [1, 2, NULL], {'a': 1, 'b': 'x'}, MAP {'k': 10}, 'happy'::mood, [[1], []], ['a b', 'c'],
                   [1.5, 2]::DOUBLE[], array_value(1, 2, 3), {'d': DATE '2026-01-02'}
            """);
        Assert.Equal("[1, 2, NULL]", reader.GetString(0));
        Assert.Equal("{'a': 1, 'b': x}", reader.GetValue(1));
        Assert.Equal("{k=10}", reader.GetString(2));
        Assert.Equal("happy", reader.GetValue(3));
        Assert.Equal("[[1], []]", reader.GetString(4));
        Assert.Equal("[a b, c]", reader.GetString(5));
        Assert.Equal("[1.5, 2.0]", reader.GetString(6));
        Assert.Equal("[1, 2, 3]", reader.GetString(7));
        Assert.Equal("{'d': 2026-01-02}", reader.GetString(8));
        Assert.Equal(typeof(string), reader.GetFieldType(0));
    }

    [Fact]
    public void Nested_text_matches_DuckDB_own_cast_to_varchar()
    {
        const string Values = "[1, 2, NULL], {'a': 1, 'b': 'x y'}, MAP {'k': 10}, [[1], []], [1.5, 2]::DOUBLE[], [TIMESTAMP '2026-01-02 03:04:05.5']";
        using var reader = Query($"SELECT {Values}");
        using var cast = new DuckDbConnection("Data Source=:memory:");
        cast.Open();
        using var command = new DuckDbCommand($"SELECT COLUMNS(*)::VARCHAR FROM (SELECT {Values})", cast);
        using var expected = command.ExecuteReader();
        Assert.True(expected.Read());
        for (var i = 0; i < reader.FieldCount; i++)
            Assert.Equal(expected.GetString(i), reader.GetString(i));
    }

    private DuckDbDataReader Query(string sql)
    {
        using var command = new DuckDbCommand(sql, _connection);
        var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return reader;
    }

    public void Dispose()
    {
        _connection.Dispose();
        _file.Dispose();
    }
}
