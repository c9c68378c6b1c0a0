using System.Numerics;
using Analytics.Warehouse.DuckDb.Native;

namespace Analytics.Warehouse.DuckDb;

/// <summary>Typed access to the current row. Typed getters read vector memory directly; only GetValue boxes.</summary>
public sealed partial class DuckDbDataReader
{
    public override bool IsDBNull(int ordinal) => Column(ordinal).IsNull(_row);

    public override bool GetBoolean(int ordinal)
    {
        ref readonly var v = ref Valid(ordinal);
        return v.Type.Type == DuckDbType.Boolean ? v.Read<byte>(_row) != 0 : v.ReadInt64(_row) != 0;
    }

    public override byte GetByte(int ordinal) => checked((byte)Valid(ordinal).ReadInt64(_row));

    public override short GetInt16(int ordinal) => checked((short)Valid(ordinal).ReadInt64(_row));

    public override int GetInt32(int ordinal) => checked((int)Valid(ordinal).ReadInt64(_row));

    public override long GetInt64(int ordinal)
    {
        ref readonly var v = ref Valid(ordinal);
        return v.Type.Type == DuckDbType.BigInt ? v.Read<long>(_row) : v.ReadInt64(_row);
    }

    public override float GetFloat(int ordinal)
    {
        ref readonly var v = ref Valid(ordinal);
        return v.Type.Type == DuckDbType.Float ? v.Read<float>(_row) : (float)v.ReadDouble(_row);
    }

    public override double GetDouble(int ordinal)
    {
        ref readonly var v = ref Valid(ordinal);
        return v.Type.Type == DuckDbType.Double ? v.Read<double>(_row) : v.ReadDouble(_row);
    }

    public override decimal GetDecimal(int ordinal) => Valid(ordinal).ReadDecimal(_row);

    public override DateTime GetDateTime(int ordinal) => Valid(ordinal).ReadDateTime(_row);

    public override Guid GetGuid(int ordinal) => Valid(ordinal).ReadGuid(_row);

    public override char GetChar(int ordinal) => GetString(ordinal)[0];

    /// <summary>Text of any column: VARCHAR as stored, other types as DuckDB casts them to VARCHAR.</summary>
    public override string GetString(int ordinal)
    {
        ref readonly var v = ref Valid(ordinal);
        return v.Type.Type switch
        {
            DuckDbType.Varchar => v.ReadString(_row),
            DuckDbType.Enum => v.ReadEnum(_row),
            _ => ValueText.Format(v, _row),
        };
    }

