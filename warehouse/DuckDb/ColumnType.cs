using System.Numerics;
using Analytics.Warehouse.DuckDb.Native;

namespace Analytics.Warehouse.DuckDb;

/// <summary>
/// What a reader or appender needs to know about a column's logical type, read once per result:
/// the type id, DECIMAL scale and storage, ENUM dictionary, and the child types of nested types.
/// </summary>
internal sealed class ColumnType
{
    private ColumnType(DuckDbType type) => Type = type;

    public DuckDbType Type { get; }

    /// <summary>For DECIMAL the integer type holding the unscaled value; for ENUM the index type.</summary>
    public DuckDbType Storage { get; private init; }

    public byte Width { get; private init; }

    public byte Scale { get; private init; }

    public string[] EnumValues { get; private init; } = [];

    /// <summary>LIST/ARRAY element type; MAP key and value types; STRUCT/UNION members.</summary>
    public ColumnType[] Children { get; private init; } = [];

    public string[] ChildNames { get; private init; } = [];

    public ulong ArraySize { get; private init; }

    /// <summary>For MAP: the STRUCT(key, value) type of the entries in its list child vector.</summary>
    public ColumnType? MapEntry { get; private init; }

    /// <summary>Reads <paramref name="logicalType"/> (not taken over; the caller destroys it).</summary>
    public static unsafe ColumnType From(nint logicalType)
    {
        var type = NativeMethods.GetTypeId(logicalType);
        switch (type)
        {
            case DuckDbType.Decimal:
                return new ColumnType(type)
                {
                    Storage = NativeMethods.DecimalInternalType(logicalType),
                    Width = NativeMethods.DecimalWidth(logicalType),
                    Scale = NativeMethods.DecimalScale(logicalType),
                };
            case DuckDbType.Enum:
                var size = NativeMethods.EnumDictionarySize(logicalType);
                var values = new string[size];
                for (var i = 0u; i < size; i++)
                {
                    var text = NativeMethods.EnumDictionaryValue(logicalType, i);
                    values[i] = NativeMethods.Utf8(text) ?? string.Empty;
                    NativeMethods.Free(text);
                }

                return new ColumnType(type) { Storage = NativeMethods.EnumInternalType(logicalType), EnumValues = values };
            case DuckDbType.List:
                return new ColumnType(type) { Children = [Child(NativeMethods.ListTypeChildType(logicalType))] };
            case DuckDbType.Array:
                return new ColumnType(type)
                {
                    Children = [Child(NativeMethods.ArrayTypeChildType(logicalType))],
                    ArraySize = NativeMethods.ArrayTypeArraySize(logicalType),
                };
            case DuckDbType.Map:
                ColumnType[] entry = [Child(NativeMethods.MapTypeKeyType(logicalType)), Child(NativeMethods.MapTypeValueType(logicalType))];
                return new ColumnType(type)
                {
                    Children = entry,
                    MapEntry = new ColumnType(DuckDbType.Struct) { Children = entry, ChildNames = ["key", "value"] },
                };
            case DuckDbType.Struct or DuckDbType.Union:
                var count = NativeMethods.StructTypeChildCount(logicalType);
                var children = new ColumnType[count];
                var names = new string[count];
                for (var i = 0UL; i < count; i++)
                {
                    var name = NativeMethods.StructTypeChildName(logicalType, i);
                    names[i] = NativeMethods.Utf8(name) ?? string.Empty;
                    NativeMethods.Free(name);
                    children[i] = Child(NativeMethods.StructTypeChildType(logicalType, i));
                }

                return new ColumnType(type) { Children = children, ChildNames = names };
            default:
                return new ColumnType(type);
        }
    }

    /// <summary>The CLR type <see cref="System.Data.Common.DbDataReader.GetValue"/> returns for this column.</summary>
    public Type ClrType => Type switch
    {
        DuckDbType.Boolean => typeof(bool),
        DuckDbType.TinyInt => typeof(sbyte),
        DuckDbType.SmallInt => typeof(short),
        DuckDbType.Integer => typeof(int),
        DuckDbType.BigInt => typeof(long),
        DuckDbType.UTinyInt => typeof(byte),
        DuckDbType.USmallInt => typeof(ushort),
        DuckDbType.UInteger => typeof(uint),
        DuckDbType.UBigInt => typeof(ulong),
        DuckDbType.HugeInt or DuckDbType.UHugeInt => typeof(BigInteger),
        DuckDbType.Float => typeof(float),
        DuckDbType.Double => typeof(double),
        DuckDbType.Decimal => typeof(decimal),
        DuckDbType.Blob => typeof(byte[]),
        DuckDbType.Date => typeof(DateOnly),
        DuckDbType.Time => typeof(TimeOnly),
        DuckDbType.Timestamp or DuckDbType.TimestampS or DuckDbType.TimestampMs or DuckDbType.TimestampNs => typeof(DateTime),
        DuckDbType.TimestampTz => typeof(DateTimeOffset),
        DuckDbType.Interval => typeof(TimeSpan),
        DuckDbType.Uuid => typeof(Guid),
        _ => typeof(string),
    };

    /// <summary>DuckDB's SQL name of the type, for error messages and schema tables.</summary>
    public string SqlName => Type switch
    {
        DuckDbType.Decimal => $"DECIMAL({Width},{Scale})",
        DuckDbType.TimestampTz => "TIMESTAMP WITH TIME ZONE",
        _ => Type.ToString().ToUpperInvariant(),
    };

    private static ColumnType Child(nint logicalType)
    {
        try
        {
            return From(logicalType);
        }
        finally
        {
            NativeMethods.DestroyLogicalType(ref logicalType);
        }
    }
}
