using System.Globalization;
using System.Text;
using Analytics.Warehouse.DuckDb.Native;

namespace Analytics.Warehouse.DuckDb;

/// <summary>
/// Formats a vector value the way DuckDB casts it to VARCHAR: <c>[1, 2]</c> for lists, <c>{'a': 1}</c>
/// for structs, <c>{k=v}</c> for maps, ISO dates and times, and NULL inside nested values.
/// </summary>
internal static class ValueText
{
    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create("[]{}(),:='\"\\");

    public static string Format(VectorView vector, int row)
    {
        if (vector.Type.Type is DuckDbType.Varchar)
            return vector.ReadString(row);
        var text = new StringBuilder();
        Append(text, vector, row, nested: false);
        return text.ToString();
    }

    private static void Append(StringBuilder text, VectorView v, int row, bool nested)
    {
        if (v.IsNull(row))
        {
            text.Append("NULL");
            return;
        }

        var invariant = CultureInfo.InvariantCulture;
        switch (v.Type.Type)
        {
            case DuckDbType.Boolean:
                text.Append(v.Read<byte>(row) != 0 ? "true" : "false");
                break;
            case DuckDbType.TinyInt or DuckDbType.SmallInt or DuckDbType.Integer or DuckDbType.BigInt
                or DuckDbType.UTinyInt or DuckDbType.USmallInt or DuckDbType.UInteger:
                text.Append(v.ReadInt64(row).ToString(invariant));
                break;
            case DuckDbType.UBigInt or DuckDbType.HugeInt or DuckDbType.UHugeInt:
                text.Append(v.ReadBigInteger(row).ToString(invariant));
                break;
            case DuckDbType.Float:
                text.Append(FormatFloating(v.Read<float>(row), v.Read<float>(row).ToString("R", invariant)));
                break;
            case DuckDbType.Double:
                text.Append(FormatFloating(v.Read<double>(row), v.Read<double>(row).ToString("R", invariant)));
                break;
            case DuckDbType.Decimal:
                text.Append(v.ReadDecimal(row).ToString(invariant));
                break;
            case DuckDbType.Varchar:
                AppendString(text, v.ReadString(row), nested);
                break;
            case DuckDbType.Enum:
                AppendString(text, v.ReadEnum(row), nested);
                break;
            case DuckDbType.Blob or DuckDbType.Date or DuckDbType.Time or DuckDbType.Timestamp or DuckDbType.TimestampS
                or DuckDbType.TimestampMs or DuckDbType.TimestampNs or DuckDbType.TimestampTz or DuckDbType.Interval or DuckDbType.Uuid:
                // Inside lists and structs DuckDB quotes these like strings when their text needs it.
                AppendString(text, FormatScalar(v, row), nested);
                break;
            case DuckDbType.List or DuckDbType.Map:
                AppendList(text, v, row);
                break;
            case DuckDbType.Array:
                AppendArray(text, v, row);
                break;
            case DuckDbType.Struct:
                AppendStruct(text, v, row);
                break;
            case DuckDbType.Union:
                var member = v.Child(0).Read<byte>(row) + 1;
                Append(text, v.Child(member), row, nested);
                break;
            default:
                throw new NotSupportedException($"reading DuckDB {v.Type.SqlName} values is not supported");
        }
    }

    private static string FormatScalar(VectorView v, int row)
    {
        var invariant = CultureInfo.InvariantCulture;
        switch (v.Type.Type)
        {
            case DuckDbType.Blob:
                var blob = new StringBuilder();
                AppendBlob(blob, v.Bytes(row));
                return blob.ToString();
            case DuckDbType.Date:
                return v.ReadDate(row).ToString("yyyy-MM-dd", invariant);
            case DuckDbType.Time:
                return FormatTime(v.ReadTime(row).Ticks);
            case DuckDbType.TimestampTz:
                var utc = v.ReadDateTime(row);
                return utc.ToString("yyyy-MM-dd ", invariant) + FormatTime(utc.TimeOfDay.Ticks) + "+00";
            case DuckDbType.Interval:
                return FormatInterval(v.ReadInterval(row));
            case DuckDbType.Uuid:
                return v.ReadGuid(row).ToString("D");
            default:
                var timestamp = v.ReadDateTime(row);
                return timestamp.ToString("yyyy-MM-dd ", invariant) + FormatTime(timestamp.TimeOfDay.Ticks);
        }
    }