    /// <summary>The UTF-8 bytes of a VARCHAR or BLOB value, without decoding or copying.</summary>
    public ReadOnlySpan<byte> GetBytesSpan(int ordinal)
    {
        ref readonly var v = ref Valid(ordinal);
        return v.Type.Type is DuckDbType.Varchar or DuckDbType.Blob ? v.Bytes(_row) : throw v.Mismatch(typeof(byte[]));
    }

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length)
    {
        var bytes = GetBytesSpan(ordinal);
        if (buffer is null)
            return bytes.Length;
        var available = Math.Max(0, bytes.Length - (int)dataOffset);
        var count = Math.Min(available, length);
        bytes.Slice((int)dataOffset, count).CopyTo(buffer.AsSpan(bufferOffset));
        return count;
    }

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = GetString(ordinal);
        if (buffer is null)
            return text.Length;
        var count = Math.Min(Math.Max(0, text.Length - (int)dataOffset), length);
        text.AsSpan((int)dataOffset, count).CopyTo(buffer.AsSpan(bufferOffset));
        return count;
    }

    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++)
            values[i] = GetValue(i);
        return count;
    }

    public override object GetValue(int ordinal)
    {
        ref readonly var v = ref Column(ordinal);
        if (v.IsNull(_row))
            return DBNull.Value;
        return v.Type.Type switch
        {
            DuckDbType.Boolean => v.Read<byte>(_row) != 0,
            DuckDbType.TinyInt => v.Read<sbyte>(_row),
            DuckDbType.SmallInt => v.Read<short>(_row),
            DuckDbType.Integer => v.Read<int>(_row),
            DuckDbType.BigInt => v.Read<long>(_row),
            DuckDbType.UTinyInt => v.Read<byte>(_row),
            DuckDbType.USmallInt => v.Read<ushort>(_row),
            DuckDbType.UInteger => v.Read<uint>(_row),
            DuckDbType.UBigInt => v.Read<ulong>(_row),
            DuckDbType.HugeInt or DuckDbType.UHugeInt => v.ReadBigInteger(_row),
            DuckDbType.Float => v.Read<float>(_row),
            DuckDbType.Double => v.Read<double>(_row),
            DuckDbType.Decimal => v.ReadDecimal(_row),
            DuckDbType.Varchar => v.ReadString(_row),
            DuckDbType.Enum => v.ReadEnum(_row),
            DuckDbType.Blob => v.Bytes(_row).ToArray(),
            DuckDbType.Date => v.ReadDate(_row),
            DuckDbType.Time => v.ReadTime(_row),
            DuckDbType.Timestamp or DuckDbType.TimestampS or DuckDbType.TimestampMs or DuckDbType.TimestampNs => v.ReadDateTime(_row),
            DuckDbType.TimestampTz => v.ReadDateTimeOffset(_row),
            DuckDbType.Interval => v.ReadInterval(_row) is { Months: 0 } exact ? exact.ToTimeSpan() : v.ReadInterval(_row),
            DuckDbType.Uuid => v.ReadGuid(_row),
            _ => ValueText.Format(v, _row),
        };
    }

    /// <summary>
    /// Typed reads without boxing for the common types, plus the conversions GetValue does not pick:
    /// DateTime for DATE, TimeSpan for TIME, Int128, DuckDbInterval, DateTimeOffset for TIMESTAMP.
    /// </summary>
    public override T GetFieldValue<T>(int ordinal)
    {
        if (typeof(T) == typeof(object))
            return (T)GetValue(ordinal);
        var nullable = Nullable.GetUnderlyingType(typeof(T));
        if (nullable is not null || !typeof(T).IsValueType)
        {
            if (IsDBNull(ordinal))
                return default!;
        }

        var target = nullable ?? typeof(T);
        ref readonly var v = ref Valid(ordinal);
        object? value = target switch
        {
            _ when target == typeof(long) => GetInt64(ordinal),
            _ when target == typeof(int) => GetInt32(ordinal),
            _ when target == typeof(short) => GetInt16(ordinal),
            _ when target == typeof(byte) => GetByte(ordinal),
            _ when target == typeof(sbyte) => checked((sbyte)v.ReadInt64(_row)),
            _ when target == typeof(ushort) => checked((ushort)v.ReadInt64(_row)),
            _ when target == typeof(uint) => checked((uint)v.ReadInt64(_row)),
            _ when target == typeof(ulong) => v.Type.Type == DuckDbType.UBigInt ? v.Read<ulong>(_row) : checked((ulong)v.ReadInt128(_row)),
            _ when target == typeof(Int128) => v.ReadInt128(_row),
            _ when target == typeof(UInt128) => (UInt128)v.ReadBigInteger(_row),
            _ when target == typeof(BigInteger) => v.ReadBigInteger(_row),
            _ when target == typeof(bool) => GetBoolean(ordinal),
            _ when target == typeof(double) => GetDouble(ordinal),
            _ when target == typeof(float) => GetFloat(ordinal),
            _ when target == typeof(decimal) => GetDecimal(ordinal),
            _ when target == typeof(string) => GetString(ordinal),
            _ when target == typeof(byte[]) => v.Bytes(_row).ToArray(),
            _ when target == typeof(DateOnly) => v.ReadDate(_row),
            _ when target == typeof(DateTime) => v.ReadDateTime(_row),
            _ when target == typeof(DateTimeOffset) => v.ReadDateTimeOffset(_row),
            _ when target == typeof(TimeOnly) => v.ReadTime(_row),
            _ when target == typeof(TimeSpan) => v.ReadInterval(_row).ToTimeSpan(),
            _ when target == typeof(DuckDbInterval) => v.ReadInterval(_row),
            _ when target == typeof(Guid) => v.ReadGuid(_row),
            _ => GetValue(ordinal),
        };
        return (T)value!;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private ref readonly VectorView Column(int ordinal)
    {
        // _row is -1 before the first Read and after the last, so one unsigned compare covers both.
        if ((uint)_row >= (uint)_chunkSize || _started)
            ThrowNoRow();
        return ref _vectors[ordinal];
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private ref readonly VectorView Valid(int ordinal)
    {
        ref readonly var v = ref Column(ordinal);
        if (v.IsNull(_row))
            ThrowNull(ordinal);
        return ref v;
    }

    private static void ThrowNoRow() => throw new InvalidOperationException("there is no current row; call Read first");

    private void ThrowNull(int ordinal) => throw new InvalidCastException($"column {_names[ordinal]} is NULL; check IsDBNull first");
}
