using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Analytics.Warehouse.DuckDb.Native;

namespace Analytics.Warehouse.DuckDb;

/// <summary>
/// One vector of a data chunk: its raw data and validity mask, read in place (no copies, no boxing for
/// the typed accessors). Valid only while the chunk that owns it is alive.
/// </summary>
internal readonly unsafe struct VectorView(nint vector, ColumnType type)
{
    public nint Vector { get; } = vector;

    public ColumnType Type { get; } = type;

    public void* Data { get; } = NativeMethods.VectorGetData(vector);

    public ulong* Validity { get; } = NativeMethods.VectorGetValidity(vector);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsNull(int row) => Validity != null && (Validity[row >> 6] & (1UL << (row & 63))) == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Read<T>(int row)
        where T : unmanaged => ((T*)Data)[row];

    public ReadOnlySpan<byte> Bytes(int row) => DuckDbStringT.Bytes((DuckDbStringT*)Data + row);

    public string ReadString(int row) => Encoding.UTF8.GetString(Bytes(row));

    public long ReadInt64(int row) => Type.Type switch
    {
        DuckDbType.BigInt => Read<long>(row),
        DuckDbType.Integer => Read<int>(row),
        DuckDbType.SmallInt => Read<short>(row),
        DuckDbType.TinyInt => Read<sbyte>(row),
        DuckDbType.UTinyInt => Read<byte>(row),
        DuckDbType.USmallInt => Read<ushort>(row),
        DuckDbType.UInteger => Read<uint>(row),
        DuckDbType.UBigInt => checked((long)Read<ulong>(row)),
        DuckDbType.HugeInt => checked((long)Read<DuckDbHugeInt>(row).ToInt128()),
        DuckDbType.UHugeInt => checked((long)(UInt128)Read<DuckDbHugeInt>(row).ToInt128()),
        DuckDbType.Boolean => Read<byte>(row),
        DuckDbType.Decimal => checked((long)ReadDecimal(row)),
        DuckDbType.Float => checked((long)Read<float>(row)),
        DuckDbType.Double => checked((long)Read<double>(row)),
        _ => throw Mismatch(typeof(long)),
    };

    public Int128 ReadInt128(int row) => Type.Type switch
    {
        DuckDbType.HugeInt => Read<DuckDbHugeInt>(row).ToInt128(),
        DuckDbType.UHugeInt => checked((Int128)(UInt128)Read<DuckDbHugeInt>(row).ToInt128()),
        DuckDbType.UBigInt => Read<ulong>(row),
        _ => ReadInt64(row),
    };

    public BigInteger ReadBigInteger(int row) => Type.Type == DuckDbType.UHugeInt
        ? (BigInteger)(UInt128)Read<DuckDbHugeInt>(row).ToInt128()
        : (BigInteger)ReadInt128(row);

    public double ReadDouble(int row) => Type.Type switch
    {
        DuckDbType.Double => Read<double>(row),
        DuckDbType.Float => Read<float>(row),
        DuckDbType.Decimal => (double)ReadDecimal(row),
        DuckDbType.HugeInt or DuckDbType.UHugeInt => (double)ReadBigInteger(row),
        DuckDbType.UBigInt => Read<ulong>(row),
        _ => ReadInt64(row),
    };

    public decimal ReadDecimal(int row)
    {
        if (Type.Type != DuckDbType.Decimal)
        {
            return Type.Type switch
            {
                DuckDbType.Double => (decimal)Read<double>(row),
                DuckDbType.Float => (decimal)Read<float>(row),
                DuckDbType.HugeInt or DuckDbType.UHugeInt => (decimal)ReadBigInteger(row),
                DuckDbType.UBigInt => Read<ulong>(row),
                _ => ReadInt64(row),
            };
        }

        Int128 unscaled = Type.Storage switch
        {
            DuckDbType.SmallInt => Read<short>(row),
            DuckDbType.Integer => Read<int>(row),
            DuckDbType.BigInt => Read<long>(row),
            _ => Read<DuckDbHugeInt>(row).ToInt128(),
        };
        return DecimalCodec.FromUnscaled(unscaled, Type.Scale);
    }

    public DateTime ReadDateTime(int row) => Type.Type switch
    {
        DuckDbType.Timestamp => TemporalCodec.FromMicros(Read<long>(row), DateTimeKind.Unspecified),
        DuckDbType.TimestampTz => TemporalCodec.FromMicros(Read<long>(row), DateTimeKind.Utc),
        DuckDbType.TimestampS => TemporalCodec.FromMicros(TemporalCodec.SecondsToMicros(Read<long>(row)), DateTimeKind.Unspecified),
        DuckDbType.TimestampMs => TemporalCodec.FromMicros(TemporalCodec.MillisToMicros(Read<long>(row)), DateTimeKind.Unspecified),
        DuckDbType.TimestampNs => TemporalCodec.FromNanos(Read<long>(row)),
        DuckDbType.Date => ReadDate(row).ToDateTime(TimeOnly.MinValue),
        _ => throw Mismatch(typeof(DateTime)),
    };

    public DateTimeOffset ReadDateTimeOffset(int row) =>
        new(DateTime.SpecifyKind(ReadDateTime(row), DateTimeKind.Utc));

    public DateOnly ReadDate(int row) => Type.Type == DuckDbType.Date
        ? TemporalCodec.FromDays(Read<int>(row))
        : DateOnly.FromDateTime(ReadDateTime(row));

    public TimeOnly ReadTime(int row) => Type.Type == DuckDbType.Time
        ? new TimeOnly(Read<long>(row) * TimeSpan.TicksPerMicrosecond)
        : throw Mismatch(typeof(TimeOnly));

    public DuckDbInterval ReadInterval(int row)
    {
        if (Type.Type == DuckDbType.Time)
            return DuckDbInterval.FromTimeSpan(ReadTime(row).ToTimeSpan());
        if (Type.Type != DuckDbType.Interval)
            throw Mismatch(typeof(DuckDbInterval));
        var value = Read<DuckDbIntervalStruct>(row);
        return new DuckDbInterval(value.Months, value.Days, value.Micros);
    }

    public Guid ReadGuid(int row)
    {
        if (Type.Type is DuckDbType.Varchar)
            return Guid.Parse(ReadString(row));
        if (Type.Type != DuckDbType.Uuid)
            throw Mismatch(typeof(Guid));

        // UUIDs are stored as a HUGEINT with the top bit flipped so they sort as unsigned.
        var value = Read<DuckDbHugeInt>(row);
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)value.Upper ^ 0x8000_0000_0000_0000UL);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], value.Lower);
        return new Guid(bytes, bigEndian: true);
    }

    public string ReadEnum(int row) => Type.EnumValues[Type.Storage switch
    {
        DuckDbType.UTinyInt => Read<byte>(row),
        DuckDbType.USmallInt => Read<ushort>(row),
        _ => (int)Read<uint>(row),
    }];

    public VectorView Child(int index) => Type.Type switch
    {
        DuckDbType.List or DuckDbType.Map => new VectorView(NativeMethods.ListVectorGetChild(Vector), ListChildType()),
        DuckDbType.Array => new VectorView(NativeMethods.ArrayVectorGetChild(Vector), Type.Children[0]),
        _ => new VectorView(NativeMethods.StructVectorGetChild(Vector, (ulong)index), Type.Children[index]),
    };

    public InvalidCastException Mismatch(Type wanted) =>
        new($"cannot read a DuckDB {Type.SqlName} value as {wanted.Name}");

    private ColumnType ListChildType() => Type.MapEntry ?? Type.Children[0];
}
