using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using Analytics.Warehouse.DuckDb.Native;

namespace Analytics.Warehouse.DuckDb;

/// <summary>Typed appends: each writes the next column of the current row, converting to the column's type.</summary>
public sealed partial class DuckDbAppender
{
    public DuckDbAppender AppendNull()
    {
        Next().SetNull(_row);
        return this;
    }

    public DuckDbAppender Append(bool value) => AppendInteger(value ? 1 : 0, typeof(bool));

    public DuckDbAppender Append(sbyte value) => AppendInteger(value, typeof(sbyte));

    public DuckDbAppender Append(short value) => AppendInteger(value, typeof(short));

    public DuckDbAppender Append(int value)
    {
        if (_column < _types.Length && _types[_column].Type == DuckDbType.Integer)
        {
            Next().Write(_row, value);
            return this;
        }

        return AppendInteger(value, typeof(int));
    }

    public DuckDbAppender Append(long value)
    {
        // The common case (BIGINT column) skips the 128-bit range checks of the general path.
        if (_column < _types.Length && _types[_column].Type == DuckDbType.BigInt)
        {
            Next().Write(_row, value);
            return this;
        }

        return AppendInteger(value, typeof(long));
    }

    public DuckDbAppender Append(byte value) => AppendInteger(value, typeof(byte));

    public DuckDbAppender Append(ushort value) => AppendInteger(value, typeof(ushort));

    public DuckDbAppender Append(uint value) => AppendInteger(value, typeof(uint));

    public DuckDbAppender Append(ulong value) => AppendInteger(value, typeof(ulong));

    public DuckDbAppender Append(Int128 value) => AppendInteger(value, typeof(Int128));

    public DuckDbAppender Append(float value) => Append((double)value);

    public DuckDbAppender Append(double value)
    {
        var column = Next();
        switch (column.Type.Type)
        {
            case DuckDbType.Double:
                column.Write(_row, value);
                break;
            case DuckDbType.Float:
                column.Write(_row, (float)value);
                break;
            case DuckDbType.Decimal:
                return Rewind().Append((decimal)value);
            default:
                throw WrongType(typeof(double));
        }

        return this;
    }

    public DuckDbAppender Append(decimal value)
    {
        var column = Next();
        var type = column.Type;
        switch (type.Type)
        {
            case DuckDbType.Decimal:
                Int128 unscaled;
                try
                {
                    unscaled = DecimalCodec.Unscaled(value, type.Scale);
                }
                catch (InvalidCastException ex)
                {
                    throw WrongType(typeof(decimal), ex.Message);
                }

                WriteInteger(column, type.Storage, unscaled, typeof(decimal));
                break;
            case DuckDbType.Double:
                column.Write(_row, (double)value);
                break;
            case DuckDbType.Float:
                column.Write(_row, (float)value);
                break;
            default:
                throw WrongType(typeof(decimal));
        }

        return this;
    }

    public DuckDbAppender Append(string? value)
    {
        if (value is null)
            return AppendNull();
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        var rented = length > 256 ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> buffer = rented ?? stackalloc byte[256];
            var written = Encoding.UTF8.GetBytes(value, buffer);
            return AppendUtf8(buffer[..written], value);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public DuckDbAppender Append(byte[]? value) => value is null ? AppendNull() : AppendBlob(value);

    public DuckDbAppender AppendBlob(ReadOnlySpan<byte> value)
    {
        var column = Next();
        if (column.Type.Type is not (DuckDbType.Blob or DuckDbType.Varchar))
            throw WrongType(typeof(byte[]));
        column.WriteBytes(_row, value);
        return this;
    }

    public DuckDbAppender Append(DateOnly value)
    {
        var column = Next();
        if (column.Type.Type == DuckDbType.Date)
            column.Write(_row, TemporalCodec.ToDays(value));
        else
            return Rewind().Append(value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified));
        return this;
    }

    public DuckDbAppender Append(TimeOnly value)
    {
        var column = Next();
        if (column.Type.Type != DuckDbType.Time)
            throw WrongType(typeof(TimeOnly));
        column.Write(_row, value.Ticks / TimeSpan.TicksPerMicrosecond);
        return this;
    }

