using System.Text;
using System.Data.Common;
using System.Globalization;

namespace Analytics.Jobs.Cli;

/// <summary>An aligned text table for people: header, rule, rows; numbers right-aligned, NULL shown as NULL.</summary>
internal static class QueryTable
{
    public static async Task WriteAsync(DbConnection connection, string sql, Stream output, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = reader.FieldCount;
        var headers = Enumerable.Range(0, columns).Select(reader.GetName).ToArray();
        var numeric = Enumerable.Range(0, columns).Select(i => IsNumeric(reader.GetFieldType(i))).ToArray();
        var zoned = Enumerable.Range(0, columns).Select(i => reader.GetDataTypeName(i).Equals("TimestampTz", StringComparison.OrdinalIgnoreCase)).ToArray();
        var rows = new List<string[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new string[columns];
            for (var i = 0; i < columns; i++)
                row[i] = reader.IsDBNull(i) ? "NULL" : Text(reader.GetValue(i), zoned[i]);
            rows.Add(row);
        }

        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < columns; i++)
                widths[i] = Math.Max(widths[i], row[i].Length);
        }

        var text = new StringBuilder();
        AppendRow(text, headers, widths, numeric);
        text.AppendJoin("-+-", widths.Select(w => new string('-', w))).Append('\n');
        foreach (var row in rows)
            AppendRow(text, row, widths, numeric);
        text.Append(rows.Count == 1 ? "(1 row)\n" : $"({rows.Count} rows)\n");

        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteAsync(text, cancellationToken);
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths, bool[] rightAligned)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
                line.Append(" | ");
            var cell = cells[i].ReplaceLineEndings(" ");
            line.Append(rightAligned[i] ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }

    // DuckDB's own text for the common types (what its CLI and COPY print): decimals with their scale (the provider's
    // decimal keeps it), timestamps without a 'T', TIMESTAMPTZ (read in UTC) with its offset.
    private static string Text(object cell, bool zoned) => cell switch
    {
        string text => text,
        decimal value => value.ToString(CultureInfo.InvariantCulture),
        DateTime value => Timestamp(value) + (zoned ? "+00" : ""),
        DateTimeOffset value => Timestamp(value.UtcDateTime) + "+00",
        DateOnly value => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool value => value ? "true" : "false",
        double value => value.ToString("R", CultureInfo.InvariantCulture),
        float value => value.ToString("R", CultureInfo.InvariantCulture),
        var value => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string Timestamp(DateTime value) =>
        value.ToString(value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    private static bool IsNumeric(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(sbyte)
        || type == typeof(byte) || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong)
        || type == typeof(float) || type == typeof(double) || type == typeof(decimal) || type == typeof(System.Numerics.BigInteger);
}
