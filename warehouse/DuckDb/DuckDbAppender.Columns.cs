using System.Globalization;
using Analytics.Warehouse.DuckDb.Native;

namespace Analytics.Warehouse.DuckDb;

/// <summary>Column cursor and conversions shared by the typed appends.</summary>
public sealed partial class DuckDbAppender
{
    /// <summary>Writes an integer to a column of integer storage, failing (not wrapping) when it is out of range.</summary>
    private void WriteInteger(AppendTarget column, DuckDbType storage, Int128 value, Type source)
    {
        try
        {
            switch (storage)
            {
                case DuckDbType.Boolean: column.Write(_row, value != 0 ? (byte)1 : (byte)0); break;
                case DuckDbType.TinyInt: column.Write(_row, checked((sbyte)value)); break;
                case DuckDbType.SmallInt: column.Write(_row, checked((short)value)); break;
                case DuckDbType.Integer: column.Write(_row, checked((int)value)); break;
                case DuckDbType.BigInt: column.Write(_row, checked((long)value)); break;
                case DuckDbType.UTinyInt: column.Write(_row, checked((byte)value)); break;
                case DuckDbType.USmallInt: column.Write(_row, checked((ushort)value)); break;
                case DuckDbType.UInteger: column.Write(_row, checked((uint)value)); break;
                case DuckDbType.UBigInt: column.Write(_row, checked((ulong)value)); break;
                case DuckDbType.HugeInt: column.Write(_row, new DuckDbHugeInt(value)); break;
                default: throw WrongType(source);
            }
        }
        catch (OverflowException)
        {
            throw WrongType(source, string.Create(CultureInfo.InvariantCulture, $"{value} is out of range"));
        }
    }

    /// <summary>The target of the next value; advances the column so the caller only writes.</summary>
    private AppendTarget Next()
    {
        EnsureOpen();
        if (_column >= _types.Length)
        {
            throw Fault(new DuckDbException(string.Create(CultureInfo.InvariantCulture,
                $"appender for {_table}: the row already has all {_types.Length} column(s); call EndRow"), DuckDbErrorType.InvalidInput));
        }

        return _targets[_column++];
    }

    /// <summary>Steps back one column so an overload can delegate to another after inspecting the target type.</summary>
    private DuckDbAppender Rewind()
    {
        _column--;
        return this;
    }

    private DuckDbException WrongType(Type source, string? detail = null)
    {
        var index = _column - 1;
        var message = string.Create(CultureInfo.InvariantCulture,
            $"appender for {_table}: column {index + 1} ({_types[index].SqlName}) cannot take a {source.Name}{(detail is null ? string.Empty : ": " + detail)}");
        return Fault(new DuckDbException(message, DuckDbErrorType.MismatchType));
    }
}