    /// <summary>TIMESTAMP takes the value as it is; TIMESTAMPTZ takes local times converted to UTC and others as UTC.</summary>
    public DuckDbAppender Append(DateTime value)
    {
        var column = Next();
        switch (column.Type.Type)
        {
            case DuckDbType.Timestamp or DuckDbType.TimestampTz:
                column.Write(_row, TemporalCodec.ToMicros(value));
                break;
            case DuckDbType.TimestampS:
                column.Write(_row, TemporalCodec.ToMicros(value) / 1_000_000);
                break;
            case DuckDbType.TimestampMs:
                column.Write(_row, TemporalCodec.ToMicros(value) / 1_000);
                break;
            case DuckDbType.TimestampNs:
                column.Write(_row, TemporalCodec.ToMicros(value) * 1_000);
                break;
            case DuckDbType.Date:
                column.Write(_row, TemporalCodec.ToDays(DateOnly.FromDateTime(value)));
                break;
            default:
                throw WrongType(typeof(DateTime));
        }

        return this;
    }

    public DuckDbAppender Append(DateTimeOffset value) => Append(value.UtcDateTime);

    public DuckDbAppender Append(TimeSpan value) => Append(DuckDbInterval.FromTimeSpan(value));

    public DuckDbAppender Append(DuckDbInterval value)
    {
        var column = Next();
        if (column.Type.Type != DuckDbType.Interval)
            throw WrongType(typeof(DuckDbInterval));
        column.Write(_row, new DuckDbIntervalStruct { Months = value.Months, Days = value.Days, Micros = value.Micros });
        return this;
    }

    public DuckDbAppender Append(Guid value)
    {
        var column = Next();
        if (column.Type.Type == DuckDbType.Varchar)
            return Rewind().Append(value.ToString("D"));
        if (column.Type.Type != DuckDbType.Uuid)
            throw WrongType(typeof(Guid));
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        var upper = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes) ^ 0x8000_0000_0000_0000UL;
        var lower = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        column.Write(_row, new DuckDbHugeInt { Lower = lower, Upper = (long)upper });
        return this;
    }

    /// <summary>Appends a value of any supported CLR type; null and DBNull append NULL.</summary>
    public DuckDbAppender AppendValue(object? value) => value switch
    {
        null or DBNull => AppendNull(),
        bool v => Append(v),
        sbyte v => Append(v),
        short v => Append(v),
        int v => Append(v),
        long v => Append(v),
        byte v => Append(v),
        ushort v => Append(v),
        uint v => Append(v),
        ulong v => Append(v),
        Int128 v => Append(v),
        BigInteger v => Append((Int128)v),
        float v => Append(v),
        double v => Append(v),
        decimal v => Append(v),
        string v => Append(v),
        byte[] v => Append(v),
        DateOnly v => Append(v),
        TimeOnly v => Append(v),
        DateTime v => Append(v),
        DateTimeOffset v => Append(v),
        TimeSpan v => Append(v),
        DuckDbInterval v => Append(v),
        Guid v => Append(v),
        _ => throw Fault(new DuckDbException($"appender for {_table}: cannot append a {value.GetType().Name}", DuckDbErrorType.MismatchType)),
    };

    private DuckDbAppender AppendUtf8(ReadOnlySpan<byte> utf8, string value)
    {
        var column = Next();
        switch (column.Type.Type)
        {
            case DuckDbType.Varchar or DuckDbType.Blob:
                column.WriteBytes(_row, utf8);
                return this;
            case DuckDbType.Enum:
                var index = Array.IndexOf(column.Type.EnumValues, value);
                if (index < 0)
                    throw WrongType(typeof(string), $"'{value}' is not a value of the ENUM");
                WriteInteger(column, column.Type.Storage, index, typeof(string));
                return this;
            default:
                throw WrongType(typeof(string));
        }
    }

    private DuckDbAppender AppendInteger(Int128 value, Type source)
    {
        var column = Next();
        var type = column.Type;
        switch (type.Type)
        {
            case DuckDbType.Decimal:
                var unscaled = value;
                for (var i = 0; i < type.Scale; i++)
                    unscaled *= 10;
                WriteInteger(column, type.Storage, unscaled, source);
                break;
            case DuckDbType.Double:
                column.Write(_row, (double)value);
                break;
            case DuckDbType.Float:
                column.Write(_row, (float)value);
                break;
            default:
                WriteInteger(column, type.Type, value, source);
                break;
        }

        return this;
    }
}
