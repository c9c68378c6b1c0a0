using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using Analytics.Warehouse.DuckDb.Native;

namespace Analytics.Warehouse.DuckDb;

/// <summary>Binds <see cref="DuckDbParameter"/> values to a prepared statement.</summary>
internal static unsafe class ParameterBinder
{
    /// <summary>
    /// Named parameters bind to <c>$name</c> through duckdb_bind_parameter_index; a named parameter the
    /// statement does not use is skipped (Dapper passes every property of its argument object). Unnamed
    /// parameters bind by position. DuckDB itself reports any placeholder left without a value.
    /// </summary>
    public static void Bind(PreparedStatementHandle statement, IReadOnlyList<DuckDbParameter> parameters)
    {
        var prepared = statement.Raw;
        var count = NativeMethods.ParameterCount(prepared);
        if (count == 0 || parameters.Count == 0)
            return;

        var position = 0UL;
        foreach (var parameter in parameters)
        {
            ulong index;
            if (parameter.BareName.Length == 0)
            {
                index = ++position;
                if (index > count)
                    throw new DuckDbException($"the statement takes {count} parameter(s) but more were given", DuckDbErrorType.InvalidInput);
            }
            else if (NativeMethods.BindParameterIndex(prepared, out index, parameter.BareName) != 0)
            {
                continue;
            }

            if (BindValue(prepared, index, parameter.Value) != 0)
            {
                var error = NativeMethods.Utf8(NativeMethods.PrepareError(prepared));
                throw new DuckDbException(
                    $"could not bind parameter {Describe(parameter, index)} ({parameter.Value?.GetType().Name}): {error}",
                    DuckDbErrorType.InvalidInput);
            }
        }
    }

    private static string Describe(DuckDbParameter parameter, ulong index) =>
        parameter.BareName.Length > 0 ? "$" + parameter.BareName : "$" + index.ToString(CultureInfo.InvariantCulture);

    private static int BindValue(nint p, ulong i, object? value) => value switch
    {
        null or DBNull => NativeMethods.BindNull(p, i),
        bool v => NativeMethods.BindBoolean(p, i, v ? (byte)1 : (byte)0),
        sbyte v => NativeMethods.BindInt8(p, i, v),
        short v => NativeMethods.BindInt16(p, i, v),
        int v => NativeMethods.BindInt32(p, i, v),
        long v => NativeMethods.BindInt64(p, i, v),
        byte v => NativeMethods.BindUInt8(p, i, v),
        ushort v => NativeMethods.BindUInt16(p, i, v),
        uint v => NativeMethods.BindUInt32(p, i, v),
        ulong v => NativeMethods.BindUInt64(p, i, v),
        Int128 v => NativeMethods.BindHugeInt(p, i, new DuckDbHugeInt(v)),
        UInt128 v => NativeMethods.BindUHugeInt(p, i, new DuckDbHugeInt((Int128)v)),
        BigInteger v when v >= (BigInteger)Int128.MinValue && v <= (BigInteger)Int128.MaxValue => NativeMethods.BindHugeInt(p, i, new DuckDbHugeInt((Int128)v)),
        BigInteger v => BindString(p, i, v.ToString(CultureInfo.InvariantCulture)),
        float v => NativeMethods.BindFloat(p, i, v),
        double v => NativeMethods.BindDouble(p, i, v),
        decimal v => NativeMethods.BindDecimal(p, i, DecimalCodec.ToNative(v)),
        string v => BindString(p, i, v),
        char v => BindString(p, i, v.ToString()),
        byte[] v => BindBlob(p, i, v),
        ReadOnlyMemory<byte> v => BindBlob(p, i, v.Span),
        DateOnly v => NativeMethods.BindDate(p, i, TemporalCodec.ToDays(v)),
        TimeOnly v => NativeMethods.BindTime(p, i, v.Ticks / TimeSpan.TicksPerMicrosecond),
        DateTime v => NativeMethods.BindTimestamp(p, i, TemporalCodec.ToMicros(v)),
        DateTimeOffset v => NativeMethods.BindTimestampTz(p, i, TemporalCodec.ToMicros(v.UtcDateTime)),
        TimeSpan v => BindInterval(p, i, DuckDbInterval.FromTimeSpan(v)),
        DuckDbInterval v => BindInterval(p, i, v),
        Guid v => BindString(p, i, v.ToString("D")),
        Enum v => NativeMethods.BindInt64(p, i, Convert.ToInt64(v, CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"DuckDB parameters cannot take a {value.GetType().FullName}"),
    };

    private static int BindInterval(nint p, ulong i, DuckDbInterval v) =>
        NativeMethods.BindInterval(p, i, new DuckDbIntervalStruct { Months = v.Months, Days = v.Days, Micros = v.Micros });

    private static int BindString(nint p, ulong i, string value)
    {
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        var rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> buffer = rented ?? stackalloc byte[512];
            var written = Encoding.UTF8.GetBytes(value, buffer);
            fixed (byte* bytes = buffer)
                return NativeMethods.BindVarchar(p, i, bytes, (ulong)written);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int BindBlob(nint p, ulong i, ReadOnlySpan<byte> value)
    {
        // A non-null pointer even for an empty blob: DuckDB copies length bytes from it.
        byte empty = 0;
        fixed (byte* bytes = value)
            return NativeMethods.BindBlob(p, i, value.IsEmpty ? &empty : bytes, (ulong)value.Length);
    }
}
