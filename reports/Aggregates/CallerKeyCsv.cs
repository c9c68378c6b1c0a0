namespace Analytics.Reports.Aggregates;

/// <summary>
/// Reads the (day, group, number) lines call_day_caller_keys.sql has DuckDB write: three integers per line, which
/// this parses from the bytes as they stream in (millions of lines; no line is held as a string).
/// </summary>
internal static class CallerKeyCsv
{
    public static async Task ReadAsync(string path, Action<long, long, long> line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[1 << 16];
            var fields = new long[3];
            var field = 0;
            var value = 0L;
            var negative = false;
            var digits = 0;
            var number = 1L;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    var b = buffer[i];
                    if (b is >= (byte)'0' and <= (byte)'9')
                    {
                        value = checked((value * 10) + (b - '0'));
                        digits++;
                    }
                    else if (b == '-' && digits == 0 && !negative)
                    {
                        negative = true;
                    }
                    else if (b == ',' || b == '\n')
                    {
                        if (digits == 0 || field > 2 || (b == '\n') != (field == 2))
                            throw new InvalidDataException($"{path}: line {number} is not three integers");
                        fields[field++] = negative ? -value : value;
                        value = 0;
                        digits = 0;
                        negative = false;
                        if (b == '\n')
                        {
                            line(fields[0], fields[1], fields[2]);
                            field = 0;
                            number++;
                        }
                    }
                    else if (b != '\r')
                    {
                        throw new InvalidDataException($"{path}: line {number} has '{(char)b}' where an integer was expected");
                    }
                }
            }

            if (digits != 0 || field != 0)
                throw new InvalidDataException($"{path}: the last line (line {number}) is cut short");
        }
    }
}
