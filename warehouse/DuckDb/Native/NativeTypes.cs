using System.Runtime.InteropServices;

namespace Analytics.Warehouse.DuckDb.Native;

/// <summary>duckdb_type: the physical/logical type ids of the C API.</summary>
internal enum DuckDbType
{
    Invalid = 0,
    Boolean = 1,
    TinyInt = 2,
    SmallInt = 3,
    Integer = 4,
    BigInt = 5,
    UTinyInt = 6,
    USmallInt = 7,
    UInteger = 8,
    UBigInt = 9,
    Float = 10,
    Double = 11,
    Timestamp = 12,
    Date = 13,
    Time = 14,
    Interval = 15,
    HugeInt = 16,
    Varchar = 17,
    Blob = 18,
    Decimal = 19,
    TimestampS = 20,
    TimestampMs = 21,
    TimestampNs = 22,
    Enum = 23,
    List = 24,
    Struct = 25,
    Map = 26,
    Uuid = 27,
    Union = 28,
    Bit = 29,
    TimeTz = 30,
    TimestampTz = 31,
    UHugeInt = 32,
    Array = 33,
    Any = 34,
    BigNum = 35,
    SqlNull = 36,
    StringLiteral = 37,
    IntegerLiteral = 38,
    TimeNs = 39,
}

/// <summary>duckdb_result_type.</summary>
internal enum DuckDbResultType
{
    Invalid = 0,
    ChangedRows = 1,
    Nothing = 2,
    QueryResult = 3,
}

/// <summary>
/// duckdb_result: 48 bytes of deprecated fields plus the opaque internal pointer. Only ever handled by
/// pointer (it lives in native memory owned by <see cref="ResultHandle"/>) or copied by value into calls.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbResultStruct
{
    public ulong DeprecatedColumnCount;
    public ulong DeprecatedRowCount;
    public ulong DeprecatedRowsChanged;
    public nint DeprecatedColumns;
    public nint DeprecatedErrorMessage;
    public nint InternalData;
}

/// <summary>duckdb_hugeint / duckdb_uhugeint: two 64-bit halves, low first.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbHugeInt
{
    public ulong Lower;
    public long Upper;

    public DuckDbHugeInt(Int128 value)
    {
        Lower = (ulong)(value & ulong.MaxValue);
        Upper = (long)(value >> 64);
    }

    public readonly Int128 ToInt128() => new((ulong)Upper, Lower);
}

/// <summary>duckdb_decimal: width, scale and the unscaled value.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbDecimalStruct
{
    public byte Width;
    public byte Scale;
    public DuckDbHugeInt Value;
}

/// <summary>duckdb_interval.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbIntervalStruct
{
    public int Months;
    public int Days;
    public long Micros;
}

/// <summary>duckdb_list_entry: where a row's elements sit in the child vector.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct DuckDbListEntry
{
    public readonly ulong Offset;
    public readonly ulong Length;
}

/// <summary>
/// duckdb_string_t: 16 bytes. Length first; up to 12 bytes are inline after it, longer strings keep a
/// 4-byte prefix and then a pointer to the bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct DuckDbStringT
{
    private const int InlineLength = 12;

    public uint Length;
    public fixed byte Prefix[4];
    public byte* Pointer;

    /// <summary>The bytes of the string at <paramref name="value"/>, which must point into vector memory.</summary>
    public static ReadOnlySpan<byte> Bytes(DuckDbStringT* value)
    {
        var length = (int)value->Length;
        return length <= InlineLength
            ? new ReadOnlySpan<byte>(value->Prefix, length)
            : new ReadOnlySpan<byte>(value->Pointer, length);
    }
}