    private static unsafe void AppendList(StringBuilder text, VectorView v, int row)
    {
        var entry = v.Read<DuckDbListEntry>(row);
        var child = v.Child(0);
        var isMap = v.Type.Type == DuckDbType.Map;
        text.Append(isMap ? '{' : '[');
        for (var i = 0UL; i < entry.Length; i++)
        {
            if (i > 0)
                text.Append(", ");
            var index = (int)(entry.Offset + i);
            if (isMap)
            {
                Append(text, child.Child(0), index, nested: true);
                text.Append('=');
                Append(text, child.Child(1), index, nested: true);
            }
            else
            {
                Append(text, child, index, nested: true);
            }
        }

        text.Append(isMap ? '}' : ']');
    }

    private static void AppendArray(StringBuilder text, VectorView v, int row)
    {
        var child = v.Child(0);
        var size = (int)v.Type.ArraySize;
        text.Append('[');
        for (var i = 0; i < size; i++)
        {
            if (i > 0)
                text.Append(", ");
            Append(text, child, (row * size) + i, nested: true);
        }

        text.Append(']');
    }

    private static void AppendStruct(StringBuilder text, VectorView v, int row)
    {
        text.Append('{');
        for (var i = 0; i < v.Type.Children.Length; i++)
        {
            if (i > 0)
                text.Append(", ");
            text.Append('\'').Append(v.Type.ChildNames[i].Replace("'", "''", StringComparison.Ordinal)).Append("': ");
            Append(text, v.Child(i), row, nested: true);
        }

        text.Append('}');
    }

    /// <summary>Inside nested values DuckDB quotes strings only where they would otherwise be ambiguous.</summary>
    private static void AppendString(StringBuilder text, string value, bool nested)
    {
        if (!nested || !NeedsQuotes(value))
        {
            text.Append(value);
            return;
        }

        text.Append('\'').Append(value.Replace("'", "\\'", StringComparison.Ordinal)).Append('\'');
    }

    private static bool NeedsQuotes(string value) =>
        value.Length == 0 || value == "NULL" || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])
        || value.AsSpan().IndexOfAny(Special) >= 0;

    private static void AppendBlob(StringBuilder text, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is >= 32 and < 127 and not (byte)'\\' and not (byte)'\'' and not (byte)'"')
                text.Append((char)b);
            else
                text.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}");
        }
    }

    /// <summary>Shortest round-trip digits as DuckDB prints them: <c>2.0</c>, <c>1.5</c>, <c>1e+300</c>, <c>nan</c>.</summary>
    private static string FormatFloating(double value, string roundTrip)
    {
        if (double.IsNaN(value))
            return "nan";
        if (double.IsInfinity(value))
            return value > 0 ? "inf" : "-inf";
        var exponent = roundTrip.IndexOf('E', StringComparison.Ordinal);
        if (exponent < 0)
            return roundTrip.Contains('.', StringComparison.Ordinal) ? roundTrip : roundTrip + ".0";
        var digits = roundTrip[(exponent + 2)..].PadLeft(2, '0');
        return string.Concat(roundTrip.AsSpan(0, exponent), "e", roundTrip.AsSpan(exponent + 1, 1), digits);
    }

    /// <summary>HH:mm:ss with the fraction of a second trimmed of trailing zeros, as DuckDB prints it.</summary>
    private static string FormatTime(long ticks)
    {
        var time = TimeSpan.FromTicks(ticks);
        var whole = string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:D2}:{time.Minutes:D2}:{time.Seconds:D2}");
        var micros = (ticks % TimeSpan.TicksPerSecond) / TimeSpan.TicksPerMicrosecond;
        return micros == 0 ? whole : whole + "." + micros.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    private static string FormatInterval(DuckDbInterval interval)
    {
        var parts = new List<string>();
        var years = interval.Months / 12;
        var months = interval.Months % 12;
        if (years != 0)
            parts.Add(Unit(years, "year"));
        if (months != 0)
            parts.Add(Unit(months, "month"));
        if (interval.Days != 0)
            parts.Add(Unit(interval.Days, "day"));
        if (interval.Micros != 0 || parts.Count == 0)
        {
            var negative = interval.Micros < 0;
            var time = FormatTime(Math.Abs(interval.Micros) * TimeSpan.TicksPerMicrosecond);
            parts.Add(negative ? "-" + time : time);
        }

        return string.Join(' ', parts);
    }

    private static string Unit(int value, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{value} {unit}{(Math.Abs(value) == 1 ? string.Empty : "s")}");
}
